/* crm-store.c
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/statfs.h>

#include "crm-client-row.h"
#include "crm-core-resources.h"
#include "crm-documents.h"
#include "crm-normalize.h"
#include "crm-phone.h"
#include "crm-store-private.h"
#include "crm-types-private.h"

/* 'RAPT': marks the file as a Rapport database (PRAGMA application_id) */
#define CRM_APPLICATION_ID 0x52415054
#define MIGRATIONS_PATH "/io/github/rapportcrm/Rapport/store/migrations/"
#define NO_RANK G_MAXINT32
/* U+10FFFF: empty cities sort after every real one */
#define SORT_LAST "\xf4\x8f\xbf\xbf"


G_DEFINE_FINAL_TYPE (CrmStore, crm_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (crm-store-error-quark, crm_store_error)

void
_crm_store_reset_statements (CrmStore *self)
{
  GHashTableIter iter;
  gpointer stmt;

  g_hash_table_iter_init (&iter, self->in_use);
  while (g_hash_table_iter_next (&iter, &stmt, NULL))
    sqlite3_reset (stmt);
  g_hash_table_remove_all (self->in_use);
}

StoreGuard *
_crm_store_lock (CrmStore *self)
{
  g_rec_mutex_lock (&self->lock);
  self->lock_depth++;
  return self;
}

void
_crm_store_unlock (StoreGuard *self)
{
  if (--self->lock_depth == 0)
    _crm_store_reset_statements (self);
  g_rec_mutex_unlock (&self->lock);
}



static void
crm_store_finalize (GObject *object)
{
  CrmStore *self = (CrmStore *)object;

  g_clear_pointer (&self->checkpointer, _crm_checkpointer_free);
  g_clear_pointer (&self->in_use, g_hash_table_unref);
  g_clear_pointer (&self->ranks, g_hash_table_unref);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    {
      /* the WAL stays, not checkpointed (see _crm_store_keep_wal) */
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  g_free (self->path);
  g_free (self->locale);
  g_free (self->backup_path);
  g_free (self->warning);
  g_rec_mutex_clear (&self->lock);

  G_OBJECT_CLASS (crm_store_parent_class)->finalize (object);
}

static void
crm_store_class_init (CrmStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = crm_store_finalize;

  /* SQLite counts its memory under a process-wide mutex, taken by every
   * allocation (a tenth of a CSV import); nothing here reads the counts.
   * Only possible before SQLite's first use: otherwise a harmless error. */
  sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
}

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static void
crm_store_init (CrmStore *self)
{
  g_rec_mutex_init (&self->lock);
  self->statements = g_hash_table_new_full (NULL, NULL, NULL,
                                            finalize_statement);
  self->in_use = g_hash_table_new (NULL, NULL);
  self->ranks = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

/* Errors */

gboolean
_crm_store_set_error_code (CrmStore    *self,
                GError     **error,
                int          rc,
                const char  *detail)
{
  const char *path = self->path ? self->path : "";
  int primary = rc & 0xff;

  switch (primary)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_BUSY,
                   _("The database “%s” is locked by another program. Close it and try again."),
                   path);
      break;
    case SQLITE_FULL:
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_FULL,
                   _("The disk holding “%s” is full; nothing was saved by the last action. "
                     "Free some space and try again."), path);
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_READ_ONLY,
                   _("The database “%s” cannot be written: %s"), path, detail);
      break;
    case SQLITE_CANTOPEN:
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_OPEN,
                   _("The database “%s” cannot be opened: %s"), path, detail);
      break;
    case SQLITE_CORRUPT:
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CORRUPT,
                   _("The database “%s” is damaged (%s). Restore it from a backup copy."),
                   path, detail);
      break;
    case SQLITE_NOTADB:
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Rapport database."), path);
      break;
    case SQLITE_CONSTRAINT:
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT,
                   _("The value breaks a rule of the database: %s"), detail);
      break;
    case SQLITE_INTERRUPT:
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CANCELLED,
                   _("The operation was cancelled."));
      break;
    default:
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_QUERY,
                   _("The database “%s” failed: %s"), path, detail);
      break;
    }

  return FALSE;
}

gboolean
_crm_store_set_error (CrmStore  *self,
           GError   **error)
{
  return _crm_store_set_error_code (self, error, sqlite3_extended_errcode (self->db),
                         sqlite3_errmsg (self->db));
}

/* Statements */

gboolean
_crm_store_exec (CrmStore    *self,
      const char  *sql,
      GError     **error)
{
  char *message = NULL;
  int rc;

  rc = sqlite3_exec (self->db, sql, NULL, NULL, &message);
  if (rc != SQLITE_OK)
    {
      _crm_store_set_error_code (self, error, sqlite3_extended_errcode (self->db),
                      message ? message : sqlite3_errstr (rc));
      sqlite3_free (message);
      return FALSE;
    }

  return TRUE;
}

/* A DROP fails (SQLITE_LOCKED) while a statement of the connection is still
 * running, e.g. the cursor of an export; *dropped says whether it went
 * through, and without it the caller takes a slower way that needs none */
gboolean
_crm_store_try_drop (CrmStore    *self,
                     const char  *sql,
                     gboolean    *dropped,
                     GError     **error)
{
  int rc;

  _crm_store_reset_statements (self);
  rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  *dropped = rc == SQLITE_OK;
  if (rc == SQLITE_OK || (rc & 0xff) == SQLITE_LOCKED)
    return TRUE;

  return _crm_store_set_error (self, error);
}

/* Returns a cached, reset statement for a static SQL string. The cache is keyed
 * by the string's address, so pass only literals. */
sqlite3_stmt *
_crm_store_cached (CrmStore    *self,
        const char  *sql,
        GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt == NULL)
    {
      if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
        {
          _crm_store_set_error (self, error);
          return NULL;
        }
      g_hash_table_insert (self->statements, (gpointer)sql, stmt);
    }
  else
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }

  g_hash_table_add (self->in_use, stmt);

  return stmt;
}

sqlite3_stmt *
_crm_store_prepare (CrmStore    *self,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      _crm_store_set_error (self, error);
      return NULL;
    }

  return stmt;
}

void
_crm_bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text != NULL && *text != '\0')
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

void
_crm_bind_id_or_null (sqlite3_stmt *stmt,
                 int           index,
                 gint64        id)
{
  if (id > 0)
    sqlite3_bind_int64 (stmt, index, id);
  else
    sqlite3_bind_null (stmt, index);
}

char *
_crm_column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *)sqlite3_column_text (stmt, column));
}

gint64
_crm_store_query_int64 (CrmStore    *self,
             const char  *sql,
             gint64       fallback,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!(stmt = _crm_store_prepare (self, sql, error)))
    return fallback;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc != SQLITE_DONE)
    _crm_store_set_error (self, error);

  return fallback;
}

