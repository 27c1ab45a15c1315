/* crm-outcomes-page.c: the outcomes of calls and meetings in Preferences
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-outcomes-page"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-client-edit.h"
#include "crm-format.h"
#include "crm-history.h"
#include "crm-outcomes-page.h"
#include "crm-preferences-util.h"

/* The outcome dictionary, in the order the quick entry offers it: one
 * expander row per outcome with the number of entries that have it, Move
 * Up/Down, Rename (the history follows) and Remove (the entries that have it
 * get another outcome), and inside the "Asks for a reason" switch with the
 * outcome's reasons, which the managers analyse. */

struct _CrmOutcomesPage
{
  AdwPreferencesPage    parent_instance;

  AdwPreferencesGroup  *group;

  CrmStore             *store;
  GPtrArray            *outcomes;          /* CrmOutcome*, as listed */
  GPtrArray            *rows;              /* AdwExpanderRow*, in the group */
  GHashTable           *rows_by_id;        /* gint64* → AdwExpanderRow* (unowned) */
  GHashTable           *expanded;          /* gint64* of the outcomes shown open */
  GCancellable         *counts_cancellable;
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CrmOutcomesPage, crm_outcomes_page, ADW_TYPE_PREFERENCES_PAGE)

#define ROW_COUNT_UNKNOWN G_GINT64_CONSTANT (-1)

static CrmOutcome *
find_outcome (CrmOutcomesPage *self,
              gint64           id,
              guint           *position_out)
{
  for (guint i = 0; self->outcomes != NULL && i < self->outcomes->len; i++)
    {
      CrmOutcome *outcome = g_ptr_array_index (self->outcomes, i);

      if (outcome->id == id)
        {
          if (position_out != NULL)
            *position_out = i;
          return outcome;
        }
    }

  return NULL;
}

/* Whether two names are the same to a person: case and Unicode forms aside */
static gboolean
same_name (const char *a,
           const char *b)
{
  g_autofree char *fa = g_utf8_casefold (a, -1);
  g_autofree char *fb = g_utf8_casefold (b, -1);
  g_autofree char *na = g_utf8_normalize (fa, -1, G_NORMALIZE_ALL);
  g_autofree char *nb = g_utf8_normalize (fb, -1, G_NORMALIZE_ALL);

  return g_strcmp0 (na, nb) == 0;
}

/* Another outcome with that name, or NULL */
static CrmOutcome *
find_other_named (CrmOutcomesPage *self,
                  gint64           id,
                  const char      *name)
{
  for (guint i = 0; self->outcomes != NULL && i < self->outcomes->len; i++)
    {
      CrmOutcome *outcome = g_ptr_array_index (self->outcomes, i);

      if (outcome->id != id && same_name (outcome->name, name))
        return outcome;
    }

  return NULL;
}

static char *
entries_text (gint64 count)
{
  g_autofree char *number = crm_format_number (MAX (count, 0));

  /* Translators: %s is a number of history entries that have an outcome */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s entry", "%s entries", count), number);
}

/* "12 entries · asks for a reason", as far as it is known */
static void
update_subtitle (AdwExpanderRow *row,
                 gboolean        asks_reason)
{
  gint64 *count = g_object_get_data (G_OBJECT (row), "count");
  g_autofree char *entries = count != NULL ? entries_text (*count) : NULL;
  g_autofree char *subtitle = NULL;

  if (asks_reason && entries != NULL)
    /* Translators: %s is a number of entries, as in “12 entries” */
    subtitle = g_strdup_printf (_("%s · asks for a reason"), entries);
  else if (asks_reason)
    subtitle = g_strdup (_("Asks for a reason"));
  else
    subtitle = g_strdup (entries != NULL ? entries : "…");
  adw_expander_row_set_subtitle (row, subtitle);
}

