/* crm-dossier-print.c: printing a client's dossier and saving it as PDF
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pages are the core's (crm-dossier.c): the print operation lays the
 * dossier out at the printer's page size in "begin-print" and draws each page
 * in "draw-page"; the PDF file is written by the same code in a thread.
 */

#define G_LOG_DOMAIN "crm-dossier-print"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "crm-activity.h"
#include "crm-dossier-print.h"

static char *
local_day (GDateTime *time)
{
  return g_date_time_format (time, "%Y-%m-%d");
}

/* The period dialog */

static void
check_period (AdwMessageDialog *dialog)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  gboolean valid = crm_dossier_period_dialog_get_days (dialog, &from, &to);
  GtkWidget *from_row = g_object_get_data (G_OBJECT (dialog), "from-row");
  GtkWidget *to_row = g_object_get_data (G_OBJECT (dialog), "to-row");
  const char *response = g_object_get_data (G_OBJECT (dialog), "ok-response");

  if (crm_day_is_valid (gtk_editable_get_text (GTK_EDITABLE (from_row))))
    gtk_widget_remove_css_class (from_row, "error");
  else
    gtk_widget_add_css_class (from_row, "error");
  if (crm_day_is_valid (gtk_editable_get_text (GTK_EDITABLE (to_row))) && valid)
    gtk_widget_remove_css_class (to_row, "error");
  else
    gtk_widget_add_css_class (to_row, "error");
  adw_message_dialog_set_response_enabled (dialog, response, valid);
}

AdwMessageDialog *
crm_dossier_period_dialog_new (GtkWindow *parent,
                               gboolean   to_pdf)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) months = g_date_time_add_months (now, -12);
  g_autoptr(GDateTime) year_ago = g_date_time_add_days (months, 1);
  g_autofree char *today = local_day (now);
  g_autofree char *first = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *list;
  GtkWidget *from_row;
  GtkWidget *to_row;
  const char *response = to_pdf ? "save" : "print";

  first = local_day (year_ago);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent,
                                                       to_pdf ? _("Save Dossier as PDF") : _("Print Dossier"),
                                                       _("The dossier has the client's card, its contact persons "
                                                         "and the history of a period, the newest entry first.")));
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  from_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (from_row), _("History From (YYYY-MM-DD)"));
  gtk_editable_set_text (GTK_EDITABLE (from_row), first);
  gtk_widget_set_name (from_row, "from");
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (from_row), TRUE);
  to_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (to_row), _("To (YYYY-MM-DD)"));
  gtk_editable_set_text (GTK_EDITABLE (to_row), today);
  gtk_widget_set_name (to_row, "to");
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (to_row), TRUE);
  gtk_list_box_append (GTK_LIST_BOX (list), from_row);
  gtk_list_box_append (GTK_LIST_BOX (list), to_row);
  adw_message_dialog_set_extra_child (dialog, list);

  g_object_set_data (G_OBJECT (dialog), "from-row", from_row);
  g_object_set_data (G_OBJECT (dialog), "to-row", to_row);
  g_object_set_data (G_OBJECT (dialog), "ok-response", (gpointer)response);
  g_signal_connect_object (from_row, "changed", G_CALLBACK (check_period), dialog, G_CONNECT_SWAPPED);
  g_signal_connect_object (to_row, "changed", G_CALLBACK (check_period), dialog, G_CONNECT_SWAPPED);

  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("Cancel"),
                                    response, to_pdf ? _("Save…") : _("Print…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, response, ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, response);
  adw_message_dialog_set_close_response (dialog, "cancel");

  return dialog;
}

gboolean
crm_dossier_period_dialog_get_days (AdwMessageDialog  *dialog,
                                    char             **from,
                                    char             **to)
{
  GtkEditable *from_row = g_object_get_data (G_OBJECT (dialog), "from-row");
  GtkEditable *to_row = g_object_get_data (G_OBJECT (dialog), "to-row");
  g_autofree char *a = g_strstrip (g_strdup (gtk_editable_get_text (from_row)));
  g_autofree char *b = g_strstrip (g_strdup (gtk_editable_get_text (to_row)));

  if (!crm_day_is_valid (a) || !crm_day_is_valid (b) || strcmp (a, b) > 0)
    return FALSE;
  if (from != NULL)
    *from = g_steal_pointer (&a);
  if (to != NULL)
    *to = g_steal_pointer (&b);

  return TRUE;
}

