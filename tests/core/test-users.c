/* test-users.c: listing the users of a database
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "crm-users.h"
#include "test-utils.h"

static void
test_list (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir->path, "rapport.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = crm_store_open_full (path, CRM_STORE_OPEN_DEFAULT, "en", &error);
  g_autoptr(GPtrArray) users = NULL;
  CrmUserData anna = { "anna", "Anna Zimmer", NULL, NULL, "sales", TRUE };
  CrmUserData boris = { "boris", "Boris Adams", NULL, NULL, "manager", FALSE };
  gint64 anna_id, boris_id, current_id;
  gboolean seen_current = FALSE;
  CrmUser *previous = NULL;

  g_assert_no_error (error);
  current_id = crm_store_get_current_user_id (store);
  anna_id = crm_store_add_user (store, &anna, &error);
  g_assert_no_error (error);
  boris_id = crm_store_add_user (store, &boris, &error);
  g_assert_no_error (error);

  users = crm_store_list_users (store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (users);
  /* The person who opened the database, and the two added */
  g_assert_cmpuint (users->len, ==, 3);
  for (guint i = 0; i < users->len; i++)
    {
      CrmUser *user = g_ptr_array_index (users, i);

      if (previous != NULL)
        g_assert_cmpint (g_utf8_collate (previous->full_name, user->full_name), <=, 0);
      previous = user;
      if (user->id == anna_id)
        {
          g_assert_cmpstr (user->login, ==, "anna");
          g_assert_cmpstr (user->full_name, ==, "Anna Zimmer");
          g_assert_true (user->active);
        }
      else if (user->id == boris_id)
        {
          g_assert_cmpstr (user->login, ==, "boris");
          g_assert_cmpstr (user->full_name, ==, "Boris Adams");
          g_assert_false (user->active);
        }
      else
        {
          g_assert_cmpint (user->id, ==, current_id);
          seen_current = TRUE;
        }
    }
  g_assert_true (seen_current);
  /* Ordered by name: Anna Zimmer comes before Boris Adams */
  for (guint i = 0; i < users->len; i++)
    {
      CrmUser *user = g_ptr_array_index (users, i);

      g_assert_cmpint (user->id, !=, boris_id);
      if (user->id == anna_id)
        break;
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/users/list", test_list);
  return g_test_run ();
}
