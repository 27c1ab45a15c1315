/* crm-documents-section.c: a client's documents, on the client card
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lists the client's documents (name, type, size, date, who added them)
 * and attaches, opens, saves and deletes them. Attaching and logging
 * e-mails run in a worker thread with a progress bar; the store is safe
 * to use from there.
 */

#define G_LOG_DOMAIN "crm-documents-section"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "crm-documents-section.h"
#include "crm-documents.h"
#include "crm-eml.h"
#include "crm-format.h"
#include "crm-progress-relay.h"
#include "crm-window.h"

struct _CrmDocumentsSection
{
  AdwPreferencesGroup  parent_instance;

  /* template */
  GtkListBox          *list_box;
  GtkWidget           *progress_box;
  GtkLabel            *progress_label;
  GtkProgressBar      *progress_bar;

  CrmStore            *store;
  gint64               client_id;
  GPtrArray           *documents;      /* CrmDocument*, as listed */
  GCancellable        *cancellable;    /* the running attach, or NULL */
  CrmProgressRelay    *relay;
  gint64               undo_id;        /* the last deleted document */
  GtkFileChooserNative *chooser;
  gboolean             disposed;       /* a worker may finish after dispose */
};

G_DEFINE_FINAL_TYPE (CrmDocumentsSection, crm_documents_section, ADW_TYPE_PREFERENCES_GROUP)

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_toast (CrmDocumentsSection *self,
            AdwToast            *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else if (CRM_IS_WINDOW (root))
    crm_window_add_toast (CRM_WINDOW (root), toast);
  else
    g_object_unref (toast);
}

static void
show_message (CrmDocumentsSection *self,
              const char          *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 6);
  show_toast (self, toast);
}

static CrmDocument *
find_document (CrmDocumentsSection *self,
               gint64               id)
{
  for (guint i = 0; self->documents != NULL && i < self->documents->len; i++)
    {
      CrmDocument *document = g_ptr_array_index (self->documents, i);

      if (document->id == id)
        return document;
    }

  return NULL;
}

/* The list */

static GtkWidget *
row_button (const char  *icon_name,
            const char  *tooltip,
            const char  *accessible_format,
            const char  *name,
            const char  *action,
            gint64       id)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);
  g_autofree char *accessible = g_strdup_printf (accessible_format, name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (id));

  return button;
}

static GtkWidget *
document_row (CrmDocument *document)
{
  g_autofree char *type = g_content_type_from_mime_type (document->mime_type);
  g_autofree char *description = type != NULL ? g_content_type_get_description (type) : NULL;
  g_autoptr(GIcon) icon = type != NULL ? g_content_type_get_symbolic_icon (type) : NULL;
  g_autofree char *size = g_format_size (document->size);
  g_autofree char *date = crm_format_date (document->added_at);
  g_autofree char *when = crm_format_date_time (document->added_at);
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *image;

  if (document->added_by != NULL)
    /* Translators: a document's details: its type, size, when and by whom it was added,
     * e.g. "PDF document · 1.2 MB · Nov 27, 2026 · Anna Smirnova" */
    subtitle = g_strdup_printf (_("%s · %s · %s · %s"), description ? description : document->mime_type,
                                size, date, document->added_by);
  else
    /* Translators: a document's type, size and when it was added */
    subtitle = g_strdup_printf (_("%s · %s · %s"), description ? description : document->mime_type,
                                size, date);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), document->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  {
    /* Translators: a document's tooltip: its name, then when it was added */
    g_autofree char *tooltip = g_strdup_printf (_("%s, added %s"), document->name, when);

    gtk_widget_set_tooltip_text (row, tooltip);
  }

  if (icon == NULL)
    icon = g_themed_icon_new ("text-x-generic-symbolic");
  image = gtk_image_new_from_gicon (icon);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), image);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button ("document-open-symbolic", _("Open"),
                                         /* Translators: an accessible name; %s is a file name */
                                         _("Open %s"), document->name, "documents.open", document->id));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button ("document-save-as-symbolic", _("Save a Copy…"),
                                         /* Translators: an accessible name; %s is a file name */
                                         _("Save a copy of %s"), document->name, "documents.save-copy",
                                         document->id));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button ("user-trash-symbolic", _("Delete"),
                                         /* Translators: an accessible name; %s is a file name */
                                         _("Delete %s"), document->name, "documents.delete", document->id));

  /* Enter or a double click opens it */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "document-id", g_memdup2 (&document->id, sizeof (gint64)), g_free);

  return row;
}