/* The CREATE statement of a table, index or trigger, as the schema keeps it */
char *
_crm_store_schema_sql (CrmStore    *self,
                       const char  *name,
                       GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!(stmt = _crm_store_prepare (self, "SELECT sql FROM sqlite_schema WHERE name = ?1 AND sql IS NOT NULL", error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return _crm_column_dup (stmt, 0);
  if (rc != SQLITE_DONE)
    _crm_store_set_error (self, error);
  else
    g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CORRUPT, "The database has no “%s”", name);

  return NULL;
}

gint64
_crm_now_utc (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

char *
_crm_sort_key (const char *text)
{
  if (text == NULL || *text == '\0')
    return g_strdup (SORT_LAST);

  /* ё sorts and matches as е, the way Russian dictionaries order it */
  return crm_normalize_fold (text);
}

/* Locale */

const char *
_crm_store_environment_locale (void)
{
  static const char * const variables[] = { "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG" };

  for (guint i = 0; i < G_N_ELEMENTS (variables); i++)
    {
      const char *value = g_getenv (variables[i]);

      if (value == NULL || *value == '\0')
        continue;

      return g_str_has_prefix (value, "ru") ? "ru" : "en";
    }

  return "en";
}

/* Default dictionaries, written when a database is created, in its language */

typedef struct
{
  const char *kind;
  const char *en;
  const char *ru;
} DefaultValue;

static const DefaultValue default_values[] = {
  { "status", "New lead", "Новый лид" },
  { "status", "Qualified", "Квалифицирован" },
  { "status", "Negotiation", "Переговоры" },
  { "status", "Client", "Клиент" },
  { "status", "Regular client", "Постоянный клиент" },
  { "status", "Inactive", "Неактивен" },
  { "status", "Lost", "Потерян" },

  { "industry", "Agriculture", "Сельское хозяйство" },
  { "industry", "Construction", "Строительство" },
  { "industry", "Education", "Образование" },
  { "industry", "Energy", "Энергетика" },
  { "industry", "Finance and insurance", "Финансы и страхование" },
  { "industry", "Food production", "Пищевое производство" },
  { "industry", "Healthcare", "Здравоохранение" },
  { "industry", "Hospitality", "Гостиничный бизнес" },
  { "industry", "IT and software", "ИТ и программное обеспечение" },
  { "industry", "Logistics", "Логистика" },
  { "industry", "Manufacturing", "Промышленность" },
  { "industry", "Media and advertising", "Медиа и реклама" },
  { "industry", "Public sector", "Госсектор" },
  { "industry", "Real estate", "Недвижимость" },
  { "industry", "Retail", "Розничная торговля" },
  { "industry", "Services", "Услуги" },
  { "industry", "Telecommunications", "Телекоммуникации" },
  { "industry", "Wholesale", "Оптовая торговля" },

  { "source", "Website", "Сайт" },
  { "source", "Referral", "Рекомендация" },
  { "source", "Cold call", "Холодный звонок" },
  { "source", "Exhibition", "Выставка" },
  { "source", "Advertising", "Реклама" },
  { "source", "Social media", "Социальные сети" },
  { "source", "Partner", "Партнёр" },
  { "source", "Tender", "Тендер" },
};

static const char * const default_regions_en[] = {
  "California", "England", "Florida", "Illinois", "Massachusetts", "New York", "Scotland",
  "Texas", "Washington",
};

static const char * const default_regions_ru[] = {
  "Москва", "Санкт-Петербург", "Московская область", "Ленинградская область",
  "Свердловская область", "Новосибирская область", "Республика Татарстан",
  "Краснодарский край", "Нижегородская область",
};

static gboolean
insert_dictionary_value (CrmStore    *self,
                         const char  *kind,
                         const char  *name,
                         int          position,
                         GError     **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_cached (self, "INSERT INTO dictionary (kind, name, position) VALUES (?1, ?2, ?3)", error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, position);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _crm_store_set_error (self, error);

  return TRUE;
}

/* Non-status dictionaries are alphabetical; renumber after a change so the
 * client list can sort by position. The trigger copies only changed positions. */
static gboolean
renumber_alphabetically (CrmStore    *self,
                         const char  *kind,
                         GError     **error)
{
  sqlite3_stmt *stmt;

  if (g_strcmp0 (kind, "status") == 0)
    return TRUE;

  stmt = _crm_store_cached (self,
                 "UPDATE dictionary SET position = "
                 "  (SELECT count(*) FROM dictionary d WHERE d.kind = dictionary.kind AND d.name < dictionary.name) "
                 "WHERE kind = ?1 AND position <> "
                 "  (SELECT count(*) FROM dictionary d WHERE d.kind = dictionary.kind AND d.name < dictionary.name)",
                 error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _crm_store_set_error (self, error);

  return TRUE;
}

static gboolean
seed_defaults (CrmStore    *self,
               GError     **error)
{
  gboolean ru = g_strcmp0 (self->locale, "ru") == 0;
  const char * const *regions = ru ? default_regions_ru : default_regions_en;
  guint n_regions = ru ? G_N_ELEMENTS (default_regions_ru) : G_N_ELEMENTS (default_regions_en);
  int position = 0;

  for (guint i = 0; i < G_N_ELEMENTS (default_values); i++)
    {
      const DefaultValue *value = &default_values[i];

      if (i > 0 && g_strcmp0 (default_values[i - 1].kind, value->kind) != 0)
        position = 0;
      if (!insert_dictionary_value (self, value->kind, ru ? value->ru : value->en, position++, error))
        return FALSE;
    }

  for (guint i = 0; i < n_regions; i++)
    if (!insert_dictionary_value (self, "region", regions[i], i, error))
      return FALSE;

  return renumber_alphabetically (self, "industry", error) &&
         renumber_alphabetically (self, "region", error) &&
         renumber_alphabetically (self, "source", error);
}

/* Opening */

char *
crm_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "rapport", "rapport.db", NULL);
}

/* The schema version is that of the newest migration built in; each
 * migration is a resource named NNNN-what.sql. */
static void
register_resources (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      crm_core_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}

int
crm_store_supported_schema_version (void)
{
  g_auto(GStrv) children = NULL;
  int version = 0;

  register_resources ();
  children = g_resources_enumerate_children (MIGRATIONS_PATH, 0, NULL);

  for (guint i = 0; children != NULL && children[i] != NULL; i++)
    version = MAX (version, (int)g_ascii_strtoll (children[i], NULL, 10));

  return version;
}

/* SQL functions the migrations and queries use: crm_name_key (name) and
 * crm_domain (website or e-mail), both from crm-normalize.c */
/* The last name and its key, per connection: a row of an import asks for the
 * key of the same name twice, once to look for its client and once to add it
 * (3 % of a big import) */
struct _CrmNameKeyCache
{
  char *name;
  char *key;
};

static void
name_key_cache_free (void *data)
{
  CrmNameKeyCache *cache = data;

  g_free (cache->name);
  g_free (cache->key);
  g_free (cache);
}

static const char *
cached_name_key (CrmNameKeyCache *cache,
                 const char      *name)
{
  if (name == NULL)
    name = "";
  if (cache->name == NULL || strcmp (cache->name, name) != 0)
    {
      g_free (cache->name);
      g_free (cache->key);
      cache->name = g_strdup (name);
      cache->key = crm_normalize_name_key (name);
    }

  return cache->key;
}

static void
sql_name_key (sqlite3_context  *context,
              int               argc,
              sqlite3_value   **argv)
{
  const char *key = cached_name_key (sqlite3_user_data (context), (const char *)sqlite3_value_text (argv[0]));

  sqlite3_result_text (context, key, -1, SQLITE_TRANSIENT);
}

/* crm_fold (text): case folded, ё as е; for searching a client's history */
static void
sql_fold (sqlite3_context  *context,
          int               argc,
          sqlite3_value   **argv)
{
  const char *text = (const char *)sqlite3_value_text (argv[0]);

  if (text == NULL)
    {
      sqlite3_result_null (context);
      return;
    }
  sqlite3_result_text (context, crm_normalize_fold (text), -1, g_free);
}

static void
sql_domain (sqlite3_context  *context,
            int               argc,
            sqlite3_value   **argv)
{
  char *domain = crm_normalize_domain ((const char *)sqlite3_value_text (argv[0]));

  if (domain != NULL)
    sqlite3_result_text (context, domain, -1, g_free);
  else
    sqlite3_result_null (context);
}

/* crm_forget_ranks (): called by the temporary triggers of watch_ranks() */
static void
sql_forget_ranks (sqlite3_context  *context,
                  int               argc,
                  sqlite3_value   **argv)
{
  CrmStore *self = sqlite3_user_data (context);

  g_hash_table_remove_all (self->ranks);
  sqlite3_result_null (context);
}

static gboolean
register_functions (CrmStore  *self,
                    GError   **error)
{
  const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;

  self->name_keys = g_new0 (CrmNameKeyCache, 1);
  if (sqlite3_create_function_v2 (self->db, "crm_name_key", 1, flags, self->name_keys, sql_name_key,
                                  NULL, NULL, name_key_cache_free) != SQLITE_OK ||
      sqlite3_create_function (self->db, "crm_domain", 1, flags, NULL, sql_domain, NULL, NULL) != SQLITE_OK ||
      sqlite3_create_function (self->db, "crm_fold", 1, flags, NULL, sql_fold, NULL, NULL) != SQLITE_OK ||
      sqlite3_create_function (self->db, "crm_forget_ranks", 0, SQLITE_UTF8 | SQLITE_DIRECTONLY, self,
                               sql_forget_ranks, NULL, NULL) != SQLITE_OK)
    return _crm_store_set_error (self, error);

  return TRUE;
}

/* The ranks a new client copies, so that the list sorts by an index: the
 * position of its status, industry and region among their dictionary's
 * values, its manager's rank among the users. */
enum { RANK_STATUS, RANK_INDUSTRY, RANK_REGION, RANK_MANAGER, RANK_N_KINDS };

/* Inside a transaction of crm_store_begin() (an import's batches) they are
 * remembered, a look-up for each per client being a twentieth of a big
 * import's writing: no other connection writes while it lasts, and this
 * connection's own changes to positions or ranks forget them all (the
 * triggers of watch_ranks()). */
static gboolean
rank_of (CrmStore  *self,
         guint      kind,
         gint64     id,
         gint64    *rank,
         GError   **error)
{
  static const char * const kinds[] = { "status", "industry", "region" };
  gint64 key = id * RANK_N_KINDS + kind;
  gint64 *known;
  sqlite3_stmt *stmt;
  int rc;

  *rank = NO_RANK;
  if (id <= 0)
    return TRUE;

  if (self->in_transaction && (known = g_hash_table_lookup (self->ranks, &key)) != NULL)
    {
      *rank = known[1];
      return TRUE;
    }

  if (kind == RANK_MANAGER)
    stmt = _crm_store_cached (self, "SELECT sort_rank FROM users WHERE id = ?1", error);
  else
    stmt = _crm_store_cached (self, "SELECT position FROM dictionary WHERE id = ?1 AND kind = ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (kind != RANK_MANAGER)
    sqlite3_bind_text (stmt, 2, kinds[kind], -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *rank = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _crm_store_set_error (self, error);

  if (self->in_transaction)
    {
      known = g_new (gint64, 2);
      known[0] = key;
      known[1] = *rank;
      g_hash_table_insert (self->ranks, known, known);
    }

  return TRUE;
}

/* Any change this connection makes to a position or a rank (an import adds
 * an industry: the others are numbered again), or a value or user gone
 * whose id may be given again, forgets the remembered ranks */
static gboolean
watch_ranks (CrmStore  *self,
             GError   **error)
{
  return _crm_store_exec (self,
                          "CREATE TEMP TRIGGER IF NOT EXISTS forget_dictionary_ranks "
                          "AFTER UPDATE OF position ON main.dictionary BEGIN SELECT crm_forget_ranks (); END;"
                          "CREATE TEMP TRIGGER IF NOT EXISTS forget_removed_value "
                          "AFTER DELETE ON main.dictionary BEGIN SELECT crm_forget_ranks (); END;"
                          "CREATE TEMP TRIGGER IF NOT EXISTS forget_user_ranks "
                          "AFTER UPDATE OF sort_rank ON main.users BEGIN SELECT crm_forget_ranks (); END;"
                          "CREATE TEMP TRIGGER IF NOT EXISTS forget_removed_user "
                          "AFTER DELETE ON main.users BEGIN SELECT crm_forget_ranks (); END;",
                          error);
}

/**
 * _crm_store_set_large_changes:
 *
 * A statement that changes a large part of the base inside a transaction
 * (undoing a big import) keeps a journal of every page it changes, to take
 * itself back alone: in memory while temp_store is MEMORY, and undoing a
 * million imported clients grew the process by 700 MB. With @large such
 * journals (and other temporary storage) go to temporary files instead;
 * without, back to memory. Changing temp_store drops the connection's TEMP
 * objects: the triggers of watch_ranks() are made again. Outside a
 * transaction.
 */
gboolean
_crm_store_set_large_changes (CrmStore  *self,
                              gboolean   large,
                              GError   **error)
{
  return _crm_store_exec (self, large ? "PRAGMA temp_store = FILE" : CRM_STORE_TEMP_PRAGMA, error) &&
         watch_ranks (self, error);
}

static gboolean
is_network_filesystem (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  struct statfs buf;

  if (g_strcmp0 (g_getenv ("RAPPORT_ASSUME_NETWORK_FS"), "1") == 0)
    return TRUE;

  if (statfs (dir, &buf) != 0)
    return FALSE;

  switch ((unsigned long)buf.f_type)
    {
    case 0x6969UL:      /* NFS */
    case 0x517BUL:      /* SMB */
    case 0xFF534D42UL:  /* CIFS */
    case 0xFE534D42UL:  /* SMB2 */
    case 0x65735546UL:  /* FUSE (sshfs, gvfs, …) */
    case 0x01021997UL:  /* 9P */
    case 0x00C36400UL:  /* Ceph */
    case 0x47504653UL:  /* GPFS */
    case 0x0BD00BD0UL:  /* Lustre */
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
backup_to (CrmStore         *self,
           const char       *destination,
           CrmProgressFunc   progress,
           gpointer          user_data,
           GCancellable     *cancellable,
           GError          **error)
{
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc;

  rc = sqlite3_open_v2 (destination, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_OPEN,
                   _("Cannot write the backup copy “%s”: %s"), destination,
                   dest ? sqlite3_errmsg (dest) : sqlite3_errstr (rc));
      sqlite3_close (dest);
      return FALSE;
    }

  backup = sqlite3_backup_init (dest, "main", self->db, "main");
  if (backup == NULL)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_QUERY,
                   _("Cannot write the backup copy “%s”: %s"), destination, sqlite3_errmsg (dest));
      sqlite3_close (dest);
      return FALSE;
    }

  /* A few thousand pages a step: other work on the database goes on between steps */
  do
    {
      rc = sqlite3_backup_step (backup, 4096);
      if (progress != NULL && sqlite3_backup_pagecount (backup) > 0)
        progress (1.0 - (double)sqlite3_backup_remaining (backup) / sqlite3_backup_pagecount (backup),
                  _("Copying the database"), user_data);
      if (g_cancellable_is_cancelled (cancellable))
        break;
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);

  sqlite3_backup_finish (backup);

  if (g_cancellable_is_cancelled (cancellable))
    {
      sqlite3_close (dest);
      g_unlink (destination);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The backup was cancelled."));
      return FALSE;
    }

  if (rc != SQLITE_DONE)
    {
      g_set_error (error, CRM_STORE_ERROR, rc == SQLITE_FULL ? CRM_STORE_ERROR_FULL : CRM_STORE_ERROR_QUERY,
                   _("Cannot write the backup copy “%s”: %s"), destination, sqlite3_errstr (rc));
      sqlite3_close (dest);
      g_unlink (destination);
      return FALSE;
    }

  rc = sqlite3_close (dest);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_QUERY,
                   _("Cannot write the backup copy “%s”: %s"), destination, sqlite3_errstr (rc));
      return FALSE;
    }

  return TRUE;
}

