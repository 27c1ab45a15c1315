/* crm-types.c
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-types"

#include "config.h"

#include "crm-types.h"

static const char * const sort_names[CRM_CLIENT_N_SORTS] = {
  "name", "status", "industry", "region", "city", "manager", "last-contact",
};

const char *
crm_client_sort_to_string (CrmClientSort sort)
{
  g_return_val_if_fail (sort < CRM_CLIENT_N_SORTS, NULL);

  return sort_names[sort];
}

gboolean
crm_client_sort_from_string (const char    *name,
                             CrmClientSort *sort)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < CRM_CLIENT_N_SORTS; i++)
    {
      if (g_strcmp0 (name, sort_names[i]) == 0)
        {
          if (sort != NULL)
            *sort = i;
          return TRUE;
        }
    }

  return FALSE;
}

void
crm_dictionary_value_free (CrmDictionaryValue *value)
{
  if (value == NULL)
    return;

  g_free (value->name);
  g_free (value);
}

static void
history_summary_free (gpointer data)
{
  CrmHistorySummary *entry = data;

  g_free (entry->kind);
  g_free (entry->subject);
  g_free (entry->user);
  g_free (entry);
}

CrmClientSummary *
_crm_client_summary_new (void)
{
  CrmClientSummary *summary = g_new0 (CrmClientSummary, 1);

  summary->phones = g_ptr_array_new_with_free_func (g_free);
  summary->emails = g_ptr_array_new_with_free_func (g_free);
  summary->contacts = g_ptr_array_new_with_free_func (g_free);
  summary->history = g_ptr_array_new_with_free_func (history_summary_free);

  return summary;
}

void
crm_client_summary_free (CrmClientSummary *summary)
{
  if (summary == NULL)
    return;

  g_free (summary->name);
  g_free (summary->legal_name);
  g_free (summary->tax_id);
  g_free (summary->status);
  g_free (summary->industry);
  g_free (summary->region);
  g_free (summary->source);
  g_free (summary->city);
  g_free (summary->address);
  g_free (summary->website);
  g_free (summary->manager);
  g_free (summary->notes);
  g_clear_pointer (&summary->phones, g_ptr_array_unref);
  g_clear_pointer (&summary->emails, g_ptr_array_unref);
  g_clear_pointer (&summary->contacts, g_ptr_array_unref);
  g_clear_pointer (&summary->history, g_ptr_array_unref);
  g_free (summary);
}
