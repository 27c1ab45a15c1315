/* crm-timeline-row.h: one entry of the timeline, under its day's header
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-history-list.h"

G_BEGIN_DECLS

#define CRM_TYPE_TIMELINE_ROW (crm_timeline_row_get_type ())

G_DECLARE_FINAL_TYPE (CrmTimelineRow, crm_timeline_row, CRM, TIMELINE_ROW, AdwBin)

GtkWidget *crm_timeline_row_new          (void);
/* @expanded: the ids of the expanded entries, shared with the view (the row
 * adds or removes its own); @editable: the user may edit and delete it */
void       crm_timeline_row_bind         (CrmTimelineRow *self,
                                          CrmHistoryItem *item,
                                          GHashTable     *expanded,
                                          gboolean        editable,
                                          GDateTime      *now);
void       crm_timeline_row_unbind       (CrmTimelineRow *self);
gint64     crm_timeline_row_get_id       (CrmTimelineRow *self);
void       crm_timeline_row_toggle       (CrmTimelineRow *self);

G_END_DECLS
