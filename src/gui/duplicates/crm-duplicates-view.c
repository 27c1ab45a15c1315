/* crm-duplicates-view.c
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-duplicates-view"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-duplicates-view.h"
#include "crm-merge.h"

/* "Find Duplicates": scans the whole base in a thread for likely pairs, at
 * most CRM_DUPLICATES_VIEW_LIMIT of them, and lists them with a "Merge…"
 * button each. A merge drops the pairs of the removed client from the list,
 * reloads the client list of the main window (win.reload-clients) and offers
 * "Undo" in a toast. Closing the window cancels a running scan. */

struct _CrmDuplicatesView
{
  AdwWindow         parent_instance;

  /* Template widgets */
  AdwToastOverlay  *toast_overlay;
  GtkStack         *stack;
  GtkSpinner       *spinner;
  AdwStatusPage    *error_page;
  GtkLabel         *count_label;
  GtkListBox       *list_box;

  CrmStore         *store;
  GCancellable     *cancellable;
  GPtrArray        *pairs;       /* CrmDuplicatePair* */
  gboolean          truncated;
  gint64            last_merge;
};

G_DEFINE_FINAL_TYPE (CrmDuplicatesView, crm_duplicates_view, ADW_TYPE_WINDOW)

static void
reload_main_window (CrmDuplicatesView *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.reload-clients", NULL);
}

static void
on_merge_clicked_cb (GtkButton         *button,
                     CrmDuplicatesView *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "pair-index"));
  CrmMergeDialog *dialog;

  if ((dialog = crm_duplicates_view_open_merge (self, index)) != NULL)
    gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
pair_row_new (CrmDuplicatesView      *self,
              const CrmDuplicatePair *pair,
              guint                   index)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;
  g_autofree char *title = NULL;
  g_autofree char *reasons = crm_duplicate_reason_describe (pair->reasons);
  g_autofree char *subtitle = NULL;
  g_autofree char *a_number = NULL;
  g_autofree char *b_number = NULL;
  g_autofree char *accessible = NULL;

  /* Translators: a pair of likely duplicates: “ООО Ромашка ↔ Ромашка ООО” */
  title = g_strdup_printf (_("%s ↔ %s"), pair->a_name, pair->b_name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  /* Translators: the reasons of a pair, then the two clients' numbers:
   * “same name · No. 168 and No. 1068” */
  a_number = g_strdup_printf ("%" G_GINT64_FORMAT, pair->a_id);
  b_number = g_strdup_printf ("%" G_GINT64_FORMAT, pair->b_id);
  subtitle = g_strdup_printf (_("%s · No. %s and No. %s"), reasons, a_number, b_number);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  button = gtk_button_new_with_label (_("Merge…"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* Translators: accessible name of the “Merge…” button of a pair */
  accessible = g_strdup_printf (_("Merge %s and %s"), pair->a_name, pair->b_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  g_object_set_data (G_OBJECT (button), "pair-index", GUINT_TO_POINTER (index));
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_merge_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static void
crm_duplicates_view_show_pairs (CrmDuplicatesView *self)
{
  GtkWidget *child;
  g_autofree char *count = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);

  if (self->pairs == NULL || self->pairs->len == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  for (guint i = 0; i < self->pairs->len; i++)
    gtk_list_box_append (self->list_box, pair_row_new (self, g_ptr_array_index (self->pairs, i), i));

  if (self->truncated)
    count = g_strdup_printf (ngettext ("Showing the first %u likely pair. Merge some and scan again to see more.",
                                       "Showing the first %u likely pairs. Merge some and scan again to see more.",
                                       self->pairs->len),
                             self->pairs->len);
  else
    count = g_strdup_printf (ngettext ("%u likely pair of duplicates",
                                       "%u likely pairs of duplicates",
                                       self->pairs->len),
                             self->pairs->len);
  gtk_label_set_text (self->count_label, count);
  gtk_stack_set_visible_child_name (self->stack, "list");
}

static void
scan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *pairs;

  if ((pairs = crm_store_list_duplicate_pairs (task_data, CRM_DUPLICATES_VIEW_LIMIT + 1, &error)))
    g_task_return_pointer (task, pairs, (GDestroyNotify)g_ptr_array_unref);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
scan_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  CrmDuplicatesView *self = CRM_DUPLICATES_VIEW (object);
  g_autoptr(GError) error = NULL;
  GPtrArray *pairs;

  pairs = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  gtk_spinner_stop (self->spinner);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "duplicates.scan", TRUE);

  if (pairs == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  g_clear_pointer (&self->pairs, g_ptr_array_unref);
  self->pairs = pairs;
  self->truncated = pairs->len > CRM_DUPLICATES_VIEW_LIMIT;
  if (self->truncated)
    g_ptr_array_set_size (pairs, CRM_DUPLICATES_VIEW_LIMIT);
  crm_duplicates_view_show_pairs (self);
}

/**
 * crm_duplicates_view_scan:
 *
 * Looks for duplicates anew in a thread; the spinner shows meanwhile.
 */
void
crm_duplicates_view_scan (CrmDuplicatesView *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CRM_IS_DUPLICATES_VIEW (self));

  if (self->cancellable != NULL)
    return;

  self->cancellable = g_cancellable_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "duplicates.scan", FALSE);
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "scanning");

  task = g_task_new (self, self->cancellable, scan_done_cb, NULL);
  g_task_set_source_tag (task, crm_duplicates_view_scan);
  g_task_set_task_data (task, g_object_ref (self->store), g_object_unref);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, scan_thread);
}

