/* crm-store-search-build.c: the search index of a big import, built on the
 * second processor while the import writes its rows
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SQLite lets one connection write a database at a time, and an import is
 * one writer busy with its rows; the full-text index of a million clients is
 * a third of the work. So a big import builds a whole new index elsewhere:
 * a thread with a connection of its own reads the clients committed so far
 * (WAL lets it read while the import writes) and indexes them into a scratch
 * database next to the real one (DATABASE.search-build). The import tells it
 * how far the committed ids go after each batch. At the end, in one
 * transaction of the import's connection, client_search is dropped, made
 * again from its own definition and filled with the scratch index's tables:
 * a copy of pages, no tokenizing. A new FTS5 table object reads its
 * structure from the copied rows, so nothing stale is cached.
 *
 * What the thread could have read before a later change is indexed again
 * the usual way after the swap: clients from before the import that it
 * changed, and clients it added and then gave another row of the file in a
 * later batch. A write by anyone else during the import (PRAGMA data_version
 * moved) would make the new index wrong in ways nobody notes, so then the
 * scratch index is thrown away and the import rebuilds the usual way. A
 * scratch file left by a crash is removed by the next big import.
 */

#define G_LOG_DOMAIN "crm-store"

#include "config.h"

#include <glib/gstdio.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "crm-store-import.h"
#include "crm-store-private.h"

/* ids per transaction of the thread: short reads, so checkpoints go on */
#define CHUNK 100000

static const char * const shadow_tables[] = {
  "client_search_data", "client_search_idx", "client_search_content", "client_search_docsize",
};

struct _CrmSearchBuild
{
  CrmStore *store;
  char     *path;          /* the scratch database */
  char     *definition;    /* CREATE VIRTUAL TABLE client_search … */
  gint64    data_version;  /* of the import's connection when it began */
  GHashTable *stale;       /* ids to index again after the swap */
  gint64    published;     /* ids up to this one may have been read */

  GThread  *thread;
  GMutex    mutex;
  GCond     cond;
  gint64    target;        /* committed ids go up to here */
  gint64    done;          /* indexed up to here */
  gboolean  finishing;
  gboolean  abandon;
  GError   *error;         /* the thread's */
};

static gboolean
side_exec (sqlite3     *db,
           const char  *sql,
           GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) == SQLITE_OK)
    return TRUE;
  g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_QUERY,
               "Building the search index: %s", message ? message : sqlite3_errmsg (db));
  sqlite3_free (message);
  return FALSE;
}

static char *
scratch_path (const char *database)
{
  return g_strconcat (database, ".search-build", NULL);
}

static void
remove_scratch (const char *path)
{
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  g_unlink (path);
  g_unlink (journal);
}

static gboolean
index_range (sqlite3       *db,
             sqlite3_stmt  *insert,
             gint64         after,
             gint64         up_to,
             GError       **error)
{
  if (!side_exec (db, "BEGIN", error))
    return FALSE;
  sqlite3_bind_int64 (insert, 1, after);
  sqlite3_bind_int64 (insert, 2, up_to);
  if (sqlite3_step (insert) != SQLITE_DONE)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_QUERY,
                   "Building the search index: %s", sqlite3_errmsg (db));
      sqlite3_reset (insert);
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  sqlite3_reset (insert);

  return side_exec (db, "COMMIT", error);
}

