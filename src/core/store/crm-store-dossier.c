/* crm-store-dossier.c: what a client's dossier reads besides the card
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-store"

#include "config.h"

#include "crm-dossier.h"
#include "crm-store-private.h"

void
crm_dossier_entry_free (CrmDossierEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->kind);
  g_free (entry->subject);
  g_free (entry->body);
  g_free (entry->outcome);
  g_free (entry->reason);
  g_free (entry->user_name);
  g_free (entry->contact_name);
  g_free (entry);
}

/**
 * crm_store_list_client_history:
 *
 * Reads history_by_company (company_id, occurred_at) backwards over the
 * period.
 *
 * Returns: (transfer full) (element-type CrmDossierEntry): newest first
 */
GPtrArray *
crm_store_list_client_history (CrmStore  *self,
                               gint64     company_id,
                               gint64     from,
                               gint64     to,
                               guint      limit,
                               GError   **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  STORE_LOCK (self);

  stmt = _crm_store_cached (self,
                            "SELECT h.id, h.occurred_at, h.kind, h.direction, h.subject, h.body, h.outcome, "
                            "       h.reason, u.full_name, ct.full_name, h.duration "
                            "FROM history h "
                            "LEFT JOIN users u ON u.id = h.user_id "
                            "LEFT JOIN contacts ct ON ct.id = h.contact_id "
                            "WHERE h.company_id = ?1 AND h.occurred_at >= ?2 AND h.occurred_at < ?3 "
                            "ORDER BY h.occurred_at DESC, h.id DESC LIMIT ?4",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, company_id);
  sqlite3_bind_int64 (stmt, 2, from);
  sqlite3_bind_int64 (stmt, 3, to);
  sqlite3_bind_int64 (stmt, 4, limit > 0 ? (gint64)limit : -1);

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify)crm_dossier_entry_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmDossierEntry *entry = g_new0 (CrmDossierEntry, 1);

      entry->id = sqlite3_column_int64 (stmt, 0);
      entry->occurred_at = sqlite3_column_int64 (stmt, 1);
      entry->kind = _crm_column_dup (stmt, 2);
      entry->direction = sqlite3_column_int (stmt, 3);
      entry->subject = _crm_column_dup (stmt, 4);
      entry->body = _crm_column_dup (stmt, 5);
      entry->outcome = _crm_column_dup (stmt, 6);
      entry->reason = _crm_column_dup (stmt, 7);
      entry->user_name = _crm_column_dup (stmt, 8);
      entry->contact_name = _crm_column_dup (stmt, 9);
      entry->duration = sqlite3_column_int (stmt, 10);
      g_ptr_array_add (entries, entry);
    }
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&entries);
}
