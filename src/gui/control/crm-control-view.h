/* crm-control-view.h: the manager's control view
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-activity.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_CONTROL_VIEW (crm_control_view_get_type ())

G_DECLARE_FINAL_TYPE (CrmControlView, crm_control_view, CRM, CONTROL_VIEW, AdwBin)

/* Forgotten clients and latest activity are listed by pages of this many */
#define CRM_CONTROL_VIEW_PAGE 50

GtkWidget              *crm_control_view_new            (void);
/* Loads the figures (in a thread) when the store changes */
void                    crm_control_view_set_store      (CrmControlView *self,
                                                         CrmStore       *store);
CrmStore               *crm_control_view_get_store      (CrmControlView *self);
/* Loads the figures again, e.g. when the view is shown */
void                    crm_control_view_reload         (CrmControlView *self);
gboolean                crm_control_view_get_busy       (CrmControlView *self);

void                    crm_control_view_set_period     (CrmControlView *self,
                                                         CrmPeriod       period);
/* A custom period; FALSE (and nothing loaded) when the dates are not valid */
gboolean                crm_control_view_set_custom_period (CrmControlView *self,
                                                            const char     *from,
                                                            const char     *to);
void                    crm_control_view_set_days       (CrmControlView *self,
                                                         guint           days);

/* What the view shows; NULL before the first load */
const CrmActivityTable *crm_control_view_get_table      (CrmControlView *self);
GPtrArray              *crm_control_view_get_forgotten  (CrmControlView *self);
guint                   crm_control_view_get_n_latest   (CrmControlView *self);

/* Opens the client's card in a window of its own beside the view; returns
 * the card (a CrmClientCard) */
GtkWidget              *crm_control_view_open_client    (CrmControlView *self,
                                                         gint64          client_id);

G_END_DECLS
