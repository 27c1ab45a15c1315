/* test-window.c
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <math.h>

#include <glib/gstdio.h>
#include <string.h>
#include <adwaita.h>

#include "crm-client-edit.h"
#include "crm-client-row.h"
#include "crm-client-summary-pane.h"
#include "crm-clients-page.h"
#include "crm-filter-bar.h"
#include "crm-segments.h"
#include "crm-format.h"
#include "crm-new-client-dialog.h"
#include "crm-preferences-window.h"
#include "crm-welcome-page.h"
#include "crm-client-card.h"
#include "crm-documents.h"
#include "crm-window.h"
#include "gui-test-utils.h"

/* The window driven as a user would: through its actions and its widgets,
 * asserting what is on screen. Runs under Xvfb (suite "ui"). */

#define SAMPLE_COMPANIES 40

static gboolean
window_loaded (gpointer data)
{
  return g_strcmp0 (crm_window_get_page (data), "loading") != 0;
}

static gboolean
window_on_main (gpointer data)
{
  return g_strcmp0 (crm_window_get_page (data), "main") == 0;
}

static gboolean
welcome_idle (gpointer data)
{
  return !crm_welcome_page_get_busy (data);
}

static gboolean
preferences_idle (gpointer data)
{
  return !crm_preferences_window_get_busy (data);
}

typedef struct
{
  GtkLabel   *label;
  const char *text;
} LabelWait;

static gboolean
label_is (gpointer data)
{
  LabelWait *wait = data;

  return g_strcmp0 (gtk_label_get_label (wait->label), wait->text) == 0;
}

typedef struct
{
  char      *dir;
  char      *path;
  CrmWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("rapport-gui-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "clients.db", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (fixture->window));
      spin_for (50);
    }

  remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static CrmWindow *
open_window (Fixture *fixture)
{
  CrmWindow *window = crm_window_new (NULL, fixture->path);

  gtk_window_present (GTK_WINDOW (window));
  wait_until (window_loaded, window, "the database to open");
  fixture->window = window;

  return window;
}

static GListModel *
view_model (CrmClientsPage *page)
{
  GtkColumnView *view = child (page, CRM_TYPE_CLIENTS_PAGE, "column_view");

  return G_LIST_MODEL (gtk_column_view_get_model (view));
}

static char *
row_name (CrmClientsPage *page,
          guint           position)
{
  g_autoptr(GObject) row = g_list_model_get_item (view_model (page), position);
  char *name = NULL;

  g_assert_nonnull (row);
  g_object_get (row, "name", &name, NULL);
  return name;
}

static void
create_sample (CrmWindow *window)
{
  CrmWelcomePage *welcome = child (window, CRM_TYPE_WINDOW, "welcome_page");

  g_assert_cmpstr (crm_window_get_page (window), ==, "welcome");

  crm_welcome_page_set_demo_companies (welcome, SAMPLE_COMPANIES);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (welcome), "welcome.create-sample", NULL));
  g_assert_true (crm_welcome_page_get_busy (welcome));

  wait_until (window_on_main, window, "the sample database");
}

static void
test_format (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 27, 12, 0, 0);
  gint64 noon = g_date_time_to_unix (now);
  g_autofree char *never = crm_format_last_contact (0, now);
  g_autofree char *today = crm_format_last_contact (noon - 11 * 3600, now);
  g_autofree char *yesterday = crm_format_last_contact (noon - 13 * 3600, now);
  g_autofree char *days = crm_format_last_contact (noon - 5 * 86400, now);
  g_autofree char *date = crm_format_last_contact (noon - 30 * 86400, now);
  g_autofree char *future = crm_format_last_contact (noon + 3 * 86400, now);
  g_autofree char *number = crm_format_number (1234);

  g_assert_cmpstr (never, ==, "Never");
  g_assert_cmpstr (today, ==, "Today");
  g_assert_cmpstr (yesterday, ==, "Yesterday");
  g_assert_cmpstr (days, ==, "5 days ago");
  g_assert_cmpstr (date, ==, "Oct 28, 2026");
  g_assert_cmpstr (future, ==, "Nov 30, 2026");
  /* gtk_test_init() picks en_US.UTF-8 where the machine has it, else C:
   * "1,234" or "1234" */
  g_assert_true (g_str_equal (number, "1,234") || g_str_equal (number, "1234"));
}

static void
test_welcome (Fixture       *fixture,
              gconstpointer  data)
{
  CrmWindow *window = open_window (fixture);
  CrmWelcomePage *welcome = child (window, CRM_TYPE_WINDOW, "welcome_page");
  g_autofree char *done = NULL;

  g_assert_cmpstr (crm_window_get_page (window), ==, "welcome");
  g_assert_nonnull (crm_window_get_store (window));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (welcome)));
  g_assert_false (crm_welcome_page_get_busy (welcome));

  done = crm_store_get_setting (crm_window_get_store (window), "welcome-done");
  g_assert_null (done);
}

static void
test_window_size (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  CrmWindow *window = open_window (fixture);
  int width, height;

  /* Closing saves the size, and the next window starts with it */
  gtk_window_set_default_size (GTK_WINDOW (window), 700, 500);
  gtk_window_close (GTK_WINDOW (window));
  fixture->window = NULL;
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 700);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 500);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  window = open_window (fixture);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 700);
  g_assert_cmpint (height, ==, 500);

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

static void
test_start_empty (Fixture       *fixture,
                  gconstpointer  data)
{
  CrmWindow *window = open_window (fixture);
  CrmWelcomePage *welcome = child (window, CRM_TYPE_WINDOW, "welcome_page");
  CrmClientsPage *page = child (window, CRM_TYPE_WINDOW, "clients_page");
  GtkStack *list_stack = child (page, CRM_TYPE_CLIENTS_PAGE, "list_stack");
  g_autofree char *done = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (welcome), "welcome.start-empty", NULL));
  g_assert_cmpstr (crm_window_get_page (window), ==, "main");
  g_assert_cmpuint (g_list_model_get_n_items (view_model (page)), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (list_stack), ==, "empty");
  g_assert_cmpstr (gtk_label_get_label (child (page, CRM_TYPE_CLIENTS_PAGE, "count_label")), ==, "");

  done = crm_store_get_setting (crm_window_get_store (window), "welcome-done");
  g_assert_cmpstr (done, ==, "1");

  /* The choice is remembered: the same database opens on the list */
  gtk_window_destroy (GTK_WINDOW (window));
  fixture->window = NULL;
  window = open_window (fixture);
  g_assert_cmpstr (crm_window_get_page (window), ==, "main");
}

