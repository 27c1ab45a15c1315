/* crm-welcome-page.h
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_WELCOME_PAGE (crm_welcome_page_get_type ())

G_DECLARE_FINAL_TYPE (CrmWelcomePage, crm_welcome_page, CRM, WELCOME_PAGE, AdwBin)

GtkWidget *crm_welcome_page_new                (void);
CrmStore  *crm_welcome_page_get_store          (CrmWelcomePage *self);
void       crm_welcome_page_set_store          (CrmWelcomePage *self,
                                                CrmStore       *store);
guint      crm_welcome_page_get_demo_companies (CrmWelcomePage *self);
void       crm_welcome_page_set_demo_companies (CrmWelcomePage *self,
                                                guint           companies);
gboolean   crm_welcome_page_get_busy           (CrmWelcomePage *self);

G_END_DECLS
