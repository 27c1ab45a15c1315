/* test-store.c: opening, creating, migrating and refusing databases; writes
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "crm-client-row.h"
#include "crm-store.h"
#include "test-utils.h"
#include "test-migrations.h"
#include "test-migrations-broken.h"

static void
test_create_default_layout (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir->path, "sub", "folder", "rapport.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  CrmStoreCounts counts;

  store = crm_store_open_full (path, CRM_STORE_OPEN_DEFAULT, "en", &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (crm_store_get_created (store));
  g_assert_cmpint (crm_store_get_schema_version (store), ==, crm_store_supported_schema_version ());
  g_assert_cmpstr (crm_store_get_locale (store), ==, "en");
  g_assert_null (crm_store_get_backup_path (store));

  /* The operating-system login became the first user, an administrator */
  g_assert_cmpint (crm_store_get_current_user_id (store), >, 0);
  g_assert_true (crm_store_get_counts (store, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpint (counts.users, ==, 1);
  g_assert_cmpint (counts.companies, ==, 0);

  statuses = crm_store_list_dictionary (store, "status", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (statuses->len, >=, 5);
  g_assert_cmpstr (((CrmDictionaryValue *)statuses->pdata[0])->name, ==, "New lead");
}

static void
test_reopen_keeps_data (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir->path, "rapport.db", NULL);
  g_autoptr(GError) error = NULL;
  CrmStore *store;
  CrmCompanyData company = { .name = "Acme" };
  gint64 id, user;

  store = crm_store_open_full (path, CRM_STORE_OPEN_DEFAULT, "ru", &error);
  g_assert_no_error (error);
  user = crm_store_get_current_user_id (store);
  id = crm_store_add_company (store, &company, &error);
  g_assert_no_error (error);
  g_assert_true (crm_store_set_setting (store, "welcome-done", "1", &error));
  g_assert_no_error (error);
  g_assert_finalize_object (store);

  store = crm_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_false (crm_store_get_created (store));
  /* the language chosen at creation stays with the database */
  g_assert_cmpstr (crm_store_get_locale (store), ==, "ru");
  g_assert_cmpint (crm_store_get_current_user_id (store), ==, user);
  {
    g_autoptr(GPtrArray) statuses = crm_store_list_dictionary (store, "status", &error);
    g_assert_cmpstr (((CrmDictionaryValue *)statuses->pdata[0])->name, ==, "Новый лид");
  }
  g_assert_cmpint (crm_store_count_clients (store, NULL), ==, 1);
  g_assert_cmpint (crm_store_find_client (store, "acme", &error), ==, id);
  g_assert_no_error (error);
  {
    g_autofree char *value = crm_store_get_setting (store, "welcome-done");
    g_assert_cmpstr (value, ==, "1");
  }
  g_assert_finalize_object (store);
}

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, length);
}

static void
set_user_version (const char *path,
                  int         version)
{
  sqlite3 *db = NULL;
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", version);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  /* back to a rollback journal so the file alone is the database */
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_refuse_newer (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir->path, "rapport.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  CrmStore *store;

  store = crm_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (store);
  set_user_version (path, 999);
  before = file_checksum (path);

  store = crm_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer"));
  g_assert_nonnull (strstr (error->message, "999"));

  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_refuse_not_a_database (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir->path, "notes.db", NULL);
  g_autofree char *foreign = g_build_filename (dir->path, "foreign.sqlite", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = NULL;
  sqlite3 *db = NULL;

  g_assert_true (g_file_set_contents (path, "name;phone\nAcme;555\n"
                                      "this is a spreadsheet, not a database, and it is long enough "
                                      "to fill the first hundred bytes of an SQLite header\n", -1, NULL));
  store = crm_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "name;phone"));
  g_clear_error (&error);

  /* An SQLite file of another program is left alone too */
  g_assert_cmpint (sqlite3_open (foreign, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE songs (title TEXT)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  store = crm_store_open (foreign, &error);
  g_assert_null (store);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_A_DATABASE);
}

static void
test_corrupt_file (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir->path, "rapport.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *contents = NULL;
  CrmStore *store;
  gsize length;

  store = test_store_with_clients (path, 300);
  g_assert_finalize_object (store);

  /* Overwrite pages in the middle of the file with noise */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 8 * 4096);
  for (gsize i = 4 * 4096; i < length - 4096; i += 7)
    contents[i] = (char)(i * 31);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));

  /* Either opening or the check reports damage; nothing crashes */
  store = crm_store_open (path, &error);
  if (store == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->code == CRM_STORE_ERROR_CORRUPT || error->code == CRM_STORE_ERROR_NOT_A_DATABASE);
      return;
    }

  if (crm_store_check (store, &problems, &error))
    g_assert_cmpuint (problems->len, >, 0);
  else
    g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CORRUPT);
  g_object_unref (store);
}

