/* crm-store-documents.c: files attached to clients, kept inside the database
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A file's content is a row of blobs, once per SHA-256 hash; each attachment
 * is a row of documents pointing at it (0004-history.sql). Content moves in
 * chunks through SQLite's incremental blob I/O, so a 100 MB file is never
 * held in memory. A file is read twice: once, without the store's lock, to
 * hash it (an identical blob is then reused without writing anything), and
 * again to write it, hashed a second time so a file changing meanwhile is
 * caught.
 */

#define G_LOG_DOMAIN "crm-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "crm-store-documents-private.h"

#define CHUNK_SIZE (256 * 1024)
#define HEAD_SIZE  4096

void
crm_document_free (CrmDocument *document)
{
  if (document == NULL)
    return;
  g_free (document->name);
  g_free (document->mime_type);
  g_free (document->hash);
  g_free (document->added_by);
  g_free (document);
}

/**
 * crm_document_guess_mime_type:
 * @name: the file's name
 * @data: (nullable): its first bytes
 *
 * Returns: (transfer full): a MIME type, "application/octet-stream" when
 *   nothing better is known
 */
char *
crm_document_guess_mime_type (const char   *name,
                              const guchar *data,
                              gsize         data_size)
{
  g_autofree char *type = NULL;
  g_autofree char *mime = NULL;

  type = g_content_type_guess (name, data, data_size, NULL);
  if (type != NULL)
    mime = g_content_type_get_mime_type (type);
  if (mime == NULL || *mime == '\0')
    return g_strdup ("application/octet-stream");

  return g_steal_pointer (&mime);
}

static gboolean
too_large (const char  *name,
           GError     **error)
{
  g_autofree char *limit = g_format_size (CRM_DOCUMENT_MAX_SIZE);

  /* Translators: %s is a file name, then a size such as "209.7 MB" */
  g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
               _("“%s” is too large to attach: files of up to %s can be kept."), name, limit);
  return FALSE;
}

/* Where the bytes come from: a file (read twice) or memory */
typedef struct
{
  GFile        *file;
  GBytes       *bytes;
  const char   *name;
} Source;

static GInputStream *
source_open (Source        *source,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GFileInputStream) in = NULL;

  if (source->bytes != NULL)
    return g_memory_input_stream_new_from_bytes (source->bytes);

  if (!(in = g_file_read (source->file, cancellable, error)))
    return NULL;

  return G_INPUT_STREAM (g_steal_pointer (&in));
}

static void
report (CrmProgressFunc  progress,
        gpointer         progress_data,
        double           start,
        double           span,
        gint64           done,
        gint64           total,
        const char      *phase)
{
  if (progress != NULL)
    progress (start + span * (total > 0 ? (double)done / total : 1.0), phase, progress_data);
}

/* The first pass: size, hash and the first bytes for the type guess */
static gboolean
hash_source (Source           *source,
             gint64            expected_size,
             gint64           *size,
             char            **hash,
             guchar           *head,
             gsize            *head_size,
             CrmProgressFunc   progress,
             gpointer          progress_data,
             GCancellable     *cancellable,
             GError          **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GInputStream) in = NULL;
  g_autofree guchar *buffer = NULL;
  gint64 total = 0;
  gssize n;

  *head_size = 0;
  if (source->bytes != NULL)
    {
      gsize length;
      const guchar *data = g_bytes_get_data (source->bytes, &length);

      if ((gint64)length > CRM_DOCUMENT_MAX_SIZE)
        return too_large (source->name, error);
      g_checksum_update (checksum, data, length);
      *head_size = MIN (length, HEAD_SIZE);
      if (*head_size > 0)
        memcpy (head, data, *head_size);
      *size = length;
      *hash = g_strdup (g_checksum_get_string (checksum));
      return TRUE;
    }

  if (!(in = source_open (source, cancellable, error)))
    return FALSE;

  buffer = g_malloc (CHUNK_SIZE);
  while ((n = g_input_stream_read (in, buffer, CHUNK_SIZE, cancellable, error)) > 0)
    {
      if (*head_size < HEAD_SIZE)
        {
          gsize take = MIN ((gsize)n, HEAD_SIZE - *head_size);

          memcpy (head + *head_size, buffer, take);
          *head_size += take;
        }
      total += n;
      if (total > CRM_DOCUMENT_MAX_SIZE)
        return too_large (source->name, error);
      g_checksum_update (checksum, buffer, n);
      report (progress, progress_data, 0.0, 0.5, total, expected_size, _("Reading the file"));
    }
  if (n < 0)
    return FALSE;

  *size = total;
  *hash = g_strdup (g_checksum_get_string (checksum));
  return TRUE;
}

