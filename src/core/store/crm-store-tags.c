/* crm-store-tags.c: the tags of the client base as a whole
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-store"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-client-filter.h"
#include "crm-store-private.h"
#include "crm-tags.h"

/* Tags are in the search document of every client that carries them
 * (SEARCH_DOCUMENT_SQL in crm-store.c): renaming, merging or deleting one
 * writes those documents again in the same transaction. */

void
crm_tag_usage_free (CrmTagUsage *usage)
{
  if (usage == NULL)
    return;
  g_free (usage->name);
  g_free (usage);
}

static gboolean
tag_not_found (gint64   tag_id,
               GError **error)
{
  g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
               _("There is no tag with the number %lld."), (long long)tag_id);
  return FALSE;
}

static char *
tag_name (CrmStore  *self,
          gint64     tag_id,
          GError   **error)
{
  sqlite3_stmt *stmt;
  char *name;
  int rc;

  if (!(stmt = _crm_store_cached (self, "SELECT name FROM tags WHERE id = ?1", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, tag_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      tag_not_found (tag_id, error);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      _crm_store_set_error (self, error);
      return NULL;
    }
  name = _crm_column_dup (stmt, 0);
  sqlite3_reset (stmt);

  return name;
}

/* The clients that carry a tag, before it changes */
static GArray *
tag_companies (CrmStore  *self,
               gint64     tag_id,
               GError   **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_cached (self, "SELECT company_id FROM company_tags WHERE tag_id = ?1", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, tag_id);
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

static gboolean
reindex (CrmStore  *self,
         GArray    *companies,
         GError   **error)
{
  for (guint i = 0; i < companies->len; i++)
    if (!_crm_store_reindex_company (self, g_array_index (companies, gint64, i), error))
      return FALSE;

  return TRUE;
}

static gboolean
step_done (CrmStore      *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _crm_store_set_error (self, error);

  return TRUE;
}

/**
 * crm_store_list_tag_usage:
 *
 * Returns: (transfer full) (element-type CrmTagUsage): every tag by name,
 *   with the number of clients that carry it; %NULL on an error
 */
GPtrArray *
crm_store_list_tag_usage (CrmStore  *self,
                          GError   **error)
{
  g_autoptr(GPtrArray) tags = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  STORE_LOCK (self);

  /* each count walks company_tags_by_tag over the tag's clients only */
  if (!(stmt = _crm_store_cached (self,
                                  "SELECT t.id, t.name, (SELECT count(*) FROM company_tags WHERE tag_id = t.id) "
                                  "FROM tags t ORDER BY t.name, t.id", error)))
    return NULL;

  tags = g_ptr_array_new_with_free_func ((GDestroyNotify)crm_tag_usage_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmTagUsage *usage = g_new0 (CrmTagUsage, 1);

      usage->id = sqlite3_column_int64 (stmt, 0);
      usage->name = _crm_column_dup (stmt, 1);
      usage->n_clients = sqlite3_column_int64 (stmt, 2);
      g_ptr_array_add (tags, usage);
    }
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&tags);
}

/**
 * crm_store_count_tag_clients:
 *
 * Returns: how many clients carry the tag, -1 on an error (e.g. no such tag)
 */
gint64
crm_store_count_tag_clients (CrmStore  *self,
                             gint64     tag_id,
                             GError   **error)
{
  g_autofree char *name = NULL;
  sqlite3_stmt *stmt;
  gint64 count;

  g_return_val_if_fail (CRM_IS_STORE (self), -1);

  STORE_LOCK (self);

  if (!(name = tag_name (self, tag_id, error)))
    return -1;
  if (!(stmt = _crm_store_cached (self, "SELECT count(*) FROM company_tags WHERE tag_id = ?1", error)))
    return -1;
  sqlite3_bind_int64 (stmt, 1, tag_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _crm_store_set_error (self, error);
      return -1;
    }
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return count;
}

/**
 * crm_store_create_tag:
 * @name: the new tag's name, trimmed
 *
 * A tag no client carries yet, for the pickers.
 *
 * Returns: its id, 0 on an error (an empty name, a name another tag has)
 */
gint64
crm_store_create_tag (CrmStore    *self,
                      const char  *name,
                      GError     **error)
{
  g_autofree char *text = g_strstrip (g_strdup (name != NULL ? name : ""));
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);

  STORE_LOCK (self);

  if (!_crm_require_text (text, _("The tag’s name"), error))
    return 0;

  if (!(stmt = _crm_store_cached (self, "INSERT INTO tags (name) VALUES (?1)", error)))
    return 0;
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      if ((sqlite3_extended_errcode (self->db) & 0xff) == SQLITE_CONSTRAINT)
        g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT,
                     _("A tag called “%s” already exists."), text);
      else
        _crm_store_set_error (self, error);
      sqlite3_reset (stmt);
      return 0;
    }
  sqlite3_reset (stmt);

  return sqlite3_last_insert_rowid (self->db);
}

