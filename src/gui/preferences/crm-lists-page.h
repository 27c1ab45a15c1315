/* crm-lists-page.h: the dictionaries in Preferences
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_LISTS_PAGE (crm_lists_page_get_type ())

G_DECLARE_FINAL_TYPE (CrmListsPage, crm_lists_page, CRM, LISTS_PAGE, AdwPreferencesPage)

GtkWidget *crm_lists_page_new       (CrmStore     *store);
void       crm_lists_page_set_store (CrmListsPage *self,
                                     CrmStore     *store);
void       crm_lists_page_reload    (CrmListsPage *self);

G_END_DECLS
