/* crm-client-card.c: the client card, editing a client in place
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-client-card"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-client-card.h"
#include "crm-dossier-print.h"
#include "crm-client-edit.h"
#include "crm-documents-section.h"
#include "crm-timeline-view.h"
#include "crm-users.h"
#include "crm-validate.h"

/* The rows of the client's properties, in the order of the card */
typedef enum
{
  FIELD_NAME,
  FIELD_LEGAL_NAME,
  FIELD_TAX_ID,
  FIELD_STATUS,
  FIELD_INDUSTRY,
  FIELD_REGION,
  FIELD_SOURCE,
  FIELD_MANAGER,
  FIELD_CITY,
  FIELD_ADDRESS,
  FIELD_WEBSITE,
  FIELD_NOTES,
  N_FIELDS
} Field;

typedef struct
{
  const char *field;     /* as crm_store_update_client_field() takes it */
  const char *row;       /* the template child */
  const char *title;     /* for messages */
  gboolean    combo;     /* a dictionary (kind == field), or the users */
} FieldInfo;

static const FieldInfo fields[N_FIELDS] = {
  { "name",       "name_row",       N_("Name"),       FALSE },
  { "legal_name", "legal_name_row", N_("Legal Name"), FALSE },
  { "tax_id",     "tax_id_row",     N_("Tax ID"),     FALSE },
  { "status",     "status_row",     N_("Status"),     TRUE },
  { "industry",   "industry_row",   N_("Industry"),   TRUE },
  { "region",     "region_row",     N_("Region"),     TRUE },
  { "source",     "source_row",     N_("Source"),     TRUE },
  { "manager",    "manager_row",    N_("Responsible Manager"), TRUE },
  { "city",       "city_row",       N_("City"),       FALSE },
  { "address",    "address_row",    N_("Address"),    FALSE },
  { "website",    "website_row",    N_("Website"),    FALSE },
  { "notes",      "notes_row",      N_("Notes"),      FALSE },
};

struct _CrmClientCard
{
  AdwBin            parent_instance;

  /* template */
  AdwToastOverlay  *toast_overlay;
  GtkLabel         *name_label;
  GtkLabel         *subtitle_label;
  GtkWidget        *call_button;
  GtkWidget        *write_button;
  GtkWidget        *website_button;
  GtkStack         *stack;
  AdwStatusPage    *error_page;
  GtkLabel         *error_label;
  AdwPreferencesGroup *contacts_group;
  AdwPreferencesGroup *tags_group;
  AdwPreferencesGroup *channels_group;
  AdwPreferencesGroup *custom_group;
  AdwEntryRow      *new_tag_row;
  AdwEntryRow      *new_contact_name_row;
  AdwEntryRow      *new_contact_position_row;
  CrmDocumentsSection *documents_section;
  GtkWidget        *rows[N_FIELDS];
  GtkWidget        *pages_box;
  GtkToggleButton  *details_toggle;
  GtkToggleButton  *timeline_toggle;
  CrmTimelineView  *timeline_view;

  CrmStore         *store;
  CrmClientRecord  *record;
  GArray           *choice_ids[N_FIELDS];  /* gint64 per combo position; 0: none */
  GPtrArray        *contact_rows;          /* GtkWidget* in contacts_group */
  GPtrArray        *tag_rows;              /* GtkWidget* in tags_group */
  GPtrArray        *channel_rows;          /* GtkWidget* in channels_group */
  GPtrArray        *custom_rows;           /* GtkWidget* in custom_group, one per defined field */
  GArray           *custom_ids;            /* gint64: the field each custom row shows */
  gboolean          filling;

  /* The last save, for its toast's Undo */
  int               undo_field;            /* -1: none */
  char             *undo_value;
  CrmContactRecord *undo_contact;
  gint64            undo_custom_id;        /* 0: none */
  gint64            undo_contact_id;       /* a contact field's save; 0: none */
  const char       *undo_contact_field;
  char             *undo_contact_value;
  CrmPhoneRecord   *undo_phone;            /* a removed phone or e-mail */
  CrmEmailRecord   *undo_email;
  char             *undo_custom_value;

  /* A conflict being decided */
  AdwMessageDialog *conflict_dialog;
  int               conflict_field;
  char             *conflict_mine;
  gint64            conflict_version;
};

G_DEFINE_FINAL_TYPE (CrmClientCard, crm_client_card, ADW_TYPE_BIN)

enum
{
  SIGNAL_CLOSED,
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean crm_client_card_reload (CrmClientCard *self);

static gboolean
is_empty (const char *text)
{
  return text == NULL || *text == '\0';
}

static gboolean
same_value (const char *a,
            const char *b)
{
  if (is_empty (a) || is_empty (b))
    return is_empty (a) == is_empty (b);
  return g_strcmp0 (a, b) == 0;
}

/* The value a row shows, as the store takes it */
static char *
row_get_value (CrmClientCard *self,
               Field          field)
{
  if (fields[field].combo)
    {
      guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->rows[field]));
      GArray *ids = self->choice_ids[field];

      if (ids == NULL || selected == GTK_INVALID_LIST_POSITION || selected >= ids->len ||
          g_array_index (ids, gint64, selected) == 0)
        return NULL;
      return g_strdup_printf ("%" G_GINT64_FORMAT, g_array_index (ids, gint64, selected));
    }

  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->rows[field]))));
}

/* Shows @value (as crm_client_record_get_field() gives it) in the row */
static void
row_set_value (CrmClientCard *self,
               Field          field,
               const char    *value)
{
  gboolean was_filling = self->filling;

  self->filling = TRUE;
  if (fields[field].combo)
    {
      GArray *ids = self->choice_ids[field];
      gint64 id = value ? g_ascii_strtoll (value, NULL, 10) : 0;
      guint position = 0;

      for (guint i = 0; ids != NULL && i < ids->len; i++)
        if (g_array_index (ids, gint64, i) == id)
          position = i;
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->rows[field]), position);
    }
  else
    gtk_editable_set_text (GTK_EDITABLE (self->rows[field]), value ? value : "");
  self->filling = was_filling;
}

