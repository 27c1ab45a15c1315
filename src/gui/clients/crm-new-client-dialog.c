/* crm-new-client-dialog.c
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-new-client-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-duplicates.h"
#include "crm-format.h"
#include "crm-new-client-dialog.h"

/* A new client, with the duplicate guard: while the name, tax id, phone,
 * e-mail or website is typed, clients that look the same are listed with
 * their responsible manager and last contact, so the salesperson sees who
 * already works with that company before creating a second copy. */

#define MAX_MATCHES 5

struct _CrmNewClientDialog
{
  AdwWindow             parent_instance;

  /* Template widgets */
  AdwEntryRow          *name_row;
  AdwEntryRow          *tax_id_row;
  AdwEntryRow          *phone_row;
  AdwEntryRow          *email_row;
  AdwEntryRow          *website_row;
  AdwEntryRow          *city_row;
  GtkWidget            *create_button;
  GtkLabel             *error_label;
  AdwPreferencesGroup  *duplicates_group;

  /* Owned references */
  CrmStore             *store;
  GPtrArray            *match_rows;
};

enum {
  CLIENT_CREATED,
  OPEN_CLIENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CrmNewClientDialog, crm_new_client_dialog, ADW_TYPE_WINDOW)

static char *
row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static const char *
or_null (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

static void
on_open_button_clicked_cb (GtkButton          *button,
                           CrmNewClientDialog *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "crm-client-id"));

  g_signal_emit (self, signals[OPEN_CLIENT], 0, id);
  gtk_window_close (GTK_WINDOW (self));
}