static void
test_check_clean (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir->path, "rapport.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(CrmStore) store = test_store_with_clients (path, 50);

  g_assert_true (crm_store_check (store, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
}

/* Upgrading: the test registers a resource with an extra migration,
 * 0007-test.sql, one past the newest real one, so the store believes in a
 * schema version it has not got yet. */
static void
test_migration_backup (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir->path, "rapport.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) old_copy = NULL;
  int base = crm_store_supported_schema_version ();
  CrmStore *store;

  g_assert_cmpint (base, ==, 6);   /* renumber the test migrations after a new real one */

  store = test_store_with_clients (path, 25);
  g_assert_cmpint (crm_store_get_schema_version (store), ==, base);
  g_assert_finalize_object (store);

  test_migrations_register_resource ();
  g_assert_cmpint (crm_store_supported_schema_version (), ==, base + 1);

  store = crm_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_store_get_schema_version (store), ==, base + 1);
  g_assert_nonnull (crm_store_get_backup_path (store));
  g_assert_true (g_str_has_prefix (crm_store_get_backup_path (store), path));
  /* the data came through the upgrade */
  g_assert_cmpint (crm_store_count_clients (store, NULL), ==, 25);

  /* the copy written before the upgrade is the old version, whole */
  test_migrations_unregister_resource ();
  old_copy = crm_store_open_full (crm_store_get_backup_path (store), CRM_STORE_OPEN_NO_BACKUP, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_store_get_schema_version (old_copy), ==, base);
  g_assert_cmpint (crm_store_count_clients (old_copy, NULL), ==, 25);
  g_object_unref (store);

  /* and the upgraded file is now too new for a binary without that migration */
  store = crm_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_TOO_NEW);
}

