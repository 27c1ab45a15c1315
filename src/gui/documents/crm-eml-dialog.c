/* crm-eml-dialog.c: logs an e-mail dropped on the client list to a client
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Offers the clients whose addresses (their own or their contact
 * persons') the message was sent from or to, then those of the same
 * company domain; any other client can be found by a search. The message
 * is logged to the one chosen.
 *
 * Reading the message (up to 200 MB with its attachments) and logging it
 * (the attachments go into the database) run on a worker thread: the
 * dialog says it is reading meanwhile, and the toast comes when the e-mail
 * is in.
 */

#define G_LOG_DOMAIN "crm-eml-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-client-row.h"
#include "crm-eml-dialog.h"
#include "crm-eml.h"
#include "crm-format.h"
#include "crm-window.h"

#define MAX_FOUND 8

struct _CrmEmlDialog
{
  AdwMessageDialog  parent_instance;

  CrmStore         *store;
  CrmEmlMessage    *message;
  GtkListBox       *matches_list;
  GtkListBox       *found_list;
  GtkCheckButton   *group;        /* the radio group's hidden leader */
  guint             n_candidates;
  gint64            selected;
  char             *file_name;
  GCancellable     *cancellable;   /* the reading */
  gboolean          ready;         /* read, or failed to */
};

G_DEFINE_FINAL_TYPE (CrmEmlDialog, crm_eml_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum
{
  SIGNAL_LOGGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_check_toggled_cb (GtkCheckButton *check,
                     CrmEmlDialog   *self)
{
  if (!gtk_check_button_get_active (check))
    return;

  self->selected = *(gint64 *)g_object_get_data (G_OBJECT (check), "client-id");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "log", TRUE);
}

static GtkWidget *
client_row (CrmEmlDialog *self,
            gint64        id,
            const char   *name,
            const char   *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  gtk_check_button_set_group (GTK_CHECK_BUTTON (check), self->group);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data_full (G_OBJECT (check), "client-id", g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect_object (check, "toggled", G_CALLBACK (on_check_toggled_cb), self, 0);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);

  return row;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
on_search_changed_cb (GtkSearchEntry *entry,
                      CrmEmlDialog   *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean more = FALSE;

  clear_list (self->found_list);
  gtk_widget_set_visible (GTK_WIDGET (self->found_list), FALSE);
  if (g_utf8_strlen (text, -1) < 2)
    return;

  if (!crm_store_search_clients (self->store, text, CRM_CLIENT_SORT_NAME, FALSE, MAX_FOUND, ids, &more, NULL) ||
      ids->len == 0 ||
      !crm_store_fetch_clients_by_id (self->store, (const gint64 *)ids->data, ids->len, rows, NULL))
    return;

  for (guint i = 0; i < rows->len; i++)
    {
      CrmClientRow *row = g_ptr_array_index (rows, i);

      gtk_list_box_append (self->found_list,
                           client_row (self, crm_client_row_get_id (row), crm_client_row_get_name (row),
                                       crm_client_row_get_city (row)));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->found_list), rows->len > 0);
}

typedef struct
{
  CrmStore      *store;
  CrmEmlMessage *message;
  gint64         client_id;
  GWeakRef       parent;
} LogJob;

static void
log_job_free (gpointer data)
{
  LogJob *job = data;

  g_clear_object (&job->store);
  g_clear_pointer (&job->message, crm_eml_message_free);
  g_weak_ref_clear (&job->parent);
  g_free (job);
}

static void
log_worker (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  LogJob *job = task_data;
  GError *error = NULL;

  if (crm_store_log_email (job->store, job->client_id, job->message, NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
log_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  CrmEmlDialog *self = CRM_EML_DIALOG (object);
  LogJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GtkWindow) parent = g_weak_ref_get (&job->parent);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autoptr(CrmClientSummary) summary = crm_store_load_client_summary (job->store, job->client_id, NULL);

      /* Translators: a toast; the first %s is an e-mail's subject, the second a client's name */
      title = g_strdup_printf (_("E-mail “%s” logged to “%s”"), job->message->subject,
                               summary != NULL ? summary->name : "");
      g_signal_emit (self, signals[SIGNAL_LOGGED], 0, job->client_id);
    }

  if (CRM_IS_WINDOW (parent))
    {
      AdwToast *toast = adw_toast_new (title != NULL ? title : error->message);

      adw_toast_set_timeout (toast, title != NULL ? 4 : 6);
      crm_window_add_toast (CRM_WINDOW (parent), toast);
    }
}

/* The dialog closes at once; the task keeps it (for its "logged" signal)
 * until the e-mail is in */
static void
on_response_cb (CrmEmlDialog *self,
                const char   *response)
{
  g_autoptr(GTask) task = NULL;
  LogJob *job;

  if (!g_str_equal (response, "log") || self->message == NULL || self->selected == 0)
    return;

  job = g_new0 (LogJob, 1);
  job->store = g_object_ref (self->store);
  job->message = g_steal_pointer (&self->message);
  job->client_id = self->selected;
  g_weak_ref_init (&job->parent, gtk_window_get_transient_for (GTK_WINDOW (self)));

  task = g_task_new (self, NULL, log_done_cb, NULL);
  g_task_set_source_tag (task, on_response_cb);
  g_task_set_task_data (task, job, log_job_free);
  g_task_run_in_thread (task, log_worker);
}

static void
crm_eml_dialog_finalize (GObject *object)
{
  CrmEmlDialog *self = CRM_EML_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->group);
  g_clear_pointer (&self->message, crm_eml_message_free);
  g_clear_object (&self->cancellable);
  g_free (self->file_name);

  G_OBJECT_CLASS (crm_eml_dialog_parent_class)->finalize (object);
}

