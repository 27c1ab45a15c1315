/* rapport-bench.c: the performance budgets of design.md, measured
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Builds (or reuses) a demo database of the full size and prints, for what
 * exists so far: the time from opening the database to the first page of the
 * client list, search as you type (p50/p95 over prefixes of real names and
 * phone numbers), sorting by each column, scrolling to the end, and the
 * memory the process holds. It reports; it does not fail on a budget.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "crm-activity.h"
#include "crm-client-edit.h"
#include "crm-client-filter.h"
#include "crm-client-list.h"
#include "crm-demo.h"
#include "crm-dossier.h"
#include "crm-duplicates.h"
#include "crm-store.h"

static char *database;
static int companies = 1000000;
static int contacts = 3000000;
static int history = 10000000;
static gboolean regenerate;
static char *only;

static GOptionEntry entries[] = {
  { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database, "Benchmark database (default: _build/bench/full.db)", "PATH" },
  { "companies", 0, 0, G_OPTION_ARG_INT, &companies, "Companies to generate (1000000)", "N" },
  { "contacts", 0, 0, G_OPTION_ARG_INT, &contacts, "Contact persons to generate (3000000)", "N" },
  { "history", 0, 0, G_OPTION_ARG_INT, &history, "History entries to generate (10000000)", "N" },
  { "regenerate", 0, 0, G_OPTION_ARG_NONE, &regenerate, "Generate the database even if it exists", NULL },
  { "only", 0, 0, G_OPTION_ARG_STRING, &only, "Measure one part only: search, sorts, scroll, duplicates, card, filters, control, dossier", "PART" },
  { NULL }
};

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static long
status_kb (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, field);
  if (line == NULL)
    return -1;

  return strtol (line + strlen (field), NULL, 10);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

static double
percentile (GArray *samples,
            double  p)
{
  guint index;

  g_array_sort (samples, compare_double);
  index = MIN (samples->len - 1, (guint)(p * samples->len));

  return g_array_index (samples, double, index);
}

static void
touch_first_rows (GListModel *model,
                  guint       n)
{
  n = MIN (n, g_list_model_get_n_items (model));
  for (guint i = 0; i < n; i++)
    g_object_unref (g_list_model_get_item (model, i));
}

static void
progress_cb (double      fraction,
             const char *phase,
             gpointer    user_data)
{
  fprintf (stderr, "\r  %-40s %5.1f %%", phase, fraction * 100);
}

static gboolean
ensure_database (GError **error)
{
  g_autoptr(CrmStore) store = NULL;
  CrmStoreCounts counts;
  CrmDemoOptions options;
  double start;

  if (regenerate)
    {
      g_autofree char *wal = g_strconcat (database, "-wal", NULL);
      g_autofree char *shm = g_strconcat (database, "-shm", NULL);
      g_unlink (database);
      g_unlink (wal);
      g_unlink (shm);
    }

  store = crm_store_open_full (database, CRM_STORE_OPEN_DEFAULT, "ru", error);
  if (store == NULL || !crm_store_get_counts (store, &counts, error))
    return FALSE;

  if (counts.companies == companies && counts.contacts == contacts && counts.history == history)
    {
      printf ("database: %s (reused: %" G_GINT64_FORMAT " companies, %" G_GINT64_FORMAT " contacts, %"
              G_GINT64_FORMAT " history entries)\n", database, counts.companies, counts.contacts, counts.history);
      return TRUE;
    }

  if (counts.companies != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   "%s holds other data; use --regenerate or another --database", database);
      return FALSE;
    }

  crm_demo_options_init (&options);
  options.companies = companies;
  options.contacts = contacts;
  options.history = history;
  options.locale = "ru";
  options.seed = 1;

  printf ("generating %d companies, %d contacts, %d history entries into %s\n",
          companies, contacts, history, database);
  start = now_ms ();
  if (!crm_demo_generate (store, &options, progress_cb, NULL, NULL, error))
    return FALSE;
  fprintf (stderr, "\n");
  {
    double seconds = (now_ms () - start) / 1000.0;
    printf ("generate: %.1f s (%.0f rows/s over companies + contacts + history)\n",
            seconds, (companies + contacts + history) / seconds);
  }

  return TRUE;
}

static GPtrArray *
sample_words (CrmStore *store,
              guint     n)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  gint64 total = crm_store_count_clients (store, NULL);
  GRand *rand = g_rand_new_with_seed (7);

  /* names of clients spread over the whole list, as a salesperson would type them */
  for (guint i = 0; i < n && total > 0; i++)
    {
      guint offset = g_rand_int_range (rand, 0, (gint32)MIN (total, G_MAXINT32));

      g_ptr_array_set_size (rows, 0);
      if (crm_store_fetch_clients (store, CRM_CLIENT_SORT_NAME, FALSE, offset, 1, rows, NULL) && rows->len)
        g_ptr_array_add (words, g_strdup (crm_client_row_get_name (rows->pdata[0])));
    }
  g_rand_free (rand);

  return words;
}

