/* test-client-filter.c: filters of the client list, alone and combined, their
 * JSON, their chips and the list model under a filter
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "crm-client-filter.h"
#include "crm-client-list.h"
#include "crm-segments.h"
#include "test-utils.h"

#define N_CLIENTS 60
#define DAY 86400

/* A small base where every property follows the client's number i, so each
 * test states what it expects as a predicate on i. */
typedef struct
{
  TestDir   *dir;
  char      *path;
  CrmStore  *store;
  gint64     ids[N_CLIENTS];
  gint64     status[3];      /* i % 3 */
  gint64     industry[2];    /* i % 2 */
  gint64     region[4];      /* i % 4 */
  gint64     source;         /* i % 5 == 0; the others have none */
  gint64     manager[2];     /* i % 2 */
  gint64     tag_vip;        /* i % 3 == 0 */
  gint64     tag_export;     /* i % 4 == 0 */
  gint64     field_size;     /* i % 5: 1 "Большой завод", 2 "Large", 3 "" (empty); else none */
  gint64     field_other;    /* i % 2 == 0: "yes" */
  gint64     field_staff;    /* number: i % 4 != 0: i * 10 */
  gint64     field_signed;   /* date: i % 3 != 2: 2024-01-01 plus i days */
  gint64     field_mailing;  /* checkbox: i % 4 == 1: "1", i % 4 == 3: "0", else none */
} Fixture;

static void
exec_sql (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *statuses[] = { "Lead", "Client", "Former client" };
  const char *industries[] = { "Retail", "Машиностроение" };
  const char *regions[] = { "North", "South", "East", "West" };
  CrmUserData anna = { .login = "anna", .full_name = "Anna Smith", .active = TRUE };
  CrmUserData boris = { .login = "boris", .full_name = "Борис Петров", .active = TRUE };
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  sqlite3 *db = NULL;

  f->dir = test_dir_new ();
  f->path = g_build_filename (f->dir->path, "rapport.db", NULL);
  f->store = crm_store_open_full (f->path, CRM_STORE_OPEN_DEFAULT, "en", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 3; i++)
    f->status[i] = crm_store_ensure_dictionary_value (f->store, "status", statuses[i], &error);
  for (guint i = 0; i < 2; i++)
    f->industry[i] = crm_store_ensure_dictionary_value (f->store, "industry", industries[i], &error);
  for (guint i = 0; i < 4; i++)
    f->region[i] = crm_store_ensure_dictionary_value (f->store, "region", regions[i], &error);
  f->source = crm_store_ensure_dictionary_value (f->store, "source", "Exhibition", &error);
  f->manager[0] = crm_store_add_user (f->store, &anna, &error);
  f->manager[1] = crm_store_add_user (f->store, &boris, &error);
  g_assert_no_error (error);

  g_assert_true (crm_store_begin (f->store, &error));
  for (guint i = 0; i < N_CLIENTS; i++)
    {
      g_autofree char *name = g_strdup_printf ("Client %02u", i);
      CrmCompanyData company = {
        .name = name,
        .status_id = f->status[i % 3],
        .industry_id = f->industry[i % 2],
        .region_id = f->region[i % 4],
        .source_id = i % 5 == 0 ? f->source : 0,
        .manager_id = f->manager[i % 2],
      };

      f->ids[i] = crm_store_add_company (f->store, &company, &error);
      g_assert_no_error (error);

      /* last contact: 10 days ago, 100 days ago, never */
      if (i % 3 != 0)
        {
          CrmHistoryData entry = {
            .company_id = f->ids[i], .kind = "call",
            .occurred_at = now - (i % 3 == 1 ? 10 : 100) * DAY,
          };
          crm_store_add_history (f->store, &entry, &error);
          g_assert_no_error (error);
        }
    }
  g_assert_true (crm_store_commit (f->store, &error));

  /* Tags and user-defined fields have no store API yet: write them as the
   * schema says, through a second connection. */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  exec_sql (db, "INSERT INTO tags (id, name) VALUES (1, 'VIP'), (2, 'Export')");
  exec_sql (db, "INSERT INTO custom_fields (id, name, kind) VALUES (1, 'Size', 'text'), (2, 'Newsletter', 'text'), "
                "(3, 'Staff', 'number'), (4, 'Signed', 'date'), (5, 'Mailing', 'checkbox')");
  for (guint i = 0; i < N_CLIENTS; i++)
    {
      g_autoptr(GString) sql = g_string_new (NULL);

      if (i % 3 == 0)
        g_string_append_printf (sql, "INSERT INTO company_tags VALUES (%" G_GINT64_FORMAT ", 1);", f->ids[i]);
      if (i % 4 == 0)
        g_string_append_printf (sql, "INSERT INTO company_tags VALUES (%" G_GINT64_FORMAT ", 2);", f->ids[i]);
      if (i % 5 == 1)
        g_string_append_printf (sql, "INSERT INTO custom_values VALUES (%" G_GINT64_FORMAT ", 1, 'Большой завод');", f->ids[i]);
      if (i % 5 == 2)
        g_string_append_printf (sql, "INSERT INTO custom_values VALUES (%" G_GINT64_FORMAT ", 1, 'Large');", f->ids[i]);
      if (i % 5 == 3)
        g_string_append_printf (sql, "INSERT INTO custom_values VALUES (%" G_GINT64_FORMAT ", 1, '');", f->ids[i]);
      if (i % 2 == 0)
        g_string_append_printf (sql, "INSERT INTO custom_values VALUES (%" G_GINT64_FORMAT ", 2, 'yes');", f->ids[i]);
      if (i % 4 != 0)
        g_string_append_printf (sql, "INSERT INTO custom_values VALUES (%" G_GINT64_FORMAT ", 3, '%u');",
                                f->ids[i], i * 10);
      if (i % 3 != 2)
        g_string_append_printf (sql, "INSERT INTO custom_values VALUES (%" G_GINT64_FORMAT ", 4, "
                                "date ('2024-01-01', '+%u days'));", f->ids[i], i);
      if (i % 2 == 1)
        g_string_append_printf (sql, "INSERT INTO custom_values VALUES (%" G_GINT64_FORMAT ", 5, '%s');",
                                f->ids[i], i % 4 == 1 ? "1" : "0");
      if (sql->len > 0)
        exec_sql (db, sql->str);
    }
  sqlite3_close (db);
  f->tag_vip = 1;
  f->tag_export = 2;
  f->field_size = 1;
  f->field_other = 2;
  f->field_staff = 3;
  f->field_signed = 4;
  f->field_mailing = 5;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->store);
  test_dir_free (f->dir);
  g_free (f->path);
}