/**
 * crm_documents_section_reload:
 *
 * Lists the client's documents again from the database.
 */
void
crm_documents_section_reload (CrmDocumentsSection *self)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  g_autofree char *description = NULL;

  g_return_if_fail (CRM_IS_DOCUMENTS_SECTION (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);
  g_clear_pointer (&self->documents, g_ptr_array_unref);

  if (self->store == NULL || self->client_id == 0)
    return;

  if (!(self->documents = crm_store_list_documents (self->store, self->client_id, &error)))
    {
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), error->message);
      return;
    }

  for (guint i = 0; i < self->documents->len; i++)
    gtk_list_box_append (self->list_box, document_row (g_ptr_array_index (self->documents, i)));

  if (self->documents->len > 0)
    {
      gint64 total = 0;
      g_autofree char *size = NULL;

      for (guint i = 0; i < self->documents->len; i++)
        total += ((CrmDocument *)g_ptr_array_index (self->documents, i))->size;
      size = g_format_size (total);
      /* Translators: under "Documents": "3 files, 4.1 MB" */
      description = g_strdup_printf (ngettext ("%u file, %s", "%u files, %s", self->documents->len),
                                     self->documents->len, size);
    }
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), description);
}

static void
on_row_activated_cb (CrmDocumentsSection *self,
                     GtkListBoxRow       *row)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "document-id");

  if (id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "documents.open", "x", *id);
}

/* Attaching */

typedef struct
{
  CrmStore *store;
  gint64    client_id;
  gint64    history_id;  /* the entry the files go with; 0: the client */
  GPtrArray *files;    /* GFile* */
  GPtrArray *emails;   /* GFile*, .eml dropped: logged as e-mails */
  /* results */
  guint     attached;
  char     *last_name;
  char     *last_subject;
  guint     logged;
  GString  *problems;
} AttachJob;

static void
attach_job_free (AttachJob *job)
{
  g_clear_object (&job->store);
  g_clear_pointer (&job->files, g_ptr_array_unref);
  g_clear_pointer (&job->emails, g_ptr_array_unref);
  g_free (job->last_name);
  g_free (job->last_subject);
  g_string_free (job->problems, TRUE);
  g_free (job);
}

typedef struct
{
  CrmProgressRelay *relay;
  guint             index;
  guint             count;
} JobProgress;

static void
job_progress (double      fraction,
              const char *phase,
              gpointer    user_data)
{
  JobProgress *progress = user_data;

  crm_progress_relay_report ((progress->index + fraction) / MAX (1, progress->count), phase, progress->relay);
}

static void
add_problem (AttachJob    *job,
             const GError *error)
{
  if (job->problems->len > 0)
    g_string_append_c (job->problems, '\n');
  g_string_append (job->problems, error->message);
}

static void
attach_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CrmDocumentsSection *self = source_object;
  AttachJob *job = task_data;
  JobProgress progress = { self->relay, 0, job->files->len + job->emails->len };

  for (guint i = 0; i < job->emails->len; i++, progress.index++)
    {
      g_autoptr(CrmEmlMessage) message = NULL;
      g_autoptr(GError) error = NULL;

      job_progress (0, _("Reading the e-mail"), &progress);
      if (!(message = crm_eml_parse_file (g_ptr_array_index (job->emails, i), cancellable, &error)) ||
          !crm_store_log_email (job->store, job->client_id, message, NULL, &error))
        {
          add_problem (job, error);
          continue;
        }
      job->logged++;
      g_free (job->last_subject);
      job->last_subject = g_strdup (message->subject);
    }

  for (guint i = 0; i < job->files->len; i++, progress.index++)
    {
      CrmDocumentData data = { .company_id = job->client_id, .history_id = job->history_id };
      g_autoptr(GError) error = NULL;
      g_autoptr(CrmDocument) document = NULL;
      gint64 id;

      if (g_cancellable_is_cancelled (cancellable))
        break;
      id = crm_store_attach_file (job->store, &data, g_ptr_array_index (job->files, i),
                                  job_progress, &progress, cancellable, &error);
      if (id == 0)
        {
          if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            add_problem (job, error);
          continue;
        }
      job->attached++;
      if ((document = crm_store_get_document (job->store, id, NULL)) != NULL)
        {
          g_free (job->last_name);
          job->last_name = g_strdup (document->name);
        }
    }

  g_task_return_boolean (task, TRUE);
}

