/* crm-preferences-util.c: what the pages of Preferences share
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-preferences-util.h"

/* The pages of Preferences (lists, tags, fields, outcomes) edit dictionaries
 * the same way: rows with small flat buttons bound to the page's actions,
 * message dialogs with a name entry or a replacement picker, a toast for what
 * went wrong, and counts of uses made in a thread. */

/**
 * crm_preferences_show_toast:
 * @page: a widget inside the preferences window
 *
 * Shows @message as a toast of the window @page is in (as a log message when
 * it is in none, as in a test).
 */
void
crm_preferences_show_toast (GtkWidget  *page,
                            const char *message)
{
  GtkRoot *root = gtk_widget_get_root (page);

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (message));
  else
    g_message ("%s", message);
}

/**
 * crm_preferences_row_button:
 * @action_name: an action taking the id of the row's value ("x")
 * @enabled: %FALSE for a button that does nothing here (Move Up on the first row)
 *
 * A flat icon button for a row's suffix, with a tooltip and an accessible
 * name that says which value it acts on.
 */
GtkWidget *
crm_preferences_row_button (const char *icon_name,
                            const char *tooltip,
                            const char *accessible_label,
                            const char *action_name,
                            gint64      id,
                            gboolean    enabled)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                  -1);
  /* An actionable button takes its sensitivity from the action */
  if (enabled)
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (id));
    }
  gtk_widget_set_sensitive (button, enabled);

  return button;
}

/**
 * crm_preferences_add_button:
 * @target: (nullable) (transfer floating): the action's parameter
 *
 * The flat "Add…" button of a group's header.
 */
GtkWidget *
crm_preferences_add_button (const char *accessible_label,
                            const char *action_name,
                            GVariant   *target)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("Add…"));
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  if (target != NULL)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);

  return button;
}

/**
 * crm_preferences_dialog_new:
 *
 * A modal message dialog over the window of @page with a Cancel response
 * (also what Escape answers). The caller adds its own responses.
 */
AdwMessageDialog *
crm_preferences_dialog_new (GtkWidget  *page,
                            const char *heading,
                            const char *body)
{
  GtkRoot *root = gtk_widget_get_root (page);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  return ADW_MESSAGE_DIALOG (dialog);
}

/**
 * crm_preferences_dialog_add_entry:
 * @text: (nullable): what the entry starts with
 *
 * Puts an entry for a name into @dialog; Enter answers the default response.
 */
GtkWidget *
crm_preferences_dialog_add_entry (AdwMessageDialog *dialog,
                                  const char       *text,
                                  const char       *accessible_label)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                  -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  g_object_set_data (G_OBJECT (dialog), "entry", entry);

  return entry;
}

/* Returns: (transfer full): the text of the dialog's entry, trimmed */
char *
crm_preferences_dialog_get_text (AdwMessageDialog *dialog)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");

  g_return_val_if_fail (entry != NULL, NULL);

  return g_strstrip (g_strdup (gtk_editable_get_text (entry)));
}

/**
 * crm_preferences_dialog_add_picker:
 * @names: (transfer full): the values to choose from
 * @ids: (transfer full): their ids, in the same order
 *
 * Puts a drop-down "Replacement" into @dialog: the value that the uses of a
 * removed one get instead. Searchable when the list is long.
 */
void
crm_preferences_dialog_add_picker (AdwMessageDialog *dialog,
                                   GtkStringList    *names,
                                   GArray           *ids)
{
  GtkWidget *drop_down;

  g_return_if_fail (g_list_model_get_n_items (G_LIST_MODEL (names)) == ids->len);

  drop_down = gtk_drop_down_new (G_LIST_MODEL (names), NULL);
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (drop_down), ids->len > 10);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Replacement"),
                                  -1);
  adw_message_dialog_set_extra_child (dialog, drop_down);
  g_object_set_data (G_OBJECT (dialog), "drop-down", drop_down);
  g_object_set_data_full (G_OBJECT (dialog), "replacements", ids, (GDestroyNotify) g_array_unref);
}

/**
 * crm_preferences_dialog_get_picked:
 * @id: (out): the id picked in the dialog's replacement picker; 0 when the
 *   dialog has none
 *
 * Returns: %FALSE when the dialog has a picker and nothing is picked
 */
