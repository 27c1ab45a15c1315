/* crm-store-import.c: imports (with their undo) and streamed exports
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "crm-phone.h"
#include "crm-store-import.h"
#include "crm-normalize.h"
#include "crm-store-private.h"

#define EXPORT_PAGE 1000

void
crm_import_record_free (CrmImportRecord *record)
{
  if (record == NULL)
    return;

  g_free (record->kind);
  g_free (record->file_name);
  g_free (record);
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

/* Runs a cached statement whose only parameter is an import id */
static gboolean
exec_for_import (CrmStore    *self,
                 const char  *sql,
                 gint64       import_id,
                 GError     **error)
{
  sqlite3_stmt *stmt = _crm_store_cached (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, import_id);

  return step_done (self, stmt, error);
}

/* Runs of an import */

gint64
crm_store_import_begin (CrmStore    *self,
                        const char  *kind,
                        const char  *file_name,
                        GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);

  STORE_LOCK (self);

  if (g_strcmp0 (kind, "csv") != 0 && g_strcmp0 (kind, "vcard") != 0)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                   "Unknown kind of import “%s”", kind ? kind : "(null)");
      return 0;
    }

  stmt = _crm_store_cached (self,
                            "INSERT INTO imports (kind, file_name, user_id, started_at) VALUES (?1, ?2, ?3, ?4)",
                            error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, file_name ? file_name : "", -1, SQLITE_TRANSIENT);
  _crm_bind_id_or_null (stmt, 3, self->current_user_id);
  sqlite3_bind_int64 (stmt, 4, _crm_now_utc ());
  if (!step_done (self, stmt, error))
    return 0;

  return sqlite3_last_insert_rowid (self->db);
}

gboolean
crm_store_import_finish (CrmStore    *self,
                         gint64       import_id,
                         gint64       added,
                         gint64       updated,
                         gint64       skipped,
                         GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  STORE_LOCK (self);

  stmt = _crm_store_cached (self,
                            "UPDATE imports SET finished_at = ?2, added = ?3, updated = ?4, skipped = ?5 "
                            "WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, import_id);
  sqlite3_bind_int64 (stmt, 2, _crm_now_utc ());
  sqlite3_bind_int64 (stmt, 3, added);
  sqlite3_bind_int64 (stmt, 4, updated);
  sqlite3_bind_int64 (stmt, 5, skipped);

  return step_done (self, stmt, error);
}

CrmImportRecord *
crm_store_import_get (CrmStore    *self,
                      gint64       import_id,
                      GError     **error)
{
  CrmImportRecord *record;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  STORE_LOCK (self);

  stmt = _crm_store_cached (self,
                            "SELECT id, kind, file_name, started_at, coalesce (finished_at, 0), added, updated, "
                            "  skipped, coalesce (undone_at, 0) FROM imports WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, import_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                   _("There is no import with the number %lld."), (long long)import_id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      _crm_store_set_error (self, error);
      return NULL;
    }

  record = g_new0 (CrmImportRecord, 1);
  record->id = sqlite3_column_int64 (stmt, 0);
  record->kind = _crm_column_dup (stmt, 1);
  record->file_name = _crm_column_dup (stmt, 2);
  record->started_at = sqlite3_column_int64 (stmt, 3);
  record->finished_at = sqlite3_column_int64 (stmt, 4);
  record->added = sqlite3_column_int64 (stmt, 5);
  record->updated = sqlite3_column_int64 (stmt, 6);
  record->skipped = sqlite3_column_int64 (stmt, 7);
  record->undone_at = sqlite3_column_int64 (stmt, 8);

  return record;
}

gboolean
crm_store_import_row_begin (CrmStore  *self,
                            GError   **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  STORE_LOCK (self);

  if (!(stmt = _crm_store_cached (self, "SAVEPOINT import_row", error)))
    return FALSE;

  return step_done (self, stmt, error);
}

gboolean
crm_store_import_row_end (CrmStore  *self,
                          gboolean   keep,
                          GError   **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  STORE_LOCK (self);

  if (!keep)
    {
      if (!(stmt = _crm_store_cached (self, "ROLLBACK TO import_row", error)))
        return FALSE;
      if (!step_done (self, stmt, error))
        return FALSE;
    }

  if (!(stmt = _crm_store_cached (self, "RELEASE import_row", error)))
    return FALSE;

  return step_done (self, stmt, error);
}

/* Writes */

void
crm_import_keys_make (CrmImportKeys *keys,
                      const char    *name,
                      const char    *city)
{
  g_return_if_fail (keys != NULL);

  crm_import_keys_clear (keys);
  keys->name_key = crm_normalize_name_key (name != NULL ? name : "");
  keys->sort_name = _crm_sort_key (name);
  keys->sort_city = _crm_sort_key (city);
}

void
crm_import_keys_clear (CrmImportKeys *keys)
{
  g_clear_pointer (&keys->name_key, g_free);
  g_clear_pointer (&keys->sort_name, g_free);
  g_clear_pointer (&keys->sort_city, g_free);
}

gint64
crm_store_import_add_company (CrmStore             *self,
                              gint64                import_id,
                              const CrmCompanyData *data,
                              const CrmImportKeys  *keys,
                              GError              **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), 0);
  g_return_val_if_fail (data != NULL, 0);

  return _crm_store_insert_company (self, data, keys, import_id, _crm_now_utc (), error);
}

gint64
crm_store_import_add_contact (CrmStore             *self,
                              gint64                import_id,
                              const CrmContactData *data,
                              GError              **error)
{
  g_autofree char *full_name = NULL;
  sqlite3_stmt *stmt;
  gint64 now = _crm_now_utc ();
  gint64 id;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);
  g_return_val_if_fail (data != NULL, 0);

  STORE_LOCK (self);

  full_name = _crm_join_name (self->locale, data->first_name, data->middle_name, data->last_name);
  if (!_crm_require_text (full_name, _("The contact person’s name"), error))
    return 0;

  stmt = _crm_store_cached (self,
                            "INSERT INTO contacts (company_id, first_name, middle_name, last_name, full_name, "
                            "  position, birthday, notes, is_primary, created_at, created_by, updated_at, "
                            "  updated_by, import_id) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?10, ?11, ?12)",
                            error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, data->company_id);
  _crm_bind_text_or_null (stmt, 2, data->first_name);
  _crm_bind_text_or_null (stmt, 3, data->middle_name);
  _crm_bind_text_or_null (stmt, 4, data->last_name);
  sqlite3_bind_text (stmt, 5, full_name, -1, SQLITE_STATIC);
  _crm_bind_text_or_null (stmt, 6, data->position);
  _crm_bind_text_or_null (stmt, 7, data->birthday);
  _crm_bind_text_or_null (stmt, 8, data->notes);
  sqlite3_bind_int (stmt, 9, data->is_primary ? 1 : 0);
  sqlite3_bind_int64 (stmt, 10, data->created_at > 0 ? data->created_at : now);
  _crm_bind_id_or_null (stmt, 11, data->created_by > 0 ? data->created_by : self->current_user_id);
  _crm_bind_id_or_null (stmt, 12, import_id);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _crm_store_constraint_error (self, error);
      return 0;
    }

  id = sqlite3_last_insert_rowid (self->db);
  if (!_crm_store_reindex_company (self, data->company_id, error))
    return 0;

  return id;
}

