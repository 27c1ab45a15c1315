/* test-timeline.c: the timeline on the client card and the quick entry
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "crm-client-card.h"
#include "crm-client-edit.h"
#include "crm-history-list.h"
#include "crm-log-dialog.h"
#include "crm-timeline-details.h"
#include "crm-timeline-view.h"
#include "crm-wrap-box.h"
#include "gui-test-utils.h"

/* Runs under Xvfb (suite "ui"): a card of a client with many entries,
 * driven through its actions and checked against the database. */

typedef struct
{
  char            *dir;
  CrmStore        *store;
  gint64           client_id;
  gint64           colleague;
  gint64           colleague_entry;
  GtkWindow       *window;
  CrmClientCard   *card;
  CrmTimelineView *timeline;
} Fixture;

#define N_COLLEAGUE 1200   /* calls and notes over 600 days */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  CrmCompanyData company = { .name = "Northwind Traders" };
  CrmUserData colleague = { .login = "jdoe", .full_name = "Jane Doe", .role = "sales", .active = TRUE };
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  g_autoptr(GDateTime) noon = g_date_time_new_local (g_date_time_get_year (today), g_date_time_get_month (today),
                                                     g_date_time_get_day_of_month (today), 12, 0, 0);
  /* two a day, at noon and 11:00, from three days ago back */
  gint64 newest = g_date_time_to_unix (noon) - 3 * 24 * 3600;

  f->dir = g_dir_make_tmp ("rapport-timeline-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "clients.db", NULL);
  f->store = crm_store_open_full (path, CRM_STORE_OPEN_DEFAULT, "en", &error);
  g_assert_no_error (error);
  f->client_id = crm_store_add_company (f->store, &company, &error);
  f->colleague = crm_store_add_user (f->store, &colleague, &error);
  g_assert_no_error (error);

  g_assert_true (crm_store_begin (f->store, &error));
  for (int i = 0; i < N_COLLEAGUE; i++)
    {
      CrmHistoryData entry = { .company_id = f->client_id, .user_id = f->colleague,
                               .kind = i % 2 ? "note" : "call", .subject = "Earlier talk",
                               .occurred_at = newest - (gint64)(i / 2) * 24 * 3600 - (i % 2) * 3600 };
      gint64 id = crm_store_add_history (f->store, &entry, &error);

      if (i == 0)
        f->colleague_entry = id;
    }
  g_assert_true (crm_store_commit (f->store, &error));
  g_assert_no_error (error);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 420, 800);
  f->card = CRM_CLIENT_CARD (crm_client_card_new ());
  gtk_window_set_child (f->window, GTK_WIDGET (f->card));
  gtk_window_present (f->window);
  g_assert_true (crm_client_card_set_client (f->card, f->store, f->client_id));
  f->timeline = child (f->card, CRM_TYPE_CLIENT_CARD, "timeline_view");
  spin_for (50);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  spin_for (50);
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->dir);
}

static CrmHistoryItem *
item_at (Fixture *f,
         guint    position)
{
  return g_list_model_get_item (crm_timeline_view_get_model (f->timeline), position);
}

static CrmLogDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (CRM_IS_LOG_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return CRM_LOG_DIALOG (window);
    }
  return NULL;
}

/* Opening the card shows the whole timeline, counted, with day headers */
static void
test_open (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(CrmHistoryItem) first = NULL;
  g_autoptr(CrmHistoryItem) second = NULL;
  g_autoptr(CrmHistoryItem) third = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = NULL;
  g_autofree char *yesterday = NULL;
  GtkLabel *count = child (f->timeline, CRM_TYPE_TIMELINE_VIEW, "count_label");

  g_assert_cmpuint (crm_timeline_view_get_n_shown (f->timeline), ==, N_COLLEAGUE);
  g_assert_cmpstr (gtk_label_get_label (count), ==, "1,200 entries");

  /* the three filters wrap in a narrow card instead of cutting their values */
  {
    GtkWidget *user = child (f->timeline, CRM_TYPE_TIMELINE_VIEW, "user_drop");
    GtkWidget *period = child (f->timeline, CRM_TYPE_TIMELINE_VIEW, "period_drop");

    g_assert_true (CRM_IS_WRAP_BOX (gtk_widget_get_parent (user)));
    g_assert_true (gtk_widget_get_parent (period) == gtk_widget_get_parent (user));
  }

  /* two a day: the first of each day starts it, the second does not */
  first = item_at (f, 0);
  second = item_at (f, 1);
  third = item_at (f, 2);
  g_assert_true (crm_history_item_get_starts_day (first));
  g_assert_false (crm_history_item_get_starts_day (second));
  g_assert_true (crm_history_item_get_starts_day (third));
  /* only the rows the view keeps were fetched (GTK 4.8's list view keeps up
   * to 200 rows around the top), not all 1,200 entries */
  g_assert_cmpuint (crm_history_list_get_n_fetches (CRM_HISTORY_LIST (crm_timeline_view_get_model (f->timeline))), <=, 5);

  today = crm_timeline_format_day (g_date_time_to_unix (now), now);
  g_assert_cmpstr (today, ==, "Today");
  yesterday = crm_timeline_format_day (g_date_time_to_unix (now) - 24 * 3600, now);
  g_assert_cmpstr (yesterday, ==, "Yesterday");
  {
    g_autoptr(GDateTime) day = g_date_time_new_local (2026, 11, 23, 10, 0, 0);
    g_autoptr(GDateTime) later = g_date_time_new_local (2027, 1, 5, 10, 0, 0);
    g_autofree char *text = crm_timeline_format_day (g_date_time_to_unix (day), later);

    g_assert_cmpstr (text, ==, "Monday, 23 November 2026");
  }
}

