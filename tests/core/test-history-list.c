/* test-history-list.c: a client's timeline as a lazy list model
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "crm-history-list.h"
#include "crm-store.h"
#include "test-utils.h"

typedef struct
{
  TestDir  *dir;
  CrmStore *store;
  gint64    client;
  gint64    other_client;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  CrmCompanyData romashka = { .name = "Ромашка" };
  CrmCompanyData other = { .name = "Василёк" };

  f->dir = test_dir_new ();
  path = g_build_filename (f->dir->path, "rapport.db", NULL);
  f->store = crm_store_open_full (path, 0, "ru", &error);
  g_assert_no_error (error);
  f->client = crm_store_add_company (f->store, &romashka, &error);
  f->other_client = crm_store_add_company (f->store, &other, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->store);
  test_dir_free (f->dir);
}

/* Adds n entries, one every `step` seconds back from `newest`, in one transaction */
static void
add_entries (Fixture    *f,
             gint64      company,
             guint       n,
             gint64      newest,
             gint64      step,
             const char *kind)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_store_begin (f->store, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = g_strdup_printf ("Запись %u", i);
      CrmHistoryData data = { .company_id = company, .kind = kind, .subject = text,
                              .occurred_at = newest - (gint64)i * step };

      g_assert_cmpint (crm_store_add_history (f->store, &data, &error), >, 0);
    }
  g_assert_true (crm_store_commit (f->store, &error));
  g_assert_no_error (error);
}

static CrmHistoryItem *
item_at (CrmHistoryList *list,
         guint           position)
{
  return g_list_model_get_item (G_LIST_MODEL (list), position);
}

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     guint      *changes)
{
  /* a reload is told as all out, then all in, never both at once (see
   * _crm_list_model_reset()): the removals count the reloads */
  g_assert_true (removed == 0 || added == 0);
  if (removed > 0)
    (*changes)++;
}

/* Counted at once, fetched a page at a time, newest first, the same entries
 * as the store's own pages */
static void
test_lazy (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(CrmHistoryList) list = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify)crm_history_entry_free);

  add_entries (f, f->client, 260, 1800000000, 60, "call");
  add_entries (f, f->other_client, 5, 1800000000, 60, "call");

  list = crm_history_list_new (f->store, f->client);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == CRM_TYPE_HISTORY_ITEM);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 260);
  g_assert_cmpuint (crm_history_list_get_n_fetches (list), ==, 0);

  g_assert_true (crm_store_fetch_history (f->store, f->client, NULL, 0, 1000, entries, NULL));
  for (guint i = 0; i < 260; i++)
    {
      g_autoptr(CrmHistoryItem) item = item_at (list, i);
      const CrmHistoryEntry *expected = g_ptr_array_index (entries, i);

      g_assert_cmpint (crm_history_item_get_id (item), ==, expected->id);
      g_assert_cmpstr (crm_history_item_get_entry (item)->subject, ==, expected->subject);
    }
  /* 260 entries are 6 pages of 50, each fetched once */
  g_assert_cmpuint (crm_history_list_get_n_fetches (list), ==, 6);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 260));

  /* a page seen lately is not fetched again */
  {
    g_autoptr(CrmHistoryItem) item = item_at (list, 259);
    g_assert_cmpuint (crm_history_list_get_n_fetches (list), ==, 6);
  }

  g_assert_null (crm_history_list_get_error (list));
  g_assert_finalize_object (g_steal_pointer (&list));
}

/* The first entry of each local day starts it, also across the pages */
static void
test_days (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(CrmHistoryList) list = NULL;
  g_autoptr(GDateTime) noon = g_date_time_new_utc (2026, 11, 23, 12, 0, 0);
  gint64 day = 24 * 3600;

  /* 60 entries on 23 November (page 0 and 10 of page 1), one every ten
   * minutes from noon back to 02:10, then three on 22 November, one on 20 */
  add_entries (f, f->client, 60, g_date_time_to_unix (noon), 600, "note");
  add_entries (f, f->client, 3, g_date_time_to_unix (noon) - day, 60, "note");
  add_entries (f, f->client, 1, g_date_time_to_unix (noon) - 3 * day, 60, "call");

  list = crm_history_list_new (f->store, f->client);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 64);

  /* page 1 first: its first item continues the day of page 0 */
  {
    g_autoptr(CrmHistoryItem) first_of_page = item_at (list, 50);
    g_autoptr(CrmHistoryItem) day_22 = item_at (list, 60);

    g_assert_cmpuint (crm_history_list_get_n_fetches (list), ==, 1);
    g_assert_false (crm_history_item_get_starts_day (first_of_page));
    g_assert_true (crm_history_item_get_starts_day (day_22));
  }
  for (guint i = 0; i < 64; i++)
    {
      g_autoptr(CrmHistoryItem) item = item_at (list, i);
      gboolean starts = i == 0 || i == 60 || i == 63;

      g_assert_cmpint (crm_history_item_get_starts_day (item), ==, starts);
    }
}

