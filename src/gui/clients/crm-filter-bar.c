/* crm-filter-bar.c
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-filter-bar"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "crm-client-edit.h"
#include "crm-filter-bar.h"
#include "crm-segments.h"
#include "crm-users.h"
#include "crm-validate.h"
#include "crm-wrap-box.h"

/* The bar above the client list: "Add Filter" picks a condition in a
 * popover, the active conditions show as chips, and the whole filter can be
 * saved as a segment. The bar edits the CrmClientFilter it is given; the
 * list follows that filter's "changed" signal by itself.
 *
 * User-defined fields follow the fixed kinds in the popover. A choice or a
 * checkbox lists its values to tick, as a status does; text, number and
 * date fields take one condition each ("contains", a range, from/to), which
 * Apply replaces and the popover shows again when the field is picked. */

struct _CrmFilterBar
{
  AdwBin           parent_instance;

  /* Template widgets */
  GtkMenuButton   *add_button;
  GtkPopover      *popover;
  GtkWidget       *chip_row;
  CrmWrapBox      *chips_box;
  GtkLabel        *chips_error_label;
  GtkButton       *clear_button;
  GtkButton       *save_button;
  GtkStack        *popover_stack;
  GtkListBox      *kinds_list;
  GtkListBox      *values_list;
  GtkLabel        *values_title;
  GtkLabel        *values_empty_label;
  GtkSearchEntry  *values_search;
  GtkSpinButton   *days_spin;
  GtkLabel        *days_label;
  GtkLabel        *field_title;
  GtkStack        *field_stack;
  GtkEntry        *text_entry;
  GtkToggleButton *number_range_toggle;
  GtkToggleButton *number_exact_toggle;
  GtkWidget       *number_range_grid;
  GtkEntry        *number_from_entry;
  GtkEntry        *number_to_entry;
  GtkEntry        *number_exact_entry;
  GtkEntry        *date_from_entry;
  GtkEntry        *date_to_entry;
  GtkListBox      *field_values_list;
  GtkLabel        *field_error_label;
  GtkWidget       *field_apply_button;

  /* Owned references */
  CrmStore        *store;
  CrmClientFilter *filter;
  CrmClientFilter *saved;          /* as the segment shown keeps it, or NULL */
  GPtrArray       *fields;        /* CrmCustomField*, as the popover lists them */
  GPtrArray       *field_rows;    /* GtkListBoxRow* of kinds_list, one per field */
  CrmCustomField  *field;         /* the one the "field" page shows, in fields */

  CrmFilterKind    values_kind;
  guint            n_chips;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_FILTER,
  N_PROPS
};

enum {
  SEGMENT_CREATED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (CrmFilterBar, crm_filter_bar, ADW_TYPE_BIN)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const struct
{
  const char    *row_name;
  CrmFilterKind  kind;
  const char    *dictionary;  /* NULL for tags and managers */
  const char    *title;
} value_kinds[] = {
  { "status",   CRM_FILTER_STATUS,   "status",   N_("Status") },
  { "industry", CRM_FILTER_INDUSTRY, "industry", N_("Industry") },
  { "region",   CRM_FILTER_REGION,   "region",   N_("Region") },
  { "source",   CRM_FILTER_SOURCE,   "source",   N_("Source") },
  { "tag",      CRM_FILTER_TAG,      NULL,       N_("Tag") },
  { "manager",  CRM_FILTER_MANAGER,  NULL,       N_("Manager") },
};

static void
on_chip_clicked_cb (CrmFilterBar *self,
                    GtkButton    *button)
{
  const char *id = g_object_get_data (G_OBJECT (button), "chip-id");

  if (self->filter != NULL)
    crm_client_filter_remove_condition (self->filter, id);
}

static GtkWidget *
chip_new (CrmFilterBar        *self,
          const CrmFilterChip *chip)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (chip->label);
  GtkWidget *icon = gtk_image_new_from_icon_name ("window-close-symbolic");
  g_autofree char *name = NULL;

  /* A chip is read whole: a long one wraps within itself rather than widen
   * the window, and the box wraps chips onto more lines */
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_NONE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_button_set_child (GTK_BUTTON (button), box);

  /* Translators: the accessible name of a chip of the client list's filter;
   * %s is the condition, e.g. "Status: Client" */
  name = g_strdup_printf (_("Remove filter %s"), chip->label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  gtk_widget_set_tooltip_text (button, _("Remove this filter"));

  g_object_set_data_full (G_OBJECT (button), "chip-id", g_strdup (chip->id), g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_chip_clicked_cb), self,
                           G_CONNECT_SWAPPED);

  return button;
}

