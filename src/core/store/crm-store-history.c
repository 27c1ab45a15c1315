/* crm-store-history.c: a client's timeline, logging and editing entries,
 * and the outcome dictionary
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A timeline is read newest first through history_by_company (company_id,
 * occurred_at, then the rowid): a page is found in the index alone, then
 * joined with the names it shows, so the 2,000th page of a client with
 * 100,000 entries costs an index walk, not 100,000 joins.
 */

#define G_LOG_DOMAIN "crm-store"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-client-edit.h"
#include "crm-history.h"
#include "crm-normalize.h"
#include "crm-store-private.h"
#include "crm-validate.h"

void
crm_history_entry_free (CrmHistoryEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->kind);
  g_free (entry->subject);
  g_free (entry->body);
  g_free (entry->outcome);
  g_free (entry->reason);
  g_free (entry->follow_up);
  g_free (entry->details);
  g_free (entry->user_name);
  g_free (entry->contact_name);
  g_free (entry->change_field);
  g_free (entry->change_old);
  g_free (entry->change_new);
  g_free (entry->mail_from);
  g_free (entry->mail_to);
  g_free (entry->mail_cc);
  g_free (entry);
}

CrmHistoryEntry *
crm_history_entry_copy (const CrmHistoryEntry *entry)
{
  CrmHistoryEntry *copy;

  g_return_val_if_fail (entry != NULL, NULL);

  copy = g_memdup2 (entry, sizeof *entry);
  copy->kind = g_strdup (entry->kind);
  copy->subject = g_strdup (entry->subject);
  copy->body = g_strdup (entry->body);
  copy->outcome = g_strdup (entry->outcome);
  copy->reason = g_strdup (entry->reason);
  copy->follow_up = g_strdup (entry->follow_up);
  copy->details = g_strdup (entry->details);
  copy->user_name = g_strdup (entry->user_name);
  copy->contact_name = g_strdup (entry->contact_name);
  copy->change_field = g_strdup (entry->change_field);
  copy->change_old = g_strdup (entry->change_old);
  copy->change_new = g_strdup (entry->change_new);
  copy->mail_from = g_strdup (entry->mail_from);
  copy->mail_to = g_strdup (entry->mail_to);
  copy->mail_cc = g_strdup (entry->mail_cc);

  return copy;
}

void
crm_outcome_free (CrmOutcome *outcome)
{
  if (outcome == NULL)
    return;
  g_free (outcome->name);
  g_free (outcome);
}

/* Reading */

#define ENTRY_COLUMNS \
  "h.id, h.company_id, h.contact_id, h.user_id, h.kind, h.direction, h.subject, h.body, h.outcome, " \
  "h.reason, h.follow_up, h.details, h.occurred_at, h.duration, h.created_at, h.updated_at, h.version, " \
  "u.full_name, c.full_name, " \
  "(SELECT count(*) FROM documents d WHERE d.history_id = h.id AND d.deleted_at IS NULL), " \
  "CASE WHEN json_valid (h.body) THEN json_extract (h.body, '$.field') END, " \
  "CASE WHEN json_valid (h.body) THEN json_extract (h.body, '$.old') END, " \
  "CASE WHEN json_valid (h.body) THEN json_extract (h.body, '$.new') END, " \
  "CASE WHEN h.kind = 'email' THEN json_extract (h.details, '$.from') END, " \
  "CASE WHEN h.kind = 'email' THEN json_extract (h.details, '$.to_text') END, " \
  "CASE WHEN h.kind = 'email' THEN json_extract (h.details, '$.cc_text') END "

#define ENTRY_JOINS \
  "FROM history h LEFT JOIN users u ON u.id = h.user_id LEFT JOIN contacts c ON c.id = h.contact_id "

static gint64
id_or_zero (sqlite3_stmt *stmt,
            int           column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? 0 : sqlite3_column_int64 (stmt, column);
}

