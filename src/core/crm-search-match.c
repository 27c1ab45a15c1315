/* crm-search-match.c: which part of a client a search found
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The full-text index says only that a client matched. To tell the user why
 * ("contact: Ivanova Anna"), the values of one client are matched again here,
 * word by word, the way the index matches them: every word of the query is
 * the beginning of a word of the client.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "crm-search-match.h"

CrmSearchMatch *
crm_search_match_new (CrmSearchMatchKind  kind,
                      const char         *field,
                      const char         *text)
{
  CrmSearchMatch *match = g_new0 (CrmSearchMatch, 1);

  match->kind = kind;
  match->field = g_strdup (field);
  match->text = g_strdup (text);

  return match;
}

void
crm_search_match_free (CrmSearchMatch *match)
{
  if (match == NULL)
    return;
  g_free (match->field);
  g_free (match->text);
  g_free (match);
}

/**
 * crm_search_match_describe:
 *
 * Returns: (transfer full) (nullable): "contact: Ivanova Anna" and the like;
 * %NULL when the name matched, which the list shows anyway.
 */
char *
crm_search_match_describe (const CrmSearchMatch *match)
{
  const char *what = NULL;

  g_return_val_if_fail (match != NULL, NULL);

  switch (match->kind)
    {
    case CRM_SEARCH_MATCH_NAME:
      return NULL;
    /* Translators: the labels below tell what a search found a client by,
     * shown as "contact: Ivanova Anna" beside the client's name */
    case CRM_SEARCH_MATCH_LEGAL_NAME:
      what = C_("search match", "legal name");
      break;
    case CRM_SEARCH_MATCH_CONTACT:
      what = C_("search match", "contact");
      break;
    case CRM_SEARCH_MATCH_PHONE:
      what = C_("search match", "phone");
      break;
    case CRM_SEARCH_MATCH_EMAIL:
      what = C_("search match", "e-mail");
      break;
    case CRM_SEARCH_MATCH_WEBSITE:
      what = C_("search match", "website");
      break;
    case CRM_SEARCH_MATCH_TAX_ID:
      what = C_("search match", "tax id");
      break;
    case CRM_SEARCH_MATCH_CITY:
      what = C_("search match", "city");
      break;
    case CRM_SEARCH_MATCH_TAG:
      what = C_("search match", "tag");
      break;
    case CRM_SEARCH_MATCH_FIELD:
      what = match->field;
      break;
    default:
      g_return_val_if_reached (NULL);
    }

  /* Translators: what a search found a client by: "contact: Ivanova Anna" */
  return g_strdup_printf (C_("search match", "%s: %s"), what, match->text);
}

static gunichar
fold (gunichar c)
{
  gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];

  c = g_unichar_tolower (c);
  if (c == 0x0451)  /* ё: indexed as е */
    return 0x0435;
  /* Latin letters lose their accents (unicode61 remove_diacritics 2); й and
   * the other Cyrillic letters stay what they are, as in the index */
  if (c >= 0x00C0 && c < 0x0250 &&
      g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed)) > 0 &&
      decomposed[0] < 0x0250)
    return decomposed[0];

  return c;
}

GStrv
crm_search_words (const char *text)
{
  g_autoptr(GStrvBuilder) words = g_strv_builder_new ();
  g_autoptr(GString) word = g_string_new (NULL);

  for (const char *p = text ? text : ""; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_unichar_isalnum (c))
        {
          g_string_append_unichar (word, fold (c));
          continue;
        }
      if (word->len > 0)
        {
          g_strv_builder_add (words, word->str);
          g_string_truncate (word, 0);
        }
      if (c == 0)
        break;
    }

  return g_strv_builder_end (words);
}

/* Which words of the query (bit i for word i) begin a word of the text */
static guint64
matched_words (const char * const *query,
               const char         *text)
{
  g_auto(GStrv) words = crm_search_words (text);
  guint64 mask = 0;

  for (guint q = 0; query[q] != NULL && q < 64; q++)
    for (guint w = 0; words[w] != NULL; w++)
      if (g_str_has_prefix (words[w], query[q]))
        {
          mask |= G_GUINT64_CONSTANT (1) << q;
          break;
        }

  return mask;
}

/**
 * crm_search_match_pick:
 * @query: what was typed
 * @candidates: the client's values, its name among them
 *
 * Picks the value that explains the match best: the name when it matches
 * every word; otherwise the value matching the most words the name does not,
 * a tie going to the kind listed first in #CrmSearchMatchKind.
 *
 * Returns: (transfer full) (nullable): %NULL when nothing matches a word
 */
CrmSearchMatch *
crm_search_match_pick (const char               *query,
                       const CrmSearchCandidate *candidates,
                       guint                     n_candidates)
{
  g_auto(GStrv) words = crm_search_words (query);
  guint n_words = MIN (g_strv_length (words), 64);
  guint64 all = n_words == 64 ? G_MAXUINT64 : (G_GUINT64_CONSTANT (1) << n_words) - 1;
  guint64 by_name = 0;
  const CrmSearchCandidate *best = NULL;
  guint best_count = 0;

  if (n_words == 0)
    return NULL;

  for (guint i = 0; i < n_candidates; i++)
    if (candidates[i].kind == CRM_SEARCH_MATCH_NAME)
      by_name |= matched_words ((const char * const *)words, candidates[i].text);

  if (by_name == all)
    return crm_search_match_new (CRM_SEARCH_MATCH_NAME, NULL, NULL);

  for (guint i = 0; i < n_candidates; i++)
    {
      const CrmSearchCandidate *c = &candidates[i];
      guint count;

      if (c->kind == CRM_SEARCH_MATCH_NAME || c->text == NULL)
        continue;
      count = __builtin_popcountll (matched_words ((const char * const *)words, c->text) & ~by_name);
      if (count > best_count || (count == best_count && count > 0 && c->kind < best->kind))
        {
          best = c;
          best_count = count;
        }
    }

  if (best == NULL)
    return by_name != 0 ? crm_search_match_new (CRM_SEARCH_MATCH_NAME, NULL, NULL) : NULL;

  return crm_search_match_new (best->kind, best->field, best->shown ? best->shown : best->text);
}
