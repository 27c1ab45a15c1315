/* crm-outcomes-page.h: the outcomes of calls and meetings in Preferences
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_OUTCOMES_PAGE (crm_outcomes_page_get_type ())

G_DECLARE_FINAL_TYPE (CrmOutcomesPage, crm_outcomes_page, CRM, OUTCOMES_PAGE, AdwPreferencesPage)

GtkWidget *crm_outcomes_page_new       (CrmStore        *store);
void       crm_outcomes_page_set_store (CrmOutcomesPage *self,
                                        CrmStore        *store);
void       crm_outcomes_page_reload    (CrmOutcomesPage *self);

G_END_DECLS