gboolean
crm_store_import_remove_company (CrmStore  *self,
                                 gint64     company_id,
                                 GError   **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  STORE_LOCK (self);

  /* what a row may have written for a new client: its contact persons,
   * phones and e-mails, deleted by name since the batch may run without the
   * foreign keys and so without ON DELETE CASCADE */
  static const char * const deletes[] = {
    "DELETE FROM phones WHERE company_id = ?1",
    "DELETE FROM emails WHERE company_id = ?1",
    "DELETE FROM contacts WHERE company_id = ?1",
    "DELETE FROM companies WHERE id = ?1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (deletes); i++)
    {
      if (!(stmt = _crm_store_cached (self, deletes[i], error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, company_id);
      if (!step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/* The columns an import may change, as they were: enough to put the client
 * back, sort keys included (they are made in C, not in SQL). */
#define OLD_VALUES_JSON \
  "json_object ('name', name, 'sort_name', sort_name, 'name_key', name_key, 'legal_name', legal_name, " \
  "  'tax_id', tax_id, 'status_id', status_id, 'industry_id', industry_id, 'region_id', region_id, " \
  "  'source_id', source_id, 'manager_id', manager_id, 'city', city, 'sort_city', sort_city, " \
  "  'address', address, 'website', website, 'website_domain', website_domain, 'notes', notes)"

static gboolean
keep_old_values (CrmStore  *self,
                 gint64     import_id,
                 gint64     company_id,
                 GError   **error)
{
  sqlite3_stmt *stmt;

  /* once per import; a client the import itself added needs none */
  stmt = _crm_store_cached (self,
                            "INSERT OR IGNORE INTO import_changes (import_id, company_id, old_values) "
                            "SELECT ?1, id, " OLD_VALUES_JSON " FROM companies "
                            "WHERE id = ?2 AND import_id IS NOT ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, import_id);
  sqlite3_bind_int64 (stmt, 2, company_id);

  return step_done (self, stmt, error);
}

gboolean
crm_store_import_update_company (CrmStore             *self,
                                 gint64                import_id,
                                 gint64                company_id,
                                 const CrmCompanyData *data,
                                 GError              **error)
{
  g_autofree char *sort_name = NULL;
  g_autofree char *sort_city = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  STORE_LOCK (self);

  if (!keep_old_values (self, import_id, company_id, error))
    return FALSE;

  if (data->name != NULL && *data->name != '\0')
    sort_name = _crm_sort_key (data->name);
  if (data->city != NULL && *data->city != '\0')
    sort_city = _crm_sort_key (data->city);

  /* In an UPDATE every expression sees the old row, hence the repeated
   * coalesce () in the derived columns */
  stmt = _crm_store_cached (self,
                            "UPDATE companies SET "
                            "  name = coalesce (?2, name), sort_name = coalesce (?3, sort_name), "
                            "  name_key = crm_name_key (coalesce (?2, name)), "
                            "  legal_name = coalesce (?4, legal_name), tax_id = coalesce (?5, tax_id), "
                            "  status_id = coalesce (?6, status_id), industry_id = coalesce (?7, industry_id), "
                            "  region_id = coalesce (?8, region_id), source_id = coalesce (?9, source_id), "
                            "  manager_id = coalesce (?10, manager_id), "
                            "  city = coalesce (?11, city), sort_city = coalesce (?12, sort_city), "
                            "  address = coalesce (?13, address), website = coalesce (?14, website), "
                            "  website_domain = crm_domain (coalesce (?14, website)), notes = coalesce (?15, notes), "
                            "  status_rank = coalesce ((SELECT position FROM dictionary WHERE id = coalesce (?6, status_id)), 2147483647), "
                            "  industry_rank = coalesce ((SELECT position FROM dictionary WHERE id = coalesce (?7, industry_id)), 2147483647), "
                            "  region_rank = coalesce ((SELECT position FROM dictionary WHERE id = coalesce (?8, region_id)), 2147483647), "
                            "  manager_rank = coalesce ((SELECT sort_rank FROM users WHERE id = coalesce (?10, manager_id)), 2147483647), "
                            "  updated_at = ?16, updated_by = ?17, version = version + 1 "
                            "WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, company_id);
  _crm_bind_text_or_null (stmt, 2, data->name);
  _crm_bind_text_or_null (stmt, 3, sort_name);
  _crm_bind_text_or_null (stmt, 4, data->legal_name);
  _crm_bind_text_or_null (stmt, 5, data->tax_id);
  _crm_bind_id_or_null (stmt, 6, data->status_id);
  _crm_bind_id_or_null (stmt, 7, data->industry_id);
  _crm_bind_id_or_null (stmt, 8, data->region_id);
  _crm_bind_id_or_null (stmt, 9, data->source_id);
  _crm_bind_id_or_null (stmt, 10, data->manager_id);
  _crm_bind_text_or_null (stmt, 11, data->city);
  _crm_bind_text_or_null (stmt, 12, sort_city);
  _crm_bind_text_or_null (stmt, 13, data->address);
  _crm_bind_text_or_null (stmt, 14, data->website);
  _crm_bind_text_or_null (stmt, 15, data->notes);
  sqlite3_bind_int64 (stmt, 16, _crm_now_utc ());
  _crm_bind_id_or_null (stmt, 17, self->current_user_id);

  if (!step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                   _("There is no client with the number %lld."), (long long)company_id);
      return FALSE;
    }

  return _crm_store_reindex_company (self, company_id, error);
}

gboolean
crm_store_import_note_added (CrmStore        *self,
                             gint64           import_id,
                             gint64           company_id,
                             CrmImportAdded   what,
                             gint64           row_id,
                             GError         **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  STORE_LOCK (self);

  /* a client the import added goes as a whole; no note needed */
  if (!keep_old_values (self, import_id, company_id, error))
    return FALSE;

  /* nested: in one json_insert () with two paths, the second does not see
   * the array the first one made */
  switch (what)
    {
    case CRM_IMPORT_ADDED_PHONE:
      stmt = _crm_store_cached (self,
                                "UPDATE import_changes SET old_values = json_insert (json_insert (old_values, "
                                "  '$.\"+phones\"', json ('[]')), '$.\"+phones\"[#]', ?3) "
                                "WHERE import_id = ?1 AND company_id = ?2", error);
      break;
    case CRM_IMPORT_ADDED_EMAIL:
      stmt = _crm_store_cached (self,
                                "UPDATE import_changes SET old_values = json_insert (json_insert (old_values, "
                                "  '$.\"+emails\"', json ('[]')), '$.\"+emails\"[#]', ?3) "
                                "WHERE import_id = ?1 AND company_id = ?2", error);
      break;
    case CRM_IMPORT_ADDED_TAG:
      stmt = _crm_store_cached (self,
                                "UPDATE import_changes SET old_values = json_insert (json_insert (old_values, "
                                "  '$.\"+tags\"', json ('[]')), '$.\"+tags\"[#]', ?3) "
                                "WHERE import_id = ?1 AND company_id = ?2", error);
      break;
    default:
      g_return_val_if_reached (FALSE);
    }
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, import_id);
  sqlite3_bind_int64 (stmt, 2, company_id);
  sqlite3_bind_int64 (stmt, 3, row_id);

  return step_done (self, stmt, error);
}

/* Look-ups */

static gint64
first_id (CrmStore      *self,
          sqlite3_stmt  *stmt,
          GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc != SQLITE_DONE)
    _crm_store_set_error (self, error);

  return 0;
}

gint64
crm_store_import_find_user (CrmStore    *self,
                            const char  *full_name_or_login,
                            GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);

  STORE_LOCK (self);

  stmt = _crm_store_cached (self,
                            "SELECT id FROM users WHERE login = ?1 "
                            "UNION ALL SELECT id FROM users WHERE full_name = ?1 LIMIT 1", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, full_name_or_login, -1, SQLITE_TRANSIENT);

  return first_id (self, stmt, error);
}

gint64
crm_store_import_find_company_by_name (CrmStore    *self,
                                       const char  *name,
                                       GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);

  STORE_LOCK (self);

  stmt = _crm_store_cached (self,
                            "SELECT id FROM companies WHERE name_key = crm_name_key (?1) AND name_key <> '' "
                            "ORDER BY id LIMIT 1", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);

  return first_id (self, stmt, error);
}

gint64
crm_store_import_find_own_company (CrmStore    *self,
                                   gint64       import_id,
                                   const char  *name,
                                   const char  *tax_id,
                                   GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);

  STORE_LOCK (self);

  /* the same tax id, or the same name unless both tax ids are known and
   * differ; "+import_id" keeps the planner off the index of the import,
   * which holds every row this import added */
  stmt = _crm_store_cached (self,
                            "SELECT id FROM companies WHERE tax_id = ?3 AND +import_id = ?1 "
                            "UNION ALL "
                            "SELECT id FROM companies WHERE name_key = crm_name_key (?2) AND name_key <> '' "
                            "  AND +import_id = ?1 AND (?3 IS NULL OR tax_id IS NULL OR tax_id = ?3) "
                            "LIMIT 1", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, import_id);
  sqlite3_bind_text (stmt, 2, name ? name : "", -1, SQLITE_TRANSIENT);
  _crm_bind_text_or_null (stmt, 3, tax_id);

  return first_id (self, stmt, error);
}

gboolean
crm_store_import_list_keys (CrmStore          *self,
                            CrmImportKeyFunc   func,
                            gpointer           user_data,
                            GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  STORE_LOCK (self);

  /* two covering index scans */
  if (!(stmt = _crm_store_prepare (self,
                                   "SELECT name_key, NULL FROM companies WHERE name_key <> '' "
                                   "UNION ALL SELECT NULL, tax_id FROM companies WHERE tax_id IS NOT NULL", error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    func ((const char *)sqlite3_column_text (stmt, 0), (const char *)sqlite3_column_text (stmt, 1), user_data);
  if (rc != SQLITE_DONE)
    return _crm_store_set_error (self, error);

  return TRUE;
}

gint64
crm_store_import_data_version (CrmStore  *self,
                               GError   **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), -1);

  STORE_LOCK (self);

  return _crm_store_query_int64 (self, "PRAGMA data_version", -1, error);
}

gboolean
crm_store_import_find_candidates (CrmStore    *self,
                                  gint64       import_id,
                                  const char  *name_key,
                                  const char  *tax_id,
                                  gint64      *own_id,
                                  gboolean    *others,
                                  GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  STORE_LOCK (self);

  *own_id = 0;
  *others = FALSE;

  /* one look-up through the name key and tax id indexes; most rows of a
   * large import are new clients and need nothing more */
  stmt = _crm_store_cached (self,
                            "SELECT id, coalesce (import_id, 0), tax_id, 1 FROM companies "
                            "  WHERE tax_id = ?2 "
                            "UNION ALL "
                            "SELECT id, coalesce (import_id, 0), tax_id, 0 FROM companies "
                            "  WHERE name_key = ?1 AND name_key <> '' "
                            "LIMIT 16", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name_key ? name_key : "", -1, SQLITE_STATIC);
  _crm_bind_text_or_null (stmt, 2, tax_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *their_tax_id = (const char *)sqlite3_column_text (stmt, 2);
      gboolean by_tax_id = sqlite3_column_int (stmt, 3);

      if (sqlite3_column_int64 (stmt, 1) != import_id)
        *others = TRUE;
      else if (*own_id == 0 &&
               (by_tax_id || tax_id == NULL || *tax_id == '\0' || their_tax_id == NULL ||
                strcmp (tax_id, their_tax_id) == 0))
        *own_id = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _crm_store_set_error (self, error);

  return TRUE;
}

gboolean
crm_store_import_get_company_origin (CrmStore    *self,
                                     gint64       company_id,
                                     gint64      *import_id,
                                     char       **tax_id,
                                     GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  STORE_LOCK (self);

  if (!(stmt = _crm_store_cached (self, "SELECT coalesce (import_id, 0), tax_id FROM companies WHERE id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, company_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                   _("There is no client with the number %lld."), (long long)company_id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return _crm_store_set_error (self, error);

  if (import_id != NULL)
    *import_id = sqlite3_column_int64 (stmt, 0);
  if (tax_id != NULL)
    *tax_id = _crm_column_dup (stmt, 1);

  return TRUE;
}

gint64
crm_store_import_find_contact (CrmStore    *self,
                               gint64       company_id,
                               const char  *full_name,
                               GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);

  STORE_LOCK (self);

  if (!(stmt = _crm_store_cached (self, "SELECT id FROM contacts WHERE company_id = ?1 AND full_name = ?2 LIMIT 1", error)))
    return 0;
  sqlite3_bind_int64 (stmt, 1, company_id);
  sqlite3_bind_text (stmt, 2, full_name, -1, SQLITE_TRANSIENT);

  return first_id (self, stmt, error);
}

gboolean
crm_store_import_has_phone (CrmStore    *self,
                            gint64       company_id,
                            gint64       contact_id,
                            const char  *number,
                            GError     **error)
{
  g_autofree char *digits = crm_phone_digits (number);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  STORE_LOCK (self);

  stmt = _crm_store_cached (self,
                            "SELECT id FROM phones WHERE company_id = ?1 AND contact_id IS ?2 AND digits = ?3 LIMIT 1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, company_id);
  _crm_bind_id_or_null (stmt, 2, contact_id);
  sqlite3_bind_text (stmt, 3, digits, -1, SQLITE_STATIC);

  return first_id (self, stmt, error) > 0;
}

gboolean
crm_store_import_has_email (CrmStore    *self,
                            gint64       company_id,
                            gint64       contact_id,
                            const char  *address,
                            GError     **error)
{
  g_autofree char *lower = g_utf8_strdown (address, -1);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  STORE_LOCK (self);

  g_strstrip (lower);
  stmt = _crm_store_cached (self,
                            "SELECT id FROM emails WHERE company_id = ?1 AND contact_id IS ?2 AND address = ?3 LIMIT 1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, company_id);
  _crm_bind_id_or_null (stmt, 2, contact_id);
  sqlite3_bind_text (stmt, 3, lower, -1, SQLITE_STATIC);

  return first_id (self, stmt, error) > 0;
}

gint64
crm_store_import_tag_company (CrmStore    *self,
                              gint64       company_id,
                              const char  *tag,
                              gboolean    *added,
                              GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 tag_id;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);

  STORE_LOCK (self);

  if (added != NULL)
    *added = FALSE;
  if (!_crm_require_text (tag, _("The tag"), error))
    return 0;

  if (!(stmt = _crm_store_cached (self, "INSERT OR IGNORE INTO tags (name) VALUES (?1)", error)))
    return 0;
  sqlite3_bind_text (stmt, 1, tag, -1, SQLITE_TRANSIENT);
  if (!step_done (self, stmt, error))
    return 0;

  if (!(stmt = _crm_store_cached (self, "SELECT id FROM tags WHERE name = ?1", error)))
    return 0;
  sqlite3_bind_text (stmt, 1, tag, -1, SQLITE_TRANSIENT);
  if ((tag_id = first_id (self, stmt, error)) == 0)
    return 0;

  if (!(stmt = _crm_store_cached (self, "INSERT OR IGNORE INTO company_tags (company_id, tag_id) VALUES (?1, ?2)", error)))
    return 0;
  sqlite3_bind_int64 (stmt, 1, company_id);
  sqlite3_bind_int64 (stmt, 2, tag_id);
  if (!step_done (self, stmt, error))
    return 0;

  if (added != NULL)
    *added = sqlite3_changes (self->db) > 0;

  return tag_id;
}

/* Big imports: the indexes only the list's sorts, filters and searches
 * need are dropped while the rows go in and made again once at the end, a
 * sort of the whole table each instead of an insertion per row. What they
 * were is kept in the settings table in the same transaction as the drop,
 * so that a crash or a kill leaves a note that the next open acts on. */

#define DROPPED_INDEXES_KEY "import.dropped-indexes"

/* Dropped: the indexes of clients the import never looks up by. Those
 * whose keys come in no order (names, cities, the ranks before the name)
 * cost each row an insertion at a random place; those that grow at their
 * end (a client's status, industry, region, source, manager, last contact)
 * a descent from the root each, a third of a new client's writing, against
 * 0.2 s each to make again for a million. What each row looks up stays (name
 * key, tax id, the import, a client's contact persons, phones and e-mails).
 * When there are clients from before, what the duplicate guard looks them
 * up by stays as well (crm_store_find_duplicates()). */
#define LIST_INDEXES \
  "'companies_by_name', 'companies_by_status', 'companies_by_industry', 'companies_by_region', " \
  "'companies_by_city', 'companies_by_manager', 'phones_by_subscriber', " \
  "'companies_status_id', 'companies_industry_id', 'companies_region_id', 'companies_source_id', " \
  "'companies_manager_id', 'companies_by_last_contact'"
#define GUARD_INDEXES \
  "'phones_by_national', 'emails_by_address', 'emails_by_domain', 'companies_by_website_domain'"
#define DROPPED_INDEXES_WHERE \
  "WHERE type = 'index' AND sql IS NOT NULL AND name IN (" LIST_INDEXES ", " GUARD_INDEXES ")"
#define DROPPED_INDEXES_WHERE_GUARDED \
  "WHERE type = 'index' AND sql IS NOT NULL AND name IN (" LIST_INDEXES ")"

static gboolean
has_dropped_indexes (CrmStore  *self,
                     gboolean  *has,
                     GError   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _crm_store_cached (self, "SELECT 1 FROM settings WHERE key = '" DROPPED_INDEXES_KEY "'", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _crm_store_set_error (self, error);
  *has = rc == SQLITE_ROW;

  return TRUE;
}

typedef struct
{
  gboolean keep_guard;
  gboolean dropped;
} DropIndexes;

static gboolean
drop_indexes (CrmStore     *self,
              DropIndexes  *drop,
              GError      **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  gboolean has;
  int rc;

  /* another import does it already, in another process */
  if (!has_dropped_indexes (self, &has, error))
    return FALSE;
  if (has)
    return TRUE;

  if (drop->keep_guard)
    stmt = _crm_store_cached (self,
                              "INSERT INTO settings (key, value) "
                              "SELECT '" DROPPED_INDEXES_KEY "', json_group_array (json_array (name, sql)) "
                              "FROM sqlite_schema " DROPPED_INDEXES_WHERE_GUARDED, error);
  else
    stmt = _crm_store_cached (self,
                              "INSERT INTO settings (key, value) "
                              "SELECT '" DROPPED_INDEXES_KEY "', json_group_array (json_array (name, sql)) "
                              "FROM sqlite_schema " DROPPED_INDEXES_WHERE, error);
  if (stmt == NULL || !step_done (self, stmt, error))
    return FALSE;

  if (drop->keep_guard)
    stmt = _crm_store_cached (self, "SELECT name FROM sqlite_schema " DROPPED_INDEXES_WHERE_GUARDED, error);
  else
    stmt = _crm_store_cached (self, "SELECT name FROM sqlite_schema " DROPPED_INDEXES_WHERE, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (names, _crm_column_dup (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _crm_store_set_error (self, error);

  for (guint i = 0; i < names->len; i++)
    {
      char *sql = sqlite3_mprintf ("DROP INDEX \"%w\"", (const char *)g_ptr_array_index (names, i));
      gboolean ok = _crm_store_exec (self, sql, error);

      sqlite3_free (sql);
      if (!ok)
        return FALSE;
    }
  drop->dropped = names->len > 0;

  return TRUE;
}

static gboolean
restore_indexes (CrmStore  *self,
                 GError   **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) statements = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  /* read first: the schema must not change under a running statement */
  stmt = _crm_store_cached (self,
                            "SELECT json_extract (j.value, '$[0]'), json_extract (j.value, '$[1]') "
                            "FROM settings s, json_each (s.value) j WHERE s.key = '" DROPPED_INDEXES_KEY "' "
                            "  AND NOT EXISTS (SELECT 1 FROM sqlite_schema "
                            "                  WHERE type = 'index' AND name = json_extract (j.value, '$[0]'))",
                            error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (names, _crm_column_dup (stmt, 0));
      g_ptr_array_add (statements, _crm_column_dup (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _crm_store_set_error (self, error);

  for (guint i = 0; i < statements->len; i++)
    {
      const char *sql = g_ptr_array_index (statements, i);

      if (sql == NULL || g_ascii_strncasecmp (sql, "CREATE ", 7) != 0)
        {
          g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                       "The saved definition of the index “%s” is not one",
                       (const char *)g_ptr_array_index (names, i));
          return FALSE;
        }
      if (!_crm_store_exec (self, sql, error))
        return FALSE;
    }

  return _crm_store_exec (self, "DELETE FROM settings WHERE key = '" DROPPED_INDEXES_KEY "'", error);
}

/* Runs @func in a transaction of its own, or in the caller's */
static gboolean
in_transaction (CrmStore   *self,
                gboolean  (*func) (CrmStore *, gpointer, GError **),
                gpointer    data,
                GError    **error)
{
  gboolean own = !self->in_transaction;

  if (own && !_crm_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!func (self, data, error))
    {
      if (own)
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  if (own && !_crm_store_exec (self, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  return TRUE;
}

static gboolean
drop_indexes_func (CrmStore  *self,
                   gpointer   data,
                   GError   **error)
{
  return drop_indexes (self, data, error);
}

static gboolean
restore_indexes_func (CrmStore  *self,
                      gpointer   data,
                      GError   **error)
{
  return restore_indexes (self, error);
}

gboolean
crm_store_import_drop_indexes (CrmStore  *self,
                               gboolean   keep_duplicate_guard,
                               gboolean  *dropped,
                               GError   **error)
{
  DropIndexes drop = { keep_duplicate_guard, FALSE };

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  STORE_LOCK (self);

  if (dropped != NULL)
    *dropped = FALSE;
  if (!in_transaction (self, drop_indexes_func, &drop, error))
    return FALSE;
  if (dropped != NULL)
    *dropped = drop.dropped;

  return TRUE;
}

gboolean
crm_store_import_restore_indexes (CrmStore  *self,
                                  GError   **error)
{
  gboolean has, ok;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  STORE_LOCK (self);

  if (!has_dropped_indexes (self, &has, error))
    return FALSE;
  if (!has)
    return TRUE;

  /* The sorter keeps as much in memory as the page cache holds: with 64 MiB
   * it sorts a whole index as one long list, with 8 MiB in runs that fit
   * the processor's caches, sorted on a second thread and merged (0.2 s of
   * the 4.1 a million clients' indexes take; 0.8 s in the sqlite3 shell) */
  _crm_store_exec (self, "PRAGMA threads = 2; PRAGMA cache_size = -8192", NULL);
  ok = in_transaction (self, restore_indexes_func, NULL, error);
  _crm_store_exec (self, "PRAGMA threads = 0; " CRM_STORE_CACHE_PRAGMA, NULL);

  return ok;
}

gboolean
_crm_store_import_recover (CrmStore  *self,
                           GError   **error)
{
  gint64 version, tables;

  STORE_LOCK (self);

  /* before the migrations, which may refer to the indexes; not on a file
   * that is new, foreign or newer (those are refused untouched) */
  version = _crm_store_query_int64 (self, "PRAGMA user_version", -1, error);
  if (version < 0)
    return FALSE;
  if (version < 1 || version > crm_store_supported_schema_version ())
    return TRUE;
  tables = _crm_store_query_int64 (self, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'settings'",
                                   -1, error);
  if (tables < 0)
    return FALSE;
  if (tables == 0)
    return TRUE;

  return crm_store_import_restore_indexes (self, error);
}

/* The clients an import touched: added, changed, or given a contact person */
static GArray *
touched_companies (CrmStore  *self,
                   gint64     import_id,
                   gboolean   only_existing,
                   GError   **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  if (only_existing)
    stmt = _crm_store_cached (self,
                              "SELECT company_id FROM import_changes WHERE import_id = ?1 "
                              "UNION SELECT company_id FROM contacts WHERE import_id = ?1", error);
  else
    stmt = _crm_store_cached (self,
                              "SELECT id FROM companies WHERE import_id = ?1 "
                              "UNION SELECT company_id FROM import_changes WHERE import_id = ?1 "
                              "UNION SELECT company_id FROM contacts WHERE import_id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, import_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&ids);
}

/**
 * crm_store_import_write_history:
 *
 * Starts or continues the history of every client an import added or
 * changed with an "imported" entry naming the file (details: {"import": id,
 * "added": true|false}), in one statement at the end of the import. Undoing
 * the import removes them.
 */
static gboolean
write_history (CrmStore  *self,
               gint64     import_id,
               GError   **error)
{
  sqlite3_stmt *stmt;
  g_auto(CrmStoreTx) tx = { 0 };

  g_autofree char *newer_contact = NULL;
  g_autofree char *activity_added = NULL;
  g_autofree char *added = NULL;
  g_autofree char *changed = NULL;
  gboolean dropped, written;

  if (!_crm_store_tx_begin (self, &tx, error))
    return FALSE;

  /* Both AFTER INSERT triggers of history leave the program's own kinds out
   * (their WHEN), "imported" among them, yet SQLite runs each for every row
   * it inserts: 2.9 s of 4.1 for a million entries. They are dropped for
   * this one statement and made again from their own definitions, all in
   * this transaction, so nothing else ever sees the history without them
   * (unless a statement still runs, which a DROP waits for: then with). */
  if (!(newer_contact = _crm_store_schema_sql (self, "history_newer_contact", error)) ||
      !(activity_added = _crm_store_schema_sql (self, "activity_added", error)) ||
      !_crm_store_try_drop (self, "DROP TRIGGER history_newer_contact", &dropped, error) ||
      (dropped && !_crm_store_exec (self, "DROP TRIGGER activity_added", error)))
    return FALSE;

  /* the three parts are apart by their conditions: no UNION needs to sort
   * a million ids to find twins */
  if (!(stmt = _crm_store_cached (self,
                                  "INSERT INTO history (company_id, user_id, kind, subject, details, occurred_at, "
                                  "  created_at, updated_at) "
                                  "SELECT t.id, i.user_id, 'imported', i.file_name, "
                                  "  CASE WHEN t.added THEN ?3 ELSE ?4 END, "
                                  "  ?2, ?2, ?2 "
                                  "FROM imports i, (SELECT id, 1 AS added FROM companies WHERE import_id = ?1 "
                                  "  UNION ALL SELECT company_id, 0 FROM import_changes WHERE import_id = ?1 "
                                  "    AND company_id NOT IN (SELECT id FROM companies WHERE import_id = ?1) "
                                  "  UNION ALL SELECT DISTINCT company_id, 0 FROM contacts WHERE import_id = ?1 "
                                  "    AND company_id NOT IN (SELECT id FROM companies WHERE import_id = ?1) "
                                  "    AND company_id NOT IN (SELECT company_id FROM import_changes WHERE import_id = ?1)) t "
                                  "WHERE i.id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, import_id);
  sqlite3_bind_int64 (stmt, 2, _crm_now_utc ());
  /* the two details an entry can have, made once rather than per row */
  added = g_strdup_printf ("{\"import\":%" G_GINT64_FORMAT ",\"added\":true}", import_id);
  changed = g_strdup_printf ("{\"import\":%" G_GINT64_FORMAT ",\"added\":false}", import_id);
  sqlite3_bind_text (stmt, 3, added, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, changed, -1, SQLITE_TRANSIENT);
  /* Nor the table's CHECKs: json_valid() of the same two details for every
   * entry was a third of the statement's time. A flag pragma, it makes the
   * statement compile again without them, and again with them after. */
  if (!_crm_store_exec (self, "PRAGMA ignore_check_constraints = ON", error))
    return FALSE;
  written = step_done (self, stmt, error);
  _crm_store_exec (self, "PRAGMA ignore_check_constraints = OFF", NULL);
  if (!written ||
      (dropped && !_crm_store_exec (self, newer_contact, error)) ||
      (dropped && !_crm_store_exec (self, activity_added, error)))
    return FALSE;

  return _crm_store_tx_commit (&tx, error);
}

gboolean
crm_store_import_write_history (CrmStore  *self,
                                gint64     import_id,
                                GError   **error)
{
  gboolean ok;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  STORE_LOCK (self);

  /* every entry points at a client of this import and at its user, both
   * just read: no look-up of each (a sixth of the statement's time) */
  _crm_store_checks_off (self);
  ok = write_history (self, import_id, error);
  _crm_store_checks_on (self);

  return ok;
}

static gboolean
reindex_each (CrmStore  *self,
              GArray    *ids,
              GError   **error)
{
  guint saved_bulk = self->bulk;
  gboolean ok = TRUE;

  self->bulk = FALSE;
  for (guint i = 0; ok && i < ids->len; i++)
    ok = _crm_store_reindex_company (self, g_array_index (ids, gint64, i), error);
  self->bulk = saved_bulk;

  return ok;
}

gboolean
crm_store_reindex_clients (CrmStore  *self,
                           GArray    *ids,
                           GError   **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (ids != NULL, FALSE);

  STORE_LOCK (self);
  g_auto(CrmStoreTx) tx = { 0 };

  if (ids->len == 0)
    return TRUE;

  return _crm_store_tx_begin (self, &tx, error) &&
         reindex_each (self, ids, error) &&
         _crm_store_tx_commit (&tx, error);
}

gboolean
crm_store_import_reindex (CrmStore  *self,
                          gint64     import_id,
                          GError   **error)
{
  g_autoptr(GArray) ids = NULL;
  gint64 total;
  gboolean ok;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  STORE_LOCK (self);

  if (!(ids = touched_companies (self, import_id, FALSE, error)))
    return FALSE;
  if (ids->len == 0)
    return TRUE;

  total = _crm_store_query_int64 (self, "SELECT count(*) FROM companies", 0, error);

  /* one pass over the whole table is cheaper than many single updates */
  if ((gint64)ids->len * 4 >= total)
    return crm_store_rebuild_search_index (self, error);

  if (!self->in_transaction && !_crm_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  ok = reindex_each (self, ids, error);
  if (!self->in_transaction)
    {
      if (ok)
        ok = _crm_store_exec (self, "COMMIT", error);
      if (!ok)
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
    }

  return ok;
}

/* Undo */

static gboolean
undo_steps (CrmStore  *self,
            gint64     import_id,
            GArray    *existing,
            GError   **error)
{
  sqlite3_stmt *stmt;

  /* rows it gave to clients that were there before */
  if (!exec_for_import (self,
                        "DELETE FROM phones WHERE id IN (SELECT j.value FROM import_changes ch, "
                        "  json_each (ch.old_values, '$.\"+phones\"') j WHERE ch.import_id = ?1)",
                        import_id, error) ||
      !exec_for_import (self,
                        "DELETE FROM emails WHERE id IN (SELECT j.value FROM import_changes ch, "
                        "  json_each (ch.old_values, '$.\"+emails\"') j WHERE ch.import_id = ?1)",
                        import_id, error) ||
      !exec_for_import (self,
                        "DELETE FROM company_tags WHERE (company_id, tag_id) IN (SELECT ch.company_id, j.value "
                        "  FROM import_changes ch, json_each (ch.old_values, '$.\"+tags\"') j "
                        "  WHERE ch.import_id = ?1)",
                        import_id, error) ||
      /* the "imported" entries it wrote to clients that were there before */
      !exec_for_import (self,
                        "DELETE FROM history WHERE kind = 'imported' "
                        "  AND company_id IN (SELECT company_id FROM import_changes WHERE import_id = ?1 "
                        "                     UNION SELECT company_id FROM contacts WHERE import_id = ?1) "
                        "  AND json_extract (details, '$.import') = ?1",
                        import_id, error) ||
      !exec_for_import (self, "DELETE FROM contacts WHERE import_id = ?1", import_id, error) ||
      !exec_for_import (self,
                        "DELETE FROM client_search WHERE rowid IN (SELECT id FROM companies WHERE import_id = ?1)",
                        import_id, error) ||
      !exec_for_import (self, "DELETE FROM companies WHERE import_id = ?1", import_id, error))
    return FALSE;

  /* the old values back; ranks follow the dictionary as it is now */
  stmt = _crm_store_cached (self,
                            "UPDATE companies AS c SET "
                            "  name = json_extract (x.old_values, '$.name'), "
                            "  sort_name = json_extract (x.old_values, '$.sort_name'), "
                            "  name_key = json_extract (x.old_values, '$.name_key'), "
                            "  legal_name = json_extract (x.old_values, '$.legal_name'), "
                            "  tax_id = json_extract (x.old_values, '$.tax_id'), "
                            "  status_id = json_extract (x.old_values, '$.status_id'), "
                            "  industry_id = json_extract (x.old_values, '$.industry_id'), "
                            "  region_id = json_extract (x.old_values, '$.region_id'), "
                            "  source_id = json_extract (x.old_values, '$.source_id'), "
                            "  manager_id = json_extract (x.old_values, '$.manager_id'), "
                            "  city = json_extract (x.old_values, '$.city'), "
                            "  sort_city = json_extract (x.old_values, '$.sort_city'), "
                            "  address = json_extract (x.old_values, '$.address'), "
                            "  website = json_extract (x.old_values, '$.website'), "
                            "  website_domain = json_extract (x.old_values, '$.website_domain'), "
                            "  notes = json_extract (x.old_values, '$.notes'), "
                            "  status_rank = coalesce ((SELECT position FROM dictionary "
                            "    WHERE id = json_extract (x.old_values, '$.status_id')), 2147483647), "
                            "  industry_rank = coalesce ((SELECT position FROM dictionary "
                            "    WHERE id = json_extract (x.old_values, '$.industry_id')), 2147483647), "
                            "  region_rank = coalesce ((SELECT position FROM dictionary "
                            "    WHERE id = json_extract (x.old_values, '$.region_id')), 2147483647), "
                            "  manager_rank = coalesce ((SELECT sort_rank FROM users "
                            "    WHERE id = json_extract (x.old_values, '$.manager_id')), 2147483647), "
                            "  updated_at = ?2, updated_by = ?3, version = c.version + 1 "
                            "FROM import_changes AS x WHERE x.import_id = ?1 AND x.company_id = c.id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, import_id);
  sqlite3_bind_int64 (stmt, 2, _crm_now_utc ());
  _crm_bind_id_or_null (stmt, 3, self->current_user_id);
  if (!step_done (self, stmt, error))
    return FALSE;

  if (!reindex_each (self, existing, error))
    return FALSE;

  stmt = _crm_store_cached (self, "UPDATE imports SET undone_at = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, import_id);
  sqlite3_bind_int64 (stmt, 2, _crm_now_utc ());

  return step_done (self, stmt, error);
}

gboolean
crm_store_import_undo (CrmStore  *self,
                       gint64     import_id,
                       GError   **error)
{
  g_autoptr(CrmImportRecord) record = NULL;
  g_autoptr(GArray) existing = NULL;
  gboolean ok;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  STORE_LOCK (self);

  if (!(record = crm_store_import_get (self, import_id, error)))
    return FALSE;
  if (record->undone_at != 0)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                   _("The import %lld has already been undone."), (long long)import_id);
      return FALSE;
    }

  /* (a million clients' worth of page copies otherwise kept in memory) */
  if (!_crm_store_set_large_changes (self, TRUE, error))
    return FALSE;
  if (!crm_store_begin (self, error))
    ok = FALSE;
  else if (!(existing = touched_companies (self, import_id, TRUE, error)) ||
           !undo_steps (self, import_id, existing, error))
    {
      crm_store_rollback (self);
      ok = FALSE;
    }
  else
    ok = crm_store_commit (self, error);

  if (!_crm_store_set_large_changes (self, FALSE, ok ? error : NULL) && ok)
    ok = FALSE;

  return ok;
}

/* Export */

struct _CrmStoreCursor
{
  CrmStore *store;
  gboolean  contacts;
  gint64    last_id;
  GArray   *ids;       /* NULL: all */
  guint     next;      /* into ids */
  CrmClientFilter *filter;  /* NULL: all, or the ids */
  gint64    last_company_id;  /* the filter's paging */
  gboolean  done;
};

CrmStoreCursor *
crm_store_export_clients (CrmStore *self,
                          GArray   *company_ids)
{
  CrmStoreCursor *cursor = g_new0 (CrmStoreCursor, 1);

  cursor->store = g_object_ref (self);
  cursor->ids = company_ids;

  return cursor;
}

CrmStoreCursor *
crm_store_export_contacts (CrmStore *self,
                           GArray   *company_ids)
{
  CrmStoreCursor *cursor = crm_store_export_clients (self, company_ids);

  cursor->contacts = TRUE;

  return cursor;
}

CrmStoreCursor *
crm_store_export_filtered_clients (CrmStore        *self,
                                   CrmClientFilter *filter)
{
  CrmStoreCursor *cursor = crm_store_export_clients (self, NULL);

  g_return_val_if_fail (CRM_IS_CLIENT_FILTER (filter), cursor);

  /* a copy: the export runs in a thread while the list's filter may change */
  cursor->filter = crm_client_filter_copy (filter);

  return cursor;
}

CrmStoreCursor *
crm_store_export_filtered_contacts (CrmStore        *self,
                                    CrmClientFilter *filter)
{
  CrmStoreCursor *cursor = crm_store_export_filtered_clients (self, filter);

  cursor->contacts = TRUE;

  return cursor;
}

void
crm_store_cursor_free (CrmStoreCursor *cursor)
{
  if (cursor == NULL)
    return;

  g_clear_object (&cursor->store);
  g_clear_pointer (&cursor->ids, g_array_unref);
  g_clear_object (&cursor->filter);
  g_free (cursor);
}

static void
export_client_free (gpointer data)
{
  CrmExportClient *row = data;

  /* the row and its strings are one block (client_from_statement), apart
   * from the phones and e-mails (attach_values) */
  g_free (row->phones);
  g_free (row->emails);
  g_free (row);
}

static void
export_value_free (gpointer data)
{
  CrmExportValue *value = data;

  g_free (value->label);
  g_free (value->value);
  g_free (value);
}

static void
export_contact_free (gpointer data)
{
  CrmExportContact *row = data;

  g_free (row->company);
  g_free (row->first_name);
  g_free (row->middle_name);
  g_free (row->last_name);
  g_free (row->full_name);
  g_free (row->position);
  g_free (row->birthday);
  g_free (row->notes);
  g_ptr_array_unref (row->phones);
  g_ptr_array_unref (row->emails);
  g_free (row);
}

/* "label\x1fvalue\x1elabel\x1fvalue" from group_concat () */
static GPtrArray *
split_values (const char *text)
{
  GPtrArray *values = g_ptr_array_new_with_free_func (export_value_free);
  g_auto(GStrv) items = NULL;

  if (text == NULL || *text == '\0')
    return values;

  items = g_strsplit (text, "\x1e", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      CrmExportValue *value = g_new0 (CrmExportValue, 1);
      const char *sep = strchr (items[i], '\x1f');

      if (sep != NULL)
        {
          value->label = sep > items[i] ? g_strndup (items[i], sep - items[i]) : NULL;
          value->value = g_strdup (sep + 1);
        }
      else
        value->value = g_strdup (items[i]);
      g_ptr_array_add (values, value);
    }

  return values;
}

#define CLIENT_COLUMNS \
  "SELECT c.id, c.name, c.legal_name, c.tax_id, st.name, ind.name, reg.name, src.name, c.city, c.address, " \
  "  c.website, u.full_name, " \
  "  NULL, NULL, " /* the phones and e-mails: attach_values () */ \
  "  (SELECT group_concat (name, ', ') FROM (SELECT t.name FROM company_tags ct JOIN tags t ON t.id = ct.tag_id " \
  "    WHERE ct.company_id = c.id ORDER BY t.name)), " \
  "  c.last_contact_at, c.created_at " \
  "FROM companies c " \
  "LEFT JOIN dictionary st ON st.id = c.status_id " \
  "LEFT JOIN dictionary ind ON ind.id = c.industry_id " \
  "LEFT JOIN dictionary reg ON reg.id = c.region_id " \
  "LEFT JOIN dictionary src ON src.id = c.source_id " \
  "LEFT JOIN users u ON u.id = c.manager_id "

#define CONTACT_COLUMNS \
  "SELECT ct.id, c.name, ct.first_name, ct.middle_name, ct.last_name, ct.full_name, ct.position, ct.birthday, " \
  "  ct.notes, " \
  "  (SELECT group_concat (item, char (30)) FROM (SELECT coalesce (label, '') || char (31) || number AS item " \
  "    FROM phones WHERE contact_id = ct.id ORDER BY id)), " \
  "  (SELECT group_concat (item, char (30)) FROM (SELECT coalesce (label, '') || char (31) || address AS item " \
  "    FROM emails WHERE contact_id = ct.id ORDER BY id)) " \
  "FROM contacts ct JOIN companies c ON c.id = ct.company_id "

/* The text columns of CLIENT_COLUMNS, in order, and where each one goes */
static const struct
{
  int    column;
  gsize  offset;
} client_texts[] = {
  { 1, G_STRUCT_OFFSET (CrmExportClient, name) },
  { 2, G_STRUCT_OFFSET (CrmExportClient, legal_name) },
  { 3, G_STRUCT_OFFSET (CrmExportClient, tax_id) },
  { 4, G_STRUCT_OFFSET (CrmExportClient, status) },
  { 5, G_STRUCT_OFFSET (CrmExportClient, industry) },
  { 6, G_STRUCT_OFFSET (CrmExportClient, region) },
  { 7, G_STRUCT_OFFSET (CrmExportClient, source) },
  { 8, G_STRUCT_OFFSET (CrmExportClient, city) },
  { 9, G_STRUCT_OFFSET (CrmExportClient, address) },
  { 10, G_STRUCT_OFFSET (CrmExportClient, website) },
  { 11, G_STRUCT_OFFSET (CrmExportClient, manager) },
  { 14, G_STRUCT_OFFSET (CrmExportClient, tags) },
};

/* One allocation per row instead of fifteen: the strings follow the struct
 * in the same block, and a NULL column stays a NULL field. */
static gpointer
client_from_statement (sqlite3_stmt *stmt)
{
  const unsigned char *texts[G_N_ELEMENTS (client_texts)];
  gsize lengths[G_N_ELEMENTS (client_texts)];
  gsize size = sizeof (CrmExportClient);
  CrmExportClient *row;
  char *data;

  for (guint i = 0; i < G_N_ELEMENTS (client_texts); i++)
    {
      /* strlen () rather than sqlite3_column_bytes (): one call into the
       * connection (and its mutex) fewer per column, and the same text as
       * g_strdup () gave */
      texts[i] = sqlite3_column_text (stmt, client_texts[i].column);
      lengths[i] = texts[i] != NULL ? strlen ((const char *)texts[i]) : 0;
      if (texts[i] != NULL)
        size += lengths[i] + 1;
    }

  row = g_malloc (size);
  data = (char *)(row + 1);
  row->id = sqlite3_column_int64 (stmt, 0);
  for (guint i = 0; i < G_N_ELEMENTS (client_texts); i++)
    {
      char **field = G_STRUCT_MEMBER_P (row, client_texts[i].offset);

      if (texts[i] == NULL)
        {
          *field = NULL;
          continue;
        }
      memcpy (data, texts[i], lengths[i]);
      data[lengths[i]] = '\0';
      *field = data;
      data += lengths[i] + 1;
    }
  row->phones = NULL;
  row->emails = NULL;
  row->last_contact_at = sqlite3_column_int64 (stmt, 15);
  row->created_at = sqlite3_column_int64 (stmt, 16);

  return row;
}

static gpointer
contact_from_statement (sqlite3_stmt *stmt)
{
  CrmExportContact *row = g_new0 (CrmExportContact, 1);

  row->id = sqlite3_column_int64 (stmt, 0);
  row->company = _crm_column_dup (stmt, 1);
  row->first_name = _crm_column_dup (stmt, 2);
  row->middle_name = _crm_column_dup (stmt, 3);
  row->last_name = _crm_column_dup (stmt, 4);
  row->full_name = _crm_column_dup (stmt, 5);
  row->position = _crm_column_dup (stmt, 6);
  row->birthday = _crm_column_dup (stmt, 7);
  row->notes = _crm_column_dup (stmt, 8);
  row->phones = split_values ((const char *)sqlite3_column_text (stmt, 9));
  row->emails = split_values ((const char *)sqlite3_column_text (stmt, 10));

  return row;
}

/* The page's own phones (or e-mails), ", " between them in id order, as
 * one ordered read for the whole page merged with the rows (in id order)
 * instead of a subquery per client: @list is the page's ids as JSON, or
 * NULL when the page is every client from the first row's id to the last */
static gboolean
attach_values (CrmStore   *self,
               GPtrArray  *rows,
               const char *list,
               gboolean    phones,
               GError    **error)
{
  sqlite3_stmt *stmt;
  guint at = 0;
  int rc;

  if (list != NULL)
    stmt = phones ? _crm_store_cached (self, "SELECT company_id, number FROM phones "
                                       "WHERE company_id IN (SELECT value FROM json_each (?1)) "
                                       "AND contact_id IS NULL ORDER BY company_id, id", error)
                  : _crm_store_cached (self, "SELECT company_id, address FROM emails "
                                       "WHERE company_id IN (SELECT value FROM json_each (?1)) "
                                       "AND contact_id IS NULL ORDER BY company_id, id", error);
  else
    stmt = phones ? _crm_store_cached (self, "SELECT company_id, number FROM phones "
                                       "WHERE company_id BETWEEN ?2 AND ?3 "
                                       "AND contact_id IS NULL ORDER BY company_id, id", error)
                  : _crm_store_cached (self, "SELECT company_id, address FROM emails "
                                       "WHERE company_id BETWEEN ?2 AND ?3 "
                                       "AND contact_id IS NULL ORDER BY company_id, id", error);
  if (stmt == NULL)
    return FALSE;

  if (list != NULL)
    sqlite3_bind_text (stmt, 1, list, -1, SQLITE_STATIC);
  else
    {
      sqlite3_bind_int64 (stmt, 2, ((CrmExportClient *)g_ptr_array_index (rows, 0))->id);
      sqlite3_bind_int64 (stmt, 3, ((CrmExportClient *)g_ptr_array_index (rows, rows->len - 1))->id);
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 company_id = sqlite3_column_int64 (stmt, 0);
      const char *value = (const char *)sqlite3_column_text (stmt, 1);
      CrmExportClient *row;
      char **field;

      /* group_concat () left NULL values out */
      if (value == NULL)
        continue;
      while (at < rows->len && ((CrmExportClient *)g_ptr_array_index (rows, at))->id < company_id)
        at++;
      if (at == rows->len)
        break;
      row = g_ptr_array_index (rows, at);
      if (row->id != company_id)
        continue;

      field = phones ? &row->phones : &row->emails;
      if (*field == NULL)
        *field = g_strdup (value);
      else
        {
          char *joined = g_strconcat (*field, ", ", value, NULL);

          g_free (*field);
          *field = joined;
        }
    }
  sqlite3_clear_bindings (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _crm_store_set_error (self, error);
      return FALSE;
    }

  return TRUE;
}

GPtrArray *
crm_store_cursor_next_page (CrmStoreCursor  *cursor,
                            GError         **error)
{
  CrmStore *self = cursor->store;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GString) list = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (cursor != NULL, NULL);

  rows = g_ptr_array_new_with_free_func (cursor->contacts ? export_contact_free : export_client_free);

  STORE_LOCK (self);

  while (rows->len == 0 && !cursor->done)
    {
      g_autoptr(GArray) slice = NULL;
      guint per_page = cursor->contacts ? EXPORT_PAGE / 4 : EXPORT_PAGE;

      if (cursor->filter != NULL)
        {
          /* the next page of the filter's clients */
          slice = g_array_new (FALSE, FALSE, sizeof (gint64));
          if (!crm_store_page_filtered_clients (self, cursor->filter, cursor->last_company_id, per_page,
                                                slice, error))
            return NULL;
          if (slice->len == 0)
            {
              cursor->done = TRUE;
              break;
            }
          cursor->last_company_id = g_array_index (slice, gint64, slice->len - 1);
          if (slice->len < per_page)
            cursor->done = TRUE;
        }
      else if (cursor->ids != NULL)
        {
          /* the next slice of the chosen clients */
          guint end = MIN (cursor->next + per_page, cursor->ids->len);

          if (cursor->next >= cursor->ids->len)
            {
              cursor->done = TRUE;
              break;
            }
          slice = g_array_sized_new (FALSE, FALSE, sizeof (gint64), end - cursor->next);
          g_array_append_vals (slice, &g_array_index (cursor->ids, gint64, cursor->next), end - cursor->next);
          cursor->next = end;
        }

      if (slice != NULL)
        {
          list = g_string_new ("[");
          for (guint i = 0; i < slice->len; i++)
            g_string_append_printf (list, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                                    g_array_index (slice, gint64, i));
          g_string_append_c (list, ']');

          if (cursor->contacts)
            stmt = _crm_store_cached (self, CONTACT_COLUMNS
                                      "WHERE ct.company_id IN (SELECT value FROM json_each (?1)) ORDER BY ct.id",
                                      error);
          else
            stmt = _crm_store_cached (self, CLIENT_COLUMNS
                                      "WHERE c.id IN (SELECT value FROM json_each (?1)) ORDER BY c.id", error);
          if (stmt == NULL)
            return NULL;
          sqlite3_bind_text (stmt, 1, list->str, -1, SQLITE_TRANSIENT);
        }
      else
        {
          /* keyset paging: each page a short read of its own */
          if (cursor->contacts)
            stmt = _crm_store_cached (self, CONTACT_COLUMNS "WHERE ct.id > ?1 ORDER BY ct.id LIMIT ?2", error);
          else
            stmt = _crm_store_cached (self, CLIENT_COLUMNS "WHERE c.id > ?1 ORDER BY c.id LIMIT ?2", error);
          if (stmt == NULL)
            return NULL;
          sqlite3_bind_int64 (stmt, 1, cursor->last_id);
          sqlite3_bind_int (stmt, 2, EXPORT_PAGE);
        }

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          g_ptr_array_add (rows, cursor->contacts ? contact_from_statement (stmt) : client_from_statement (stmt));
          cursor->last_id = sqlite3_column_int64 (stmt, 0);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          _crm_store_set_error (self, error);
          return NULL;
        }

      if (!cursor->contacts && rows->len > 0 &&
          (!attach_values (self, rows, list != NULL ? list->str : NULL, TRUE, error) ||
           !attach_values (self, rows, list != NULL ? list->str : NULL, FALSE, error)))
        return NULL;
      if (list != NULL)
        g_string_free (g_steal_pointer (&list), TRUE);

      if (slice == NULL && rows->len < EXPORT_PAGE)
        cursor->done = TRUE;
    }

  return g_steal_pointer (&rows);
}
