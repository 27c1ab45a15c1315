/* crm-store-merge.c: merging two clients, and undoing it
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A merge keeps one client and deletes the other after moving its rows over.
 * What undo needs is saved in the merges table as JSON: both company rows as
 * they were (every column, read from the schema so that columns added later
 * come along), which fields were taken, and the ids of every row that moved.
 */

#define G_LOG_DOMAIN "crm-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "crm-merge.h"
#include "crm-store-private.h"

/* Each field a user can pick, and the columns that carry it (the sort key,
 * rank and lookup copies travel with the value) */
static const struct
{
  const char *field;
  const char *columns[4];
} merge_fields[] = {
  { "name",       { "name", "sort_name", "name_key", NULL } },
  { "legal_name", { "legal_name", NULL } },
  { "tax_id",     { "tax_id", NULL } },
  { "status",     { "status_id", "status_rank", NULL } },
  { "industry",   { "industry_id", "industry_rank", NULL } },
  { "region",     { "region_id", "region_rank", NULL } },
  { "source",     { "source_id", NULL } },
  { "manager",    { "manager_id", "manager_rank", NULL } },
  { "city",       { "city", "sort_city", NULL } },
  { "address",    { "address", NULL } },
  { "website",    { "website", "website_domain", NULL } },
  { "notes",      { "notes", NULL } },
};

const char * const *
crm_merge_fields (void)
{
  static const char *names[G_N_ELEMENTS (merge_fields) + 1];

  if (names[0] == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (merge_fields); i++)
      names[i] = merge_fields[i].field;

  return names;
}

static int
field_index (const char *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (merge_fields); i++)
    if (g_strcmp0 (merge_fields[i].field, field) == 0)
      return i;

  return -1;
}

gboolean
crm_merge_field_is_valid (const char *field)
{
  return field_index (field) >= 0;
}

/* Transactions: a merge is one step, also inside a caller's transaction */

static gboolean
merge_begin (CrmStore  *self,
             gboolean  *nested,
             GError   **error)
{
  *nested = self->in_transaction;

  return _crm_store_exec (self, *nested ? "SAVEPOINT crm_merge" : "BEGIN IMMEDIATE", error);
}

static gboolean
merge_end (CrmStore  *self,
           gboolean   nested,
           gboolean   ok,
           GError   **error)
{
  _crm_store_reset_statements (self);

  if (ok)
    {
      if (_crm_store_exec (self, nested ? "RELEASE crm_merge" : "COMMIT", error))
        return TRUE;
    }

  if (nested)
    sqlite3_exec (self->db, "ROLLBACK TO crm_merge; RELEASE crm_merge", NULL, NULL, NULL);
  else
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);

  return FALSE;
}

/* "json_object ('id', "id", 'name', "name", …)" over every column of
 * companies; the names come from the schema and are plain identifiers */
static char *
company_json_sql (CrmStore  *self,
                  GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) sql = g_string_new ("json_object (");
  gboolean first = TRUE;
  int rc;

  if (!(stmt = _crm_store_prepare (self, "SELECT name FROM pragma_table_info ('companies') ORDER BY cid", error)))
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *column = (const char *)sqlite3_column_text (stmt, 0);

      g_assert (strspn (column, "abcdefghijklmnopqrstuvwxyz_0123456789") == strlen (column));
      g_string_append_printf (sql, "%s'%s', \"%s\"", first ? "" : ", ", column, column);
      first = FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (self, error);
      return NULL;
    }
  g_string_append_c (sql, ')');

  return g_string_free (g_steal_pointer (&sql), FALSE);
}

static gboolean
step_done (CrmStore      *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _crm_store_constraint_error (self, error);

  return TRUE;
}

/* Runs a cached statement whose ?1 and ?2 are two company ids, ?3 the
 * snapshot (or NULL) and ?4 the time */
