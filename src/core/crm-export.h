/* crm-export.h: exporting clients to CSV
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "crm-store.h"

G_BEGIN_DECLS

typedef enum
{
  CRM_EXPORT_DEFAULT = 0,
  CRM_EXPORT_BOM     = 1 << 0,  /* a UTF-8 byte order mark first, for Excel */
  CRM_EXPORT_RAW     = 1 << 1,  /* leave cells that look like formulas as they are */
} CrmExportFlags;

/* The most clients a search may pick for an export */
#define CRM_EXPORT_MAX_SEARCH 10000000

/* Clients whose search finds @query, in id order; NULL when the search
 * names nothing to look for (the whole base is meant) */
GArray   *crm_export_search_ids (CrmStore        *store,
                                 const char      *query,
                                 GError         **error);

/* Writes the clients (all, or those @search finds) to @stream as CSV with a
 * header row: name, legal name, tax id, status, industry, region, source,
 * city, address, phones, e-mails, website, manager, last contact, created.
 * Reads the database a page at a time. Closes @stream on success. */
gboolean  crm_export_csv        (CrmStore         *store,
                                 GOutputStream    *stream,
                                 CrmExportFlags    flags,
                                 const char       *search,
                                 guint64          *n_written,
                                 CrmProgressFunc   progress,
                                 gpointer          progress_data,
                                 GCancellable     *cancellable,
                                 GError          **error);

G_END_DECLS