/* A query counts again and tells the view once; a reload shows a new entry first */
static void
test_query_and_reload (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmHistoryList) list = NULL;
  const char * const notes[] = { "note", NULL };
  CrmHistoryQuery query = { .kinds = notes };
  CrmHistoryData fresh = { .company_id = f->client, .kind = "call", .body = "Новый звонок",
                           .occurred_at = 1900000000 };
  guint changes = 0;
  gint64 id;

  add_entries (f, f->client, 70, 1800000000, 60, "call");
  add_entries (f, f->client, 30, 1700000000, 60, "note");

  list = crm_history_list_new (f->store, f->client);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_cb), &changes);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 100);

  crm_history_list_set_query (list, &query);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 30);
  {
    g_autoptr(CrmHistoryItem) item = item_at (list, 0);
    g_assert_cmpstr (crm_history_item_get_entry (item)->kind, ==, "note");
  }

  /* still lazy: one page fetched for 30 entries */
  g_assert_cmpuint (crm_history_list_get_n_fetches (list), ==, 1);

  crm_history_list_set_query (list, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 100);
  g_assert_cmpuint (crm_history_list_get_n_fetches (list), ==, 1);

  id = crm_store_log_entry (f->store, &fresh, &error);
  g_assert_no_error (error);
  crm_history_list_reload (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 101);
  {
    g_autoptr(CrmHistoryItem) item = item_at (list, 0);
    g_assert_cmpint (crm_history_item_get_id (item), ==, id);
    g_assert_true (crm_history_item_get_starts_day (item));
  }

  /* another client's timeline, same query */
  crm_history_list_set_company_id (list, f->other_client);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_cmpint (crm_history_list_get_company_id (list), ==, f->other_client);
}

/* An entry deleted after the count is an empty item, not a crash or a shift */
static void
test_vanished (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmHistoryList) list = NULL;
  g_autoptr(CrmHistoryEntry) deleted = NULL;
  CrmHistoryData mine = { .company_id = f->client, .kind = "note", .body = "Удалю", .occurred_at = 1600000000 };
  gint64 id;

  add_entries (f, f->client, 3, 1800000000, 60, "call");
  id = crm_store_log_entry (f->store, &mine, &error);
  g_assert_no_error (error);

  list = crm_history_list_new (f->store, f->client);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 4);
  deleted = crm_store_delete_history_entry (f->store, id, &error);
  g_assert_no_error (error);
  {
    g_autoptr(CrmHistoryItem) item = item_at (list, 3);
    g_assert_cmpint (crm_history_item_get_id (item), ==, 0);
  }
  crm_history_list_reload (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
}

/* 100,000 entries open as one count and one page (design.md: a card with
 * its latest 50 entries in 30 ms); the time is reported, not gated */
static void
test_large (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(CrmHistoryList) list = NULL;
  g_autoptr(CrmHistoryItem) first = NULL;
  g_autoptr(CrmHistoryItem) deep = NULL;
  gint64 start, opened, deep_time;

  crm_store_set_bulk_mode (f->store, TRUE);
  add_entries (f, f->client, 100000, 1800000000, 300, "call");
  add_entries (f, f->other_client, 10, 1800000000, 300, "call");
  crm_store_set_bulk_mode (f->store, FALSE);

  start = g_get_monotonic_time ();
  list = crm_history_list_new (f->store, f->client);
  first = item_at (list, 0);
  opened = g_get_monotonic_time () - start;
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 100000);
  g_assert_cmpuint (crm_history_list_get_n_fetches (list), ==, 1);
  g_assert_cmpstr (crm_history_item_get_entry (first)->subject, ==, "Запись 0");

  start = g_get_monotonic_time ();
  deep = item_at (list, 99999);
  deep_time = g_get_monotonic_time () - start;
  g_assert_cmpstr (crm_history_item_get_entry (deep)->subject, ==, "Запись 99999");
  g_assert_cmpuint (crm_history_list_get_n_fetches (list), ==, 2);

  g_test_message ("100,000 entries: count and first page %.1f ms, last page %.1f ms",
                  opened / 1000.0, deep_time / 1000.0);
}

int
main (int   argc,
      char *argv[])
{
  /* the days of the entries are those of UTC */
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/crm/history-list/lazy", Fixture, NULL, fixture_set_up, test_lazy, fixture_tear_down);
  g_test_add ("/crm/history-list/days", Fixture, NULL, fixture_set_up, test_days, fixture_tear_down);
  g_test_add ("/crm/history-list/query-and-reload", Fixture, NULL, fixture_set_up, test_query_and_reload,
              fixture_tear_down);
  g_test_add ("/crm/history-list/vanished", Fixture, NULL, fixture_set_up, test_vanished, fixture_tear_down);
  g_test_add ("/crm/history-list/large", Fixture, NULL, fixture_set_up, test_large, fixture_tear_down);

  return g_test_run ();
}
