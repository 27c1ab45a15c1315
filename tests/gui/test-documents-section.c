/* test-documents-section.c: a client's documents on the card, and e-mails
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-documents-section"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>
#include <utime.h>

#include "crm-client-card.h"
#include "crm-documents-section.h"
#include "crm-documents.h"
#include "crm-eml-dialog.h"
#include "crm-history.h"
#include "crm-timeline-view.h"
#include "gui-test-utils.h"

/* The documents section driven through its functions and actions, checked
 * against the database and the rows it shows. Runs under Xvfb (suite "ui"). */

typedef struct
{
  char                *dir;
  char                *path;
  CrmStore            *store;
  gint64               client_id;
  GtkWindow           *window;
  AdwToastOverlay     *overlay;
  CrmDocumentsSection *section;
  guint                changed;
} Fixture;

static gboolean
done_cb (gpointer data)
{
  *(gboolean *)data = TRUE;
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

/* Until the worker thread is done (at most 10 s) */
static void
wait_idle (CrmDocumentsSection *section)
{
  for (guint i = 0; i < 1000 && crm_documents_section_is_busy (section); i++)
    spin (10);
  g_assert_false (crm_documents_section_is_busy (section));
  spin (20);
}

static void
on_changed_cb (Fixture *fixture)
{
  fixture->changed++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CrmCompanyData company = { .name = "Romashka" };
  CrmCompanyData other = { .name = "Lilia" };

  fixture->dir = g_dir_make_tmp ("rapport-documents-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "clients.db", NULL);
  fixture->store = crm_store_open_full (fixture->path, CRM_STORE_OPEN_DEFAULT, "en", &error);
  g_assert_no_error (error);
  fixture->client_id = crm_store_add_company (fixture->store, &company, &error);
  crm_store_add_email (fixture->store, fixture->client_id, 0, NULL, "ivan.petrov@romashka.example", &error);
  crm_store_add_company (fixture->store, &other, &error);
  g_assert_no_error (error);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 500, 600);
  fixture->overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  fixture->section = CRM_DOCUMENTS_SECTION (crm_documents_section_new ());
  adw_toast_overlay_set_child (fixture->overlay, GTK_WIDGET (fixture->section));
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->overlay));
  g_signal_connect_swapped (fixture->section, "changed", G_CALLBACK (on_changed_cb), fixture);
  crm_documents_section_set_client (fixture->section, fixture->store, fixture->client_id);
  gtk_window_present (fixture->window);
  spin (50);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  spin (20);
  g_clear_object (&fixture->store);
  remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* The titles of the rows the section shows, newest first, joined by "|" */
static char *
shown_titles (CrmDocumentsSection *section)
{
  GtkWidget *list = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (section), CRM_TYPE_DOCUMENTS_SECTION,
                                                               "list_box"));
  g_autoptr(GString) titles = g_string_new (NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      if (!ADW_IS_ACTION_ROW (row))
        continue;
      if (titles->len > 0)
        g_string_append_c (titles, '|');
      g_string_append (titles, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
    }

  return g_string_free (g_steal_pointer (&titles), FALSE);
}

static GFile *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return g_file_new_for_path (path);
}

static GFile *
fixture_eml (const char *name)
{
  g_autofree char *path = g_build_filename (FIXTURES_DIR, "eml", name, NULL);

  return g_file_new_for_path (path);
}

static gint64
first_document_id (Fixture *fixture)
{
  g_autoptr(GPtrArray) documents = crm_store_list_documents (fixture->store, fixture->client_id, NULL);

  g_assert_cmpuint (documents->len, >, 0);
  return ((CrmDocument *)g_ptr_array_index (documents, 0))->id;
}

