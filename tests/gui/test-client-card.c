/* test-client-card.c
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-client-card"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <adwaita.h>

#include "crm-client-card.h"
#include "crm-client-summary-pane.h"
#include "crm-client-edit.h"
#include "crm-clients-page.h"
#include "gui-test-utils.h"

/* The client card driven through its rows and actions, checked against the
 * database. Runs under Xvfb (suite "ui"). */

typedef struct
{
  char          *dir;
  char          *path;
  CrmStore      *store;
  gint64         client_id;
  GtkWindow     *window;
  CrmClientCard *card;
} Fixture;

/* A template child of the card */
static gpointer
card_child (gpointer    widget,
            const char *name)
{
  return child (widget, CRM_TYPE_CLIENT_CARD, name);
}


static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CrmCompanyData company = { 0 };

  fixture->dir = g_dir_make_tmp ("rapport-card-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "clients.db", NULL);
  fixture->store = crm_store_open_full (fixture->path, CRM_STORE_OPEN_DEFAULT, "en", &error);
  g_assert_no_error (error);

  company.name = "Northwind Traders";
  company.city = "Boston";
  company.website = "northwind.example";
  company.created_at = 1700000000;
  fixture->client_id = crm_store_add_company (fixture->store, &company, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fixture->client_id, >, 0);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 500, 700);
  fixture->card = CRM_CLIENT_CARD (crm_client_card_new ());
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->card));
  gtk_window_present (fixture->window);
  g_assert_true (crm_client_card_set_client (fixture->card, fixture->store, fixture->client_id));
  spin_for (50);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  gtk_window_destroy (fixture->window);
  spin_for (50);
  g_clear_object (&fixture->store);

  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (fixture->dir, name, NULL);
      g_remove (file);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static CrmClientRecord *
load (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  CrmClientRecord *record = crm_store_load_client_record (fixture->store, fixture->client_id, &error);

  g_assert_no_error (error);
  return record;
}

/* Types into an entry row and commits it as Enter would */
static void
commit_row (Fixture    *fixture,
            const char *row_name,
            const char *text)
{
  GtkWidget *row = card_child (fixture->card, row_name);

  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
  spin_for (20);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static void
test_edit_city (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(CrmClientRecord) before = load (fixture);
  g_autoptr(CrmClientRecord) after = NULL;
  g_autoptr(CrmClientRecord) undone = NULL;
  GtkLabel *name_label = card_child (fixture->card, "name_label");

  g_assert_cmpstr (gtk_label_get_label (name_label), ==, "Northwind Traders");
  g_assert_cmpstr (gtk_editable_get_text (card_child (fixture->card, "city_row")), ==, "Boston");

  commit_row (fixture, "city_row", "Chicago");
  after = load (fixture);
  g_assert_cmpstr (after->city, ==, "Chicago");
  g_assert_cmpint (after->version, >, before->version);
  g_assert_cmpint (crm_client_card_get_version (fixture->card), ==, after->version);

  /* The toast's Undo writes the old value back with the new version */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->card), "card.undo", NULL));
  undone = load (fixture);
  g_assert_cmpstr (undone->city, ==, "Boston");
  g_assert_cmpint (undone->version, >, after->version);
  g_assert_cmpstr (gtk_editable_get_text (card_child (fixture->card, "city_row")), ==, "Boston");
}

static void
test_invalid_website (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(CrmClientRecord) before = load (fixture);
  g_autoptr(CrmClientRecord) after = NULL;
  GtkWidget *row = card_child (fixture->card, "website_row");
  GtkWidget *error_label = card_child (fixture->card, "error_label");

  commit_row (fixture, "website_row", "not a website at all");
  after = load (fixture);
  g_assert_cmpstr (after->website, ==, before->website);
  g_assert_cmpint (after->version, ==, before->version);
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (gtk_widget_get_tooltip_text (row));

  /* A valid value clears the error and saves */
  commit_row (fixture, "website_row", "https://northwind.example/shop");
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  g_assert_false (gtk_widget_get_visible (error_label));
  g_clear_pointer (&after, crm_client_record_unref);
  after = load (fixture);
  g_assert_cmpstr (after->website, ==, "https://northwind.example/shop");

  /* The name cannot be emptied */
  commit_row (fixture, "name_row", "  ");
  g_assert_true (gtk_widget_has_css_class (card_child (fixture->card, "name_row"), "error"));
  g_clear_pointer (&after, crm_client_record_unref);
  after = load (fixture);
  g_assert_cmpstr (after->name, ==, "Northwind Traders");
}

