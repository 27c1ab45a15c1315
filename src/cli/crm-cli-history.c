/* crm-cli-history.c: rapport-cli log and history
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "crm-cli-private.h"
#include "crm-client-edit.h"
#include "crm-history.h"

/* A moment as people and scripts write it: "2026-11-27 14:30", ISO 8601 with
 * or without a zone ("2026-11-27T14:30:00+03:00"), or a day (its noon); the
 * local time zone when none is given. */
static gboolean
parse_time (const char  *text,
            gint64      *when,
            GError     **error)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) parsed = NULL;
  g_autofree char *iso = g_strstrip (g_strdup (text));

  if (strlen (iso) == 10)
    {
      g_autofree char *noon = g_strconcat (iso, "T12:00:00", NULL);
      parsed = g_date_time_new_from_iso8601 (noon, local);
    }
  else
    {
      if (strlen (iso) > 10 && iso[10] == ' ')
        iso[10] = 'T';
      if (strlen (iso) == 16)   /* no seconds */
        {
          g_autofree char *with_seconds = g_strconcat (iso, ":00", NULL);
          parsed = g_date_time_new_from_iso8601 (with_seconds, local);
        }
      else
        parsed = g_date_time_new_from_iso8601 (iso, local);
    }

  if (parsed == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--at wants a time like “2026-11-27 14:30” or “2026-11-27T14:30:00+03:00”, not “%s”"),
                   text);
      return FALSE;
    }
  *when = g_date_time_to_unix (parsed);

  return TRUE;
}

/* A contact person of the client by its full name, any case */
static gint64
find_contact (CrmStore    *store,
              gint64       company_id,
              const char  *name,
              GError     **error)
{
  g_autoptr(CrmClientRecord) record = crm_store_load_client_record (store, company_id, error);
  g_autofree char *wanted = NULL;

  if (record == NULL)
    return 0;

  wanted = g_utf8_casefold (name, -1);
  for (guint i = 0; i < record->contacts->len; i++)
    {
      CrmContactRecord *contact = g_ptr_array_index (record->contacts, i);
      g_autofree char *folded = g_utf8_casefold (contact->full_name, -1);

      if (g_strcmp0 (folded, wanted) == 0)
        return contact->id;
    }

  g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
               _("The client has no contact person called “%s”."), name);
  return 0;
}

/* log */