gboolean
crm_preferences_dialog_get_picked (AdwMessageDialog *dialog,
                                   gint64           *id)
{
  GtkDropDown *drop_down = g_object_get_data (G_OBJECT (dialog), "drop-down");
  GArray *ids = g_object_get_data (G_OBJECT (dialog), "replacements");
  guint selected;

  *id = 0;
  if (drop_down == NULL)
    return TRUE;

  selected = gtk_drop_down_get_selected (drop_down);
  if (selected >= ids->len)
    return FALSE;
  *id = g_array_index (ids, gint64, selected);

  return TRUE;
}

/* Counting the uses of every value reads big tables: off the main thread */
typedef struct
{
  CrmStore                *store;
  GArray                  *ids;
  CrmPreferencesCountFunc  count;
} CountsTask;

static void
counts_task_free (gpointer data)
{
  CountsTask *counts = data;

  g_clear_object (&counts->store);
  g_clear_pointer (&counts->ids, g_array_unref);
  g_free (counts);
}

static void
counts_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CountsTask *counts = task_data;
  g_autoptr(GArray) result = g_array_sized_new (FALSE, FALSE, sizeof (gint64), counts->ids->len);

  for (guint i = 0; i < counts->ids->len; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 count;

      if (g_task_return_error_if_cancelled (task))
        return;

      count = counts->count (counts->store, g_array_index (counts->ids, gint64, i), &error);
      if (error != NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_array_append_val (result, count);
    }

  g_task_return_pointer (task, g_steal_pointer (&result), (GDestroyNotify) g_array_unref);
}

/**
 * crm_preferences_count_async:
 * @ids: (transfer none): the values to count
 * @count: how to count the uses of one
 *
 * Counts the uses of every value in a thread.
 */
void
crm_preferences_count_async (gpointer                 source_object,
                             CrmStore                *store,
                             GArray                  *ids,
                             CrmPreferencesCountFunc  count,
                             GCancellable            *cancellable,
                             GAsyncReadyCallback      callback,
                             gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  CountsTask *counts;

  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (ids != NULL && count != NULL);

  counts = g_new0 (CountsTask, 1);
  counts->store = g_object_ref (store);
  counts->ids = g_array_ref (ids);
  counts->count = count;

  task = g_task_new (source_object, cancellable, callback, user_data);
  g_task_set_source_tag (task, crm_preferences_count_async);
  g_task_set_name (task, "[crm-preferences-counts]");
  g_task_set_task_data (task, counts, counts_task_free);
  g_task_run_in_thread (task, counts_worker);
}

/**
 * crm_preferences_count_finish:
 * @ids: (out) (optional) (transfer full): the values counted
 *
 * Returns: (transfer full) (nullable): the number of uses of each value of
 *   @ids, in its order; %NULL on an error or when cancelled
 */
GArray *
crm_preferences_count_finish (GAsyncResult  *result,
                              GArray       **ids,
                              GError       **error)
{
  CountsTask *counts;

  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == crm_preferences_count_async, NULL);

  counts = g_task_get_task_data (G_TASK (result));
  if (ids != NULL)
    *ids = g_array_ref (counts->ids);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * crm_preferences_count_show:
 * @rows_by_id: gint64* → the row of each value
 * @cancellable: the page's cancellable of the count, cleared when it ends
 * @failure: a message with one %s, the error's, shown in a toast
 * @show: shows a count on its row
 *
 * Finishes crm_preferences_count_async() for @page: each counted value that
 * still has a row gets its count. Nothing happens when it was cancelled
 * (the page was reloaded or went away).
 */
void
crm_preferences_count_show (GtkWidget                   *page,
                            GAsyncResult                *result,
                            GHashTable                  *rows_by_id,
                            GCancellable               **cancellable,
                            const char                  *failure,
                            CrmPreferencesCountShowFunc  show)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GArray) found = NULL;
  g_autoptr(GError) error = NULL;

  found = crm_preferences_count_finish (result, &ids, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (cancellable);

  if (found == NULL)
    {
      g_autofree char *message = g_strdup_printf (failure, error->message);

      crm_preferences_show_toast (page, message);
      return;
    }

  for (guint i = 0; i < found->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      GtkWidget *row = g_hash_table_lookup (rows_by_id, &id);

      if (row != NULL)
        show (page, row, id, g_array_index (found, gint64, i));
    }
}