static void
show_field_error (CrmClientCard *self,
                  Field          field,
                  const char    *message)
{
  if (field >= 0 && field < N_FIELDS)
    {
      gtk_widget_add_css_class (self->rows[field], "error");
      gtk_widget_set_tooltip_text (self->rows[field], message);
    }
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

static void
clear_field_error (CrmClientCard *self,
                   Field          field)
{
  gtk_widget_remove_css_class (self->rows[field], "error");
  gtk_widget_set_tooltip_text (self->rows[field], NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static void
show_toast (CrmClientCard *self,
            const char    *title,
            const char    *undo_action)
{
  AdwToast *toast = adw_toast_new (title);

  if (undo_action != NULL)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, undo_action);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* A value for people: the dictionary entry's name rather than its id */
static char *
display_value (CrmClientCard *self,
               Field          field,
               const char    *value)
{
  if (is_empty (value))
    return g_strdup (_("(empty)"));

  if (fields[field].combo && self->choice_ids[field] != NULL)
    {
      GArray *ids = self->choice_ids[field];
      GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (self->rows[field]));
      gint64 id = g_ascii_strtoll (value, NULL, 10);

      for (guint i = 0; i < ids->len; i++)
        if (g_array_index (ids, gint64, i) == id)
          return g_strdup (gtk_string_list_get_string (GTK_STRING_LIST (model), i));
    }

  return g_strdup (value);
}

static void write_field (CrmClientCard *self,
                         Field          field,
                         const char    *value,
                         gint64         version,
                         gboolean       offer_undo);

static void
on_conflict_response_cb (CrmClientCard    *self,
                         const char       *response,
                         AdwMessageDialog *dialog)
{
  int field = self->conflict_field;
  g_autofree char *mine = g_steal_pointer (&self->conflict_mine);
  gint64 version = self->conflict_version;

  g_clear_weak_pointer (&self->conflict_dialog);
  self->conflict_field = -1;
  /* Answered once: the dialog goes whether a button or code answered it */
  g_signal_handlers_disconnect_by_func (dialog, on_conflict_response_cb, self);
  gtk_window_destroy (GTK_WINDOW (dialog));

  if (g_strcmp0 (response, "mine") == 0)
    {
      write_field (self, field, mine, version, TRUE);
      return;
    }

  /* Theirs: show the client as it is now */
  crm_client_card_reload (self);
}

static void
show_conflict (CrmClientCard  *self,
               Field           field,
               const char     *mine,
               CrmEditOutcome *outcome)
{
  g_autofree char *theirs_text = display_value (self, field, outcome->current);
  g_autofree char *mine_text = display_value (self, field, mine);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Someone Else Changed the Client"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  /* Translators: %s are a field's title and its two values */
                                  _("“%s” was changed while you were editing it.\n\nTheirs: %s\nYours: %s"),
                                  _(fields[field].title), theirs_text, mine_text);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "theirs", _("_Take Theirs"),
                                    "mine", _("_Keep Mine"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "mine",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "mine");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "theirs");

  g_set_weak_pointer (&self->conflict_dialog, ADW_MESSAGE_DIALOG (dialog));
  self->conflict_field = field;
  g_free (self->conflict_mine);
  self->conflict_mine = g_strdup (mine);
  self->conflict_version = outcome->version;

  g_signal_connect_object (dialog, "response", G_CALLBACK (on_conflict_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Writes @value with @version; on success the card shows the new state */
static void
write_field (CrmClientCard *self,
             Field          field,
             const char    *value,
             gint64         version,
             gboolean       offer_undo)
{
  g_auto(CrmEditOutcome) outcome = { NULL, NULL, 0 };
  g_autoptr(GError) error = NULL;

  if (!crm_store_update_client_field (self->store, self->record->id, fields[field].field,
                                      value, version, &outcome, &error))
    {
      if (g_error_matches (error, CRM_EDIT_ERROR, CRM_EDIT_ERROR_CONFLICT))
        show_conflict (self, field, value, &outcome);
      else
        show_field_error (self, field, error->message);
      return;
    }

  crm_client_card_reload (self);

  self->undo_field = offer_undo ? (int) field : -1;
  self->undo_custom_id = 0;
  self->undo_contact_id = 0;
  g_clear_pointer (&self->undo_phone, crm_phone_record_unref);
  g_clear_pointer (&self->undo_email, crm_email_record_unref);
  g_free (self->undo_value);
  self->undo_value = g_strdup (outcome.previous);
  g_clear_pointer (&self->undo_contact, crm_contact_record_unref);
  show_toast (self, offer_undo ? _("Saved") : _("Change undone"),
              offer_undo ? "card.undo" : NULL);

  g_signal_emit (self, signals[SIGNAL_SAVED], 0);
}

/* Saves the row's value if it changed and is valid */
static void
commit_field (CrmClientCard *self,
              Field          field)
{
  g_autofree char *value = NULL;
  g_autofree char *old = NULL;
  g_autoptr(GError) error = NULL;

  if (self->filling || self->record == NULL || self->store == NULL ||
      self->conflict_dialog != NULL)
    return;

  value = row_get_value (self, field);
  old = crm_client_record_get_field (self->record, fields[field].field);
  if (same_value (value, old))
    {
      clear_field_error (self, field);
      return;
    }

  if (field == FIELD_NAME && is_empty (value))
    {
      show_field_error (self, field, _("A client needs a name."));
      return;
    }
  if (field == FIELD_WEBSITE && !is_empty (value) &&
      !crm_validate_website (value, &error))
    {
      show_field_error (self, field, error->message);
      return;
    }
  if (field == FIELD_TAX_ID && !is_empty (value) &&
      !crm_validate_tax_id (value, crm_store_get_locale (self->store), NULL, &error))
    {
      show_field_error (self, field, error->message);
      return;
    }

  clear_field_error (self, field);
  write_field (self, field, value, self->record->version, TRUE);
}

static Field
row_field (CrmClientCard *self,
           GtkWidget     *row)
{
  for (int i = 0; i < N_FIELDS; i++)
    if (self->rows[i] == row)
      return i;
  g_return_val_if_reached (FIELD_NAME);
}

static void
on_entry_row_commit_cb (GtkWidget     *row,
                        CrmClientCard *self)
{
  commit_field (self, row_field (self, row));
}

static void
on_entry_row_focus_leave_cb (GtkEventControllerFocus *controller,
                             CrmClientCard           *self)
{
  commit_field (self, row_field (self, gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller))));
}

static void
on_combo_row_selected_cb (GtkWidget     *row,
                          GParamSpec    *pspec,
                          CrmClientCard *self)
{
  commit_field (self, row_field (self, row));
}

static void
undo_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CrmClientCard *self = CRM_CLIENT_CARD (widget);
  g_autofree char *value = g_steal_pointer (&self->undo_value);
  int field = self->undo_field;

  if (field < 0 || self->record == NULL)
    return;

  self->undo_field = -1;
  write_field (self, field, value, self->record->version, FALSE);
}

/* Header and actions */

static const char *
first_phone (CrmClientCard *self)
{
  if (self->record->phones->len > 0)
    return ((CrmPhoneRecord *) g_ptr_array_index (self->record->phones, 0))->number;
  for (guint i = 0; i < self->record->contacts->len; i++)
    {
      CrmContactRecord *contact = g_ptr_array_index (self->record->contacts, i);

      if (contact->phones->len > 0)
        return ((CrmPhoneRecord *) g_ptr_array_index (contact->phones, 0))->number;
    }
  return NULL;
}

static const char *
first_email (CrmClientCard *self)
{
  if (self->record->emails->len > 0)
    return ((CrmEmailRecord *) g_ptr_array_index (self->record->emails, 0))->address;
  for (guint i = 0; i < self->record->contacts->len; i++)
    {
      CrmContactRecord *contact = g_ptr_array_index (self->record->contacts, i);

      if (contact->emails->len > 0)
        return ((CrmEmailRecord *) g_ptr_array_index (contact->emails, 0))->address;
    }
  return NULL;
}

static void
open_uri (CrmClientCard *self,
          const char    *uri)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

static void
call_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CrmClientCard *self = CRM_CLIENT_CARD (widget);
  const char *number;
  g_autoptr(GString) uri = g_string_new ("tel:");

  if (self->record == NULL || (number = first_phone (self)) == NULL)
    return;
  for (const char *p = number; *p; p++)
    if (g_ascii_isdigit (*p) || (*p == '+' && uri->len == 4))
      g_string_append_c (uri, *p);
  open_uri (self, uri->str);
}

static void
write_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CrmClientCard *self = CRM_CLIENT_CARD (widget);
  const char *address;
  g_autofree char *uri = NULL;

  if (self->record == NULL || (address = first_email (self)) == NULL)
    return;
  uri = g_strconcat ("mailto:", address, NULL);
  open_uri (self, uri);
}

static char *
website_uri (const char *website)
{
  if (is_empty (website))
    return NULL;
  if (g_str_has_prefix (website, "http://") || g_str_has_prefix (website, "https://"))
    return g_strdup (website);
  return g_strconcat ("https://", website, NULL);
}

static void
open_website_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CrmClientCard *self = CRM_CLIENT_CARD (widget);
  g_autofree char *uri = NULL;

  if (self->record == NULL || (uri = website_uri (self->record->website)) == NULL)
    return;
  open_uri (self, uri);
}

static void
fill_header (CrmClientCard *self)
{
  g_autoptr(CrmClientSummary) summary = NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *status = NULL;
  g_autofree char *subtitle = NULL;

  gtk_label_set_label (self->name_label, self->record->name);

  if (self->record->status_id != 0)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, self->record->status_id);
      g_ptr_array_add (parts, display_value (self, FIELD_STATUS, id));
    }
  summary = crm_store_load_client_summary (self->store, self->record->id, NULL);
  if (summary != NULL && !is_empty (summary->manager))
    /* Translators: the client's responsible manager in the card's header */
    g_ptr_array_add (parts, g_strdup_printf (_("Manager: %s"), summary->manager));
  g_ptr_array_add (parts, NULL);
  subtitle = g_strjoinv (" · ", (char **) parts->pdata);
  gtk_label_set_label (self->subtitle_label, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), *subtitle != '\0');

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.call", first_phone (self) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.write", first_email (self) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.open-website",
                                 !is_empty (self->record->website));
}

/* Contact persons */

static void
contact_restored (CrmClientCard *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmContactRecord) snapshot = g_steal_pointer (&self->undo_contact);

  if (snapshot == NULL)
    return;
  if (!crm_store_restore_client_contact (self->store, snapshot, &error))
    {
      show_field_error (self, -1, error->message);
      return;
    }
  crm_client_card_reload (self);
  g_signal_emit (self, signals[SIGNAL_SAVED], 0);
}

static void
undo_contact_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  contact_restored (CRM_CLIENT_CARD (widget));
}

