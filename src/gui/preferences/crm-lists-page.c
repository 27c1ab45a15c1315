/* crm-lists-page.c: the dictionaries in Preferences
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-lists-page"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-client-edit.h"
#include "crm-format.h"
#include "crm-lists-page.h"
#include "crm-preferences-util.h"

/* One group per dictionary; the statuses are the sales funnel, in order,
 * and the others are alphabetical. */
typedef struct
{
  const char *kind;
  const char *title;
  const char *description;
  const char *add_label;      /* accessible name of the group's add button */
  const char *add_heading;
} ListKind;

static const ListKind list_kinds[] = {
  { "status",   N_("Statuses"),
    N_("The stages of the sales funnel, in order: the client list sorts by status in this order"),
    N_("Add a status"), N_("New Status") },
  { "industry", N_("Industries"), NULL, N_("Add an industry"), N_("New Industry") },
  { "region",   N_("Regions"),    NULL, N_("Add a region"),    N_("New Region") },
  { "source",   N_("Sources"),
    N_("Where clients came from"),
    N_("Add a source"), N_("New Source") },
};

#define N_KINDS G_N_ELEMENTS (list_kinds)

struct _CrmListsPage
{
  AdwPreferencesPage    parent_instance;

  CrmStore             *store;
  AdwPreferencesGroup  *groups[N_KINDS];
  GPtrArray            *rows[N_KINDS];     /* AdwActionRow*, in the group */
  GPtrArray            *values[N_KINDS];   /* CrmDictionaryValue*, as listed */
  GHashTable           *rows_by_id;        /* gint64* → AdwActionRow* (unowned) */
  GCancellable         *counts_cancellable;
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CrmListsPage, crm_lists_page, ADW_TYPE_PREFERENCES_PAGE)

static int
kind_index (const char *kind)
{
  for (guint i = 0; i < N_KINDS; i++)
    if (g_strcmp0 (kind, list_kinds[i].kind) == 0)
      return i;

  return -1;
}

/* The value with that id and the index of its kind, or NULL */
static CrmDictionaryValue *
find_value (CrmListsPage *self,
            gint64        id,
            int          *kind_out,
            guint        *position_out)
{
  for (guint k = 0; k < N_KINDS; k++)
    {
      if (self->values[k] == NULL)
        continue;

      for (guint i = 0; i < self->values[k]->len; i++)
        {
          CrmDictionaryValue *value = g_ptr_array_index (self->values[k], i);

          if (value->id == id)
            {
              if (kind_out != NULL)
                *kind_out = k;
              if (position_out != NULL)
                *position_out = i;
              return value;
            }
        }
    }

  return NULL;
}

static void
set_count_subtitle (AdwActionRow *row,
                    gint64        count)
{
  g_autofree char *number = crm_format_number (MAX (count, 0));
  g_autofree char *subtitle = NULL;

  /* Translators: %s is a number of clients that have a status, industry… */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s client", "%s clients", count), number);
  adw_action_row_set_subtitle (row, subtitle);
}