static gboolean
build (CrmSearchBuild  *self,
       GError         **error)
{
  g_autofree char *create = NULL;
  char *attach = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *insert = NULL;
  gboolean ok = FALSE;

  if (!(db = _crm_store_open_side (self->store, "Building the search index", error)))
    goto out;
  sqlite3_busy_timeout (db, 5000);

  /* the scratch file is thrown away after the swap (or a crash): no journal */
  attach = sqlite3_mprintf ("ATTACH %Q AS build", self->path);
  create = g_strconcat ("CREATE VIRTUAL TABLE build.", self->definition + strlen ("CREATE VIRTUAL TABLE "), NULL);
  if (!side_exec (db, attach, error) ||
      !side_exec (db, "PRAGMA build.journal_mode = OFF; PRAGMA build.synchronous = OFF; "
                      "PRAGMA build.cache_size = -65536; PRAGMA main.cache_size = -65536", error) ||
      !side_exec (db, create, error))
    goto out;

  if (sqlite3_prepare_v2 (db, "INSERT INTO build.client_search (rowid, name, details) "
                              SEARCH_DOCUMENT_SQL "WHERE c.id > ?1 AND c.id <= ?2",
                          -1, &insert, NULL) != SQLITE_OK)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_QUERY, "Building the search index: %s",
                   sqlite3_errmsg (db));
      goto out;
    }

  g_mutex_lock (&self->mutex);
  while (!self->abandon)
    {
      if (self->done < self->target)
        {
          gint64 after = self->done;
          gint64 up_to = MIN (self->target, self->done + CHUNK);
          gboolean indexed;

          g_mutex_unlock (&self->mutex);
          indexed = index_range (db, insert, after, up_to, error);
          g_mutex_lock (&self->mutex);
          if (!indexed)
            break;
          self->done = up_to;
          continue;
        }
      if (self->finishing)
        {
          ok = TRUE;
          break;
        }
      g_cond_wait (&self->cond, &self->mutex);
    }
  ok = ok && !self->abandon;
  g_mutex_unlock (&self->mutex);

  /* one segment, as a rebuild leaves it */
  ok = ok && side_exec (db, "INSERT INTO build.client_search (client_search) VALUES ('optimize')", error);

out:
  sqlite3_free (attach);
  sqlite3_finalize (insert);
  sqlite3_close (db);

  return ok;
}

static gpointer
build_thread (gpointer data)
{
  CrmSearchBuild *self = data;
  GError *error = NULL;

#ifdef __linux__
  /* It shares the other processor with the thread that reads the file, and
   * the import's writer waits for that one, not for this (it has time to
   * catch up while the list's indexes are made): up to 0.5 s of a million
   * rows' 3.5 were the writer waiting for rows. On Linux a thread has a
   * nice value of its own. */
  setpriority (PRIO_PROCESS, (id_t)syscall (SYS_gettid), 10);
#endif
  if (!build (self, &error))
    {
      g_mutex_lock (&self->mutex);
      if (self->error == NULL)
        self->error = error;
      else
        g_clear_error (&error);
      g_mutex_unlock (&self->mutex);
    }

  return NULL;
}

/**
 * crm_store_search_build_start:
 *
 * Starts building a new search index of every client on another thread;
 * the clients there now are indexed at once, the import's as
 * crm_store_search_build_publish() says they are committed. Outside a
 * transaction.
 */
CrmSearchBuild *
crm_store_search_build_start (CrmStore  *store,
                              GError   **error)
{
  g_autoptr(CrmSearchBuild) self = g_new0 (CrmSearchBuild, 1);
  gint64 max_id;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  STORE_LOCK (store);

  self->store = g_object_ref (store);
  self->path = scratch_path (crm_store_get_path (store));
  self->stale = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);

  if (!(self->definition = _crm_store_schema_sql (store, "client_search", error)) ||
      (self->data_version = crm_store_import_data_version (store, error)) < 0 ||
      (max_id = _crm_store_query_int64 (store, "SELECT coalesce (max (id), 0) FROM companies", -1, error)) < 0)
    return NULL;

  if (!g_str_has_prefix (self->definition, "CREATE VIRTUAL TABLE client_search "))
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                   "The search index is not defined as expected: %s", self->definition);
      return NULL;
    }

  remove_scratch (self->path);
  self->target = self->published = max_id;
  self->thread = g_thread_try_new ("search-build", build_thread, self, error);
  if (self->thread == NULL)
    return NULL;

  return g_steal_pointer (&self);
}

/* The import committed clients up to @max_id; @last: and will add no more,
 * so the thread merges its index into one segment while the import makes
 * its other indexes again and writes its history */