static void
test_cancel_sample (Fixture       *fixture,
                    gconstpointer  data)
{
  CrmWindow *window = open_window (fixture);
  CrmWelcomePage *welcome = child (window, CRM_TYPE_WINDOW, "welcome_page");
  g_autoptr(GError) error = NULL;
  GtkStack *stack = child (welcome, CRM_TYPE_WELCOME_PAGE, "stack");

  /* The default size takes long enough to be cancelled halfway */
  crm_welcome_page_set_demo_companies (welcome, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (welcome), "welcome.create-sample", NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "progress");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (welcome), "welcome.cancel", NULL));

  wait_until (welcome_idle, welcome, "the generator to stop");

  g_assert_cmpstr (crm_window_get_page (window), ==, "welcome");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "choice");
  g_assert_cmpint (crm_store_count_clients (crm_window_get_store (window), &error), ==, 0);
  g_assert_no_error (error);
}

static gboolean
pointer_cleared (gpointer data)
{
  return *(gpointer *)data == NULL;
}

static void
test_close_while_busy (Fixture       *fixture,
                       gconstpointer  data)
{
  CrmWindow *window = open_window (fixture);
  CrmWelcomePage *welcome = child (window, CRM_TYPE_WINDOW, "welcome_page");
  gpointer store = crm_window_get_store (window);
  g_autoptr(CrmStore) reopened = NULL;
  g_autoptr(GError) error = NULL;

  /* Closing the window stops the generator, rolls back and closes the
   * database: nothing of the sample is left and nothing leaks. */
  crm_welcome_page_set_demo_companies (welcome, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (welcome), "welcome.create-sample", NULL));
  g_object_add_weak_pointer (store, &store);
  gtk_window_destroy (GTK_WINDOW (window));
  fixture->window = NULL;
  wait_until (pointer_cleared, &store, "the database to be closed");

  reopened = crm_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_store_count_clients (reopened, &error), ==, 0);
}

/* The explanation beside a name in the list: a visible label with the
 * "search-match" style; text NULL waits for none to be visible */
typedef struct
{
  GtkWidget  *view;
  const char *text;
} MatchWait;

static gboolean
find_match_label (GtkWidget  *widget,
                  const char *text)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      if (GTK_IS_LABEL (c) && gtk_widget_has_css_class (c, "search-match") && gtk_widget_get_visible (c) &&
          (text == NULL || g_strcmp0 (gtk_label_get_label (GTK_LABEL (c)), text) == 0))
        return TRUE;
      if (find_match_label (c, text))
        return TRUE;
    }

  return FALSE;
}

static gboolean
match_shown (gpointer data)
{
  MatchWait *wait = data;

  if (wait->text == NULL)
    return !find_match_label (wait->view, NULL);

  return find_match_label (wait->view, wait->text);
}

