/* crm-store-edit.c: editing clients (the client card's writes)
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "crm-client-edit.h"
#include "crm-phone.h"
#include "crm-store-private.h"
#include "crm-validate.h"

#define NO_RANK_SQL "2147483647"

G_DEFINE_QUARK (crm-edit-error-quark, crm_edit_error)

/* Records */

void
crm_edit_outcome_clear (CrmEditOutcome *outcome)
{
  g_clear_pointer (&outcome->previous, g_free);
  g_clear_pointer (&outcome->current, g_free);
  outcome->version = 0;
}

static void
phone_record_clear (gpointer data)
{
  CrmPhoneRecord *record = data;

  g_free (record->label);
  g_free (record->number);
}

CrmPhoneRecord *
crm_phone_record_ref (CrmPhoneRecord *record)
{
  return g_atomic_rc_box_acquire (record);
}

void
crm_phone_record_unref (CrmPhoneRecord *record)
{
  g_atomic_rc_box_release_full (record, phone_record_clear);
}

static void
email_record_clear (gpointer data)
{
  CrmEmailRecord *record = data;

  g_free (record->label);
  g_free (record->address);
}

CrmEmailRecord *
crm_email_record_ref (CrmEmailRecord *record)
{
  return g_atomic_rc_box_acquire (record);
}

void
crm_email_record_unref (CrmEmailRecord *record)
{
  g_atomic_rc_box_release_full (record, email_record_clear);
}

static void
contact_record_clear (gpointer data)
{
  CrmContactRecord *record = data;

  g_free (record->first_name);
  g_free (record->middle_name);
  g_free (record->last_name);
  g_free (record->full_name);
  g_free (record->position);
  g_free (record->birthday);
  g_free (record->notes);
  g_clear_pointer (&record->phones, g_ptr_array_unref);
  g_clear_pointer (&record->emails, g_ptr_array_unref);
  g_clear_pointer (&record->history_ids, g_array_unref);
}

CrmContactRecord *
crm_contact_record_ref (CrmContactRecord *record)
{
  return g_atomic_rc_box_acquire (record);
}

void
crm_contact_record_unref (CrmContactRecord *record)
{
  g_atomic_rc_box_release_full (record, contact_record_clear);
}

void
crm_tag_free (CrmTag *tag)
{
  if (tag == NULL)
    return;
  g_free (tag->name);
  g_free (tag);
}

void
crm_custom_field_free (CrmCustomField *field)
{
  if (field == NULL)
    return;
  g_free (field->name);
  g_free (field->kind);
  g_strfreev (field->choices);
  g_free (field->value);
  g_free (field);
}

static void
client_record_clear (gpointer data)
{
  CrmClientRecord *record = data;

  g_free (record->name);
  g_free (record->legal_name);
  g_free (record->tax_id);
  g_free (record->city);
  g_free (record->address);
  g_free (record->website);
  g_free (record->notes);
  g_clear_pointer (&record->tags, g_ptr_array_unref);
  g_clear_pointer (&record->custom_fields, g_ptr_array_unref);
  g_clear_pointer (&record->contacts, g_ptr_array_unref);
  g_clear_pointer (&record->phones, g_ptr_array_unref);
  g_clear_pointer (&record->emails, g_ptr_array_unref);
}

CrmClientRecord *
crm_client_record_ref (CrmClientRecord *record)
{
  return g_atomic_rc_box_acquire (record);
}

void
crm_client_record_unref (CrmClientRecord *record)
{
  g_atomic_rc_box_release_full (record, client_record_clear);
}

G_DEFINE_BOXED_TYPE (CrmClientRecord, crm_client_record, crm_client_record_ref, crm_client_record_unref)
G_DEFINE_BOXED_TYPE (CrmContactRecord, crm_contact_record, crm_contact_record_ref, crm_contact_record_unref)
G_DEFINE_BOXED_TYPE (CrmPhoneRecord, crm_phone_record, crm_phone_record_ref, crm_phone_record_unref)
G_DEFINE_BOXED_TYPE (CrmEmailRecord, crm_email_record, crm_email_record_ref, crm_email_record_unref)

static CrmContactRecord *
contact_record_new (void)
{
  CrmContactRecord *record = g_atomic_rc_box_new0 (CrmContactRecord);

  record->phones = g_ptr_array_new_with_free_func ((GDestroyNotify)crm_phone_record_unref);
  record->emails = g_ptr_array_new_with_free_func ((GDestroyNotify)crm_email_record_unref);

  return record;
}

/* Transactions: crm-store-private.h (CrmStoreTx) */
#define tx_begin    _crm_store_tx_begin
#define tx_commit   _crm_store_tx_commit
#define tx_rollback _crm_store_tx_rollback

/* Helpers */

static char *
trimmed_or_null (const char *value)
{
  char *copy;

  if (value == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (value));
  if (*copy == '\0')
    g_clear_pointer (&copy, g_free);

  return copy;
}

static gboolean
not_found (GError     **error,
           const char  *format,
           gint64       id)
{
  g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND, format, (long long)id);
  return FALSE;
}

static gboolean
step_done (CrmStore      *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return _crm_store_constraint_error (self, error);

  return TRUE;
}

static gint64
id_column (sqlite3_stmt *stmt,
           int           column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? 0 : sqlite3_column_int64 (stmt, column);
}

/* The company a contact belongs to, or 0 with an error */
static gint64
contact_company (CrmStore    *self,
                 gint64       contact_id,
                 GError     **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_cached (self, "SELECT company_id FROM contacts WHERE id = ?1", error)))
    return 0;
  sqlite3_bind_int64 (stmt, 1, contact_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);

  not_found (error, _("There is no contact person with the number %lld."), contact_id);
  return 0;
}

static gboolean
add_history (CrmStore    *self,
             gint64       company_id,
             const char  *kind,
             const char  *subject,
             const char  *body,
             GError     **error)
{
  CrmHistoryData data = {
    .company_id = company_id,
    .kind = kind,
    .subject = subject,
    .body = body,
  };

  return crm_store_add_history (self, &data, error) > 0;
}

/* The company's fields: names the card uses, mapped to columns. Every SQL
 * string is a literal, so it is prepared once and cached. Update parameters:
 * ?1 value, ?2 its sort key, ?3 now, ?4 user, ?5 company id, ?6 version. */

typedef enum
{
  FIELD_TEXT,
  FIELD_DICTIONARY,
  FIELD_MANAGER,
} FieldType;

typedef struct
{
  const char *name;
  const char *label;
  FieldType   type;
  const char *dictionary;
  gboolean    searched;
  const char *select_sql;
  const char *update_sql;
} CompanyField;

#define SELECT_FIELD(column) "SELECT " column ", version FROM companies WHERE id = ?1"
#define UPDATE_TAIL ", version = version + 1, updated_at = ?3, updated_by = ?4 WHERE id = ?5 AND version = ?6"
#define RANK_OF(kind) "coalesce ((SELECT position FROM dictionary WHERE id = ?1 AND kind = '" kind "'), " NO_RANK_SQL ")"

static const CompanyField company_fields[] = {
  { "name", N_("name"), FIELD_TEXT, NULL, TRUE, SELECT_FIELD ("name"),
    "UPDATE companies SET name = ?1, sort_name = ?2, name_key = crm_name_key (?1)" UPDATE_TAIL },
  { "legal_name", N_("legal name"), FIELD_TEXT, NULL, TRUE, SELECT_FIELD ("legal_name"),
    "UPDATE companies SET legal_name = ?1" UPDATE_TAIL },
  { "tax_id", N_("tax id"), FIELD_TEXT, NULL, TRUE, SELECT_FIELD ("tax_id"),
    "UPDATE companies SET tax_id = ?1" UPDATE_TAIL },
  { "status", N_("status"), FIELD_DICTIONARY, "status", FALSE, SELECT_FIELD ("status_id"),
    "UPDATE companies SET status_id = ?1, status_rank = " RANK_OF ("status") UPDATE_TAIL },
  { "industry", N_("industry"), FIELD_DICTIONARY, "industry", FALSE, SELECT_FIELD ("industry_id"),
    "UPDATE companies SET industry_id = ?1, industry_rank = " RANK_OF ("industry") UPDATE_TAIL },
  { "region", N_("region"), FIELD_DICTIONARY, "region", FALSE, SELECT_FIELD ("region_id"),
    "UPDATE companies SET region_id = ?1, region_rank = " RANK_OF ("region") UPDATE_TAIL },
  { "source", N_("source"), FIELD_DICTIONARY, "source", FALSE, SELECT_FIELD ("source_id"),
    "UPDATE companies SET source_id = ?1" UPDATE_TAIL },
  { "manager", N_("responsible manager"), FIELD_MANAGER, NULL, FALSE, SELECT_FIELD ("manager_id"),
    "UPDATE companies SET manager_id = ?1, manager_rank = "
    "  coalesce ((SELECT sort_rank FROM users WHERE id = ?1), " NO_RANK_SQL ")" UPDATE_TAIL },
  { "city", N_("city"), FIELD_TEXT, NULL, TRUE, SELECT_FIELD ("city"),
    "UPDATE companies SET city = ?1, sort_city = ?2" UPDATE_TAIL },
  { "address", N_("address"), FIELD_TEXT, NULL, FALSE, SELECT_FIELD ("address"),
    "UPDATE companies SET address = ?1" UPDATE_TAIL },
  { "website", N_("website"), FIELD_TEXT, NULL, TRUE, SELECT_FIELD ("website"),
    "UPDATE companies SET website = ?1, website_domain = crm_domain (?1)" UPDATE_TAIL },
  { "notes", N_("notes"), FIELD_TEXT, NULL, FALSE, SELECT_FIELD ("notes"),
    "UPDATE companies SET notes = ?1" UPDATE_TAIL },
};

