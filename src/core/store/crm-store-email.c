/* crm-store-email.c: e-mail messages logged to a client's history
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which clients a message concerns (their own or their contact persons'
 * addresses, then their company domain), and the entry it becomes: kind
 * "email", its addresses and Message-ID in details, its files in the
 * archive linked to the entry.
 */

#define G_LOG_DOMAIN "crm-store"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-eml.h"
#include "crm-normalize.h"
#include "crm-store-documents-private.h"

#define MAX_MATCHES 20

static gboolean
has_match (GPtrArray *matches,
           gint64     company_id)
{
  for (guint i = 0; i < matches->len; i++)
    if (((CrmEmlMatch *)g_ptr_array_index (matches, i))->company_id == company_id)
      return TRUE;

  return FALSE;
}

static gboolean
add_matches (CrmStore     *self,
             sqlite3_stmt *stmt,
             const char   *address,
             gboolean      by_domain,
             GPtrArray    *matches,
             GError      **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW && matches->len < MAX_MATCHES)
    {
      CrmEmlMatch *match;

      if (has_match (matches, sqlite3_column_int64 (stmt, 0)))
        continue;
      match = g_new0 (CrmEmlMatch, 1);
      match->company_id = sqlite3_column_int64 (stmt, 0);
      match->name = _crm_column_dup (stmt, 1);
      match->address = g_strdup (address);
      match->by_domain = by_domain;
      g_ptr_array_add (matches, match);
    }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _crm_store_set_error (self, error);

  return TRUE;
}

