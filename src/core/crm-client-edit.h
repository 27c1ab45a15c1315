/* crm-client-edit.h: editing a client through the store (the client card)
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "crm-store.h"

G_BEGIN_DECLS

/* A write that lost a race: someone changed the row since the caller loaded
 * it. Nothing was written; the CrmEditOutcome holds the value and version in
 * the database now, so the card can show both and write again. */
#define CRM_EDIT_ERROR (crm_edit_error_quark ())

typedef enum
{
  CRM_EDIT_ERROR_CONFLICT,
} CrmEditError;

GQuark crm_edit_error_quark (void);

/* What a versioned field update reports back.
 * On success: previous is the value before the write (write it back with the
 * new version to undo), version the row's new version.
 * On CRM_EDIT_ERROR_CONFLICT: current is the value in the database now and
 * version the row's version now. */
typedef struct
{
  char   *previous;
  char   *current;
  gint64  version;
} CrmEditOutcome;

void crm_edit_outcome_clear (CrmEditOutcome *outcome);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CrmEditOutcome, crm_edit_outcome_clear)

/* Records: reference counted, read-only for callers once returned. */

typedef struct
{
  gint64  id;
  gint64  company_id;
  gint64  contact_id;   /* 0: the company's own number */
  char   *label;
  char   *number;
} CrmPhoneRecord;

typedef struct
{
  gint64  id;
  gint64  company_id;
  gint64  contact_id;   /* 0: the company's own address */
  char   *label;
  char   *address;
} CrmEmailRecord;

/* A contact person with its phones and e-mails; also the snapshot that
 * crm_store_delete_client_contact() returns for undo. */
typedef struct
{
  gint64     id;
  gint64     company_id;
  char      *first_name;
  char      *middle_name;
  char      *last_name;
  char      *full_name;
  char      *position;
  char      *birthday;    /* YYYY-MM-DD */
  char      *notes;
  gboolean   is_primary;
  gint64     created_at;
  gint64     version;
  GPtrArray *phones;      /* CrmPhoneRecord* */
  GPtrArray *emails;      /* CrmEmailRecord* */
  GArray    *history_ids; /* gint64: in a deletion snapshot, the history entries
                           * that named the contact; else NULL */
} CrmContactRecord;

typedef struct
{
  gint64  id;
  char   *name;
} CrmTag;

typedef struct
{
  gint64   id;
  char    *name;
  char    *kind;      /* "text", "number", "date", "choice", "checkbox" */
  GStrv    choices;   /* of a choice field, else NULL */
  int      position;
  char    *value;     /* in a CrmClientRecord: the client's value, or NULL */
} CrmCustomField;

/* Everything the client card edits. Dictionary values and the manager are
 * ids (0: none); version is what crm_store_update_client_field() wants. */
typedef struct
{
  gint64     id;
  char      *name;
  char      *legal_name;
  char      *tax_id;
  gint64     status_id;
  gint64     industry_id;
  gint64     region_id;
  gint64     source_id;
  gint64     manager_id;
  char      *city;
  char      *address;
  char      *website;
  char      *notes;
  gint64     created_at;
  gint64     updated_at;
  gint64     version;
  GPtrArray *tags;           /* CrmTag*, by name */
  GPtrArray *custom_fields;  /* CrmCustomField* with value: every defined field */
  GPtrArray *contacts;       /* CrmContactRecord*, the primary first */
  GPtrArray *phones;         /* CrmPhoneRecord*, the company's own */
  GPtrArray *emails;         /* CrmEmailRecord*, the company's own */
} CrmClientRecord;

#define CRM_TYPE_CLIENT_RECORD  (crm_client_record_get_type ())
#define CRM_TYPE_CONTACT_RECORD (crm_contact_record_get_type ())
#define CRM_TYPE_PHONE_RECORD   (crm_phone_record_get_type ())
#define CRM_TYPE_EMAIL_RECORD   (crm_email_record_get_type ())

