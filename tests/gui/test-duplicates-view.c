/* test-duplicates-view.c
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-duplicates-view"

#include "config.h"

#include <glib/gstdio.h>
#include <adwaita.h>

#include "crm-client-edit.h"
#include "crm-duplicates-view.h"
#include "crm-merge-dialog.h"
#include "crm-welcome-page.h"
#include "crm-window.h"
#include "gui-test-utils.h"

/* The "Find Duplicates" view and its merge dialog, driven through their API
 * and actions. Runs under Xvfb (suite "ui"). */

static gboolean
view_idle (gpointer data)
{
  return !crm_duplicates_view_get_busy (data);
}

typedef struct
{
  char     *dir;
  char     *path;
  CrmStore *store;
  gint64    a_id;
  gint64    b_id;
} Fixture;

static gint64
add_client (CrmStore   *store,
            const char *name,
            const char *city,
            const char *contact_first,
            const char *contact_last)
{
  g_autoptr(GError) error = NULL;
  CrmCompanyData company = { 0 };
  CrmContactData contact = { 0 };
  gint64 id;

  company.name = name;
  company.city = city;
  company.created_at = 1700000000;
  id = crm_store_add_company (store, &company, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  contact.company_id = id;
  contact.first_name = contact_first;
  contact.last_name = contact_last;
  contact.created_at = 1700000000;
  crm_store_add_contact (store, &contact, &error);
  g_assert_no_error (error);

  return id;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("rapport-duplicates-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "clients.db", NULL);
  fixture->store = crm_store_open_full (fixture->path, CRM_STORE_OPEN_DEFAULT, "en", &error);
  g_assert_no_error (error);

  fixture->a_id = add_client (fixture->store, "ООО «Ромашка»", "Москва", "Иван", "Петров");
  fixture->b_id = add_client (fixture->store, "\"Ромашка\" ООО", "Казань", "Анна", "Смирнова");
  /* Not a duplicate of either */
  add_client (fixture->store, "Василёк", "Тверь", "Олег", "Орлов");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  spin_for (50);
  g_clear_object (&fixture->store);

  remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static gint64
count_clients (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  gint64 n = crm_store_count_clients (fixture->store, &error);

  g_assert_no_error (error);
  return n;
}

static CrmDuplicatesView *
open_view (Fixture *fixture)
{
  CrmDuplicatesView *view = crm_duplicates_view_new (NULL, fixture->store);

  gtk_window_present (GTK_WINDOW (view));
  wait_until (view_idle, view, "the scan");
  return view;
}

static void
test_lists_pair (Fixture       *fixture,
                 gconstpointer  data)
{
  CrmDuplicatesView *view = open_view (fixture);
  const CrmDuplicatePair *pair;
  GtkStack *stack;

  g_assert_cmpuint (crm_duplicates_view_get_n_pairs (view), ==, 1);
  g_assert_false (crm_duplicates_view_get_truncated (view));
  pair = crm_duplicates_view_get_pair (view, 0);
  g_assert_nonnull (pair);
  g_assert_cmpint (MIN (pair->a_id, pair->b_id), ==, fixture->a_id);
  g_assert_cmpint (MAX (pair->a_id, pair->b_id), ==, fixture->b_id);
  g_assert_true (pair->reasons & CRM_DUPLICATE_NAME);

  stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (view), CRM_TYPE_DUPLICATES_VIEW, "stack"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");

  gtk_window_destroy (GTK_WINDOW (view));
}

static void
test_merge_and_undo (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmClientRecord) record = NULL;
  CrmDuplicatesView *view = open_view (fixture);
  CrmMergeDialog *dialog;
  GtkStack *stack;
  gint64 merge_id;

  /* only the second client has a website */
  {
    g_autoptr(CrmClientRecord) b = crm_store_load_client_record (fixture->store, fixture->b_id, &error);

    g_assert_no_error (error);
    g_assert_cmpint (crm_store_update_client_field (fixture->store, fixture->b_id, "website", "romashka.example",
                                                    b->version, NULL, &error), >, 0);
    g_assert_no_error (error);
  }

  dialog = crm_duplicates_view_open_merge (view, 0);
  g_assert_nonnull (dialog);
  gtk_window_present (GTK_WINDOW (dialog));

  /* The first client is kept and its values are preselected, but not an
   * empty one over the other's */
  g_assert_cmpint (crm_merge_dialog_get_kept_id (dialog), ==, fixture->a_id);
  g_assert_cmpint (crm_merge_dialog_get_field_source (dialog, "city"), ==, fixture->a_id);
  g_assert_cmpint (crm_merge_dialog_get_field_source (dialog, "name"), ==, fixture->a_id);
  g_assert_cmpint (crm_merge_dialog_get_field_source (dialog, "website"), ==, fixture->b_id);

  /* Switching the kept client preselects its values, and back */
  crm_merge_dialog_set_kept_id (dialog, fixture->b_id);
  g_assert_cmpint (crm_merge_dialog_get_field_source (dialog, "city"), ==, fixture->b_id);
  crm_merge_dialog_set_kept_id (dialog, fixture->a_id);
  g_assert_cmpint (crm_merge_dialog_get_field_source (dialog, "city"), ==, fixture->a_id);

  /* The second client's city wins */
  crm_merge_dialog_set_field_source (dialog, "city", fixture->b_id);
  merge_id = crm_merge_dialog_merge (dialog, &error);
  g_assert_no_error (error);
  g_assert_cmpint (merge_id, >, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_assert_cmpint (count_clients (fixture), ==, 2);
  record = crm_store_load_client_record (fixture->store, fixture->a_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (record->city, ==, "Казань");
  g_assert_cmpstr (record->name, ==, "ООО «Ромашка»");
  g_assert_cmpuint (record->contacts->len, ==, 2);
  g_clear_pointer (&record, crm_client_record_unref);

  /* The pair is gone from the view */
  g_assert_cmpuint (crm_duplicates_view_get_n_pairs (view), ==, 0);
  g_assert_cmpint (crm_duplicates_view_get_last_merge (view), ==, merge_id);
  stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (view), CRM_TYPE_DUPLICATES_VIEW, "stack"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");

  /* "Undo" of the toast brings both clients back, and the pair */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "duplicates.undo", "x", merge_id));
  g_assert_cmpint (count_clients (fixture), ==, 3);
  record = crm_store_load_client_record (fixture->store, fixture->a_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (record->city, ==, "Москва");
  g_assert_cmpuint (record->contacts->len, ==, 1);
  g_clear_pointer (&record, crm_client_record_unref);
  record = crm_store_load_client_record (fixture->store, fixture->b_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (record->city, ==, "Казань");
  g_assert_cmpuint (record->contacts->len, ==, 1);

  wait_until (view_idle, view, "the scan after the undo");
  g_assert_cmpuint (crm_duplicates_view_get_n_pairs (view), ==, 1);
  g_assert_cmpint (crm_duplicates_view_get_last_merge (view), ==, 0);

  gtk_window_destroy (GTK_WINDOW (view));
}

/* Closing the view while it scans cancels the scan without a crash */
static void
test_close_while_scanning (Fixture       *fixture,
                           gconstpointer  data)
{
  CrmDuplicatesView *view = crm_duplicates_view_new (NULL, fixture->store);

  gtk_window_present (GTK_WINDOW (view));
  g_assert_true (crm_duplicates_view_get_busy (view));
  gtk_window_destroy (GTK_WINDOW (view));
  spin_for (200);
}

static gboolean
window_loaded (gpointer data)
{
  return g_strcmp0 (crm_window_get_page (data), "loading") != 0;
}

/* The main window's menu item opens the view on its database */
static void
test_window_action (Fixture       *fixture,
                    gconstpointer  data)
{
  CrmWindow *window;
  GList *toplevels;
  CrmDuplicatesView *view = NULL;

  g_clear_object (&fixture->store);
  window = crm_window_new (NULL, fixture->path);
  gtk_window_present (GTK_WINDOW (window));
  wait_until (window_loaded, window, "the database to open");
  g_assert_cmpstr (crm_window_get_page (window), ==, "main");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.find-duplicates", NULL));
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (CRM_IS_DUPLICATES_VIEW (l->data))
      view = l->data;
  g_list_free (toplevels);
  g_assert_nonnull (view);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (view)) == GTK_WINDOW (window));
  wait_until (view_idle, view, "the scan");
  g_assert_cmpuint (crm_duplicates_view_get_n_pairs (view), ==, 1);

  gtk_window_destroy (GTK_WINDOW (view));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/duplicates-view/lists-pair", Fixture, NULL,
              fixture_set_up, test_lists_pair, fixture_tear_down);
  g_test_add ("/duplicates-view/merge-and-undo", Fixture, NULL,
              fixture_set_up, test_merge_and_undo, fixture_tear_down);
  g_test_add ("/duplicates-view/close-while-scanning", Fixture, NULL,
              fixture_set_up, test_close_while_scanning, fixture_tear_down);
  g_test_add ("/duplicates-view/window-action", Fixture, NULL,
              fixture_set_up, test_window_action, fixture_tear_down);

  return g_test_run ();
}
