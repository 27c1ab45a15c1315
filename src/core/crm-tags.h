/* crm-tags.h: the tags of the client base as a whole (Preferences → Tags)
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  id;
  char   *name;
  gint64  n_clients;  /* how many clients carry it */
} CrmTagUsage;

void              crm_tag_usage_free          (CrmTagUsage      *usage);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmTagUsage, crm_tag_usage_free)

/* Implemented in src/core/store/crm-store-tags.c. Clients get and lose tags
 * one by one through crm_store_add_client_tag() (crm-client-edit.h). */
GPtrArray        *crm_store_list_tag_usage    (CrmStore         *store,
                                               GError          **error);
gint64            crm_store_count_tag_clients (CrmStore         *store,
                                               gint64            tag_id,
                                               GError          **error);
gint64            crm_store_create_tag        (CrmStore         *store,
                                               const char       *name,
                                               GError          **error);
gint64            crm_store_rename_tag        (CrmStore         *store,
                                               gint64            tag_id,
                                               const char       *name,
                                               gboolean         *merged,
                                               GError          **error);
gboolean          crm_store_delete_tag        (CrmStore         *store,
                                               gint64            tag_id,
                                               gint64           *n_clients,
                                               GError          **error);

G_END_DECLS