/* Printing */

static void
on_begin_print_cb (GtkPrintOperation *operation,
                   GtkPrintContext   *context,
                   CrmDossier        *dossier)
{
  guint n_pages = crm_dossier_paginate (dossier, gtk_print_context_get_width (context),
                                        gtk_print_context_get_height (context));

  gtk_print_operation_set_n_pages (operation, (int)MAX (n_pages, 1));
}

static void
on_draw_page_cb (GtkPrintOperation *operation,
                 GtkPrintContext   *context,
                 int                page_nr,
                 CrmDossier        *dossier)
{
  if (page_nr >= 0 && (guint)page_nr < crm_dossier_get_n_pages (dossier))
    crm_dossier_draw_page (dossier, gtk_print_context_get_cairo_context (context), (guint)page_nr);
}

GtkPrintOperation *
crm_dossier_print_operation_new (CrmDossier *dossier)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autofree char *filename = crm_dossier_suggest_filename (dossier);

  /* the dossier's sizes are points, and its margins are its own */
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  if (g_str_has_suffix (filename, ".pdf"))
    filename[strlen (filename) - 4] = '\0';
  gtk_print_operation_set_job_name (operation, filename);
  g_object_set_data_full (G_OBJECT (operation), "dossier", dossier, (GDestroyNotify)crm_dossier_free);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print_cb), dossier);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page_cb), dossier);

  return operation;
}

/* Saving */

typedef struct
{
  CrmStore *store;
  gint64    client_id;
  char     *from;
  char     *to;
  char     *path;
} SaveData;

static void
save_data_free (gpointer data)
{
  SaveData *save = data;

  g_clear_object (&save->store);
  g_free (save->from);
  g_free (save->to);
  g_free (save->path);
  g_free (save);
}

static void
save_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *save = task_data;
  g_autoptr(CrmDossier) dossier = NULL;
  GError *error = NULL;

  if (!(dossier = crm_dossier_load (save->store, save->client_id, save->from, save->to, &error)) ||
      !crm_dossier_write_pdf (dossier, save->path, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_int (task, crm_dossier_get_n_pages (dossier));
}

void
crm_dossier_save_pdf_async (CrmStore            *store,
                            gint64               client_id,
                            const char          *from,
                            const char          *to,
                            GFile               *file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveData *save = g_new0 (SaveData, 1);

  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (G_IS_FILE (file));

  save->store = g_object_ref (store);
  save->client_id = client_id;
  save->from = g_strdup (from);
  save->to = g_strdup (to);
  save->path = g_file_get_path (file);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, crm_dossier_save_pdf_async);
  g_task_set_name (task, "[crm-dossier-pdf]");
  g_task_set_task_data (task, save, save_data_free);
  if (save->path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s",
                               _("The dossier can only be saved to a local file."));
      return;
    }
  g_task_run_in_thread (task, save_worker);
}

guint
crm_dossier_save_pdf_finish (GAsyncResult  *result,
                             GError       **error)
{
  gssize pages;

  g_return_val_if_fail (g_task_is_valid (result, NULL), 0);

  pages = g_task_propagate_int (G_TASK (result), error);

  return pages > 0 ? (guint)pages : 0;
}

/* The whole run: period, then the print dialog or a file */

typedef struct
{
  GtkWidget *parent;
  CrmStore  *store;
  gint64     client_id;
  gboolean   to_pdf;
  char      *from;
  char      *to;
  char      *name;
} Run;

static void
run_free (Run *run)
{
  g_clear_object (&run->parent);
  g_clear_object (&run->store);
  g_free (run->from);
  g_free (run->to);
  g_free (run->name);
  g_free (run);
}

