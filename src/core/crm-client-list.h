/* crm-client-list.h
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "crm-client-filter.h"
#include "crm-client-row.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_CLIENT_LIST (crm_client_list_get_type ())

G_DECLARE_FINAL_TYPE (CrmClientList, crm_client_list, CRM, CLIENT_LIST, GObject)

/* A lazy GListModel of CrmClientRow over the companies table. It keeps only a
 * few pages of rows in memory and fetches the others from the store when a
 * view asks for them. Sorting and search run in SQL.
 *
 * While a search is set, at most CRM_CLIENT_LIST_SEARCH_LIMIT matches are
 * listed; "truncated" is TRUE when there were more.
 *
 * A filter (crm_client_list_set_filter) restricts the list, and the search
 * within it. The list follows the filter's "changed" signal. */
#define CRM_CLIENT_LIST_SEARCH_LIMIT 1000

CrmClientList *crm_client_list_new            (CrmStore       *store);
CrmClientList *crm_client_list_new_sorted     (CrmStore       *store,
                                               CrmClientSort   sort,
                                               gboolean        descending);
CrmStore      *crm_client_list_get_store      (CrmClientList  *self);
void           crm_client_list_set_sort       (CrmClientList  *self,
                                               CrmClientSort   sort,
                                               gboolean        descending);
CrmClientSort  crm_client_list_get_sort       (CrmClientList  *self,
                                               gboolean       *descending);
void           crm_client_list_set_search     (CrmClientList  *self,
                                               const char     *text);
const char    *crm_client_list_get_search     (CrmClientList  *self);
void           crm_client_list_set_filter     (CrmClientList  *self,
                                               CrmClientFilter *filter);
CrmClientFilter *crm_client_list_get_filter   (CrmClientList  *self);
gboolean       crm_client_list_get_truncated  (CrmClientList  *self);
void           crm_client_list_reload         (CrmClientList  *self);
gboolean       crm_client_list_find           (CrmClientList  *self,
                                               gint64          client_id,
                                               guint          *position);
const GError  *crm_client_list_get_error      (CrmClientList  *self);

G_END_DECLS
