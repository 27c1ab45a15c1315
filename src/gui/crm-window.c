/* crm-window.c
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-window"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-clients-page.h"
#include "control/crm-control-view.h"
#include "crm-duplicates-view.h"
#include "crm-export-clients.h"
#include "crm-format.h"
#include "crm-import-window.h"
#include "crm-welcome-page.h"
#include "crm-new-client-dialog.h"
#include "crm-profile.h"
#include "crm-segments.h"
#include "crm-window.h"

/* One window shows one database. Its pages, in the order a start goes
 * through them: "loading" while the store opens in a thread, "error" when it
 * cannot be opened, "welcome" on a new database, "main" for the sections. */
struct _CrmWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwStatusPage        *error_page;
  CrmWelcomePage       *welcome_page;
  AdwLeaflet           *leaflet;
  GtkListBox           *sections_list;
  GtkStack             *section_stack;
  AdwWindowTitle       *content_title;
  CrmClientsPage       *clients_page;
  CrmControlView       *control_view;

  /* Owned references */
  GSettings            *settings;
  CrmStore             *store;
  GCancellable         *cancellable;
  GCancellable         *segments_cancellable;

  char                 *database_path;
  gint64                active_segment;
};

typedef struct
{
  CrmStore *store;
  gint64    n_clients;
  gboolean  welcome_done;
} OpenResult;

enum {
  PROP_0,
  PROP_DATABASE_PATH,
  PROP_STORE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (CrmWindow, crm_window, ADW_TYPE_APPLICATION_WINDOW)

static GParamSpec *properties[N_PROPS];

static void crm_window_reload_segments (CrmWindow *self);

static void
open_result_free (gpointer data)
{
  OpenResult *result = data;

  g_clear_object (&result->store);
  g_free (result);
}

static void
crm_window_update_actions (CrmWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->main_stack);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search",
                                 g_strcmp0 (page, "main") == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.create-sample",
                                 g_strcmp0 (page, "main") == 0 && self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reopen",
                                 g_strcmp0 (page, "error") == 0);
  /* also from the welcome page: a new client is a way to start an empty base */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import",
                                 g_strcmp0 (page, "main") == 0 && self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export",
                                 g_strcmp0 (page, "main") == 0 && self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.find-duplicates",
                                 g_strcmp0 (page, "main") == 0 && self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-client",
                                 (g_strcmp0 (page, "main") == 0 || g_strcmp0 (page, "welcome") == 0) &&
                                 self->store != NULL);
}

static void
crm_window_set_page (CrmWindow  *self,
                     const char *page)
{
  gtk_stack_set_visible_child_name (self->main_stack, page);
  crm_window_update_actions (self);
}

static void
crm_window_show_main (CrmWindow *self)
{
  if (crm_clients_page_get_store (self->clients_page) == self->store)
    crm_clients_page_reload (self->clients_page);
  else
    crm_clients_page_set_store (self->clients_page, self->store);

  crm_window_set_page (self, "main");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  crm_clients_page_focus_search (self->clients_page);
  crm_window_reload_segments (self);
}

static void
crm_window_show_error (CrmWindow    *self,
                       const GError *error)
{
  g_autofree char *message = g_markup_escape_text (error->message, -1);
  g_autofree char *path = g_markup_escape_text (self->database_path, -1);
  g_autofree char *description = NULL;

  /* Translators: the first %s is why a database could not be opened, the second its file name */
  description = g_strdup_printf (_("%s\n\nDatabase: %s"), message, path);
  adw_status_page_set_description (self->error_page, description);
  crm_window_set_page (self, "error");
}

static void
crm_window_show_toast (CrmWindow  *self,
                       const char *title,
                       guint       timeout)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, timeout);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
crm_window_show_details_toast (CrmWindow  *self,
                               const char *title,
                               const char *action_name)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 0);
  adw_toast_set_button_label (toast, _("Details"));
  adw_toast_set_action_name (toast, action_name);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