static void
remove_contact_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  CrmClientCard *self = CRM_CLIENT_CARD (widget);
  g_autoptr(GError) error = NULL;
  CrmContactRecord *snapshot;

  if (self->store == NULL)
    return;
  snapshot = crm_store_delete_client_contact (self->store, g_variant_get_int64 (parameter), &error);
  if (snapshot == NULL)
    {
      show_field_error (self, -1, error->message);
      return;
    }

  g_clear_pointer (&self->undo_contact, crm_contact_record_unref);
  self->undo_contact = snapshot;
  self->undo_custom_id = 0;
  self->undo_contact_id = 0;
  g_clear_pointer (&self->undo_phone, crm_phone_record_unref);
  g_clear_pointer (&self->undo_email, crm_email_record_unref);
  self->undo_field = -1;
  crm_client_card_reload (self);
  show_toast (self, _("Contact person removed"), "card.undo-contact");
  g_signal_emit (self, signals[SIGNAL_SAVED], 0);
}

static void
set_primary_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CrmClientCard *self = CRM_CLIENT_CARD (widget);
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  if (!crm_store_set_primary_contact (self->store, g_variant_get_int64 (parameter), &error))
    {
      show_field_error (self, -1, error->message);
      return;
    }
  crm_client_card_reload (self);
  g_signal_emit (self, signals[SIGNAL_SAVED], 0);
}

static void add_contact_activated (GtkWidget *widget, const char *action_name, GVariant *parameter);

static void
on_new_contact_activated_cb (CrmClientCard *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "card.add-contact", NULL);
}

static void
add_contact_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CrmClientCard *self = CRM_CLIENT_CARD (widget);
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_contact_name_row))));
  g_autofree char *position = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_contact_position_row))));
  g_auto(GStrv) words = NULL;
  g_autofree char *middle = NULL;
  g_autoptr(GError) error = NULL;
  CrmContactData data = { 0 };
  guint n;

  if (self->record == NULL)
    return;
  if (is_empty (name))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->new_contact_name_row), "error");
      show_field_error (self, -1, _("A contact person needs a name."));
      return;
    }

  /* "First Middle Last", or "Last First Middle" in Russian */
  words = g_strsplit_set (name, " \t", -1);
  {
    g_autoptr(GPtrArray) kept = g_ptr_array_new ();

    for (guint i = 0; words[i]; i++)
      if (*words[i])
        g_ptr_array_add (kept, words[i]);
    n = kept->len;
    if (g_strcmp0 (crm_store_get_locale (self->store), "ru") == 0 && n > 1)
      {
        data.last_name = g_ptr_array_index (kept, 0);
        data.first_name = g_ptr_array_index (kept, 1);
        g_ptr_array_add (kept, NULL);
        if (n > 2)
          middle = g_strjoinv (" ", (char **) kept->pdata + 2);
      }
    else
      {
        data.first_name = g_ptr_array_index (kept, 0);
        if (n > 1)
          data.last_name = g_ptr_array_index (kept, n - 1);
        if (n > 2)
          {
            g_ptr_array_index (kept, n - 1) = NULL;
            middle = g_strjoinv (" ", (char **) kept->pdata + 1);
          }
      }
    data.middle_name = middle;
    data.company_id = self->record->id;
    data.position = is_empty (position) ? NULL : position;
    data.created_at = g_get_real_time () / G_USEC_PER_SEC;
    data.created_by = crm_store_get_current_user_id (self->store);

    if (!crm_store_add_client_contact (self->store, &data, &error))
      {
        show_field_error (self, -1, error->message);
        return;
      }
  }

  gtk_widget_remove_css_class (GTK_WIDGET (self->new_contact_name_row), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->new_contact_name_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->new_contact_position_row), "");
  crm_client_card_reload (self);
  show_toast (self, _("Contact person added"), NULL);
  g_signal_emit (self, signals[SIGNAL_SAVED], 0);
}

static GtkWidget *
row_button (const char *icon,
                const char *label,
                const char *action,
                gint64      contact_id)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", contact_id);
  return button;
}

/* A contact person's own fields */

typedef struct
{
  const char *field;     /* as crm_store_update_contact_field() takes it */
  const char *title;
} ContactFieldInfo;

static const ContactFieldInfo contact_fields[] = {
  { "first_name",  N_("First Name") },
  { "middle_name", N_("Middle Name") },
  { "last_name",   N_("Last Name") },
  { "position",    N_("Position") },
  { "birthday",    N_("Birthday (YYYY-MM-DD)") },
  { "notes",       N_("Notes") },
};

static CrmContactRecord *
find_contact (CrmClientCard *self,
              gint64         contact_id)
{
  for (guint i = 0; self->record != NULL && i < self->record->contacts->len; i++)
    {
      CrmContactRecord *contact = g_ptr_array_index (self->record->contacts, i);

      if (contact->id == contact_id)
        return contact;
    }
  return NULL;
}

static void
clear_undo (CrmClientCard *self)
{
  self->undo_field = -1;
  self->undo_custom_id = 0;
  self->undo_contact_id = 0;
  g_clear_pointer (&self->undo_contact, crm_contact_record_unref);
  g_clear_pointer (&self->undo_phone, crm_phone_record_unref);
  g_clear_pointer (&self->undo_email, crm_email_record_unref);
}

static gboolean
write_contact_field (CrmClientCard *self,
                     GtkWidget     *row,
                     gint64         contact_id,
                     const char    *field,
                     const char    *value,
                     gboolean       offer_undo)
{
  g_auto(CrmEditOutcome) outcome = { NULL, NULL, 0 };
  g_autoptr(GError) error = NULL;
  CrmContactRecord *contact = find_contact (self, contact_id);

  if (contact == NULL)
    return FALSE;
  if (!crm_store_update_contact_field (self->store, contact_id, field, value, contact->version,
                                       &outcome, &error))
    {
      if (g_error_matches (error, CRM_EDIT_ERROR, CRM_EDIT_ERROR_CONFLICT))
        {
          /* Show what is there now; the user can type the change again */
          crm_client_card_reload (self);
          show_field_error (self, -1,
                            _("Someone else changed this contact person meanwhile. "
                              "The card now shows their version; nothing of yours was saved."));
        }
      else
        {
          if (row != NULL)
            {
              gtk_widget_add_css_class (row, "error");
              gtk_widget_set_tooltip_text (row, error->message);
            }
          show_field_error (self, -1, error->message);
        }
      return FALSE;
    }

  clear_undo (self);
  if (offer_undo)
    {
      self->undo_contact_id = contact_id;
      self->undo_contact_field = field;
      g_free (self->undo_contact_value);
      self->undo_contact_value = g_strdup (outcome.previous);
    }
  crm_client_card_reload (self);
  show_toast (self, offer_undo ? _("Saved") : _("Change undone"),
              offer_undo ? "card.undo-contact-field" : NULL);
  g_signal_emit (self, signals[SIGNAL_SAVED], 0);
  return TRUE;
}

static void
commit_contact_field (CrmClientCard *self,
                      GtkWidget     *row)
{
  gint64 *contact_id = g_object_get_data (G_OBJECT (row), "contact-id");
  const char *field = g_object_get_data (G_OBJECT (row), "contact-field");
  g_autofree char *value = NULL;
  g_autofree char *old = NULL;
  g_autoptr(GError) error = NULL;
  CrmContactRecord *contact;

  if (self->filling || self->record == NULL || self->store == NULL ||
      (contact = find_contact (self, *contact_id)) == NULL)
    return;

  value = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  old = crm_contact_record_get_field (contact, field);
  if (same_value (value, old))
    return;
  if (g_str_equal (field, "birthday") && !is_empty (value) && !crm_validate_date (value, &error))
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_set_tooltip_text (row, error->message);
      show_field_error (self, -1, error->message);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  write_contact_field (self, row, *contact_id, field, value, TRUE);
}

static void
undo_contact_field_activated (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  CrmClientCard *self = CRM_CLIENT_CARD (widget);
  g_autofree char *value = g_steal_pointer (&self->undo_contact_value);
  gint64 contact_id = self->undo_contact_id;

  if (contact_id == 0 || self->record == NULL)
    return;
  self->undo_contact_id = 0;
  write_contact_field (self, NULL, contact_id, self->undo_contact_field, value, FALSE);
}

static void
on_contact_field_commit_cb (GtkWidget     *row,
                            CrmClientCard *self)
{
  commit_contact_field (self, row);
}

static void
on_contact_field_focus_leave_cb (GtkEventControllerFocus *controller,
                                 CrmClientCard           *self)
{
  commit_contact_field (self, gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)));
}

static GtkWidget *
contact_field_row (CrmClientCard    *self,
                   CrmContactRecord *contact,
                   guint             index)
{
  GtkWidget *row = adw_entry_row_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();
  g_autofree char *value = crm_contact_record_get_field (contact, contact_fields[index].field);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(contact_fields[index].title));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), value ? value : "");
  g_object_set_data_full (G_OBJECT (row), "contact-id",
                          g_memdup2 (&contact->id, sizeof contact->id), g_free);
  g_object_set_data (G_OBJECT (row), "contact-field", (gpointer) contact_fields[index].field);
  g_signal_connect (row, "apply", G_CALLBACK (on_contact_field_commit_cb), self);
  g_signal_connect (row, "entry-activated", G_CALLBACK (on_contact_field_commit_cb), self);
  g_signal_connect (focus, "leave", G_CALLBACK (on_contact_field_focus_leave_cb), self);
  gtk_widget_add_controller (row, focus);
  return row;
}