/* Version 1 to 2 computes the duplicate guard's keys of existing rows */
static void
test_migration_from_version_1 (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir->path, "rapport.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) v1 = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(GArray) ids = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *sql;

  /* A version 1 database, written the way version 1 wrote it */
  v1 = g_resources_lookup_data ("/io/github/rapportcrm/Rapport/store/migrations/0001-initial.sql", 0, &error);
  g_assert_no_error (error);
  sql = g_strndup (g_bytes_get_data (v1, NULL), g_bytes_get_size (v1));
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_free (sql);
  g_assert_cmpint (sqlite3_exec (db,
                                 "PRAGMA application_id = 1380012116; PRAGMA user_version = 1;"
                                 "INSERT INTO settings VALUES ('locale', 'ru');"
                                 "INSERT INTO companies (name, sort_name, website, created_at, updated_at) "
                                 "  VALUES ('\"Ромашка\" ООО', 'ромашка', 'https://www.romashka.ru/', 1, 1);"
                                 "INSERT INTO emails (company_id, address) VALUES (1, 'info@romashka.ru');"
                                 "INSERT INTO tags (name) VALUES ('Выставка');"
                                 "INSERT INTO company_tags VALUES (1, 1);"
                                 "INSERT INTO history (company_id, kind, outcome, occurred_at) "
                                 "  VALUES (1, 'call', 'Перезвонить позже', 864000);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = crm_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_store_get_schema_version (store), ==, crm_store_supported_schema_version ());
  g_assert_nonnull (crm_store_get_backup_path (store));
  /* version 3 wrote the search documents again, with the tags */
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_assert_true (crm_store_search_clients (store, "выстав", CRM_CLIENT_SORT_NAME, FALSE, 10, ids, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_clear_object (&store);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT c.name_key, c.website_domain, e.domain "
                                           "FROM companies c JOIN emails e ON e.company_id = c.id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, "ромашка");
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 1), ==, "romashka.ru");
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 2), ==, "romashka.ru");
  sqlite3_finalize (stmt);

  /* version 4: outcomes in the database's language, the old ones after them;
   * the day's activity counted */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT group_concat (name, '|') FROM "
                                           "(SELECT name FROM outcomes WHERE asks_reason = 1 OR position >= 1000 "
                                           " ORDER BY position)", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, "Отказ|Жалоба|Перезвонить позже");
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT user_id, day, kind, count FROM activity_daily",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 1), ==, "1970-01-11");
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 2), ==, "call");
  g_assert_cmpint (sqlite3_column_int (stmt, 3), ==, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_failed_migration_changes_nothing (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir->path, "rapport.db", NULL);
  g_autoptr(GError) error = NULL;
  int base = crm_store_supported_schema_version ();
  CrmStore *store;

  store = test_store_with_clients (path, 5);
  g_assert_finalize_object (store);

  /* 0007-test.sql and 0008-broken.sql: the second fails half-way */
  test_migrations_broken_register_resource ();
  store = crm_store_open_full (path, CRM_STORE_OPEN_NO_BACKUP, NULL, &error);
  test_migrations_broken_unregister_resource ();
  g_assert_null (store);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_QUERY);
  g_assert_nonnull (strstr (error->message, "8"));
  g_clear_error (&error);

  /* 0007 went through in its own transaction; 0008 left nothing behind */
  test_migrations_register_resource ();
  store = crm_store_open_full (path, CRM_STORE_OPEN_NO_BACKUP, NULL, &error);
  test_migrations_unregister_resource ();
  g_assert_no_error (error);
  g_assert_cmpint (crm_store_get_schema_version (store), ==, base + 1);
  g_assert_cmpint (crm_store_count_clients (store, NULL), ==, 5);
  g_assert_finalize_object (store);
}