crm_window_storage_warning_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);
  AdwMessageDialog *dialog;

  if (self->store == NULL || crm_store_get_warning (self->store) == NULL)
    return;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Network Filesystem"),
                                                       crm_store_get_warning (self->store)));
  adw_message_dialog_add_response (dialog, "close", _("Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *welcome_done = NULL;
  OpenResult *result;
  gint64 n_clients;

  if (!(store = crm_store_open_full (path, CRM_STORE_OPEN_DEFAULT, NULL, &error)) ||
      (n_clients = crm_store_count_clients (store, &error)) < 0 ||
      error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  welcome_done = crm_store_get_setting (store, "welcome-done");

  result = g_new0 (OpenResult, 1);
  result->store = g_steal_pointer (&store);
  result->n_clients = n_clients;
  result->welcome_done = g_strcmp0 (welcome_done, "1") == 0;
  g_task_return_pointer (task, result, open_result_free);
}

static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  CrmWindow *self = CRM_WINDOW (object);
  OpenResult *opened;
  g_autoptr(GError) error = NULL;
  const char *warning;
  const char *backup_path;

  opened = g_task_propagate_pointer (G_TASK (result), &error);
  crm_profile_mark ("database opened");

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);

  if (opened == NULL)
    {
      crm_window_show_error (self, error);
      return;
    }

  g_set_object (&self->store, opened->store);
  crm_welcome_page_set_store (self->welcome_page, self->store);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);

  /* The whole warning is too long for a toast: it opens from "Details" */
  if ((warning = crm_store_get_warning (self->store)) != NULL)
    crm_window_show_details_toast (self, _("The database is on a network filesystem: opened in the slower "
                                           "rollback-journal mode"), "win.storage-warning");

  if ((backup_path = crm_store_get_backup_path (self->store)) != NULL)
    {
      g_autofree char *title = NULL;

      /* Translators: %s is the file name of a copy of the database */
      title = g_strdup_printf (_("The database was upgraded. A copy of the old one is in %s"),
                               backup_path);
      crm_window_show_toast (self, title, 10);
    }

  if (opened->n_clients == 0 && !opened->welcome_done)
    crm_window_set_page (self, "welcome");
  else
    crm_window_show_main (self);

  open_result_free (opened);
}

static void
crm_window_open_store (CrmWindow *self)
{
  g_autoptr(GTask) task = NULL;

  g_assert (self->cancellable == NULL);

  crm_window_set_page (self, "loading");

  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, open_cb, NULL);
  g_task_set_source_tag (task, crm_window_open_store);
  g_task_set_name (task, "[crm-window-open]");
  g_task_set_task_data (task, g_strdup (self->database_path), g_free);
  g_task_run_in_thread (task, open_worker);
}

static void
on_welcome_page_finished_cb (CrmWindow      *self,
                             gboolean        with_sample,
                             CrmWelcomePage *page)
{
  crm_window_show_main (self);

  if (with_sample)
    {
      CrmClientList *list = crm_clients_page_get_list (self->clients_page);
      g_autofree char *count = NULL;
      g_autofree char *title = NULL;
      guint n_items = 0;

      if (list != NULL)
        n_items = g_list_model_get_n_items (G_LIST_MODEL (list));
      count = crm_format_number (n_items);
      /* Translators: %s is a number of clients, e.g. "2,000" */
      title = g_strdup_printf (ngettext ("The sample database is ready: %s client",
                                         "The sample database is ready: %s clients",
                                         n_items),
                               count);
      crm_window_show_toast (self, title, 5);
    }
}

/* Segments: saved filters, listed under "Clients" in the sidebar. Their
 * counts are one query each over the whole base, so they are made in a
 * thread. */

static void
on_delete_segment_response_cb (AdwMessageDialog *dialog,
                               const char       *response,
                               CrmWindow        *self)
{
  gint64 id = *(gint64 *)g_object_get_data (G_OBJECT (dialog), "segment-id");
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "delete") || self->store == NULL)
    return;

  if (!crm_store_delete_segment (self->store, id, &error))
    {
      crm_window_show_toast (self, error->message, 5);
      return;
    }

  if (self->active_segment == id)
    {
      /* its filter stays applied, as chips, under the plain title */
      self->active_segment = 0;
      adw_window_title_set_title (self->content_title, _("Clients"));
    }
  crm_window_reload_segments (self);
}

