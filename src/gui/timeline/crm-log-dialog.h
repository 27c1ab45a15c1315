/* crm-log-dialog.h: quick entry of a call, a meeting or a note
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-history.h"

G_BEGIN_DECLS

#define CRM_TYPE_LOG_DIALOG (crm_log_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CrmLogDialog, crm_log_dialog, CRM, LOG_DIALOG, AdwWindow)

/* @contacts: (element-type CrmContactRecord) (nullable): the client's
 * contact persons, offered in the dialog */
CrmLogDialog *crm_log_dialog_new       (GtkWindow     *parent,
                                        CrmStore      *store,
                                        gint64         company_id,
                                        const char    *kind,
                                        GPtrArray     *contacts);
/* Edits an entry of the current user's instead of logging a new one */
gboolean      crm_log_dialog_set_entry (CrmLogDialog  *self,
                                        gint64         entry_id,
                                        GError       **error);
gboolean      crm_log_dialog_save      (CrmLogDialog  *self);
void          crm_log_dialog_set_text  (CrmLogDialog  *self,
                                        const char    *text);
void          crm_log_dialog_select_outcome (CrmLogDialog *self,
                                             const char   *name);
const char   *crm_log_dialog_get_error (CrmLogDialog  *self);

G_END_DECLS