static char *
empty_is_null (char *text)
{
  if (text != NULL && *text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static CrmHistoryEntry *
entry_from_statement (sqlite3_stmt *stmt)
{
  CrmHistoryEntry *entry = g_new0 (CrmHistoryEntry, 1);

  entry->id = sqlite3_column_int64 (stmt, 0);
  entry->company_id = sqlite3_column_int64 (stmt, 1);
  entry->contact_id = id_or_zero (stmt, 2);
  entry->user_id = id_or_zero (stmt, 3);
  entry->kind = _crm_column_dup (stmt, 4);
  entry->direction = sqlite3_column_int (stmt, 5);
  entry->subject = _crm_column_dup (stmt, 6);
  entry->body = _crm_column_dup (stmt, 7);
  entry->outcome = _crm_column_dup (stmt, 8);
  entry->reason = _crm_column_dup (stmt, 9);
  entry->follow_up = _crm_column_dup (stmt, 10);
  entry->details = _crm_column_dup (stmt, 11);
  entry->occurred_at = sqlite3_column_int64 (stmt, 12);
  entry->duration = sqlite3_column_int (stmt, 13);
  entry->created_at = id_or_zero (stmt, 14);
  entry->updated_at = id_or_zero (stmt, 15);
  entry->version = sqlite3_column_int64 (stmt, 16);
  entry->user_name = _crm_column_dup (stmt, 17);
  entry->contact_name = _crm_column_dup (stmt, 18);
  entry->n_documents = sqlite3_column_int (stmt, 19);
  if (sqlite3_column_type (stmt, 20) == SQLITE_TEXT)
    {
      entry->change_field = _crm_column_dup (stmt, 20);
      entry->change_old = _crm_column_dup (stmt, 21);
      entry->change_new = _crm_column_dup (stmt, 22);
    }
  entry->mail_from = empty_is_null (_crm_column_dup (stmt, 23));
  entry->mail_to = empty_is_null (_crm_column_dup (stmt, 24));
  entry->mail_cc = empty_is_null (_crm_column_dup (stmt, 25));

  return entry;
}

/* The conditions of a query, and the values they bind from ?2 on (?1 is the
 * client). Built per call: the combinations are too many to cache, and
 * preparing one costs microseconds. */
typedef struct
{
  GString   *where;
  GPtrArray *texts;    /* char*: parameters ?2, ?3, … as text */
  GArray    *numbers;  /* gint64, or G_MININT64 where texts has the value */
} Conditions;

static void
conditions_clear (Conditions *c)
{
  g_string_free (c->where, TRUE);
  g_ptr_array_unref (c->texts);
  g_array_unref (c->numbers);
}

static void
add_number (Conditions *c,
            const char *condition,
            gint64      value)
{
  g_string_append_printf (c->where, " AND %s ?%u", condition, c->texts->len + 2);
  g_ptr_array_add (c->texts, NULL);
  g_array_append_val (c->numbers, value);
}

static void
add_text (Conditions *c,
          char       *value)
{
  gint64 none = G_MININT64;

  g_ptr_array_add (c->texts, value);
  g_array_append_val (c->numbers, none);
}

static void
build_conditions (const CrmHistoryQuery *query,
                  Conditions            *c)
{
  c->where = g_string_new ("history.company_id = ?1");
  c->texts = g_ptr_array_new_with_free_func (g_free);
  c->numbers = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (query == NULL)
    return;

  if (query->kinds != NULL && query->kinds[0] != NULL)
    {
      g_string_append (c->where, " AND history.kind IN (");
      for (guint i = 0; query->kinds[i] != NULL; i++)
        {
          g_string_append_printf (c->where, "%s?%u", i > 0 ? ", " : "", c->texts->len + 2);
          add_text (c, g_strdup (query->kinds[i]));
        }
      g_string_append_c (c->where, ')');
    }
  if (query->user_id > 0)
    add_number (c, "history.user_id =", query->user_id);
  if (query->contact_id > 0)
    add_number (c, "history.contact_id =", query->contact_id);
  if (query->from > 0)
    add_number (c, "history.occurred_at >=", query->from);
  if (query->to > 0)
    add_number (c, "history.occurred_at <", query->to);
  if (query->text != NULL)
    {
      g_autofree char *folded = crm_normalize_fold (query->text);
      g_auto(GStrv) words = g_strsplit_set (folded, " \t\n", -1);

      for (guint i = 0; words[i] != NULL; i++)
        {
          if (*words[i] == '\0')
            continue;
          g_string_append_printf (c->where,
                                  " AND instr (crm_fold (coalesce (history.subject, '') || ' ' || "
                                  "coalesce (history.body, '') || ' ' || coalesce (history.outcome, '') || ' ' || "
                                  "coalesce (history.reason, '')), ?%u) > 0",
                                  c->texts->len + 2);
          add_text (c, g_strdup (words[i]));
        }
    }
}

static void
bind_conditions (sqlite3_stmt *stmt,
                 gint64        company_id,
                 Conditions   *c)
{
  sqlite3_bind_int64 (stmt, 1, company_id);
  for (guint i = 0; i < c->texts->len; i++)
    {
      const char *text = g_ptr_array_index (c->texts, i);

      if (text != NULL)
        sqlite3_bind_text (stmt, i + 2, text, -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_int64 (stmt, i + 2, g_array_index (c->numbers, gint64, i));
    }
}

/**
 * crm_store_count_history:
 * @query: (nullable): which entries; %NULL for all
 *
 * Returns: the number of the client's entries the query selects, or -1 on an error
 */
gint64
crm_store_count_history (CrmStore               *self,
                         gint64                  company_id,
                         const CrmHistoryQuery  *query,
                         GError                **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  Conditions c;
  gint64 n;

  g_return_val_if_fail (CRM_IS_STORE (self), -1);

  STORE_LOCK (self);

  build_conditions (query, &c);
  sql = g_strdup_printf ("SELECT count(*) FROM history WHERE %s", c.where->str);
  if (!(stmt = _crm_store_prepare (self, sql, error)))
    {
      conditions_clear (&c);
      return -1;
    }
  bind_conditions (stmt, company_id, &c);
  conditions_clear (&c);

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _crm_store_set_error (self, error);
      return -1;
    }
  n = sqlite3_column_int64 (stmt, 0);

  return n;
}

/**
 * crm_store_fetch_history:
 * @entries: (element-type CrmHistoryEntry): receives the entries, newest first
 *
 * Appends up to @limit entries of the client from position @offset of its
 * timeline (newest first; entries at the same time, the later written first).
 */
gboolean
crm_store_fetch_history (CrmStore               *self,
                         gint64                  company_id,
                         const CrmHistoryQuery  *query,
                         guint                   offset,
                         guint                   limit,
                         GPtrArray              *entries,
                         GError                **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  Conditions c;
  guint n_params;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (entries != NULL, FALSE);

  STORE_LOCK (self);

  build_conditions (query, &c);
  n_params = c.texts->len + 1;
  sql = g_strdup_printf ("SELECT " ENTRY_COLUMNS ENTRY_JOINS
                         "WHERE h.id IN (SELECT history.id FROM history WHERE %s "
                         "  ORDER BY history.occurred_at DESC, history.id DESC LIMIT ?%u OFFSET ?%u) "
                         "ORDER BY h.occurred_at DESC, h.id DESC",
                         c.where->str, n_params + 1, n_params + 2);
  if (!(stmt = _crm_store_prepare (self, sql, error)))
    {
      conditions_clear (&c);
      return FALSE;
    }
  bind_conditions (stmt, company_id, &c);
  conditions_clear (&c);
  sqlite3_bind_int64 (stmt, n_params + 1, limit);
  sqlite3_bind_int64 (stmt, n_params + 2, offset);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entries, entry_from_statement (stmt));

  return rc == SQLITE_DONE ? TRUE : _crm_store_set_error (self, error);
}

static CrmHistoryEntry *
load_entry (CrmStore  *self,
            gint64     id,
            GError   **error)
{
  CrmHistoryEntry *entry;
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _crm_store_cached (self, "SELECT " ENTRY_COLUMNS ENTRY_JOINS "WHERE h.id = ?1", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                     _("There is no history entry with the number %lld."), (long long)id);
      else
        _crm_store_set_error (self, error);
      return NULL;
    }
  entry = entry_from_statement (stmt);
  sqlite3_reset (stmt);

  return entry;
}

