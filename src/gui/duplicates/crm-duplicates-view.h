/* crm-duplicates-view.h
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-duplicates.h"
#include "crm-merge-dialog.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_DUPLICATES_VIEW (crm_duplicates_view_get_type ())

G_DECLARE_FINAL_TYPE (CrmDuplicatesView, crm_duplicates_view, CRM, DUPLICATES_VIEW, AdwWindow)

/* At most this many pairs are listed */
#define CRM_DUPLICATES_VIEW_LIMIT 500

CrmDuplicatesView      *crm_duplicates_view_new         (GtkWindow         *parent,
                                                         CrmStore          *store);
void                    crm_duplicates_view_scan        (CrmDuplicatesView *self);
gboolean                crm_duplicates_view_get_busy    (CrmDuplicatesView *self);
gboolean                crm_duplicates_view_get_truncated (CrmDuplicatesView *self);
guint                   crm_duplicates_view_get_n_pairs (CrmDuplicatesView *self);
const CrmDuplicatePair *crm_duplicates_view_get_pair    (CrmDuplicatesView *self,
                                                         guint              index);
CrmMergeDialog         *crm_duplicates_view_open_merge  (CrmDuplicatesView *self,
                                                         guint              index);
gint64                  crm_duplicates_view_get_last_merge (CrmDuplicatesView *self);

G_END_DECLS
