/* test-cli-duplicates.c: rapport-cli duplicates and merge
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real rapport-cli binary (its path is the first argument) on a
 * database made with the core library.
 */

#define G_LOG_DOMAIN "test-cli-duplicates"

#include "config.h"

#include "cli-test-utils.h"
#include "crm-store.h"

static char *
make_database (const char *name,
               gboolean    with_duplicates,
               gint64     *ids)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(CrmStore) store = crm_store_open_full (path, CRM_STORE_OPEN_DEFAULT, "ru", &error);
  CrmCompanyData a = { .name = "Ромашка", .city = "Москва" };
  CrmCompanyData b = { .name = "ООО «Ромашка»", .city = "Тверь" };
  CrmCompanyData c = { .name = "Лютик" };

  g_assert_no_error (error);
  if (!with_duplicates)
    b.name = "Василёк";
  ids[0] = crm_store_add_company (store, &a, &error);
  g_assert_no_error (error);
  ids[1] = crm_store_add_company (store, &b, &error);
  g_assert_no_error (error);
  ids[2] = crm_store_add_company (store, &c, &error);
  g_assert_no_error (error);
  crm_store_add_phone (store, ids[0], 0, NULL, "+7 495 123-45-67", &error);
  g_assert_no_error (error);
  crm_store_add_phone (store, ids[1], 0, NULL, with_duplicates ? "8 (495) 1234567" : "8 495 7654321", &error);
  g_assert_no_error (error);

  return g_steal_pointer (&path);
}

static void
test_duplicates (void)
{
  gint64 ids[3];
  g_autofree char *db = make_database ("dups.db", TRUE, ids);
  g_autofree char *clean = make_database ("clean.db", FALSE, ids);
  g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT "\tРомашка\t%" G_GINT64_FORMAT
                                               "\tООО «Ромашка»\tsame name, same phone\n", ids[0], ids[1]);
  g_autoptr(Result) found = run_cli ("duplicates", "--database", db);
  g_autoptr(Result) none = run_cli ("--database", clean, "duplicates");
  g_autoptr(Result) help = run_cli ("duplicates", "--help");
  g_autoptr(Result) bad = run_cli ("duplicates", "--limit", "many", "--database", db);
  g_autoptr(Result) missing = NULL;
  g_autofree char *missing_path = g_build_filename (tmp_dir, "missing.db", NULL);

  g_assert_cmpint (found->status, ==, 0);
  g_assert_cmpstr (found->out, ==, expected);
  g_assert_nonnull (strstr (found->err, "1 likely pair"));

  g_assert_cmpint (none->status, ==, 0);
  g_assert_cmpstr (none->out, ==, "");
  g_assert_nonnull (strstr (none->err, "No likely duplicates"));

  g_assert_cmpint (help->status, ==, 0);
  g_assert_nonnull (strstr (help->out, "--limit"));

  g_assert_cmpint (bad->status, ==, 2);
  g_assert_nonnull (strstr (bad->err, "--limit"));

  missing = run_cli ("duplicates", "--database", missing_path);
  g_assert_cmpint (missing->status, ==, 1);
  g_assert_false (g_file_test (missing_path, G_FILE_TEST_EXISTS));
}

static void
test_merge (void)
{
  gint64 ids[3];
  g_autofree char *db = make_database ("merge.db", TRUE, ids);
  g_autofree char *keep = g_strdup_printf ("%" G_GINT64_FORMAT, ids[0]);
  g_autofree char *remove = g_strdup_printf ("%" G_GINT64_FORMAT, ids[1]);
  g_autoptr(Result) help = run_cli ("merge", "--help");
  g_autoptr(Result) bad_field = run_cli ("merge", keep, remove, "--take", "city,colour", "--database", db);
  g_autoptr(Result) merged = NULL;
  g_autoptr(Result) after = NULL;
  g_autoptr(Result) undone = NULL;
  g_autoptr(Result) again = NULL;
  g_autoptr(Result) restored = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (help->status, ==, 0);
  g_assert_nonnull (strstr (help->out, "--undo"));
  g_assert_nonnull (strstr (help->out, "legal_name"));

  g_assert_cmpint (bad_field->status, ==, 2);
  g_assert_nonnull (strstr (bad_field->err, "colour"));

  merged = run_cli ("merge", keep, remove, "--take", "city", "--database", db);
  g_assert_cmpint (merged->status, ==, 0);
  g_assert_nonnull (strstr (merged->out, "merge --undo 1"));

  {
    g_autoptr(CrmStore) store = crm_store_open (db, &error);
    g_autoptr(CrmClientSummary) s = NULL;

    g_assert_no_error (error);
    s = crm_store_load_client_summary (store, ids[0], &error);
    g_assert_no_error (error);
    g_assert_cmpstr (s->city, ==, "Тверь");
    g_assert_cmpuint (s->phones->len, ==, 2);
    g_assert_cmpint (crm_store_count_clients (store, &error), ==, 2);
  }

  after = run_cli ("duplicates", "--database", db);
  g_assert_cmpint (after->status, ==, 0);
  g_assert_cmpstr (after->out, ==, "");

  undone = run_cli ("merge", "--undo", "1", "--database", db);
  g_assert_cmpint (undone->status, ==, 0);
  again = run_cli ("merge", "--undo", "1", "--database", db);
  g_assert_cmpint (again->status, ==, 1);
  g_assert_nonnull (strstr (again->err, "already been undone"));

  restored = run_cli ("duplicates", "--database", db);
  g_assert_cmpint (restored->status, ==, 0);
  g_assert_nonnull (strstr (restored->out, "same name, same phone"));

  {
    g_autoptr(Result) usage = run_cli ("merge", keep, "--database", db);
    g_autoptr(Result) self = run_cli ("merge", keep, keep, "--database", db);

    g_assert_cmpint (usage->status, ==, 2);
    g_assert_cmpint (self->status, ==, 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  cli_test_init (&argc, &argv, "cli-dup");

  g_test_add_func ("/crm/cli/duplicates", test_duplicates);
  g_test_add_func ("/crm/cli/merge", test_merge);

  return cli_test_run ();
}
