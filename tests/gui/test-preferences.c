/* test-preferences.c
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-preferences"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <adwaita.h>

#include "crm-client-edit.h"
#include "crm-client-list.h"
#include "crm-clients-page.h"
#include "crm-fields-page.h"
#include "crm-history.h"
#include "crm-lists-page.h"
#include "crm-outcomes-page.h"
#include "crm-preferences-window.h"
#include "crm-tags.h"
#include "crm-tags-page.h"
#include "crm-window.h"
#include "gui-test-utils.h"

/* The lists and fields pages of Preferences, driven through their actions
 * and the dialogs' responses, as a user would. Runs under Xvfb (suite "ui"). */

static gboolean
window_on_main (gpointer data)
{
  return g_strcmp0 (crm_window_get_page (data), "main") == 0;
}

/* The message dialog on screen, or NULL */
static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

/* Answers the dialog on screen; it must be there */
static void
respond (const char *response)
{
  AdwMessageDialog *dialog = find_dialog ();

  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, response));
  /* as a click on the response's button does */
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
  spin_for (20);
  g_assert_null (find_dialog ());
}

typedef struct
{
  char                 *dir;
  char                 *path;
  CrmWindow            *window;
  CrmPreferencesWindow *preferences;
  CrmStore             *store;     /* the window's */
  gint64                statuses[3];
  gint64                industries[2];
} Fixture;

static const char * const status_names[] = { "Lead", "Deal", "Won" };

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("rapport-prefs-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "clients.db", NULL);

  /* Three statuses in funnel order, two industries, four clients:
   * Alpha (Lead, Retail), Beta (Deal, Retail), Gamma (Deal, Energy),
   * Delta (Won, no industry) */
  {
    g_autoptr(CrmStore) store = crm_store_open_full (fixture->path, 0, "en", &error);
    const char *names[] = { "Alpha", "Beta", "Gamma", "Delta" };
    const guint status_of[] = { 0, 1, 1, 2 };
    const int industry_of[] = { 0, 0, 1, -1 };
    const char *kinds[] = { "status", "industry", "region", "source" };

    g_assert_no_error (error);

    /* without the values a new database starts with */
    for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
      {
        g_autoptr(GPtrArray) seeded = crm_store_list_dictionary (store, kinds[k], &error);

        g_assert_no_error (error);
        for (guint i = 0; i < seeded->len; i++)
          {
            CrmDictionaryValue *value = g_ptr_array_index (seeded, i);

            crm_store_remove_dictionary_value (store, value->id, 0, &error);
            g_assert_no_error (error);
          }
      }

    for (guint i = 0; i < 3; i++)
      fixture->statuses[i] = crm_store_ensure_dictionary_value (store, "status", status_names[i], &error);
    fixture->industries[0] = crm_store_ensure_dictionary_value (store, "industry", "Retail", &error);
    fixture->industries[1] = crm_store_ensure_dictionary_value (store, "industry", "Energy", &error);
    g_assert_no_error (error);

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        CrmCompanyData company = { .name = names[i] };

        company.status_id = fixture->statuses[status_of[i]];
        company.industry_id = industry_of[i] >= 0 ? fixture->industries[industry_of[i]] : 0;
        crm_store_add_company (store, &company, &error);
        g_assert_no_error (error);
      }
  }

  fixture->window = crm_window_new (NULL, fixture->path);
  gtk_window_present (GTK_WINDOW (fixture->window));
  wait_until (window_on_main, fixture->window, "the database to open");
  fixture->store = crm_window_get_store (fixture->window);

  fixture->preferences = CRM_PREFERENCES_WINDOW (crm_preferences_window_new (GTK_WINDOW (fixture->window),
                                                                            fixture->store));
  gtk_window_present (GTK_WINDOW (fixture->preferences));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  AdwMessageDialog *dialog;

  while ((dialog = find_dialog ()) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (fixture->preferences));
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  spin_for (50);

  remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static CrmListsPage *
lists_page (Fixture *fixture)
{
  GtkWidget *page = find_descendant (GTK_WIDGET (fixture->preferences), CRM_TYPE_LISTS_PAGE);

  g_assert_nonnull (page);
  return CRM_LISTS_PAGE (page);
}