static gboolean
run_moves (CrmStore           *self,
           const char * const *statements,
           gint64              first_id,
           gint64              second_id,
           const char         *snapshot,
           GError            **error)
{
  for (guint i = 0; statements[i] != NULL; i++)
    {
      sqlite3_stmt *stmt = _crm_store_cached (self, statements[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, first_id);
      sqlite3_bind_int64 (stmt, 2, second_id);
      _crm_bind_text_or_null (stmt, 3, snapshot);
      sqlite3_bind_int64 (stmt, 4, _crm_now_utc ());
      _crm_bind_id_or_null (stmt, 5, self->current_user_id);
      if (!step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/* ?1 kept, ?2 removed, ?3 snapshot (its contact ids to demote), ?4 now, ?5 user */
static const char * const merge_moves[] = {
  "UPDATE contacts SET is_primary = 0 "
  "WHERE id IN (SELECT value FROM json_each (?3, '$.demoted'))",
  "UPDATE contacts SET company_id = ?1, version = version + 1, updated_at = ?4, updated_by = ?5 "
  "WHERE company_id = ?2",
  "UPDATE phones SET company_id = ?1 WHERE company_id = ?2",
  "UPDATE emails SET company_id = ?1 WHERE company_id = ?2",
  "UPDATE history SET company_id = ?1 WHERE company_id = ?2",
  "INSERT OR IGNORE INTO company_tags (company_id, tag_id) "
  "SELECT ?1, tag_id FROM company_tags WHERE company_id = ?2",
  "INSERT OR IGNORE INTO custom_values (company_id, field_id, value) "
  "SELECT ?1, field_id, value FROM custom_values WHERE company_id = ?2",
  /* earlier merges into the removed client stay undoable */
  "UPDATE merges SET kept_id = ?1 WHERE kept_id = ?2",
  NULL
};

/* ?1 removed, ?2 kept, ?3 snapshot, ?4 now, ?5 user */
static const char * const undo_moves[] = {
  "UPDATE contacts SET company_id = ?1, version = version + 1, updated_at = ?4, updated_by = ?5 "
  "WHERE company_id = ?2 AND id IN (SELECT value FROM json_each (?3, '$.contacts'))",
  "UPDATE contacts SET is_primary = 1 "
  "WHERE company_id = ?1 AND id IN (SELECT value FROM json_each (?3, '$.demoted'))",
  "UPDATE phones SET company_id = ?1 "
  "WHERE company_id = ?2 AND id IN (SELECT value FROM json_each (?3, '$.phones'))",
  "UPDATE emails SET company_id = ?1 "
  "WHERE company_id = ?2 AND id IN (SELECT value FROM json_each (?3, '$.emails'))",
  "UPDATE history SET company_id = ?1 "
  "WHERE company_id = ?2 AND id IN (SELECT value FROM json_each (?3, '$.history'))",
  "INSERT OR IGNORE INTO company_tags (company_id, tag_id) "
  "SELECT ?1, t.id FROM json_each (?3, '$.tags') j JOIN tags t ON t.id = j.value",
  "DELETE FROM company_tags "
  "WHERE company_id = ?2 AND tag_id IN (SELECT value FROM json_each (?3, '$.tags_added'))",
  "INSERT OR IGNORE INTO custom_values (company_id, field_id, value) "
  "SELECT ?1, f.id, json_extract (j.value, '$.value') FROM json_each (?3, '$.custom_values') j "
  "JOIN custom_fields f ON f.id = json_extract (j.value, '$.field_id')",
  "DELETE FROM custom_values "
  "WHERE company_id = ?2 AND field_id IN (SELECT value FROM json_each (?3, '$.custom_added'))",
  "UPDATE merges SET kept_id = ?1 "
  "WHERE kept_id = ?2 AND id IN (SELECT value FROM json_each (?3, '$.merges'))",
  "DELETE FROM history "
  "WHERE company_id = ?2 AND kind = 'merged' AND id = json_extract (?3, '$.history_entry')",
  /* the kept client's last contact as it was, or newer if it has been in touch since */
  "UPDATE companies SET last_contact_at = max (json_extract (?3, '$.kept.last_contact_at'), "
  "  coalesce ((SELECT max (occurred_at) FROM history WHERE company_id = ?2), 0)), "
  "  version = version + 1, updated_at = ?4, updated_by = ?5 "
  "WHERE id = ?2",
  "UPDATE companies SET version = version + 1, updated_at = ?4, updated_by = ?5 WHERE id = ?1",
  NULL
};

static char *
load_name (CrmStore  *self,
           gint64     id,
           gint64    *last_contact_at,
           GError   **error)
{
  sqlite3_stmt *stmt;
  char *name;
  int rc;

  if (!(stmt = _crm_store_cached (self, "SELECT name, last_contact_at FROM companies WHERE id = ?1", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                   _("There is no client with the number %lld."), (long long)id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      _crm_store_set_error (self, error);
      return NULL;
    }

  name = _crm_column_dup (stmt, 0);
  if (last_contact_at != NULL)
    *last_contact_at = sqlite3_column_int64 (stmt, 1);
  sqlite3_reset (stmt);

  return name;
}

static gint64
merge_locked (CrmStore           *self,
              gint64              kept_id,
              gint64              removed_id,
              const char * const *fields,
              GError            **error)
{
  g_autofree char *kept_name = NULL;
  g_autofree char *removed_name = NULL;
  g_autofree char *row_json = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *snapshot_sql = NULL;
  g_autofree char *snapshot = NULL;
  g_autoptr(GString) taken = g_string_new ("[");
  g_autoptr(GString) take_sql = g_string_new ("UPDATE companies SET ");
  g_autoptr(sqlite3_stmt) insert = NULL;
  sqlite3_stmt *stmt;
  gint64 kept_last = 0, removed_last = 0;
  gint64 history_id, merge_id;
  gint64 now = _crm_now_utc ();
  guint n_taken = 0;

  if (!(kept_name = load_name (self, kept_id, &kept_last, error)) ||
      !(removed_name = load_name (self, removed_id, &removed_last, error)))
    return 0;

  for (guint i = 0; fields != NULL && fields[i] != NULL; i++)
    {
      int index = field_index (fields[i]);

      g_assert (index >= 0);
      g_string_append_printf (taken, "%s\"%s\"", n_taken > 0 ? ", " : "", merge_fields[index].field);
      for (guint c = 0; merge_fields[index].columns[c] != NULL; c++)
        g_string_append_printf (take_sql, "%s%s = r.%s", n_taken + c > 0 ? ", " : "",
                                merge_fields[index].columns[c], merge_fields[index].columns[c]);
      n_taken++;
    }
  g_string_append_c (taken, ']');

  if (!(row_json = company_json_sql (self, error)))
    return 0;

  snapshot_sql = g_strdup_printf (
    "INSERT INTO merges (kept_id, removed_id, user_id, merged_at, snapshot) "
    "SELECT ?1, ?2, ?5, ?6, json_object ("
    "  'removed', json ((SELECT %s FROM companies WHERE id = ?2)), "
    "  'kept', json ((SELECT %s FROM companies WHERE id = ?1)), "
    "  'taken', json (?3), "
    "  'history_entry', NULL, "
    "  'contacts', json ((SELECT json_group_array (id) FROM contacts WHERE company_id = ?2)), "
    "  'demoted', json ((SELECT json_group_array (id) FROM contacts WHERE company_id = ?2 "
    "    AND is_primary = 1 AND EXISTS (SELECT 1 FROM contacts WHERE company_id = ?1 AND is_primary = 1))), "
    "  'phones', json ((SELECT json_group_array (id) FROM phones WHERE company_id = ?2)), "
    "  'emails', json ((SELECT json_group_array (id) FROM emails WHERE company_id = ?2)), "
    "  'history', json ((SELECT json_group_array (id) FROM history WHERE company_id = ?2)), "
    "  'tags', json ((SELECT json_group_array (tag_id) FROM company_tags WHERE company_id = ?2)), "
    "  'tags_added', json ((SELECT json_group_array (tag_id) FROM company_tags WHERE company_id = ?2 "
    "    AND tag_id NOT IN (SELECT tag_id FROM company_tags WHERE company_id = ?1))), "
    "  'custom_values', json ((SELECT json_group_array (json_object ('field_id', field_id, 'value', value)) "
    "    FROM custom_values WHERE company_id = ?2)), "
    "  'custom_added', json ((SELECT json_group_array (field_id) FROM custom_values WHERE company_id = ?2 "
    "    AND field_id NOT IN (SELECT field_id FROM custom_values WHERE company_id = ?1))), "
    "  'merges', json ((SELECT json_group_array (id) FROM merges WHERE kept_id = ?2)))",
    row_json, row_json);
  if (!(insert = _crm_store_prepare (self, snapshot_sql, error)))
    return 0;
  sqlite3_bind_int64 (insert, 1, kept_id);
  sqlite3_bind_int64 (insert, 2, removed_id);
  sqlite3_bind_text (insert, 3, taken->str, -1, SQLITE_STATIC);
  _crm_bind_id_or_null (insert, 5, self->current_user_id);
  sqlite3_bind_int64 (insert, 6, now);
  if (!step_done (self, insert, error))
    return 0;
  merge_id = sqlite3_last_insert_rowid (self->db);

  /* After the snapshot, since the entry moves the kept client's last contact */
  /* Translators: a history entry of the kept client; %s is the other client's name, %lld its number */
  subject = g_strdup_printf (_("Merged with the client “%s” (number %lld)"), removed_name,
                             (long long)removed_id);
  if (!(stmt = _crm_store_cached (self,
                                  "INSERT INTO history (company_id, user_id, kind, subject, occurred_at) "
                                  "VALUES (?1, ?2, 'merged', ?3, ?4)", error)))
    return 0;
  sqlite3_bind_int64 (stmt, 1, kept_id);
  _crm_bind_id_or_null (stmt, 2, self->current_user_id);
  sqlite3_bind_text (stmt, 3, subject, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, now);
  if (!step_done (self, stmt, error))
    return 0;
  history_id = sqlite3_last_insert_rowid (self->db);

  if (!(stmt = _crm_store_cached (self,
                                  "UPDATE merges SET snapshot = json_set (snapshot, '$.history_entry', ?2) "
                                  "WHERE id = ?1", error)))
    return 0;
  sqlite3_bind_int64 (stmt, 1, merge_id);
  sqlite3_bind_int64 (stmt, 2, history_id);
  if (!step_done (self, stmt, error))
    return 0;

  if (!(stmt = _crm_store_cached (self, "SELECT snapshot FROM merges WHERE id = ?1", error)))
    return 0;
  sqlite3_bind_int64 (stmt, 1, merge_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return _crm_store_set_error (self, error);
  snapshot = _crm_column_dup (stmt, 0);
  sqlite3_reset (stmt);

  if (n_taken > 0)
    {
      g_autoptr(sqlite3_stmt) take = NULL;

      g_string_append (take_sql, " FROM (SELECT * FROM companies WHERE id = ?2) AS r WHERE companies.id = ?1");
      if (!(take = _crm_store_prepare (self, take_sql->str, error)))
        return 0;
      sqlite3_bind_int64 (take, 1, kept_id);
      sqlite3_bind_int64 (take, 2, removed_id);
      if (!step_done (self, take, error))
        return 0;
    }

  if (!run_moves (self, merge_moves, kept_id, removed_id, snapshot, error))
    return 0;

  /* The merge entry is not a contact with the client: the last contact is
   * the later of the two clients' own */
  if (!(stmt = _crm_store_cached (self,
                                  "UPDATE companies SET last_contact_at = ?2, version = version + 1, "
                                  "  updated_at = ?3, updated_by = ?4 WHERE id = ?1", error)))
    return 0;
  sqlite3_bind_int64 (stmt, 1, kept_id);
  sqlite3_bind_int64 (stmt, 2, MAX (kept_last, removed_last));
  sqlite3_bind_int64 (stmt, 3, now);
  _crm_bind_id_or_null (stmt, 4, self->current_user_id);
  if (!step_done (self, stmt, error))
    return 0;

  if (!(stmt = _crm_store_cached (self, "DELETE FROM companies WHERE id = ?1", error)))
    return 0;
  sqlite3_bind_int64 (stmt, 1, removed_id);
  if (!step_done (self, stmt, error))
    return 0;

  if (!(stmt = _crm_store_cached (self, "DELETE FROM client_search WHERE rowid = ?1", error)))
    return 0;
  sqlite3_bind_int64 (stmt, 1, removed_id);
  if (!step_done (self, stmt, error))
    return 0;

  if (!_crm_store_reindex_company (self, kept_id, error))
    return 0;

  return merge_id;
}

gint64
crm_store_merge_clients (CrmStore            *self,
                         gint64               kept_id,
                         gint64               removed_id,
                         const char * const  *fields_from_removed,
                         GError             **error)
{
  gboolean nested;
  gint64 merge_id;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);

  STORE_LOCK (self);

  if (kept_id == removed_id)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                   _("A client cannot be merged with itself (number %lld)."), (long long)kept_id);
      return 0;
    }

  for (guint i = 0; fields_from_removed != NULL && fields_from_removed[i] != NULL; i++)
    {
      g_autofree char *known = NULL;

      if (crm_merge_field_is_valid (fields_from_removed[i]))
        continue;
      known = g_strjoinv (", ", (char **)crm_merge_fields ());
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                   _("“%s” is not a field a merge can take; the fields are: %s."),
                   fields_from_removed[i], known);
      return 0;
    }

  if (!merge_begin (self, &nested, error))
    return 0;

  merge_id = merge_locked (self, kept_id, removed_id, fields_from_removed, error);

  if (!merge_end (self, nested, merge_id > 0, merge_id > 0 ? error : NULL))
    return 0;

  return merge_id;
}

static gboolean
restore_company (CrmStore    *self,
                 const char  *snapshot,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) columns = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GString) values = g_string_new (NULL);
  g_autofree char *sql = NULL;
  int rc;

  /* The columns the snapshot has and the table still has */
  columns = _crm_store_prepare (self,
                                "SELECT p.name FROM pragma_table_info ('companies') p "
                                "JOIN json_each (?1, '$.removed') j ON j.key = p.name ORDER BY p.cid",
                                error);
  if (columns == NULL)
    return FALSE;
  sqlite3_bind_text (columns, 1, snapshot, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (columns)) == SQLITE_ROW)
    {
      const char *column = (const char *)sqlite3_column_text (columns, 0);

      g_assert (strspn (column, "abcdefghijklmnopqrstuvwxyz_0123456789") == strlen (column));
      g_string_append_printf (names, "%s\"%s\"", names->len ? ", " : "", column);
      g_string_append_printf (values, "%sjson_extract (?1, '$.removed.%s')", values->len ? ", " : "", column);
    }
  if (rc != SQLITE_DONE)
    return _crm_store_set_error (self, error);

  sql = g_strdup_printf ("INSERT INTO companies (%s) VALUES (%s)", names->str, values->str);
  if (!(insert = _crm_store_prepare (self, sql, error)))
    return FALSE;
  sqlite3_bind_text (insert, 1, snapshot, -1, SQLITE_STATIC);

  return step_done (self, insert, error);
}

