/* crm-history-list.h: a client's timeline as a lazy list model
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "crm-history.h"

G_BEGIN_DECLS

#define CRM_TYPE_HISTORY_ITEM (crm_history_item_get_type ())

G_DECLARE_FINAL_TYPE (CrmHistoryItem, crm_history_item, CRM, HISTORY_ITEM, GObject)

/* One entry of a timeline. starts-day is TRUE when the entry is the first
 * (newest) of its local day in the list: the one before it in the list is of
 * another day, or there is none. An entry that vanished since the count (id
 * 0) is an empty placeholder. */
CrmHistoryItem        *crm_history_item_new            (const CrmHistoryEntry *entry,
                                                        gboolean               starts_day);
const CrmHistoryEntry *crm_history_item_get_entry      (CrmHistoryItem        *self);
gint64                 crm_history_item_get_id         (CrmHistoryItem        *self);
gboolean               crm_history_item_get_starts_day (CrmHistoryItem        *self);

#define CRM_TYPE_HISTORY_LIST (crm_history_list_get_type ())

G_DECLARE_FINAL_TYPE (CrmHistoryList, crm_history_list, CRM, HISTORY_LIST, GObject)

/* A GListModel of CrmHistoryItem: one client's entries a CrmHistoryQuery
 * selects, newest first. It counts them once, then fetches pages of
 * CRM_HISTORY_LIST_PAGE_SIZE when a view asks for an item and keeps the few
 * pages used last. */
#define CRM_HISTORY_LIST_PAGE_SIZE 50

CrmHistoryList *crm_history_list_new             (CrmStore               *store,
                                                  gint64                  company_id);
CrmStore       *crm_history_list_get_store       (CrmHistoryList         *self);
gint64          crm_history_list_get_company_id  (CrmHistoryList         *self);
void            crm_history_list_set_company_id  (CrmHistoryList         *self,
                                                  gint64                  company_id);
void            crm_history_list_set_query       (CrmHistoryList         *self,
                                                  const CrmHistoryQuery  *query);
void            crm_history_list_set_client      (CrmHistoryList         *self,
                                                  gint64                  company_id,
                                                  const CrmHistoryQuery  *query);
void            crm_history_list_reload          (CrmHistoryList         *self);
const GError   *crm_history_list_get_error       (CrmHistoryList         *self);
guint           crm_history_list_get_n_fetches   (CrmHistoryList         *self);

G_END_DECLS