static void
test_conflict (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(CrmClientRecord) before = load (fixture);
  g_autoptr(CrmClientRecord) after = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;
  gint64 version;

  /* Someone else changes the city behind the card's back */
  version = crm_store_update_client_field (fixture->store, fixture->client_id, "city", "Denver",
                                           before->version, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (version, >, before->version);

  commit_row (fixture, "city_row", "Seattle");
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  body = g_strdup (adw_message_dialog_get_body (dialog));
  g_assert_nonnull (strstr (body, "Denver"));
  g_assert_nonnull (strstr (body, "Seattle"));
  after = load (fixture);
  g_assert_cmpstr (after->city, ==, "Denver");

  adw_message_dialog_response (dialog, "mine");
  spin_for (50);
  g_clear_pointer (&after, crm_client_record_unref);
  after = load (fixture);
  g_assert_cmpstr (after->city, ==, "Seattle");
  g_assert_cmpint (after->version, >, version);
  g_assert_null (find_message_dialog ());

  /* Again, and take theirs: the card shows their value */
  crm_store_update_client_field (fixture->store, fixture->client_id, "city", "Austin",
                                 after->version, NULL, &error);
  g_assert_no_error (error);
  commit_row (fixture, "city_row", "Miami");
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "theirs");
  spin_for (50);
  g_assert_cmpstr (gtk_editable_get_text (card_child (fixture->card, "city_row")), ==, "Austin");
  g_clear_pointer (&after, crm_client_record_unref);
  after = load (fixture);
  g_assert_cmpstr (after->city, ==, "Austin");
}

static void
test_contacts (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(CrmClientRecord) record = NULL;
  CrmContactRecord *contact;
  gint64 first_id;

  gtk_editable_set_text (card_child (fixture->card, "new_contact_name_row"), "Anna Maria Smith");
  gtk_editable_set_text (card_child (fixture->card, "new_contact_position_row"), "Buyer");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->card), "card.add-contact", NULL));
  spin_for (20);

  record = load (fixture);
  g_assert_cmpuint (record->contacts->len, ==, 1);
  contact = g_ptr_array_index (record->contacts, 0);
  g_assert_cmpstr (contact->first_name, ==, "Anna");
  g_assert_cmpstr (contact->middle_name, ==, "Maria");
  g_assert_cmpstr (contact->last_name, ==, "Smith");
  g_assert_cmpstr (contact->position, ==, "Buyer");
  g_assert_true (contact->is_primary);
  first_id = contact->id;
  g_assert_cmpstr (gtk_editable_get_text (card_child (fixture->card, "new_contact_name_row")), ==, "");

  /* The card shows it */
  {
    gboolean found = FALSE;
    GtkWidget *group = card_child (fixture->card, "contacts_group");

    for (GtkWidget *w = gtk_widget_get_first_child (group); w; )
      {
        if (ADW_IS_EXPANDER_ROW (w) &&
            g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w)), contact->full_name) == 0)
          found = TRUE;
        /* depth-first walk */
        if (gtk_widget_get_first_child (w))
          w = gtk_widget_get_first_child (w);
        else
          {
            while (w && w != group && !gtk_widget_get_next_sibling (w))
              w = gtk_widget_get_parent (w);
            w = (w && w != group) ? gtk_widget_get_next_sibling (w) : NULL;
          }
      }
    g_assert_true (found);
  }

  /* An empty name is refused */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->card), "card.add-contact", NULL));
  g_assert_true (gtk_widget_has_css_class (card_child (fixture->card, "new_contact_name_row"), "error"));

  /* A second one (Enter in its position adds it), made primary, then the
   * first removed and restored */
  gtk_editable_set_text (card_child (fixture->card, "new_contact_name_row"), "Bob Jones");
  gtk_editable_set_text (card_child (fixture->card, "new_contact_position_row"), "Buyer");
  g_signal_emit_by_name (card_child (fixture->card, "new_contact_position_row"), "entry-activated");
  g_clear_pointer (&record, crm_client_record_unref);
  record = load (fixture);
  g_assert_cmpuint (record->contacts->len, ==, 2);
  contact = g_ptr_array_index (record->contacts, 1);
  g_assert_cmpstr (contact->full_name, !=, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->card), "card.set-primary", "x", contact->id));
  g_clear_pointer (&record, crm_client_record_unref);
  record = load (fixture);
  g_assert_cmpstr (((CrmContactRecord *) g_ptr_array_index (record->contacts, 0))->first_name, ==, "Bob");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->card), "card.remove-contact", "x", first_id));
  g_clear_pointer (&record, crm_client_record_unref);
  record = load (fixture);
  g_assert_cmpuint (record->contacts->len, ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->card), "card.undo-contact", NULL));
  g_clear_pointer (&record, crm_client_record_unref);
  record = load (fixture);
  g_assert_cmpuint (record->contacts->len, ==, 2);
}