GType             crm_client_record_get_type  (void) G_GNUC_CONST;
GType             crm_contact_record_get_type (void) G_GNUC_CONST;
GType             crm_phone_record_get_type   (void) G_GNUC_CONST;
GType             crm_email_record_get_type   (void) G_GNUC_CONST;

CrmClientRecord  *crm_client_record_ref       (CrmClientRecord  *record);
void              crm_client_record_unref     (CrmClientRecord  *record);
CrmContactRecord *crm_contact_record_ref      (CrmContactRecord *record);
void              crm_contact_record_unref    (CrmContactRecord *record);
CrmPhoneRecord   *crm_phone_record_ref        (CrmPhoneRecord   *record);
void              crm_phone_record_unref      (CrmPhoneRecord   *record);
CrmEmailRecord   *crm_email_record_ref        (CrmEmailRecord   *record);
void              crm_email_record_unref      (CrmEmailRecord   *record);
void              crm_tag_free                (CrmTag           *tag);
void              crm_custom_field_free       (CrmCustomField   *field);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmClientRecord, crm_client_record_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmContactRecord, crm_contact_record_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmPhoneRecord, crm_phone_record_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmEmailRecord, crm_email_record_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmTag, crm_tag_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmCustomField, crm_custom_field_free)

/* Field names crm_store_update_client_field() takes, NULL-terminated:
 * name, legal_name, tax_id, status, industry, region, source, manager, city,
 * address, website, notes. */
const char * const *crm_client_record_fields          (void);
/* The record's value of a field as the update takes it: text, or an id in
 * decimal for status/industry/region/source/manager; NULL when empty. */
char               *crm_client_record_get_field       (const CrmClientRecord *record,
                                                       const char            *field);

/* Contact fields crm_store_update_contact_field() takes: first_name,
 * middle_name, last_name, position, birthday, notes. */
const char * const *crm_contact_record_fields         (void);
char               *crm_contact_record_get_field      (const CrmContactRecord *record,
                                                       const char             *field);

/* Loading */
CrmClientRecord  *crm_store_load_client_record        (CrmStore          *self,
                                                       gint64             company_id,
                                                       GError           **error);
CrmContactRecord *crm_store_load_contact_record       (CrmStore          *self,
                                                       gint64             contact_id,
                                                       GError           **error);

/* The company: one field at a time, with optimistic locking. value NULL or
 * "" empties the field (the name cannot be emptied). Returns the new version,
 * or 0 with an error (CRM_EDIT_ERROR_CONFLICT or CRM_STORE_ERROR). */
gint64            crm_store_update_client_field       (CrmStore          *self,
                                                       gint64             company_id,
                                                       const char        *field,
                                                       const char        *value,
                                                       gint64             version,
                                                       CrmEditOutcome    *outcome,
                                                       GError           **error);

/* Contact persons. A company has exactly one primary contact while it has
 * any: the first one added becomes it, and deleting it promotes the oldest. */
gint64            crm_store_add_client_contact        (CrmStore              *self,
                                                       const CrmContactData  *data,
                                                       GError               **error);
gint64            crm_store_update_contact_field      (CrmStore          *self,
                                                       gint64             contact_id,
                                                       const char        *field,
                                                       const char        *value,
                                                       gint64             version,
                                                       CrmEditOutcome    *outcome,
                                                       GError           **error);
gboolean          crm_store_set_primary_contact       (CrmStore          *self,
                                                       gint64             contact_id,
                                                       GError           **error);
/* Returns the deleted contact with its phones and e-mails, for undo */
CrmContactRecord *crm_store_delete_client_contact     (CrmStore          *self,
                                                       gint64             contact_id,
                                                       GError           **error);
gboolean          crm_store_restore_client_contact    (CrmStore                *self,
                                                       const CrmContactRecord  *snapshot,
                                                       GError                 **error);

/* Phones and e-mails of a company (contact_id 0) or of one of its contacts.
 * Updates set both the number/address and the label; previous (if given)
 * receives the record as it was, for undo. */