static gboolean rebuild_search_documents (CrmStore  *self,
                                          GError   **error);

typedef struct
{
  const char *en;
  const char *ru;
  gboolean    asks_reason;
  const char *reasons_en;   /* one a line */
  const char *reasons_ru;
} DefaultOutcome;

/* Outcomes of calls and meetings, as a sales department uses them: those of
 * the demo data among them */
static const DefaultOutcome default_outcomes[] = {
  { "Reached", "Дозвонились" },
  { "No answer", "Нет ответа" },
  { "Busy", "Занято" },
  { "Left a voicemail", "Секретарь не соединил" },
  { "Call back", "Перезвонить" },
  { "Meeting scheduled", "Договорились о встрече" },
  { "Send a quote", "Отправить КП" },
  { "Order", "Заказ" },
  { "Held", "Состоялась" },
  { "Rescheduled", "Перенесена" },
  { "Contract signed", "Заключён договор" },
  { "Not interested", "Отказ", TRUE,
    "Too expensive\nHas a supplier\nNo need\nNo budget\nOther",
    "Дорого\nЕсть поставщик\nНет потребности\nНет бюджета\nДругое" },
  { "Complaint", "Жалоба", TRUE,
    "Delivery\nQuality\nService\nDocuments\nOther",
    "Доставка\nКачество\nОбслуживание\nДокументы\nДругое" },
};

static gboolean
seed_outcomes (CrmStore  *self,
               GError   **error)
{
  g_autoptr(sqlite3_stmt) stored = NULL;
  g_autoptr(sqlite3_stmt) outcome = NULL;
  g_autoptr(sqlite3_stmt) reason = NULL;
  gboolean ru;

  /* an old database has its language stored; a new one gets it after this
   * (not through a cached statement: those are reset only when the store's
   * outermost call returns, and opening is one) */
  if (!(stored = _crm_store_prepare (self, "SELECT value FROM settings WHERE key = 'locale'", error)))
    return FALSE;
  if (sqlite3_step (stored) == SQLITE_ROW)
    ru = g_strcmp0 ((const char *)sqlite3_column_text (stored, 0), "ru") == 0;
  else
    ru = g_strcmp0 (self->locale, "ru") == 0;
  sqlite3_reset (stored);

  if (!(outcome = _crm_store_prepare (self, "INSERT OR IGNORE INTO outcomes (name, position, asks_reason) "
                                            "VALUES (?1, ?2, ?3)", error)) ||
      !(reason = _crm_store_prepare (self, "INSERT OR IGNORE INTO outcome_reasons (outcome_id, name, position) "
                                           "SELECT id, ?2, ?3 FROM outcomes WHERE name = ?1", error)))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (default_outcomes); i++)
    {
      const DefaultOutcome *o = &default_outcomes[i];
      const char *name = ru ? o->ru : o->en;
      g_auto(GStrv) reasons = NULL;

      sqlite3_bind_text (outcome, 1, name, -1, SQLITE_STATIC);
      sqlite3_bind_int (outcome, 2, i);
      sqlite3_bind_int (outcome, 3, o->asks_reason);
      if (sqlite3_step (outcome) != SQLITE_DONE)
        return _crm_store_set_error (self, error);
      sqlite3_reset (outcome);

      reasons = g_strsplit ((ru ? o->reasons_ru : o->reasons_en) ? (ru ? o->reasons_ru : o->reasons_en) : "",
                            "\n", -1);
      for (guint r = 0; reasons[r] != NULL && *reasons[r] != '\0'; r++)
        {
          sqlite3_bind_text (reason, 1, name, -1, SQLITE_STATIC);
          sqlite3_bind_text (reason, 2, reasons[r], -1, SQLITE_STATIC);
          sqlite3_bind_int (reason, 3, r);
          if (sqlite3_step (reason) != SQLITE_DONE)
            return _crm_store_set_error (self, error);
          sqlite3_reset (reason);
        }
    }

  /* the outcomes the history already holds stay choosable, after the others */
  return _crm_store_exec (self,
                          "INSERT OR IGNORE INTO outcomes (name, position) "
                          "SELECT outcome, 1000 + row_number () OVER (ORDER BY outcome) FROM "
                          "  (SELECT DISTINCT outcome FROM history WHERE outcome IS NOT NULL AND outcome <> '')",
                          error);
}

/* What a migration needs done in C, inside its transaction */
static gboolean
after_migration (CrmStore  *self,
                 int        version,
                 GError   **error)
{
  switch (version)
    {
    case 3:
      /* the search document gained tags and user-defined text fields */
      return rebuild_search_documents (self, error);
    case 4:
      /* the outcome dictionary, in the database's language */
      return seed_outcomes (self, error);
    case 6:
      /* the search index was made again without positions */
      return rebuild_search_documents (self, error);
    default:
      return TRUE;
    }
}

static gboolean
run_migration (CrmStore    *self,
               int          version,
               GError     **error)
{
  g_autofree char *name = g_strdup_printf ("%04d-", version);
  g_autofree char *sql = NULL;
  g_autofree char *set_version = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_auto(GStrv) children = NULL;

  children = g_resources_enumerate_children (MIGRATIONS_PATH, 0, error);
  if (children == NULL)
    return FALSE;

  for (guint i = 0; children[i] != NULL; i++)
    {
      if (g_str_has_prefix (children[i], name))
        {
          g_autofree char *path = g_strconcat (MIGRATIONS_PATH, children[i], NULL);

          bytes = g_resources_lookup_data (path, 0, error);
          if (bytes == NULL)
            return FALSE;
          break;
        }
    }

  if (bytes == NULL)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_QUERY,
                   "No migration to schema version %d is built in", version);
      return FALSE;
    }

  sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  set_version = g_strdup_printf ("PRAGMA user_version = %d", version);

  if (!_crm_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (!_crm_store_exec (self, sql, error) ||
      (version == 1 && !_crm_store_exec (self, "PRAGMA application_id = 1380012116", error)) ||
      (version == 1 && !seed_defaults (self, error)) ||
      !after_migration (self, version, error) ||
      !_crm_store_exec (self, set_version, error) ||
      !_crm_store_exec (self, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      g_prefix_error (error, _("Upgrading the database to version %d failed; it was left as it was. "), version);
      return FALSE;
    }

  return TRUE;
}

static gboolean
has_tables (CrmStore  *self,
            GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 n;

  n = _crm_store_query_int64 (self, "SELECT count(*) FROM sqlite_schema", -1, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return n > 0;
}

static gboolean
migrate (CrmStore          *self,
         CrmStoreOpenFlags  flags,
         GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 app_id;
  int version;
  gboolean tables;
  int supported = crm_store_supported_schema_version ();

  version = _crm_store_query_int64 (self, "PRAGMA user_version", -1, error);
  if (version < 0)
    return FALSE;
  app_id = _crm_store_query_int64 (self, "PRAGMA application_id", -1, error);
  if (app_id < 0)
    return FALSE;
  tables = has_tables (self, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (app_id != CRM_APPLICATION_ID && (tables || version != 0))
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is an SQLite database of another program, not a Rapport database. "
                     "It was not changed."), self->path);
      return FALSE;
    }

  if (version > supported)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_TOO_NEW,
                   _("“%s” was written by a newer version of Rapport (database version %d; this "
                     "version reads up to %d). Update Rapport to open it; the file was not changed."),
                   self->path, version, supported);
      return FALSE;
    }

  self->created = (version == 0);

  if (version > 0 && version < supported && !(flags & CRM_STORE_OPEN_NO_BACKUP))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
      g_autofree char *backup = g_strdup_printf ("%s.v%d-%s.bak", self->path, version, stamp);

      if (!backup_to (self, backup, NULL, NULL, NULL, error))
        {
          g_prefix_error (error, _("The database was not upgraded, because its backup copy failed. "));
          return FALSE;
        }
      self->backup_path = g_steal_pointer (&backup);
    }

  for (int v = version + 1; v <= supported; v++)
    if (!run_migration (self, v, error))
      return FALSE;

  self->schema_version = MAX (version, supported);

  return TRUE;
}

static gboolean
load_locale (CrmStore    *self,
             const char  *locale,
             GError     **error)
{
  g_autofree char *stored = crm_store_get_setting (self, "locale");

  if (stored != NULL)
    {
      g_free (self->locale);
      self->locale = g_steal_pointer (&stored);
      return TRUE;
    }

  return crm_store_set_setting (self, "locale", self->locale, error);
}