static void
changed (CrmListsPage *self)
{
  crm_lists_page_reload (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
show_count (GtkWidget *page,
            GtkWidget *row,
            gint64     id,
            gint64     count)
{
  set_count_subtitle (ADW_ACTION_ROW (row), count);
}

static void
counts_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  CrmListsPage *self = CRM_LISTS_PAGE (object);

  crm_preferences_count_show (GTK_WIDGET (self), result, self->rows_by_id, &self->counts_cancellable,
                              _("Could not count the clients: %s"), show_count);
}

static GtkWidget *
value_row (guint                     kind,
           const CrmDictionaryValue *value,
           guint                     position,
           guint                     n_values)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *rename_label = NULL;
  g_autofree char *remove_label = NULL;
  GtkWidget *button;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), value->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), "…");

  if (g_str_equal (list_kinds[kind].kind, "status"))
    {
      g_autofree char *up_label = NULL;
      g_autofree char *down_label = NULL;

      /* Translators: %s is the name of a status */
      up_label = g_strdup_printf (_("Move “%s” up"), value->name);
      button = crm_preferences_row_button ("go-up-symbolic", _("Move Up"), up_label, "lists.move-up", value->id,
                           position > 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

      /* Translators: %s is the name of a status */
      down_label = g_strdup_printf (_("Move “%s” down"), value->name);
      button = crm_preferences_row_button ("go-down-symbolic", _("Move Down"), down_label, "lists.move-down", value->id,
                           position + 1 < n_values);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }

  /* Translators: %s is the name of a status, industry, region or source */
  rename_label = g_strdup_printf (_("Rename “%s”"), value->name);
  button = crm_preferences_row_button ("document-edit-symbolic", _("Rename"), rename_label, "lists.rename", value->id, TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  /* Translators: %s is the name of a status, industry, region or source */
  remove_label = g_strdup_printf (_("Remove “%s”"), value->name);
  button = crm_preferences_row_button ("user-trash-symbolic", _("Remove"), remove_label, "lists.remove", value->id, TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

/**
 * crm_lists_page_reload:
 *
 * Lists every dictionary again from the store, then counts the clients of
 * each value in a thread.
 */
void
crm_lists_page_reload (CrmListsPage *self)
{
  g_autoptr(GArray) ids = NULL;

  g_return_if_fail (CRM_IS_LISTS_PAGE (self));

  if (self->counts_cancellable != NULL)
    g_cancellable_cancel (self->counts_cancellable);
  g_clear_object (&self->counts_cancellable);
  g_hash_table_remove_all (self->rows_by_id);

  for (guint k = 0; k < N_KINDS; k++)
    {
      for (guint i = 0; i < self->rows[k]->len; i++)
        adw_preferences_group_remove (self->groups[k], g_ptr_array_index (self->rows[k], i));
      g_ptr_array_set_size (self->rows[k], 0);
      g_clear_pointer (&self->values[k], g_ptr_array_unref);
    }

  if (self->store == NULL)
    return;

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint k = 0; k < N_KINDS; k++)
    {
      g_autoptr(GError) error = NULL;

      self->values[k] = crm_store_list_dictionary (self->store, list_kinds[k].kind, &error);
      if (self->values[k] == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("Could not read the lists: %s"), error->message);

          crm_preferences_show_toast (GTK_WIDGET (self), message);
          continue;
        }

      for (guint i = 0; i < self->values[k]->len; i++)
        {
          CrmDictionaryValue *value = g_ptr_array_index (self->values[k], i);
          GtkWidget *row = value_row (k, value, i, self->values[k]->len);

          adw_preferences_group_add (self->groups[k], row);
          g_ptr_array_add (self->rows[k], row);
          g_hash_table_insert (self->rows_by_id, g_memdup2 (&value->id, sizeof value->id), row);
          g_array_append_val (ids, value->id);
        }
    }

  self->counts_cancellable = g_cancellable_new ();
  crm_preferences_count_async (self, self->store, ids, crm_store_count_dictionary_uses,
                               self->counts_cancellable, counts_cb, NULL);
}

/* Dialogs */

/* The name typed into a dialog, trimmed; NULL (and a toast) when empty */
static char *
dialog_name (CrmListsPage     *self,
             AdwMessageDialog *dialog)
{
  g_autofree char *name = crm_preferences_dialog_get_text (dialog);

  if (name[0] == '\0')
    {
      crm_preferences_show_toast (GTK_WIDGET (self), _("The name cannot be empty"));
      return NULL;
    }

  return g_steal_pointer (&name);
}

static void
on_add_response_cb (CrmListsPage     *self,
                    const char       *response,
                    AdwMessageDialog *dialog)
{
  const char *kind = g_object_get_data (G_OBJECT (dialog), "kind");
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  if (!g_str_equal (response, "add") || self->store == NULL)
    return;
  if (!(name = dialog_name (self, dialog)))
    return;

  if (crm_store_add_dictionary_value (self->store, kind, name, &error) == 0)
    {
      crm_preferences_show_toast (GTK_WIDGET (self), error->message);
      return;
    }

  changed (self);
}

static void
crm_lists_page_add_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  CrmListsPage *self = CRM_LISTS_PAGE (widget);
  int k = kind_index (g_variant_get_string (parameter, NULL));
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  if (k < 0 || self->store == NULL)
    return;

  dialog = crm_preferences_dialog_new (GTK_WIDGET (self), _(list_kinds[k].add_heading), NULL);
  adw_message_dialog_add_response (dialog, "add", _("_Add"));
  adw_message_dialog_set_response_appearance (dialog, "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "add");
  entry = crm_preferences_dialog_add_entry (dialog, NULL, _("Name"));
  g_object_set_data (G_OBJECT (dialog), "kind", (gpointer) list_kinds[k].kind);
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (on_add_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
on_rename_response_cb (CrmListsPage     *self,
                       const char       *response,
                       AdwMessageDialog *dialog)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "id"));
  g_autoptr(GError) error = NULL;
  g_autofree char *previous = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (!g_str_equal (response, "rename") || self->store == NULL)
    return;
  if (!(name = dialog_name (self, dialog)))
    return;

  if (!crm_store_rename_dictionary_value (self->store, id, name, &previous, &error))
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
crm_lists_page_rename_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  CrmListsPage *self = CRM_LISTS_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  CrmDictionaryValue *value = find_value (self, id, NULL, NULL);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  if (value == NULL || self->store == NULL)
    return;

  /* Translators: %s is the name of a status, industry, region or source */
  heading = g_strdup_printf (_("Rename “%s”"), value->name);
  dialog = crm_preferences_dialog_new (GTK_WIDGET (self), heading, NULL);
  adw_message_dialog_add_response (dialog, "rename", _("_Rename"));
  adw_message_dialog_set_response_appearance (dialog, "rename", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "rename");
  entry = crm_preferences_dialog_add_entry (dialog, value->name, _("New name"));
  g_object_set_data (G_OBJECT (dialog), "id", GSIZE_TO_POINTER (id));
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (on_rename_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
on_remove_response_cb (CrmListsPage     *self,
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

  if (!crm_store_remove_dictionary_value (self->store, id, replacement, &error))
    {
      crm_preferences_show_toast (GTK_WIDGET (self), error->message);
      return;
    }

  changed (self);
}

static void
crm_lists_page_remove_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  CrmListsPage *self = CRM_LISTS_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  CrmDictionaryValue *value;
  AdwMessageDialog *dialog;
  gint64 uses;
  int k;

  if (self->store == NULL || !(value = find_value (self, id, &k, NULL)))
    return;

  uses = crm_store_count_dictionary_uses (self->store, id, &error);
  if (uses < 0 || error != NULL)
    {
      crm_preferences_show_toast (GTK_WIDGET (self), error != NULL ? error->message : _("Could not count the clients"));
      return;
    }

  if (uses == 0)
    {
      /* Translators: %s is the name of a status, industry, region or source */
      heading = g_strdup_printf (_("Remove “%s”?"), value->name);
      dialog = crm_preferences_dialog_new (GTK_WIDGET (self), heading, _("No client has it."));
      adw_message_dialog_add_response (dialog, "remove", _("_Remove"));
      adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
    }
  else if (self->values[k]->len < 2)
    {
      g_autofree char *number = crm_format_number (uses);

      /* Translators: %s is the name of a status, industry, region or source */
      heading = g_strdup_printf (_("Cannot Remove “%s”"), value->name);
      body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%s client has it and there is no other value to give it. Add one first.",
                                           "%s clients have it and there is no other value to give them. Add one first.",
                                           uses),
                              number);
      dialog = crm_preferences_dialog_new (GTK_WIDGET (self), heading, body);
    }
  else
    {
      g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
      g_autoptr(GArray) replacements = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autofree char *number = crm_format_number (uses);

      for (guint i = 0; i < self->values[k]->len; i++)
        {
          CrmDictionaryValue *other = g_ptr_array_index (self->values[k], i);

          if (other->id == id)
            continue;
          gtk_string_list_append (names, other->name);
          g_array_append_val (replacements, other->id);
        }

      /* Translators: %s is the name of a status, industry, region or source */
      heading = g_strdup_printf (_("Replace “%s” with…"), value->name);
      body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%s client has “%s”. Choose what it gets instead.",
                                           "%s clients have “%s”. Choose what they get instead.",
                                           uses),
                              number, value->name);
      dialog = crm_preferences_dialog_new (GTK_WIDGET (self), heading, body);
      adw_message_dialog_add_response (dialog, "remove", _("_Replace and Remove"));
      adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);

      crm_preferences_dialog_add_picker (dialog, g_steal_pointer (&names), g_steal_pointer (&replacements));
    }

  g_object_set_data (G_OBJECT (dialog), "id", GSIZE_TO_POINTER (id));
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (on_remove_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
move_status (CrmListsPage *self,
             gint64        id,
             int           delta)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  guint position;
  int k;
  gint64 other;

  if (self->store == NULL || !find_value (self, id, &k, &position) ||
      !g_str_equal (list_kinds[k].kind, "status"))
    return;
  if ((delta < 0 && position == 0) || (delta > 0 && position + 1 >= self->values[k]->len))
    return;

  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), self->values[k]->len);
  for (guint i = 0; i < self->values[k]->len; i++)
    g_array_append_val (ids, ((CrmDictionaryValue *) g_ptr_array_index (self->values[k], i))->id);

  other = g_array_index (ids, gint64, position + delta);
  g_array_index (ids, gint64, position + delta) = id;
  g_array_index (ids, gint64, position) = other;

  if (!crm_store_reorder_statuses (self->store, (const gint64 *) ids->data, ids->len, &error))
    {
      crm_preferences_show_toast (GTK_WIDGET (self), error->message);
      return;
    }

  changed (self);
}

