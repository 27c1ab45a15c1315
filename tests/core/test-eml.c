/* test-eml.c: e-mail messages read and logged to the history
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "crm-documents.h"
#include "crm-eml.h"
#include "crm-history.h"
#include "test-utils.h"

static CrmEmlMessage *
parse_fixture (const char  *name,
               GError     **error)
{
  g_autofree char *path = g_build_filename (FIXTURES_DIR, "eml", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return crm_eml_parse_file (file, NULL, error);
}

static char *
query_text (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return text;
}

static void
test_plain (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmEmlMessage) message = parse_fixture ("plain.eml", &error);
  g_autoptr(GPtrArray) addresses = NULL;
  g_autofree char *details = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (message->subject, ==, "Delivery dates");
  g_assert_cmpstr (message->from_address, ==, "ivan.petrov@romashka.example");
  g_assert_nonnull (strstr (message->from, "Ivan Petrov"));
  g_assert_cmpuint (message->to_addresses->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (message->to_addresses, 0), ==, "anna@rapport.example");
  g_assert_cmpstr (g_ptr_array_index (message->cc_addresses, 0), ==, "office@romashka.example");
  g_assert_cmpstr (message->message_id, ==, "plain-1@romashka.example");
  /* Tue, 10 Nov 2026 09:30:00 +0300 */
  g_assert_cmpint (message->date, ==, 1794292200);
  g_assert_true (g_str_has_prefix (message->body, "Hello Anna,"));
  g_assert_true (g_str_has_suffix (message->body, "Ivan"));
  g_assert_cmpuint (message->attachments->len, ==, 0);

  addresses = crm_eml_message_addresses (message);
  g_assert_cmpuint (addresses->len, ==, 3);

  details = crm_eml_message_details (message);
  g_assert_nonnull (strstr (details, "\"message_id\":\"plain-1@romashka.example\""));
  g_assert_nonnull (strstr (details, "\"cc\":[\"office@romashka.example\"]"));
}

static void
test_multipart (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmEmlMessage) message = parse_fixture ("multipart.eml", &error);
  CrmEmlAttachment *pdf;
  const char *data;
  gsize size;

  g_assert_no_error (error);
  g_assert_cmpstr (message->subject, ==, "Price list");
  /* text/plain is preferred to the HTML alternative; quoted-printable decoded */
  g_assert_cmpstr (message->body, ==, "Dear Ivan,\n\nplease find our price list attached — signed.");
  g_assert_cmpuint (message->attachments->len, ==, 1);
  pdf = g_ptr_array_index (message->attachments, 0);
  g_assert_cmpstr (pdf->name, ==, "price-list.pdf");
  g_assert_cmpstr (pdf->mime_type, ==, "application/pdf");
  data = g_bytes_get_data (pdf->data, &size);
  g_assert_true (size > 20 && memcmp (data, "%PDF-1.4", 8) == 0);
  /* the bytes are not a string: compare the end by its length */
  g_assert_true (memcmp ((const char *)data + size - 6, "%%EOF\n", 6) == 0);
}

static void
test_html_only (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmEmlMessage) message = parse_fixture ("html-only.eml", &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  /* styles and scripts dropped, paragraphs as lines, entities decoded */
  g_assert_cmpstr (message->body, ==, "Dear Ivan,\n\nplease find our price list attached & signed.");

  text = crm_eml_html_to_text ("<p>A&nbsp;&lt;b&gt; &#1046;&#x416;</p><!-- x --><br>B<td>C</td>");
  g_assert_cmpstr (text, ==, "A <b> ЖЖ\n\nB C");
}

static void
test_cyrillic (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmEmlMessage) utf8 = parse_fixture ("cyrillic-utf8.eml", &error);
  g_autoptr(CrmEmlMessage) koi8 = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (utf8->subject, ==, "Коммерческое предложение");
  g_assert_nonnull (strstr (utf8->from, "Иван Петров"));
  g_assert_cmpstr (utf8->body, ==, "Добрый день! Высылаем предложение.");

  koi8 = parse_fixture ("cyrillic-koi8.eml", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (koi8->subject, ==, "Счёт на оплату");
  g_assert_cmpstr (koi8->body, ==, "Оплатите, пожалуйста, счёт.");
}

