/* crm-store-import.h: the store's side of imports and exports
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-client-filter.h"
#include "crm-store.h"

G_BEGIN_DECLS

/* One run of an importer (a row of the imports table) */
typedef struct
{
  gint64  id;
  char   *kind;          /* "csv" or "vcard" */
  char   *file_name;
  gint64  started_at;
  gint64  finished_at;   /* 0 while running or after a crash */
  gint64  added;
  gint64  updated;
  gint64  skipped;
  gint64  undone_at;     /* 0 unless undone */
} CrmImportRecord;

void        crm_import_record_free                (CrmImportRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmImportRecord, crm_import_record_free)

/* Rows that an import added to a client it found already in the database;
 * undoing the import removes them. */
typedef enum
{
  CRM_IMPORT_ADDED_PHONE,
  CRM_IMPORT_ADDED_EMAIL,
  CRM_IMPORT_ADDED_TAG,
} CrmImportAdded;

/* Starts and finishes a run; each in its own short transaction */
gint64      crm_store_import_begin                (CrmStore              *self,
                                                   const char            *kind,
                                                   const char            *file_name,
                                                   GError               **error);
gboolean    crm_store_import_finish               (CrmStore              *self,
                                                   gint64                 import_id,
                                                   gint64                 added,
                                                   gint64                 updated,
                                                   gint64                 skipped,
                                                   GError               **error);
CrmImportRecord *crm_store_import_get             (CrmStore              *self,
                                                   gint64                 import_id,
                                                   GError               **error);

void        crm_store_set_checkpoints_aside       (CrmStore              *self,
                                                   gboolean               aside);

/* A batch of a CSV import: crm_store_begin() without foreign key checks;
 * ends with crm_store_commit() or crm_store_rollback() */
gboolean    crm_store_import_begin_batch          (CrmStore              *self,
                                                   GError               **error);

/* Inside a batch (crm_store_begin): a row's writes either all land or none */
gboolean    crm_store_import_row_begin            (CrmStore              *self,
                                                   GError               **error);
gboolean    crm_store_import_row_end              (CrmStore              *self,
                                                   gboolean               keep,
                                                   GError               **error);

/* The keys a new client is sorted and matched by, made from its name and
 * city without the database, so on any thread: a CSV import makes them on
 * the thread that reads the file, not on the one that writes */
typedef struct
{
  char *name_key;    /* crm_normalize_name_key () of the name */
  char *sort_name;
  char *sort_city;
} CrmImportKeys;

void        crm_import_keys_make                  (CrmImportKeys         *keys,
                                                   const char            *name,
                                                   const char            *city);
void        crm_import_keys_clear                 (CrmImportKeys         *keys);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CrmImportKeys, crm_import_keys_clear)

/* @keys: (nullable): made from @data's name and city, or NULL for the
 * store to make them */
gint64      crm_store_import_add_company          (CrmStore              *self,
                                                   gint64                 import_id,
                                                   const CrmCompanyData  *data,
                                                   const CrmImportKeys   *keys,
                                                   GError               **error);
/* Takes back a client this import added in the batch under way, with all
 * that hangs on it, when the store refused a part of its row */
gboolean    crm_store_import_remove_company       (CrmStore              *self,
                                                   gint64                 company_id,
                                                   GError               **error);
gint64      crm_store_import_add_contact          (CrmStore              *self,
                                                   gint64                 import_id,
                                                   const CrmContactData  *data,
                                                   GError               **error);
/* Fills the fields of @data that are set over those of the client, after
 * keeping the client's old values for an undo (once per import) */
gboolean    crm_store_import_update_company       (CrmStore              *self,
                                                   gint64                 import_id,
                                                   gint64                 company_id,
                                                   const CrmCompanyData  *data,
                                                   GError               **error);
gboolean    crm_store_import_note_added           (CrmStore              *self,
                                                   gint64                 import_id,
                                                   gint64                 company_id,
                                                   CrmImportAdded         what,
                                                   gint64                 row_id,
                                                   GError               **error);

/* Look-ups; 0 when there is none */
gint64      crm_store_import_find_user            (CrmStore              *self,
                                                   const char            *full_name_or_login,
                                                   GError               **error);
gint64      crm_store_import_find_company_by_name (CrmStore              *self,
                                                   const char            *name,
                                                   GError               **error);
gint64      crm_store_import_find_own_company     (CrmStore              *self,
                                                   gint64                 import_id,
                                                   const char            *name,
                                                   const char            *tax_id,
                                                   GError               **error);
/* Calls @func with the name key and tax id of every client; a big import
 * learns from them which rows cannot be anybody's */
typedef void (*CrmImportKeyFunc) (const char *name_key,
                                  const char *tax_id,
                                  gpointer    user_data);
gboolean    crm_store_import_list_keys            (CrmStore              *self,
                                                   CrmImportKeyFunc       func,
                                                   gpointer               user_data,
                                                   GError               **error);
/* PRAGMA data_version: changes when another connection commits a write */
gint64      crm_store_import_data_version         (CrmStore              *self,
                                                   GError               **error);
/* Clients with the name key (CrmImportKeys) or tax id of a row: the first
 * this import added (*own_id, the same client as an earlier row) and
 * whether others exist */
gboolean    crm_store_import_find_candidates      (CrmStore              *self,
                                                   gint64                 import_id,
                                                   const char            *name_key,
                                                   const char            *tax_id,
                                                   gint64                *own_id,
                                                   gboolean              *others,
                                                   GError               **error);
gboolean    crm_store_import_get_company_origin   (CrmStore              *self,
                                                   gint64                 company_id,
                                                   gint64                *import_id,
                                                   char                 **tax_id,
                                                   GError               **error);
