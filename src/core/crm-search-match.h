/* crm-search-match.h: which part of a client a search found
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "crm-store.h"

G_BEGIN_DECLS

/* In the order a tie is decided: the name first, then what a salesperson
 * recognises a client by */
typedef enum
{
  CRM_SEARCH_MATCH_NAME,
  CRM_SEARCH_MATCH_LEGAL_NAME,
  CRM_SEARCH_MATCH_CONTACT,
  CRM_SEARCH_MATCH_PHONE,
  CRM_SEARCH_MATCH_EMAIL,
  CRM_SEARCH_MATCH_WEBSITE,
  CRM_SEARCH_MATCH_TAX_ID,
  CRM_SEARCH_MATCH_CITY,
  CRM_SEARCH_MATCH_TAG,
  CRM_SEARCH_MATCH_FIELD,
} CrmSearchMatchKind;

/**
 * CrmSearchMatch:
 * @kind: what matched
 * @field: the user-defined field's name (%CRM_SEARCH_MATCH_FIELD only)
 * @text: the value that matched, as stored
 */
typedef struct
{
  CrmSearchMatchKind  kind;
  char               *field;
  char               *text;
} CrmSearchMatch;

CrmSearchMatch *crm_search_match_new      (CrmSearchMatchKind     kind,
                                           const char            *field,
                                           const char            *text);
void            crm_search_match_free     (CrmSearchMatch        *match);
char           *crm_search_match_describe (const CrmSearchMatch  *match);

/* Words of a query or a text as the full-text index sees them: letters and
 * digits, lower case, ё as е, Latin letters without their accents */
GStrv           crm_search_words          (const char            *text);

/**
 * CrmSearchCandidate:
 * A value of a client the search may have found it by.
 */
typedef struct
{
  CrmSearchMatchKind  kind;
  const char         *field;
  const char         *text;   /* matched */
  const char         *shown;  /* shown, when not @text itself */
} CrmSearchCandidate;

CrmSearchMatch *crm_search_match_pick     (const char            *query,
                                           const CrmSearchCandidate *candidates,
                                           guint                  n_candidates);

gboolean        crm_store_explain_search  (CrmStore              *self,
                                           gint64                 company_id,
                                           const char            *query,
                                           CrmSearchMatch       **match,
                                           GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmSearchMatch, crm_search_match_free)

G_END_DECLS