static const char * const company_field_names[] = {
  "name", "legal_name", "tax_id", "status", "industry", "region", "source", "manager", "city",
  "address", "website", "notes", NULL,
};

const char * const *
crm_client_record_fields (void)
{
  return company_field_names;
}

static const CompanyField *
find_company_field (const char  *name,
                    GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (company_fields); i++)
    if (g_strcmp0 (company_fields[i].name, name) == 0)
      return &company_fields[i];

  g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
               _("A client has no field “%s”."), name ? name : "");
  return NULL;
}

static char *
id_to_string (gint64 id)
{
  return id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, id) : NULL;
}

char *
crm_client_record_get_field (const CrmClientRecord *record,
                             const char            *field)
{
  g_return_val_if_fail (record != NULL, NULL);
  g_return_val_if_fail (field != NULL, NULL);

  if (g_str_equal (field, "name"))
    return g_strdup (record->name);
  if (g_str_equal (field, "legal_name"))
    return g_strdup (record->legal_name);
  if (g_str_equal (field, "tax_id"))
    return g_strdup (record->tax_id);
  if (g_str_equal (field, "status"))
    return id_to_string (record->status_id);
  if (g_str_equal (field, "industry"))
    return id_to_string (record->industry_id);
  if (g_str_equal (field, "region"))
    return id_to_string (record->region_id);
  if (g_str_equal (field, "source"))
    return id_to_string (record->source_id);
  if (g_str_equal (field, "manager"))
    return id_to_string (record->manager_id);
  if (g_str_equal (field, "city"))
    return g_strdup (record->city);
  if (g_str_equal (field, "address"))
    return g_strdup (record->address);
  if (g_str_equal (field, "website"))
    return g_strdup (record->website);
  if (g_str_equal (field, "notes"))
    return g_strdup (record->notes);

  g_return_val_if_reached (NULL);
}

/* An id as the update takes it: decimal text; NULL, "" or "0" is none */
static gboolean
parse_id (const char  *value,
          const char  *label,
          gint64      *id,
          GError     **error)
{
  guint64 number;

  *id = 0;
  if (value == NULL || *value == '\0' || g_strcmp0 (value, "0") == 0)
    return TRUE;
  if (!g_ascii_string_to_unsigned (value, 10, 1, G_MAXINT64, &number, NULL))
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                   _("“%s” is not a value of the %s."), value, label);
      return FALSE;
    }
  *id = (gint64)number;

  return TRUE;
}

/* The name of a dictionary value or user, for history entries; NULL if none */
static char *
display_name (CrmStore           *self,
              const CompanyField *field,
              gint64              id,
              GError            **error)
{
  sqlite3_stmt *stmt;

  if (id == 0)
    return NULL;

  if (field->type == FIELD_MANAGER)
    stmt = _crm_store_cached (self, "SELECT full_name FROM users WHERE id = ?1", error);
  else
    stmt = _crm_store_cached (self, "SELECT name FROM dictionary WHERE id = ?1 AND kind = ?2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (field->type == FIELD_DICTIONARY)
    sqlite3_bind_text (stmt, 2, field->dictionary, -1, SQLITE_STATIC);

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      if (field->type == FIELD_MANAGER)
        g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                     _("There is no user with the number %lld."), (long long)id);
      else
        g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                     _("The %s has no value with the number %lld."), _(field->label), (long long)id);
      return NULL;
    }

  return _crm_column_dup (stmt, 0);
}

/* Checks and normalizes a new value: NULL for an empty field */
static gboolean
prepare_company_value (CrmStore            *self,
                       const CompanyField  *field,
                       const char          *value,
                       char               **normalized,
                       GError             **error)
{
  g_autofree char *text = trimmed_or_null (value);

  if (field->type != FIELD_TEXT)
    {
      g_autofree char *name = NULL;
      g_autoptr(GError) local_error = NULL;
      gint64 id;

      if (!parse_id (text, _(field->label), &id, error))
        return FALSE;
      if (id > 0)
        {
          name = display_name (self, field, id, &local_error);
          if (name == NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
        }
      *normalized = id_to_string (id);
      return TRUE;
    }

  if (g_str_equal (field->name, "name") && text == NULL)
    return _crm_require_text (NULL, _("The client’s name"), error);

  if (text != NULL)
    {
      if (g_str_equal (field->name, "tax_id") && !crm_validate_tax_id (text, self->locale, NULL, error))
        return FALSE;
      if (g_str_equal (field->name, "website") && !crm_validate_website (text, error))
        return FALSE;
    }

  *normalized = g_steal_pointer (&text);

  return TRUE;
}

static char *
history_body (CrmStore            *self,
              const CompanyField  *field,
              const char          *old_value,
              const char          *new_value,
              GError             **error)
{
  g_autofree char *old_name = NULL;
  g_autofree char *new_name = NULL;
  sqlite3_stmt *stmt;

  if (field->type == FIELD_TEXT)
    {
      if (!(stmt = _crm_store_cached (self, "SELECT json_object ('field', ?1, 'old', ?2, 'new', ?3)", error)))
        return NULL;
      sqlite3_bind_text (stmt, 1, field->name, -1, SQLITE_STATIC);
      _crm_bind_text_or_null (stmt, 2, old_value);
      _crm_bind_text_or_null (stmt, 3, new_value);
    }
  else
    {
      gint64 old_id = old_value ? g_ascii_strtoll (old_value, NULL, 10) : 0;
      gint64 new_id = new_value ? g_ascii_strtoll (new_value, NULL, 10) : 0;
      g_autoptr(GError) local_error = NULL;

      /* a value removed meanwhile is written as null */
      old_name = display_name (self, field, old_id, &local_error);
      g_clear_error (&local_error);
      new_name = display_name (self, field, new_id, error);
      if (new_id > 0 && new_name == NULL)
        return NULL;

      /* names for the timeline, ids to follow the values */
      if (!(stmt = _crm_store_cached (self,
                                      "SELECT json_object ('field', ?1, 'old', ?2, 'new', ?3, "
                                      "  'old_id', ?4, 'new_id', ?5)", error)))
        return NULL;
      sqlite3_bind_text (stmt, 1, field->name, -1, SQLITE_STATIC);
      _crm_bind_text_or_null (stmt, 2, old_name);
      _crm_bind_text_or_null (stmt, 3, new_name);
      _crm_bind_id_or_null (stmt, 4, old_id);
      _crm_bind_id_or_null (stmt, 5, new_id);
    }

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _crm_store_set_error (self, error);
      return NULL;
    }

  return _crm_column_dup (stmt, 0);
}

static const char *
history_kind (const CompanyField *field)
{
  if (field->type == FIELD_MANAGER)
    return "manager-changed";
  if (g_str_equal (field->name, "status"))
    return "status-changed";
  return "field-changed";
}

static void
set_conflict (GError         **error,
              CrmEditOutcome  *outcome,
              const char      *what,
              const char      *label,
              const char      *current,
              gint64           version)
{
  if (outcome != NULL)
    {
      g_free (outcome->current);
      outcome->current = g_strdup (current);
      outcome->version = version;
    }
  g_set_error (error, CRM_EDIT_ERROR, CRM_EDIT_ERROR_CONFLICT,
               /* Translators: "Someone changed the client’s status meanwhile…" */
               _("Someone changed the %s’s %s meanwhile; your change was not saved. "
                 "Compare both values and choose one."), what, label);
}

