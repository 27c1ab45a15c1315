/* crm-timeline-row.c: one entry of the timeline, under its day's header
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8 has no section headers in list views: the first row of each day
 * draws the day's header above itself.
 */

#define G_LOG_DOMAIN "crm-timeline"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "crm-timeline-details.h"
#include "crm-timeline-row.h"

struct _CrmTimelineRow
{
  AdwBin           parent_instance;

  GtkWidget       *day_label;
  GtkWidget       *icon;
  GtkWidget       *title_label;
  GtkWidget       *contact_label;
  GtkWidget       *text_label;
  GtkWidget       *detail_box;
  GtkWidget       *expand_button;
  GtkWidget       *edit_button;
  GtkWidget       *delete_button;

  CrmHistoryItem  *item;
  GHashTable      *expanded;     /* unowned, the view's */
};

G_DEFINE_FINAL_TYPE (CrmTimelineRow, crm_timeline_row, ADW_TYPE_BIN)

static gboolean
is_expanded (CrmTimelineRow *self)
{
  gint64 id = crm_history_item_get_id (self->item);

  return self->expanded != NULL && g_hash_table_contains (self->expanded, &id);
}

static void
clear_detail (CrmTimelineRow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->detail_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->detail_box), child);
}

static void
show_expanded (CrmTimelineRow *self)
{
  const CrmHistoryEntry *entry = crm_history_item_get_entry (self->item);
  const CrmTimelineDetail *detail = crm_timeline_detail_lookup (entry->kind);
  gboolean expanded = is_expanded (self);
  g_autofree char *text = NULL;
  GtkWidget *widget = NULL;

  clear_detail (self);
  if (!detail->collapsed || expanded)
    widget = detail->build (entry);
  if (widget != NULL)
    gtk_box_append (GTK_BOX (self->detail_box), widget);
  gtk_widget_set_visible (self->detail_box, widget != NULL);

  if (!detail->collapsed)
    {
      /* collapsed, in one line: "Subject — text" */
      if (entry->subject && *entry->subject && entry->body && *entry->body)
        text = g_strdup_printf (expanded ? "%s\n%s" : "%s — %s", entry->subject, entry->body);
      else
        text = g_strdup (entry->subject && *entry->subject ? entry->subject : entry->body);
    }
  gtk_label_set_label (GTK_LABEL (self->text_label), text ? text : "");
  gtk_widget_set_visible (self->text_label, text != NULL && *text != '\0');
  /* collapsed: one line, ellipsized; expanded: all of it */
  gtk_label_set_lines (GTK_LABEL (self->text_label), expanded ? -1 : 1);
  gtk_label_set_ellipsize (GTK_LABEL (self->text_label), expanded ? PANGO_ELLIPSIZE_NONE : PANGO_ELLIPSIZE_END);
  gtk_label_set_wrap (GTK_LABEL (self->text_label), expanded);
  gtk_label_set_single_line_mode (GTK_LABEL (self->text_label), !expanded);

  /* the button only where there is more to show: a detail kept collapsed,
   * or a text longer than its line (a subject and a text, several lines,
   * more than fits beside the buttons) */
  gtk_widget_set_visible (self->expand_button,
                          expanded || detail->collapsed ||
                          (text != NULL && (strchr (text, '\n') != NULL || g_utf8_strlen (text, -1) > 48 ||
                                            (entry->subject && *entry->subject && entry->body && *entry->body))));

  gtk_button_set_icon_name (GTK_BUTTON (self->expand_button),
                            expanded ? "pan-up-symbolic" : "pan-down-symbolic");
  gtk_widget_set_tooltip_text (self->expand_button, expanded ? _("Show Less") : _("Show More"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->expand_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  expanded ? _("Show Less") : _("Show More"), -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->expand_button),
                               GTK_ACCESSIBLE_STATE_EXPANDED, expanded, -1);
}

void
crm_timeline_row_toggle (CrmTimelineRow *self)
{
  gint64 id;

  g_return_if_fail (CRM_IS_TIMELINE_ROW (self));

  if (self->item == NULL || self->expanded == NULL || (id = crm_history_item_get_id (self->item)) == 0)
    return;
  if (!g_hash_table_remove (self->expanded, &id))
    g_hash_table_add (self->expanded, g_memdup2 (&id, sizeof id));
  show_expanded (self);
}

