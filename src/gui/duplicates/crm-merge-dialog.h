/* crm-merge-dialog.h
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_MERGE_DIALOG (crm_merge_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CrmMergeDialog, crm_merge_dialog, CRM, MERGE_DIALOG, AdwWindow)

CrmMergeDialog *crm_merge_dialog_new            (GtkWindow       *parent,
                                                 CrmStore        *store,
                                                 gint64           a_id,
                                                 gint64           b_id,
                                                 GError         **error);
gint64          crm_merge_dialog_get_kept_id    (CrmMergeDialog  *self);
void            crm_merge_dialog_set_kept_id    (CrmMergeDialog  *self,
                                                 gint64           kept_id);
gint64          crm_merge_dialog_get_field_source (CrmMergeDialog *self,
                                                   const char     *field);
void            crm_merge_dialog_set_field_source (CrmMergeDialog *self,
                                                   const char     *field,
                                                   gint64          client_id);
gint64          crm_merge_dialog_merge          (CrmMergeDialog  *self,
                                                 GError         **error);

G_END_DECLS