static void
test_attach_delete_undo (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GFile) offer = write_file (fixture, "offer & terms.txt", "Ten boxes at 5 each.\n");
  g_autoptr(GFile) contract = write_file (fixture, "contract.txt", "Signed.\n");
  g_autofree char *titles = NULL;
  GSList *files = NULL;
  gint64 newest;

  titles = shown_titles (fixture->section);
  g_assert_cmpstr (titles, ==, "");
  g_clear_pointer (&titles, g_free);

  files = g_slist_append (files, offer);
  files = g_slist_append (files, contract);
  crm_documents_section_attach_files (fixture->section, files);
  g_slist_free (files);
  g_assert_true (crm_documents_section_is_busy (fixture->section));
  wait_idle (fixture->section);

  g_assert_cmpuint (fixture->changed, ==, 1);
  titles = shown_titles (fixture->section);
  g_assert_cmpstr (titles, ==, "contract.txt|offer & terms.txt");
  g_clear_pointer (&titles, g_free);
  g_assert_cmpint (crm_store_count_documents (fixture->store, fixture->client_id, NULL), ==, 2);
  g_assert_cmpstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (fixture->section)), ==,
                   "2 files, 29 bytes");

  /* Delete the newest: gone from the list and the client's documents ... */
  newest = first_document_id (fixture);
  gtk_widget_activate_action (GTK_WIDGET (fixture->section), "documents.delete", "x", newest);
  spin (20);
  titles = shown_titles (fixture->section);
  g_assert_cmpstr (titles, ==, "offer & terms.txt");
  g_clear_pointer (&titles, g_free);
  g_assert_cmpint (crm_store_count_documents (fixture->store, fixture->client_id, NULL), ==, 1);
  g_assert_cmpuint (fixture->changed, ==, 2);

  /* ... and Undo (the toast's button) brings it back */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->section), "documents.undo-delete", NULL));
  spin (20);
  titles = shown_titles (fixture->section);
  g_assert_cmpstr (titles, ==, "contract.txt|offer & terms.txt");
  g_assert_cmpint (crm_store_count_documents (fixture->store, fixture->client_id, NULL), ==, 2);
  g_assert_cmpuint (fixture->changed, ==, 3);
}

static void
test_attach_errors (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/offer.pdf");
  g_autofree char *titles = NULL;
  GSList files = { missing, NULL };

  crm_documents_section_attach_files (fixture->section, &files);
  wait_idle (fixture->section);
  g_assert_cmpuint (fixture->changed, ==, 0);
  titles = shown_titles (fixture->section);
  g_assert_cmpstr (titles, ==, "");
  /* the progress is gone again */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (gtk_widget_get_template_child (
    GTK_WIDGET (fixture->section), CRM_TYPE_DOCUMENTS_SECTION, "progress_box"))));
}

static void
test_log_email (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GFile) eml = fixture_eml ("multipart.eml");
  g_autoptr(GFile) broken = fixture_eml ("broken.eml");
  g_autofree char *titles = NULL;
  g_autoptr(GPtrArray) documents = NULL;

  crm_documents_section_log_email (fixture->section, eml);
  wait_idle (fixture->section);
  g_assert_cmpuint (fixture->changed, ==, 1);
  /* the e-mail's PDF is among the client's documents, linked to its entry */
  titles = shown_titles (fixture->section);
  g_assert_cmpstr (titles, ==, "price-list.pdf");
  documents = crm_store_list_documents (fixture->store, fixture->client_id, NULL);
  g_assert_cmpint (((CrmDocument *)g_ptr_array_index (documents, 0))->history_id, >, 0);

  /* The same message again, and a broken file: nothing more is written */
  crm_documents_section_log_email (fixture->section, eml);
  wait_idle (fixture->section);
  crm_documents_section_log_email (fixture->section, broken);
  wait_idle (fixture->section);
  g_assert_cmpuint (fixture->changed, ==, 1);
  g_assert_cmpint (crm_store_count_documents (fixture->store, fixture->client_id, NULL), ==, 1);
}

static void
on_logged_cb (CrmEmlDialog *dialog,
              gint64        client_id,
              gint64       *logged)
{
  *logged = client_id;
}

static gboolean
dialog_ready (gpointer data)
{
  return crm_eml_dialog_get_ready (data);
}

static gboolean
email_logged (gpointer data)
{
  return *(gint64 *)data != 0;
}

static void
test_eml_dialog (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GFile) eml = fixture_eml ("multipart.eml");
  g_autoptr(GFile) stranger = fixture_eml ("cyrillic-koi8.eml");
  CrmEmlDialog *dialog;
  gint64 logged = 0;

  /* Sent to Ivan: his client is offered and chosen; the message is read,
   * and then logged, on a worker thread */
  dialog = crm_eml_dialog_new (fixture->window, fixture->store, eml);
  g_signal_connect (dialog, "logged", G_CALLBACK (on_logged_cb), &logged);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_false (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "log"));
  wait_until (dialog_ready, dialog, "the e-mail to be read");
  g_assert_cmpuint (crm_eml_dialog_get_n_candidates (dialog), ==, 1);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "log"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "log");
  wait_until (email_logged, &logged, "the e-mail to be logged");
  g_assert_cmpint (logged, ==, fixture->client_id);
  g_assert_cmpint (crm_store_count_documents (fixture->store, fixture->client_id, NULL), ==, 1);

  /* A message from nobody known: nothing offered until a client is chosen */
  logged = 0;
  dialog = crm_eml_dialog_new (fixture->window, fixture->store, stranger);
  g_signal_connect (dialog, "logged", G_CALLBACK (on_logged_cb), &logged);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_until (dialog_ready, dialog, "the second e-mail to be read");
  g_assert_cmpuint (crm_eml_dialog_get_n_candidates (dialog), ==, 1);   /* romashka.example: same domain */
  gtk_window_destroy (GTK_WINDOW (dialog));
  spin (20);
  g_assert_cmpint (logged, ==, 0);

  /* A file that is no e-mail: the dialog says so, and offers no logging */
  {
    g_autofree char *path = g_build_filename (g_get_tmp_dir (), "rapport-not-an-e-mail.eml", NULL);
    g_autoptr(GFile) broken = g_file_new_for_path (path);

    g_assert_true (g_file_set_contents (path, "", 0, NULL));
    dialog = crm_eml_dialog_new (fixture->window, fixture->store, broken);
    gtk_window_present (GTK_WINDOW (dialog));
    wait_until (dialog_ready, dialog, "the empty file to be read");
    g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Cannot Log the E-mail");
    g_assert_false (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "log"));
    gtk_window_destroy (GTK_WINDOW (dialog));
    g_unlink (path);
  }

  /* Closed while reading: nothing happens afterwards */
  dialog = crm_eml_dialog_new (fixture->window, fixture->store, eml);
  gtk_window_destroy (GTK_WINDOW (dialog));
  spin (50);
}