/* Filtering by kind counts again */
static void
test_filter_kind (Fixture       *f,
                  gconstpointer  data)
{
  const char * const notes[] = { "note", NULL };
  GtkLabel *count = child (f->timeline, CRM_TYPE_TIMELINE_VIEW, "count_label");

  crm_timeline_view_set_kind_filter (f->timeline, notes);
  g_assert_cmpuint (crm_timeline_view_get_n_shown (f->timeline), ==, N_COLLEAGUE / 2);
  g_assert_cmpstr (gtk_label_get_label (count), ==, "600 entries");
  {
    g_autoptr(CrmHistoryItem) item = item_at (f, 0);
    g_assert_cmpstr (crm_history_item_get_entry (item)->kind, ==, "note");
  }
  crm_timeline_view_set_kind_filter (f->timeline, NULL);
  g_assert_cmpuint (crm_timeline_view_get_n_shown (f->timeline), ==, N_COLLEAGUE);
}

/* Ctrl+L's action opens the quick entry; a refused entry is said in the
 * dialog and nothing is lost; a call with an outcome is listed first */
static void
test_quick_entry (Fixture       *f,
                  gconstpointer  data)
{
  CrmLogDialog *dialog;
  g_autoptr(CrmHistoryItem) item = NULL;
  const CrmHistoryEntry *entry;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->card), "card.log-entry", "s", "call"));
  spin_for (50);
  g_assert_nonnull (dialog = find_dialog ());
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Log: Call");

  /* an outcome that asks for a reason, and none chosen */
  crm_log_dialog_set_text (dialog, "Asked about the spring prices\nThey will call back");
  crm_log_dialog_select_outcome (dialog, "Not interested");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "log.save", NULL));
  g_assert_nonnull (crm_log_dialog_get_error (dialog));
  g_assert_true (find_dialog () == dialog);
  g_assert_cmpuint (crm_timeline_view_get_n_shown (f->timeline), ==, N_COLLEAGUE);

  crm_log_dialog_select_outcome (dialog, "Reached");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "log.save", NULL));
  spin_for (50);
  g_assert_null (find_dialog ());

  g_assert_cmpuint (crm_timeline_view_get_n_shown (f->timeline), ==, N_COLLEAGUE + 1);
  item = item_at (f, 0);
  entry = crm_history_item_get_entry (item);
  g_assert_cmpstr (entry->kind, ==, "call");
  g_assert_cmpstr (entry->subject, ==, "Asked about the spring prices");
  g_assert_cmpstr (entry->body, ==, "They will call back");
  g_assert_cmpstr (entry->outcome, ==, "Reached");
  g_assert_cmpint (entry->direction, ==, CRM_DIRECTION_OUTGOING);
  g_assert_cmpint (entry->user_id, ==, crm_store_get_current_user_id (f->store));
  g_assert_true (crm_history_item_get_starts_day (item));
  g_assert_true (crm_timeline_view_can_edit (f->timeline, entry->id));
  /* the card went to its timeline */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (f->card, CRM_TYPE_CLIENT_CARD, "stack")), ==,
                   "timeline");
}

static gint64
log_note (Fixture    *f,
          const char *text)
{
  g_autoptr(GError) error = NULL;
  CrmHistoryData note = { .company_id = f->client_id, .kind = "note", .body = text,
                          .occurred_at = g_get_real_time () / G_USEC_PER_SEC };
  gint64 id = crm_store_log_entry (f->store, &note, &error);

  g_assert_no_error (error);
  crm_timeline_view_reload (f->timeline);
  return id;
}

