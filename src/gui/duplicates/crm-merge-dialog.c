/* crm-merge-dialog.c
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-merge-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-merge.h"
#include "crm-merge-dialog.h"

/* Two clients side by side, field by field. The first row picks the client
 * that stays; every other row picks whose value that field gets, the kept
 * client's value preselected whenever the kept client changes (the other's
 * where the kept one has none). "Merge" runs
 * crm_store_merge_clients() with the fields taken from the removed client
 * and emits ::merged. */

typedef struct
{
  const char *field;
  const char *label;
} FieldInfo;

/* In the order of crm_merge_fields() */
static const FieldInfo field_infos[] = {
  { "name",       N_("Name") },
  { "legal_name", N_("Legal name") },
  { "tax_id",     N_("Tax ID") },
  { "status",     N_("Status") },
  { "industry",   N_("Industry") },
  { "region",     N_("Region") },
  { "source",     N_("Source") },
  { "manager",    N_("Manager") },
  { "city",       N_("City") },
  { "address",    N_("Address") },
  { "website",    N_("Website") },
  { "notes",      N_("Notes") },
};

#define N_FIELDS G_N_ELEMENTS (field_infos)

struct _CrmMergeDialog
{
  AdwWindow         parent_instance;

  /* Template widgets */
  GtkGrid          *grid;
  GtkLabel         *error_label;
  GtkWidget        *merge_button;

  CrmStore         *store;
  gint64            ids[2];
  CrmClientSummary *summaries[2];
  GtkCheckButton   *keep_buttons[2];
  GtkCheckButton   *field_buttons[N_FIELDS][2];
};

G_DEFINE_FINAL_TYPE (CrmMergeDialog, crm_merge_dialog, ADW_TYPE_WINDOW)

enum {
  MERGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
summary_field (const CrmClientSummary *summary,
               const char             *field)
{
  if (g_str_equal (field, "name"))
    return summary->name;
  if (g_str_equal (field, "legal_name"))
    return summary->legal_name;
  if (g_str_equal (field, "tax_id"))
    return summary->tax_id;
  if (g_str_equal (field, "status"))
    return summary->status;
  if (g_str_equal (field, "industry"))
    return summary->industry;
  if (g_str_equal (field, "region"))
    return summary->region;
  if (g_str_equal (field, "source"))
    return summary->source;
  if (g_str_equal (field, "manager"))
    return summary->manager;
  if (g_str_equal (field, "city"))
    return summary->city;
  if (g_str_equal (field, "address"))
    return summary->address;
  if (g_str_equal (field, "website"))
    return summary->website;
  if (g_str_equal (field, "notes"))
    return summary->notes;
  g_return_val_if_reached (NULL);
}

static int
field_index (const char *field)
{
  for (guint i = 0; i < N_FIELDS; i++)
    if (g_strcmp0 (field_infos[i].field, field) == 0)
      return (int)i;
  return -1;
}

static int
client_side (CrmMergeDialog *self,
             gint64          client_id)
{
  if (client_id == self->ids[0])
    return 0;
  if (client_id == self->ids[1])
    return 1;
  return -1;
}

static GtkCheckButton *
value_button_new (const char *field_label,
                  const char *value,
                  const char *client_name)
{
  GtkWidget *button = gtk_check_button_new ();
  GtkWidget *label;
  g_autofree char *accessible = NULL;
  gboolean empty = value == NULL || *value == '\0';

  label = gtk_label_new (empty ? _("(empty)") : value);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  gtk_label_set_lines (GTK_LABEL (label), 4);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (empty)
    gtk_widget_add_css_class (label, "dim-label");
  gtk_check_button_set_child (GTK_CHECK_BUTTON (button), label);
  gtk_widget_set_hexpand (button, TRUE);
  gtk_widget_set_valign (button, GTK_ALIGN_START);

  /* Translators: accessible name of a choice: “City: Moscow (from ООО Ромашка)” */
  accessible = g_strdup_printf (_("%s: %s (from %s)"), field_label,
                                empty ? _("(empty)") : value, client_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);

  return GTK_CHECK_BUTTON (button);
}

/* The kept client's value wins until the user says otherwise, unless it is
 * empty and the other client's is not: a merge never drops a value unasked */
static void
preselect_kept_values (CrmMergeDialog *self)
{
  int kept = gtk_check_button_get_active (self->keep_buttons[1]) ? 1 : 0;

  for (guint i = 0; i < N_FIELDS; i++)
    {
      const char *mine = summary_field (self->summaries[kept], field_infos[i].field);
      const char *theirs = summary_field (self->summaries[1 - kept], field_infos[i].field);
      gboolean take_theirs = (mine == NULL || *mine == '\0') && theirs != NULL && *theirs != '\0';

      gtk_check_button_set_active (self->field_buttons[i][take_theirs ? 1 - kept : kept], TRUE);
    }
}

static void
on_keep_button_toggled_cb (CrmMergeDialog *self,
                           GtkCheckButton *button)
{
  if (gtk_check_button_get_active (button))
    preselect_kept_values (self);
}

static GtkWidget *
row_label_new (const char *text,
               gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  else
    gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static void
crm_merge_dialog_build (CrmMergeDialog *self)
{
  int row = 0;

  /* Which client stays */
  gtk_grid_attach (self->grid, row_label_new (_("Keep"), TRUE), 0, row, 1, 1);
  for (guint side = 0; side < 2; side++)
    {
      /* Translators: the client to keep, with its number: “Aerogate (No. 168)” */
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, self->ids[side]);
      g_autofree char *label = g_strdup_printf (_("%s (No. %s)"), self->summaries[side]->name, number);
      GtkWidget *button = gtk_check_button_new_with_label (label);
      g_autofree char *accessible = g_strdup_printf (_("Keep %s"), label);

      gtk_widget_add_css_class (button, "heading");
      gtk_widget_set_hexpand (button, TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                      -1);
      if (side == 1)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (button), self->keep_buttons[0]);
      self->keep_buttons[side] = GTK_CHECK_BUTTON (button);
      gtk_grid_attach (self->grid, button, 1 + side, row, 1, 1);
    }
  row++;