static GtkWidget *
match_row_new (CrmNewClientDialog *self,
               CrmDuplicateMatch  *match)
{
  g_autofree char *reasons = crm_duplicate_reason_describe (match->reasons);
  g_autofree char *last = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *open_name = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GtkWidget *row;
  GtkWidget *button;

  last = crm_format_last_contact (match->last_contact_at, now);
  subtitle = g_strdup_printf (
    /* Translators: the manager who works with a client, its last contact and why it looks like the new one:
     * "Manager: Anna Petrova · Last contact: 5 days ago · same name, same phone" */
    _("Manager: %s · Last contact: %s · %s"),
    match->manager ? match->manager : _("nobody"), last, reasons);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), match->name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  button = gtk_button_new_with_label (_("Open"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* Translators: an accessible name, %s is a client */
  open_name = g_strdup_printf (_("Open %s"), match->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, open_name, -1);
  g_object_set_data (G_OBJECT (button), "crm-client-id", GSIZE_TO_POINTER ((gsize)match->id));
  g_signal_connect (button, "clicked", G_CALLBACK (on_open_button_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static void
crm_new_client_dialog_update_matches (CrmNewClientDialog *self)
{
  g_autofree char *name = row_text (self->name_row);
  g_autofree char *tax_id = row_text (self->tax_id_row);
  g_autofree char *phone = row_text (self->phone_row);
  g_autofree char *email = row_text (self->email_row);
  g_autofree char *website = row_text (self->website_row);
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GError) error = NULL;
  CrmDuplicateQuery query = {
    .name = or_null (name),
    .tax_id = or_null (tax_id),
    .phone = or_null (phone),
    .email = or_null (email),
    .website = or_null (website),
  };

  for (guint i = 0; i < self->match_rows->len; i++)
    adw_preferences_group_remove (self->duplicates_group, g_ptr_array_index (self->match_rows, i));
  g_ptr_array_set_size (self->match_rows, 0);

  matches = crm_store_find_duplicates (self->store, &query, MAX_MATCHES, &error);
  if (matches == NULL)
    {
      g_warning ("Could not look for duplicates: %s", error->message);
      matches = g_ptr_array_new ();
    }

  for (guint i = 0; i < matches->len; i++)
    {
      GtkWidget *row = match_row_new (self, g_ptr_array_index (matches, i));

      adw_preferences_group_add (self->duplicates_group, row);
      g_ptr_array_add (self->match_rows, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->duplicates_group), matches->len > 0);
  gtk_button_set_label (GTK_BUTTON (self->create_button),
                        matches->len > 0 ? _("Create Anyway") : _("Create"));
}

static void
on_row_changed_cb (CrmNewClientDialog *self,
                   AdwEntryRow        *row)
{
  g_autofree char *name = row_text (self->name_row);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "new-client.create", *name != '\0');
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  crm_new_client_dialog_update_matches (self);
}

static gint64
first_status (CrmStore *store)
{
  g_autoptr(GPtrArray) statuses = crm_store_list_dictionary (store, "status", NULL);

  /* A new client starts at the top of the sales funnel */
  if (statuses == NULL || statuses->len == 0)
    return 0;

  return ((CrmDictionaryValue *)g_ptr_array_index (statuses, 0))->id;
}

static void
crm_new_client_dialog_create (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  CrmNewClientDialog *self = CRM_NEW_CLIENT_DIALOG (widget);
  g_autofree char *name = row_text (self->name_row);
  g_autofree char *tax_id = row_text (self->tax_id_row);
  g_autofree char *phone = row_text (self->phone_row);
  g_autofree char *email = row_text (self->email_row);
  g_autofree char *website = row_text (self->website_row);
  g_autofree char *city = row_text (self->city_row);
  g_autoptr(GError) error = NULL;
  CrmCompanyData data = {
    .name = name,
    .tax_id = or_null (tax_id),
    .website = or_null (website),
    .city = or_null (city),
    .status_id = first_status (self->store),
    .manager_id = crm_store_get_current_user_id (self->store),
  };
  gint64 id = 0;

  if (*name == '\0')
    return;

  /* All or nothing: a bad phone number must not leave a client without it */
  if (crm_store_begin (self->store, &error))
    {
      if ((id = crm_store_create_client (self->store, &data, &error)) > 0 &&
          (*phone == '\0' || crm_store_add_phone (self->store, id, 0, _("work"), phone, &error) > 0) &&
          (*email == '\0' || crm_store_add_email (self->store, id, 0, NULL, email, &error) > 0))
        crm_store_commit (self->store, &error);
      else
        crm_store_rollback (self->store);
    }

  if (error != NULL)
    {
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  g_signal_emit (self, signals[CLIENT_CREATED], 0, id);
  gtk_window_close (GTK_WINDOW (self));
}

static void
crm_new_client_dialog_map (GtkWidget *widget)
{
  CrmNewClientDialog *self = CRM_NEW_CLIENT_DIALOG (widget);

  GTK_WIDGET_CLASS (crm_new_client_dialog_parent_class)->map (widget);

  /* The row itself takes no focus; grabbing it focuses its text */
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
crm_new_client_dialog_dispose (GObject *object)
{
  CrmNewClientDialog *self = (CrmNewClientDialog *)object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->match_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (crm_new_client_dialog_parent_class)->dispose (object);
}

static void
crm_new_client_dialog_class_init (CrmNewClientDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_new_client_dialog_dispose;
  widget_class->map = crm_new_client_dialog_map;

  /**
   * CrmNewClientDialog::client-created:
   * @id: the new client
   */
  signals[CLIENT_CREATED] =
    g_signal_new ("client-created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * CrmNewClientDialog::open-client:
   * @id: an existing client the user chose instead of creating one
   */
  signals[OPEN_CLIENT] =
    g_signal_new ("open-client", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/clients/crm-new-client-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmNewClientDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, CrmNewClientDialog, tax_id_row);
  gtk_widget_class_bind_template_child (widget_class, CrmNewClientDialog, phone_row);
  gtk_widget_class_bind_template_child (widget_class, CrmNewClientDialog, email_row);
  gtk_widget_class_bind_template_child (widget_class, CrmNewClientDialog, website_row);
  gtk_widget_class_bind_template_child (widget_class, CrmNewClientDialog, city_row);
  gtk_widget_class_bind_template_child (widget_class, CrmNewClientDialog, create_button);
  gtk_widget_class_bind_template_child (widget_class, CrmNewClientDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, CrmNewClientDialog, duplicates_group);
  gtk_widget_class_bind_template_callback (widget_class, on_row_changed_cb);

  gtk_widget_class_install_action (widget_class, "new-client.create", NULL, crm_new_client_dialog_create);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
crm_new_client_dialog_init (CrmNewClientDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->match_rows = g_ptr_array_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "new-client.create", FALSE);
}

/**
 * crm_new_client_dialog_new:
 * @parent: the window the dialog belongs to
 * @store: where the client is created
 *
 * Returns: (transfer full): a new dialog, not yet shown
 */
GtkWidget *
crm_new_client_dialog_new (GtkWindow *parent,
                           CrmStore  *store)
{
  CrmNewClientDialog *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  self = g_object_new (CRM_TYPE_NEW_CLIENT_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);

  return GTK_WIDGET (self);
}

/**
 * crm_new_client_dialog_get_n_matches:
 *
 * Returns: how many likely duplicates the dialog lists
 */
guint
crm_new_client_dialog_get_n_matches (CrmNewClientDialog *self)
{
  g_return_val_if_fail (CRM_IS_NEW_CLIENT_DIALOG (self), 0);

  return self->match_rows->len;
}