static void
crm_lists_page_move_up_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  move_status (CRM_LISTS_PAGE (widget), g_variant_get_int64 (parameter), -1);
}

static void
crm_lists_page_move_down_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  move_status (CRM_LISTS_PAGE (widget), g_variant_get_int64 (parameter), 1);
}

static void
crm_lists_page_dispose (GObject *object)
{
  CrmListsPage *self = (CrmListsPage *)object;

  if (self->counts_cancellable != NULL)
    g_cancellable_cancel (self->counts_cancellable);
  g_clear_object (&self->counts_cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_lists_page_parent_class)->dispose (object);
}

static void
crm_lists_page_finalize (GObject *object)
{
  CrmListsPage *self = (CrmListsPage *)object;

  for (guint k = 0; k < N_KINDS; k++)
    {
      g_clear_pointer (&self->rows[k], g_ptr_array_unref);
      g_clear_pointer (&self->values[k], g_ptr_array_unref);
    }
  g_clear_pointer (&self->rows_by_id, g_hash_table_unref);

  G_OBJECT_CLASS (crm_lists_page_parent_class)->finalize (object);
}

static void
crm_lists_page_class_init (CrmListsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_lists_page_dispose;
  object_class->finalize = crm_lists_page_finalize;

  /**
   * CrmListsPage::changed:
   *
   * A value was added, renamed, moved or removed: what the clients show
   * has changed.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "lists.add", "s", crm_lists_page_add_action);
  gtk_widget_class_install_action (widget_class, "lists.rename", "x", crm_lists_page_rename_action);
  gtk_widget_class_install_action (widget_class, "lists.remove", "x", crm_lists_page_remove_action);
  gtk_widget_class_install_action (widget_class, "lists.move-up", "x", crm_lists_page_move_up_action);
  gtk_widget_class_install_action (widget_class, "lists.move-down", "x",
                                   crm_lists_page_move_down_action);
}

static void
crm_lists_page_init (CrmListsPage *self)
{
  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (self), _("Lists"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (self), "view-list-symbolic");
  adw_preferences_page_set_name (ADW_PREFERENCES_PAGE (self), "lists");

  self->rows_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint k = 0; k < N_KINDS; k++)
    {
      GtkWidget *group = adw_preferences_group_new ();
      GtkWidget *button;

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _(list_kinds[k].title));
      if (list_kinds[k].description != NULL)
        adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                               _(list_kinds[k].description));

      button = crm_preferences_add_button (_(list_kinds[k].add_label), "lists.add",
                                           g_variant_new_string (list_kinds[k].kind));
      adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), button);

      adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), ADW_PREFERENCES_GROUP (group));
      self->groups[k] = ADW_PREFERENCES_GROUP (group);
      self->rows[k] = g_ptr_array_new ();
    }
}

GtkWidget *
crm_lists_page_new (CrmStore *store)
{
  CrmListsPage *self;

  g_return_val_if_fail (!store || CRM_IS_STORE (store), NULL);

  self = g_object_new (CRM_TYPE_LISTS_PAGE, NULL);
  crm_lists_page_set_store (self, store);

  return GTK_WIDGET (self);
}

void
crm_lists_page_set_store (CrmListsPage *self,
                          CrmStore     *store)
{
  g_return_if_fail (CRM_IS_LISTS_PAGE (self));
  g_return_if_fail (!store || CRM_IS_STORE (store));

  if (g_set_object (&self->store, store))
    crm_lists_page_reload (self);
}
