/* crm-store-users.c: listing the people who use the database
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-store"

#include "config.h"

#include "crm-users.h"
#include "crm-store-private.h"

void
crm_user_free (CrmUser *user)
{
  if (user == NULL)
    return;
  g_free (user->login);
  g_free (user->full_name);
  g_free (user);
}

GPtrArray *
crm_store_list_users (CrmStore  *self,
                      GError   **error)
{
  g_autoptr(GPtrArray) users = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  STORE_LOCK (self);

  if (!(stmt = _crm_store_cached (self, "SELECT id, login, full_name, active FROM users ORDER BY full_name, id", error)))
    return NULL;

  users = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_user_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmUser *user = g_new0 (CrmUser, 1);

      user->id = sqlite3_column_int64 (stmt, 0);
      user->login = _crm_column_dup (stmt, 1);
      user->full_name = _crm_column_dup (stmt, 2);
      user->active = sqlite3_column_int (stmt, 3) != 0;
      g_ptr_array_add (users, user);
    }

  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&users);
}