static void
on_delete_segment_clicked_cb (CrmWindow *self,
                              GtkButton *button)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);
  const char *name = g_object_get_data (G_OBJECT (row), "segment-name");
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;

  /* Translators: %s is the name of a saved filter of the client list */
  heading = g_strdup_printf (_("Delete Segment “%s”?"), name);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading,
                                                       _("Only the saved filters are deleted; the clients stay.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "segment-id",
                          g_memdup2 (g_object_get_data (G_OBJECT (row), "segment-id"), sizeof (gint64)),
                          g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_segment_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The count beside a segment's name, and the row's accessible name with it */
static void
segment_row_set_count (GtkWidget        *row,
                       const CrmSegment *segment)
{
  GtkLabel *count = g_object_get_data (G_OBJECT (row), "segment-count");
  g_autofree char *number = NULL;
  g_autofree char *label = NULL;

  if (segment->n_clients >= 0)
    {
      number = crm_format_number (segment->n_clients);
      gtk_label_set_label (count, number);
      /* Translators: a row of the sidebar: a segment's name and how many clients it has */
      label = g_strdup_printf (ngettext ("Segment %s, %s client", "Segment %s, %s clients",
                                         segment->n_clients),
                               segment->name, number);
    }
  else
    {
      gtk_label_set_label (count, "");
      /* Translators: a row of the sidebar; %s is the name of a segment */
      label = g_strdup_printf (_("Segment %s"), segment->name);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static GtkWidget *
segment_row_new (CrmWindow        *self,
                 const CrmSegment *segment)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *name = gtk_label_new (segment->name);
  GtkWidget *count = gtk_label_new (NULL);
  GtkWidget *delete = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *delete_label = NULL;
  gint64 *id = g_new (gint64, 1);

  *id = segment->id;
  gtk_widget_set_name (row, "segment");
  g_object_set_data_full (G_OBJECT (row), "segment-id", id, g_free);
  g_object_set_data_full (G_OBJECT (row), "segment-name", g_strdup (segment->name), g_free);

  gtk_widget_set_margin_start (name, 30);
  gtk_widget_set_name (name, "segment-name");
  gtk_widget_set_hexpand (name, TRUE);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  /* A long name asks for little width, so it ellipsizes beside the count
   * and the delete button instead of widening the sidebar; the label still
   * fills what the sidebar has (hexpand) */
  gtk_label_set_max_width_chars (GTK_LABEL (name), 12);
  gtk_widget_set_tooltip_text (name, segment->name);

  gtk_widget_set_name (count, "segment-count");
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");

  gtk_widget_add_css_class (delete, "flat");
  gtk_widget_add_css_class (delete, "circular");
  gtk_widget_set_valign (delete, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (delete, _("Delete Segment"));
  /* Translators: the accessible name of a button; %s is the name of a segment */
  delete_label = g_strdup_printf (_("Delete segment %s"), segment->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (delete),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, delete_label,
                                  -1);
  g_signal_connect_object (delete, "clicked", G_CALLBACK (on_delete_segment_clicked_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), count);
  gtk_box_append (GTK_BOX (box), delete);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "segment-count", count);
  segment_row_set_count (row, segment);

  return row;
}

static void
list_segments_worker (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  GPtrArray *segments;
  GError *error = NULL;

  if ((segments = crm_store_list_segments (task_data, TRUE, &error)))
    g_task_return_pointer (task, segments, (GDestroyNotify)g_ptr_array_unref);
  else
    g_task_return_error (task, error);
}

static void
list_segments_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  CrmWindow *self = CRM_WINDOW (object);
  g_autoptr(GPtrArray) segments = NULL;
  g_autoptr(GError) error = NULL;
  GtkListBoxRow *row;
  GtkListBoxRow *active = NULL;

  segments = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_task_get_cancellable (G_TASK (result)) != self->segments_cancellable)
    return;
  g_clear_object (&self->segments_cancellable);

  if (segments == NULL)
    {
      crm_window_show_toast (self, error->message, 5);
      return;
    }

  /* The same segments: only their counts change, and the selection stays */
  {
    guint same = 0;

    for (guint i = 0; i < segments->len; i++)
      {
        CrmSegment *segment = g_ptr_array_index (segments, i);
        GtkListBoxRow *old = gtk_list_box_get_row_at_index (self->sections_list, (int)i + 1);
        gint64 *old_id = old != NULL ? g_object_get_data (G_OBJECT (old), "segment-id") : NULL;

        if (old_id == NULL || *old_id != segment->id ||
            g_strcmp0 (g_object_get_data (G_OBJECT (old), "segment-name"), segment->name) != 0)
          break;
        same++;
      }
    row = gtk_list_box_get_row_at_index (self->sections_list, (int)segments->len + 1);
    if (same == segments->len &&
        (row == NULL || !g_str_equal (gtk_widget_get_name (GTK_WIDGET (row)), "segment")))
      {
        for (guint i = 0; i < segments->len; i++)
          segment_row_set_count (GTK_WIDGET (gtk_list_box_get_row_at_index (self->sections_list, (int)i + 1)),
                                 g_ptr_array_index (segments, i));
        return;
      }
  }

  /* Row 0 is "Clients"; the segments follow it, then "Control" */
  while ((row = gtk_list_box_get_row_at_index (self->sections_list, 1)) != NULL &&
         g_str_equal (gtk_widget_get_name (GTK_WIDGET (row)), "segment"))
    gtk_list_box_remove (self->sections_list, GTK_WIDGET (row));

  for (guint i = 0; i < segments->len; i++)
    {
      CrmSegment *segment = g_ptr_array_index (segments, i);
      GtkWidget *segment_row = segment_row_new (self, segment);

      gtk_list_box_insert (self->sections_list, segment_row, (int)i + 1);
      if (segment->id == self->active_segment)
        active = GTK_LIST_BOX_ROW (segment_row);
    }

  if (active == NULL)
    {
      self->active_segment = 0;
      active = gtk_list_box_get_row_at_index (self->sections_list, 0);
    }
  gtk_list_box_select_row (self->sections_list, active);
}

