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
  const char *locale;      /* "ru" or "en"; NULL: from the environment */
  gboolean    atomic;      /* one transaction: cancel or failure leaves nothing */
  gint64      now;         /* the "today" the history ends at; 0: the current time */
} CrmDemoOptions;

void         crm_demo_options_init  (CrmDemoOptions   *options);
const char  *crm_demo_default_locale (void);
gboolean     crm_demo_generate      (CrmStore             *store,
                                     const CrmDemoOptions *options,
                                     CrmProgressFunc       progress,
                                     gpointer              user_data,
                                     GCancellable         *cancellable,
                                     GError              **error);

G_END_DECLS