static void
call_contact_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CrmClientCard *self = CRM_CLIENT_CARD (widget);
  CrmContactRecord *contact = find_contact (self, g_variant_get_int64 (parameter));
  g_autoptr(GString) uri = g_string_new ("tel:");
  const char *number;

  if (contact == NULL || contact->phones->len == 0)
    return;
  number = ((CrmPhoneRecord *) g_ptr_array_index (contact->phones, 0))->number;
  for (const char *p = number; *p; p++)
    if (g_ascii_isdigit (*p) || (*p == '+' && uri->len == 4))
      g_string_append_c (uri, *p);
  open_uri (self, uri->str);
}

static void
write_contact_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CrmClientCard *self = CRM_CLIENT_CARD (widget);
  CrmContactRecord *contact = find_contact (self, g_variant_get_int64 (parameter));
  g_autofree char *uri = NULL;

  if (contact == NULL || contact->emails->len == 0)
    return;
  uri = g_strconcat ("mailto:", ((CrmEmailRecord *) g_ptr_array_index (contact->emails, 0))->address, NULL);
  open_uri (self, uri);
}

/* Phones and e-mails, of the company (contact 0) or of a contact person */

static void
on_channel_apply_cb (GtkWidget     *row,
                     CrmClientCard *self)
{
  g_autofree char *value = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  gboolean email = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "email"));
  gint64 *contact_id = g_object_get_data (G_OBJECT (row), "contact-id");
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (self->record == NULL || is_empty (value))
    return;

  if (email ? !crm_validate_email (value, &error) : !crm_validate_phone (value, &error))
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_set_tooltip_text (row, error->message);
      show_field_error (self, -1, error->message);
      return;
    }

  if (email)
    id = crm_store_add_client_email (self->store, self->record->id, *contact_id, NULL, value, &error);
  else
    id = crm_store_add_client_phone (self->store, self->record->id, *contact_id, NULL, value, &error);
  if (id == 0)
    {
      show_field_error (self, -1, error->message);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  crm_client_card_reload (self);
  show_toast (self, email ? _("E-mail added") : _("Phone added"), NULL);
  g_signal_emit (self, signals[SIGNAL_SAVED], 0);
}

static GtkWidget *
channel_entry_row (CrmClientCard *self,
                   gboolean       email,
                   gint64         contact_id)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), email ? _("Add an E-mail") : _("Add a Phone"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "email", GINT_TO_POINTER (email));
  g_object_set_data_full (G_OBJECT (row), "contact-id",
                          g_memdup2 (&contact_id, sizeof contact_id), g_free);
  g_signal_connect (row, "apply", G_CALLBACK (on_channel_apply_cb), self);
  g_signal_connect (row, "entry-activated", G_CALLBACK (on_channel_apply_cb), self);
  return row;
}

/* Existing phones and e-mails: edited in place, removed with Undo */

static CrmPhoneRecord *
find_phone (CrmClientCard *self,
            gint64         phone_id)
{
  for (guint i = 0; i < self->record->phones->len; i++)
    if (((CrmPhoneRecord *) g_ptr_array_index (self->record->phones, i))->id == phone_id)
      return g_ptr_array_index (self->record->phones, i);
  for (guint c = 0; c < self->record->contacts->len; c++)
    {
      CrmContactRecord *contact = g_ptr_array_index (self->record->contacts, c);

      for (guint i = 0; i < contact->phones->len; i++)
        if (((CrmPhoneRecord *) g_ptr_array_index (contact->phones, i))->id == phone_id)
          return g_ptr_array_index (contact->phones, i);
    }
  return NULL;
}

static CrmEmailRecord *
find_email (CrmClientCard *self,
            gint64         email_id)
{
  for (guint i = 0; i < self->record->emails->len; i++)
    if (((CrmEmailRecord *) g_ptr_array_index (self->record->emails, i))->id == email_id)
      return g_ptr_array_index (self->record->emails, i);
  for (guint c = 0; c < self->record->contacts->len; c++)
    {
      CrmContactRecord *contact = g_ptr_array_index (self->record->contacts, c);

      for (guint i = 0; i < contact->emails->len; i++)
        if (((CrmEmailRecord *) g_ptr_array_index (contact->emails, i))->id == email_id)
          return g_ptr_array_index (contact->emails, i);
    }
  return NULL;
}

static void
channel_error (CrmClientCard *self,
               GtkWidget     *row,
               const char    *message)
{
  gtk_widget_add_css_class (row, "error");
  gtk_widget_set_tooltip_text (row, message);
  show_field_error (self, -1, message);
}

static void
commit_channel (CrmClientCard *self,
                GtkWidget     *row)
{
  gboolean email = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "email"));
  gint64 *id = g_object_get_data (G_OBJECT (row), "channel-id");
  GtkWidget *label_entry = g_object_get_data (G_OBJECT (row), "label-entry");
  g_autofree char *value = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autofree char *label = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (label_entry))));
  g_autoptr(GError) error = NULL;
  const char *old_value;
  const char *old_label;
  gboolean ok;

  if (self->filling || self->record == NULL || self->store == NULL)
    return;
  if (email)
    {
      CrmEmailRecord *record = find_email (self, *id);

      if (record == NULL)
        return;
      old_value = record->address;
      old_label = record->label;
    }
  else
    {
      CrmPhoneRecord *record = find_phone (self, *id);

      if (record == NULL)
        return;
      old_value = record->number;
      old_label = record->label;
    }
  if (same_value (value, old_value) && same_value (label, old_label))
    return;

  if (is_empty (value))
    {
      channel_error (self, row, email ? _("An e-mail address cannot be empty: remove it with its button instead.")
                                      : _("A phone number cannot be empty: remove it with its button instead."));
      return;
    }
  if (email ? !crm_validate_email (value, &error) : !crm_validate_phone (value, &error))
    {
      channel_error (self, row, error->message);
      return;
    }

  if (email)
    ok = crm_store_update_client_email (self->store, *id, is_empty (label) ? NULL : label, value, NULL, &error);
  else
    ok = crm_store_update_client_phone (self->store, *id, is_empty (label) ? NULL : label, value, NULL, &error);
  if (!ok)
    {
      channel_error (self, row, error->message);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  crm_client_card_reload (self);
  show_toast (self, email ? _("E-mail saved") : _("Phone saved"), NULL);
  g_signal_emit (self, signals[SIGNAL_SAVED], 0);
}

static void
on_channel_edit_cb (GtkWidget     *row,
                    CrmClientCard *self)
{
  commit_channel (self, row);
}

static void
on_channel_label_activate_cb (GtkWidget     *entry,
                              CrmClientCard *self)
{
  commit_channel (self, g_object_get_data (G_OBJECT (entry), "row"));
}

static GtkWidget *
channel_row (CrmClientCard *self,
             gboolean       email,
             gint64         id,
             const char    *value,
             const char    *label)
{
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *label_entry = gtk_entry_new ();
  /* Translators: %s is a phone number or an e-mail address */
  g_autofree char *label_name = g_strdup_printf (_("Label of %s"), value);
  g_autofree char *remove_name = email
    /* Translators: %s is an e-mail address */
    ? g_strdup_printf (_("Remove E-mail %s"), value)
    /* Translators: %s is a phone number */
    : g_strdup_printf (_("Remove Phone %s"), value);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 !is_empty (label) ? label : email ? _("E-mail") : _("Phone"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  adw_entry_row_add_prefix (ADW_ENTRY_ROW (row),
                            gtk_image_new_from_icon_name (email ? "mail-unread-symbolic" : "call-start-symbolic"));
  gtk_editable_set_text (GTK_EDITABLE (row), value);

  gtk_editable_set_text (GTK_EDITABLE (label_entry), label ? label : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (label_entry), _("Label"));
  gtk_editable_set_width_chars (GTK_EDITABLE (label_entry), 7);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (label_entry), 7);
  gtk_widget_set_valign (label_entry, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (label_entry, label_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label_entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label_name, -1);
  g_object_set_data (G_OBJECT (label_entry), "row", row);
  g_signal_connect (label_entry, "activate", G_CALLBACK (on_channel_label_activate_cb), self);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), label_entry);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row),
                            row_button ("user-trash-symbolic", remove_name,
                                        email ? "card.remove-email" : "card.remove-phone", id));

  g_object_set_data (G_OBJECT (row), "email", GINT_TO_POINTER (email));
  g_object_set_data (G_OBJECT (row), "label-entry", label_entry);
  g_object_set_data_full (G_OBJECT (row), "channel-id", g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect (row, "apply", G_CALLBACK (on_channel_edit_cb), self);
  g_signal_connect (row, "entry-activated", G_CALLBACK (on_channel_edit_cb), self);
  return row;
}

