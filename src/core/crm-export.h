/* crm-export.h: exporting clients to CSV
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "crm-client-filter.h"
#include "crm-store.h"
#include "crm-store-import.h"

G_BEGIN_DECLS

typedef enum
{
  CRM_EXPORT_DEFAULT = 0,
  CRM_EXPORT_BOM     = 1 << 0,  /* a UTF-8 byte order mark first, for Excel */
  CRM_EXPORT_RAW     = 1 << 1,  /* leave cells that look like formulas as they are */
} CrmExportFlags;

/* The most clients a search may pick for an export */
#define CRM_EXPORT_MAX_SEARCH 10000000

/* A filter matching at most this many clients is exported from the list of
 * its ids, found through the conditions' indexes; a larger one pages through
 * the table by id */
#define CRM_EXPORT_FILTER_IDS_LIMIT 100000

/* What an export reads: the clients (or with @contacts their contact
 * persons) that @search finds within @filter, in id order. Both may be
 * NULL; a NULL or empty filter means the whole base. @n_clients is set to
 * how many clients that is. */
CrmStoreCursor *crm_export_open_cursor (CrmStore        *store,
                                        const char      *search,
                                        CrmClientFilter *filter,
                                        gboolean         contacts,
                                        gint64          *n_clients,
                                        GError         **error);

/* Writes the clients (all, or those @search finds within @filter, either
 * NULL) to @stream as CSV with a header row: name, legal name, tax id,
 * status, industry, region, source, city, address, phones, e-mails,
 * website, manager, last contact, created. Reads the database a page at a
 * time. Closes @stream on success. */
gboolean  crm_export_csv        (CrmStore         *store,
                                 GOutputStream    *stream,
                                 CrmExportFlags    flags,
                                 const char       *search,
                                 CrmClientFilter  *filter,
                                 guint64          *n_written,
                                 CrmProgressFunc   progress,
                                 gpointer          progress_data,
                                 GCancellable     *cancellable,
                                 GError          **error);

G_END_DECLS