static void
on_relay_fraction_cb (CrmDocumentsSection *self)
{
  gtk_progress_bar_set_fraction (self->progress_bar, crm_progress_relay_get_fraction (self->relay));
}

static void
set_busy (CrmDocumentsSection *self,
          const char          *text)
{
  gboolean busy = text != NULL;

  gtk_widget_set_visible (self->progress_box, busy);
  gtk_label_set_label (self->progress_label, text ? text : "");
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "documents.attach", !busy && self->client_id != 0);
}

static void
attach_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  CrmDocumentsSection *self = CRM_DOCUMENTS_SECTION (object);
  AttachJob *job = g_task_get_task_data (G_TASK (result));
  gboolean cancelled = self->cancellable != NULL && g_cancellable_is_cancelled (self->cancellable);
  g_autofree char *title = NULL;

  g_task_propagate_boolean (G_TASK (result), NULL);
  g_clear_object (&self->cancellable);
  if (self->disposed)
    return;
  set_busy (self, NULL);

  /* The card may show another client by now */
  if (job->client_id == self->client_id)
    crm_documents_section_reload (self);
  if (job->attached > 0 || job->logged > 0)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0);

  if (job->problems->len > 0)
    title = g_strdup (job->problems->str);
  else if (job->logged == 1 && job->attached == 0)
    /* Translators: a toast; %s is an e-mail's subject */
    title = g_strdup_printf (_("E-mail “%s” logged"), job->last_subject);
  else if (job->logged > 0)
    /* Translators: a toast after several e-mails and files were dropped on a card */
    title = g_strdup_printf (ngettext ("%u e-mail logged", "%u e-mails logged", job->logged), job->logged);
  else if (job->attached == 1)
    /* Translators: a toast; %s is a file name */
    title = g_strdup_printf (_("“%s” attached"), job->last_name);
  else if (job->attached > 1)
    /* Translators: a toast */
    title = g_strdup_printf (ngettext ("%u file attached", "%u files attached", job->attached), job->attached);
  else if (cancelled)
    title = g_strdup (_("Attaching stopped"));

  if (title != NULL)
    show_message (self, title);
}

static void
start_job (CrmDocumentsSection *self,
           AttachJob           *job)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *text = NULL;
  guint n = job->files->len + job->emails->len;

  if (n == 0 || self->store == NULL || self->client_id == 0 || self->cancellable != NULL)
    {
      attach_job_free (job);
      return;
    }

  if (n == 1)
    {
      GFile *file = job->files->len > 0 ? g_ptr_array_index (job->files, 0) : g_ptr_array_index (job->emails, 0);
      g_autofree char *name = g_file_get_basename (file);

      /* Translators: %s is a file name */
      text = g_strdup_printf (job->files->len > 0 ? _("Attaching “%s”…") : _("Logging “%s”…"), name);
    }
  else
    /* Translators: %u counts files */
    text = g_strdup_printf (ngettext ("Attaching %u file…", "Attaching %u files…", n), n);

  self->cancellable = g_cancellable_new ();
  crm_progress_relay_reset (self->relay);
  set_busy (self, text);

  task = g_task_new (self, self->cancellable, attach_done_cb, NULL);
  g_task_set_source_tag (task, start_job);
  g_task_set_task_data (task, job, (GDestroyNotify)attach_job_free);
  g_task_run_in_thread (task, attach_worker);
}

static AttachJob *
attach_job_new (CrmDocumentsSection *self)
{
  AttachJob *job = g_new0 (AttachJob, 1);

  job->store = self->store ? g_object_ref (self->store) : NULL;
  job->client_id = self->client_id;
  job->files = g_ptr_array_new_with_free_func (g_object_unref);
  job->emails = g_ptr_array_new_with_free_func (g_object_unref);
  job->problems = g_string_new (NULL);

  return job;
}

/**
 * crm_documents_section_attach_files:
 * @files: (element-type GFile): what to attach
 *
 * Attaches the files in a worker thread, with a progress bar; a toast says
 * how it went, and #CrmDocumentsSection::changed is emitted.
 */
