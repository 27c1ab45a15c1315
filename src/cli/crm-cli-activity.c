/* crm-cli-activity.c: the control view's counts and a client's dossier
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "crm-activity.h"
#include "crm-cli-private.h"
#include "crm-dossier.h"

static char *
local_day (int add_days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) moved = g_date_time_add_days (now, add_days);

  return g_date_time_format (moved, "%Y-%m-%d");
}

static gboolean
check_day (const char  *option,
           const char  *value,
           GError     **error)
{
  if (crm_day_is_valid (value))
    return TRUE;
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               /* Translators: the first %s is an option (--from), the second what was given */
               _("%s takes a date written YYYY-MM-DD, not “%s”."), option, value);
  return FALSE;
}

/* activity */

int
crm_cli_command_activity (CrmCli  *cli,
                          int      argc,
                          char   **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmActivityTable) table = NULL;
  g_autoptr(GString) line = g_string_new (NULL);
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *description = NULL;
  gboolean by_day = FALSE;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("The first day, YYYY-MM-DD (default: Monday of this week)"),
      N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("The last day, YYYY-MM-DD (default: the sixth day after --from)"),
      N_("DATE") },
    { "by-day", 0, 0, G_OPTION_ARG_NONE, &by_day, N_("One line per salesperson and day"), NULL },
    { NULL }
  };

  description = g_strdup_printf ("%s\n\n%s\n  1. %s\n  2. %s\n  3–8. %s\n\n%s",
                                 _("Counts the work each salesperson logged in a period: calls, meetings, "
                                   "letters, e-mails, notes and other contacts with clients. Days are "
                                   "UTC dates."),
                                 _("Prints one salesperson a line, with these columns separated by tabs:"),
                                 _("name"),
                                 _("entries in all"),
                                 _("calls, meetings, letters, e-mails, notes, other"),
                                 _("With --by-day, a column with the day follows the name, and only days "
                                   "with work are printed."));

  context = crm_cli_context_new (cli, NULL, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!crm_cli_parse (cli, context, &argc, &argv))
    return CRM_CLI_EXIT_USAGE;
  if (argc > 1)
    return crm_cli_usage_error (cli, _("Unexpected argument “%s”."), argv[1]);
  if ((from && !check_day ("--from", from, &error)) || (to && !check_day ("--to", to, &error)))
    return crm_cli_usage_error (cli, "%s", error->message);

  if (from == NULL && to == NULL)
    crm_period_get_days (CRM_PERIOD_THIS_WEEK, NULL, &from, &to);
  else if (from == NULL || to == NULL)
    {
      GDate date;
      const char *given = from ? from : to;
      int y, m, d;

      sscanf (given, "%d-%d-%d", &y, &m, &d);
      g_date_clear (&date, 1);
      g_date_set_dmy (&date, d, m, y);
      if (from != NULL)
        g_date_add_days (&date, 6);
      else
        g_date_subtract_days (&date, 6);
      if (from != NULL)
        to = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date));
      else
        from = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date));
    }

  store = crm_cli_open_store (cli, CRM_STORE_OPEN_NO_CREATE, NULL, &error);
  if (store == NULL)
    return crm_cli_fail (error);
  if (!(table = crm_store_load_activity (store, from, to, &error)))
    {
      if (g_error_matches (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID))
        return crm_cli_usage_error (cli, "%s", error->message);
      return crm_cli_fail (error);
    }

  for (guint i = 0; i < table->rows->len; i++)
    {
      CrmActivityRow *row = g_ptr_array_index (table->rows, i);

      for (guint day = 0; day < (by_day ? table->n_days : 1); day++)
        {
          g_autofree char *date = by_day ? crm_activity_table_day (table, day) : NULL;
          g_autofree char *total = NULL;
          gint64 kinds[CRM_ACTIVITY_N_KINDS] = { 0 };

          if (by_day)
            {
              if (row->by_day[day] == 0)
                continue;
              memcpy (kinds, row->by_day_kind + day * CRM_ACTIVITY_N_KINDS, sizeof kinds);
              total = g_strdup_printf ("%" G_GINT64_FORMAT, row->by_day[day]);
            }
          else
            {
              memcpy (kinds, row->by_kind, sizeof kinds);
              total = g_strdup_printf ("%" G_GINT64_FORMAT, row->total);
            }

          g_string_truncate (line, 0);
          crm_cli_write_field (line, row->user_name);
          if (by_day)
            crm_cli_write_field (line, date);
          crm_cli_write_field (line, total);
          for (guint k = 0; k < CRM_ACTIVITY_N_KINDS; k++)
            {
              g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, kinds[k]);

              crm_cli_write_field (line, number);
            }
          fputs (line->str, stdout);
          fputc ('\n', stdout);
        }
    }

  return CRM_CLI_EXIT_OK;
}

/* dossier */

int
crm_cli_command_dossier (CrmCli  *cli,
                         int      argc,
                         char   **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmDossier) dossier = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *output = NULL;
  g_autofree char *description = NULL;
  gint64 client_id;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("The first day of the history, YYYY-MM-DD (default: a year ago)"),
      N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("The last day of the history (default: today)"), N_("DATE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF file to write"), N_("FILE") },
    { NULL }
  };

  description = g_strdup_printf ("%s\n\n%s",
                                 _("Writes a client's dossier as a PDF file (A4): the client's name, "
                                   "status, responsible manager and tags, the card's properties, the "
                                   "contact persons with their phones and e-mails, and the history of "
                                   "the period, the newest entry first. The application prints the "
                                   "same pages."),
                                 _("CLIENT is the client's number or its exact name."));

  context = crm_cli_context_new (cli, _("CLIENT"), description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!crm_cli_parse (cli, context, &argc, &argv))
    return CRM_CLI_EXIT_USAGE;
  if (argc < 2)
    return crm_cli_usage_error (cli, _("Name the client: its number or its exact name."));
  if (argc > 2)
    return crm_cli_usage_error (cli, _("Unexpected argument “%s”."), argv[2]);
  if (output == NULL)
    return crm_cli_usage_error (cli, _("Give the file to write with --output."));
  if ((from && !check_day ("--from", from, &error)) || (to && !check_day ("--to", to, &error)))
    return crm_cli_usage_error (cli, "%s", error->message);
  if (from == NULL)
    from = local_day (-365);
  if (to == NULL)
    to = local_day (0);

  store = crm_cli_open_store (cli, CRM_STORE_OPEN_NO_CREATE, NULL, &error);
  if (store == NULL || !(client_id = crm_store_find_client (store, argv[1], &error)))
    return crm_cli_fail (error);
  if (!(dossier = crm_dossier_load (store, client_id, from, to, &error)))
    {
      if (g_error_matches (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID))
        return crm_cli_usage_error (cli, "%s", error->message);
      return crm_cli_fail (error);
    }
  if (!crm_dossier_write_pdf (dossier, output, NULL, &error))
    return crm_cli_fail (error);

  /* Translators: the first %s is a file, then the numbers of pages and of history entries */
  g_printerr (_("Wrote %s: %u pages, %u history entries.\n"), output,
              crm_dossier_get_n_pages (dossier), crm_dossier_get_n_entries (dossier));

  return CRM_CLI_EXIT_OK;
}