CrmHistoryEntry *
crm_store_load_history_entry (CrmStore  *self,
                              gint64     id,
                              GError   **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  STORE_LOCK (self);

  return load_entry (self, id, error);
}

/* Writing */

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
has_text (const char *text)
{
  if (text == NULL)
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isspace (*p))
      return TRUE;
  return FALSE;
}

/* What a person logs or edits, checked before it is written */
static gboolean
check_entry (CrmStore              *self,
             const CrmHistoryData  *data,
             GError               **error)
{
  const CrmHistoryKind *kind = crm_history_kind_lookup (data->kind);
  sqlite3_stmt *stmt;
  int rc;

  if (kind == NULL || !(kind->flags & CRM_HISTORY_KIND_LOGGED))
    {
      g_autoptr(GPtrArray) kinds = crm_history_kind_list (CRM_HISTORY_KIND_LOGGED);
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < kinds->len; i++)
        g_string_append_printf (names, "%s%s", i > 0 ? ", " : "",
                                ((const CrmHistoryKind *)g_ptr_array_index (kinds, i))->id);
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                   /* Translators: the first %s is what was given, the second the list of kinds */
                   _("“%s” is not a kind of entry that is logged; the kinds are: %s."),
                   data->kind ? data->kind : "", names->str);
      return FALSE;
    }

  if (!has_text (data->subject) && !has_text (data->body) && !has_text (data->outcome))
    return invalid (error, _("An entry needs a text or an outcome."));

  if (data->duration < 0 || data->duration > 7 * 24 * 3600)
    return invalid (error, _("The duration must be between 0 and 7 days."));

  if (data->follow_up != NULL && !crm_validate_date (data->follow_up, NULL))
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                   _("The follow-up date “%s” is not a date (YYYY-MM-DD)."), data->follow_up);
      return FALSE;
    }

  if (data->contact_id > 0)
    {
      if (!(stmt = _crm_store_cached (self, "SELECT company_id FROM contacts WHERE id = ?1", error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, data->contact_id);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW || sqlite3_column_int64 (stmt, 0) != data->company_id)
        {
          sqlite3_reset (stmt);
          return invalid (error, _("That contact person is not one of this client’s."));
        }
      sqlite3_reset (stmt);
    }

  if (has_text (data->outcome))
    {
      gboolean asks_reason;
      gint64 outcome_id;

      if (!(kind->flags & CRM_HISTORY_KIND_OUTCOME))
        {
          g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                       /* Translators: %s is a kind of entry, such as “Note” */
                       _("Entries of the kind “%s” have no outcome."), crm_history_kind_label (data->kind));
          return FALSE;
        }
      if (!(stmt = _crm_store_cached (self, "SELECT id, asks_reason FROM outcomes WHERE name = ?1", error)))
        return FALSE;
      sqlite3_bind_text (stmt, 1, data->outcome, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          sqlite3_reset (stmt);
          g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                       _("“%s” is not an outcome; the outcomes are edited in Preferences."), data->outcome);
          return FALSE;
        }
      outcome_id = sqlite3_column_int64 (stmt, 0);
      asks_reason = sqlite3_column_int (stmt, 1) != 0;
      sqlite3_reset (stmt);

      if (asks_reason && !has_text (data->reason))
        {
          g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                       _("The outcome “%s” needs a reason."), data->outcome);
          return FALSE;
        }
      if (has_text (data->reason))
        {
          if (!(stmt = _crm_store_cached (self, "SELECT 1 FROM outcome_reasons WHERE outcome_id = ?1 AND name = ?2",
                                          error)))
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, outcome_id);
          sqlite3_bind_text (stmt, 2, data->reason, -1, SQLITE_TRANSIENT);
          rc = sqlite3_step (stmt);
          sqlite3_reset (stmt);
          if (rc != SQLITE_ROW)
            {
              g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                           _("“%s” is not a reason for the outcome “%s”."), data->reason, data->outcome);
              return FALSE;
            }
        }
    }
  else if (has_text (data->reason))
    return invalid (error, _("A reason goes with an outcome that asks for one."));

  return TRUE;
}

