/* crm-documents.h: files attached to clients, kept inside the database
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "crm-store.h"

G_BEGIN_DECLS

/* The largest file the archive takes: the database stays one file to back
 * up, and a blob is written in one transaction. */
#define CRM_DOCUMENT_MAX_SIZE (G_GINT64_CONSTANT (200) * 1024 * 1024)

/* A deleted document is kept this long for its Undo, then purged */
#define CRM_DOCUMENT_PURGE_AGE (24 * 60 * 60)

typedef struct
{
  gint64  id;
  gint64  company_id;
  gint64  history_id;   /* 0: none */
  char   *name;
  char   *mime_type;
  char   *hash;         /* SHA-256, hex */
  gint64  size;         /* bytes */
  gint64  added_at;
  char   *added_by;     /* the user's full name, or NULL */
  gint64  deleted_at;   /* 0: not deleted */
} CrmDocument;

void          crm_document_free             (CrmDocument     *document);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmDocument, crm_document_free)

/* What an attachment goes with. name NULL: the file's own name; mime_type
 * NULL: guessed from the name and the first bytes. history_id 0 writes a
 * "document" entry in the client's history; an entry's id links the file
 * to that entry (an e-mail's attachments) and writes none. */
typedef struct
{
  gint64      company_id;
  gint64      history_id;
  const char *name;
  const char *mime_type;
} CrmDocumentData;

/* Implemented in src/core/store/crm-store-documents.c */
gint64        crm_store_attach_file         (CrmStore               *store,
                                             const CrmDocumentData  *data,
                                             GFile                  *file,
                                             CrmProgressFunc         progress,
                                             gpointer                progress_data,
                                             GCancellable           *cancellable,
                                             GError                **error);
gint64        crm_store_attach_bytes        (CrmStore               *store,
                                             const CrmDocumentData  *data,
                                             GBytes                 *bytes,
                                             GError                **error);
GPtrArray    *crm_store_list_documents      (CrmStore               *store,
                                             gint64                  company_id,
                                             GError                **error);
CrmDocument  *crm_store_get_document        (CrmStore               *store,
                                             gint64                  document_id,
                                             GError                **error);
gint64        crm_store_count_documents     (CrmStore               *store,
                                             gint64                  company_id,
                                             GError                **error);
gboolean      crm_store_save_document       (CrmStore               *store,
                                             gint64                  document_id,
                                             GFile                  *destination,
                                             CrmProgressFunc         progress,
                                             gpointer                progress_data,
                                             GCancellable           *cancellable,
                                             GError                **error);
gboolean      crm_store_delete_document     (CrmStore               *store,
                                             gint64                  document_id,
                                             GError                **error);
gboolean      crm_store_restore_document    (CrmStore               *store,
                                             gint64                  document_id,
                                             GError                **error);
gint64        crm_store_purge_documents     (CrmStore               *store,
                                             gint64                  deleted_before,
                                             GError                **error);

/* Helpers for people */
char         *crm_document_guess_mime_type  (const char             *name,
                                             const guchar           *data,
                                             gsize                   data_size);

G_END_DECLS