static CrmFieldsPage *
fields_page (Fixture *fixture)
{
  GtkWidget *page = find_descendant (GTK_WIDGET (fixture->preferences), CRM_TYPE_FIELDS_PAGE);

  g_assert_nonnull (page);
  return CRM_FIELDS_PAGE (page);
}

/* The names of a dictionary, in its order, joined with commas */
static char *
dictionary (Fixture    *fixture,
            const char *kind)
{
  g_autoptr(GPtrArray) values = crm_store_list_dictionary (fixture->store, kind, NULL);
  g_autoptr(GString) names = g_string_new (NULL);

  g_assert_nonnull (values);
  for (guint i = 0; i < values->len; i++)
    {
      CrmDictionaryValue *value = g_ptr_array_index (values, i);

      g_string_append_printf (names, "%s%s", i > 0 ? "," : "", value->name);
    }

  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* The client list's rows, "name:status" joined with commas, in list order */
static char *
list_statuses (Fixture *fixture)
{
  CrmClientsPage *page = child (fixture->window, CRM_TYPE_WINDOW, "clients_page");
  GtkColumnView *view = child (page, CRM_TYPE_CLIENTS_PAGE, "column_view");
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (view));
  g_autoptr(GString) rows = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) row = g_list_model_get_item (model, i);
      g_autofree char *name = NULL;
      g_autofree char *status = NULL;

      g_object_get (row, "name", &name, "status", &status, NULL);
      g_string_append_printf (rows, "%s%s:%s", i > 0 ? "," : "", name, status);
    }

  return g_string_free (g_steal_pointer (&rows), FALSE);
}

typedef struct
{
  Fixture    *fixture;
  const char *text;
} ListWait;

static gboolean
list_is (gpointer data)
{
  ListWait *wait = data;
  g_autofree char *now = list_statuses (wait->fixture);

  return g_strcmp0 (now, wait->text) == 0;
}

/* The row of the Lists page with that title */
static AdwActionRow *
find_row (GtkWidget  *widget,
          const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwActionRow *found;

      if (ADW_IS_ACTION_ROW (child) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0)
        return ADW_ACTION_ROW (child);
      if ((found = find_row (child, title)) != NULL)
        return found;
    }

  return NULL;
}

static gboolean
row_counted (gpointer data)
{
  return g_strcmp0 (adw_action_row_get_subtitle (data), "…") != 0;
}

static void
type_into_dialog (const char *text)
{
  AdwMessageDialog *dialog = find_dialog ();
  GtkWidget *entry;

  g_assert_nonnull (dialog);
  entry = find_descendant (GTK_WIDGET (dialog), GTK_TYPE_ENTRY);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

static void
test_rename_status (Fixture       *fixture,
                    gconstpointer  data)
{
  CrmListsPage *page = lists_page (fixture);
  ListWait wait = { fixture, NULL };
  g_autofree char *names = NULL;
  AdwActionRow *row;

  wait.text = "Alpha:Lead,Beta:Deal,Delta:Won,Gamma:Deal";
  wait_until (list_is, &wait, "the client list");

  /* Every value is a row, with the number of its clients */
  row = find_row (GTK_WIDGET (page), "Deal");
  g_assert_nonnull (row);
  wait_until (row_counted, row, "the counts");
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "2 clients");

  /* Rename "Deal": the store and the list's status column have the new name */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "lists.rename", "x",
                                             fixture->statuses[1]));
  type_into_dialog ("  Negotiation ");
  respond ("rename");
  names = dictionary (fixture, "status");
  g_assert_cmpstr (names, ==, "Lead,Negotiation,Won");
  wait.text = "Alpha:Lead,Beta:Negotiation,Delta:Won,Gamma:Negotiation";
  wait_until (list_is, &wait, "the list to show the new name");
  g_assert_nonnull (find_row (GTK_WIDGET (page), "Negotiation"));
  g_assert_null (find_row (GTK_WIDGET (page), "Deal"));

  /* A name another status has, or an empty one, changes nothing */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "lists.rename", "x",
                                             fixture->statuses[1]));
  type_into_dialog ("Won");
  respond ("rename");
  g_clear_pointer (&names, g_free);
  names = dictionary (fixture, "status");
  g_assert_cmpstr (names, ==, "Lead,Negotiation,Won");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "lists.rename", "x",
                                             fixture->statuses[1]));
  type_into_dialog ("   ");
  respond ("rename");
  g_clear_pointer (&names, g_free);
  names = dictionary (fixture, "status");
  g_assert_cmpstr (names, ==, "Lead,Negotiation,Won");

  /* Cancelling changes nothing either */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "lists.rename", "x",
                                             fixture->statuses[1]));
  type_into_dialog ("Something else");
  respond ("cancel");
  g_clear_pointer (&names, g_free);
  names = dictionary (fixture, "status");
  g_assert_cmpstr (names, ==, "Lead,Negotiation,Won");
}