static void
changed (CrmOutcomesPage *self)
{
  crm_outcomes_page_reload (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
show_count (GtkWidget *page,
            GtkWidget *row,
            gint64     id,
            gint64     count)
{
  CrmOutcome *outcome = find_outcome (CRM_OUTCOMES_PAGE (page), id, NULL);

  if (outcome == NULL)
    return;
  g_object_set_data_full (G_OBJECT (row), "count", g_memdup2 (&count, sizeof count), g_free);
  update_subtitle (ADW_EXPANDER_ROW (row), outcome->asks_reason);
}

static void
counts_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  CrmOutcomesPage *self = CRM_OUTCOMES_PAGE (object);

  crm_preferences_count_show (GTK_WIDGET (self), result, self->rows_by_id, &self->counts_cancellable,
                              _("Could not count the entries: %s"), show_count);
}

/* The switch turned: the outcome asks for a reason or not. The row stays
 * (and open); its reasons show or hide. */
static void
on_asks_reason_cb (GtkSwitch       *toggle,
                   GParamSpec      *pspec,
                   CrmOutcomesPage *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toggle), "outcome-id"));
  CrmOutcome *outcome = find_outcome (self, id, NULL);
  gboolean active = gtk_switch_get_active (toggle);
  AdwExpanderRow *row = g_hash_table_lookup (self->rows_by_id, &id);
  GPtrArray *reason_rows;
  g_autoptr(GError) error = NULL;

  if (outcome == NULL || row == NULL || self->store == NULL || outcome->asks_reason == active)
    return;

  if (!crm_store_update_outcome (self->store, id, outcome->name, active, &error))
    {
      crm_preferences_show_toast (GTK_WIDGET (self), error->message);
      g_signal_handlers_block_by_func (toggle, on_asks_reason_cb, self);
      gtk_switch_set_active (toggle, outcome->asks_reason);
      g_signal_handlers_unblock_by_func (toggle, on_asks_reason_cb, self);
      return;
    }

  outcome->asks_reason = active;
  reason_rows = g_object_get_data (G_OBJECT (row), "reason-rows");
  for (guint i = 0; i < reason_rows->len; i++)
    gtk_widget_set_visible (g_ptr_array_index (reason_rows, i), active);
  update_subtitle (row, active);

  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_expanded_cb (AdwExpanderRow  *row,
                GParamSpec      *pspec,
                CrmOutcomesPage *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "outcome-id"));

  if (adw_expander_row_get_expanded (row))
    g_hash_table_add (self->expanded, g_memdup2 (&id, sizeof id));
  else
    g_hash_table_remove (self->expanded, &id);
}

static void
add_reason (CrmOutcomesPage *self,
            gint64           outcome_id,
            AdwEntryRow     *entry_row)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry_row))));
  g_autoptr(GError) error = NULL;
  AdwExpanderRow *row;
  GtkWidget *new_entry;

  if (self->store == NULL || name[0] == '\0')
    return;

  if (crm_store_add_outcome_reason (self->store, outcome_id, name, &error) == 0)
    {
      crm_preferences_show_toast (GTK_WIDGET (self), error->message);
      return;
    }

  changed (self);

  /* the next reason is typed into the same place */
  row = g_hash_table_lookup (self->rows_by_id, &outcome_id);
  if (row != NULL && (new_entry = g_object_get_data (G_OBJECT (row), "reason-entry")) != NULL)
    gtk_widget_grab_focus (new_entry);
}

static void
on_reason_apply_cb (AdwEntryRow     *entry_row,
                    CrmOutcomesPage *self)
{
  add_reason (self, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (entry_row), "outcome-id")), entry_row);
}

/* A reason the outcome has already is marked while it is typed */
static void
on_reason_changed_cb (AdwEntryRow *entry_row)
{
  GPtrArray *reasons = g_object_get_data (G_OBJECT (entry_row), "reasons");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry_row))));
  gboolean taken = FALSE;

  for (guint i = 0; reasons != NULL && i < reasons->len && !taken; i++)
    taken = same_name (((CrmDictionaryValue *) g_ptr_array_index (reasons, i))->name, name);

  if (taken)
    gtk_widget_add_css_class (GTK_WIDGET (entry_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (entry_row), "error");
  adw_entry_row_set_show_apply_button (entry_row, !taken);
}