static void
test_actions (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *call = card_child (fixture->card, "call_button");
  GtkWidget *write = card_child (fixture->card, "write_button");
  GtkWidget *website = card_child (fixture->card, "website_button");

  g_assert_false (gtk_widget_get_sensitive (call));
  g_assert_false (gtk_widget_get_sensitive (write));
  g_assert_true (gtk_widget_get_sensitive (website));

  crm_store_add_client_phone (fixture->store, fixture->client_id, 0, "office", "+1 (617) 555-0100", &error);
  g_assert_no_error (error);
  crm_store_add_client_email (fixture->store, fixture->client_id, 0, "office", "info@northwind.example", &error);
  g_assert_no_error (error);
  g_assert_true (crm_client_card_set_client (fixture->card, fixture->store, fixture->client_id));
  g_assert_true (gtk_widget_get_sensitive (call));
  g_assert_true (gtk_widget_get_sensitive (write));

  commit_row (fixture, "website_row", "");
  g_assert_false (gtk_widget_get_sensitive (website));
}

static GtkWidget *
find_entry_row (GtkWidget  *widget,
                const char *title)
{
  if (ADW_IS_ENTRY_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_entry_row (c, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_phones_and_emails (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(CrmClientRecord) record = NULL;
  GtkWidget *group = card_child (fixture->card, "channels_group");
  GtkWidget *row = find_entry_row (group, "Add an E-mail");
  GtkWidget *error_label = card_child (fixture->card, "error_label");
  g_autoptr(GError) error = NULL;
  CrmContactData contact = { 0 };
  gint64 contact_id;

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "not-an-address");
  g_signal_emit_by_name (row, "entry-activated");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_true (gtk_widget_get_visible (error_label));
  record = load (fixture);
  g_assert_cmpuint (record->emails->len, ==, 0);

  gtk_editable_set_text (GTK_EDITABLE (row), "sales@northwind.example");
  g_signal_emit_by_name (row, "apply");
  g_assert_false (gtk_widget_get_visible (error_label));
  g_clear_pointer (&record, crm_client_record_unref);
  record = load (fixture);
  g_assert_cmpuint (record->emails->len, ==, 1);
  g_assert_cmpstr (((CrmEmailRecord *) g_ptr_array_index (record->emails, 0))->address, ==, "sales@northwind.example");
  g_assert_true (gtk_widget_get_sensitive (card_child (fixture->card, "write_button")));

  row = find_entry_row (group, "Add a Phone");
  gtk_editable_set_text (GTK_EDITABLE (row), "+1 617 555 0199");
  g_signal_emit_by_name (row, "apply");
  g_clear_pointer (&record, crm_client_record_unref);
  record = load (fixture);
  g_assert_cmpuint (record->phones->len, ==, 1);
  g_assert_true (gtk_widget_get_sensitive (card_child (fixture->card, "call_button")));

  /* A contact person's own e-mail */
  contact.company_id = fixture->client_id;
  contact.first_name = "Carol";
  contact_id = crm_store_add_client_contact (fixture->store, &contact, &error);
  g_assert_no_error (error);
  g_assert_true (crm_client_card_set_client (fixture->card, fixture->store, fixture->client_id));
  row = find_entry_row (card_child (fixture->card, "contacts_group"), "Add an E-mail");
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "carol@northwind.example");
  g_signal_emit_by_name (row, "apply");
  g_clear_pointer (&record, crm_client_record_unref);
  record = load (fixture);
  g_assert_cmpuint (((CrmContactRecord *) g_ptr_array_index (record->contacts, 0))->emails->len, ==, 1);
  g_assert_cmpint (((CrmContactRecord *) g_ptr_array_index (record->contacts, 0))->id, ==, contact_id);
}

static void
test_tags (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(CrmClientRecord) record = NULL;
  GtkWidget *row = card_child (fixture->card, "new_tag_row");
  CrmTag *tag;

  gtk_editable_set_text (GTK_EDITABLE (row), " VIP ");
  g_signal_emit_by_name (row, "entry-activated");
  gtk_editable_set_text (GTK_EDITABLE (row), "Wholesale");
  g_signal_emit_by_name (row, "apply");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "");

  record = load (fixture);
  g_assert_cmpuint (record->tags->len, ==, 2);
  tag = g_ptr_array_index (record->tags, 0);
  g_assert_cmpstr (tag->name, ==, "VIP");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->card), "card.remove-tag", "x", tag->id));
  g_clear_pointer (&record, crm_client_record_unref);
  record = load (fixture);
  g_assert_cmpuint (record->tags->len, ==, 1);
  g_assert_cmpstr (((CrmTag *) g_ptr_array_index (record->tags, 0))->name, ==, "Wholesale");
}


/* Activating a row of the clients page opens the card in the summary's place;
 * a save through the card refreshes the list */