int
crm_cli_command_log (CrmCli  *cli,
                     int      argc,
                     char   **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *text = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *outcome = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *at = NULL;
  g_autofree char *duration_text = NULL;
  g_autofree char *contact = NULL;
  g_autofree char *direction = NULL;
  g_autofree char *follow_up = NULL;
  g_autofree char *eml = NULL;
  g_autofree char *kinds = NULL;
  g_autoptr(GPtrArray) logged = crm_history_kind_list (CRM_HISTORY_KIND_LOGGED);
  g_autoptr(GString) kind_names = g_string_new (NULL);
  CrmHistoryData data = { 0 };
  guint64 minutes = 0;
  gint64 id;
  const GOptionEntry entries[] = {
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind, N_("What it was: call, meeting, letter, email or note"),
      N_("KIND") },
    { "text", 't', 0, G_OPTION_ARG_STRING, &text, N_("What happened, in words"), N_("TEXT") },
    { "subject", 0, 0, G_OPTION_ARG_STRING, &subject, N_("A subject line"), N_("SUBJECT") },
    { "outcome", 'o', 0, G_OPTION_ARG_STRING, &outcome,
      N_("The outcome of a call or meeting, as named in the outcome list"), N_("OUTCOME") },
    { "reason", 'r', 0, G_OPTION_ARG_STRING, &reason,
      N_("Why, for an outcome that asks for a reason (a refusal, a complaint)"), N_("REASON") },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at,
      N_("When it happened (default: now), e.g. “2026-11-27 14:30”"), N_("TIME") },
    { "duration", 'd', 0, G_OPTION_ARG_STRING, &duration_text, N_("How long, in minutes"), N_("MINUTES") },
    { "contact", 'c', 0, G_OPTION_ARG_STRING, &contact,
      N_("The contact person it was with, by full name"), N_("NAME") },
    { "direction", 0, 0, G_OPTION_ARG_STRING, &direction,
      N_("For calls, letters and e-mails: in or out"), N_("in|out") },
    { "follow-up", 'f', 0, G_OPTION_ARG_STRING, &follow_up,
      N_("A day to follow up on, YYYY-MM-DD"), N_("DATE") },
    { "eml", 0, 0, G_OPTION_ARG_FILENAME, &eml,
      N_("An e-mail message (.eml) to log, with its sender, recipients, date, text and attached files; "
         "no other option is needed"), N_("FILE") },
    { NULL }
  };

  for (guint i = 0; i < logged->len; i++)
    g_string_append_printf (kind_names, "%s%s", i > 0 ? ", " : "",
                            ((const CrmHistoryKind *)g_ptr_array_index (logged, i))->id);
  kinds = g_string_free (g_steal_pointer (&kind_names), FALSE);

  context = crm_cli_context_new (cli, _("CLIENT"),
                                 _("Adds an entry to the history of CLIENT (its number or its exact "
                                   "name), as a salesperson would log it: for scripts and phone "
                                   "systems. Prints the number of the new entry.\n\n"
                                   "Exit status: 0 on success, 1 on an error (an unknown client, "
                                   "outcome or contact person; an outcome that needs a reason), "
                                   "2 on a wrong option."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!crm_cli_parse (cli, context, &argc, &argv))
    return CRM_CLI_EXIT_USAGE;

  if (argc != 2)
    return crm_cli_usage_error (cli, _("Give the client, by its number or its exact name."));
  if (eml != NULL)
    {
      store = crm_cli_open_store (cli, CRM_STORE_OPEN_NO_CREATE, NULL, &error);
      if (store == NULL || !(data.company_id = crm_store_find_client (store, argv[1], &error)))
        return crm_cli_fail (error);
      return crm_cli_log_eml (cli, store, data.company_id, eml);
    }
  if (kind == NULL)
    return crm_cli_usage_error (cli, _("Say what to log with --kind: %s."), kinds);
  if (duration_text != NULL &&
      !crm_cli_parse_number ("--duration", duration_text, 0, 7 * 24 * 60, &minutes, &error))
    return crm_cli_usage_error (cli, "%s", error->message);
  if (at != NULL && !parse_time (at, &data.occurred_at, &error))
    return crm_cli_usage_error (cli, "%s", error->message);
  if (direction != NULL)
    {
      if (g_str_equal (direction, "in"))
        data.direction = CRM_DIRECTION_INCOMING;
      else if (g_str_equal (direction, "out"))
        data.direction = CRM_DIRECTION_OUTGOING;
      else
        return crm_cli_usage_error (cli, _("--direction wants in or out, not “%s”"), direction);
    }

  store = crm_cli_open_store (cli, CRM_STORE_OPEN_NO_CREATE, NULL, &error);
  if (store == NULL || !(data.company_id = crm_store_find_client (store, argv[1], &error)))
    return crm_cli_fail (error);
  if (contact != NULL && !(data.contact_id = find_contact (store, data.company_id, contact, &error)))
    return crm_cli_fail (error);

  data.kind = kind;
  data.body = text;
  data.subject = subject;
  data.outcome = outcome;
  data.reason = reason;
  data.duration = (int)minutes * 60;
  data.follow_up = follow_up;

  if (!(id = crm_store_log_entry (store, &data, &error)))
    return crm_cli_fail (error);

  /* Translators: %lld are the numbers of the entry and of the client */
  g_print (_("Logged entry %lld for client %lld."), (long long)id, (long long)data.company_id);
  g_print ("\n");

  return CRM_CLI_EXIT_OK;
}

/* history */

static char *
format_time (gint64 when)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (when);
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  return local ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup ("");
}

