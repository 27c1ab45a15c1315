/* crm-window.h
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_WINDOW (crm_window_get_type ())

G_DECLARE_FINAL_TYPE (CrmWindow, crm_window, CRM, WINDOW, AdwApplicationWindow)

CrmWindow  *crm_window_new               (GtkApplication *application,
                                          const char     *database_path);
const char *crm_window_get_database_path (CrmWindow      *self);
CrmStore   *crm_window_get_store         (CrmWindow      *self);
const char *crm_window_get_page          (CrmWindow      *self);
void        crm_window_add_toast         (CrmWindow      *self,
                                          AdwToast       *toast);

G_END_DECLS