static void
bench_search (CrmStore   *store,
              GPtrArray  *words,
              const char *label)
{
  g_autoptr(CrmClientList) list = crm_client_list_new (store);
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  double worst = 0;

  for (guint w = 0; w < words->len; w++)
    {
      const char *word = words->pdata[w];
      glong n_chars = g_utf8_strlen (word, -1);

      /* every keystroke: the new query, counted, and the first screen of rows */
      for (glong k = 1; k <= n_chars; k++)
        {
          g_autofree char *prefix = g_utf8_substring (word, 0, k);
          double start = now_ms ();
          double elapsed;

          crm_client_list_set_search (list, prefix);
          touch_first_rows (G_LIST_MODEL (list), 30);
          elapsed = now_ms () - start;
          g_array_append_val (samples, elapsed);
          worst = MAX (worst, elapsed);
        }
      crm_client_list_set_search (list, NULL);
    }

  if (samples->len == 0)
    return;

  printf ("%-34s p50 %6.2f ms  p95 %6.2f ms  max %6.1f ms  (%u keystrokes)   budget p95 <= 16 ms\n",
          label, percentile (samples, 0.5), percentile (samples, 0.95), worst, samples->len);
}

static void
bench_sorts (CrmStore *store)
{
  g_autoptr(CrmClientList) list = crm_client_list_new (store);
  GListModel *model = G_LIST_MODEL (list);

  for (guint sort = 0; sort < CRM_CLIENT_N_SORTS; sort++)
    for (guint desc = 0; desc < 2; desc++)
      {
        double start, sorted, last;
        guint n;

        /* set_sort is a no-op for the current order: go through another first */
        crm_client_list_set_sort (list, (sort + 1) % CRM_CLIENT_N_SORTS, desc);
        start = now_ms ();
        crm_client_list_set_sort (list, sort, desc);
        touch_first_rows (model, 30);
        sorted = now_ms () - start;

        n = g_list_model_get_n_items (model);
        start = now_ms ();
        if (n > 0)
          g_object_unref (g_list_model_get_item (model, n - 1));
        last = now_ms () - start;

        printf ("sort by %-13s %-4s first page %7.1f ms   jump to the end %7.1f ms   budget <= 300 ms\n",
                crm_client_sort_to_string (sort), desc ? "desc" : "asc", sorted, last);
      }
}

static void
bench_scroll (CrmStore *store)
{
  g_autoptr(CrmClientList) list = crm_client_list_new (store);
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  GListModel *model = G_LIST_MODEL (list);
  guint n = g_list_model_get_n_items (model);
  double start_all = now_ms ();

  /* a scrollbar dragged from top to bottom: 200 stops, a screen of rows each */
  for (guint step = 0; step <= 200 && n > 0; step++)
    {
      guint position = (guint)((guint64)(n - 1) * step / 200);
      double start = now_ms ();
      double elapsed;

      for (guint i = position; i < MIN (n, position + 30); i++)
        g_object_unref (g_list_model_get_item (model, i));
      elapsed = now_ms () - start;
      g_array_append_val (samples, elapsed);
    }

  if (samples->len > 0)
    printf ("scroll top to bottom, 201 screens  p50 %6.2f ms  p95 %6.2f ms  total %.0f ms\n",
            percentile (samples, 0.5), percentile (samples, 0.95), now_ms () - start_all);
}

/* The duplicate guard while a new client's name is typed, letter by letter */
static void
bench_duplicates (CrmStore  *store,
                  GPtrArray *words)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  double worst = 0;

  for (guint w = 0; w < words->len; w++)
    {
      const char *word = words->pdata[w];
      glong n_chars = g_utf8_strlen (word, -1);

      for (glong k = 1; k <= n_chars; k++)
        {
          g_autofree char *prefix = g_utf8_substring (word, 0, k);
          g_autofree char *typed = g_strdup_printf ("ООО «%s»", prefix);
          g_autoptr(GPtrArray) matches = NULL;
          CrmDuplicateQuery query = { .name = typed };
          double start = now_ms ();
          double elapsed;

          matches = crm_store_find_duplicates (store, &query, 5, NULL);
          elapsed = now_ms () - start;
          g_array_append_val (samples, elapsed);
          worst = MAX (worst, elapsed);
        }
    }

  if (samples->len > 0)
    printf ("duplicate guard while typing       p50 %6.2f ms  p95 %6.2f ms  max %6.1f ms  (%u keystrokes)   budget <= 50 ms\n",
            percentile (samples, 0.5), percentile (samples, 0.95), worst, samples->len);
}

