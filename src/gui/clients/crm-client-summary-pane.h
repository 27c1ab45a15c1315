/* crm-client-summary-pane.h
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-types.h"

G_BEGIN_DECLS

#define CRM_TYPE_CLIENT_SUMMARY_PANE (crm_client_summary_pane_get_type ())

G_DECLARE_FINAL_TYPE (CrmClientSummaryPane, crm_client_summary_pane, CRM, CLIENT_SUMMARY_PANE, AdwBin)

GtkWidget *crm_client_summary_pane_new         (void);
void       crm_client_summary_pane_set_summary (CrmClientSummaryPane   *self,
                                                const CrmClientSummary *summary);
void       crm_client_summary_pane_set_error   (CrmClientSummaryPane   *self,
                                                const GError           *error);
gint64     crm_client_summary_pane_get_id      (CrmClientSummaryPane   *self);

G_END_DECLS