static void
test_network_filesystem (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir->path, "rapport.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = NULL;
  CrmCompanyData company = { .name = "Acme" };

  g_setenv ("RAPPORT_ASSUME_NETWORK_FS", "1", TRUE);
  store = crm_store_open (path, &error);
  g_unsetenv ("RAPPORT_ASSUME_NETWORK_FS");
  g_assert_no_error (error);
  g_assert_true (crm_store_is_network_filesystem (store));
  g_assert_nonnull (crm_store_get_warning (store));
  g_assert_nonnull (strstr (crm_store_get_warning (store), "network"));

  crm_store_add_company (store, &company, &error);
  g_assert_no_error (error);
  /* rollback-journal mode: no write-ahead log beside the file */
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_constraints (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir->path, "rapport.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = crm_store_open_full (path, 0, "en", NULL);
  CrmCompanyData nameless = { .name = "  " };
  CrmCompanyData acme = { .name = "Acme" };
  CrmContactData orphan = { .company_id = 4242, .first_name = "Ann" };
  CrmContactData bad_birthday = { .first_name = "Ann", .birthday = "1990-02-30" };
  CrmUserData user = { .login = "ann", .full_name = "Ann Lee", .role = "sales", .active = TRUE };
  gint64 id;

  nameless.name = "";
  g_assert_cmpint (crm_store_add_company (store, &nameless, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  id = crm_store_add_company (store, &acme, &error);
  g_assert_no_error (error);

  /* a contact of a client that does not exist breaks a foreign key */
  g_assert_cmpint (crm_store_add_contact (store, &orphan, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  bad_birthday.company_id = id;
  g_assert_cmpint (crm_store_add_contact (store, &bad_birthday, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "1990-02-30"));
  g_clear_error (&error);

  g_assert_cmpint (crm_store_add_email (store, id, 0, NULL, "not an address", &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  g_assert_cmpint (crm_store_add_phone (store, id, 0, NULL, "call me", &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  g_assert_cmpint (crm_store_add_user (store, &user, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (crm_store_add_user (store, &user, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "ann"));
  g_clear_error (&error);

  g_assert_cmpint (crm_store_ensure_dictionary_value (store, "colour", "Red", &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (crm_store_delete_company (store, 4242, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
}

static void
test_transactions (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir->path, "rapport.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = crm_store_open_full (path, 0, "en", NULL);
  CrmCompanyData acme = { .name = "Acme" };

  g_assert_true (crm_store_begin (store, &error));
  crm_store_add_company (store, &acme, &error);
  g_assert_no_error (error);
  crm_store_rollback (store);
  g_assert_cmpint (crm_store_count_clients (store, NULL), ==, 0);

  g_assert_true (crm_store_begin (store, &error));
  crm_store_add_company (store, &acme, &error);
  g_assert_true (crm_store_commit (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_store_count_clients (store, NULL), ==, 1);
}

/* Inside a transaction the store remembers the ranks a new client copies;
 * an industry added meanwhile (the others are numbered again) or a position
 * changed by another program between two transactions is never missed */
static void
test_remembered_ranks (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir->path, "rapport.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = crm_store_open_full (path, 0, "en", NULL);
  CrmCompanyData first = { .name = "First" };
  CrmCompanyData second = { .name = "Second" };
  CrmCompanyData third = { .name = "Third" };
  sqlite3 *db = NULL;

  g_assert_true (crm_store_begin (store, &error));
  first.industry_id = crm_store_ensure_dictionary_value (store, "industry", "Zinc mining", &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_store_add_company (store, &first, &error), >, 0);
  crm_store_ensure_dictionary_value (store, "industry", "Aardvark farming", &error);
  g_assert_no_error (error);
  second.industry_id = first.industry_id;
  g_assert_cmpint (crm_store_add_company (store, &second, &error), >, 0);
  g_assert_true (crm_store_commit (store, &error));
  /* (the new industry comes before it) */
  g_assert_cmpint (test_query_int64 (path, "SELECT position FROM dictionary WHERE name = 'Aardvark farming'"), <,
                   test_query_int64 (path, "SELECT position FROM dictionary WHERE name = 'Zinc mining'"));
  g_assert_cmpint (test_query_int64 (path, TEST_WRONG_INDUSTRY_RANKS), ==, 0);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE dictionary SET position = 40 WHERE name = 'Zinc mining'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_assert_true (crm_store_begin (store, &error));
  third.industry_id = first.industry_id;
  g_assert_cmpint (crm_store_add_company (store, &third, &error), >, 0);
  g_assert_true (crm_store_commit (store, &error));
  g_assert_cmpint (test_query_int64 (path, "SELECT industry_rank FROM companies WHERE name = 'Third'"), ==, 40);
  g_assert_cmpint (test_query_int64 (path, TEST_WRONG_INDUSTRY_RANKS), ==, 0);
}

static void
test_summary_and_history (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir->path, "rapport.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = crm_store_open_full (path, 0, "ru", NULL);
  g_autoptr(CrmClientSummary) summary = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  CrmCompanyData data = { .name = "Ромашка", .legal_name = "ООО «Ромашка»", .city = "Казань" };
  CrmContactData contact = { .first_name = "Анна", .middle_name = "Сергеевна", .last_name = "Иванова",
                             .position = "Главный бухгалтер" };
  CrmHistoryData call = { .kind = "call", .direction = CRM_DIRECTION_OUTGOING, .subject = "Счёт",
                          .occurred_at = 1700000000, .duration = 120 };
  CrmHistoryData older = { .kind = "note", .subject = "Первый контакт", .occurred_at = 1600000000 };
  gint64 id;

  data.status_id = crm_store_ensure_dictionary_value (store, "status", "Клиент", &error);
  g_assert_no_error (error);
  id = crm_store_add_company (store, &data, &error);
  contact.company_id = id;
  crm_store_add_contact (store, &contact, &error);
  g_assert_no_error (error);
  crm_store_add_phone (store, id, 0, "офис", "+7 (843) 123-45-67", &error);
  crm_store_add_email (store, id, 0, NULL, "Info@Romashka.RU", &error);
  g_assert_no_error (error);

  call.company_id = id;
  older.company_id = id;
  crm_store_add_history (store, &call, &error);
  crm_store_add_history (store, &older, &error);
  g_assert_no_error (error);

  summary = crm_store_load_client_summary (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (summary->name, ==, "Ромашка");
  g_assert_cmpstr (summary->status, ==, "Клиент");
  g_assert_cmpstr (summary->contacts->pdata[0], ==, "Иванова Анна Сергеевна, Главный бухгалтер");
  g_assert_cmpstr (summary->phones->pdata[0], ==, "+7 (843) 123-45-67 (офис)");
  g_assert_cmpstr (summary->emails->pdata[0], ==, "info@romashka.ru");
  g_assert_cmpuint (summary->history->len, ==, 2);
  g_assert_cmpstr (((CrmHistorySummary *)summary->history->pdata[0])->subject, ==, "Счёт");
  /* the newest entry is the client's last contact, whatever order it came in */
  g_assert_cmpint (summary->last_contact_at, ==, 1700000000);

  g_assert_true (crm_store_fetch_clients (store, CRM_CLIENT_SORT_NAME, FALSE, 0, 10, rows, &error));
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (crm_client_row_get_city (rows->pdata[0]), ==, "Казань");
  g_assert_cmpint (crm_client_row_get_last_contact (rows->pdata[0]), ==, 1700000000);

  g_assert_null (crm_store_load_client_summary (store, id + 100, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (crm_store_delete_company (store, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_store_count_clients (store, NULL), ==, 0);
}

/* No statement may keep a read transaction open between calls: it would pin
 * the write-ahead log, which then grows without end (seen: 11 GB while
 * generating the full-scale demo database). */
static void
test_no_read_left_open (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir->path, "rapport.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = test_store_with_clients (path, 200);
  g_autofree char *setting = NULL;
  sqlite3 *other = NULL;
  sqlite3_stmt *stmt = NULL;
  GStatBuf buf;

  /* calls that stop on a row rather than run to the end */
  g_assert_true (crm_store_begin (store, &error));
  g_assert_cmpint (crm_store_ensure_dictionary_value (store, "industry", "Retail", &error), >, 0);
  g_assert_true (crm_store_commit (store, &error));
  g_assert_cmpint (crm_store_find_client (store, "Company 0007", &error), >, 0);
  g_assert_cmpint (crm_store_ensure_dictionary_value (store, "status", "Client", &error), >, 0);
  setting = crm_store_get_setting (store, "locale");
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (other, "PRAGMA wal_checkpoint(TRUNCATE)", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);   /* not blocked by a reader */
  sqlite3_finalize (stmt);
  sqlite3_close (other);

  g_assert_cmpint (g_stat (wal, &buf), ==, 0);
  g_assert_cmpint (buf.st_size, ==, 0);
}

static void
test_backup (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir->path, "rapport.db", NULL);
  g_autofree char *copy = g_build_filename (dir->path, "copy.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = test_store_with_clients (path, 120);
  g_autoptr(CrmStore) restored = NULL;

  g_assert_true (crm_store_backup (store, copy, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  restored = crm_store_open (copy, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_store_count_clients (restored, NULL), ==, 120);

  g_assert_false (crm_store_backup (store, path, NULL, NULL, NULL, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crm/store/create", test_create_default_layout);
  g_test_add_func ("/crm/store/reopen", test_reopen_keeps_data);
  g_test_add_func ("/crm/store/refuse-newer", test_refuse_newer);
  g_test_add_func ("/crm/store/refuse-not-a-database", test_refuse_not_a_database);
  g_test_add_func ("/crm/store/corrupt", test_corrupt_file);
  g_test_add_func ("/crm/store/check-clean", test_check_clean);
  g_test_add_func ("/crm/store/migration", test_migration_backup);
  g_test_add_func ("/crm/store/migration-from-1", test_migration_from_version_1);
  g_test_add_func ("/crm/store/failed-migration", test_failed_migration_changes_nothing);
  g_test_add_func ("/crm/store/network-filesystem", test_network_filesystem);
  g_test_add_func ("/crm/store/constraints", test_constraints);
  g_test_add_func ("/crm/store/transactions", test_transactions);
  g_test_add_func ("/crm/store/remembered-ranks", test_remembered_ranks);
  g_test_add_func ("/crm/store/summary", test_summary_and_history);
  g_test_add_func ("/crm/store/no-read-left-open", test_no_read_left_open);
  g_test_add_func ("/crm/store/backup", test_backup);

  return g_test_run ();
}
