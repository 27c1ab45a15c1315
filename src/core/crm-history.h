/* crm-history.h: a client's history timeline, and the outcome dictionary
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-history-kinds.h"
#include "crm-store.h"

G_BEGIN_DECLS

/**
 * CrmHistoryEntry:
 * @created_at: when it was written; 0 for entries of databases before version 4
 * @version: for editing with a conflict check
 * @user_name: the salesperson who wrote it, or %NULL
 * @contact_name: the contact person it was with, or %NULL
 * @n_documents: documents attached to it
 *
 * One entry of the history, newest first in a timeline.
 */
typedef struct
{
  gint64        id;
  gint64        company_id;
  gint64        contact_id;
  gint64        user_id;
  char         *kind;
  CrmDirection  direction;
  char         *subject;
  char         *body;
  char         *outcome;
  char         *reason;
  char         *follow_up;
  char         *details;
  gint64        occurred_at;
  int           duration;
  gint64        created_at;
  gint64        updated_at;
  gint64        version;
  char         *user_name;
  char         *contact_name;
  guint         n_documents;
  /* a field change (CRM_HISTORY_KIND_FIELD_CHANGE): which field, and its
   * values before and after (NULL: empty), read from the body */
  char         *change_field;
  char         *change_old;
  char         *change_new;
  /* an e-mail (kind "email"): its sender and recipients as the message
   * wrote them, read from the details; NULL for other kinds */
  char         *mail_from;
  char         *mail_to;
  char         *mail_cc;
} CrmHistoryEntry;

CrmHistoryEntry *crm_history_entry_copy (const CrmHistoryEntry *entry);
void             crm_history_entry_free (CrmHistoryEntry       *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmHistoryEntry, crm_history_entry_free)

/**
 * CrmHistoryQuery:
 * @kinds: (nullable): only these kinds; %NULL for every kind
 * @user_id: only entries this salesperson wrote; 0 for anyone's
 * @contact_id: only entries with this contact person; 0 for any
 * @from: only entries at or after this time; 0 for no limit
 * @to: only entries before this time; 0 for no limit
 * @text: (nullable): only entries whose subject, text, outcome or reason
 *   hold every word of it (case folded)
 *
 * Which entries of a client's timeline to show. All-zero shows them all.
 */
typedef struct
{
  const char * const *kinds;
  gint64              user_id;
  gint64              contact_id;
  gint64              from;
  gint64              to;
  const char         *text;
} CrmHistoryQuery;

gint64           crm_store_count_history         (CrmStore               *self,
                                                  gint64                  company_id,
                                                  const CrmHistoryQuery  *query,
                                                  GError                **error);
gboolean         crm_store_fetch_history         (CrmStore               *self,
                                                  gint64                  company_id,
                                                  const CrmHistoryQuery  *query,
                                                  guint                   offset,
                                                  guint                   limit,
                                                  GPtrArray              *entries,
                                                  GError                **error);
CrmHistoryEntry *crm_store_load_history_entry    (CrmStore               *self,
                                                  gint64                  id,
                                                  GError                **error);

/* Writing. crm_store_log_entry() checks what a person logs: a kind people
 * log, some text or an outcome, an outcome from the dictionary and its reason
 * when it asks for one, a contact person of that client, a valid follow-up
 * date. Only the author of an entry edits or deletes it, and not the ones the
 * program writes (CRM_HISTORY_KIND_SYSTEM). */
gint64           crm_store_log_entry             (CrmStore               *self,
                                                  const CrmHistoryData   *data,
                                                  GError                **error);
gint64           crm_store_update_history_entry  (CrmStore               *self,
                                                  gint64                  id,
                                                  gint64                  version,
                                                  const CrmHistoryData   *data,
                                                  GError                **error);
CrmHistoryEntry *crm_store_delete_history_entry  (CrmStore               *self,
                                                  gint64                  id,
                                                  GError                **error);
gboolean         crm_store_restore_history_entry (CrmStore               *self,
                                                  const CrmHistoryEntry  *snapshot,
                                                  GError                **error);

/* The outcome dictionary */
typedef struct
{
  gint64    id;
  char     *name;
  int       position;
  gboolean  asks_reason;
} CrmOutcome;

void             crm_outcome_free                (CrmOutcome             *outcome);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmOutcome, crm_outcome_free)

GPtrArray       *crm_store_list_outcomes         (CrmStore               *self,
                                                  GError                **error);
CrmOutcome      *crm_store_find_outcome          (CrmStore               *self,
                                                  const char             *name,
                                                  GError                **error);
gint64           crm_store_add_outcome           (CrmStore               *self,
                                                  const char             *name,
                                                  gboolean                asks_reason,
                                                  GError                **error);
gboolean         crm_store_update_outcome        (CrmStore               *self,
                                                  gint64                  id,
                                                  const char             *name,
                                                  gboolean                asks_reason,
                                                  GError                **error);
gboolean         crm_store_move_outcome          (CrmStore               *self,
                                                  gint64                  id,
                                                  int                     position,
                                                  GError                **error);
gint64           crm_store_count_outcome_uses    (CrmStore               *self,
                                                  gint64                  id,
                                                  GError                **error);
gboolean         crm_store_remove_outcome        (CrmStore               *self,
                                                  gint64                  id,
                                                  gint64                  replacement_id,
                                                  GError                **error);
GPtrArray       *crm_store_list_outcome_reasons  (CrmStore               *self,
                                                  gint64                  outcome_id,
                                                  GError                **error);
gint64           crm_store_add_outcome_reason    (CrmStore               *self,
                                                  gint64                  outcome_id,
                                                  const char             *name,
                                                  GError                **error);
gboolean         crm_store_remove_outcome_reason (CrmStore               *self,
                                                  gint64                  reason_id,
                                                  GError                **error);

G_END_DECLS
