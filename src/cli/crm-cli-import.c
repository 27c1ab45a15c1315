/* crm-cli-import.c: the import and export commands
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
#include <unistd.h>

#include "crm-cli-private.h"
#include "crm-export.h"
#include "crm-import.h"
#include "crm-segments.h"
#include "crm-store-import.h"
#include "crm-vcard.h"

/* import */

typedef struct
{
  CrmStore         *store;
  const char       *path;
  gboolean          vcard;
  CrmImportOptions  options;
  CrmImportReport  *report;
} ImportWork;

static gboolean
import_work (gpointer          data,
             CrmProgressFunc   progress,
             gpointer          progress_data,
             GCancellable     *cancellable,
             GError          **error)
{
  ImportWork *work = data;

  if (work->vcard)
    return crm_vcard_import (work->store, work->path, work->report, progress, progress_data,
                             cancellable, error);

  return crm_import_csv (work->store, work->path, &work->options, work->report, progress, progress_data,
                         cancellable, error);
}

static gboolean
parse_delimiter (const char *text,
                 char       *delimiter)
{
  if (g_strcmp0 (text, ",") == 0 || g_strcmp0 (text, "comma") == 0)
    *delimiter = ',';
  else if (g_strcmp0 (text, ";") == 0 || g_strcmp0 (text, "semicolon") == 0)
    *delimiter = ';';
  else if (g_strcmp0 (text, "\t") == 0 || g_strcmp0 (text, "tab") == 0 || g_strcmp0 (text, "\\t") == 0)
    *delimiter = '\t';
  else
    return FALSE;

  return TRUE;
}

static gboolean
is_vcard_path (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, ".vcf") || g_str_has_suffix (lower, ".vcard");
}

static void
print_problems (const char      *path,
                CrmImportReport *report)
{
  for (guint i = 0; i < report->problems->len; i++)
    {
      CrmImportProblem *problem = g_ptr_array_index (report->problems, i);

      if (problem->skipped)
        g_printerr ("%s:%u: %s\n", path, problem->line, problem->reason);
      else
        /* Translators: a line of a file that was imported with a remark */
        g_printerr ("%s:%u: %s %s\n", path, problem->line, _("warning:"), problem->reason);
    }

  if (report->ignored->len > 0)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < report->ignored->len; i++)
        g_string_append_printf (names, "%s“%s”", i ? ", " : "", (char *)g_ptr_array_index (report->ignored, i));
      /* Translators: %s is a list of column names */
      g_printerr (_("%s: columns not imported: %s"), path, names->str);
      g_printerr ("\n");
    }
}

static void
print_summary (CrmImportReport *report)
{
  /* Translators: a summary; each %lu is a count */
  g_print (_("Import %lld: %lu rows read, %lu clients added, %lu updated, %lu rows skipped, "
             "%lu contact persons added."),
           (long long)report->import_id, (gulong)report->rows, (gulong)report->added,
           (gulong)report->updated, (gulong)report->skipped, (gulong)report->contacts);
  g_print ("\n");
}

static int
undo_import (CrmCli     *cli,
             const char *text)
{
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmImportRecord) record = NULL;
  guint64 id;

  if (!crm_cli_parse_number ("--undo", text, 1, G_MAXINT64, &id, &error))
    return crm_cli_usage_error (cli, "%s", error->message);

  store = crm_cli_open_store (cli, CRM_STORE_OPEN_NO_CREATE, NULL, &error);
  if (store == NULL || !(record = crm_store_import_get (store, (gint64)id, &error)) ||
      !crm_store_import_undo (store, (gint64)id, &error))
    return crm_cli_fail (error);

  /* Translators: “Import 3 of “clients.csv” is undone: 120 clients removed, 4 restored.” */
  g_print (_("Import %lld of “%s” is undone: %lld clients removed, %lld restored."),
           (long long)record->id, record->file_name, (long long)record->added, (long long)record->updated);
  g_print ("\n");

  return CRM_CLI_EXIT_OK;
}

