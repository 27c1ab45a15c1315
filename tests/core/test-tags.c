/* test-tags.c: the tags of the client base as a whole
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "crm-client-edit.h"
#include "crm-client-filter.h"
#include "crm-segments.h"
#include "crm-tags.h"
#include "test-utils.h"

#define N_CLIENTS 12

typedef struct
{
  TestDir   *dir;
  char      *path;
  CrmStore  *store;
  gint64     ids[N_CLIENTS];
  gint64     vip;       /* i % 2 == 0 */
  gint64     key;       /* i % 3 == 0: "Key account" */
  gint64     unused;    /* nobody */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = test_dir_new ();
  f->path = g_build_filename (f->dir->path, "rapport.db", NULL);
  f->store = crm_store_open_full (f->path, CRM_STORE_OPEN_DEFAULT, "en", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < N_CLIENTS; i++)
    {
      g_autofree char *name = g_strdup_printf ("Company %02u", i);
      CrmCompanyData company = { .name = name };

      f->ids[i] = crm_store_add_company (f->store, &company, &error);
      g_assert_no_error (error);
      if (i % 2 == 0)
        f->vip = crm_store_add_client_tag (f->store, f->ids[i], "Vip", &error);
      if (i % 3 == 0)
        f->key = crm_store_add_client_tag (f->store, f->ids[i], "Key account", &error);
      g_assert_no_error (error);
    }
  f->unused = crm_store_create_tag (f->store, " Trade fair ", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->store);
  test_dir_free (f->dir);
  g_free (f->path);
}

/* "name:count" of every tag, by name */
static char *
usage (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tags = crm_store_list_tag_usage (f->store, &error);
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < tags->len; i++)
    {
      CrmTagUsage *tag = g_ptr_array_index (tags, i);

      g_string_append_printf (out, "%s%s:%" G_GINT64_FORMAT, i ? "," : "", tag->name, tag->n_clients);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* How many clients a search finds */
static guint
found (Fixture    *f,
       const char *query)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_store_search_clients (f->store, query, CRM_CLIENT_SORT_NAME, FALSE, 100,
                                           ids, NULL, &error));
  g_assert_no_error (error);
  return ids->len;
}

static guint
filtered (Fixture *f,
          gint64   tag_id)
{
  g_autoptr(CrmClientFilter) filter = crm_client_filter_new ();

  crm_client_filter_add (filter, CRM_FILTER_TAG, tag_id);
  return (guint)crm_store_count_filtered_clients (f->store, filter, NULL);
}

