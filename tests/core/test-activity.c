/* test-activity.c: the queries of the manager's control view
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "crm-activity.h"
#include "test-utils.h"

#define DAY 86400

/* 2026-03-02 (a Monday) 10:00 UTC */
#define MONDAY 1772445600

typedef struct
{
  TestDir  *dir;
  char     *path;
  CrmStore *store;
  gint64    anna;
  gint64    boris;
  gint64    gone;      /* not active */
  gint64    client_a;  /* Anna's */
  gint64    client_b;  /* Boris's */
} Fixture;

static gint64
add_user (CrmStore   *store,
          const char *login,
          const char *name,
          gboolean    active)
{
  g_autoptr(GError) error = NULL;
  CrmUserData user = { .login = login, .full_name = name, .role = "sales", .active = active };
  gint64 id = crm_store_add_user (store, &user, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
add_client (CrmStore   *store,
            const char *name,
            gint64      manager)
{
  g_autoptr(GError) error = NULL;
  CrmCompanyData company = { .name = name, .manager_id = manager };
  gint64 id = crm_store_add_company (store, &company, &error);

  g_assert_no_error (error);
  return id;
}

static gint64
add_entry (CrmStore   *store,
           gint64      company,
           gint64      user,
           const char *kind,
           gint64      when)
{
  g_autoptr(GError) error = NULL;
  CrmHistoryData entry = { .company_id = company, .user_id = user, .kind = kind,
                           .subject = "Subject", .occurred_at = when };
  gint64 id = crm_store_add_history (store, &entry, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = test_dir_new ();
  fixture->path = g_build_filename (fixture->dir->path, "rapport.db", NULL);
  fixture->store = crm_store_open_full (fixture->path, CRM_STORE_OPEN_DEFAULT, "en", &error);
  g_assert_no_error (error);
  fixture->anna = add_user (fixture->store, "anna", "Anna Petrova", TRUE);
  fixture->boris = add_user (fixture->store, "boris", "Boris Ivanov", TRUE);
  fixture->gone = add_user (fixture->store, "gone", "Gleb Left", FALSE);
  fixture->client_a = add_client (fixture->store, "Alpha", fixture->anna);
  fixture->client_b = add_client (fixture->store, "Beta", fixture->boris);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_free (fixture->path);
  test_dir_free (fixture->dir);
}

static void
exec_sql (Fixture    *fixture,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static CrmActivityTable *
load_week (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  CrmActivityTable *table = crm_store_load_activity (fixture->store, "2026-03-02", "2026-03-08", &error);

  g_assert_no_error (error);
  g_assert_nonnull (table);
  g_assert_cmpuint (table->n_days, ==, 7);
  return table;
}

static void
test_counts (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(CrmActivityTable) table = NULL;
  g_autofree char *sql = NULL;
  const CrmActivityRow *anna, *boris;
  gint64 call, meeting;

  /* Anna: two calls on Monday, a meeting on Wednesday; Boris: a letter on
   * Sunday; the week before and after do not count, nor a field change */
  call = add_entry (fixture->store, fixture->client_a, fixture->anna, "call", MONDAY);
  add_entry (fixture->store, fixture->client_a, fixture->anna, "call", MONDAY + 3600);
  meeting = add_entry (fixture->store, fixture->client_a, fixture->anna, "meeting", MONDAY + 2 * DAY);
  add_entry (fixture->store, fixture->client_b, fixture->boris, "letter", MONDAY + 6 * DAY);
  add_entry (fixture->store, fixture->client_b, fixture->boris, "email", MONDAY - DAY);
  add_entry (fixture->store, fixture->client_b, fixture->boris, "email", MONDAY + 7 * DAY);
  add_entry (fixture->store, fixture->client_a, fixture->anna, "field-changed", MONDAY);

  table = load_week (fixture);
  g_assert_cmpint (table->total, ==, 4);
  g_assert_cmpint (table->by_kind[CRM_ACTIVITY_CALL], ==, 2);
  g_assert_cmpint (table->by_day[0], ==, 2);
  g_assert_cmpint (table->by_day[6], ==, 1);

  /* both active users listed by name, the inactive one without entries not */
  g_assert_cmpuint (table->rows->len, ==, 2);
  g_assert_cmpstr (((CrmActivityRow *)g_ptr_array_index (table->rows, 0))->user_name, ==, "Anna Petrova");
  anna = crm_activity_table_find (table, fixture->anna);
  boris = crm_activity_table_find (table, fixture->boris);
  g_assert_null (crm_activity_table_find (table, fixture->gone));
  g_assert_cmpint (anna->total, ==, 3);
  g_assert_cmpint (anna->by_kind[CRM_ACTIVITY_CALL], ==, 2);
  g_assert_cmpint (anna->by_kind[CRM_ACTIVITY_MEETING], ==, 1);
  g_assert_cmpint (anna->by_day[0], ==, 2);
  g_assert_cmpint (anna->by_day[2], ==, 1);
  g_assert_cmpint (anna->by_day_kind[0 * CRM_ACTIVITY_N_KINDS + CRM_ACTIVITY_CALL], ==, 2);
  g_assert_cmpint (anna->by_day_kind[2 * CRM_ACTIVITY_N_KINDS + CRM_ACTIVITY_MEETING], ==, 1);
  g_assert_cmpint (anna->by_day_kind[2 * CRM_ACTIVITY_N_KINDS + CRM_ACTIVITY_CALL], ==, 0);
  g_assert_cmpint (boris->total, ==, 1);
  g_assert_cmpint (boris->by_kind[CRM_ACTIVITY_LETTER], ==, 1);
  g_assert_cmpint (boris->by_day[6], ==, 1);
  g_clear_pointer (&table, crm_activity_table_free);

  /* an edit moves the meeting to Friday and to Boris; a call is deleted */
  sql = g_strdup_printf ("UPDATE history SET occurred_at = occurred_at + 2 * 86400, user_id = %" G_GINT64_FORMAT
                         " WHERE id = %" G_GINT64_FORMAT "; DELETE FROM history WHERE id = %" G_GINT64_FORMAT,
                         fixture->boris, meeting, call);
  exec_sql (fixture, sql);
  table = load_week (fixture);
  anna = crm_activity_table_find (table, fixture->anna);
  boris = crm_activity_table_find (table, fixture->boris);
  g_assert_cmpint (anna->total, ==, 1);
  g_assert_cmpint (anna->by_day[0], ==, 1);
  g_assert_cmpint (anna->by_day[2], ==, 0);
  g_assert_cmpint (anna->by_kind[CRM_ACTIVITY_MEETING], ==, 0);
  g_assert_cmpint (boris->total, ==, 2);
  g_assert_cmpint (boris->by_kind[CRM_ACTIVITY_MEETING], ==, 1);
  g_assert_cmpint (boris->by_day[4], ==, 1);
  g_assert_cmpint (table->total, ==, 3);
  g_clear_pointer (&table, crm_activity_table_free);

  /* an inactive salesperson's entries and entries of nobody show as rows */
  add_entry (fixture->store, fixture->client_a, fixture->gone, "note", MONDAY + DAY);
  add_entry (fixture->store, fixture->client_a, 0, "custom-kind", MONDAY + DAY);
  /* the store writes the current user (the administrator) for 0 */
  table = load_week (fixture);
  g_assert_cmpuint (table->rows->len, ==, 4);
  g_assert_cmpint (((CrmActivityRow *)g_ptr_array_index (table->rows, 3))->by_kind[CRM_ACTIVITY_OTHER], ==, 1);
  g_clear_pointer (&table, crm_activity_table_free);
  exec_sql (fixture, "UPDATE history SET user_id = NULL WHERE kind = 'custom-kind'");
  table = load_week (fixture);
  g_assert_cmpuint (table->rows->len, ==, 4);
  g_assert_cmpint (crm_activity_table_find (table, fixture->gone)->by_kind[CRM_ACTIVITY_NOTE], ==, 1);
  g_assert_cmpint (crm_activity_table_find (table, 0)->by_kind[CRM_ACTIVITY_OTHER], ==, 1);
  g_assert_cmpint (((CrmActivityRow *)g_ptr_array_index (table->rows, 3))->user_id, ==, 0);
  g_clear_pointer (&table, crm_activity_table_free);

  /* the program's own kinds are no work: activity_daily keeps no row of
   * them (schema 6), also when an entry turns into one or out of one */
  exec_sql (fixture, "UPDATE history SET kind = 'document' WHERE kind = 'note'");
  table = load_week (fixture);
  g_assert_null (crm_activity_table_find (table, fixture->gone));
  g_clear_pointer (&table, crm_activity_table_free);
  exec_sql (fixture, "UPDATE history SET kind = 'note' WHERE kind = 'document'");
  table = load_week (fixture);
  g_assert_cmpint (crm_activity_table_find (table, fixture->gone)->by_kind[CRM_ACTIVITY_NOTE], ==, 1);
  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM activity_daily WHERE kind IN "
                                         "('field-changed', 'created', 'document')", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
}

static void
test_bad_period (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (crm_store_load_activity (fixture->store, "2026-03-08", "2026-03-02", &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (crm_store_load_activity (fixture->store, "2026-02-30", "2026-03-02", &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (crm_store_load_activity (fixture->store, "2024-01-01", "2026-01-01", &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
}

static void
test_periods (void)
{
  /* Thursday 2026-03-05 */
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 3, 5, 12, 0, 0);
  g_autoptr(GDateTime) sunday = g_date_time_new_utc (2026, 3, 8, 23, 0, 0);
  g_autoptr(GDateTime) january = g_date_time_new_utc (2026, 1, 15, 0, 0, 0);
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

#define CHECK(period, when, a, b) \
  crm_period_get_days (period, when, &from, &to); \
  g_assert_cmpstr (from, ==, a); \
  g_assert_cmpstr (to, ==, b); \
  g_clear_pointer (&from, g_free); \
  g_clear_pointer (&to, g_free);

  CHECK (CRM_PERIOD_THIS_WEEK, now, "2026-03-02", "2026-03-08");
  CHECK (CRM_PERIOD_THIS_WEEK, sunday, "2026-03-02", "2026-03-08");
  CHECK (CRM_PERIOD_LAST_WEEK, now, "2026-02-23", "2026-03-01");
  CHECK (CRM_PERIOD_THIS_MONTH, now, "2026-03-01", "2026-03-31");
  CHECK (CRM_PERIOD_LAST_MONTH, now, "2026-02-01", "2026-02-28");
  CHECK (CRM_PERIOD_LAST_MONTH, january, "2025-12-01", "2025-12-31");
#undef CHECK

  g_assert_true (crm_day_is_valid ("2024-02-29"));
  g_assert_false (crm_day_is_valid ("2026-02-29"));
  g_assert_false (crm_day_is_valid ("2026-3-1"));
  g_assert_false (crm_day_is_valid ("2026-03-01x"));
  g_assert_false (crm_day_is_valid (NULL));
}

static void
test_forgotten (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) counts = NULL;
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 never, old, older, orphan, gone_client;
  CrmForgottenCount *count;

  /* Anna: Alpha (called today), Old (40 days ago), Older (100 days), Never;
   * Boris: Beta (never); nobody: Orphan (never); Gleb (left): one client */
  add_entry (fixture->store, fixture->client_a, fixture->anna, "call", now - 3600);
  old = add_client (fixture->store, "Old", fixture->anna);
  add_entry (fixture->store, old, fixture->anna, "call", now - 40 * DAY);
  older = add_client (fixture->store, "Older", fixture->anna);
  add_entry (fixture->store, older, fixture->anna, "meeting", now - 100 * DAY);
  /* a later field change is not a contact */
  add_entry (fixture->store, older, fixture->anna, "field-changed", now - DAY);
  never = add_client (fixture->store, "Never", fixture->anna);
  orphan = add_client (fixture->store, "Orphan", 0);
  gone_client = add_client (fixture->store, "Left behind", fixture->gone);

  counts = crm_store_count_forgotten_clients (fixture->store, 30, TRUE, &error);
  g_assert_no_error (error);
  /* Anna, Boris, Gleb (inactive, but has forgotten clients), nobody */
  g_assert_cmpuint (counts->len, ==, 4);
  count = g_ptr_array_index (counts, 0);
  g_assert_cmpint (count->user_id, ==, fixture->anna);
  g_assert_cmpint (count->n_clients, ==, 4);
  g_assert_cmpint (count->n_forgotten, ==, 3);
  count = g_ptr_array_index (counts, 1);
  g_assert_cmpint (count->user_id, ==, fixture->boris);
  g_assert_cmpint (count->n_forgotten, ==, 1);
  count = g_ptr_array_index (counts, 2);
  g_assert_cmpint (count->user_id, ==, fixture->gone);
  g_assert_cmpint (count->n_forgotten, ==, 1);
  count = g_ptr_array_index (counts, 3);
  g_assert_cmpint (count->user_id, ==, 0);
  g_assert_cmpint (count->n_forgotten, ==, 1);
  g_assert_cmpint (count->n_clients, ==, 1);
  g_clear_pointer (&counts, g_ptr_array_unref);

  counts = crm_store_count_forgotten_clients (fixture->store, 60, FALSE, &error);
  g_assert_no_error (error);
  count = g_ptr_array_index (counts, 0);
  g_assert_cmpint (count->n_forgotten, ==, 2);
  g_assert_cmpint (count->n_clients, ==, -1);
  g_clear_pointer (&counts, g_ptr_array_unref);

  /* the longest forgotten first: never contacted, then 100 days, then 40 */
  clients = crm_store_list_forgotten_clients (fixture->store, fixture->anna, 30, -1, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clients->len, ==, 3);
  g_assert_cmpint (((CrmForgottenClient *)g_ptr_array_index (clients, 0))->id, ==, never);
  g_assert_cmpint (((CrmForgottenClient *)g_ptr_array_index (clients, 0))->last_contact_at, ==, 0);
  g_assert_cmpint (((CrmForgottenClient *)g_ptr_array_index (clients, 1))->id, ==, older);
  g_assert_cmpint (((CrmForgottenClient *)g_ptr_array_index (clients, 1))->last_contact_at, ==, now - 100 * DAY);
  g_assert_cmpint (((CrmForgottenClient *)g_ptr_array_index (clients, 2))->id, ==, old);
  g_clear_pointer (&clients, g_ptr_array_unref);

  /* paged: after the never contacted one, then after the 100 days one */
  clients = crm_store_list_forgotten_clients (fixture->store, fixture->anna, 30, 0, never, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clients->len, ==, 1);
  g_assert_cmpint (((CrmForgottenClient *)g_ptr_array_index (clients, 0))->id, ==, older);
  g_clear_pointer (&clients, g_ptr_array_unref);
  clients = crm_store_list_forgotten_clients (fixture->store, fixture->anna, 30, now - 100 * DAY, older, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clients->len, ==, 1);
  g_assert_cmpint (((CrmForgottenClient *)g_ptr_array_index (clients, 0))->id, ==, old);
  g_clear_pointer (&clients, g_ptr_array_unref);

  clients = crm_store_list_forgotten_clients (fixture->store, 0, 30, -1, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clients->len, ==, 1);
  g_assert_cmpint (((CrmForgottenClient *)g_ptr_array_index (clients, 0))->id, ==, orphan);
  g_assert_cmpstr (((CrmForgottenClient *)g_ptr_array_index (clients, 0))->name, ==, "Orphan");
  g_clear_pointer (&clients, g_ptr_array_unref);

  /* a new call takes a client off the list */
  add_entry (fixture->store, never, fixture->anna, "call", now - 60);
  clients = crm_store_list_forgotten_clients (fixture->store, fixture->anna, 30, -1, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clients->len, ==, 2);
  (void)gone_client;
}

static void
test_latest (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  CrmActivityEntry *entry;
  gint64 ids[5];
  gint64 last_time;

  for (guint i = 0; i < 5; i++)
    ids[i] = add_entry (fixture->store, i % 2 ? fixture->client_b : fixture->client_a,
                        i % 2 ? fixture->boris : 0, i == 4 ? "meeting" : "call",
                        now - 1000 + (i < 3 ? 0 : (gint64)i * 10));   /* three at one time */
  add_entry (fixture->store, fixture->client_a, fixture->anna, "call", now + 7 * DAY);      /* planned */
  add_entry (fixture->store, fixture->client_a, fixture->anna, "status-changed", now - 10); /* not work */
  exec_sql (fixture, "UPDATE history SET user_id = NULL WHERE company_id = 1 AND kind <> 'status-changed' "
                     "AND occurred_at < strftime ('%s', 'now')");

  page = crm_store_list_latest_activity (fixture->store, 0, 0, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 3);
  entry = g_ptr_array_index (page, 0);
  g_assert_cmpint (entry->id, ==, ids[4]);
  g_assert_cmpstr (entry->kind, ==, "meeting");
  g_assert_cmpstr (entry->company_name, ==, "Alpha");
  g_assert_null (entry->user_name);
  entry = g_ptr_array_index (page, 1);
  g_assert_cmpint (entry->id, ==, ids[3]);
  g_assert_cmpstr (entry->company_name, ==, "Beta");
  g_assert_cmpstr (entry->user_name, ==, "Boris Ivanov");
  g_assert_cmpstr (entry->subject, ==, "Subject");
  entry = g_ptr_array_index (page, 2);
  g_assert_cmpint (entry->id, ==, ids[2]);

  /* the next page goes on after the last entry, also within one second */
  last_time = entry->occurred_at;
  g_clear_pointer (&page, g_ptr_array_unref);
  page = crm_store_list_latest_activity (fixture->store, last_time, ids[2], 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 2);
  g_assert_cmpint (((CrmActivityEntry *)g_ptr_array_index (page, 0))->id, ==, ids[1]);
  g_assert_cmpint (((CrmActivityEntry *)g_ptr_array_index (page, 1))->id, ==, ids[0]);
}

static void
test_kinds (void)
{
  g_assert_cmpint (crm_activity_kind_from_string ("call"), ==, CRM_ACTIVITY_CALL);
  g_assert_cmpint (crm_activity_kind_from_string ("email"), ==, CRM_ACTIVITY_EMAIL);
  g_assert_cmpint (crm_activity_kind_from_string ("quote"), ==, CRM_ACTIVITY_OTHER);
  g_assert_cmpint (crm_activity_kind_from_string ("imported"), ==, -1);
  g_assert_cmpint (crm_activity_kind_from_string ("document"), ==, -1);
  g_assert_cmpstr (crm_activity_kind_label ("meeting"), ==, "Meeting");
  g_assert_cmpstr (crm_activity_kind_label ("something-new"), ==, "something-new");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/crm/activity/counts", Fixture, NULL, fixture_set_up, test_counts, fixture_tear_down);
  g_test_add ("/crm/activity/bad-period", Fixture, NULL, fixture_set_up, test_bad_period, fixture_tear_down);
  g_test_add ("/crm/activity/forgotten", Fixture, NULL, fixture_set_up, test_forgotten, fixture_tear_down);
  g_test_add ("/crm/activity/latest", Fixture, NULL, fixture_set_up, test_latest, fixture_tear_down);
  g_test_add_func ("/crm/activity/periods", test_periods);
  g_test_add_func ("/crm/activity/kinds", test_kinds);

  return g_test_run ();
}
