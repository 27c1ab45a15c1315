/* crm-fields-page.c: the user-defined fields in Preferences
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-fields-page"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-client-edit.h"
#include "crm-fields-page.h"
#include "crm-preferences-util.h"

/* The kinds a field can be, in the order of the dropdown */
typedef struct
{
  const char *kind;
  const char *label;
} FieldKind;

static const FieldKind field_kinds[] = {
  { "text",     N_("Text") },
  { "number",   N_("Number") },
  { "date",     N_("Date") },
  { "choice",   N_("Choice") },
  { "checkbox", N_("Checkbox") },
};

#define CHOICE_KIND 3

struct _CrmFieldsPage
{
  AdwPreferencesPage    parent_instance;

  CrmStore             *store;
  AdwPreferencesGroup  *group;
  GtkWidget            *empty_row;
  GPtrArray            *rows;      /* AdwActionRow*, in the group */
  GPtrArray            *fields;    /* CrmCustomField*, as listed */
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CrmFieldsPage, crm_fields_page, ADW_TYPE_PREFERENCES_PAGE)

static const char *
kind_label (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_kinds); i++)
    if (g_strcmp0 (kind, field_kinds[i].kind) == 0)
      return _(field_kinds[i].label);

  return kind;
}

static CrmCustomField *
find_field (CrmFieldsPage *self,
            gint64         id)
{
  if (self->fields == NULL)
    return NULL;

  for (guint i = 0; i < self->fields->len; i++)
    {
      CrmCustomField *field = g_ptr_array_index (self->fields, i);

      if (field->id == id)
        return field;
    }

  return NULL;
}

static GtkWidget *
field_row (const CrmCustomField *field)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *delete_label = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), field->name);

  if (field->choices != NULL && field->choices[0] != NULL)
    {
      g_autofree char *choices = g_strjoinv (", ", field->choices);
      g_autofree char *subtitle = NULL;

      /* Translators: the kind of a field ("Choice") and the values it offers */
      subtitle = g_strdup_printf (_("%s: %s"), kind_label (field->kind), choices);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
    }
  else
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), kind_label (field->kind));
    }

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Delete"));
  /* Translators: %s is the name of a user-defined field */
  delete_label = g_strdup_printf (_("Delete the field “%s”"), field->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, delete_label,
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "fields.delete");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (field->id));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

/**
 * crm_fields_page_reload:
 *
 * Lists the fields again from the store.
 */
void
crm_fields_page_reload (CrmFieldsPage *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CRM_IS_FIELDS_PAGE (self));

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  g_clear_pointer (&self->fields, g_ptr_array_unref);

  if (self->store == NULL)
    return;

  self->fields = crm_store_list_custom_fields (self->store, &error);
  if (self->fields == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not read the fields: %s"), error->message);

      crm_preferences_show_toast (GTK_WIDGET (self), message);
      return;
    }

  for (guint i = 0; i < self->fields->len; i++)
    {
      GtkWidget *row = field_row (g_ptr_array_index (self->fields, i));

      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
    }

  gtk_widget_set_visible (self->empty_row, self->fields->len == 0);
}

static void
changed (CrmFieldsPage *self)
{
  crm_fields_page_reload (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* The choices of a choice field, one a line; blank lines do not count */
static GStrv
parse_choices (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (lines[i][0] != '\0')
        g_strv_builder_add (builder, lines[i]);
    }

  return g_strv_builder_end (builder);
}

static void
on_add_response_cb (CrmFieldsPage    *self,
                    const char       *response,
                    AdwMessageDialog *dialog)
{
  GtkEditable *name_entry = g_object_get_data (G_OBJECT (dialog), "name");
  GtkDropDown *kind_drop_down = g_object_get_data (G_OBJECT (dialog), "kind");
  GtkTextView *choices_view = g_object_get_data (G_OBJECT (dialog), "choices");
  g_autofree char *name = NULL;
  g_auto(GStrv) choices = NULL;
  g_autoptr(GError) error = NULL;
  guint kind;

  if (!g_str_equal (response, "add") || self->store == NULL)
    return;

  name = g_strstrip (g_strdup (gtk_editable_get_text (name_entry)));
  if (name[0] == '\0')
    {
      crm_preferences_show_toast (GTK_WIDGET (self), _("The name cannot be empty"));
      return;
    }

  kind = gtk_drop_down_get_selected (kind_drop_down);
  if (kind >= G_N_ELEMENTS (field_kinds))
    return;

  if (kind == CHOICE_KIND)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (choices_view);
      GtkTextIter start, end;
      g_autofree char *text = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      choices = parse_choices (text);
      if (choices[0] == NULL)
        {
          crm_preferences_show_toast (GTK_WIDGET (self), _("A choice field needs at least one choice"));
          return;
        }
    }

  if (crm_store_define_custom_field (self->store, name, field_kinds[kind].kind,
                                     (const char * const *) choices, &error) == 0)
    {
      crm_preferences_show_toast (GTK_WIDGET (self), error->message);
      return;
    }

  changed (self);
}