static void
crm_duplicates_view_scan_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  crm_duplicates_view_scan (CRM_DUPLICATES_VIEW (widget));
}

static void
crm_duplicates_view_undo_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  CrmDuplicatesView *self = CRM_DUPLICATES_VIEW (widget);
  g_autoptr(GError) error = NULL;
  gint64 merge_id = g_variant_get_int64 (parameter);

  if (!crm_store_undo_merge (self->store, merge_id, &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  if (self->last_merge == merge_id)
    self->last_merge = 0;
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Merge undone")));
  reload_main_window (self);
  crm_duplicates_view_scan (self);
}

static void
on_merged_cb (CrmDuplicatesView *self,
              gint64             merge_id,
              gint64             kept_id,
              gint64             removed_id,
              const char        *kept_name,
              CrmMergeDialog    *dialog)
{
  g_autofree char *escaped = g_markup_escape_text (kept_name, -1);
  AdwToast *toast;

  self->last_merge = merge_id;

  /* The removed client's pairs are gone; the kept one's stay until a rescan */
  if (self->pairs != NULL)
    for (guint i = self->pairs->len; i > 0; i--)
      {
        CrmDuplicatePair *pair = g_ptr_array_index (self->pairs, i - 1);

        if (pair->a_id == removed_id || pair->b_id == removed_id)
          g_ptr_array_remove_index (self->pairs, i - 1);
      }
  crm_duplicates_view_show_pairs (self);

  /* Translators: a toast after two clients became one */
  toast = adw_toast_new_format (_("Merged into %s"), escaped);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "duplicates.undo");
  adw_toast_set_action_target_value (toast, g_variant_new_int64 (merge_id));
  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);

  reload_main_window (self);
}

/**
 * crm_duplicates_view_open_merge:
 * @index: a pair, as crm_duplicates_view_get_pair() counts
 *
 * Returns: (transfer none) (nullable): the merge dialog of the pair, not yet
 *   shown, or %NULL after a toast when a client cannot be read
 */
CrmMergeDialog *
crm_duplicates_view_open_merge (CrmDuplicatesView *self,
                                guint              index)
{
  g_autoptr(GError) error = NULL;
  const CrmDuplicatePair *pair;
  CrmMergeDialog *dialog;

  g_return_val_if_fail (CRM_IS_DUPLICATES_VIEW (self), NULL);
  g_return_val_if_fail ((pair = crm_duplicates_view_get_pair (self, index)) != NULL, NULL);

  if (!(dialog = crm_merge_dialog_new (GTK_WINDOW (self), self->store, pair->a_id, pair->b_id, &error)))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return NULL;
    }

  g_signal_connect_object (dialog, "merged", G_CALLBACK (on_merged_cb), self, G_CONNECT_SWAPPED);
  return dialog;
}

static void
crm_duplicates_view_dispose (GObject *object)
{
  CrmDuplicatesView *self = (CrmDuplicatesView *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_DUPLICATES_VIEW);

  g_clear_pointer (&self->pairs, g_ptr_array_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_duplicates_view_parent_class)->dispose (object);
}

static void
crm_duplicates_view_class_init (CrmDuplicatesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_duplicates_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/duplicates/crm-duplicates-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmDuplicatesView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CrmDuplicatesView, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmDuplicatesView, spinner);
  gtk_widget_class_bind_template_child (widget_class, CrmDuplicatesView, error_page);
  gtk_widget_class_bind_template_child (widget_class, CrmDuplicatesView, count_label);
  gtk_widget_class_bind_template_child (widget_class, CrmDuplicatesView, list_box);

  gtk_widget_class_install_action (widget_class, "duplicates.scan", NULL,
                                   crm_duplicates_view_scan_action);
  gtk_widget_class_install_action (widget_class, "duplicates.undo", "x",
                                   crm_duplicates_view_undo_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
crm_duplicates_view_init (CrmDuplicatesView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * crm_duplicates_view_new:
 *
 * Returns: (transfer none): the view, already scanning
 */
CrmDuplicatesView *
crm_duplicates_view_new (GtkWindow *parent,
                         CrmStore  *store)
{
  CrmDuplicatesView *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  self = g_object_new (CRM_TYPE_DUPLICATES_VIEW, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  crm_duplicates_view_scan (self);

  return self;
}

gboolean
crm_duplicates_view_get_busy (CrmDuplicatesView *self)
{
  g_return_val_if_fail (CRM_IS_DUPLICATES_VIEW (self), FALSE);

  return self->cancellable != NULL;
}

gboolean
crm_duplicates_view_get_truncated (CrmDuplicatesView *self)
{
  g_return_val_if_fail (CRM_IS_DUPLICATES_VIEW (self), FALSE);

  return self->truncated;
}

guint
crm_duplicates_view_get_n_pairs (CrmDuplicatesView *self)
{
  g_return_val_if_fail (CRM_IS_DUPLICATES_VIEW (self), 0);

  return self->pairs != NULL ? self->pairs->len : 0;
}

const CrmDuplicatePair *
crm_duplicates_view_get_pair (CrmDuplicatesView *self,
                              guint              index)
{
  g_return_val_if_fail (CRM_IS_DUPLICATES_VIEW (self), NULL);

  if (self->pairs == NULL || index >= self->pairs->len)
    return NULL;
  return g_ptr_array_index (self->pairs, index);
}

/* Returns: the last merge made here and not undone, or 0 */
gint64
crm_duplicates_view_get_last_merge (CrmDuplicatesView *self)
{
  g_return_val_if_fail (CRM_IS_DUPLICATES_VIEW (self), 0);

  return self->last_merge;
}