static gint64
find_blob (CrmStore    *self,
           const char  *hash,
           GError     **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_cached (self, "SELECT id FROM blobs WHERE hash = ?1", error)))
    return -1;
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_STATIC);
  switch (sqlite3_step (stmt))
    {
    case SQLITE_ROW:
      return sqlite3_column_int64 (stmt, 0);
    case SQLITE_DONE:
      return 0;
    default:
      _crm_store_set_error (self, error);
      return -1;
    }
}

/* The second pass: a zero-filled blob of the right size, filled in chunks */
static gint64
write_blob (CrmStore         *self,
            Source           *source,
            gint64            size,
            const char       *hash,
            CrmProgressFunc   progress,
            gpointer          progress_data,
            GCancellable     *cancellable,
            GError          **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GInputStream) in = NULL;
  g_autofree guchar *buffer = NULL;
  sqlite3_blob *blob = NULL;
  sqlite3_stmt *stmt;
  gint64 blob_id;
  gint64 offset = 0;
  gssize n;
  int rc;

  if (!(stmt = _crm_store_cached (self, "INSERT INTO blobs (hash, size, data) VALUES (?1, ?2, zeroblob (?2))",
                                  error)))
    return 0;
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, size);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _crm_store_set_error (self, error);
      return 0;
    }
  blob_id = sqlite3_last_insert_rowid (self->db);
  if (size == 0)
    return blob_id;

  if ((rc = sqlite3_blob_open (self->db, "main", "blobs", "data", blob_id, 1, &blob)) != SQLITE_OK)
    {
      _crm_store_set_error_code (self, error, rc, sqlite3_errmsg (self->db));
      return 0;
    }

  if (!(in = source_open (source, cancellable, error)))
    goto fail;

  buffer = g_malloc (CHUNK_SIZE);
  while ((n = g_input_stream_read (in, buffer, CHUNK_SIZE, cancellable, error)) > 0)
    {
      if (offset + n > size)
        break;
      if ((rc = sqlite3_blob_write (blob, buffer, n, offset)) != SQLITE_OK)
        {
          _crm_store_set_error_code (self, error, rc, sqlite3_errmsg (self->db));
          goto fail;
        }
      g_checksum_update (checksum, buffer, n);
      offset += n;
      report (progress, progress_data, 0.5, 0.5, offset, size, _("Storing the file"));
    }
  if (n < 0)
    goto fail;

  if (offset != size || strcmp (g_checksum_get_string (checksum), hash) != 0)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                   _("“%s” changed while it was being attached. Try again."), source->name);
      goto fail;
    }

  sqlite3_blob_close (blob);
  return blob_id;

fail:
  sqlite3_blob_close (blob);
  return 0;
}

static gboolean
entry_of_company (CrmStore  *self,
                  gint64     history_id,
                  gint64     company_id,
                  GError   **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_cached (self, "SELECT 1 FROM history WHERE id = ?1 AND company_id = ?2", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, history_id);
  sqlite3_bind_int64 (stmt, 2, company_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return TRUE;

  g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
               _("The client has no history entry with the number %lld."), (long long)history_id);
  return FALSE;
}

/* With the lock and a transaction held: the blob (found or written), the
 * history entry if one is to be written, the document row */