gint64
crm_store_log_entry (CrmStore              *self,
                     const CrmHistoryData  *data,
                     GError               **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), 0);
  g_return_val_if_fail (data != NULL, 0);

  STORE_LOCK (self);
  g_auto(CrmStoreTx) tx = { 0 };
  gint64 id;

  if (!_crm_store_tx_begin (self, &tx, error))
    return 0;
  if (!_crm_store_company_exists (self, data->company_id, error) ||
      !check_entry (self, data, error) ||
      !(id = crm_store_add_history (self, data, error)) ||
      !_crm_store_tx_commit (&tx, error))
    return 0;

  return id;
}

/* Only the author edits or deletes an entry, and only one a person wrote */
static CrmHistoryEntry *
load_own_entry (CrmStore  *self,
                gint64     id,
                GError   **error)
{
  g_autoptr(CrmHistoryEntry) entry = load_entry (self, id, error);
  const CrmHistoryKind *kind;

  if (entry == NULL)
    return NULL;

  kind = crm_history_kind_lookup (entry->kind);
  if (kind == NULL || (kind->flags & CRM_HISTORY_KIND_SYSTEM))
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                   _("The program wrote this entry; it stays as it is."));
      return NULL;
    }
  if (entry->user_id != self->current_user_id)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_PERMISSION,
                   /* Translators: %s is the name of the salesperson who wrote the entry */
                   _("Only %s, who wrote this entry, can change or delete it."),
                   entry->user_name ? entry->user_name : _("its author"));
      return NULL;
    }

  return g_steal_pointer (&entry);
}

