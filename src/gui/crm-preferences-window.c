/* crm-preferences-window.c
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-fields-page.h"
#include "crm-format.h"
#include "crm-lists-page.h"
#include "crm-outcomes-page.h"
#include "crm-preferences-window.h"
#include "crm-progress-relay.h"
#include "crm-tags-page.h"

struct _CrmPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwComboRow          *style_row;
  AdwPreferencesGroup  *database_group;
  AdwActionRow         *location_row;
  GtkButton            *folder_button;
  GtkLabel             *version_label;
  GtkLabel             *clients_label;
  GtkLabel             *contacts_label;
  GtkLabel             *history_label;
  GtkLabel             *users_label;
  GtkButton            *backup_button;
  GtkWidget            *progress_row;
  GtkProgressBar       *progress_bar;

  /* Owned references */
  GSettings            *settings;
  CrmStore             *store;
  CrmProgressRelay     *relay;
  GCancellable         *counts_cancellable;
  GCancellable         *backup_cancellable;
  GtkNativeDialog      *chooser;
};

typedef struct
{
  CrmStore         *store;
  CrmProgressRelay *relay;
  GApplication     *application;
  char             *destination;
} BackupTask;

enum {
  PROP_0,
  PROP_STORE,
  PROP_BUSY,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (CrmPreferencesWindow, crm_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static GParamSpec *properties[N_PROPS];

/* The combo row lists the choices in the order of the schema's enum */
static const char * const color_schemes[] = { "default", "light", "dark" };

static gboolean
color_scheme_get_mapping (GValue   *value,
                          GVariant *variant,
                          gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (color_schemes); i++)
    {
      if (g_strcmp0 (nick, color_schemes[i]) == 0)
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  return FALSE;
}

static GVariant *
color_scheme_set_mapping (const GValue       *value,
                          const GVariantType *expected_type,
                          gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (color_schemes))
    return NULL;

  return g_variant_new_string (color_schemes[selected]);
}

static void
set_count_label (GtkLabel *label,
                 gint64    count)
{
  g_autofree char *text = crm_format_number (MAX (count, 0));

  gtk_label_set_label (label, text);
}

static void
counts_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CrmStore *store = task_data;
  g_autofree CrmStoreCounts *counts = g_new0 (CrmStoreCounts, 1);
  g_autoptr(GError) error = NULL;

  if (!crm_store_get_counts (store, counts, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&counts), g_free);
}

static void
counts_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  CrmPreferencesWindow *self = CRM_PREFERENCES_WINDOW (object);
  g_autofree CrmStoreCounts *counts = NULL;
  g_autoptr(GError) error = NULL;

  counts = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->counts_cancellable);

  if (counts == NULL)
    {
      AdwToast *toast = adw_toast_new_format (_("Could not count the records: %s"), error->message);

      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
      return;
    }

  set_count_label (self->clients_label, counts->companies);
  set_count_label (self->contacts_label, counts->contacts);
  set_count_label (self->history_label, counts->history);
  set_count_label (self->users_label, counts->users);
}

static void
crm_preferences_window_load_counts (CrmPreferencesWindow *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->counts_cancellable != NULL)
    g_cancellable_cancel (self->counts_cancellable);
  g_clear_object (&self->counts_cancellable);

  /* Counting ten million history entries takes a moment: off the main thread */
  self->counts_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->counts_cancellable, counts_cb, NULL);
  g_task_set_source_tag (task, crm_preferences_window_load_counts);
  g_task_set_name (task, "[crm-preferences-counts]");
  g_task_set_task_data (task, g_object_ref (self->store), g_object_unref);
  g_task_run_in_thread (task, counts_worker);
}

