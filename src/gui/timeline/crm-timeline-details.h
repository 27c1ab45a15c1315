/* crm-timeline-details.h: what a timeline row shows of each kind of entry
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "crm-history.h"

G_BEGIN_DECLS

/* Builds the part of a row under its title and text (an outcome, a change
 * of a field, …); %NULL when the entry has nothing more to show */
typedef GtkWidget *(*CrmTimelineDetailFunc) (const CrmHistoryEntry *entry);

/**
 * CrmTimelineDetail:
 * @kind: the kind's id (crm-history-kinds.h)
 * @collapsed: the row shows only its title until it is expanded, and no
 *   text (the program's entries, whose text is data)
 * @build: the detail widget
 *
 * How the timeline shows one kind. Modules that add kinds of entries
 * register theirs beside crm_history_kind_register(); a kind nobody
 * registered here is shown by the default (outcome, reason, duration,
 * follow-up, documents).
 */
typedef struct
{
  const char            *kind;
  gboolean               collapsed;
  CrmTimelineDetailFunc  build;
} CrmTimelineDetail;

void                     crm_timeline_detail_register (const CrmTimelineDetail *detail);
const CrmTimelineDetail *crm_timeline_detail_lookup   (const char              *kind);

char                    *crm_timeline_format_day      (gint64                   timestamp,
                                                       GDateTime               *now);
char                    *crm_timeline_format_duration (int                      seconds);
char                    *crm_timeline_format_change   (const CrmHistoryEntry   *entry);

G_END_DECLS
