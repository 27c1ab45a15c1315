/* crm-import-window.h
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-import.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_IMPORT_WINDOW (crm_import_window_get_type ())

G_DECLARE_FINAL_TYPE (CrmImportWindow, crm_import_window, CRM, IMPORT_WINDOW, AdwWindow)

CrmImportWindow       *crm_import_window_new              (GtkWindow           *parent,
                                                           CrmStore            *store);
void                   crm_import_window_load_path        (CrmImportWindow     *self,
                                                           const char          *path);
gboolean               crm_import_window_get_busy         (CrmImportWindow     *self);
const char            *crm_import_window_get_page         (CrmImportWindow     *self);
const char            *crm_import_window_get_encoding     (CrmImportWindow     *self);
char                   crm_import_window_get_delimiter    (CrmImportWindow     *self);
guint                  crm_import_window_get_n_columns    (CrmImportWindow     *self);
CrmImportField         crm_import_window_get_column_field (CrmImportWindow     *self,
                                                           guint                column);
void                   crm_import_window_set_column_field (CrmImportWindow     *self,
                                                           guint                column,
                                                           CrmImportField       field);
guint64                crm_import_window_get_n_rows       (CrmImportWindow     *self);
const CrmImportReport *crm_import_window_get_report       (CrmImportWindow     *self);

G_END_DECLS