static void
show_message (GtkWidget  *parent,
              const char *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (parent, ADW_TYPE_TOAST_OVERLAY);
  GtkRoot *root = gtk_widget_get_root (parent);

  if (overlay != NULL && gtk_widget_get_mapped (overlay))
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (text));
  else if (GTK_IS_WINDOW (root))
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (root), _("Dossier"), text);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
on_print_done_cb (GtkPrintOperation       *operation,
                  GtkPrintOperationResult  result,
                  GtkWidget               *parent)
{
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      if (error != NULL)
        show_message (parent, error->message);
    }
  g_object_unref (operation);
}

static void
print (Run *run)
{
  g_autoptr(CrmDossier) dossier = NULL;
  g_autoptr(GError) error = NULL;
  GtkPrintOperation *operation;
  GtkRoot *root = gtk_widget_get_root (run->parent);

  if (!(dossier = crm_dossier_load (run->store, run->client_id, run->from, run->to, &error)))
    {
      show_message (run->parent, error->message);
      return;
    }
  operation = crm_dossier_print_operation_new (g_steal_pointer (&dossier));
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect_object (operation, "done", G_CALLBACK (on_print_done_cb), run->parent, 0);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error) ==
      GTK_PRINT_OPERATION_RESULT_ERROR)
    show_message (run->parent, error->message);
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;
  guint n_pages = crm_dossier_save_pdf_finish (result, &error);
  g_autofree char *text = NULL;

  if (n_pages == 0)
    show_message (run->parent, error->message);
  else
    {
      /* Translators: a toast after the dossier was saved as PDF */
      text = g_strdup_printf (ngettext ("Dossier saved: %u page", "Dossier saved: %u pages", n_pages), n_pages);
      show_message (run->parent, text);
    }
  run_free (run);
}

static void
on_file_chosen_cb (GtkNativeDialog *chooser,
                   int              response,
                   Run             *run)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    {
      show_message (run->parent, _("Writing the dossier…"));
      crm_dossier_save_pdf_async (run->store, run->client_id, run->from, run->to, file, NULL, save_done_cb, run);
    }
  else
    run_free (run);
  g_object_unref (chooser);
}

static void
choose_file (Run *run)
{
  GtkRoot *root = gtk_widget_get_root (run->parent);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  chooser = gtk_file_chooser_native_new (_("Save Dossier as PDF"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("Save"), _("Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("PDF Documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  name = g_strdelimit (g_strdup (run->name ? run->name : ""), "/\\:", '-');
  {
    /* Translators: the file name offered for a client's dossier; %s is the client */
    g_autofree char *suggested = g_strdup_printf (_("Dossier - %s.pdf"), name);

    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  }
  g_signal_connect (chooser, "response", G_CALLBACK (on_file_chosen_cb), run);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_period_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       Run              *run)
{
  if (g_str_equal (response, "cancel") ||
      !crm_dossier_period_dialog_get_days (dialog, &run->from, &run->to))
    {
      run_free (run);
      return;
    }

  if (run->to_pdf)
    choose_file (run);
  else
    {
      print (run);
      run_free (run);
    }
}

void
crm_dossier_print_run (GtkWidget *parent,
                       CrmStore  *store,
                       gint64     client_id,
                       gboolean   to_pdf)
{
  g_autoptr(CrmClientSummary) summary = NULL;
  GtkRoot *root;
  AdwMessageDialog *dialog;
  Run *run;

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (CRM_IS_STORE (store));

  root = gtk_widget_get_root (parent);
  run = g_new0 (Run, 1);
  run->parent = g_object_ref (parent);
  run->store = g_object_ref (store);
  run->client_id = client_id;
  run->to_pdf = to_pdf;
  if ((summary = crm_store_load_client_summary (store, client_id, NULL)))
    run->name = g_strdup (summary->name);

  dialog = crm_dossier_period_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, to_pdf);
  g_signal_connect (dialog, "response", G_CALLBACK (on_period_response_cb), run);
  gtk_window_present (GTK_WINDOW (dialog));
}