/* Closed while still reading: the reading stops */
static void
crm_eml_dialog_dispose (GObject *object)
{
  CrmEmlDialog *self = CRM_EML_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (crm_eml_dialog_parent_class)->dispose (object);
}

static void
crm_eml_dialog_class_init (CrmEmlDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_eml_dialog_dispose;
  object_class->finalize = crm_eml_dialog_finalize;

  /**
   * CrmEmlDialog::logged:
   * @client_id: the client the e-mail was logged to
   */
  signals[SIGNAL_LOGGED] =
    g_signal_new ("logged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
crm_eml_dialog_init (CrmEmlDialog *self)
{
  self->group = g_object_ref_sink (GTK_CHECK_BUTTON (gtk_check_button_new ()));
}

static void
fill (CrmEmlDialog *self,
      const char   *file_name)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *date = NULL;
  g_autofree char *body = NULL;
  const char *subject = self->message->subject[0] != '\0' ? self->message->subject : file_name;
  GtkWidget *box, *search, *label;

  /* Translators: the heading of a dialog; %s is an e-mail's subject */
  heading = g_strdup_printf (_("Log E-mail “%s”"), subject);
  adw_message_dialog_set_heading (dialog, heading);

  matches = crm_store_find_email_clients (self->store, self->message, &error);
  date = self->message->date > 0 ? crm_format_date_time (self->message->date) : g_strdup ("");
  if (matches != NULL && matches->len > 0)
    /* Translators: the first %s is who sent an e-mail, the second when */
    body = g_strdup_printf (_("From %s, %s. Choose the client to log it to."),
                            self->message->from ? self->message->from : "?", date);
  else
    /* Translators: the first %s is who sent an e-mail, the second when */
    body = g_strdup_printf (_("From %s, %s. No client has the sender’s or the recipients’ addresses: "
                              "find the client to log it to."),
                            self->message->from ? self->message->from : "?", date);
  adw_message_dialog_set_body (dialog, body);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  self->matches_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->matches_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->matches_list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->matches_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Matching Clients"), -1);
  for (guint i = 0; matches != NULL && i < matches->len; i++)
    {
      CrmEmlMatch *match = g_ptr_array_index (matches, i);
      g_autofree char *reason = NULL;

      if (match->by_domain)
        /* Translators: why a client is offered for an e-mail; %s is a domain such as romashka.ru */
        reason = g_strdup_printf (_("Same domain: %s"), match->address);
      else
        reason = g_strdup (match->address);
      gtk_list_box_append (self->matches_list, client_row (self, match->company_id, match->name, reason));
    }
  self->n_candidates = matches != NULL ? matches->len : 0;
  gtk_widget_set_visible (GTK_WIDGET (self->matches_list), self->n_candidates > 0);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->matches_list));

  label = gtk_label_new (self->n_candidates > 0 ? _("Or find another client:") : _("Find the client:"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);
  search = gtk_search_entry_new ();
  g_object_set (search, "placeholder-text", _("Name, phone, e-mail…"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (search), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Find a Client"), -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (search), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  g_signal_connect_object (search, "search-changed", G_CALLBACK (on_search_changed_cb), self, 0);
  gtk_box_append (GTK_BOX (box), search);

  self->found_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->found_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->found_list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->found_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Clients Found"), -1);
  gtk_widget_set_visible (GTK_WIDGET (self->found_list), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->found_list));
  adw_message_dialog_set_extra_child (dialog, box);

  /* "cancel" is there since the reading */
  adw_message_dialog_add_response (dialog, "log", _("Log E-mail"));
  adw_message_dialog_set_response_appearance (dialog, "log", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "log");
  adw_message_dialog_set_close_response (dialog, "cancel");
  adw_message_dialog_set_response_enabled (dialog, "log", FALSE);

  /* The best match is chosen already */
  if (self->n_candidates > 0)
    {
      CrmEmlMatch *first = g_ptr_array_index (matches, 0);

      crm_eml_dialog_select_client (self, first->company_id);
    }
  else
    gtk_window_set_focus (GTK_WINDOW (self), search);
}

/**
 * crm_eml_dialog_new:
 * @parent: (nullable): the window it is for
 * @file: an .eml file
 *
 * Reads the message and offers the matching clients; a message that cannot
 * be read makes it a dialog that says why.
 */
static void
read_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  CrmEmlMessage *message = crm_eml_parse_file (task_data, cancellable, &error);

  if (message != NULL)
    g_task_return_pointer (task, message, (GDestroyNotify)crm_eml_message_free);
  else
    g_task_return_error (task, error);
}

