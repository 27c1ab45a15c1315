/* crm-log-dialog.c: quick entry of a call, a meeting or a note
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Keyboard first: the text has the focus, Tab goes to the outcome, a letter
 * picks the next outcome starting with it, Ctrl+Enter saves. What the store
 * refuses is said in the dialog, which stays open with everything typed.
 */

#define G_LOG_DOMAIN "crm-log-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-client-edit.h"
#include "crm-log-dialog.h"

struct _CrmLogDialog
{
  AdwWindow       parent_instance;

  /* template */
  GtkLabel       *error_label;
  GtkTextView    *text_view;
  AdwComboRow    *outcome_row;
  AdwComboRow    *reason_row;
  AdwComboRow    *direction_row;
  AdwComboRow    *contact_row;
  GtkWidget      *duration_row;
  GtkSpinButton  *duration_spin;
  AdwEntryRow    *time_row;
  AdwEntryRow    *follow_up_row;

  CrmStore       *store;
  gint64          company_id;
  char           *kind;
  GPtrArray      *outcomes;      /* CrmOutcome*, position i + 1 of outcome_row */
  GArray         *contact_ids;   /* gint64 per position of contact_row; 0: none */
  gint64          entry_id;      /* editing; 0: a new entry */
  gint64          version;
  gboolean        filling;
};

G_DEFINE_FINAL_TYPE (CrmLogDialog, crm_log_dialog, ADW_TYPE_WINDOW)

enum
{
  SIGNAL_ENTRY_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (CrmLogDialog *self,
            const char   *message)
{
  gtk_label_set_label (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static const char *
combo_string (AdwComboRow *row)
{
  GObject *item = adw_combo_row_get_selected_item (row);

  return GTK_IS_STRING_OBJECT (item) ? gtk_string_object_get_string (GTK_STRING_OBJECT (item)) : NULL;
}

/* Type-ahead: a letter typed on a focused combo row picks the next item
 * starting with it, from the one after the selected */
static gboolean
on_combo_key_pressed_cb (GtkEventControllerKey *controller,
                         guint                  keyval,
                         guint                  keycode,
                         GdkModifierType        state,
                         AdwComboRow           *row)
{
  gunichar typed = g_unichar_tolower (gdk_keyval_to_unicode (keyval));
  GListModel *model = adw_combo_row_get_model (row);
  guint n, selected;

  if (typed == 0 || !g_unichar_isgraph (typed) || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) || model == NULL)
    return FALSE;

  n = g_list_model_get_n_items (model);
  selected = adw_combo_row_get_selected (row);
  for (guint i = 1; i <= n; i++)
    {
      guint position = (selected == GTK_INVALID_LIST_POSITION ? i - 1 : selected + i) % n;
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, position);
      const char *text = gtk_string_object_get_string (item);

      if (text != NULL && g_unichar_tolower (g_utf8_get_char (text)) == typed)
        {
          adw_combo_row_set_selected (row, position);
          return TRUE;
        }
    }
  return TRUE;
}

static void
add_type_ahead (AdwComboRow *row)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_combo_key_pressed_cb), row);
  gtk_widget_add_controller (GTK_WIDGET (row), keys);
}

static CrmOutcome *
selected_outcome (CrmLogDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->outcome_row);

  if (self->outcomes == NULL || selected == 0 || selected == GTK_INVALID_LIST_POSITION ||
      selected > self->outcomes->len)
    return NULL;
  return g_ptr_array_index (self->outcomes, selected - 1);
}

static void
fill_reasons (CrmLogDialog *self,
              const char   *reason)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) reasons = NULL;
  CrmOutcome *outcome = selected_outcome (self);
  guint selected = 0;

  gtk_widget_set_visible (GTK_WIDGET (self->reason_row), outcome != NULL && outcome->asks_reason);
  if (outcome == NULL || !outcome->asks_reason)
    {
      adw_combo_row_set_model (self->reason_row, NULL);
      return;
    }

  gtk_string_list_append (model, C_("reason", "None Chosen"));
  reasons = crm_store_list_outcome_reasons (self->store, outcome->id, NULL);
  for (guint i = 0; reasons != NULL && i < reasons->len; i++)
    {
      CrmDictionaryValue *value = g_ptr_array_index (reasons, i);

      gtk_string_list_append (model, value->name);
      if (g_strcmp0 (value->name, reason) == 0)
        selected = i + 1;
    }
  /* a reason no longer in the dictionary stays as it was written */
  if (reason != NULL && selected == 0)
    {
      gtk_string_list_append (model, reason);
      selected = g_list_model_get_n_items (G_LIST_MODEL (model)) - 1;
    }
  adw_combo_row_set_model (self->reason_row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (self->reason_row, selected);
}

