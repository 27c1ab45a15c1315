/* crm-timeline-view.h: a client's history timeline on the card
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-log-dialog.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_TIMELINE_VIEW (crm_timeline_view_get_type ())

G_DECLARE_FINAL_TYPE (CrmTimelineView, crm_timeline_view, CRM, TIMELINE_VIEW, AdwBin)

GtkWidget    *crm_timeline_view_new              (void);
void          crm_timeline_view_set_client       (CrmTimelineView    *self,
                                                  CrmStore           *store,
                                                  gint64              company_id);
void          crm_timeline_view_reload           (CrmTimelineView    *self);
GListModel   *crm_timeline_view_get_model        (CrmTimelineView    *self);
guint         crm_timeline_view_get_n_shown      (CrmTimelineView    *self);
void          crm_timeline_view_set_kind_filter  (CrmTimelineView    *self,
                                                  const char * const *kinds);
CrmLogDialog *crm_timeline_view_log_entry        (CrmTimelineView    *self,
                                                  const char         *kind);
CrmLogDialog *crm_timeline_view_edit_entry       (CrmTimelineView    *self,
                                                  gint64              entry_id);
gboolean      crm_timeline_view_can_edit         (CrmTimelineView    *self,
                                                  gint64              entry_id);

void             crm_timeline_view_attach_files (CrmTimelineView *self,
                                                 gint64           history_id,
                                                 GSList          *files);

G_END_DECLS
