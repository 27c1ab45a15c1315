/* crm-new-client-dialog.h
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_NEW_CLIENT_DIALOG (crm_new_client_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CrmNewClientDialog, crm_new_client_dialog, CRM, NEW_CLIENT_DIALOG, AdwWindow)

GtkWidget *crm_new_client_dialog_new            (GtkWindow          *parent,
                                                 CrmStore           *store);
guint      crm_new_client_dialog_get_n_matches  (CrmNewClientDialog *self);

G_END_DECLS
