/* crm-dossier-print.h: printing a client's dossier and saving it as PDF
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-dossier.h"
#include "crm-store.h"

G_BEGIN_DECLS

/* Asks for the period (the last twelve months by default), then opens the
 * print dialog (with its preview and "Print to File"), or a file chooser and
 * writes the PDF in a thread. parent: a widget of the window to attach to. */
void               crm_dossier_print_run          (GtkWidget            *parent,
                                                   CrmStore             *store,
                                                   gint64                client_id,
                                                   gboolean              to_pdf);

/* The period dialog alone; "response" is "cancel" or "print"/"save"; the
 * dates are in its entries, read with crm_dossier_period_dialog_get_days() */
AdwMessageDialog  *crm_dossier_period_dialog_new  (GtkWindow            *parent,
                                                   gboolean              to_pdf);
gboolean           crm_dossier_period_dialog_get_days (AdwMessageDialog *dialog,
                                                       char            **from,
                                                       char            **to);

/* A print operation that draws the dossier's pages (unit: points) */
GtkPrintOperation *crm_dossier_print_operation_new (CrmDossier          *dossier);

/* Loads the dossier and writes the PDF in a thread */
void               crm_dossier_save_pdf_async     (CrmStore             *store,
                                                   gint64                client_id,
                                                   const char           *from,
                                                   const char           *to,
                                                   GFile                *file,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
/* Returns the number of pages written, 0 on an error */
guint              crm_dossier_save_pdf_finish    (GAsyncResult         *result,
                                                   GError              **error);

G_END_DECLS