gint64
crm_store_update_client_field (CrmStore        *self,
                               gint64           company_id,
                               const char      *field_name,
                               const char      *value,
                               gint64           version,
                               CrmEditOutcome  *outcome,
                               GError         **error)
{
  const CompanyField *field;
  g_autofree char *normalized = NULL;
  g_autofree char *old_value = NULL;
  g_autofree char *sort_key = NULL;
  g_autofree char *body = NULL;
  sqlite3_stmt *stmt;
  gint64 current_version;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  STORE_LOCK (self);
  g_auto(CrmStoreTx) tx = { 0 };

  if (!(field = find_company_field (field_name, error)) ||
      !prepare_company_value (self, field, value, &normalized, error) ||
      !tx_begin (self, &tx, error))
    return 0;

  if (!(stmt = _crm_store_cached (self, field->select_sql, error)))
    return 0;
  sqlite3_bind_int64 (stmt, 1, company_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      not_found (error, _("There is no client with the number %lld."), company_id);
      return 0;
    }
  old_value = _crm_column_dup (stmt, 0);
  current_version = sqlite3_column_int64 (stmt, 1);
  sqlite3_reset (stmt);

  if (current_version != version)
    {
      set_conflict (error, outcome, _("client"), _(field->label), old_value, current_version);
      return 0;
    }

  if (outcome != NULL)
    {
      g_free (outcome->previous);
      outcome->previous = g_strdup (old_value);
      outcome->version = version;
    }

  /* nothing changes: no new version, no history */
  if (g_strcmp0 (old_value, normalized) == 0)
    return tx_commit (&tx, error) ? version : 0;

  if (g_str_equal (field->name, "name") || g_str_equal (field->name, "city"))
    sort_key = _crm_sort_key (normalized);

  if (!(stmt = _crm_store_cached (self, field->update_sql, error)))
    return 0;
  if (field->type == FIELD_TEXT)
    _crm_bind_text_or_null (stmt, 1, normalized);
  else
    _crm_bind_id_or_null (stmt, 1, normalized ? g_ascii_strtoll (normalized, NULL, 10) : 0);
  if (sort_key != NULL)
    sqlite3_bind_text (stmt, 2, sort_key, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, _crm_now_utc ());
  _crm_bind_id_or_null (stmt, 4, self->current_user_id);
  sqlite3_bind_int64 (stmt, 5, company_id);
  sqlite3_bind_int64 (stmt, 6, version);
  if (!step_done (self, stmt, error))
    return 0;

  if (!(body = history_body (self, field, old_value, normalized, error)) ||
      !add_history (self, company_id, history_kind (field), field->name, body, error) ||
      (field->searched && !_crm_store_reindex_company (self, company_id, error)) ||
      !tx_commit (&tx, error))
    return 0;

  if (outcome != NULL)
    outcome->version = version + 1;

  return version + 1;
}

/* Loading */

#define CONTACT_COLUMNS \
  "id, company_id, first_name, middle_name, last_name, full_name, position, birthday, notes, " \
  "is_primary, created_at, version "

static CrmContactRecord *
contact_from_statement (sqlite3_stmt *stmt)
{
  CrmContactRecord *record = contact_record_new ();

  record->id = sqlite3_column_int64 (stmt, 0);
  record->company_id = sqlite3_column_int64 (stmt, 1);
  record->first_name = _crm_column_dup (stmt, 2);
  record->middle_name = _crm_column_dup (stmt, 3);
  record->last_name = _crm_column_dup (stmt, 4);
  record->full_name = _crm_column_dup (stmt, 5);
  record->position = _crm_column_dup (stmt, 6);
  record->birthday = _crm_column_dup (stmt, 7);
  record->notes = _crm_column_dup (stmt, 8);
  record->is_primary = sqlite3_column_int (stmt, 9) != 0;
  record->created_at = sqlite3_column_int64 (stmt, 10);
  record->version = sqlite3_column_int64 (stmt, 11);

  return record;
}

static CrmPhoneRecord *
phone_from_statement (sqlite3_stmt *stmt)
{
  CrmPhoneRecord *record = g_atomic_rc_box_new0 (CrmPhoneRecord);

  record->id = sqlite3_column_int64 (stmt, 0);
  record->company_id = sqlite3_column_int64 (stmt, 1);
  record->contact_id = id_column (stmt, 2);
  record->label = _crm_column_dup (stmt, 3);
  record->number = _crm_column_dup (stmt, 4);

  return record;
}

static CrmEmailRecord *
email_from_statement (sqlite3_stmt *stmt)
{
  CrmEmailRecord *record = g_atomic_rc_box_new0 (CrmEmailRecord);

  record->id = sqlite3_column_int64 (stmt, 0);
  record->company_id = sqlite3_column_int64 (stmt, 1);
  record->contact_id = id_column (stmt, 2);
  record->label = _crm_column_dup (stmt, 3);
  record->address = _crm_column_dup (stmt, 4);

  return record;
}

/* A contact's phones and e-mails (contact_id > 0) or a company's with those of
 * its contacts (contact_id 0): rows go to their contact or to the company. */
static gboolean
load_channels (CrmStore    *self,
               gint64       company_id,
               gint64       contact_id,
               GHashTable  *contacts,
               GPtrArray   *company_phones,
               GPtrArray   *company_emails,
               GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (contact_id > 0)
    stmt = _crm_store_cached (self,
                              "SELECT id, company_id, contact_id, label, number FROM phones "
                              "WHERE contact_id = ?2 ORDER BY id", error);
  else
    stmt = _crm_store_cached (self,
                              "SELECT id, company_id, contact_id, label, number FROM phones "
                              "WHERE company_id = ?1 ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, company_id);
  sqlite3_bind_int64 (stmt, 2, contact_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmPhoneRecord *phone = phone_from_statement (stmt);
      CrmContactRecord *owner = phone->contact_id ? g_hash_table_lookup (contacts, &phone->contact_id) : NULL;

      g_ptr_array_add (owner ? owner->phones : company_phones, phone);
    }
  if (rc != SQLITE_DONE)
    return _crm_store_set_error (self, error);

  if (contact_id > 0)
    stmt = _crm_store_cached (self,
                              "SELECT id, company_id, contact_id, label, address FROM emails "
                              "WHERE contact_id = ?2 ORDER BY id", error);
  else
    stmt = _crm_store_cached (self,
                              "SELECT id, company_id, contact_id, label, address FROM emails "
                              "WHERE company_id = ?1 ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, company_id);
  sqlite3_bind_int64 (stmt, 2, contact_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmEmailRecord *email = email_from_statement (stmt);
      CrmContactRecord *owner = email->contact_id ? g_hash_table_lookup (contacts, &email->contact_id) : NULL;

      g_ptr_array_add (owner ? owner->emails : company_emails, email);
    }
  if (rc != SQLITE_DONE)
    return _crm_store_set_error (self, error);

  return TRUE;
}

static GStrv
split_choices (const char *text)
{
  return text != NULL && *text != '\0' ? g_strsplit (text, "\n", -1) : NULL;
}

static CrmCustomField *
custom_field_from_statement (sqlite3_stmt *stmt)
{
  CrmCustomField *field = g_new0 (CrmCustomField, 1);

  field->id = sqlite3_column_int64 (stmt, 0);
  field->name = _crm_column_dup (stmt, 1);
  field->kind = _crm_column_dup (stmt, 2);
  field->choices = split_choices ((const char *)sqlite3_column_text (stmt, 3));
  field->position = sqlite3_column_int (stmt, 4);
  field->value = _crm_column_dup (stmt, 5);

  return field;
}

CrmClientRecord *
crm_store_load_client_record (CrmStore    *self,
                              gint64       company_id,
                              GError     **error)
{
  g_autoptr(CrmClientRecord) record = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  STORE_LOCK (self);

  stmt = _crm_store_cached (self,
                            "SELECT id, name, legal_name, tax_id, status_id, industry_id, region_id, "
                            "  source_id, manager_id, city, address, website, notes, created_at, "
                            "  updated_at, version "
                            "FROM companies WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, company_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      not_found (error, _("There is no client with the number %lld."), company_id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      _crm_store_set_error (self, error);
      return NULL;
    }

  record = g_atomic_rc_box_new0 (CrmClientRecord);
  record->id = sqlite3_column_int64 (stmt, 0);
  record->name = _crm_column_dup (stmt, 1);
  record->legal_name = _crm_column_dup (stmt, 2);
  record->tax_id = _crm_column_dup (stmt, 3);
  record->status_id = id_column (stmt, 4);
  record->industry_id = id_column (stmt, 5);
  record->region_id = id_column (stmt, 6);
  record->source_id = id_column (stmt, 7);
  record->manager_id = id_column (stmt, 8);
  record->city = _crm_column_dup (stmt, 9);
  record->address = _crm_column_dup (stmt, 10);
  record->website = _crm_column_dup (stmt, 11);
  record->notes = _crm_column_dup (stmt, 12);
  record->created_at = sqlite3_column_int64 (stmt, 13);
  record->updated_at = sqlite3_column_int64 (stmt, 14);
  record->version = sqlite3_column_int64 (stmt, 15);
  sqlite3_reset (stmt);

  record->tags = g_ptr_array_new_with_free_func ((GDestroyNotify)crm_tag_free);
  record->custom_fields = g_ptr_array_new_with_free_func ((GDestroyNotify)crm_custom_field_free);
  record->contacts = g_ptr_array_new_with_free_func ((GDestroyNotify)crm_contact_record_unref);
  record->phones = g_ptr_array_new_with_free_func ((GDestroyNotify)crm_phone_record_unref);
  record->emails = g_ptr_array_new_with_free_func ((GDestroyNotify)crm_email_record_unref);

  stmt = _crm_store_cached (self,
                            "SELECT t.id, t.name FROM company_tags ct JOIN tags t ON t.id = ct.tag_id "
                            "WHERE ct.company_id = ?1 ORDER BY t.name", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, company_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmTag *tag = g_new0 (CrmTag, 1);

      tag->id = sqlite3_column_int64 (stmt, 0);
      tag->name = _crm_column_dup (stmt, 1);
      g_ptr_array_add (record->tags, tag);
    }
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (self, error);
      return NULL;
    }

  stmt = _crm_store_cached (self,
                            "SELECT f.id, f.name, f.kind, f.choices, f.position, v.value "
                            "FROM custom_fields f "
                            "LEFT JOIN custom_values v ON v.company_id = ?1 AND v.field_id = f.id "
                            "ORDER BY f.position, f.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, company_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (record->custom_fields, custom_field_from_statement (stmt));
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (self, error);
      return NULL;
    }

  by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  stmt = _crm_store_cached (self,
                            "SELECT " CONTACT_COLUMNS "FROM contacts WHERE company_id = ?1 "
                            "ORDER BY is_primary DESC, id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, company_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmContactRecord *contact = contact_from_statement (stmt);

      g_ptr_array_add (record->contacts, contact);
      g_hash_table_insert (by_id, &contact->id, contact);
    }
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (self, error);
      return NULL;
    }

  if (!load_channels (self, company_id, 0, by_id, record->phones, record->emails, error))
    return NULL;

  return g_steal_pointer (&record);
}