int
crm_cli_command_import (CrmCli  *cli,
                        int      argc,
                        char   **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmImportReport) report = crm_import_report_new ();
  g_autofree char *encoding = NULL;
  g_autofree char *delimiter = NULL;
  g_autofree char *on_duplicate = NULL;
  g_autofree char *undo = NULL;
  gboolean quiet = FALSE;
  gboolean no_header = FALSE;
  ImportWork work = { 0 };
  const GOptionEntry entries[] = {
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding,
      N_("Encoding of a CSV file, e.g. UTF-8 or WINDOWS-1251 (default: detected)"), N_("ENCODING") },
    { "delimiter", 0, 0, G_OPTION_ARG_STRING, &delimiter,
      N_("Field delimiter of a CSV file: “,”, “;” or “tab” (default: detected)"), N_("CHAR") },
    { "on-duplicate", 0, 0, G_OPTION_ARG_STRING, &on_duplicate,
      N_("What to do with a client that is already there: skip, update or create (default: skip)"),
      N_("ACTION") },
    { "no-header", 0, 0, G_OPTION_ARG_NONE, &no_header,
      N_("The first row of a CSV file is a client, not the columns’ names; the columns are then "
         "in the order of Rapport’s export (default: a first row naming a known column is the header)"),
      NULL },
    { "undo", 0, 0, G_OPTION_ARG_STRING, &undo,
      N_("Undo the import with this number: remove what it added, restore what it changed"), N_("ID") },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Print nothing but errors"), NULL },
    { NULL }
  };

  context = crm_cli_context_new (cli, _("FILE.csv|FILE.vcf"),
                                 _("A CSV file has a header row naming its columns in English or "
                                   "Russian (Name/Название, Tax ID/ИНН, Phone/Телефон, E-mail, "
                                   "Contact person/Контактное лицо, …). A .vcf file holds contact "
                                   "persons; ORG names their client. Each import is recorded with a "
                                   "number that --undo takes. Lines that cannot be imported are "
                                   "listed on standard error as FILE:LINE: reason."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!crm_cli_parse (cli, context, &argc, &argv))
    return CRM_CLI_EXIT_USAGE;

  if (undo != NULL)
    {
      if (argc > 1)
        return crm_cli_usage_error (cli, _("Unexpected argument “%s”."), argv[1]);
      return undo_import (cli, undo);
    }

  if (argc < 2)
    return crm_cli_usage_error (cli, _("Give the file to import."));
  if (argc > 2)
    return crm_cli_usage_error (cli, _("Unexpected argument “%s”."), argv[2]);

  crm_import_options_init (&work.options);
  work.path = argv[1];
  work.vcard = is_vcard_path (work.path);
  work.report = report;
  work.options.encoding = encoding;
  work.options.header = no_header ? CRM_IMPORT_HEADER_NO : CRM_IMPORT_HEADER_DETECT;

  if (delimiter != NULL && !parse_delimiter (delimiter, &work.options.delimiter))
    return crm_cli_usage_error (cli, _("--delimiter wants “,”, “;” or “tab”, not “%s”"), delimiter);

  if (on_duplicate == NULL || g_strcmp0 (on_duplicate, "skip") == 0)
    work.options.on_duplicate = CRM_IMPORT_DUPLICATE_SKIP;
  else if (g_strcmp0 (on_duplicate, "update") == 0)
    work.options.on_duplicate = CRM_IMPORT_DUPLICATE_UPDATE;
  else if (g_strcmp0 (on_duplicate, "create") == 0)
    work.options.on_duplicate = CRM_IMPORT_DUPLICATE_CREATE;
  else
    return crm_cli_usage_error (cli, _("--on-duplicate wants skip, update or create, not “%s”"), on_duplicate);

  if (work.vcard && (encoding != NULL || delimiter != NULL || on_duplicate != NULL || no_header))
    return crm_cli_usage_error (cli, _("--encoding, --delimiter, --on-duplicate and --no-header are for CSV files."));

  if (!g_file_test (work.path, G_FILE_TEST_IS_REGULAR))
    {
      g_printerr ("rapport-cli: ");
      g_printerr (_("“%s” is not a file."), work.path);
      g_printerr ("\n");
      return CRM_CLI_EXIT_FAILURE;
    }

  store = crm_cli_open_store (cli, CRM_STORE_OPEN_DEFAULT, NULL, &error);
  if (store == NULL)
    return crm_cli_fail (error);
  work.store = store;

  if (!crm_cli_run_in_thread (import_work, &work, !quiet, &error))
    {
      print_problems (work.path, report);
      if (report->import_id != 0)
        {
          g_printerr ("rapport-cli: %s: %s\n", work.path, error->message);
          /* Translators: after a failed or cancelled import; %lld is its number */
          g_printerr (_("What was imported before stays as import %lld; "
                        "“rapport-cli import --undo %lld” removes it."),
                      (long long)report->import_id, (long long)report->import_id);
          g_printerr ("\n");
          return crm_cli_error_is_cancelled (error) ? CRM_CLI_EXIT_CANCELLED : CRM_CLI_EXIT_FAILURE;
        }
      g_printerr ("rapport-cli: %s: %s\n", work.path, error->message);
      return crm_cli_error_is_cancelled (error) ? CRM_CLI_EXIT_CANCELLED : CRM_CLI_EXIT_FAILURE;
    }

  print_problems (work.path, report);
  if (!quiet)
    print_summary (report);

  return CRM_CLI_EXIT_OK;
}

