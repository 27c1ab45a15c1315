/* crm-duplicates.c: the duplicate guard's types
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-duplicates"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-duplicates.h"

void
crm_duplicate_match_free (CrmDuplicateMatch *match)
{
  if (match == NULL)
    return;

  g_free (match->name);
  g_free (match->manager);
  g_free (match);
}

void
crm_duplicate_pair_free (CrmDuplicatePair *pair)
{
  if (pair == NULL)
    return;

  g_free (pair->a_name);
  g_free (pair->b_name);
  g_free (pair);
}

/**
 * crm_duplicate_reason_describe:
 * @reasons: flags of #CrmDuplicateReason
 *
 * Returns: (transfer full): the reasons in words, strongest first, separated
 *   by commas: "same name, same phone"; the empty string for none
 */
char *
crm_duplicate_reason_describe (CrmDuplicateReason reasons)
{
  static const struct
  {
    CrmDuplicateReason  reason;
    const char         *text;
  } words[] = {
    { CRM_DUPLICATE_NAME,   N_("same name") },
    { CRM_DUPLICATE_TAX_ID, N_("same tax number") },
    { CRM_DUPLICATE_PHONE,  N_("same phone") },
    { CRM_DUPLICATE_EMAIL,  N_("same e-mail") },
    { CRM_DUPLICATE_DOMAIN, N_("same domain") },
  };
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      if ((reasons & words[i].reason) == 0)
        continue;
      if (text->len > 0)
        /* Translators: separates reasons: “same name, same phone” */
        g_string_append (text, _(", "));
      g_string_append (text, _(words[i].text));
    }

  return g_string_free (text, FALSE);
}