/* Opening a client card: everything the card shows, from the store */
static void
bench_card (CrmStore *store)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 total = crm_store_count_clients (store, NULL);
  GRand *rand = g_rand_new_with_seed (11);

  for (guint i = 0; i < 200 && total > 0; i++)
    {
      gint64 id = g_rand_int_range (rand, 1, (gint32)MIN (total, G_MAXINT32));
      double start = now_ms ();
      g_autoptr(CrmClientRecord) record = crm_store_load_client_record (store, id, NULL);
      g_autoptr(CrmClientSummary) summary = crm_store_load_client_summary (store, id, NULL);
      double elapsed = now_ms () - start;

      g_array_append_val (samples, elapsed);
    }
  g_rand_free (rand);

  if (samples->len > 0)
    printf ("open a client card (record + summary) p50 %5.2f ms  p95 %6.2f ms  (200 random clients)   budget <= 30 ms\n",
            percentile (samples, 0.5), percentile (samples, 0.95));
}

/* A big filtered list in every order: the first screen after the re-sort,
 * the jump to the last row, then one to the middle */
static void
bench_filter_sorts (CrmClientList *list)
{
  GListModel *model = G_LIST_MODEL (list);

  for (guint sort = 0; sort < CRM_CLIENT_N_SORTS; sort++)
    for (guint desc = 0; desc < 2; desc++)
      {
        double start, sorted, last, middle;
        guint n;

        crm_client_list_set_sort (list, (sort + 1) % CRM_CLIENT_N_SORTS, desc);
        start = now_ms ();
        crm_client_list_set_sort (list, sort, desc);
        touch_first_rows (model, 30);
        sorted = now_ms () - start;

        n = g_list_model_get_n_items (model);
        start = now_ms ();
        if (n > 0)
          g_object_unref (g_list_model_get_item (model, n - 1));
        last = now_ms () - start;

        start = now_ms ();
        if (n > 0)
          g_object_unref (g_list_model_get_item (model, n / 2));
        middle = now_ms () - start;

        printf ("  sorted by %-13s %-4s first screen %7.1f ms   jump to the end %7.1f ms   then the middle %5.1f ms\n",
                crm_client_sort_to_string (sort), desc ? "desc" : "asc", sorted, last, middle);
      }
}

/* Applying a filter: the count and the first screen, then the last row */
static void
bench_filters (CrmStore *store)
{
  g_autoptr(GPtrArray) statuses = crm_store_list_dictionary (store, "status", NULL);
  g_autoptr(GPtrArray) regions = crm_store_list_dictionary (store, "region", NULL);
  g_autoptr(CrmClientList) list = crm_client_list_new (store);
  struct { const char *label; guint n_statuses; guint n_regions; guint days; gboolean big; } cases[] = {
    { "one status", 1, 0, 0, TRUE },
    { "two statuses", 2, 0, 0, TRUE },
    { "one status and a region", 1, 1, 0, FALSE },
    { "no contact for 90 days", 0, 0, 90, TRUE },
    { "no contact for 365 days", 0, 0, 365, FALSE },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(CrmClientFilter) filter = crm_client_filter_new ();
      double start, applied, last;
      guint n;

      for (guint i = 0; i < cases[c].n_statuses && i < statuses->len; i++)
        crm_client_filter_add (filter, CRM_FILTER_STATUS, ((CrmDictionaryValue *)statuses->pdata[i])->id);
      for (guint i = 0; i < cases[c].n_regions && i < regions->len; i++)
        crm_client_filter_add (filter, CRM_FILTER_REGION, ((CrmDictionaryValue *)regions->pdata[i])->id);
      if (cases[c].days > 0)
        crm_client_filter_set_no_contact_days (filter, cases[c].days);

      start = now_ms ();
      crm_client_list_set_filter (list, filter);
      touch_first_rows (G_LIST_MODEL (list), 30);
      applied = now_ms () - start;

      n = g_list_model_get_n_items (G_LIST_MODEL (list));
      start = now_ms ();
      if (n > 0)
        g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), n - 1));
      last = now_ms () - start;

      printf ("filter %-26s %8u clients   count + first screen %7.1f ms   last row %7.1f ms   budget <= 300 ms\n",
              cases[c].label, n, applied, last);

      if (cases[c].big)
        bench_filter_sorts (list);
      crm_client_list_set_sort (list, CRM_CLIENT_SORT_NAME, FALSE);
    }

  crm_client_list_set_filter (list, NULL);
}

