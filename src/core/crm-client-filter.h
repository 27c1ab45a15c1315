/* crm-client-filter.h
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_CLIENT_FILTER_ERROR (crm_client_filter_error_quark ())

typedef enum
{
  CRM_CLIENT_FILTER_ERROR_SYNTAX,   /* the text is not JSON */
  CRM_CLIENT_FILTER_ERROR_INVALID,  /* JSON, but not a filter (unknown field, bad type, bad value) */
} CrmClientFilterError;

/* The kinds of condition. Conditions of one kind are ORed, different kinds
 * are ANDed. Every user-defined field is a kind of its own: conditions on one
 * field are ORed, conditions on two fields ANDed. */
typedef enum
{
  CRM_FILTER_STATUS,
  CRM_FILTER_INDUSTRY,
  CRM_FILTER_REGION,
  CRM_FILTER_SOURCE,
  CRM_FILTER_TAG,
  CRM_FILTER_MANAGER,
  CRM_FILTER_N_ID_KINDS,                          /* the kinds above hold ids */
  CRM_FILTER_NO_CONTACT = CRM_FILTER_N_ID_KINDS,  /* last contact older than N days, or never */
  CRM_FILTER_FIELD,                               /* a user-defined field */
  CRM_FILTER_N_KINDS
} CrmFilterKind;

typedef enum
{
  CRM_FIELD_MATCH_EQUALS,    /* the value is exactly this text */
  CRM_FIELD_MATCH_CONTAINS,  /* the value contains this text, case ignored */
  CRM_FIELD_MATCH_IS_SET,    /* the field has a non-empty value */
  CRM_FIELD_MATCH_NOT_EQUALS,/* the value is not this text, or there is none (a checkbox left unticked) */
  CRM_FIELD_MATCH_RANGE,     /* a number or date from a lower to an upper bound, both included;
                              * either bound may be missing */
  CRM_FIELD_N_MATCHES
} CrmFieldMatch;

/* The longest "no contact for N days" (a hundred years) */
#define CRM_CLIENT_FILTER_MAX_DAYS 36500

/* One condition as a GUI shows it: a translated label and an id for
 * crm_client_filter_remove_condition() */
typedef struct
{
  char          *id;
  char          *label;
  CrmFilterKind  kind;
} CrmFilterChip;

void           crm_filter_chip_free              (CrmFilterChip    *chip);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmFilterChip, crm_filter_chip_free)

const char    *crm_filter_kind_to_string         (CrmFilterKind     kind);
gboolean       crm_filter_kind_from_string       (const char       *text,
                                                  CrmFilterKind    *kind);
const char    *crm_field_match_to_string         (CrmFieldMatch     match);
gboolean       crm_field_match_from_string       (const char       *text,
                                                  CrmFieldMatch    *match);

#define CRM_TYPE_CLIENT_FILTER (crm_client_filter_get_type ())

G_DECLARE_FINAL_TYPE (CrmClientFilter, crm_client_filter, CRM, CLIENT_FILTER, GObject)

GQuark           crm_client_filter_error_quark       (void);

CrmClientFilter *crm_client_filter_new               (void);
CrmClientFilter *crm_client_filter_copy              (CrmClientFilter  *self);
gboolean         crm_client_filter_equal             (CrmClientFilter  *a,
                                                      CrmClientFilter  *b);
gboolean         crm_client_filter_is_empty          (CrmClientFilter  *self);

gboolean         crm_client_filter_add               (CrmClientFilter  *self,
                                                      CrmFilterKind     kind,
                                                      gint64            id);
gboolean         crm_client_filter_remove            (CrmClientFilter  *self,
                                                      CrmFilterKind     kind,
                                                      gint64            id);
gboolean         crm_client_filter_has               (CrmClientFilter  *self,
                                                      CrmFilterKind     kind,
                                                      gint64            id);
const gint64    *crm_client_filter_get_ids           (CrmClientFilter  *self,
                                                      CrmFilterKind     kind,
                                                      guint            *n_ids);

void             crm_client_filter_set_no_contact_days (CrmClientFilter *self,
                                                        guint            days);
guint            crm_client_filter_get_no_contact_days (CrmClientFilter *self);

