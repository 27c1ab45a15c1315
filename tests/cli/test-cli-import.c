/* test-cli-import.c: rapport-cli import and export
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real rapport-cli binary (its path is the first argument) on
 * temporary databases and the fixtures of tests/fixtures.
 */

#define G_LOG_DOMAIN "test-cli-import"

#include "config.h"

#include "cli-test-utils.h"
#include "crm-store.h"

static char *
ru_database (const char *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(CrmStore) store = crm_store_open_full (path, CRM_STORE_OPEN_DEFAULT, "ru", &error);

  g_assert_no_error (error);
  return path;
}

static void
test_import_undo (void)
{
  g_autofree char *db = ru_database ("import.db");
  g_autoptr(Result) r = NULL;

  r = run_cli ("--database", db, "import", FIXTURES_DIR "/clients-1251.csv");
  g_assert_cmpint (r->status, ==, 0);
  g_assert_nonnull (strstr (r->out, "Import 1: 9 rows read, 4 clients added, 0 updated, 4 rows skipped"));
  g_assert_nonnull (strstr (r->err, "clients-1251.csv:7: "));
  g_assert_nonnull (strstr (r->err, "clients-1251.csv:9: "));
  g_assert_nonnull (strstr (r->err, "clients-1251.csv:10: "));
  g_assert_nonnull (strstr (r->err, "clients-1251.csv:11: "));
  g_clear_pointer (&r, result_free);

  r = run_cli ("--database", db, "search", "Ромашка");
  g_assert_cmpint (r->status, ==, 0);
  g_assert_nonnull (strstr (r->out, "Ромашка"));
  g_clear_pointer (&r, result_free);

  r = run_cli ("--database", db, "import", "--on-duplicate", "update", "--encoding", "windows-1251",
               "--delimiter", ";", FIXTURES_DIR "/clients-1251.csv");
  g_assert_cmpint (r->status, ==, 0);
  g_assert_nonnull (strstr (r->out, "Import 2: 9 rows read, 0 clients added, 5 updated"));
  g_clear_pointer (&r, result_free);

  r = run_cli ("--database", db, "import", FIXTURES_DIR "/contacts-google.vcf");
  g_assert_cmpint (r->status, ==, 0);
  g_assert_nonnull (strstr (r->err, "contacts-google.vcf:20: "));
  g_clear_pointer (&r, result_free);

  r = run_cli ("--database", db, "import", "--undo", "1");
  g_assert_cmpint (r->status, ==, 0);
  g_clear_pointer (&r, result_free);

  r = run_cli ("--database", db, "search", "Ромашка");
  g_assert_cmpint (r->status, !=, 0);
  g_clear_pointer (&r, result_free);

  r = run_cli ("--database", db, "import", "--undo", "1");
  g_assert_cmpint (r->status, ==, 1);
  g_assert_nonnull (strstr (r->err, "already been undone"));
  g_clear_pointer (&r, result_free);

  r = run_cli ("--database", db, "import", "--on-duplicate", "merge", FIXTURES_DIR "/clients-1251.csv");
  g_assert_cmpint (r->status, ==, 2);
}

static void
test_export (void)
{
  g_autofree char *db = ru_database ("export.db");
  g_autofree char *csv = g_build_filename (tmp_dir, "out.csv", NULL);
  g_autofree char *vcf = g_build_filename (tmp_dir, "out.vcf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(Result) r = NULL;

  r = run_cli ("--database", db, "import", "-q", FIXTURES_DIR "/clients-1251.csv");
  g_assert_cmpint (r->status, ==, 0);
  g_clear_pointer (&r, result_free);

  r = run_cli ("--database", db, "export", "--output", csv, "--bom");
  g_assert_cmpint (r->status, ==, 0);
  g_assert_nonnull (strstr (r->out, "Exported 4 clients"));
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "\xef\xbb\xbfНазвание,"));
  g_assert_nonnull (strstr (text, "'+7 495 123-45-67"));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&r, result_free);

  r = run_cli ("--database", db, "export", "--output", csv, "--no-bom");
  g_assert_cmpint (r->status, ==, 0);
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "Название,"));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&r, result_free);
  r = run_cli ("--database", db, "export", "--output", csv, "--no-bom", "--bom");
  g_assert_cmpint (r->status, ==, 2);
  g_clear_pointer (&r, result_free);

  r = run_cli ("--database", db, "export", "--format", "csv-raw", "--output", csv, "--search", "Березка");
  g_assert_cmpint (r->status, ==, 0);
  g_assert_nonnull (strstr (r->out, "Exported 1 client"));
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "ООО \"\"Берёзка\"\""));
  g_assert_null (strstr (text, "Ромашка"));
  g_clear_pointer (&r, result_free);

  r = run_cli ("--database", db, "export", "--format", "vcard", "--output", vcf);
  g_assert_cmpint (r->status, ==, 0);
  g_assert_nonnull (strstr (r->out, "Exported 3 contact persons"));
  g_clear_pointer (&r, result_free);

  r = run_cli ("--database", db, "export", "--format", "pdf", "--output", vcf);
  g_assert_cmpint (r->status, ==, 2);
  g_clear_pointer (&r, result_free);

  r = run_cli ("--database", db, "export", "--output", "/nonexistent-dir/out.csv");
  g_assert_cmpint (r->status, ==, 1);
}