void
crm_documents_section_attach_files (CrmDocumentsSection *self,
                                    GSList              *files)
{
  AttachJob *job;

  g_return_if_fail (CRM_IS_DOCUMENTS_SECTION (self));

  job = attach_job_new (self);
  for (GSList *l = files; l != NULL; l = l->next)
    g_ptr_array_add (job->files, g_object_ref (l->data));
  start_job (self, job);
}

/**
 * crm_documents_section_attach_files_to_entry:
 * @files: (element-type GFile): what to attach
 * @history_id: the client's history entry they go with
 *
 * As crm_documents_section_attach_files(), for files dropped on an entry of
 * the timeline: they are listed with the client's documents and counted on
 * the entry, and no "document" entry of their own is written.
 */
void
crm_documents_section_attach_files_to_entry (CrmDocumentsSection *self,
                                             GSList              *files,
                                             gint64               history_id)
{
  AttachJob *job;

  g_return_if_fail (CRM_IS_DOCUMENTS_SECTION (self));

  job = attach_job_new (self);
  job->history_id = history_id;
  for (GSList *l = files; l != NULL; l = l->next)
    g_ptr_array_add (job->files, g_object_ref (l->data));
  start_job (self, job);
}

/**
 * crm_documents_section_log_email:
 * @file: an .eml file
 *
 * Logs the message to the client's history (with its attached files), in a
 * worker thread; a toast says "E-mail “…” logged" or why not.
 */
void
crm_documents_section_log_email (CrmDocumentsSection *self,
                                 GFile               *file)
{
  AttachJob *job;

  g_return_if_fail (CRM_IS_DOCUMENTS_SECTION (self));
  g_return_if_fail (G_IS_FILE (file));

  job = attach_job_new (self);
  g_ptr_array_add (job->emails, g_object_ref (file));
  start_job (self, job);
}

gboolean
crm_documents_section_is_busy (CrmDocumentsSection *self)
{
  g_return_val_if_fail (CRM_IS_DOCUMENTS_SECTION (self), FALSE);

  return self->cancellable != NULL;
}

static void
on_cancel_clicked_cb (CrmDocumentsSection *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static gboolean
on_drop_cb (GtkDropTarget       *target,
            const GValue        *value,
            double               x,
            double               y,
            CrmDocumentsSection *self)
{
  GdkFileList *list;
  g_autoptr(GSList) files = NULL;
  AttachJob *job;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) || self->client_id == 0 || self->cancellable != NULL)
    return FALSE;

  list = g_value_get_boxed (value);
  files = gdk_file_list_get_files (list);
  if (files == NULL)
    return FALSE;

  job = attach_job_new (self);
  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *name = g_file_get_basename (l->data);

      g_ptr_array_add (crm_eml_file_is_message (name) ? job->emails : job->files, g_object_ref (l->data));
    }
  start_job (self, job);

  return TRUE;
}

void
crm_documents_section_add_drop_target (CrmDocumentsSection *self,
                                       GtkWidget           *widget)
{
  GtkDropTarget *target;

  g_return_if_fail (CRM_IS_DOCUMENTS_SECTION (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (target, "drop", G_CALLBACK (on_drop_cb), self, 0);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (target));
}

static void
on_attach_response_cb (CrmDocumentsSection  *self,
                       int                   response,
                       GtkFileChooserNative *chooser)
{
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GSList) list = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      for (guint i = g_list_model_get_n_items (files); i > 0; i--)
        list = g_slist_prepend (list, g_list_model_get_item (files, i - 1));
      crm_documents_section_attach_files (self, list);
      g_slist_free_full (g_steal_pointer (&list), g_object_unref);
    }
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_clear_object (&self->chooser);
}

static void
attach_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CrmDocumentsSection *self = CRM_DOCUMENTS_SECTION (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->client_id == 0 || self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Attach Files"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("Attach"), _("Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_attach_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Opening: a copy in the cache, opened by the desktop's program for its type */

typedef struct
{
  CrmStore *store;
  gint64    id;
  GFile    *destination;
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_clear_object (&job->store);
  g_clear_object (&job->destination);
  g_free (job);
}

/**
 * crm_documents_prune_open_copies:
 * @folder: where opened documents are copied, one subfolder each
 * @max_age: seconds
 *
 * Removes the copies of opened documents (the subfolders of @folder and
 * their files) not touched for @max_age seconds: the database keeps the
 * documents, the cache only what was opened lately.
 *
 * Returns: how many copies were removed
 */
guint
crm_documents_prune_open_copies (const char *folder,
                                 gint64      max_age)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;
  guint removed = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autoptr(GDir) copy = NULL;
      const char *file;
      GStatBuf info;

      if (g_lstat (path, &info) != 0 || !S_ISDIR (info.st_mode) || now - info.st_mtime < max_age)
        continue;
      copy = g_dir_open (path, 0, NULL);
      while (copy != NULL && (file = g_dir_read_name (copy)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, file, NULL);

          g_unlink (child);
        }
      if (g_rmdir (path) == 0)
        removed++;
    }

  return removed;
}