gint64            crm_store_add_client_phone          (CrmStore          *self,
                                                       gint64             company_id,
                                                       gint64             contact_id,
                                                       const char        *label,
                                                       const char        *number,
                                                       GError           **error);
gboolean          crm_store_update_client_phone       (CrmStore          *self,
                                                       gint64             phone_id,
                                                       const char        *label,
                                                       const char        *number,
                                                       CrmPhoneRecord   **previous,
                                                       GError           **error);
CrmPhoneRecord   *crm_store_delete_client_phone       (CrmStore          *self,
                                                       gint64             phone_id,
                                                       GError           **error);
gboolean          crm_store_restore_client_phone      (CrmStore              *self,
                                                       const CrmPhoneRecord  *snapshot,
                                                       GError               **error);
gint64            crm_store_add_client_email          (CrmStore          *self,
                                                       gint64             company_id,
                                                       gint64             contact_id,
                                                       const char        *label,
                                                       const char        *address,
                                                       GError           **error);
gboolean          crm_store_update_client_email       (CrmStore          *self,
                                                       gint64             email_id,
                                                       const char        *label,
                                                       const char        *address,
                                                       CrmEmailRecord   **previous,
                                                       GError           **error);
CrmEmailRecord   *crm_store_delete_client_email       (CrmStore          *self,
                                                       gint64             email_id,
                                                       GError           **error);
gboolean          crm_store_restore_client_email      (CrmStore              *self,
                                                       const CrmEmailRecord  *snapshot,
                                                       GError               **error);

/* Tags */
GPtrArray        *crm_store_list_tags                 (CrmStore          *self,
                                                       GError           **error);
/* Creates the tag when no tag has that name; returns its id */
gint64            crm_store_add_client_tag            (CrmStore          *self,
                                                       gint64             company_id,
                                                       const char        *name,
                                                       GError           **error);
gboolean          crm_store_remove_client_tag         (CrmStore          *self,
                                                       gint64             company_id,
                                                       gint64             tag_id,
                                                       GError           **error);

/* User-defined fields */
gint64            crm_store_define_custom_field       (CrmStore            *self,
                                                       const char          *name,
                                                       const char          *kind,
                                                       const char * const  *choices,
                                                       GError             **error);
GPtrArray        *crm_store_list_custom_fields        (CrmStore          *self,
                                                       GError           **error);
/* value NULL or "" removes the client's value; previous (if given) receives
 * the value before, NULL when there was none */
gboolean          crm_store_set_custom_value          (CrmStore          *self,
                                                       gint64             company_id,
                                                       gint64             field_id,
                                                       const char        *value,
                                                       char             **previous,
                                                       GError           **error);
gboolean          crm_store_delete_custom_field       (CrmStore          *self,
                                                       gint64             field_id,
                                                       GError           **error);

/* Dictionaries (kind "status", "industry", "region", "source"). Statuses keep
 * the order they are given; the others are alphabetical. */
gint64            crm_store_add_dictionary_value      (CrmStore          *self,
                                                       const char        *kind,
                                                       const char        *name,
                                                       GError           **error);
gboolean          crm_store_rename_dictionary_value   (CrmStore          *self,
                                                       gint64             value_id,
                                                       const char        *name,
                                                       char             **previous,
                                                       GError           **error);
/* ids: every status, in the new funnel order */
gboolean          crm_store_reorder_statuses          (CrmStore          *self,
                                                       const gint64      *ids,
                                                       guint              n_ids,
                                                       GError           **error);
gint64            crm_store_count_dictionary_uses     (CrmStore          *self,
                                                       gint64             value_id,
                                                       GError           **error);
/* A value in use is removed only with a replacement of the same kind, which
 * the clients get instead (replacement_id 0: only if unused). */
gboolean          crm_store_remove_dictionary_value   (CrmStore          *self,
                                                       gint64             value_id,
                                                       gint64             replacement_id,
                                                       GError           **error);

G_END_DECLS