static void
crm_window_reload_segments (CrmWindow *self)
{
  g_autoptr(GTask) task = NULL;

  g_cancellable_cancel (self->segments_cancellable);
  g_clear_object (&self->segments_cancellable);

  if (self->store == NULL)
    return;

  self->segments_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->segments_cancellable, list_segments_cb, NULL);
  g_task_set_source_tag (task, crm_window_reload_segments);
  g_task_set_name (task, "[crm-window-segments]");
  g_task_set_task_data (task, g_object_ref (self->store), g_object_unref);
  g_task_run_in_thread (task, list_segments_worker);
}

static void
on_segment_created_cb (CrmWindow    *self,
                       gint64        id,
                       CrmFilterBar *bar)
{
  self->active_segment = id;
  crm_window_reload_segments (self);
  crm_window_show_toast (self, _("Segment saved"), 3);
}

static void
on_sections_list_row_activated_cb (CrmWindow     *self,
                                   GtkListBoxRow *row,
                                   GtkListBox    *list)
{
  const char *name = gtk_widget_get_name (GTK_WIDGET (row));

  if (g_str_equal (name, "segment"))
    {
      gint64 id = *(gint64 *)g_object_get_data (G_OBJECT (row), "segment-id");
      g_autoptr(CrmClientFilter) filter = NULL;
      g_autoptr(GError) error = NULL;

      if (self->store == NULL)
        return;
      if (!(filter = crm_store_load_segment (self->store, id, &error)))
        {
          crm_window_show_toast (self, error->message, 5);
          return;
        }
      self->active_segment = id;
      crm_clients_page_set_filter (self->clients_page, filter);
      name = "clients";
    }
  else if (g_str_equal (name, "clients") && self->active_segment != 0)
    {
      /* back from a segment to the whole list */
      self->active_segment = 0;
      crm_clients_page_set_filter (self->clients_page, NULL);
    }
  else if (g_str_equal (name, "control"))
    {
      /* the manager's figures: loaded (in a thread) each time they are shown */
      if (crm_control_view_get_store (self->control_view) != self->store)
        crm_control_view_set_store (self->control_view, self->store);
      else
        crm_control_view_reload (self->control_view);
    }

  /* a segment's list is titled by the segment */
  if (g_str_equal (gtk_widget_get_name (GTK_WIDGET (row)), "segment"))
    adw_window_title_set_title (self->content_title, g_object_get_data (G_OBJECT (row), "segment-name"));
  else
    adw_window_title_set_title (self->content_title, g_str_equal (name, "control") ? _("Control") : _("Clients"));
  gtk_stack_set_visible_child_name (self->section_stack, name);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_back_button_clicked_cb (CrmWindow *self,
                           GtkButton *button)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
crm_window_search_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);

  gtk_stack_set_visible_child_name (self->section_stack, "clients");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  crm_clients_page_focus_search (self->clients_page);
}

