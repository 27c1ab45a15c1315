/* crm-wrap-box.h: children side by side at their natural width, wrapped
 * onto more lines like words
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CRM_TYPE_WRAP_BOX (crm_wrap_box_get_type ())

G_DECLARE_FINAL_TYPE (CrmWrapBox, crm_wrap_box, CRM, WRAP_BOX, GtkWidget)

GtkWidget *crm_wrap_box_new           (void);
void       crm_wrap_box_insert_before (CrmWrapBox *self,
                                       GtkWidget  *child,
                                       GtkWidget  *sibling);
void       crm_wrap_box_remove        (CrmWrapBox *self,
                                       GtkWidget  *child);
guint      crm_wrap_box_get_n_lines   (CrmWrapBox *self);

G_END_DECLS
