/* crm-filter-bar.h
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-client-filter.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_FILTER_BAR (crm_filter_bar_get_type ())

G_DECLARE_FINAL_TYPE (CrmFilterBar, crm_filter_bar, CRM, FILTER_BAR, AdwBin)

GtkWidget       *crm_filter_bar_new                  (void);
CrmStore        *crm_filter_bar_get_store            (CrmFilterBar     *self);
void             crm_filter_bar_set_store            (CrmFilterBar     *self,
                                                      CrmStore         *store);
CrmClientFilter *crm_filter_bar_get_filter           (CrmFilterBar     *self);
void             crm_filter_bar_set_filter           (CrmFilterBar     *self,
                                                      CrmClientFilter  *filter);
void             crm_filter_bar_set_saved_filter     (CrmFilterBar     *self,
                                                      CrmClientFilter  *saved);
gboolean         crm_filter_bar_add_condition        (CrmFilterBar     *self,
                                                      CrmFilterKind     kind,
                                                      gint64            id);
void             crm_filter_bar_set_no_contact_days  (CrmFilterBar     *self,
                                                      guint             days);
guint            crm_filter_bar_get_n_chips          (CrmFilterBar     *self);
gint64           crm_filter_bar_save_segment         (CrmFilterBar     *self,
                                                      const char       *name,
                                                      GError          **error);

G_END_DECLS
