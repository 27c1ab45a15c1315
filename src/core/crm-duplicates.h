/* crm-duplicates.h: the duplicate guard
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-store.h"

G_BEGIN_DECLS

/* Why a client looks like another one */
typedef enum
{
  CRM_DUPLICATE_NAME    = 1 << 0,  /* same name key: legal form, quotes, case, ё/е ignored */
  CRM_DUPLICATE_TAX_ID  = 1 << 1,  /* same tax id */
  CRM_DUPLICATE_PHONE   = 1 << 2,  /* same national phone number */
  CRM_DUPLICATE_EMAIL   = 1 << 3,  /* same e-mail address */
  CRM_DUPLICATE_DOMAIN  = 1 << 4,  /* same website or company e-mail domain (not a public mail service) */
} CrmDuplicateReason;

/* What is known of a client being typed in (any field may be NULL) */
typedef struct
{
  const char *name;
  const char *tax_id;
  const char *phone;
  const char *email;
  const char *website;
  gint64      exclude_id;   /* the client itself, when editing one; 0 for a new one */
} CrmDuplicateQuery;

/* One existing client that matches, with who works with it */
typedef struct
{
  gint64              id;
  char               *name;
  char               *manager;          /* full name of the responsible manager, or NULL */
  gint64              last_contact_at;  /* seconds UTC, 0 = never */
  CrmDuplicateReason  reasons;
} CrmDuplicateMatch;

void        crm_duplicate_match_free       (CrmDuplicateMatch *match);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmDuplicateMatch, crm_duplicate_match_free)

/* Human-readable reasons, translated: "same name, same phone" */
char       *crm_duplicate_reason_describe  (CrmDuplicateReason reasons);

/* Likely duplicates of a client being typed, best first (more reasons first),
 * at most @limit. Returns a GPtrArray of CrmDuplicateMatch, or NULL on error. */
GPtrArray  *crm_store_find_duplicates      (CrmStore                *self,
                                            const CrmDuplicateQuery *query,
                                            guint                    limit,
                                            GError                 **error);

/* A likely pair of duplicates in the whole base: a_id < b_id */
typedef struct
{
  gint64              a_id;
  char               *a_name;
  gint64              b_id;
  char               *b_name;
  CrmDuplicateReason  reasons;
} CrmDuplicatePair;

void        crm_duplicate_pair_free        (CrmDuplicatePair *pair);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmDuplicatePair, crm_duplicate_pair_free)

/* Scans the whole base through its indexes for clients sharing a name key, a
 * tax id, a national phone number or a company (not public) mail or web
 * domain. Pairs come grouped by reason (name, tax id, phone, domain), each in
 * the order of its key, and every pair carries all the reasons that apply.
 * At most @limit pairs (0: no limit). Returns a GPtrArray of
 * CrmDuplicatePair, or NULL on error. */
GPtrArray  *crm_store_list_duplicate_pairs (CrmStore                *self,
                                            guint                    limit,
                                            GError                 **error);

G_END_DECLS
