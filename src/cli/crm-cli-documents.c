/* crm-cli-documents.c: attaching files and logging e-mails from the command line
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <unistd.h>

#include "crm-cli-private.h"
#include "crm-documents.h"
#include "crm-eml.h"

/* attach */

typedef struct
{
  CrmStore        *store;
  CrmDocumentData  data;
  GFile           *file;
  gint64           id;
} AttachWork;

static gboolean
attach_work (gpointer          data,
             CrmProgressFunc   progress,
             gpointer          progress_data,
             GCancellable     *cancellable,
             GError          **error)
{
  AttachWork *work = data;

  work->id = crm_store_attach_file (work->store, &work->data, work->file, progress, progress_data,
                                    cancellable, error);
  return work->id != 0;
}

int
crm_cli_command_attach (CrmCli  *cli,
                        int      argc,
                        char   **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(CrmDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *name = NULL;
  g_autofree char *client = NULL;
  g_autofree char *size = NULL;
  AttachWork work = { 0 };
  const GOptionEntry entries[] = {
    { "name", 'n', 0, G_OPTION_ARG_STRING, &name,
      N_("The name to keep the file under (default: its own name)"), N_("NAME") },
    { NULL }
  };

  context = crm_cli_context_new (cli, _("CLIENT FILE"),
                                 _("Keeps a copy of FILE in the database with the documents of CLIENT "
                                   "(its number or its exact name) and notes it in the client's history. "
                                   "The same content attached again is stored once. Files of up to 200 MB "
                                   "can be attached.\n\n"
                                   "Exit status: 0 on success, 1 on an error (an unknown client, a file "
                                   "that cannot be read or is too large), 2 on a wrong option."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!crm_cli_parse (cli, context, &argc, &argv))
    return CRM_CLI_EXIT_USAGE;
  if (argc != 3)
    return crm_cli_usage_error (cli, _("Give the client (its number or its exact name) and the file."));

  store = crm_cli_open_store (cli, CRM_STORE_OPEN_NO_CREATE, NULL, &error);
  if (store == NULL || !(work.data.company_id = crm_store_find_client (store, argv[1], &error)))
    return crm_cli_fail (error);

  file = g_file_new_for_commandline_arg (argv[2]);
  work.store = store;
  work.file = file;
  work.data.name = name;
  if (!crm_cli_run_in_thread (attach_work, &work, isatty (STDERR_FILENO), &error))
    return crm_cli_fail (error);

  if (!(document = crm_store_get_document (store, work.id, &error)))
    return crm_cli_fail (error);
  {
    g_autoptr(CrmClientSummary) summary = crm_store_load_client_summary (store, document->company_id, NULL);

    client = g_strdup (summary != NULL ? summary->name : argv[1]);
  }
  size = g_format_size (document->size);
  /* Translators: “Attached “offer.pdf” (application/pdf, 1.2 MB) to “Romashka” as document 12.” */
  g_print (_("Attached “%s” (%s, %s) to “%s” as document %lld."),
           document->name, document->mime_type, size, client, (long long)document->id);
  g_print ("\n");

  return CRM_CLI_EXIT_OK;
}

/* log --eml */

/**
 * crm_cli_log_eml:
 * @store: the open database
 * @company_id: the client, as `log` resolved it
 * @path: the .eml file, as given on the command line
 *
 * What `rapport-cli log CLIENT --eml FILE` does: reads the message, logs it
 * to the client's history with its attached files, prints one line about it.
 *
 * Returns: the exit status
 */
int
crm_cli_log_eml (CrmCli      *cli,
                 CrmStore    *store,
                 gint64       company_id,
                 const char  *path)
{
  g_autoptr(CrmEmlMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  guint n_attachments = 0;
  gint64 id;

  g_return_val_if_fail (CRM_IS_STORE (store), CRM_CLI_EXIT_FAILURE);
  g_return_val_if_fail (path != NULL, CRM_CLI_EXIT_FAILURE);

  file = g_file_new_for_commandline_arg (path);
  if (!(message = crm_eml_parse_file (file, NULL, &error)))
    return crm_cli_fail (error);
  if (!(id = crm_store_log_email (store, company_id, message, &n_attachments, &error)))
    return crm_cli_fail (error);

  /* Translators: the first %s is an e-mail's subject; %lld are the numbers
   * of the entry and of the client; the last %u counts attached files */
  g_print (ngettext ("Logged e-mail “%s” as entry %lld for client %lld, with %u attached file.",
                     "Logged e-mail “%s” as entry %lld for client %lld, with %u attached files.",
                     n_attachments),
           message->subject, (long long)id, (long long)company_id, n_attachments);
  g_print ("\n");

  return CRM_CLI_EXIT_OK;
}
