/* crm-preferences-util.h: what the pages of Preferences share
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-store.h"

G_BEGIN_DECLS

void              crm_preferences_show_toast        (GtkWidget           *page,
                                                     const char          *message);
GtkWidget        *crm_preferences_row_button        (const char          *icon_name,
                                                     const char          *tooltip,
                                                     const char          *accessible_label,
                                                     const char          *action_name,
                                                     gint64               id,
                                                     gboolean             enabled);
GtkWidget        *crm_preferences_add_button        (const char          *accessible_label,
                                                     const char          *action_name,
                                                     GVariant            *target);

AdwMessageDialog *crm_preferences_dialog_new        (GtkWidget           *page,
                                                     const char          *heading,
                                                     const char          *body);
GtkWidget        *crm_preferences_dialog_add_entry  (AdwMessageDialog    *dialog,
                                                     const char          *text,
                                                     const char          *accessible_label);
char             *crm_preferences_dialog_get_text   (AdwMessageDialog    *dialog);
void              crm_preferences_dialog_add_picker (AdwMessageDialog    *dialog,
                                                     GtkStringList       *names,
                                                     GArray              *ids);
gboolean          crm_preferences_dialog_get_picked (AdwMessageDialog    *dialog,
                                                     gint64              *id);

/* How many uses a value has (clients with a status, entries with an
 * outcome…), or -1 on an error */
typedef gint64  (*CrmPreferencesCountFunc)          (CrmStore            *store,
                                                     gint64               id,
                                                     GError             **error);

void              crm_preferences_count_async       (gpointer             source_object,
                                                     CrmStore            *store,
                                                     GArray              *ids,
                                                     CrmPreferencesCountFunc count,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
GArray           *crm_preferences_count_finish      (GAsyncResult        *result,
                                                     GArray             **ids,
                                                     GError             **error);

/* Shows one value's count on its row */
typedef void    (*CrmPreferencesCountShowFunc)      (GtkWidget           *page,
                                                     GtkWidget           *row,
                                                     gint64               id,
                                                     gint64               count);

void              crm_preferences_count_show        (GtkWidget           *page,
                                                     GAsyncResult        *result,
                                                     GHashTable          *rows_by_id,
                                                     GCancellable       **cancellable,
                                                     const char          *failure,
                                                     CrmPreferencesCountShowFunc show);

G_END_DECLS