CrmContactRecord *
crm_store_load_contact_record (CrmStore    *self,
                               gint64       contact_id,
                               GError     **error)
{
  g_autoptr(CrmContactRecord) record = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  STORE_LOCK (self);

  if (!(stmt = _crm_store_cached (self, "SELECT " CONTACT_COLUMNS "FROM contacts WHERE id = ?1", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, contact_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      not_found (error, _("There is no contact person with the number %lld."), contact_id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      _crm_store_set_error (self, error);
      return NULL;
    }
  record = contact_from_statement (stmt);
  sqlite3_reset (stmt);

  by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_hash_table_insert (by_id, &record->id, record);
  if (!load_channels (self, record->company_id, record->id, by_id, record->phones, record->emails, error))
    return NULL;

  return g_steal_pointer (&record);
}

/* Contacts */

typedef struct
{
  const char *name;
  const char *label;
  int         column;       /* in CONTACT_COLUMNS */
  const char *update_sql;   /* ?1 value, ?2 full name, ?3 now, ?4 user, ?5 id, ?6 version */
} ContactField;

#define CONTACT_TAIL ", full_name = ?2, version = version + 1, updated_at = ?3, updated_by = ?4 " \
                     "WHERE id = ?5 AND version = ?6"

static const ContactField contact_fields[] = {
  { "first_name", N_("first name"), 2, "UPDATE contacts SET first_name = ?1" CONTACT_TAIL },
  { "middle_name", N_("middle name"), 3, "UPDATE contacts SET middle_name = ?1" CONTACT_TAIL },
  { "last_name", N_("last name"), 4, "UPDATE contacts SET last_name = ?1" CONTACT_TAIL },
  { "position", N_("position"), 6, "UPDATE contacts SET position = ?1" CONTACT_TAIL },
  { "birthday", N_("birthday"), 7, "UPDATE contacts SET birthday = ?1" CONTACT_TAIL },
  { "notes", N_("notes"), 8, "UPDATE contacts SET notes = ?1" CONTACT_TAIL },
};

static const char * const contact_field_names[] = {
  "first_name", "middle_name", "last_name", "position", "birthday", "notes", NULL,
};

const char * const *
crm_contact_record_fields (void)
{
  return contact_field_names;
}

char *
crm_contact_record_get_field (const CrmContactRecord *record,
                              const char             *field)
{
  g_return_val_if_fail (record != NULL, NULL);
  g_return_val_if_fail (field != NULL, NULL);

  if (g_str_equal (field, "first_name"))
    return g_strdup (record->first_name);
  if (g_str_equal (field, "middle_name"))
    return g_strdup (record->middle_name);
  if (g_str_equal (field, "last_name"))
    return g_strdup (record->last_name);
  if (g_str_equal (field, "position"))
    return g_strdup (record->position);
  if (g_str_equal (field, "birthday"))
    return g_strdup (record->birthday);
  if (g_str_equal (field, "notes"))
    return g_strdup (record->notes);

  g_return_val_if_reached (NULL);
}

/* The same order as crm_store_add_contact(): Russian puts the family name first */
static char *
join_name (const char *locale,
           const char *first,
           const char *middle,
           const char *last)
{
  const char *parts[4] = { NULL };
  guint n = 0;

  if (g_strcmp0 (locale, "ru") == 0)
    {
      if (last) parts[n++] = last;
      if (first) parts[n++] = first;
      if (middle) parts[n++] = middle;
    }
  else
    {
      if (first) parts[n++] = first;
      if (middle) parts[n++] = middle;
      if (last) parts[n++] = last;
    }

  return g_strjoinv (" ", (char **)parts);
}

static gboolean
make_primary (CrmStore    *self,
              gint64       company_id,
              gint64       contact_id,
              GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = _crm_store_cached (self,
                            "UPDATE contacts SET is_primary = (id = ?2) "
                            "WHERE company_id = ?1 AND is_primary <> (id = ?2)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, company_id);
  sqlite3_bind_int64 (stmt, 2, contact_id);

  return step_done (self, stmt, error);
}

/* Keeps one primary contact: when none is left, the oldest becomes it */
static gboolean
ensure_primary (CrmStore    *self,
                gint64       company_id,
                GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = _crm_store_cached (self,
                            "UPDATE contacts SET is_primary = 1 WHERE id = "
                            "  (SELECT id FROM contacts WHERE company_id = ?1 ORDER BY id LIMIT 1) "
                            "AND NOT EXISTS (SELECT 1 FROM contacts WHERE company_id = ?1 AND is_primary = 1)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, company_id);

  return step_done (self, stmt, error);
}

gint64
crm_store_add_client_contact (CrmStore              *self,
                              const CrmContactData  *data,
                              GError               **error)
{
  gint64 id;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);
  g_return_val_if_fail (data != NULL, 0);

  STORE_LOCK (self);
  g_auto(CrmStoreTx) tx = { 0 };

  if (data->birthday != NULL && *data->birthday != '\0' && !crm_validate_date (data->birthday, error))
    return 0;

  if (!tx_begin (self, &tx, error) || !_crm_store_company_exists (self, data->company_id, error))
    return 0;

  if ((id = crm_store_add_contact (self, data, error)) == 0)
    return 0;

  if ((data->is_primary && !make_primary (self, data->company_id, id, error)) ||
      !ensure_primary (self, data->company_id, error) ||
      !tx_commit (&tx, error))
    return 0;

  return id;
}

gint64
crm_store_update_contact_field (CrmStore        *self,
                                gint64           contact_id,
                                const char      *field_name,
                                const char      *value,
                                gint64           version,
                                CrmEditOutcome  *outcome,
                                GError         **error)
{
  const ContactField *field = NULL;
  g_autoptr(CrmContactRecord) contact = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *old_value = NULL;
  g_autofree char *full_name = NULL;
  const char *parts[3];
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  STORE_LOCK (self);
  g_auto(CrmStoreTx) tx = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (contact_fields); i++)
    if (g_strcmp0 (contact_fields[i].name, field_name) == 0)
      field = &contact_fields[i];
  if (field == NULL)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                   _("A contact person has no field “%s”."), field_name ? field_name : "");
      return 0;
    }

  normalized = trimmed_or_null (value);
  if (g_str_equal (field->name, "birthday") && normalized != NULL && !crm_validate_date (normalized, error))
    return 0;

  if (!tx_begin (self, &tx, error))
    return 0;

  if (!(stmt = _crm_store_cached (self, "SELECT " CONTACT_COLUMNS "FROM contacts WHERE id = ?1", error)))
    return 0;
  sqlite3_bind_int64 (stmt, 1, contact_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      not_found (error, _("There is no contact person with the number %lld."), contact_id);
      return 0;
    }
  contact = contact_from_statement (stmt);
  old_value = _crm_column_dup (stmt, field->column);
  sqlite3_reset (stmt);

  if (contact->version != version)
    {
      set_conflict (error, outcome, _("contact person"), _(field->label), old_value, contact->version);
      return 0;
    }

  if (outcome != NULL)
    {
      g_free (outcome->previous);
      outcome->previous = g_strdup (old_value);
      outcome->version = version;
    }

  if (g_strcmp0 (old_value, normalized) == 0)
    return tx_commit (&tx, error) ? version : 0;

  parts[0] = g_str_equal (field->name, "first_name") ? normalized : contact->first_name;
  parts[1] = g_str_equal (field->name, "middle_name") ? normalized : contact->middle_name;
  parts[2] = g_str_equal (field->name, "last_name") ? normalized : contact->last_name;
  if (field->column <= 4)
    full_name = join_name (self->locale, parts[0], parts[1], parts[2]);
  else
    full_name = g_strdup (contact->full_name);
  if (!_crm_require_text (full_name, _("The contact person’s name"), error))
    return 0;

  if (!(stmt = _crm_store_cached (self, field->update_sql, error)))
    return 0;
  _crm_bind_text_or_null (stmt, 1, normalized);
  sqlite3_bind_text (stmt, 2, full_name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, _crm_now_utc ());
  _crm_bind_id_or_null (stmt, 4, self->current_user_id);
  sqlite3_bind_int64 (stmt, 5, contact_id);
  sqlite3_bind_int64 (stmt, 6, version);
  if (!step_done (self, stmt, error))
    return 0;

  if ((field->column <= 4 && !_crm_store_reindex_company (self, contact->company_id, error)) ||
      !tx_commit (&tx, error))
    return 0;

  if (outcome != NULL)
    outcome->version = version + 1;

  return version + 1;
}

gboolean
crm_store_set_primary_contact (CrmStore    *self,
                               gint64       contact_id,
                               GError     **error)
{
  gint64 company_id;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  STORE_LOCK (self);

  if ((company_id = contact_company (self, contact_id, error)) == 0)
    return FALSE;

  /* one statement: atomic on its own */
  return make_primary (self, company_id, contact_id, error);
}

CrmContactRecord *
crm_store_delete_client_contact (CrmStore    *self,
                                 gint64       contact_id,
                                 GError     **error)
{
  g_autoptr(CrmContactRecord) snapshot = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  STORE_LOCK (self);
  g_auto(CrmStoreTx) tx = { 0 };

  if (!tx_begin (self, &tx, error) ||
      !(snapshot = crm_store_load_contact_record (self, contact_id, error)))
    return NULL;

  /* the history entries that name the contact lose it (ON DELETE SET NULL);
   * keep them so that a restore names it again */
  snapshot->history_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (!(stmt = _crm_store_cached (self, "SELECT id FROM history WHERE contact_id = ?1", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, contact_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (snapshot->history_ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (self, error);
      return NULL;
    }

  if (!(stmt = _crm_store_cached (self, "DELETE FROM contacts WHERE id = ?1", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, contact_id);
  if (!step_done (self, stmt, error) ||
      !ensure_primary (self, snapshot->company_id, error) ||
      !_crm_store_reindex_company (self, snapshot->company_id, error) ||
      !tx_commit (&tx, error))
    return NULL;

  return g_steal_pointer (&snapshot);
}

static gboolean
write_phone (CrmStore              *self,
             gboolean               insert,
             const CrmPhoneRecord  *phone,
             GError               **error)
{
  g_autofree char *digits = crm_phone_digits (phone->number);
  g_autofree char *national = crm_phone_national (phone->number);
  g_autofree char *subscriber = crm_phone_subscriber (phone->number);
  g_autofree char *terms = crm_phone_search_terms (phone->number);
  sqlite3_stmt *stmt;

  if (insert)
    stmt = _crm_store_cached (self,
                              "INSERT INTO phones (label, number, digits, national, subscriber, search_terms, "
                              "  id, company_id, contact_id) "
                              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error);
  else
    stmt = _crm_store_cached (self,
                              "UPDATE phones SET label = ?1, number = ?2, digits = ?3, national = ?4, "
                              "  subscriber = ?5, search_terms = ?6 WHERE id = ?7", error);
  if (stmt == NULL)
    return FALSE;

  _crm_bind_text_or_null (stmt, 1, phone->label);
  sqlite3_bind_text (stmt, 2, phone->number, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, digits, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, national, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, subscriber, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, terms, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, phone->id);
  if (insert)
    {
      sqlite3_bind_int64 (stmt, 8, phone->company_id);
      _crm_bind_id_or_null (stmt, 9, phone->contact_id);
    }

  return step_done (self, stmt, error);
}

static gboolean
write_email (CrmStore              *self,
             gboolean               insert,
             const CrmEmailRecord  *email,
             GError               **error)
{
  sqlite3_stmt *stmt;

  if (insert)
    stmt = _crm_store_cached (self,
                              "INSERT INTO emails (label, address, domain, id, company_id, contact_id) "
                              "VALUES (?1, ?2, crm_domain (?2), ?3, ?4, ?5)", error);
  else
    stmt = _crm_store_cached (self,
                              "UPDATE emails SET label = ?1, address = ?2, domain = crm_domain (?2) "
                              "WHERE id = ?3", error);
  if (stmt == NULL)
    return FALSE;

  _crm_bind_text_or_null (stmt, 1, email->label);
  sqlite3_bind_text (stmt, 2, email->address, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, email->id);
  if (insert)
    {
      sqlite3_bind_int64 (stmt, 4, email->company_id);
      _crm_bind_id_or_null (stmt, 5, email->contact_id);
    }

  return step_done (self, stmt, error);
}

gboolean
crm_store_restore_client_contact (CrmStore                *self,
                                  const CrmContactRecord  *snapshot,
                                  GError                 **error)
{
  sqlite3_stmt *stmt;
  gint64 now = _crm_now_utc ();

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (snapshot != NULL, FALSE);

  STORE_LOCK (self);
  g_auto(CrmStoreTx) tx = { 0 };

  if (!tx_begin (self, &tx, error) || !_crm_store_company_exists (self, snapshot->company_id, error))
    return FALSE;

  stmt = _crm_store_cached (self,
                            "INSERT INTO contacts (id, company_id, first_name, middle_name, last_name, "
                            "  full_name, position, birthday, notes, is_primary, created_at, created_by, "
                            "  updated_at, updated_by, version) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0, ?10, NULL, ?11, ?12, ?13)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, snapshot->id);
  sqlite3_bind_int64 (stmt, 2, snapshot->company_id);
  _crm_bind_text_or_null (stmt, 3, snapshot->first_name);
  _crm_bind_text_or_null (stmt, 4, snapshot->middle_name);
  _crm_bind_text_or_null (stmt, 5, snapshot->last_name);
  sqlite3_bind_text (stmt, 6, snapshot->full_name, -1, SQLITE_STATIC);
  _crm_bind_text_or_null (stmt, 7, snapshot->position);
  _crm_bind_text_or_null (stmt, 8, snapshot->birthday);
  _crm_bind_text_or_null (stmt, 9, snapshot->notes);
  sqlite3_bind_int64 (stmt, 10, snapshot->created_at > 0 ? snapshot->created_at : now);
  sqlite3_bind_int64 (stmt, 11, now);
  _crm_bind_id_or_null (stmt, 12, self->current_user_id);
  /* a new version: a card still showing the deleted one must reload */
  sqlite3_bind_int64 (stmt, 13, snapshot->version + 1);
  if (!step_done (self, stmt, error))
    return FALSE;

  for (guint i = 0; snapshot->phones != NULL && i < snapshot->phones->len; i++)
    if (!write_phone (self, TRUE, g_ptr_array_index (snapshot->phones, i), error))
      return FALSE;
  for (guint i = 0; snapshot->emails != NULL && i < snapshot->emails->len; i++)
    if (!write_email (self, TRUE, g_ptr_array_index (snapshot->emails, i), error))
      return FALSE;

  if (snapshot->history_ids != NULL && snapshot->history_ids->len > 0)
    {
      g_autoptr(GString) list = g_string_new ("[");

      for (guint i = 0; i < snapshot->history_ids->len; i++)
        g_string_append_printf (list, "%s%" G_GINT64_FORMAT, i ? "," : "",
                                g_array_index (snapshot->history_ids, gint64, i));
      g_string_append_c (list, ']');

      stmt = _crm_store_cached (self,
                                "UPDATE history SET contact_id = ?1 "
                                "WHERE id IN (SELECT value FROM json_each (?2)) AND contact_id IS NULL "
                                "  AND +company_id = ?3", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, snapshot->id);
      sqlite3_bind_text (stmt, 2, list->str, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, snapshot->company_id);
      if (!step_done (self, stmt, error))
        return FALSE;
    }

  if ((snapshot->is_primary && !make_primary (self, snapshot->company_id, snapshot->id, error)) ||
      !ensure_primary (self, snapshot->company_id, error) ||
      !_crm_store_reindex_company (self, snapshot->company_id, error) ||
      !tx_commit (&tx, error))
    return FALSE;

  return TRUE;
}

/* Phones and e-mails */

/* The owner of a new number or address: the contact must be the company's */
static gboolean
check_owner (CrmStore    *self,
             gint64       company_id,
             gint64       contact_id,
             GError     **error)
{
  gint64 owner;

  if (!_crm_store_company_exists (self, company_id, error))
    return FALSE;
  if (contact_id <= 0)
    return TRUE;
  if ((owner = contact_company (self, contact_id, error)) == 0)
    return FALSE;
  if (owner != company_id)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                   _("The contact person %lld does not belong to the client %lld."),
                   (long long)contact_id, (long long)company_id);
      return FALSE;
    }

  return TRUE;
}

gint64
crm_store_add_client_phone (CrmStore    *self,
                            gint64       company_id,
                            gint64       contact_id,
                            const char  *label,
                            const char  *number,
                            GError     **error)
{
  g_autofree char *text = trimmed_or_null (number);
  g_autofree char *tag = trimmed_or_null (label);
  gint64 id;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);

  STORE_LOCK (self);
  g_auto(CrmStoreTx) tx = { 0 };

  if (!crm_validate_phone (text, error) ||
      !tx_begin (self, &tx, error) ||
      !check_owner (self, company_id, contact_id, error) ||
      (id = crm_store_add_phone (self, company_id, contact_id, tag, text, error)) == 0 ||
      !tx_commit (&tx, error))
    return 0;

  return id;
}

static CrmPhoneRecord *
load_phone (CrmStore    *self,
            gint64       phone_id,
            GError     **error)
{
  sqlite3_stmt *stmt;
  CrmPhoneRecord *record;

  if (!(stmt = _crm_store_cached (self, "SELECT id, company_id, contact_id, label, number FROM phones WHERE id = ?1",
                                  error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, phone_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      not_found (error, _("There is no phone number with the number %lld."), phone_id);
      return NULL;
    }
  record = phone_from_statement (stmt);
  sqlite3_reset (stmt);

  return record;
}

gboolean
crm_store_update_client_phone (CrmStore         *self,
                               gint64            phone_id,
                               const char       *label,
                               const char       *number,
                               CrmPhoneRecord  **previous,
                               GError          **error)
{
  g_autoptr(CrmPhoneRecord) old = NULL;
  g_autofree char *text = trimmed_or_null (number);
  g_autofree char *tag = trimmed_or_null (label);
  CrmPhoneRecord changed = { 0 };

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  STORE_LOCK (self);
  g_auto(CrmStoreTx) tx = { 0 };

  if (!crm_validate_phone (text, error) ||
      !tx_begin (self, &tx, error) ||
      !(old = load_phone (self, phone_id, error)))
    return FALSE;

  changed = *old;
  changed.number = text;
  changed.label = tag;
  if (!write_phone (self, FALSE, &changed, error) ||
      !_crm_store_reindex_company (self, old->company_id, error) ||
      !tx_commit (&tx, error))
    return FALSE;

  if (previous != NULL)
    *previous = g_steal_pointer (&old);

  return TRUE;
}

CrmPhoneRecord *
crm_store_delete_client_phone (CrmStore    *self,
                               gint64       phone_id,
                               GError     **error)
{
  g_autoptr(CrmPhoneRecord) old = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  STORE_LOCK (self);
  g_auto(CrmStoreTx) tx = { 0 };

  if (!tx_begin (self, &tx, error) || !(old = load_phone (self, phone_id, error)))
    return NULL;

  if (!(stmt = _crm_store_cached (self, "DELETE FROM phones WHERE id = ?1", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, phone_id);
  if (!step_done (self, stmt, error) ||
      !_crm_store_reindex_company (self, old->company_id, error) ||
      !tx_commit (&tx, error))
    return NULL;

  return g_steal_pointer (&old);
}

gboolean
crm_store_restore_client_phone (CrmStore              *self,
                                const CrmPhoneRecord  *snapshot,
                                GError               **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (snapshot != NULL, FALSE);

  STORE_LOCK (self);
  g_auto(CrmStoreTx) tx = { 0 };

  return crm_validate_phone (snapshot->number, error) &&
         tx_begin (self, &tx, error) &&
         check_owner (self, snapshot->company_id, snapshot->contact_id, error) &&
         write_phone (self, TRUE, snapshot, error) &&
         _crm_store_reindex_company (self, snapshot->company_id, error) &&
         tx_commit (&tx, error);
}

/* Addresses are kept trimmed and lower-case, as crm_store_add_email() does */
static char *
prepare_email (const char  *address,
               GError     **error)
{
  g_autofree char *text = trimmed_or_null (address);

  if (!crm_validate_email (text, error))
    return NULL;

  return g_utf8_strdown (text, -1);
}

gint64
crm_store_add_client_email (CrmStore    *self,
                            gint64       company_id,
                            gint64       contact_id,
                            const char  *label,
                            const char  *address,
                            GError     **error)
{
  g_autofree char *text = NULL;
  g_autofree char *tag = trimmed_or_null (label);
  gint64 id;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);

  STORE_LOCK (self);
  g_auto(CrmStoreTx) tx = { 0 };

  if (!(text = prepare_email (address, error)) ||
      !tx_begin (self, &tx, error) ||
      !check_owner (self, company_id, contact_id, error) ||
      (id = crm_store_add_email (self, company_id, contact_id, tag, text, error)) == 0 ||
      !tx_commit (&tx, error))
    return 0;

  return id;
}

static CrmEmailRecord *
load_email (CrmStore    *self,
            gint64       email_id,
            GError     **error)
{
  sqlite3_stmt *stmt;
  CrmEmailRecord *record;

  if (!(stmt = _crm_store_cached (self, "SELECT id, company_id, contact_id, label, address FROM emails WHERE id = ?1",
                                  error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, email_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      not_found (error, _("There is no e-mail address with the number %lld."), email_id);
      return NULL;
    }
  record = email_from_statement (stmt);
  sqlite3_reset (stmt);

  return record;
}

gboolean
crm_store_update_client_email (CrmStore         *self,
                               gint64            email_id,
                               const char       *label,
                               const char       *address,
                               CrmEmailRecord  **previous,
                               GError          **error)
{
  g_autoptr(CrmEmailRecord) old = NULL;
  g_autofree char *text = NULL;
  g_autofree char *tag = trimmed_or_null (label);
  CrmEmailRecord changed = { 0 };

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  STORE_LOCK (self);
  g_auto(CrmStoreTx) tx = { 0 };

  if (!(text = prepare_email (address, error)) ||
      !tx_begin (self, &tx, error) ||
      !(old = load_email (self, email_id, error)))
    return FALSE;

  changed = *old;
  changed.address = text;
  changed.label = tag;
  if (!write_email (self, FALSE, &changed, error) ||
      !_crm_store_reindex_company (self, old->company_id, error) ||
      !tx_commit (&tx, error))
    return FALSE;

  if (previous != NULL)
    *previous = g_steal_pointer (&old);

  return TRUE;
}

CrmEmailRecord *
crm_store_delete_client_email (CrmStore    *self,
                               gint64       email_id,
                               GError     **error)
{
  g_autoptr(CrmEmailRecord) old = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  STORE_LOCK (self);
  g_auto(CrmStoreTx) tx = { 0 };

  if (!tx_begin (self, &tx, error) || !(old = load_email (self, email_id, error)))
    return NULL;

  if (!(stmt = _crm_store_cached (self, "DELETE FROM emails WHERE id = ?1", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, email_id);
  if (!step_done (self, stmt, error) ||
      !_crm_store_reindex_company (self, old->company_id, error) ||
      !tx_commit (&tx, error))
    return NULL;

  return g_steal_pointer (&old);
}

gboolean
crm_store_restore_client_email (CrmStore              *self,
                                const CrmEmailRecord  *snapshot,
                                GError               **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (snapshot != NULL, FALSE);

  STORE_LOCK (self);
  g_auto(CrmStoreTx) tx = { 0 };

  return crm_validate_email (snapshot->address, error) &&
         tx_begin (self, &tx, error) &&
         check_owner (self, snapshot->company_id, snapshot->contact_id, error) &&
         write_email (self, TRUE, snapshot, error) &&
         _crm_store_reindex_company (self, snapshot->company_id, error) &&
         tx_commit (&tx, error);
}

/* Tags */

GPtrArray *
crm_store_list_tags (CrmStore    *self,
                     GError     **error)
{
  g_autoptr(GPtrArray) tags = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  STORE_LOCK (self);

  /* tags are a short list that people type, not a table that grows with clients */
  if (!(stmt = _crm_store_cached (self, "SELECT id, name FROM tags ORDER BY name", error)))
    return NULL;

  tags = g_ptr_array_new_with_free_func ((GDestroyNotify)crm_tag_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmTag *tag = g_new0 (CrmTag, 1);

      tag->id = sqlite3_column_int64 (stmt, 0);
      tag->name = _crm_column_dup (stmt, 1);
      g_ptr_array_add (tags, tag);
    }
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&tags);
}

gint64
crm_store_add_client_tag (CrmStore    *self,
                          gint64       company_id,
                          const char  *name,
                          GError     **error)
{
  g_autofree char *text = trimmed_or_null (name);
  sqlite3_stmt *stmt;
  gint64 tag_id;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);

  STORE_LOCK (self);
  g_auto(CrmStoreTx) tx = { 0 };

  if (!_crm_require_text (text, _("The tag’s name"), error) ||
      !tx_begin (self, &tx, error) ||
      !_crm_store_company_exists (self, company_id, error))
    return 0;

  if (!(stmt = _crm_store_cached (self, "INSERT INTO tags (name) VALUES (?1) ON CONFLICT (name) DO NOTHING", error)))
    return 0;
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  if (!step_done (self, stmt, error))
    return 0;

  if (!(stmt = _crm_store_cached (self, "SELECT id FROM tags WHERE name = ?1", error)))
    return 0;
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _crm_store_set_error (self, error);
      return 0;
    }
  tag_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (!(stmt = _crm_store_cached (self,
                                  "INSERT INTO company_tags (company_id, tag_id) VALUES (?1, ?2) "
                                  "ON CONFLICT DO NOTHING", error)))
    return 0;
  sqlite3_bind_int64 (stmt, 1, company_id);
  sqlite3_bind_int64 (stmt, 2, tag_id);
  if (!step_done (self, stmt, error) ||
      !_crm_store_reindex_company (self, company_id, error) ||   /* tags are searched */
      !tx_commit (&tx, error))
    return 0;

  return tag_id;
}

gboolean
crm_store_remove_client_tag (CrmStore    *self,
                             gint64       company_id,
                             gint64       tag_id,
                             GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  STORE_LOCK (self);
  g_auto(CrmStoreTx) tx = { 0 };

  if (!tx_begin (self, &tx, error))
    return FALSE;
  if (!(stmt = _crm_store_cached (self, "DELETE FROM company_tags WHERE company_id = ?1 AND tag_id = ?2", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, company_id);
  sqlite3_bind_int64 (stmt, 2, tag_id);
  if (!step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    return not_found (error, _("The client has no tag with the number %lld."), tag_id);

  return _crm_store_reindex_company (self, company_id, error) && tx_commit (&tx, error);
}

/* User-defined fields */

static const char * const custom_kinds[] = { "text", "number", "date", "choice", "checkbox", NULL };

gint64
crm_store_define_custom_field (CrmStore            *self,
                               const char          *name,
                               const char          *kind,
                               const char * const  *choices,
                               GError             **error)
{
  g_autofree char *text = trimmed_or_null (name);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);

  STORE_LOCK (self);

  if (!_crm_require_text (text, _("The field’s name"), error))
    return 0;
  if (kind == NULL || !g_strv_contains (custom_kinds, kind))
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                   _("“%s” is not a kind of field (text, number, date, choice or checkbox)."),
                   kind ? kind : "");
      return 0;
    }

  if (g_str_equal (kind, "choice"))
    {
      for (guint i = 0; choices != NULL && choices[i] != NULL; i++)
        {
          char *choice = trimmed_or_null (choices[i]);

          if (choice == NULL)
            continue;
          if (strchr (choice, '\n') != NULL)
            {
              g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                           _("The choice “%s” has more than one line."), choice);
              g_free (choice);
              return 0;
            }
          g_ptr_array_add (lines, choice);
        }
      if (lines->len == 0)
        {
          g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                       _("The choice field “%s” needs at least one choice."), text);
          return 0;
        }
      g_ptr_array_add (lines, NULL);
      joined = g_strjoinv ("\n", (char **)lines->pdata);
    }

  stmt = _crm_store_cached (self,
                            "INSERT INTO custom_fields (name, kind, choices, position) "
                            "VALUES (?1, ?2, ?3, (SELECT coalesce (max (position) + 1, 0) FROM custom_fields))",
                            error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
  _crm_bind_text_or_null (stmt, 3, joined);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      if ((sqlite3_extended_errcode (self->db) & 0xff) == SQLITE_CONSTRAINT)
        g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT,
                     _("A field called “%s” already exists."), text);
      else
        _crm_store_set_error (self, error);
      return 0;
    }

  return sqlite3_last_insert_rowid (self->db);
}

GPtrArray *
crm_store_list_custom_fields (CrmStore    *self,
                              GError     **error)
{
  g_autoptr(GPtrArray) fields = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  STORE_LOCK (self);

  if (!(stmt = _crm_store_cached (self,
                                  "SELECT id, name, kind, choices, position, NULL FROM custom_fields "
                                  "ORDER BY position, id", error)))
    return NULL;

  fields = g_ptr_array_new_with_free_func ((GDestroyNotify)crm_custom_field_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (fields, custom_field_from_statement (stmt));
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&fields);
}

gboolean
crm_store_set_custom_value (CrmStore    *self,
                            gint64       company_id,
                            gint64       field_id,
                            const char  *value,
                            char       **previous,
                            GError     **error)
{
  g_autofree char *kind = NULL;
  g_autofree char *name = NULL;
  g_autofree char *old_value = NULL;
  g_autofree char *normalized = NULL;
  g_auto(GStrv) choices = NULL;
  g_autofree char *text = trimmed_or_null (value);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  STORE_LOCK (self);
  g_auto(CrmStoreTx) tx = { 0 };

  if (!tx_begin (self, &tx, error) || !_crm_store_company_exists (self, company_id, error))
    return FALSE;

  if (!(stmt = _crm_store_cached (self, "SELECT name, kind, choices FROM custom_fields WHERE id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, field_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return not_found (error, _("There is no user-defined field with the number %lld."), field_id);
  name = _crm_column_dup (stmt, 0);
  kind = _crm_column_dup (stmt, 1);
  choices = split_choices ((const char *)sqlite3_column_text (stmt, 2));
  sqlite3_reset (stmt);

  if (text != NULL && !crm_validate_custom_value (kind, (const char * const *)choices, text, &normalized, error))
    {
      g_prefix_error (error, _("%s: "), name);
      return FALSE;
    }

  if (!(stmt = _crm_store_cached (self, "SELECT value FROM custom_values WHERE company_id = ?1 AND field_id = ?2",
                                  error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, company_id);
  sqlite3_bind_int64 (stmt, 2, field_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    old_value = _crm_column_dup (stmt, 0);
  sqlite3_reset (stmt);

  if (normalized != NULL)
    stmt = _crm_store_cached (self,
                              "INSERT INTO custom_values (company_id, field_id, value) VALUES (?1, ?2, ?3) "
                              "ON CONFLICT (company_id, field_id) DO UPDATE SET value = excluded.value", error);
  else
    stmt = _crm_store_cached (self, "DELETE FROM custom_values WHERE company_id = ?1 AND field_id = ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, company_id);
  sqlite3_bind_int64 (stmt, 2, field_id);
  if (normalized != NULL)
    sqlite3_bind_text (stmt, 3, normalized, -1, SQLITE_STATIC);
  if (!step_done (self, stmt, error) ||
      (g_strcmp0 (kind, "text") == 0 && !_crm_store_reindex_company (self, company_id, error)) ||
      !tx_commit (&tx, error))
    return FALSE;

  if (previous != NULL)
    *previous = g_steal_pointer (&old_value);

  return TRUE;
}

gboolean
crm_store_delete_custom_field (CrmStore    *self,
                               gint64       field_id,
                               GError     **error)
{
  g_autoptr(GArray) searched = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  STORE_LOCK (self);
  g_auto(CrmStoreTx) tx = { 0 };

  if (!tx_begin (self, &tx, error))
    return FALSE;

  /* the values of a text field are in the search documents of their clients:
   * those are written again without them once the field is gone */
  if (!(stmt = _crm_store_cached (self,
                                  "SELECT v.company_id FROM custom_values v JOIN custom_fields f ON f.id = v.field_id "
                                  "WHERE f.id = ?1 AND f.kind = 'text'", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, field_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (searched, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _crm_store_set_error (self, error);

  /* the clients' values go with it (ON DELETE CASCADE, by custom_values_by_field) */
  if (!(stmt = _crm_store_cached (self, "DELETE FROM custom_fields WHERE id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, field_id);
  if (!step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    return not_found (error, _("There is no user-defined field with the number %lld."), field_id);

  for (guint i = 0; i < searched->len; i++)
    if (!_crm_store_reindex_company (self, g_array_index (searched, gint64, i), error))
      return FALSE;

  return tx_commit (&tx, error);
}

/* Dictionaries */

static gboolean
check_kind (const char  *kind,
            GError     **error)
{
  static const char * const kinds[] = { "status", "industry", "region", "source", NULL };

  if (kind != NULL && g_strv_contains (kinds, kind))
    return TRUE;

  g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
               _("There is no list of values called “%s”."), kind ? kind : "");
  return FALSE;
}

/* The kind of a dictionary value, or NULL with an error */
static char *
value_kind (CrmStore    *self,
            gint64       value_id,
            char       **name,
            GError     **error)
{
  sqlite3_stmt *stmt;
  char *kind;

  if (!(stmt = _crm_store_cached (self, "SELECT kind, name FROM dictionary WHERE id = ?1", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, value_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      not_found (error, _("There is no list value with the number %lld."), value_id);
      return NULL;
    }
  kind = _crm_column_dup (stmt, 0);
  if (name != NULL)
    *name = _crm_column_dup (stmt, 1);
  sqlite3_reset (stmt);

  return kind;
}

/* Industries, regions and sources are alphabetical: renumber after a change.
 * The trigger of schema 1 copies each changed position onto the companies. */
static gboolean
renumber (CrmStore    *self,
          const char  *kind,
          GError     **error)
{
  sqlite3_stmt *stmt;

  if (g_str_equal (kind, "status"))
    return TRUE;

  stmt = _crm_store_cached (self,
                            "UPDATE dictionary SET position = "
                            "  (SELECT count(*) FROM dictionary d WHERE d.kind = dictionary.kind AND d.name < dictionary.name) "
                            "WHERE kind = ?1 AND position <> "
                            "  (SELECT count(*) FROM dictionary d WHERE d.kind = dictionary.kind AND d.name < dictionary.name)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);

  return step_done (self, stmt, error);
}

static gboolean
name_taken (CrmStore    *self,
            const char  *kind,
            const char  *name,
            gint64       except_id,
            GError     **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = _crm_store_cached (self, "SELECT id FROM dictionary WHERE kind = ?1 AND name = ?2 AND id <> ?3",
                                  error)))
    return TRUE;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, except_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;

  g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT,
               _("The list already has a value “%s”."), name);
  return TRUE;
}

gint64
crm_store_add_dictionary_value (CrmStore    *self,
                                const char  *kind,
                                const char  *name,
                                GError     **error)
{
  g_autofree char *text = trimmed_or_null (name);
  g_autoptr(GError) local_error = NULL;
  gint64 id;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);

  STORE_LOCK (self);
  g_auto(CrmStoreTx) tx = { 0 };

  if (!check_kind (kind, error) || !_crm_require_text (text, _("The value"), error))
    return 0;
  if (name_taken (self, kind, text, 0, &local_error) || local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return 0;
    }

  if (!tx_begin (self, &tx, error) ||
      (id = crm_store_ensure_dictionary_value (self, kind, text, error)) == 0 ||
      !tx_commit (&tx, error))
    return 0;

  return id;
}

gboolean
crm_store_rename_dictionary_value (CrmStore    *self,
                                   gint64       value_id,
                                   const char  *name,
                                   char       **previous,
                                   GError     **error)
{
  g_autofree char *text = trimmed_or_null (name);
  g_autofree char *kind = NULL;
  g_autofree char *old_name = NULL;
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  STORE_LOCK (self);
  g_auto(CrmStoreTx) tx = { 0 };

  if (!_crm_require_text (text, _("The value"), error) ||
      !tx_begin (self, &tx, error) ||
      !(kind = value_kind (self, value_id, &old_name, error)))
    return FALSE;
  if (name_taken (self, kind, text, value_id, &local_error) || local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!(stmt = _crm_store_cached (self, "UPDATE dictionary SET name = ?2 WHERE id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, value_id);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_STATIC);
  if (!step_done (self, stmt, error) || !renumber (self, kind, error) || !tx_commit (&tx, error))
    return FALSE;

  if (previous != NULL)
    *previous = g_steal_pointer (&old_name);

  return TRUE;
}

gboolean
crm_store_reorder_statuses (CrmStore      *self,
                            const gint64  *ids,
                            guint          n_ids,
                            GError       **error)
{
  sqlite3_stmt *stmt;
  gint64 n_statuses;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (ids != NULL || n_ids == 0, FALSE);

  STORE_LOCK (self);
  g_auto(CrmStoreTx) tx = { 0 };

  if (!tx_begin (self, &tx, error))
    return FALSE;

  n_statuses = _crm_store_query_int64 (self, "SELECT count(*) FROM dictionary WHERE kind = 'status'", -1, error);
  if (n_statuses < 0)
    return FALSE;
  if ((gint64)n_ids != n_statuses)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                   _("The new order names %u statuses, but there are %lld."), n_ids, (long long)n_statuses);
      return FALSE;
    }

  /* Each status gets its place; the trigger moves the companies' ranks */
  for (guint i = 0; i < n_ids; i++)
    {
      if (!(stmt = _crm_store_cached (self, "UPDATE dictionary SET position = ?2 WHERE id = ?1 AND kind = 'status'",
                                      error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, ids[i]);
      sqlite3_bind_int (stmt, 2, (int)i);
      if (!step_done (self, stmt, error))
        return FALSE;
      if (sqlite3_changes (self->db) == 0)
        return not_found (error, _("There is no status with the number %lld."), ids[i]);
    }

  /* a status named twice leaves another one out */
  if (_crm_store_query_int64 (self, "SELECT count(DISTINCT position) FROM dictionary WHERE kind = 'status'",
                              -1, error) != n_statuses)
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                           _("The new order names a status twice."));
      return FALSE;
    }

  return tx_commit (&tx, error);
}

static sqlite3_stmt *
uses_statement (CrmStore    *self,
                const char  *kind,
                GError     **error)
{
  if (g_str_equal (kind, "status"))
    return _crm_store_cached (self, "SELECT count(*) FROM companies WHERE status_id = ?1", error);
  if (g_str_equal (kind, "industry"))
    return _crm_store_cached (self, "SELECT count(*) FROM companies WHERE industry_id = ?1", error);
  if (g_str_equal (kind, "region"))
    return _crm_store_cached (self, "SELECT count(*) FROM companies WHERE region_id = ?1", error);
  return _crm_store_cached (self, "SELECT count(*) FROM companies WHERE source_id = ?1", error);
}

static gint64
count_uses (CrmStore    *self,
            const char  *kind,
            gint64       value_id,
            GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 n;

  if (!(stmt = uses_statement (self, kind, error)))
    return -1;
  sqlite3_bind_int64 (stmt, 1, value_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _crm_store_set_error (self, error);
      return -1;
    }
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return n;
}

gint64
crm_store_count_dictionary_uses (CrmStore    *self,
                                 gint64       value_id,
                                 GError     **error)
{
  g_autofree char *kind = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), -1);

  STORE_LOCK (self);

  if (!(kind = value_kind (self, value_id, NULL, error)))
    return -1;

  return count_uses (self, kind, value_id, error);
}

/* ?1 old value, ?2 replacement, ?3 now, ?4 user. The rank follows the
 * replacement's position: no trigger fires for a change of the id. */
#define REPLACE_TAIL ", version = version + 1, updated_at = ?3, updated_by = ?4"

static sqlite3_stmt *
replace_statement (CrmStore    *self,
                   const char  *kind,
                   GError     **error)
{
  if (g_str_equal (kind, "status"))
    return _crm_store_cached (self,
                              "UPDATE companies SET status_id = ?2, status_rank = "
                              "  (SELECT position FROM dictionary WHERE id = ?2)" REPLACE_TAIL
                              " WHERE status_id = ?1", error);
  if (g_str_equal (kind, "industry"))
    return _crm_store_cached (self,
                              "UPDATE companies SET industry_id = ?2, industry_rank = "
                              "  (SELECT position FROM dictionary WHERE id = ?2)" REPLACE_TAIL
                              " WHERE industry_id = ?1", error);
  if (g_str_equal (kind, "region"))
    return _crm_store_cached (self,
                              "UPDATE companies SET region_id = ?2, region_rank = "
                              "  (SELECT position FROM dictionary WHERE id = ?2)" REPLACE_TAIL
                              " WHERE region_id = ?1", error);
  return _crm_store_cached (self, "UPDATE companies SET source_id = ?2" REPLACE_TAIL " WHERE source_id = ?1",
                            error);
}

gboolean
crm_store_remove_dictionary_value (CrmStore    *self,
                                   gint64       value_id,
                                   gint64       replacement_id,
                                   GError     **error)
{
  g_autofree char *kind = NULL;
  g_autofree char *name = NULL;
  sqlite3_stmt *stmt;
  gint64 uses;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  STORE_LOCK (self);
  g_auto(CrmStoreTx) tx = { 0 };

  if (!tx_begin (self, &tx, error) ||
      !(kind = value_kind (self, value_id, &name, error)) ||
      (uses = count_uses (self, kind, value_id, error)) < 0)
    return FALSE;

  if (uses > 0)
    {
      g_autofree char *replacement_kind = NULL;

      if (replacement_id <= 0)
        {
          g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT,
                       ngettext ("“%s” is given to %lld client; choose a value to give it instead.",
                                 "“%s” is given to %lld clients; choose a value to give them instead.",
                                 uses),
                       name, (long long)uses);
          return FALSE;
        }
      if (!(replacement_kind = value_kind (self, replacement_id, NULL, error)))
        return FALSE;
      if (replacement_id == value_id || !g_str_equal (replacement_kind, kind))
        {
          g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                       _("The value that replaces “%s” must be another value of the same list."), name);
          return FALSE;
        }

      if (!(stmt = replace_statement (self, kind, error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, value_id);
      sqlite3_bind_int64 (stmt, 2, replacement_id);
      sqlite3_bind_int64 (stmt, 3, _crm_now_utc ());
      _crm_bind_id_or_null (stmt, 4, self->current_user_id);
      if (!step_done (self, stmt, error))
        return FALSE;
    }

  if (!(stmt = _crm_store_cached (self, "DELETE FROM dictionary WHERE id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, value_id);

  return step_done (self, stmt, error) && renumber (self, kind, error) && tx_commit (&tx, error);
}
