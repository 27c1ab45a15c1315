/* crm-export-clients.c
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-export-clients"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "crm-export-clients.h"
#include "crm-export.h"
#include "crm-vcard.h"

/* The progress of an export shows in a small window only when it takes
 * longer than this */
#define PROGRESS_DELAY_MS 400

typedef struct
{
  CrmStore         *store;
  GFile            *file;
  CrmExportFormat   format;
  char             *search;
  CrmClientFilter  *filter;
  CrmProgressRelay *relay;
  guint64           n_written;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_clear_object (&job->store);
  g_clear_object (&job->file);
  g_free (job->search);
  g_clear_object (&job->filter);
  g_clear_object (&job->relay);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(GFileOutputStream) stream = NULL;
  GError *error = NULL;
  gboolean ok;

  stream = g_file_replace (job->file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable, &error);
  if (stream == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (job->format == CRM_EXPORT_FORMAT_VCARD)
    ok = crm_vcard_export (job->store, G_OUTPUT_STREAM (stream), CRM_VCARD_3_0, job->search, job->filter,
                           &job->n_written, job->relay ? crm_progress_relay_report : NULL, job->relay,
                           cancellable, &error);
  else
    ok = crm_export_csv (job->store, G_OUTPUT_STREAM (stream),
                         job->format == CRM_EXPORT_FORMAT_CSV ? CRM_EXPORT_BOM : CRM_EXPORT_RAW,
                         job->search, job->filter, &job->n_written,
                         job->relay ? crm_progress_relay_report : NULL, job->relay,
                         cancellable, &error);

  if (!ok)
    {
      /* closing a replacing stream with a cancelled cancellable keeps the old file */
      g_autoptr(GCancellable) abandon = g_cancellable_new ();

      g_cancellable_cancel (abandon);
      if (!g_output_stream_is_closed (G_OUTPUT_STREAM (stream)))
        g_output_stream_close (G_OUTPUT_STREAM (stream), abandon, NULL);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

void
crm_export_clients_async (CrmStore            *store,
                          GFile               *file,
                          CrmExportFormat      format,
                          const char          *search,
                          CrmClientFilter     *filter,
                          CrmProgressRelay    *relay,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!filter || CRM_IS_CLIENT_FILTER (filter));

  job = g_new0 (ExportJob, 1);
  job->store = g_object_ref (store);
  job->file = g_object_ref (file);
  job->format = format;
  job->search = g_strdup (search);
  /* the list may change its filter while the thread reads this copy */
  job->filter = filter != NULL ? crm_client_filter_copy (filter) : NULL;
  job->relay = relay != NULL ? g_object_ref (relay) : NULL;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, crm_export_clients_async);
  g_task_set_task_data (task, job, export_job_free);
  g_task_run_in_thread (task, export_thread);
}

/**
 * crm_export_clients_finish:
 * @n_written: (out) (optional): the clients (or for vCards the contact
 *   persons) written
 */
gboolean
crm_export_clients_finish (GAsyncResult  *result,
                           guint64       *n_written,
                           GError       **error)
{
  ExportJob *job;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  job = g_task_get_task_data (G_TASK (result));
  if (n_written != NULL)
    *n_written = job->n_written;
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The interactive export */

typedef struct
{
  GtkWindow        *window;       /* weak */
  AdwToastOverlay  *toasts;
  CrmStore         *store;
  char             *search;
  CrmClientFilter  *filter;
  CrmExportFormat   format;
  GFile            *file;
  GCancellable     *cancellable;
  CrmProgressRelay *relay;
  GtkWidget        *progress_window;
  GtkProgressBar   *progress_bar;
  guint             progress_id;
} Run;

static void
run_free (Run *run)
{
  g_clear_weak_pointer (&run->window);
  g_clear_object (&run->toasts);
  g_clear_object (&run->store);
  g_free (run->search);
  g_clear_object (&run->filter);
  g_clear_object (&run->file);
  g_clear_object (&run->cancellable);
  g_clear_object (&run->relay);
  g_clear_handle_id (&run->progress_id, g_source_remove);
  if (run->progress_window != NULL)
    gtk_window_destroy (GTK_WINDOW (run->progress_window));
  g_free (run);
}

static void
on_open_folder_cb (AdwToast *toast,
                   gpointer  user_data)
{
  GtkWidget *window = g_object_get_data (G_OBJECT (toast), "window");
  GFile *folder = g_object_get_data (G_OBJECT (toast), "folder");
  g_autofree char *uri = g_file_get_uri (folder);

  gtk_show_uri (GTK_WINDOW (window), uri, GDK_CURRENT_TIME);
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  guint64 n_written = 0;
  AdwToast *toast;

  if (!crm_export_clients_finish (result, &n_written, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast = adw_toast_new (_("Export cancelled"));
      else
        {
          /* Translators: %s says why an export failed */
          title = g_strdup_printf (_("Could not export: %s"), error->message);
          toast = adw_toast_new (title);
          adw_toast_set_timeout (toast, 10);
        }
    }
  else
    {
      g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, n_written);
      gulong n = n_written > G_MAXULONG ? G_MAXULONG : (gulong) n_written;
      g_autoptr(GFile) folder = g_file_get_parent (run->file);

      if (run->format == CRM_EXPORT_FORMAT_VCARD)
        /* Translators: %s is a number */
        title = g_strdup_printf (ngettext ("Exported %s contact person", "Exported %s contact persons", n), count);
      else
        /* Translators: %s is a number */
        title = g_strdup_printf (ngettext ("Exported %s client", "Exported %s clients", n), count);
      toast = adw_toast_new (title);
      adw_toast_set_timeout (toast, 8);
      if (folder != NULL && run->window != NULL)
        {
          adw_toast_set_button_label (toast, _("Open Folder"));
          g_object_set_data (G_OBJECT (toast), "window", run->window);
          g_object_set_data_full (G_OBJECT (toast), "folder", g_steal_pointer (&folder), g_object_unref);
          g_signal_connect (toast, "button-clicked", G_CALLBACK (on_open_folder_cb), NULL);
        }
    }

  adw_toast_overlay_add_toast (run->toasts, toast);
  run_free (run);
}

static void
on_progress_cb (Run              *run,
                GParamSpec       *pspec,
                CrmProgressRelay *relay)
{
  if (run->progress_bar != NULL)
    gtk_progress_bar_set_fraction (run->progress_bar, crm_progress_relay_get_fraction (relay));
}

static void
on_progress_cancel_cb (GtkButton *button,
                       Run       *run)
{
  g_cancellable_cancel (run->cancellable);
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
}

static gboolean
on_progress_close_request_cb (GtkWindow *window,
                              Run       *run)
{
  /* closing the progress window cancels; it goes when the thread is done */
  g_cancellable_cancel (run->cancellable);
  return TRUE;
}

static void
show_progress_cb (gpointer data)
{
  Run *run = data;
  GtkWidget *box, *title, *bar, *button;

  run->progress_id = 0;

  run->progress_window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (run->progress_window), _("Exporting Clients"));
  gtk_window_set_modal (GTK_WINDOW (run->progress_window), TRUE);
  gtk_window_set_resizable (GTK_WINDOW (run->progress_window), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (run->progress_window), 360, -1);
  if (run->window != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (run->progress_window), run->window);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_start (box, 24);
  gtk_widget_set_margin_end (box, 24);
  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);

  title = gtk_label_new (_("Exporting Clients…"));
  gtk_widget_add_css_class (title, "title-4");
  gtk_box_append (GTK_BOX (box), title);

  bar = gtk_progress_bar_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Export progress"), -1);
  gtk_box_append (GTK_BOX (box), bar);
  run->progress_bar = GTK_PROGRESS_BAR (bar);

  button = gtk_button_new_with_label (_("Cancel"));
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "pill");
  g_signal_connect (button, "clicked", G_CALLBACK (on_progress_cancel_cb), run);
  gtk_box_append (GTK_BOX (box), button);

  adw_window_set_content (ADW_WINDOW (run->progress_window), box);
  g_signal_connect (run->progress_window, "close-request", G_CALLBACK (on_progress_close_request_cb), run);
  on_progress_cb (run, NULL, run->relay);
  gtk_window_present (GTK_WINDOW (run->progress_window));
}