static void
test_sample (Fixture       *fixture,
             gconstpointer  data)
{
  CrmWindow *window = open_window (fixture);
  CrmClientsPage *page = child (window, CRM_TYPE_WINDOW, "clients_page");
  GtkLabel *count_label = child (page, CRM_TYPE_CLIENTS_PAGE, "count_label");
  GtkStack *list_stack = child (page, CRM_TYPE_CLIENTS_PAGE, "list_stack");
  GtkEditable *search_entry = child (page, CRM_TYPE_CLIENTS_PAGE, "search_entry");
  GtkColumnView *view = child (page, CRM_TYPE_CLIENTS_PAGE, "column_view");
  GtkColumnViewColumn *name_column = child (page, CRM_TYPE_CLIENTS_PAGE, "name_column");
  GtkColumnViewColumn *city_column = child (page, CRM_TYPE_CLIENTS_PAGE, "city_column");
  CrmClientSummaryPane *summary = child (page, CRM_TYPE_CLIENTS_PAGE, "summary_pane");
  GtkLabel *name_label;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *done = NULL;
  g_autofree char *expected = NULL;
  LabelWait wait;
  guint n_matches;

  create_sample (window);

  /* The list shows the new clients */
  g_assert_cmpuint (g_list_model_get_n_items (view_model (page)), ==, SAMPLE_COMPANIES);
  g_assert_cmpstr (gtk_label_get_label (count_label), ==, "40 clients");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (list_stack), ==, "list");
  done = crm_store_get_setting (crm_window_get_store (window), "welcome-done");
  g_assert_cmpstr (done, ==, "1");

  /* Sorting by name in descending order puts the last name first */
  first = row_name (page, 0);
  last = row_name (page, SAMPLE_COMPANIES - 1);
  g_assert_cmpstr (first, !=, last);
  gtk_column_view_sort_by_column (view, name_column, GTK_SORT_DESCENDING);
  {
    g_autofree char *new_first = row_name (page, 0);
    g_autofree char *new_last = row_name (page, SAMPLE_COMPANIES - 1);

    g_assert_cmpstr (new_first, ==, last);
    g_assert_cmpstr (new_last, ==, first);
  }
  g_assert_cmpint (g_settings_get_enum (settings, "client-sort-column"), ==, CRM_CLIENT_SORT_NAME);
  g_assert_true (g_settings_get_boolean (settings, "client-sort-descending"));

  /* Another column changes the first row and is remembered */
  gtk_column_view_sort_by_column (view, city_column, GTK_SORT_ASCENDING);
  g_assert_cmpint (g_settings_get_enum (settings, "client-sort-column"), ==, CRM_CLIENT_SORT_CITY);
  g_assert_false (g_settings_get_boolean (settings, "client-sort-descending"));
  {
    g_autoptr(GObject) row0 = g_list_model_get_item (view_model (page), 0);
    g_autoptr(GObject) row1 = g_list_model_get_item (view_model (page), SAMPLE_COMPANIES - 1);
    g_autofree char *city0 = NULL;
    g_autofree char *city1 = NULL;

    g_object_get (row0, "city", &city0, NULL);
    g_object_get (row1, "city", &city1, NULL);
    g_assert_cmpint (g_utf8_collate (city0, city1), <=, 0);
  }
  gtk_column_view_sort_by_column (view, name_column, GTK_SORT_ASCENDING);
  {
    g_autofree char *again = row_name (page, 0);
    g_assert_cmpstr (again, ==, first);
  }

  /* Selecting a row shows its summary */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (summary)));
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (gtk_column_view_get_model (view)), 0, TRUE);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (summary)));
  name_label = child (summary, CRM_TYPE_CLIENT_SUMMARY_PANE, "name_label");
  g_assert_cmpstr (gtk_label_get_label (name_label), ==, first);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (summary), "summary.close", NULL));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (summary)));

  /* Searching for the first word of a name narrows the list */
  prefix = g_strndup (first, MIN (strlen (first), 4));
  gtk_editable_set_text (search_entry, prefix);
  wait.label = count_label;
  wait.text = "40 clients";
  while (label_is (&wait))
    g_main_context_iteration (NULL, TRUE);
  n_matches = g_list_model_get_n_items (view_model (page));
  g_assert_cmpuint (n_matches, >, 0);
  g_assert_cmpuint (n_matches, <, SAMPLE_COMPANIES);
  expected = g_strdup_printf (n_matches == 1 ? "%u match" : "%u matches", n_matches);
  g_assert_cmpstr (gtk_label_get_label (count_label), ==, expected);

  /* A search without matches says so */
  gtk_editable_set_text (search_entry, "zzqxjwv");
  wait.text = "0 matches";
  wait_until (label_is, &wait, "no matches");
  g_assert_cmpuint (g_list_model_get_n_items (view_model (page)), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (list_stack), ==, "no-matches");

  /* Escape clears the search */
  g_signal_emit_by_name (search_entry, "stop-search");
  wait.text = "40 clients";
  wait_until (label_is, &wait, "the whole list");
  g_assert_cmpuint (g_list_model_get_n_items (view_model (page)), ==, SAMPLE_COMPANIES);

  /* A search that found a client by something else than its name says what */
  {
    g_autoptr(CrmClientRow) row = g_list_model_get_item (view_model (page), 0);
    g_autoptr(GError) error = NULL;
    MatchWait match_wait = { GTK_WIDGET (view), "tag: Выставка-2026" };

    crm_store_add_client_tag (crm_window_get_store (window), crm_client_row_get_id (row), "Выставка-2026", &error);
    g_assert_no_error (error);
    gtk_editable_set_text (search_entry, "выставка 2026");
    wait.text = "1 match";
    wait_until (label_is, &wait, "the tagged client");
    wait_until (match_shown, &match_wait, "“tag: Выставка-2026” beside the name");

    /* the name itself needs no explanation */
    gtk_editable_set_text (search_entry, first);
    match_wait.text = NULL;
    wait_until (match_shown, &match_wait, "no explanation beside a matching name");
    g_signal_emit_by_name (search_entry, "stop-search");
    wait.text = "40 clients";
    wait_until (label_is, &wait, "the whole list again");
  }

  /* The next start goes straight to the list */
  gtk_window_destroy (GTK_WINDOW (window));
  fixture->window = NULL;
  window = open_window (fixture);
  g_assert_cmpstr (crm_window_get_page (window), ==, "main");
  page = child (window, CRM_TYPE_WINDOW, "clients_page");
  g_assert_cmpuint (g_list_model_get_n_items (view_model (page)), ==, SAMPLE_COMPANIES);
}

static void
test_preferences (Fixture       *fixture,
                  gconstpointer  data)
{
  CrmWindow *window = open_window (fixture);
  CrmPreferencesWindow *preferences;
  g_autofree char *backup = g_build_filename (fixture->dir, "backup.db", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(CrmStore) copy = NULL;
  g_autoptr(GError) error = NULL;
  AdwComboRow *style_row;
  LabelWait wait;

  create_sample (window);

  preferences = CRM_PREFERENCES_WINDOW (crm_preferences_window_new (GTK_WINDOW (window),
                                                                   crm_window_get_store (window)));
  gtk_window_present (GTK_WINDOW (preferences));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (preferences)));

  /* The database group shows the file and what is in it */
  g_assert_cmpstr (adw_action_row_get_subtitle (child (preferences, CRM_TYPE_PREFERENCES_WINDOW,
                                                       "location_row")),
                   ==, fixture->path);
  wait.label = child (preferences, CRM_TYPE_PREFERENCES_WINDOW, "clients_label");
  wait.text = "40";
  wait_until (label_is, &wait, "the counts");

  /* The style follows the setting both ways */
  style_row = child (preferences, CRM_TYPE_PREFERENCES_WINDOW, "style_row");
  g_assert_cmpuint (adw_combo_row_get_selected (style_row), ==, 0);
  adw_combo_row_set_selected (style_row, 2);
  g_assert_cmpstr (g_settings_get_string (settings, "color-scheme"), ==, "dark");
  g_settings_set_string (settings, "color-scheme", "light");
  g_assert_cmpuint (adw_combo_row_get_selected (style_row), ==, 1);
  g_settings_reset (settings, "color-scheme");

  /* A backup is a database with the same clients */
  crm_preferences_window_back_up_to (preferences, backup);
  g_assert_true (crm_preferences_window_get_busy (preferences));
  wait_until (preferences_idle, preferences, "the backup");
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));

  copy = crm_store_open_full (backup, CRM_STORE_OPEN_NO_CREATE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_store_count_clients (copy, &error), ==, SAMPLE_COMPANIES);
  g_assert_no_error (error);

  gtk_window_destroy (GTK_WINDOW (preferences));
}