static void
crm_preferences_window_set_busy (CrmPreferencesWindow *self,
                                 GCancellable         *cancellable)
{
  if (cancellable == self->backup_cancellable)
    return;

  g_set_object (&self->backup_cancellable, cancellable);

  if (self->progress_row != NULL)
    {
      gtk_widget_set_visible (self->progress_row, cancellable != NULL);
      gtk_widget_set_sensitive (GTK_WIDGET (self->backup_button), cancellable == NULL);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
release_application_cb (gpointer data)
{
  g_application_release (data);
  g_object_unref (data);
}

static void
backup_task_free (gpointer data)
{
  BackupTask *backup = data;

  g_clear_object (&backup->store);
  g_clear_object (&backup->relay);
  g_clear_pointer (&backup->destination, g_free);

  /* Held since the backup started: a quit meanwhile waits for the copy to
   * be finished or cancelled (this may run in the worker thread). */
  if (backup->application != NULL)
    g_idle_add_once (release_application_cb, g_steal_pointer (&backup->application));

  g_free (backup);
}

static void
backup_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  BackupTask *backup = task_data;
  g_autoptr(GError) error = NULL;

  if (!crm_store_backup (backup->store, backup->destination,
                         crm_progress_relay_report, backup->relay,
                         cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
backup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  CrmPreferencesWindow *self = CRM_PREFERENCES_WINDOW (object);
  GTask *task = G_TASK (result);
  BackupTask *backup = g_task_get_task_data (task);
  const char *destination = backup->destination;
  gboolean cancelled = g_cancellable_is_cancelled (g_task_get_cancellable (task));
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (task, &error);
  crm_preferences_window_set_busy (self, NULL);

  /* The window was closed while the backup ran */
  if (self->progress_row == NULL || !gtk_widget_get_visible (GTK_WIDGET (self)))
    return;

  if (error == NULL)
    {
      g_autofree char *name = g_path_get_basename (destination);
      g_autofree char *folder = g_path_get_dirname (destination);
      AdwToast *toast;

      /* Translators: %s is the file name of the backup copy */
      toast = adw_toast_new_format (_("The database was backed up to “%s”"), name);
      adw_toast_set_timeout (toast, 10);
      adw_toast_set_button_label (toast, _("Open _Folder"));
      adw_toast_set_action_name (toast, "preferences.open-folder");
      adw_toast_set_action_target_value (toast, g_variant_new_string (folder));
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
    }
  else if (cancelled ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
           g_error_matches (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CANCELLED))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (_("The backup was cancelled")));
    }
  else
    {
      GtkWidget *dialog;

      dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                       _("Could Not Back Up the Database"),
                                       NULL);
      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), "%s\n\n%s",
                                      error->message, destination);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
on_relay_notify_cb (CrmPreferencesWindow *self,
                    GParamSpec           *pspec,
                    CrmProgressRelay     *relay)
{
  const char *phase = crm_progress_relay_get_phase (relay);

  if (self->progress_bar == NULL)
    return;

  gtk_progress_bar_set_fraction (self->progress_bar, crm_progress_relay_get_fraction (relay));
  if (phase != NULL)
    gtk_progress_bar_set_text (self->progress_bar, phase);
}

static void
on_chooser_response_cb (CrmPreferencesWindow *self,
                        int                   response,
                        GtkNativeDialog      *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);

  if (file == NULL)
    return;

  if (!(path = g_file_get_path (file)))
    {
      g_autofree char *uri = g_file_get_uri (file);
      AdwToast *toast;

      toast = adw_toast_new_format (_("Cannot write a backup to %s: choose a folder on this computer"), uri);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
      return;
    }

  crm_preferences_window_back_up_to (self, path);
}

