/* test-client-list.c: the lazy list model over the companies table
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>

#include "crm-client-list.h"
#include "test-utils.h"

/* Each time the list changed: one reload is one "change" here, however
 * many items-changed it emitted (a removal, then an addition) */
static guint changes;
static guint removed_all;
static guint added_all;
static gboolean mixed;
static gboolean after_removal;
static gint known_n = -1;   /* >= 0: check the count each change leaves */

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  /* an addition right after a removal is the same change */
  if (!(removed == 0 && after_removal))
    changes++;
  after_removal = removed > 0 && added == 0;
  removed_all += removed;
  added_all += added;
  /* a GTK 4.8 list view looks for its focused row among all the added
   * items when that row was among the removed ones (crm_client_list_reload) */
  mixed = mixed || (removed > 0 && added > 0);
  /* a view asks during the change: the model is as the change left it */
  if (known_n >= 0)
    {
      known_n = known_n - (gint)removed + (gint)added;
      g_assert_cmpint (known_n, ==, (gint)g_list_model_get_n_items (model));
    }
}

static const char *
name_at (GListModel *model,
         guint       position)
{
  g_autoptr(CrmClientRow) row = g_list_model_get_item (model, position);
  static char buffer[64];

  g_assert_nonnull (row);
  g_strlcpy (buffer, crm_client_row_get_name (row), sizeof buffer);
  return buffer;
}

static void
test_pages (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir->path, "rapport.db", NULL);
  g_autoptr(CrmStore) store = test_store_with_clients (path, 1000);
  CrmClientList *list = crm_client_list_new (store);
  GListModel *model = G_LIST_MODEL (list);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1000);
  g_assert_true (g_list_model_get_item_type (model) == CRM_TYPE_CLIENT_ROW);
  g_assert_cmpstr (name_at (model, 0), ==, "Company 0000");
  g_assert_cmpstr (name_at (model, 999), ==, "Company 0999");
  g_assert_cmpstr (name_at (model, 500), ==, "Company 0500");
  /* every page, forwards then backwards: more than the cache holds */
  for (guint i = 0; i < 1000; i += 37)
    {
      g_autofree char *expected = g_strdup_printf ("Company %04u", i);
      g_assert_cmpstr (name_at (model, i), ==, expected);
    }
  for (int i = 999; i > 0; i -= 41)
    {
      g_autofree char *expected = g_strdup_printf ("Company %04d", i);
      g_assert_cmpstr (name_at (model, i), ==, expected);
    }
  g_assert_null (g_list_model_get_item (model, 1000));
  g_assert_null (crm_client_list_get_error (list));

  g_assert_finalize_object (list);
}

static void
test_sort (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir->path, "rapport.db", NULL);
  g_autoptr(CrmStore) store = test_store_with_clients (path, 100);
  g_autoptr(CrmClientList) list = crm_client_list_new (store);
  GListModel *model = G_LIST_MODEL (list);
  gboolean descending;

  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), NULL);
  changes = 0;

  crm_client_list_set_sort (list, CRM_CLIENT_SORT_NAME, TRUE);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpstr (name_at (model, 0), ==, "Company 0099");

  /* same sort again: nothing changes */
  crm_client_list_set_sort (list, CRM_CLIENT_SORT_NAME, TRUE);
  g_assert_cmpuint (changes, ==, 1);

  /* city, then name: the Austin half (even numbers) first */
  crm_client_list_set_sort (list, CRM_CLIENT_SORT_CITY, FALSE);
  g_assert_cmpstr (name_at (model, 0), ==, "Company 0000");
  g_assert_cmpstr (name_at (model, 1), ==, "Company 0002");
  g_assert_cmpstr (name_at (model, 50), ==, "Company 0001");
  g_assert_cmpint (crm_client_list_get_sort (list, &descending), ==, CRM_CLIENT_SORT_CITY);
  g_assert_false (descending);

  crm_client_list_set_sort (list, CRM_CLIENT_SORT_CITY, TRUE);
  g_assert_cmpstr (name_at (model, 0), ==, "Company 0099");

  {
    g_autoptr(CrmClientList) sorted = crm_client_list_new_sorted (store, CRM_CLIENT_SORT_CITY, TRUE);
    g_assert_cmpstr (name_at (G_LIST_MODEL (sorted), 0), ==, "Company 0099");
    g_assert_cmpint (crm_client_list_get_sort (sorted, &descending), ==, CRM_CLIENT_SORT_CITY);
    g_assert_true (descending);
  }

  /* every column sorts without error */
  for (guint s = 0; s < CRM_CLIENT_N_SORTS; s++)
    for (guint d = 0; d < 2; d++)
      {
        crm_client_list_set_sort (list, s, d);
        g_assert_cmpuint (g_list_model_get_n_items (model), ==, 100);
        g_assert_nonnull (name_at (model, 99));
        g_assert_null (crm_client_list_get_error (list));
      }
}