static void
on_outcome_selected_cb (CrmLogDialog *self)
{
  if (!self->filling)
    fill_reasons (self, NULL);
}

static void
fill_outcomes (CrmLogDialog *self)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  g_clear_pointer (&self->outcomes, g_ptr_array_unref);
  self->outcomes = crm_store_list_outcomes (self->store, NULL);
  gtk_string_list_append (model, C_("outcome", "None"));
  for (guint i = 0; self->outcomes != NULL && i < self->outcomes->len; i++)
    gtk_string_list_append (model, ((CrmOutcome *)g_ptr_array_index (self->outcomes, i))->name);
  self->filling = TRUE;
  adw_combo_row_set_model (self->outcome_row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (self->outcome_row, 0);
  self->filling = FALSE;
}

/**
 * crm_log_dialog_select_outcome:
 * @name: (nullable): an outcome of the dictionary; %NULL for none
 */
void
crm_log_dialog_select_outcome (CrmLogDialog *self,
                               const char   *name)
{
  guint selected = 0;

  g_return_if_fail (CRM_IS_LOG_DIALOG (self));

  for (guint i = 0; name != NULL && self->outcomes != NULL && i < self->outcomes->len; i++)
    if (g_strcmp0 (((CrmOutcome *)g_ptr_array_index (self->outcomes, i))->name, name) == 0)
      selected = i + 1;
  adw_combo_row_set_selected (self->outcome_row, selected);
  fill_reasons (self, NULL);
}

static void
fill_time (AdwEntryRow *row,
           gint64       timestamp)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (timestamp);
  g_autofree char *text = local ? g_date_time_format (local, "%Y-%m-%d %H:%M") : NULL;

  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

/* "YYYY-MM-DD HH:MM" in local time; 0 if it is not one */
static gint64
parse_time (const char *text)
{
  g_autoptr(GDateTime) local = NULL;
  int y, mo, d, h = 0, mi = 0;
  char end;

  if (text == NULL)
    return 0;
  if (sscanf (text, "%d-%d-%d %d:%d%c", &y, &mo, &d, &h, &mi, &end) != 5 &&
      sscanf (text, "%d-%d-%d%c", &y, &mo, &d, &end) != 3)
    return 0;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59)
    return 0;
  local = g_date_time_new_local (y, mo, d, h, mi, 0);
  return local ? g_date_time_to_unix (local) : 0;
}

static void
update_title (CrmLogDialog *self)
{
  const char *label = crm_history_kind_label (self->kind);
  g_autofree char *title = NULL;

  if (self->entry_id > 0)
    /* Translators: the title of the dialog editing an entry; %s is its kind, as “Call” */
    title = g_strdup_printf (_("Edit: %s"), label);
  else
    /* Translators: the title of the quick entry dialog; %s is a kind, as “Call” */
    title = g_strdup_printf (_("Log: %s"), label);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
setup_kind (CrmLogDialog *self)
{
  const CrmHistoryKind *kind = crm_history_kind_lookup (self->kind);
  CrmHistoryKindFlags flags = kind ? kind->flags : 0;

  gtk_widget_set_visible (GTK_WIDGET (self->outcome_row), (flags & CRM_HISTORY_KIND_OUTCOME) != 0);
  gtk_widget_set_visible (GTK_WIDGET (self->direction_row), (flags & CRM_HISTORY_KIND_DIRECTION) != 0);
  gtk_widget_set_visible (self->duration_row, (flags & CRM_HISTORY_KIND_DURATION) != 0);
  update_title (self);
}

void
crm_log_dialog_set_text (CrmLogDialog *self,
                         const char   *text)
{
  g_return_if_fail (CRM_IS_LOG_DIALOG (self));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text ? text : "", -1);
}

static void
fill_entry (CrmLogDialog          *self,
            const CrmHistoryEntry *entry)
{
  g_autofree char *text = NULL;
  guint contact = 0;

  if (entry->subject && *entry->subject && entry->body && *entry->body)
    text = g_strdup_printf ("%s\n%s", entry->subject, entry->body);
  else
    text = g_strdup (entry->subject && *entry->subject ? entry->subject : entry->body);
  crm_log_dialog_set_text (self, text);

  self->filling = TRUE;
  crm_log_dialog_select_outcome (self, entry->outcome);
  self->filling = FALSE;
  fill_reasons (self, entry->reason);
  adw_combo_row_set_selected (self->direction_row, entry->direction == CRM_DIRECTION_INCOMING ? 1 : 0);
  for (guint i = 0; i < self->contact_ids->len; i++)
    if (g_array_index (self->contact_ids, gint64, i) == entry->contact_id)
      contact = i;
  adw_combo_row_set_selected (self->contact_row, contact);
  gtk_spin_button_set_value (self->duration_spin, (entry->duration + 59) / 60);
  fill_time (self->time_row, entry->occurred_at);
  gtk_editable_set_text (GTK_EDITABLE (self->follow_up_row), entry->follow_up ? entry->follow_up : "");
  self->version = entry->version;
}