static void
add_reason_rows (CrmOutcomesPage  *self,
                 AdwExpanderRow   *row,
                 const CrmOutcome *outcome)
{
  g_autoptr(GPtrArray) reasons = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *reason_rows = g_ptr_array_new ();
  GtkWidget *entry_row;

  g_object_set_data_full (G_OBJECT (row), "reason-rows", reason_rows, (GDestroyNotify) g_ptr_array_unref);

  if (!(reasons = crm_store_list_outcome_reasons (self->store, outcome->id, &error)))
    {
      g_autofree char *message = g_strdup_printf (_("Could not read the reasons: %s"), error->message);

      crm_preferences_show_toast (GTK_WIDGET (self), message);
      return;
    }

  if (reasons->len == 0)
    {
      GtkWidget *empty = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (empty), _("No reasons yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (empty),
                                   _("Until it has one, this outcome cannot be logged"));
      gtk_widget_add_css_class (empty, "dim-label");
      adw_expander_row_add_row (row, empty);
      g_ptr_array_add (reason_rows, empty);
    }

  for (guint i = 0; i < reasons->len; i++)
    {
      CrmDictionaryValue *reason = g_ptr_array_index (reasons, i);
      GtkWidget *reason_row = adw_action_row_new ();
      g_autofree char *remove_label = NULL;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (reason_row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (reason_row), reason->name);
      /* Translators: %s is the name of a reason, as “Too expensive” */
      remove_label = g_strdup_printf (_("Remove the reason “%s”"), reason->name);
      adw_action_row_add_suffix (ADW_ACTION_ROW (reason_row),
                                 crm_preferences_row_button ("user-trash-symbolic", _("Remove"), remove_label,
                                                             "outcomes.remove-reason", reason->id, TRUE));
      adw_expander_row_add_row (row, reason_row);
      g_ptr_array_add (reason_rows, reason_row);
    }

  entry_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry_row), _("New reason"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (entry_row), TRUE);
  g_object_set_data (G_OBJECT (entry_row), "outcome-id", GSIZE_TO_POINTER (outcome->id));
  g_object_set_data_full (G_OBJECT (entry_row), "reasons",
                          g_steal_pointer (&reasons), (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect_object (entry_row, "apply", G_CALLBACK (on_reason_apply_cb), self, 0);
  g_signal_connect (entry_row, "changed", G_CALLBACK (on_reason_changed_cb), NULL);
  adw_expander_row_add_row (row, entry_row);
  g_ptr_array_add (reason_rows, entry_row);
  g_object_set_data (G_OBJECT (row), "reason-entry", entry_row);

  for (guint i = 0; i < reason_rows->len; i++)
    gtk_widget_set_visible (g_ptr_array_index (reason_rows, i), outcome->asks_reason);
}

static GtkWidget *
outcome_row (CrmOutcomesPage  *self,
             const CrmOutcome *outcome,
             guint             position,
             guint             n_outcomes)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *asks_row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();
  GtkWidget *moves = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  g_autofree char *up_label = NULL;
  g_autofree char *down_label = NULL;
  g_autofree char *rename_label = NULL;
  g_autofree char *remove_label = NULL;
  g_autofree char *asks_label = NULL;
  GtkWidget *button;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), outcome->name);
  g_object_set_data (G_OBJECT (row), "outcome-id", GSIZE_TO_POINTER (outcome->id));
  update_subtitle (ADW_EXPANDER_ROW (row), outcome->asks_reason);

  /* Move Up and Down come first, apart from the arrow that opens the row;
   * the expander row puts each action before the previous one */
  /* Translators: %s is the name of an outcome, as “Not interested” */
  up_label = g_strdup_printf (_("Move “%s” up"), outcome->name);
  button = crm_preferences_row_button ("go-up-symbolic", _("Move Up"), up_label, "outcomes.move-up",
                                       outcome->id, position > 0);
  gtk_box_append (GTK_BOX (moves), button);
  g_object_set_data (G_OBJECT (row), "move-up", button);

  /* Translators: %s is the name of an outcome */
  down_label = g_strdup_printf (_("Move “%s” down"), outcome->name);
  button = crm_preferences_row_button ("go-down-symbolic", _("Move Down"), down_label, "outcomes.move-down",
                                       outcome->id, position + 1 < n_outcomes);
  gtk_box_append (GTK_BOX (moves), button);
  g_object_set_data (G_OBJECT (row), "move-down", button);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), moves);

  /* Translators: %s is the name of an outcome */
  remove_label = g_strdup_printf (_("Remove “%s”"), outcome->name);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row),
                               crm_preferences_row_button ("user-trash-symbolic", _("Remove"), remove_label,
                                                           "outcomes.remove", outcome->id, TRUE));

  /* Translators: %s is the name of an outcome */
  rename_label = g_strdup_printf (_("Rename “%s”"), outcome->name);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row),
                               crm_preferences_row_button ("document-edit-symbolic", _("Rename"), rename_label,
                                                           "outcomes.rename", outcome->id, TRUE));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (asks_row), _("Asks for a reason"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (asks_row),
                               _("Whoever logs it picks one of the reasons below"));
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_switch_set_active (GTK_SWITCH (toggle), outcome->asks_reason);
  /* Translators: %s is the name of an outcome */
  asks_label = g_strdup_printf (_("“%s” asks for a reason"), outcome->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, asks_label,
                                  -1);
  g_object_set_data (G_OBJECT (toggle), "outcome-id", GSIZE_TO_POINTER (outcome->id));
  g_signal_connect_object (toggle, "notify::active", G_CALLBACK (on_asks_reason_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (asks_row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (asks_row), toggle);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), asks_row);
  g_object_set_data (G_OBJECT (row), "asks-reason", toggle);

  add_reason_rows (self, ADW_EXPANDER_ROW (row), outcome);

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row),
                                 g_hash_table_contains (self->expanded, &outcome->id));
  g_signal_connect_object (row, "notify::expanded", G_CALLBACK (on_expanded_cb), self, 0);

  return row;
}