static void
test_not_a_database (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CrmWindow *window;
  AdwStatusPage *error_page;
  const char *description;

  g_file_set_contents (fixture->path, "This is a text file, not a database.\n", -1, &error);
  g_assert_no_error (error);

  window = open_window (fixture);
  g_assert_cmpstr (crm_window_get_page (window), ==, "error");
  g_assert_null (crm_window_get_store (window));

  error_page = child (window, CRM_TYPE_WINDOW, "error_page");
  description = adw_status_page_get_description (error_page);
  g_assert_nonnull (strstr (description, fixture->path));

  /* Trying again after the file was fixed opens it */
  g_remove (fixture->path);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reopen", NULL));
  wait_until (window_loaded, window, "the database to open again");
  g_assert_cmpstr (crm_window_get_page (window), ==, "welcome");
}

static gboolean
label_shows (GtkWidget  *widget,
             const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_get_mapped (child) &&
          g_strcmp0 (gtk_label_get_label (GTK_LABEL (child)), text) == 0)
        return TRUE;
      if (label_shows (child, text))
        return TRUE;
    }

  return FALSE;
}

static GtkWidget *
find_by_name (GtkWidget  *widget,
            const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_strcmp0 (gtk_widget_get_name (child), name) == 0)
        return child;
      if ((found = find_by_name (child, name)) != NULL)
        return found;
    }

  return NULL;
}

/* The "client-columns" setting picks the columns of the list and their order;
 * the Columns popover writes it. */
static void
test_client_columns (Fixture       *fixture,
                     gconstpointer  data)
{
  CrmWindow *window = open_window (fixture);
  CrmClientsPage *page = child (window, CRM_TYPE_WINDOW, "clients_page");
  GtkColumnView *view = child (page, CRM_TYPE_CLIENTS_PAGE, "column_view");
  GtkColumnViewColumn *name_column = child (page, CRM_TYPE_CLIENTS_PAGE, "name_column");
  GtkColumnViewColumn *status_column = child (page, CRM_TYPE_CLIENTS_PAGE, "status_column");
  GtkColumnViewColumn *city_column = child (page, CRM_TYPE_CLIENTS_PAGE, "city_column");
  GListModel *columns = gtk_column_view_get_columns (view);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GtkColumnViewColumn) first = NULL;
  g_autoptr(GtkColumnViewColumn) second = NULL;
  g_autoptr(GtkColumnViewColumn) third = NULL;
  g_autoptr(GObject) row = NULL;
  g_autofree char *phone = NULL;
  g_auto(GStrv) keys = NULL;
  g_autofree char *joined = NULL;
  const char *shown[] = { "phone", "name", "city", NULL };
  GtkWidget *button;
  GtkWidget *status_check;
  GtkWidget *down;

  create_sample (window);
  g_assert_true (gtk_column_view_column_get_visible (status_column));

  g_settings_set_strv (settings, "client-columns", shown);
  spin_for (200);
  g_assert_false (gtk_column_view_column_get_visible (status_column));
  first = g_list_model_get_item (columns, 0);
  second = g_list_model_get_item (columns, 1);
  third = g_list_model_get_item (columns, 2);
  g_assert_cmpstr (gtk_column_view_column_get_title (first), ==, "Phone");
  g_assert_true (gtk_column_view_column_get_visible (first));
  g_assert_true (second == name_column);
  g_assert_true (third == city_column);

  /* the phone column shows the client's phone */
  for (guint i = 0; i < g_list_model_get_n_items (view_model (page)) && phone == NULL; i++)
    {
      g_clear_object (&row);
      row = g_list_model_get_item (view_model (page), i);
      g_object_get (row, "phone", &phone, NULL);
      if (phone != NULL && i > 10)
        g_clear_pointer (&phone, g_free);   /* only rows on the first screen are drawn */
    }
  g_assert_nonnull (phone);
  g_assert_true (label_shows (GTK_WIDGET (view), phone));

  /* The popover: checking Status shows it at the end; Phone's down button moves it below Name */
  button = find_by_name (GTK_WIDGET (page), "columns_button");
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Columns");
  status_check = find_by_name (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button))), "status");
  g_assert_nonnull (status_check);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (status_check)));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (status_check), TRUE);
  spin_for (100);
  keys = g_settings_get_strv (settings, "client-columns");
  joined = g_strjoinv (",", keys);
  g_assert_cmpstr (joined, ==, "phone,name,city,status");
  g_clear_pointer (&joined, g_free);
  g_assert_true (gtk_column_view_column_get_visible (status_column));
  g_clear_pointer (&keys, g_strfreev);

  down = gtk_widget_get_last_child (gtk_widget_get_parent (find_by_name (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button))), "phone")));
  g_signal_emit_by_name (down, "clicked");
  spin_for (100);
  keys = g_settings_get_strv (settings, "client-columns");
  joined = g_strjoinv (",", keys);
  g_assert_cmpstr (joined, ==, "name,phone,city,status");
  g_clear_object (&first);
  first = g_list_model_get_item (columns, 0);
  g_assert_true (first == name_column);

  /* the first row cannot move up, the last not down; the others both */
  {
    GtkWidget *box = gtk_widget_get_parent (gtk_widget_get_parent (down));
    GtkWidget *top = gtk_widget_get_first_child (box);
    GtkWidget *bottom = gtk_widget_get_last_child (box);
    GtkWidget *middle = gtk_widget_get_next_sibling (top);

    g_assert_false (gtk_widget_get_sensitive (gtk_widget_get_prev_sibling (gtk_widget_get_last_child (top))));
    g_assert_true (gtk_widget_get_sensitive (gtk_widget_get_last_child (top)));
    g_assert_true (gtk_widget_get_sensitive (gtk_widget_get_prev_sibling (gtk_widget_get_last_child (bottom))));
    g_assert_false (gtk_widget_get_sensitive (gtk_widget_get_last_child (bottom)));
    g_assert_true (gtk_widget_get_sensitive (gtk_widget_get_prev_sibling (gtk_widget_get_last_child (middle))));
    g_assert_true (gtk_widget_get_sensitive (gtk_widget_get_last_child (middle)));
  }

  g_settings_reset (settings, "client-columns");
  spin_for (100);
  g_assert_true (gtk_column_view_column_get_visible (status_column));
  g_clear_object (&second);
  second = g_list_model_get_item (columns, 1);
  g_assert_true (second == status_column);
}

