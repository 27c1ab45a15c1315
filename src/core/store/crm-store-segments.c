/* crm-store-segments.c: saved filters of the client list
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-store"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-segments.h"
#include "crm-store-private.h"

void
crm_segment_free (CrmSegment *segment)
{
  if (segment == NULL)
    return;
  g_free (segment->name);
  g_free (segment->filter);
  g_free (segment);
}

static char *
segment_name (const char  *name,
              GError     **error)
{
  char *trimmed = g_strstrip (g_strdup (name ? name : ""));

  if (*trimmed == '\0')
    {
      g_free (trimmed);
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID, _("A segment needs a name."));
      return NULL;
    }

  return trimmed;
}

static gboolean
name_taken (CrmStore    *self,
            const char  *name,
            gint64       except_id,
            GError     **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_cached (self, "SELECT id FROM segments WHERE name = ?1 AND id <> ?2", error)))
    return TRUE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, except_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT,
                   _("A segment called “%s” already exists."), name);
      return TRUE;
    }

  return FALSE;
}

static gboolean
not_found (GError **error,
           gint64   segment_id)
{
  g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
               _("There is no segment with the number %lld."), (long long)segment_id);
  return FALSE;
}

/**
 * crm_store_list_segments:
 * @count: whether to count the clients of each segment
 *
 * Returns: (transfer full) (element-type CrmSegment): the segments in their
 *   order, then by name; %NULL on an error
 */
GPtrArray *
crm_store_list_segments (CrmStore  *self,
                         gboolean   count,
                         GError   **error)
{
  g_autoptr(GPtrArray) segments = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  STORE_LOCK (self);

  if (!(stmt = _crm_store_cached (self, "SELECT id, name, filter, created_at FROM segments ORDER BY position, name", error)))
    return NULL;

  segments = g_ptr_array_new_with_free_func ((GDestroyNotify)crm_segment_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmSegment *segment = g_new0 (CrmSegment, 1);

      segment->id = sqlite3_column_int64 (stmt, 0);
      segment->name = _crm_column_dup (stmt, 1);
      segment->filter = _crm_column_dup (stmt, 2);
      segment->created_at = sqlite3_column_int64 (stmt, 3);
      segment->n_clients = -1;
      g_ptr_array_add (segments, segment);
    }
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (self, error);
      return NULL;
    }
  sqlite3_reset (stmt);

  for (guint i = 0; count && i < segments->len; i++)
    {
      CrmSegment *segment = g_ptr_array_index (segments, i);
      g_autoptr(CrmClientFilter) filter = NULL;
      g_autoptr(GError) local_error = NULL;

      /* A filter that cannot be read leaves its count at -1; the list of
       * segments still shows, and loading that one says what is wrong. */
      if (!(filter = crm_client_filter_new_from_json (segment->filter, &local_error)))
        continue;
      segment->n_clients = crm_store_count_filtered_clients (self, filter, error);
      if (segment->n_clients < 0)
        return NULL;
    }

  return g_steal_pointer (&segments);
}

/**
 * crm_store_create_segment:
 * @name: a name no other segment has
 * @filter: the conditions to save
 *
 * Returns: the new segment's id, 0 on an error
 */
gint64
crm_store_create_segment (CrmStore         *self,
                          const char       *name,
                          CrmClientFilter  *filter,
                          GError          **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *json = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);
  g_return_val_if_fail (CRM_IS_CLIENT_FILTER (filter), 0);

  STORE_LOCK (self);

  if (!(trimmed = segment_name (name, error)) || name_taken (self, trimmed, 0, error))
    return 0;

  json = crm_client_filter_to_json (filter);
  stmt = _crm_store_cached (self,
                            "INSERT INTO segments (name, filter, position, created_at, created_by) "
                            "VALUES (?1, ?2, (SELECT coalesce (max (position) + 1, 0) FROM segments), ?3, ?4)",
                            error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, trimmed, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, json, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, _crm_now_utc ());
  _crm_bind_id_or_null (stmt, 4, self->current_user_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _crm_store_constraint_error (self, error);
      return 0;
    }

  return sqlite3_last_insert_rowid (self->db);
}

gboolean
crm_store_rename_segment (CrmStore    *self,
                          gint64       segment_id,
                          const char  *name,
                          GError     **error)
{
  g_autofree char *trimmed = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  STORE_LOCK (self);

  if (!(trimmed = segment_name (name, error)) || name_taken (self, trimmed, segment_id, error))
    return FALSE;

  if (!(stmt = _crm_store_cached (self, "UPDATE segments SET name = ?1 WHERE id = ?2", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, trimmed, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, segment_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _crm_store_constraint_error (self, error);
  if (sqlite3_changes (self->db) == 0)
    return not_found (error, segment_id);

  return TRUE;
}

gboolean
crm_store_update_segment (CrmStore         *self,
                          gint64            segment_id,
                          CrmClientFilter  *filter,
                          GError          **error)
{
  g_autofree char *json = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (CRM_IS_CLIENT_FILTER (filter), FALSE);

  STORE_LOCK (self);

  json = crm_client_filter_to_json (filter);
  if (!(stmt = _crm_store_cached (self, "UPDATE segments SET filter = ?1 WHERE id = ?2", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, segment_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _crm_store_set_error (self, error);
  if (sqlite3_changes (self->db) == 0)
    return not_found (error, segment_id);

  return TRUE;
}

gboolean
crm_store_delete_segment (CrmStore  *self,
                          gint64     segment_id,
                          GError   **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  STORE_LOCK (self);

  if (!(stmt = _crm_store_cached (self, "DELETE FROM segments WHERE id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, segment_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _crm_store_set_error (self, error);
  if (sqlite3_changes (self->db) == 0)
    return not_found (error, segment_id);

  return TRUE;
}

/**
 * crm_store_find_segment:
 * @name: a segment's name (surrounding spaces ignored)
 *
 * Returns: its id, or 0 with %CRM_STORE_ERROR_NOT_FOUND
 */
gint64
crm_store_find_segment (CrmStore    *self,
                        const char  *name,
                        GError     **error)
{
  g_autofree char *trimmed = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);
  g_return_val_if_fail (name != NULL, 0);

  STORE_LOCK (self);

  trimmed = g_strstrip (g_strdup (name));
  if (!(stmt = _crm_store_cached (self, "SELECT id FROM segments WHERE name = ?1", error)))
    return 0;
  sqlite3_bind_text (stmt, 1, trimmed, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (self, error);
      return 0;
    }

  g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
               _("There is no segment called “%s”."), trimmed);
  return 0;
}

/**
 * crm_store_load_segment:
 *
 * Returns: (transfer full): the segment's filter, or %NULL with an error
 *   (one naming the segment when its saved filter cannot be read)
 */
CrmClientFilter *
crm_store_load_segment (CrmStore  *self,
                        gint64     segment_id,
                        GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *json = NULL;
  CrmClientFilter *filter;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  STORE_LOCK (self);

  if (!(stmt = _crm_store_cached (self, "SELECT name, filter FROM segments WHERE id = ?1", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, segment_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      not_found (error, segment_id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      _crm_store_set_error (self, error);
      return NULL;
    }
  name = _crm_column_dup (stmt, 0);
  json = _crm_column_dup (stmt, 1);
  sqlite3_reset (stmt);

  if (!(filter = crm_client_filter_new_from_json (json, &local_error)))
    {
      /* Translators: the first %s is a segment's name, the second what is wrong */
      g_set_error (error, local_error->domain, local_error->code,
                   _("The segment “%s” cannot be read: %s"), name, local_error->message);
      return NULL;
    }

  return filter;
}