/**
 * crm_outcomes_page_reload:
 *
 * Lists the outcomes and their reasons again from the store (the rows that
 * were open stay open), then counts the entries of each in a thread.
 */
void
crm_outcomes_page_reload (CrmOutcomesPage *self)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CRM_IS_OUTCOMES_PAGE (self));

  if (self->counts_cancellable != NULL)
    g_cancellable_cancel (self->counts_cancellable);
  g_clear_object (&self->counts_cancellable);
  g_hash_table_remove_all (self->rows_by_id);
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  g_clear_pointer (&self->outcomes, g_ptr_array_unref);

  if (self->store == NULL)
    return;

  if (!(self->outcomes = crm_store_list_outcomes (self->store, &error)))
    {
      g_autofree char *message = g_strdup_printf (_("Could not read the outcomes: %s"), error->message);

      crm_preferences_show_toast (GTK_WIDGET (self), message);
      return;
    }

  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), self->outcomes->len);
  for (guint i = 0; i < self->outcomes->len; i++)
    {
      CrmOutcome *outcome = g_ptr_array_index (self->outcomes, i);
      GtkWidget *row = outcome_row (self, outcome, i, self->outcomes->len);

      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
      g_hash_table_insert (self->rows_by_id, g_memdup2 (&outcome->id, sizeof outcome->id), row);
      g_array_append_val (ids, outcome->id);
    }

  self->counts_cancellable = g_cancellable_new ();
  crm_preferences_count_async (self, self->store, ids, crm_store_count_outcome_uses,
                               self->counts_cancellable, counts_cb, NULL);
}

/* Add and rename: a name another outcome has is refused while it is typed */
static void
on_name_changed_cb (AdwMessageDialog *dialog,
                    GtkEditable      *entry)
{
  CrmOutcomesPage *self = g_object_get_data (G_OBJECT (dialog), "page");
  const char *response = g_object_get_data (G_OBJECT (dialog), "response");
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "id"));
  const char *hint = g_object_get_data (G_OBJECT (dialog), "hint");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  CrmOutcome *outcome = id != 0 ? find_outcome (self, id, NULL) : NULL;
  CrmOutcome *other = find_other_named (self, id, name);
  g_autofree char *body = NULL;

  if (other != NULL)
    /* Translators: %s is the name of an outcome */
    body = g_strdup_printf (_("There is an outcome “%s” already."), other->name);
  adw_message_dialog_set_body (dialog, body != NULL ? body : hint != NULL ? hint : "");
  if (other != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  adw_message_dialog_set_response_enabled (dialog, response,
                                           name[0] != '\0' && other == NULL &&
                                           (outcome == NULL || !g_str_equal (name, outcome->name)));
}