static gboolean
restore_taken (CrmStore    *self,
               gint64       kept_id,
               const char  *snapshot,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) fields = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(GString) sql = g_string_new ("UPDATE companies SET ");
  guint n = 0;
  int rc;

  if (!(fields = _crm_store_prepare (self, "SELECT value FROM json_each (?1, '$.taken')", error)))
    return FALSE;
  sqlite3_bind_text (fields, 1, snapshot, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (fields)) == SQLITE_ROW)
    {
      int index = field_index ((const char *)sqlite3_column_text (fields, 0));

      /* only whitelisted names become column names */
      if (index < 0)
        continue;
      for (guint c = 0; merge_fields[index].columns[c] != NULL; c++, n++)
        g_string_append_printf (sql, "%s%s = json_extract (?2, '$.kept.%s')", n > 0 ? ", " : "",
                                merge_fields[index].columns[c], merge_fields[index].columns[c]);
    }
  if (rc != SQLITE_DONE)
    return _crm_store_set_error (self, error);
  if (n == 0)
    return TRUE;

  g_string_append (sql, " WHERE id = ?1");
  if (!(update = _crm_store_prepare (self, sql->str, error)))
    return FALSE;
  sqlite3_bind_int64 (update, 1, kept_id);
  sqlite3_bind_text (update, 2, snapshot, -1, SQLITE_STATIC);

  return step_done (self, update, error);
}