static gboolean
ensure_current_user (CrmStore  *self,
                     GError   **error)
{
  const char *login = g_get_user_name ();
  const char *real_name = g_get_real_name ();
  sqlite3_stmt *stmt;
  gint64 n_users;
  CrmUserData data = { 0 };

  if (!(stmt = _crm_store_cached (self, "SELECT id FROM users WHERE login = ?1", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, login, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      self->current_user_id = sqlite3_column_int64 (stmt, 0);
      return TRUE;
    }

  n_users = _crm_store_query_int64 (self, "SELECT count(*) FROM users", -1, error);
  if (n_users < 0)
    return FALSE;

  data.login = login;
  data.full_name = (real_name && *real_name && g_strcmp0 (real_name, "Unknown") != 0) ? real_name : login;
  /* The first person to open a database administers it */
  data.role = n_users == 0 ? "admin" : "sales";
  data.active = TRUE;

  self->current_user_id = crm_store_add_user (self, &data, error);

  return self->current_user_id > 0;
}

/* POSIX locks belong to the process: when anything in it opens and closes
 * the database file outside SQLite, every lock SQLite holds on it is gone.
 * GIO does just that, reading a file's first bytes to guess its type,
 * whenever a file chooser lists the database's folder (an export saved next
 * to it). Another program that opened and closed the database afterwards
 * took itself for the last one: it copied the WAL into the database without
 * heeding our readers and deleted the WAL and its shared memory while this
 * process still wrote to them, and all it wrote from then on was lost (found
 * by trying it: export, then any rapport-cli command, then a new client).
 * So no connection of ours checkpoints on closing or deletes the WAL; the
 * checkpoints happen as commits go, under the WAL's own locks, and
 * journal_size_limit keeps the file small. */
void
_crm_store_keep_wal (sqlite3 *db)
{
  int on = 1;

  sqlite3_file_control (db, "main", SQLITE_FCNTL_PERSIST_WAL, &on);
  sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
}

/* Another connection to the store's database, for a thread of the store
 * (the search index of a big import, checkpoints): no mutex of its own, the
 * WAL kept as the store's connection keeps it, and found already (a
 * connection finds it at its first read; until then a checkpoint does
 * nothing). No busy handler: the caller sets one if it wants to wait. */
sqlite3 *
_crm_store_open_side (CrmStore    *self,
                      const char  *purpose,
                      GError     **error)
{
  sqlite3 *db = NULL;

  /* (CREATE for the files it attaches, e.g. the search index's scratch) */
  if (sqlite3_open_v2 (self->path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                       NULL) == SQLITE_OK)
    {
      _crm_store_keep_wal (db);
      if (sqlite3_exec (db, "PRAGMA schema_version", NULL, NULL, NULL) == SQLITE_OK)
        return db;
    }

  g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_OPEN, "%s: %s", purpose,
               db ? sqlite3_errmsg (db) : "out of memory");
  sqlite3_close (db);

  return NULL;
}

static gboolean
configure (CrmStore  *self,
           GError   **error)
{
  if (self->network_fs)
    {
      /* WAL needs shared memory, which network filesystems do not give */
      if (!_crm_store_exec (self, "PRAGMA journal_mode = DELETE", error))
        return FALSE;
      self->warning = g_strdup_printf (_("“%s” is on a network filesystem. Rapport opened it in the "
                                         "slower rollback-journal mode; do not open it from two "
                                         "computers at once. A team that shares a database should "
                                         "use the server mode."), self->path);
    }
  else if (!_crm_store_exec (self, "PRAGMA journal_mode = WAL", error))
    return FALSE;

  /* (a file refused as newer or foreign is left as it was, WAL and all) */
  _crm_store_keep_wal (self->db);

  return _crm_store_exec (self,
               "PRAGMA synchronous = NORMAL;"
               "PRAGMA foreign_keys = ON;"
               CRM_STORE_TEMP_PRAGMA ";"
               /* the WAL stays (see _crm_store_keep_wal), at most 64 MiB once checkpointed */
               "PRAGMA journal_size_limit = 67108864;"
               CRM_STORE_CACHE_PRAGMA ";",
               error);
}

CrmStore *
crm_store_open_full (const char         *path,
                     CrmStoreOpenFlags   flags,
                     const char         *locale,
                     GError            **error)
{
  g_autoptr(CrmStore) self = NULL;
  g_autoptr(GError) purge_error = NULL;
  g_autofree char *dir = NULL;
  int open_flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (CRM_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  /* the language of a new database's default values; an existing one keeps its own */
  self->locale = g_strdup (locale ? locale : _crm_store_environment_locale ());

  if (!(flags & CRM_STORE_OPEN_NO_CREATE))
    {
      open_flags |= SQLITE_OPEN_CREATE;
      dir = g_path_get_dirname (path);
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved_errno = errno;
          g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_OPEN,
                       _("Cannot create the folder “%s”: %s"), dir, g_strerror (saved_errno));
          return NULL;
        }
    }
  else if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_OPEN,
                   _("The database “%s” does not exist."), path);
      return NULL;
    }

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_OPEN,
                   _("“%s” is a folder, not a database file."), path);
      return NULL;
    }

  rc = sqlite3_open_v2 (path, &self->db, open_flags, NULL);
  if (rc != SQLITE_OK)
    {
      _crm_store_set_error_code (self, error, rc, self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);
  self->network_fs = is_network_filesystem (path);

  {
    STORE_LOCK (self);

    /* Reads the header before anything writes to the file: a newer or a
     * foreign database is refused untouched. */
    if (!register_functions (self, error) ||
        !_crm_store_import_recover (self, error) ||
        !migrate (self, flags, error) ||
        !configure (self, error) ||
        !watch_ranks (self, error) ||
        !load_locale (self, locale, error) ||
        !ensure_current_user (self, error))
      return NULL;
  }

  /* Documents deleted a day ago: their Undo is long gone */
  if (crm_store_purge_documents (self, _crm_now_utc () - CRM_DOCUMENT_PURGE_AGE, &purge_error) < 0)
    g_debug ("Deleted documents not purged: %s", purge_error->message);

  return g_steal_pointer (&self);
}

CrmStore *
crm_store_open (const char  *path,
                GError     **error)
{
  return crm_store_open_full (path, CRM_STORE_OPEN_DEFAULT, NULL, error);
}

const char *
crm_store_get_path (CrmStore *self)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  return self->path;
}

int
crm_store_get_schema_version (CrmStore *self)
{
  g_return_val_if_fail (CRM_IS_STORE (self), 0);
  return self->schema_version;
}

const char *
crm_store_get_locale (CrmStore *self)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  return self->locale;
}

gboolean
crm_store_get_created (CrmStore *self)
{
  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  return self->created;
}

const char *
crm_store_get_backup_path (CrmStore *self)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  return self->backup_path;
}

const char *
crm_store_get_warning (CrmStore *self)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  return self->warning;
}

gboolean
crm_store_is_network_filesystem (CrmStore *self)
{
  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  return self->network_fs;
}

/* Settings */

char *
crm_store_get_setting (CrmStore   *self,
                       const char *key)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  STORE_LOCK (self);

  if (!(stmt = _crm_store_cached (self, "SELECT value FROM settings WHERE key = ?1", NULL)))
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  return _crm_column_dup (stmt, 0);
}

gboolean
crm_store_set_setting (CrmStore    *self,
                       const char  *key,
                       const char  *value,
                       GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  STORE_LOCK (self);

  if (!(stmt = _crm_store_cached (self, "INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2)", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _crm_store_set_error (self, error);

  return TRUE;
}

/* Users */

gint64
crm_store_get_current_user_id (CrmStore *self)
{
  g_return_val_if_fail (CRM_IS_STORE (self), 0);
  return self->current_user_id;
}

gint64
crm_store_add_user (CrmStore           *self,
                    const CrmUserData  *data,
                    GError            **error)
{
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);
  g_return_val_if_fail (data != NULL, 0);

  STORE_LOCK (self);

  if (data->login == NULL || *data->login == '\0' || data->full_name == NULL || *data->full_name == '\0')
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                   _("A user needs a login and a full name."));
      return 0;
    }

  stmt = _crm_store_cached (self,
                 "INSERT INTO users (login, full_name, email, phone, role, active, created_at) "
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, data->login, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, data->full_name, -1, SQLITE_TRANSIENT);
  _crm_bind_text_or_null (stmt, 3, data->email);
  _crm_bind_text_or_null (stmt, 4, data->phone);
  sqlite3_bind_text (stmt, 5, data->role ? data->role : "sales", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 6, data->active ? 1 : 0);
  sqlite3_bind_int64 (stmt, 7, _crm_now_utc ());

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      if ((sqlite3_extended_errcode (self->db) & 0xff) == SQLITE_CONSTRAINT)
        {
          g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT,
                       _("A user with the login “%s” already exists."), data->login);
          return 0;
        }
      _crm_store_set_error (self, error);
      return 0;
    }

  id = sqlite3_last_insert_rowid (self->db);

  /* Keep the managers' alphabetical ranks, which the client list sorts by */
  stmt = _crm_store_cached (self,
                 "UPDATE users SET sort_rank = "
                 "  (SELECT count(*) FROM users u WHERE u.full_name < users.full_name) "
                 "WHERE sort_rank <> (SELECT count(*) FROM users u WHERE u.full_name < users.full_name) "
                 "   OR id = ?1", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _crm_store_set_error (self, error);
      return 0;
    }

  return id;
}

/* Dictionaries */

static gboolean
valid_kind (const char  *kind,
            GError     **error)
{
  if (g_strcmp0 (kind, "status") == 0 || g_strcmp0 (kind, "industry") == 0 ||
      g_strcmp0 (kind, "region") == 0 || g_strcmp0 (kind, "source") == 0)
    return TRUE;

  g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
               "Unknown dictionary “%s”", kind ? kind : "(null)");
  return FALSE;
}

gint64
crm_store_ensure_dictionary_value (CrmStore    *self,
                                   const char  *kind,
                                   const char  *name,
                                   GError     **error)
{
  g_autofree char *trimmed = NULL;
  sqlite3_stmt *stmt;
  gint64 id;
  int position;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);

  STORE_LOCK (self);

  if (!valid_kind (kind, error))
    return 0;

  trimmed = g_strstrip (g_strdup (name ? name : ""));
  if (*trimmed == '\0')
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID, _("The value is empty."));
      return 0;
    }

  if (!(stmt = _crm_store_cached (self, "SELECT id FROM dictionary WHERE kind = ?1 AND name = ?2", error)))
    return 0;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, trimmed, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);

  if (!(stmt = _crm_store_cached (self, "SELECT coalesce(max(position) + 1, 0) FROM dictionary WHERE kind = ?1", error)))
    return 0;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _crm_store_set_error (self, error);
      return 0;
    }
  position = sqlite3_column_int (stmt, 0);

  if (!insert_dictionary_value (self, kind, trimmed, position, error))
    return 0;
  id = sqlite3_last_insert_rowid (self->db);

  if (!renumber_alphabetically (self, kind, error))
    return 0;

  return id;
}

