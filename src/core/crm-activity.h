/* crm-activity.h: the manager's control view — work done by salespeople,
 * clients nobody contacted for a while, the latest activity of the base
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Counts come from activity_daily (schema version 4), which triggers keep on
 * every write of history: counting a month of ten million entries reads a
 * few thousand rows. Days are UTC dates, "YYYY-MM-DD", as in that table.
 */

#pragma once

#include <glib.h>

#include "crm-store.h"

G_BEGIN_DECLS

/* The kinds of work the control view counts in columns of their own; every
 * other kind that is a contact with the client adds to "other". Entries the
 * program writes (field changes, imports, merges, documents) are not work
 * and are not counted (the same kinds that do not move the last contact). */
typedef enum
{
  CRM_ACTIVITY_CALL,
  CRM_ACTIVITY_MEETING,
  CRM_ACTIVITY_LETTER,
  CRM_ACTIVITY_EMAIL,
  CRM_ACTIVITY_NOTE,
  CRM_ACTIVITY_OTHER,
  CRM_ACTIVITY_N_KINDS
} CrmActivityKind;

/* "call" → CRM_ACTIVITY_CALL …; -1 for the kinds that are not counted */
int          crm_activity_kind_from_string (const char *kind);
/* Translated column titles: "Calls", "Meetings", … */
const char  *crm_activity_kind_title       (CrmActivityKind kind);
/* A translated name of one entry's kind ("Call", "Status changed", …), or
 * the kind itself when it is not known */
const char  *crm_activity_kind_label       (const char *kind);
/* Whether the kind is work with the client (not written by the program) */
gboolean     crm_activity_kind_is_contact  (const char *kind);

typedef struct
{
  gint64   user_id;     /* 0: entries with no salesperson */
  char    *user_name;
  gboolean active;
  gboolean listed;      /* shown even without entries (a salesperson or manager) */
  gint64   total;
  gint64   by_kind[CRM_ACTIVITY_N_KINDS];
  gint64  *by_day;      /* n_days counts, from the first day */
  gint64  *by_day_kind; /* n_days × CRM_ACTIVITY_N_KINDS: [day * N_KINDS + kind] */
} CrmActivityRow;

typedef struct
{
  char      *from;      /* YYYY-MM-DD, inclusive */
  char      *to;        /* YYYY-MM-DD, inclusive */
  guint      n_days;
  GPtrArray *rows;      /* CrmActivityRow*: every active salesperson and manager
                         * by name, other users with entries in the period,
                         * then "no salesperson" when it has entries */
  gint64     total;
  gint64     by_kind[CRM_ACTIVITY_N_KINDS];
  gint64    *by_day;
} CrmActivityTable;

void               crm_activity_table_free   (CrmActivityTable *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmActivityTable, crm_activity_table_free)

/* The day (0 .. n_days-1) of the table as YYYY-MM-DD, newly allocated */
char              *crm_activity_table_day    (const CrmActivityTable *table,
                                              guint                   index);
/* Looks a salesperson up; NULL if the table has no row for them */
const CrmActivityRow *crm_activity_table_find (const CrmActivityTable *table,
                                               gint64                  user_id);

/* Periods the control view offers, as UTC dates around today (Monday starts a
 * week). from and to receive newly allocated YYYY-MM-DD strings. */
typedef enum
{
  CRM_PERIOD_THIS_WEEK,
  CRM_PERIOD_LAST_WEEK,
  CRM_PERIOD_THIS_MONTH,
  CRM_PERIOD_LAST_MONTH,
} CrmPeriod;

void               crm_period_get_days       (CrmPeriod    period,
                                              GDateTime   *now,
                                              char       **from,
                                              char       **to);
/* Whether text is a real date YYYY-MM-DD */
gboolean           crm_day_is_valid          (const char  *text);

/* Entries by salesperson, kind and day from from to to (inclusive, at most
 * 366 days). Implemented in store/crm-store-activity.c. */
CrmActivityTable  *crm_store_load_activity   (CrmStore    *store,
                                              const char  *from,
                                              const char  *to,
                                              GError     **error);

/* Clients not contacted for days days (never contacted counts as forgotten),
 * per responsible manager */
typedef struct
{
  gint64  user_id;      /* 0: clients with no responsible manager */
  char   *user_name;
  gint64  n_clients;    /* the manager's clients */
  gint64  n_forgotten;  /* of them, with no contact for the days */
} CrmForgottenCount;

void               crm_forgotten_count_free  (CrmForgottenCount *count);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmForgottenCount, crm_forgotten_count_free)

/* Every active salesperson or manager and every user who is responsible for
 * a forgotten client,
 * by name; then the clients with no manager when there are forgotten ones.
 * n_clients is only counted when count_all is TRUE (else -1). */
GPtrArray         *crm_store_count_forgotten_clients (CrmStore   *store,
                                                      guint       days,
                                                      gboolean    count_all,
                                                      GError    **error);

typedef struct
{
  gint64  id;
  char   *name;
  char   *status;       /* or NULL */
  char   *city;         /* or NULL */
  gint64  last_contact_at;  /* 0: never */
} CrmForgottenClient;

void               crm_forgotten_client_free (CrmForgottenClient *client);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmForgottenClient, crm_forgotten_client_free)

/* A page of one manager's forgotten clients (user_id 0: with no manager), the
 * longest forgotten first; a GPtrArray of CrmForgottenClient*. Pass the last
 * client of the previous page as after_time/after_id (-1, 0 for the first
 * page): every page costs the same, however far down the list. */
GPtrArray         *crm_store_list_forgotten_clients  (CrmStore   *store,
                                                      gint64      user_id,
                                                      guint       days,
                                                      gint64      after_time,
                                                      gint64      after_id,
                                                      guint       limit,
                                                      GError    **error);

typedef struct
{
  gint64  id;
  gint64  company_id;
  char   *company_name;
  gint64  user_id;      /* 0: none */
  char   *user_name;    /* or NULL */
  char   *kind;
  char   *subject;      /* or NULL */
  gint64  occurred_at;
} CrmActivityEntry;

void               crm_activity_entry_free   (CrmActivityEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmActivityEntry, crm_activity_entry_free)

/* The latest work across the whole base, newest first, up to now (entries
 * planned for later are left out): a page of CrmActivityEntry*. Pass the
 * last entry of the previous page as before_time/before_id (0, 0 for the
 * first page): the next page starts right after it. */
GPtrArray         *crm_store_list_latest_activity    (CrmStore   *store,
                                                      gint64      before_time,
                                                      gint64      before_id,
                                                      guint       limit,
                                                      GError    **error);

G_END_DECLS