static CrmNewClientDialog *
find_new_client_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (CRM_IS_NEW_CLIENT_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return CRM_NEW_CLIENT_DIALOG (window);
    }

  return NULL;
}

/* The duplicate guard: typing a company a colleague already has shows it,
 * with its manager, before a second copy is made. */
static void
test_new_client_duplicate_guard (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CrmWindow *window;
  CrmClientsPage *page;
  CrmNewClientDialog *dialog;
  AdwPreferencesGroup *group;
  GtkWidget *row;
  const char *subtitle;

  {
    g_autoptr(CrmStore) store = crm_store_open_full (fixture->path, 0, "ru", &error);
    CrmUserData anna = { .login = "petrova", .full_name = "Анна Петрова", .role = "sales", .active = TRUE };
    CrmCompanyData romashka = { .name = "ООО «Ромашка»" };

    g_assert_no_error (error);
    romashka.manager_id = crm_store_add_user (store, &anna, &error);
    crm_store_add_company (store, &romashka, &error);
    g_assert_no_error (error);
  }

  window = open_window (fixture);
  page = child (window, CRM_TYPE_WINDOW, "clients_page");
  g_assert_cmpuint (g_list_model_get_n_items (view_model (page)), ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-client", NULL));
  dialog = find_new_client_dialog ();
  g_assert_nonnull (dialog);
  spin_for (50);
  /* typing goes into the name at once */
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (dialog)),
                                         child (dialog, CRM_TYPE_NEW_CLIENT_DIALOG, "name_row")));

  /* The same company with the legal form after the name, in quotes */
  gtk_editable_set_text (child (dialog, CRM_TYPE_NEW_CLIENT_DIALOG, "name_row"), "\"Ромашка\" ООО");
  g_assert_cmpuint (crm_new_client_dialog_get_n_matches (dialog), ==, 1);
  group = child (dialog, CRM_TYPE_NEW_CLIENT_DIALOG, "duplicates_group");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (group)));

  /* The match names the client and its manager */
  row = find_descendant (GTK_WIDGET (group), ADW_TYPE_ACTION_ROW);
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "ООО «Ромашка»");
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  g_assert_nonnull (strstr (subtitle, "Анна Петрова"));

  /* Another name: no match */
  gtk_editable_set_text (child (dialog, CRM_TYPE_NEW_CLIENT_DIALOG, "name_row"), "Василёк");
  g_assert_cmpuint (crm_new_client_dialog_get_n_matches (dialog), ==, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (group)));

  /* A bad e-mail is refused, and nothing is created */
  gtk_editable_set_text (child (dialog, CRM_TYPE_NEW_CLIENT_DIALOG, "email_row"), "not an address");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "new-client.create", NULL));
  g_assert_true (gtk_widget_get_visible (child (dialog, CRM_TYPE_NEW_CLIENT_DIALOG, "error_label")));
  g_assert_cmpint (crm_store_count_clients (crm_window_get_store (window), NULL), ==, 1);

  /* Created anyway, with a phone: the list has it and the summary shows it */
  gtk_editable_set_text (child (dialog, CRM_TYPE_NEW_CLIENT_DIALOG, "email_row"), "info@vasilek.ru");
  gtk_editable_set_text (child (dialog, CRM_TYPE_NEW_CLIENT_DIALOG, "phone_row"), "8 (843) 555-12-34");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "new-client.create", NULL));
  spin_for (50);
  g_assert_null (find_new_client_dialog ());
  g_assert_cmpuint (g_list_model_get_n_items (view_model (page)), ==, 2);
  g_assert_true (gtk_widget_get_visible (child (page, CRM_TYPE_CLIENTS_PAGE, "summary_pane")));

  /* and search finds it by the number in another format */
  {
    g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    g_assert_true (crm_store_search_clients (crm_window_get_store (window), "+7 843 5551234",
                                             CRM_CLIENT_SORT_NAME, FALSE, 10, ids, NULL, &error));
    g_assert_cmpuint (ids->len, ==, 1);
  }
}

/* A status that some but not all of the sample clients have */
static gint64
pick_status (CrmStore *store,
             gint64   *n_clients)
{
  g_autoptr(GPtrArray) statuses = crm_store_list_dictionary (store, "status", NULL);

  g_assert_nonnull (statuses);
  for (guint i = 0; i < statuses->len; i++)
    {
      CrmDictionaryValue *value = g_ptr_array_index (statuses, i);
      g_autoptr(CrmClientFilter) filter = crm_client_filter_new ();
      gint64 count;

      crm_client_filter_add (filter, CRM_FILTER_STATUS, value->id);
      count = crm_store_count_filtered_clients (store, filter, NULL);
      if (count > 0 && count < SAMPLE_COMPANIES)
        {
          *n_clients = count;
          return value->id;
        }
    }

  g_assert_not_reached ();
  return 0;
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_strcmp0 (gtk_widget_get_name (child), name) == 0)
        return child;
      if ((found = find_named (child, name)) != NULL)
        return found;
    }

  return NULL;
}