static void
crm_filter_bar_update_chips (CrmFilterBar *self)
{
  g_autoptr(GPtrArray) chips = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  /* the chips come first; Clear and Save as Segment stay after them */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->chips_box))) != NULL &&
         child != GTK_WIDGET (self->clear_button))
    crm_wrap_box_remove (self->chips_box, child);
  self->n_chips = 0;

  if (self->filter == NULL || self->store == NULL || crm_client_filter_is_empty (self->filter))
    {
      gtk_widget_set_visible (self->chip_row, FALSE);
      return;
    }

  gtk_widget_set_visible (self->chip_row, TRUE);
  /* a segment shown as it is saved is there already */
  gtk_widget_set_visible (GTK_WIDGET (self->save_button),
                          self->saved == NULL || !crm_client_filter_equal (self->filter, self->saved));

  if (!(chips = crm_client_filter_describe_conditions (self->filter, self->store, &error)))
    {
      gtk_label_set_label (self->chips_error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->chips_error_label), TRUE);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->chips_error_label), FALSE);
  for (guint i = 0; i < chips->len; i++)
    {
      GtkWidget *chip = chip_new (self, g_ptr_array_index (chips, i));

      crm_wrap_box_insert_before (self->chips_box, chip, GTK_WIDGET (self->clear_button));
      self->n_chips++;
    }
}

static void
on_filter_changed_cb (CrmFilterBar    *self,
                      CrmClientFilter *filter)
{
  crm_filter_bar_update_chips (self);
}

static void
on_clear_button_clicked_cb (CrmFilterBar *self,
                            GtkButton    *button)
{
  if (self->filter != NULL)
    crm_client_filter_clear (self->filter);
}

/* The popover */

static void
on_value_check_toggled_cb (CrmFilterBar   *self,
                           GtkCheckButton *check)
{
  gint64 id = *(gint64 *)g_object_get_data (G_OBJECT (check), "value-id");

  if (self->filter == NULL)
    return;

  if (gtk_check_button_get_active (check))
    crm_client_filter_add (self->filter, self->values_kind, id);
  else
    crm_client_filter_remove (self->filter, self->values_kind, id);
}

static void
crm_filter_bar_add_value_row (CrmFilterBar *self,
                              gint64        id,
                              const char   *name)
{
  GtkWidget *check = gtk_check_button_new_with_label (name);
  gint64 *stored = g_new (gint64, 1);

  *stored = id;
  g_object_set_data_full (G_OBJECT (check), "value-id", stored, g_free);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                               crm_client_filter_has (self->filter, self->values_kind, id));
  g_signal_connect_object (check, "toggled", G_CALLBACK (on_value_check_toggled_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_list_box_append (self->values_list, check);
}

static void
crm_filter_bar_show_values (CrmFilterBar *self,
                            guint         index)
{
  g_autoptr(GPtrArray) values = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *row;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->values_list))) != NULL)
    gtk_list_box_remove (self->values_list, row);

  self->values_kind = value_kinds[index].kind;
  gtk_label_set_label (self->values_title, _(value_kinds[index].title));
  gtk_editable_set_text (GTK_EDITABLE (self->values_search), "");

  if (value_kinds[index].dictionary != NULL)
    values = crm_store_list_dictionary (self->store, value_kinds[index].dictionary, &error);
  else if (value_kinds[index].kind == CRM_FILTER_MANAGER)
    values = crm_store_list_users (self->store, &error);
  else
    values = crm_store_list_tags (self->store, &error);

  if (values != NULL)
    for (guint i = 0; i < values->len; i++)
      {
        if (value_kinds[index].dictionary != NULL)
          {
            CrmDictionaryValue *value = g_ptr_array_index (values, i);
            crm_filter_bar_add_value_row (self, value->id, value->name);
          }
        else if (value_kinds[index].kind == CRM_FILTER_MANAGER)
          {
            CrmUser *user = g_ptr_array_index (values, i);
            const char *name = user->full_name != NULL && user->full_name[0] != '\0'
                               ? user->full_name : user->login;
            crm_filter_bar_add_value_row (self, user->id, name);
          }
        else
          {
            CrmTag *tag = g_ptr_array_index (values, i);
            crm_filter_bar_add_value_row (self, tag->id, tag->name);
          }
      }

  if (error != NULL)
    gtk_label_set_label (self->values_empty_label, error->message);
  else
    gtk_label_set_label (self->values_empty_label, _("The database has no values of this kind yet."));
  gtk_widget_set_visible (GTK_WIDGET (self->values_empty_label), values == NULL || values->len == 0);
  /* a search is worth it on longer lists only, such as regions */
  gtk_widget_set_visible (GTK_WIDGET (self->values_search), values != NULL && values->len > 8);

  gtk_stack_set_visible_child_name (self->popover_stack, "values");
}