static gboolean
undo_locked (CrmStore  *self,
             gint64     merge_id,
             GError   **error)
{
  g_autofree char *snapshot = NULL;
  sqlite3_stmt *stmt;
  gint64 kept_id, removed_id;
  int rc;

  if (!(stmt = _crm_store_cached (self,
                                  "SELECT kept_id, removed_id, snapshot, undone_at IS NOT NULL, "
                                  "  EXISTS (SELECT 1 FROM companies WHERE id = m.removed_id) "
                                  "FROM merges m WHERE id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, merge_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                   _("There is no merge with the number %lld."), (long long)merge_id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return _crm_store_set_error (self, error);

  kept_id = sqlite3_column_int64 (stmt, 0);
  removed_id = sqlite3_column_int64 (stmt, 1);
  snapshot = _crm_column_dup (stmt, 2);
  if (sqlite3_column_int (stmt, 3))
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                   _("The merge number %lld has already been undone."), (long long)merge_id);
      return FALSE;
    }
  if (sqlite3_column_int (stmt, 4))
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT,
                   _("The merge number %lld cannot be undone: the client number %lld exists again."),
                   (long long)merge_id, (long long)removed_id);
      return FALSE;
    }
  sqlite3_reset (stmt);

  if (!restore_company (self, snapshot, error) ||
      !run_moves (self, undo_moves, removed_id, kept_id, snapshot, error) ||
      !restore_taken (self, kept_id, snapshot, error))
    return FALSE;

  if (!(stmt = _crm_store_cached (self, "UPDATE merges SET undone_at = ?2 WHERE id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, merge_id);
  sqlite3_bind_int64 (stmt, 2, _crm_now_utc ());
  if (!step_done (self, stmt, error))
    return FALSE;

  return _crm_store_reindex_company (self, kept_id, error) &&
         _crm_store_reindex_company (self, removed_id, error);
}

gboolean
crm_store_undo_merge (CrmStore  *self,
                      gint64     merge_id,
                      GError   **error)
{
  gboolean nested;
  gboolean ok;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  STORE_LOCK (self);

  if (!merge_begin (self, &nested, error))
    return FALSE;

  ok = undo_locked (self, merge_id, error);

  return merge_end (self, nested, ok, ok ? error : NULL);
}
