/* crm-cli-duplicates.c: rapport-cli duplicates and merge
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "crm-cli-private.h"
#include "crm-duplicates.h"
#include "crm-merge.h"

#define DEFAULT_PAIR_LIMIT 100

/* duplicates */

int
crm_cli_command_duplicates (CrmCli  *cli,
                            int      argc,
                            char   **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pairs = NULL;
  g_autoptr(GString) line = g_string_new (NULL);
  g_autofree char *limit_text = NULL;
  g_autofree char *description = NULL;
  guint64 limit = DEFAULT_PAIR_LIMIT;
  const GOptionEntry entries[] = {
    { "limit", 'n', 0, G_OPTION_ARG_STRING, &limit_text,
      N_("Print at most N pairs (default 100; 0: all)"), N_("N") },
    { NULL }
  };

  description = g_strdup_printf ("%s\n\n%s\n  1. %s\n  2. %s\n  3. %s\n  4. %s\n  5. %s\n\n%s",
                                 _("Looks through the whole database for clients that are likely "
                                   "the same: the same name (legal form, quotes, case and ё/е "
                                   "aside), tax number or phone number, or the same website or "
                                   "company e-mail domain (public mail services aside)."),
                                 _("Prints one pair a line, with these columns separated by tabs:"),
                                 _("number of the first client"),
                                 _("its name"),
                                 _("number of the second client"),
                                 _("its name"),
                                 _("why they look alike"),
                                 _("Exit status: 0 when the scan ran, whether or not it found "
                                   "pairs; 1 on an error; 2 on a wrong option."));

  context = crm_cli_context_new (cli, NULL, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!crm_cli_parse (cli, context, &argc, &argv))
    return CRM_CLI_EXIT_USAGE;
  if (argc > 1)
    return crm_cli_usage_error (cli, _("Unexpected argument “%s”."), argv[1]);

  if (limit_text != NULL &&
      !crm_cli_parse_number ("--limit", limit_text, 0, G_MAXUINT, &limit, &error))
    return crm_cli_usage_error (cli, "%s", error->message);

  store = crm_cli_open_store (cli, CRM_STORE_OPEN_NO_CREATE, NULL, &error);
  if (store == NULL || !(pairs = crm_store_list_duplicate_pairs (store, (guint)limit, &error)))
    return crm_cli_fail (error);

  for (guint i = 0; i < pairs->len; i++)
    {
      CrmDuplicatePair *pair = g_ptr_array_index (pairs, i);
      g_autofree char *a_id = g_strdup_printf ("%" G_GINT64_FORMAT, pair->a_id);
      g_autofree char *b_id = g_strdup_printf ("%" G_GINT64_FORMAT, pair->b_id);
      g_autofree char *reasons = crm_duplicate_reason_describe (pair->reasons);

      g_string_truncate (line, 0);
      crm_cli_write_field (line, a_id);
      crm_cli_write_field (line, pair->a_name);
      crm_cli_write_field (line, b_id);
      crm_cli_write_field (line, pair->b_name);
      crm_cli_write_field (line, reasons);
      g_string_append_c (line, '\n');
      fputs (line->str, stdout);
    }
  fflush (stdout);

  g_printerr ("rapport-cli: ");
  if (pairs->len == 0)
    g_printerr ("%s", _("No likely duplicates found."));
  else if (limit > 0 && pairs->len >= limit)
    g_printerr (ngettext ("%u likely pair of duplicates shown; there may be more. Use --limit to see more.",
                          "%u likely pairs of duplicates shown; there may be more. Use --limit to see more.",
                          pairs->len), pairs->len);
  else
    g_printerr (ngettext ("%u likely pair of duplicates found.",
                          "%u likely pairs of duplicates found.", pairs->len), pairs->len);
  g_printerr ("\n");

  return CRM_CLI_EXIT_OK;
}

/* merge */

