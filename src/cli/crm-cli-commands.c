/* crm-cli-commands.c
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-cli"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <unistd.h>

#include "crm-cli-private.h"
#include "crm-client-row.h"
#include "crm-demo.h"
#include "crm-search-match.h"

#define DEFAULT_SEARCH_LIMIT 100

static gboolean
parse_count_option (CrmCli     *cli,
                    const char *option,
                    const char *text,
                    guint64     min,
                    guint64     max,
                    guint64    *value)
{
  g_autoptr(GError) error = NULL;

  if (text == NULL)
    return TRUE;

  if (!crm_cli_parse_number (option, text, min, max, value, &error))
    {
      crm_cli_usage_error (cli, "%s", error->message);
      return FALSE;
    }

  return TRUE;
}

static void
write_line (const char *text)
{
  /* The data is UTF-8 whatever the locale, like the file it comes from */
  fputs (text, stdout);
  fputc ('\n', stdout);
}

static char *
format_count (gint64 n)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, n);
}

/* demo */

typedef struct
{
  CrmStore       *store;
  CrmDemoOptions  options;
} DemoWork;

static gboolean
demo_work (gpointer          data,
           CrmProgressFunc   progress,
           gpointer          progress_data,
           GCancellable     *cancellable,
           GError          **error)
{
  DemoWork *work = data;

  return crm_demo_generate (work->store, &work->options, progress, progress_data,
                            cancellable, error);
}