/**
 * crm_store_update_history_entry:
 * @version: the version the user saw
 *
 * Writes the editable parts of an entry (@data's contact, direction,
 * subject, body, outcome, reason, time, duration, follow-up; its kind and
 * client stay).
 *
 * Returns: the new version, or 0 with CRM_EDIT_ERROR_CONFLICT when someone
 * changed the entry meanwhile, or another error
 */
gint64
crm_store_update_history_entry (CrmStore              *self,
                                gint64                 id,
                                gint64                 version,
                                const CrmHistoryData  *data,
                                GError               **error)
{
  g_autoptr(CrmHistoryEntry) entry = NULL;
  CrmHistoryData checked;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);
  g_return_val_if_fail (data != NULL, 0);

  STORE_LOCK (self);
  g_auto(CrmStoreTx) tx = { 0 };

  if (!_crm_store_tx_begin (self, &tx, error) ||
      !(entry = load_own_entry (self, id, error)))
    return 0;

  if (entry->version != version)
    {
      g_set_error (error, CRM_EDIT_ERROR, CRM_EDIT_ERROR_CONFLICT,
                   _("Someone changed this entry meanwhile; your change was not saved. "
                     "Look at it again and repeat your change."));
      return 0;
    }

  checked = *data;
  checked.company_id = entry->company_id;
  checked.kind = entry->kind;
  if (!check_entry (self, &checked, error))
    return 0;

  if (!(stmt = _crm_store_cached (self,
                                  "UPDATE history SET contact_id = ?2, direction = ?3, subject = ?4, body = ?5, "
                                  "  outcome = ?6, reason = ?7, occurred_at = ?8, duration = ?9, follow_up = ?10, "
                                  "  updated_at = ?11, version = version + 1 "
                                  "WHERE id = ?1 AND version = ?12", error)))
    return 0;
  sqlite3_bind_int64 (stmt, 1, id);
  _crm_bind_id_or_null (stmt, 2, data->contact_id);
  sqlite3_bind_int (stmt, 3, data->direction);
  _crm_bind_text_or_null (stmt, 4, data->subject);
  _crm_bind_text_or_null (stmt, 5, data->body);
  _crm_bind_text_or_null (stmt, 6, has_text (data->outcome) ? data->outcome : NULL);
  _crm_bind_text_or_null (stmt, 7, has_text (data->reason) ? data->reason : NULL);
  sqlite3_bind_int64 (stmt, 8, data->occurred_at > 0 ? data->occurred_at : entry->occurred_at);
  sqlite3_bind_int (stmt, 9, MAX (0, data->duration));
  _crm_bind_text_or_null (stmt, 10, data->follow_up);
  sqlite3_bind_int64 (stmt, 11, _crm_now_utc ());
  sqlite3_bind_int64 (stmt, 12, version);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _crm_store_constraint_error (self, error);
      return 0;
    }
  if (!_crm_store_tx_commit (&tx, error))
    return 0;

  return version + 1;
}

/**
 * crm_store_delete_history_entry:
 *
 * Returns: (transfer full): the entry as it was, for
 * crm_store_restore_history_entry(); %NULL on an error
 */