gint64      crm_store_import_find_contact         (CrmStore              *self,
                                                   gint64                 company_id,
                                                   const char            *full_name,
                                                   GError               **error);
gboolean    crm_store_import_has_phone            (CrmStore              *self,
                                                   gint64                 company_id,
                                                   gint64                 contact_id,
                                                   const char            *number,
                                                   GError               **error);
gboolean    crm_store_import_has_email            (CrmStore              *self,
                                                   gint64                 company_id,
                                                   gint64                 contact_id,
                                                   const char            *address,
                                                   GError               **error);
/* Returns the tag's id, adding the tag when new; *added says whether the
 * client got it now */
gint64      crm_store_import_tag_company          (CrmStore              *self,
                                                   gint64                 company_id,
                                                   const char            *tag,
                                                   gboolean              *added,
                                                   GError               **error);

/* A big import drops the indexes it does not need while its rows go in
 * (*dropped: whether it did; not when another import has them dropped),
 * keeping those of the duplicate guard when there are clients from before, and
 * makes them again at the end, also after a cancel or a failure. The note of
 * what was dropped is in the database, so the next crm_store_open() makes
 * them again after a crash. Outside a transaction; each is one of its own. */
gboolean    crm_store_import_drop_indexes         (CrmStore              *self,
                                                   gboolean               keep_duplicate_guard,
                                                   gboolean              *dropped,
                                                   GError               **error);
gboolean    crm_store_import_restore_indexes      (CrmStore              *self,
                                                   GError               **error);

/* After a bulk import: the search documents of the clients the import
 * touched, or the whole index when they are a large part of the base */
gboolean    crm_store_import_write_history        (CrmStore              *self,
                                                   gint64                 import_id,
                                                   GError               **error);
gboolean    crm_store_import_reindex              (CrmStore              *self,
                                                   gint64                 import_id,
                                                   GError               **error);

/* The search index of a big import, built on another thread while the
 * rows go in (crm-store-search-build.c): started after the first batch,
 * told after each commit how far the committed client ids go (and after the
 * last, that it was the last), told of every
 * client a row changed that it had not just added; finish() puts the new
 * index in place and gives the clients to index again. FALSE from finish()
 * (e.g. someone else wrote meanwhile) leaves the index as it was: rebuild
 * with crm_store_import_reindex(). Outside a transaction. */
typedef struct _CrmSearchBuild CrmSearchBuild;

CrmSearchBuild *crm_store_search_build_start     (CrmStore              *store,
                                                  GError               **error);
void        crm_store_search_build_publish        (CrmSearchBuild        *self,
                                                   gint64                 max_id,
                                                   gboolean               last);
void        crm_store_search_build_note_change    (CrmSearchBuild        *self,
                                                   gint64                 company_id);
gboolean    crm_store_search_build_finish         (CrmSearchBuild        *self,
                                                   GArray               **stale_ids,
                                                   GError               **error);
void        crm_store_search_build_free           (CrmSearchBuild        *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmSearchBuild, crm_store_search_build_free)

/* The search documents of these clients, made again in one transaction */
gboolean    crm_store_reindex_clients             (CrmStore              *self,
                                                   GArray                *ids,
                                                   GError               **error);

/* Undoes a finished import in one transaction: deletes the clients and
 * contact persons it added, gives the clients it changed their old values
 * and removes the phones, e-mails and tags it gave them. */
gboolean    crm_store_import_undo                 (CrmStore              *self,
                                                   gint64                 import_id,
                                                   GError               **error);

/* Export: clients and contact persons page by page, in id order, so that
 * a million clients never sit in memory at once */
typedef struct
{
  gint64  id;
  char   *name;
  char   *legal_name;
  char   *tax_id;
  char   *status;
  char   *industry;
  char   *region;
  char   *source;
  char   *city;
  char   *address;
  char   *website;
  char   *manager;
  char   *phones;            /* the client's own numbers, ", " between them */
  char   *emails;            /* the same for e-mail addresses */
  char   *tags;
  gint64  last_contact_at;
  gint64  created_at;
} CrmExportClient;

typedef struct
{
  char *label;               /* may be NULL */
  char *value;
} CrmExportValue;

typedef struct
{
  gint64     id;
  char      *company;
  char      *first_name;
  char      *middle_name;
  char      *last_name;
  char      *full_name;
  char      *position;
  char      *birthday;       /* YYYY-MM-DD */
  char      *notes;
  GPtrArray *phones;         /* CrmExportValue */
  GPtrArray *emails;         /* CrmExportValue */
} CrmExportContact;

typedef struct _CrmStoreCursor CrmStoreCursor;

/* @company_ids: NULL for every client, else these (the cursor takes them) */
CrmStoreCursor *crm_store_export_clients          (CrmStore              *self,
                                                   GArray                *company_ids);
CrmStoreCursor *crm_store_export_contacts         (CrmStore              *self,
                                                   GArray                *company_ids);
/* The clients @filter matches (or their contact persons), paged by id
 * through the filter; the cursor keeps a copy of @filter */
CrmStoreCursor *crm_store_export_filtered_clients (CrmStore              *self,
                                                   CrmClientFilter       *filter);
CrmStoreCursor *crm_store_export_filtered_contacts (CrmStore             *self,
                                                    CrmClientFilter      *filter);
/* The next page of CrmExportClient or CrmExportContact; empty at the end,
 * NULL on error */
GPtrArray      *crm_store_cursor_next_page        (CrmStoreCursor        *cursor,
                                                   GError               **error);
void            crm_store_cursor_free             (CrmStoreCursor        *cursor);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmStoreCursor, crm_store_cursor_free)

G_END_DECLS
