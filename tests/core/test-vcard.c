/* test-vcard.c: vCard export and import
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "crm-csv.h"
#include "crm-store-import.h"
#include "crm-vcard.h"
#include "test-utils.h"

static CrmStore *
new_store (TestDir    *dir,
           const char *name,
           const char *locale)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir->path, name, NULL);
  CrmStore *store = crm_store_open_full (path, CRM_STORE_OPEN_DEFAULT, locale, &error);

  g_assert_no_error (error);
  return store;
}

static char *
export_cards (CrmStore        *store,
              CrmVCardVersion  version)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_vcard_export (store, stream, version, NULL, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  return g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream)),
                    g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)));
}

static CrmImportReport *
import_cards (CrmStore   *store,
              const char *path)
{
  g_autoptr(GError) error = NULL;
  CrmImportReport *report = crm_import_report_new ();

  g_assert_true (crm_vcard_import (store, path, report, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  return report;
}

static const CrmImportProblem *
problem_at (CrmImportReport *report,
            guint            line)
{
  for (guint i = 0; i < report->problems->len; i++)
    {
      const CrmImportProblem *problem = g_ptr_array_index (report->problems, i);

      if (problem->line == line)
        return problem;
    }

  return NULL;
}

static void
test_fold (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *escaped = crm_vcard_escape ("a,b;c\\d\ne");
  g_autoptr(GString) line = g_string_new ("NOTE:");
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) unfolded = g_string_new (NULL);

  g_assert_cmpstr (escaped, ==, "a\\,b\\;c\\\\d\\ne");

  for (guint i = 0; i < 100; i++)
    g_string_append (line, "жё");  /* two octets each: a cut must not split one */
  crm_vcard_fold (out, line->str);

  lines = g_strsplit (out->str, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL && *lines[i]; i++)
    {
      g_assert_cmpuint (strlen (lines[i]), <=, 75);
      g_assert_true (g_utf8_validate (lines[i], -1, NULL));
      g_assert_true (i == 0 || lines[i][0] == ' ');
      g_string_append (unfolded, i == 0 ? lines[i] : lines[i] + 1);
    }
  g_assert_cmpstr (unfolded->str, ==, line->str);
}

static void
test_fixtures (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autoptr(CrmStore) store = new_store (dir, "v.db", "ru");
  g_autoptr(CrmImportReport) google = import_cards (store, FIXTURES_DIR "/contacts-google.vcf");
  g_autoptr(CrmImportReport) evolution = NULL;
  g_autoptr(CrmImportReport) v4 = NULL;
  g_autoptr(CrmClientSummary) summary = NULL;
  g_autoptr(CrmImportRecord) record = NULL;
  gint64 id;

  /* the card without a name (line 20) and the unclosed one (line 25) */
  g_assert_cmpuint (google->rows, ==, 4);
  g_assert_cmpuint (google->contacts, ==, 2);
  g_assert_cmpuint (google->skipped, ==, 2);
  g_assert_nonnull (problem_at (google, 20));
  g_assert_true (problem_at (google, 20)->skipped);
  g_assert_nonnull (problem_at (google, 25));

  record = crm_store_import_get (store, google->import_id, NULL);
  g_assert_cmpstr (record->kind, ==, "vcard");

  id = crm_store_find_client (store, "Romashka", NULL);
  summary = crm_store_load_client_summary (store, id, NULL);
  g_assert_cmpstr (g_ptr_array_index (summary->contacts, 0), ==, "Petrova Anna, Director");
  g_assert_cmpuint (summary->emails->len, ==, 2);
  g_assert_cmpuint (summary->phones->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (summary->phones, 0), ==, "+7 916 123-45-67 (Petrova Anna, cell)");
  g_clear_pointer (&summary, crm_client_summary_free);

  /* Evolution: folded lines, ORG with a unit, a 2.1 card in quoted-printable
   * Windows-1251; ORG finds the client by its name key */
  evolution = import_cards (store, FIXTURES_DIR "/contacts-evolution.vcf");
  g_assert_cmpuint (evolution->contacts, ==, 2);
  g_assert_cmpuint (evolution->added, ==, 2);
  id = crm_store_find_client (store, "ООО Ромашка", NULL);
  summary = crm_store_load_client_summary (store, id, NULL);
  g_assert_cmpstr (g_ptr_array_index (summary->contacts, 0), ==, "Кузнецов Сергей Иванович");
  g_clear_pointer (&summary, crm_client_summary_free);
  id = crm_store_find_client (store, "Ольга", NULL);
  g_assert_cmpint (id, >, 0);

  /* a second time: every card is already there */
  {
    g_autoptr(CrmImportReport) again = import_cards (store, FIXTURES_DIR "/contacts-evolution.vcf");

    g_assert_cmpuint (again->contacts, ==, 0);
    g_assert_cmpuint (again->skipped, ==, 2);
  }

  v4 = import_cards (store, FIXTURES_DIR "/contacts-4.vcf");
  g_assert_cmpuint (v4->contacts, ==, 1);
  id = crm_store_find_client (store, "Acme Corp", NULL);
  summary = crm_store_load_client_summary (store, id, NULL);
  g_assert_cmpstr (g_ptr_array_index (summary->phones, 0), ==, "+1-617-555-0142 (Smith John Quincy, work)");
}