static AdwMessageDialog *
name_dialog (CrmOutcomesPage *self,
             const char      *heading,
             const char      *hint,
             const char      *response,
             const char      *response_label,
             gint64           id,
             const char      *text,
             const char      *accessible_label)
{
  AdwMessageDialog *dialog = crm_preferences_dialog_new (GTK_WIDGET (self), heading, hint);
  GtkWidget *entry;

  adw_message_dialog_add_response (dialog, response, response_label);
  adw_message_dialog_set_response_appearance (dialog, response, ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, response);
  g_object_set_data_full (G_OBJECT (dialog), "page", g_object_ref (self), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "response", (gpointer) response);
  g_object_set_data (G_OBJECT (dialog), "id", GSIZE_TO_POINTER (id));
  g_object_set_data_full (G_OBJECT (dialog), "hint", g_strdup (hint), g_free);
  entry = crm_preferences_dialog_add_entry (dialog, text, accessible_label);
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_name_changed_cb), dialog, G_CONNECT_SWAPPED);
  on_name_changed_cb (dialog, GTK_EDITABLE (entry));

  return dialog;
}

static void
on_add_response_cb (CrmOutcomesPage  *self,
                    const char       *response,
                    AdwMessageDialog *dialog)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  if (!g_str_equal (response, "add") || self->store == NULL)
    return;

  name = crm_preferences_dialog_get_text (dialog);
  if (crm_store_add_outcome (self->store, name, FALSE, &error) == 0)
    {
      crm_preferences_show_toast (GTK_WIDGET (self), error->message);
      return;
    }

  changed (self);
}

static void
crm_outcomes_page_add_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  CrmOutcomesPage *self = CRM_OUTCOMES_PAGE (widget);
  AdwMessageDialog *dialog;

  if (self->store == NULL)
    return;

  dialog = name_dialog (self, _("New Outcome"),
                        _("It is offered last; move it up to offer it earlier."),
                        "add", _("_Add"), 0, NULL, _("Name"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_add_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (adw_message_dialog_get_extra_child (dialog));
}

static void
on_rename_response_cb (CrmOutcomesPage  *self,
                       const char       *response,
                       AdwMessageDialog *dialog)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "id"));
  CrmOutcome *outcome = find_outcome (self, id, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *previous = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (!g_str_equal (response, "rename") || self->store == NULL || outcome == NULL)
    return;

  previous = g_strdup (outcome->name);
  name = crm_preferences_dialog_get_text (dialog);
  if (!crm_store_update_outcome (self->store, id, name, outcome->asks_reason, &error))
    {
      crm_preferences_show_toast (GTK_WIDGET (self), error->message);
      return;
    }

  changed (self);

  /* Translators: the first %s is the old name of a value, the second the new one */
  message = g_strdup_printf (_("“%s” renamed to “%s”"), previous, name);
  crm_preferences_show_toast (GTK_WIDGET (self), message);
}

static void
crm_outcomes_page_rename_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  CrmOutcomesPage *self = CRM_OUTCOMES_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  CrmOutcome *outcome = find_outcome (self, id, NULL);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  if (outcome == NULL || self->store == NULL)
    return;

  /* Translators: %s is the name of an outcome */
  heading = g_strdup_printf (_("Rename “%s”"), outcome->name);
  dialog = name_dialog (self, heading, _("The entries that have it get the new name."),
                        "rename", _("_Rename"), id, outcome->name, _("New name"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_rename_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (adw_message_dialog_get_extra_child (dialog));
}

static void
on_remove_response_cb (CrmOutcomesPage  *self,
                       const char       *response,
                       AdwMessageDialog *dialog)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "id"));
  g_autoptr(GError) error = NULL;
  gint64 replacement = 0;

  if (!g_str_equal (response, "remove") || self->store == NULL)
    return;
  if (!crm_preferences_dialog_get_picked (dialog, &replacement))
    return;

  if (!crm_store_remove_outcome (self->store, id, replacement, &error))
    {
      crm_preferences_show_toast (GTK_WIDGET (self), error->message);
      return;
    }

  g_hash_table_remove (self->expanded, &id);
  changed (self);
}