static void
remove_channel_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  CrmClientCard *self = CRM_CLIENT_CARD (widget);
  gboolean email = g_str_equal (action_name, "card.remove-email");
  g_autoptr(GError) error = NULL;
  CrmPhoneRecord *phone = NULL;
  CrmEmailRecord *address = NULL;

  if (self->store == NULL || self->record == NULL)
    return;
  if (email)
    address = crm_store_delete_client_email (self->store, g_variant_get_int64 (parameter), &error);
  else
    phone = crm_store_delete_client_phone (self->store, g_variant_get_int64 (parameter), &error);
  if (phone == NULL && address == NULL)
    {
      show_field_error (self, -1, error->message);
      return;
    }

  clear_undo (self);
  self->undo_phone = phone;
  self->undo_email = address;
  crm_client_card_reload (self);
  show_toast (self, email ? _("E-mail removed") : _("Phone removed"), "card.undo-channel");
  g_signal_emit (self, signals[SIGNAL_SAVED], 0);
}

static void
undo_channel_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CrmClientCard *self = CRM_CLIENT_CARD (widget);
  g_autoptr(CrmPhoneRecord) phone = g_steal_pointer (&self->undo_phone);
  g_autoptr(CrmEmailRecord) email = g_steal_pointer (&self->undo_email);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->store == NULL || (phone == NULL && email == NULL))
    return;
  if (phone != NULL)
    ok = crm_store_restore_client_phone (self->store, phone, &error);
  else
    ok = crm_store_restore_client_email (self->store, email, &error);
  if (!ok)
    {
      show_field_error (self, -1, error->message);
      return;
    }
  crm_client_card_reload (self);
  show_toast (self, _("Change undone"), NULL);
  g_signal_emit (self, signals[SIGNAL_SAVED], 0);
}

static void
fill_channels (CrmClientCard *self)
{
  GtkWidget *row;

  for (guint i = 0; i < self->channel_rows->len; i++)
    adw_preferences_group_remove (self->channels_group, g_ptr_array_index (self->channel_rows, i));
  g_ptr_array_set_size (self->channel_rows, 0);

  for (guint i = 0; i < self->record->phones->len; i++)
    {
      CrmPhoneRecord *phone = g_ptr_array_index (self->record->phones, i);

      row = channel_row (self, FALSE, phone->id, phone->number, phone->label);
      adw_preferences_group_add (self->channels_group, row);
      g_ptr_array_add (self->channel_rows, row);
    }
  for (guint i = 0; i < self->record->emails->len; i++)
    {
      CrmEmailRecord *email = g_ptr_array_index (self->record->emails, i);

      row = channel_row (self, TRUE, email->id, email->address, email->label);
      adw_preferences_group_add (self->channels_group, row);
      g_ptr_array_add (self->channel_rows, row);
    }

  row = channel_entry_row (self, FALSE, 0);
  adw_preferences_group_add (self->channels_group, row);
  g_ptr_array_add (self->channel_rows, row);
  row = channel_entry_row (self, TRUE, 0);
  adw_preferences_group_add (self->channels_group, row);
  g_ptr_array_add (self->channel_rows, row);
}

static void
fill_contacts (CrmClientCard *self)
{
  g_autoptr(GArray) expanded = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean was_filling = self->filling;

  /* Rows losing focus as they go write nothing; open contacts stay open */
  self->filling = TRUE;
  for (guint i = 0; i < self->contact_rows->len; i++)
    {
      GtkWidget *old = g_ptr_array_index (self->contact_rows, i);
      gint64 *id = g_object_get_data (G_OBJECT (old), "contact-id");

      if (id != NULL && adw_expander_row_get_expanded (ADW_EXPANDER_ROW (old)))
        g_array_append_val (expanded, *id);
      adw_preferences_group_remove (self->contacts_group, old);
    }
  self->filling = was_filling;
  g_ptr_array_set_size (self->contact_rows, 0);

  for (guint i = 0; i < self->record->contacts->len; i++)
    {
      CrmContactRecord *contact = g_ptr_array_index (self->record->contacts, i);
      GtkWidget *row = adw_expander_row_new ();
      g_autofree char *subtitle = NULL;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), contact->full_name);
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
      if (contact->is_primary)
        subtitle = is_empty (contact->position)
          ? g_strdup (_("Primary contact"))
          /* Translators: a contact person's position, then that they are the primary contact */
          : g_strdup_printf (_("%s · primary contact"), contact->position);
      else
        subtitle = g_strdup (contact->position ? contact->position : "");
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);

      g_object_set_data_full (G_OBJECT (row), "contact-id",
                              g_memdup2 (&contact->id, sizeof contact->id), g_free);
      for (guint j = 0; j < expanded->len; j++)
        if (g_array_index (expanded, gint64, j) == contact->id)
          adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
      if (contact->phones->len > 0)
        {
          /* Translators: %s is a contact person's name */
          g_autofree char *label = g_strdup_printf (_("Call %s"), contact->full_name);

          adw_expander_row_add_action (ADW_EXPANDER_ROW (row),
                                       row_button ("call-start-symbolic", label,
                                                   "card.call-contact", contact->id));
        }
      if (contact->emails->len > 0)
        {
          /* Translators: %s is a contact person's name */
          g_autofree char *label = g_strdup_printf (_("Write to %s"), contact->full_name);

          adw_expander_row_add_action (ADW_EXPANDER_ROW (row),
                                       row_button ("mail-send-symbolic", label,
                                                   "card.write-contact", contact->id));
        }
      for (guint j = 0; j < G_N_ELEMENTS (contact_fields); j++)
        adw_expander_row_add_row (ADW_EXPANDER_ROW (row), contact_field_row (self, contact, j));
      if (!contact->is_primary)
        adw_expander_row_add_action (ADW_EXPANDER_ROW (row),
                                     row_button ("starred-symbolic", _("Make Primary Contact"),
                                                     "card.set-primary", contact->id));
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row),
                                   row_button ("user-trash-symbolic", _("Remove Contact Person"),
                                                   "card.remove-contact", contact->id));

      for (guint j = 0; j < contact->phones->len; j++)
        {
          CrmPhoneRecord *phone = g_ptr_array_index (contact->phones, j);

          adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                    channel_row (self, FALSE, phone->id, phone->number, phone->label));
        }
      for (guint j = 0; j < contact->emails->len; j++)
        {
          CrmEmailRecord *email = g_ptr_array_index (contact->emails, j);

          adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                    channel_row (self, TRUE, email->id, email->address, email->label));
        }
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), channel_entry_row (self, FALSE, contact->id));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), channel_entry_row (self, TRUE, contact->id));

      adw_preferences_group_add (self->contacts_group, row);
      g_ptr_array_add (self->contact_rows, row);
    }

  if (self->record->contacts->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No contact persons yet"));
      gtk_widget_add_css_class (row, "dim-label");
      adw_preferences_group_add (self->contacts_group, row);
      g_ptr_array_add (self->contact_rows, row);
    }
}

/* Tags */

static void
on_new_tag_row_apply_cb (CrmClientCard *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_tag_row))));
  g_autoptr(GError) error = NULL;

  if (self->record == NULL || is_empty (name))
    return;
  if (!crm_store_add_client_tag (self->store, self->record->id, name, &error))
    {
      show_field_error (self, -1, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->new_tag_row), "");
  crm_client_card_reload (self);
  g_signal_emit (self, signals[SIGNAL_SAVED], 0);
}

static void
remove_tag_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CrmClientCard *self = CRM_CLIENT_CARD (widget);
  g_autoptr(GError) error = NULL;

  if (self->record == NULL)
    return;
  if (!crm_store_remove_client_tag (self->store, self->record->id, g_variant_get_int64 (parameter), &error))
    {
      show_field_error (self, -1, error->message);
      return;
    }
  crm_client_card_reload (self);
  g_signal_emit (self, signals[SIGNAL_SAVED], 0);
}

static void
fill_tags (CrmClientCard *self)
{
  for (guint i = 0; i < self->tag_rows->len; i++)
    adw_preferences_group_remove (self->tags_group, g_ptr_array_index (self->tag_rows, i));
  g_ptr_array_set_size (self->tag_rows, 0);

  for (guint i = 0; i < self->record->tags->len; i++)
    {
      CrmTag *tag = g_ptr_array_index (self->record->tags, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *label = g_strdup_printf (_("Remove Tag “%s”"), tag->name);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tag->name);
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 row_button ("list-remove-symbolic", label, "card.remove-tag", tag->id));
      adw_preferences_group_add (self->tags_group, row);
      g_ptr_array_add (self->tag_rows, row);
    }
}

