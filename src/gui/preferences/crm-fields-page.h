/* crm-fields-page.h: the user-defined fields in Preferences
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_FIELDS_PAGE (crm_fields_page_get_type ())

G_DECLARE_FINAL_TYPE (CrmFieldsPage, crm_fields_page, CRM, FIELDS_PAGE, AdwPreferencesPage)

GtkWidget *crm_fields_page_new       (CrmStore      *store);
void       crm_fields_page_set_store (CrmFieldsPage *self,
                                      CrmStore      *store);
void       crm_fields_page_reload    (CrmFieldsPage *self);

G_END_DECLS
