/* test-control-view.c: the manager's control view
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb (suite "ui"): the view loads in its thread, shows each
 * salesperson's counts, lists forgotten clients and the latest activity, and
 * a client row opens the client's card; the main window reaches it from its
 * sidebar.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "control/crm-control-view.h"
#include "crm-client-card.h"
#include "crm-window.h"
#include "gui-test-utils.h"

#define DAY 86400

typedef struct
{
  char      *dir;
  char      *path;
  CrmStore  *store;
  gint64     anna;
  gint64     boris;
  gint64     alpha;    /* Anna's, called a minute ago */
  gint64     beta;     /* Anna's, last called 100 days ago */
  gint64     gamma;    /* Boris's, never contacted */
  GtkWidget *window;
  CrmControlView *view;
} Fixture;

static gint64
add_user (CrmStore   *store,
          const char *login,
          const char *name)
{
  g_autoptr(GError) error = NULL;
  CrmUserData user = { .login = login, .full_name = name, .role = "sales", .active = TRUE };
  gint64 id = crm_store_add_user (store, &user, &error);

  g_assert_no_error (error);
  return id;
}

static gint64
add_client (CrmStore   *store,
            const char *name,
            gint64      manager)
{
  g_autoptr(GError) error = NULL;
  CrmCompanyData company = { .name = name, .manager_id = manager };
  gint64 id = crm_store_add_company (store, &company, &error);

  g_assert_no_error (error);
  return id;
}

static void
add_entry (CrmStore   *store,
           gint64      company,
           gint64      user,
           const char *kind,
           const char *subject,
           gint64      when)
{
  g_autoptr(GError) error = NULL;
  CrmHistoryData entry = { .company_id = company, .user_id = user, .kind = kind, .subject = subject,
                           .occurred_at = when };

  crm_store_add_history (store, &entry, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  fixture->dir = g_dir_make_tmp ("rapport-control-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "clients.db", NULL);
  fixture->store = crm_store_open_full (fixture->path, CRM_STORE_OPEN_DEFAULT, "en", &error);
  g_assert_no_error (error);

  fixture->anna = add_user (fixture->store, "anna", "Anna Petrova");
  fixture->boris = add_user (fixture->store, "boris", "Boris Ivanov");
  fixture->alpha = add_client (fixture->store, "Alpha", fixture->anna);
  fixture->beta = add_client (fixture->store, "Beta", fixture->anna);
  fixture->gamma = add_client (fixture->store, "Gamma", fixture->boris);
  /* today (UTC): two calls and a meeting by Anna, a letter by Boris */
  add_entry (fixture->store, fixture->alpha, fixture->anna, "call", "Prices", now - 60);
  add_entry (fixture->store, fixture->alpha, fixture->anna, "call", "Delivery", now - 120);
  add_entry (fixture->store, fixture->alpha, fixture->anna, "meeting", "Contract", now - 180);
  add_entry (fixture->store, fixture->alpha, fixture->boris, "letter", "Offer", now - 240);
  add_entry (fixture->store, fixture->beta, fixture->anna, "call", "Old call", now - 100 * DAY);

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 700);
  fixture->view = CRM_CONTROL_VIEW (crm_control_view_new ());
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->view));
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (toplevels);
  g_clear_object (&fixture->store);
  g_unlink (fixture->path);
  g_free (fixture->path);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static gboolean
view_idle (gpointer data)
{
  return !crm_control_view_get_busy (data) && crm_control_view_get_table (data) != NULL;
}

static const char *
grid_text (GtkGrid *grid,
           int      x,
           int      y)
{
  GtkWidget *cell = gtk_grid_get_child_at (grid, x, y);

  g_assert_true (GTK_IS_LABEL (cell));
  return gtk_label_get_text (GTK_LABEL (cell));
}

/* The card window the view opened for a client */
static CrmClientCard *
find_card (void)
{
  GList *toplevels = gtk_window_list_toplevels ();
  CrmClientCard *card = NULL;

  for (GList *l = toplevels; l != NULL && card == NULL; l = l->next)
    if (ADW_IS_WINDOW (l->data))
      card = (CrmClientCard *)find_descendant (GTK_WIDGET (l->data), CRM_TYPE_CLIENT_CARD);
  g_list_free (toplevels);

  return card;
}

