/* crm-store-private.h: what the parts of the store share
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store is one object split over several files by concern
 * (crm-store.c: opening, migrations, clients and search; further
 * crm-store-*.c files for other areas). Only they include this header.
 */

#pragma once

#include <sqlite3.h>

#include "crm-client-row.h"
#include "crm-store.h"
#include "crm-store-import.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

typedef struct _CrmNameKeyCache CrmNameKeyCache;
typedef struct _CrmCheckpointer CrmCheckpointer;

struct _CrmStore
{
  GObject     parent_instance;

  sqlite3    *db;
  GRecMutex   lock;
  GHashTable *statements;    /* const char *sql → sqlite3_stmt */
  GHashTable *in_use;        /* sqlite3_stmt handed out since the outermost lock */
  int         lock_depth;

  char       *path;
  char       *locale;
  char       *backup_path;
  char       *warning;
  int         schema_version;
  gint64      current_user_id;
  guint       created : 1;
  guint       network_fs : 1;
  guint       bulk : 1;
  guint       in_transaction : 1;
  guint       unchecked : 1;       /* foreign keys off for this transaction */
  CrmNameKeyCache *name_keys; /* owned by the connection (crm_name_key) */
  GHashTable *ranks;         /* see rank_of() in crm-store.c */
  CrmCheckpointer *checkpointer; /* see crm_store_set_checkpoints_aside() */
};

/* The store's page cache (PRAGMA cache_size): 64 MiB, the indexes a
 * million clients are sorted by */
#define CRM_STORE_CACHE_PRAGMA "PRAGMA cache_size = -65536"
/* …and its temporary storage, in memory (see _crm_store_set_large_changes()) */
#define CRM_STORE_TEMP_PRAGMA "PRAGMA temp_store = MEMORY"

/* Every public call holds the store's lock (STORE_LOCK at its top); when the
 * outermost one returns, the cached statements it stepped are reset. A
 * statement left on a row keeps a read transaction open, and that would stop
 * WAL checkpoints for good. */
typedef CrmStore StoreGuard;

StoreGuard   *_crm_store_lock                (CrmStore      *self);
void          _crm_store_unlock              (StoreGuard    *self);
void          _crm_store_reset_statements    (CrmStore      *self);
void          _crm_store_checks_off          (CrmStore      *self);
void          _crm_checkpointer_free         (CrmCheckpointer *self);
void          _crm_store_checks_on           (CrmStore      *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StoreGuard, _crm_store_unlock)

#define STORE_LOCK(self) \
  g_autoptr(StoreGuard) G_PASTE (_guard, __LINE__) = _crm_store_lock (self)

/* Statements: _crm_store_cached() takes only string literals (or strings that
 * live as long as the store), since its cache is keyed by their address. */
sqlite3_stmt *_crm_store_cached              (CrmStore      *self,
                                              const char    *sql,
                                              GError       **error);
sqlite3_stmt *_crm_store_prepare             (CrmStore      *self,
                                              const char    *sql,
                                              GError       **error);
gboolean      _crm_store_exec                (CrmStore      *self,
                                              const char    *sql,
                                              GError       **error);
void          _crm_store_keep_wal            (sqlite3       *db);
sqlite3      *_crm_store_open_side           (CrmStore      *self,
                                              const char    *purpose,
                                              GError       **error);
gboolean      _crm_store_try_drop            (CrmStore      *self,
                                              const char    *sql,
                                              gboolean      *dropped,
                                              GError       **error);
gboolean      _crm_store_remake_search_table (CrmStore      *self,
                                              const char    *definition,
                                              gboolean      *remade,
                                              GError       **error);
char *        _crm_store_schema_sql          (CrmStore      *self,
                                              const char    *name,
                                              GError       **error);
gint64        _crm_store_query_int64         (CrmStore      *self,
                                              const char    *sql,
                                              gint64         fallback,
                                              GError       **error);

/* Transactions: a short one of our own, or a savepoint inside the caller's
 * crm_store_begin(). Declare with g_auto() after STORE_LOCK, so that one
 * left open is rolled back before the lock is let go. */
typedef struct
{
  CrmStore *store;
  gboolean  savepoint;
  gboolean  open;
} CrmStoreTx;

gboolean      _crm_store_tx_begin            (CrmStore      *self,
                                              CrmStoreTx    *tx,
                                              GError       **error);