gboolean         crm_client_filter_add_field         (CrmClientFilter  *self,
                                                      gint64            field_id,
                                                      CrmFieldMatch     match,
                                                      const char       *value);
gboolean         crm_client_filter_add_field_range   (CrmClientFilter  *self,
                                                      gint64            field_id,
                                                      const char       *from,
                                                      const char       *to);
gboolean         crm_client_filter_get_field_range   (CrmClientFilter  *self,
                                                      guint             index,
                                                      const char      **from,
                                                      const char      **to);
gboolean         crm_client_filter_is_range_bound    (const char       *text,
                                                      gboolean         *is_date);
guint            crm_client_filter_get_n_fields      (CrmClientFilter  *self);
gboolean         crm_client_filter_get_field         (CrmClientFilter  *self,
                                                      guint             index,
                                                      gint64           *field_id,
                                                      CrmFieldMatch    *match,
                                                      const char      **value);
void             crm_client_filter_remove_field      (CrmClientFilter  *self,
                                                      guint             index);

void             crm_client_filter_clear_kind        (CrmClientFilter  *self,
                                                      CrmFilterKind     kind);
void             crm_client_filter_clear             (CrmClientFilter  *self);

char            *crm_client_filter_to_json           (CrmClientFilter  *self);
CrmClientFilter *crm_client_filter_new_from_json     (const char       *json,
                                                      GError          **error);

GPtrArray       *crm_client_filter_describe_conditions (CrmClientFilter *self,
                                                        CrmStore        *store,
                                                        GError         **error);
gboolean         crm_client_filter_remove_condition  (CrmClientFilter  *self,
                                                      const char       *chip_id);

/* Queries (src/core/store/crm-store-filter.c). A NULL or empty filter
 * matches every client. */
gint64           crm_store_count_filtered_clients    (CrmStore         *store,
                                                      CrmClientFilter  *filter,
                                                      GError          **error);
gboolean         crm_store_fetch_filtered_clients    (CrmStore         *store,
                                                      CrmClientFilter  *filter,
                                                      CrmClientSort     sort,
                                                      gboolean          descending,
                                                      guint             offset,
                                                      guint             limit,
                                                      GPtrArray        *rows,
                                                      GError          **error);
gboolean         crm_store_list_filtered_clients     (CrmStore         *store,
                                                      CrmClientFilter  *filter,
                                                      CrmClientSort     sort,
                                                      gboolean          descending,
                                                      guint             limit,
                                                      GArray           *ids,
                                                      gboolean         *more,
                                                      GError          **error);
gboolean         crm_store_try_fetch_filtered_clients (CrmStore        *store,
                                                      CrmClientFilter  *filter,
                                                      CrmClientSort     sort,
                                                      gboolean          descending,
                                                      guint             offset,
                                                      guint             limit,
                                                      guint             max_ms,
                                                      GPtrArray        *rows,
                                                      gboolean         *gave_up,
                                                      GError          **error);
gboolean         crm_store_sort_filtered_clients     (CrmStore         *store,
                                                      CrmClientFilter  *filter,
                                                      CrmClientSort     sort,
                                                      gboolean          descending,
                                                      GArray           *ids,
                                                      GError          **error);
gboolean         crm_store_page_filtered_clients     (CrmStore         *store,
                                                      CrmClientFilter  *filter,
                                                      gint64            after_id,
                                                      guint             limit,
                                                      GArray           *ids,
                                                      GError          **error);
gboolean         crm_store_search_filtered_clients   (CrmStore         *store,
                                                      const char       *query,
                                                      CrmClientFilter  *filter,
                                                      CrmClientSort     sort,
                                                      gboolean          descending,
                                                      guint             limit,
                                                      GArray           *ids,
                                                      gboolean         *more,
                                                      GError          **error);
gint64           crm_store_lookup_filter_value       (CrmStore         *store,
                                                      CrmFilterKind     kind,
                                                      const char       *name,
                                                      GError          **error);
char            *crm_store_get_filter_value_name     (CrmStore         *store,
                                                      CrmFilterKind     kind,
                                                      gint64            id,
                                                      GError          **error);

G_END_DECLS