static void
test_counts (Fixture       *fixture,
             gconstpointer  data)
{
  GtkGrid *grid = child (fixture->view, CRM_TYPE_CONTROL_VIEW, "work_grid");
  const CrmActivityTable *table;
  const CrmActivityRow *anna;
  int total_column = 1 + CRM_ACTIVITY_N_KINDS;

  crm_control_view_set_store (fixture->view, fixture->store);
  g_assert_true (crm_control_view_get_busy (fixture->view));
  wait_until (view_idle, fixture->view, "the control view to load");

  table = crm_control_view_get_table (fixture->view);
  anna = crm_activity_table_find (table, fixture->anna);
  g_assert_nonnull (anna);
  g_assert_cmpint (anna->total, ==, 3);
  g_assert_cmpint (anna->by_kind[CRM_ACTIVITY_CALL], ==, 2);
  g_assert_cmpint (table->total, ==, 4);

  /* what the table shows: a heading row, then the salespeople by name */
  g_assert_cmpstr (grid_text (grid, 0, 0), ==, "Salesperson");
  g_assert_cmpstr (grid_text (grid, 1, 0), ==, "Calls");
  g_assert_cmpstr (grid_text (grid, total_column, 0), ==, "Total");
  g_assert_cmpstr (grid_text (grid, 0, 1), ==, "Anna Petrova");
  g_assert_cmpstr (grid_text (grid, 1, 1), ==, "2");
  g_assert_cmpstr (grid_text (grid, 2, 1), ==, "1");
  g_assert_cmpstr (grid_text (grid, total_column, 1), ==, "3");
  g_assert_cmpstr (grid_text (grid, 0, 2), ==, "Boris Ivanov");
  g_assert_cmpstr (grid_text (grid, total_column, 2), ==, "1");
  g_assert_cmpstr (grid_text (grid, 0, 3), ==, "All");
  g_assert_cmpstr (grid_text (grid, total_column, 3), ==, "4");
  g_assert_cmpuint (table->n_days, ==, 7);

  /* a custom period without entries; a bad one is refused */
  g_assert_false (crm_control_view_set_custom_period (fixture->view, "2020-02-30", "2020-03-01"));
  g_assert_true (crm_control_view_set_custom_period (fixture->view, "2020-01-01", "2020-01-31"));
  wait_until (view_idle, fixture->view, "the custom period");
  table = crm_control_view_get_table (fixture->view);
  g_assert_cmpuint (table->n_days, ==, 31);
  g_assert_cmpint (table->total, ==, 0);
  g_assert_cmpstr (grid_text (grid, total_column, 1), ==, "0");
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (g_str_equal (gtk_widget_get_name (c), name))
        return c;
      if ((found = find_named (c, name)) != NULL)
        return found;
    }

  return NULL;
}

static gboolean
has_forgotten_client (gpointer data)
{
  return find_named (data, "forgotten-client") != NULL;
}

static void
test_forgotten_opens_card (Fixture       *fixture,
                           gconstpointer  data)
{
  GtkListBox *list = child (fixture->view, CRM_TYPE_CONTROL_VIEW, "forgotten_list");
  GPtrArray *forgotten;
  GtkWidget *expander;
  GtkWidget *row;
  CrmClientCard *card;

  crm_control_view_set_store (fixture->view, fixture->store);
  wait_until (view_idle, fixture->view, "the control view to load");

  /* 30 days: Anna's Beta, Boris's Gamma (never contacted) */
  forgotten = crm_control_view_get_forgotten (fixture->view);
  g_assert_cmpuint (forgotten->len, ==, 2);
  g_assert_cmpint (((CrmForgottenCount *)g_ptr_array_index (forgotten, 0))->user_id, ==, fixture->anna);
  g_assert_cmpint (((CrmForgottenCount *)g_ptr_array_index (forgotten, 0))->n_forgotten, ==, 1);
  g_assert_cmpint (((CrmForgottenCount *)g_ptr_array_index (forgotten, 0))->n_clients, ==, 2);

  /* 200 days: only Gamma */
  crm_control_view_set_days (fixture->view, 200);
  wait_until (view_idle, fixture->view, "the forgotten clients of 200 days");
  forgotten = crm_control_view_get_forgotten (fixture->view);
  g_assert_cmpint (((CrmForgottenCount *)g_ptr_array_index (forgotten, 0))->n_forgotten, ==, 0);
  g_assert_cmpint (((CrmForgottenCount *)g_ptr_array_index (forgotten, 1))->n_forgotten, ==, 1);
  crm_control_view_set_days (fixture->view, 30);
  wait_until (view_idle, fixture->view, "the forgotten clients of 30 days");

  /* Anna's row lists Beta when expanded */
  expander = GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0));
  g_assert_true (ADW_IS_EXPANDER_ROW (expander));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (expander)), ==, "Anna Petrova");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
  wait_until (has_forgotten_client, expander, "Anna's forgotten clients");
  row = find_named (expander, "forgotten-client");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Beta");

  /* activating it opens Beta's card */
  g_assert_null (find_card ());
  adw_action_row_activate (ADW_ACTION_ROW (row));
  card = find_card ();
  g_assert_nonnull (card);
  g_assert_cmpint (crm_client_card_get_id (card), ==, fixture->beta);
}