/* The manager's control view (crm-activity.h): what it loads when it opens
 * (this week's counts, forgotten clients for 30 days with each salesperson's
 * total, the first page of the latest activity), then its other periods and
 * pages. Each figure is the first run and the best of three. */
static double
time_control_open (CrmStore *store)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autoptr(CrmActivityTable) table = NULL;
  g_autoptr(GPtrArray) forgotten = NULL;
  g_autoptr(GPtrArray) latest = NULL;
  double start = now_ms ();

  crm_period_get_days (CRM_PERIOD_THIS_WEEK, NULL, &from, &to);
  table = crm_store_load_activity (store, from, to, NULL);
  forgotten = crm_store_count_forgotten_clients (store, 30, TRUE, NULL);
  latest = crm_store_list_latest_activity (store, 0, 0, 50, NULL);
  g_assert (table != NULL && forgotten != NULL && latest != NULL);

  return now_ms () - start;
}

static void
bench_control (CrmStore *store)
{
  static const struct { const char *label; int days; } periods[] = {
    { "this week", 7 }, { "a month", 31 }, { "a year", 366 },
  };
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GPtrArray) counts = NULL;
  CrmForgottenCount *most = NULL;
  double first, best = G_MAXDOUBLE, elapsed, start;
  gint64 before_time = 0, before_id = 0;

  first = time_control_open (store);
  for (int i = 0; i < 3; i++)
    best = MIN (best, time_control_open (store));
  printf ("control view opens (week, forgotten 30 d, latest 50)  first %7.1f ms  best %7.1f ms   budget <= 500 ms\n",
          first, best);

  for (guint p = 0; p < G_N_ELEMENTS (periods); p++)
    {
      g_autoptr(GDateTime) begin = g_date_time_add_days (now, 1 - periods[p].days);
      g_autofree char *from = g_date_time_format (begin, "%Y-%m-%d");
      g_autofree char *to = g_date_time_format (now, "%Y-%m-%d");
      g_autoptr(CrmActivityTable) table = NULL;

      start = now_ms ();
      table = crm_store_load_activity (store, from, to, NULL);
      elapsed = now_ms () - start;
      printf ("  activity by salesperson, %-10s %7.1f ms  (%" G_GINT64_FORMAT " entries, %u salespeople)\n",
              periods[p].label, elapsed, table ? table->total : -1, table ? table->rows->len : 0);
    }

  for (guint days = 30; days <= 365; days = days == 30 ? 90 : days == 90 ? 365 : 1000)
    for (int all = 0; all < 2; all++)
      {
        g_autoptr(GPtrArray) result = NULL;
        gint64 n = 0;

        start = now_ms ();
        result = crm_store_count_forgotten_clients (store, days, all, NULL);
        elapsed = now_ms () - start;
        for (guint i = 0; result && i < result->len; i++)
          n += ((CrmForgottenCount *)g_ptr_array_index (result, i))->n_forgotten;
        printf ("  forgotten clients, %3u days%s %7.1f ms  (%" G_GINT64_FORMAT " clients)\n",
                days, all ? ", with totals" : "             ", elapsed, n);
        if (days == 30 && all)
          counts = g_steal_pointer (&result);
      }

  for (guint i = 0; counts && i < counts->len; i++)
    {
      CrmForgottenCount *count = g_ptr_array_index (counts, i);

      if (most == NULL || count->n_forgotten > most->n_forgotten)
        most = count;
    }
  if (most != NULL)
    {
      gint64 after_time = -1, after_id = 0;
      guint n = 0;

      start = now_ms ();
      for (guint p = 0; p < 200; p++)
        {
          g_autoptr(GPtrArray) page = crm_store_list_forgotten_clients (store, most->user_id, 30, after_time,
                                                                        after_id, 50, NULL);
          CrmForgottenClient *last;
          double page_ms = now_ms () - start;

          if (page == NULL || page->len == 0)
            break;
          last = g_ptr_array_index (page, page->len - 1);
          after_time = last->last_contact_at;
          after_id = last->id;
          n += page->len;
          if (p == 0 || p == 199)
            printf ("  forgotten clients of one salesperson, page %3u  %7.2f ms from the start  (%u of %" G_GINT64_FORMAT ")\n",
                    p + 1, page_ms, n, most->n_forgotten);
        }
    }

  start = now_ms ();
  for (int p = 0; p < 20; p++)
    {
      g_autoptr(GPtrArray) page = crm_store_list_latest_activity (store, before_time, before_id, 50, NULL);
      CrmActivityEntry *last;

      if (page == NULL || page->len == 0)
        break;
      last = g_ptr_array_index (page, page->len - 1);
      before_time = last->occurred_at;
      before_id = last->id;
    }
  printf ("  latest activity, 20 pages of 50  %7.1f ms in all\n", now_ms () - start);
}

