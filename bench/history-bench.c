/* history-bench.c: the timeline budgets of issue 4
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * history-bench [ENTRIES]: makes a new database with one client holding
 * ENTRIES history entries (default 100,000) of every logged kind, spread
 * over ten years, and a client with ten; then measures, 200 times each and
 * warm: the first page of the timeline (count + 50 entries), a page in the
 * middle and the last one, the first page filtered by kind and by words,
 * and logging an entry (crm_store_log_entry, which checks and commits).
 * Budgets: first page of a 100,000-entry timeline <= 30 ms; logging <= 5 ms.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "crm-history.h"
#include "crm-store.h"

#define RUNS 200
#define PAGE 50

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

static void
report (const char *what,
        double     *ms,
        guint       n)
{
  qsort (ms, n, sizeof *ms, compare_doubles);
  printf ("%-46s p50 %7.2f ms  p95 %7.2f ms  max %7.2f ms\n", what, ms[n / 2], ms[n * 95 / 100], ms[n - 1]);
}

static void
measure_page (CrmStore              *store,
              gint64                 client,
              const CrmHistoryQuery *query,
              guint                  offset,
              const char            *what)
{
  double ms[RUNS];

  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify)crm_history_entry_free);
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      gint64 total = crm_store_count_history (store, client, query, &error);

      if (total < 0 ||
          !crm_store_fetch_history (store, client, query, offset == G_MAXUINT ? (guint)MAX (0, total - PAGE) : offset,
                                    PAGE, entries, &error))
        g_error ("%s: %s", what, error->message);
      ms[i] = (g_get_monotonic_time () - start) / 1000.0;
      if (i == 0)
        printf ("  (%s: %" G_GINT64_FORMAT " entries, %u fetched)\n", what, total, entries->len);
    }
  report (what, ms, RUNS);
}

int
main (int   argc,
      char *argv[])
{
  static const char * const kinds[] = { "call", "meeting", "letter", "email", "note" };
  static const char * const outcomes[] = { "Reached", "No answer", "Call back", "Held" };
  g_autofree char *dir = g_dir_make_tmp ("history-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "rapport.db", NULL);
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint n = argc > 1 ? (guint)atoi (argv[1]) : 100000;
  CrmCompanyData big = { .name = "Big Client" };
  CrmCompanyData small = { .name = "Small Client" };
  const char * const meetings[] = { "meeting", NULL };
  CrmHistoryQuery by_kind = { .kinds = meetings };
  CrmHistoryQuery by_words = { .text = "delivery terms" };
  gint64 client, small_client, start;
  double ms[RUNS * 5];

  store = crm_store_open_full (path, CRM_STORE_OPEN_DEFAULT, "en", &error);
  if (store == NULL)
    g_error ("%s", error->message);
  client = crm_store_add_company (store, &big, &error);
  small_client = crm_store_add_company (store, &small, &error);

  start = g_get_monotonic_time ();
  if (!crm_store_begin (store, &error))
    g_error ("%s", error->message);
  for (guint i = 0; i < n; i++)
    {
      const char *kind = kinds[i % G_N_ELEMENTS (kinds)];
      CrmHistoryData data = {
        .company_id = client,
        .kind = kind,
        .body = i % 97 == 0 ? "Agreed on the delivery terms for the next quarter" : "Talked about the order",
        .outcome = (g_str_equal (kind, "call") || g_str_equal (kind, "meeting")) ? outcomes[i % 4] : NULL,
        .occurred_at = 1480000000 + (gint64)i * 3153,
      };

      if (!crm_store_add_history (store, &data, &error))
        g_error ("%s", error->message);
    }
  for (guint i = 0; i < 10; i++)
    {
      CrmHistoryData data = { .company_id = small_client, .kind = "note", .body = "A note",
                              .occurred_at = 1700000000 + i };
      crm_store_add_history (store, &data, NULL);
    }
  if (!crm_store_commit (store, &error))
    g_error ("%s", error->message);
  printf ("made %u entries in %.1f s\n", n, (g_get_monotonic_time () - start) / 1e6);

  measure_page (store, small_client, NULL, 0, "first page, 10 entries");
  measure_page (store, client, NULL, 0, "first page");
  measure_page (store, client, NULL, n / 2, "a page in the middle");
  measure_page (store, client, NULL, G_MAXUINT, "the last page");
  measure_page (store, client, &by_kind, 0, "first page, meetings only");
  measure_page (store, client, &by_words, 0, "first page, words “delivery terms”");

  for (guint i = 0; i < G_N_ELEMENTS (ms); i++)
    {
      CrmHistoryData data = { .company_id = client, .kind = "call", .body = "Logged by the bench",
                              .outcome = "Reached", .duration = 120 };

      start = g_get_monotonic_time ();
      if (!crm_store_log_entry (store, &data, &error))
        g_error ("%s", error->message);
      ms[i] = (g_get_monotonic_time () - start) / 1000.0;
    }
  report ("log an entry (checked, committed)", ms, G_N_ELEMENTS (ms));

  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
    g_unlink (path);
    g_rmdir (dir);
  }

  return 0;
}