typedef gboolean (*Predicate) (guint i);

/* The store's count, page fetch (walking the sort index), id list (through
 * the conditions' indexes) and the list model all give the expected clients
 * in name order. */
static void
check (Fixture         *f,
       CrmClientFilter *filter,
       Predicate        matches)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) listed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CrmClientList) list = NULL;
  gboolean more = TRUE;

  for (guint i = 0; i < N_CLIENTS; i++)
    if (matches (i))
      g_array_append_val (expected, f->ids[i]);
  g_assert_cmpuint (expected->len, >, 0);
  g_assert_cmpuint (expected->len, <, N_CLIENTS);

  g_assert_cmpint (crm_store_count_filtered_clients (f->store, filter, &error), ==, expected->len);
  g_assert_no_error (error);

  g_assert_true (crm_store_list_filtered_clients (f->store, filter, CRM_CLIENT_SORT_NAME, FALSE,
                                                  1000, listed, &more, &error));
  g_assert_no_error (error);
  g_assert_false (more);
  g_assert_cmpmem (listed->data, listed->len * sizeof (gint64), expected->data, expected->len * sizeof (gint64));

  /* in two pages: the offset counts matching clients only */
  g_assert_true (crm_store_fetch_filtered_clients (f->store, filter, CRM_CLIENT_SORT_NAME, FALSE,
                                                   0, 3, rows, &error));
  g_assert_true (crm_store_fetch_filtered_clients (f->store, filter, CRM_CLIENT_SORT_NAME, FALSE,
                                                   3, 1000, rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, expected->len);
  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpint (crm_client_row_get_id (g_ptr_array_index (rows, i)), ==,
                     g_array_index (expected, gint64, i));

  /* the same page when the walk may take what it needs */
  {
    g_autoptr(GPtrArray) tried = g_ptr_array_new_with_free_func (g_object_unref);
    gboolean gave_up = TRUE;

    g_assert_true (crm_store_try_fetch_filtered_clients (f->store, filter, CRM_CLIENT_SORT_NAME, FALSE, 0, 1000,
                                                         G_MAXUINT, tried, &gave_up, &error));
    g_assert_no_error (error);
    g_assert_false (gave_up);
    g_assert_cmpuint (tried->len, ==, expected->len);
    for (guint i = 0; i < tried->len; i++)
      g_assert_cmpint (crm_client_row_get_id (g_ptr_array_index (tried, i)), ==,
                       g_array_index (expected, gint64, i));
  }

  /* every match sorted along the sort's index alone (the list of a filter
   * matching many), in every order the same as sorted through the
   * conditions' indexes */
  for (guint sort = 0; sort < CRM_CLIENT_N_SORTS; sort++)
    for (guint desc = 0; desc < 2; desc++)
      {
        g_autoptr(GArray) sorted = g_array_new (FALSE, FALSE, sizeof (gint64));
        g_autoptr(GArray) reference = g_array_new (FALSE, FALSE, sizeof (gint64));

        g_assert_true (crm_store_sort_filtered_clients (f->store, filter, sort, desc, sorted, &error));
        g_assert_no_error (error);
        g_assert_true (crm_store_list_filtered_clients (f->store, filter, sort, desc, 1000, reference,
                                                        NULL, &error));
        g_assert_no_error (error);
        g_assert_cmpmem (sorted->data, sorted->len * sizeof (gint64),
                         reference->data, reference->len * sizeof (gint64));
        if (sort == CRM_CLIENT_SORT_NAME && !desc)
          g_assert_cmpmem (sorted->data, sorted->len * sizeof (gint64),
                           expected->data, expected->len * sizeof (gint64));
      }

  list = crm_client_list_new (f->store);
  crm_client_list_set_filter (list, filter);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      g_autoptr(CrmClientRow) row = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_assert_cmpint (crm_client_row_get_id (row), ==, g_array_index (expected, gint64, i));
    }
  g_assert_null (crm_client_list_get_error (list));
}