/**
 * crm_log_dialog_set_entry:
 *
 * Loads one of the user's entries to edit it.
 */
gboolean
crm_log_dialog_set_entry (CrmLogDialog  *self,
                          gint64         entry_id,
                          GError       **error)
{
  g_autoptr(CrmHistoryEntry) entry = NULL;

  g_return_val_if_fail (CRM_IS_LOG_DIALOG (self), FALSE);

  if (!(entry = crm_store_load_history_entry (self->store, entry_id, error)))
    return FALSE;

  self->entry_id = entry_id;
  g_free (self->kind);
  self->kind = g_strdup (entry->kind);
  setup_kind (self);
  fill_entry (self, entry);
  return TRUE;
}

/**
 * crm_log_dialog_save:
 *
 * Logs the entry (or saves the one edited) and closes the dialog; or says
 * in it what is wrong and keeps it open.
 *
 * Returns: whether it was saved
 */
gboolean
crm_log_dialog_save (CrmLogDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *follow_up = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  CrmOutcome *outcome;
  CrmHistoryData data = { 0 };
  char *newline;
  gint64 id;

  g_return_val_if_fail (CRM_IS_LOG_DIALOG (self), FALSE);

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));

  /* the first line is the subject, the rest the text */
  data.subject = text;
  if ((newline = strchr (text, '\n')) != NULL)
    {
      *newline = '\0';
      data.body = newline + 1;
    }
  data.company_id = self->company_id;
  data.kind = self->kind;

  outcome = gtk_widget_get_visible (GTK_WIDGET (self->outcome_row)) ? selected_outcome (self) : NULL;
  if (outcome != NULL)
    {
      data.outcome = outcome->name;
      if (outcome->asks_reason && adw_combo_row_get_selected (self->reason_row) > 0)
        data.reason = combo_string (self->reason_row);
    }
  if (gtk_widget_get_visible (GTK_WIDGET (self->direction_row)))
    data.direction = adw_combo_row_get_selected (self->direction_row) == 1
                     ? CRM_DIRECTION_INCOMING : CRM_DIRECTION_OUTGOING;
  if (adw_combo_row_get_selected (self->contact_row) < self->contact_ids->len)
    data.contact_id = g_array_index (self->contact_ids, gint64, adw_combo_row_get_selected (self->contact_row));
  if (gtk_widget_get_visible (self->duration_row))
    {
      gtk_spin_button_update (self->duration_spin);
      data.duration = gtk_spin_button_get_value_as_int (self->duration_spin) * 60;
    }

  data.occurred_at = parse_time (gtk_editable_get_text (GTK_EDITABLE (self->time_row)));
  if (data.occurred_at == 0)
    {
      show_error (self, _("The time is not a date and time (YYYY-MM-DD HH:MM)."));
      gtk_widget_grab_focus (GTK_WIDGET (self->time_row));
      return FALSE;
    }
  follow_up = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->follow_up_row))));
  data.follow_up = *follow_up ? follow_up : NULL;

  if (self->entry_id > 0)
    {
      gint64 version = crm_store_update_history_entry (self->store, self->entry_id, self->version, &data, &error);

      if (version == 0 && g_error_matches (error, CRM_EDIT_ERROR, CRM_EDIT_ERROR_CONFLICT))
        {
          g_autoptr(CrmHistoryEntry) current = crm_store_load_history_entry (self->store, self->entry_id, NULL);

          /* shows what is saved now; what the user typed was not written */
          if (current != NULL)
            fill_entry (self, current);
          show_error (self, error->message);
          g_signal_emit (self, signals[SIGNAL_ENTRY_CHANGED], 0, self->entry_id);
          return FALSE;
        }
      id = version > 0 ? self->entry_id : 0;
    }
  else
    id = crm_store_log_entry (self->store, &data, &error);

  if (id == 0)
    {
      show_error (self, error->message);
      return FALSE;
    }

  show_error (self, NULL);
  g_signal_emit (self, signals[SIGNAL_ENTRY_CHANGED], 0, id);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