GPtrArray *
crm_store_list_dictionary (CrmStore    *self,
                           const char  *kind,
                           GError     **error)
{
  g_autoptr(GPtrArray) values = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  STORE_LOCK (self);

  if (!valid_kind (kind, error))
    return NULL;

  if (!(stmt = _crm_store_cached (self, "SELECT id, name, position FROM dictionary WHERE kind = ?1 ORDER BY position, name", error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);

  values = g_ptr_array_new_with_free_func ((GDestroyNotify)crm_dictionary_value_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmDictionaryValue *value = g_new0 (CrmDictionaryValue, 1);

      value->id = sqlite3_column_int64 (stmt, 0);
      value->name = _crm_column_dup (stmt, 1);
      value->position = sqlite3_column_int (stmt, 2);
      g_ptr_array_add (values, value);
    }

  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&values);
}

/* Transactions */

/* Foreign keys off for the next transaction of a writer that makes only
 * references it has just read; they stay on inside a transaction already
 * (the PRAGMA cannot change there). The caller holds the lock until it has
 * called _crm_store_checks_on(), after its transaction: no other statement
 * ever runs without them. */
void
_crm_store_checks_off (CrmStore *self)
{
  if (self->in_transaction || !sqlite3_get_autocommit (self->db) ||
      sqlite3_exec (self->db, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL) != SQLITE_OK)
    return;
  self->unchecked = TRUE;
}

void
_crm_store_checks_on (CrmStore *self)
{
  if (!self->unchecked)
    return;
  sqlite3_exec (self->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
  self->unchecked = FALSE;
}

/**
 * crm_store_import_begin_batch:
 *
 * crm_store_begin() for a batch of an importer that writes only references
 * it has just read or made (dictionary values, users, the import, the
 * clients of its rows) and takes a refused row back by deleting what it
 * wrote itself: SQLite does not look up the parent of each reference (a
 * tenth of a big import's writing). The foreign keys are off only inside
 * this transaction, which holds the store's lock (PRAGMA foreign_keys cannot
 * change inside a transaction, so it is set before BEGIN and after COMMIT).
 */
/* The lock is held across the transaction so no other thread's statement
 * lands inside it (nor runs without the foreign keys, when @unchecked) */
static gboolean
begin (CrmStore  *self,
       gboolean   unchecked,
       GError   **error)
{
  _crm_store_lock (self);
  if (unchecked)
    _crm_store_checks_off (self);
  /* (another connection may have changed them since: see rank_of()) */
  g_hash_table_remove_all (self->ranks);
  if (!_crm_store_exec (self, "BEGIN IMMEDIATE", error))
    {
      _crm_store_checks_on (self);
      _crm_store_unlock (self);
      return FALSE;
    }
  self->in_transaction = TRUE;

  return TRUE;
}

gboolean
crm_store_import_begin_batch (CrmStore  *self,
                              GError   **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  return begin (self, TRUE, error);
}

gboolean
crm_store_begin (CrmStore  *self,
                 GError   **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  return begin (self, FALSE, error);
}

gboolean
crm_store_commit (CrmStore  *self,
                  GError   **error)
{
  gboolean ok;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->in_transaction, FALSE);

  /* no statement may hold a read open across the commit's checkpoint */
  _crm_store_reset_statements (self);
  ok = _crm_store_exec (self, "COMMIT", error);
  if (!ok)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  self->in_transaction = FALSE;
  _crm_store_checks_on (self);
  _crm_store_unlock (self);

  return ok;
}

void
crm_store_rollback (CrmStore *self)
{
  g_return_if_fail (CRM_IS_STORE (self));

  if (!self->in_transaction)
    return;

  _crm_store_reset_statements (self);
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  self->in_transaction = FALSE;
  _crm_store_checks_on (self);
  _crm_store_unlock (self);
}

void
crm_store_set_bulk_mode (CrmStore *self,
                         gboolean  bulk)
{
  g_return_if_fail (CRM_IS_STORE (self));

  self->bulk = !!bulk;
}

/* Whether the client exists; FALSE with CRM_STORE_ERROR_NOT_FOUND if not */
gboolean
_crm_store_company_exists (CrmStore  *self,
                           gint64     company_id,
                           GError   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_cached (self, "SELECT 1 FROM companies WHERE id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, company_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    return _crm_store_set_error (self, error);

  g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
               _("There is no client with the number %lld."), (long long)company_id);
  return FALSE;
}

/* Transactions (crm-store-private.h) */

gboolean
_crm_store_tx_begin (CrmStore    *self,
                     CrmStoreTx  *tx,
                     GError     **error)
{
  tx->store = self;
  tx->savepoint = self->in_transaction;
  if (!_crm_store_exec (self, tx->savepoint ? "SAVEPOINT crm_edit" : "BEGIN IMMEDIATE", error))
    return FALSE;
  tx->open = TRUE;

  return TRUE;
}

gboolean
_crm_store_tx_commit (CrmStoreTx  *tx,
                      GError     **error)
{
  /* no statement may hold a read open across the commit's checkpoint */
  _crm_store_reset_statements (tx->store);
  if (!_crm_store_exec (tx->store, tx->savepoint ? "RELEASE crm_edit" : "COMMIT", error))
    return FALSE;
  tx->open = FALSE;

  return TRUE;
}

void
_crm_store_tx_rollback (CrmStoreTx *tx)
{
  if (!tx->open)
    return;

  _crm_store_reset_statements (tx->store);
  if (tx->savepoint)
    sqlite3_exec (tx->store->db, "ROLLBACK TO crm_edit; RELEASE crm_edit", NULL, NULL, NULL);
  else
    sqlite3_exec (tx->store->db, "ROLLBACK", NULL, NULL, NULL);
  tx->open = FALSE;
}

/* Search index */

/* The search folds ё into е itself: unicode61 removes only Latin diacritics */

gboolean
_crm_store_reindex_company (CrmStore  *self,
                 gint64     company_id,
                 GError   **error)
{
  sqlite3_stmt *stmt;

  if (self->bulk)
    return TRUE;

  if (!(stmt = _crm_store_cached (self, "DELETE FROM client_search WHERE rowid = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, company_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _crm_store_set_error (self, error);

  stmt = _crm_store_cached (self, "INSERT INTO client_search (rowid, name, details) " SEARCH_DOCUMENT_SQL "WHERE c.id = ?1",
                 error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, company_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _crm_store_set_error (self, error);

  return TRUE;
}

/* Drops client_search and makes it again, empty, from @definition (its own,
 * from the schema), in the caller's transaction: emptying a full-text table
 * row by row reads and takes out every document (3 s for a million
 * clients), and a table made anew caches nothing of the old one. *remade is
 * FALSE, and nothing done, when a running statement holds the table. */
gboolean
_crm_store_remake_search_table (CrmStore    *self,
                                const char  *definition,
                                gboolean    *remade,
                                GError     **error)
{
  *remade = FALSE;
  if (!_crm_store_try_drop (self, "DROP TABLE main.client_search", remade, error))
    return FALSE;

  return !*remade || _crm_store_exec (self, definition, error);
}

static gboolean
rebuild_search_documents (CrmStore  *self,
                          GError   **error)
{
  g_autofree char *definition = _crm_store_schema_sql (self, "client_search", error);
  gboolean remade;

  if (definition == NULL || !_crm_store_remake_search_table (self, definition, &remade, error))
    return FALSE;

  return (remade || _crm_store_exec (self, "DELETE FROM client_search", error)) &&
         _crm_store_exec (self,
                          "INSERT INTO client_search (rowid, name, details) " SEARCH_DOCUMENT_SQL ";"
                          "INSERT INTO client_search (client_search) VALUES ('optimize');",
                          error);
}

gboolean
crm_store_rebuild_search_index (CrmStore  *self,
                                GError   **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  STORE_LOCK (self);

  if (!self->in_transaction && !_crm_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (!rebuild_search_documents (self, error))
    {
      if (!self->in_transaction)
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  if (!self->in_transaction && !_crm_store_exec (self, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  return TRUE;
}

/* Writes */

gboolean
_crm_require_text (const char  *value,
              const char  *field,
              GError     **error)
{
  if (value != NULL && *value != '\0')
    return TRUE;

  g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT, _("%s is required."), field);
  return FALSE;
}

gboolean
_crm_store_constraint_error (CrmStore  *self,
                     GError   **error)
{
  if ((sqlite3_extended_errcode (self->db) & 0xff) == SQLITE_CONSTRAINT)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT,
                   _("The value breaks a rule of the database: %s"), sqlite3_errmsg (self->db));
      return FALSE;
    }

  return _crm_store_set_error (self, error);
}

/* The one INSERT of a company: crm_store_add_company() and the importer
 * (import_id > 0; updated_at 0 means "as created") */
gint64
_crm_store_insert_company (CrmStore             *self,
                           const CrmCompanyData *data,
                           const CrmImportKeys  *keys,
                           gint64                import_id,
                           gint64                updated_at,
                           GError              **error)
{
  g_auto(CrmImportKeys) made = { 0 };
  sqlite3_stmt *stmt;
  gint64 now = _crm_now_utc ();
  gint64 created_at, created_by;
  gint64 id;
  const gint64 ranked[RANK_N_KINDS] = { data->status_id, data->industry_id, data->region_id, data->manager_id };

  STORE_LOCK (self);

  if (!_crm_require_text (data->name, _("The client’s name"), error))
    return 0;

  if (keys == NULL)
    {
      made.sort_name = _crm_sort_key (data->name);
      made.sort_city = _crm_sort_key (data->city);
      keys = &made;
    }
  created_at = data->created_at > 0 ? data->created_at : now;
  created_by = data->created_by > 0 ? data->created_by : self->current_user_id;

  stmt = _crm_store_cached (self,
                 "INSERT INTO companies (name, sort_name, legal_name, tax_id, status_id, industry_id, "
                 "  region_id, source_id, manager_id, city, sort_city, address, website, notes, "
                 "  status_rank, industry_rank, region_rank, manager_rank, "
                 "  created_at, created_by, updated_at, updated_by, name_key, website_domain, import_id) "
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?19, ?20, ?21, ?22, "
                 "  ?15, ?16, ?17, ?16, coalesce (?23, crm_name_key (?1)), crm_domain (?13), ?18)",
                 error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, data->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, keys->sort_name, -1, SQLITE_STATIC);
  _crm_bind_text_or_null (stmt, 3, data->legal_name);
  _crm_bind_text_or_null (stmt, 4, data->tax_id);
  _crm_bind_id_or_null (stmt, 5, data->status_id);
  _crm_bind_id_or_null (stmt, 6, data->industry_id);
  _crm_bind_id_or_null (stmt, 7, data->region_id);
  _crm_bind_id_or_null (stmt, 8, data->source_id);
  _crm_bind_id_or_null (stmt, 9, data->manager_id);
  _crm_bind_text_or_null (stmt, 10, data->city);
  sqlite3_bind_text (stmt, 11, keys->sort_city, -1, SQLITE_STATIC);
  _crm_bind_text_or_null (stmt, 12, data->address);
  _crm_bind_text_or_null (stmt, 13, data->website);
  _crm_bind_text_or_null (stmt, 14, data->notes);
  sqlite3_bind_int64 (stmt, 15, created_at);
  _crm_bind_id_or_null (stmt, 16, created_by);
  sqlite3_bind_int64 (stmt, 17, updated_at > 0 ? updated_at : created_at);
  _crm_bind_id_or_null (stmt, 18, import_id);
  _crm_bind_text_or_null (stmt, 23, keys->name_key);
  for (guint i = 0; i < RANK_N_KINDS; i++)
    {
      gint64 rank;

      if (!rank_of (self, i, ranked[i], &rank, error))
        return 0;
      sqlite3_bind_int64 (stmt, 19 + i, rank);
    }

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _crm_store_constraint_error (self, error);
      return 0;
    }

  id = sqlite3_last_insert_rowid (self->db);
  if (!_crm_store_reindex_company (self, id, error))
    return 0;

  return id;
}

gint64
crm_store_add_company (CrmStore             *self,
                       const CrmCompanyData *data,
                       GError              **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), 0);
  g_return_val_if_fail (data != NULL, 0);

  return _crm_store_insert_company (self, data, NULL, 0, 0, error);
}

gint64
crm_store_create_client (CrmStore             *self,
                         const CrmCompanyData *data,
                         GError              **error)
{
  CrmHistoryData created = { .kind = "created" };
  gint64 id;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);
  g_return_val_if_fail (data != NULL, 0);

  STORE_LOCK (self);
  g_auto(CrmStoreTx) tx = { 0 };

  if (!_crm_store_tx_begin (self, &tx, error) ||
      !(id = _crm_store_insert_company (self, data, NULL, 0, 0, error)))
    return 0;

  created.company_id = id;
  created.subject = data->name;
  created.occurred_at = data->created_at;
  if (!crm_store_add_history (self, &created, error) ||
      !_crm_store_tx_commit (&tx, error))
    return 0;

  return id;
}

char *
_crm_join_name (const char *locale,
           const char *first,
           const char *middle,
           const char *last)
{
  const char *parts[4] = { NULL };
  guint n = 0;

  /* Russian usage puts the family name first: Иванов Иван Петрович */
  if (g_strcmp0 (locale, "ru") == 0)
    {
      if (last && *last) parts[n++] = last;
      if (first && *first) parts[n++] = first;
      if (middle && *middle) parts[n++] = middle;
    }
  else
    {
      if (first && *first) parts[n++] = first;
      if (middle && *middle) parts[n++] = middle;
      if (last && *last) parts[n++] = last;
    }

  return g_strjoinv (" ", (char **)parts);
}

static gboolean
valid_date (const char *text)
{
  int y, m, d;

  if (text == NULL || strlen (text) != 10 || sscanf (text, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return FALSE;

  return g_date_valid_dmy (d, m, y);
}

gint64
crm_store_add_contact (CrmStore             *self,
                       const CrmContactData *data,
                       GError              **error)
{
  g_autofree char *full_name = NULL;
  sqlite3_stmt *stmt;
  gint64 now = _crm_now_utc ();
  gint64 id;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);
  g_return_val_if_fail (data != NULL, 0);

  STORE_LOCK (self);

  full_name = _crm_join_name (self->locale, data->first_name, data->middle_name, data->last_name);
  if (!_crm_require_text (full_name, _("The contact person’s name"), error))
    return 0;

  if (data->birthday != NULL && *data->birthday != '\0' && !valid_date (data->birthday))
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT,
                   _("The birthday “%s” is not a valid date (YYYY-MM-DD)."), data->birthday);
      return 0;
    }

  stmt = _crm_store_cached (self,
                 "INSERT INTO contacts (company_id, first_name, middle_name, last_name, full_name, "
                 "  position, birthday, notes, is_primary, created_at, created_by, updated_at, updated_by) "
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?10, ?11)",
                 error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, data->company_id);
  _crm_bind_text_or_null (stmt, 2, data->first_name);
  _crm_bind_text_or_null (stmt, 3, data->middle_name);
  _crm_bind_text_or_null (stmt, 4, data->last_name);
  sqlite3_bind_text (stmt, 5, full_name, -1, SQLITE_STATIC);
  _crm_bind_text_or_null (stmt, 6, data->position);
  _crm_bind_text_or_null (stmt, 7, data->birthday);
  _crm_bind_text_or_null (stmt, 8, data->notes);
  sqlite3_bind_int (stmt, 9, data->is_primary ? 1 : 0);
  sqlite3_bind_int64 (stmt, 10, data->created_at > 0 ? data->created_at : now);
  _crm_bind_id_or_null (stmt, 11, data->created_by > 0 ? data->created_by : self->current_user_id);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _crm_store_constraint_error (self, error);
      return 0;
    }

  id = sqlite3_last_insert_rowid (self->db);
  if (!_crm_store_reindex_company (self, data->company_id, error))
    return 0;

  return id;
}