static void
test_latest_opens_card (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkListBox *list = child (fixture->view, CRM_TYPE_CONTROL_VIEW, "latest_list");
  GtkListBoxRow *row;
  CrmClientCard *card;

  crm_control_view_set_store (fixture->view, fixture->store);
  wait_until (view_idle, fixture->view, "the control view to load");

  g_assert_cmpuint (crm_control_view_get_n_latest (fixture->view), ==, 5);
  row = gtk_list_box_get_row_at_index (list, 0);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Alpha — Prices");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Anna Petrova"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Call"));
  row = gtk_list_box_get_row_at_index (list, 4);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Beta — Old call");

  g_signal_emit_by_name (list, "row-activated", row);
  card = find_card ();
  g_assert_nonnull (card);
  g_assert_cmpint (crm_client_card_get_id (card), ==, fixture->beta);

  /* closing the card closes its window */
  g_signal_emit_by_name (card, "closed");
  spin_for (50);
  g_assert_null (find_card ());
}

static gboolean
window_main (gpointer data)
{
  return g_strcmp0 (crm_window_get_page (data), "main") == 0;
}

/* The sidebar's "Control" row shows the view on the window's database */
static void
test_window_sidebar (Fixture       *fixture,
                     gconstpointer  data)
{
  CrmWindow *window;
  GtkListBox *sections;
  GtkStack *stack;
  CrmControlView *view;
  GtkListBoxRow *control = NULL;

  g_clear_object (&fixture->store);
  window = crm_window_new (NULL, fixture->path);
  gtk_window_present (GTK_WINDOW (window));
  wait_until (window_main, window, "the window to open its database");
  spin_for (200);

  sections = child (window, CRM_TYPE_WINDOW, "sections_list");
  stack = child (window, CRM_TYPE_WINDOW, "section_stack");
  view = child (window, CRM_TYPE_WINDOW, "control_view");
  for (int i = 0; (control == NULL || !g_str_equal (gtk_widget_get_name (GTK_WIDGET (control)), "control")); i++)
    {
      control = gtk_list_box_get_row_at_index (sections, i);
      g_assert_nonnull (control);
    }
  g_assert_null (crm_control_view_get_store (view));

  g_signal_emit_by_name (sections, "row-activated", control);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "control");
  g_assert_true (crm_control_view_get_store (view) == crm_window_get_store (window));
  wait_until (view_idle, view, "the control view in the window");
  g_assert_cmpint (crm_control_view_get_table (view)->total, ==, 4);

  /* the segments' reload keeps the row */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.reload-clients", NULL);
  spin_for (300);
  control = NULL;
  for (int i = 0; gtk_list_box_get_row_at_index (sections, i) != NULL; i++)
    if (g_str_equal (gtk_widget_get_name (GTK_WIDGET (gtk_list_box_get_row_at_index (sections, i))), "control"))
      control = gtk_list_box_get_row_at_index (sections, i);
  g_assert_nonnull (control);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/control-view/counts", Fixture, NULL, fixture_set_up, test_counts, fixture_tear_down);
  g_test_add ("/control-view/forgotten-opens-card", Fixture, NULL,
              fixture_set_up, test_forgotten_opens_card, fixture_tear_down);
  g_test_add ("/control-view/latest-opens-card", Fixture, NULL,
              fixture_set_up, test_latest_opens_card, fixture_tear_down);
  g_test_add ("/control-view/window-sidebar", Fixture, NULL,
              fixture_set_up, test_window_sidebar, fixture_tear_down);

  return g_test_run ();
}
