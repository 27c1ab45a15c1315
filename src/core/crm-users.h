/* crm-users.h: the people who use the database (managers of clients)
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "crm-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64    id;
  char     *login;
  char     *full_name;
  gboolean  active;
} CrmUser;

void       crm_user_free          (CrmUser   *user);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmUser, crm_user_free)

/* Every user, active or not, by full name; a GPtrArray of CrmUser* */
GPtrArray *crm_store_list_users   (CrmStore  *self,
                                   GError   **error);

G_END_DECLS