static void
test_page_opens_card (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  CrmClientsPage *page = CRM_CLIENTS_PAGE (crm_clients_page_new ());
  GtkWidget *view;
  GtkWidget *summary;
  CrmClientCard *card;
  g_autoptr(GObject) row = NULL;
  g_autofree char *city = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  crm_clients_page_set_store (page, fixture->store);
  gtk_window_present (GTK_WINDOW (window));
  spin_for (100);

  view = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (page), CRM_TYPE_CLIENTS_PAGE, "column_view");
  summary = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (page), CRM_TYPE_CLIENTS_PAGE, "summary_pane");
  card = CRM_CLIENT_CARD (find_descendant (GTK_WIDGET (page), CRM_TYPE_CLIENT_CARD));
  g_assert_nonnull (card);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (card)));

  g_signal_emit_by_name (view, "activate", 0);
  spin_for (50);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (card)));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (card)));
  g_assert_false (gtk_widget_get_visible (summary));
  g_assert_cmpint (crm_client_card_get_id (card), ==, fixture->client_id);

  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (card), CRM_TYPE_CLIENT_CARD, "city_row")), "Portland");
  g_signal_emit_by_name (gtk_widget_get_template_child (GTK_WIDGET (card), CRM_TYPE_CLIENT_CARD, "city_row"), "entry-activated");
  spin_for (100);
  row = g_list_model_get_item (G_LIST_MODEL (crm_clients_page_get_list (page)), 0);
  g_object_get (row, "city", &city, NULL);
  g_assert_cmpstr (city, ==, "Portland");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (card)));

  /* A field defined meanwhile (in Preferences) shows on the open card when
   * the page reloads, which Preferences asks for */
  {
    g_autoptr(GError) error = NULL;
    GtkWidget *custom_group = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (card), CRM_TYPE_CLIENT_CARD,
                                                                           "custom_group");

    g_assert_null (find_label (custom_group, "Contract No"));
    g_assert_cmpint (crm_store_define_custom_field (fixture->store, "Contract No", "text", NULL, &error), >, 0);
    g_assert_no_error (error);
    crm_clients_page_reload (page);
    g_assert_nonnull (find_label (custom_group, "Contract No"));
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (card)));
    g_assert_cmpint (crm_client_card_get_id (card), ==, fixture->client_id);
  }

  /* Closing the card hides it */
  g_signal_emit_by_name (card, "closed");
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (card)));

  gtk_window_destroy (GTK_WINDOW (window));
  spin_for (50);
}

/* Index of the combo row's item with @text, or -1 */
static int
combo_find (GtkWidget  *row,
            const char *text)
{
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (row));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), text) == 0)
      return i;
  return -1;
}

static void
test_manager (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmClientRecord) before = NULL;
  g_autoptr(CrmClientRecord) after = NULL;
  g_autoptr(CrmClientRecord) undone = NULL;
  CrmUserData anna = { "anna", "Anna Zimmer", NULL, NULL, "sales", TRUE };
  CrmUserData boris = { "boris", "Boris Adams", NULL, NULL, "sales", FALSE };
  GtkWidget *row = card_child (fixture->card, "manager_row");
  gint64 anna_id, boris_id;
  int position;

  anna_id = crm_store_add_user (fixture->store, &anna, &error);
  g_assert_no_error (error);
  boris_id = crm_store_add_user (fixture->store, &boris, &error);
  g_assert_no_error (error);
  g_assert_true (crm_client_card_set_client (fixture->card, fixture->store, fixture->client_id));
  before = load (fixture);

  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Responsible Manager");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 0);
  /* Only active users are offered */
  g_assert_cmpint (combo_find (row, "Boris Adams"), <, 0);
  g_assert_cmpint (combo_find (row, "Boris Adams (inactive)"), <, 0);
  position = combo_find (row, "Anna Zimmer");
  g_assert_cmpint (position, >, 0);

  adw_combo_row_set_selected (ADW_COMBO_ROW (row), position);
  spin_for (20);
  after = load (fixture);
  g_assert_cmpint (after->manager_id, ==, anna_id);
  g_assert_cmpint (after->version, >, before->version);

  /* Undo puts back "no manager" */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->card), "card.undo", NULL));
  undone = load (fixture);
  g_assert_cmpint (undone->manager_id, ==, 0);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 0);

  /* A client of a user no longer active still shows them */
  {
    g_auto(CrmEditOutcome) outcome = { NULL, NULL, 0 };
    g_autofree char *boris_text = g_strdup_printf ("%" G_GINT64_FORMAT, boris_id);

    g_assert_cmpint (crm_store_update_client_field (fixture->store, fixture->client_id, "manager", boris_text,
                                                    undone->version, &outcome, &error), >, 0);
    g_assert_no_error (error);
  }
  g_assert_true (crm_client_card_set_client (fixture->card, fixture->store, fixture->client_id));
  position = combo_find (row, "Boris Adams (inactive)");
  g_assert_cmpint (position, >, 0);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, position);
}

