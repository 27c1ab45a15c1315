/* crm-types.h
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Reports progress of long work; fraction is in [0, 1], phase a translated
 * sentence such as "Writing companies". May be called from a worker thread. */
typedef void (*CrmProgressFunc) (double      fraction,
                                 const char *phase,
                                 gpointer    user_data);

/* Columns the client list can be sorted by; the order is the column order. */
typedef enum
{
  CRM_CLIENT_SORT_NAME,
  CRM_CLIENT_SORT_STATUS,
  CRM_CLIENT_SORT_INDUSTRY,
  CRM_CLIENT_SORT_REGION,
  CRM_CLIENT_SORT_CITY,
  CRM_CLIENT_SORT_MANAGER,
  CRM_CLIENT_SORT_LAST_CONTACT,
  CRM_CLIENT_N_SORTS
} CrmClientSort;

const char *crm_client_sort_to_string   (CrmClientSort  sort);
gboolean    crm_client_sort_from_string (const char    *name,
                                         CrmClientSort *sort);

typedef enum
{
  CRM_DIRECTION_NONE,
  CRM_DIRECTION_INCOMING,
  CRM_DIRECTION_OUTGOING,
} CrmDirection;

/* Input structures for the store's write calls. Strings may be NULL; ids of 0
 * mean "not set". Timestamps are seconds since the epoch, UTC; 0 means now. */
typedef struct
{
  const char *login;
  const char *full_name;
  const char *email;
  const char *phone;
  const char *role;        /* "admin", "manager" or "sales" */
  gboolean    active;
} CrmUserData;

typedef struct
{
  const char *name;
  const char *legal_name;
  const char *tax_id;
  gint64      status_id;
  gint64      industry_id;
  gint64      region_id;
  gint64      source_id;
  gint64      manager_id;
  const char *city;
  const char *address;
  const char *website;
  const char *notes;
  gint64      created_at;
  gint64      created_by;
} CrmCompanyData;

typedef struct
{
  gint64      company_id;
  const char *first_name;
  const char *middle_name;
  const char *last_name;
  const char *position;
  const char *birthday;    /* YYYY-MM-DD */
  const char *notes;
  gboolean    is_primary;
  gint64      created_at;
  gint64      created_by;
} CrmContactData;

typedef struct
{
  gint64        company_id;
  gint64        contact_id;
  gint64        user_id;
  const char   *kind;      /* "call", "meeting", "letter", "email", "note", ... */
  CrmDirection  direction;
  const char   *subject;
  const char   *body;
  const char   *outcome;
  gint64        occurred_at;
  int           duration;  /* seconds */
  const char   *reason;    /* why, for an outcome that asks (refusal, complaint) */
  const char   *follow_up; /* YYYY-MM-DD */
  const char   *details;   /* JSON the kind defines (an e-mail's addresses, …) */
} CrmHistoryData;

typedef struct
{
  gint64 users;
  gint64 companies;
  gint64 contacts;
  gint64 history;
} CrmStoreCounts;

/* A value of a dictionary (status, industry, region, source) */
typedef struct
{
  gint64  id;
  char   *name;
  int     position;
} CrmDictionaryValue;

void crm_dictionary_value_free (CrmDictionaryValue *value);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmDictionaryValue, crm_dictionary_value_free)

/* A read-only summary of one client, for the side pane and the CLI */
typedef struct
{
  gint64     id;
  char      *name;
  char      *legal_name;
  char      *tax_id;
  char      *status;
  char      *industry;
  char      *region;
  char      *source;
  char      *city;
  char      *address;
  char      *website;
  char      *manager;
  char      *notes;
  gint64     created_at;
  gint64     last_contact_at;
  GPtrArray *phones;       /* char*, "label: number" */
  GPtrArray *emails;       /* char*, "label: address" */
  GPtrArray *contacts;     /* char*, "Full Name, position" */
  GPtrArray *history;      /* CrmHistorySummary*, newest first, at most 10 */
} CrmClientSummary;

typedef struct
{
  gint64  occurred_at;
  char   *kind;
  char   *subject;
  char   *user;
} CrmHistorySummary;

void crm_client_summary_free (CrmClientSummary *summary);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmClientSummary, crm_client_summary_free)

G_END_DECLS