static void
save_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveJob *job = task_data;
  g_autoptr(GFile) parent = g_file_get_parent (job->destination);
  GError *error = NULL;

  if (parent != NULL && !g_file_make_directory_with_parents (parent, cancellable, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_task_return_error (task, error);
          return;
        }
      g_clear_error (&error);
    }
  if (!crm_store_save_document (job->store, job->id, job->destination, NULL, NULL, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_launched_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CrmDocumentsSection) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error) && !self->disposed)
    {
      /* Translators: %s says why no program could open a document */
      g_autofree char *message = g_strdup_printf (_("Cannot open the document: %s"), error->message);

      show_message (self, message);
    }
}

static void
open_saved_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  CrmDocumentsSection *self = CRM_DOCUMENTS_SECTION (object);
  SaveJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkAppLaunchContext) context = NULL;
  g_autofree char *uri = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!self->disposed)
        show_message (self, error->message);
      return;
    }
  if (self->disposed)
    return;

  uri = g_file_get_uri (job->destination);
  context = gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (self)));
  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), NULL, on_launched_cb,
                                           g_object_ref (self));
}

static void
run_save (CrmDocumentsSection *self,
          gint64               id,
          GFile               *destination,
          GAsyncReadyCallback  callback)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, callback, NULL);
  SaveJob *job = g_new0 (SaveJob, 1);

  job->store = g_object_ref (self->store);
  job->id = id;
  job->destination = g_object_ref (destination);
  g_task_set_source_tag (task, run_save);
  g_task_set_task_data (task, job, (GDestroyNotify)save_job_free);
  g_task_run_in_thread (task, save_worker);
}

static void
open_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CrmDocumentsSection *self = CRM_DOCUMENTS_SECTION (widget);
  CrmDocument *document = find_document (self, g_variant_get_int64 (parameter));
  g_autofree char *number = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) destination = NULL;

  if (document == NULL || self->store == NULL)
    return;

  /* One folder per document, so that the file keeps its own name; copies
   * opened more than a day ago go (this one is written anew) */
  number = g_strdup_printf ("%lld", (long long)document->id);
  folder = g_build_filename (g_get_user_cache_dir (), "rapport", "documents", NULL);
  crm_documents_prune_open_copies (folder, 24 * 3600);
  path = g_build_filename (folder, number, document->name, NULL);
  destination = g_file_new_for_path (path);
  run_save (self, document->id, destination, open_saved_cb);
}

/* Saving a copy */

static void
save_copy_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  CrmDocumentsSection *self = CRM_DOCUMENTS_SECTION (object);
  SaveJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!self->disposed)
        show_message (self, error->message);
      return;
    }
  if (self->disposed)
    return;
  name = g_file_get_basename (job->destination);
  /* Translators: a toast; %s is a file name */
  title = g_strdup_printf (_("Saved “%s”"), name);
  show_message (self, title);
}

static void
on_save_response_cb (CrmDocumentsSection  *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  gint64 *id = g_object_get_data (G_OBJECT (chooser), "document-id");

  if (response == GTK_RESPONSE_ACCEPT && self->store != NULL)
    {
      g_autoptr(GFile) destination = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (destination != NULL)
        run_save (self, *id, destination, save_copy_done_cb);
    }
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_clear_object (&self->chooser);
}

static void
save_copy_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CrmDocumentsSection *self = CRM_DOCUMENTS_SECTION (widget);
  CrmDocument *document = find_document (self, g_variant_get_int64 (parameter));
  GtkRoot *root = gtk_widget_get_root (widget);

  if (document == NULL || self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Save a Copy"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("Save"), _("Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), document->name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_object_set_data_full (G_OBJECT (self->chooser), "document-id",
                          g_memdup2 (&document->id, sizeof (gint64)), g_free);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_save_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Deleting, with Undo */

