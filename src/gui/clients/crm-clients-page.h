/* crm-clients-page.h
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-client-list.h"
#include "crm-filter-bar.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_CLIENTS_PAGE (crm_clients_page_get_type ())

G_DECLARE_FINAL_TYPE (CrmClientsPage, crm_clients_page, CRM, CLIENTS_PAGE, AdwBin)

GtkWidget     *crm_clients_page_new          (void);
CrmStore      *crm_clients_page_get_store    (CrmClientsPage *self);
void           crm_clients_page_set_store    (CrmClientsPage *self,
                                              CrmStore       *store);
CrmClientList *crm_clients_page_get_list     (CrmClientsPage *self);
void           crm_clients_page_reload       (CrmClientsPage *self);
void           crm_clients_page_focus_search (CrmClientsPage *self);
void           crm_clients_page_show_client  (CrmClientsPage *self,
                                              gint64          client_id);
void             crm_clients_page_set_filter     (CrmClientsPage  *self,
                                                  CrmClientFilter *filter);
CrmClientFilter *crm_clients_page_get_filter     (CrmClientsPage  *self);
CrmFilterBar    *crm_clients_page_get_filter_bar (CrmClientsPage  *self);

G_END_DECLS
