/* crm-store-checkpoint.c: WAL checkpoints on the second processor while an
 * import finishes
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A commit of the store's connection that leaves more than 1,000 pages in
 * the write-ahead log copies them into the database file itself, before the
 * commit returns (SQLite's auto-checkpoint). The end of a big import is three
 * large transactions one after another (the list's indexes made again, the
 * history entries, the search index swapped in), some hundred megabytes of
 * pages, and copying them cost the import a second on one processor while
 * the other had nothing to do. While the checkpoints are "aside", the store's
 * connection makes none; a thread with a connection of its own makes passive
 * ones (they never wait for nor block a reader or the writer) as the log
 * grows. Set back, the store's connection checkpoints again, and the thread
 * copies what is left in the background, then waits. The pages are safe in
 * the log from the commit on: a crash in between loses nothing, the next
 * open or commit copies them.
 */

#define G_LOG_DOMAIN "crm-store"

#include "config.h"

#include "crm-store-private.h"

/* SQLite's default auto-checkpoint, which the store keeps */
#define AUTO_CHECKPOINT_PAGES 1000
/* how often the thread looks while checkpoints are aside */
#define POLL_USEC (20 * G_TIME_SPAN_MILLISECOND)
#define GIVE_UP_USEC (10 * G_TIME_SPAN_SECOND)

struct _CrmCheckpointer
{
  GThread  *thread;
  GMutex    mutex;
  GCond     cond;
  sqlite3  *db;
  gboolean  aside;      /* the store's connection makes none */
  gboolean  backlog;    /* frames may wait to be copied */
  gint64    give_up;    /* set back: tries until then, then leaves the rest to the connection */
  gboolean  quit;
};

/* A passive checkpoint; TRUE when everything in the log is in the file, or
 * when nothing more can be done now (a reader holds older frames) */
static gboolean
checkpoint (sqlite3 *db)
{
  int frames = 0, copied = 0;
  int rc = sqlite3_wal_checkpoint_v2 (db, "main", SQLITE_CHECKPOINT_PASSIVE, &frames, &copied);

  if (rc != SQLITE_OK && rc != SQLITE_BUSY)
    g_debug ("A background checkpoint failed: %s", sqlite3_errmsg (db));

  return rc != SQLITE_OK || copied >= frames;
}

/* Once all is copied: the log, grown by the large transactions while
 * nobody could start it over, back to nothing. Only if nobody reads or
 * writes at the moment (no busy handler: SQLITE_BUSY otherwise, and the
 * connection's next commit starts it over as usual). */
static void
shrink_log (sqlite3 *db)
{
  int rc = sqlite3_wal_checkpoint_v2 (db, "main", SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);

  if (rc != SQLITE_OK && rc != SQLITE_BUSY)
    g_debug ("Shrinking the WAL failed: %s", sqlite3_errmsg (db));
}

static gpointer
checkpoint_thread (gpointer data)
{
  CrmCheckpointer *self = data;

  g_mutex_lock (&self->mutex);
  for (;;)
    {
      gboolean aside = self->aside;
      gboolean done;

      if (!aside && !self->backlog)
        {
          if (self->quit)
            break;
          g_cond_wait (&self->cond, &self->mutex);
          continue;
        }

      g_mutex_unlock (&self->mutex);
      done = checkpoint (self->db);
      g_mutex_lock (&self->mutex);

      /* set back: what was left is copied, the log emptied, then the thread
       * rests; while a reader holds older frames it tries for a while, and
       * a closing store does not wait for that reader */
      if (!aside && !self->aside)
        {
          if (done)
            {
              self->backlog = FALSE;
              g_mutex_unlock (&self->mutex);
              shrink_log (self->db);
              g_mutex_lock (&self->mutex);
              continue;
            }
          if (self->quit || g_get_monotonic_time () > self->give_up)
            {
              self->backlog = FALSE;
              continue;
            }
        }
      g_cond_wait_until (&self->cond, &self->mutex, g_get_monotonic_time () + POLL_USEC);
    }
  g_mutex_unlock (&self->mutex);

  return NULL;
}

static CrmCheckpointer *
checkpointer_new (CrmStore  *store,
                  GError   **error)
{
  CrmCheckpointer *self;
  sqlite3 *db = NULL;

  if (!(db = _crm_store_open_side (store, "Opening a connection for checkpoints", error)))
    return NULL;

  self = g_new0 (CrmCheckpointer, 1);
  self->db = db;
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  self->thread = g_thread_new ("checkpoints", checkpoint_thread, self);

  return self;
}

void
_crm_checkpointer_free (CrmCheckpointer *self)
{
  if (self == NULL)
    return;

  g_mutex_lock (&self->mutex);
  self->quit = TRUE;
  self->aside = FALSE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->mutex);
  g_thread_join (self->thread);

  sqlite3_close (self->db);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
  g_free (self);
}

/**
 * crm_store_set_checkpoints_aside:
 *
 * With @aside, the store's connection stops checkpointing the WAL at its
 * commits and a thread of the store does it on another processor; without,
 * the connection checkpoints again and the thread copies what is left in
 * the background. For the end of a big import (see crm-store-checkpoint.c).
 * Without a thread (its connection could not be opened), nothing changes.
 */
void
crm_store_set_checkpoints_aside (CrmStore *self,
                                 gboolean  aside)
{
  g_return_if_fail (CRM_IS_STORE (self));

  STORE_LOCK (self);

  /* a file in rollback-journal mode (network filesystem) has no WAL */
  if (self->network_fs)
    return;

  if (aside && self->checkpointer == NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!(self->checkpointer = checkpointer_new (self, &error)))
        {
          g_debug ("%s", error->message);
          return;
        }
    }
  if (self->checkpointer == NULL)
    return;

  sqlite3_wal_autocheckpoint (self->db, aside ? 0 : AUTO_CHECKPOINT_PAGES);

  g_mutex_lock (&self->checkpointer->mutex);
  self->checkpointer->aside = aside;
  self->checkpointer->backlog = TRUE;
  self->checkpointer->give_up = g_get_monotonic_time () + GIVE_UP_USEC;
  g_cond_signal (&self->checkpointer->cond);
  g_mutex_unlock (&self->checkpointer->mutex);
}