  gtk_grid_attach (self->grid, gtk_separator_new (GTK_ORIENTATION_HORIZONTAL), 0, row++, 3, 1);

  for (guint i = 0; i < N_FIELDS; i++, row++)
    {
      const char *label = _(field_infos[i].label);

      gtk_grid_attach (self->grid, row_label_new (label, FALSE), 0, row, 1, 1);
      for (guint side = 0; side < 2; side++)
        {
          GtkCheckButton *button;

          button = value_button_new (label, summary_field (self->summaries[side], field_infos[i].field),
                                     self->summaries[side]->name);
          if (side == 1)
            gtk_check_button_set_group (button, self->field_buttons[i][0]);
          self->field_buttons[i][side] = button;
          gtk_grid_attach (self->grid, GTK_WIDGET (button), 1 + side, row, 1, 1);
        }
    }

  gtk_check_button_set_active (self->keep_buttons[0], TRUE);
  preselect_kept_values (self);
  for (guint side = 0; side < 2; side++)
    g_signal_connect_object (self->keep_buttons[side], "toggled",
                             G_CALLBACK (on_keep_button_toggled_cb), self, G_CONNECT_SWAPPED);
}

static void
on_merge_button_clicked_cb (CrmMergeDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (crm_merge_dialog_merge (self, &error) == 0)
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  gtk_window_destroy (GTK_WINDOW (self));
}

static void
crm_merge_dialog_dispose (GObject *object)
{
  CrmMergeDialog *self = (CrmMergeDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_MERGE_DIALOG);

  g_clear_object (&self->store);
  g_clear_pointer (&self->summaries[0], crm_client_summary_free);
  g_clear_pointer (&self->summaries[1], crm_client_summary_free);

  G_OBJECT_CLASS (crm_merge_dialog_parent_class)->dispose (object);
}