static void
test_broken (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmEmlMessage) message = parse_fixture ("broken.eml", &error);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) text = g_bytes_new_static ("just some words\nand more\n", 25);

  g_assert_null (message);
  g_assert_error (error, CRM_EML_ERROR, CRM_EML_ERROR_NOT_A_MESSAGE);
  g_assert_nonnull (strstr (error->message, "broken.eml"));
  g_assert_nonnull (strstr (error->message, "not an e-mail"));
  g_clear_error (&error);

  g_assert_null (crm_eml_parse_bytes (empty, &error));
  g_assert_error (error, CRM_EML_ERROR, CRM_EML_ERROR_NOT_A_MESSAGE);
  g_clear_error (&error);
  g_assert_null (crm_eml_parse_bytes (text, &error));
  g_assert_error (error, CRM_EML_ERROR, CRM_EML_ERROR_NOT_A_MESSAGE);
  g_clear_error (&error);

  message = parse_fixture ("missing.eml", &error);
  g_assert_null (message);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  g_assert_true (crm_eml_file_is_message ("Re: offer.EML"));
  g_assert_false (crm_eml_file_is_message ("offer.pdf"));
}

/* Two clients: Romashka (Ivan Petrov, ivan.petrov@romashka.example, and
 * the company's own office@) and Lilia (a gmail address); a user Anna */
static CrmStore *
store_for_mail (const char *path,
                gint64     *romashka,
                gint64     *lilia,
                gint64     *ivan)
{
  g_autoptr(GError) error = NULL;
  CrmStore *store = crm_store_open_full (path, CRM_STORE_OPEN_DEFAULT, "en", &error);
  CrmUserData anna = { .login = "anna", .full_name = "Anna Sales", .email = "Anna@Rapport.example", .active = TRUE };
  CrmCompanyData first = { .name = "Romashka", .website = "https://romashka.example" };
  CrmCompanyData second = { .name = "Lilia" };
  CrmContactData contact = { .first_name = "Ivan", .last_name = "Petrov" };

  g_assert_no_error (error);
  crm_store_add_user (store, &anna, &error);
  g_assert_no_error (error);
  *romashka = crm_store_add_company (store, &first, &error);
  *lilia = crm_store_add_company (store, &second, &error);
  contact.company_id = *romashka;
  *ivan = crm_store_add_contact (store, &contact, &error);
  crm_store_add_email (store, *romashka, *ivan, NULL, "Ivan.Petrov@romashka.example", &error);
  crm_store_add_email (store, *romashka, 0, NULL, "office@romashka.example", &error);
  crm_store_add_email (store, *lilia, 0, NULL, "lilia.flowers@gmail.com", &error);
  g_assert_no_error (error);

  return store;
}