int
crm_cli_command_demo (CrmCli  *cli,
                      int      argc,
                      char   **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *companies = NULL;
  g_autofree char *contacts = NULL;
  g_autofree char *history = NULL;
  g_autofree char *users = NULL;
  g_autofree char *seed = NULL;
  g_autofree char *locale = NULL;
  gboolean force = FALSE;
  gboolean quiet = FALSE;
  CrmStoreCounts before = { 0 };
  CrmStoreCounts after = { 0 };
  DemoWork work = { 0 };
  guint64 value;
  gint64 started;
  double seconds;
  const GOptionEntry entries[] = {
    { "companies", 0, 0, G_OPTION_ARG_STRING, &companies,
      N_("How many companies to create (default 2000)"), N_("N") },
    { "contacts", 0, 0, G_OPTION_ARG_STRING, &contacts,
      N_("How many contact persons to spread over the companies"), N_("N") },
    { "history", 0, 0, G_OPTION_ARG_STRING, &history,
      N_("How many history entries to spread over three years"), N_("N") },
    { "users", 0, 0, G_OPTION_ARG_STRING, &users,
      N_("How many salespeople the team has (default 12)"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed,
      N_("Start of the random sequence: the same seed gives the same data"), N_("N") },
    { "locale", 0, 0, G_OPTION_ARG_STRING, &locale,
      N_("Language and country of the data: “ru” or “en” (default: from the environment)"), N_("LOCALE") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force,
      N_("Add the demo data even when the database already has clients"), NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet,
      N_("Print nothing but errors"), NULL },
    { NULL }
  };

  context = crm_cli_context_new (cli, NULL,
                                 _("The data looks real: companies with legal details, contact "
                                   "persons, phones, e-mail addresses and three years of calls, "
                                   "meetings and letters. It is written in one transaction: "
                                   "Ctrl+C or an error leaves the database as it was.\n\n"
                                   "A database that already has clients is refused unless --force "
                                   "is given."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!crm_cli_parse (cli, context, &argc, &argv))
    return CRM_CLI_EXIT_USAGE;
  if (argc > 1)
    return crm_cli_usage_error (cli, _("Unexpected argument “%s”."), argv[1]);

  crm_demo_options_init (&work.options);

  if (!parse_count_option (cli, "--companies", companies, 1, 10000000, &value))
    return CRM_CLI_EXIT_USAGE;
  if (companies != NULL)
    work.options.companies = value;
  if (!parse_count_option (cli, "--contacts", contacts, 0, 100000000, &value))
    return CRM_CLI_EXIT_USAGE;
  if (contacts != NULL)
    work.options.contacts = value;
  if (!parse_count_option (cli, "--history", history, 0, 1000000000, &value))
    return CRM_CLI_EXIT_USAGE;
  if (history != NULL)
    work.options.history = value;
  if (!parse_count_option (cli, "--users", users, 1, 10000, &value))
    return CRM_CLI_EXIT_USAGE;
  if (users != NULL)
    work.options.users = value;
  if (!parse_count_option (cli, "--seed", seed, 0, G_MAXUINT64, &value))
    return CRM_CLI_EXIT_USAGE;
  if (seed != NULL)
    work.options.seed = value;

  if (locale != NULL && g_strcmp0 (locale, "ru") != 0 && g_strcmp0 (locale, "en") != 0)
    return crm_cli_usage_error (cli, _("--locale wants “ru” or “en”, not “%s”"), locale);
  if (locale != NULL)
    work.options.locale = locale;

  /* Cancelling or failing half way must not leave half a demo behind */
  work.options.atomic = TRUE;

  store = crm_cli_open_store (cli, CRM_STORE_OPEN_DEFAULT, locale, &error);
  if (store == NULL || !crm_store_get_counts (store, &before, &error))
    return crm_cli_fail (error);

  if (before.companies > 0 && !force)
    {
      g_autofree char *n = format_count (before.companies);

      g_printerr ("rapport-cli: ");
      /* Translators: the first %s is a file path, the second a number of clients */
      g_printerr (ngettext ("“%s” already has %s client. Add --force to add the demo data to it, "
                            "or choose another file with --database.",
                            "“%s” already has %s clients. Add --force to add the demo data to them, "
                            "or choose another file with --database.",
                            (gulong)MIN (before.companies, G_MAXLONG)),
                  crm_store_get_path (store), n);
      g_printerr ("\n");
      return CRM_CLI_EXIT_FAILURE;
    }

  work.store = store;
  started = g_get_monotonic_time ();

  if (!crm_cli_run_in_thread (demo_work, &work, !quiet, &error))
    {
      if (crm_cli_error_is_cancelled (error))
        {
          g_printerr ("rapport-cli: %s\n", _("Cancelled; nothing was added to the database."));
          return CRM_CLI_EXIT_CANCELLED;
        }
      return crm_cli_fail (error);
    }

  seconds = (g_get_monotonic_time () - started) / (double)G_USEC_PER_SEC;

  if (!crm_store_get_counts (store, &after, &error))
    return crm_cli_fail (error);

  if (!quiet)
    {
      g_autofree char *n_companies = format_count (after.companies - before.companies);
      g_autofree char *n_contacts = format_count (after.contacts - before.contacts);
      g_autofree char *n_history = format_count (after.history - before.history);
      g_autofree char *n_users = format_count (after.users - before.users);
      g_autofree char *s_companies = NULL;
      g_autofree char *s_contacts = NULL;
      g_autofree char *s_history = NULL;
      g_autofree char *s_users = NULL;

      s_companies = g_strdup_printf (ngettext ("%s company", "%s companies",
                                               (gulong)(after.companies - before.companies)),
                                     n_companies);
      s_contacts = g_strdup_printf (ngettext ("%s contact", "%s contacts",
                                              (gulong)(after.contacts - before.contacts)),
                                    n_contacts);
      s_history = g_strdup_printf (ngettext ("%s history entry", "%s history entries",
                                             (gulong)(after.history - before.history)),
                                   n_history);
      s_users = g_strdup_printf (ngettext ("%s user", "%s users",
                                           (gulong)(after.users - before.users)),
                                 n_users);

      /* Translators: “Added 50 companies, 100 contacts, 300 history entries and 12 users to “/path/rapport.db” in 1.2 s.” */
      g_print (_("Added %s, %s, %s and %s to “%s” in %.1f s."),
               s_companies, s_contacts, s_history, s_users, crm_store_get_path (store), seconds);
      g_print ("\n");
    }

  return CRM_CLI_EXIT_OK;
}

/* info */

typedef struct
{
  const char *label;
  char       *value;
} Field;

static void
print_fields (const Field *fields,
              guint        n_fields)
{
  glong width = 0;

  for (guint i = 0; i < n_fields; i++)
    if (fields[i].value != NULL)
      width = MAX (width, g_utf8_strlen (fields[i].label, -1));

  for (guint i = 0; i < n_fields; i++)
    {
      if (fields[i].value == NULL)
        continue;
      g_print ("%s%*s %s\n", fields[i].label,
               (int)(width - g_utf8_strlen (fields[i].label, -1)), "",
               fields[i].value);
    }
}

int
crm_cli_command_info (CrmCli  *cli,
                      int      argc,
                      char   **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  CrmStoreCounts counts = { 0 };
  GStatBuf st;
  Field fields[10];
  guint n = 0;

  context = crm_cli_context_new (cli, NULL,
                                 _("Opening a database written by an older Rapport upgrades it; "
                                   "the copy made before the upgrade is shown as “Backup copy”."));
  if (!crm_cli_parse (cli, context, &argc, &argv))
    return CRM_CLI_EXIT_USAGE;
  if (argc > 1)
    return crm_cli_usage_error (cli, _("Unexpected argument “%s”."), argv[1]);

  store = crm_cli_open_store (cli, CRM_STORE_OPEN_NO_CREATE, NULL, &error);
  if (store == NULL || !crm_store_get_counts (store, &counts, &error))
    return crm_cli_fail (error);

  fields[n++] = (Field) { _("Database:"), g_strdup (crm_store_get_path (store)) };
  fields[n++] = (Field) { _("Schema version:"),
                          /* Translators: “1 (this program reads up to 1)” */
                          g_strdup_printf (_("%d (this program reads up to %d)"),
                                           crm_store_get_schema_version (store),
                                           crm_store_supported_schema_version ()) };
  if (g_stat (crm_store_get_path (store), &st) == 0)
    {
      g_autofree char *size = g_format_size_full (st.st_size, G_FORMAT_SIZE_LONG_FORMAT);
      fields[n++] = (Field) { _("File size:"), g_steal_pointer (&size) };
    }
  fields[n++] = (Field) { _("Data language:"), g_strdup (crm_store_get_locale (store)) };
  fields[n++] = (Field) { _("Users:"), format_count (counts.users) };
  fields[n++] = (Field) { _("Clients:"), format_count (counts.companies) };
  fields[n++] = (Field) { _("Contact persons:"), format_count (counts.contacts) };
  fields[n++] = (Field) { _("History entries:"), format_count (counts.history) };
  fields[n++] = (Field) { _("Warning:"), g_strdup (crm_store_get_warning (store)) };
  fields[n++] = (Field) { _("Backup copy:"), g_strdup (crm_store_get_backup_path (store)) };

  print_fields (fields, n);

  for (guint i = 0; i < n; i++)
    g_free (fields[i].value);

  return CRM_CLI_EXIT_OK;
}

/* check */

int
crm_cli_command_check (CrmCli  *cli,
                       int      argc,
                       char   **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  context = crm_cli_context_new (cli, NULL,
                                 _("Verifies every page of the file, the references between "
                                   "records and the search index. Prints “ok”, or every problem "
                                   "found, one a line.\n\n"
                                   "Exit status: 0 when the database is sound, 1 when it has "
                                   "problems or cannot be read."));
  if (!crm_cli_parse (cli, context, &argc, &argv))
    return CRM_CLI_EXIT_USAGE;
  if (argc > 1)
    return crm_cli_usage_error (cli, _("Unexpected argument “%s”."), argv[1]);

  store = crm_cli_open_store (cli, CRM_STORE_OPEN_NO_CREATE, NULL, &error);
  if (store == NULL || !crm_store_check (store, &problems, &error))
    return crm_cli_fail (error);

  if (problems == NULL || problems->len == 0)
    {
      write_line ("ok");
      return CRM_CLI_EXIT_OK;
    }

  /* SQLite's integrity check may put several lines in one problem */
  for (guint i = 0; i < problems->len; i++)
    {
      g_auto(GStrv) lines = g_strsplit (g_ptr_array_index (problems, i), "\n", -1);

      for (guint j = 0; lines[j] != NULL; j++)
        {
          g_autofree char *line = j > 0 ? g_strconcat ("  ", lines[j], NULL) : g_strdup (lines[j]);

          if (lines[j][0] != '\0')
            write_line (line);
        }
    }

  fflush (stdout);
  g_printerr ("rapport-cli: ");
  /* Translators: %u is a number of problems, %s a file path */
  g_printerr (ngettext ("%u problem found in “%s”.", "%u problems found in “%s”.", problems->len),
              problems->len, crm_store_get_path (store));
  g_printerr ("\n");

  return CRM_CLI_EXIT_FAILURE;
}

/* backup */

typedef struct
{
  CrmStore   *store;
  const char *destination;
} BackupWork;

static gboolean
backup_work (gpointer          data,
             CrmProgressFunc   progress,
             gpointer          progress_data,
             GCancellable     *cancellable,
             GError          **error)
{
  BackupWork *work = data;

  return crm_store_backup (work->store, work->destination, progress, progress_data,
                           cancellable, error);
}

static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 &&
         sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

int
crm_cli_command_backup (CrmCli  *cli,
                        int      argc,
                        char   **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *partial = NULL;
  const char *file;
  gboolean force = FALSE;
  gboolean quiet = FALSE;
  BackupWork work = { 0 };
  GStatBuf st;
  int fd;
  const GOptionEntry entries[] = {
    { "force", 0, 0, G_OPTION_ARG_NONE, &force,
      N_("Replace FILE when it already exists"), NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet,
      N_("Print nothing but errors"), NULL },
    { NULL }
  };

  context = crm_cli_context_new (cli, _("FILE"),
                                 _("The copy is consistent even while the Rapport application "
                                   "is writing to the database. It is written next to FILE "
                                   "first and takes FILE’s name only when complete, so an "
                                   "interrupted backup never leaves a half-written FILE."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!crm_cli_parse (cli, context, &argc, &argv))
    return CRM_CLI_EXIT_USAGE;
  if (argc < 2)
    return crm_cli_usage_error (cli, _("Give the FILE to write the backup copy to."));
  if (argc > 2)
    return crm_cli_usage_error (cli, _("Unexpected argument “%s”."), argv[2]);

  file = argv[1];

  store = crm_cli_open_store (cli, CRM_STORE_OPEN_NO_CREATE, NULL, &error);
  if (store == NULL)
    return crm_cli_fail (error);

  if (g_stat (file, &st) == 0)
    {
      if (S_ISDIR (st.st_mode))
        {
          g_printerr ("rapport-cli: ");
          g_printerr (_("“%s” is a folder; give the name of the backup file."), file);
          g_printerr ("\n");
          return CRM_CLI_EXIT_FAILURE;
        }
      if (same_file (file, crm_store_get_path (store)))
        {
          g_printerr ("rapport-cli: %s\n", _("The backup copy cannot replace the database itself."));
          return CRM_CLI_EXIT_FAILURE;
        }
      if (!force)
        {
          g_printerr ("rapport-cli: ");
          g_printerr (_("“%s” already exists. Add --force to replace it."), file);
          g_printerr ("\n");
          return CRM_CLI_EXIT_FAILURE;
        }
    }

  partial = g_strdup_printf ("%s.partial-XXXXXX", file);
  fd = g_mkstemp (partial);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_printerr ("rapport-cli: ");
      /* Translators: the first %s is a file path, the second the reason */
      g_printerr (_("Cannot write the backup copy “%s”: %s"), file, g_strerror (saved_errno));
      g_printerr ("\n");
      return CRM_CLI_EXIT_FAILURE;
    }
  close (fd);

  work.store = store;
  work.destination = partial;

  if (!crm_cli_run_in_thread (backup_work, &work, !quiet, &error))
    {
      g_unlink (partial);
      return crm_cli_fail (error);
    }

  if (g_rename (partial, file) != 0)
    {
      int saved_errno = errno;

      g_unlink (partial);
      g_printerr ("rapport-cli: ");
      g_printerr (_("Cannot write the backup copy “%s”: %s"), file, g_strerror (saved_errno));
      g_printerr ("\n");
      return CRM_CLI_EXIT_FAILURE;
    }

  if (!quiet)
    {
      g_autofree char *size = NULL;

      if (g_stat (file, &st) == 0)
        size = g_format_size (st.st_size);

      /* Translators: “Copied “/path/rapport.db” to “/path/backup.db” (12.3 MB).” */
      g_print (_("Copied “%s” to “%s” (%s)."), crm_store_get_path (store), file, size ? size : "?");
      g_print ("\n");
    }

  return CRM_CLI_EXIT_OK;
}

/* search */

int
crm_cli_command_search (CrmCli  *cli,
                        int      argc,
                        char   **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GString) line = g_string_new (NULL);
  g_autofree char *limit_text = NULL;
  g_autofree char *sort_text = NULL;
  g_autofree char *query = NULL;
  g_autofree char *description = NULL;
  g_autofree char *segment = NULL;
  CrmClientSort sort = CRM_CLIENT_SORT_NAME;
  gboolean descending = FALSE;
  gboolean more = FALSE;
  guint64 limit = DEFAULT_SEARCH_LIMIT;
  const GOptionEntry entries[] = {
    { "limit", 'n', 0, G_OPTION_ARG_STRING, &limit_text,
      N_("Print at most N clients (default 100; 0: all)"), N_("N") },
    { "sort", 's', 0, G_OPTION_ARG_STRING, &sort_text,
      N_("Order by name, status, industry, region, city, manager or last-contact (default name)"),
      N_("COLUMN") },
    { "desc", 0, 0, G_OPTION_ARG_NONE, &descending,
      N_("Reverse the order"), NULL },
    { "segment", 0, 0, G_OPTION_ARG_STRING, &segment,
      N_("Only clients of this saved segment; without QUERY, all of them"), N_("NAME") },
    { NULL }
  };

  /* Translators: the column names are separated by tabs in the output */
  description = g_strdup_printf ("%s\n\n%s\n  1. %s\n  2. %s\n  3. %s\n  4. %s\n  5. %s\n  6. %s\n\n%s",
                                 _("Every word of QUERY must match the beginning of a word in the "
                                   "client’s name, legal name, tax number, city, website, contact "
                                   "persons, phones, e-mail addresses, tags or user-defined text "
                                   "fields; case does not matter. A phone number is found in "
                                   "any usual form: “+7 (495) 123-45-67”, “84951234567” and "
                                   "“123-45-67” find the same client."),
                                 _("Prints one client a line, with these columns separated by tabs:"),
                                 _("number of the client"),
                                 _("name"),
                                 _("status"),
                                 _("city"),
                                 _("responsible manager"),
                                 _("what QUERY matched when it was not the name, e.g. "
                                   "“contact: Иванова Анна”; empty otherwise"),
                                 _("Exit status: 0 when some client matched, 1 when none did or "
                                   "on an error, 2 on a wrong option."));

  context = crm_cli_context_new (cli, _("QUERY…"), description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!crm_cli_parse (cli, context, &argc, &argv))
    return CRM_CLI_EXIT_USAGE;
  if (argc < 2 && segment == NULL)
    return crm_cli_usage_error (cli, _("Give the text to search for."));

  if (!parse_count_option (cli, "--limit", limit_text, 0, G_MAXUINT - 1, &limit))
    return CRM_CLI_EXIT_USAGE;
  if (limit == 0)
    limit = G_MAXUINT - 1;

  if (sort_text != NULL && !crm_client_sort_from_string (sort_text, &sort))
    return crm_cli_usage_error (cli,
                                _("--sort wants one of name, status, industry, region, city, "
                                  "manager, last-contact; not “%s”"), sort_text);

  query = g_strjoinv (" ", argv + 1);

  store = crm_cli_open_store (cli, CRM_STORE_OPEN_NO_CREATE, NULL, &error);
  if (store != NULL && segment != NULL)
    {
      if (!crm_cli_segment_clients (store, segment, query, sort, descending, (guint)limit, rows, &more, &error))
        return crm_cli_fail (error);
    }
  else if (store == NULL ||
      !crm_store_search_clients (store, query, sort, descending, (guint)limit, ids, &more, &error) ||
      !crm_store_fetch_clients_by_id (store, (const gint64 *)(gpointer)ids->data, ids->len, rows, &error))
    return crm_cli_fail (error);

  for (guint i = 0; i < rows->len; i++)
    {
      CrmClientRow *row = g_ptr_array_index (rows, i);
      g_autofree char *id = format_count (crm_client_row_get_id (row));

      g_string_truncate (line, 0);
      crm_cli_write_field (line, id);
      crm_cli_write_field (line, crm_client_row_get_name (row));
      crm_cli_write_field (line, crm_client_row_get_status (row));
      crm_cli_write_field (line, crm_client_row_get_city (row));
      crm_cli_write_field (line, crm_client_row_get_manager (row));
      {
        g_autoptr(CrmSearchMatch) match = NULL;
        g_autofree char *matched = NULL;

        if (*query != '\0' &&
            !crm_store_explain_search (store, crm_client_row_get_id (row), query, &match, &error))
          return crm_cli_fail (error);
        matched = match != NULL ? crm_search_match_describe (match) : NULL;
        crm_cli_write_field (line, matched);
      }
      write_line (line->str);
    }
  fflush (stdout);

  if (more)
    {
      g_printerr ("rapport-cli: ");
      g_printerr (ngettext ("More clients match; only the first %u is shown. Use --limit to see more.",
                            "More clients match; only the first %u are shown. Use --limit to see more.",
                            rows->len),
                  rows->len);
      g_printerr ("\n");
    }

  return rows->len > 0 ? CRM_CLI_EXIT_OK : CRM_CLI_EXIT_FAILURE;
}
