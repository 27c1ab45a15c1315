/* crm-dossier.h: a client's dossier laid out on pages, for printing and PDF
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One layout serves the printer and the PDF file: crm_dossier_paginate()
 * breaks the dossier into pages of a size (in points), and
 * crm_dossier_draw_page() draws one of them on any cairo context whose user
 * units are points (a PDF surface, or a GtkPrintContext with GTK_UNIT_POINTS).
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "crm-store.h"

G_BEGIN_DECLS

typedef struct _CrmDossier CrmDossier;

/* A4 in points */
#define CRM_DOSSIER_A4_WIDTH  595.276
#define CRM_DOSSIER_A4_HEIGHT 841.89

/* Reads the client and its history from from_day to to_day (local dates
 * YYYY-MM-DD, both included) */
CrmDossier *crm_dossier_load                (CrmStore        *store,
                                             gint64           client_id,
                                             const char      *from_day,
                                             const char      *to_day,
                                             GError         **error);
void        crm_dossier_free                (CrmDossier      *dossier);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmDossier, crm_dossier_free)

const char *crm_dossier_get_client_name     (CrmDossier      *dossier);
guint       crm_dossier_get_n_entries       (CrmDossier      *dossier);
/* A file name for the PDF: "Dossier - <client>.pdf", without slashes */
char       *crm_dossier_suggest_filename    (CrmDossier      *dossier);

/* Lays the dossier out on pages of width × height points; returns the
 * number of pages (at least 1). Call again for another page size. */
guint       crm_dossier_paginate            (CrmDossier      *dossier,
                                             double           width,
                                             double           height);
guint       crm_dossier_get_n_pages         (CrmDossier      *dossier);
/* Draws page (from 0) on cr, whose user units are points, origin at the
 * page's top left corner */
void        crm_dossier_draw_page           (CrmDossier      *dossier,
                                             cairo_t         *cr,
                                             guint            page);
/* Writes every page to an A4 PDF file */
gboolean    crm_dossier_write_pdf           (CrmDossier      *dossier,
                                             const char      *path,
                                             GCancellable    *cancellable,
                                             GError         **error);

G_END_DECLS