static void
test_find_clients (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir->path, "rapport.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmEmlMessage) message = parse_fixture ("multipart.eml", &error);
  g_autoptr(CrmEmlMessage) news = parse_fixture ("html-only.eml", &error);
  g_autoptr(CrmEmlMessage) koi8 = parse_fixture ("cyrillic-koi8.eml", &error);
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(GPtrArray) matches = NULL;
  CrmEmlMatch *match;
  gint64 romashka, lilia, ivan;

  g_assert_no_error (error);
  store = store_for_mail (path, &romashka, &lilia, &ivan);

  /* The recipient is Ivan, a contact person of Romashka */
  matches = crm_store_find_email_clients (store, message, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (matches->len, ==, 1);
  match = g_ptr_array_index (matches, 0);
  g_assert_cmpint (match->company_id, ==, romashka);
  g_assert_cmpstr (match->name, ==, "Romashka");
  g_assert_cmpstr (match->address, ==, "ivan.petrov@romashka.example");
  g_assert_false (match->by_domain);
  g_clear_pointer (&matches, g_ptr_array_unref);

  /* news@ and buh@ are nobody's address, but the company's domain */
  matches = crm_store_find_email_clients (store, news, &error);
  g_assert_cmpuint (matches->len, ==, 1);
  match = g_ptr_array_index (matches, 0);
  g_assert_cmpint (match->company_id, ==, romashka);
  g_assert_true (match->by_domain);
  g_clear_pointer (&matches, g_ptr_array_unref);
  matches = crm_store_find_email_clients (store, koi8, &error);
  g_assert_cmpuint (matches->len, ==, 1);
  g_clear_pointer (&matches, g_ptr_array_unref);

  /* A public mail service's domain matches nobody */
  {
    const char *raw = "From: someone@gmail.com\r\nTo: anna@rapport.example\r\nSubject: Hi\r\n\r\nHello\r\n";
    g_autoptr(GBytes) bytes = g_bytes_new_static (raw, strlen (raw));
    g_autoptr(CrmEmlMessage) stranger = crm_eml_parse_bytes (bytes, &error);

    g_assert_no_error (error);
    matches = crm_store_find_email_clients (store, stranger, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (matches->len, ==, 0);
  }
}

static void
test_log (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir->path, "rapport.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmEmlMessage) outgoing = parse_fixture ("multipart.eml", &error);
  g_autoptr(CrmEmlMessage) incoming = parse_fixture ("cyrillic-utf8.eml", &error);
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autofree char *text = NULL;
  CrmDocument *document;
  gint64 romashka, lilia, ivan, entry;
  guint n_attachments;

  g_assert_no_error (error);
  store = store_for_mail (path, &romashka, &lilia, &ivan);

  /* Anna wrote to Ivan: outgoing, with the PDF in the archive, linked */
  entry = crm_store_log_email (store, romashka, outgoing, &n_attachments, &error);
  g_assert_no_error (error);
  g_assert_cmpint (entry, >, 0);
  g_assert_cmpuint (n_attachments, ==, 1);
  text = query_text (path, "SELECT kind || '|' || direction || '|' || subject || '|' || occurred_at || '|' || "
                           "  contact_id || '|' || (SELECT login FROM users WHERE id = user_id) || '|' || "
                           "  json_extract (details, '$.message_id') || '|' || json_extract (details, '$.to[0]') "
                           "FROM history WHERE kind = 'email'");
  /* Wed, 11 Nov 2026 14:00:00 +0000 */
  g_assert_cmpstr (text, ==, "email|2|Price list|1794405600|1|anna|multi-2@rapport.example|ivan.petrov@romashka.example");
  g_clear_pointer (&text, g_free);
  text = query_text (path, "SELECT body FROM history WHERE kind = 'email'");
  g_assert_true (g_str_has_prefix (text, "Dear Ivan,"));
  g_clear_pointer (&text, g_free);

  /* the timeline reads the addresses and counts the file on the entry */
  {
    g_autoptr(CrmHistoryEntry) logged = crm_store_load_history_entry (store, entry, &error);

    g_assert_no_error (error);
    g_assert_nonnull (strstr (logged->mail_from, "anna"));
    g_assert_nonnull (strstr (logged->mail_to, "ivan.petrov@romashka.example"));
    g_assert_cmpuint (logged->n_documents, ==, 1);
    g_assert_null (logged->change_field);
  }

  documents = crm_store_list_documents (store, romashka, &error);
  g_assert_cmpuint (documents->len, ==, 1);
  document = g_ptr_array_index (documents, 0);
  g_assert_cmpstr (document->name, ==, "price-list.pdf");
  g_assert_cmpint (document->history_id, ==, entry);
  /* no "document" entry of its own: the file belongs to the e-mail */
  text = query_text (path, "SELECT count(*) FROM history WHERE kind = 'document'");
  g_assert_cmpstr (text, ==, "0");
  g_clear_pointer (&text, g_free);

  /* The same message again: refused, nothing added */
  g_assert_cmpint (crm_store_log_email (store, romashka, outgoing, NULL, &error), ==, 0);
  g_assert_error (error, CRM_EML_ERROR, CRM_EML_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "Price list"));
  g_assert_nonnull (strstr (error->message, "Romashka"));
  g_clear_error (&error);
  text = query_text (path, "SELECT count(*) || '/' || (SELECT count(*) FROM documents) FROM history WHERE kind = 'email'");
  g_assert_cmpstr (text, ==, "1/1");
  g_clear_pointer (&text, g_free);

  /* ... but another client may have it too */
  g_assert_cmpint (crm_store_log_email (store, lilia, outgoing, NULL, &error), >, 0);
  g_assert_no_error (error);

  /* Ivan wrote: incoming, from his contact person */
  entry = crm_store_log_email (store, romashka, incoming, NULL, &error);
  g_assert_no_error (error);
  text = query_text (path, "SELECT direction || '|' || contact_id || '|' || subject FROM history "
                           "WHERE kind = 'email' ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (text, ==, "1|1|Коммерческое предложение");
  g_clear_pointer (&text, g_free);

  g_assert_cmpint (crm_store_log_email (store, 999, incoming, NULL, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crm/eml/plain", test_plain);
  g_test_add_func ("/crm/eml/multipart", test_multipart);
  g_test_add_func ("/crm/eml/html-only", test_html_only);
  g_test_add_func ("/crm/eml/cyrillic", test_cyrillic);
  g_test_add_func ("/crm/eml/broken", test_broken);
  g_test_add_func ("/crm/eml/find-clients", test_find_clients);
  g_test_add_func ("/crm/eml/log", test_log);

  return g_test_run ();
}