static void
test_manager_conflict (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmClientRecord) after = NULL;
  g_auto(CrmEditOutcome) outcome = { NULL, NULL, 0 };
  CrmUserData anna = { "anna", "Anna Zimmer", NULL, NULL, "sales", TRUE };
  CrmUserData boris = { "boris", "Boris Adams", NULL, NULL, "sales", TRUE };
  GtkWidget *row = card_child (fixture->card, "manager_row");
  g_autofree char *boris_text = NULL;
  gint64 anna_id, boris_id;
  AdwMessageDialog *dialog;

  anna_id = crm_store_add_user (fixture->store, &anna, &error);
  g_assert_no_error (error);
  boris_id = crm_store_add_user (fixture->store, &boris, &error);
  g_assert_no_error (error);
  g_assert_true (crm_client_card_set_client (fixture->card, fixture->store, fixture->client_id));

  /* Someone else gives the client to Boris behind the card's back */
  boris_text = g_strdup_printf ("%" G_GINT64_FORMAT, boris_id);
  g_assert_cmpint (crm_store_update_client_field (fixture->store, fixture->client_id, "manager", boris_text,
                                                  crm_client_card_get_version (fixture->card), &outcome, &error), >, 0);
  g_assert_no_error (error);

  adw_combo_row_set_selected (ADW_COMBO_ROW (row), combo_find (row, "Anna Zimmer"));
  spin_for (20);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "mine");
  spin_for (20);
  after = load (fixture);
  g_assert_cmpint (after->manager_id, ==, anna_id);
}

/* A row (any AdwPreferencesRow) under @widget with @title */
static GtkWidget *
find_row (GtkWidget  *widget,
          const char *title)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (ADW_IS_PREFERENCES_ROW (c) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (c)), title) == 0)
        return c;
      if ((found = find_row (c, title)) != NULL)
        return found;
    }
  return NULL;
}

static const char *
custom_value (CrmClientRecord *record,
              gint64           field_id)
{
  for (guint i = 0; i < record->custom_fields->len; i++)
    {
      CrmCustomField *field = g_ptr_array_index (record->custom_fields, i);

      if (field->id == field_id)
        return field->value;
    }
  g_assert_not_reached ();
}

static void
test_custom_fields (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *sizes[] = { "Small", "Large", NULL };
  gint64 note_id, staff_id, visit_id, size_id, vip_id;
  GtkWidget *row;
  GtkWidget *toggle;
  GtkWidget *error_label = card_child (fixture->card, "error_label");

  g_assert_false (gtk_widget_get_visible (card_child (fixture->card, "custom_group")));
  note_id = crm_store_define_custom_field (fixture->store, "Code", "text", NULL, &error);
  g_assert_no_error (error);
  staff_id = crm_store_define_custom_field (fixture->store, "Staff", "number", NULL, &error);
  g_assert_no_error (error);
  visit_id = crm_store_define_custom_field (fixture->store, "Visit", "date", NULL, &error);
  g_assert_no_error (error);
  size_id = crm_store_define_custom_field (fixture->store, "Size", "choice", sizes, &error);
  g_assert_no_error (error);
  vip_id = crm_store_define_custom_field (fixture->store, "VIP", "checkbox", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (crm_client_card_set_client (fixture->card, fixture->store, fixture->client_id));
  g_assert_true (gtk_widget_get_visible (card_child (fixture->card, "custom_group")));

  /* Text, with Undo */
  row = find_row (GTK_WIDGET (fixture->card), "Code");
  g_assert_true (ADW_IS_ENTRY_ROW (row));
  gtk_editable_set_text (GTK_EDITABLE (row), "  N-17 ");
  g_signal_emit_by_name (row, "apply");
  {
    g_autoptr(CrmClientRecord) record = load (fixture);
    g_assert_cmpstr (custom_value (record, note_id), ==, "N-17");
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->card), "card.undo-custom", NULL));
  {
    g_autoptr(CrmClientRecord) record = load (fixture);
    g_assert_null (custom_value (record, note_id));
  }
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "");

  /* A number is validated and normalized */
  row = find_row (GTK_WIDGET (fixture->card), "Staff");
  gtk_editable_set_text (GTK_EDITABLE (row), "many");
  g_signal_emit_by_name (row, "apply");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_true (gtk_widget_get_visible (error_label));
  {
    g_autoptr(CrmClientRecord) record = load (fixture);
    g_assert_null (custom_value (record, staff_id));
  }
  gtk_editable_set_text (GTK_EDITABLE (row), "1 250,5");
  g_signal_emit_by_name (row, "apply");
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  {
    g_autoptr(CrmClientRecord) record = load (fixture);
    g_assert_cmpstr (custom_value (record, staff_id), ==, "1250.5");
  }

  /* A date */
  row = find_row (GTK_WIDGET (fixture->card), "Visit (YYYY-MM-DD)");
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "2024-02-30");
  g_signal_emit_by_name (row, "apply");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  gtk_editable_set_text (GTK_EDITABLE (row), "2024-02-29");
  g_signal_emit_by_name (row, "apply");
  {
    g_autoptr(CrmClientRecord) record = load (fixture);
    g_assert_cmpstr (custom_value (record, visit_id), ==, "2024-02-29");
  }

  /* A choice */
  row = find_row (GTK_WIDGET (fixture->card), "Size");
  g_assert_true (ADW_IS_COMBO_ROW (row));
  g_assert_cmpint (combo_find (row, "Large"), ==, 2);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 2);
  spin_for (20);
  {
    g_autoptr(CrmClientRecord) record = load (fixture);
    g_assert_cmpstr (custom_value (record, size_id), ==, "Large");
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->card), "card.undo-custom", NULL));
  {
    g_autoptr(CrmClientRecord) record = load (fixture);
    g_assert_null (custom_value (record, size_id));
  }
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 0);

  /* A checkbox */
  row = find_row (GTK_WIDGET (fixture->card), "VIP");
  g_assert_true (ADW_IS_ACTION_ROW (row));
  toggle = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));
  g_assert_true (GTK_IS_SWITCH (toggle));
  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  spin_for (20);
  {
    g_autoptr(CrmClientRecord) record = load (fixture);
    g_assert_cmpstr (custom_value (record, vip_id), ==, "1");
  }
  gtk_switch_set_active (GTK_SWITCH (toggle), FALSE);
  spin_for (20);
  {
    g_autoptr(CrmClientRecord) record = load (fixture);
    g_assert_cmpstr (custom_value (record, vip_id), ==, "0");
  }
}