/* For the tests: the message shown, or %NULL */
const char *
crm_log_dialog_get_error (CrmLogDialog *self)
{
  g_return_val_if_fail (CRM_IS_LOG_DIALOG (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_label (self->error_label) : NULL;
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  crm_log_dialog_save (CRM_LOG_DIALOG (widget));
}

static void
crm_log_dialog_dispose (GObject *object)
{
  CrmLogDialog *self = (CrmLogDialog *)object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->outcomes, g_ptr_array_unref);

  G_OBJECT_CLASS (crm_log_dialog_parent_class)->dispose (object);
}

static void
crm_log_dialog_finalize (GObject *object)
{
  CrmLogDialog *self = (CrmLogDialog *)object;

  g_free (self->kind);
  g_clear_pointer (&self->contact_ids, g_array_unref);

  G_OBJECT_CLASS (crm_log_dialog_parent_class)->finalize (object);
}

static void
crm_log_dialog_class_init (CrmLogDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_log_dialog_dispose;
  object_class->finalize = crm_log_dialog_finalize;

  /**
   * CrmLogDialog::entry-changed:
   * @id: the entry
   *
   * An entry was logged or saved, or was found changed by someone else:
   * timelines showing it are stale.
   */
  signals[SIGNAL_ENTRY_CHANGED] =
    g_signal_new ("entry-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rapportcrm/Rapport/ui/timeline/crm-log-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmLogDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, CrmLogDialog, text_view);
  gtk_widget_class_bind_template_child (widget_class, CrmLogDialog, outcome_row);
  gtk_widget_class_bind_template_child (widget_class, CrmLogDialog, reason_row);
  gtk_widget_class_bind_template_child (widget_class, CrmLogDialog, direction_row);
  gtk_widget_class_bind_template_child (widget_class, CrmLogDialog, contact_row);
  gtk_widget_class_bind_template_child (widget_class, CrmLogDialog, duration_row);
  gtk_widget_class_bind_template_child (widget_class, CrmLogDialog, duration_spin);
  gtk_widget_class_bind_template_child (widget_class, CrmLogDialog, time_row);
  gtk_widget_class_bind_template_child (widget_class, CrmLogDialog, follow_up_row);

  gtk_widget_class_install_action (widget_class, "log.save", NULL, save_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
crm_log_dialog_init (CrmLogDialog *self)
{
  GtkEventController *shortcuts;
  g_autoptr(GtkStringList) directions = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->contact_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  /* before the text view, which would take Ctrl+Enter as a new line */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_alternative_trigger_new (
                                                            gtk_keyval_trigger_new (GDK_KEY_Return, GDK_CONTROL_MASK),
                                                            gtk_keyval_trigger_new (GDK_KEY_KP_Enter, GDK_CONTROL_MASK)),
                                                          gtk_named_action_new ("log.save")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  directions = gtk_string_list_new (NULL);
  gtk_string_list_append (directions, C_("direction", "Outgoing"));
  gtk_string_list_append (directions, C_("direction", "Incoming"));
  adw_combo_row_set_model (self->direction_row, G_LIST_MODEL (directions));

  add_type_ahead (self->outcome_row);
  add_type_ahead (self->reason_row);
  add_type_ahead (self->direction_row);
  add_type_ahead (self->contact_row);
  g_signal_connect_swapped (self->outcome_row, "notify::selected", G_CALLBACK (on_outcome_selected_cb), self);
}

/**
 * crm_log_dialog_new:
 * @kind: a kind people log ("call", "meeting", "note")
 *
 * Returns: (transfer none): the dialog, not shown yet
 */
CrmLogDialog *
crm_log_dialog_new (GtkWindow  *parent,
                    CrmStore   *store,
                    gint64      company_id,
                    const char *kind,
                    GPtrArray  *contacts)
{
  g_autoptr(GtkStringList) contact_names = gtk_string_list_new (NULL);
  CrmLogDialog *self;
  gint64 none = 0;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  self = g_object_new (CRM_TYPE_LOG_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->company_id = company_id;
  self->kind = g_strdup (kind);

  gtk_string_list_append (contact_names, C_("contact", "None"));
  g_array_append_val (self->contact_ids, none);
  for (guint i = 0; contacts != NULL && i < contacts->len; i++)
    {
      CrmContactRecord *contact = g_ptr_array_index (contacts, i);

      gtk_string_list_append (contact_names, contact->full_name ? contact->full_name : "");
      g_array_append_val (self->contact_ids, contact->id);
    }
  adw_combo_row_set_model (self->contact_row, G_LIST_MODEL (contact_names));

  fill_outcomes (self);
  fill_reasons (self, NULL);
  setup_kind (self);
  fill_time (self->time_row, g_get_real_time () / G_USEC_PER_SEC);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));

  return self;
}