static void
test_hostile (void)
{
  g_autofree char *db = ru_database ("hostile.db");
  g_autofree char *empty = g_build_filename (tmp_dir, "empty.csv", NULL);
  g_autofree char *binary = g_build_filename (tmp_dir, "binary.csv", NULL);
  g_autofree char *open_quote = g_build_filename (tmp_dir, "open.csv", NULL);
  g_autoptr(Result) r = NULL;

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  g_assert_true (g_file_set_contents (binary, "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, NULL));
  g_assert_true (g_file_set_contents (open_quote, "Name;City\n\"Never closed;Rome\nX;Y\n", -1, NULL));

  r = run_cli ("--database", db, "import", empty);
  g_assert_cmpint (r->status, ==, 1);
  g_assert_nonnull (strstr (r->err, "holds no rows"));
  g_clear_pointer (&r, result_free);

  r = run_cli ("--database", db, "import", binary);
  g_assert_cmpint (r->status, ==, 1);
  g_assert_nonnull (strstr (r->err, "binary data"));
  g_clear_pointer (&r, result_free);

  r = run_cli ("--database", db, "import", open_quote);
  g_assert_cmpint (r->status, ==, 0);
  g_assert_nonnull (strstr (r->err, "open.csv:2: A quoted field starts in this line and is never closed."));
  g_clear_pointer (&r, result_free);

  r = run_cli ("--database", db, "import", "/nonexistent.csv");
  g_assert_cmpint (r->status, ==, 1);
}

/* --no-header: a first row that looks like a header is a client all the same */
static void
test_no_header (void)
{
  g_autofree char *db = ru_database ("no-header.db");
  g_autofree char *path = g_build_filename (tmp_dir, "no-header.csv", NULL);
  g_autoptr(Result) r = NULL;

  g_assert_true (g_file_set_contents (path, "Name;ООО «Нэйм»\nВторой;ООО «Второй»\n", -1, NULL));

  r = run_cli ("--database", db, "import", "--no-header", path);
  g_assert_cmpint (r->status, ==, 0);
  g_assert_nonnull (strstr (r->out, "2 rows read, 2 clients added"));
  g_clear_pointer (&r, result_free);

  /* in the order of the export: the second column is the legal name */
  r = run_cli ("--database", db, "search", "нэйм");
  g_assert_cmpint (r->status, ==, 0);
  g_assert_true (g_str_has_prefix (strchr (r->out, '\t') + 1, "Name\t"));
  g_assert_nonnull (strstr (r->out, "legal name: ООО «Нэйм»"));
  g_clear_pointer (&r, result_free);

  r = run_cli ("--database", db, "import", "--no-header", FIXTURES_DIR "/contacts-google.vcf");
  g_assert_cmpint (r->status, ==, 2);
}

static void
test_segments (void)
{
  g_autofree char *db = ru_database ("segments.db");
  g_autofree char *csv = g_build_filename (tmp_dir, "segment.csv", NULL);
  g_autofree char *vcf = g_build_filename (tmp_dir, "segment.vcf", NULL);
  g_autofree char *missing = g_build_filename (tmp_dir, "missing.csv", NULL);
  g_autofree char *text = NULL;
  g_autoptr(Result) r = NULL;

  /* Ромашка and Берёзка are "Новый", Василёк "Клиент", Сидоров has no status */
  r = run_cli ("--database", db, "import", "-q", FIXTURES_DIR "/clients-1251.csv");
  g_assert_cmpint (r->status, ==, 0);
  g_clear_pointer (&r, result_free);

  r = run_cli ("--database", db, "segment-create", "Новые", "--status", "Нет такого");
  g_assert_cmpint (r->status, ==, 2);
  g_assert_nonnull (strstr (r->err, "“Нет такого”"));
  g_clear_pointer (&r, result_free);

  r = run_cli ("--database", db, "segment-create", "Новые", "--status", "Новый");
  g_assert_cmpint (r->status, ==, 0);
  g_assert_nonnull (strstr (r->out, "2 clients"));
  g_clear_pointer (&r, result_free);

  r = run_cli ("--database", db, "segment-create", "Клиенты", "--status", "клиент");
  g_assert_cmpint (r->status, ==, 0);
  g_clear_pointer (&r, result_free);

  r = run_cli ("--database", db, "segments");
  g_assert_cmpint (r->status, ==, 0);
  g_assert_nonnull (strstr (r->out, "Новые\t2\t"));
  g_assert_nonnull (strstr (r->out, "Клиенты\t1\t"));
  g_clear_pointer (&r, result_free);

  r = run_cli ("--database", db, "search", "--segment", "Новые");
  g_assert_cmpint (r->status, ==, 0);
  g_assert_nonnull (strstr (r->out, "Ромашка"));
  g_assert_nonnull (strstr (r->out, "Берёзка"));
  g_assert_null (strstr (r->out, "Василёк"));
  g_assert_null (strstr (r->out, "Сидоров"));
  g_clear_pointer (&r, result_free);

  r = run_cli ("--database", db, "export", "--output", csv, "--segment", "Новые");
  g_assert_cmpint (r->status, ==, 0);
  g_assert_nonnull (strstr (r->out, "Exported 2 clients"));
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  /* a safe CSV starts with a byte order mark by default: spreadsheets read it as UTF-8 */
  g_assert_true (g_str_has_prefix (text, "\xef\xbb\xbfНазвание,"));
  g_assert_nonnull (strstr (text, "\r\nООО «Ромашка»,"));
  g_assert_nonnull (strstr (text, "\r\n\"ООО \"\"Берёзка\"\"\","));
  g_assert_null (strstr (text, "Василёк"));
  g_assert_null (strstr (text, "Сидоров"));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&r, result_free);

  /* the search within the segment */
  r = run_cli ("--database", db, "export", "--output", csv, "--segment", "Новые", "--search", "Ромашка");
  g_assert_cmpint (r->status, ==, 0);
  g_assert_nonnull (strstr (r->out, "Exported 1 client"));
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "ООО «Ромашка»"));
  g_assert_null (strstr (text, "ООО Ромашка,"));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&r, result_free);

  /* the contact persons of the segment’s clients only: Петрова of Василёк */
  r = run_cli ("--database", db, "export", "--format", "vcard", "--output", vcf, "--segment", "Клиенты");
  g_assert_cmpint (r->status, ==, 0);
  g_assert_nonnull (strstr (r->out, "Exported 1 contact person"));
  g_assert_true (g_file_get_contents (vcf, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "Петрова"));
  g_assert_null (strstr (text, "Иванов"));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&r, result_free);

  /* an unknown segment is named, and no file is written */
  r = run_cli ("--database", db, "export", "--output", missing, "--segment", "Никакой");
  g_assert_cmpint (r->status, ==, 1);
  g_assert_nonnull (strstr (r->err, "“Никакой”"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_clear_pointer (&r, result_free);

  r = run_cli ("--database", db, "segment-delete", "Новые");
  g_assert_cmpint (r->status, ==, 0);
  g_clear_pointer (&r, result_free);

  r = run_cli ("--database", db, "segments");
  g_assert_cmpint (r->status, ==, 0);
  g_assert_null (strstr (r->out, "Новые"));
  g_assert_nonnull (strstr (r->out, "Клиенты\t1\t"));
  g_clear_pointer (&r, result_free);

  r = run_cli ("--database", db, "export", "--output", csv, "--segment", "Новые");
  g_assert_cmpint (r->status, ==, 1);
  g_assert_nonnull (strstr (r->err, "“Новые”"));
  g_clear_pointer (&r, result_free);

  r = run_cli ("--database", db, "segment-delete", "Новые");
  g_assert_cmpint (r->status, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  cli_test_init (&argc, &argv, "cli-import");

  g_test_add_func ("/crm/cli/import/undo", test_import_undo);
  g_test_add_func ("/crm/cli/import/export", test_export);
  g_test_add_func ("/crm/cli/import/hostile", test_hostile);
  g_test_add_func ("/crm/cli/import/no-header", test_no_header);
  g_test_add_func ("/crm/cli/import/segments", test_segments);

  return cli_test_run ();
}