static gboolean
collect_fields (CrmCli     *cli,
                char      **take,
                GPtrArray  *fields)
{
  for (guint i = 0; take != NULL && take[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (take[i], ",", -1);

      for (guint j = 0; parts[j] != NULL; j++)
        {
          g_autofree char *known = NULL;
          char *field = g_strstrip (parts[j]);

          if (*field == '\0')
            continue;
          /* the user may write legal-name for legal_name */
          g_strdelimit (field, "-", '_');
          if (crm_merge_field_is_valid (field))
            {
              g_ptr_array_add (fields, g_strdup (field));
              continue;
            }
          known = g_strjoinv (", ", (char **)crm_merge_fields ());
          crm_cli_usage_error (cli, _("--take: unknown field “%s”; the fields are: %s"), field, known);
          return FALSE;
        }
    }
  g_ptr_array_add (fields, NULL);

  return TRUE;
}

int
crm_cli_command_merge (CrmCli  *cli,
                       int      argc,
                       char   **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) take = NULL;
  g_autofree char *undo_text = NULL;
  g_autofree char *description = NULL;
  g_autofree char *known = g_strjoinv (", ", (char **)crm_merge_fields ());
  gint64 kept_id, removed_id, merge_id;
  guint64 undo_id = 0;
  const GOptionEntry entries[] = {
    { "take", 't', 0, G_OPTION_ARG_STRING_ARRAY, &take,
      N_("Take these fields from the removed client instead of the kept one (separated by commas)"),
      N_("FIELD,…") },
    { "undo", 0, 0, G_OPTION_ARG_STRING, &undo_text,
      N_("Undo the merge with this number: the removed client comes back as it was"),
      N_("MERGE") },
    { NULL }
  };

  /* Translators: %s is the list of field names, which stay in English */
  description = g_strdup_printf (_("Merges the client REMOVE into the client KEEP: its contact "
                                   "persons, phones, e-mail addresses, history, tags and custom "
                                   "fields move to KEEP, and REMOVE is deleted. KEEP keeps its own "
                                   "details except the fields named with --take: %s. A client is "
                                   "given by its number or its exact name. The merge prints its "
                                   "number, which “--undo” takes.\n\nExit status: 0 on success, "
                                   "1 on an error, 2 on a wrong option."), known);

  context = crm_cli_context_new (cli, _("KEEP REMOVE | --undo MERGE"), description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!crm_cli_parse (cli, context, &argc, &argv))
    return CRM_CLI_EXIT_USAGE;

  if (undo_text != NULL)
    {
      if (argc > 1 || take != NULL)
        return crm_cli_usage_error (cli, _("--undo takes a merge number and nothing else."));
      if (!crm_cli_parse_number ("--undo", undo_text, 1, G_MAXINT64, &undo_id, &error))
        return crm_cli_usage_error (cli, "%s", error->message);

      store = crm_cli_open_store (cli, CRM_STORE_OPEN_NO_CREATE, NULL, &error);
      if (store == NULL || !crm_store_undo_merge (store, (gint64)undo_id, &error))
        return crm_cli_fail (error);

      /* Translators: %llu is the number of a merge */
      g_print (_("Undid the merge number %llu."), (unsigned long long)undo_id);
      g_print ("\n");
      return CRM_CLI_EXIT_OK;
    }

  if (argc != 3)
    return crm_cli_usage_error (cli, _("Give the client to keep and the client to merge into it."));
  if (!collect_fields (cli, take, fields))
    return CRM_CLI_EXIT_USAGE;

  store = crm_cli_open_store (cli, CRM_STORE_OPEN_NO_CREATE, NULL, &error);
  if (store == NULL ||
      !(kept_id = crm_store_find_client (store, argv[1], &error)) ||
      !(removed_id = crm_store_find_client (store, argv[2], &error)) ||
      !(merge_id = crm_store_merge_clients (store, kept_id, removed_id,
                                            (const char * const *)fields->pdata, &error)))
    return crm_cli_fail (error);

  /* Translators: “Merged the client 47 into the client 12 (merge number 3; undo: rapport-cli merge --undo 3).” */
  g_print (_("Merged the client %lld into the client %lld (merge number %lld; undo: "
             "rapport-cli merge --undo %lld)."),
           (long long)removed_id, (long long)kept_id, (long long)merge_id, (long long)merge_id);
  g_print ("\n");

  return CRM_CLI_EXIT_OK;
}