static void
on_kind_selected_cb (GtkDropDown *drop_down,
                     GParamSpec  *pspec,
                     GtkWidget   *choices_box)
{
  gtk_widget_set_visible (choices_box, gtk_drop_down_get_selected (drop_down) == CHOICE_KIND);
}

/* "Add" only for a field that can be added: a name, and for a choice field
 * a choice (before, the dialog closed on the error and lost what was typed) */
static void
update_add_enabled (AdwMessageDialog *dialog)
{
  GtkEditable *name = g_object_get_data (G_OBJECT (dialog), "name");
  GtkDropDown *kind = g_object_get_data (G_OBJECT (dialog), "kind");
  GtkTextView *choices_view = g_object_get_data (G_OBJECT (dialog), "choices");
  g_autofree char *trimmed = g_strstrip (g_strdup (gtk_editable_get_text (name)));
  gboolean ok = *trimmed != '\0';

  if (ok && gtk_drop_down_get_selected (kind) == CHOICE_KIND)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (choices_view);
      GtkTextIter start, end;
      g_autofree char *text = NULL;
      g_auto(GStrv) choices = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      choices = parse_choices (text);
      ok = choices[0] != NULL;
    }
  adw_message_dialog_set_response_enabled (dialog, "add", ok);
}

/* A box with a label above @child; the label names @widget (in @child) */
static GtkWidget *
labelled (const char *text,
          GtkWidget  *widget,
          GtkWidget  *child)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), child);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                  -1);

  return box;
}

static void
crm_fields_page_add_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  CrmFieldsPage *self = CRM_FIELDS_PAGE (widget);
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  AdwMessageDialog *dialog;
  GtkWidget *box, *name_entry, *kind_drop_down, *choices_view, *scrolled, *choices_box;

  if (self->store == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (field_kinds); i++)
    gtk_string_list_append (kinds, _(field_kinds[i].label));

  dialog = crm_preferences_dialog_new (GTK_WIDGET (self), _("New Field"), _("Every client gets the field on its card."));
  adw_message_dialog_add_response (dialog, "add", _("_Add"));
  adw_message_dialog_set_response_appearance (dialog, "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "add");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  name_entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (name_entry), TRUE);
  gtk_box_append (GTK_BOX (box), labelled (_("_Name"), name_entry, name_entry));

  kind_drop_down = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&kinds)), NULL);
  gtk_box_append (GTK_BOX (box), labelled (_("_Kind"), kind_drop_down, kind_drop_down));

  choices_view = gtk_text_view_new ();
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (choices_view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (choices_view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (choices_view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (choices_view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (choices_view), 6);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), choices_view);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 100);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_add_css_class (scrolled, "card");
  choices_box = labelled (_("_Choices, one per line"), choices_view, scrolled);
  gtk_widget_set_visible (choices_box, FALSE);
  gtk_box_append (GTK_BOX (box), choices_box);

  g_signal_connect_object (kind_drop_down, "notify::selected",
                           G_CALLBACK (on_kind_selected_cb), choices_box, G_CONNECT_DEFAULT);

  adw_message_dialog_set_extra_child (dialog, box);
  g_object_set_data (G_OBJECT (dialog), "name", name_entry);
  g_object_set_data (G_OBJECT (dialog), "kind", kind_drop_down);
  g_object_set_data (G_OBJECT (dialog), "choices", choices_view);
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (on_add_response_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (name_entry, "changed", G_CALLBACK (update_add_enabled), dialog, G_CONNECT_SWAPPED);
  g_signal_connect_object (kind_drop_down, "notify::selected", G_CALLBACK (update_add_enabled), dialog,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (choices_view)), "changed",
                           G_CALLBACK (update_add_enabled), dialog, G_CONNECT_SWAPPED);
  update_add_enabled (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (name_entry);
}

