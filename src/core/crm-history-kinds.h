/* crm-history-kinds.h: the kinds of history entries
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CRM_HISTORY_KIND_LOGGED       = 1 << 0,  /* a person logs it (quick entry, rapport-cli log) */
  CRM_HISTORY_KIND_SYSTEM       = 1 << 1,  /* the program writes it: nobody edits it */
  CRM_HISTORY_KIND_CONTACT      = 1 << 2,  /* a contact with the client: moves its last contact date */
  CRM_HISTORY_KIND_OUTCOME      = 1 << 3,  /* has an outcome (and a reason if the outcome asks) */
  CRM_HISTORY_KIND_DURATION     = 1 << 4,
  CRM_HISTORY_KIND_DIRECTION    = 1 << 5,  /* incoming or outgoing */
  CRM_HISTORY_KIND_FIELD_CHANGE = 1 << 6,  /* body is {"field", "old", "new"} */
} CrmHistoryKindFlags;

/**
 * CrmHistoryKind:
 * @id: as stored in history.kind ("call")
 * @icon_name: a symbolic icon of the desktop's theme
 * @label: untranslated, marked NC_("history kind", …); crm_history_kind_label() translates it
 * @plural: the same for a count ("Calls"); crm_history_kind_plural()
 *
 * A kind of entry. Later modules (planner, orders, payments, requests)
 * register theirs with crm_history_kind_register(); everything that shows
 * entries asks this registry instead of switching over kind names.
 */
typedef struct
{
  const char          *id;
  const char          *icon_name;
  const char          *label;
  const char          *plural;
  CrmHistoryKindFlags  flags;
} CrmHistoryKind;

const CrmHistoryKind *crm_history_kind_lookup    (const char           *id);
void                  crm_history_kind_register  (const CrmHistoryKind *kind);
GPtrArray            *crm_history_kind_list      (CrmHistoryKindFlags   having);
const char           *crm_history_kind_label     (const char           *id);
const char           *crm_history_kind_plural    (const char           *id);
const char           *crm_history_kind_icon_name (const char           *id);

G_END_DECLS