/* A saved segment that asked for the merged tag asks for the one it became */
static gboolean
retarget_segments (CrmStore  *self,
                   gint64     from_id,
                   gint64     to_id,
                   GError   **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) filters = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_cached (self, "SELECT id, filter FROM segments", error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      CrmClientFilter *filter;

      /* a segment that cannot be read is left as it is */
      filter = crm_client_filter_new_from_json ((const char *)sqlite3_column_text (stmt, 1), NULL);
      if (filter == NULL)
        continue;
      if (!crm_client_filter_has (filter, CRM_FILTER_TAG, from_id))
        {
          g_object_unref (filter);
          continue;
        }
      crm_client_filter_remove (filter, CRM_FILTER_TAG, from_id);
      crm_client_filter_add (filter, CRM_FILTER_TAG, to_id);
      g_array_append_val (ids, id);
      g_ptr_array_add (filters, filter);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _crm_store_set_error (self, error);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autofree char *json = crm_client_filter_to_json (g_ptr_array_index (filters, i));

      if (!(stmt = _crm_store_cached (self, "UPDATE segments SET filter = ?1 WHERE id = ?2", error)))
        return FALSE;
      sqlite3_bind_text (stmt, 1, json, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, g_array_index (ids, gint64, i));
      if (!step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * crm_store_rename_tag:
 * @tag_id: the tag
 * @name: its new name, trimmed
 * @merged: (out) (optional): set when another tag already had that name
 *   (the same letters and case): the two became one
 *
 * Renames the tag for every client that carries it. When another tag has
 * the name already, its clients and this tag's are merged under it and this
 * tag goes; saved segments that asked for this tag ask for that one.
 *
 * Returns: the id of the tag that now has the name (another one after a
 *   merge), 0 on an error
 */
gint64
crm_store_rename_tag (CrmStore    *self,
                      gint64       tag_id,
                      const char  *name,
                      gboolean    *merged,
                      GError     **error)
{
  g_autofree char *text = g_strstrip (g_strdup (name != NULL ? name : ""));
  g_autofree char *old_name = NULL;
  g_autoptr(GArray) companies = NULL;
  sqlite3_stmt *stmt;
  gint64 target = 0;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);

  STORE_LOCK (self);
  g_auto(CrmStoreTx) tx = { 0 };

  if (merged != NULL)
    *merged = FALSE;

  if (!_crm_require_text (text, _("The tag’s name"), error) ||
      !_crm_store_tx_begin (self, &tx, error) ||
      !(old_name = tag_name (self, tag_id, error)))
    return 0;
  if (g_str_equal (old_name, text))
    return _crm_store_tx_commit (&tx, error) ? tag_id : 0;

  if (!(stmt = _crm_store_cached (self, "SELECT id FROM tags WHERE name = ?1", error)))
    return 0;
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    target = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _crm_store_set_error (self, error);
      return 0;
    }

  if (!(companies = tag_companies (self, tag_id, error)))
    return 0;

  if (target == 0)
    {
      if (!(stmt = _crm_store_cached (self, "UPDATE tags SET name = ?2 WHERE id = ?1", error)))
        return 0;
      sqlite3_bind_int64 (stmt, 1, tag_id);
      sqlite3_bind_text (stmt, 2, text, -1, SQLITE_STATIC);
      if (!step_done (self, stmt, error))
        return 0;
      target = tag_id;
    }
  else
    {
      if (!(stmt = _crm_store_cached (self,
                                      "INSERT OR IGNORE INTO company_tags (company_id, tag_id) "
                                      "SELECT company_id, ?2 FROM company_tags WHERE tag_id = ?1", error)))
        return 0;
      sqlite3_bind_int64 (stmt, 1, tag_id);
      sqlite3_bind_int64 (stmt, 2, target);
      if (!step_done (self, stmt, error))
        return 0;

      /* its clients' rows go with it (ON DELETE CASCADE) */
      if (!(stmt = _crm_store_cached (self, "DELETE FROM tags WHERE id = ?1", error)))
        return 0;
      sqlite3_bind_int64 (stmt, 1, tag_id);
      if (!step_done (self, stmt, error) ||
          !retarget_segments (self, tag_id, target, error))
        return 0;
      if (merged != NULL)
        *merged = TRUE;
    }

  if (!reindex (self, companies, error) || !_crm_store_tx_commit (&tx, error))
    return 0;

  return target;
}

/**
 * crm_store_delete_tag:
 * @n_clients: (out) (optional): how many clients carried it
 *
 * Takes the tag off every client and deletes it. Saved segments that ask
 * for it keep asking (and show it as deleted): they are not widened behind
 * the user's back.
 */
gboolean
crm_store_delete_tag (CrmStore  *self,
                      gint64     tag_id,
                      gint64    *n_clients,
                      GError   **error)
{
  g_autoptr(GArray) companies = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  STORE_LOCK (self);
  g_auto(CrmStoreTx) tx = { 0 };

  if (!_crm_store_tx_begin (self, &tx, error) ||
      !(companies = tag_companies (self, tag_id, error)))
    return FALSE;

  if (!(stmt = _crm_store_cached (self, "DELETE FROM tags WHERE id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, tag_id);
  if (!step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    return tag_not_found (tag_id, error);

  if (!reindex (self, companies, error) || !_crm_store_tx_commit (&tx, error))
    return FALSE;

  if (n_clients != NULL)
    *n_clients = companies->len;

  return TRUE;
}