static void
on_delete_response_cb (CrmFieldsPage    *self,
                       const char       *response,
                       AdwMessageDialog *dialog)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "id"));
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "delete") || self->store == NULL)
    return;

  if (!crm_store_delete_custom_field (self->store, id, &error))
    {
      crm_preferences_show_toast (GTK_WIDGET (self), error->message);
      return;
    }

  changed (self);
}

static void
crm_fields_page_delete_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  CrmFieldsPage *self = CRM_FIELDS_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  CrmCustomField *field = find_field (self, id);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (field == NULL || self->store == NULL)
    return;

  /* Translators: %s is the name of a user-defined field */
  heading = g_strdup_printf (_("Delete the Field “%s”?"), field->name);
  /* Translators: %s is the name of a user-defined field */
  body = g_strdup_printf (_("The value of “%s” on every client is deleted too. This cannot be undone."),
                          field->name);
  dialog = crm_preferences_dialog_new (GTK_WIDGET (self), heading, body);
  adw_message_dialog_add_response (dialog, "delete", _("_Delete"));
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  g_object_set_data (G_OBJECT (dialog), "id", GSIZE_TO_POINTER (id));
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (on_delete_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
crm_fields_page_dispose (GObject *object)
{
  CrmFieldsPage *self = (CrmFieldsPage *)object;

  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_fields_page_parent_class)->dispose (object);
}

static void
crm_fields_page_finalize (GObject *object)
{
  CrmFieldsPage *self = (CrmFieldsPage *)object;

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->fields, g_ptr_array_unref);

  G_OBJECT_CLASS (crm_fields_page_parent_class)->finalize (object);
}

static void
crm_fields_page_class_init (CrmFieldsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_fields_page_dispose;
  object_class->finalize = crm_fields_page_finalize;

  /**
   * CrmFieldsPage::changed:
   *
   * A field was added or deleted.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "fields.add", NULL, crm_fields_page_add_action);
  gtk_widget_class_install_action (widget_class, "fields.delete", "x", crm_fields_page_delete_action);
}

static void
crm_fields_page_init (CrmFieldsPage *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (self), _("Fields"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (self), "document-properties-symbolic");
  adw_preferences_page_set_name (ADW_PREFERENCES_PAGE (self), "fields");

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Custom Fields"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Fields of your own that every client card shows"));

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("Add Field…"));
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add a field"),
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "fields.add");
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), button);

  self->empty_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->empty_row), _("No fields yet"));
  gtk_widget_add_css_class (self->empty_row, "dim-label");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->empty_row);

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), ADW_PREFERENCES_GROUP (group));
  self->group = ADW_PREFERENCES_GROUP (group);
  self->rows = g_ptr_array_new ();
}

GtkWidget *
crm_fields_page_new (CrmStore *store)
{
  CrmFieldsPage *self;

  g_return_val_if_fail (!store || CRM_IS_STORE (store), NULL);

  self = g_object_new (CRM_TYPE_FIELDS_PAGE, NULL);
  crm_fields_page_set_store (self, store);

  return GTK_WIDGET (self);
}

void
crm_fields_page_set_store (CrmFieldsPage *self,
                           CrmStore      *store)
{
  g_return_if_fail (CRM_IS_FIELDS_PAGE (self));
  g_return_if_fail (!store || CRM_IS_STORE (store));

  if (g_set_object (&self->store, store))
    crm_fields_page_reload (self);
}
