/* import-bench.c: CSV import speed (design.md: at least 100,000 rows/s)
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * import-bench [ROWS] [simple] [new-only]: writes ROWS (default 100,000)
 * generated client rows to a CSV file, imports them into a new database, then
 * (unless new-only) imports the same file again (every row a duplicate,
 * skipped) and prints rows/s.
 * A full row is a client with a phone, an e-mail and a contact person (four
 * rows of the database); "simple" rows are the client alone.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "crm-import.h"

static const char * const cities[] = { "Moscow", "Kazan", "Samara", "Tver", "Omsk", "Perm", "Tula" };
static const char * const statuses[] = { "Lead", "Prospect", "Client", "Lost" };
static const char * const industries[] = { "Retail", "Manufacturing", "Logistics", "IT", "Energy" };

/* The process's processor time, user and system: on a shared machine the
 * wall time also counts the others' work */
static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

/* The processor time of the calling thread, the import's writer: what a
 * change to the writing saves, without the machine's drift in wall time */
static double
thread_seconds (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec + now.tv_nsec / 1e9;
}

/* Where the time goes: the phases the import reports, each timed */
typedef struct
{
  char   *phase;
  gint64  since;
  double  since_cpu;
  GString *times;
} Phases;

static void
phase_cb (double      fraction,
          const char *phase,
          gpointer    user_data)
{
  Phases *phases = user_data;
  gint64 now = g_get_monotonic_time ();
  double cpu = thread_seconds ();

  if (g_strcmp0 (phase, phases->phase) == 0)
    return;
  if (phases->phase != NULL)
    g_string_append_printf (phases->times, "%s%s %.2f s (writer %.2f)", phases->times->len ? ", " : "",
                            phases->phase, (now - phases->since) / (double)G_USEC_PER_SEC,
                            cpu - phases->since_cpu);
  g_free (phases->phase);
  phases->phase = g_strdup (phase);
  phases->since = now;
  phases->since_cpu = cpu;
}

static double
run_import (CrmStore            *store,
            const char          *path,
            CrmImportDuplicates  policy,
            guint64             *added,
            guint64             *skipped)
{
  g_autoptr(CrmImportReport) report = crm_import_report_new ();
  g_autoptr(GError) error = NULL;
  CrmImportOptions options;
  gint64 start = g_get_monotonic_time ();
  Phases phases = { NULL, start, thread_seconds (), g_string_new (NULL) };
  double cpu = cpu_seconds ();
  double seconds;

  crm_import_options_init (&options);
  options.on_duplicate = policy;
  phase_cb (0.0, "rows", &phases);
  if (!crm_import_csv (store, path, &options, report, phase_cb, &phases, NULL, &error))
    g_error ("import failed: %s", error->message);
  seconds = (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC;
  phase_cb (1.0, "", &phases);
  g_print ("  %s; processor time %.2f s\n", phases.times->str, cpu_seconds () - cpu);
  g_string_free (phases.times, TRUE);
  g_free (phases.phase);
  *added = report->added;
  *skipped = report->skipped;

  return seconds;
}

int
main (int   argc,
      char *argv[])
{
  guint rows = argc > 1 ? (guint)strtoul (argv[1], NULL, 10) : 100000;
  gboolean simple = FALSE, new_only = FALSE;
  g_autofree char *dir = g_dir_make_tmp ("import-bench-XXXXXX", NULL);
  g_autofree char *csv = g_build_filename (dir, "clients.csv", NULL);
  g_autofree char *db = g_build_filename (dir, "bench.db", NULL);
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  FILE *out;
  guint64 added, skipped;
  double seconds;

  for (int i = 2; i < argc; i++)
    {
      simple = simple || g_str_equal (argv[i], "simple");
      new_only = new_only || g_str_equal (argv[i], "new-only");
    }

  out = fopen (csv, "w");
  g_assert_nonnull (out);
  fputs ("Name,Tax ID,Status,Industry,City,Address,Phone,E-mail,Contact person,Position\r\n", out);
  for (guint i = 0; i < rows && simple; i++)
    fprintf (out, "Company %u Ltd,%010u,%s,%s,%s,,,,,\r\n", i, 1000000000u + i,
             statuses[i % G_N_ELEMENTS (statuses)], industries[i % G_N_ELEMENTS (industries)],
             cities[i % G_N_ELEMENTS (cities)]);
  for (guint i = 0; i < rows && !simple; i++)
    fprintf (out, "Company %u Ltd,%010u,%s,%s,%s,\"%u Main Street, suite %u\",+1 (212) %03u-%04u,"
             "office%u@company%u.example,Pat Doe %u,Manager\r\n",
             i, 1000000000u + i, statuses[i % G_N_ELEMENTS (statuses)],
             industries[i % G_N_ELEMENTS (industries)], cities[i % G_N_ELEMENTS (cities)],
             i % 999 + 1, i % 50 + 1, 200 + i / 10000, i % 10000, i, i, i);
  fclose (out);

  store = crm_store_open_full (db, CRM_STORE_OPEN_DEFAULT, "en", &error);
  if (store == NULL)
    g_error ("%s", error->message);

  seconds = run_import (store, csv, CRM_IMPORT_DUPLICATE_SKIP, &added, &skipped);
  g_print ("new clients: %u rows in %.2f s: %.0f rows/s (%" G_GUINT64_FORMAT " added, %" G_GUINT64_FORMAT
           " skipped)\n", rows, seconds, rows / seconds, added, skipped);

  if (!new_only)
    seconds = run_import (store, csv, CRM_IMPORT_DUPLICATE_SKIP, &added, &skipped);
  if (!new_only)
    g_print ("all duplicates: %u rows in %.2f s: %.0f rows/s (%" G_GUINT64_FORMAT " added, %" G_GUINT64_FORMAT
           " skipped)\n", rows, seconds, rows / seconds, added, skipped);

  g_clear_object (&store);
    {
      g_autofree char *wal = g_strconcat (db, "-wal", NULL);
      g_autofree char *shm = g_strconcat (db, "-shm", NULL);

      g_unlink (csv);
      g_unlink (db);
      g_unlink (wal);
      g_unlink (shm);
      g_rmdir (dir);
    }

  return 0;
}