static void
test_filter_bar (Fixture       *fixture,
                 gconstpointer  data)
{
  CrmWindow *window = open_window (fixture);
  CrmClientsPage *page = child (window, CRM_TYPE_WINDOW, "clients_page");
  CrmFilterBar *bar = crm_clients_page_get_filter_bar (page);
  GtkWidget *chip_row = child (bar, CRM_TYPE_FILTER_BAR, "chip_row");
  GtkWidget *chips_box = child (bar, CRM_TYPE_FILTER_BAR, "chips_box");
  GtkLabel *count_label = child (page, CRM_TYPE_CLIENTS_PAGE, "count_label");
  g_autofree char *status_name = NULL;
  g_autofree char *chip_text = NULL;
  g_autofree char *expected = NULL;
  GtkWidget *chip;
  GtkWidget *label;
  gint64 status_id, n_status = 0;

  create_sample (window);
  g_assert_false (gtk_widget_get_visible (chip_row));

  /* A status narrows the list to the store's count and shows one chip */
  status_id = pick_status (crm_window_get_store (window), &n_status);
  status_name = crm_store_get_filter_value_name (crm_window_get_store (window), CRM_FILTER_STATUS,
                                                 status_id, NULL);
  g_assert_true (crm_filter_bar_add_condition (bar, CRM_FILTER_STATUS, status_id));
  g_assert_cmpuint (g_list_model_get_n_items (view_model (page)), ==, n_status);
  expected = g_strdup_printf (n_status == 1 ? "%u client" : "%u clients", (guint)n_status);
  g_assert_cmpstr (gtk_label_get_label (count_label), ==, expected);
  g_assert_true (gtk_widget_get_visible (chip_row));
  g_assert_cmpuint (crm_filter_bar_get_n_chips (bar), ==, 1);

  /* the chips come first, then Clear and Save as Segment */
  chip = gtk_widget_get_first_child (chips_box);
  g_assert_true (GTK_IS_BUTTON (chip));
  label = find_descendant (chip, GTK_TYPE_LABEL);
  chip_text = g_strdup_printf ("Status: %s", status_name);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, chip_text);

  /* Removing the chip restores the whole list and hides the chips */
  g_signal_emit_by_name (chip, "clicked");
  g_assert_cmpuint (g_list_model_get_n_items (view_model (page)), ==, SAMPLE_COMPANIES);
  g_assert_cmpstr (gtk_label_get_label (count_label), ==, "40 clients");
  g_assert_false (gtk_widget_get_visible (chip_row));
  g_assert_cmpuint (crm_filter_bar_get_n_chips (bar), ==, 0);

  /* The popover: Status, then a value's check button */
  {
    GtkMenuButton *add_button = child (bar, CRM_TYPE_FILTER_BAR, "add_button");
    GtkListBox *values_list = child (bar, CRM_TYPE_FILTER_BAR, "values_list");
    GtkStack *popover_stack = child (bar, CRM_TYPE_FILTER_BAR, "popover_stack");
    GtkWidget *status_row = find_named (GTK_WIDGET (popover_stack), "status");
    GtkWidget *check;

    gtk_menu_button_popup (add_button);
    g_assert_nonnull (status_row);
    g_signal_emit_by_name (status_row, "activate");
    g_assert_cmpstr (gtk_stack_get_visible_child_name (popover_stack), ==, "values");
    check = gtk_list_box_row_get_child (gtk_list_box_get_row_at_index (values_list, 0));
    g_assert_true (GTK_IS_CHECK_BUTTON (check));
    g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
    gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
    g_assert_cmpuint (crm_filter_bar_get_n_chips (bar), ==, 1);
    g_assert_cmpuint (g_list_model_get_n_items (view_model (page)), <, SAMPLE_COMPANIES);
    gtk_menu_button_popdown (add_button);

    /* Clear removes everything */
    g_signal_emit_by_name (child (bar, CRM_TYPE_FILTER_BAR, "clear_button"), "clicked");
    g_assert_true (crm_client_filter_is_empty (crm_clients_page_get_filter (page)));
    g_assert_cmpuint (g_list_model_get_n_items (view_model (page)), ==, SAMPLE_COMPANIES);
  }
}

typedef struct
{
  GtkListBox *list;
  guint       n_rows;
} RowsWait;

static gboolean
rows_are (gpointer data)
{
  RowsWait *wait = data;
  guint n = 0;

  while (gtk_list_box_get_row_at_index (wait->list, n) != NULL)
    n++;
  return n == wait->n_rows;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

typedef struct
{
  GtkLabel   *label;
  const char *text;
} CountLabelWait;

static gboolean
count_label_is (gpointer data)
{
  CountLabelWait *wait = data;

  return g_strcmp0 (gtk_label_get_label (wait->label), wait->text) == 0;
}

static void
test_segments (Fixture       *fixture,
               gconstpointer  data)
{
  CrmWindow *window = open_window (fixture);
  CrmClientsPage *page = child (window, CRM_TYPE_WINDOW, "clients_page");
  CrmFilterBar *bar = crm_clients_page_get_filter_bar (page);
  GtkListBox *sections = child (window, CRM_TYPE_WINDOW, "sections_list");
  g_autoptr(CrmClientFilter) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  AdwMessageDialog *dialog;
  GtkListBoxRow *row;
  RowsWait wait = { sections, 2 };   /* "Clients" and "Control" */
  gint64 status_id, n_status = 0, id;

  create_sample (window);
  wait_until (rows_are, &wait, "the sidebar without segments");

  status_id = pick_status (crm_window_get_store (window), &n_status);
  crm_filter_bar_add_condition (bar, CRM_FILTER_STATUS, status_id);

  /* Saving adds a row under "Clients" with the segment's count */
  id = crm_filter_bar_save_segment (bar, "Hot leads", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  wait.n_rows = 3;
  wait_until (rows_are, &wait, "the new segment's row");
  row = gtk_list_box_get_row_at_index (sections, 1);
  g_assert_cmpstr (gtk_widget_get_name (GTK_WIDGET (row)), ==, "segment");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (find_named (GTK_WIDGET (row), "segment-name"))),
                   ==, "Hot leads");
  count = crm_format_number (n_status);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (find_named (GTK_WIDGET (row), "segment-count"))),
                   ==, count);

  /* A client saved on the card out of the segment: its count follows, and
   * the row stays the same row */
  {
    CrmStore *store = crm_window_get_store (window);
    g_autoptr(CrmClientFilter) filter = crm_client_filter_new ();
    g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    g_autoptr(CrmClientRecord) record = NULL;
    g_autofree char *fewer = crm_format_number (n_status - 1);
    CountLabelWait count_wait = { GTK_LABEL (find_named (GTK_WIDGET (row), "segment-count")), fewer };
    CrmClientCard *card = CRM_CLIENT_CARD (find_descendant (GTK_WIDGET (page), CRM_TYPE_CLIENT_CARD));

    crm_client_filter_add (filter, CRM_FILTER_STATUS, status_id);
    g_assert_true (crm_store_page_filtered_clients (store, filter, 0, 1, ids, &error));
    record = crm_store_load_client_record (store, g_array_index (ids, gint64, 0), &error);
    g_assert_no_error (error);
    g_assert_cmpint (crm_store_update_client_field (store, record->id, "status", NULL, record->version, NULL,
                                                    &error), >, 0);
    g_assert_no_error (error);
    g_signal_emit_by_name (card, "saved");
    wait_until (count_label_is, &count_wait, "the segment's count to follow");
    g_assert_true (gtk_list_box_get_row_at_index (sections, 1) == row);
    n_status--;
  }

  /* A second segment with the same name is refused */
  g_assert_cmpint (crm_filter_bar_save_segment (bar, "Hot leads", &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* "Clients" lists everyone; the segment's row applies its filter */
  g_signal_emit_by_name (gtk_list_box_get_row_at_index (sections, 0), "activate");
  crm_clients_page_set_filter (page, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (view_model (page)), ==, SAMPLE_COMPANIES);
  g_assert_cmpuint (crm_filter_bar_get_n_chips (bar), ==, 0);

  g_signal_emit_by_name (row, "activate");
  g_assert_cmpuint (g_list_model_get_n_items (view_model (page)), ==, n_status);
  g_assert_cmpuint (crm_filter_bar_get_n_chips (bar), ==, 1);
  /* the page is titled by the segment it shows */
  g_assert_cmpstr (adw_window_title_get_title (child (window, CRM_TYPE_WINDOW, "content_title")), ==, "Hot leads");
  saved = crm_store_load_segment (crm_window_get_store (window), id, &error);
  g_assert_no_error (error);
  g_assert_true (crm_client_filter_equal (saved, crm_clients_page_get_filter (page)));
  /* editing the applied filter leaves the saved one alone */
  crm_client_filter_clear (crm_clients_page_get_filter (page));
  g_assert_cmpuint (crm_client_filter_has (saved, CRM_FILTER_STATUS, status_id), ==, TRUE);

  g_signal_emit_by_name (gtk_list_box_get_row_at_index (sections, 0), "activate");
  g_assert_cmpuint (g_list_model_get_n_items (view_model (page)), ==, SAMPLE_COMPANIES);
  g_assert_cmpstr (adw_window_title_get_title (child (window, CRM_TYPE_WINDOW, "content_title")), ==, "Clients");

  /* Deleting asks first, then removes the row */
  g_signal_emit_by_name (find_descendant (GTK_WIDGET (row), GTK_TYPE_BUTTON), "clicked");
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "delete");
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait.n_rows = 2;
  wait_until (rows_are, &wait, "the segment's row to go");
  g_assert_cmpint (crm_store_find_segment (crm_window_get_store (window), "Hot leads", NULL), ==, 0);
}