static gboolean status_0 (guint i) { return i % 3 == 0; }
static gboolean status_0_or_2 (guint i) { return i % 3 != 1; }
static gboolean industry_1 (guint i) { return i % 2 == 1; }
static gboolean region_2 (guint i) { return i % 4 == 2; }
static gboolean with_source (guint i) { return i % 5 == 0; }
static gboolean manager_boris (guint i) { return i % 2 == 1; }
static gboolean tag_vip (guint i) { return i % 3 == 0; }
static gboolean tag_vip_or_export (guint i) { return i % 3 == 0 || i % 4 == 0; }
static gboolean no_contact_30 (guint i) { return i % 3 != 1; }
static gboolean no_contact_365 (guint i) { return i % 3 == 0; }
static gboolean size_large (guint i) { return i % 5 == 2; }
static gboolean size_contains (guint i) { return i % 5 == 1; }
static gboolean size_set (guint i) { return i % 5 == 1 || i % 5 == 2; }
static gboolean size_large_or_contains (guint i) { return i % 5 == 1 || i % 5 == 2; }
static gboolean size_and_other (guint i) { return (i % 5 == 1 || i % 5 == 2) && i % 2 == 0; }

/* Staff 20 … 100 compares as numbers: "100" is in, "3" (text-wise above) is not there at all */
static gboolean staff_20_100 (guint i) { return i % 4 != 0 && i >= 2 && i <= 10; }
static gboolean staff_500_up (guint i) { return i % 4 != 0 && i >= 50; }
static gboolean staff_up_to_95 (guint i) { return i % 4 != 0 && i <= 9; }
static gboolean staff_70 (guint i) { return i == 7; }
static gboolean staff_70_or_500_up (guint i) { return i == 7 || staff_500_up (i); }
static gboolean signed_jan_10_20 (guint i) { return i % 3 != 2 && i >= 9 && i <= 19; }
static gboolean signed_from_feb (guint i) { return i % 3 != 2 && i >= 31; }
static gboolean mailing_yes (guint i) { return i % 4 == 1; }
static gboolean mailing_no (guint i) { return i % 4 != 1; }
static gboolean size_not_large (guint i) { return i % 5 != 2; }
static gboolean size_not_large_staff (guint i) { return i % 5 != 2 && staff_20_100 (i); }

/* What the filter bar asks for each kind of user-defined field */
static void
test_field_kinds (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(CrmClientFilter) filter = crm_client_filter_new ();
  g_autoptr(CrmClientFilter) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  const char *from, *to;

  /* number: from, to, both, exactly (both the same) */
  g_assert_true (crm_client_filter_add_field_range (filter, f->field_staff, "20", "100"));
  check (f, filter, staff_20_100);
  g_assert_false (crm_client_filter_add_field_range (filter, f->field_staff, "20", "100"));
  crm_client_filter_clear (filter);
  crm_client_filter_add_field_range (filter, f->field_staff, "500", NULL);
  check (f, filter, staff_500_up);
  crm_client_filter_clear (filter);
  crm_client_filter_add_field_range (filter, f->field_staff, NULL, "95.5");
  check (f, filter, staff_up_to_95);
  crm_client_filter_clear (filter);
  crm_client_filter_add_field_range (filter, f->field_staff, "70.0", "70");
  check (f, filter, staff_70);
  /* two ranges of one field: either */
  crm_client_filter_add_field_range (filter, f->field_staff, "500", NULL);
  check (f, filter, staff_70_or_500_up);
  g_assert_true (crm_client_filter_get_field_range (filter, 1, &from, &to));
  g_assert_cmpstr (from, ==, "500");
  g_assert_null (to);
  crm_client_filter_clear (filter);

  /* date: from and to, both days included */
  crm_client_filter_add_field_range (filter, f->field_signed, "2024-01-10", "2024-01-20");
  check (f, filter, signed_jan_10_20);
  crm_client_filter_clear (filter);
  crm_client_filter_add_field_range (filter, f->field_signed, "2024-02-01", NULL);
  check (f, filter, signed_from_feb);
  crm_client_filter_clear (filter);

  /* checkbox: yes is ticked; no is unticked or never set */
  crm_client_filter_add_field (filter, f->field_mailing, CRM_FIELD_MATCH_EQUALS, "1");
  check (f, filter, mailing_yes);
  crm_client_filter_clear (filter);
  crm_client_filter_add_field (filter, f->field_mailing, CRM_FIELD_MATCH_NOT_EQUALS, "1");
  check (f, filter, mailing_no);
  crm_client_filter_clear (filter);

  /* "not" on a text field keeps the clients without a value, and ANDs
   * with another field */
  crm_client_filter_add_field (filter, f->field_size, CRM_FIELD_MATCH_NOT_EQUALS, "Large");
  check (f, filter, size_not_large);
  crm_client_filter_add_field_range (filter, f->field_staff, "20", "100");
  check (f, filter, size_not_large_staff);

  /* a saved segment keeps them */
  g_assert_cmpint (crm_store_create_segment (f->store, "Mid-size", filter, &error), >, 0);
  g_assert_no_error (error);
  back = crm_store_load_segment (f->store, crm_store_find_segment (f->store, "Mid-size", NULL), &error);
  g_assert_no_error (error);
  g_assert_true (crm_client_filter_equal (filter, back));
  check (f, back, size_not_large_staff);

  /* bounds are numbers or dates, not both at once */
  g_assert_true (crm_client_filter_is_range_bound ("-12.5", NULL));
  g_assert_true (crm_client_filter_is_range_bound ("2024-02-29", NULL));
  g_assert_false (crm_client_filter_is_range_bound ("2023-02-29", NULL));
  g_assert_false (crm_client_filter_is_range_bound ("1 000", NULL));
  g_assert_false (crm_client_filter_is_range_bound ("12.", NULL));
  g_assert_false (crm_client_filter_is_range_bound ("", NULL));
  json = crm_client_filter_to_json (filter);
  g_assert_cmpstr (json, ==, "{\"fields\":[{\"field\":1,\"match\":\"not_equals\",\"value\":\"Large\"},"
                             "{\"field\":3,\"match\":\"range\",\"from\":\"20\",\"to\":\"100\"}]}");
}

