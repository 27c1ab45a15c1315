/* test-import-window.c
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-import-window"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <adwaita.h>

#include "crm-clients-page.h"
#include "crm-csv.h"
#include "crm-export-clients.h"
#include "crm-import-window.h"
#include "crm-welcome-page.h"
#include "crm-window.h"
#include "gui-test-utils.h"

/* The import wizard driven through its actions, without the file chooser,
 * and the export of a filtered list. Runs under Xvfb (suite "ui"). */

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
import_idle (gpointer data)
{
  return !crm_import_window_get_busy (data);
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
  CrmWelcomePage *welcome;

  fixture->dir = g_dir_make_tmp ("rapport-import-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "clients.db", NULL);

  fixture->window = crm_window_new (NULL, fixture->path);
  gtk_window_present (GTK_WINDOW (fixture->window));
  wait_until (window_loaded, fixture->window, "the database to open");

  welcome = child (fixture->window, CRM_TYPE_WINDOW, "welcome_page");
  crm_welcome_page_set_demo_companies (welcome, SAMPLE_COMPANIES);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (welcome), "welcome.create-sample", NULL));
  wait_until (window_on_main, fixture->window, "the sample database");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  spin_for (50);

  remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static GListModel *
view_model (CrmWindow *window)
{
  CrmClientsPage *page = child (window, CRM_TYPE_WINDOW, "clients_page");
  GtkColumnView *view = child (page, CRM_TYPE_CLIENTS_PAGE, "column_view");

  return G_LIST_MODEL (gtk_column_view_get_model (view));
}

typedef struct
{
  CrmWindow *window;
  guint      n_items;
} CountWait;

static gboolean
list_has_count (gpointer data)
{
  CountWait *wait = data;

  return g_list_model_get_n_items (view_model (wait->window)) == wait->n_items;
}

static const CrmImportProblem *
find_problem (const CrmImportReport *report,
              guint                  line)
{
  for (guint i = 0; i < report->problems->len; i++)
    {
      const CrmImportProblem *problem = g_ptr_array_index (report->problems, i);

      if (problem->line == line)
        return problem;
    }
  return NULL;
}

static CrmImportWindow *
find_wizard (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (CRM_IS_IMPORT_WINDOW (l->data))
      return l->data;

  g_assert_not_reached ();
  return NULL;
}

/* A cell of the preview by its text */
static GtkWidget *
find_cell (CrmImportWindow *wizard,
           const char      *text)
{
  GtkWidget *grid = child (wizard, CRM_TYPE_IMPORT_WINDOW, "preview_grid");

  for (GtkWidget *c = gtk_widget_get_first_child (grid); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_LABEL (c) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (c)), text) == 0)
      return c;

  g_error ("no cell “%s” in the preview", text);
  return NULL;
}