/* User-defined fields */

static CrmCustomField *
custom_field (CrmClientCard *self,
              gint64         field_id)
{
  for (guint i = 0; self->record != NULL && i < self->record->custom_fields->len; i++)
    {
      CrmCustomField *field = g_ptr_array_index (self->record->custom_fields, i);

      if (field->id == field_id)
        return field;
    }
  return NULL;
}

static gint64
custom_row_id (GtkWidget *row)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "crm-field-id");

  return id != NULL ? *id : 0;
}

/* The value a custom row shows, as the store takes it (NULL: none) */
static char *
custom_row_get_value (GtkWidget      *row,
                      CrmCustomField *field)
{
  if (g_str_equal (field->kind, "choice"))
    {
      guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (row));

      if (selected == GTK_INVALID_LIST_POSITION || selected == 0 || field->choices == NULL ||
          selected > g_strv_length (field->choices))
        return NULL;
      return g_strdup (field->choices[selected - 1]);
    }
  if (g_str_equal (field->kind, "checkbox"))
    {
      GtkWidget *toggle = g_object_get_data (G_OBJECT (row), "crm-switch");

      return g_strdup (gtk_switch_get_active (GTK_SWITCH (toggle)) ? "1" : "0");
    }
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
custom_row_set_value (CrmClientCard  *self,
                      GtkWidget      *row,
                      CrmCustomField *field)
{
  gboolean was_filling = self->filling;

  self->filling = TRUE;
  if (g_str_equal (field->kind, "choice"))
    {
      guint position = 0;

      for (guint i = 0; field->choices != NULL && field->choices[i] != NULL; i++)
        if (g_strcmp0 (field->choices[i], field->value) == 0)
          position = i + 1;
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), position);
    }
  else if (g_str_equal (field->kind, "checkbox"))
    gtk_switch_set_active (GTK_SWITCH (g_object_get_data (G_OBJECT (row), "crm-switch")),
                           g_strcmp0 (field->value, "1") == 0);
  else
    gtk_editable_set_text (GTK_EDITABLE (row), field->value ? field->value : "");
  gtk_widget_remove_css_class (row, "error");
  gtk_widget_set_tooltip_text (row, NULL);
  self->filling = was_filling;
}

static void
write_custom (CrmClientCard *self,
              GtkWidget     *row,
              gint64         field_id,
              const char    *value,
              gboolean       offer_undo)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *previous = NULL;

  if (!crm_store_set_custom_value (self->store, self->record->id, field_id, value, &previous, &error))
    {
      if (row != NULL)
        {
          gtk_widget_add_css_class (row, "error");
          gtk_widget_set_tooltip_text (row, error->message);
        }
      show_field_error (self, -1, error->message);
      return;
    }

  crm_client_card_reload (self);

  clear_undo (self);
  self->undo_custom_id = offer_undo ? field_id : 0;
  g_free (self->undo_custom_value);
  self->undo_custom_value = g_steal_pointer (&previous);
  show_toast (self, offer_undo ? _("Saved") : _("Change undone"),
              offer_undo ? "card.undo-custom" : NULL);
  g_signal_emit (self, signals[SIGNAL_SAVED], 0);
}

static void
commit_custom (CrmClientCard *self,
               GtkWidget     *row)
{
  CrmCustomField *field;
  g_autofree char *value = NULL;
  g_autofree char *normalized = NULL;
  g_autoptr(GError) error = NULL;

  if (self->filling || self->record == NULL || self->store == NULL)
    return;
  field = custom_field (self, custom_row_id (row));
  if (field == NULL)
    return;

  value = custom_row_get_value (row, field);
  if (same_value (value, field->value))
    {
      gtk_widget_remove_css_class (row, "error");
      gtk_widget_set_tooltip_text (row, NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
      return;
    }
  if (!is_empty (value) &&
      !crm_validate_custom_value (field->kind, (const char * const *) field->choices,
                                  value, &normalized, &error))
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_set_tooltip_text (row, error->message);
      show_field_error (self, -1, error->message);
      return;
    }

  gtk_widget_remove_css_class (row, "error");
  gtk_widget_set_tooltip_text (row, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  write_custom (self, row, field->id, normalized, TRUE);
}

static void
undo_custom_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CrmClientCard *self = CRM_CLIENT_CARD (widget);
  g_autofree char *value = g_steal_pointer (&self->undo_custom_value);
  gint64 field_id = self->undo_custom_id;

  if (field_id == 0 || self->record == NULL)
    return;
  self->undo_custom_id = 0;
  write_custom (self, NULL, field_id, value, FALSE);
}

static void
on_custom_commit_cb (GtkWidget     *row,
                     CrmClientCard *self)
{
  commit_custom (self, row);
}

static void
on_custom_focus_leave_cb (GtkEventControllerFocus *controller,
                          CrmClientCard           *self)
{
  commit_custom (self, gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)));
}

static void
on_custom_notify_cb (GObject       *object,
                     GParamSpec    *pspec,
                     CrmClientCard *self)
{
  GtkWidget *row = GTK_IS_SWITCH (object)
    ? g_object_get_data (object, "crm-row")
    : GTK_WIDGET (object);

  commit_custom (self, row);
}

static GtkWidget *
custom_row_new (CrmClientCard  *self,
                CrmCustomField *field)
{
  GtkWidget *row;

  if (g_str_equal (field->kind, "choice"))
    {
      GtkStringList *model = gtk_string_list_new (NULL);

      gtk_string_list_append (model, _("None"));
      for (guint i = 0; field->choices != NULL && field->choices[i] != NULL; i++)
        gtk_string_list_append (model, field->choices[i]);
      row = adw_combo_row_new ();
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
      g_object_unref (model);
      g_signal_connect (row, "notify::selected", G_CALLBACK (on_custom_notify_cb), self);
    }
  else if (g_str_equal (field->kind, "checkbox"))
    {
      GtkWidget *toggle = gtk_switch_new ();

      row = adw_action_row_new ();
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      field->name, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
      g_object_set_data (G_OBJECT (row), "crm-switch", toggle);
      g_object_set_data (G_OBJECT (toggle), "crm-row", row);
      g_signal_connect (toggle, "notify::active", G_CALLBACK (on_custom_notify_cb), self);
    }
  else
    {
      GtkEventController *focus = gtk_event_controller_focus_new ();

      row = adw_entry_row_new ();
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      g_signal_connect (row, "apply", G_CALLBACK (on_custom_commit_cb), self);
      g_signal_connect (row, "entry-activated", G_CALLBACK (on_custom_commit_cb), self);
      g_signal_connect (focus, "leave", G_CALLBACK (on_custom_focus_leave_cb), self);
      gtk_widget_add_controller (row, focus);
    }

  if (g_str_equal (field->kind, "date"))
    {
      /* Translators: the title of a user-defined date field; %s is its name */
      g_autofree char *title = g_strdup_printf (_("%s (YYYY-MM-DD)"), field->name);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
    }
  else
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), field->name);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
  g_object_set_data_full (G_OBJECT (row), "crm-field-id",
                          g_memdup2 (&field->id, sizeof field->id), g_free);
  return row;
}

/* Rows are rebuilt only when the defined fields change, so that a row is not
 * destroyed while it reports its own change */
static void
fill_custom (CrmClientCard *self)
{
  GPtrArray *defined = self->record->custom_fields;
  gboolean same = self->custom_ids->len == defined->len;

  for (guint i = 0; same && i < defined->len; i++)
    same = g_array_index (self->custom_ids, gint64, i) ==
           ((CrmCustomField *) g_ptr_array_index (defined, i))->id;

  if (!same)
    {
      gboolean was_filling = self->filling;

      self->filling = TRUE;
      for (guint i = 0; i < self->custom_rows->len; i++)
        adw_preferences_group_remove (self->custom_group, g_ptr_array_index (self->custom_rows, i));
      self->filling = was_filling;
      g_ptr_array_set_size (self->custom_rows, 0);
      g_array_set_size (self->custom_ids, 0);
      for (guint i = 0; i < defined->len; i++)
        {
          CrmCustomField *field = g_ptr_array_index (defined, i);
          GtkWidget *row = custom_row_new (self, field);

          adw_preferences_group_add (self->custom_group, row);
          g_ptr_array_add (self->custom_rows, row);
          g_array_append_val (self->custom_ids, field->id);
        }
    }

  for (guint i = 0; i < defined->len; i++)
    custom_row_set_value (self, g_ptr_array_index (self->custom_rows, i),
                          g_ptr_array_index (defined, i));
  gtk_widget_set_visible (GTK_WIDGET (self->custom_group), defined->len > 0);
}