static void
crm_outcomes_page_remove_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  CrmOutcomesPage *self = CRM_OUTCOMES_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  CrmOutcome *outcome = find_outcome (self, id, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *number = NULL;
  AdwMessageDialog *dialog;
  gint64 uses;

  if (outcome == NULL || self->store == NULL)
    return;

  if ((uses = crm_store_count_outcome_uses (self->store, id, &error)) < 0)
    {
      crm_preferences_show_toast (GTK_WIDGET (self), error->message);
      return;
    }
  number = crm_format_number (uses);

  if (uses == 0)
    {
      /* Translators: %s is the name of an outcome */
      heading = g_strdup_printf (_("Remove “%s”?"), outcome->name);
      dialog = crm_preferences_dialog_new (GTK_WIDGET (self), heading, _("No entry has it."));
      adw_message_dialog_add_response (dialog, "remove", _("_Remove"));
      adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
    }
  else if (self->outcomes->len < 2)
    {
      /* Translators: %s is the name of an outcome */
      heading = g_strdup_printf (_("Cannot Remove “%s”"), outcome->name);
      body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%s entry has it and there is no other outcome to give it. Add one first.",
                                           "%s entries have it and there is no other outcome to give them. Add one first.",
                                           uses),
                              number);
      dialog = crm_preferences_dialog_new (GTK_WIDGET (self), heading, body);
    }
  else
    {
      GtkStringList *names = gtk_string_list_new (NULL);
      GArray *replacements = g_array_new (FALSE, FALSE, sizeof (gint64));

      for (guint i = 0; i < self->outcomes->len; i++)
        {
          CrmOutcome *other = g_ptr_array_index (self->outcomes, i);

          if (other->id == id)
            continue;
          gtk_string_list_append (names, other->name);
          g_array_append_val (replacements, other->id);
        }

      /* Translators: %s is the name of an outcome */
      heading = g_strdup_printf (_("Replace “%s” with…"), outcome->name);
      /* Translators: the first %s is a number of entries, the second the name of an outcome */
      body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%s entry has “%s”. Choose the outcome it gets instead; its reason is cleared.",
                                           "%s entries have “%s”. Choose the outcome they get instead; their reasons are cleared.",
                                           uses),
                              number, outcome->name);
      dialog = crm_preferences_dialog_new (GTK_WIDGET (self), heading, body);
      adw_message_dialog_add_response (dialog, "remove", _("_Replace and Remove"));
      adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
      crm_preferences_dialog_add_picker (dialog, names, replacements);
    }

  g_object_set_data (G_OBJECT (dialog), "id", GSIZE_TO_POINTER (id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
move_outcome (CrmOutcomesPage *self,
              gint64           id,
              int              delta)
{
  g_autoptr(GError) error = NULL;
  AdwExpanderRow *row;
  GtkWidget *button;
  guint position;

  if (self->store == NULL || !find_outcome (self, id, &position))
    return;
  if ((delta < 0 && position == 0) || (delta > 0 && position + 1 >= self->outcomes->len))
    return;

  if (!crm_store_move_outcome (self->store, id, (int) position + delta, &error))
    {
      crm_preferences_show_toast (GTK_WIDGET (self), error->message);
      return;
    }

  changed (self);

  /* The keyboard stays on the moved outcome: on the same button while it
   * can move on, else on the other one */
  if ((row = g_hash_table_lookup (self->rows_by_id, &id)) == NULL)
    return;
  button = g_object_get_data (G_OBJECT (row), delta < 0 ? "move-up" : "move-down");
  if (!gtk_widget_get_sensitive (button))
    button = g_object_get_data (G_OBJECT (row), delta < 0 ? "move-down" : "move-up");
  gtk_widget_grab_focus (button);
}

static void
crm_outcomes_page_move_up_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  move_outcome (CRM_OUTCOMES_PAGE (widget), g_variant_get_int64 (parameter), -1);
}

static void
crm_outcomes_page_move_down_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  move_outcome (CRM_OUTCOMES_PAGE (widget), g_variant_get_int64 (parameter), 1);
}