static void
test_import_csv (Fixture       *fixture,
                 gconstpointer  data)
{
  CrmWindow *window = fixture->window;
  CrmStore *store = crm_window_get_store (window);
  guint before = g_list_model_get_n_items (view_model (window));
  CrmImportWindow *wizard;
  const CrmImportReport *report;
  const CrmImportProblem *problem;
  GtkListView *problems;
  CountWait wait = { window, 0 };

  g_assert_cmpuint (before, ==, SAMPLE_COMPANIES);
  /* the menu's action opens the wizard over the window */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import", NULL));
  wizard = find_wizard ();
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (wizard)) == GTK_WINDOW (window));
  g_assert_cmpstr (crm_import_window_get_page (wizard), ==, "choose");

  crm_import_window_load_path (wizard, FIXTURES_DIR "/clients-1251.csv");
  g_assert_cmpstr (crm_import_window_get_page (wizard), ==, "format");
  wait_until (import_idle, wizard, "the file to be read");

  /* detected */
  g_assert_cmpstr (crm_import_window_get_encoding (wizard), ==, "WINDOWS-1251");
  g_assert_cmpint (crm_import_window_get_delimiter (wizard), ==, ';');
  g_assert_cmpuint (crm_import_window_get_n_rows (wizard), ==, 9);

  /* read as UTF-8 the file is not text: no way on, until the encoding is back */
  adw_combo_row_set_selected (child (wizard, CRM_TYPE_IMPORT_WINDOW, "encoding_row"), 0);
  wait_until (import_idle, wizard, "the file to be read as UTF-8");
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (wizard), "import.next", NULL) &&
                  g_strcmp0 (crm_import_window_get_page (wizard), "mapping") == 0);
  adw_combo_row_set_selected (child (wizard, CRM_TYPE_IMPORT_WINDOW, "encoding_row"), 2);
  wait_until (import_idle, wizard, "the file to be read as Windows-1251");
  g_assert_cmpstr (crm_import_window_get_encoding (wizard), ==, "WINDOWS-1251");

  /* a change while the file is being read replaces that reading */
  adw_combo_row_set_selected (child (wizard, CRM_TYPE_IMPORT_WINDOW, "delimiter_row"), 0);
  g_assert_true (crm_import_window_get_busy (wizard));
  adw_combo_row_set_selected (child (wizard, CRM_TYPE_IMPORT_WINDOW, "delimiter_row"), 1);
  wait_until (import_idle, wizard, "the file to be read again");
  g_assert_cmpint (crm_import_window_get_delimiter (wizard), ==, ';');
  g_assert_cmpuint (crm_import_window_get_n_rows (wizard), ==, 9);

  /* the preview marks the values the import would refuse, and says why */
  {
    GtkWidget *bad_email = find_cell (wizard, "not-an-address");
    GtkWidget *bad_date = find_cell (wizard, "31.02.1980");
    GtkWidget *good_email = find_cell (wizard, "info@romashka.ru");

    g_assert_true (gtk_widget_has_css_class (bad_email, "error"));
    g_assert_nonnull (gtk_widget_get_tooltip_text (bad_email));
    g_assert_true (gtk_widget_has_css_class (bad_date, "error"));
    g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (bad_date), "31.02.1980"));
    g_assert_false (gtk_widget_has_css_class (good_email, "error"));
    g_assert_null (gtk_widget_get_tooltip_text (good_email));

    /* the row without a name, which the import skips, says so too */
    {
      GtkWidget *no_name = find_cell (wizard, "(no name)");

      g_assert_true (gtk_widget_has_css_class (no_name, "error"));
      g_assert_cmpstr (gtk_widget_get_tooltip_text (no_name), ==, "The row has no client name.");
    }
  }

  /* the header switch: off, the first row is a client with columns to map */
  {
    GtkSwitch *header_switch = child (wizard, CRM_TYPE_IMPORT_WINDOW, "header_switch");

    g_assert_true (gtk_switch_get_active (header_switch));
    gtk_switch_set_active (header_switch, FALSE);
    g_assert_cmpuint (crm_import_window_get_n_rows (wizard), ==, 10);
    g_assert_false (gtk_widget_has_css_class (find_cell (wizard, "Название"), "heading"));
    /* nothing is mapped, so nothing names the client: no way on */
    gtk_widget_activate_action (GTK_WIDGET (wizard), "import.next", NULL);
    if (g_strcmp0 (crm_import_window_get_page (wizard), "mapping") == 0)
      {
        g_assert_cmpint (crm_import_window_get_column_field (wizard, 0), ==, CRM_IMPORT_FIELD_NONE);
        gtk_widget_activate_action (GTK_WIDGET (wizard), "import.back", NULL);
      }
    gtk_switch_set_active (header_switch, TRUE);
    g_assert_cmpuint (crm_import_window_get_n_rows (wizard), ==, 9);
    g_assert_true (gtk_widget_has_css_class (find_cell (wizard, "Название"), "heading"));
  }

  /* the mapping from the header */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "import.next", NULL));
  g_assert_cmpstr (crm_import_window_get_page (wizard), ==, "mapping");
  g_assert_cmpuint (crm_import_window_get_n_columns (wizard), ==, 13);
  g_assert_cmpint (crm_import_window_get_column_field (wizard, 0), ==, CRM_IMPORT_FIELD_NAME);
  g_assert_cmpint (crm_import_window_get_column_field (wizard, 1), ==, CRM_IMPORT_FIELD_TAX_ID);
  g_assert_cmpint (crm_import_window_get_column_field (wizard, 7), ==, CRM_IMPORT_FIELD_EMAIL);

  /* without a name column there is no way on */
  crm_import_window_set_column_field (wizard, 0, CRM_IMPORT_FIELD_NONE);
  gtk_widget_activate_action (GTK_WIDGET (wizard), "import.next", NULL);
  g_assert_cmpstr (crm_import_window_get_page (wizard), ==, "mapping");
  crm_import_window_set_column_field (wizard, 0, CRM_IMPORT_FIELD_NAME);
  /* the notes are not wanted */
  crm_import_window_set_column_field (wizard, 12, CRM_IMPORT_FIELD_NONE);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "import.next", NULL));
  g_assert_cmpstr (crm_import_window_get_page (wizard), ==, "summary");
  g_assert_nonnull (strstr (adw_status_page_get_description (child (wizard, CRM_TYPE_IMPORT_WINDOW,
                                                                    "summary_page")),
                            "9 rows"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "import.start", NULL));
  g_assert_true (crm_import_window_get_busy (wizard));
  wait_until (import_idle, wizard, "the import");
  g_assert_cmpstr (crm_import_window_get_page (wizard), ==, "result");

  report = crm_import_window_get_report (wizard);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->rows, ==, 9);
  g_assert_cmpuint (report->added, >, 0);
  g_assert_cmpuint (report->added + report->skipped + report->updated, <=, report->rows);
  /* the row without a name is skipped, the bad e-mail reported by its line */
  problem = find_problem (report, 10);
  g_assert_nonnull (problem);
  g_assert_true (problem->skipped);
  g_assert_nonnull (find_problem (report, 7));
  g_assert_null (find_problem (report, 1));

  /* the result page lists them */
  problems = child (wizard, CRM_TYPE_IMPORT_WINDOW, "problems_view");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (problems))), ==,
                    report->problems->len);
  {
    g_autoptr(GtkStringObject) first = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (problems)), 0);
    const CrmImportProblem *p0 = g_ptr_array_index (report->problems, 0);
    g_autofree char *prefix = g_strdup_printf ("Line %u", p0->line);

    g_assert_true (g_str_has_prefix (gtk_string_object_get_string (first), prefix));
  }

  /* the list shows the new clients */
  wait.n_items = before + report->added;
  wait_until (list_has_count, &wait, "the new clients in the list");

  /* and loses them on undo */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "import.undo", NULL));
  wait_until (import_idle, wizard, "the undo");
  g_assert_cmpstr (gtk_label_get_label (child (wizard, CRM_TYPE_IMPORT_WINDOW, "result_title")), ==,
                   "Import Undone");
  wait.n_items = before;
  wait_until (list_has_count, &wait, "the list without the imported clients");
  g_assert_cmpint (crm_store_count_filtered_clients (store, NULL, NULL), ==, before);

  /* an undone import cannot be undone again */
  gtk_widget_activate_action (GTK_WIDGET (wizard), "import.undo", NULL);
  g_assert_false (crm_import_window_get_busy (wizard));

  gtk_window_destroy (GTK_WINDOW (wizard));
}