static void
on_new_client_created_cb (CrmWindow          *self,
                          gint64              id,
                          CrmNewClientDialog *dialog)
{
  g_autoptr(CrmClientSummary) summary = NULL;
  g_autofree char *title = NULL;

  crm_clients_page_reload (self->clients_page);
  crm_clients_page_show_client (self->clients_page, id);
  crm_window_reload_segments (self);

  if ((summary = crm_store_load_client_summary (self->store, id, NULL)))
    {
      /* Translators: %s is the name of a client */
      title = g_strdup_printf (_("Client “%s” created"), summary->name);
      crm_window_show_toast (self, title, 5);
    }
}

static void
on_new_client_open_cb (CrmWindow          *self,
                       gint64              id,
                       CrmNewClientDialog *dialog)
{
  crm_clients_page_show_client (self->clients_page, id);
}

static void
crm_window_new_client_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);
  GtkWidget *dialog;

  if (self->store == NULL)
    return;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "main") != 0)
    crm_window_show_main (self);
  gtk_stack_set_visible_child_name (self->section_stack, "clients");
  dialog = crm_new_client_dialog_new (GTK_WINDOW (self), self->store);
  g_signal_connect_object (dialog, "client-created", G_CALLBACK (on_new_client_created_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "open-client", G_CALLBACK (on_new_client_open_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
crm_window_create_sample_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);

  crm_window_set_page (self, "welcome");
  gtk_widget_activate_action (GTK_WIDGET (self->welcome_page), "welcome.create-sample", NULL);
}

static void
crm_window_reopen_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);

  if (self->cancellable == NULL)
    crm_window_open_store (self);
}

static void
crm_window_import_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);

  if (self->store != NULL)
    gtk_window_present (GTK_WINDOW (crm_import_window_new (GTK_WINDOW (self), self->store)));
}

/* Exports what the client list shows: its search within its filter */
static void
crm_window_export_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);
  CrmClientList *list = crm_clients_page_get_list (self->clients_page);

  if (self->store != NULL)
    crm_export_clients_run (GTK_WINDOW (self), self->toast_overlay, self->store,
                            list != NULL ? crm_client_list_get_search (list) : NULL,
                            crm_clients_page_get_filter (self->clients_page));
}

static void
crm_window_find_duplicates_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);

  if (self->store != NULL)
    gtk_window_present (GTK_WINDOW (crm_duplicates_view_new (GTK_WINDOW (self), self->store)));
}

/* Preferences changed a dictionary or a field: show the clients anew */
static void
crm_window_reload_clients_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);

  if (self->store != NULL && crm_clients_page_get_store (self->clients_page) == self->store)
    {
      crm_clients_page_reload (self->clients_page);
      crm_window_reload_segments (self);
    }
}

static gboolean
crm_window_close_request (GtkWindow *window)
{
  CrmWindow *self = CRM_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);

  g_settings_delay (self->settings);
  if (!gtk_window_is_maximized (window))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (crm_window_parent_class)->close_request (window);
}

static void
crm_window_constructed (GObject *object)
{
  CrmWindow *self = (CrmWindow *)object;
  g_autofree char *basename = NULL;

  G_OBJECT_CLASS (crm_window_parent_class)->constructed (object);

  g_assert (self->database_path != NULL);

  basename = g_path_get_basename (self->database_path);
  adw_window_title_set_subtitle (self->content_title, basename);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->content_title), self->database_path);

  crm_window_open_store (self);
}

static void
crm_window_dispose (GObject *object)
{
  CrmWindow *self = (CrmWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->segments_cancellable);
  g_clear_object (&self->segments_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_WINDOW);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (crm_window_parent_class)->dispose (object);
}

