/* crm-export-clients.h: "Export Clients…" in the window
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-client-filter.h"
#include "crm-progress-relay.h"
#include "crm-store.h"

G_BEGIN_DECLS

typedef enum
{
  CRM_EXPORT_FORMAT_CSV,       /* for spreadsheets: a byte order mark, formulas neutralized */
  CRM_EXPORT_FORMAT_CSV_RAW,   /* for a re-import: the values as they are */
  CRM_EXPORT_FORMAT_VCARD,     /* the contact persons as vCards 3.0 */
} CrmExportFormat;

/* Writes the clients @search finds within @filter (either NULL) to @file in
 * a thread; the file is replaced only when the export succeeds */
void      crm_export_clients_async   (CrmStore            *store,
                                      GFile               *file,
                                      CrmExportFormat      format,
                                      const char          *search,
                                      CrmClientFilter     *filter,
                                      CrmProgressRelay    *relay,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
gboolean  crm_export_clients_finish  (GAsyncResult        *result,
                                      guint64             *n_written,
                                      GError             **error);

/* The whole "Export Clients…": asks for a file and a format, shows the
 * progress with a Cancel button, and a toast in @window at the end */
void      crm_export_clients_run     (GtkWindow           *window,
                                      AdwToastOverlay     *toasts,
                                      CrmStore            *store,
                                      const char          *search,
                                      CrmClientFilter     *filter);

G_END_DECLS
