/* test-utils.h: temporary folders and small databases for the core tests
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "crm-store.h"

typedef struct
{
  char *path;
} TestDir;

/* The first column of the first row @sql gives, read from the database file
 * through a connection of its own (what another program would see) */
static inline gint64
test_query_int64 (const char *path,
                  const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

/* Clients whose copied industry rank is not their industry's position
 * (crm-store.c: rank_of) */
#define TEST_WRONG_INDUSTRY_RANKS \
  "SELECT count(*) FROM companies c LEFT JOIN dictionary d ON d.id = c.industry_id " \
  "WHERE c.industry_rank <> coalesce (d.position, 2147483647)"

static inline void
test_remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            test_remove_tree (child);
          else
            g_unlink (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}

static inline TestDir *
test_dir_new (void)
{
  TestDir *dir = g_new0 (TestDir, 1);

  dir->path = g_dir_make_tmp ("rapport-test-XXXXXX", NULL);
  g_assert_nonnull (dir->path);

  return dir;
}

static inline void
test_dir_free (TestDir *dir)
{
  test_remove_tree (dir->path);
  g_free (dir->path);
  g_free (dir);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestDir, test_dir_free)

/* n companies "Company 0001" … with a contact and a phone each, in English */
static inline CrmStore *
test_store_with_clients (const char *path,
                         guint       n)
{
  g_autoptr(GError) error = NULL;
  CrmStore *store = crm_store_open_full (path, CRM_STORE_OPEN_DEFAULT, "en", &error);

  g_assert_no_error (error);
  g_assert_true (crm_store_begin (store, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("Company %04u", i);
      g_autofree char *phone = g_strdup_printf ("+1 (212) 555-%04u", i);
      CrmCompanyData company = { .name = name, .city = (i % 2) ? "Boston" : "Austin" };
      CrmContactData contact = { .first_name = "Pat", .last_name = "Doe" };
      gint64 id = crm_store_add_company (store, &company, &error);

      g_assert_no_error (error);
      contact.company_id = id;
      crm_store_add_contact (store, &contact, &error);
      crm_store_add_phone (store, id, 0, NULL, phone, &error);
      g_assert_no_error (error);
    }
  g_assert_true (crm_store_commit (store, &error));
  g_assert_no_error (error);

  return store;
}