static void
test_card_has_section (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("hello", 5);
  CrmDocumentData document = { .company_id = fixture->client_id, .name = "hello.txt" };
  GtkWidget *window = gtk_window_new ();
  GtkWidget *card = crm_client_card_new ();
  GObject *section;
  g_autofree char *titles = NULL;

  crm_store_attach_bytes (fixture->store, &document, bytes, NULL);
  gtk_window_set_child (GTK_WINDOW (window), card);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (crm_client_card_set_client (CRM_CLIENT_CARD (card), fixture->store, fixture->client_id));
  spin (20);
  section = gtk_widget_get_template_child (card, CRM_TYPE_CLIENT_CARD, "documents_section");
  g_assert_true (CRM_IS_DOCUMENTS_SECTION (section));
  titles = shown_titles (CRM_DOCUMENTS_SECTION (section));
  g_assert_cmpstr (titles, ==, "hello.txt");
  gtk_window_destroy (GTK_WINDOW (window));
  spin (20);
}

/* A file dropped on an entry of the card's timeline goes with that entry */
static void
test_attach_to_entry (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(CrmHistoryEntry) entry = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "offer.pdf", NULL);
  CrmHistoryData call = { .company_id = fixture->client_id, .kind = "call", .body = "Sent the offer" };
  GtkWidget *window = gtk_window_new ();
  GtkWidget *card = crm_client_card_new ();
  GObject *section, *timeline;
  GSList *files = NULL;
  gint64 entry_id;
  guint before;

  entry_id = crm_store_log_entry (fixture->store, &call, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, "%PDF-1.4 offer", -1, NULL));
  file = g_file_new_for_path (path);

  gtk_window_set_child (GTK_WINDOW (window), card);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (crm_client_card_set_client (CRM_CLIENT_CARD (card), fixture->store, fixture->client_id));
  spin (20);
  section = gtk_widget_get_template_child (card, CRM_TYPE_CLIENT_CARD, "documents_section");
  timeline = gtk_widget_get_template_child (card, CRM_TYPE_CLIENT_CARD, "timeline_view");
  before = crm_store_count_history (fixture->store, fixture->client_id, NULL, NULL);

  files = g_slist_prepend (files, file);
  crm_timeline_view_attach_files (CRM_TIMELINE_VIEW (timeline), entry_id, files);
  g_slist_free (files);
  wait_idle (CRM_DOCUMENTS_SECTION (section));

  documents = crm_store_list_documents (fixture->store, fixture->client_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, 1);
  g_assert_cmpint (((CrmDocument *)g_ptr_array_index (documents, 0))->history_id, ==, entry_id);
  entry = crm_store_load_history_entry (fixture->store, entry_id, &error);
  g_assert_cmpuint (entry->n_documents, ==, 1);
  /* the entry carries it: no "document" entry of its own */
  g_assert_cmpint (crm_store_count_history (fixture->store, fixture->client_id, NULL, NULL), ==, before);

  gtk_window_destroy (GTK_WINDOW (window));
  spin (20);
}

