/* crm-store-documents-private.h: the archive's parts other store files use
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-documents.h"
#include "crm-store-private.h"

G_BEGIN_DECLS

/* Stores bytes as a document of data->company_id. The caller holds the
 * store's lock and an open transaction; returns the document's id or 0. */
gint64 _crm_store_insert_document_bytes (CrmStore               *self,
                                         const CrmDocumentData  *data,
                                         GBytes                 *bytes,
                                         GError                **error);

G_END_DECLS
