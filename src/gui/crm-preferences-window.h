/* crm-preferences-window.h
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_PREFERENCES_WINDOW (crm_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (CrmPreferencesWindow, crm_preferences_window, CRM, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *crm_preferences_window_new         (GtkWindow            *parent,
                                               CrmStore             *store);
CrmStore  *crm_preferences_window_get_store   (CrmPreferencesWindow *self);
void       crm_preferences_window_back_up_to  (CrmPreferencesWindow *self,
                                               const char           *destination);
gboolean   crm_preferences_window_get_busy    (CrmPreferencesWindow *self);

G_END_DECLS
