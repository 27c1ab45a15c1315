/* crm-tags-page.h: the tags in Preferences
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_TAGS_PAGE (crm_tags_page_get_type ())

G_DECLARE_FINAL_TYPE (CrmTagsPage, crm_tags_page, CRM, TAGS_PAGE, AdwPreferencesPage)

GtkWidget *crm_tags_page_new       (CrmStore    *store);
void       crm_tags_page_set_store (CrmTagsPage *self,
                                    CrmStore    *store);
void       crm_tags_page_reload    (CrmTagsPage *self);

G_END_DECLS