static void
test_each_kind (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(CrmClientFilter) filter = crm_client_filter_new ();

  g_assert_true (crm_client_filter_is_empty (filter));
  g_assert_cmpint (crm_store_count_filtered_clients (f->store, filter, NULL), ==, N_CLIENTS);

  crm_client_filter_add (filter, CRM_FILTER_STATUS, f->status[0]);
  check (f, filter, status_0);
  g_assert_false (crm_client_filter_add (filter, CRM_FILTER_STATUS, f->status[0]));
  crm_client_filter_add (filter, CRM_FILTER_STATUS, f->status[2]);
  check (f, filter, status_0_or_2);
  crm_client_filter_clear (filter);

  crm_client_filter_add (filter, CRM_FILTER_INDUSTRY, f->industry[1]);
  check (f, filter, industry_1);
  crm_client_filter_clear (filter);

  crm_client_filter_add (filter, CRM_FILTER_REGION, f->region[2]);
  check (f, filter, region_2);
  crm_client_filter_clear (filter);

  crm_client_filter_add (filter, CRM_FILTER_SOURCE, f->source);
  check (f, filter, with_source);
  crm_client_filter_clear (filter);

  crm_client_filter_add (filter, CRM_FILTER_MANAGER, f->manager[1]);
  check (f, filter, manager_boris);
  crm_client_filter_clear (filter);

  crm_client_filter_add (filter, CRM_FILTER_TAG, f->tag_vip);
  check (f, filter, tag_vip);
  crm_client_filter_add (filter, CRM_FILTER_TAG, f->tag_export);
  check (f, filter, tag_vip_or_export);
  crm_client_filter_clear (filter);

  /* never contacted counts as no contact */
  crm_client_filter_set_no_contact_days (filter, 30);
  check (f, filter, no_contact_30);
  crm_client_filter_set_no_contact_days (filter, 365);
  check (f, filter, no_contact_365);
  crm_client_filter_clear (filter);

  crm_client_filter_add_field (filter, f->field_size, CRM_FIELD_MATCH_EQUALS, "Large");
  check (f, filter, size_large);
  crm_client_filter_clear (filter);
  /* case folded beyond ASCII */
  crm_client_filter_add_field (filter, f->field_size, CRM_FIELD_MATCH_CONTAINS, "БОЛЬШОЙ");
  check (f, filter, size_contains);
  crm_client_filter_clear (filter);
  /* an empty value is not set */
  crm_client_filter_add_field (filter, f->field_size, CRM_FIELD_MATCH_IS_SET, NULL);
  check (f, filter, size_set);
  crm_client_filter_clear (filter);
  /* one field: ORed */
  crm_client_filter_add_field (filter, f->field_size, CRM_FIELD_MATCH_EQUALS, "Large");
  crm_client_filter_add_field (filter, f->field_size, CRM_FIELD_MATCH_CONTAINS, "завод");
  check (f, filter, size_large_or_contains);
  /* two fields: ANDed */
  crm_client_filter_add_field (filter, f->field_other, CRM_FIELD_MATCH_EQUALS, "yes");
  check (f, filter, size_and_other);
}

static gboolean combined_1 (guint i) { return i % 3 == 0 && i % 2 == 1; }
static gboolean combined_2 (guint i) { return i % 3 == 0 && i % 2 == 1 && (i % 4 == 1 || i % 4 == 3) && i % 5 == 0; }
static gboolean combined_3 (guint i) { return i % 4 == 0 && i % 3 != 1 && i % 5 == 2; }

/* Ids too far apart for the bitmap of crm_store_sort_filtered_clients():
 * the set stays in SQL and the order is the same */
static void
test_sparse_ids (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(CrmClientFilter) filter = crm_client_filter_new ();
  g_autofree char *sql = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  /* no history and no contacts hang on client 3; its tags and fields move with it */
  sql = g_strdup_printf ("UPDATE company_tags SET company_id = %1$" G_GINT64_FORMAT " WHERE company_id = %2$" G_GINT64_FORMAT ";"
                         "UPDATE custom_values SET company_id = %1$" G_GINT64_FORMAT " WHERE company_id = %2$" G_GINT64_FORMAT ";"
                         "UPDATE companies SET id = %1$" G_GINT64_FORMAT " WHERE id = %2$" G_GINT64_FORMAT,
                         G_GINT64_CONSTANT (1) << 40, f->ids[3]);
  exec_sql (db, sql);
  sqlite3_close (db);
  f->ids[3] = G_GINT64_CONSTANT (1) << 40;

  crm_client_filter_add (filter, CRM_FILTER_STATUS, f->status[0]);
  check (f, filter, status_0);
  crm_client_filter_clear (filter);
  crm_client_filter_add (filter, CRM_FILTER_TAG, f->tag_vip);
  check (f, filter, tag_vip);
}

