/* test-dossier-print.c: printing a client's dossier and saving it as PDF
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb (suite "ui"). The print operation is exported to a PDF
 * file (what "Print to File" does), so its pages can be counted.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "crm-client-card.h"
#include "crm-dossier-print.h"
#include "gui-test-utils.h"

typedef struct
{
  char     *dir;
  char     *path;
  CrmStore *store;
  gint64    client;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CrmCompanyData company = { .name = "Ромашка" };
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  fixture->dir = g_dir_make_tmp ("rapport-dossier-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "clients.db", NULL);
  fixture->store = crm_store_open_full (fixture->path, CRM_STORE_OPEN_DEFAULT, "ru", &error);
  g_assert_no_error (error);
  fixture->client = crm_store_add_company (fixture->store, &company, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 120; i++)
    {
      CrmHistoryData entry = { .company_id = fixture->client, .kind = "call", .subject = "Звонок",
                               .body = "Обсудили условия поставки и сроки оплаты.",
                               .occurred_at = now - 3600 - (gint64)i * 86400 };

      crm_store_add_history (fixture->store, &entry, &error);
      g_assert_no_error (error);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static guint
count_pdf_pages (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  guint n = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  for (gsize i = 0; i + 12 < length; i++)
    if (memcmp (contents + i, "/Type /Page", 11) == 0 && contents[i + 11] != 's')
      n++;

  return n;
}

static void
test_period_dialog (Fixture       *fixture,
                    gconstpointer  data)
{
  AdwMessageDialog *dialog = crm_dossier_period_dialog_new (NULL, FALSE);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  GtkWidget *list = adw_message_dialog_get_extra_child (dialog);
  GtkWidget *from_row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
  GtkWidget *to_row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1));

  /* the last twelve months by default */
  g_assert_true (crm_dossier_period_dialog_get_days (dialog, &from, &to));
  g_assert_cmpstr (to, ==, today);
  g_assert_cmpint (strcmp (from, to), <, 0);
  g_assert_cmpint (atoi (from), >=, atoi (today) - 1);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "print"));

  /* a wrong date turns "Print…" off */
  gtk_editable_set_text (GTK_EDITABLE (from_row), "2026-02-30");
  g_assert_false (crm_dossier_period_dialog_get_days (dialog, NULL, NULL));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "print"));
  gtk_editable_set_text (GTK_EDITABLE (from_row), "2026-01-01");
  gtk_editable_set_text (GTK_EDITABLE (to_row), "2025-12-31");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "print"));
  gtk_editable_set_text (GTK_EDITABLE (to_row), "2026-01-31");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "print"));

  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The print operation draws the core's pages: exported, the file has them all */
static void
test_print_operation (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) year_ago = g_date_time_add_days (now, -365);
  g_autofree char *from = g_date_time_format (year_ago, "%Y-%m-%d");
  g_autofree char *to = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *pdf = g_build_filename (fixture->dir, "printed.pdf", NULL);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  CrmDossier *dossier = crm_dossier_load (fixture->store, fixture->client, from, to, &error);
  guint n_pages;

  g_assert_no_error (error);
  g_assert_cmpuint (crm_dossier_get_n_entries (dossier), ==, 120);
  operation = crm_dossier_print_operation_new (dossier);
  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_export_filename (operation, pdf);
  g_assert_cmpint (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error), ==,
                   GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);

  n_pages = crm_dossier_get_n_pages (dossier);
  g_assert_cmpuint (n_pages, >, 1);
  g_assert_cmpuint (count_pdf_pages (pdf), ==, n_pages);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  guint *pages = user_data;
  g_autoptr(GError) error = NULL;

  *pages = crm_dossier_save_pdf_finish (result, &error);
  g_assert_no_error (error);
}

static gboolean
is_set (gpointer data)
{
  return *(guint *)data != G_MAXUINT;
}

static void
test_save_in_thread (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (fixture->dir, "saved.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (pdf);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *to = g_date_time_format (now, "%Y-%m-%d");
  guint pages = G_MAXUINT;

  crm_dossier_save_pdf_async (fixture->store, fixture->client, "2000-01-01", to, file, NULL, saved_cb, &pages);
  g_assert_false (is_set (&pages));
  wait_until (is_set, &pages, "the dossier to be written");
  g_assert_cmpuint (pages, >, 1);
  g_assert_cmpuint (count_pdf_pages (pdf), ==, pages);
}

/* The card's menu has both actions */
static void
test_card_actions (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *card = crm_client_card_new ();

  gtk_window_set_child (GTK_WINDOW (window), card);
  crm_client_card_set_client (CRM_CLIENT_CARD (card), fixture->store, fixture->client);
  gtk_window_present (GTK_WINDOW (window));
  spin_for (100);

  g_assert_true (gtk_widget_activate_action (card, "card.print-dossier", NULL));
  spin_for (100);
  /* the period dialog asks first */
  {
    GList *toplevels = gtk_window_list_toplevels ();
    gboolean asked = FALSE;

    for (GList *l = toplevels; l; l = l->next)
      if (ADW_IS_MESSAGE_DIALOG (l->data) &&
          g_strcmp0 (adw_message_dialog_get_heading (l->data), "Print Dossier") == 0)
        {
          asked = TRUE;
          adw_message_dialog_response (l->data, "cancel");
        }
    g_list_free (toplevels);
    g_assert_true (asked);
  }
  g_assert_true (gtk_widget_activate_action (card, "card.save-dossier", NULL));
  spin_for (100);
  {
    GList *toplevels = gtk_window_list_toplevels ();
    gboolean asked = FALSE;

    for (GList *l = toplevels; l; l = l->next)
      if (ADW_IS_MESSAGE_DIALOG (l->data) &&
          g_strcmp0 (adw_message_dialog_get_heading (l->data), "Save Dossier as PDF") == 0)
        {
          asked = TRUE;
          adw_message_dialog_response (l->data, "cancel");
        }
    g_list_free (toplevels);
    g_assert_true (asked);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/dossier-print/period-dialog", Fixture, NULL, fixture_set_up, test_period_dialog, fixture_tear_down);
  g_test_add ("/dossier-print/print-operation", Fixture, NULL, fixture_set_up, test_print_operation,
              fixture_tear_down);
  g_test_add ("/dossier-print/save-in-thread", Fixture, NULL, fixture_set_up, test_save_in_thread,
              fixture_tear_down);
  g_test_add ("/dossier-print/card-actions", Fixture, NULL, fixture_set_up, test_card_actions, fixture_tear_down);

  return g_test_run ();
}