/* The file gets the extension of the format picked after its name was typed */
static GFile *
file_for_format (GFile           *file,
                 CrmExportFormat  format)
{
  g_autofree char *path = g_file_get_path (file);
  const char *wanted = format == CRM_EXPORT_FORMAT_VCARD ? ".vcf" : ".csv";
  const char *other = format == CRM_EXPORT_FORMAT_VCARD ? ".csv" : ".vcf";
  g_autofree char *stem = NULL;
  g_autofree char *fixed = NULL;

  if (path == NULL || !g_str_has_suffix (path, other))
    return g_object_ref (file);

  stem = g_strndup (path, strlen (path) - strlen (other));
  fixed = g_strconcat (stem, wanted, NULL);
  return g_file_new_for_path (fixed);
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        Run             *run)
{
  g_autoptr(GFile) file = NULL;
  const char *choice;

  if (response != GTK_RESPONSE_ACCEPT || run->window == NULL)
    {
      g_object_unref (chooser);
      run_free (run);
      return;
    }

  choice = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "format");
  if (g_strcmp0 (choice, "raw") == 0)
    run->format = CRM_EXPORT_FORMAT_CSV_RAW;
  else if (g_strcmp0 (choice, "vcard") == 0)
    run->format = CRM_EXPORT_FORMAT_VCARD;
  else
    run->format = CRM_EXPORT_FORMAT_CSV;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  run->file = file_for_format (file, run->format);
  g_object_unref (chooser);

  run->cancellable = g_cancellable_new ();
  run->relay = crm_progress_relay_new ();
  g_signal_connect_swapped (run->relay, "notify::fraction", G_CALLBACK (on_progress_cb), run);
  run->progress_id = g_timeout_add_once (PROGRESS_DELAY_MS, show_progress_cb, run);

  crm_export_clients_async (run->store, run->file, run->format, run->search, run->filter, run->relay,
                            run->cancellable, export_done_cb, run);
}

void
crm_export_clients_run (GtkWindow       *window,
                        AdwToastOverlay *toasts,
                        CrmStore        *store,
                        const char      *search,
                        CrmClientFilter *filter)
{
  GtkFileChooserNative *chooser;
  const char *options[] = { "csv", "raw", "vcard", NULL };
  const char *labels[] = {
    _("CSV for spreadsheets"),
    _("CSV for a re-import (values as they are)"),
    _("vCard (contact persons)"),
    NULL
  };
  Run *run;

  g_return_if_fail (GTK_IS_WINDOW (window));
  g_return_if_fail (ADW_IS_TOAST_OVERLAY (toasts));
  g_return_if_fail (CRM_IS_STORE (store));

  run = g_new0 (Run, 1);
  g_set_weak_pointer (&run->window, window);
  run->toasts = g_object_ref (toasts);
  run->store = g_object_ref (store);
  run->search = g_strdup (search);
  run->filter = filter != NULL ? crm_client_filter_copy (filter) : NULL;

  chooser = gtk_file_chooser_native_new (_("Export Clients"), window, GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "clients.csv");
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "format", _("Format"), options, labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "format", "csv");
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), run);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
