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
#include "crm-client-edit.h"
#include "crm-clients-page.h"

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

static gboolean
done_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
spin (guint milliseconds)
{
  gboolean done = FALSE;

  g_timeout_add (milliseconds, done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static gpointer
child (gpointer    widget,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), CRM_TYPE_CLIENT_CARD, name);

  g_assert_nonnull (object);
  return object;
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
  spin (50);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  gtk_window_destroy (fixture->window);
  spin (50);
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
  GtkWidget *row = child (fixture->card, row_name);

  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
  spin (20);
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
  GtkLabel *name_label = child (fixture->card, "name_label");

  g_assert_cmpstr (gtk_label_get_label (name_label), ==, "Northwind Traders");
  g_assert_cmpstr (gtk_editable_get_text (child (fixture->card, "city_row")), ==, "Boston");

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
  g_assert_cmpstr (gtk_editable_get_text (child (fixture->card, "city_row")), ==, "Boston");
}

static void
test_invalid_website (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(CrmClientRecord) before = load (fixture);
  g_autoptr(CrmClientRecord) after = NULL;
  GtkWidget *row = child (fixture->card, "website_row");
  GtkWidget *error_label = child (fixture->card, "error_label");

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
  g_assert_true (gtk_widget_has_css_class (child (fixture->card, "name_row"), "error"));
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
  spin (50);
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
  spin (50);
  g_assert_cmpstr (gtk_editable_get_text (child (fixture->card, "city_row")), ==, "Austin");
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

  gtk_editable_set_text (child (fixture->card, "new_contact_name_row"), "Anna Maria Smith");
  gtk_editable_set_text (child (fixture->card, "new_contact_position_row"), "Buyer");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->card), "card.add-contact", NULL));
  spin (20);

  record = load (fixture);
  g_assert_cmpuint (record->contacts->len, ==, 1);
  contact = g_ptr_array_index (record->contacts, 0);
  g_assert_cmpstr (contact->first_name, ==, "Anna");
  g_assert_cmpstr (contact->middle_name, ==, "Maria");
  g_assert_cmpstr (contact->last_name, ==, "Smith");
  g_assert_cmpstr (contact->position, ==, "Buyer");
  g_assert_true (contact->is_primary);
  first_id = contact->id;
  g_assert_cmpstr (gtk_editable_get_text (child (fixture->card, "new_contact_name_row")), ==, "");

  /* The card shows it */
  {
    gboolean found = FALSE;
    GtkWidget *group = child (fixture->card, "contacts_group");

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
  g_assert_true (gtk_widget_has_css_class (child (fixture->card, "new_contact_name_row"), "error"));

  /* A second one, made primary, then the first removed and restored */
  gtk_editable_set_text (child (fixture->card, "new_contact_name_row"), "Bob Jones");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->card), "card.add-contact", NULL));
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
  GtkWidget *call = child (fixture->card, "call_button");
  GtkWidget *write = child (fixture->card, "write_button");
  GtkWidget *website = child (fixture->card, "website_button");

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
  GtkWidget *group = child (fixture->card, "channels_group");
  GtkWidget *row = find_entry_row (group, "Add an E-mail");
  GtkWidget *error_label = child (fixture->card, "error_label");
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
  g_assert_true (gtk_widget_get_sensitive (child (fixture->card, "write_button")));

  row = find_entry_row (group, "Add a Phone");
  gtk_editable_set_text (GTK_EDITABLE (row), "+1 617 555 0199");
  g_signal_emit_by_name (row, "apply");
  g_clear_pointer (&record, crm_client_record_unref);
  record = load (fixture);
  g_assert_cmpuint (record->phones->len, ==, 1);
  g_assert_true (gtk_widget_get_sensitive (child (fixture->card, "call_button")));

  /* A contact person's own e-mail */
  contact.company_id = fixture->client_id;
  contact.first_name = "Carol";
  contact_id = crm_store_add_client_contact (fixture->store, &contact, &error);
  g_assert_no_error (error);
  g_assert_true (crm_client_card_set_client (fixture->card, fixture->store, fixture->client_id));
  row = find_entry_row (child (fixture->card, "contacts_group"), "Add an E-mail");
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
  GtkWidget *row = child (fixture->card, "new_tag_row");
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

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_descendant (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
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
  spin (100);

  view = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (page), CRM_TYPE_CLIENTS_PAGE, "column_view");
  summary = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (page), CRM_TYPE_CLIENTS_PAGE, "summary_pane");
  card = CRM_CLIENT_CARD (find_descendant (GTK_WIDGET (page), CRM_TYPE_CLIENT_CARD));
  g_assert_nonnull (card);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (card)));

  g_signal_emit_by_name (view, "activate", 0);
  spin (50);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (card)));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (card)));
  g_assert_false (gtk_widget_get_visible (summary));
  g_assert_cmpint (crm_client_card_get_id (card), ==, fixture->client_id);

  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (card), CRM_TYPE_CLIENT_CARD, "city_row")), "Portland");
  g_signal_emit_by_name (gtk_widget_get_template_child (GTK_WIDGET (card), CRM_TYPE_CLIENT_CARD, "city_row"), "entry-activated");
  spin (100);
  row = g_list_model_get_item (G_LIST_MODEL (crm_clients_page_get_list (page)), 0);
  g_object_get (row, "city", &city, NULL);
  g_assert_cmpstr (city, ==, "Portland");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (card)));

  /* Closing the card hides it */
  g_signal_emit_by_name (card, "closed");
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (card)));

  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/client-card/edit-city", Fixture, NULL, fixture_set_up, test_edit_city, fixture_tear_down);
  g_test_add ("/client-card/invalid-website", Fixture, NULL, fixture_set_up, test_invalid_website, fixture_tear_down);
  g_test_add ("/client-card/conflict", Fixture, NULL, fixture_set_up, test_conflict, fixture_tear_down);
  g_test_add ("/client-card/contacts", Fixture, NULL, fixture_set_up, test_contacts, fixture_tear_down);
  g_test_add ("/client-card/actions", Fixture, NULL, fixture_set_up, test_actions, fixture_tear_down);

  g_test_add ("/client-card/phones-and-emails", Fixture, NULL, fixture_set_up, test_phones_and_emails, fixture_tear_down);
  g_test_add ("/client-card/tags", Fixture, NULL, fixture_set_up, test_tags, fixture_tear_down);
  g_test_add ("/client-card/page", Fixture, NULL, fixture_set_up, test_page_opens_card, fixture_tear_down);

  return g_test_run ();
}