static void
test_combined (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(CrmClientFilter) filter = crm_client_filter_new ();

  crm_client_filter_add (filter, CRM_FILTER_STATUS, f->status[0]);
  crm_client_filter_add (filter, CRM_FILTER_MANAGER, f->manager[1]);
  check (f, filter, combined_1);

  crm_client_filter_add (filter, CRM_FILTER_REGION, f->region[1]);
  crm_client_filter_add (filter, CRM_FILTER_REGION, f->region[3]);
  crm_client_filter_add (filter, CRM_FILTER_SOURCE, f->source);
  check (f, filter, combined_2);

  crm_client_filter_clear (filter);
  crm_client_filter_add (filter, CRM_FILTER_TAG, f->tag_export);
  crm_client_filter_set_no_contact_days (filter, 30);
  crm_client_filter_add_field (filter, f->field_size, CRM_FIELD_MATCH_EQUALS, "Large");
  check (f, filter, combined_3);

  /* a walk over its budget gives up, without rows and without an error */
  {
    g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr(GError) error = NULL;
    gboolean gave_up = FALSE;

    crm_client_filter_clear (filter);
    crm_client_filter_add (filter, CRM_FILTER_STATUS, f->status[2]);
    g_assert_true (crm_store_try_fetch_filtered_clients (f->store, filter, CRM_CLIENT_SORT_CITY, FALSE, 10, 10,
                                                         0, rows, &gave_up, &error));
    g_assert_no_error (error);
    g_assert_true (gave_up);
    g_assert_cmpuint (rows->len, ==, 0);
  }

  /* nothing matches: status Lead and the region of … none */
  crm_client_filter_clear (filter);
  crm_client_filter_add (filter, CRM_FILTER_TAG, 999);
  g_assert_cmpint (crm_store_count_filtered_clients (f->store, filter, NULL), ==, 0);
}

static void
test_json (void)
{
  g_autoptr(CrmClientFilter) filter = crm_client_filter_new ();
  g_autoptr(CrmClientFilter) back = NULL;
  g_autoptr(CrmClientFilter) empty = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *again = NULL;
  const char *value;
  CrmFieldMatch match;
  gint64 field;

  crm_client_filter_add (filter, CRM_FILTER_STATUS, 3);
  crm_client_filter_add (filter, CRM_FILTER_STATUS, 1);
  crm_client_filter_add (filter, CRM_FILTER_TAG, 12);
  crm_client_filter_add (filter, CRM_FILTER_MANAGER, 2);
  crm_client_filter_set_no_contact_days (filter, 30);
  crm_client_filter_add_field (filter, 4, CRM_FIELD_MATCH_CONTAINS, "a \"quoted\" \\ back\nline\ttab\x01 ё");
  crm_client_filter_add_field (filter, 5, CRM_FIELD_MATCH_IS_SET, NULL);
  crm_client_filter_add_field_range (filter, 6, NULL, "2024-12-31");
  crm_client_filter_add_field (filter, 7, CRM_FIELD_MATCH_NOT_EQUALS, "1");

  json = crm_client_filter_to_json (filter);
  g_assert_cmpstr (json, ==,
                   "{\"status\":[3,1],\"tag\":[12],\"manager\":[2],\"no_contact_days\":30,"
                   "\"fields\":[{\"field\":4,\"match\":\"contains\",\"value\":"
                   "\"a \\\"quoted\\\" \\\\ back\\nline\\ttab\\u0001 ё\"},"
                   "{\"field\":5,\"match\":\"is_set\"},"
                   "{\"field\":6,\"match\":\"range\",\"to\":\"2024-12-31\"},"
                   "{\"field\":7,\"match\":\"not_equals\",\"value\":\"1\"}]}");

  back = crm_client_filter_new_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_true (crm_client_filter_equal (filter, back));
  again = crm_client_filter_to_json (back);
  g_assert_cmpstr (again, ==, json);
  g_assert_true (crm_client_filter_get_field (back, 0, &field, &match, &value));
  g_assert_cmpint (field, ==, 4);
  g_assert_cmpint (match, ==, CRM_FIELD_MATCH_CONTAINS);
  g_assert_cmpstr (value, ==, "a \"quoted\" \\ back\nline\ttab\x01 ё");

  /* escapes written by others, whitespace, surrogate pairs */
  g_clear_object (&back);
  back = crm_client_filter_new_from_json (" { \"fields\" : [ { \"value\" : \"\\u0451\\/\\ud83d\\ude00\", "
                                          "\"match\" : \"equals\", \"field\" : 7 } ] , \"region\" : [ ] } ",
                                          &error);
  g_assert_no_error (error);
  g_assert_true (crm_client_filter_get_field (back, 0, &field, &match, &value));
  g_assert_cmpstr (value, ==, "ё/\xf0\x9f\x98\x80");

  empty = crm_client_filter_new_from_json ("{}", &error);
  g_assert_no_error (error);
  g_assert_true (crm_client_filter_is_empty (empty));
  g_free (json);
  json = crm_client_filter_to_json (empty);
  g_assert_cmpstr (json, ==, "{}");
  g_assert_false (crm_client_filter_equal (filter, empty));
}