gint64
crm_store_add_phone (CrmStore    *self,
                     gint64       company_id,
                     gint64       contact_id,
                     const char  *label,
                     const char  *number,
                     GError     **error)
{
  g_autofree char *digits = NULL;
  g_autofree char *national = NULL;
  g_autofree char *subscriber = NULL;
  g_autofree char *terms = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);

  STORE_LOCK (self);

  if (!_crm_require_text (number, _("The phone number"), error))
    return 0;

  digits = crm_phone_digits (number);
  if (strlen (digits) < 3)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT,
                   _("“%s” is not a phone number."), number);
      return 0;
    }
  terms = crm_phone_search_terms (number);
  national = crm_phone_national (number);
  subscriber = crm_phone_subscriber (number);

  stmt = _crm_store_cached (self,
                 "INSERT INTO phones (company_id, contact_id, label, number, digits, national, subscriber, "
                 "  search_terms) "
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, company_id);
  _crm_bind_id_or_null (stmt, 2, contact_id);
  _crm_bind_text_or_null (stmt, 3, label);
  sqlite3_bind_text (stmt, 4, number, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, digits, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, national, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, subscriber, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, terms, -1, SQLITE_STATIC);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _crm_store_constraint_error (self, error);
      return 0;
    }

  id = sqlite3_last_insert_rowid (self->db);
  if (!_crm_store_reindex_company (self, company_id, error))
    return 0;

  return id;
}

gint64
crm_store_add_email (CrmStore    *self,
                     gint64       company_id,
                     gint64       contact_id,
                     const char  *label,
                     const char  *address,
                     GError     **error)
{
  g_autofree char *lower = NULL;
  sqlite3_stmt *stmt;
  const char *at;
  gint64 id;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);

  STORE_LOCK (self);

  if (!_crm_require_text (address, _("The e-mail address"), error))
    return 0;

  lower = g_utf8_strdown (address, -1);
  g_strstrip (lower);
  at = strchr (lower, '@');
  if (at == NULL || at == lower || at[1] == '\0' || strchr (at + 1, '@') != NULL || strchr (lower, ' ') != NULL)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT,
                   _("“%s” is not an e-mail address."), address);
      return 0;
    }

  stmt = _crm_store_cached (self,
                            "INSERT INTO emails (company_id, contact_id, label, address, domain) "
                            "VALUES (?1, ?2, ?3, ?4, crm_domain (?4))",
                 error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, company_id);
  _crm_bind_id_or_null (stmt, 2, contact_id);
  _crm_bind_text_or_null (stmt, 3, label);
  sqlite3_bind_text (stmt, 4, lower, -1, SQLITE_STATIC);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _crm_store_constraint_error (self, error);
      return 0;
    }

  id = sqlite3_last_insert_rowid (self->db);
  if (!_crm_store_reindex_company (self, company_id, error))
    return 0;

  return id;
}

gint64
crm_store_add_history (CrmStore             *self,
                       const CrmHistoryData *data,
                       GError              **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);
  g_return_val_if_fail (data != NULL, 0);

  STORE_LOCK (self);

  if (!_crm_require_text (data->kind, _("The kind of entry"), error))
    return 0;

  stmt = _crm_store_cached (self,
                 "INSERT INTO history (company_id, contact_id, user_id, kind, direction, subject, body, "
                 "  outcome, occurred_at, duration, reason, follow_up, details, created_at, updated_at) "
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)", error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, data->company_id);
  _crm_bind_id_or_null (stmt, 2, data->contact_id);
  _crm_bind_id_or_null (stmt, 3, data->user_id > 0 ? data->user_id : self->current_user_id);
  sqlite3_bind_text (stmt, 4, data->kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 5, data->direction);
  _crm_bind_text_or_null (stmt, 6, data->subject);
  _crm_bind_text_or_null (stmt, 7, data->body);
  _crm_bind_text_or_null (stmt, 8, data->outcome);
  sqlite3_bind_int64 (stmt, 9, data->occurred_at > 0 ? data->occurred_at : _crm_now_utc ());
  sqlite3_bind_int (stmt, 10, MAX (0, data->duration));
  _crm_bind_text_or_null (stmt, 11, data->reason);
  _crm_bind_text_or_null (stmt, 12, data->follow_up);
  _crm_bind_text_or_null (stmt, 13, data->details);
  sqlite3_bind_int64 (stmt, 14, _crm_now_utc ());

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _crm_store_constraint_error (self, error);
      return 0;
    }

  return sqlite3_last_insert_rowid (self->db);
}