static gboolean
is_user_address (CrmStore    *self,
                 const char  *address,
                 gint64      *user_id)
{
  sqlite3_stmt *stmt;

  *user_id = 0;
  if (address == NULL ||
      !(stmt = _crm_store_cached (self, "SELECT id FROM users WHERE lower (email) = ?1 LIMIT 1", NULL)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, address, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  *user_id = sqlite3_column_int64 (stmt, 0);

  return TRUE;
}

/**
 * crm_store_find_email_clients:
 * @message: the e-mail
 *
 * The clients whose own or contact persons' e-mail addresses are the
 * message's sender or recipients; then, when none is, those whose
 * addresses or website share a business domain with them (never a public
 * mail service's). The team's own addresses are left out.
 *
 * Returns: (transfer full) (element-type CrmEmlMatch): at most 20 clients,
 *   address matches first; %NULL on an error
 */
GPtrArray *
crm_store_find_email_clients (CrmStore             *self,
                              const CrmEmlMessage  *message,
                              GError              **error)
{
  g_autoptr(GPtrArray) matches = g_ptr_array_new_with_free_func ((GDestroyNotify)crm_eml_match_free);
  g_autoptr(GPtrArray) addresses = NULL;
  sqlite3_stmt *stmt;
  gint64 user_id;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  g_return_val_if_fail (message != NULL, NULL);

  STORE_LOCK (self);

  addresses = crm_eml_message_addresses (message);
  for (guint i = 0; i < addresses->len; i++)
    {
      const char *address = g_ptr_array_index (addresses, i);

      if (is_user_address (self, address, &user_id))
        continue;
      if (!(stmt = _crm_store_cached (self,
                                      "SELECT e.company_id, c.name FROM emails e "
                                      "JOIN companies c ON c.id = e.company_id "
                                      "WHERE e.address = ?1 ORDER BY c.sort_name, c.id LIMIT 20", error)))
        return NULL;
      sqlite3_bind_text (stmt, 1, address, -1, SQLITE_STATIC);
      if (!add_matches (self, stmt, address, FALSE, matches, error))
        return NULL;
    }

  if (matches->len > 0)
    return g_steal_pointer (&matches);

  for (guint i = 0; i < addresses->len; i++)
    {
      const char *address = g_ptr_array_index (addresses, i);
      g_autofree char *domain = NULL;

      if (is_user_address (self, address, &user_id))
        continue;
      domain = crm_normalize_domain (address);
      if (domain == NULL || crm_normalize_is_public_mail (domain))
        continue;
      if (!(stmt = _crm_store_cached (self,
                                      "SELECT c.id, c.name FROM companies c WHERE c.id IN ("
                                      "  SELECT company_id FROM (SELECT company_id FROM emails WHERE domain = ?1 LIMIT 20) "
                                      "  UNION SELECT id FROM (SELECT id FROM companies WHERE website_domain = ?1 LIMIT 20)) "
                                      "ORDER BY c.sort_name, c.id", error)))
        return NULL;
      sqlite3_bind_text (stmt, 1, domain, -1, SQLITE_STATIC);
      if (!add_matches (self, stmt, domain, TRUE, matches, error))
        return NULL;
    }

  return g_steal_pointer (&matches);
}

/* The contact person (or 0 for the company's own address) owning one of
 * the client's addresses; -1 if the client has none of them */
static gint64
client_address_owner (CrmStore    *self,
                      gint64       company_id,
                      const char  *address)
{
  sqlite3_stmt *stmt;

  if (address == NULL ||
      !(stmt = _crm_store_cached (self,
                                  "SELECT coalesce (contact_id, 0) FROM emails "
                                  "WHERE address = ?2 AND company_id = ?1 LIMIT 1", NULL)))
    return -1;
  sqlite3_bind_int64 (stmt, 1, company_id);
  sqlite3_bind_text (stmt, 2, address, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return -1;

  return sqlite3_column_int64 (stmt, 0);
}

static char *
company_name (CrmStore  *self,
              gint64     company_id,
              GError   **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_cached (self, "SELECT name FROM companies WHERE id = ?1", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, company_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return _crm_column_dup (stmt, 0);

  g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
               _("There is no client with the number %lld."), (long long)company_id);
  return NULL;
}

static gboolean
already_logged (CrmStore             *self,
                gint64                company_id,
                const char           *name,
                const CrmEmlMessage  *message,
                GError              **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (message->message_id == NULL)
    return FALSE;

  /* history_by_company_kind narrows it to the client's e-mails */
  if (!(stmt = _crm_store_cached (self,
                                  "SELECT 1 FROM history WHERE company_id = ?1 AND kind = 'email' "
                                  "  AND json_extract (details, '$.message_id') = ?2 LIMIT 1", error)))
    return TRUE;
  sqlite3_bind_int64 (stmt, 1, company_id);
  sqlite3_bind_text (stmt, 2, message->message_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return FALSE;
  if (rc != SQLITE_ROW)
    {
      _crm_store_set_error (self, error);
      return TRUE;
    }

  if (message->subject != NULL && *message->subject != '\0')
    /* Translators: the first %s is an e-mail's subject, the second a client's name */
    g_set_error (error, CRM_EML_ERROR, CRM_EML_ERROR_DUPLICATE,
                 _("The e-mail “%s” is already in the history of “%s”."), message->subject, name);
  else
    /* Translators: %s is a client's name */
    g_set_error (error, CRM_EML_ERROR, CRM_EML_ERROR_DUPLICATE,
                 _("This e-mail is already in the history of “%s”."), name);
  return TRUE;
}

/**
 * crm_store_log_email:
 * @company_id: the client
 * @message: the e-mail
 * @n_attachments: (out) (optional): how many files were kept with it
 *
 * Writes the e-mail into the client's history as an entry of kind "email"
 * at the message's date, outgoing when a colleague or someone else than
 * the client wrote it to the client's address, incoming otherwise; its
 * attached files go into the archive, linked to the entry. One message
 * (by its Message-ID) is logged to a client once: a second time fails
 * with %CRM_EML_ERROR_DUPLICATE.
 *
 * Returns: the history entry's id, 0 on an error
 */
gint64
crm_store_log_email (CrmStore             *self,
                     gint64                company_id,
                     const CrmEmlMessage  *message,
                     guint                *n_attachments,
                     GError              **error)
{
  g_autofree char *name = NULL;
  g_autofree char *details = NULL;
  CrmHistoryData entry = { 0 };
  gint64 history_id;
  gint64 owner;
  gint64 user_id = 0;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);
  g_return_val_if_fail (message != NULL, 0);

  STORE_LOCK (self);
  g_auto(CrmStoreTx) tx = { 0 };

  if (n_attachments != NULL)
    *n_attachments = 0;

  if (!_crm_store_tx_begin (self, &tx, error) ||
      !(name = company_name (self, company_id, error)) ||
      already_logged (self, company_id, name, message, error))
    return 0;

  entry.company_id = company_id;
  entry.kind = "email";
  entry.direction = CRM_DIRECTION_INCOMING;
  if (is_user_address (self, message->from_address, &user_id))
    {
      entry.direction = CRM_DIRECTION_OUTGOING;
      entry.user_id = user_id;
    }
  else if ((owner = client_address_owner (self, company_id, message->from_address)) >= 0)
    entry.contact_id = owner;

  /* Written to the client: the first of the client's addresses among the recipients */
  if (entry.contact_id == 0)
    {
      GPtrArray *lists[] = { message->to_addresses, message->cc_addresses };
      gboolean found = FALSE;

      for (guint l = 0; l < G_N_ELEMENTS (lists) && !found; l++)
        for (guint i = 0; i < lists[l]->len && !found; i++)
          if ((owner = client_address_owner (self, company_id, g_ptr_array_index (lists[l], i))) >= 0)
            {
              found = TRUE;
              entry.contact_id = owner;
              if (client_address_owner (self, company_id, message->from_address) < 0)
                entry.direction = CRM_DIRECTION_OUTGOING;
            }
    }

  details = crm_eml_message_details (message);
  entry.subject = message->subject != NULL && *message->subject != '\0' ? message->subject : NULL;
  entry.body = message->body;
  entry.occurred_at = message->date;
  entry.details = details;
  if ((history_id = crm_store_add_history (self, &entry, error)) == 0)
    return 0;

  for (guint i = 0; i < message->attachments->len; i++)
    {
      CrmEmlAttachment *attachment = g_ptr_array_index (message->attachments, i);
      CrmDocumentData data = {
        .company_id = company_id,
        .history_id = history_id,
        .name = attachment->name,
        .mime_type = attachment->mime_type,
      };

      if (_crm_store_insert_document_bytes (self, &data, attachment->data, error) == 0)
        return 0;
    }

  if (!_crm_store_tx_commit (&tx, error))
    return 0;
  if (n_attachments != NULL)
    *n_attachments = message->attachments->len;

  return history_id;
}