/* Loading */

/* The active users, and the client's manager even when no longer active */
static void
fill_managers (CrmClientCard *self,
               GtkStringList *model)
{
  g_autoptr(GPtrArray) users = crm_store_list_users (self->store, NULL);
  gint64 manager_id = self->record ? self->record->manager_id : 0;

  for (guint i = 0; users != NULL && i < users->len; i++)
    {
      CrmUser *user = g_ptr_array_index (users, i);

      if (!user->active && user->id != manager_id)
        continue;
      if (user->active)
        gtk_string_list_append (model, user->full_name);
      else
        {
          /* Translators: a user who can no longer sign in, still a client's manager */
          g_autofree char *name = g_strdup_printf (_("%s (inactive)"), user->full_name);

          gtk_string_list_append (model, name);
        }
      g_array_append_val (self->choice_ids[FIELD_MANAGER], user->id);
    }
}

static void
fill_choices (CrmClientCard *self,
              Field          field)
{
  g_autoptr(GPtrArray) values = NULL;
  GtkStringList *model = gtk_string_list_new (NULL);
  gboolean was_filling = self->filling;

  g_clear_pointer (&self->choice_ids[field], g_array_unref);
  self->choice_ids[field] = g_array_new (FALSE, FALSE, sizeof (gint64));

  gtk_string_list_append (model, _("None"));
  g_array_append_val (self->choice_ids[field], (gint64) { 0 });
  if (field == FIELD_MANAGER)
    fill_managers (self, model);
  else
    values = crm_store_list_dictionary (self->store, fields[field].field, NULL);
  for (guint i = 0; values != NULL && i < values->len; i++)
    {
      CrmDictionaryValue *value = g_ptr_array_index (values, i);

      gtk_string_list_append (model, value->name);
      g_array_append_val (self->choice_ids[field], value->id);
    }

  self->filling = TRUE;
  adw_combo_row_set_model (ADW_COMBO_ROW (self->rows[field]), G_LIST_MODEL (model));
  self->filling = was_filling;
  g_object_unref (model);
}

static gboolean
has_choice (CrmClientCard *self,
            Field          field,
            gint64         id)
{
  GArray *ids = self->choice_ids[field];

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

static gboolean
crm_client_card_reload (CrmClientCard *self)
{
  g_autoptr(GError) error = NULL;
  CrmClientRecord *record;

  record = crm_store_load_client_record (self->store, self->record ? self->record->id : 0, &error);
  if (record == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return FALSE;
    }

  g_clear_pointer (&self->record, crm_client_record_unref);
  self->record = record;

  /* An inactive manager is offered only while the client has them; the
   * model is not replaced while a selection in it is being made */
  if (!has_choice (self, FIELD_MANAGER, record->manager_id))
    fill_choices (self, FIELD_MANAGER);
  for (int i = 0; i < N_FIELDS; i++)
    {
      g_autofree char *value = crm_client_record_get_field (record, fields[i].field);

      row_set_value (self, i, value);
    }
  fill_header (self);
  fill_channels (self);
  fill_contacts (self);
  fill_tags (self);
  fill_custom (self);
  gtk_stack_set_visible_child_name (self->stack, "card");
  return TRUE;
}

/* A document attached or an e-mail logged: the client's last contact may move */
static void
on_documents_changed_cb (CrmClientCard *self)
{
  /* an e-mail logged, a document noted: the timeline shows them */
  crm_timeline_view_reload (self->timeline_view);
  g_signal_emit (self, signals[SIGNAL_SAVED], 0);
}

/* Print Dossier… and Save Dossier as PDF… (crm-dossier-print.c) */
static void
dossier_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CrmClientCard *self = CRM_CLIENT_CARD (widget);

  if (self->store != NULL && self->record != NULL)
    crm_dossier_print_run (GTK_WIDGET (self->toast_overlay), self->store, self->record->id,
                           g_str_equal (action_name, "card.save-dossier"));
}

/* Details or Timeline; a reload shows the details, and the buttons follow */
static void
on_page_toggled_cb (CrmClientCard *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  if (gtk_toggle_button_get_active (self->timeline_toggle))
    gtk_stack_set_visible_child_name (self->stack, "timeline");
  else if (g_strcmp0 (page, "timeline") == 0)
    gtk_stack_set_visible_child_name (self->stack, "card");
}

static void
on_stack_page_cb (CrmClientCard *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  gtk_widget_set_visible (self->pages_box, g_strcmp0 (page, "error") != 0);
  if (g_strcmp0 (page, "card") == 0)
    gtk_toggle_button_set_active (self->details_toggle, TRUE);
}

/* An entry logged, edited or deleted: the client's last contact may move */
/* Files dropped on an entry of the timeline go with that entry */
static void
on_timeline_attach_files_cb (CrmClientCard *self,
                             gint64         history_id,
                             GSList        *files)
{
  crm_documents_section_attach_files_to_entry (self->documents_section, files, history_id);
}

static void
on_timeline_changed_cb (CrmClientCard *self)
{
  g_signal_emit (self, signals[SIGNAL_SAVED], 0);
}

/* Ctrl+L, Ctrl+M, Ctrl+J: the quick entry, over the timeline */
static void
log_entry_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CrmClientCard *self = CRM_CLIENT_CARD (widget);

  if (self->record == NULL || !gtk_widget_get_mapped (widget))
    return;
  gtk_toggle_button_set_active (self->timeline_toggle, TRUE);
  crm_timeline_view_log_entry (self->timeline_view, g_variant_get_string (parameter, NULL));
}

static void
on_close_clicked_cb (CrmClientCard *self)
{
  g_signal_emit (self, signals[SIGNAL_CLOSED], 0);
}

static void
crm_client_card_dispose (GObject *object)
{
  CrmClientCard *self = CRM_CLIENT_CARD (object);

  /* Rows losing focus as they go write nothing */
  self->filling = TRUE;
  if (self->conflict_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->conflict_dialog));
  g_clear_weak_pointer (&self->conflict_dialog);
  /* AdwBin unparents its child (the template's toast overlay) itself */

  G_OBJECT_CLASS (crm_client_card_parent_class)->dispose (object);
}

static void
crm_client_card_finalize (GObject *object)
{
  CrmClientCard *self = CRM_CLIENT_CARD (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->record, crm_client_record_unref);
  g_clear_pointer (&self->undo_contact, crm_contact_record_unref);
  g_clear_pointer (&self->contact_rows, g_ptr_array_unref);
  g_clear_pointer (&self->tag_rows, g_ptr_array_unref);
  g_clear_pointer (&self->channel_rows, g_ptr_array_unref);
  g_clear_pointer (&self->custom_rows, g_ptr_array_unref);
  g_clear_pointer (&self->custom_ids, g_array_unref);
  g_free (self->undo_custom_value);
  g_free (self->undo_contact_value);
  g_clear_pointer (&self->undo_phone, crm_phone_record_unref);
  g_clear_pointer (&self->undo_email, crm_email_record_unref);
  for (int i = 0; i < N_FIELDS; i++)
    g_clear_pointer (&self->choice_ids[i], g_array_unref);
  g_free (self->undo_value);
  g_free (self->conflict_mine);

  G_OBJECT_CLASS (crm_client_card_parent_class)->finalize (object);
}

