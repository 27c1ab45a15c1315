/* crm-history-kinds.c: the kinds of history entries
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "crm-history-kinds.h"

#define LOGGED_CONTACT (CRM_HISTORY_KIND_LOGGED | CRM_HISTORY_KIND_CONTACT)
#define SYSTEM_CHANGE  (CRM_HISTORY_KIND_SYSTEM | CRM_HISTORY_KIND_FIELD_CHANGE)

static const CrmHistoryKind builtin_kinds[] = {
  { "call", "call-start-symbolic", NC_("history kind", "Call"), NC_("history kind", "Calls"),
    LOGGED_CONTACT | CRM_HISTORY_KIND_OUTCOME | CRM_HISTORY_KIND_DURATION | CRM_HISTORY_KIND_DIRECTION },
  { "meeting", "system-users-symbolic", NC_("history kind", "Meeting"), NC_("history kind", "Meetings"),
    LOGGED_CONTACT | CRM_HISTORY_KIND_OUTCOME | CRM_HISTORY_KIND_DURATION },
  { "letter", "mail-send-symbolic", NC_("history kind", "Letter"), NC_("history kind", "Letters"),
    LOGGED_CONTACT | CRM_HISTORY_KIND_DIRECTION },
  { "email", "mail-unread-symbolic", NC_("history kind", "E-mail"), NC_("history kind", "E-mails"),
    LOGGED_CONTACT | CRM_HISTORY_KIND_DIRECTION },
  { "note", "document-edit-symbolic", NC_("history kind", "Note"), NC_("history kind", "Notes"),
    LOGGED_CONTACT },
  { "document", "text-x-generic-symbolic", NC_("history kind", "Document"), NC_("history kind", "Documents"),
    CRM_HISTORY_KIND_SYSTEM },
  { "created", "contact-new-symbolic", NC_("history kind", "Client created"), NC_("history kind", "Clients created"),
    CRM_HISTORY_KIND_SYSTEM },
  { "imported", "document-open-symbolic", NC_("history kind", "Imported"), NC_("history kind", "Imports"),
    CRM_HISTORY_KIND_SYSTEM },
  { "merged", "object-merge-symbolic", NC_("history kind", "Merged"), NC_("history kind", "Merges"),
    CRM_HISTORY_KIND_SYSTEM },
  { "manager-changed", "system-switch-user-symbolic", NC_("history kind", "Responsible manager changed"),
    NC_("history kind", "Manager changes"), SYSTEM_CHANGE },
  { "status-changed", "emblem-synchronizing-symbolic", NC_("history kind", "Status changed"), NC_("history kind", "Status changes"),
    SYSTEM_CHANGE },
  { "field-changed", "document-properties-symbolic", NC_("history kind", "Field changed"), NC_("history kind", "Field changes"),
    SYSTEM_CHANGE },
};

static GMutex lock;
static GPtrArray *registered;  /* const CrmHistoryKind*, in the order shown */

static void
ensure_builtin (void)
{
  if (registered != NULL)
    return;
  registered = g_ptr_array_new ();
  for (guint i = 0; i < G_N_ELEMENTS (builtin_kinds); i++)
    g_ptr_array_add (registered, (gpointer)&builtin_kinds[i]);
}

/**
 * crm_history_kind_register:
 * @kind: (transfer none): lives as long as the program (a static)
 *
 * Adds a kind of entry, or replaces the one with the same id.
 */
void
crm_history_kind_register (const CrmHistoryKind *kind)
{
  g_return_if_fail (kind != NULL && kind->id != NULL && kind->label != NULL);

  g_mutex_lock (&lock);
  ensure_builtin ();
  for (guint i = 0; i < registered->len; i++)
    {
      const CrmHistoryKind *known = g_ptr_array_index (registered, i);

      if (g_str_equal (known->id, kind->id))
        {
          g_ptr_array_index (registered, i) = (gpointer)kind;
          g_mutex_unlock (&lock);
          return;
        }
    }
  g_ptr_array_add (registered, (gpointer)kind);
  g_mutex_unlock (&lock);
}

/**
 * crm_history_kind_lookup:
 *
 * Returns: (nullable): the kind, or %NULL for an id nobody registered (an
 * entry written by a newer version, say)
 */
const CrmHistoryKind *
crm_history_kind_lookup (const char *id)
{
  const CrmHistoryKind *found = NULL;

  if (id == NULL)
    return NULL;

  g_mutex_lock (&lock);
  ensure_builtin ();
  for (guint i = 0; i < registered->len && found == NULL; i++)
    {
      const CrmHistoryKind *kind = g_ptr_array_index (registered, i);

      if (g_str_equal (kind->id, id))
        found = kind;
    }
  g_mutex_unlock (&lock);

  return found;
}

/**
 * crm_history_kind_list:
 * @having: flags every kind listed has; 0 for all
 *
 * Returns: (transfer container): const CrmHistoryKind*, in registration order
 */
GPtrArray *
crm_history_kind_list (CrmHistoryKindFlags having)
{
  GPtrArray *kinds = g_ptr_array_new ();

  g_mutex_lock (&lock);
  ensure_builtin ();
  for (guint i = 0; i < registered->len; i++)
    {
      const CrmHistoryKind *kind = g_ptr_array_index (registered, i);

      if ((kind->flags & having) == having)
        g_ptr_array_add (kinds, (gpointer)kind);
    }
  g_mutex_unlock (&lock);

  return kinds;
}

/* The translated label; an unknown kind is shown by its id. Labels are
 * translated in the context "history kind" ("Call" the kind, not the button) */
const char *
crm_history_kind_label (const char *id)
{
  const CrmHistoryKind *kind = crm_history_kind_lookup (id);

  return kind != NULL ? g_dpgettext2 (GETTEXT_PACKAGE, "history kind", kind->label) : id;
}

/* The translated plural label ("Calls"), for counts and filters */
const char *
crm_history_kind_plural (const char *id)
{
  const CrmHistoryKind *kind = crm_history_kind_lookup (id);

  if (kind == NULL)
    return id;
  return g_dpgettext2 (GETTEXT_PACKAGE, "history kind", kind->plural ? kind->plural : kind->label);
}

const char *
crm_history_kind_icon_name (const char *id)
{
  const CrmHistoryKind *kind = crm_history_kind_lookup (id);

  return kind != NULL ? kind->icon_name : "dialog-question-symbolic";
}