static void
test_remove_industry (Fixture       *fixture,
                      gconstpointer  data)
{
  CrmListsPage *page = lists_page (fixture);
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;
  AdwMessageDialog *dialog;
  GtkDropDown *drop_down;
  GtkStringObject *item;
  gint64 unused;

  g_assert_cmpint (crm_store_count_dictionary_uses (fixture->store, fixture->industries[0], NULL), ==, 2);
  g_assert_cmpint (crm_store_count_dictionary_uses (fixture->store, fixture->industries[1], NULL), ==, 1);

  /* Retail is in use: the dialog asks for a replacement of the same kind */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "lists.remove", "x",
                                             fixture->industries[0]));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Replace “Retail” with…");
  g_assert_true (adw_message_dialog_has_response (dialog, "remove"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "remove"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  drop_down = GTK_DROP_DOWN (find_descendant (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN));
  g_assert_nonnull (drop_down);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (drop_down)), ==, 1);
  item = gtk_drop_down_get_selected_item (drop_down);
  g_assert_cmpstr (gtk_string_object_get_string (item), ==, "Energy");
  respond ("remove");

  /* Its clients moved to Energy */
  g_assert_cmpint (crm_store_count_dictionary_uses (fixture->store, fixture->industries[1], &error), ==, 3);
  g_assert_no_error (error);
  names = dictionary (fixture, "industry");
  g_assert_cmpstr (names, ==, "Energy");
  g_assert_null (find_row (GTK_WIDGET (page), "Retail"));

  /* Energy is the last one in use: it cannot go */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "lists.remove", "x",
                                             fixture->industries[1]));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_has_response (dialog, "remove"));
  respond ("cancel");

  /* A new industry through the add dialog; a duplicate is refused */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "lists.add", "s", "industry"));
  type_into_dialog ("Mining");
  respond ("add");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "lists.add", "s", "industry"));
  type_into_dialog ("Mining");
  respond ("add");
  g_clear_pointer (&names, g_free);
  names = dictionary (fixture, "industry");
  g_assert_cmpstr (names, ==, "Energy,Mining");
  g_assert_nonnull (find_row (GTK_WIDGET (page), "Mining"));

  /* Mining has no client: a plain confirmation */
  unused = crm_store_ensure_dictionary_value (fixture->store, "industry", "Mining", &error);
  g_assert_no_error (error);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "lists.remove", "x", unused));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_null (find_descendant (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN));
  respond ("remove");
  g_clear_pointer (&names, g_free);
  names = dictionary (fixture, "industry");
  g_assert_cmpstr (names, ==, "Energy");
}

static void
test_reorder_statuses (Fixture       *fixture,
                       gconstpointer  data)
{
  CrmListsPage *page = lists_page (fixture);
  CrmClientsPage *clients = child (fixture->window, CRM_TYPE_WINDOW, "clients_page");
  ListWait wait = { fixture, NULL };
  g_autofree char *names = NULL;

  /* The list sorted by status follows the funnel */
  crm_client_list_set_sort (crm_clients_page_get_list (clients), CRM_CLIENT_SORT_STATUS, FALSE);
  wait.text = "Alpha:Lead,Beta:Deal,Gamma:Deal,Delta:Won";
  wait_until (list_is, &wait, "the list sorted by status");

  /* Lead goes down, then Won up: Deal, Won, Lead */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "lists.move-down", "x",
                                             fixture->statuses[0]));
  names = dictionary (fixture, "status");
  g_assert_cmpstr (names, ==, "Deal,Lead,Won");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "lists.move-up", "x",
                                             fixture->statuses[2]));
  g_clear_pointer (&names, g_free);
  names = dictionary (fixture, "status");
  g_assert_cmpstr (names, ==, "Deal,Won,Lead");
  wait.text = "Beta:Deal,Gamma:Deal,Delta:Won,Alpha:Lead";
  wait_until (list_is, &wait, "the list in the new funnel order");

  /* The first cannot go further up */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "lists.move-up", "x",
                                             fixture->statuses[1]));
  g_clear_pointer (&names, g_free);
  names = dictionary (fixture, "status");
  g_assert_cmpstr (names, ==, "Deal,Won,Lead");
}

