/* crm-eml-dialog.h: logs an e-mail dropped on the client list to a client
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_EML_DIALOG (crm_eml_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CrmEmlDialog, crm_eml_dialog, CRM, EML_DIALOG, AdwMessageDialog)

CrmEmlDialog *crm_eml_dialog_new              (GtkWindow     *parent,
                                               CrmStore      *store,
                                               GFile         *file);
/* For a GtkDropTarget's value (GDK_TYPE_FILE_LIST): a dialog for the first
 * .eml file among them, or NULL if there is none */
CrmEmlDialog *crm_eml_dialog_new_for_drop     (GtkWidget     *parent,
                                               CrmStore      *store,
                                               const GValue  *value);
/* Chooses the client as a click on its row would (for tests) */
gboolean      crm_eml_dialog_select_client    (CrmEmlDialog  *self,
                                               gint64         client_id);
guint         crm_eml_dialog_get_n_candidates (CrmEmlDialog  *self);
gboolean      crm_eml_dialog_get_ready        (CrmEmlDialog  *self);

G_END_DECLS
