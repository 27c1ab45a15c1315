/* test-segments.c: saved filters of the client list
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "crm-segments.h"
#include "test-utils.h"

static CrmSegment *
segment_named (GPtrArray  *segments,
               const char *name)
{
  for (guint i = 0; i < segments->len; i++)
    {
      CrmSegment *segment = g_ptr_array_index (segments, i);

      if (g_strcmp0 (segment->name, name) == 0)
        return segment;
    }
  return NULL;
}

static void
test_crud (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir->path, "rapport.db", NULL);
  g_autoptr(CrmStore) store = crm_store_open_full (path, CRM_STORE_OPEN_DEFAULT, "en", NULL);
  g_autoptr(CrmClientFilter) clients = crm_client_filter_new ();
  g_autoptr(CrmClientFilter) leads = crm_client_filter_new ();
  g_autoptr(CrmClientFilter) loaded = NULL;
  g_autoptr(GPtrArray) segments = NULL;
  g_autoptr(GError) error = NULL;
  gint64 client_id, lead_id, first, second;

  client_id = crm_store_ensure_dictionary_value (store, "status", "Client", &error);
  lead_id = crm_store_ensure_dictionary_value (store, "status", "Lead", &error);
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *name = g_strdup_printf ("Company %u", i);
      CrmCompanyData company = { .name = name, .status_id = i < 3 ? client_id : lead_id };

      crm_store_add_company (store, &company, &error);
      g_assert_no_error (error);
    }

  crm_client_filter_add (clients, CRM_FILTER_STATUS, client_id);
  crm_client_filter_add (leads, CRM_FILTER_STATUS, lead_id);
  crm_client_filter_set_no_contact_days (leads, 14);

  first = crm_store_create_segment (store, "  Clients ", clients, &error);
  g_assert_no_error (error);
  second = crm_store_create_segment (store, "Cold leads", leads, &error);
  g_assert_no_error (error);
  g_assert_cmpint (first, >, 0);
  g_assert_cmpint (second, >, first);

  /* names are unique and not empty */
  g_assert_cmpint (crm_store_create_segment (store, "Clients", leads, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "“Clients”"));
  g_clear_error (&error);
  g_assert_cmpint (crm_store_create_segment (store, "  ", leads, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* listed in the order created, with counts */
  segments = crm_store_list_segments (store, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (segments->len, ==, 2);
  g_assert_cmpstr (((CrmSegment *)g_ptr_array_index (segments, 0))->name, ==, "Clients");
  g_assert_cmpint (segment_named (segments, "Clients")->n_clients, ==, 3);
  g_assert_cmpint (segment_named (segments, "Cold leads")->n_clients, ==, 7);
  g_clear_pointer (&segments, g_ptr_array_unref);
  segments = crm_store_list_segments (store, FALSE, &error);
  g_assert_cmpint (segment_named (segments, "Clients")->n_clients, ==, -1);
  g_clear_pointer (&segments, g_ptr_array_unref);

  /* load by name and id */
  g_assert_cmpint (crm_store_find_segment (store, "Cold leads", &error), ==, second);
  loaded = crm_store_load_segment (store, second, &error);
  g_assert_no_error (error);
  g_assert_true (crm_client_filter_equal (loaded, leads));
  g_assert_cmpint (crm_store_find_segment (store, "Hot leads", &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* rename: to a free name only */
  g_assert_false (crm_store_rename_segment (store, second, "Clients", &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_true (crm_store_rename_segment (store, second, "Cold leads (14 days)", &error));
  g_assert_true (crm_store_rename_segment (store, second, "Cold leads (14 days)", &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_store_find_segment (store, "Cold leads (14 days)", &error), ==, second);
  g_assert_false (crm_store_rename_segment (store, 999, "X", &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* update the conditions */
  crm_client_filter_add (clients, CRM_FILTER_STATUS, lead_id);
  g_assert_true (crm_store_update_segment (store, first, clients, &error));
  segments = crm_store_list_segments (store, TRUE, &error);
  g_assert_cmpint (segment_named (segments, "Clients")->n_clients, ==, 10);
  g_clear_pointer (&segments, g_ptr_array_unref);

  /* delete */
  g_assert_true (crm_store_delete_segment (store, first, &error));
  g_assert_no_error (error);
  g_assert_false (crm_store_delete_segment (store, first, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  segments = crm_store_list_segments (store, TRUE, &error);
  g_assert_cmpuint (segments->len, ==, 1);
  g_assert_null (crm_store_load_segment (store, first, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
}

static void
test_damaged (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir->path, "rapport.db", NULL);
  g_autoptr(CrmStore) store = crm_store_open_full (path, CRM_STORE_OPEN_DEFAULT, "en", NULL);
  g_autoptr(CrmClientFilter) filter = crm_client_filter_new ();
  g_autoptr(CrmClientFilter) loaded = NULL;
  g_autoptr(GPtrArray) segments = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  gint64 good, bad;

  crm_client_filter_set_no_contact_days (filter, 7);
  good = crm_store_create_segment (store, "Good", filter, &error);
  bad = crm_store_create_segment (store, "Bad", filter, &error);
  g_assert_no_error (error);

  /* written by something else */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE segments SET filter = '{\"status\":\"all\"}' WHERE name = 'Bad'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  segments = crm_store_list_segments (store, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (segments->len, ==, 2);
  g_assert_cmpint (segment_named (segments, "Bad")->n_clients, ==, -1);
  g_assert_cmpint (segment_named (segments, "Good")->n_clients, ==, 0);

  loaded = crm_store_load_segment (store, bad, &error);
  g_assert_null (loaded);
  g_assert_error (error, CRM_CLIENT_FILTER_ERROR, CRM_CLIENT_FILTER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“Bad”"));
  g_assert_nonnull (strstr (error->message, "status"));
  g_clear_error (&error);

  loaded = crm_store_load_segment (store, good, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (crm_client_filter_get_no_contact_days (loaded), ==, 7);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crm/segments/crud", test_crud);
  g_test_add_func ("/crm/segments/damaged", test_damaged);

  return g_test_run ();
}