static void
crm_filter_bar_update_days_label (CrmFilterBar *self)
{
  guint days = gtk_spin_button_get_value_as_int (self->days_spin);

  /* Translators: after a number in "No contact for [30] days" */
  gtk_label_set_label (self->days_label, ngettext ("day", "days", days));
}

/* User-defined fields */

/* The index of a condition on the field, or -1 */
static int
find_field_condition (CrmClientFilter *filter,
                      gint64           field_id,
                      CrmFieldMatch    match,
                      const char      *value)
{
  guint n = crm_client_filter_get_n_fields (filter);

  for (guint i = 0; i < n; i++)
    {
      gint64 id;
      CrmFieldMatch m;
      const char *v;

      crm_client_filter_get_field (filter, i, &id, &m, &v);
      if (id == field_id && m == match && (value == NULL || g_strcmp0 (v, value) == 0))
        return i;
    }

  return -1;
}

static void
remove_field_conditions (CrmClientFilter *filter,
                         gint64           field_id,
                         CrmFieldMatch    match)
{
  int index;

  while ((index = find_field_condition (filter, field_id, match, NULL)) >= 0)
    crm_client_filter_remove_field (filter, index);
}

static void
kinds_header_func (GtkListBoxRow *row,
                   GtkListBoxRow *before,
                   gpointer       user_data)
{
  gboolean first_field = g_str_equal (gtk_widget_get_name (GTK_WIDGET (row)), "field") &&
                         before != NULL &&
                         !g_str_equal (gtk_widget_get_name (GTK_WIDGET (before)), "field");

  if (first_field && gtk_list_box_row_get_header (row) == NULL)
    {
      GtkWidget *header = gtk_label_new (_("Fields"));

      gtk_label_set_xalign (GTK_LABEL (header), 0);
      gtk_widget_set_margin_top (header, 6);
      gtk_widget_set_margin_start (header, 12);
      gtk_widget_add_css_class (header, "heading");
      gtk_widget_add_css_class (header, "dim-label");
      gtk_list_box_row_set_header (row, header);
    }
  else if (!first_field)
    gtk_list_box_row_set_header (row, NULL);
}

/* The fields may have changed in Preferences since the popover was last open */
static void
crm_filter_bar_reload_fields (CrmFilterBar *self)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < self->field_rows->len; i++)
    gtk_list_box_remove (self->kinds_list, g_ptr_array_index (self->field_rows, i));
  g_ptr_array_set_size (self->field_rows, 0);
  self->field = NULL;
  g_clear_pointer (&self->fields, g_ptr_array_unref);

  if (self->store == NULL)
    return;

  if (!(self->fields = crm_store_list_custom_fields (self->store, &error)))
    {
      g_warning ("Could not list the user-defined fields: %s", error->message);
      return;
    }

  for (guint i = 0; i < self->fields->len; i++)
    {
      CrmCustomField *field = g_ptr_array_index (self->fields, i);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *label = gtk_label_new (field->name);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      gtk_widget_set_name (row, "field");
      gtk_widget_set_tooltip_text (row, field->name);
      g_object_set_data (G_OBJECT (row), "field-index", GUINT_TO_POINTER (i));
      gtk_list_box_append (self->kinds_list, row);
      g_ptr_array_add (self->field_rows, row);
    }
}

static void
on_popover_show_cb (CrmFilterBar *self,
                    GtkPopover   *popover)
{
  crm_filter_bar_reload_fields (self);
}

static void
show_field_error (CrmFilterBar *self,
                  const char   *message)
{
  gtk_label_set_label (self->field_error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->field_error_label), message != NULL);
}

/* A ticked value of a choice field, or Yes/No of a checkbox */
static void
on_field_value_toggled_cb (CrmFilterBar   *self,
                           GtkCheckButton *check)
{
  const char *value = g_object_get_data (G_OBJECT (check), "field-value");
  gboolean active = gtk_check_button_get_active (check);
  gint64 field_id;
  int index;

  if (self->filter == NULL || self->field == NULL)
    return;
  field_id = self->field->id;

  if (g_str_equal (self->field->kind, "checkbox"))
    {
      /* Yes and No exclude each other: the one ticked replaces the other */
      if (!active)
        return;
      remove_field_conditions (self->filter, field_id, CRM_FIELD_MATCH_EQUALS);
      remove_field_conditions (self->filter, field_id, CRM_FIELD_MATCH_NOT_EQUALS);
      crm_client_filter_add_field (self->filter, field_id,
                                   g_str_equal (value, "1") ? CRM_FIELD_MATCH_EQUALS
                                                            : CRM_FIELD_MATCH_NOT_EQUALS,
                                   "1");
      return;
    }

  if (active)
    crm_client_filter_add_field (self->filter, field_id, CRM_FIELD_MATCH_EQUALS, value);
  else if ((index = find_field_condition (self->filter, field_id, CRM_FIELD_MATCH_EQUALS, value)) >= 0)
    crm_client_filter_remove_field (self->filter, index);
}

