/* rapport-cli.c
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "crm-cli-private.h"

const CrmCliCommand crm_cli_commands[] = {
  { "demo",   N_("Fill the database with generated demo clients, contacts and history"),
    crm_cli_command_demo },
  { "info",   N_("Show where the database is, its version, size and contents"),
    crm_cli_command_info },
  { "check",  N_("Check the database for damage"),
    crm_cli_command_check },
  { "backup", N_("Copy the database into a backup file"),
    crm_cli_command_backup },
  { "search", N_("Find clients by name, phone, e-mail or other details"),
    crm_cli_command_search },
  { "activity", N_("Count the work of each salesperson in a period (calls, meetings, letters…)"),
    crm_cli_command_activity },
  { "dossier", N_("Write a client's dossier (card, contacts, history) as a PDF file"),
    crm_cli_command_dossier },
  { "import", N_("Import clients from a CSV file or contact persons from vCards, or undo an import"),
    crm_cli_command_import },
  { "export", N_("Export clients to CSV or contact persons to vCards"),
    crm_cli_command_export },
  { "duplicates", N_("List clients that are likely the same, with the reason"),
    crm_cli_command_duplicates },
  { "merge",  N_("Merge one client into another, or undo a merge"),
    crm_cli_command_merge },
  { "segments", N_("List the saved segments of the client list, with their sizes"),
    crm_cli_command_segments },
  { "segment-create", N_("Save a filter of the client list as a segment"),
    crm_cli_command_segment_create },
  { "segment-delete", N_("Delete a saved segment"),
    crm_cli_command_segment_delete },
  { "attach", N_("Keep a copy of a file with a client's documents"),
    crm_cli_command_attach },
  { "log",    N_("Add an entry to a client's history (a call, a meeting, a letter, a note)"),
    crm_cli_command_log },
  { "history", N_("Print a client's history, newest first"),
    crm_cli_command_history },
};
const guint crm_cli_n_commands = G_N_ELEMENTS (crm_cli_commands);

static const CrmCliCommand *
lookup_command (const char *name)
{
  for (guint i = 0; i < crm_cli_n_commands; i++)
    if (strcmp (crm_cli_commands[i].name, name) == 0)
      return &crm_cli_commands[i];

  return NULL;
}

static void
print_help (void)
{
  g_autofree char *default_path = crm_store_default_path ();
  g_autoptr(GString) help = g_string_new (NULL);
  guint width = strlen ("help");

  for (guint i = 0; i < crm_cli_n_commands; i++)
    width = MAX (width, strlen (crm_cli_commands[i].name));

  g_string_append_printf (help, "%s\n  %s\n\n", _("Usage:"),
                          /* Translators: keep the option and the words in capitals as they are understood in your language */
                          _("rapport-cli [--database PATH] COMMAND [OPTION…] [ARGUMENT…]"));
  g_string_append_printf (help, "%s\n\n", _("Work with a Rapport database without the graphical application."));
  g_string_append_printf (help, "%s\n", _("Commands:"));
  for (guint i = 0; i < crm_cli_n_commands; i++)
    g_string_append_printf (help, "  %-*s  %s\n", (int)width, crm_cli_commands[i].name,
                            _(crm_cli_commands[i].summary));
  g_string_append_printf (help, "  %-*s  %s\n\n", (int)width, "help",
                          _("Show the options of a command"));
  g_string_append_printf (help, "%s\n", _("Options:"));
  g_string_append_printf (help, "  --database PATH   %s\n",
                          _("The database file; every command accepts it"));
  g_string_append_printf (help, "  --version         %s\n", _("Show the version and exit"));
  g_string_append_printf (help, "  -h, --help        %s\n\n", _("Show this help and exit"));
  /* Translators: %s is a file path */
  g_string_append_printf (help, _("The default database is %s, the one the Rapport application opens."),
                          default_path);
  g_string_append_c (help, '\n');
  g_string_append_printf (help, "%s\n",
                          _("Run “rapport-cli COMMAND --help” to see the options of a command."));

  g_print ("%s", help->str);
}

static int
run_command (CrmCli               *cli,
             const CrmCliCommand  *command,
             int                   argc,
             char                **argv)
{
  cli->command = command->name;

  return command->run (cli, argc, argv);
}

/* "help" alone or with a command name: the same as --help */
static int
run_help (CrmCli  *cli,
          int      argc,
          char   **argv)
{
  const CrmCliCommand *command;
  char *help_argv[] = { NULL, (char *)"--help", NULL };

  if (argc < 2)
    {
      print_help ();
      return CRM_CLI_EXIT_OK;
    }

  if (argc > 2)
    return crm_cli_usage_error (NULL, _("“help” takes one command name at most."));

  command = lookup_command (argv[1]);
  if (command == NULL)
    return crm_cli_usage_error (NULL, _("Unknown command “%s”."), argv[1]);

  help_argv[0] = argv[1];

  return run_command (cli, command, 2, help_argv);
}

int
main (int   argc,
      char *argv[])
{
  CrmCli cli = { 0 };
  const CrmCliCommand *command;
  int first = 1;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_prgname ("rapport-cli");

  /* Options before the command name. Only the global ones are known here;
   * each command parses the rest with its own GOptionContext. */
  while (first < argc && argv[first][0] == '-')
    {
      const char *arg = argv[first];

      if (strcmp (arg, "--") == 0)
        {
          first++;
          break;
        }
      else if (strcmp (arg, "--database") == 0)
        {
          if (first + 1 >= argc)
            return crm_cli_usage_error (NULL, _("Missing argument for %s"), arg);
          g_free (cli.database);
          cli.database = g_strdup (argv[first + 1]);
          first += 2;
        }
      else if (g_str_has_prefix (arg, "--database="))
        {
          g_free (cli.database);
          cli.database = g_strdup (arg + strlen ("--database="));
          first++;
        }
      else if (strcmp (arg, "--help") == 0 || strcmp (arg, "-h") == 0 || strcmp (arg, "-?") == 0)
        {
          print_help ();
          g_free (cli.database);
          return CRM_CLI_EXIT_OK;
        }
      else if (strcmp (arg, "--version") == 0)
        {
          g_print ("rapport-cli %s\n", PACKAGE_VERSION);
          g_free (cli.database);
          return CRM_CLI_EXIT_OK;
        }
      else
        {
          g_free (cli.database);
          return crm_cli_usage_error (NULL, _("Unknown option %s"), arg);
        }
    }

  if (first >= argc)
    {
      g_free (cli.database);
      return crm_cli_usage_error (NULL, _("No command given."));
    }

  if (strcmp (argv[first], "help") == 0)
    {
      status = run_help (&cli, argc - first, argv + first);
    }
  else if ((command = lookup_command (argv[first])) != NULL)
    {
      status = run_command (&cli, command, argc - first, argv + first);
    }
  else
    {
      status = crm_cli_usage_error (NULL, _("Unknown command “%s”."), argv[first]);
    }

  g_free (cli.database);
  g_free (cli.database_opt);

  return status;
}