/* The entries keep the name of a reason that is removed */
static void
crm_outcomes_page_remove_reason_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *parameter)
{
  CrmOutcomesPage *self = CRM_OUTCOMES_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;

  if (!crm_store_remove_outcome_reason (self->store, g_variant_get_int64 (parameter), &error))
    {
      crm_preferences_show_toast (GTK_WIDGET (self), error->message);
      return;
    }

  changed (self);
}

static void
crm_outcomes_page_dispose (GObject *object)
{
  CrmOutcomesPage *self = (CrmOutcomesPage *)object;

  if (self->counts_cancellable != NULL)
    g_cancellable_cancel (self->counts_cancellable);
  g_clear_object (&self->counts_cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_outcomes_page_parent_class)->dispose (object);
}

static void
crm_outcomes_page_finalize (GObject *object)
{
  CrmOutcomesPage *self = (CrmOutcomesPage *)object;

  g_clear_pointer (&self->outcomes, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->rows_by_id, g_hash_table_unref);
  g_clear_pointer (&self->expanded, g_hash_table_unref);

  G_OBJECT_CLASS (crm_outcomes_page_parent_class)->finalize (object);
}

static void
crm_outcomes_page_class_init (CrmOutcomesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_outcomes_page_dispose;
  object_class->finalize = crm_outcomes_page_finalize;

  /**
   * CrmOutcomesPage::changed:
   *
   * An outcome or a reason was added, renamed, moved or removed, or an
   * outcome asks for a reason or no more: what the history shows and the
   * quick entry offers has changed.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "outcomes.add", NULL, crm_outcomes_page_add_action);
  gtk_widget_class_install_action (widget_class, "outcomes.rename", "x", crm_outcomes_page_rename_action);
  gtk_widget_class_install_action (widget_class, "outcomes.remove", "x", crm_outcomes_page_remove_action);
  gtk_widget_class_install_action (widget_class, "outcomes.move-up", "x", crm_outcomes_page_move_up_action);
  gtk_widget_class_install_action (widget_class, "outcomes.move-down", "x",
                                   crm_outcomes_page_move_down_action);
  gtk_widget_class_install_action (widget_class, "outcomes.remove-reason", "x",
                                   crm_outcomes_page_remove_reason_action);
}

static void
crm_outcomes_page_init (CrmOutcomesPage *self)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (self), _("Outcomes"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (self), "checkbox-checked-symbolic");
  adw_preferences_page_set_name (ADW_PREFERENCES_PAGE (self), "outcomes");

  self->rows = g_ptr_array_new ();
  self->rows_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->expanded = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Outcomes of Calls and Meetings"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("In the order the quick entry offers them. A refusal or a complaint "
                                           "asks for a reason, so that managers can analyse them."));
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group),
                                           crm_preferences_add_button (_("Add an outcome"), "outcomes.add", NULL));

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), ADW_PREFERENCES_GROUP (group));
  self->group = ADW_PREFERENCES_GROUP (group);
}

GtkWidget *
crm_outcomes_page_new (CrmStore *store)
{
  CrmOutcomesPage *self;

  g_return_val_if_fail (!store || CRM_IS_STORE (store), NULL);

  self = g_object_new (CRM_TYPE_OUTCOMES_PAGE, NULL);
  crm_outcomes_page_set_store (self, store);

  return GTK_WIDGET (self);
}

void
crm_outcomes_page_set_store (CrmOutcomesPage *self,
                             CrmStore        *store)
{
  g_return_if_fail (CRM_IS_OUTCOMES_PAGE (self));
  g_return_if_fail (!store || CRM_IS_STORE (store));

  if (g_set_object (&self->store, store))
    crm_outcomes_page_reload (self);
}
