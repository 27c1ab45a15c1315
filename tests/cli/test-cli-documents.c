/* test-cli-documents.c: rapport-cli attach and log --eml
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real rapport-cli binary (its path is the first argument) on
 * temporary databases and the messages of tests/fixtures/eml.
 */

#define G_LOG_DOMAIN "test-cli-documents"

#include "config.h"

#include "crm-documents.h"
#include "cli-test-utils.h"
#include "crm-store.h"

/* Romashka (1) with Ivan's address, Lilia (2) */
static char *
make_database (const char *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(CrmStore) store = crm_store_open_full (path, CRM_STORE_OPEN_DEFAULT, "en", &error);
  CrmCompanyData romashka = { .name = "Romashka" };
  CrmCompanyData lilia = { .name = "Lilia" };
  gint64 id;

  g_assert_no_error (error);
  id = crm_store_add_company (store, &romashka, &error);
  crm_store_add_email (store, id, 0, NULL, "ivan.petrov@romashka.example", &error);
  crm_store_add_company (store, &lilia, &error);
  g_assert_no_error (error);

  return path;
}

static char *
fixture (const char *name)
{
  return g_build_filename (FIXTURES_DIR, "eml", name, NULL);
}

static void
test_attach (void)
{
  g_autofree char *db = make_database ("attach.db");
  g_autofree char *file = g_build_filename (tmp_dir, "offer.txt", NULL);
  g_autofree char *copy = g_build_filename (tmp_dir, "offer-copy.txt", NULL);
  g_autoptr(Result) result = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GError) error = NULL;
  CrmDocument *document;

  g_file_set_contents (file, "Our offer: 10 boxes.\n", -1, NULL);
  g_file_set_contents (copy, "Our offer: 10 boxes.\n", -1, NULL);

  result = run_cli ("--database", db, "attach", "Romashka", file);
  g_assert_cmpint (result->status, ==, 0);
  g_assert_cmpstr (result->out, ==, "Attached “offer.txt” (text/plain, 21 bytes) to “Romashka” as document 1.\n");
  g_clear_pointer (&result, result_free);

  result = run_cli ("attach", "--database", db, "--name", "Offer (signed).txt", "1", copy);
  g_assert_cmpint (result->status, ==, 0);
  g_assert_nonnull (strstr (result->out, "“Offer (signed).txt”"));
  g_clear_pointer (&result, result_free);

  store = crm_store_open (db, &error);
  g_assert_no_error (error);
  documents = crm_store_list_documents (store, 1, &error);
  g_assert_cmpuint (documents->len, ==, 2);
  document = g_ptr_array_index (documents, 0);
  g_assert_cmpstr (document->name, ==, "Offer (signed).txt");
  /* one content, stored once */
  g_assert_cmpstr (document->hash, ==, ((CrmDocument *)g_ptr_array_index (documents, 1))->hash);
}

static void
test_attach_errors (void)
{
  g_autofree char *db = make_database ("attach-errors.db");
  g_autofree char *missing_db = g_build_filename (tmp_dir, "missing.db", NULL);
  g_autofree char *file = fixture ("plain.eml");
  g_autoptr(Result) result = NULL;

  result = run_cli ("--database", db, "attach", "Nobody", file);
  g_assert_cmpint (result->status, ==, 1);
  g_assert_nonnull (strstr (result->err, "No client is called “Nobody”"));
  g_clear_pointer (&result, result_free);

  result = run_cli ("--database", db, "attach", "1", "/nonexistent/offer.pdf");
  g_assert_cmpint (result->status, ==, 1);
  g_assert_nonnull (strstr (result->err, "offer.pdf"));
  g_clear_pointer (&result, result_free);

  result = run_cli ("--database", db, "attach", "1", tmp_dir);
  g_assert_cmpint (result->status, ==, 1);
  g_assert_nonnull (strstr (result->err, "only files can be attached"));
  g_clear_pointer (&result, result_free);

  result = run_cli ("--database", db, "attach", "1");
  g_assert_cmpint (result->status, ==, 2);
  g_clear_pointer (&result, result_free);

  result = run_cli ("--database", missing_db, "attach", "1", file);
  g_assert_cmpint (result->status, ==, 1);
  g_assert_false (g_file_test (missing_db, G_FILE_TEST_EXISTS));
}

static void
test_log_eml (void)
{
  g_autofree char *db = make_database ("log.db");
  g_autofree char *multipart = fixture ("multipart.eml");
  g_autofree char *cyrillic = fixture ("cyrillic-koi8.eml");
  g_autofree char *broken = fixture ("broken.eml");
  g_autoptr(Result) result = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GError) error = NULL;

  result = run_cli ("--database", db, "log", "Romashka", "--eml", multipart);
  g_assert_cmpint (result->status, ==, 0);
  g_assert_cmpstr (result->out, ==, "Logged e-mail “Price list” as entry 1 for client 1, with 1 attached file.\n");
  g_clear_pointer (&result, result_free);

  /* The same message twice: refused */
  result = run_cli ("--database", db, "log", "1", "--eml", multipart);
  g_assert_cmpint (result->status, ==, 1);
  g_assert_nonnull (strstr (result->err, "already in the history of “Romashka”"));
  g_clear_pointer (&result, result_free);

  result = run_cli ("--database", db, "log", "Lilia", "--eml", cyrillic);
  g_assert_cmpint (result->status, ==, 0);
  g_assert_nonnull (strstr (result->out, "“Счёт на оплату”"));
  g_clear_pointer (&result, result_free);

  result = run_cli ("--database", db, "log", "Lilia", "--eml", broken);
  g_assert_cmpint (result->status, ==, 1);
  g_assert_nonnull (strstr (result->err, "broken.eml"));
  g_assert_nonnull (strstr (result->err, "not an e-mail message"));
  g_clear_pointer (&result, result_free);

  result = run_cli ("--database", db, "log", "Nobody", "--eml", multipart);
  g_assert_cmpint (result->status, ==, 1);
  g_clear_pointer (&result, result_free);

  store = crm_store_open (db, &error);
  g_assert_no_error (error);
  documents = crm_store_list_documents (store, 1, &error);
  g_assert_cmpuint (documents->len, ==, 1);
  g_assert_cmpstr (((CrmDocument *)g_ptr_array_index (documents, 0))->name, ==, "price-list.pdf");
}

int
main (int   argc,
      char *argv[])
{
  cli_test_init (&argc, &argv, "cli-documents");

  g_test_add_func ("/cli/attach/summary", test_attach);
  g_test_add_func ("/cli/attach/errors", test_attach_errors);
  g_test_add_func ("/cli/log/eml", test_log_eml);

  return cli_test_run ();
}