static void
test_round_trip (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autoptr(CrmStore) first = new_store (dir, "a.db", "en");
  g_autoptr(GError) error = NULL;
  CrmCompanyData company = { .name = "Acme; Sons, Ltd" };
  CrmContactData people[] = {
    { .first_name = "Jane", .last_name = "Roe", .position = "CEO, founder", .birthday = "1970-01-31",
      .notes = "Likes long notes that go on and on, with commas; semicolons\\backslashes and\nline breaks. "
               "Ещё немного текста по-русски, чтобы перенос строки пришёлся на середину буквы." },
    { .first_name = "Иван", .middle_name = "Петрович", .last_name = "Сидоров" },
  };
  gint64 company_id = crm_store_add_company (first, &company, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      gint64 contact_id;

      people[i].company_id = company_id;
      contact_id = crm_store_add_contact (first, &people[i], &error);
      g_assert_no_error (error);
      crm_store_add_phone (first, company_id, contact_id, i ? NULL : "work", i ? "8 (495) 123-45-67" : "+1 617 555 0100", &error);
      crm_store_add_phone (first, company_id, contact_id, "cell", "+1 617 555 0199", &error);
      crm_store_add_email (first, company_id, contact_id, i ? NULL : "home", i ? "ivan@example.ru" : "jane@example.com", &error);
      g_assert_no_error (error);
    }

  for (CrmVCardVersion version = CRM_VCARD_3_0; version <= CRM_VCARD_4_0; version++)
    {
      g_autofree char *name = g_strdup_printf ("b%d.db", version);
      g_autofree char *vcf = g_strdup_printf ("%s/out%d.vcf", dir->path, version);
      g_autoptr(CrmStore) second = new_store (dir, name, "en");
      g_autofree char *text1 = export_cards (first, version);
      g_autofree char *text2 = NULL;
      g_autoptr(CrmImportReport) report = NULL;

      g_assert_nonnull (strstr (text1, version == CRM_VCARD_4_0 ? "VERSION:4.0\r\n" : "VERSION:3.0\r\n"));
      g_assert_nonnull (strstr (text1, "ORG:Acme\\; Sons\\, Ltd\r\n"));
      g_assert_nonnull (strstr (text1, version == CRM_VCARD_4_0 ? "BDAY:19700131\r\n" : "BDAY:1970-01-31\r\n"));
      g_assert_nonnull (strstr (text1, "\r\n "));  /* the long note is folded */

      g_assert_true (g_file_set_contents (vcf, text1, -1, NULL));
      report = import_cards (second, vcf);
      g_assert_cmpuint (report->contacts, ==, 2);
      g_assert_cmpuint (report->problems->len, ==, 0);

      text2 = export_cards (second, version);
      g_assert_cmpstr (text2, ==, text1);
    }
}

static void
test_hostile (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autoptr(CrmStore) store = new_store (dir, "h.db", "en");
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) huge = g_string_new ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Big Note\r\nNOTE:");
  g_autofree char *empty = g_build_filename (dir->path, "empty.vcf", NULL);
  g_autofree char *binary = g_build_filename (dir->path, "bin.vcf", NULL);
  g_autofree char *big = g_build_filename (dir->path, "big.vcf", NULL);
  g_autoptr(CrmImportReport) r1 = crm_import_report_new ();
  g_autoptr(CrmImportReport) r2 = crm_import_report_new ();
  g_autoptr(CrmImportReport) r3 = crm_import_report_new ();

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  g_assert_false (crm_vcard_import (store, empty, r1, NULL, NULL, NULL, &error));
  g_assert_error (error, CRM_CSV_ERROR, CRM_CSV_ERROR_EMPTY);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (binary, "\x7f" "ELF\x02\x01\x01\0\0\0\0", 12, NULL));
  g_assert_false (crm_vcard_import (store, binary, r2, NULL, NULL, NULL, &error));
  g_assert_error (error, CRM_CSV_ERROR, CRM_CSV_ERROR_NOT_TEXT);
  g_clear_error (&error);

  /* a 10 MB line: that card is skipped, the next one read */
  for (guint i = 0; i < 10 * 1024 * 1024 / 32; i++)
    g_string_append (huge, "0123456789abcdef0123456789abcdef");
  g_string_append (huge, "\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Small One\r\nEND:VCARD\r\n");
  g_assert_true (g_file_set_contents (big, huge->str, huge->len, NULL));
  g_assert_true (crm_vcard_import (store, big, r3, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (r3->contacts, ==, 1);
  g_assert_cmpuint (r3->skipped, ==, 1);
  g_assert_nonnull (problem_at (r3, 1));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crm/vcard/fold", test_fold);
  g_test_add_func ("/crm/vcard/fixtures", test_fixtures);
  g_test_add_func ("/crm/vcard/round-trip", test_round_trip);
  g_test_add_func ("/crm/vcard/hostile", test_hostile);

  return g_test_run ();
}