/* Delete asks, naming the client and what goes with it; Cancel keeps it */
static void
test_delete_client (Fixture       *fixture,
                    gconstpointer  data)
{
  CrmWindow *window = open_window (fixture);
  CrmClientsPage *page = child (window, CRM_TYPE_WINDOW, "clients_page");
  GtkLabel *count_label = child (page, CRM_TYPE_CLIENTS_PAGE, "count_label");
  CrmStore *store;
  g_autoptr(GObject) row = NULL;
  g_autoptr(CrmClientSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;
  gint64 id = 0;

  create_sample (window);
  store = crm_window_get_store (window);

  /* nothing selected: nothing to ask about */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "clients.delete", NULL));
  g_assert_null (find_message_dialog ());

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (view_model (page)), 3, TRUE);
  row = g_list_model_get_item (view_model (page), 3);
  g_object_get (row, "id", &id, "name", &name, NULL);
  g_assert_cmpint (id, >, 0);

  /* Cancel keeps the client */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "clients.delete", NULL));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  heading = g_strdup_printf ("Delete Client “%s”?", name);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "contact person"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "history"));
  /* what the client has not is not listed ("0 documents") */
  g_assert_cmpint (crm_store_count_documents (store, id, NULL), ==, 0);
  g_assert_null (strstr (adw_message_dialog_get_body (dialog), "document"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "delete"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (g_list_model_get_n_items (view_model (page)), ==, SAMPLE_COMPANIES);
  summary = crm_store_load_client_summary (store, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (summary);

  /* Delete removes it from the store and the list */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "clients.delete", NULL));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "delete");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (g_list_model_get_n_items (view_model (page)), ==, SAMPLE_COMPANIES - 1);
  g_assert_cmpstr (gtk_label_get_label (count_label), ==, "39 clients");
  g_clear_pointer (&summary, crm_client_summary_free);
  summary = crm_store_load_client_summary (store, id, &error);
  g_assert_null (summary);
  g_assert_nonnull (error);
}

/* @n more clients, "Zeta 000" on, after the sample's in the name order */
static void
add_clients (CrmStore *store,
             guint     n)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_store_begin (store, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("Zeta %03u", i);
      CrmCompanyData company = { .name = name };

      g_assert_cmpint (crm_store_add_company (store, &company, &error), >, 0);
    }
  g_assert_true (crm_store_commit (store, &error));
}

/* A reload (a client deleted, a card saved) keeps the list where the user
 * was, though the list tells its views "all out, all in" */
static void
test_reload_in_place (Fixture       *fixture,
                      gconstpointer  data)
{
  CrmWindow *window = open_window (fixture);
  CrmClientsPage *page = child (window, CRM_TYPE_WINDOW, "clients_page");
  GtkColumnView *view = child (page, CRM_TYPE_CLIENTS_PAGE, "column_view");
  GtkAdjustment *adjustment;
  GtkWidget *list_view = NULL;
  double before, after, row;

  create_sample (window);
  add_clients (crm_window_get_store (window), 960);
  crm_clients_page_reload (page);
  spin_for (100);

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (view)); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_LIST_VIEW (c))
      list_view = c;
  g_assert_nonnull (list_view);
  g_assert_true (gtk_widget_activate_action (list_view, "list.scroll-to-item", "u", 700));
  spin_for (200);
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  before = gtk_adjustment_get_value (adjustment);
  row = gtk_adjustment_get_upper (adjustment) / g_list_model_get_n_items (view_model (page));
  g_assert_cmpfloat (before, >, 100 * row);

  crm_clients_page_reload (page);
  spin_for (200);
  after = gtk_adjustment_get_value (adjustment);
  g_assert_cmpfloat (fabs (after - before), <=, 2 * row);
}