gboolean
crm_store_delete_company (CrmStore    *self,
                          gint64       company_id,
                          GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  STORE_LOCK (self);

  if (!(stmt = _crm_store_cached (self, "DELETE FROM companies WHERE id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, company_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _crm_store_constraint_error (self, error);

  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                   _("There is no client with the number %lld."), (long long)company_id);
      return FALSE;
    }

  if (!(stmt = _crm_store_cached (self, "DELETE FROM client_search WHERE rowid = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, company_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _crm_store_set_error (self, error);

  return TRUE;
}

/* Reads */

gboolean
crm_store_get_counts (CrmStore        *self,
                      CrmStoreCounts  *counts,
                      GError         **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  STORE_LOCK (self);

  counts->users = _crm_store_query_int64 (self, "SELECT count(*) FROM users", 0, &local_error);
  if (local_error == NULL)
    counts->companies = _crm_store_query_int64 (self, "SELECT count(*) FROM companies", 0, &local_error);
  if (local_error == NULL)
    counts->contacts = _crm_store_query_int64 (self, "SELECT count(*) FROM contacts", 0, &local_error);
  if (local_error == NULL)
    counts->history = _crm_store_query_int64 (self, "SELECT count(*) FROM history", 0, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

gint64
crm_store_count_clients (CrmStore  *self,
                         GError   **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), -1);

  STORE_LOCK (self);

  return _crm_store_query_int64 (self, "SELECT count(*) FROM companies", -1, error);
}

/* ORDER BY clauses, each matching one index of companies (0001-initial.sql) */
const char * const _crm_client_order_asc[CRM_CLIENT_N_SORTS] = {
  "sort_name, id",
  "status_rank, sort_name, id",
  "industry_rank, sort_name, id",
  "region_rank, sort_name, id",
  "sort_city, sort_name, id",
  "manager_rank, sort_name, id",
  "last_contact_at, id",
};

const char * const _crm_client_order_desc[CRM_CLIENT_N_SORTS] = {
  "sort_name DESC, id DESC",
  "status_rank DESC, sort_name DESC, id DESC",
  "industry_rank DESC, sort_name DESC, id DESC",
  "region_rank DESC, sort_name DESC, id DESC",
  "sort_city DESC, sort_name DESC, id DESC",
  "manager_rank DESC, sort_name DESC, id DESC",
  "last_contact_at DESC, id DESC",
};

#define ROW_COLUMNS \
  "c.id, c.name, st.name, ind.name, reg.name, c.city, u.full_name, c.last_contact_at, " \
  "(SELECT p.number FROM phones p WHERE p.company_id = c.id " \
  " ORDER BY p.contact_id IS NOT NULL, p.contact_id, p.id LIMIT 1), " \
  "(SELECT group_concat (name, ', ') FROM (SELECT t.name FROM company_tags ct " \
  " JOIN tags t ON t.id = ct.tag_id WHERE ct.company_id = c.id ORDER BY t.name)) "
#define ROW_JOINS \
  "LEFT JOIN dictionary st ON st.id = c.status_id " \
  "LEFT JOIN dictionary ind ON ind.id = c.industry_id " \
  "LEFT JOIN dictionary reg ON reg.id = c.region_id " \
  "LEFT JOIN users u ON u.id = c.manager_id "

static CrmClientRow *
row_from_statement (sqlite3_stmt *stmt)
{
  return crm_client_row_new (sqlite3_column_int64 (stmt, 0),
                             (const char *)sqlite3_column_text (stmt, 1),
                             (const char *)sqlite3_column_text (stmt, 2),
                             (const char *)sqlite3_column_text (stmt, 3),
                             (const char *)sqlite3_column_text (stmt, 4),
                             (const char *)sqlite3_column_text (stmt, 5),
                             (const char *)sqlite3_column_text (stmt, 6),
                             sqlite3_column_int64 (stmt, 7),
                             (const char *)sqlite3_column_text (stmt, 8),
                             (const char *)sqlite3_column_text (stmt, 9));
}

static sqlite3_stmt *
page_statement (CrmStore       *self,
                CrmClientSort   sort,
                gboolean        descending,
                GError        **error)
{
  static char *sql[CRM_CLIENT_N_SORTS][2];
  const char *order = descending ? _crm_client_order_desc[sort] : _crm_client_order_asc[sort];

  /* One SQL string per sort and direction, built once: the statement cache is
   * keyed by the string's address. The inner query walks only the index. */
  if (g_once_init_enter (&sql[sort][descending]))
    {
      g_auto(GStrv) terms = g_strsplit (order, ", ", -1);
      g_autofree char *outer_order = NULL;
      char *text;

      for (guint i = 0; terms[i] != NULL; i++)
        {
          char *prefixed = g_strconcat ("c.", terms[i], NULL);
          g_free (terms[i]);
          terms[i] = prefixed;
        }
      outer_order = g_strjoinv (", ", terms);
      text = g_strdup_printf ("SELECT " ROW_COLUMNS
                              "FROM (SELECT id FROM companies ORDER BY %s LIMIT ?1 OFFSET ?2) AS page "
                              "JOIN companies c ON c.id = page.id " ROW_JOINS
                              "ORDER BY %s",
                              order, outer_order);
      g_once_init_leave (&sql[sort][descending], text);
    }

  return _crm_store_cached (self, sql[sort][descending], error);
}

gboolean
crm_store_fetch_clients (CrmStore       *self,
                         CrmClientSort   sort,
                         gboolean        descending,
                         guint           offset,
                         guint           limit,
                         GPtrArray      *rows,
                         GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (sort < CRM_CLIENT_N_SORTS, FALSE);
  g_return_val_if_fail (rows != NULL, FALSE);

  STORE_LOCK (self);

  if (!(stmt = page_statement (self, sort, !!descending, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, limit);
  sqlite3_bind_int64 (stmt, 2, offset);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, row_from_statement (stmt));

  if (rc != SQLITE_DONE)
    return _crm_store_set_error (self, error);

  return TRUE;
}

/**
 * crm_store_client_position:
 * @position: (out): the number of clients before @client_id in the list
 *   sorted by @sort
 *
 * Counts along the sort's index up to the client (a row value compared
 * with the client's own: `(sort_name, id) < (…)`), so a client far down a
 * million takes a few tens of milliseconds. FALSE with
 * %CRM_STORE_ERROR_NOT_FOUND when there is no such client.
 */
gboolean
crm_store_client_position (CrmStore       *self,
                           CrmClientSort   sort,
                           gboolean        descending,
                           gint64          client_id,
                           guint          *position,
                           GError        **error)
{
  static char *sql[CRM_CLIENT_N_SORTS][2];
  sqlite3_stmt *stmt;
  gint64 before;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (sort < CRM_CLIENT_N_SORTS, FALSE);
  g_return_val_if_fail (position != NULL, FALSE);

  STORE_LOCK (self);

  if (!_crm_store_company_exists (self, client_id, error))
    return FALSE;

  /* one string per sort and direction, for the statement cache (see
   * page_statement) */
  descending = !!descending;
  if (g_once_init_enter (&sql[sort][descending]))
    {
      const char *keys = _crm_client_order_asc[sort];

      g_once_init_leave (&sql[sort][descending],
                         g_strdup_printf ("SELECT count(*) FROM companies WHERE (%s) %s "
                                          "(SELECT %s FROM companies WHERE id = ?1)",
                                          keys, descending ? ">" : "<", keys));
    }
  if (!(stmt = _crm_store_cached (self, sql[sort][descending], error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, client_id);
  rc = sqlite3_step (stmt);
  before = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return _crm_store_set_error (self, error);

  *position = (guint)MIN (before, (gint64)G_MAXUINT);

  return TRUE;
}

/* Turns what the user typed into an FTS5 query of prefix terms. Only letters
 * and digits reach the query, so no FTS5 syntax can be injected. */
static char *
build_match (const char *text)
{
  GString *match = g_string_new (NULL);
  GString *token = g_string_new (NULL);

  for (const char *p = text; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_unichar_isalnum (c))
        {
          if (c == 0x0451 || c == 0x0401)  /* ё, Ё: indexed as е */
            c = 0x0435;
          g_string_append_unichar (token, c);
          continue;
        }

      if (token->len > 0)
        {
          if (match->len > 0)
            g_string_append_c (match, ' ');
          g_string_append_printf (match, "\"%s\"*", token->str);
          g_string_truncate (token, 0);
        }

      if (c == 0)
        break;
    }

  g_string_free (token, TRUE);

  if (match->len == 0)
    {
      g_string_free (match, TRUE);
      return NULL;
    }

  return g_string_free (match, FALSE);
}

static sqlite3_stmt *
search_statement (CrmStore       *self,
                  gboolean        phone,
                  CrmClientSort   sort,
                  gboolean        descending,
                  GError        **error)
{
  static char *sql[2][CRM_CLIENT_N_SORTS][2];
  const char *order = descending ? _crm_client_order_desc[sort] : _crm_client_order_asc[sort];

  /* Matches are taken in the index's own order and cut at the limit before
   * sorting, so a one-letter prefix never sorts the whole table. A number is
   * looked up by prefix in the B-tree indexes of phones and tax ids, which
   * stop at the limit too; as full-text prefixes, the millions of distinct
   * numbers would each be a term to merge. */
  if (g_once_init_enter (&sql[phone][sort][descending]))
    {
      char *text;

      if (phone)
        text = g_strdup_printf ("SELECT id FROM companies WHERE id IN (SELECT company_id FROM ("
                                "  SELECT company_id FROM phones WHERE national >= ?1 AND national < ?1 || ':' "
                                "  UNION ALL "
                                "  SELECT company_id FROM phones WHERE subscriber >= ?1 AND subscriber < ?1 || ':' "
                                "  UNION ALL "
                                "  SELECT id FROM companies WHERE tax_id >= ?3 AND tax_id < ?3 || ':' "
                                ") LIMIT ?2) "
                                "ORDER BY %s", order);
      else
        text = g_strdup_printf ("SELECT id FROM companies WHERE id IN "
                                "(SELECT rowid FROM client_search WHERE client_search MATCH ?1 LIMIT ?2) "
                                "ORDER BY %s", order);
      g_once_init_leave (&sql[phone][sort][descending], text);
    }

  return _crm_store_cached (self, sql[phone][sort][descending], error);
}

gboolean
crm_store_search_clients (CrmStore       *self,
                          const char     *query,
                          CrmClientSort   sort,
                          gboolean        descending,
                          guint           limit,
                          GArray         *ids,
                          gboolean       *more,
                          GError        **error)
{
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (sort < CRM_CLIENT_N_SORTS, FALSE);
  g_return_val_if_fail (ids != NULL, FALSE);

  STORE_LOCK (self);

  if (more != NULL)
    *more = FALSE;

  if (crm_phone_looks_like (query))
    {
      g_autofree char *national = crm_phone_query_digits (query);
      g_autofree char *digits = crm_phone_digits (query);

      if (!(stmt = search_statement (self, TRUE, sort, !!descending, error)))
        return FALSE;
      sqlite3_bind_text (stmt, 1, national, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, digits, -1, SQLITE_TRANSIENT);
      /* the same client can match by two numbers: take more than asked */
      sqlite3_bind_int64 (stmt, 2, 2 * (gint64)limit + 2);
    }
  else
    {
      match = build_match (query);
      if (match == NULL)
        return TRUE;

      if (!(stmt = search_statement (self, FALSE, sort, !!descending, error)))
        return FALSE;
      sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, (gint64)limit + 1);
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (ids->len >= limit)
        {
          /* the extra match only says there are more; it may sort anywhere */
          if (more != NULL)
            *more = TRUE;
          continue;
        }
      g_array_append_val (ids, id);
    }

  if (rc != SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      return _crm_store_set_error (self, error);
    }

  return TRUE;
}

gboolean
crm_store_fetch_clients_by_id (CrmStore      *self,
                               const gint64  *ids,
                               guint          n_ids,
                               GPtrArray     *rows,
                               GError       **error)
{
  g_autoptr(GHashTable) by_id = NULL;
  g_autoptr(GString) list = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (rows != NULL, FALSE);

  if (n_ids == 0)
    return TRUE;

  STORE_LOCK (self);

  list = g_string_new ("[");
  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (list, "%s%" G_GINT64_FORMAT, i ? "," : "", ids[i]);
  g_string_append_c (list, ']');

  stmt = _crm_store_cached (self,
                 "SELECT " ROW_COLUMNS "FROM companies c " ROW_JOINS
                 "WHERE c.id IN (SELECT value FROM json_each (?1))", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, list->str, -1, SQLITE_STATIC);

  by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmClientRow *row = row_from_statement (stmt);
      gint64 *key = g_new (gint64, 1);

      *key = crm_client_row_get_id (row);
      g_object_set_data_full (G_OBJECT (row), "crm-key", key, g_free);
      g_hash_table_insert (by_id, key, row);
    }

  if (rc != SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      return _crm_store_set_error (self, error);
    }
  sqlite3_reset (stmt);

  /* In the order asked for; a client deleted meanwhile is left out */
  for (guint i = 0; i < n_ids; i++)
    {
      CrmClientRow *row = g_hash_table_lookup (by_id, &ids[i]);

      if (row != NULL)
        g_ptr_array_add (rows, g_object_ref (row));
    }

  return TRUE;
}

CrmClientSummary *
crm_store_load_client_summary (CrmStore    *self,
                               gint64       company_id,
                               GError     **error)
{
  g_autoptr(CrmClientSummary) summary = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  STORE_LOCK (self);

  stmt = _crm_store_cached (self,
                 "SELECT c.id, c.name, c.legal_name, c.tax_id, st.name, ind.name, reg.name, src.name, "
                 "  c.city, c.address, c.website, u.full_name, c.notes, c.created_at, c.last_contact_at "
                 "FROM companies c "
                 "LEFT JOIN dictionary st ON st.id = c.status_id "
                 "LEFT JOIN dictionary ind ON ind.id = c.industry_id "
                 "LEFT JOIN dictionary reg ON reg.id = c.region_id "
                 "LEFT JOIN dictionary src ON src.id = c.source_id "
                 "LEFT JOIN users u ON u.id = c.manager_id "
                 "WHERE c.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, company_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                   _("There is no client with the number %lld."), (long long)company_id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      _crm_store_set_error (self, error);
      return NULL;
    }

  summary = _crm_client_summary_new ();
  summary->id = sqlite3_column_int64 (stmt, 0);
  summary->name = _crm_column_dup (stmt, 1);
  summary->legal_name = _crm_column_dup (stmt, 2);
  summary->tax_id = _crm_column_dup (stmt, 3);
  summary->status = _crm_column_dup (stmt, 4);
  summary->industry = _crm_column_dup (stmt, 5);
  summary->region = _crm_column_dup (stmt, 6);
  summary->source = _crm_column_dup (stmt, 7);
  summary->city = _crm_column_dup (stmt, 8);
  summary->address = _crm_column_dup (stmt, 9);
  summary->website = _crm_column_dup (stmt, 10);
  summary->manager = _crm_column_dup (stmt, 11);
  summary->notes = _crm_column_dup (stmt, 12);
  summary->created_at = sqlite3_column_int64 (stmt, 13);
  summary->last_contact_at = sqlite3_column_int64 (stmt, 14);
  sqlite3_reset (stmt);

  stmt = _crm_store_cached (self,
                 "SELECT coalesce (p.label, ''), p.number, coalesce (ct.full_name, '') FROM phones p "
                 "LEFT JOIN contacts ct ON ct.id = p.contact_id "
                 "WHERE p.company_id = ?1 ORDER BY p.contact_id IS NOT NULL, p.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, company_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *label = (const char *)sqlite3_column_text (stmt, 0);
      const char *number = (const char *)sqlite3_column_text (stmt, 1);
      const char *who = (const char *)sqlite3_column_text (stmt, 2);

      GString *text = g_string_new (number);

      if (*who || *label)
        g_string_append_printf (text, " (%s%s%s)", who, *who && *label ? ", " : "", label);
      g_ptr_array_add (summary->phones, g_string_free (text, FALSE));
    }
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (self, error);
      return NULL;
    }

  stmt = _crm_store_cached (self,
                 "SELECT e.address, coalesce (ct.full_name, '') FROM emails e "
                 "LEFT JOIN contacts ct ON ct.id = e.contact_id "
                 "WHERE e.company_id = ?1 ORDER BY e.contact_id IS NOT NULL, e.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, company_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *address = (const char *)sqlite3_column_text (stmt, 0);
      const char *who = (const char *)sqlite3_column_text (stmt, 1);

      g_ptr_array_add (summary->emails,
                       *who ? g_strdup_printf ("%s (%s)", address, who) : g_strdup (address));
    }
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (self, error);
      return NULL;
    }

  stmt = _crm_store_cached (self,
                 "SELECT full_name, coalesce (position, '') FROM contacts WHERE company_id = ?1 "
                 "ORDER BY is_primary DESC, full_name", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, company_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *)sqlite3_column_text (stmt, 0);
      const char *position = (const char *)sqlite3_column_text (stmt, 1);

      g_ptr_array_add (summary->contacts,
                       *position ? g_strdup_printf ("%s, %s", name, position) : g_strdup (name));
    }
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (self, error);
      return NULL;
    }

  stmt = _crm_store_cached (self,
                 "SELECT h.occurred_at, h.kind, coalesce (h.subject, ''), coalesce (u.full_name, '') "
                 "FROM history h LEFT JOIN users u ON u.id = h.user_id "
                 "WHERE h.company_id = ?1 ORDER BY h.occurred_at DESC LIMIT 10", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, company_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmHistorySummary *entry = g_new0 (CrmHistorySummary, 1);

      entry->occurred_at = sqlite3_column_int64 (stmt, 0);
      entry->kind = _crm_column_dup (stmt, 1);
      entry->subject = _crm_column_dup (stmt, 2);
      entry->user = _crm_column_dup (stmt, 3);
      g_ptr_array_add (summary->history, entry);
    }
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&summary);
}