static void
crm_preferences_window_backup_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  CrmPreferencesWindow *self = CRM_PREFERENCES_WINDOW (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (self->store == NULL || self->backup_cancellable != NULL || self->chooser != NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Back Up the Database"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Back Up"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  /* Translators: the suggested file name of a backup copy; %Y-%m-%d is the date (strftime) */
  name = g_date_time_format (now, _("Rapport backup %Y-%m-%d.db"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  self->chooser = GTK_NATIVE_DIALOG (chooser);
  g_signal_connect_object (chooser, "response",
                           G_CALLBACK (on_chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (self->chooser);
}

static void
crm_preferences_window_cancel_backup_action (GtkWidget  *widget,
                                             const char *action_name,
                                             GVariant   *parameter)
{
  CrmPreferencesWindow *self = CRM_PREFERENCES_WINDOW (widget);

  if (self->backup_cancellable != NULL)
    g_cancellable_cancel (self->backup_cancellable);
}

static void
crm_preferences_window_open_folder_action (GtkWidget  *widget,
                                           const char *action_name,
                                           GVariant   *parameter)
{
  g_autoptr(GFile) folder = g_file_new_for_path (g_variant_get_string (parameter, NULL));
  g_autofree char *uri = g_file_get_uri (folder);

  gtk_show_uri (GTK_WINDOW (widget), uri, GDK_CURRENT_TIME);
}

static void
crm_preferences_window_unrealize (GtkWidget *widget)
{
  CrmPreferencesWindow *self = CRM_PREFERENCES_WINDOW (widget);

  /* A running task keeps the window alive after it was closed, so dispose
   * would come too late to stop the backup. */
  if (self->counts_cancellable != NULL)
    g_cancellable_cancel (self->counts_cancellable);
  if (self->backup_cancellable != NULL)
    g_cancellable_cancel (self->backup_cancellable);

  GTK_WIDGET_CLASS (crm_preferences_window_parent_class)->unrealize (widget);
}

static void
crm_preferences_window_dispose (GObject *object)
{
  CrmPreferencesWindow *self = (CrmPreferencesWindow *)object;

  if (self->counts_cancellable != NULL)
    g_cancellable_cancel (self->counts_cancellable);
  if (self->backup_cancellable != NULL)
    g_cancellable_cancel (self->backup_cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_PREFERENCES_WINDOW);

  g_clear_object (&self->counts_cancellable);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (crm_preferences_window_parent_class)->dispose (object);
}

static void
crm_preferences_window_finalize (GObject *object)
{
  CrmPreferencesWindow *self = (CrmPreferencesWindow *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->relay);
  g_clear_object (&self->backup_cancellable);

  G_OBJECT_CLASS (crm_preferences_window_parent_class)->finalize (object);
}

/* A list or a field changed: the window the preferences belong to shows its
 * clients anew (their statuses, industries… and the order by status) */
static void
on_page_changed_cb (CrmPreferencesWindow *self,
                    GtkWidget            *page)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.reload-clients", NULL);
}

static void
crm_preferences_window_constructed (GObject *object)
{
  CrmPreferencesWindow *self = (CrmPreferencesWindow *)object;
  g_autofree char *version = NULL;
  g_autofree char *folder = NULL;
  GtkWidget *lists_page;
  GtkWidget *fields_page;
  GtkWidget *tags_page;
  GtkWidget *outcomes_page;

  G_OBJECT_CLASS (crm_preferences_window_parent_class)->constructed (object);

  gtk_widget_set_visible (GTK_WIDGET (self->database_group), self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.backup", self->store != NULL);

  if (self->store == NULL)
    return;

  adw_action_row_set_subtitle (self->location_row, crm_store_get_path (self->store));
  folder = g_path_get_dirname (crm_store_get_path (self->store));
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->folder_button),
                                          g_variant_new_string (folder));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->folder_button), "preferences.open-folder");
  version = g_strdup_printf ("%d", crm_store_get_schema_version (self->store));
  gtk_label_set_label (self->version_label, version);

  /* Lists and fields belong to a database: only with one open */
  lists_page = crm_lists_page_new (self->store);
  g_signal_connect_object (lists_page, "changed",
                           G_CALLBACK (on_page_changed_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (lists_page));
  fields_page = crm_fields_page_new (self->store);
  g_signal_connect_object (fields_page, "changed",
                           G_CALLBACK (on_page_changed_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (fields_page));
  tags_page = crm_tags_page_new (self->store);
  g_signal_connect_object (tags_page, "changed",
                           G_CALLBACK (on_page_changed_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (tags_page));
  outcomes_page = crm_outcomes_page_new (self->store);
  g_signal_connect_object (outcomes_page, "changed",
                           G_CALLBACK (on_page_changed_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (outcomes_page));

  crm_preferences_window_load_counts (self);
}

static void
crm_preferences_window_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  CrmPreferencesWindow *self = CRM_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, crm_preferences_window_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_preferences_window_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  CrmPreferencesWindow *self = CRM_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_preferences_window_class_init (CrmPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = crm_preferences_window_constructed;
  object_class->dispose = crm_preferences_window_dispose;
  object_class->finalize = crm_preferences_window_finalize;
  object_class->get_property = crm_preferences_window_get_property;
  object_class->set_property = crm_preferences_window_set_property;

  widget_class->unrealize = crm_preferences_window_unrealize;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CRM_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/crm-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, database_group);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, location_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, folder_button);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, version_label);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, clients_label);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, contacts_label);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, history_label);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, users_label);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, backup_button);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, progress_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, progress_bar);

  gtk_widget_class_install_action (widget_class, "preferences.backup", NULL,
                                   crm_preferences_window_backup_action);
  gtk_widget_class_install_action (widget_class, "preferences.cancel-backup", NULL,
                                   crm_preferences_window_cancel_backup_action);
  gtk_widget_class_install_action (widget_class, "preferences.open-folder", "s",
                                   crm_preferences_window_open_folder_action);
}

