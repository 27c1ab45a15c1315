/* crm-client-summary-pane.c
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-client-summary-pane"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-client-summary-pane.h"
#include "crm-format.h"

/* A read-only summary of one client beside the client list. Values are
 * selectable so that a phone number or an address can be copied. */
struct _CrmClientSummaryPane
{
  AdwBin          parent_instance;

  /* Template widgets */
  GtkStack       *stack;
  GtkScrolledWindow *scroller;
  GtkLabel       *name_label;
  GtkLabel       *legal_name_label;
  GtkBox         *details_box;
  GtkListBox     *history_list;
  GtkLabel       *history_empty_label;
  AdwStatusPage  *error_page;

  gint64          id;
};

enum {
  CLOSED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (CrmClientSummaryPane, crm_client_summary_pane, ADW_TYPE_BIN)

static guint signals[N_SIGNALS];

static const struct {
  const char *kind;
  const char *label;
} history_kinds[] = {
  { "call", NC_("history kind", "Call") },
  { "meeting", NC_("history kind", "Meeting") },
  { "letter", NC_("history kind", "Letter") },
  { "email", NC_("history kind", "E-mail") },
  { "note", NC_("history kind", "Note") },
  { "document", NC_("history kind", "Document") },
  { "quote", NC_("history kind", "Quote") },
  { "order", NC_("history kind", "Order") },
  { "shipment", NC_("history kind", "Shipment") },
  { "payment", NC_("history kind", "Payment") },
  { "request", NC_("history kind", "Request") },
};

static const char *
history_kind_to_label (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (history_kinds); i++)
    {
      if (g_strcmp0 (kind, history_kinds[i].kind) == 0)
        return g_dpgettext2 (GETTEXT_PACKAGE, "history kind", history_kinds[i].label);
    }

  return kind;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (; *text != '\0'; text++)
    {
      if (!g_ascii_isspace (*text))
        return FALSE;
    }

  return TRUE;
}

static GtkWidget *
new_value_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

  /* Phone numbers and e-mail addresses break without a hyphen that is not theirs */
  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
  gtk_label_set_attributes (GTK_LABEL (label), attrs);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_yalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);

  return label;
}

static void
add_detail (CrmClientSummaryPane *self,
            const char           *title,
            const char           *value)
{
  GtkWidget *row;
  GtkWidget *key_label;
  GtkWidget *value_label;

  if (is_blank (value))
    return;

  /* The name of the field above its value, as GNOME Contacts does: values as
   * long as an address or a list of phones keep the whole width of the pane. */
  row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  key_label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (key_label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (key_label), TRUE);
  gtk_widget_add_css_class (key_label, "caption-heading");
  gtk_widget_add_css_class (key_label, "dim-label");
  gtk_box_append (GTK_BOX (row), key_label);

  value_label = new_value_label (value);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (value_label),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, key_label, NULL,
                                  -1);
  gtk_box_append (GTK_BOX (row), value_label);

  gtk_box_append (self->details_box, row);
}

static void
add_detail_list (CrmClientSummaryPane *self,
                 const char           *title,
                 GPtrArray            *values)
{
  g_autoptr(GString) text = NULL;

  if (values == NULL || values->len == 0)
    return;

  text = g_string_new (NULL);
  for (guint i = 0; i < values->len; i++)
    {
      const char *value = g_ptr_array_index (values, i);

      if (is_blank (value))
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, value);
    }

  add_detail (self, title, text->str);
}

static void
clear_container (GtkWidget *container)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (container)) != NULL)
    {
      if (GTK_IS_LIST_BOX (container))
        gtk_list_box_remove (GTK_LIST_BOX (container), child);
      else
        gtk_box_remove (GTK_BOX (container), child);
    }
}

static GtkWidget *
new_history_row (const CrmHistorySummary *entry)
{
  g_autofree char *date = crm_format_date (entry->occurred_at);
  g_autofree char *meta = NULL;
  const char *kind = history_kind_to_label (entry->kind);
  GtkWidget *box;
  GtkWidget *subject;
  GtkWidget *meta_label;

  if (!is_blank (entry->user))
    /* Translators: date · kind of history entry · salesperson, e.g. "Nov 27, 2026 · Call · Anna Smirnova" */
    meta = g_strdup_printf (_("%s · %s · %s"), date, kind, entry->user);
  else
    /* Translators: date · kind of history entry, e.g. "Nov 27, 2026 · Call" */
    meta = g_strdup_printf (_("%s · %s"), date, kind);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  gtk_widget_set_margin_top (box, 9);
  gtk_widget_set_margin_bottom (box, 9);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  subject = new_value_label (!is_blank (entry->subject) ? entry->subject : kind);
  gtk_box_append (GTK_BOX (box), subject);

  meta_label = new_value_label (meta);
  gtk_label_set_selectable (GTK_LABEL (meta_label), FALSE);
  gtk_widget_add_css_class (meta_label, "caption");
  gtk_widget_add_css_class (meta_label, "dim-label");
  gtk_box_append (GTK_BOX (box), meta_label);

  return box;
}

static void
crm_client_summary_pane_close_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  g_signal_emit (widget, signals[CLOSED], 0);
}