CrmHistoryEntry *
crm_store_delete_history_entry (CrmStore  *self,
                                gint64     id,
                                GError   **error)
{
  g_autoptr(CrmHistoryEntry) entry = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  STORE_LOCK (self);
  g_auto(CrmStoreTx) tx = { 0 };

  if (!_crm_store_tx_begin (self, &tx, error) ||
      !(entry = load_own_entry (self, id, error)))
    return NULL;

  /* its documents stay with the client (history_id is set to NULL) */
  if (!(stmt = _crm_store_cached (self, "DELETE FROM history WHERE id = ?1", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _crm_store_set_error (self, error);
      return NULL;
    }
  if (!_crm_store_tx_commit (&tx, error))
    return NULL;

  return g_steal_pointer (&entry);
}

/**
 * crm_store_restore_history_entry:
 *
 * Puts back a deleted entry with its number, so that documents attached to
 * it are linked again (those still with its client and unlinked).
 */
gboolean
crm_store_restore_history_entry (CrmStore               *self,
                                 const CrmHistoryEntry  *snapshot,
                                 GError                **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (snapshot != NULL, FALSE);

  STORE_LOCK (self);
  g_auto(CrmStoreTx) tx = { 0 };

  if (!_crm_store_tx_begin (self, &tx, error) ||
      !_crm_store_company_exists (self, snapshot->company_id, error))
    return FALSE;

  if (!(stmt = _crm_store_cached (self,
                                  "INSERT INTO history (id, company_id, contact_id, user_id, kind, direction, subject, "
                                  "  body, outcome, reason, follow_up, details, occurred_at, duration, created_at, "
                                  "  updated_at, version) "
                                  "VALUES (?1, ?2, (SELECT id FROM contacts WHERE id = ?3), "
                                  "  (SELECT id FROM users WHERE id = ?4), ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
                                  "  ?14, ?15, ?16, ?17)", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, snapshot->id);
  sqlite3_bind_int64 (stmt, 2, snapshot->company_id);
  _crm_bind_id_or_null (stmt, 3, snapshot->contact_id);
  _crm_bind_id_or_null (stmt, 4, snapshot->user_id);
  sqlite3_bind_text (stmt, 5, snapshot->kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 6, snapshot->direction);
  _crm_bind_text_or_null (stmt, 7, snapshot->subject);
  _crm_bind_text_or_null (stmt, 8, snapshot->body);
  _crm_bind_text_or_null (stmt, 9, snapshot->outcome);
  _crm_bind_text_or_null (stmt, 10, snapshot->reason);
  _crm_bind_text_or_null (stmt, 11, snapshot->follow_up);
  _crm_bind_text_or_null (stmt, 12, snapshot->details);
  sqlite3_bind_int64 (stmt, 13, snapshot->occurred_at);
  sqlite3_bind_int (stmt, 14, snapshot->duration);
  _crm_bind_id_or_null (stmt, 15, snapshot->created_at);
  _crm_bind_id_or_null (stmt, 16, snapshot->updated_at);
  sqlite3_bind_int64 (stmt, 17, snapshot->version);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _crm_store_constraint_error (self, error);

  return _crm_store_tx_commit (&tx, error);
}

/* The outcome dictionary */

static CrmOutcome *
outcome_from_statement (sqlite3_stmt *stmt)
{
  CrmOutcome *outcome = g_new0 (CrmOutcome, 1);

  outcome->id = sqlite3_column_int64 (stmt, 0);
  outcome->name = _crm_column_dup (stmt, 1);
  outcome->position = sqlite3_column_int (stmt, 2);
  outcome->asks_reason = sqlite3_column_int (stmt, 3) != 0;

  return outcome;
}

/**
 * crm_store_list_outcomes:
 *
 * Returns: (transfer container) (element-type CrmOutcome): in the order offered
 */
GPtrArray *
crm_store_list_outcomes (CrmStore  *self,
                         GError   **error)
{
  g_autoptr(GPtrArray) outcomes = g_ptr_array_new_with_free_func ((GDestroyNotify)crm_outcome_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  STORE_LOCK (self);

  if (!(stmt = _crm_store_cached (self, "SELECT id, name, position, asks_reason FROM outcomes "
                                        "ORDER BY position, name", error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (outcomes, outcome_from_statement (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&outcomes);
}

/**
 * crm_store_find_outcome:
 *
 * Returns: (transfer full) (nullable): the outcome of that name; %NULL
 * without an error when there is none
 */
CrmOutcome *
crm_store_find_outcome (CrmStore    *self,
                        const char  *name,
                        GError     **error)
{
  CrmOutcome *outcome = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  STORE_LOCK (self);

  if (!(stmt = _crm_store_cached (self, "SELECT id, name, position, asks_reason FROM outcomes WHERE name = ?1",
                                  error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, name ? name : "", -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    outcome = outcome_from_statement (stmt);
  else if (rc != SQLITE_DONE)
    _crm_store_set_error (self, error);
  sqlite3_reset (stmt);

  return outcome;
}

static char *
outcome_name (const char  *name,
              GError     **error)
{
  char *trimmed = g_strstrip (g_strdup (name ? name : ""));

  if (*trimmed == '\0')
    {
      g_free (trimmed);
      invalid (error, _("An outcome needs a name."));
      return NULL;
    }

  return trimmed;
}

/* Steps a write of a dictionary name; a name taken already is an error that
 * says so with @taken ("There is an outcome “%s” already.") */
static gboolean
step_unique (CrmStore      *self,
             sqlite3_stmt  *stmt,
             const char    *taken,
             const char    *name,
             GError       **error)
{
  if (sqlite3_step (stmt) == SQLITE_DONE)
    return TRUE;
  if (sqlite3_extended_errcode (self->db) == SQLITE_CONSTRAINT_UNIQUE)
    g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID, taken, name);
  else
    _crm_store_constraint_error (self, error);

  return FALSE;
}

gint64
crm_store_add_outcome (CrmStore    *self,
                       const char  *name,
                       gboolean     asks_reason,
                       GError     **error)
{
  g_autofree char *text = outcome_name (name, error);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);

  STORE_LOCK (self);

  if (text == NULL)
    return 0;
  if (!(stmt = _crm_store_cached (self, "INSERT INTO outcomes (name, position, asks_reason) "
                                        "VALUES (?1, (SELECT coalesce (max (position), -1) + 1 FROM outcomes), ?2)",
                                  error)))
    return 0;
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, !!asks_reason);
  if (!step_unique (self, stmt, _("There is an outcome “%s” already."), text, error))
    return 0;

  return sqlite3_last_insert_rowid (self->db);
}

/**
 * crm_store_update_outcome:
 *
 * Renames an outcome (in the history too) and says whether it asks for a reason.
 */
gboolean
crm_store_update_outcome (CrmStore    *self,
                          gint64       id,
                          const char  *name,
                          gboolean     asks_reason,
                          GError     **error)
{
  g_autofree char *text = outcome_name (name, error);
  g_autofree char *old_name = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  STORE_LOCK (self);
  g_auto(CrmStoreTx) tx = { 0 };

  if (text == NULL || !_crm_store_tx_begin (self, &tx, error))
    return FALSE;

  if (!(stmt = _crm_store_cached (self, "SELECT name FROM outcomes WHERE id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    old_name = _crm_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  if (old_name == NULL)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                   _("There is no outcome with the number %lld."), (long long)id);
      return FALSE;
    }

  if (!(stmt = _crm_store_cached (self, "UPDATE outcomes SET name = ?2, asks_reason = ?3 WHERE id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, !!asks_reason);
  if (!step_unique (self, stmt, _("There is an outcome “%s” already."), text, error))
    return FALSE;

  if (!g_str_equal (old_name, text))
    {
      if (!(stmt = _crm_store_cached (self, "UPDATE history SET outcome = ?2 WHERE outcome = ?1", error)))
        return FALSE;
      sqlite3_bind_text (stmt, 1, old_name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, text, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return _crm_store_set_error (self, error);
    }

  return _crm_store_tx_commit (&tx, error);
}

gboolean
crm_store_move_outcome (CrmStore    *self,
                        gint64       id,
                        int          position,
                        GError     **error)
{
  g_autoptr(GPtrArray) outcomes = NULL;
  sqlite3_stmt *stmt;
  guint from = G_MAXUINT;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  STORE_LOCK (self);
  g_auto(CrmStoreTx) tx = { 0 };

  if (!_crm_store_tx_begin (self, &tx, error) ||
      !(outcomes = crm_store_list_outcomes (self, error)))
    return FALSE;

  for (guint i = 0; i < outcomes->len; i++)
    if (((CrmOutcome *)g_ptr_array_index (outcomes, i))->id == id)
      from = i;
  if (from == G_MAXUINT)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                   _("There is no outcome with the number %lld."), (long long)id);
      return FALSE;
    }

  position = CLAMP (position, 0, (int)outcomes->len - 1);
  {
    gpointer moved = g_ptr_array_steal_index (outcomes, from);
    g_ptr_array_insert (outcomes, position, moved);
  }

  if (!(stmt = _crm_store_cached (self, "UPDATE outcomes SET position = ?2 WHERE id = ?1", error)))
    return FALSE;
  for (guint i = 0; i < outcomes->len; i++)
    {
      sqlite3_bind_int64 (stmt, 1, ((CrmOutcome *)g_ptr_array_index (outcomes, i))->id);
      sqlite3_bind_int (stmt, 2, i);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return _crm_store_set_error (self, error);
      sqlite3_reset (stmt);
    }

  return _crm_store_tx_commit (&tx, error);
}

/* Returns: how many entries have this outcome, or -1 on an error */
gint64
crm_store_count_outcome_uses (CrmStore  *self,
                              gint64     id,
                              GError   **error)
{
  sqlite3_stmt *stmt;
  gint64 n;

  g_return_val_if_fail (CRM_IS_STORE (self), -1);

  STORE_LOCK (self);

  if (!(stmt = _crm_store_cached (self, "SELECT count(*) FROM history WHERE outcome = "
                                        "(SELECT name FROM outcomes WHERE id = ?1)", error)))
    return -1;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _crm_store_set_error (self, error);
      sqlite3_reset (stmt);
      return -1;
    }
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return n;
}

/**
 * crm_store_remove_outcome:
 * @replacement_id: the outcome the entries with this one get instead; 0 to
 *   refuse when some entry has it
 */
gboolean
crm_store_remove_outcome (CrmStore    *self,
                          gint64       id,
                          gint64       replacement_id,
                          GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 uses;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  STORE_LOCK (self);
  g_auto(CrmStoreTx) tx = { 0 };

  if (!_crm_store_tx_begin (self, &tx, error) ||
      (uses = crm_store_count_outcome_uses (self, id, error)) < 0)
    return FALSE;

  if (uses > 0)
    {
      if (replacement_id <= 0 || replacement_id == id)
        {
          g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_IN_USE,
                       ngettext ("%lld entry has this outcome; choose the one it gets instead.",
                                 "%lld entries have this outcome; choose the one they get instead.",
                                 (gulong) MIN ((guint64) uses, G_MAXULONG)),
                       (long long)uses);
          return FALSE;
        }
      /* the reason of the old outcome means nothing with the new one */
      if (!(stmt = _crm_store_cached (self,
                                      "UPDATE history SET outcome = (SELECT name FROM outcomes WHERE id = ?2), "
                                      "  reason = NULL "
                                      "WHERE outcome = (SELECT name FROM outcomes WHERE id = ?1) "
                                      "  AND EXISTS (SELECT 1 FROM outcomes WHERE id = ?2)", error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, replacement_id);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return _crm_store_set_error (self, error);
      if (sqlite3_changes (self->db) == 0)
        {
          g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                       _("There is no outcome with the number %lld."), (long long)replacement_id);
          return FALSE;
        }
    }

  if (!(stmt = _crm_store_cached (self, "DELETE FROM outcomes WHERE id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _crm_store_set_error (self, error);
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                   _("There is no outcome with the number %lld."), (long long)id);
      return FALSE;
    }

  return _crm_store_tx_commit (&tx, error);
}

/**
 * crm_store_list_outcome_reasons:
 *
 * Returns: (transfer container) (element-type CrmDictionaryValue): the
 * reasons an outcome offers, in their order
 */
GPtrArray *
crm_store_list_outcome_reasons (CrmStore  *self,
                                gint64     outcome_id,
                                GError   **error)
{
  g_autoptr(GPtrArray) reasons = g_ptr_array_new_with_free_func ((GDestroyNotify)crm_dictionary_value_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  STORE_LOCK (self);

  if (!(stmt = _crm_store_cached (self, "SELECT id, name, position FROM outcome_reasons WHERE outcome_id = ?1 "
                                        "ORDER BY position, name", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, outcome_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmDictionaryValue *value = g_new0 (CrmDictionaryValue, 1);

      value->id = sqlite3_column_int64 (stmt, 0);
      value->name = _crm_column_dup (stmt, 1);
      value->position = sqlite3_column_int (stmt, 2);
      g_ptr_array_add (reasons, value);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&reasons);
}

gint64
crm_store_add_outcome_reason (CrmStore    *self,
                              gint64       outcome_id,
                              const char  *name,
                              GError     **error)
{
  g_autofree char *text = g_strstrip (g_strdup (name ? name : ""));
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);

  STORE_LOCK (self);

  if (*text == '\0')
    {
      invalid (error, _("A reason needs a name."));
      return 0;
    }
  if (!(stmt = _crm_store_cached (self,
                                  "INSERT INTO outcome_reasons (outcome_id, name, position) "
                                  "VALUES (?1, ?2, (SELECT coalesce (max (position), -1) + 1 FROM outcome_reasons "
                                  "                 WHERE outcome_id = ?1))", error)))
    return 0;
  sqlite3_bind_int64 (stmt, 1, outcome_id);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_STATIC);
  if (!step_unique (self, stmt, _("This outcome has the reason “%s” already."), text, error))
    return 0;

  return sqlite3_last_insert_rowid (self->db);
}

/* The entries keep the reason's name they were written with */
gboolean
crm_store_remove_outcome_reason (CrmStore    *self,
                                 gint64       reason_id,
                                 GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  STORE_LOCK (self);

  if (!(stmt = _crm_store_cached (self, "DELETE FROM outcome_reasons WHERE id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, reason_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _crm_store_set_error (self, error);
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                   _("There is no reason with the number %lld."), (long long)reason_id);
      return FALSE;
    }

  return TRUE;
}