/* A client's dossier for the last twelve months, laid out and written to a
 * PDF file, for 20 random clients */
static void
bench_dossier (CrmStore *store)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) year_ago = g_date_time_add_days (now, -365);
  g_autofree char *from = g_date_time_format (year_ago, "%Y-%m-%d");
  g_autofree char *to = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "rapport-bench-dossier.pdf", NULL);
  gint64 total = crm_store_count_clients (store, NULL);
  GRand *rand = g_rand_new_with_seed (17);
  guint most_pages = 0, most_entries = 0;

  for (guint i = 0; i < 20 && total > 0; i++)
    {
      gint64 id = g_rand_int_range (rand, 1, (gint32)MIN (total, G_MAXINT32));
      double start = now_ms ();
      g_autoptr(CrmDossier) dossier = crm_dossier_load (store, id, from, to, NULL);
      double elapsed;

      if (dossier == NULL || !crm_dossier_write_pdf (dossier, path, NULL, NULL))
        continue;
      elapsed = now_ms () - start;
      g_array_append_val (samples, elapsed);
      most_pages = MAX (most_pages, crm_dossier_get_n_pages (dossier));
      most_entries = MAX (most_entries, crm_dossier_get_n_entries (dossier));
    }
  g_rand_free (rand);
  g_unlink (path);

  if (samples->len > 0)
    printf ("dossier PDF, 12 months            p50 %6.1f ms  p95 %6.1f ms  (%u clients; at most %u entries, %u pages)\n",
            percentile (samples, 0.5), percentile (samples, 0.95), samples->len, most_entries, most_pages);
}

static gboolean
wanted (const char *part)
{
  return only == NULL || g_str_equal (only, part);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(CrmClientList) list = NULL;
  g_autoptr(GPtrArray) words = NULL;
  g_autoptr(GPtrArray) phones = NULL;
  double start, opened, first_page;

  setlocale (LC_ALL, "");

  context = g_option_context_new ("— measure Rapport against the budgets of design.md");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "rapport-bench: %s\n", error->message);
      return 2;
    }

  if (database == NULL)
    database = g_build_filename (g_get_current_dir (), "_build", "bench", "full.db", NULL);

  if (!ensure_database (&error))
    {
      fprintf (stderr, "rapport-bench: %s\n", error->message);
      return 1;
    }

  /* What the window does at start: open, count, fetch the first screen */
  start = now_ms ();
  store = crm_store_open (database, &error);
  if (store == NULL)
    {
      fprintf (stderr, "rapport-bench: %s\n", error->message);
      return 1;
    }
  opened = now_ms () - start;
  list = crm_client_list_new (store);
  touch_first_rows (G_LIST_MODEL (list), 40);
  first_page = now_ms () - start;
  printf ("open database                      %7.1f ms\n", opened);
  printf ("open to first page of the list     %7.1f ms   (%u clients)   budget <= 300 ms\n",
          first_page, g_list_model_get_n_items (G_LIST_MODEL (list)));

  words = sample_words (store, 40);
  if (wanted ("search"))
    {
      bench_search (store, words, "search as you type (names)");

      phones = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < 20; i++)
        g_ptr_array_add (phones, g_strdup_printf ("+7 (495) %03u-%02u-%02u", 100 + i * 37 % 900, i * 7 % 100, i * 13 % 100));
      bench_search (store, phones, "search as you type (phones)");
    }

  if (wanted ("sorts"))
    bench_sorts (store);
  if (wanted ("scroll"))
    bench_scroll (store);
  if (wanted ("duplicates"))
    bench_duplicates (store, words);
  if (wanted ("card"))
    bench_card (store);
  if (wanted ("filters"))
    bench_filters (store);
  if (wanted ("control"))
    bench_control (store);
  if (wanted ("dossier"))
    bench_dossier (store);

  printf ("memory: RSS %ld MB, peak RSS %ld MB   budget <= 250 MB\n",
          status_kb ("VmRSS:") / 1024, status_kb ("VmHWM:") / 1024);

  return 0;
}