/* Showing a client (the duplicate guard's "Open", a client just created)
 * selects its row and scrolls to it, far down the list too */
static void
test_show_client (Fixture       *fixture,
                  gconstpointer  data)
{
  CrmWindow *window = open_window (fixture);
  CrmClientsPage *page = child (window, CRM_TYPE_WINDOW, "clients_page");
  GtkColumnView *view = child (page, CRM_TYPE_CLIENTS_PAGE, "column_view");
  GtkSingleSelection *selection = child (page, CRM_TYPE_CLIENTS_PAGE, "selection");
  CrmClientSummaryPane *pane = child (page, CRM_TYPE_CLIENTS_PAGE, "summary_pane");
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  CrmStore *store;
  gint64 id;

  create_sample (window);
  store = crm_window_get_store (window);
  add_clients (store, 960);
  crm_clients_page_reload (page);
  spin_for (100);

  /* "Zeta 800": the 841st in the name order */
  g_assert_true (crm_store_fetch_clients (store, CRM_CLIENT_SORT_NAME, FALSE, 840, 1, rows, &error));
  id = crm_client_row_get_id (g_ptr_array_index (rows, 0));
  g_assert_cmpstr (crm_client_row_get_name (g_ptr_array_index (rows, 0)), ==, "Zeta 800");

  crm_clients_page_show_client (page, id);
  spin_for (200);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 840);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (pane)));
  g_assert_cmpint (crm_client_summary_pane_get_id (pane), ==, id);
  g_assert_cmpfloat (gtk_adjustment_get_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view))), >, 0);
}

/* The "Manager" kind of the popover lists the users; one narrows the list */
static void
test_filter_manager (Fixture       *fixture,
                     gconstpointer  data)
{
  CrmWindow *window = open_window (fixture);
  CrmClientsPage *page = child (window, CRM_TYPE_WINDOW, "clients_page");
  CrmFilterBar *bar = crm_clients_page_get_filter_bar (page);
  GtkMenuButton *add_button = child (bar, CRM_TYPE_FILTER_BAR, "add_button");
  GtkListBox *values_list = child (bar, CRM_TYPE_FILTER_BAR, "values_list");
  GtkStack *popover_stack = child (bar, CRM_TYPE_FILTER_BAR, "popover_stack");
  CrmClientFilter *filter = crm_clients_page_get_filter (page);
  GtkWidget *manager_row;
  GtkWidget *check;
  const gint64 *ids;
  guint n_ids = 0;
  gint64 expected;

  create_sample (window);

  gtk_menu_button_popup (add_button);
  manager_row = find_named (GTK_WIDGET (popover_stack), "manager");
  g_assert_nonnull (manager_row);
  g_signal_emit_by_name (manager_row, "activate");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (popover_stack), ==, "values");
  g_assert_nonnull (gtk_list_box_get_row_at_index (values_list, 0));
  check = gtk_list_box_row_get_child (gtk_list_box_get_row_at_index (values_list, 0));
  g_assert_true (GTK_IS_CHECK_BUTTON (check));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  gtk_menu_button_popdown (add_button);

  ids = crm_client_filter_get_ids (filter, CRM_FILTER_MANAGER, &n_ids);
  g_assert_cmpuint (n_ids, ==, 1);
  g_assert_nonnull (ids);
  expected = crm_store_count_filtered_clients (crm_window_get_store (window), filter, NULL);
  g_assert_cmpint (expected, <, SAMPLE_COMPANIES);
  g_assert_cmpuint (g_list_model_get_n_items (view_model (page)), ==, expected);
  g_assert_cmpuint (crm_filter_bar_get_n_chips (bar), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/rapport/gui/format", test_format);
  g_test_add ("/rapport/gui/window/welcome", Fixture, NULL,
              fixture_set_up, test_welcome, fixture_tear_down);
  g_test_add ("/rapport/gui/window/size", Fixture, NULL,
              fixture_set_up, test_window_size, fixture_tear_down);
  g_test_add ("/rapport/gui/window/start-empty", Fixture, NULL,
              fixture_set_up, test_start_empty, fixture_tear_down);
  g_test_add ("/rapport/gui/window/cancel-sample", Fixture, NULL,
              fixture_set_up, test_cancel_sample, fixture_tear_down);
  g_test_add ("/rapport/gui/window/close-while-busy", Fixture, NULL,
              fixture_set_up, test_close_while_busy, fixture_tear_down);
  g_test_add ("/rapport/gui/window/sample", Fixture, NULL,
              fixture_set_up, test_sample, fixture_tear_down);
  g_test_add ("/rapport/gui/window/not-a-database", Fixture, NULL,
              fixture_set_up, test_not_a_database, fixture_tear_down);
  g_test_add ("/rapport/gui/new-client", Fixture, NULL,
              fixture_set_up, test_new_client_duplicate_guard, fixture_tear_down);
  g_test_add ("/rapport/gui/preferences", Fixture, NULL,
              fixture_set_up, test_preferences, fixture_tear_down);
  g_test_add ("/rapport/gui/filter-bar", Fixture, NULL,
              fixture_set_up, test_filter_bar, fixture_tear_down);
  g_test_add ("/rapport/gui/segments", Fixture, NULL,
              fixture_set_up, test_segments, fixture_tear_down);
  g_test_add ("/rapport/gui/client-columns", Fixture, NULL,
              fixture_set_up, test_client_columns, fixture_tear_down);
  g_test_add ("/rapport/gui/delete-client", Fixture, NULL,
              fixture_set_up, test_delete_client, fixture_tear_down);
  g_test_add ("/rapport/gui/show-client", Fixture, NULL,
              fixture_set_up, test_show_client, fixture_tear_down);
  g_test_add ("/rapport/gui/reload-in-place", Fixture, NULL,
              fixture_set_up, test_reload_in_place, fixture_tear_down);
  g_test_add ("/rapport/gui/filter-manager", Fixture, NULL,
              fixture_set_up, test_filter_manager, fixture_tear_down);

  return g_test_run ();
}
