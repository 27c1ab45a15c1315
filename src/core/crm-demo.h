/* crm-demo.h
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "crm-store.h"

G_BEGIN_DECLS

typedef struct
{
  guint       companies;   /* default 2000 */
  guint       contacts;    /* total contact persons, spread over the companies */
  guint       history;     /* total history entries, spread over three years */
  guint       users;       /* salespeople in the team; default 12 */
  guint64     seed;        /* same seed, same data */
  const char *locale;      /* "ru" or "en"; NULL: the database's language */
  gboolean    atomic;      /* one transaction: cancel or failure leaves nothing */
  gint64      now;         /* the "today" the history ends at; 0: the current time */
} CrmDemoOptions;

/* crm_demo_generate() adds a sales team (options->users salespeople and a head
 * of sales) and the companies, each with phones, an e-mail address, contact
 * persons and history, in the language of options->locale. The totals of
 * contacts and history are exact. The same options give the same data.
 *
 * Without options->atomic the data is committed every 20,000 companies: on
 * cancellation (G_IO_ERROR_CANCELLED) or failure the batch in progress is
 * rolled back, the batches committed before it stay and are indexed for
 * search. With options->atomic everything is one transaction and nothing
 * stays. progress is called about a hundred times, from the calling thread. */
void         crm_demo_options_init  (CrmDemoOptions   *options);
const char  *crm_demo_default_locale (void);
gboolean     crm_demo_generate      (CrmStore             *store,
                                     const CrmDemoOptions *options,
                                     CrmProgressFunc       progress,
                                     gpointer              user_data,
                                     GCancellable         *cancellable,
                                     GError              **error);

G_END_DECLS
