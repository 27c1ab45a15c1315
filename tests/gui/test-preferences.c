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
#include "crm-lists-page.h"
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
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);
      g_remove (file);
    }
  g_rmdir (path);
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

  remove_dir (fixture->dir);
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

  /* A number field; an empty name is refused */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "fields.add", NULL));
  type_into_dialog ("");
  respond ("add");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "fields.add", NULL));
  type_into_dialog ("Employees");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find_descendant (GTK_WIDGET (find_dialog ()),
                                                              GTK_TYPE_DROP_DOWN)), 1);
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

  return g_test_run ();
}