static GtkWidget *
field_value_check (CrmFilterBar *self,
                   const char   *label,
                   const char   *value,
                   gboolean      active,
                   GtkWidget    *group)
{
  GtkWidget *check = gtk_check_button_new_with_label (label);

  if (group != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), GTK_CHECK_BUTTON (group));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
  g_object_set_data_full (G_OBJECT (check), "field-value", g_strdup (value), g_free);
  g_signal_connect_object (check, "toggled", G_CALLBACK (on_field_value_toggled_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_list_box_append (self->field_values_list, check);

  return check;
}

static void
on_number_mode_toggled_cb (CrmFilterBar    *self,
                           GtkToggleButton *button)
{
  gboolean exact = gtk_toggle_button_get_active (self->number_exact_toggle);

  gtk_widget_set_visible (self->number_range_grid, !exact);
  gtk_widget_set_visible (GTK_WIDGET (self->number_exact_entry), exact);
  show_field_error (self, NULL);
}

static void
set_entry_text (GtkEntry   *entry,
                const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
}

static void
crm_filter_bar_show_field (CrmFilterBar   *self,
                           CrmCustomField *field)
{
  const char *kind = field->kind;
  GtkWidget *row;
  GtkWidget *focus = NULL;
  int index;

  self->field = field;
  gtk_label_set_label (self->field_title, field->name);
  show_field_error (self, NULL);

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->field_values_list))) != NULL)
    gtk_list_box_remove (self->field_values_list, row);

  if (g_str_equal (kind, "choice") || g_str_equal (kind, "checkbox"))
    {
      if (g_str_equal (kind, "checkbox"))
        {
          gboolean yes = find_field_condition (self->filter, field->id, CRM_FIELD_MATCH_EQUALS, "1") >= 0;
          gboolean no = find_field_condition (self->filter, field->id, CRM_FIELD_MATCH_NOT_EQUALS, "1") >= 0;
          GtkWidget *first;

          /* Translators: a value of a user-defined checkbox field in the filter */
          first = field_value_check (self, _("Yes"), "1", yes, NULL);
          /* Translators: a value of a user-defined checkbox field in the
           * filter: unticked, or never set */
          field_value_check (self, _("No"), "0", no && !yes, first);
        }
      else
        for (guint i = 0; field->choices != NULL && field->choices[i] != NULL; i++)
          field_value_check (self, field->choices[i], field->choices[i],
                             find_field_condition (self->filter, field->id, CRM_FIELD_MATCH_EQUALS,
                                                   field->choices[i]) >= 0,
                             NULL);
      gtk_stack_set_visible_child_name (self->field_stack, "values");
      gtk_widget_set_visible (self->field_apply_button, FALSE);
    }
  else if (g_str_equal (kind, "number") || g_str_equal (kind, "date"))
    {
      const char *from = NULL, *to = NULL;

      if ((index = find_field_condition (self->filter, field->id, CRM_FIELD_MATCH_RANGE, NULL)) >= 0)
        crm_client_filter_get_field_range (self->filter, index, &from, &to);

      if (g_str_equal (kind, "number"))
        {
          gboolean exact = from != NULL && g_strcmp0 (from, to) == 0;

          gtk_toggle_button_set_active (exact ? self->number_exact_toggle : self->number_range_toggle, TRUE);
          on_number_mode_toggled_cb (self, NULL);
          set_entry_text (self->number_exact_entry, exact ? from : NULL);
          set_entry_text (self->number_from_entry, exact ? NULL : from);
          set_entry_text (self->number_to_entry, exact ? NULL : to);
          focus = GTK_WIDGET (exact ? self->number_exact_entry : self->number_from_entry);
        }
      else
        {
          set_entry_text (self->date_from_entry, from);
          set_entry_text (self->date_to_entry, to);
          focus = GTK_WIDGET (self->date_from_entry);
        }
      gtk_stack_set_visible_child_name (self->field_stack, kind);
      gtk_widget_set_visible (self->field_apply_button, TRUE);
    }
  else
    {
      const char *value = NULL;

      if ((index = find_field_condition (self->filter, field->id, CRM_FIELD_MATCH_CONTAINS, NULL)) >= 0)
        crm_client_filter_get_field (self->filter, index, NULL, NULL, &value);
      set_entry_text (self->text_entry, value);
      gtk_stack_set_visible_child_name (self->field_stack, "text");
      gtk_widget_set_visible (self->field_apply_button, TRUE);
      focus = GTK_WIDGET (self->text_entry);
    }

  gtk_stack_set_visible_child_name (self->popover_stack, "field");
  /* selecting the text on focus makes GTK 4.8 warn about the blinking
   * cursor of a selection; the cursor goes to the end instead */
  if (focus != NULL)
    gtk_entry_grab_focus_without_selecting (GTK_ENTRY (focus));
}