static void
test_custom_fields (Fixture       *fixture,
                    gconstpointer  data)
{
  CrmFieldsPage *page = fields_page (fixture);
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *text_view;
  CrmCustomField *field;
  GtkDropDown *kind;

  /* A choice field: name, kind, the choices one per line */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "fields.add", NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  type_into_dialog ("Contract");
  kind = GTK_DROP_DOWN (find_descendant (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN));
  g_assert_nonnull (kind);
  text_view = find_descendant (GTK_WIDGET (dialog), GTK_TYPE_TEXT_VIEW);
  g_assert_nonnull (text_view);
  g_assert_false (gtk_widget_is_visible (text_view));
  gtk_drop_down_set_selected (kind, 3);
  g_assert_true (gtk_widget_is_visible (text_view));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view)),
                            "Signed\n\n  Pending \n", -1);
  respond ("add");

  fields = crm_store_list_custom_fields (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fields->len, ==, 1);
  field = g_ptr_array_index (fields, 0);
  g_assert_cmpstr (field->name, ==, "Contract");
  g_assert_cmpstr (field->kind, ==, "choice");
  g_assert_cmpuint (g_strv_length (field->choices), ==, 2);
  g_assert_cmpstr (field->choices[0], ==, "Signed");
  g_assert_cmpstr (field->choices[1], ==, "Pending");
  g_assert_nonnull (find_row (GTK_WIDGET (page), "Contract"));

  /* A number field. Without a name, or as a choice field without choices,
   * it cannot be added: "Add" waits, and nothing typed is lost */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "fields.add", NULL));
  dialog = find_dialog ();
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  type_into_dialog ("  ");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  type_into_dialog ("Employees");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "add"));
  kind = GTK_DROP_DOWN (find_descendant (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN));
  gtk_drop_down_set_selected (kind, 3);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  gtk_drop_down_set_selected (kind, 1);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "add"));
  respond ("add");
  g_clear_pointer (&fields, g_ptr_array_unref);
  fields = crm_store_list_custom_fields (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fields->len, ==, 2);
  g_assert_cmpstr (((CrmCustomField *) g_ptr_array_index (fields, 1))->kind, ==, "number");

  /* Deleting asks first, saying the values go too */
  field = g_ptr_array_index (fields, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "fields.delete", "x", field->id));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "every client"));
  respond ("delete");

  g_clear_pointer (&fields, g_ptr_array_unref);
  fields = crm_store_list_custom_fields (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fields->len, ==, 1);
  g_assert_cmpstr (((CrmCustomField *) g_ptr_array_index (fields, 0))->name, ==, "Employees");
  g_assert_null (find_row (GTK_WIDGET (page), "Contract"));
}