static gint64
insert_document (CrmStore               *self,
                 const CrmDocumentData  *data,
                 Source                 *source,
                 gint64                  size,
                 const char             *hash,
                 const char             *mime_type,
                 CrmProgressFunc         progress,
                 gpointer                progress_data,
                 GCancellable           *cancellable,
                 GError                **error)
{
  sqlite3_stmt *stmt;
  gint64 blob_id;
  gint64 history_id = data->history_id;
  gint64 now = _crm_now_utc ();

  if (!_crm_store_company_exists (self, data->company_id, error))
    return 0;
  if (history_id > 0 && !entry_of_company (self, history_id, data->company_id, error))
    return 0;

  if ((blob_id = find_blob (self, hash, error)) < 0)
    return 0;
  if (blob_id == 0 &&
      (blob_id = write_blob (self, source, size, hash, progress, progress_data, cancellable, error)) == 0)
    return 0;

  if (history_id <= 0)
    {
      CrmHistoryData entry = {
        .company_id = data->company_id,
        .kind = "document",
        .subject = source->name,
        .occurred_at = now,
      };

      if ((history_id = crm_store_add_history (self, &entry, error)) == 0)
        return 0;
    }

  if (!(stmt = _crm_store_cached (self,
                                  "INSERT INTO documents (company_id, history_id, blob_id, name, mime_type, "
                                  "  added_at, added_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error)))
    return 0;
  sqlite3_bind_int64 (stmt, 1, data->company_id);
  sqlite3_bind_int64 (stmt, 2, history_id);
  sqlite3_bind_int64 (stmt, 3, blob_id);
  sqlite3_bind_text (stmt, 4, source->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, mime_type, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, now);
  _crm_bind_id_or_null (stmt, 7, crm_store_get_current_user_id (self));
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _crm_store_constraint_error (self, error);
      return 0;
    }

  return sqlite3_last_insert_rowid (self->db);
}

static char *
clean_name (const char *name)
{
  char *clean = g_strstrip (g_strdup (name != NULL ? name : ""));

  /* a name, not a path: nothing that could climb out of a folder on saving */
  g_strdelimit (clean, "/\\", '_');
  if (*clean == '\0')
    {
      g_free (clean);
      return g_strdup (_("Unnamed file"));
    }

  return clean;
}

static gint64
attach_source (CrmStore               *self,
               const CrmDocumentData  *data,
               Source                 *source,
               gint64                  expected_size,
               CrmProgressFunc         progress,
               gpointer                progress_data,
               GCancellable           *cancellable,
               gboolean                own_transaction,
               GError                **error)
{
  g_autofree char *hash = NULL;
  g_autofree char *mime_type = NULL;
  guchar head[HEAD_SIZE];
  gsize head_size = 0;
  gint64 size = 0;
  gint64 id;

  if (expected_size > CRM_DOCUMENT_MAX_SIZE)
    return too_large (source->name, error);

  /* Hashing a file takes a while: it runs before the store is locked */
  if (!hash_source (source, expected_size, &size, &hash, head, &head_size,
                    progress, progress_data, cancellable, error))
    return 0;

  if (data->mime_type != NULL && *data->mime_type != '\0')
    mime_type = g_strdup (data->mime_type);
  else
    mime_type = crm_document_guess_mime_type (source->name, head, head_size);

  {
    STORE_LOCK (self);
    g_auto(CrmStoreTx) tx = { 0 };

    if (own_transaction && !_crm_store_tx_begin (self, &tx, error))
      return 0;
    if ((id = insert_document (self, data, source, size, hash, mime_type,
                               progress, progress_data, cancellable, error)) == 0)
      return 0;
    if (own_transaction && !_crm_store_tx_commit (&tx, error))
      return 0;
  }

  if (progress != NULL)
    progress (1.0, _("Storing the file"), progress_data);
  return id;
}

/**
 * crm_store_attach_file:
 * @data: the client (and entry) it goes with; its name defaults to the file's
 * @file: a local or GIO file
 * @progress: (nullable): called as the file is read and stored
 *
 * Keeps a copy of @file in the database. The same content attached again
 * reuses the stored bytes. Safe to call from a worker thread.
 *
 * Returns: the new document's id, 0 on an error
 */
gint64
crm_store_attach_file (CrmStore               *self,
                       const CrmDocumentData  *data,
                       GFile                  *file,
                       CrmProgressFunc         progress,
                       gpointer                progress_data,
                       GCancellable           *cancellable,
                       GError                **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *name = NULL;
  Source source = { .file = file };

  g_return_val_if_fail (CRM_IS_STORE (self), 0);
  g_return_val_if_fail (data != NULL, 0);
  g_return_val_if_fail (G_IS_FILE (file), 0);

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME ","
                            G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return 0;
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                   _("“%s” is a folder; only files can be attached."), g_file_info_get_display_name (info));
      return 0;
    }

  name = clean_name (data->name != NULL ? data->name : g_file_info_get_display_name (info));
  source.name = name;

  return attach_source (self, data, &source, g_file_info_get_size (info),
                        progress, progress_data, cancellable, TRUE, error);
}

/**
 * crm_store_attach_bytes:
 * @data: the client, the entry and the name (required here)
 *
 * Keeps @bytes as a document, as crm_store_attach_file() does.
 *
 * Returns: the new document's id, 0 on an error
 */
gint64
crm_store_attach_bytes (CrmStore               *self,
                        const CrmDocumentData  *data,
                        GBytes                 *bytes,
                        GError                **error)
{
  g_autofree char *name = NULL;
  Source source = { .bytes = bytes };

  g_return_val_if_fail (CRM_IS_STORE (self), 0);
  g_return_val_if_fail (data != NULL, 0);
  g_return_val_if_fail (bytes != NULL, 0);

  name = clean_name (data->name);
  source.name = name;

  return attach_source (self, data, &source, g_bytes_get_size (bytes), NULL, NULL, NULL, TRUE, error);
}