static void
crm_client_summary_pane_dispose (GObject *object)
{
  /* The stack is both AdwBin's child and a template child: detach it from
   * the bin first, or both would unparent it (R6). */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), CRM_TYPE_CLIENT_SUMMARY_PANE);

  G_OBJECT_CLASS (crm_client_summary_pane_parent_class)->dispose (object);
}

static void
crm_client_summary_pane_class_init (CrmClientSummaryPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_client_summary_pane_dispose;

  /**
   * CrmClientSummaryPane::closed:
   *
   * The user closed the pane.
   */
  signals[CLOSED] =
    g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (
      widget_class, RESOURCE_BASE "/ui/clients/crm-client-summary-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmClientSummaryPane, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmClientSummaryPane, scroller);
  gtk_widget_class_bind_template_child (widget_class, CrmClientSummaryPane, name_label);
  gtk_widget_class_bind_template_child (widget_class, CrmClientSummaryPane, legal_name_label);
  gtk_widget_class_bind_template_child (widget_class, CrmClientSummaryPane, details_box);
  gtk_widget_class_bind_template_child (widget_class, CrmClientSummaryPane, history_list);
  gtk_widget_class_bind_template_child (widget_class, CrmClientSummaryPane, history_empty_label);
  gtk_widget_class_bind_template_child (widget_class, CrmClientSummaryPane, error_page);

  gtk_widget_class_install_action (widget_class, "summary.close", NULL,
                                   crm_client_summary_pane_close_action);
}

static void
crm_client_summary_pane_init (CrmClientSummaryPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
crm_client_summary_pane_new (void)
{
  return g_object_new (CRM_TYPE_CLIENT_SUMMARY_PANE, NULL);
}

/**
 * crm_client_summary_pane_set_summary:
 * @summary: the client to show; the pane copies what it needs
 */
void
crm_client_summary_pane_set_summary (CrmClientSummaryPane   *self,
                                     const CrmClientSummary *summary)
{
  g_autofree char *address = NULL;
  g_autofree char *last_contact = NULL;
  g_autoptr(GDateTime) now = NULL;
  GtkAdjustment *vadjustment;

  g_return_if_fail (CRM_IS_CLIENT_SUMMARY_PANE (self));
  g_return_if_fail (summary != NULL);

  self->id = summary->id;

  gtk_label_set_label (self->name_label, summary->name);
  gtk_label_set_label (self->legal_name_label, summary->legal_name);
  gtk_widget_set_visible (GTK_WIDGET (self->legal_name_label),
                          !is_blank (summary->legal_name) &&
                          g_strcmp0 (summary->legal_name, summary->name) != 0);

  clear_container (GTK_WIDGET (self->details_box));

  if (!is_blank (summary->city) && !is_blank (summary->address) &&
      strstr (summary->address, summary->city) == NULL)
    /* Translators: a street address followed by its city */
    address = g_strdup_printf (_("%s, %s"), summary->address, summary->city);
  else
    address = g_strdup (!is_blank (summary->address) ? summary->address : summary->city);

  now = g_date_time_new_now_local ();
  if (summary->last_contact_at != 0)
    last_contact = crm_format_last_contact (summary->last_contact_at, now);

  /* What a salesperson needs before a call comes first */
  add_detail (self, _("Status"), summary->status);
  add_detail (self, _("Manager"), summary->manager);
  add_detail (self, _("Last contact"), last_contact);
  add_detail_list (self, _("Phones"), summary->phones);
  add_detail_list (self, _("E-mails"), summary->emails);
  add_detail_list (self, _("Contact persons"), summary->contacts);
  /* a city alone is not an address */
  add_detail (self, !is_blank (summary->address) ? _("Address") : _("City"), address);
  add_detail (self, _("Industry"), summary->industry);
  add_detail (self, _("Region"), summary->region);
  add_detail (self, _("Source"), summary->source);
  add_detail (self, _("Tax ID"), summary->tax_id);
  add_detail (self, _("Website"), summary->website);
  add_detail (self, _("Notes"), summary->notes);

  clear_container (GTK_WIDGET (self->history_list));
  if (summary->history != NULL)
    {
      for (guint i = 0; i < summary->history->len; i++)
        gtk_list_box_append (self->history_list,
                             new_history_row (g_ptr_array_index (summary->history, i)));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->history_list),
                          summary->history != NULL && summary->history->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->history_empty_label),
                          summary->history == NULL || summary->history->len == 0);

  vadjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_lower (vadjustment));

  gtk_stack_set_visible_child_name (self->stack, "summary");
}

/**
 * crm_client_summary_pane_set_error:
 * @error: why the client could not be loaded
 */
void
crm_client_summary_pane_set_error (CrmClientSummaryPane *self,
                                   const GError         *error)
{
  g_return_if_fail (CRM_IS_CLIENT_SUMMARY_PANE (self));
  g_return_if_fail (error != NULL);

  self->id = 0;
  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

/**
 * crm_client_summary_pane_get_id:
 *
 * Returns: the id of the client shown, or 0
 */
gint64
crm_client_summary_pane_get_id (CrmClientSummaryPane *self)
{
  g_return_val_if_fail (CRM_IS_CLIENT_SUMMARY_PANE (self), 0);

  return self->id;
}
