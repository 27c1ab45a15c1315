/* crm-store-activity.c: the queries of the manager's control view
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each query reads an index range, never the whole history:
 *   - counts: activity_daily through activity_daily_by_day (day, user_id);
 *   - forgotten clients: companies_manager_id (manager_id, last_contact_at),
 *     one range per salesperson, counted, or read in the index's order from
 *     a key (last_contact_at, id);
 *   - latest activity: history_by_time (occurred_at), walked backwards from
 *     a key (occurred_at, id), so that every page costs the same.
 */

#define G_LOG_DOMAIN "crm-store"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-activity.h"
#include "crm-store-private.h"

#define SECONDS_PER_DAY 86400
#define MAX_DAYS 366

/* Users, and whether the control view lists them even without work: the
 * active salespeople and managers (not the administrator the store creates
 * for the first person who opens a database) */
#define USERS_SQL "SELECT id, full_name, active, active AND role <> 'admin' FROM users ORDER BY full_name, id"

guint _crm_activity_count_days (const char *from, const char *to);

static void
activity_row_free (CrmActivityRow *row)
{
  if (row == NULL)
    return;
  g_free (row->user_name);
  g_free (row->by_day);
  g_free (row->by_day_kind);
  g_free (row);
}

static CrmActivityRow *
activity_row_new (gint64      user_id,
                  const char *name,
                  gboolean    active,
                  guint       n_days)
{
  CrmActivityRow *row = g_new0 (CrmActivityRow, 1);

  row->listed = user_id == 0 ? FALSE : active;

  row->user_id = user_id;
  row->user_name = g_strdup (name);
  row->active = active;
  row->by_day = g_new0 (gint64, MAX (n_days, 1));
  row->by_day_kind = g_new0 (gint64, MAX (n_days, 1) * CRM_ACTIVITY_N_KINDS);

  return row;
}

static const char *
no_salesperson (void)
{
  /* Translators: the row of the control view for entries and clients nobody is responsible for */
  return _("No salesperson");
}

/**
 * crm_store_load_activity:
 * @from: the first day, YYYY-MM-DD (UTC)
 * @to: the last day, inclusive
 *
 * Returns: (transfer full): the entries of the period by salesperson, kind
 *   and day; %NULL on an error
 */
