/* test-utils.h: temporary folders and small databases for the core tests
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <glib/gstdio.h>

#include "crm-store.h"

typedef struct
{
  char *path;
} TestDir;

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