static void
crm_merge_dialog_class_init (CrmMergeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_merge_dialog_dispose;

  /**
   * CrmMergeDialog::merged:
   * @merge_id: the merge, for crm_store_undo_merge()
   * @kept_id: the client that stays
   * @removed_id: the client that is gone
   * @kept_name: the kept client's name after the merge
   */
  signals[MERGED] =
    g_signal_new ("merged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4, G_TYPE_INT64, G_TYPE_INT64, G_TYPE_INT64, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/duplicates/crm-merge-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmMergeDialog, grid);
  gtk_widget_class_bind_template_child (widget_class, CrmMergeDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, CrmMergeDialog, merge_button);
  gtk_widget_class_bind_template_callback (widget_class, on_merge_button_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
crm_merge_dialog_init (CrmMergeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * crm_merge_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @a_id: a client, kept unless the user picks @b_id
 * @b_id: the other client
 *
 * Returns: (transfer none): the dialog, or %NULL if a client cannot be read
 */
CrmMergeDialog *
crm_merge_dialog_new (GtkWindow  *parent,
                      CrmStore   *store,
                      gint64      a_id,
                      gint64      b_id,
                      GError    **error)
{
  g_autoptr(CrmClientSummary) a = NULL;
  g_autoptr(CrmClientSummary) b = NULL;
  CrmMergeDialog *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (a_id != b_id, NULL);

  if (!(a = crm_store_load_client_summary (store, a_id, error)) ||
      !(b = crm_store_load_client_summary (store, b_id, error)))
    return NULL;

  self = g_object_new (CRM_TYPE_MERGE_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->ids[0] = a_id;
  self->ids[1] = b_id;
  self->summaries[0] = g_steal_pointer (&a);
  self->summaries[1] = g_steal_pointer (&b);
  crm_merge_dialog_build (self);

  return self;
}

gint64
crm_merge_dialog_get_kept_id (CrmMergeDialog *self)
{
  g_return_val_if_fail (CRM_IS_MERGE_DIALOG (self), 0);

  return self->ids[gtk_check_button_get_active (self->keep_buttons[1]) ? 1 : 0];
}

/* Also preselects the new kept client's value in every field */
void
crm_merge_dialog_set_kept_id (CrmMergeDialog *self,
                              gint64          kept_id)
{
  int side;

  g_return_if_fail (CRM_IS_MERGE_DIALOG (self));
  g_return_if_fail ((side = client_side (self, kept_id)) >= 0);

  gtk_check_button_set_active (self->keep_buttons[side], TRUE);
}

/* Returns: the client whose value @field gets */
gint64
crm_merge_dialog_get_field_source (CrmMergeDialog *self,
                                   const char     *field)
{
  int i;

  g_return_val_if_fail (CRM_IS_MERGE_DIALOG (self), 0);
  g_return_val_if_fail ((i = field_index (field)) >= 0, 0);

  return self->ids[gtk_check_button_get_active (self->field_buttons[i][1]) ? 1 : 0];
}

void
crm_merge_dialog_set_field_source (CrmMergeDialog *self,
                                   const char     *field,
                                   gint64          client_id)
{
  int i, side;

  g_return_if_fail (CRM_IS_MERGE_DIALOG (self));
  g_return_if_fail ((i = field_index (field)) >= 0);
  g_return_if_fail ((side = client_side (self, client_id)) >= 0);

  gtk_check_button_set_active (self->field_buttons[i][side], TRUE);
}

/**
 * crm_merge_dialog_merge:
 *
 * Merges as the dialog is set and emits ::merged; the dialog stays open (the
 * "Merge" button closes it).
 *
 * Returns: the merge id, or 0 on error
 */
gint64
crm_merge_dialog_merge (CrmMergeDialog  *self,
                        GError         **error)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  g_autoptr(CrmClientSummary) kept_summary = NULL;
  gint64 kept_id, removed_id, merge_id;
  int kept;

  g_return_val_if_fail (CRM_IS_MERGE_DIALOG (self), 0);

  kept = gtk_check_button_get_active (self->keep_buttons[1]) ? 1 : 0;
  kept_id = self->ids[kept];
  removed_id = self->ids[1 - kept];

  for (guint i = 0; i < N_FIELDS; i++)
    if (gtk_check_button_get_active (self->field_buttons[i][1 - kept]))
      {
        g_assert (crm_merge_field_is_valid (field_infos[i].field));
        g_ptr_array_add (fields, (gpointer)field_infos[i].field);
      }
  g_ptr_array_add (fields, NULL);

  merge_id = crm_store_merge_clients (self->store, kept_id, removed_id,
                                      (const char * const *)fields->pdata, error);
  if (merge_id == 0)
    return 0;

  kept_summary = crm_store_load_client_summary (self->store, kept_id, NULL);
  g_signal_emit (self, signals[MERGED], 0, merge_id, kept_id, removed_id,
                 kept_summary != NULL ? kept_summary->name : self->summaries[kept]->name);

  return merge_id;
}