static void
crm_client_card_class_init (CrmClientCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_client_card_dispose;
  object_class->finalize = crm_client_card_finalize;

  /**
   * CrmClientCard::closed:
   *
   * The user closed the card.
   */
  signals[SIGNAL_CLOSED] =
    g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * CrmClientCard::saved:
   *
   * The card wrote a change to the database (lists showing the client are stale).
   */
  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rapportcrm/Rapport/ui/card/crm-client-card.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmClientCard, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CrmClientCard, name_label);
  gtk_widget_class_bind_template_child (widget_class, CrmClientCard, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, CrmClientCard, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmClientCard, call_button);
  gtk_widget_class_bind_template_child (widget_class, CrmClientCard, write_button);
  gtk_widget_class_bind_template_child (widget_class, CrmClientCard, website_button);
  gtk_widget_class_bind_template_child (widget_class, CrmClientCard, error_page);
  gtk_widget_class_bind_template_child (widget_class, CrmClientCard, error_label);
  gtk_widget_class_bind_template_child (widget_class, CrmClientCard, contacts_group);
  gtk_widget_class_bind_template_child (widget_class, CrmClientCard, tags_group);
  gtk_widget_class_bind_template_child (widget_class, CrmClientCard, channels_group);
  gtk_widget_class_bind_template_child (widget_class, CrmClientCard, custom_group);
  gtk_widget_class_bind_template_child (widget_class, CrmClientCard, new_tag_row);
  gtk_widget_class_bind_template_callback (widget_class, on_new_tag_row_apply_cb);
  gtk_widget_class_bind_template_child (widget_class, CrmClientCard, new_contact_name_row);
  gtk_widget_class_bind_template_child (widget_class, CrmClientCard, new_contact_position_row);
  gtk_widget_class_bind_template_child (widget_class, CrmClientCard, documents_section);
  g_type_ensure (CRM_TYPE_DOCUMENTS_SECTION);
  for (int i = 0; i < N_FIELDS; i++)
    gtk_widget_class_bind_template_child_full (widget_class, fields[i].row, FALSE,
                                               G_STRUCT_OFFSET (CrmClientCard, rows) + i * sizeof (gpointer));
  gtk_widget_class_bind_template_callback (widget_class, on_close_clicked_cb);
  gtk_widget_class_bind_template_child (widget_class, CrmClientCard, pages_box);
  gtk_widget_class_bind_template_child (widget_class, CrmClientCard, details_toggle);
  gtk_widget_class_bind_template_child (widget_class, CrmClientCard, timeline_toggle);
  gtk_widget_class_bind_template_child (widget_class, CrmClientCard, timeline_view);
  gtk_widget_class_bind_template_callback (widget_class, on_page_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_timeline_changed_cb);
  g_type_ensure (CRM_TYPE_TIMELINE_VIEW);
  gtk_widget_class_install_action (widget_class, "card.log-entry", "s", log_entry_activated);

  gtk_widget_class_install_action (widget_class, "card.undo", NULL, undo_activated);
  gtk_widget_class_install_action (widget_class, "card.undo-contact", NULL, undo_contact_activated);
  gtk_widget_class_install_action (widget_class, "card.undo-custom", NULL, undo_custom_activated);
  gtk_widget_class_install_action (widget_class, "card.undo-channel", NULL, undo_channel_activated);
  gtk_widget_class_install_action (widget_class, "card.remove-phone", "x", remove_channel_activated);
  gtk_widget_class_install_action (widget_class, "card.remove-email", "x", remove_channel_activated);
  gtk_widget_class_install_action (widget_class, "card.undo-contact-field", NULL, undo_contact_field_activated);
  gtk_widget_class_install_action (widget_class, "card.call-contact", "x", call_contact_activated);
  gtk_widget_class_install_action (widget_class, "card.write-contact", "x", write_contact_activated);
  gtk_widget_class_install_action (widget_class, "card.call", NULL, call_activated);
  gtk_widget_class_install_action (widget_class, "card.write", NULL, write_activated);
  gtk_widget_class_install_action (widget_class, "card.open-website", NULL, open_website_activated);
  gtk_widget_class_install_action (widget_class, "card.add-contact", NULL, add_contact_activated);
  gtk_widget_class_install_action (widget_class, "card.remove-contact", "x", remove_contact_activated);
  gtk_widget_class_install_action (widget_class, "card.set-primary", "x", set_primary_activated);
  gtk_widget_class_install_action (widget_class, "card.remove-tag", "x", remove_tag_activated);
  gtk_widget_class_install_action (widget_class, "card.print-dossier", NULL, dossier_activated);
  gtk_widget_class_install_action (widget_class, "card.save-dossier", NULL, dossier_activated);
}

static void
crm_client_card_init (CrmClientCard *self)
{
  static const struct { guint key; const char *kind; } log_keys[] = {
    { GDK_KEY_l, "call" }, { GDK_KEY_m, "meeting" }, { GDK_KEY_j, "note" },
  };
  GtkEventController *log_shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* The quick entry keys work wherever the focus is while the card is open
   * (after Enter on the list, the focus stays there) */
  log_shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (log_shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
  for (guint i = 0; i < G_N_ELEMENTS (log_keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (log_shortcuts),
                                          gtk_shortcut_new_with_arguments (
                                            gtk_keyval_trigger_new (log_keys[i].key, GDK_CONTROL_MASK),
                                            gtk_named_action_new ("card.log-entry"), "s", log_keys[i].kind));
  gtk_widget_add_controller (GTK_WIDGET (self), log_shortcuts);
  g_signal_connect_swapped (self->stack, "notify::visible-child-name", G_CALLBACK (on_stack_page_cb), self);
  /* Files dropped anywhere on the card are attached, e-mails logged */
  crm_documents_section_add_drop_target (self->documents_section, GTK_WIDGET (self));
  g_signal_connect_object (self->timeline_view, "attach-files", G_CALLBACK (on_timeline_attach_files_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->documents_section, "changed", G_CALLBACK (on_documents_changed_cb), self,
                           G_CONNECT_SWAPPED);

  self->undo_field = -1;
  self->conflict_field = -1;
  self->contact_rows = g_ptr_array_new ();
  self->tag_rows = g_ptr_array_new ();
  self->channel_rows = g_ptr_array_new ();
  self->custom_rows = g_ptr_array_new ();
  self->custom_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (int i = 0; i < N_FIELDS; i++)
    {
      if (fields[i].combo)
        {
          g_signal_connect (self->rows[i], "notify::selected",
                            G_CALLBACK (on_combo_row_selected_cb), self);
        }
      else
        {
          GtkEventController *focus = gtk_event_controller_focus_new ();

          g_signal_connect (self->rows[i], "apply", G_CALLBACK (on_entry_row_commit_cb), self);
          g_signal_connect (self->rows[i], "entry-activated", G_CALLBACK (on_entry_row_commit_cb), self);
          g_signal_connect (focus, "leave", G_CALLBACK (on_entry_row_focus_leave_cb), self);
          gtk_widget_add_controller (self->rows[i], focus);
        }
    }

  /* Enter in the new contact person's name or position adds it, as Enter
   * in a new tag adds the tag */
  g_signal_connect_swapped (self->new_contact_name_row, "entry-activated",
                            G_CALLBACK (on_new_contact_activated_cb), self);
  g_signal_connect_swapped (self->new_contact_position_row, "entry-activated",
                            G_CALLBACK (on_new_contact_activated_cb), self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.call", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.write", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.open-website", FALSE);
}

GtkWidget *
crm_client_card_new (void)
{
  return g_object_new (CRM_TYPE_CLIENT_CARD, NULL);
}

/* Every scrolled part of the card back at its start */
static void
scroll_to_top (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_SCROLLED_WINDOW (child))
        {
          GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (child));

          gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
          continue;
        }
      scroll_to_top (child);
    }
}

/**
 * crm_client_card_set_client:
 * @store: the database
 * @client_id: the company to show
 *
 * Loads the client into the card. Returns: %FALSE if it could not be loaded
 * (the card then shows why).
 */
gboolean
crm_client_card_set_client (CrmClientCard *self,
                            CrmStore      *store,
                            gint64         client_id)
{
  g_autoptr(GError) error = NULL;
  CrmClientRecord *record;

  g_return_val_if_fail (CRM_IS_CLIENT_CARD (self), FALSE);
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);

  g_set_object (&self->store, store);
  self->undo_field = -1;
  clear_undo (self);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  for (int i = 0; i < N_FIELDS; i++)
    {
      gtk_widget_remove_css_class (self->rows[i], "error");
      gtk_widget_set_tooltip_text (self->rows[i], NULL);
      if (fields[i].combo && i != FIELD_MANAGER)
        fill_choices (self, i);
    }

  /* The managers are listed for the new client once it is loaded */
  g_clear_pointer (&self->choice_ids[FIELD_MANAGER], g_array_unref);

  record = crm_store_load_client_record (store, client_id, &error);
  if (record == NULL)
    {
      g_clear_pointer (&self->record, crm_client_record_unref);
      gtk_label_set_label (self->name_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), FALSE);
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return FALSE;
    }

  /* another client's card starts at its top, not where the last one was */
  if (self->record == NULL || self->record->id != client_id)
    scroll_to_top (GTK_WIDGET (self->stack));

  g_clear_pointer (&self->record, crm_client_record_unref);
  self->record = record;
  crm_timeline_view_set_client (self->timeline_view, store, client_id);
  crm_documents_section_set_client (self->documents_section, store, client_id);
  return crm_client_card_reload (self);
}

gint64
crm_client_card_get_id (CrmClientCard *self)
{
  g_return_val_if_fail (CRM_IS_CLIENT_CARD (self), 0);
  return self->record ? self->record->id : 0;
}

gint64
crm_client_card_get_version (CrmClientCard *self)
{
  g_return_val_if_fail (CRM_IS_CLIENT_CARD (self), 0);
  return self->record ? self->record->version : 0;
}