/* "name:count" of every tag in the store, by name */
static char *
tag_usage (Fixture *fixture)
{
  g_autoptr(GPtrArray) tags = crm_store_list_tag_usage (fixture->store, NULL);
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_nonnull (tags);
  for (guint i = 0; i < tags->len; i++)
    {
      CrmTagUsage *tag = g_ptr_array_index (tags, i);

      g_string_append_printf (out, "%s%s:%" G_GINT64_FORMAT, i ? "," : "", tag->name, tag->n_clients);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_tags (Fixture       *fixture,
           gconstpointer  data)
{
  GtkWidget *page = find_descendant (GTK_WIDGET (fixture->preferences), CRM_TYPE_TAGS_PAGE);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autofree char *usage = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  AdwActionRow *row;
  gint64 vip, key, spare;

  g_assert_nonnull (page);

  /* Alpha, Beta, Delta, Gamma: Vip on Alpha and Beta, Key on Beta and Gamma */
  g_assert_true (crm_store_list_filtered_clients (fixture->store, NULL, CRM_CLIENT_SORT_NAME, FALSE,
                                                  10, ids, NULL, &error));
  g_assert_no_error (error);
  vip = crm_store_add_client_tag (fixture->store, g_array_index (ids, gint64, 0), "Vip", &error);
  crm_store_add_client_tag (fixture->store, g_array_index (ids, gint64, 1), "Vip", &error);
  key = crm_store_add_client_tag (fixture->store, g_array_index (ids, gint64, 1), "Key", &error);
  crm_store_add_client_tag (fixture->store, g_array_index (ids, gint64, 3), "Key", &error);
  spare = crm_store_create_tag (fixture->store, "Spare", &error);
  g_assert_no_error (error);
  crm_tags_page_reload (CRM_TAGS_PAGE (page));

  /* Every tag is a row with the number of its clients */
  row = find_row (page, "Vip");
  g_assert_nonnull (row);
  wait_until (row_counted, row, "the counts");
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "2 clients");
  row = find_row (page, "Spare");
  g_assert_nonnull (row);
  wait_until (row_counted, row, "the counts");
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "0 clients");

  /* Add: a new name is added; a taken one cannot be */
  g_assert_true (gtk_widget_activate_action (page, "tags.add", NULL));
  type_into_dialog ("Vip");
  g_assert_false (adw_message_dialog_get_response_enabled (find_dialog (), "add"));
  type_into_dialog ("  Export ");
  g_assert_true (adw_message_dialog_get_response_enabled (find_dialog (), "add"));
  respond ("add");
  usage = tag_usage (fixture);
  g_assert_cmpstr (usage, ==, "Export:0,Key:2,Spare:0,Vip:2");
  g_assert_nonnull (find_row (page, "Export"));

  /* Rename onto another tag's name: the dialog says it merges them */
  g_assert_true (gtk_widget_activate_action (page, "tags.rename", "x", key));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Rename Tag “Key”");
  type_into_dialog ("Vip");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "already exists"));
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "rename"), ==, "_Merge");
  respond ("rename");
  g_clear_pointer (&usage, g_free);
  usage = tag_usage (fixture);
  g_assert_cmpstr (usage, ==, "Export:0,Spare:0,Vip:3");
  g_assert_null (find_row (page, "Key"));
  row = find_row (page, "Vip");
  g_assert_nonnull (row);
  wait_until (row_counted, row, "the counts");
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "3 clients");

  /* A plain rename */
  g_assert_true (gtk_widget_activate_action (page, "tags.rename", "x", spare));
  type_into_dialog ("Reserve");
  g_assert_cmpstr (adw_message_dialog_get_response_label (find_dialog (), "rename"), ==, "_Rename");
  respond ("rename");
  g_clear_pointer (&usage, g_free);
  usage = tag_usage (fixture);
  g_assert_cmpstr (usage, ==, "Export:0,Reserve:0,Vip:3");

  /* Delete asks first, saying how many clients carry it; Cancel keeps it */
  g_assert_true (gtk_widget_activate_action (page, "tags.delete", "x", vip));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Delete Tag “Vip”?");
  body = g_strdup (adw_message_dialog_get_body (dialog));
  g_assert_nonnull (strstr (body, "3 clients carry it"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "delete"), ==, ADW_RESPONSE_DESTRUCTIVE);
  respond ("cancel");
  g_assert_cmpint (crm_store_count_tag_clients (fixture->store, vip, NULL), ==, 3);

  g_assert_true (gtk_widget_activate_action (page, "tags.delete", "x", vip));
  respond ("delete");
  g_clear_pointer (&usage, g_free);
  usage = tag_usage (fixture);
  g_assert_cmpstr (usage, ==, "Export:0,Reserve:0");
  g_assert_null (find_row (page, "Vip"));
  g_assert_cmpint (crm_store_count_clients (fixture->store, NULL), ==, 4);
}

/* The outcomes' names in the store's order, joined with commas */
static char *
outcome_names (Fixture *fixture)
{
  g_autoptr(GPtrArray) outcomes = crm_store_list_outcomes (fixture->store, NULL);
  g_autoptr(GString) names = g_string_new (NULL);

  g_assert_nonnull (outcomes);
  for (guint i = 0; i < outcomes->len; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? "," : "",
                            ((CrmOutcome *) g_ptr_array_index (outcomes, i))->name);

  return g_string_free (g_steal_pointer (&names), FALSE);
}