static void
crm_window_finalize (GObject *object)
{
  CrmWindow *self = (CrmWindow *)object;

  g_clear_pointer (&self->database_path, g_free);

  G_OBJECT_CLASS (crm_window_parent_class)->finalize (object);
}

static void
crm_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CrmWindow *self = CRM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      g_value_set_string (value, self->database_path);
      break;

    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  CrmWindow *self = CRM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      self->database_path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_window_class_init (CrmWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = crm_window_constructed;
  object_class->dispose = crm_window_dispose;
  object_class->finalize = crm_window_finalize;
  object_class->get_property = crm_window_get_property;
  object_class->set_property = crm_window_set_property;

  window_class->close_request = crm_window_close_request;

  properties[PROP_DATABASE_PATH] =
    g_param_spec_string ("database-path", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CRM_TYPE_STORE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/crm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, sections_list);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, section_stack);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, clients_page);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, control_view);
  gtk_widget_class_bind_template_callback (widget_class, on_welcome_page_finished_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sections_list_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_back_button_clicked_cb);

  gtk_widget_class_install_action (widget_class, "win.search", NULL, crm_window_search_action);
  gtk_widget_class_install_action (widget_class, "win.new-client", NULL, crm_window_new_client_action);
  gtk_widget_class_install_action (widget_class, "win.create-sample", NULL,
                                   crm_window_create_sample_action);
  gtk_widget_class_install_action (widget_class, "win.reopen", NULL, crm_window_reopen_action);
  gtk_widget_class_install_action (widget_class, "win.reload-clients", NULL,
                                   crm_window_reload_clients_action);
  gtk_widget_class_install_action (widget_class, "win.storage-warning", NULL,
                                   crm_window_storage_warning_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, crm_window_import_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, crm_window_export_action);
  gtk_widget_class_install_action (widget_class, "win.find-duplicates", NULL,
                                   crm_window_find_duplicates_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.new-client", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);

  g_type_ensure (CRM_TYPE_CLIENTS_PAGE);
  g_type_ensure (CRM_TYPE_CONTROL_VIEW);
  g_type_ensure (CRM_TYPE_WELCOME_PAGE);
}

static void
crm_window_init (CrmWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  gtk_list_box_select_row (self->sections_list,
                           gtk_list_box_get_row_at_index (self->sections_list, 0));
  g_signal_connect_object (crm_clients_page_get_filter_bar (self->clients_page), "segment-created",
                           G_CALLBACK (on_segment_created_cb), self, G_CONNECT_SWAPPED);
  /* a client edited or deleted may change the segments' counts */
  g_signal_connect_object (self->clients_page, "clients-changed",
                           G_CALLBACK (crm_window_reload_segments), self, G_CONNECT_SWAPPED);

  crm_window_update_actions (self);
}

/**
 * crm_window_new:
 * @application: (nullable): the application
 * @database_path: the database to open
 *
 * Returns: (transfer none): a window that starts opening @database_path
 */
CrmWindow *
crm_window_new (GtkApplication *application,
                const char     *database_path)
{
  g_return_val_if_fail (!application || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (database_path != NULL, NULL);

  return g_object_new (CRM_TYPE_WINDOW,
                       "application", application,
                       "database-path", database_path,
                       NULL);
}

const char *
crm_window_get_database_path (CrmWindow *self)
{
  g_return_val_if_fail (CRM_IS_WINDOW (self), NULL);

  return self->database_path;
}

/**
 * crm_window_get_store:
 *
 * Returns: (transfer none) (nullable): the open database, or %NULL while it
 *   opens or when it could not be opened
 */
CrmStore *
crm_window_get_store (CrmWindow *self)
{
  g_return_val_if_fail (CRM_IS_WINDOW (self), NULL);

  return self->store;
}

/**
 * crm_window_get_page:
 *
 * Returns: what the window shows: "loading", "error", "welcome" or "main"
 */
const char *
crm_window_get_page (CrmWindow *self)
{
  g_return_val_if_fail (CRM_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->main_stack);
}

void
crm_window_add_toast (CrmWindow *self,
                      AdwToast  *toast)
{
  g_return_if_fail (CRM_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