void
crm_store_search_build_publish (CrmSearchBuild *self,
                                gint64          max_id,
                                gboolean        last)
{
  g_return_if_fail (self != NULL);

  self->published = MAX (self->published, max_id);
  g_mutex_lock (&self->mutex);
  self->target = MAX (self->target, max_id);
  self->finishing = self->finishing || last;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->mutex);
}

/* The import wrote to a client it had not just added: when the thread may
 * have read it already, it is indexed again after the swap */
void
crm_store_search_build_note_change (CrmSearchBuild *self,
                                    gint64          company_id)
{
  g_return_if_fail (self != NULL);

  if (company_id <= self->published && !g_hash_table_contains (self->stale, &company_id))
    g_hash_table_add (self->stale, g_memdup2 (&company_id, sizeof company_id));
}

static void
stop_thread (CrmSearchBuild *self,
             gboolean        abandon)
{
  if (self->thread == NULL)
    return;
  g_mutex_lock (&self->mutex);
  self->finishing = TRUE;
  self->abandon = self->abandon || abandon;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->mutex);
  g_thread_join (g_steal_pointer (&self->thread));
}

static gboolean
swap (CrmSearchBuild  *self,
      GError         **error)
{
  CrmStore *store = self->store;
  char *attach = sqlite3_mprintf ("ATTACH %Q AS build", self->path);
  gboolean remade = FALSE;
  gboolean ok;

  _crm_store_reset_statements (store);
  ok = _crm_store_exec (store, attach, error);
  sqlite3_free (attach);
  if (!ok)
    return FALSE;

  ok = _crm_store_exec (store, "BEGIN IMMEDIATE", error);
  if (ok && crm_store_import_data_version (store, error) != self->data_version)
    {
      /* someone else wrote meanwhile */
      ok = FALSE;
      if (error != NULL && *error == NULL)
        g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_BUSY, "The database changed during the import");
    }
  if (ok && !_crm_store_remake_search_table (store, self->definition, &remade, error))
    ok = FALSE;
  else if (ok && !remade)
    {
      ok = FALSE;
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_BUSY, "The search index is in use");
    }
  /* the new, empty table's rows (its structure record) make way for the build's */
  for (guint i = 0; ok && i < G_N_ELEMENTS (shadow_tables); i++)
    {
      g_autofree char *copy = g_strdup_printf ("DELETE FROM main.%s; INSERT INTO main.%s SELECT * FROM build.%s",
                                               shadow_tables[i], shadow_tables[i], shadow_tables[i]);

      ok = _crm_store_exec (store, copy, error);
    }
  ok = ok && _crm_store_exec (store, "COMMIT", error);
  if (!ok)
    sqlite3_exec (store->db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_exec (store->db, "DETACH build", NULL, NULL, NULL);

  return ok;
}

/**
 * crm_store_search_build_finish:
 * @stale_ids: (out): the clients to index again the usual way
 *
 * Waits for the thread to index every committed client, then puts the new
 * index in place. FALSE (and no change to the search index) when that
 * cannot be done, the database having been written by someone else
 * meanwhile among the reasons: then the caller rebuilds the usual way.
 * Outside a transaction.
 */
gboolean
crm_store_search_build_finish (CrmSearchBuild  *self,
                               GArray         **stale_ids,
                               GError         **error)
{
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (self != NULL, FALSE);

  STORE_LOCK (self->store);

  stop_thread (self, FALSE);
  if (self->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->error));
      return FALSE;
    }
  if (!swap (self, error))
    return FALSE;

  *stale_ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), g_hash_table_size (self->stale));
  g_hash_table_iter_init (&iter, self->stale);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (*stale_ids, *(gint64 *)key);

  return TRUE;
}

void
crm_store_search_build_free (CrmSearchBuild *self)
{
  if (self == NULL)
    return;

  stop_thread (self, TRUE);
  if (self->path != NULL)
    remove_scratch (self->path);
  g_clear_error (&self->error);
  g_clear_pointer (&self->stale, g_hash_table_unref);
  g_clear_object (&self->store);
  g_free (self->path);
  g_free (self->definition);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
  g_free (self);
}