static void
test_import_vcard (Fixture       *fixture,
                   gconstpointer  data)
{
  CrmWindow *window = fixture->window;
  CrmImportWindow *wizard = crm_import_window_new (GTK_WINDOW (window), crm_window_get_store (window));
  const CrmImportReport *report;

  gtk_window_present (GTK_WINDOW (wizard));
  crm_import_window_load_path (wizard, FIXTURES_DIR "/contacts-4.vcf");
  g_assert_cmpstr (crm_import_window_get_page (wizard), ==, "progress");
  wait_until (import_idle, wizard, "the vCard import");
  g_assert_cmpstr (crm_import_window_get_page (wizard), ==, "result");

  report = crm_import_window_get_report (wizard);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->contacts, >, 0);
  g_assert_cmpint (report->import_id, >, 0);

  gtk_window_destroy (GTK_WINDOW (wizard));
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

typedef struct
{
  GAsyncResult *result;
} ExportWait;

static void
export_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  ExportWait *wait = user_data;

  wait->result = g_object_ref (result);
}

static gboolean
export_done (gpointer data)
{
  return ((ExportWait *) data)->result != NULL;
}

static guint
count_records (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmCsvReader) reader = crm_csv_reader_new_for_path (path, NULL, 0, NULL, &error);
  guint n = 0;

  g_assert_no_error (error);
  while (crm_csv_reader_next (reader, &error))
    n++;
  g_assert_no_error (error);
  return n;
}