/* export */

typedef struct
{
  CrmStore       *store;
  GOutputStream  *stream;
  const char     *format;
  const char     *search;
  CrmClientFilter *filter;
  CrmExportFlags  flags;
  int             vcard_version;
  guint64         written;
} ExportWork;

static gboolean
export_work (gpointer          data,
             CrmProgressFunc   progress,
             gpointer          progress_data,
             GCancellable     *cancellable,
             GError          **error)
{
  ExportWork *work = data;

  if (g_strcmp0 (work->format, "vcard") == 0)
    return crm_vcard_export (work->store, work->stream, work->vcard_version, work->search, work->filter,
                             &work->written,
                             progress, progress_data, cancellable, error);

  return crm_export_csv (work->store, work->stream, work->flags, work->search, work->filter, &work->written,
                         progress, progress_data, cancellable, error);
}

int
crm_cli_command_export (CrmCli  *cli,
                        int      argc,
                        char   **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GOutputStream) stream = NULL;
  g_autoptr(CrmClientFilter) filter = NULL;
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_autofree char *search = NULL;
  g_autofree char *segment = NULL;
  g_autofree char *version = NULL;
  gboolean bom = FALSE;
  gboolean no_bom = FALSE;
  gboolean quiet = FALSE;
  ExportWork work = { 0 };
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format,
      N_("csv (safe for spreadsheets), csv-raw (cells as they are) or vcard (default: csv)"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The file to write"), N_("FILE") },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search,
      N_("Only the clients this search finds"), N_("QUERY") },
    { "segment", 0, 0, G_OPTION_ARG_STRING, &segment,
      N_("Only the clients of this saved segment (with --search, those of them it finds)"), N_("NAME") },
    { "bom", 0, 0, G_OPTION_ARG_NONE, &bom,
      N_("Start a CSV file with a byte order mark, so that spreadsheets read it as UTF-8 "
         "(the default of --format csv; also for csv-raw)"), NULL },
    { "no-bom", 0, 0, G_OPTION_ARG_NONE, &no_bom,
      N_("No byte order mark, not even in a safe CSV"), NULL },
    { "vcard-version", 0, 0, G_OPTION_ARG_STRING, &version,
      N_("vCard version: 3.0 or 4.0 (default: 3.0)"), N_("VERSION") },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Print nothing but errors"), NULL },
    { NULL }
  };

  context = crm_cli_context_new (cli, NULL,
                                 _("CSV holds the clients, one a row; vCard the contact persons, one a "
                                   "card. A safe CSV puts an apostrophe before a cell that starts with "
                                   "= + - @ so that no spreadsheet runs it as a formula; the import "
                                   "removes it again."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!crm_cli_parse (cli, context, &argc, &argv))
    return CRM_CLI_EXIT_USAGE;
  if (argc > 1)
    return crm_cli_usage_error (cli, _("Unexpected argument “%s”."), argv[1]);
  if (output == NULL)
    return crm_cli_usage_error (cli, _("Give the file to write with --output."));

  work.format = format ? format : "csv";
  if (g_strcmp0 (work.format, "csv-raw") == 0)
    work.flags |= CRM_EXPORT_RAW;
  else if (g_strcmp0 (work.format, "csv") != 0 && g_strcmp0 (work.format, "vcard") != 0)
    return crm_cli_usage_error (cli, _("--format wants csv, csv-raw or vcard, not “%s”"), work.format);
  /* a safe CSV is for spreadsheets: LibreOffice and Excel read its
   * Cyrillic right only when a byte order mark says it is UTF-8 */
  if (bom && no_bom)
    return crm_cli_usage_error (cli, _("--bom and --no-bom exclude each other."));
  if (bom || (g_strcmp0 (work.format, "csv") == 0 && !no_bom))
    work.flags |= CRM_EXPORT_BOM;

  work.vcard_version = CRM_VCARD_3_0;
  if (version != NULL && (g_strcmp0 (version, "4.0") == 0 || g_strcmp0 (version, "4") == 0))
    work.vcard_version = CRM_VCARD_4_0;
  else if (version != NULL && g_strcmp0 (version, "3.0") != 0 && g_strcmp0 (version, "3") != 0)
    return crm_cli_usage_error (cli, _("--vcard-version wants 3.0 or 4.0, not “%s”"), version);

  store = crm_cli_open_store (cli, CRM_STORE_OPEN_NO_CREATE, NULL, &error);
  if (store == NULL)
    return crm_cli_fail (error);

  if (segment != NULL)
    {
      gint64 id;

      /* before the file is touched: an unknown segment leaves it as it was */
      if ((id = crm_store_find_segment (store, segment, &error)) == 0 ||
          !(filter = crm_store_load_segment (store, id, &error)))
        return crm_cli_fail (error);
    }

  /* written beside and renamed over the file when complete */
  file = g_file_new_for_commandline_arg (output);
  stream = G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                            NULL, &error));
  if (stream == NULL)
    return crm_cli_fail (error);

  work.store = store;
  work.stream = stream;
  work.search = search;
  work.filter = filter;

  if (!crm_cli_run_in_thread (export_work, &work, !quiet, &error))
    {
      g_autoptr(GCancellable) abort = g_cancellable_new ();

      /* a cancelled close drops the half-written file and keeps the old one */
      g_cancellable_cancel (abort);
      if (!g_output_stream_is_closed (stream))
        g_output_stream_close (stream, abort, NULL);
      return crm_cli_fail (error);
    }

  if (!quiet)
    {
      if (g_strcmp0 (work.format, "vcard") == 0)
        /* Translators: “Exported 25 contact persons to “contacts.vcf”.” */
        g_print (ngettext ("Exported %lu contact person to “%s”.", "Exported %lu contact persons to “%s”.",
                                (gulong)work.written),
                 (gulong)work.written, output);
      else
        g_print (ngettext ("Exported %lu client to “%s”.", "Exported %lu clients to “%s”.",
                                (gulong)work.written),
                 (gulong)work.written, output);
      g_print ("\n");
    }

  return CRM_CLI_EXIT_OK;
}
