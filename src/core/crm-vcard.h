/* crm-vcard.h: contact persons as vCards (3.0 and 4.0; 2.1 read too)
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "crm-client-filter.h"
#include "crm-import.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_VCARD_MAX_LINE (1024 * 1024)

typedef enum
{
  CRM_VCARD_3_0 = 3,
  CRM_VCARD_4_0 = 4,
} CrmVCardVersion;

/* Writes the contact persons (of all clients, or of those @search finds
 * within @filter, either NULL) as
 * vCards: FN, N, ORG (the client), TITLE, TEL, EMAIL, BDAY, NOTE. Closes
 * @stream on success. */
gboolean  crm_vcard_export     (CrmStore         *store,
                                GOutputStream    *stream,
                                CrmVCardVersion   version,
                                const char       *search,
                                CrmClientFilter  *filter,
                                guint64          *n_written,
                                CrmProgressFunc   progress,
                                gpointer          progress_data,
                                GCancellable     *cancellable,
                                GError          **error);

/* Reads vCards 2.1, 3.0 and 4.0 into contact persons as one run of the
 * imports table (kind "vcard"). ORG names the client: one with the same name
 * key, else a new one; a card without ORG becomes a client of its own. A
 * card the database already has (same client, same name) is skipped. Bad
 * cards are skipped and reported with the line of their BEGIN. */
gboolean  crm_vcard_import     (CrmStore         *store,
                                const char       *path,
                                CrmImportReport  *report,
                                CrmProgressFunc   progress,
                                gpointer          progress_data,
                                GCancellable     *cancellable,
                                GError          **error);

/* Helpers, public for the tests */
char     *crm_vcard_escape     (const char       *text);
void      crm_vcard_fold       (GString          *out,
                                const char       *line);

G_END_DECLS
