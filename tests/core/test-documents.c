/* test-documents.c: the documents archive
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "crm-documents.h"
#include "test-utils.h"

/* A file of size bytes with a pattern that depends on seed */
static GFile *
make_file (const char *dir,
           const char *name,
           gsize       size,
           guint       seed)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree guchar *data = g_malloc (size + 1);
  g_autoptr(GError) error = NULL;

  for (gsize i = 0; i < size; i++)
    data[i] = (guchar)((i * 31 + seed * 7 + i / 4096) & 0xff);
  g_file_set_contents (path, (const char *)data, size, &error);
  g_assert_no_error (error);

  return g_file_new_for_path (path);
}

static void
on_progress (double      fraction,
             const char *phase,
             gpointer    user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >=, *last - 1e-9);
  g_assert_cmpfloat (fraction, <=, 1.0);
  *last = fraction;
}

static void
test_attach_once (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir->path, "rapport.db", NULL);
  g_autoptr(CrmStore) store = test_store_with_clients (path, 2);
  g_autoptr(GFile) file = make_file (dir->path, "contract.pdf", 3 * 1024 * 1024 + 17, 1);
  g_autoptr(GFile) copy = make_file (dir->path, "contract (copy).pdf", 3 * 1024 * 1024 + 17, 1);
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GError) error = NULL;
  CrmDocumentData data = { .company_id = 1 };
  CrmDocument *newest;
  double last = 0;
  gint64 first, second, other;

  first = crm_store_attach_file (store, &data, file, on_progress, &last, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (first, >, 0);
  g_assert_cmpfloat (last, ==, 1.0);

  /* The same bytes under another name, and for another client: stored once */
  second = crm_store_attach_file (store, &data, copy, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  data.company_id = 2;
  other = crm_store_attach_file (store, &data, file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (second, !=, first);
  g_assert_cmpint (other, !=, second);
  g_assert_cmpint (test_query_int64 (path, "SELECT count(*) FROM blobs"), ==, 1);
  g_assert_cmpint (test_query_int64 (path, "SELECT count(*) FROM documents"), ==, 3);
  g_assert_cmpint (test_query_int64 (path, "SELECT size FROM blobs"), ==, 3 * 1024 * 1024 + 17);

  /* Each attachment is an entry of kind "document" in the history */
  g_assert_cmpint (test_query_int64 (path, "SELECT count(*) FROM history WHERE kind = 'document' AND company_id = 1 "
                                     "AND subject IN ('contract.pdf', 'contract (copy).pdf')"), ==, 2);
  g_assert_cmpint (test_query_int64 (path, "SELECT count(*) FROM documents d JOIN history h ON h.id = d.history_id "
                                     "WHERE h.company_id = d.company_id"), ==, 3);

  documents = crm_store_list_documents (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, 2);
  newest = g_ptr_array_index (documents, 0);
  g_assert_cmpint (newest->id, ==, second);
  g_assert_cmpstr (newest->name, ==, "contract (copy).pdf");
  g_assert_cmpstr (newest->mime_type, ==, "application/pdf");
  g_assert_cmpint (newest->size, ==, 3 * 1024 * 1024 + 17);
  g_assert_cmpuint (strlen (newest->hash), ==, 64);
  g_assert_cmpint (newest->added_at, >, 0);
  g_assert_nonnull (newest->added_by);
  g_assert_cmpint (crm_store_count_documents (store, 1, NULL), ==, 2);
  g_assert_cmpint (crm_store_count_documents (store, 2, NULL), ==, 1);

  /* Another content is another blob */
  {
    g_autoptr(GFile) notes = make_file (dir->path, "notes.txt", 100, 2);

    data.company_id = 1;
    crm_store_attach_file (store, &data, notes, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (test_query_int64 (path, "SELECT count(*) FROM blobs"), ==, 2);
  }
}

static void
test_save_copy (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir->path, "rapport.db", NULL);
  g_autofree char *out_path = g_build_filename (dir->path, "saved.bin", NULL);
  g_autofree char *original_path = NULL;
  g_autofree char *original = NULL;
  g_autofree char *saved = NULL;
  g_autoptr(CrmStore) store = test_store_with_clients (path, 1);
  g_autoptr(GFile) file = make_file (dir->path, "data.bin", 1024 * 1024 + 5, 3);
  g_autoptr(GFile) empty = make_file (dir->path, "empty.txt", 0, 0);
  g_autoptr(GFile) out = g_file_new_for_path (out_path);
  g_autoptr(GError) error = NULL;
  CrmDocumentData data = { .company_id = 1 };
  gsize original_size, saved_size;
  gint64 id;

  id = crm_store_attach_file (store, &data, file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  /* An existing file is replaced */
  g_file_set_contents (out_path, "old", -1, NULL);
  g_assert_true (crm_store_save_document (store, id, out, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  original_path = g_file_get_path (file);
  g_file_get_contents (original_path, &original, &original_size, NULL);
  g_file_get_contents (out_path, &saved, &saved_size, NULL);
  g_assert_cmpmem (saved, saved_size, original, original_size);

  /* An empty file too */
  id = crm_store_attach_file (store, &data, empty, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (crm_store_save_document (store, id, out, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&saved, g_free);
  g_file_get_contents (out_path, &saved, &saved_size, NULL);
  g_assert_cmpuint (saved_size, ==, 0);

  g_assert_false (crm_store_save_document (store, 999, out, NULL, NULL, NULL, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
}

static void
test_delete_restore_purge (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir->path, "rapport.db", NULL);
  g_autoptr(CrmStore) store = test_store_with_clients (path, 1);
  g_autoptr(GFile) a = make_file (dir->path, "a.txt", 1000, 4);
  g_autoptr(GFile) b = make_file (dir->path, "b.txt", 1000, 5);
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GError) error = NULL;
  CrmDocumentData data = { .company_id = 1 };
  gint64 first, shared, other;

  first = crm_store_attach_file (store, &data, a, NULL, NULL, NULL, &error);
  shared = crm_store_attach_file (store, &data, a, NULL, NULL, NULL, &error);
  other = crm_store_attach_file (store, &data, b, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (crm_store_delete_document (store, other, &error));
  g_assert_no_error (error);
  documents = crm_store_list_documents (store, 1, &error);
  g_assert_cmpuint (documents->len, ==, 2);
  g_clear_pointer (&documents, g_ptr_array_unref);
  g_assert_cmpint (crm_store_count_documents (store, 1, NULL), ==, 2);

  /* Deleting twice is an error; Undo brings it back */
  g_assert_false (crm_store_delete_document (store, other, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (crm_store_restore_document (store, other, &error));
  g_assert_no_error (error);
  documents = crm_store_list_documents (store, 1, &error);
  g_assert_cmpuint (documents->len, ==, 3);
  g_assert_cmpint (((CrmDocument *)g_ptr_array_index (documents, 0))->id, ==, other);
  g_assert_false (crm_store_restore_document (store, other, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Purge: only what was deleted before the time given goes, and a blob
   * goes with its last document */
  g_assert_true (crm_store_delete_document (store, first, &error));
  g_assert_true (crm_store_delete_document (store, other, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_store_purge_documents (store, g_get_real_time () / G_USEC_PER_SEC - 3600, &error), ==, 0);
  g_assert_cmpint (test_query_int64 (path, "SELECT count(*) FROM documents"), ==, 3);
  g_assert_cmpint (crm_store_purge_documents (store, g_get_real_time () / G_USEC_PER_SEC + 1, &error), ==, 2);
  g_assert_no_error (error);
  g_assert_cmpint (test_query_int64 (path, "SELECT count(*) FROM documents"), ==, 1);
  g_assert_cmpint (test_query_int64 (path, "SELECT count(*) FROM blobs"), ==, 1);
  g_assert_false (crm_store_restore_document (store, other, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The shared blob stays for the remaining document, whose content is intact */
  {
    g_autoptr(CrmDocument) kept = crm_store_get_document (store, shared, &error);

    g_assert_no_error (error);
    g_assert_cmpint (kept->size, ==, 1000);
  }

  /* Opening the database purges documents deleted more than a day ago */
  g_assert_true (crm_store_delete_document (store, shared, &error));
  g_clear_object (&store);
  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "UPDATE documents SET deleted_at = deleted_at - 2 * 86400",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  store = crm_store_open_full (path, CRM_STORE_OPEN_DEFAULT, "en", &error);
  g_assert_no_error (error);
  g_assert_cmpint (test_query_int64 (path, "SELECT count(*) FROM documents"), ==, 0);
  g_assert_cmpint (test_query_int64 (path, "SELECT count(*) FROM blobs"), ==, 0);
}

static void
test_cap_and_errors (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir->path, "rapport.db", NULL);
  g_autofree char *big_path = g_build_filename (dir->path, "huge.iso", NULL);
  g_autoptr(CrmStore) store = test_store_with_clients (path, 1);
  g_autoptr(GFile) big = g_file_new_for_path (big_path);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/file.pdf");
  g_autoptr(GFile) folder = g_file_new_for_path (dir->path);
  g_autoptr(GFile) small = make_file (dir->path, "small.txt", 10, 6);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("hello", 5);
  g_autoptr(GError) error = NULL;
  CrmDocumentData data = { .company_id = 1 };
  FILE *f;

  /* A sparse file just over the cap: refused before anything is read */
  f = fopen (big_path, "w");
  g_assert_nonnull (f);
  g_assert_cmpint (fseeko (f, CRM_DOCUMENT_MAX_SIZE, SEEK_SET), ==, 0);
  fputc ('x', f);
  fclose (f);
  g_assert_cmpint (crm_store_attach_file (store, &data, big, NULL, NULL, NULL, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "huge.iso"));
  g_assert_nonnull (strstr (error->message, "too large"));
  g_clear_error (&error);

  g_assert_cmpint (crm_store_attach_file (store, &data, missing, NULL, NULL, NULL, &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpint (crm_store_attach_file (store, &data, folder, NULL, NULL, NULL, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);

  data.company_id = 42;
  g_assert_cmpint (crm_store_attach_file (store, &data, small, NULL, NULL, NULL, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Bytes, linked to an existing entry: no "document" entry of their own */
  {
    CrmHistoryData entry = { .company_id = 1, .kind = "note", .subject = "Visit" };
    gint64 history_id = crm_store_add_history (store, &entry, &error);
    CrmDocumentData linked = { .company_id = 1, .history_id = history_id, .name = "../hello.txt" };
    g_autoptr(CrmDocument) document = NULL;
    gint64 id;

    id = crm_store_attach_bytes (store, &linked, bytes, &error);
    g_assert_no_error (error);
    document = crm_store_get_document (store, id, &error);
    g_assert_cmpint (document->history_id, ==, history_id);
    g_assert_cmpstr (document->name, ==, ".._hello.txt");
    g_assert_cmpstr (document->mime_type, ==, "text/plain");
    g_assert_cmpint (test_query_int64 (path, "SELECT count(*) FROM history WHERE kind = 'document'"), ==, 0);

    linked.history_id = history_id + 100;
    g_assert_cmpint (crm_store_attach_bytes (store, &linked, bytes, &error), ==, 0);
    g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  /* Nothing half-written stays behind */
  g_assert_cmpint (test_query_int64 (path, "SELECT count(*) FROM blobs"), ==, 1);
  g_assert_cmpint (test_query_int64 (path, "SELECT count(*) FROM documents"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crm/documents/attach-once", test_attach_once);
  g_test_add_func ("/crm/documents/save-copy", test_save_copy);
  g_test_add_func ("/crm/documents/delete-restore-purge", test_delete_restore_purge);
  g_test_add_func ("/crm/documents/cap-and-errors", test_cap_and_errors);

  return g_test_run ();
}