static void
test_hostile_json (void)
{
  const struct {
    const char *json;
    int         code;
    const char *mentions;
  } cases[] = {
    { "", CRM_CLIENT_FILTER_ERROR_SYNTAX, "character 1" },
    { "{", CRM_CLIENT_FILTER_ERROR_SYNTAX, "character 2" },
    { "{\"status\":[1,]}", CRM_CLIENT_FILTER_ERROR_SYNTAX, "character 14" },
    { "{\"status\":[1]} x", CRM_CLIENT_FILTER_ERROR_SYNTAX, "character 16" },
    { "{\"status\":\"1}", CRM_CLIENT_FILTER_ERROR_SYNTAX, "not closed" },
    { "{\"a\\q\":1}", CRM_CLIENT_FILTER_ERROR_SYNTAX, "escape" },
    { "{\"x\":\"\\ud800\"}", CRM_CLIENT_FILTER_ERROR_SYNTAX, "escape" },
    { "{\"x\":\"\\u0000\"}", CRM_CLIENT_FILTER_ERROR_SYNTAX, "NUL" },
    { "{\"x\":\"\xff\"}", CRM_CLIENT_FILTER_ERROR_SYNTAX, "UTF-8" },
    { "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", CRM_CLIENT_FILTER_ERROR_SYNTAX, "deeply" },
    { "[1]", CRM_CLIENT_FILTER_ERROR_INVALID, "not an object" },
    { "{\"colour\":[1]}", CRM_CLIENT_FILTER_ERROR_INVALID, "colour" },
    { "{\"status\":[1],\"status\":[2]}", CRM_CLIENT_FILTER_ERROR_INVALID, "twice" },
    { "{\"status\":1}", CRM_CLIENT_FILTER_ERROR_INVALID, "status" },
    { "{\"status\":[\"1\"]}", CRM_CLIENT_FILTER_ERROR_INVALID, "item 1 of “status”" },
    { "{\"tag\":[1, 2.5]}", CRM_CLIENT_FILTER_ERROR_INVALID, "item 2 of “tag”" },
    { "{\"manager\":[-3]}", CRM_CLIENT_FILTER_ERROR_INVALID, "manager" },
    { "{\"region\":[99999999999999999999]}", CRM_CLIENT_FILTER_ERROR_INVALID, "region" },
    { "{\"no_contact_days\":\"30\"}", CRM_CLIENT_FILTER_ERROR_INVALID, "no_contact_days" },
    { "{\"no_contact_days\":1e3}", CRM_CLIENT_FILTER_ERROR_INVALID, "no_contact_days" },
    { "{\"no_contact_days\":99999}", CRM_CLIENT_FILTER_ERROR_INVALID, "no_contact_days" },
    { "{\"fields\":{}}", CRM_CLIENT_FILTER_ERROR_INVALID, "fields" },
    { "{\"fields\":[1]}", CRM_CLIENT_FILTER_ERROR_INVALID, "condition 1" },
    { "{\"fields\":[{\"field\":1,\"match\":\"like\",\"value\":\"a\"}]}", CRM_CLIENT_FILTER_ERROR_INVALID, "match" },
    { "{\"fields\":[{\"field\":1,\"match\":\"equals\"}]}", CRM_CLIENT_FILTER_ERROR_INVALID, "value" },
    { "{\"fields\":[{\"field\":1,\"match\":\"equals\",\"value\":5}]}", CRM_CLIENT_FILTER_ERROR_INVALID, "value" },
    { "{\"fields\":[{\"field\":\"Size\",\"match\":\"is_set\"}]}", CRM_CLIENT_FILTER_ERROR_INVALID, "field" },
    { "{\"fields\":[{\"field\":1,\"match\":\"is_set\",\"value\":\"x\"}]}", CRM_CLIENT_FILTER_ERROR_INVALID, "is_set" },
    { "{\"fields\":[{\"field\":1,\"match\":\"is_set\",\"sql\":\"1=1\"}]}", CRM_CLIENT_FILTER_ERROR_INVALID, "sql" },
    { "{\"fields\":[{\"field\":1,\"match\":\"range\"}]}", CRM_CLIENT_FILTER_ERROR_INVALID, "without" },
    { "{\"fields\":[{\"field\":1,\"match\":\"range\",\"value\":\"5\"}]}", CRM_CLIENT_FILTER_ERROR_INVALID, "value" },
    { "{\"fields\":[{\"field\":1,\"match\":\"range\",\"from\":5}]}", CRM_CLIENT_FILTER_ERROR_INVALID, "from" },
    { "{\"fields\":[{\"field\":1,\"match\":\"range\",\"from\":\"1; DROP\"}]}", CRM_CLIENT_FILTER_ERROR_INVALID, "number" },
    { "{\"fields\":[{\"field\":1,\"match\":\"range\",\"from\":\"1\",\"to\":\"2024-01-01\"}]}",
      CRM_CLIENT_FILTER_ERROR_INVALID, "mixes" },
    { "{\"fields\":[{\"field\":1,\"match\":\"equals\",\"value\":\"a\",\"to\":\"1\"}]}",
      CRM_CLIENT_FILTER_ERROR_INVALID, "only as" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CrmClientFilter) filter = crm_client_filter_new_from_json (cases[i].json, &error);

      if (filter != NULL)
        g_error ("accepted: %s", cases[i].json);
      g_assert_error (error, CRM_CLIENT_FILTER_ERROR, cases[i].code);
      if (strstr (error->message, cases[i].mentions) == NULL)
        g_error ("“%s”: the message “%s” does not mention “%s”", cases[i].json, error->message,
                 cases[i].mentions);
    }
}

static void
count_cb (guint *counter)
{
  (*counter)++;
}