static void
read_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  CrmEmlDialog *self = CRM_EML_DIALOG (object);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);
  g_autoptr(GError) error = NULL;

  self->message = g_task_propagate_pointer (G_TASK (result), &error);
  /* closed meanwhile (also when the reading was done first) */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  self->ready = TRUE;
  adw_message_dialog_set_extra_child (dialog, NULL);

  if (self->message == NULL)
    {
      adw_message_dialog_set_heading (dialog, _("Cannot Log the E-mail"));
      adw_message_dialog_set_body (dialog, error->message);
      adw_message_dialog_set_response_label (dialog, "cancel", _("Close"));
      return;
    }

  fill (self, self->file_name);
  g_signal_connect_swapped (self, "response", G_CALLBACK (on_response_cb), self);
}

CrmEmlDialog *
crm_eml_dialog_new (GtkWindow *parent,
                    CrmStore  *store,
                    GFile     *file)
{
  g_autoptr(GTask) task = NULL;
  CrmEmlDialog *self;
  GtkWidget *spinner;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (CRM_TYPE_EML_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "default-width", 480,
                       NULL);
  self->store = g_object_ref (store);
  self->file_name = g_file_get_basename (file);

  /* until the message is read */
  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), _("Reading the E-mail…"));
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), self->file_name);
  spinner = gtk_spinner_new ();
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reading the E-mail…"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), spinner);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (self), "cancel", _("Cancel"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");

  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, read_done_cb, NULL);
  g_task_set_source_tag (task, crm_eml_dialog_new);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, read_worker);

  return self;
}

/* Whether the message is read (or could not be): the dialog offers clients
 * or says why not */
gboolean
crm_eml_dialog_get_ready (CrmEmlDialog *self)
{
  g_return_val_if_fail (CRM_IS_EML_DIALOG (self), FALSE);

  return self->ready;
}

CrmEmlDialog *
crm_eml_dialog_new_for_drop (GtkWidget    *parent,
                             CrmStore     *store,
                             const GValue *value)
{
  g_autoptr(GSList) files = NULL;
  GtkRoot *root;

  g_return_val_if_fail (GTK_IS_WIDGET (parent), NULL);
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  if (value == NULL || !G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return NULL;

  root = gtk_widget_get_root (parent);
  files = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *name = g_file_get_basename (l->data);

      if (crm_eml_file_is_message (name))
        return crm_eml_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, store, l->data);
    }

  return NULL;
}

static gboolean
select_in (GtkListBox *list,
           gint64      client_id)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *check = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));
      gint64 *id = check ? g_object_get_data (G_OBJECT (check), "client-id") : NULL;

      if (id != NULL && *id == client_id)
        {
          gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * crm_eml_dialog_select_client:
 *
 * Returns: whether the client is among those offered or found
 */
gboolean
crm_eml_dialog_select_client (CrmEmlDialog *self,
                              gint64        client_id)
{
  g_return_val_if_fail (CRM_IS_EML_DIALOG (self), FALSE);

  if (self->matches_list == NULL)
    return FALSE;

  return select_in (self->matches_list, client_id) || select_in (self->found_list, client_id);
}

guint
crm_eml_dialog_get_n_candidates (CrmEmlDialog *self)
{
  g_return_val_if_fail (CRM_IS_EML_DIALOG (self), 0);

  return self->n_candidates;
}
