/* test-cli-activity.c: rapport-cli activity and dossier
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real rapport-cli binary (its path is the first argument) on a
 * database made with the core library.
 */

#define G_LOG_DOMAIN "test-cli-activity"

#include "config.h"

#include "cli-test-utils.h"
#include "crm-store.h"

/* 2026-03-02 (a Monday) 10:00 UTC */
#define MONDAY 1772445600
#define DAY 86400

static gboolean
have_pdftotext (void)
{
  g_autofree char *path = g_find_program_in_path ("pdftotext");

  return path != NULL;
}

static char *
make_database (const char *name,
               gint64     *client)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(CrmStore) store = crm_store_open_full (path, CRM_STORE_OPEN_DEFAULT, "ru", &error);
  CrmUserData anna = { .login = "anna", .full_name = "Анна Петрова", .role = "sales", .active = TRUE };
  CrmUserData boris = { .login = "boris", .full_name = "Борис Иванов", .role = "sales", .active = TRUE };
  CrmCompanyData company = { .name = "ООО «Ромашка»" };
  gint64 anna_id, boris_id;
  static const struct { int user; const char *kind; int day; } entries[] = {
    { 0, "call", 0 }, { 0, "call", 0 }, { 0, "meeting", 2 }, { 0, "email", 2 }, { 0, "note", 4 },
    { 1, "letter", 6 }, { 1, "call", 7 } /* the next week */, { 0, "field-changed", 1 },
  };

  g_assert_no_error (error);
  anna_id = crm_store_add_user (store, &anna, &error);
  g_assert_no_error (error);
  boris_id = crm_store_add_user (store, &boris, &error);
  g_assert_no_error (error);
  company.manager_id = anna_id;
  *client = crm_store_add_company (store, &company, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      CrmHistoryData entry = { .company_id = *client, .user_id = entries[i].user ? boris_id : anna_id,
                               .kind = entries[i].kind, .subject = "Поставка",
                               .occurred_at = MONDAY + entries[i].day * DAY };

      crm_store_add_history (store, &entry, &error);
      g_assert_no_error (error);
    }

  return g_steal_pointer (&path);
}

static void
test_activity (void)
{
  gint64 client;
  g_autofree char *db = make_database ("activity.db", &client);
  g_autoptr(Result) week = run_cli ("activity", "--database", db, "--from", "2026-03-02", "--to", "2026-03-08");
  g_autoptr(Result) from_only = run_cli ("activity", "--database", db, "--from", "2026-03-02");
  g_autoptr(Result) by_day = run_cli ("activity", "--database", db, "--from", "2026-03-02", "--to", "2026-03-08",
                                      "--by-day");
  g_autoptr(Result) bad = run_cli ("activity", "--database", db, "--from", "2026-02-30");
  g_autoptr(Result) backwards = run_cli ("activity", "--database", db, "--from", "2026-03-08", "--to", "2026-03-01");
  g_autoptr(Result) help = run_cli ("activity", "--help");

  /* name, total, calls, meetings, letters, e-mails, notes, other */
  g_assert_cmpint (week->status, ==, 0);
  g_assert_cmpstr (week->out, ==,
                   "Анна Петрова\t5\t2\t1\t0\t1\t1\t0\n"
                   "Борис Иванов\t1\t0\t0\t1\t0\t0\t0\n");
  g_assert_cmpint (from_only->status, ==, 0);
  g_assert_cmpstr (from_only->out, ==, week->out);

  g_assert_cmpint (by_day->status, ==, 0);
  g_assert_cmpstr (by_day->out, ==,
                   "Анна Петрова\t2026-03-02\t2\t2\t0\t0\t0\t0\t0\n"
                   "Анна Петрова\t2026-03-04\t2\t0\t1\t0\t1\t0\t0\n"
                   "Анна Петрова\t2026-03-06\t1\t0\t0\t0\t0\t1\t0\n"
                   "Борис Иванов\t2026-03-08\t1\t0\t0\t1\t0\t0\t0\n");

  g_assert_cmpint (bad->status, ==, 2);
  g_assert_nonnull (strstr (bad->err, "2026-02-30"));
  g_assert_cmpint (backwards->status, ==, 2);
  g_assert_cmpint (help->status, ==, 0);
  g_assert_nonnull (strstr (help->out, "--by-day"));
}

static void
test_dossier (void)
{
  gint64 client;
  g_autofree char *db = make_database ("dossier.db", &client);
  g_autofree char *pdf = g_build_filename (tmp_dir, "dossier.pdf", NULL);
  g_autofree char *pdf2 = g_build_filename (tmp_dir, "dossier2.pdf", NULL);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, client);
  g_autoptr(Result) by_name = run_cli ("dossier", "ООО «Ромашка»", "--database", db, "--from", "2026-03-01",
                                       "--to", "2026-03-31", "--output", pdf);
  g_autoptr(Result) by_id = run_cli ("dossier", id, "--database", db, "--from", "2026-03-03", "--to", "2026-03-05",
                                     "--output", pdf2);
  g_autoptr(Result) unknown = run_cli ("dossier", "Лютик", "--database", db, "--output", pdf2);
  g_autoptr(Result) no_output = run_cli ("dossier", id, "--database", db);
  g_autoptr(Result) no_client = run_cli ("dossier", "--database", db, "--output", pdf2);
  g_autoptr(Result) bad_date = run_cli ("dossier", id, "--database", db, "--to", "31.03.2026", "--output", pdf2);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_cmpint (by_name->status, ==, 0);
  /* every entry of March, the field change too */
  g_assert_nonnull (strstr (by_name->err, "8 history entries"));
  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_cmpuint (length, >, 1000);

  g_assert_cmpint (by_id->status, ==, 0);
  g_assert_nonnull (strstr (by_id->err, "3 history entries"));

  g_assert_cmpint (unknown->status, ==, 1);
  g_assert_nonnull (strstr (unknown->err, "Лютик"));
  g_assert_cmpint (no_output->status, ==, 2);
  g_assert_cmpint (no_client->status, ==, 2);
  g_assert_cmpint (bad_date->status, ==, 2);

  if (have_pdftotext ())
    {
      const char *argv[] = { "pdftotext", pdf, "-", NULL };
      g_autofree char *text = NULL;
      int status;

      g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                                   NULL, NULL, &text, NULL, &status, NULL));
      g_assert_nonnull (strstr (text, "ООО «Ромашка»"));
      g_assert_nonnull (strstr (text, "Анна Петрова"));
      g_assert_nonnull (strstr (text, "Page 1 of 1"));
    }
}

int
main (int   argc,
      char *argv[])
{
  cli_test_init (&argc, &argv, "cli-activity");

  g_test_add_func ("/crm/cli/activity", test_activity);
  g_test_add_func ("/crm/cli/dossier", test_dossier);

  return cli_test_run ();
}
