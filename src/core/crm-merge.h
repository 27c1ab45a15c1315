/* crm-merge.h: merging two clients into one, and undoing it
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-store.h"

G_BEGIN_DECLS

/* The company fields a merge can take from the removed client */
const char * const *crm_merge_fields             (void);
gboolean            crm_merge_field_is_valid     (const char          *field);

/* Merges @removed_id into @kept_id in one transaction. @fields_from_removed
 * (NULL-terminated, may be NULL) names the fields whose value the user picked
 * from the removed client: name, legal_name, tax_id, status, industry,
 * region, source, manager, city, address, website, notes. Contacts, phones,
 * e-mails, history, tags and custom values move to the kept client (a custom
 * value it already has stays). The kept client gets a "merged" history entry.
 * Returns the id of the merge (for crm_store_undo_merge()), or 0 on error. */
gint64              crm_store_merge_clients      (CrmStore            *self,
                                                  gint64               kept_id,
                                                  gint64               removed_id,
                                                  const char * const  *fields_from_removed,
                                                  GError             **error);

/* Recreates the removed client with its old number and values, moves its rows
 * back, restores the fields the merge overwrote on the kept client and drops
 * the "merged" history entry. */
gboolean            crm_store_undo_merge         (CrmStore            *self,
                                                  gint64               merge_id,
                                                  GError             **error);

G_END_DECLS