/* A button under @widget with @tooltip (which is also its accessible name) */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *tooltip)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (c) && g_strcmp0 (gtk_widget_get_tooltip_text (c), tooltip) == 0)
        return c;
      if ((found = find_button (c, tooltip)) != NULL)
        return found;
    }
  return NULL;
}

static void
commit_entry (GtkWidget  *row,
              const char *text)
{
  g_assert_true (ADW_IS_ENTRY_ROW (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
  spin_for (20);
}

static void
test_contact_fields (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmContactRecord) before = NULL;
  g_auto(CrmEditOutcome) outcome = { NULL, NULL, 0 };
  GtkWidget *contact_row;
  GtkWidget *button;
  GtkWidget *error_label = card_child (fixture->card, "error_label");
  gint64 contact_id;

  gtk_editable_set_text (card_child (fixture->card, "new_contact_name_row"), "Anna Smith");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->card), "card.add-contact", NULL));
  {
    g_autoptr(CrmClientRecord) record = load (fixture);
    contact_id = ((CrmContactRecord *) g_ptr_array_index (record->contacts, 0))->id;
  }
  before = crm_store_load_contact_record (fixture->store, contact_id, &error);
  g_assert_no_error (error);

  /* No phone or e-mail yet: no Call or Write button */
  contact_row = find_row (card_child (fixture->card, "contacts_group"), "Anna Smith");
  g_assert_true (ADW_IS_EXPANDER_ROW (contact_row));
  g_assert_null (find_button (contact_row, "Call Anna Smith"));
  g_assert_null (find_button (contact_row, "Write to Anna Smith"));

  commit_entry (find_row (contact_row, "Position"), "Chief Buyer");
  {
    g_autoptr(CrmContactRecord) contact = crm_store_load_contact_record (fixture->store, contact_id, &error);
    g_assert_cmpstr (contact->position, ==, "Chief Buyer");
    g_assert_cmpint (contact->version, >, before->version);
  }

  /* The rows were rebuilt: look them up again. A bad birthday is refused. */
  contact_row = find_row (card_child (fixture->card, "contacts_group"), "Anna Smith");
  commit_entry (find_row (contact_row, "Birthday (YYYY-MM-DD)"), "1990-13-01");
  g_assert_true (gtk_widget_has_css_class (find_row (contact_row, "Birthday (YYYY-MM-DD)"), "error"));
  g_assert_true (gtk_widget_get_visible (error_label));
  commit_entry (find_row (contact_row, "Birthday (YYYY-MM-DD)"), "1990-12-01");
  {
    g_autoptr(CrmContactRecord) contact = crm_store_load_contact_record (fixture->store, contact_id, &error);
    g_assert_cmpstr (contact->birthday, ==, "1990-12-01");
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->card), "card.undo-contact-field", NULL));
  {
    g_autoptr(CrmContactRecord) contact = crm_store_load_contact_record (fixture->store, contact_id, &error);
    g_assert_null (contact->birthday);
  }

  /* The name parts; the title follows */
  contact_row = find_row (card_child (fixture->card, "contacts_group"), "Anna Smith");
  commit_entry (find_row (contact_row, "Last Name"), "Jones");
  g_assert_nonnull (find_row (card_child (fixture->card, "contacts_group"), "Anna Jones"));

  /* A change made elsewhere meanwhile wins and is shown */
  {
    g_autoptr(CrmContactRecord) contact = crm_store_load_contact_record (fixture->store, contact_id, &error);
    g_assert_cmpint (crm_store_update_contact_field (fixture->store, contact_id, "notes", "theirs",
                                                     contact->version, &outcome, &error), >, 0);
    g_assert_no_error (error);
  }
  contact_row = find_row (card_child (fixture->card, "contacts_group"), "Anna Jones");
  commit_entry (find_row (contact_row, "Notes"), "mine");
  g_assert_true (gtk_widget_get_visible (error_label));
  {
    g_autoptr(CrmContactRecord) contact = crm_store_load_contact_record (fixture->store, contact_id, &error);
    g_assert_cmpstr (contact->notes, ==, "theirs");
  }
  contact_row = find_row (card_child (fixture->card, "contacts_group"), "Anna Jones");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (contact_row, "Notes"))), ==, "theirs");

  /* Call and Write appear with a phone and an e-mail */
  crm_store_add_client_phone (fixture->store, fixture->client_id, contact_id, NULL, "+1 617 555 0101", &error);
  g_assert_no_error (error);
  crm_store_add_client_email (fixture->store, fixture->client_id, contact_id, NULL, "anna@northwind.example", &error);
  g_assert_no_error (error);
  g_assert_true (crm_client_card_set_client (fixture->card, fixture->store, fixture->client_id));
  contact_row = find_row (card_child (fixture->card, "contacts_group"), "Anna Jones");
  button = find_button (contact_row, "Call Anna Jones");
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "card.call-contact");
  button = find_button (contact_row, "Write to Anna Jones");
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "card.write-contact");
}