/* One's own entry is edited in the same dialog, deleted, and undone */
static void
test_edit_delete_undo (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(CrmHistoryEntry) saved = NULL;
  CrmLogDialog *dialog;
  gint64 id = log_note (f, "First thoughts");

  dialog = crm_timeline_view_edit_entry (f->timeline, id);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Edit: Note");
  crm_log_dialog_set_text (dialog, "Second thoughts");
  g_assert_true (crm_log_dialog_save (dialog));
  spin_for (50);
  saved = crm_store_load_history_entry (f->store, id, NULL);
  g_assert_cmpstr (saved->subject, ==, "Second thoughts");
  g_assert_cmpint (saved->version, ==, 2);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->timeline), "timeline.delete-entry", "x", id));
  g_assert_cmpuint (crm_timeline_view_get_n_shown (f->timeline), ==, N_COLLEAGUE);
  g_assert_null (crm_store_load_history_entry (f->store, id, NULL));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->timeline), "timeline.undo-delete", NULL));
  g_assert_cmpuint (crm_timeline_view_get_n_shown (f->timeline), ==, N_COLLEAGUE + 1);
  {
    g_autoptr(CrmHistoryItem) item = item_at (f, 0);
    g_assert_cmpint (crm_history_item_get_id (item), ==, id);
    g_assert_cmpstr (crm_history_item_get_entry (item)->subject, ==, "Second thoughts");
  }
}

/* Someone changed the entry while it was being edited: the dialog says so,
 * shows the saved version, and saving again writes over it knowingly */
static void
test_edit_conflict (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmHistoryEntry) saved = NULL;
  CrmHistoryData other = { .kind = "note", .subject = "Changed elsewhere" };
  CrmLogDialog *dialog;
  gint64 id = log_note (f, "Original");

  dialog = crm_timeline_view_edit_entry (f->timeline, id);
  g_assert_cmpint (crm_store_update_history_entry (f->store, id, 1, &other, &error), ==, 2);
  g_assert_no_error (error);

  crm_log_dialog_set_text (dialog, "Mine");
  g_assert_false (crm_log_dialog_save (dialog));
  g_assert_nonnull (strstr (crm_log_dialog_get_error (dialog), "Someone changed this entry"));
  saved = crm_store_load_history_entry (f->store, id, NULL);
  g_assert_cmpstr (saved->subject, ==, "Changed elsewhere");

  crm_log_dialog_set_text (dialog, "Mine after all");
  g_assert_true (crm_log_dialog_save (dialog));
  spin_for (50);
  g_clear_pointer (&saved, crm_history_entry_free);
  saved = crm_store_load_history_entry (f->store, id, NULL);
  g_assert_cmpstr (saved->subject, ==, "Mine after all");
}

/* Another salesperson's entry and the program's ones offer no edit */
static void
test_others_entry (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 mine = log_note (f, "Mine");
  gint64 change;

  g_assert_true (crm_timeline_view_can_edit (f->timeline, mine));
  g_assert_false (crm_timeline_view_can_edit (f->timeline, f->colleague_entry));

  crm_store_update_client_field (f->store, f->client_id, "city", "Boston", 1, NULL, &error);
  g_assert_no_error (error);
  crm_timeline_view_reload (f->timeline);
  {
    g_autoptr(CrmHistoryItem) item = item_at (f, 0);
    const CrmHistoryEntry *entry = crm_history_item_get_entry (item);
    g_autofree char *text = crm_timeline_format_change (entry);

    g_assert_cmpstr (entry->kind, ==, "field-changed");
    change = entry->id;
    g_assert_cmpstr (text, ==, "City: — → Boston");
    g_assert_true (crm_timeline_detail_lookup (entry->kind)->collapsed);
  }
  g_assert_false (crm_timeline_view_can_edit (f->timeline, change));

  /* and the store refuses it even through the action */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->timeline), "timeline.delete-entry", "x",
                                             f->colleague_entry));
  g_assert_cmpuint (crm_timeline_view_get_n_shown (f->timeline), ==, N_COLLEAGUE + 2);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/crm/timeline/open", Fixture, NULL, fixture_set_up, test_open, fixture_tear_down);
  g_test_add ("/crm/timeline/filter-kind", Fixture, NULL, fixture_set_up, test_filter_kind, fixture_tear_down);
  g_test_add ("/crm/timeline/quick-entry", Fixture, NULL, fixture_set_up, test_quick_entry, fixture_tear_down);
  g_test_add ("/crm/timeline/edit-delete-undo", Fixture, NULL, fixture_set_up, test_edit_delete_undo,
              fixture_tear_down);
  g_test_add ("/crm/timeline/edit-conflict", Fixture, NULL, fixture_set_up, test_edit_conflict,
              fixture_tear_down);
  g_test_add ("/crm/timeline/others-entry", Fixture, NULL, fixture_set_up, test_others_entry, fixture_tear_down);

  return g_test_run ();
}