static char *
reason_names (Fixture *fixture,
              gint64   outcome_id)
{
  g_autoptr(GPtrArray) reasons = crm_store_list_outcome_reasons (fixture->store, outcome_id, NULL);
  g_autoptr(GString) names = g_string_new (NULL);

  g_assert_nonnull (reasons);
  for (guint i = 0; i < reasons->len; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? "," : "",
                            ((CrmDictionaryValue *) g_ptr_array_index (reasons, i))->name);

  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* The expander row of the Outcomes page with that title */
static AdwExpanderRow *
find_expander (GtkWidget  *widget,
               const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwExpanderRow *found;

      if (ADW_IS_EXPANDER_ROW (child) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0)
        return ADW_EXPANDER_ROW (child);
      if ((found = find_expander (child, title)) != NULL)
        return found;
    }

  return NULL;
}

/* The button of a row with that tooltip */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *tooltip)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_widget_get_tooltip_text (child), tooltip) == 0)
        return child;
      if ((found = find_button (child, tooltip)) != NULL)
        return found;
    }

  return NULL;
}

static gboolean
expander_counted (gpointer data)
{
  return strstr (adw_expander_row_get_subtitle (data), "entr") != NULL;
}

static void
test_outcomes (Fixture       *fixture,
               gconstpointer  data)
{
  GtkWidget *page = find_descendant (GTK_WIDGET (fixture->preferences), CRM_TYPE_OUTCOMES_PAGE);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmOutcome) reached = NULL;
  g_autoptr(CrmOutcome) busy = NULL;
  g_autoptr(CrmOutcome) added = NULL;
  g_autoptr(CrmOutcome) complaint = NULL;
  g_autoptr(CrmHistoryEntry) entry = NULL;
  g_autoptr(GPtrArray) reasons = NULL;
  g_autofree char *names = NULL;
  CrmHistoryData call = { .kind = "call", .body = "Asked for the price list", .outcome = "Reached" };
  AdwMessageDialog *dialog;
  AdwExpanderRow *row;
  GtkWidget *entry_row;
  GtkWidget *toggle;
  GtkDropDown *drop_down;
  gint64 entry_id, second_id, reason_id;
  guint n, busy_index = G_MAXUINT;

  g_assert_nonnull (page);

  /* Two calls: Reached, and Not interested for being too expensive */
  g_assert_true (crm_store_list_filtered_clients (fixture->store, NULL, CRM_CLIENT_SORT_NAME, FALSE,
                                                  10, ids, NULL, &error));
  g_assert_no_error (error);
  call.company_id = g_array_index (ids, gint64, 0);
  entry_id = crm_store_log_entry (fixture->store, &call, &error);
  g_assert_no_error (error);
  reached = crm_store_find_outcome (fixture->store, "Reached", &error);
  busy = crm_store_find_outcome (fixture->store, "Busy", &error);
  g_assert_nonnull (reached);
  g_assert_nonnull (busy);
  crm_outcomes_page_reload (CRM_OUTCOMES_PAGE (page));

  /* The outcomes in the order the quick entry offers them, with their entries */
  row = find_expander (page, "Reached");
  g_assert_nonnull (row);
  wait_until (expander_counted, row, "the counts");
  g_assert_cmpstr (adw_expander_row_get_subtitle (row), ==, "1 entry");
  g_assert_false (gtk_widget_get_sensitive (find_button (GTK_WIDGET (row), "Move Up")));
  row = find_expander (page, "Not interested");
  g_assert_nonnull (row);
  wait_until (expander_counted, row, "the counts");
  g_assert_cmpstr (adw_expander_row_get_subtitle (row), ==, "0 entries · asks for a reason");

  /* Add: a name that is taken (case aside) is refused while it is typed */
  g_assert_true (gtk_widget_activate_action (page, "outcomes.add", NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "New Outcome");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  type_into_dialog ("busy");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, "There is an outcome “Busy” already.");
  type_into_dialog ("  Asked for a catalogue ");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "add"));
  respond ("add");
  added = crm_store_find_outcome (fixture->store, "Asked for a catalogue", &error);
  g_assert_nonnull (added);
  g_assert_false (added->asks_reason);
  names = outcome_names (fixture);
  g_assert_true (g_str_has_suffix (names, ",Complaint,Asked for a catalogue"));
  n = 1;
  for (const char *c = names; *c; c++)
    n += *c == ',';

  /* Moved up to the first place, one step at a time */
  for (guint i = 0; i + 1 < n; i++)
    g_assert_true (gtk_widget_activate_action (page, "outcomes.move-up", "x", added->id));
  g_clear_pointer (&names, g_free);
  names = outcome_names (fixture);
  g_assert_true (g_str_has_prefix (names, "Asked for a catalogue,Reached,No answer,"));
  row = find_expander (page, "Asked for a catalogue");
  g_assert_nonnull (row);
  g_assert_false (gtk_widget_get_sensitive (find_button (GTK_WIDGET (row), "Move Up")));
  g_assert_true (gtk_widget_get_sensitive (find_button (GTK_WIDGET (row), "Move Down")));
  g_assert_true (gtk_widget_get_sensitive (find_button (GTK_WIDGET (find_expander (page, "Reached")), "Move Up")));

  /* Rename: the entry logged with the old name shows the new one */
  g_assert_true (gtk_widget_activate_action (page, "outcomes.rename", "x", reached->id));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Rename “Reached”");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "rename"));
  type_into_dialog ("No answer");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "rename"));
  type_into_dialog ("Got through");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "rename"));
  respond ("rename");
  entry = crm_store_load_history_entry (fixture->store, entry_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (entry->outcome, ==, "Got through");
  g_assert_null (find_expander (page, "Reached"));
  g_assert_nonnull (find_expander (page, "Got through"));

  /* Asks for a reason: the switch inside the row; its reasons show */
  row = find_expander (page, "Asked for a catalogue");
  adw_expander_row_set_expanded (row, TRUE);
  toggle = find_descendant (GTK_WIDGET (find_row (GTK_WIDGET (row), "Asks for a reason")), GTK_TYPE_SWITCH);
  g_assert_nonnull (toggle);
  entry_row = find_descendant (GTK_WIDGET (row), ADW_TYPE_ENTRY_ROW);
  g_assert_nonnull (entry_row);
  g_assert_false (gtk_widget_get_visible (entry_row));
  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  g_clear_pointer (&added, crm_outcome_free);
  added = crm_store_find_outcome (fixture->store, "Asked for a catalogue", &error);
  g_assert_true (added->asks_reason);
  g_assert_true (gtk_widget_get_visible (entry_row));
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (row), "asks for a reason"));
  g_assert_nonnull (find_row (GTK_WIDGET (row), "No reasons yet"));

  /* Add a reason in the row's entry; the row stays open for the next one */
  gtk_editable_set_text (GTK_EDITABLE (entry_row), " Too early ");
  g_signal_emit_by_name (entry_row, "apply");
  g_clear_pointer (&names, g_free);
  names = reason_names (fixture, added->id);
  g_assert_cmpstr (names, ==, "Too early");
  row = find_expander (page, "Asked for a catalogue");
  g_assert_true (adw_expander_row_get_expanded (row));
  g_assert_nonnull (find_row (GTK_WIDGET (row), "Too early"));
  g_assert_null (find_row (GTK_WIDGET (row), "No reasons yet"));
  entry_row = find_descendant (GTK_WIDGET (row), ADW_TYPE_ENTRY_ROW);
  gtk_editable_set_text (GTK_EDITABLE (entry_row), "too early");
  g_assert_true (gtk_widget_has_css_class (entry_row, "error"));
  g_assert_false (adw_entry_row_get_show_apply_button (ADW_ENTRY_ROW (entry_row)));
  gtk_editable_set_text (GTK_EDITABLE (entry_row), "No catalogue yet");
  g_assert_false (gtk_widget_has_css_class (entry_row, "error"));
  g_signal_emit_by_name (entry_row, "apply");
  g_clear_pointer (&names, g_free);
  names = reason_names (fixture, added->id);
  g_assert_cmpstr (names, ==, "Too early,No catalogue yet");

  /* The quick entry takes it with its reason */
  call.outcome = "Asked for a catalogue";
  call.reason = "Too early";
  second_id = crm_store_log_entry (fixture->store, &call, &error);
  g_assert_no_error (error);

  /* Remove a reason: the entry keeps its name */
  reasons = crm_store_list_outcome_reasons (fixture->store, added->id, &error);
  reason_id = ((CrmDictionaryValue *) g_ptr_array_index (reasons, 0))->id;
  g_assert_true (gtk_widget_activate_action (page, "outcomes.remove-reason", "x", reason_id));
  g_clear_pointer (&names, g_free);
  names = reason_names (fixture, added->id);
  g_assert_cmpstr (names, ==, "No catalogue yet");
  row = find_expander (page, "Asked for a catalogue");
  g_assert_null (find_row (GTK_WIDGET (row), "Too early"));
  g_clear_pointer (&entry, crm_history_entry_free);
  entry = crm_store_load_history_entry (fixture->store, second_id, &error);
  g_assert_cmpstr (entry->reason, ==, "Too early");

  /* The switch turned off: no more reason asked */
  toggle = find_descendant (GTK_WIDGET (find_row (GTK_WIDGET (row), "Asks for a reason")), GTK_TYPE_SWITCH);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));
  gtk_switch_set_active (GTK_SWITCH (toggle), FALSE);
  g_clear_pointer (&added, crm_outcome_free);
  added = crm_store_find_outcome (fixture->store, "Asked for a catalogue", &error);
  g_assert_false (added->asks_reason);

  /* Remove an outcome in use: its entries get the one picked instead */
  g_assert_true (gtk_widget_activate_action (page, "outcomes.remove", "x", reached->id));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Replace “Got through” with…");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "1 entry has “Got through”"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "remove"), ==, ADW_RESPONSE_DESTRUCTIVE);
  drop_down = GTK_DROP_DOWN (find_descendant (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN));
  g_assert_nonnull (drop_down);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (drop_down)), ==, n - 1);
  for (guint i = 0; i < n - 1; i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (gtk_drop_down_get_model (drop_down), i);

      g_assert_cmpstr (gtk_string_object_get_string (item), !=, "Got through");
      if (g_str_equal (gtk_string_object_get_string (item), "Busy"))
        busy_index = i;
    }
  g_assert_cmpuint (busy_index, <, n - 1);
  gtk_drop_down_set_selected (drop_down, busy_index);
  respond ("remove");
  g_assert_null (crm_store_find_outcome (fixture->store, "Got through", &error));
  g_assert_no_error (error);
  g_clear_pointer (&entry, crm_history_entry_free);
  entry = crm_store_load_history_entry (fixture->store, entry_id, &error);
  g_assert_cmpstr (entry->outcome, ==, "Busy");
  g_assert_null (find_expander (page, "Got through"));
  row = find_expander (page, "Busy");
  wait_until (expander_counted, row, "the counts");
  g_assert_cmpstr (adw_expander_row_get_subtitle (row), ==, "1 entry");

  /* An outcome no entry has goes after a plain question */
  complaint = crm_store_find_outcome (fixture->store, "Complaint", &error);
  g_assert_nonnull (complaint);
  g_assert_true (gtk_widget_activate_action (page, "outcomes.remove", "x", complaint->id));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Remove “Complaint”?");
  g_assert_null (find_descendant (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN));
  respond ("remove");
  g_assert_null (crm_store_find_outcome (fixture->store, "Complaint", &error));
  g_assert_no_error (error);
  g_assert_null (find_expander (page, "Complaint"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/rapport/gui/preferences/rename-status", Fixture, NULL,
              fixture_set_up, test_rename_status, fixture_tear_down);
  g_test_add ("/rapport/gui/preferences/remove-industry", Fixture, NULL,
              fixture_set_up, test_remove_industry, fixture_tear_down);
  g_test_add ("/rapport/gui/preferences/reorder-statuses", Fixture, NULL,
              fixture_set_up, test_reorder_statuses, fixture_tear_down);
  g_test_add ("/rapport/gui/preferences/custom-fields", Fixture, NULL,
              fixture_set_up, test_custom_fields, fixture_tear_down);
  g_test_add ("/rapport/gui/preferences/tags", Fixture, NULL,
              fixture_set_up, test_tags, fixture_tear_down);
  g_test_add ("/rapport/gui/preferences/outcomes", Fixture, NULL,
              fixture_set_up, test_outcomes, fixture_tear_down);

  return g_test_run ();
}