static void
test_edit_channels (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *group = card_child (fixture->card, "channels_group");
  GtkWidget *row;
  GtkWidget *label_entry;
  GtkWidget *button;
  gint64 phone_id, email_id;

  phone_id = crm_store_add_client_phone (fixture->store, fixture->client_id, 0, "office", "+1 617 555 0100", &error);
  g_assert_no_error (error);
  email_id = crm_store_add_client_email (fixture->store, fixture->client_id, 0, NULL, "info@northwind.example", &error);
  g_assert_no_error (error);
  g_assert_true (crm_client_card_set_client (fixture->card, fixture->store, fixture->client_id));

  /* The number, titled by its label, is edited in place */
  row = find_row (group, "office");
  g_assert_true (ADW_IS_ENTRY_ROW (row));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "+1 617 555 0100");
  commit_entry (row, "not a phone");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  commit_entry (row, "+1 617 555 0111");
  {
    g_autoptr(CrmClientRecord) record = load (fixture);
    CrmPhoneRecord *phone = g_ptr_array_index (record->phones, 0);
    g_assert_cmpint (phone->id, ==, phone_id);
    g_assert_cmpstr (phone->number, ==, "+1 617 555 0111");
    g_assert_cmpstr (phone->label, ==, "office");
  }

  /* The label, in the entry after it */
  row = find_row (group, "E-mail");
  g_assert_true (ADW_IS_ENTRY_ROW (row));
  label_entry = NULL;
  for (GtkWidget *w = row; w != NULL && label_entry == NULL; )
    {
      if (GTK_IS_ENTRY (w) && g_strcmp0 (gtk_widget_get_tooltip_text (w), "Label of info@northwind.example") == 0)
        label_entry = w;
      if (gtk_widget_get_first_child (w))
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && w != row && !gtk_widget_get_next_sibling (w))
            w = gtk_widget_get_parent (w);
          w = (w != NULL && w != row) ? gtk_widget_get_next_sibling (w) : NULL;
        }
    }
  g_assert_nonnull (label_entry);
  gtk_editable_set_text (GTK_EDITABLE (label_entry), "sales");
  g_signal_emit_by_name (label_entry, "activate");
  spin_for (20);
  {
    g_autoptr(CrmClientRecord) record = load (fixture);
    CrmEmailRecord *email = g_ptr_array_index (record->emails, 0);
    g_assert_cmpint (email->id, ==, email_id);
    g_assert_cmpstr (email->label, ==, "sales");
    g_assert_cmpstr (email->address, ==, "info@northwind.example");
  }
  g_assert_nonnull (find_row (group, "sales"));

  /* Removed, then back with Undo */
  button = find_button (group, "Remove Phone +1 617 555 0111");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->card), "card.remove-phone", "x", phone_id));
  {
    g_autoptr(CrmClientRecord) record = load (fixture);
    g_assert_cmpuint (record->phones->len, ==, 0);
  }
  g_assert_null (find_row (group, "office"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->card), "card.undo-channel", NULL));
  {
    g_autoptr(CrmClientRecord) record = load (fixture);
    g_assert_cmpuint (record->phones->len, ==, 1);
    g_assert_cmpstr (((CrmPhoneRecord *) g_ptr_array_index (record->phones, 0))->number, ==, "+1 617 555 0111");
  }
  g_assert_nonnull (find_button (group, "Remove E-mail info@northwind.example"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->card), "card.remove-email", "x", email_id));
  {
    g_autoptr(CrmClientRecord) record = load (fixture);
    g_assert_cmpuint (record->emails->len, ==, 0);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->card), "card.undo-channel", NULL));
  {
    g_autoptr(CrmClientRecord) record = load (fixture);
    g_assert_cmpuint (record->emails->len, ==, 1);
    g_assert_cmpstr (((CrmEmailRecord *) g_ptr_array_index (record->emails, 0))->label, ==, "sales");
  }
}