static void
test_sort_by_dictionary_and_manager (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir->path, "rapport.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = crm_store_open_full (path, 0, "en", NULL);
  g_autoptr(CrmClientList) list = NULL;
  CrmUserData zoe = { .login = "zoe", .full_name = "Zoe Young", .active = TRUE };
  CrmUserData adam = { .login = "adam", .full_name = "Adam Brown", .active = TRUE };
  CrmCompanyData a = { .name = "Alpha" }, b = { .name = "Beta" }, c = { .name = "Gamma" };

  /* Funnel order for statuses, alphabetical for industries and managers */
  a.status_id = crm_store_ensure_dictionary_value (store, "status", "Client", &error);
  b.status_id = crm_store_ensure_dictionary_value (store, "status", "New lead", &error);
  a.industry_id = crm_store_ensure_dictionary_value (store, "industry", "Zoology", &error);
  b.industry_id = crm_store_ensure_dictionary_value (store, "industry", "Agriculture", &error);
  a.manager_id = crm_store_add_user (store, &zoe, &error);
  b.manager_id = crm_store_add_user (store, &adam, &error);
  g_assert_no_error (error);
  crm_store_add_company (store, &a, &error);
  crm_store_add_company (store, &b, &error);
  crm_store_add_company (store, &c, &error);   /* nothing set: sorts last */
  g_assert_no_error (error);

  list = crm_client_list_new (store);
  crm_client_list_set_sort (list, CRM_CLIENT_SORT_STATUS, FALSE);
  g_assert_cmpstr (name_at (G_LIST_MODEL (list), 0), ==, "Beta");
  g_assert_cmpstr (name_at (G_LIST_MODEL (list), 2), ==, "Gamma");
  crm_client_list_set_sort (list, CRM_CLIENT_SORT_INDUSTRY, FALSE);
  g_assert_cmpstr (name_at (G_LIST_MODEL (list), 0), ==, "Beta");
  g_assert_cmpstr (name_at (G_LIST_MODEL (list), 1), ==, "Alpha");
  crm_client_list_set_sort (list, CRM_CLIENT_SORT_MANAGER, FALSE);
  g_assert_cmpstr (name_at (G_LIST_MODEL (list), 0), ==, "Beta");

  /* A new industry sorting before "Zoology" moves Alpha's rank along */
  crm_store_ensure_dictionary_value (store, "industry", "Mining", &error);
  g_assert_no_error (error);
  crm_client_list_set_sort (list, CRM_CLIENT_SORT_INDUSTRY, TRUE);
  g_assert_cmpstr (name_at (G_LIST_MODEL (list), 0), ==, "Gamma");
  g_assert_cmpstr (name_at (G_LIST_MODEL (list), 1), ==, "Alpha");
}

static const char *
phone_of (GPtrArray  *rows,
          const char *name)
{
  for (guint i = 0; i < rows->len; i++)
    if (g_str_equal (crm_client_row_get_name (rows->pdata[i]), name))
      return crm_client_row_get_phone (rows->pdata[i]);
  g_assert_not_reached ();
}

static const char *
tags_of (GPtrArray  *rows,
         const char *name)
{
  for (guint i = 0; i < rows->len; i++)
    if (g_str_equal (crm_client_row_get_name (rows->pdata[i]), name))
      return crm_client_row_get_tags (rows->pdata[i]);
  g_assert_not_reached ();
}