static void
test_chips (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(CrmClientFilter) filter = crm_client_filter_new ();
  g_autoptr(GPtrArray) chips = NULL;
  g_autoptr(GError) error = NULL;
  const char *expected[] = {
    "Status: Client", "Status: Lead", "Region: East", "Tag: VIP", "Tag: (deleted)",
    "Manager: Борис Петров", "No contact for 30 days", "Size is “Large”",
    "Size contains “зав”", "Newsletter is filled in", "Size is not “Large”",
    "Staff from 20 to 100", "Staff at least 500", "Staff at most 90", "Staff = 70",
    "Signed from 2024-01-10 to 2024-01-20", "Signed from 2024-02-01", "Signed until 2024-03-01",
    "Mailing: yes", "Mailing: no",
  };
  guint changed = 0;

  crm_client_filter_add (filter, CRM_FILTER_STATUS, f->status[1]);
  crm_client_filter_add (filter, CRM_FILTER_STATUS, f->status[0]);
  crm_client_filter_add (filter, CRM_FILTER_REGION, f->region[2]);
  crm_client_filter_add (filter, CRM_FILTER_TAG, f->tag_vip);
  crm_client_filter_add (filter, CRM_FILTER_TAG, 77);
  crm_client_filter_add (filter, CRM_FILTER_MANAGER, f->manager[1]);
  crm_client_filter_set_no_contact_days (filter, 30);
  crm_client_filter_add_field (filter, f->field_size, CRM_FIELD_MATCH_EQUALS, "Large");
  crm_client_filter_add_field (filter, f->field_size, CRM_FIELD_MATCH_CONTAINS, "зав");
  crm_client_filter_add_field (filter, f->field_other, CRM_FIELD_MATCH_IS_SET, NULL);
  crm_client_filter_add_field (filter, f->field_size, CRM_FIELD_MATCH_NOT_EQUALS, "Large");
  crm_client_filter_add_field_range (filter, f->field_staff, "20", "100");
  crm_client_filter_add_field_range (filter, f->field_staff, "500", NULL);
  crm_client_filter_add_field_range (filter, f->field_staff, NULL, "90");
  crm_client_filter_add_field_range (filter, f->field_staff, "70", "70");
  crm_client_filter_add_field_range (filter, f->field_signed, "2024-01-10", "2024-01-20");
  crm_client_filter_add_field_range (filter, f->field_signed, "2024-02-01", NULL);
  crm_client_filter_add_field_range (filter, f->field_signed, NULL, "2024-03-01");
  crm_client_filter_add_field (filter, f->field_mailing, CRM_FIELD_MATCH_EQUALS, "1");
  crm_client_filter_add_field (filter, f->field_mailing, CRM_FIELD_MATCH_NOT_EQUALS, "1");
  g_signal_connect_swapped (filter, "changed", G_CALLBACK (count_cb), &changed);

  chips = crm_client_filter_describe_conditions (filter, f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chips->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < chips->len; i++)
    g_assert_cmpstr (((CrmFilterChip *)g_ptr_array_index (chips, i))->label, ==, expected[i]);

  /* one day is singular */
  crm_client_filter_set_no_contact_days (filter, 1);
  g_clear_pointer (&chips, g_ptr_array_unref);
  chips = crm_client_filter_describe_conditions (filter, f->store, &error);
  g_assert_cmpstr (((CrmFilterChip *)g_ptr_array_index (chips, 6))->label, ==, "No contact for 1 day");
  g_assert_cmpuint (changed, ==, 1);

  /* each chip's id removes its condition, and only it */
  for (guint n = chips->len; n > 0; n--)
    {
      CrmFilterChip *chip = g_ptr_array_index (chips, 0);
      g_autoptr(GPtrArray) after = NULL;

      g_assert_true (crm_client_filter_remove_condition (filter, chip->id));
      g_assert_false (crm_client_filter_remove_condition (filter, chip->id) &&
                      chip->kind != CRM_FILTER_FIELD);
      after = crm_client_filter_describe_conditions (filter, f->store, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (after->len, <, n);
      g_clear_pointer (&chips, g_ptr_array_unref);
      chips = g_steal_pointer (&after);
      if (chips->len == 0)
        break;
    }
  g_assert_true (crm_client_filter_is_empty (filter));
  g_assert_false (crm_client_filter_remove_condition (filter, "status:x"));
  g_assert_false (crm_client_filter_remove_condition (filter, "colour:1"));
  g_assert_false (crm_client_filter_remove_condition (filter, "fields:0"));
  g_assert_false (crm_client_filter_remove_condition (filter, "no_contact_days"));
}

static void
test_list_model (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(CrmClientFilter) filter = crm_client_filter_new ();
  g_autoptr(CrmClientList) list = crm_client_list_new (f->store);
  GListModel *model = G_LIST_MODEL (list);
  g_autoptr(CrmClientRow) first = NULL;
  g_autoptr(CrmClientRow) last = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_CLIENTS);

  /* status Client: 1, 4, 7, … 58 */
  crm_client_filter_add (filter, CRM_FILTER_STATUS, f->status[1]);
  crm_client_list_set_filter (list, filter);
  g_assert_true (crm_client_list_get_filter (list) == filter);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 20);

  /* the list follows the filter */
  crm_client_filter_add (filter, CRM_FILTER_MANAGER, f->manager[0]);   /* even: 4, 10, … 58 */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 10);

  crm_client_list_set_sort (list, CRM_CLIENT_SORT_NAME, TRUE);
  first = g_list_model_get_item (model, 0);
  last = g_list_model_get_item (model, 9);
  g_assert_cmpstr (crm_client_row_get_name (first), ==, "Client 58");
  g_assert_cmpstr (crm_client_row_get_name (last), ==, "Client 04");
  g_clear_object (&first);

  crm_client_list_set_sort (list, CRM_CLIENT_SORT_REGION, FALSE);
  first = g_list_model_get_item (model, 0);
  /* regions alphabetically: East (i % 4 == 2) first: 10, 22, … */
  g_assert_cmpstr (crm_client_row_get_region (first), ==, "East");
  g_assert_cmpstr (crm_client_row_get_name (first), ==, "Client 10");
  g_clear_object (&first);

  /* a search within the filter */
  crm_client_list_set_sort (list, CRM_CLIENT_SORT_NAME, FALSE);
  crm_client_list_set_search (list, "client 2");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);   /* 22, 28 */
  first = g_list_model_get_item (model, 0);
  g_assert_cmpstr (crm_client_row_get_name (first), ==, "Client 22");
  g_clear_object (&first);
  crm_client_list_set_search (list, "client");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 10);
  g_assert_false (crm_client_list_get_truncated (list));

  /* an emptied filter lists everyone */
  crm_client_filter_clear (filter);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_CLIENTS);
  crm_client_list_set_search (list, NULL);
  crm_client_filter_add (filter, CRM_FILTER_TAG, f->tag_export);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 15);
  crm_client_list_set_filter (list, NULL);
  g_assert_null (crm_client_list_get_filter (list));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_CLIENTS);
  /* no longer followed */
  crm_client_filter_add (filter, CRM_FILTER_TAG, f->tag_vip);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_CLIENTS);
  g_assert_null (crm_client_list_get_error (list));
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(CrmClientFilter) filter = crm_client_filter_new ();
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  gboolean more = FALSE;

  crm_client_filter_add (filter, CRM_FILTER_REGION, f->region[0]);   /* 0, 4, … 56 */
  g_assert_true (crm_store_search_filtered_clients (f->store, "client", filter, CRM_CLIENT_SORT_NAME,
                                                    TRUE, 5, ids, &more, &error));
  g_assert_no_error (error);
  g_assert_true (more);
  g_assert_cmpuint (ids->len, ==, 5);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, f->ids[56]);
  g_assert_cmpint (g_array_index (ids, gint64, 4), ==, f->ids[40]);

  g_array_set_size (ids, 0);
  g_assert_true (crm_store_search_filtered_clients (f->store, "client 1", filter, CRM_CLIENT_SORT_NAME,
                                                    FALSE, 100, ids, &more, &error));
  /* "1" is a prefix: Client 12 and Client 16 of region North */
  g_assert_no_error (error);
  g_assert_false (more);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, f->ids[12]);
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, f->ids[16]);
}