/* A number as the field keeps it, in @normalized; %NULL for an empty entry */
static gboolean
read_number (CrmFilterBar  *self,
             GtkEntry      *entry,
             char         **normalized)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  *normalized = NULL;
  if (text[0] == '\0')
    return TRUE;
  if (!crm_validate_custom_value ("number", NULL, text, normalized, &error))
    {
      show_field_error (self, error->message);
      gtk_entry_grab_focus_without_selecting (entry);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_date (CrmFilterBar  *self,
           GtkEntry      *entry,
           char         **date)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  *date = NULL;
  if (text[0] == '\0')
    return TRUE;
  if (!crm_validate_date (text, &error))
    {
      show_field_error (self, error->message);
      gtk_entry_grab_focus_without_selecting (entry);
      return FALSE;
    }
  *date = g_steal_pointer (&text);

  return TRUE;
}

static void
on_field_apply_cb (CrmFilterBar *self,
                   GtkWidget    *widget)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  CrmCustomField *field = self->field;

  if (self->filter == NULL || field == NULL)
    return;
  show_field_error (self, NULL);

  if (g_str_equal (field->kind, "number"))
    {
      if (gtk_toggle_button_get_active (self->number_exact_toggle))
        {
          if (!read_number (self, self->number_exact_entry, &from))
            return;
          to = g_strdup (from);
        }
      else if (!read_number (self, self->number_from_entry, &from) ||
               !read_number (self, self->number_to_entry, &to))
        return;

      if (from == NULL && to == NULL)
        {
          show_field_error (self, _("Type the lowest number, the highest, or both."));
          return;
        }
      /* 500 to 100 is meant as 100 to 500 */
      if (from != NULL && to != NULL && g_ascii_strtod (from, NULL) > g_ascii_strtod (to, NULL))
        {
          char *swap = from;
          from = to;
          to = swap;
        }
    }
  else if (g_str_equal (field->kind, "date"))
    {
      if (!read_date (self, self->date_from_entry, &from) || !read_date (self, self->date_to_entry, &to))
        return;
      if (from == NULL && to == NULL)
        {
          show_field_error (self, _("Type the first day, the last day, or both."));
          return;
        }
      if (from != NULL && to != NULL && strcmp (from, to) > 0)
        {
          char *swap = from;
          from = to;
          to = swap;
        }
    }
  else if (g_str_equal (field->kind, "text"))
    {
      g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->text_entry))));

      if (text[0] == '\0')
        {
          show_field_error (self, _("Type the text to look for."));
          return;
        }
      remove_field_conditions (self->filter, field->id, CRM_FIELD_MATCH_CONTAINS);
      crm_client_filter_add_field (self->filter, field->id, CRM_FIELD_MATCH_CONTAINS, text);
      gtk_menu_button_popdown (self->add_button);
      return;
    }
  else
    return;

  /* One range per field: applying again replaces it */
  remove_field_conditions (self->filter, field->id, CRM_FIELD_MATCH_RANGE);
  crm_client_filter_add_field_range (self->filter, field->id, from, to);
  gtk_menu_button_popdown (self->add_button);
}

static void
on_kinds_list_row_activated_cb (CrmFilterBar  *self,
                                GtkListBoxRow *row,
                                GtkListBox    *list)
{
  const char *name = gtk_widget_get_name (GTK_WIDGET (row));

  if (self->store == NULL || self->filter == NULL)
    return;

  if (g_str_equal (name, "no-contact"))
    {
      guint days = crm_client_filter_get_no_contact_days (self->filter);

      if (days > 0)
        gtk_spin_button_set_value (self->days_spin, days);
      crm_filter_bar_update_days_label (self);
      gtk_stack_set_visible_child_name (self->popover_stack, "days");
      gtk_widget_grab_focus (GTK_WIDGET (self->days_spin));
      return;
    }

  if (g_str_equal (name, "field"))
    {
      guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "field-index"));

      if (self->fields != NULL && index < self->fields->len)
        crm_filter_bar_show_field (self, g_ptr_array_index (self->fields, index));
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (value_kinds); i++)
    if (g_str_equal (name, value_kinds[i].row_name))
      crm_filter_bar_show_values (self, i);
}

static void
on_values_list_row_activated_cb (CrmFilterBar  *self,
                                 GtkListBoxRow *row,
                                 GtkListBox    *list)
{
  GtkWidget *check = gtk_list_box_row_get_child (row);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                               !gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
}

