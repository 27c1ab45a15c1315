/* test-cli-history.c: rapport-cli log and history
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-cli-history"

#include "config.h"

#include "cli-test-utils.h"
#include "crm-client-edit.h"

/* A Russian database with one client and its contact person */
static char *
client_database (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = new_database (name, "ru");
  g_autoptr(CrmStore) store = crm_store_open (path, &error);
  CrmCompanyData romashka = { .name = "ООО «Ромашка»" };
  CrmContactData anna = { .first_name = "Анна", .last_name = "Иванова" };

  g_assert_no_error (error);
  anna.company_id = crm_store_add_company (store, &romashka, &error);
  crm_store_add_contact (store, &anna, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&path);
}

static void
test_log_and_history (void)
{
  g_autofree char *db = client_database ("log.db");
  g_autoptr(Result) r = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) columns = NULL;

  /* by number, with everything a phone system knows */
  r = run_cli ("--database", db, "log", "1", "--kind", "call", "--text", "Входящий звонок",
               "--direction", "in", "--duration", "3", "--at", "2026-11-20 09:15", "--outcome", "Дозвонились",
               "--contact", "иванова анна");
  g_assert_cmpint (r->status, ==, 0);
  g_assert_nonnull (strstr (r->out, "Logged entry "));
  g_clear_pointer (&r, result_free);

  /* by exact name; a refusal with its reason */
  r = run_cli ("--database", db, "log", "ООО «Ромашка»", "--kind", "call", "--text", "Перезвонили",
               "--at", "2026-11-21T10:00:00", "--outcome", "Отказ", "--reason", "Дорого");
  g_assert_cmpint (r->status, ==, 0);
  g_clear_pointer (&r, result_free);

  r = run_cli ("--database", db, "log", "1", "--kind", "note", "--text", "Любят зелёный чай", "--at", "2026-11-22");
  g_assert_cmpint (r->status, ==, 0);
  g_clear_pointer (&r, result_free);

  /* newest first, seven columns */
  r = run_cli ("--database", db, "history", "1");
  g_assert_cmpint (r->status, ==, 0);
  lines = g_strsplit (g_strchomp (r->out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  columns = g_strsplit (lines[0], "\t", -1);
  g_assert_cmpuint (g_strv_length (columns), ==, 7);
  g_assert_cmpstr (columns[1], ==, "2026-11-22 12:00");
  g_assert_cmpstr (columns[2], ==, "note");
  g_assert_cmpstr (columns[6], ==, "Любят зелёный чай");
  g_clear_pointer (&columns, g_strfreev);
  columns = g_strsplit (lines[1], "\t", -1);
  g_assert_cmpstr (columns[5], ==, "Отказ / Дорого");
  g_clear_pointer (&columns, g_strfreev);
  columns = g_strsplit (lines[2], "\t", -1);
  g_assert_cmpstr (columns[1], ==, "2026-11-20 09:15");
  g_assert_cmpstr (columns[4], ==, "Иванова Анна");
  g_clear_pointer (&r, result_free);

  /* filters */
  r = run_cli ("--database", db, "history", "1", "--kind", "call", "--search", "перезвон");
  g_assert_cmpint (r->status, ==, 0);
  g_assert_nonnull (strstr (r->out, "Перезвонили"));
  g_assert_null (strstr (r->out, "Входящий"));
  g_clear_pointer (&r, result_free);

  r = run_cli ("--database", db, "history", "1", "--limit", "1");
  g_assert_cmpint (r->status, ==, 0);
  {
    g_auto(GStrv) one = g_strsplit (g_strchomp (r->out), "\n", -1);

    g_assert_cmpuint (g_strv_length (one), ==, 1);
    g_assert_true (g_str_has_suffix (one[0], "Любят зелёный чай"));
  }
  g_assert_nonnull (strstr (r->err, "1 of 3 entries shown"));
  g_clear_pointer (&r, result_free);

  /* a change of the card reads "field: old → new" */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CrmStore) store = crm_store_open (db, &error);

    crm_store_update_client_field (store, 1, "city", "Казань", 1, NULL, &error);
    g_assert_no_error (error);
  }
  r = run_cli ("--database", db, "history", "1", "--kind", "field-changed");
  g_assert_cmpint (r->status, ==, 0);
  g_assert_nonnull (strstr (r->out, "\tcity: — → Казань\n"));
}

static void
test_errors (void)
{
  g_autofree char *db = client_database ("errors.db");
  g_autoptr(Result) r = NULL;

  /* usage errors: 2 */
  r = run_cli ("--database", db, "log", "1", "--text", "Без вида");
  g_assert_cmpint (r->status, ==, 2);
  g_assert_nonnull (strstr (r->err, "--kind"));
  g_clear_pointer (&r, result_free);
  r = run_cli ("--database", db, "log", "1", "--kind", "call", "--text", "x", "--at", "вчера");
  g_assert_cmpint (r->status, ==, 2);
  g_clear_pointer (&r, result_free);
  r = run_cli ("--database", db, "log", "1", "--kind", "call", "--text", "x", "--direction", "up");
  g_assert_cmpint (r->status, ==, 2);
  g_clear_pointer (&r, result_free);

  /* refused by the store: 1, with the reason, and nothing written */
  r = run_cli ("--database", db, "log", "1", "--kind", "call", "--text", "x", "--outcome", "Отказ");
  g_assert_cmpint (r->status, ==, 1);
  g_assert_nonnull (strstr (r->err, "needs a reason"));
  g_clear_pointer (&r, result_free);
  r = run_cli ("--database", db, "log", "1", "--kind", "merged", "--text", "x");
  g_assert_cmpint (r->status, ==, 1);
  g_clear_pointer (&r, result_free);
  r = run_cli ("--database", db, "log", "Нет такого", "--kind", "note", "--text", "x");
  g_assert_cmpint (r->status, ==, 1);
  g_clear_pointer (&r, result_free);
  r = run_cli ("--database", db, "log", "1", "--kind", "note", "--text", "x", "--contact", "Пётр");
  g_assert_cmpint (r->status, ==, 1);
  g_assert_nonnull (strstr (r->err, "Пётр"));
  g_clear_pointer (&r, result_free);

  r = run_cli ("--database", db, "history", "1");
  g_assert_cmpint (r->status, ==, 0);
  g_assert_cmpstr (r->out, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  cli_test_init (&argc, &argv, "cli-history");

  g_test_add_func ("/crm/cli/history/log-and-history", test_log_and_history);
  g_test_add_func ("/crm/cli/history/errors", test_errors);

  return cli_test_run ();
}