static void
test_lookup (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  g_assert_cmpint (crm_store_lookup_filter_value (f->store, CRM_FILTER_STATUS, "Client", &error), ==, f->status[1]);
  g_assert_cmpint (crm_store_lookup_filter_value (f->store, CRM_FILTER_STATUS, " client ", &error), ==, f->status[1]);
  g_assert_cmpint (crm_store_lookup_filter_value (f->store, CRM_FILTER_INDUSTRY, "МАШИНОСТРОЕНИЕ", &error), ==, f->industry[1]);
  g_assert_cmpint (crm_store_lookup_filter_value (f->store, CRM_FILTER_MANAGER, "boris", &error), ==, f->manager[1]);
  g_assert_cmpint (crm_store_lookup_filter_value (f->store, CRM_FILTER_MANAGER, "Anna Smith", &error), ==, f->manager[0]);
  g_assert_cmpint (crm_store_lookup_filter_value (f->store, CRM_FILTER_TAG, "vip", &error), ==, f->tag_vip);
  g_assert_cmpint (crm_store_lookup_filter_value (f->store, CRM_FILTER_FIELD, "Size", &error), ==, f->field_size);
  g_assert_no_error (error);

  g_assert_cmpint (crm_store_lookup_filter_value (f->store, CRM_FILTER_REGION, "Nowhere", &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "“Nowhere”"));
  g_assert_nonnull (strstr (error->message, "“North”"));
  g_clear_error (&error);

  /* a status is not a region */
  g_assert_cmpint (crm_store_lookup_filter_value (f->store, CRM_FILTER_REGION, "Client", &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  name = crm_store_get_filter_value_name (f->store, CRM_FILTER_STATUS, f->region[0], &error);
  g_assert_null (name);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/crm/filter/each-kind", Fixture, NULL, fixture_set_up, test_each_kind, fixture_tear_down);
  g_test_add ("/crm/filter/field-kinds", Fixture, NULL, fixture_set_up, test_field_kinds, fixture_tear_down);
  g_test_add ("/crm/filter/combined", Fixture, NULL, fixture_set_up, test_combined, fixture_tear_down);
  g_test_add ("/crm/filter/sparse-ids", Fixture, NULL, fixture_set_up, test_sparse_ids, fixture_tear_down);
  g_test_add_func ("/crm/filter/json", test_json);
  g_test_add_func ("/crm/filter/hostile-json", test_hostile_json);
  g_test_add ("/crm/filter/chips", Fixture, NULL, fixture_set_up, test_chips, fixture_tear_down);
  g_test_add ("/crm/filter/list-model", Fixture, NULL, fixture_set_up, test_list_model, fixture_tear_down);
  g_test_add ("/crm/filter/search", Fixture, NULL, fixture_set_up, test_search, fixture_tear_down);
  g_test_add ("/crm/filter/lookup", Fixture, NULL, fixture_set_up, test_lookup, fixture_tear_down);

  return g_test_run ();
}