static gboolean
values_filter_func (GtkListBoxRow *row,
                    gpointer       user_data)
{
  CrmFilterBar *self = user_data;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->values_search));
  GtkWidget *check = gtk_list_box_row_get_child (row);
  g_autofree char *needle = NULL;
  g_autofree char *haystack = NULL;

  if (text[0] == '\0')
    return TRUE;

  needle = g_utf8_casefold (text, -1);
  haystack = g_utf8_casefold (gtk_check_button_get_label (GTK_CHECK_BUTTON (check)), -1);
  return strstr (haystack, needle) != NULL;
}

static void
on_values_search_changed_cb (CrmFilterBar   *self,
                             GtkSearchEntry *entry)
{
  gtk_list_box_invalidate_filter (self->values_list);
}

static void clear_field_entries (CrmFilterBar *self);

static void
on_back_button_clicked_cb (CrmFilterBar *self,
                           GtkButton    *button)
{
  gtk_stack_set_visible_child_name (self->popover_stack, "kinds");
  clear_field_entries (self);
}

static void
on_days_apply_clicked_cb (CrmFilterBar *self,
                          GtkWidget    *widget)
{
  gtk_spin_button_update (self->days_spin);
  crm_filter_bar_set_no_contact_days (self, gtk_spin_button_get_value_as_int (self->days_spin));
  gtk_menu_button_popdown (self->add_button);
}

static void
clear_field_entries (CrmFilterBar *self)
{
  GtkEntry *entries[] = {
    self->text_entry, self->number_from_entry, self->number_to_entry, self->number_exact_entry,
    self->date_from_entry, self->date_to_entry,
  };

  /* The page fills them from the filter when it is shown again. Empty, an
   * entry the popover gives the focus back to has no text to select: GTK 4.8
   * warns about a selection under a blinking cursor otherwise. */
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    set_entry_text (entries[i], NULL);
}

static void
on_popover_closed_cb (CrmFilterBar *self,
                      GtkPopover   *popover)
{
  gtk_stack_set_visible_child_full (self->popover_stack, "kinds", GTK_STACK_TRANSITION_TYPE_NONE);
  clear_field_entries (self);
}

/* Saving a segment */

static void show_save_dialog (CrmFilterBar *self,
                              const char   *name,
                              const char   *message);

static void
on_save_entry_changed_cb (AdwMessageDialog *dialog,
                          GtkEditable      *entry)
{
  CrmFilterBar *self = g_object_get_data (G_OBJECT (dialog), "filter-bar");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autofree char *body = NULL;
  gboolean can_save = name[0] != '\0';

  /* a taken name is said while typing, not after Save */
  if (can_save && self->store != NULL && crm_store_find_segment (self->store, name, NULL) > 0)
    {
      /* Translators: %s is the name of a saved filter of the client list */
      body = g_strdup_printf (_("A segment named “%s” already exists. Choose another name."), name);
      can_save = FALSE;
    }

  adw_message_dialog_set_body (dialog, body != NULL ? body
                                                    : _("The segment keeps the current filters and is listed in the sidebar."));
  adw_message_dialog_set_response_enabled (dialog, "save", can_save);
}

static void
on_save_entry_activate_cb (AdwMessageDialog *dialog,
                           GtkEntry         *entry)
{
  /* adw_message_dialog_response() does not close the dialog on 1.2, as a
   * click on a response button does */
  if (adw_message_dialog_get_response_enabled (dialog, "save"))
    {
      adw_message_dialog_response (dialog, "save");
      gtk_window_close (GTK_WINDOW (dialog));
    }
}

static void
on_save_dialog_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            CrmFilterBar     *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *name = g_strdup (gtk_editable_get_text (entry));
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "save"))
    return;

  if (crm_filter_bar_save_segment (self, name, &error) == 0)
    show_save_dialog (self, name, error->message);
}