/* The quick preview calls a city alone a city, not an address */
static void
test_summary_city (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(CrmClientSummary) summary = crm_store_load_client_summary (fixture->store, fixture->client_id, NULL);
  GtkWidget *pane = crm_client_summary_pane_new ();

  g_object_ref_sink (pane);
  crm_client_summary_pane_set_summary (CRM_CLIENT_SUMMARY_PANE (pane), summary);
  g_assert_nonnull (find_label (pane, "City"));
  g_assert_nonnull (find_label (pane, "Boston"));
  g_assert_null (find_label (pane, "Address"));

  g_free (summary->address);
  summary->address = g_strdup ("1 Main Street");
  crm_client_summary_pane_set_summary (CRM_CLIENT_SUMMARY_PANE (pane), summary);
  g_assert_nonnull (find_label (pane, "Address"));
  g_assert_nonnull (find_label (pane, "1 Main Street, Boston"));
  g_object_unref (pane);
}

/* Another client's card starts at its top */
static GtkAdjustment *
details_adjustment (GtkWidget *widget)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkAdjustment *found;

      if (GTK_IS_SCROLLED_WINDOW (c) && gtk_widget_get_mapped (c))
        return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (c));
      if ((found = details_adjustment (c)) != NULL)
        return found;
    }

  return NULL;
}

static void
test_new_client_at_top (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CrmCompanyData other = { .name = "Contoso", .created_at = 1700000000 };
  gint64 other_id = crm_store_add_company (fixture->store, &other, &error);
  GtkAdjustment *adjustment;

  g_assert_no_error (error);
  adjustment = details_adjustment (GTK_WIDGET (fixture->card));
  g_assert_nonnull (adjustment);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment), >, 100);

  gtk_adjustment_set_value (adjustment, 100);
  spin_for (20);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 100);

  
/* the same client again (a reload after an edit) stays where it was */
  g_assert_true (crm_client_card_set_client (fixture->card, fixture->store, fixture->client_id));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 100);

  g_assert_true (crm_client_card_set_client (fixture->card, fixture->store, other_id));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, gtk_adjustment_get_lower (adjustment));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/client-card/edit-city", Fixture, NULL, fixture_set_up, test_edit_city, fixture_tear_down);
  g_test_add ("/client-card/new-client-at-top", Fixture, NULL, fixture_set_up, test_new_client_at_top,
              fixture_tear_down);
  g_test_add ("/client-card/summary-city", Fixture, NULL, fixture_set_up, test_summary_city, fixture_tear_down);
  g_test_add ("/client-card/invalid-website", Fixture, NULL, fixture_set_up, test_invalid_website, fixture_tear_down);
  g_test_add ("/client-card/conflict", Fixture, NULL, fixture_set_up, test_conflict, fixture_tear_down);
  g_test_add ("/client-card/contacts", Fixture, NULL, fixture_set_up, test_contacts, fixture_tear_down);
  g_test_add ("/client-card/actions", Fixture, NULL, fixture_set_up, test_actions, fixture_tear_down);

  g_test_add ("/client-card/phones-and-emails", Fixture, NULL, fixture_set_up, test_phones_and_emails, fixture_tear_down);
  g_test_add ("/client-card/tags", Fixture, NULL, fixture_set_up, test_tags, fixture_tear_down);
  g_test_add ("/client-card/manager", Fixture, NULL, fixture_set_up, test_manager, fixture_tear_down);
  g_test_add ("/client-card/manager-conflict", Fixture, NULL, fixture_set_up, test_manager_conflict, fixture_tear_down);
  g_test_add ("/client-card/custom-fields", Fixture, NULL, fixture_set_up, test_custom_fields, fixture_tear_down);
  g_test_add ("/client-card/contact-fields", Fixture, NULL, fixture_set_up, test_contact_fields, fixture_tear_down);
  g_test_add ("/client-card/edit-channels", Fixture, NULL, fixture_set_up, test_edit_channels, fixture_tear_down);
  g_test_add ("/client-card/page", Fixture, NULL, fixture_set_up, test_page_opens_card, fixture_tear_down);

  return g_test_run ();
}