gint64
_crm_store_insert_document_bytes (CrmStore               *self,
                                  const CrmDocumentData  *data,
                                  GBytes                 *bytes,
                                  GError                **error)
{
  g_autofree char *name = clean_name (data->name);
  Source source = { .bytes = bytes, .name = name };

  return attach_source (self, data, &source, g_bytes_get_size (bytes), NULL, NULL, NULL, FALSE, error);
}

#define DOCUMENT_COLUMNS \
  "SELECT d.id, d.company_id, coalesce (d.history_id, 0), d.name, d.mime_type, b.hash, b.size, " \
  "  d.added_at, u.full_name, coalesce (d.deleted_at, 0) " \
  "FROM documents d JOIN blobs b ON b.id = d.blob_id LEFT JOIN users u ON u.id = d.added_by "

static CrmDocument *
read_document (sqlite3_stmt *stmt)
{
  CrmDocument *document = g_new0 (CrmDocument, 1);

  document->id = sqlite3_column_int64 (stmt, 0);
  document->company_id = sqlite3_column_int64 (stmt, 1);
  document->history_id = sqlite3_column_int64 (stmt, 2);
  document->name = _crm_column_dup (stmt, 3);
  document->mime_type = _crm_column_dup (stmt, 4);
  document->hash = _crm_column_dup (stmt, 5);
  document->size = sqlite3_column_int64 (stmt, 6);
  document->added_at = sqlite3_column_int64 (stmt, 7);
  document->added_by = _crm_column_dup (stmt, 8);
  document->deleted_at = sqlite3_column_int64 (stmt, 9);

  return document;
}

/**
 * crm_store_list_documents:
 *
 * Returns: (transfer full) (element-type CrmDocument): the client's documents
 *   that are not deleted, newest first; %NULL on an error
 */