gint64
crm_store_find_client (CrmStore    *self,
                       const char  *id_or_name,
                       GError     **error)
{
  g_autofree char *key = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 0;
  guint64 number;
  guint n = 0;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);
  g_return_val_if_fail (id_or_name != NULL, 0);

  STORE_LOCK (self);

  if (g_ascii_string_to_unsigned (id_or_name, 10, 1, G_MAXINT64, &number, NULL))
    {
      if (!(stmt = _crm_store_cached (self, "SELECT id FROM companies WHERE id = ?1", error)))
        return 0;
      sqlite3_bind_int64 (stmt, 1, (gint64)number);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        return sqlite3_column_int64 (stmt, 0);
    }

  key = _crm_sort_key (id_or_name);
  if (!(stmt = _crm_store_cached (self, "SELECT id FROM companies WHERE sort_name = ?1 LIMIT 2", error)))
    return 0;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (n++ == 0)
        id = sqlite3_column_int64 (stmt, 0);
    }

  if (n == 0)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                   _("No client is called “%s”."), id_or_name);
      return 0;
    }
  if (n > 1)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                   _("Several clients are called “%s”; give the client’s number instead."), id_or_name);
      return 0;
    }

  return id;
}

/* Maintenance */

static gboolean
collect_rows (CrmStore    *self,
              const char  *sql,
              const char  *prefix,
              GPtrArray   *problems,
              gboolean     skip_ok,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!(stmt = _crm_store_prepare (self, sql, error)))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GString *line = g_string_new (prefix);
      int n = sqlite3_column_count (stmt);

      if (skip_ok && n == 1 && g_strcmp0 ((const char *)sqlite3_column_text (stmt, 0), "ok") == 0)
        {
          g_string_free (line, TRUE);
          continue;
        }

      for (int i = 0; i < n; i++)
        {
          const char *text = (const char *)sqlite3_column_text (stmt, i);
          g_string_append_printf (line, "%s%s", i ? " " : "", text ? text : "NULL");
        }
      g_ptr_array_add (problems, g_string_free (line, FALSE));
    }

  if (rc != SQLITE_DONE)
    return _crm_store_set_error (self, error);

  return TRUE;
}

gboolean
crm_store_check (CrmStore    *self,
                 GPtrArray  **problems,
                 GError     **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  gint64 indexed, companies;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  STORE_LOCK (self);

  if (!collect_rows (self, "PRAGMA integrity_check", _("integrity: "), found, TRUE, error) ||
      !collect_rows (self, "PRAGMA foreign_key_check", _("broken reference: "), found, FALSE, error))
    return FALSE;

  if (!_crm_store_exec (self, "INSERT INTO client_search (client_search) VALUES ('integrity-check')",
             &local_error))
    {
      g_ptr_array_add (found, g_strdup_printf (_("search index: %s"), local_error->message));
      g_clear_error (&local_error);
    }

  indexed = _crm_store_query_int64 (self, "SELECT count(*) FROM client_search", -1, &local_error);
  if (local_error == NULL)
    companies = _crm_store_query_int64 (self, "SELECT count(*) FROM companies", -1, &local_error);
  else
    companies = -1;
  if (local_error == NULL && indexed != companies)
    g_ptr_array_add (found, g_strdup_printf (_("search index: %lld entries for %lld clients"),
                                               (long long)indexed, (long long)companies));
  else if (local_error != NULL)
    g_ptr_array_add (found, g_strdup_printf (_("search index: %s"), local_error->message));

  if (problems != NULL)
    *problems = g_steal_pointer (&found);

  return TRUE;
}

gboolean
crm_store_backup (CrmStore         *self,
                  const char       *destination,
                  CrmProgressFunc   progress,
                  gpointer          user_data,
                  GCancellable     *cancellable,
                  GError          **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);

  /* No store lock: the connection serializes the backup's steps itself, and
   * the window keeps reading between them. */
  if (g_strcmp0 (destination, self->path) == 0)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                   _("The backup copy cannot replace the database itself."));
      return FALSE;
    }

  return backup_to (self, destination, progress, user_data, cancellable, error);
}
