/* crm-cli-segments.c: saved filters of the client list
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
#include "crm-client-filter.h"
#include "crm-client-list.h"
#include "crm-segments.h"

static char *
describe (CrmStore         *store,
          CrmClientFilter  *filter,
          GError          **error)
{
  g_autoptr(GPtrArray) chips = crm_client_filter_describe_conditions (filter, store, error);
  g_autoptr(GString) text = g_string_new (NULL);

  if (chips == NULL)
    return NULL;

  for (guint i = 0; i < chips->len; i++)
    {
      CrmFilterChip *chip = g_ptr_array_index (chips, i);

      g_string_append_printf (text, "%s%s", i ? "; " : "", chip->label);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* segments */

int
crm_cli_command_segments (CrmCli  *cli,
                          int      argc,
                          char   **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) segments = NULL;
  g_autoptr(GString) line = g_string_new (NULL);
  g_autofree char *description = NULL;

  description = g_strdup_printf ("%s\n  1. %s\n  2. %s\n  3. %s",
                                 _("Prints one segment a line, with these columns separated by tabs:"),
                                 _("name"),
                                 _("number of clients in it"),
                                 _("its conditions"));
  context = crm_cli_context_new (cli, NULL, description);
  if (!crm_cli_parse (cli, context, &argc, &argv))
    return CRM_CLI_EXIT_USAGE;
  if (argc > 1)
    return crm_cli_usage_error (cli, _("“%s” takes no arguments."), cli->command);

  store = crm_cli_open_store (cli, CRM_STORE_OPEN_NO_CREATE, NULL, &error);
  if (store == NULL || !(segments = crm_store_list_segments (store, TRUE, &error)))
    return crm_cli_fail (error);

  for (guint i = 0; i < segments->len; i++)
    {
      CrmSegment *segment = g_ptr_array_index (segments, i);
      g_autoptr(CrmClientFilter) filter = NULL;
      g_autofree char *count = NULL;
      g_autofree char *conditions = NULL;

      if (!(filter = crm_store_load_segment (store, segment->id, &error)))
        {
          /* one unreadable segment does not hide the others */
          g_printerr ("rapport-cli: %s\n", error->message);
          g_clear_error (&error);
          continue;
        }
      if (!(conditions = describe (store, filter, &error)))
        return crm_cli_fail (error);
      count = g_strdup_printf ("%" G_GINT64_FORMAT, segment->n_clients);

      g_string_truncate (line, 0);
      crm_cli_write_field (line, segment->name);
      crm_cli_write_field (line, count);
      crm_cli_write_field (line, conditions);
      fputs (line->str, stdout);
      fputc ('\n', stdout);
    }

  return CRM_CLI_EXIT_OK;
}

/* segment-create */

static gboolean
add_named (CrmStore         *store,
           CrmClientFilter  *filter,
           CrmFilterKind     kind,
           char            **names,
           GError          **error)
{
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      gint64 id = crm_store_lookup_filter_value (store, kind, names[i], error);

      if (id == 0)
        return FALSE;
      crm_client_filter_add (filter, kind, id);
    }

  return TRUE;
}

typedef struct
{
  GStrv values[CRM_FILTER_N_ID_KINDS];
} NamedValues;

