/* crm-store-match.c: what a search found a client by
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the rows on screen only: the values of one client that are in its
 * search document (crm-store.c: SEARCH_DOCUMENT_SQL) are read back and
 * matched again in crm-search-match.c. A number typed into the search is
 * looked up as crm_store_search_clients() looks it up.
 */

#define G_LOG_DOMAIN "crm-store"

#include "config.h"

#include "crm-phone.h"
#include "crm-search-match.h"
#include "crm-store-private.h"

/* kind, field, text matched, text shown; in the order of CrmSearchMatchKind.
 * A phone is matched by its digits in every form it is indexed in. */
#define CANDIDATES_SQL \
  "SELECT 0, NULL, name, NULL FROM companies WHERE id = ?1 " \
  "UNION ALL SELECT 1, NULL, legal_name, NULL FROM companies WHERE id = ?1 AND legal_name IS NOT NULL " \
  "UNION ALL SELECT 2, NULL, full_name, NULL FROM contacts WHERE company_id = ?1 " \
  "UNION ALL SELECT 3, NULL, search_terms || ' ' || number, number FROM phones WHERE company_id = ?1 " \
  "UNION ALL SELECT 4, NULL, address, NULL FROM emails WHERE company_id = ?1 " \
  "UNION ALL SELECT 5, NULL, website, NULL FROM companies WHERE id = ?1 AND website IS NOT NULL " \
  "UNION ALL SELECT 6, NULL, tax_id, NULL FROM companies WHERE id = ?1 AND tax_id IS NOT NULL " \
  "UNION ALL SELECT 7, NULL, city, NULL FROM companies WHERE id = ?1 AND city IS NOT NULL " \
  "UNION ALL SELECT 8, NULL, t.name, NULL FROM company_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.company_id = ?1 " \
  "UNION ALL SELECT 9, f.name, v.value, NULL FROM custom_values v JOIN custom_fields f ON f.id = v.field_id " \
  "  WHERE v.company_id = ?1 AND f.kind = 'text'"

#define NUMBER_SQL \
  "SELECT 3, number FROM phones WHERE company_id = ?1 AND (" \
  "  (national >= ?2 AND national < ?2 || ':') OR (subscriber >= ?2 AND subscriber < ?2 || ':')) " \
  "UNION ALL SELECT 6, tax_id FROM companies WHERE id = ?1 AND tax_id >= ?3 AND tax_id < ?3 || ':' " \
  "LIMIT 1"

static gboolean
explain_number (CrmStore         *self,
                gint64            company_id,
                const char       *query,
                CrmSearchMatch  **match,
                GError          **error)
{
  g_autofree char *national = crm_phone_query_digits (query);
  g_autofree char *digits = crm_phone_digits (query);
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_cached (self, NUMBER_SQL, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, company_id);
  sqlite3_bind_text (stmt, 2, national, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, digits, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *match = crm_search_match_new (sqlite3_column_int (stmt, 0), NULL,
                                   (const char *)sqlite3_column_text (stmt, 1));
  sqlite3_reset (stmt);

  return rc == SQLITE_ROW || rc == SQLITE_DONE ? TRUE : _crm_store_set_error (self, error);
}

/**
 * crm_store_explain_search:
 * @match: (out) (transfer full) (nullable): what the client was found by;
 *   %NULL when nothing of it matches @query
 *
 * Tells which value of a client @query matches: its name, a contact
 * person, a phone, a tag, a user-defined text field…
 */
gboolean
crm_store_explain_search (CrmStore         *self,
                          gint64            company_id,
                          const char       *query,
                          CrmSearchMatch  **match,
                          GError          **error)
{
  g_autoptr(GArray) candidates = NULL;
  g_autoptr(GPtrArray) strings = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (match != NULL, FALSE);

  STORE_LOCK (self);

  *match = NULL;

  if (crm_phone_looks_like (query))
    return explain_number (self, company_id, query, match, error);

  if (!(stmt = _crm_store_cached (self, CANDIDATES_SQL, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, company_id);

  candidates = g_array_new (FALSE, FALSE, sizeof (CrmSearchCandidate));
  strings = g_ptr_array_new_with_free_func (g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmSearchCandidate candidate = { sqlite3_column_int (stmt, 0) };
      char *field = _crm_column_dup (stmt, 1);
      char *text = _crm_column_dup (stmt, 2);
      char *shown = _crm_column_dup (stmt, 3);

      g_ptr_array_add (strings, field);
      g_ptr_array_add (strings, text);
      g_ptr_array_add (strings, shown);
      candidate.field = field;
      candidate.text = text;
      candidate.shown = shown;
      g_array_append_val (candidates, candidate);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _crm_store_set_error (self, error);

  *match = crm_search_match_pick (query, (CrmSearchCandidate *)(gpointer)candidates->data, candidates->len);

  return TRUE;
}