static void
crm_preferences_window_init (CrmPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  g_settings_bind_with_mapping (self->settings, "color-scheme",
                                self->style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                color_scheme_get_mapping,
                                color_scheme_set_mapping,
                                NULL, NULL);

  self->relay = crm_progress_relay_new ();
  g_signal_connect_object (self->relay, "notify",
                           G_CALLBACK (on_relay_notify_cb), self, G_CONNECT_SWAPPED);
}

/**
 * crm_preferences_window_new:
 * @parent: (nullable): the window the preferences belong to
 * @store: (nullable): the database that window shows, if it is open
 */
GtkWidget *
crm_preferences_window_new (GtkWindow *parent,
                            CrmStore  *store)
{
  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (!store || CRM_IS_STORE (store), NULL);

  return g_object_new (CRM_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "store", store,
                       NULL);
}

CrmStore *
crm_preferences_window_get_store (CrmPreferencesWindow *self)
{
  g_return_val_if_fail (CRM_IS_PREFERENCES_WINDOW (self), NULL);

  return self->store;
}

/**
 * crm_preferences_window_back_up_to:
 * @destination: the file to write the copy to
 *
 * Starts a backup in a thread, as the "Back Up…" button does once the user
 * picked a file. The window shows progress, then a toast or an error.
 */
void
crm_preferences_window_back_up_to (CrmPreferencesWindow *self,
                                   const char           *destination)
{
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GTask) task = NULL;
  BackupTask *backup;

  g_return_if_fail (CRM_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (destination != NULL);

  if (self->store == NULL || self->backup_cancellable != NULL)
    return;

  crm_progress_relay_reset (self->relay);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, _("Backing up"));

  cancellable = g_cancellable_new ();
  crm_preferences_window_set_busy (self, cancellable);

  task = g_task_new (self, cancellable, backup_cb, NULL);
  g_task_set_source_tag (task, crm_preferences_window_back_up_to);
  g_task_set_name (task, "[crm-preferences-backup]");
  backup = g_new0 (BackupTask, 1);
  backup->store = g_object_ref (self->store);
  backup->relay = g_object_ref (self->relay);
  backup->destination = g_strdup (destination);
  backup->application = g_application_get_default ();
  if (backup->application != NULL)
    {
      g_object_ref (backup->application);
      g_application_hold (backup->application);
    }
  g_task_set_task_data (task, backup, backup_task_free);
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, backup_worker);
}

gboolean
crm_preferences_window_get_busy (CrmPreferencesWindow *self)
{
  g_return_val_if_fail (CRM_IS_PREFERENCES_WINDOW (self), FALSE);

  return self->backup_cancellable != NULL;
}