static void
undo_delete_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CrmDocumentsSection *self = CRM_DOCUMENTS_SECTION (widget);
  g_autoptr(GError) error = NULL;

  if (self->undo_id == 0 || self->store == NULL)
    return;

  if (!crm_store_restore_document (self->store, self->undo_id, &error))
    show_message (self, error->message);
  self->undo_id = 0;
  gtk_widget_action_set_enabled (widget, "documents.undo-delete", FALSE);
  crm_documents_section_reload (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
on_undo_clicked_cb (AdwToast            *toast,
                    CrmDocumentsSection *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "documents.undo-delete", NULL);
}

static void
delete_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CrmDocumentsSection *self = CRM_DOCUMENTS_SECTION (widget);
  CrmDocument *document = find_document (self, g_variant_get_int64 (parameter));
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (document == NULL || self->store == NULL)
    return;

  if (!crm_store_delete_document (self->store, document->id, &error))
    {
      show_message (self, error->message);
      return;
    }

  self->undo_id = document->id;
  gtk_widget_action_set_enabled (widget, "documents.undo-delete", TRUE);
  /* Translators: a toast; %s is a file name */
  title = g_strdup_printf (_("“%s” deleted"), document->name);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb), self, 0);
  crm_documents_section_reload (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  show_toast (self, toast);
}

/* The object */

static void
crm_documents_section_dispose (GObject *object)
{
  CrmDocumentsSection *self = CRM_DOCUMENTS_SECTION (object);

  self->disposed = TRUE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_DOCUMENTS_SECTION);

  G_OBJECT_CLASS (crm_documents_section_parent_class)->dispose (object);
}

static void
crm_documents_section_finalize (GObject *object)
{
  CrmDocumentsSection *self = CRM_DOCUMENTS_SECTION (object);

  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->relay);
  g_clear_pointer (&self->documents, g_ptr_array_unref);

  G_OBJECT_CLASS (crm_documents_section_parent_class)->finalize (object);
}

static void
crm_documents_section_class_init (CrmDocumentsSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_documents_section_dispose;
  object_class->finalize = crm_documents_section_finalize;

  /**
   * CrmDocumentsSection::changed:
   *
   * The section wrote to the database: a document, or an e-mail entry in
   * the client's history.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rapportcrm/Rapport/ui/documents/crm-documents-section.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmDocumentsSection, list_box);
  gtk_widget_class_bind_template_child (widget_class, CrmDocumentsSection, progress_box);
  gtk_widget_class_bind_template_child (widget_class, CrmDocumentsSection, progress_label);
  gtk_widget_class_bind_template_child (widget_class, CrmDocumentsSection, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);

  gtk_widget_class_install_action (widget_class, "documents.attach", NULL, attach_activated);
  gtk_widget_class_install_action (widget_class, "documents.open", "x", open_activated);
  gtk_widget_class_install_action (widget_class, "documents.save-copy", "x", save_copy_activated);
  gtk_widget_class_install_action (widget_class, "documents.delete", "x", delete_activated);
  gtk_widget_class_install_action (widget_class, "documents.undo-delete", NULL, undo_delete_activated);
}

static void
crm_documents_section_init (CrmDocumentsSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->relay = crm_progress_relay_new ();
  g_signal_connect_object (self->relay, "notify::fraction", G_CALLBACK (on_relay_fraction_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list_box, "row-activated", G_CALLBACK (on_row_activated_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "documents.attach", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "documents.undo-delete", FALSE);
}

GtkWidget *
crm_documents_section_new (void)
{
  return g_object_new (CRM_TYPE_DOCUMENTS_SECTION, NULL);
}

/**
 * crm_documents_section_set_client:
 * @store: the database
 * @client_id: the client whose documents to show
 */
void
crm_documents_section_set_client (CrmDocumentsSection *self,
                                  CrmStore            *store,
                                  gint64               client_id)
{
  g_return_if_fail (CRM_IS_DOCUMENTS_SECTION (self));
  g_return_if_fail (store == NULL || CRM_IS_STORE (store));

  g_set_object (&self->store, store);
  if (self->client_id != client_id)
    {
      self->undo_id = 0;
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "documents.undo-delete", FALSE);
    }
  self->client_id = store != NULL ? client_id : 0;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "documents.attach",
                                 self->client_id != 0 && self->cancellable == NULL);
  crm_documents_section_reload (self);
}