static void
test_phone_and_tags (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir->path, "rapport.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = crm_store_open_full (path, 0, "en", NULL);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) by_id = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *sql = NULL;
  CrmCompanyData a = { .name = "Alpha" }, b = { .name = "Beta" }, c = { .name = "Gamma" };
  CrmContactData person = { .first_name = "Ivan", .last_name = "Petrov" };
  gint64 ids[3];
  sqlite3 *db = NULL;

  ids[0] = crm_store_add_company (store, &a, &error);
  ids[1] = crm_store_add_company (store, &b, &error);
  ids[2] = crm_store_add_company (store, &c, &error);
  g_assert_no_error (error);

  /* Alpha: a contact's phone first, then the company's, which wins */
  person.company_id = ids[0];
  crm_store_add_phone (store, ids[0], crm_store_add_contact (store, &person, &error),
                       NULL, "+7 495 111-11-11", &error);
  crm_store_add_phone (store, ids[0], 0, NULL, "+7 495 222-22-22", &error);
  crm_store_add_phone (store, ids[0], 0, NULL, "+7 495 333-33-33", &error);
  /* Beta: only a contact's phone */
  person.company_id = ids[1];
  crm_store_add_phone (store, ids[1], crm_store_add_contact (store, &person, &error),
                       NULL, "+7 843 444-44-44", &error);
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  sql = g_strdup_printf ("INSERT INTO tags (id, name) VALUES (1, 'VIP'), (2, 'Export');"
                         "INSERT INTO company_tags VALUES (%" G_GINT64_FORMAT ", 1), (%" G_GINT64_FORMAT ", 2), "
                         "(%" G_GINT64_FORMAT ", 1);", ids[0], ids[0], ids[1]);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_assert_true (crm_store_fetch_clients (store, CRM_CLIENT_SORT_NAME, FALSE, 0, 64, rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpstr (phone_of (rows, "Alpha"), ==, "+7 495 222-22-22");
  g_assert_cmpstr (phone_of (rows, "Beta"), ==, "+7 843 444-44-44");
  g_assert_null (phone_of (rows, "Gamma"));
  g_assert_cmpstr (tags_of (rows, "Alpha"), ==, "Export, VIP");
  g_assert_cmpstr (tags_of (rows, "Beta"), ==, "VIP");
  g_assert_null (tags_of (rows, "Gamma"));

  /* the rows of a search or a filter carry them too */
  g_assert_true (crm_store_fetch_clients_by_id (store, ids, 3, by_id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (by_id->len, ==, 3);
  g_assert_cmpstr (phone_of (by_id, "Alpha"), ==, "+7 495 222-22-22");
  g_assert_cmpstr (tags_of (by_id, "Alpha"), ==, "Export, VIP");
  g_assert_null (tags_of (by_id, "Gamma"));
}

static void
test_search (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir->path, "rapport.db", NULL);
  g_autoptr(CrmStore) store = test_store_with_clients (path, 1200);
  g_autoptr(CrmClientList) list = crm_client_list_new (store);
  GListModel *model = G_LIST_MODEL (list);

  crm_client_list_set_search (list, "company 0042");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpstr (name_at (model, 0), ==, "Company 0042");
  g_assert_false (crm_client_list_get_truncated (list));

  crm_client_list_set_search (list, "555-0107");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpstr (name_at (model, 0), ==, "Company 0107");

  /* more matches than the list shows */
  crm_client_list_set_search (list, "comp");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, CRM_CLIENT_LIST_SEARCH_LIMIT);
  g_assert_true (crm_client_list_get_truncated (list));

  crm_client_list_set_search (list, "nothing like it");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

  crm_client_list_set_search (list, "  ");
  g_assert_null (crm_client_list_get_search (list));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1200);
}

static void
test_reload_after_write (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir->path, "rapport.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = test_store_with_clients (path, 10);
  g_autoptr(CrmClientList) list = crm_client_list_new (store);
  CrmCompanyData aardvark = { .name = "Aardvark" };

  g_assert_cmpstr (name_at (G_LIST_MODEL (list), 0), ==, "Company 0000");
  crm_store_add_company (store, &aardvark, &error);
  g_assert_no_error (error);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), NULL);
  removed_all = added_all = 0;
  mixed = FALSE;
  known_n = 10;
  crm_client_list_reload (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 11);
  g_assert_cmpstr (name_at (G_LIST_MODEL (list), 0), ==, "Aardvark");
  /* every row out, then every row in; never both in one change */
  g_assert_cmpuint (removed_all, ==, 10);
  g_assert_cmpuint (added_all, ==, 11);
  g_assert_false (mixed);
  known_n = -1;
}

/* A client's place in the list, as the view would show it: in every sort
 * and direction the row at that place is the client; in a search, its
 * place among the found */
static void
test_find (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir->path, "rapport.db", NULL);
  g_autoptr(CrmStore) store = test_store_with_clients (path, 300);
  g_autoptr(CrmClientList) list = crm_client_list_new (store);
  GListModel *model = G_LIST_MODEL (list);
  guint position;

  for (CrmClientSort sort = 0; sort < CRM_CLIENT_N_SORTS; sort++)
    for (int descending = 0; descending < 2; descending++)
      {
        crm_client_list_set_sort (list, sort, descending);
        for (gint64 id = 1; id <= 300; id += 37)
          {
            g_autoptr(CrmClientRow) row = NULL;

            g_assert_true (crm_client_list_find (list, id, &position));
            row = g_list_model_get_item (model, position);
            g_assert_cmpint (crm_client_row_get_id (row), ==, id);
          }
      }
  g_assert_false (crm_client_list_find (list, 4242, &position));

  crm_client_list_set_search (list, "Company 02");
  g_assert_true (crm_client_list_find (list, 222, &position));
  {
    g_autoptr(CrmClientRow) row = g_list_model_get_item (model, position);
    g_assert_cmpint (crm_client_row_get_id (row), ==, 222);
  }
  /* not among the found */
  g_assert_false (crm_client_list_find (list, 5, &position));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crm/client-list/pages", test_pages);
  g_test_add_func ("/crm/client-list/sort", test_sort);
  g_test_add_func ("/crm/client-list/sort-dictionary", test_sort_by_dictionary_and_manager);
  g_test_add_func ("/crm/client-list/search", test_search);
  g_test_add_func ("/crm/client-list/phone-and-tags", test_phone_and_tags);
  g_test_add_func ("/crm/client-list/reload", test_reload_after_write);
  g_test_add_func ("/crm/client-list/find", test_find);

  return g_test_run ();
}