/* Copies of opened documents older than a day leave the cache */
static void
test_prune_open_copies (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "open", NULL);
  g_autofree char *old_copy = g_build_filename (folder, "12", NULL);
  g_autofree char *new_copy = g_build_filename (folder, "13", NULL);
  g_autofree char *old_file = g_build_filename (old_copy, "offer.pdf", NULL);
  g_autofree char *new_file = g_build_filename (new_copy, "scan.png", NULL);
  struct utimbuf two_days_ago;

  g_assert_cmpint (g_mkdir_with_parents (old_copy, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (new_copy, 0700), ==, 0);
  g_assert_true (g_file_set_contents (old_file, "old", -1, NULL));
  g_assert_true (g_file_set_contents (new_file, "new", -1, NULL));
  two_days_ago.actime = two_days_ago.modtime = g_get_real_time () / G_USEC_PER_SEC - 2 * 24 * 3600;
  g_assert_cmpint (g_utime (old_copy, &two_days_ago), ==, 0);

  g_assert_cmpuint (crm_documents_prune_open_copies (folder, 24 * 3600), ==, 1);
  g_assert_false (g_file_test (old_copy, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (new_file, G_FILE_TEST_EXISTS));
  /* no folder yet: nothing to do */
  g_assert_cmpuint (crm_documents_prune_open_copies ("/nonexistent/rapport", 0), ==, 0);
}

/* The card's own drop target, as a file manager's drag ends on it */
static gboolean
drop_on (GtkWidget *widget,
         GSList    *files)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean accepted = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        {
          GValue value = G_VALUE_INIT;

          g_value_init (&value, GDK_TYPE_FILE_LIST);
          g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
          g_signal_emit_by_name (controller, "drop", &value, 10.0, 10.0, &accepted);
          g_value_unset (&value);
          return accepted;
        }
    }

  g_error ("%s has no drop target", G_OBJECT_TYPE_NAME (widget));
  return FALSE;
}

/* Dropping an .eml and a PDF on the card: the message is logged as an
 * e-mail with its attachment, the PDF attached to the client */
static void
test_drop_on_card (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) eml = g_file_new_build_filename (FIXTURES_DIR, "eml", "multipart.eml", NULL);
  g_autoptr(GFile) pdf = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify)crm_history_entry_free);
  g_autoptr(GPtrArray) documents = NULL;
  g_autofree char *pdf_path = g_build_filename (fixture->dir, "contract.pdf", NULL);
  const char * const emails[] = { "email", NULL };
  CrmHistoryQuery query = { .kinds = emails };
  GtkWidget *window = gtk_window_new ();
  GtkWidget *card = crm_client_card_new ();
  GObject *section;
  GSList *files = NULL;

  g_assert_true (g_file_set_contents (pdf_path, "%PDF-1.4 contract", -1, NULL));
  pdf = g_file_new_for_path (pdf_path);
  gtk_window_set_child (GTK_WINDOW (window), card);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (crm_client_card_set_client (CRM_CLIENT_CARD (card), fixture->store, fixture->client_id));
  spin (20);
  section = gtk_widget_get_template_child (card, CRM_TYPE_CLIENT_CARD, "documents_section");

  files = g_slist_append (files, eml);
  files = g_slist_append (files, pdf);
  g_assert_true (drop_on (card, files));
  g_slist_free (files);
  wait_idle (CRM_DOCUMENTS_SECTION (section));

  g_assert_true (crm_store_fetch_history (fixture->store, fixture->client_id, &query, 0, 10, entries, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (((CrmHistoryEntry *)g_ptr_array_index (entries, 0))->subject, ==, "Price list");
  g_assert_cmpuint (((CrmHistoryEntry *)g_ptr_array_index (entries, 0))->n_documents, ==, 1);
  documents = crm_store_list_documents (fixture->store, fixture->client_id, &error);
  g_assert_cmpuint (documents->len, ==, 2);   /* the message's PDF and the one dropped */

  gtk_window_destroy (GTK_WINDOW (window));
  spin (20);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/documents-section/attach-delete-undo", Fixture, NULL, fixture_set_up, test_attach_delete_undo,
              fixture_tear_down);
  g_test_add ("/documents-section/attach-errors", Fixture, NULL, fixture_set_up, test_attach_errors,
              fixture_tear_down);
  g_test_add ("/documents-section/log-email", Fixture, NULL, fixture_set_up, test_log_email, fixture_tear_down);
  g_test_add ("/documents-section/eml-dialog", Fixture, NULL, fixture_set_up, test_eml_dialog, fixture_tear_down);
  g_test_add ("/documents-section/card", Fixture, NULL, fixture_set_up, test_card_has_section, fixture_tear_down);
  g_test_add ("/documents-section/prune-open-copies", Fixture, NULL, fixture_set_up, test_prune_open_copies,
              fixture_tear_down);
  g_test_add ("/documents-section/drop-on-card", Fixture, NULL, fixture_set_up, test_drop_on_card,
              fixture_tear_down);
  g_test_add ("/documents-section/attach-to-entry", Fixture, NULL, fixture_set_up, test_attach_to_entry,
              fixture_tear_down);

  return g_test_run ();
}