static void
test_export_filtered (Fixture       *fixture,
                      gconstpointer  data)
{
  CrmWindow *window = fixture->window;
  CrmStore *store = crm_window_get_store (window);
  CrmClientsPage *page = child (window, CRM_TYPE_WINDOW, "clients_page");
  g_autoptr(CrmClientFilter) filter = crm_client_filter_new ();
  g_autofree char *path = g_build_filename (fixture->dir, "export.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  ExportWait wait = { NULL };
  gint64 n_clients = 0;
  guint64 n_written = 0;
  CountWait count;

  /* the list as the window shows it, filtered */
  crm_client_filter_add (filter, CRM_FILTER_STATUS, pick_status (store, &n_clients));
  crm_clients_page_set_filter (page, filter);
  count.window = window;
  count.n_items = n_clients;
  wait_until (list_has_count, &count, "the filtered list");

  crm_export_clients_async (store, file, CRM_EXPORT_FORMAT_CSV_RAW, NULL,
                            crm_clients_page_get_filter (page), NULL, NULL, export_cb, &wait);
  wait_until (export_done, &wait, "the export");
  g_assert_true (crm_export_clients_finish (wait.result, &n_written, &error));
  g_assert_no_error (error);
  g_clear_object (&wait.result);

  g_assert_cmpuint (n_written, ==, n_clients);
  /* a header and a row a client */
  g_assert_cmpuint (count_records (path), ==, n_clients + 1);

  /* a cancelled export leaves the file there was */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;

    g_assert_true (g_file_get_contents (path, &before, NULL, NULL));
    g_cancellable_cancel (cancellable);
    crm_export_clients_async (store, file, CRM_EXPORT_FORMAT_CSV, NULL, NULL, NULL, cancellable,
                              export_cb, &wait);
    wait_until (export_done, &wait, "the cancelled export");
    g_assert_false (crm_export_clients_finish (wait.result, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    g_clear_object (&wait.result);
    g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
    g_assert_cmpstr (before, ==, after);
  }

  /* the whole base, for spreadsheets */
  crm_export_clients_async (store, file, CRM_EXPORT_FORMAT_CSV, NULL, NULL, NULL, NULL, export_cb, &wait);
  wait_until (export_done, &wait, "the export of every client");
  g_assert_true (crm_export_clients_finish (wait.result, &n_written, &error));
  g_clear_object (&wait.result);
  g_assert_cmpuint (n_written, ==, SAMPLE_COMPANIES);
  g_assert_cmpuint (count_records (path), ==, SAMPLE_COMPANIES + 1);

}

/* A UTF-8 file, as LibreOffice and the export write it: detected, then read
 * with the encoding the wizard shows, every row comes in (it did not: the
 * reader took the fields' separators for bad UTF-8) */
static void
test_import_csv_utf8 (Fixture       *fixture,
                      gconstpointer  data)
{
  CrmWindow *window = fixture->window;
  g_autofree char *path = g_build_filename (fixture->dir, "utf8.csv", NULL);
  g_autoptr(GError) error = NULL;
  const CrmImportReport *report;
  CrmImportWindow *wizard;

  g_assert_true (g_file_set_contents (path,
                                      "Название,ИНН,Город,Телефон,Контактное лицо\r\n"
                                      "\"ООО \"\"Ёлочка & Co\"\"\",7707083893,Тула,+7 495 111-22-33,Иванова Анна\r\n"
                                      "\"Берёза, ООО\",,Омск,,\r\n"
                                      "Клён,,\"Санкт-\r\nПетербург\",,\r\n", -1, &error));
  g_assert_no_error (error);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import", NULL));
  wizard = find_wizard ();
  crm_import_window_load_path (wizard, path);
  wait_until (import_idle, wizard, "the file to be read");
  g_assert_cmpstr (crm_import_window_get_encoding (wizard), ==, "UTF-8");
  g_assert_cmpint (crm_import_window_get_delimiter (wizard), ==, ',');
  g_assert_cmpuint (crm_import_window_get_n_rows (wizard), ==, 3);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "import.next", NULL));
  g_assert_cmpstr (crm_import_window_get_page (wizard), ==, "mapping");
  /* the column's sample as the file has it, not as markup (it showed &quot;) */
  g_assert_nonnull (find_label (child (wizard, CRM_TYPE_IMPORT_WINDOW, "mapping_group"), "ООО \"Ёлочка & Co\""));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "import.next", NULL));
  g_assert_cmpstr (crm_import_window_get_page (wizard), ==, "summary");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "import.start", NULL));
  wait_until (import_idle, wizard, "the import");
  g_assert_cmpstr (crm_import_window_get_page (wizard), ==, "result");

  report = crm_import_window_get_report (wizard);
  g_assert_cmpuint (report->rows, ==, 3);
  g_assert_cmpuint (report->added, ==, 3);
  g_assert_cmpuint (report->skipped, ==, 0);
  g_assert_cmpuint (report->problems->len, ==, 0);
  g_assert_cmpuint (report->contacts, ==, 1);
  g_assert_cmpint (crm_store_find_client (crm_window_get_store (window), "Берёза, ООО", NULL), >, 0);

  gtk_window_destroy (GTK_WINDOW (wizard));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/rapport/gui/import/csv", Fixture, NULL, fixture_set_up, test_import_csv, fixture_tear_down);
  g_test_add ("/rapport/gui/import/csv-utf8", Fixture, NULL, fixture_set_up, test_import_csv_utf8,
              fixture_tear_down);
  g_test_add ("/rapport/gui/import/vcard", Fixture, NULL, fixture_set_up, test_import_vcard, fixture_tear_down);
  g_test_add ("/rapport/gui/export/filtered", Fixture, NULL, fixture_set_up, test_export_filtered,
              fixture_tear_down);

  return g_test_run ();
}