/* A field change as "status: Negotiation → Client" */
static char *
describe (const CrmHistoryEntry *entry)
{
  const CrmHistoryKind *kind = crm_history_kind_lookup (entry->kind);
  g_autoptr(GString) text = g_string_new (NULL);

  if (kind != NULL && (kind->flags & CRM_HISTORY_KIND_FIELD_CHANGE) && entry->change_field != NULL)
    return g_strdup_printf ("%s: %s → %s", entry->change_field,
                            entry->change_old ? entry->change_old : "—",
                            entry->change_new ? entry->change_new : "—");

  if (entry->subject != NULL)
    g_string_append (text, entry->subject);
  if (entry->body != NULL)
    g_string_append_printf (text, "%s%s", text->len > 0 ? ": " : "", entry->body);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

int
crm_cli_command_history (CrmCli  *cli,
                         int      argc,
                         char   **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify)crm_history_entry_free);
  g_autoptr(GString) line = g_string_new (NULL);
  g_auto(GStrv) kinds = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *search = NULL;
  g_autofree char *limit_text = NULL;
  g_autofree char *description = NULL;
  CrmHistoryQuery query = { 0 };
  guint64 limit = 100;
  gint64 company_id, total;
  const GOptionEntry entries_options[] = {
    { "kind", 'k', 0, G_OPTION_ARG_STRING_ARRAY, &kinds,
      N_("Only entries of this kind (call, meeting, letter, email, note, document, status-changed, …); "
         "may be given more than once"), N_("KIND") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("Only entries from this time on"), N_("TIME") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Only entries before this time"), N_("TIME") },
    { "search", 's', 0, G_OPTION_ARG_STRING, &search,
      N_("Only entries whose text, subject, outcome or reason hold these words"), N_("WORDS") },
    { "limit", 'n', 0, G_OPTION_ARG_STRING, &limit_text,
      N_("Print at most N entries, the newest (default 100; 0: all)"), N_("N") },
    { NULL }
  };

  /* Translators: the column names of the output, separated by tabs */
  description = g_strdup_printf ("%s\n  1. %s\n  2. %s\n  3. %s\n  4. %s\n  5. %s\n  6. %s\n  7. %s\n\n%s",
                                 _("Prints the history of CLIENT (its number or its exact name), "
                                   "newest first, one entry a line, with these columns separated by tabs:"),
                                 _("number of the entry"),
                                 _("date and time (local)"),
                                 _("kind"),
                                 _("salesperson"),
                                 _("contact person"),
                                 _("outcome, and its reason after “/”"),
                                 _("subject and text; for a changed field, “field: old → new”"),
                                 _("Exit status: 0 on success, 1 on an error, 2 on a wrong option."));
  context = crm_cli_context_new (cli, _("CLIENT"), description);
  g_option_context_add_main_entries (context, entries_options, GETTEXT_PACKAGE);
  if (!crm_cli_parse (cli, context, &argc, &argv))
    return CRM_CLI_EXIT_USAGE;

  if (argc != 2)
    return crm_cli_usage_error (cli, _("Give the client, by its number or its exact name."));
  if (limit_text != NULL && !crm_cli_parse_number ("--limit", limit_text, 0, G_MAXUINT, &limit, &error))
    return crm_cli_usage_error (cli, "%s", error->message);
  if (limit == 0)
    limit = G_MAXUINT;
  if ((from != NULL && !parse_time (from, &query.from, &error)) ||
      (to != NULL && !parse_time (to, &query.to, &error)))
    return crm_cli_usage_error (cli, "%s", error->message);
  query.kinds = (const char * const *)kinds;
  query.text = search;

  store = crm_cli_open_store (cli, CRM_STORE_OPEN_NO_CREATE, NULL, &error);
  if (store == NULL || !(company_id = crm_store_find_client (store, argv[1], &error)) ||
      (total = crm_store_count_history (store, company_id, &query, &error)) < 0)
    return crm_cli_fail (error);

  /* page by page: a client's history may be long */
  for (guint offset = 0; offset < MIN ((guint64)total, limit); offset += entries->len)
    {
      g_ptr_array_set_size (entries, 0);
      if (!crm_store_fetch_history (store, company_id, &query, offset,
                                    (guint)MIN (500, limit - offset), entries, &error))
        return crm_cli_fail (error);
      if (entries->len == 0)
        break;

      for (guint i = 0; i < entries->len; i++)
        {
          const CrmHistoryEntry *entry = g_ptr_array_index (entries, i);
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, entry->id);
          g_autofree char *when = format_time (entry->occurred_at);
          g_autofree char *outcome = entry->reason ? g_strdup_printf ("%s / %s", entry->outcome, entry->reason)
                                                   : g_strdup (entry->outcome);
          g_autofree char *text = describe (entry);

          g_string_truncate (line, 0);
          crm_cli_write_field (line, number);
          crm_cli_write_field (line, when);
          crm_cli_write_field (line, entry->kind);
          crm_cli_write_field (line, entry->user_name);
          crm_cli_write_field (line, entry->contact_name);
          crm_cli_write_field (line, outcome);
          crm_cli_write_field (line, text);
          fputs (line->str, stdout);
          fputc ('\n', stdout);
        }
    }
  fflush (stdout);

  if ((guint64)total > limit)
    {
      g_printerr ("rapport-cli: ");
      /* Translators: %llu are numbers of entries */
      g_printerr (_("%llu of %llu entries shown; --limit 0 shows all."),
                  (unsigned long long)limit, (unsigned long long)total);
      g_printerr ("\n");
    }

  return CRM_CLI_EXIT_OK;
}