static GtkWidget *
icon_button (const char *icon_name,
             const char *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static GtkWidget *
row_label (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
crm_timeline_row_dispose (GObject *object)
{
  CrmTimelineRow *self = (CrmTimelineRow *)object;

  g_clear_object (&self->item);
  self->expanded = NULL;

  G_OBJECT_CLASS (crm_timeline_row_parent_class)->dispose (object);
}

static void
crm_timeline_row_class_init (CrmTimelineRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = crm_timeline_row_dispose;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "timelinerow");
}

static void
crm_timeline_row_init (CrmTimelineRow *self)
{
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  self->day_label = row_label ("heading");
  gtk_widget_set_margin_top (self->day_label, 12);
  gtk_widget_set_margin_bottom (self->day_label, 2);
  gtk_label_set_wrap (GTK_LABEL (self->day_label), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->day_label),
                                  GTK_ACCESSIBLE_PROPERTY_LEVEL, 3, -1);
  gtk_box_append (GTK_BOX (outer), self->day_label);

  self->icon = gtk_image_new ();
  gtk_widget_set_valign (self->icon, GTK_ALIGN_START);
  gtk_widget_set_margin_top (self->icon, 2);
  gtk_widget_add_css_class (self->icon, "dim-label");
  gtk_box_append (GTK_BOX (line), self->icon);

  self->title_label = row_label (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->title_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->title_label), PANGO_WRAP_WORD_CHAR);
  self->contact_label = row_label ("dim-label");
  gtk_label_set_ellipsize (GTK_LABEL (self->contact_label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (self->contact_label, "caption");
  self->text_label = row_label (NULL);
  gtk_label_set_selectable (GTK_LABEL (self->text_label), FALSE);
  self->detail_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_add_css_class (self->detail_box, "dim-label");
  gtk_box_append (GTK_BOX (texts), self->title_label);
  gtk_box_append (GTK_BOX (texts), self->contact_label);
  gtk_box_append (GTK_BOX (texts), self->text_label);
  gtk_box_append (GTK_BOX (texts), self->detail_box);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (line), texts);

  self->edit_button = icon_button ("document-edit-symbolic", _("Edit Entry"));
  /* a target of the action's type before the action, or GTK warns */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->edit_button), "x", (gint64)0);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->edit_button), "timeline.edit-entry");
  self->delete_button = icon_button ("user-trash-symbolic", _("Delete Entry"));
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->delete_button), "x", (gint64)0);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->delete_button), "timeline.delete-entry");
  self->expand_button = icon_button ("pan-down-symbolic", _("Show More"));
  g_signal_connect_swapped (self->expand_button, "clicked", G_CALLBACK (crm_timeline_row_toggle), self);
  gtk_box_append (GTK_BOX (buttons), self->edit_button);
  gtk_box_append (GTK_BOX (buttons), self->delete_button);
  gtk_box_append (GTK_BOX (buttons), self->expand_button);
  gtk_box_append (GTK_BOX (line), buttons);

  gtk_box_append (GTK_BOX (outer), line);
  gtk_widget_set_margin_start (outer, 12);
  gtk_widget_set_margin_end (outer, 6);
  gtk_widget_set_margin_top (outer, 4);
  gtk_widget_set_margin_bottom (outer, 4);
  adw_bin_set_child (ADW_BIN (self), outer);
}

GtkWidget *
crm_timeline_row_new (void)
{
  return g_object_new (CRM_TYPE_TIMELINE_ROW, NULL);
}

void
crm_timeline_row_bind (CrmTimelineRow *self,
                       CrmHistoryItem *item,
                       GHashTable     *expanded,
                       gboolean        editable,
                       GDateTime      *now)
{
  const CrmHistoryEntry *entry;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GString) title = g_string_new (NULL);
  g_autofree char *time = NULL;
  const CrmHistoryKind *kind;
  GVariant *target;

  g_return_if_fail (CRM_IS_TIMELINE_ROW (self));
  g_return_if_fail (CRM_IS_HISTORY_ITEM (item));

  g_set_object (&self->item, item);
  self->expanded = expanded;
  entry = crm_history_item_get_entry (item);
  kind = crm_history_kind_lookup (entry->kind);

  gtk_widget_set_visible (self->day_label, crm_history_item_get_starts_day (item));
  if (crm_history_item_get_starts_day (item))
    {
      g_autofree char *day = crm_timeline_format_day (entry->occurred_at, now);
      gtk_label_set_label (GTK_LABEL (self->day_label), day);
    }

  gtk_image_set_from_icon_name (GTK_IMAGE (self->icon), crm_history_kind_icon_name (entry->kind));
  local = g_date_time_new_from_unix_local (entry->occurred_at);
  /* Translators: the time of an entry in the timeline, see strftime(3) */
  time = local ? g_date_time_format (local, C_("timeline time", "%H:%M")) : g_strdup ("");
  g_string_append (title, entry->kind ? crm_history_kind_label (entry->kind) : "");
  if (kind != NULL && (kind->flags & CRM_HISTORY_KIND_DIRECTION) && entry->direction != CRM_DIRECTION_NONE)
    g_string_append_printf (title, " (%s)", entry->direction == CRM_DIRECTION_INCOMING
                            ? C_("timeline", "incoming") : C_("timeline", "outgoing"));
  g_string_append_printf (title, " · %s", time);
  if (entry->user_name != NULL)
    g_string_append_printf (title, " · %s", entry->user_name);
  gtk_label_set_label (GTK_LABEL (self->title_label), title->str);

  if (entry->contact_name != NULL)
    {
      /* Translators: the contact person an entry was with */
      g_autofree char *with = g_strdup_printf (_("with %s"), entry->contact_name);
      gtk_label_set_label (GTK_LABEL (self->contact_label), with);
    }
  gtk_widget_set_visible (self->contact_label, entry->contact_name != NULL);

  target = g_variant_new_int64 (entry->id);
  g_variant_ref_sink (target);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->edit_button), target);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->delete_button), target);
  g_variant_unref (target);
  gtk_widget_set_visible (self->edit_button, editable);
  gtk_widget_set_visible (self->delete_button, editable);

  show_expanded (self);
}

void
crm_timeline_row_unbind (CrmTimelineRow *self)
{
  g_return_if_fail (CRM_IS_TIMELINE_ROW (self));

  clear_detail (self);
  g_clear_object (&self->item);
  self->expanded = NULL;
}

gint64
crm_timeline_row_get_id (CrmTimelineRow *self)
{
  g_return_val_if_fail (CRM_IS_TIMELINE_ROW (self), 0);
  return self->item ? crm_history_item_get_id (self->item) : 0;
}