CrmActivityTable *
crm_store_load_activity (CrmStore    *self,
                         const char  *from,
                         const char  *to,
                         GError     **error)
{
  g_autoptr(CrmActivityTable) table = NULL;
  g_autoptr(GHashTable) by_user = NULL;   /* user id → CrmActivityRow*, owned */
  g_autoptr(GHashTable) days = NULL;      /* "YYYY-MM-DD" → index + 1 */
  g_autoptr(GPtrArray) all = NULL;        /* CrmActivityRow* in user order, owned */
  CrmActivityRow *nobody;
  sqlite3_stmt *stmt;
  guint n_days;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  n_days = _crm_activity_count_days (from, to);
  if (n_days == 0 || n_days > MAX_DAYS)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                   _("A period runs from a date (YYYY-MM-DD) to a later one, a year at most."));
      return NULL;
    }

  table = g_new0 (CrmActivityTable, 1);
  table->from = g_strdup (from);
  table->to = g_strdup (to);
  table->n_days = n_days;
  table->by_day = g_new0 (gint64, n_days);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)activity_row_free);

  days = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < n_days; i++)
    g_hash_table_insert (days, crm_activity_table_day (table, i), GUINT_TO_POINTER (i + 1));

  STORE_LOCK (self);

  all = g_ptr_array_new_with_free_func ((GDestroyNotify)activity_row_free);
  by_user = g_hash_table_new (g_int64_hash, g_int64_equal);
  if (!(stmt = _crm_store_cached (self, USERS_SQL, error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmActivityRow *row = activity_row_new (sqlite3_column_int64 (stmt, 0),
                                              (const char *)sqlite3_column_text (stmt, 1),
                                              sqlite3_column_int (stmt, 2) != 0, n_days);

      row->listed = sqlite3_column_int (stmt, 3) != 0;

      g_ptr_array_add (all, row);
      g_hash_table_insert (by_user, &row->user_id, row);
    }
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (self, error);
      return NULL;
    }
  nobody = activity_row_new (0, no_salesperson (), TRUE, n_days);
  g_ptr_array_add (all, nobody);
  g_hash_table_insert (by_user, &nobody->user_id, nobody);

  if (!(stmt = _crm_store_cached (self,
                                  "SELECT user_id, day, kind, count FROM activity_daily "
                                  "WHERE day BETWEEN ?1 AND ?2 AND count > 0",
                                  error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 user_id = sqlite3_column_int64 (stmt, 0);
      guint day = GPOINTER_TO_UINT (g_hash_table_lookup (days, sqlite3_column_text (stmt, 1)));
      int kind = crm_activity_kind_from_string ((const char *)sqlite3_column_text (stmt, 2));
      gint64 count = sqlite3_column_int64 (stmt, 3);
      CrmActivityRow *row;

      if (day == 0 || kind < 0)
        continue;
      /* a user id that is not in users any more counts as nobody's */
      if (!(row = g_hash_table_lookup (by_user, &user_id)))
        row = nobody;
      row->total += count;
      row->by_kind[kind] += count;
      row->by_day[day - 1] += count;
      row->by_day_kind[(day - 1) * CRM_ACTIVITY_N_KINDS + kind] += count;
      table->total += count;
      table->by_kind[kind] += count;
      table->by_day[day - 1] += count;
    }
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (self, error);
      return NULL;
    }

  /* active salespeople and managers always (no work is what a manager looks
   * for), administrators, former users and "nobody" only with entries */
  for (guint i = 0; i < all->len; i++)
    {
      CrmActivityRow *row = g_ptr_array_index (all, i);

      if (row->listed || row->total > 0)
        g_ptr_array_add (table->rows, g_ptr_array_steal_index (all, i--));
    }

  return g_steal_pointer (&table);
}

static gboolean
count_range (CrmStore    *self,
             gint64       user_id,
             gint64       before,
             gint64      *n,
             GError     **error)
{
  sqlite3_stmt *stmt;

  if (user_id != 0)
    stmt = _crm_store_cached (self, "SELECT count(*) FROM companies WHERE manager_id = ?1 AND last_contact_at < ?2",
                              error);
  else
    stmt = _crm_store_cached (self, "SELECT count(*) FROM companies WHERE manager_id IS NULL AND last_contact_at < ?2",
                              error);
  if (stmt == NULL)
    return FALSE;
  if (user_id != 0)
    sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_int64 (stmt, 2, before);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return _crm_store_set_error (self, error);
  *n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return TRUE;
}

/**
 * crm_store_count_forgotten_clients:
 * @days: days without a contact
 * @count_all: also count each manager's clients
 *
 * Returns: (transfer full) (element-type CrmForgottenCount): by salesperson
 */
GPtrArray *
crm_store_count_forgotten_clients (CrmStore  *self,
                                   guint      days,
                                   gboolean   count_all,
                                   GError   **error)
{
  g_autoptr(GPtrArray) counts = NULL;
  g_autoptr(GPtrArray) result = NULL;
  sqlite3_stmt *stmt;
  gint64 before;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  before = _crm_now_utc () - (gint64)days * SECONDS_PER_DAY;

  STORE_LOCK (self);

  counts = g_ptr_array_new_with_free_func ((GDestroyNotify)crm_forgotten_count_free);
  if (!(stmt = _crm_store_cached (self, USERS_SQL, error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmForgottenCount *count = g_new0 (CrmForgottenCount, 1);

      count->user_id = sqlite3_column_int64 (stmt, 0);
      count->user_name = _crm_column_dup (stmt, 1);
      count->n_clients = sqlite3_column_int (stmt, 3);   /* listed, for now */
      g_ptr_array_add (counts, count);
    }
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (self, error);
      return NULL;
    }
  sqlite3_reset (stmt);
  g_ptr_array_add (counts, g_new0 (CrmForgottenCount, 1));   /* no manager */

  result = g_ptr_array_new_with_free_func ((GDestroyNotify)crm_forgotten_count_free);
  for (guint i = 0; i < counts->len; i++)
    {
      CrmForgottenCount *count = g_ptr_array_index (counts, i);
      gboolean keep = count->user_id != 0 && count->n_clients != 0;   /* listed */

      if (!count_range (self, count->user_id, before, &count->n_forgotten, error))
        return NULL;
      if (!keep && count->n_forgotten == 0)
        continue;
      count->n_clients = -1;
      if (count_all && !count_range (self, count->user_id, G_MAXINT64, &count->n_clients, error))
        return NULL;
      if (count->user_id == 0)
        count->user_name = g_strdup (no_salesperson ());
      g_ptr_array_add (result, g_ptr_array_steal_index (counts, i--));
    }

  return g_steal_pointer (&result);
}

/**
 * crm_store_list_forgotten_clients:
 *
 * Returns: (transfer full) (element-type CrmForgottenClient): a page
 */
GPtrArray *
crm_store_list_forgotten_clients (CrmStore  *self,
                                  gint64     user_id,
                                  guint      days,
                                  gint64     after_time,
                                  gint64     after_id,
                                  guint      limit,
                                  GError   **error)
{
  g_autoptr(GPtrArray) clients = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  STORE_LOCK (self);

  if (user_id != 0)
    stmt = _crm_store_cached (self,
                              "SELECT c.id, c.name, st.name, c.city, c.last_contact_at FROM companies c "
                              "LEFT JOIN dictionary st ON st.id = c.status_id "
                              "WHERE c.manager_id = ?1 AND c.last_contact_at < ?2 AND (c.last_contact_at, c.id) > (?4, ?5) "
                              "ORDER BY c.last_contact_at, c.id LIMIT ?3",
                              error);
  else
    stmt = _crm_store_cached (self,
                              "SELECT c.id, c.name, st.name, c.city, c.last_contact_at FROM companies c "
                              "LEFT JOIN dictionary st ON st.id = c.status_id "
                              "WHERE c.manager_id IS NULL AND c.last_contact_at < ?2 AND (c.last_contact_at, c.id) > (?4, ?5) "
                              "ORDER BY c.last_contact_at, c.id LIMIT ?3",
                              error);
  if (stmt == NULL)
    return NULL;
  if (user_id != 0)
    sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_int64 (stmt, 2, _crm_now_utc () - (gint64)days * SECONDS_PER_DAY);
  sqlite3_bind_int64 (stmt, 3, limit);
  sqlite3_bind_int64 (stmt, 4, after_time);
  sqlite3_bind_int64 (stmt, 5, after_id);

  clients = g_ptr_array_new_with_free_func ((GDestroyNotify)crm_forgotten_client_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmForgottenClient *client = g_new0 (CrmForgottenClient, 1);

      client->id = sqlite3_column_int64 (stmt, 0);
      client->name = _crm_column_dup (stmt, 1);
      client->status = _crm_column_dup (stmt, 2);
      client->city = _crm_column_dup (stmt, 3);
      client->last_contact_at = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (clients, client);
    }
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&clients);
}

/**
 * crm_store_list_latest_activity:
 *
 * Returns: (transfer full) (element-type CrmActivityEntry): a page
 */
GPtrArray *
crm_store_list_latest_activity (CrmStore  *self,
                                gint64     before_time,
                                gint64     before_id,
                                guint      limit,
                                GError   **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  if (before_time == 0 && before_id == 0)
    before_time = _crm_now_utc () + 1;

  STORE_LOCK (self);

  stmt = _crm_store_cached (self,
                            "SELECT h.id, h.company_id, c.name, h.user_id, u.full_name, h.kind, h.subject, h.occurred_at "
                            "FROM history h INDEXED BY history_by_time "
                            "JOIN companies c ON c.id = h.company_id "
                            "LEFT JOIN users u ON u.id = h.user_id "
                            "WHERE (h.occurred_at, h.id) < (?1, ?2) "
                            "  AND h.kind NOT IN ('field-changed', 'status-changed', 'manager-changed', 'created', "
                            "                     'imported', 'merged', 'document') "
                            "ORDER BY h.occurred_at DESC, h.id DESC LIMIT ?3",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, before_time);
  sqlite3_bind_int64 (stmt, 2, before_id);
  sqlite3_bind_int64 (stmt, 3, limit);

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify)crm_activity_entry_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmActivityEntry *entry = g_new0 (CrmActivityEntry, 1);

      entry->id = sqlite3_column_int64 (stmt, 0);
      entry->company_id = sqlite3_column_int64 (stmt, 1);
      entry->company_name = _crm_column_dup (stmt, 2);
      entry->user_id = sqlite3_column_int64 (stmt, 3);
      entry->user_name = _crm_column_dup (stmt, 4);
      entry->kind = _crm_column_dup (stmt, 5);
      entry->subject = _crm_column_dup (stmt, 6);
      entry->occurred_at = sqlite3_column_int64 (stmt, 7);
      g_ptr_array_add (entries, entry);
    }
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&entries);
}