GPtrArray *
crm_store_list_documents (CrmStore  *self,
                          gint64     company_id,
                          GError   **error)
{
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func ((GDestroyNotify)crm_document_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  STORE_LOCK (self);

  if (!(stmt = _crm_store_cached (self,
                                  DOCUMENT_COLUMNS
                                  "WHERE d.company_id = ?1 AND d.deleted_at IS NULL "
                                  "ORDER BY d.added_at DESC, d.id DESC", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, company_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (documents, read_document (stmt));
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&documents);
}

static gboolean
no_document (GError **error,
             gint64   document_id)
{
  g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
               _("There is no document with the number %lld."), (long long)document_id);
  return FALSE;
}

/**
 * crm_store_get_document:
 *
 * Returns: (transfer full): the document, also a deleted one; %NULL if there
 *   is none
 */
CrmDocument *
crm_store_get_document (CrmStore  *self,
                        gint64     document_id,
                        GError   **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  STORE_LOCK (self);

  if (!(stmt = _crm_store_cached (self, DOCUMENT_COLUMNS "WHERE d.id = ?1", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return read_document (stmt);

  no_document (error, document_id);
  return NULL;
}

/**
 * crm_store_count_documents:
 *
 * Returns: how many documents (not deleted) the client has; -1 on an error
 */
gint64
crm_store_count_documents (CrmStore  *self,
                           gint64     company_id,
                           GError   **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (self), -1);

  STORE_LOCK (self);

  if (!(stmt = _crm_store_cached (self,
                                  "SELECT count(*) FROM documents WHERE company_id = ?1 AND deleted_at IS NULL",
                                  error)))
    return -1;
  sqlite3_bind_int64 (stmt, 1, company_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _crm_store_set_error (self, error);
      return -1;
    }

  return sqlite3_column_int64 (stmt, 0);
}

/**
 * crm_store_save_document:
 * @destination: the file to write (replaced if it exists)
 *
 * Writes a copy of the document's content, in chunks.
 */
gboolean
crm_store_save_document (CrmStore         *self,
                         gint64            document_id,
                         GFile            *destination,
                         CrmProgressFunc   progress,
                         gpointer          progress_data,
                         GCancellable     *cancellable,
                         GError          **error)
{
  g_autoptr(GFileOutputStream) out = NULL;
  g_autofree guchar *buffer = NULL;
  sqlite3_blob *blob = NULL;
  sqlite3_stmt *stmt;
  gint64 blob_id, size, offset = 0;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (destination), FALSE);

  STORE_LOCK (self);

  if (!(stmt = _crm_store_cached (self,
                                  "SELECT b.id, b.size FROM documents d JOIN blobs b ON b.id = d.blob_id "
                                  "WHERE d.id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return no_document (error, document_id);
  blob_id = sqlite3_column_int64 (stmt, 0);
  size = sqlite3_column_int64 (stmt, 1);
  sqlite3_reset (stmt);

  if (!(out = g_file_replace (destination, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                              cancellable, error)))
    return FALSE;

  if (size > 0 && (rc = sqlite3_blob_open (self->db, "main", "blobs", "data", blob_id, 0, &blob)) != SQLITE_OK)
    {
      _crm_store_set_error_code (self, error, rc, sqlite3_errmsg (self->db));
      goto fail;
    }

  buffer = g_malloc (CHUNK_SIZE);
  while (offset < size)
    {
      int n = (int)MIN ((gint64)CHUNK_SIZE, size - offset);

      if ((rc = sqlite3_blob_read (blob, buffer, n, offset)) != SQLITE_OK)
        {
          _crm_store_set_error_code (self, error, rc, sqlite3_errmsg (self->db));
          goto fail;
        }
      if (!g_output_stream_write_all (G_OUTPUT_STREAM (out), buffer, n, NULL, cancellable, error))
        goto fail;
      offset += n;
      report (progress, progress_data, 0.0, 1.0, offset, size, _("Saving the file"));
    }
  g_clear_pointer (&blob, sqlite3_blob_close);

  return g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, error);

fail:
  g_clear_pointer (&blob, sqlite3_blob_close);
  {
    /* A cancelled close leaves the destination as it was */
    g_autoptr(GCancellable) abort = g_cancellable_new ();

    g_cancellable_cancel (abort);
    g_output_stream_close (G_OUTPUT_STREAM (out), abort, NULL);
  }
  return FALSE;
}

static gboolean
set_deleted (CrmStore     *self,
             gint64        document_id,
             gboolean      deleted,
             GError      **error)
{
  sqlite3_stmt *stmt;

  if (deleted)
    stmt = _crm_store_cached (self, "UPDATE documents SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
                              error);
  else
    stmt = _crm_store_cached (self, "UPDATE documents SET deleted_at = NULL WHERE id = ?1 AND deleted_at IS NOT NULL",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  if (deleted)
    sqlite3_bind_int64 (stmt, 2, _crm_now_utc ());
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _crm_store_set_error (self, error);
  if (sqlite3_changes (self->db) == 0)
    {
      if (deleted)
        return no_document (error, document_id);
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                   _("The document with the number %lld is not deleted, or it is gone for good."),
                   (long long)document_id);
      return FALSE;
    }

  return TRUE;
}

/**
 * crm_store_delete_document:
 *
 * Marks the document deleted: it leaves the client's list and can be
 * restored until it is purged.
 */
gboolean
crm_store_delete_document (CrmStore  *self,
                           gint64     document_id,
                           GError   **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  STORE_LOCK (self);

  return set_deleted (self, document_id, TRUE, error);
}

gboolean
crm_store_restore_document (CrmStore  *self,
                            gint64     document_id,
                            GError   **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  STORE_LOCK (self);

  return set_deleted (self, document_id, FALSE, error);
}

/**
 * crm_store_purge_documents:
 * @deleted_before: seconds since the epoch, UTC
 *
 * Removes for good the documents deleted before @deleted_before; a stored
 * content no document uses any more goes with them (a trigger).
 *
 * Returns: the number of documents removed, -1 on an error
 */
gint64
crm_store_purge_documents (CrmStore  *self,
                           gint64     deleted_before,
                           GError   **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (self), -1);

  STORE_LOCK (self);

  /* Asked first so that opening a database does not wait for a writer when
   * there is nothing to purge (the usual case) */
  if (!(stmt = _crm_store_cached (self,
                                  "SELECT 1 FROM documents WHERE deleted_at IS NOT NULL AND deleted_at < ?1 LIMIT 1",
                                  error)))
    return -1;
  sqlite3_bind_int64 (stmt, 1, deleted_before);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;

  if (!(stmt = _crm_store_cached (self,
                                  "DELETE FROM documents WHERE deleted_at IS NOT NULL AND deleted_at < ?1",
                                  error)))
    return -1;
  sqlite3_bind_int64 (stmt, 1, deleted_before);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _crm_store_set_error (self, error);
      return -1;
    }

  return sqlite3_changes (self->db);
}