static void
named_values_clear (NamedValues *named)
{
  for (guint kind = 0; kind < CRM_FILTER_N_ID_KINDS; kind++)
    g_strfreev (named->values[kind]);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (NamedValues, named_values_clear)

int
crm_cli_command_segment_create (CrmCli  *cli,
                                int      argc,
                                char   **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmClientFilter) filter = crm_client_filter_new ();
  g_auto(NamedValues) named = { { NULL } };
  GStrv *values = named.values;
  g_autofree char *days_text = NULL;
  g_autofree char *conditions = NULL;
  guint64 days = 0;
  gint64 count;
  gboolean any = FALSE;
  const GOptionEntry entries[] = {
    { "status", 0, 0, G_OPTION_ARG_STRING_ARRAY, &values[CRM_FILTER_STATUS],
      N_("Clients with this status (repeat for any of several)"), N_("STATUS") },
    { "industry", 0, 0, G_OPTION_ARG_STRING_ARRAY, &values[CRM_FILTER_INDUSTRY],
      N_("Clients in this industry"), N_("INDUSTRY") },
    { "region", 0, 0, G_OPTION_ARG_STRING_ARRAY, &values[CRM_FILTER_REGION],
      N_("Clients in this region"), N_("REGION") },
    { "source", 0, 0, G_OPTION_ARG_STRING_ARRAY, &values[CRM_FILTER_SOURCE],
      N_("Clients who came from this source"), N_("SOURCE") },
    { "tag", 0, 0, G_OPTION_ARG_STRING_ARRAY, &values[CRM_FILTER_TAG],
      N_("Clients with this tag"), N_("TAG") },
    { "manager", 0, 0, G_OPTION_ARG_STRING_ARRAY, &values[CRM_FILTER_MANAGER],
      N_("Clients of this user (login or full name)"), N_("LOGIN") },
    { "no-contact-days", 0, 0, G_OPTION_ARG_STRING, &days_text,
      N_("Clients not contacted for N days, or never"), N_("N") },
    { NULL }
  };

  context = crm_cli_context_new (cli, _("NAME"),
                                 _("Saves a filter of the client list under NAME. Conditions of "
                                   "one kind (two --status options) match either value; "
                                   "different kinds must all match. Values are given by name, "
                                   "as the application shows them."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!crm_cli_parse (cli, context, &argc, &argv))
    return CRM_CLI_EXIT_USAGE;
  if (argc != 2)
    return crm_cli_usage_error (cli, _("Give the segment’s name, in quotes if it has spaces."));

  if (days_text != NULL)
    {
      if (!crm_cli_parse_number ("--no-contact-days", days_text, 1, CRM_CLIENT_FILTER_MAX_DAYS,
                                 &days, &error))
        return crm_cli_usage_error (cli, "%s", error->message);
      any = TRUE;
    }
  for (guint kind = 0; kind < CRM_FILTER_N_ID_KINDS; kind++)
    any |= values[kind] != NULL;
  if (!any)
    return crm_cli_usage_error (cli, _("Give at least one condition, e.g. --status."));

  store = crm_cli_open_store (cli, CRM_STORE_OPEN_NO_CREATE, NULL, &error);
  if (store == NULL)
    return crm_cli_fail (error);

  for (guint kind = 0; kind < CRM_FILTER_N_ID_KINDS; kind++)
    if (!add_named (store, filter, kind, values[kind], &error))
      return crm_cli_usage_error (cli, "%s", error->message);
  crm_client_filter_set_no_contact_days (filter, (guint)days);

  if (crm_store_create_segment (store, argv[1], filter, &error) == 0 ||
      (count = crm_store_count_filtered_clients (store, filter, &error)) < 0 ||
      !(conditions = describe (store, filter, &error)))
    return crm_cli_fail (error);

  g_print (ngettext ("Segment “%s” saved (%s): %lld client.\n",
                     "Segment “%s” saved (%s): %lld clients.\n", (gulong)count),
           argv[1], conditions, (long long)count);

  return CRM_CLI_EXIT_OK;
}

/* segment-delete */

int
crm_cli_command_segment_delete (CrmCli  *cli,
                                int      argc,
                                char   **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  context = crm_cli_context_new (cli, _("NAME"), _("Deletes a saved segment; its clients stay."));
  if (!crm_cli_parse (cli, context, &argc, &argv))
    return CRM_CLI_EXIT_USAGE;
  if (argc != 2)
    return crm_cli_usage_error (cli, _("Give the segment’s name, in quotes if it has spaces."));

  store = crm_cli_open_store (cli, CRM_STORE_OPEN_NO_CREATE, NULL, &error);
  if (store == NULL ||
      (id = crm_store_find_segment (store, argv[1], &error)) == 0 ||
      !crm_store_delete_segment (store, id, &error))
    return crm_cli_fail (error);

  g_print (_("Segment “%s” deleted.\n"), argv[1]);

  return CRM_CLI_EXIT_OK;
}

/**
 * crm_cli_segment_clients:
 * @segment: a segment's name
 * @query: what to search for within it; empty lists the whole segment
 * @rows: (element-type CrmClientRow): where the clients go, in order
 * @more: (out): set when more than @limit clients match
 *
 * The clients of `search --segment`.
 */
gboolean
crm_cli_segment_clients (CrmStore       *store,
                         const char     *segment,
                         const char     *query,
                         CrmClientSort   sort,
                         gboolean        descending,
                         guint           limit,
                         GPtrArray      *rows,
                         gboolean       *more,
                         GError        **error)
{
  g_autoptr(CrmClientFilter) filter = NULL;
  g_autoptr(CrmClientList) list = NULL;
  gint64 id;
  guint n;

  if ((id = crm_store_find_segment (store, segment, error)) == 0 ||
      !(filter = crm_store_load_segment (store, id, error)))
    return FALSE;

  /* The list model pages through the filter as the application does */
  list = crm_client_list_new_sorted (store, sort, descending);
  crm_client_list_set_filter (list, filter);
  crm_client_list_set_search (list, query);
  if (crm_client_list_get_error (list) != NULL)
    {
      g_propagate_error (error, g_error_copy (crm_client_list_get_error (list)));
      return FALSE;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  *more = n > limit || crm_client_list_get_truncated (list);
  for (guint i = 0; i < MIN (n, limit); i++)
    {
      g_autoptr(CrmClientRow) row = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (crm_client_list_get_error (list) != NULL)
        {
          g_propagate_error (error, g_error_copy (crm_client_list_get_error (list)));
          return FALSE;
        }
      if (crm_client_row_get_id (row) > 0)
        g_ptr_array_add (rows, g_steal_pointer (&row));
    }

  return TRUE;
}