static void
show_save_dialog (CrmFilterBar *self,
                  const char   *name,
                  const char   *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Save as Segment"), NULL));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "filter-bar", g_object_ref (self), g_object_unref);

  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Segment name"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Segment name"),
                                  -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_save_entry_changed_cb), dialog,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (entry, "activate", G_CALLBACK (on_save_entry_activate_cb), dialog,
                           G_CONNECT_SWAPPED);
  gtk_editable_set_text (GTK_EDITABLE (entry), name != NULL ? name : "");
  on_save_entry_changed_cb (dialog, GTK_EDITABLE (entry));
  if (message != NULL)
    adw_message_dialog_set_body (dialog, message);

  g_signal_connect_object (dialog, "response", G_CALLBACK (on_save_dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
on_save_button_clicked_cb (CrmFilterBar *self,
                           GtkButton    *button)
{
  if (self->store == NULL || self->filter == NULL || crm_client_filter_is_empty (self->filter))
    return;

  show_save_dialog (self, NULL, NULL);
}

/* The object */

static void
crm_filter_bar_dispose (GObject *object)
{
  CrmFilterBar *self = (CrmFilterBar *)object;

  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_func (self->filter, on_filter_changed_cb, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_FILTER_BAR);

  g_clear_object (&self->filter);
  g_clear_object (&self->saved);
  g_clear_object (&self->store);
  self->field = NULL;
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->field_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (crm_filter_bar_parent_class)->dispose (object);
}

static void
crm_filter_bar_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CrmFilterBar *self = CRM_FILTER_BAR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_FILTER:
      g_value_set_object (value, self->filter);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_filter_bar_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CrmFilterBar *self = CRM_FILTER_BAR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      crm_filter_bar_set_store (self, g_value_get_object (value));
      break;

    case PROP_FILTER:
      crm_filter_bar_set_filter (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_filter_bar_class_init (CrmFilterBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_filter_bar_dispose;
  object_class->get_property = crm_filter_bar_get_property;
  object_class->set_property = crm_filter_bar_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CRM_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_FILTER] =
    g_param_spec_object ("filter", NULL, NULL, CRM_TYPE_CLIENT_FILTER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CrmFilterBar::segment-created:
   * @id: the new segment
   *
   * The filter was saved as a segment.
   */
  signals[SEGMENT_CREATED] =
    g_signal_new ("segment-created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/clients/crm-filter-bar.ui");
  g_type_ensure (CRM_TYPE_WRAP_BOX);

  gtk_widget_class_bind_template_child (widget_class, CrmFilterBar, add_button);
  gtk_widget_class_bind_template_child (widget_class, CrmFilterBar, popover);
  gtk_widget_class_bind_template_child (widget_class, CrmFilterBar, kinds_list);
  gtk_widget_class_bind_template_child (widget_class, CrmFilterBar, field_title);
  gtk_widget_class_bind_template_child (widget_class, CrmFilterBar, field_stack);
  gtk_widget_class_bind_template_child (widget_class, CrmFilterBar, text_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmFilterBar, number_range_toggle);
  gtk_widget_class_bind_template_child (widget_class, CrmFilterBar, number_exact_toggle);
  gtk_widget_class_bind_template_child (widget_class, CrmFilterBar, number_range_grid);
  gtk_widget_class_bind_template_child (widget_class, CrmFilterBar, number_from_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmFilterBar, number_to_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmFilterBar, number_exact_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmFilterBar, date_from_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmFilterBar, date_to_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmFilterBar, field_values_list);
  gtk_widget_class_bind_template_child (widget_class, CrmFilterBar, field_error_label);
  gtk_widget_class_bind_template_child (widget_class, CrmFilterBar, field_apply_button);
  gtk_widget_class_bind_template_child (widget_class, CrmFilterBar, chip_row);
  gtk_widget_class_bind_template_child (widget_class, CrmFilterBar, chips_box);
  gtk_widget_class_bind_template_child (widget_class, CrmFilterBar, save_button);
  gtk_widget_class_bind_template_child (widget_class, CrmFilterBar, chips_error_label);
  gtk_widget_class_bind_template_child (widget_class, CrmFilterBar, clear_button);
  gtk_widget_class_bind_template_child (widget_class, CrmFilterBar, popover_stack);
  gtk_widget_class_bind_template_child (widget_class, CrmFilterBar, values_list);
  gtk_widget_class_bind_template_child (widget_class, CrmFilterBar, values_title);
  gtk_widget_class_bind_template_child (widget_class, CrmFilterBar, values_empty_label);
  gtk_widget_class_bind_template_child (widget_class, CrmFilterBar, values_search);
  gtk_widget_class_bind_template_child (widget_class, CrmFilterBar, days_spin);
  gtk_widget_class_bind_template_child (widget_class, CrmFilterBar, days_label);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_kinds_list_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_values_list_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_values_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_back_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_days_apply_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_popover_closed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_field_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_number_mode_toggled_cb);
}

static void
crm_filter_bar_init (CrmFilterBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->field_rows = g_ptr_array_new ();
  gtk_list_box_set_filter_func (self->values_list, values_filter_func, self, NULL);
  gtk_list_box_set_header_func (self->kinds_list, kinds_header_func, self, NULL);
  g_signal_connect_object (self->days_spin, "value-changed",
                           G_CALLBACK (crm_filter_bar_update_days_label), self, G_CONNECT_SWAPPED);
  crm_filter_bar_update_days_label (self);
}

GtkWidget *
crm_filter_bar_new (void)
{
  return g_object_new (CRM_TYPE_FILTER_BAR, NULL);
}

CrmStore *
crm_filter_bar_get_store (CrmFilterBar *self)
{
  g_return_val_if_fail (CRM_IS_FILTER_BAR (self), NULL);

  return self->store;
}

/**
 * crm_filter_bar_set_store:
 * @store: (nullable): where the names of the values are, and the segments
 */
void
crm_filter_bar_set_store (CrmFilterBar *self,
                          CrmStore     *store)
{
  g_return_if_fail (CRM_IS_FILTER_BAR (self));
  g_return_if_fail (!store || CRM_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), store != NULL);
  crm_filter_bar_update_chips (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/**
 * crm_filter_bar_get_filter:
 *
 * Returns: (transfer none) (nullable): the filter the bar edits
 */
CrmClientFilter *
crm_filter_bar_get_filter (CrmFilterBar *self)
{
  g_return_val_if_fail (CRM_IS_FILTER_BAR (self), NULL);

  return self->filter;
}

/**
 * crm_filter_bar_set_filter:
 * @filter: (nullable): the filter to edit; the bar keeps a reference and
 *   changes this very object
 */
void
crm_filter_bar_set_filter (CrmFilterBar    *self,
                           CrmClientFilter *filter)
{
  g_return_if_fail (CRM_IS_FILTER_BAR (self));
  g_return_if_fail (!filter || CRM_IS_CLIENT_FILTER (filter));

  if (self->filter == filter)
    return;

  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_func (self->filter, on_filter_changed_cb, self);
  g_set_object (&self->filter, filter);
  if (filter != NULL)
    g_signal_connect_object (filter, "changed", G_CALLBACK (on_filter_changed_cb), self,
                             G_CONNECT_SWAPPED);

  crm_filter_bar_update_chips (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
}

/**
 * crm_filter_bar_set_saved_filter:
 * @saved: (nullable): the conditions as a segment keeps them (copied), or
 *   %NULL when the list shows no segment
 *
 * "Save as Segment…" shows only while the bar's filter differs from @saved:
 * a segment shown as saved needs no second copy.
 */
void
crm_filter_bar_set_saved_filter (CrmFilterBar    *self,
                                 CrmClientFilter *saved)
{
  g_return_if_fail (CRM_IS_FILTER_BAR (self));
  g_return_if_fail (!saved || CRM_IS_CLIENT_FILTER (saved));

  g_clear_object (&self->saved);
  if (saved != NULL)
    self->saved = crm_client_filter_copy (saved);
  crm_filter_bar_update_chips (self);
}

/**
 * crm_filter_bar_add_condition:
 * @kind: a kind that holds ids (status, industry, region, source, tag, manager)
 * @id: the value
 *
 * Adds a condition as the popover does.
 *
 * Returns: %TRUE if the filter changed
 */
gboolean
crm_filter_bar_add_condition (CrmFilterBar  *self,
                              CrmFilterKind  kind,
                              gint64         id)
{
  g_return_val_if_fail (CRM_IS_FILTER_BAR (self), FALSE);
  g_return_val_if_fail (kind < CRM_FILTER_N_ID_KINDS, FALSE);

  if (self->filter == NULL)
    return FALSE;

  return crm_client_filter_add (self->filter, kind, id);
}

/**
 * crm_filter_bar_set_no_contact_days:
 * @days: 0 to remove the condition
 */
void
crm_filter_bar_set_no_contact_days (CrmFilterBar *self,
                                    guint         days)
{
  g_return_if_fail (CRM_IS_FILTER_BAR (self));

  if (self->filter != NULL)
    crm_client_filter_set_no_contact_days (self->filter, MIN (days, CRM_CLIENT_FILTER_MAX_DAYS));
}

/**
 * crm_filter_bar_get_n_chips:
 *
 * Returns: how many conditions the bar shows
 */
guint
crm_filter_bar_get_n_chips (CrmFilterBar *self)
{
  g_return_val_if_fail (CRM_IS_FILTER_BAR (self), 0);

  return self->n_chips;
}

/**
 * crm_filter_bar_save_segment:
 * @name: the segment's name
 *
 * Saves the filter as a segment, as "Save as Segment…" does, and emits
 * CrmFilterBar::segment-created.
 *
 * Returns: the new segment's id, 0 on an error (e.g. a name already taken)
 */
gint64
crm_filter_bar_save_segment (CrmFilterBar  *self,
                             const char    *name,
                             GError       **error)
{
  gint64 id;

  g_return_val_if_fail (CRM_IS_FILTER_BAR (self), 0);
  g_return_val_if_fail (name != NULL, 0);

  if (self->store == NULL || self->filter == NULL)
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                           _("No database is open"));
      return 0;
    }

  if ((id = crm_store_create_segment (self->store, name, self->filter, error)) > 0)
    g_signal_emit (self, signals[SEGMENT_CREATED], 0, id);

  return id;
}