gboolean      _crm_store_tx_commit           (CrmStoreTx    *tx,
                                              GError       **error);
void          _crm_store_tx_rollback         (CrmStoreTx    *tx);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CrmStoreTx, _crm_store_tx_rollback)

/* Errors: translate SQLite's into CRM_STORE_ERROR; always return FALSE */
gboolean      _crm_store_set_error           (CrmStore      *self,
                                              GError       **error);
gboolean      _crm_store_set_error_code      (CrmStore      *self,
                                              GError       **error,
                                              int            rc,
                                              const char    *detail);
gboolean      _crm_store_constraint_error    (CrmStore      *self,
                                              GError       **error);
gboolean      _crm_require_text              (const char    *value,
                                              const char    *field,
                                              GError       **error);

void          _crm_bind_text_or_null         (sqlite3_stmt  *stmt,
                                              int            index,
                                              const char    *text);
void          _crm_bind_id_or_null           (sqlite3_stmt  *stmt,
                                              int            index,
                                              gint64         id);
char         *_crm_column_dup                (sqlite3_stmt  *stmt,
                                              int            column);
gint64        _crm_now_utc                   (void);
gboolean      _crm_store_company_exists      (CrmStore      *self,
                                              gint64         company_id,
                                              GError       **error);
char         *_crm_sort_key                  (const char    *text);


/* A client's search document: its name, then everything else it is found by */
#define SEARCH_DOCUMENT_SQL \
  "SELECT c.id, replace (replace (c.name, 'ё', 'е'), 'Ё', 'Е'), replace (replace (" \
  "  coalesce (c.legal_name, '') || ' ' || coalesce (c.tax_id, '') || ' ' || coalesce (c.city, '') || ' ' || " \
  "  coalesce (c.website, '') || ' ' || " \
  "  coalesce ((SELECT group_concat (full_name, ' ') FROM contacts WHERE company_id = c.id), '') || ' ' || " \
  "  coalesce ((SELECT group_concat (search_terms, ' ') FROM phones WHERE company_id = c.id), '') || ' ' || " \
  "  coalesce ((SELECT group_concat (address, ' ') FROM emails WHERE company_id = c.id), '') || ' ' || " \
  "  coalesce ((SELECT group_concat (t.name, ' ') FROM company_tags ct JOIN tags t ON t.id = ct.tag_id " \
  "             WHERE ct.company_id = c.id), '') || ' ' || " \
  "  coalesce ((SELECT group_concat (v.value, ' ') FROM custom_values v JOIN custom_fields f ON f.id = v.field_id " \
  "             WHERE v.company_id = c.id AND f.kind = 'text'), ''), " \
  "  'ё', 'е'), 'Ё', 'Е') " \
  "FROM companies c "

/* Keeps the client's search document; a no-op in bulk mode */
gboolean      _crm_store_reindex_company     (CrmStore      *self,
                                              gint64         company_id,
                                              GError       **error);

const char   *_crm_store_environment_locale  (void);

gboolean      _crm_store_set_large_changes   (CrmStore             *self,
                                              gboolean              large,
                                              GError              **error);
/* The one INSERT of a company, for crm_store_add_company() and the importer:
 * import_id 0 for none, updated_at 0 for "as created" */
gint64        _crm_store_insert_company      (CrmStore             *self,
                                              const CrmCompanyData *data,
                                              const CrmImportKeys  *keys,
                                              gint64                import_id,
                                              gint64                updated_at,
                                              GError              **error);
/* Makes again the indexes a big import dropped, when an import was cut
 * short by a crash (crm-store-import.c); run by crm_store_open() */
gboolean      _crm_store_import_recover      (CrmStore             *self,
                                              GError              **error);
/* "Иванов Иван Петрович" in Russian, "John Peter Smith" otherwise */
char         *_crm_join_name                 (const char           *locale,
                                              const char           *first,
                                              const char           *middle,
                                              const char           *last);

/* ORDER BY clauses of the client list, each matching one index of companies
 * (0001-initial.sql); defined in crm-store.c */
extern const char * const _crm_client_order_asc[CRM_CLIENT_N_SORTS];
extern const char * const _crm_client_order_desc[CRM_CLIENT_N_SORTS];

G_END_DECLS