static void
test_list_and_create (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *names = usage (f);

  g_assert_cmpstr (names, ==, "Key account:4,Trade fair:0,Vip:6");
  g_assert_cmpint (crm_store_count_tag_clients (f->store, f->vip, &error), ==, 6);
  g_assert_cmpint (crm_store_count_tag_clients (f->store, f->unused, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpint (crm_store_count_tag_clients (f->store, 999, &error), ==, -1);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* a name is needed, and only once */
  g_assert_cmpint (crm_store_create_tag (f->store, "Vip", &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "“Vip”"));
  g_clear_error (&error);
  g_assert_cmpint (crm_store_create_tag (f->store, "   ", &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* a new tag is there for the client card to pick */
  g_assert_cmpint (crm_store_add_client_tag (f->store, f->ids[1], "Trade fair", &error), ==, f->unused);
  g_assert_no_error (error);
  g_clear_pointer (&names, g_free);
  names = usage (f);
  g_assert_cmpstr (names, ==, "Key account:4,Trade fair:1,Vip:6");
}

static void
test_rename (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmClientRecord) record = NULL;
  g_autofree char *names = NULL;
  gboolean merged = TRUE;

  g_assert_cmpuint (found (f, "vip"), ==, 6);
  g_assert_cmpuint (found (f, "premium"), ==, 0);

  g_assert_cmpint (crm_store_rename_tag (f->store, f->vip, "  Premium ", &merged, &error), ==, f->vip);
  g_assert_no_error (error);
  g_assert_false (merged);
  names = usage (f);
  g_assert_cmpstr (names, ==, "Key account:4,Premium:6,Trade fair:0");

  /* every client carries the new name, and is found by it, not the old one */
  record = crm_store_load_client_record (f->store, f->ids[4], &error);
  g_assert_no_error (error);
  g_assert_cmpuint (record->tags->len, ==, 1);
  g_assert_cmpstr (((CrmTag *)g_ptr_array_index (record->tags, 0))->name, ==, "Premium");
  g_assert_cmpuint (found (f, "premium"), ==, 6);
  g_assert_cmpuint (found (f, "vip"), ==, 0);
  g_assert_cmpuint (filtered (f, f->vip), ==, 6);

  /* a change of case is a rename of its own; the same name changes nothing */
  g_assert_cmpint (crm_store_rename_tag (f->store, f->vip, "PREMIUM", &merged, &error), ==, f->vip);
  g_assert_cmpint (crm_store_rename_tag (f->store, f->vip, "PREMIUM", &merged, &error), ==, f->vip);
  g_assert_no_error (error);
  g_assert_false (merged);

  /* nothing to rename, or to nothing */
  g_assert_cmpint (crm_store_rename_tag (f->store, 999, "X", NULL, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (crm_store_rename_tag (f->store, f->vip, " ", NULL, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT);
}

static void
test_merge (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(CrmClientFilter) segment_filter = crm_client_filter_new ();
  g_autoptr(CrmClientFilter) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;
  gboolean merged = FALSE;
  gint64 segment;

  /* a segment that asks for "Key account" */
  crm_client_filter_add (segment_filter, CRM_FILTER_TAG, f->key);
  segment = crm_store_create_segment (f->store, "Key accounts", segment_filter, &error);
  g_assert_no_error (error);

  /* "Key account" renamed to "Vip": clients with both (0, 6) count once */
  g_assert_cmpint (crm_store_rename_tag (f->store, f->key, "Vip", &merged, &error), ==, f->vip);
  g_assert_no_error (error);
  g_assert_true (merged);
  names = usage (f);
  g_assert_cmpstr (names, ==, "Trade fair:0,Vip:8");
  g_assert_cmpuint (found (f, "key account"), ==, 0);
  g_assert_cmpuint (found (f, "vip"), ==, 8);
  g_assert_cmpint (crm_store_count_tag_clients (f->store, f->key, &error), ==, -1);
  g_clear_error (&error);

  /* the segment follows the tag its clients now carry */
  loaded = crm_store_load_segment (f->store, segment, &error);
  g_assert_no_error (error);
  g_assert_false (crm_client_filter_has (loaded, CRM_FILTER_TAG, f->key));
  g_assert_true (crm_client_filter_has (loaded, CRM_FILTER_TAG, f->vip));
  g_assert_cmpint (crm_store_count_filtered_clients (f->store, loaded, NULL), ==, 8);
}

static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;
  gint64 n = -1;

  g_assert_true (crm_store_delete_tag (f->store, f->vip, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 6);
  names = usage (f);
  g_assert_cmpstr (names, ==, "Key account:4,Trade fair:0");
  g_assert_cmpuint (found (f, "vip"), ==, 0);
  g_assert_cmpuint (found (f, "key"), ==, 4);
  g_assert_cmpuint (filtered (f, f->vip), ==, 0);
  /* the clients stay */
  g_assert_cmpint (crm_store_count_clients (f->store, NULL), ==, N_CLIENTS);

  g_assert_true (crm_store_delete_tag (f->store, f->unused, &n, &error));
  g_assert_cmpint (n, ==, 0);
  g_assert_false (crm_store_delete_tag (f->store, f->unused, NULL, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
}

/* Inside the caller's transaction a rename is a savepoint: rolled back with it */
static void
test_in_transaction (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;

  g_assert_true (crm_store_begin (f->store, &error));
  g_assert_cmpint (crm_store_rename_tag (f->store, f->vip, "Gold", NULL, &error), ==, f->vip);
  g_assert_cmpuint (found (f, "gold"), ==, 6);
  crm_store_rollback (f->store);
  g_assert_no_error (error);

  names = usage (f);
  g_assert_cmpstr (names, ==, "Key account:4,Trade fair:0,Vip:6");
  g_assert_cmpuint (found (f, "gold"), ==, 0);
  g_assert_cmpuint (found (f, "vip"), ==, 6);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/crm/tags/list-and-create", Fixture, NULL, fixture_set_up, test_list_and_create, fixture_tear_down);
  g_test_add ("/crm/tags/rename", Fixture, NULL, fixture_set_up, test_rename, fixture_tear_down);
  g_test_add ("/crm/tags/merge", Fixture, NULL, fixture_set_up, test_merge, fixture_tear_down);
  g_test_add ("/crm/tags/delete", Fixture, NULL, fixture_set_up, test_delete, fixture_tear_down);
  g_test_add ("/crm/tags/in-transaction", Fixture, NULL, fixture_set_up, test_in_transaction, fixture_tear_down);

  return g_test_run ();
}
