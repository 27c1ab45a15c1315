/* test-import.c: CSV import, its undo, and the CSV export
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "crm-csv.h"
#include "crm-export.h"
#include "crm-import.h"
#include "crm-history.h"
#include "crm-segments.h"
#include "crm-vcard.h"
#include "crm-client-edit.h"
#include <glib/gstdio.h>

#include "crm-store-import.h"
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
write_file (TestDir    *dir,
            const char *name,
            const char *data,
            gssize      len)
{
  char *path = g_build_filename (dir->path, name, NULL);

  g_assert_true (g_file_set_contents (path, data, len, NULL));
  return path;
}

static CrmImportReport *
import (CrmStore            *store,
        const char          *path,
        CrmImportDuplicates  policy)
{
  g_autoptr(GError) error = NULL;
  CrmImportOptions options;
  CrmImportReport *report = crm_import_report_new ();

  crm_import_options_init (&options);
  options.on_duplicate = policy;
  g_assert_true (crm_import_csv (store, path, &options, report, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  return report;
}

static char *
export_chosen (CrmStore        *store,
               CrmExportFlags   flags,
               const char      *search,
               CrmClientFilter *filter,
               guint64         *n_written)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  guint64 n = 0;

  g_assert_true (crm_export_csv (store, stream, flags, search, filter, &n, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  if (n_written != NULL)
    *n_written = n;

  return g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream)),
                    g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)));
}

static char *
export_text (CrmStore       *store,
             CrmExportFlags  flags)
{
  return export_chosen (store, flags, NULL, NULL, NULL);
}

static gint64
count (CrmStore   *store,
       const char *what)
{
  CrmStoreCounts counts = { 0 };

  g_assert_true (crm_store_get_counts (store, &counts, NULL));
  if (g_str_equal (what, "companies"))
    return counts.companies;
  return counts.contacts;
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
test_headers (void)
{
  g_autofree char *date = NULL;

  g_assert_cmpint (crm_import_field_for_header ("Название"), ==, CRM_IMPORT_FIELD_NAME);
  g_assert_cmpint (crm_import_field_for_header ("  НАИМЕНОВАНИЕ "), ==, CRM_IMPORT_FIELD_NAME);
  g_assert_cmpint (crm_import_field_for_header ("Юридическое название"), ==, CRM_IMPORT_FIELD_LEGAL_NAME);
  g_assert_cmpint (crm_import_field_for_header ("ИНН"), ==, CRM_IMPORT_FIELD_TAX_ID);
  g_assert_cmpint (crm_import_field_for_header ("Tax ID"), ==, CRM_IMPORT_FIELD_TAX_ID);
  g_assert_cmpint (crm_import_field_for_header ("E-mail"), ==, CRM_IMPORT_FIELD_EMAIL);
  g_assert_cmpint (crm_import_field_for_header ("email"), ==, CRM_IMPORT_FIELD_EMAIL);
  g_assert_cmpint (crm_import_field_for_header ("Почта"), ==, CRM_IMPORT_FIELD_EMAIL);
  g_assert_cmpint (crm_import_field_for_header ("Контактное лицо"), ==, CRM_IMPORT_FIELD_CONTACT);
  g_assert_cmpint (crm_import_field_for_header ("ФИО"), ==, CRM_IMPORT_FIELD_CONTACT);
  g_assert_cmpint (crm_import_field_for_header ("Ответственный"), ==, CRM_IMPORT_FIELD_MANAGER);
  g_assert_cmpint (crm_import_field_for_header ("Contact e-mail"), ==, CRM_IMPORT_FIELD_CONTACT_EMAIL);
  g_assert_cmpint (crm_import_field_for_header ("Дата рождения"), ==, CRM_IMPORT_FIELD_BIRTHDAY);
  g_assert_cmpint (crm_import_field_for_header ("Комментарий"), ==, CRM_IMPORT_FIELD_NOTES);
  g_assert_cmpint (crm_import_field_for_header ("Favourite colour"), ==, CRM_IMPORT_FIELD_NONE);

  /* every header the export writes reads back as its own field */
  for (guint f = CRM_IMPORT_FIELD_NAME; f < CRM_IMPORT_N_FIELDS; f++)
    {
      g_assert_cmpint (crm_import_field_for_header (crm_import_field_header (f, "en")), ==, f);
      g_assert_cmpint (crm_import_field_for_header (crm_import_field_header (f, "ru")), ==, f);
    }

  date = crm_import_parse_date ("31.03.2024");
  g_assert_cmpstr (date, ==, "2024-03-31");
  g_clear_pointer (&date, g_free);
  date = crm_import_parse_date ("2024-03-31 10:00");
  g_assert_cmpstr (date, ==, "2024-03-31");
  g_clear_pointer (&date, g_free);
  g_assert_null (crm_import_parse_date ("31.02.2024"));
  g_assert_null (crm_import_parse_date ("tomorrow"));
}

/* One cell checked as the import checks it (the wizard's preview marks them) */
static void
test_check_value (void)
{
  g_autofree char *problem = NULL;

  g_assert_true (crm_import_check_value (CRM_IMPORT_FIELD_TAX_ID, "7707083893", "ru", NULL));
  g_assert_false (crm_import_check_value (CRM_IMPORT_FIELD_TAX_ID, "7707083894", "ru", &problem));
  g_assert_nonnull (problem);
  g_clear_pointer (&problem, g_free);
  /* outside Russia a tax id is free text */
  g_assert_true (crm_import_check_value (CRM_IMPORT_FIELD_TAX_ID, "7707083894", "en", NULL));

  g_assert_true (crm_import_check_value (CRM_IMPORT_FIELD_PHONE, "+7 495 123-45-67; 8 (812) 555-01-02", "ru", NULL));
  g_assert_false (crm_import_check_value (CRM_IMPORT_FIELD_PHONE, "+7 495 123-45-67; звонить вечером", "ru", &problem));
  g_clear_pointer (&problem, g_free);
  g_assert_false (crm_import_check_value (CRM_IMPORT_FIELD_CONTACT_EMAIL, "anna@", "ru", &problem));
  g_clear_pointer (&problem, g_free);
  g_assert_true (crm_import_check_value (CRM_IMPORT_FIELD_EMAIL, " info@romashka.ru ", "ru", NULL));
  g_assert_false (crm_import_check_value (CRM_IMPORT_FIELD_WEBSITE, "http://", "ru", &problem));
  g_clear_pointer (&problem, g_free);
  g_assert_false (crm_import_check_value (CRM_IMPORT_FIELD_BIRTHDAY, "31.02.1980", "ru", &problem));
  g_assert_nonnull (strstr (problem, "31.02.1980"));
  g_clear_pointer (&problem, g_free);
  g_assert_true (crm_import_check_value (CRM_IMPORT_FIELD_CREATED, "2024-03-31", "ru", NULL));
  /* empty cells and free text are always fine */
  g_assert_true (crm_import_check_value (CRM_IMPORT_FIELD_PHONE, "  ", "ru", NULL));
  g_assert_true (crm_import_check_value (CRM_IMPORT_FIELD_NOTES, "=1+1", "ru", NULL));
}

/* The header switch: a first row that looks like data can be a header, and
 * one that looks like a header can be a client */
static void
test_header_switch (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autoptr(CrmStore) store = new_store (dir, "rapport.db", "ru");
  g_autoptr(GError) error = NULL;
  const CrmImportField columns[] = { CRM_IMPORT_FIELD_NAME, CRM_IMPORT_FIELD_CITY };
  g_autofree char *path = write_file (dir, "odd.csv",
                                      "Клиент;Где\n"
                                      "Ромашка;Казань\n"
                                      "Name;City\n", -1);
  CrmImportOptions options;

  /* "Клиент;Где" names no known column: taken for a client unless told */
  {
    g_autoptr(CrmImportReport) report = crm_import_report_new ();

    crm_import_options_init (&options);
    options.columns = columns;
    options.n_columns = G_N_ELEMENTS (columns);
    options.header = CRM_IMPORT_HEADER_YES;
    g_assert_true (crm_import_csv (store, path, &options, report, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    /* "Name;City" is a client here: the header row was the first only */
    g_assert_cmpuint (report->added, ==, 2);
    g_assert_cmpint (count (store, "companies"), ==, 2);
    g_assert_true (crm_store_import_undo (store, report->import_id, &error));
    g_assert_no_error (error);
  }
  {
    g_autoptr(CrmImportReport) report = crm_import_report_new ();

    crm_import_options_init (&options);
    options.columns = columns;
    options.n_columns = G_N_ELEMENTS (columns);
    options.header = CRM_IMPORT_HEADER_NO;
    g_assert_true (crm_import_csv (store, path, &options, report, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (report->added, ==, 3);
    g_assert_cmpint (count (store, "companies"), ==, 3);
  }
}

/* The Windows-1251 semicolon fixture into a Russian database */
static void
test_1251 (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autoptr(CrmStore) store = new_store (dir, "ru.db", "ru");
  g_autoptr(CrmImportReport) report = import (store, FIXTURES_DIR "/clients-1251.csv", CRM_IMPORT_DUPLICATE_SKIP);
  g_autoptr(CrmClientSummary) summary = NULL;
  g_autoptr(CrmImportRecord) record = NULL;
  const CrmImportProblem *problem;
  gint64 id;

  g_assert_cmpstr (report->encoding, ==, "WINDOWS-1251");
  g_assert_cmpint (report->delimiter, ==, ';');
  g_assert_cmpuint (report->rows, ==, 9);
  g_assert_cmpuint (report->added, ==, 4);
  g_assert_cmpuint (report->skipped, ==, 4);
  g_assert_cmpuint (report->contacts, ==, 3);

  /* the bad rows by the physical line where they start (after two
   * multi-line records) */
  g_assert_nonnull ((problem = problem_at (report, 7)));
  g_assert_true (problem->skipped);
  g_assert_nonnull (strstr (problem->reason, "not-an-address"));
  g_assert_nonnull ((problem = problem_at (report, 9)));
  g_assert_nonnull (strstr (problem->reason, "7707083894"));
  g_assert_nonnull ((problem = problem_at (report, 10)));
  g_assert_nonnull (strstr (problem->reason, "name"));
  g_assert_nonnull ((problem = problem_at (report, 11)));
  g_assert_nonnull (strstr (problem->reason, "31.02.1980"));
  g_assert_null (problem_at (report, 2));
  g_assert_null (problem_at (report, 8));

  /* "ООО Ромашка" of line 8 is the «Ромашка» of line 2: a second contact */
  id = crm_store_find_client (store, "ООО «Ромашка»", NULL);
  g_assert_cmpint (id, >, 0);
  summary = crm_store_load_client_summary (store, id, NULL);
  g_assert_cmpstr (summary->address, ==, "ул. Ленина, 1\r\nофис 5");
  g_assert_cmpstr (summary->notes, ==, "Сказал: \"перезвонить\"");
  g_assert_cmpstr (summary->status, ==, "Новый");
  g_assert_cmpstr (summary->industry, ==, "Торговля");
  g_assert_cmpuint (summary->contacts->len, ==, 2);
  g_assert_cmpuint (summary->phones->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (summary->contacts, 0), ==, "Иванов Иван Петрович, Директор");

  record = crm_store_import_get (store, report->import_id, NULL);
  g_assert_cmpstr (record->kind, ==, "csv");
  g_assert_cmpstr (record->file_name, ==, "clients-1251.csv");
  g_assert_cmpint (record->added, ==, 4);
  g_assert_cmpint (record->skipped, ==, 4);
  g_assert_cmpint (record->finished_at, >, 0);

  /* the search index knows the imported clients */
  {
    g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

    g_assert_true (crm_store_search_clients (store, "Березка", CRM_CLIENT_SORT_NAME, FALSE, 10, ids, NULL, NULL));
    g_assert_cmpuint (ids->len, ==, 1);
  }
}

static void
test_bom (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autoptr(CrmStore) store = new_store (dir, "en.db", "en");
  g_autoptr(CrmImportReport) report = import (store, FIXTURES_DIR "/clients-bom.csv", CRM_IMPORT_DUPLICATE_SKIP);
  g_autoptr(CrmClientSummary) summary = NULL;

  g_assert_cmpstr (report->encoding, ==, "UTF-8");
  g_assert_cmpint (report->delimiter, ==, ',');
  g_assert_cmpuint (report->added, ==, 3);
  g_assert_cmpuint (report->skipped, ==, 0);

  summary = crm_store_load_client_summary (store, crm_store_find_client (store, "Globex, Inc.", NULL), NULL);
  g_assert_nonnull (summary);
  g_assert_cmpstr (summary->website, ==, "globex.example");
  g_assert_cmpstr (g_ptr_array_index (summary->contacts, 0), ==, "Hank Scorpio");
}

/* Skip, update and undo: the undo removes what the import added and puts
 * back what it changed, nothing else */
static void
test_update_and_undo (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autoptr(CrmStore) store = new_store (dir, "u.db", "en");
  g_autoptr(CrmImportReport) skip = NULL;
  g_autoptr(CrmImportReport) update = NULL;
  g_autoptr(CrmClientSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *path = NULL;
  CrmCompanyData acme = { .name = "Acme", .city = "Boston", .tax_id = "123456789" };
  gint64 acme_id;

  acme_id = crm_store_add_company (store, &acme, &error);
  g_assert_no_error (error);
  crm_store_add_phone (store, acme_id, 0, NULL, "+1 617 555 0100", &error);
  g_assert_no_error (error);

  path = write_file (dir, "up.csv",
                     "Name,Tax ID,City,Phone,Tags,Contact person,Contact phone\n"
                     "ACME,,Cambridge,+1 617 555 0100; +1 617 555 0199,vip,Wile Coyote,+1 505 555 0001\n"
                     "Brand New,,Denver,+1 303 555 0000,,,\n"
                     "Other name,123456789,,,,,\n", -1);

  before = export_text (store, CRM_EXPORT_RAW);

  skip = import (store, path, CRM_IMPORT_DUPLICATE_SKIP);
  g_assert_cmpuint (skip->added, ==, 1);
  g_assert_cmpuint (skip->skipped, ==, 2);
  g_assert_nonnull (strstr (((CrmImportProblem *)g_ptr_array_index (skip->problems, 0))->reason, "Acme"));
  g_assert_true (crm_store_import_undo (store, skip->import_id, &error));
  g_assert_no_error (error);
  after = export_text (store, CRM_EXPORT_RAW);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);

  /* undone once is undone */
  g_assert_false (crm_store_import_undo (store, skip->import_id, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);

  update = import (store, path, CRM_IMPORT_DUPLICATE_UPDATE);
  g_assert_cmpuint (update->added, ==, 1);
  g_assert_cmpuint (update->updated, ==, 2);
  g_assert_cmpint (count (store, "companies"), ==, 2);

  summary = crm_store_load_client_summary (store, acme_id, NULL);
  g_assert_cmpstr (summary->name, ==, "Other name");
  g_assert_cmpstr (summary->city, ==, "Cambridge");
  g_assert_cmpuint (summary->phones->len, ==, 3);  /* the known number is not added twice */
  g_assert_cmpuint (summary->contacts->len, ==, 1);
  g_clear_pointer (&summary, crm_client_summary_free);
  after = export_text (store, CRM_EXPORT_RAW);
  g_assert_cmpstr (after, !=, before);

  /* the history of the client it changed and of the one it added says so */
  {
    const char * const imported[] = { "imported", NULL };
    CrmHistoryQuery query = { .kinds = imported };
    g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify)crm_history_entry_free);
    g_autofree char *expected = g_strdup_printf ("{\"import\":%" G_GINT64_FORMAT ",\"added\":false}",
                                                 update->import_id);

    g_assert_true (crm_store_fetch_history (store, acme_id, &query, 0, 10, entries, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (entries->len, ==, 1);
    g_assert_cmpstr (((CrmHistoryEntry *)g_ptr_array_index (entries, 0))->subject, ==, "up.csv");
    g_assert_cmpstr (((CrmHistoryEntry *)g_ptr_array_index (entries, 0))->details, ==, expected);
    g_assert_cmpint (test_query_int64 (crm_store_get_path (store), "SELECT count(*) FROM history WHERE kind = 'imported'"), ==, 2);

    /* written without the history's triggers, which are back afterwards;
     * the program's own entries count no work */
    g_assert_cmpint (test_query_int64 (crm_store_get_path (store), "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' "
                                        "AND name IN ('history_newer_contact', 'activity_added')"), ==, 2);
    g_assert_cmpint (test_query_int64 (crm_store_get_path (store), "SELECT count(*) FROM activity_daily WHERE kind = 'imported'"), ==, 0);
  }

  g_assert_true (crm_store_import_undo (store, update->import_id, &error));
  g_assert_no_error (error);
  undone = export_text (store, CRM_EXPORT_RAW);
  g_assert_cmpstr (undone, ==, before);

  summary = crm_store_load_client_summary (store, acme_id, NULL);
  g_assert_cmpstr (summary->name, ==, "Acme");
  g_assert_cmpstr (summary->city, ==, "Boston");
  g_assert_cmpuint (summary->phones->len, ==, 1);
  g_assert_cmpuint (summary->contacts->len, ==, 0);
  g_assert_cmpint (count (store, "companies"), ==, 1);
  g_assert_cmpint (count (store, "contacts"), ==, 0);
  /* the skipped import had written one for its new client: gone with it; so is this one's */
  g_assert_cmpint (test_query_int64 (crm_store_get_path (store), "SELECT count(*) FROM history WHERE kind = 'imported'"), ==, 0);

  /* and the search forgets what was undone */
  {
    g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

    g_assert_true (crm_store_search_clients (store, "Cambridge", CRM_CLIENT_SORT_NAME, FALSE, 10, ids, NULL, NULL));
    g_assert_cmpuint (ids->len, ==, 0);
    g_assert_true (crm_store_search_clients (store, "Boston", CRM_CLIENT_SORT_NAME, FALSE, 10, ids, NULL, NULL));
    g_assert_cmpuint (ids->len, ==, 1);
  }
}

/* What the export writes, the import reads back to the same data */
static void
test_round_trip (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autoptr(CrmStore) first = new_store (dir, "a.db", "ru");
  g_autoptr(CrmStore) second = new_store (dir, "b.db", "ru");
  g_autoptr(CrmStore) third = new_store (dir, "c.db", "ru");
  g_autoptr(CrmImportReport) r1 = NULL;
  g_autoptr(CrmImportReport) r2 = NULL;
  g_autoptr(CrmImportReport) r3 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text1 = NULL;
  g_autofree char *text2 = NULL;
  g_autofree char *safe = NULL;
  g_autofree char *text3 = NULL;
  g_autofree char *raw_path = NULL;
  g_autofree char *safe_path = NULL;
  CrmUserData user = { .login = "petrov", .full_name = "Пётр Петров", .active = TRUE };
  CrmCompanyData formula = { .name = "=HYPERLINK(\"http://evil.example\")", .city = "-Тверь",
                             .address = "@дом", .notes = "не экспортируется" };
  gint64 id;

  r1 = import (first, FIXTURES_DIR "/clients-1251.csv", CRM_IMPORT_DUPLICATE_SKIP);
  g_assert_cmpint (crm_store_add_user (first, &user, &error), >, 0);
  formula.manager_id = crm_store_import_find_user (first, "petrov", NULL);
  g_assert_cmpint (formula.manager_id, >, 0);
  id = crm_store_add_company (first, &formula, &error);
  g_assert_no_error (error);
  crm_store_add_phone (first, id, 0, NULL, "+7 (495) 000-11-22", &error);
  g_assert_no_error (error);
  /* tags go out in their column and come back */
  g_assert_cmpint (crm_store_add_client_tag (first, id, "опт", &error), >, 0);
  g_assert_cmpint (crm_store_add_client_tag (first, id, "VIP", &error), >, 0);
  g_assert_no_error (error);

  text1 = export_text (first, CRM_EXPORT_RAW);
  g_assert_nonnull (strstr (text1, ",Теги,"));
  g_assert_nonnull (strstr (text1, ",\"VIP, опт\","));
  safe = export_text (first, CRM_EXPORT_DEFAULT);

  /* a formula is neutralized in the safe export, not in the raw one */
  g_assert_nonnull (strstr (safe, "\"'=HYPERLINK(\"\"http://evil.example\"\")\""));
  g_assert_nonnull (strstr (safe, ",'-Тверь,'@дом,'+7 (495) 000-11-22,"));
  g_assert_nonnull (strstr (text1, "\"=HYPERLINK(\"\"http://evil.example\"\")\""));
  g_assert_null (strstr (text1, "'="));
  g_assert_nonnull (strstr (text1, ",-Тверь,@дом,+7 (495) 000-11-22,"));
  g_assert_true (g_str_has_prefix (text1, "Название,Юридическое название,ИНН,"));

  raw_path = write_file (dir, "raw.csv", text1, -1);
  g_assert_cmpint (crm_store_add_user (second, &user, &error), >, 0);
  r2 = import (second, raw_path, CRM_IMPORT_DUPLICATE_SKIP);
  g_assert_cmpuint (r2->skipped, ==, 0);
  g_assert_cmpuint (r2->added, ==, 5);
  text2 = export_text (second, CRM_EXPORT_RAW);
  g_assert_cmpstr (text2, ==, text1);

  /* the safe export reads back to the same data too */
  safe_path = write_file (dir, "safe.csv", safe, -1);
  g_assert_cmpint (crm_store_add_user (third, &user, &error), >, 0);
  r3 = import (third, safe_path, CRM_IMPORT_DUPLICATE_SKIP);
  text3 = export_text (third, CRM_EXPORT_RAW);
  g_assert_cmpstr (text3, ==, text1);
}

static gboolean cancel_after_first_batch;

static void
cancel_cb (double      fraction,
           const char *phase,
           gpointer    user_data)
{
  if (cancel_after_first_batch)
    g_cancellable_cancel (user_data);
}

static void
test_cancel (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autoptr(CrmStore) store = new_store (dir, "c.db", "en");
  g_autoptr(GString) csv = g_string_new ("Name,City\n");
  g_autoptr(CrmImportReport) report = crm_import_report_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(CrmImportRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  CrmImportOptions options;

  /* progress is reported every 1000 rows; batches are 700: the cancel comes
   * in the second batch, which is rolled back */
  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (csv, "Client %u,City %u\n", i, i % 7);
  path = write_file (dir, "many.csv", csv->str, csv->len);

  crm_import_options_init (&options);
  options.batch_size = 700;
  cancel_after_first_batch = TRUE;
  g_assert_false (crm_import_csv (store, path, &options, report, cancel_cb, cancellable, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  cancel_after_first_batch = FALSE;

  g_assert_cmpuint (report->added, ==, 700);
  g_assert_cmpint (count (store, "companies"), ==, 700);
  record = crm_store_import_get (store, report->import_id, NULL);
  g_assert_cmpint (record->added, ==, 700);
  g_assert_cmpint (record->finished_at, >, 0);

  g_assert_true (crm_store_import_undo (store, report->import_id, NULL));
  g_assert_cmpint (count (store, "companies"), ==, 0);
}

/* Big imports: the list's indexes are dropped while the rows go in and
 * made again at the end (options.big_rows: from one row on here) */

/* What a query gives, as text, through a connection of its own */
static char *
query_text (CrmStore   *store,
            const char *sql)
{
  g_autoptr(GString) text = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (crm_store_get_path (store), &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        g_string_append_printf (text, "%s%s", i > 0 ? "|" : "",
                                sqlite3_column_type (stmt, i) == SQLITE_NULL
                                  ? "NULL" : (const char *)sqlite3_column_text (stmt, i));
      g_string_append_c (text, '\n');
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
index_schema (CrmStore *store)
{
  return query_text (store, "SELECT name, sql FROM sqlite_schema WHERE type = 'index' ORDER BY name");
}

/* Everything an import writes, times and import numbers left out */
static char *
imported_data (CrmStore *store)
{
  return query_text (store,
                     "SELECT 'c', id, name, sort_name, name_key, legal_name, tax_id, status_id, industry_id, "
                     "  region_id, source_id, manager_id, city, sort_city, address, website, website_domain, "
                     "  notes, status_rank, industry_rank, region_rank, manager_rank, version FROM companies "
                     "UNION ALL SELECT 'p', id, company_id, contact_id, number, digits, national, subscriber, "
                     "  search_terms, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
                     "  NULL, NULL FROM phones "
                     "UNION ALL SELECT 'e', id, company_id, contact_id, address, domain, NULL, NULL, NULL, NULL, "
                     "  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM emails "
                     "UNION ALL SELECT 'k', id, company_id, full_name, first_name, middle_name, last_name, "
                     "  position, birthday, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
                     "  NULL, NULL, NULL FROM contacts "
                     "UNION ALL SELECT 's', rowid, name, details, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
                     "  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM client_search "
                     "ORDER BY 1, 2");
}

static char *
big_csv (TestDir *dir,
         guint    rows)
{
  g_autoptr(GString) csv = g_string_new ("Name,Tax ID,Status,City,Phone,E-mail,Contact person,Tags\n");

  /* every fifth row another contact person of the client before it */
  for (guint i = 0; i < rows; i++)
    {
      guint client = i % 5 == 4 ? i - 1 : i;

      g_string_append_printf (csv, "Client %u,%09u,%s,City %u,+1 212 555 %04u,office%u@client%u.example,"
                              "Person %u Doe,%s\n",
                              client, 100000000 + client, i % 3 ? "Lead" : "Client", client % 7, i,
                              i, client, i, i % 4 ? "" : "vip");
    }

  return write_file (dir, "big.csv", csv->str, csv->len);
}

static void
assert_check_clean (CrmStore *store)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_store_check (store, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems != NULL ? problems->len : 0, ==, 0);
}

static void
phases_cb (double      fraction,
           const char *phase,
           gpointer    user_data)
{
  GString *phases = user_data;

  if (phases->len == 0 || !g_str_has_suffix (phases->str, phase))
    g_string_append_printf (phases, "\n%s", phase);
}

static CrmImportReport *
import_big (CrmStore            *store,
            const char          *path,
            CrmImportDuplicates  policy,
            gboolean             big)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) phases = g_string_new (NULL);
  CrmImportOptions options;
  CrmImportReport *report = crm_import_report_new ();

  crm_import_options_init (&options);
  options.on_duplicate = policy;
  options.batch_size = 500;
  options.big_rows = big ? 1 : G_MAXUINT;
  g_assert_true (crm_import_csv (store, path, &options, report, phases_cb, phases, NULL, &error));
  g_assert_no_error (error);
  /* the indexes were made again: they had been dropped */
  g_assert_true ((strstr (phases->str, "indexes of the client list") != NULL) == big);

  return report;
}

/* A file without a status column starts its clients as new leads, as New
 * Client does; a status column's empty cell stays empty */
static void
test_first_status (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autoptr(CrmStore) store = new_store (dir, "s.db", "en");
  g_autofree char *without = write_file (dir, "leads.csv", "Name,City\nLead One,Boston\n", -1);
  g_autofree char *with = write_file (dir, "clients.csv", "Name,Status\nNo Status,\nA Client,Client\n", -1);
  g_autoptr(CrmImportReport) first = import (store, without, CRM_IMPORT_DUPLICATE_SKIP);
  g_autoptr(CrmImportReport) second = import (store, with, CRM_IMPORT_DUPLICATE_SKIP);
  const char * const names[] = { "Lead One", "No Status", "A Client" };
  const char * const statuses[] = { "New lead", NULL, "Client" };

  g_assert_cmpuint (first->added + second->added, ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      gint64 id = crm_store_find_client (store, names[i], NULL);
      g_autoptr(CrmClientSummary) summary = crm_store_load_client_summary (store, id, NULL);

      g_assert_nonnull (summary);
      g_assert_cmpstr (summary->status, ==, statuses[i]);
    }
}

/* The big path writes the same data as the usual one, and the list, the
 * search, the check and the undo work after it */
static void
test_big (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autoptr(CrmStore) big = new_store (dir, "big.db", "en");
  g_autoptr(CrmStore) usual = new_store (dir, "usual.db", "en");
  g_autoptr(CrmImportReport) big_report = NULL;
  g_autoptr(CrmImportReport) usual_report = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *indexes = index_schema (big);
  g_autofree char *path = big_csv (dir, 3000);
  g_autofree char *big_data = NULL;
  g_autofree char *usual_data = NULL;
  g_autofree char *after = NULL;
  g_autofree char *note = NULL;

  big_report = import_big (big, path, CRM_IMPORT_DUPLICATE_SKIP, TRUE);
  usual_report = import_big (usual, path, CRM_IMPORT_DUPLICATE_SKIP, FALSE);
  g_assert_cmpuint (big_report->added, ==, 2400);
  g_assert_cmpuint (big_report->contacts, ==, 3000);
  g_assert_cmpuint (big_report->skipped, ==, 0);
  g_assert_cmpuint (usual_report->added, ==, 2400);

  big_data = imported_data (big);
  usual_data = imported_data (usual);
  g_assert_cmpstr (big_data, ==, usual_data);

  /* the indexes are back as they were, and nothing is left to recover */
  after = index_schema (big);
  g_assert_cmpstr (after, ==, indexes);
  note = query_text (big, "SELECT key FROM settings WHERE key LIKE 'import.%'");
  g_assert_cmpstr (note, ==, "");
  assert_check_clean (big);

  g_assert_true (crm_store_search_clients (big, "Client 2998", CRM_CLIENT_SORT_NAME, FALSE, 10, ids, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_array_set_size (ids, 0);
  g_assert_true (crm_store_search_clients (big, "212 555 2999", CRM_CLIENT_SORT_NAME, FALSE, 10, ids, NULL, &error));
  g_assert_cmpuint (ids->len, ==, 1);
  g_array_set_size (ids, 0);
  g_assert_true (crm_store_search_clients (big, "Person 2999", CRM_CLIENT_SORT_NAME, FALSE, 10, ids, NULL, &error));
  g_assert_cmpuint (ids->len, ==, 1);
  g_array_set_size (ids, 0);

  g_assert_true (crm_store_fetch_clients (big, CRM_CLIENT_SORT_CITY, TRUE, 2390, 64, rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 10);

  g_assert_true (crm_store_import_undo (big, big_report->import_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (big, "companies"), ==, 0);
  g_assert_cmpint (count (big, "contacts"), ==, 0);
  g_assert_true (crm_store_search_clients (big, "Client", CRM_CLIENT_SORT_NAME, FALSE, 10, ids, NULL, &error));
  g_assert_cmpuint (ids->len, ==, 0);
  assert_check_clean (big);
}

/* The big path builds its search index on another thread and swaps it in:
 * the documents are the usual path's, also of a client from before that the
 * import changed and of a client whose last row comes batches after its
 * first (both may have been read before the change) */
static void
test_big_search_index (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *path = big_csv (dir, 3000);
  char *documents[2] = { NULL, NULL };   /* (g_autofree would free the first only) */
  g_autoptr(GString) csv = NULL;

  g_assert_true (g_file_get_contents (path, &rows, NULL, NULL));
  csv = g_string_new (rows);
  g_string_append (csv, "Client 0,100000000,Lead,City 0,,,Late Person,\n"
                        "Old client,,Lead,New city,,,,\n");
  g_free (path);
  path = write_file (dir, "late.csv", csv->str, csv->len);

  for (guint b = 0; b < 2; b++)
    {
      g_autofree char *name = g_strdup_printf ("s%u.db", b);
      g_autofree char *scratch = NULL;
      g_autoptr(CrmStore) store = new_store (dir, name, "en");
      g_autoptr(CrmImportReport) report = NULL;
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      CrmCompanyData old = { .name = "Old client", .city = "Old city" };

      g_assert_cmpint (crm_store_add_company (store, &old, &error), >, 0);
      g_assert_no_error (error);

      report = import_big (store, path, CRM_IMPORT_DUPLICATE_UPDATE, b == 1);
      g_assert_cmpuint (report->added, ==, 2400);
      g_assert_cmpuint (report->updated, ==, 1);
      documents[b] = query_text (store, "SELECT rowid, name, details FROM client_search ORDER BY rowid");
      assert_check_clean (store);   /* the full-text index's integrity check among others */

      g_assert_true (crm_store_search_clients (store, "Late Person", CRM_CLIENT_SORT_NAME, FALSE, 10, ids, NULL,
                                               &error));
      g_assert_no_error (error);
      g_assert_cmpuint (ids->len, ==, 1);
      g_array_set_size (ids, 0);
      g_assert_true (crm_store_search_clients (store, "old new cit", CRM_CLIENT_SORT_NAME, FALSE, 10, ids, NULL,
                                               &error));
      g_assert_cmpuint (ids->len, ==, 1);

      scratch = g_strconcat (crm_store_get_path (store), ".search-build", NULL);
      g_assert_false (g_file_test (scratch, G_FILE_TEST_EXISTS));
    }

  g_assert_cmpstr (documents[0], ==, documents[1]);
  g_assert_cmpuint (strlen (documents[0]), >, 2400 * 20);
  g_free (documents[0]);
  g_free (documents[1]);
}

/* Someone else writes while the index is built: it is not used, and the
 * index stays as it was for the usual rebuild to take over */
static void
test_search_build_foreign_write (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autoptr(CrmStore) store = new_store (dir, "f.db", "en");
  g_autoptr(CrmStore) other = NULL;
  g_autoptr(CrmSearchBuild) build = NULL;
  g_autoptr(GArray) stale = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  CrmCompanyData first = { .name = "First client" };
  CrmCompanyData foreign = { .name = "Foreign client" };
  gint64 id;

  g_assert_cmpint (crm_store_add_company (store, &first, &error), >, 0);
  build = crm_store_search_build_start (store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (build);

  other = crm_store_open_full (crm_store_get_path (store), CRM_STORE_OPEN_NO_BACKUP, "en", &error);
  g_assert_no_error (error);
  id = crm_store_add_company (other, &foreign, &error);
  g_assert_cmpint (id, >, 0);
  crm_store_search_build_publish (build, id, TRUE);

  g_assert_false (crm_store_search_build_finish (build, &stale, &error));
  g_assert_nonnull (error);
  g_assert_null (stale);
  g_clear_error (&error);

  /* the index the other connection kept is whole */
  g_assert_true (crm_store_search_clients (store, "Foreign", CRM_CLIENT_SORT_NAME, FALSE, 10, ids, NULL, &error));
  g_assert_cmpuint (ids->len, ==, 1);
  g_array_set_size (ids, 0);
  g_assert_true (crm_store_search_clients (store, "First", CRM_CLIENT_SORT_NAME, FALSE, 10, ids, NULL, &error));
  g_assert_cmpuint (ids->len, ==, 1);
  assert_check_clean (store);
}

/* With clients from before: the duplicate guard's indexes stay, and skip
 * and update do on the big path what they do on the usual one */
static void
test_big_duplicates (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = big_csv (dir, 1000);
  const CrmImportDuplicates policies[] = { CRM_IMPORT_DUPLICATE_SKIP, CRM_IMPORT_DUPLICATE_UPDATE,
                                           CRM_IMPORT_DUPLICATE_CREATE };

  for (guint p = 0; p < G_N_ELEMENTS (policies); p++)
    {
      /* (g_autofree on an array would free its first element only) */
      char *data[2] = { NULL, NULL };
      char *exported[2] = { NULL, NULL };
      guint64 skipped[2], updated[2];

      for (guint b = 0; b < 2; b++)
        {
          g_autofree char *name = g_strdup_printf ("d%u%u.db", p, b);
          g_autoptr(CrmStore) store = new_store (dir, name, "en");
          g_autoptr(CrmImportReport) report = NULL;
          g_autofree char *indexes = index_schema (store);
          g_autofree char *after = NULL;
          CrmCompanyData before[] = {
            { .name = "Client 10", .city = "Old city" },
            { .name = "Someone else", .tax_id = "100000020" },
            { .name = "Client 31", .tax_id = "999999999" },   /* a namesake with another tax id */
          };

          for (guint i = 0; i < G_N_ELEMENTS (before); i++)
            {
              crm_store_add_company (store, &before[i], &error);
              g_assert_no_error (error);
            }

          report = import_big (store, path, policies[p], b == 1);
          skipped[b] = report->skipped;
          updated[b] = report->updated;
          data[b] = imported_data (store);
          exported[b] = export_text (store, CRM_EXPORT_RAW);
          after = index_schema (store);
          g_assert_cmpstr (after, ==, indexes);
          assert_check_clean (store);

          g_assert_true (crm_store_import_undo (store, report->import_id, &error));
          g_assert_no_error (error);
          g_assert_cmpint (count (store, "companies"), ==, 3);
        }

      g_assert_cmpuint (skipped[0], ==, skipped[1]);
      g_assert_cmpuint (updated[0], ==, updated[1]);
      if (policies[p] == CRM_IMPORT_DUPLICATE_SKIP)
        g_assert_cmpuint (skipped[1], ==, 2);
      if (policies[p] == CRM_IMPORT_DUPLICATE_UPDATE)
        g_assert_cmpuint (updated[1], ==, 2);
      g_assert_cmpstr (data[0], ==, data[1]);
      g_assert_cmpstr (exported[0], ==, exported[1]);
      for (guint b = 0; b < 2; b++)
        {
          g_free (data[b]);
          g_free (exported[b]);
        }
    }
}

/* A row the store refuses half-way leaves nothing behind, whether it was
 * written in a savepoint (a tag) or taken back by deleting its new client */
static void
test_refused_half_way (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autoptr(CrmStore) store = new_store (dir, "r.db", "en");
  g_autoptr(CrmImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *left = NULL;
  sqlite3 *db = NULL;

  /* the e-mail comes after the client and its phone are written */
  g_assert_cmpint (sqlite3_open (crm_store_get_path (store), &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TRIGGER refuse BEFORE INSERT ON emails "
                                     "WHEN NEW.address LIKE 'refused%' BEGIN SELECT RAISE (ABORT, 'refused'); END",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  path = write_file (dir, "r.csv",
                     "Name,Phone,E-mail,Contact person,Tags\n"
                     "Kept,+1 212 555 0001,kept@a.example,Ann Kept,\n"
                     "Refused,+1 212 555 0002,refused@b.example,Bob Refused,\n"
                     "Refused with a tag,+1 212 555 0003,refused@c.example,Cid Refused,vip\n"
                     "Kept too,+1 212 555 0004,kept@d.example,,\n", -1);
  report = import (store, path, CRM_IMPORT_DUPLICATE_SKIP);
  g_assert_cmpuint (report->added, ==, 2);
  g_assert_cmpuint (report->skipped, ==, 2);
  g_assert_cmpuint (report->contacts, ==, 1);
  g_assert_nonnull (problem_at (report, 3));
  g_assert_nonnull (problem_at (report, 4));

  left = query_text (store, "SELECT (SELECT group_concat (name) FROM companies), "
                            "(SELECT group_concat (number) FROM phones), (SELECT group_concat (full_name) FROM contacts), "
                            "(SELECT count(*) FROM company_tags), (SELECT count(*) FROM client_search)");
  g_assert_cmpstr (left, ==, "Kept,Kept too|+1 212 555 0001,+1 212 555 0004|Ann Kept|0|2\n");
  /* the batches ran without foreign keys (crm_store_import_begin_batch()):
   * nothing points at a client that is not there, and they are on again
   * for the store's connection (a deleted client takes its contact along) */
  assert_check_clean (store);
  g_assert_true (crm_store_delete_company (store, 1, &error));
  g_assert_no_error (error);
  g_clear_pointer (&left, g_free);
  left = query_text (store, "SELECT (SELECT group_concat (name) FROM companies), (SELECT count(*) FROM contacts), "
                            "(SELECT count(*) FROM phones)");
  g_assert_cmpstr (left, ==, "Kept too|0|1\n");
}

/* The "imported" entries are written without the history's CHECKs
 * (crm-store-import.c: write_history); they are on again afterwards for the
 * store's connection: a probe trigger's bad row is refused */
static void
test_checks_back_on (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autoptr(CrmStore) store = new_store (dir, "k.db", "en");
  g_autoptr(CrmImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *left = NULL;
  CrmHistoryData note = { .company_id = 1, .kind = "note", .subject = "Probe", .occurred_at = 1700000000 };
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (crm_store_get_path (store), &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE probe (x INTEGER CHECK (x > 0));"
                                     "CREATE TRIGGER probe_note AFTER INSERT ON history WHEN NEW.kind = 'note' "
                                     "BEGIN INSERT INTO probe VALUES (0); END",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  path = write_file (dir, "k.csv", "Name,City\nFirst,Kazan\nSecond,Omsk\n", -1);
  report = import (store, path, CRM_IMPORT_DUPLICATE_SKIP);
  g_assert_cmpuint (report->added, ==, 2);
  left = query_text (store, "SELECT count(*), min (json_valid (details)) FROM history WHERE kind = 'imported'");
  g_assert_cmpstr (left, ==, "2|1\n");

  g_assert_cmpint (crm_store_add_history (store, &note, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT);
  g_clear_pointer (&left, g_free);
  left = query_text (store, "SELECT count(*) FROM probe");
  g_assert_cmpstr (left, ==, "0\n");
}

/* An undo keeps its page copies in a temporary file, not in memory
 * (_crm_store_set_large_changes), which drops the connection's TEMP
 * triggers: they are made again, so the store still hears of a position
 * changed inside a transaction (see /crm/store/remembered-ranks) */
static void
test_undo_keeps_rank_triggers (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autoptr(CrmStore) store = new_store (dir, "u.db", "en");
  g_autoptr(CrmImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  CrmCompanyData first = { .name = "First" };
  CrmCompanyData second = { .name = "Second" };
  const char *path_db;

  path = write_file (dir, "u.csv", "Name,City\nGone,Kazan\nGone too,Omsk\n", -1);
  report = import (store, path, CRM_IMPORT_DUPLICATE_SKIP);
  g_assert_cmpuint (report->added, ==, 2);
  g_assert_true (crm_store_import_undo (store, 1, &error));
  g_assert_no_error (error);

  g_assert_true (crm_store_begin (store, &error));
  first.industry_id = crm_store_ensure_dictionary_value (store, "industry", "Zinc mining", &error);
  g_assert_cmpint (crm_store_add_company (store, &first, &error), >, 0);
  crm_store_ensure_dictionary_value (store, "industry", "Aardvark farming", &error);
  second.industry_id = first.industry_id;
  g_assert_cmpint (crm_store_add_company (store, &second, &error), >, 0);
  g_assert_true (crm_store_commit (store, &error));
  g_assert_no_error (error);

  path_db = crm_store_get_path (store);
  g_assert_cmpint (test_query_int64 (path_db, "SELECT count(*) FROM companies"), ==, 2);
  g_assert_cmpint (test_query_int64 (path_db, TEST_WRONG_INDUSTRY_RANKS), ==, 0);
}

/* Clients in the database file itself, not in its WAL: read with the file
 * taken as immutable (SQLite then ignores the WAL) */
static gint64
clients_in_file (const char *path)
{
  g_autofree char *uri = g_strdup_printf ("file:%s?immutable=1", path);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, "SELECT count(*) FROM companies", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return n;
}

/* While checkpoints are aside (the end of a big import), the store's
 * commits leave them to a thread; set back, the thread copies what is left,
 * and a store that closes waits for it: every client reaches the file. The
 * store's own connection never checkpoints at close (_crm_store_keep_wal). */
static void
test_checkpoints_aside (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir->path, "c.db", NULL);
  CrmStore *store = new_store (dir, "c.db", "en");
  g_autoptr(GError) error = NULL;
  gint64 before;

  before = clients_in_file (path);
  g_assert_cmpint (before, ==, 0);

  crm_store_set_checkpoints_aside (store, TRUE);
  g_assert_true (crm_store_begin (store, &error));
  for (guint i = 0; i < 20000; i++)
    {
      g_autofree char *name = g_strdup_printf ("Client %u with a name long enough to fill pages", i);
      CrmCompanyData data = { .name = name, .city = "Kazan", .notes = "Notes that take room in the WAL" };

      g_assert_cmpint (crm_store_add_company (store, &data, &error), >, 0);
    }
  g_assert_true (crm_store_commit (store, &error));
  g_assert_no_error (error);
  crm_store_set_checkpoints_aside (store, FALSE);
  g_object_unref (store);

  g_assert_cmpint (clients_in_file (path), ==, 20000);
  /* the log, grown while nobody started it over, is back to nothing (the
   * file stays: _crm_store_keep_wal) */
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    GStatBuf st;

    g_assert_cmpint (g_stat (wal, &st), ==, 0);
    g_assert_cmpint (st.st_size, ==, 0);
  }

  /* and the store opens as usual afterwards */
  store = new_store (dir, "c.db", "en");
  g_assert_cmpint (count (store, "companies"), ==, 20000);
  g_object_unref (store);
}

/* A cancel on the big path keeps the batches written and makes the indexes
 * again */
static void
test_big_cancel (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autoptr(CrmStore) store = new_store (dir, "c.db", "en");
  g_autoptr(CrmImportReport) report = crm_import_report_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *indexes = index_schema (store);
  g_autofree char *path = big_csv (dir, 3000);
  g_autofree char *after = NULL;
  g_autofree char *note = NULL;
  CrmImportOptions options;

  /* progress every 1000 rows, batches of 700: cancelled in the second */
  crm_import_options_init (&options);
  options.batch_size = 700;
  options.big_rows = 1;
  cancel_after_first_batch = TRUE;
  g_assert_false (crm_import_csv (store, path, &options, report, cancel_cb, cancellable, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  cancel_after_first_batch = FALSE;

  g_assert_cmpuint (report->added, ==, 560);
  g_assert_cmpint (count (store, "companies"), ==, 560);
  after = index_schema (store);
  g_assert_cmpstr (after, ==, indexes);
  note = query_text (store, "SELECT key FROM settings WHERE key LIKE 'import.%'");
  g_assert_cmpstr (note, ==, "");
  assert_check_clean (store);

  g_assert_true (crm_store_import_undo (store, report->import_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (store, "companies"), ==, 0);
}

/* A crash between the drop and the end: the next open makes the indexes */
static void
test_big_crash (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *indexes = NULL;
  g_autofree char *dropped_schema = NULL;
  g_autofree char *after = NULL;
  g_autofree char *note = NULL;
  CrmStore *store = new_store (dir, "k.db", "en");
  g_autoptr(CrmClientFilter) filter = crm_client_filter_new ();
  gboolean dropped = FALSE;
  gint64 lead;

  lead = crm_store_ensure_dictionary_value (store, "status", "Lead", &error);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("Client %u", 3 - i);
      CrmCompanyData company = { .name = name, .status_id = lead };

      crm_store_add_company (store, &company, &error);
      g_assert_no_error (error);
    }
  crm_client_filter_add (filter, CRM_FILTER_STATUS, lead);

  indexes = index_schema (store);
  g_assert_true (crm_store_import_drop_indexes (store, FALSE, &dropped, &error));
  g_assert_no_error (error);
  g_assert_true (dropped);
  dropped_schema = index_schema (store);
  g_assert_null (strstr (dropped_schema, "companies_by_city"));
  g_assert_nonnull (strstr (dropped_schema, "companies_by_name_key"));

  /* meanwhile the list sorts without them, slowly, but it sorts */
  for (guint sort = 0; sort < CRM_CLIENT_N_SORTS; sort++)
    {
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

      g_assert_true (crm_store_sort_filtered_clients (store, filter, sort, FALSE, ids, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (ids->len, ==, 3);
      g_assert_true (crm_store_fetch_filtered_clients (store, filter, sort, TRUE, 0, 10, rows, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (rows->len, ==, 3);
    }

  /* a second import meanwhile leaves them to the first */
  g_assert_true (crm_store_import_drop_indexes (store, FALSE, &dropped, &error));
  g_assert_false (dropped);
  g_clear_object (&store);

  store = new_store (dir, "k.db", "en");
  after = index_schema (store);
  g_assert_cmpstr (after, ==, indexes);
  note = query_text (store, "SELECT key FROM settings WHERE key LIKE 'import.%'");
  g_assert_cmpstr (note, ==, "");
  assert_check_clean (store);
  g_clear_object (&store);
}

static void
test_hostile (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autoptr(CrmStore) store = new_store (dir, "h.db", "en");
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) big = g_string_new ("Name,Notes\nFirst,ok\nHuge,");
  g_autofree char *empty = write_file (dir, "empty.csv", "", 0);
  g_autofree char *blank = write_file (dir, "blank.csv", "\n\r\n\n", -1);
  g_autofree char *open_quote = write_file (dir, "open.csv", "Name,City\nGood,Rome\n\"Bad,Paris\nUgly,Oslo\n", -1);
  g_autofree char *no_name = write_file (dir, "noname.csv", "City,Phone\nRome,123456\n", -1);
  g_autofree char *binary = write_file (dir, "bin.csv", "PK\003\004\0\0\0\x88\x99garbage", 16);
  g_autofree char *big_path = NULL;
  g_autoptr(CrmImportReport) r1 = crm_import_report_new ();
  g_autoptr(CrmImportReport) r2 = crm_import_report_new ();
  g_autoptr(CrmImportReport) r3 = crm_import_report_new ();
  g_autoptr(CrmImportReport) r4 = crm_import_report_new ();
  g_autoptr(CrmImportReport) r5 = crm_import_report_new ();
  g_autoptr(CrmImportReport) r6 = crm_import_report_new ();

  g_assert_false (crm_import_csv (store, empty, NULL, r1, NULL, NULL, NULL, &error));
  g_assert_error (error, CRM_CSV_ERROR, CRM_CSV_ERROR_EMPTY);
  g_clear_error (&error);
  g_assert_cmpint (r1->import_id, ==, 0);

  g_assert_false (crm_import_csv (store, blank, NULL, r2, NULL, NULL, NULL, &error));
  g_assert_error (error, CRM_CSV_ERROR, CRM_CSV_ERROR_EMPTY);
  g_clear_error (&error);

  g_assert_false (crm_import_csv (store, binary, NULL, r3, NULL, NULL, NULL, &error));
  g_assert_error (error, CRM_CSV_ERROR, CRM_CSV_ERROR_NOT_TEXT);
  g_clear_error (&error);

  g_assert_false (crm_import_csv (store, no_name, NULL, r4, NULL, NULL, NULL, &error));
  g_assert_error (error, CRM_CSV_ERROR, CRM_CSV_ERROR_EMPTY);
  g_assert_nonnull (strstr (error->message, "name"));
  g_clear_error (&error);

  /* an open quote: the good row stays, the rest is one bad record */
  g_assert_true (crm_import_csv (store, open_quote, NULL, r5, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (r5->added, ==, 1);
  g_assert_cmpuint (r5->skipped, ==, 1);
  g_assert_nonnull (problem_at (r5, 3));

  /* a 10 MB field: that line is reported, the next one imported */
  for (guint i = 0; i < 10 * 1024 * 1024 / 32; i++)
    g_string_append (big, "0123456789abcdef0123456789abcdef");
  g_string_append (big, "\nLast,fine\n");
  big_path = write_file (dir, "big.csv", big->str, big->len);
  g_assert_true (crm_import_csv (store, big_path, NULL, r6, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (r6->added, ==, 2);
  g_assert_cmpuint (r6->skipped, ==, 1);
  g_assert_nonnull (problem_at (r6, 3));
  g_assert_cmpint (crm_store_find_client (store, "Last", NULL), >, 0);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *)a, *(char * const *)b);
}

/* The first cell of each data row (the names have no commas or quotes),
 * sorted and joined by "|" */
static char *
exported_names (const char *csv)
{
  g_auto(GStrv) lines = g_strsplit (csv, "\r\n", -1);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 1; lines[i] != NULL; i++)
    {
      const char *comma = strchr (lines[i], ',');

      if (*lines[i] == '\0')
        continue;
      g_assert_nonnull (comma);
      g_ptr_array_add (names, g_strndup (lines[i], comma - lines[i]));
    }
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  return g_strjoinv ("|", (char **)names->pdata);
}

static char *
export_cards (CrmStore        *store,
              CrmClientFilter *filter,
              guint64         *n_written)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_vcard_export (store, stream, CRM_VCARD_3_0, NULL, filter, n_written,
                                   NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  return g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream)),
                    g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)));
}

static void
test_export_filtered (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autoptr(CrmStore) store = new_store (dir, "filtered.db", "en");
  g_autoptr(CrmClientFilter) filter = crm_client_filter_new ();
  g_autoptr(CrmClientFilter) loaded = NULL;
  g_autoptr(CrmClientFilter) empty = crm_client_filter_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autoptr(GArray) page = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) listed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(CrmStoreCursor) cursor = NULL;
  g_autofree char *text = NULL;
  g_autofree char *names = NULL;
  g_autofree char *cards = NULL;
  gint64 lead, won, segment, n_clients = 0;
  guint64 n = 0;
  guint n_rows = 0;

  lead = crm_store_ensure_dictionary_value (store, "status", "Lead", &error);
  g_assert_no_error (error);
  won = crm_store_ensure_dictionary_value (store, "status", "Won", &error);
  g_assert_no_error (error);

  /* every third client a lead, the leads interleaved with the others by id */
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *name = g_strdup_printf ("Client %02u", i);
      CrmCompanyData data = { .name = name, .status_id = i % 3 == 0 ? lead : won };
      CrmContactData contact = { .first_name = "Anna", .last_name = name };

      contact.company_id = crm_store_add_company (store, &data, &error);
      g_assert_no_error (error);
      crm_store_add_contact (store, &contact, &error);
      g_assert_no_error (error);
      if (i % 3 == 0)
        g_string_append_printf (expected, "%s%s", expected->len ? "|" : "", name);
    }

  g_assert_true (crm_client_filter_add (filter, CRM_FILTER_STATUS, lead));
  segment = crm_store_create_segment (store, "Leads", filter, &error);
  g_assert_no_error (error);
  loaded = crm_store_load_segment (store, segment, &error);
  g_assert_no_error (error);

  /* exactly the segment's clients, once each */
  g_assert_cmpint (crm_store_count_filtered_clients (store, loaded, NULL), ==, 10);
  text = export_chosen (store, CRM_EXPORT_RAW, NULL, loaded, &n);
  g_assert_cmpuint (n, ==, 10);
  names = exported_names (text);
  g_assert_cmpstr (names, ==, expected->str);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&names, g_free);

  /* the search within the filter */
  text = export_chosen (store, CRM_EXPORT_RAW, "Client 0", loaded, &n);
  names = exported_names (text);
  g_assert_cmpstr (names, ==, "Client 00|Client 03|Client 06|Client 09");
  g_assert_cmpuint (n, ==, 4);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&names, g_free);

  /* an empty filter is the whole base */
  text = export_chosen (store, CRM_EXPORT_RAW, NULL, empty, &n);
  g_assert_cmpuint (n, ==, 30);
  g_clear_pointer (&text, g_free);

  /* the vCards of the segment's clients only */
  cards = export_cards (store, loaded, &n);
  g_assert_cmpuint (n, ==, 10);
  g_assert_nonnull (strstr (cards, "ORG:Client 27"));
  g_assert_null (strstr (cards, "ORG:Client 01"));
  g_assert_null (strstr (cards, "ORG:Client 29"));

  /* paging through the filter by id finds what the list of its ids does */
  g_assert_true (crm_store_list_filtered_clients (store, loaded, CRM_CLIENT_SORT_NAME, FALSE, 100,
                                                  listed, NULL, &error));
  for (gint64 after = 0;;)
    {
      g_assert_true (crm_store_page_filtered_clients (store, loaded, after, 3, page, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (page->len, <=, 3);
      if (page->len == 0)
        break;
      for (guint i = 0; i < page->len; i++)
        g_assert_cmpint (g_array_index (page, gint64, i), >, after);
      after = g_array_index (page, gint64, page->len - 1);
      g_array_append_vals (all, page->data, page->len);
    }
  g_assert_cmpuint (all->len, ==, listed->len);
  for (guint i = 0; i < listed->len; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < all->len; j++)
        found |= g_array_index (all, gint64, j) == g_array_index (listed, gint64, i);
      g_assert_true (found);
    }

  /* the cursor a large filter gets, read to its end */
  cursor = crm_store_export_filtered_clients (store, loaded);
  for (;;)
    {
      g_autoptr(GPtrArray) rows = crm_store_cursor_next_page (cursor, &error);

      g_assert_no_error (error);
      g_assert_nonnull (rows);
      if (rows->len == 0)
        break;
      for (guint i = 0; i < rows->len; i++)
        {
          CrmExportClient *client = g_ptr_array_index (rows, i);

          g_assert_cmpstr (client->status, ==, "Lead");
          n_rows++;
        }
    }
  g_assert_cmpuint (n_rows, ==, 10);
  g_clear_pointer (&cursor, crm_store_cursor_free);

  cursor = crm_export_open_cursor (store, NULL, loaded, TRUE, &n_clients, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n_clients, ==, 10);
}

/* A client's own phones and e-mails, in the order they were added, and
 * none of its contact persons': over the whole base and over chosen ids */
static void
test_export_values (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autoptr(CrmStore) store = new_store (dir, "values.db", "en");
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStoreCursor) cursor = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *text = NULL;
  CrmCompanyData alpha = { .name = "Alpha" }, beta = { .name = "Beta" }, gamma = { .name = "Gamma" };
  CrmContactData anna = { .first_name = "Anna", .last_name = "Alpha" };
  gint64 alpha_id, beta_id, gamma_id, anna_id;
  CrmExportClient *client;

  alpha_id = crm_store_add_company (store, &alpha, &error);
  g_assert_no_error (error);
  beta_id = crm_store_add_company (store, &beta, &error);
  g_assert_no_error (error);
  gamma_id = crm_store_add_company (store, &gamma, &error);
  g_assert_no_error (error);
  anna.company_id = alpha_id;
  anna_id = crm_store_add_contact (store, &anna, &error);
  g_assert_no_error (error);

  /* the ids of the clients' values interleave */
  crm_store_add_phone (store, alpha_id, 0, NULL, "+1 617 555 0101", &error);
  g_assert_no_error (error);
  crm_store_add_phone (store, gamma_id, 0, NULL, "+1 617 555 0301", &error);
  g_assert_no_error (error);
  crm_store_add_phone (store, alpha_id, anna_id, NULL, "+1 617 555 0199", &error);
  g_assert_no_error (error);
  crm_store_add_phone (store, alpha_id, 0, NULL, "+1 617 555 0102", &error);
  g_assert_no_error (error);
  crm_store_add_email (store, gamma_id, 0, NULL, "gamma@example.com", &error);
  g_assert_no_error (error);
  crm_store_add_email (store, alpha_id, 0, NULL, "sales@alpha.example", &error);
  g_assert_no_error (error);
  crm_store_add_email (store, alpha_id, anna_id, NULL, "anna@alpha.example", &error);
  g_assert_no_error (error);
  crm_store_add_email (store, alpha_id, 0, NULL, "info@alpha.example", &error);
  g_assert_no_error (error);

  text = export_chosen (store, CRM_EXPORT_RAW, NULL, NULL, NULL);
  g_assert_nonnull (strstr (text, "\r\nAlpha,,,,,,,,,\"+1 617 555 0101, +1 617 555 0102\","
                                  "\"sales@alpha.example, info@alpha.example\","));
  g_assert_nonnull (strstr (text, "\r\nBeta,,,,,,,,,,,,,,"));
  g_assert_nonnull (strstr (text, "\r\nGamma,,,,,,,,,+1 617 555 0301,gamma@example.com,"));
  g_assert_null (strstr (text, "0199"));
  g_assert_null (strstr (text, "anna@"));

  /* chosen clients: only theirs */
  g_array_append_val (ids, beta_id);
  g_array_append_val (ids, gamma_id);
  cursor = crm_store_export_clients (store, g_steal_pointer (&ids));
  rows = crm_store_cursor_next_page (cursor, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  client = g_ptr_array_index (rows, 0);
  g_assert_cmpint (client->id, ==, beta_id);
  g_assert_cmpstr (client->name, ==, "Beta");
  g_assert_null (client->phones);
  g_assert_null (client->emails);
  g_assert_null (client->legal_name);
  client = g_ptr_array_index (rows, 1);
  g_assert_cmpstr (client->name, ==, "Gamma");
  g_assert_cmpstr (client->phones, ==, "+1 617 555 0301");
  g_assert_cmpstr (client->emails, ==, "gamma@example.com");
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = crm_store_cursor_next_page (cursor, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crm/import/headers", test_headers);
  g_test_add_func ("/crm/import/check-value", test_check_value);
  g_test_add_func ("/crm/import/header-switch", test_header_switch);
  g_test_add_func ("/crm/import/1251", test_1251);
  g_test_add_func ("/crm/import/bom", test_bom);
  g_test_add_func ("/crm/import/update-and-undo", test_update_and_undo);
  g_test_add_func ("/crm/import/undo-keeps-rank-triggers", test_undo_keeps_rank_triggers);
  g_test_add_func ("/crm/import/round-trip", test_round_trip);
  g_test_add_func ("/crm/import/cancel", test_cancel);
  g_test_add_func ("/crm/import/refused-half-way", test_refused_half_way);
  g_test_add_func ("/crm/import/checks-back-on", test_checks_back_on);
  g_test_add_func ("/crm/import/first-status", test_first_status);
  g_test_add_func ("/crm/import/big", test_big);
  g_test_add_func ("/crm/import/checkpoints-aside", test_checkpoints_aside);
  g_test_add_func ("/crm/import/big-duplicates", test_big_duplicates);
  g_test_add_func ("/crm/import/big-search-index", test_big_search_index);
  g_test_add_func ("/crm/import/search-build-foreign-write", test_search_build_foreign_write);
  g_test_add_func ("/crm/import/big-cancel", test_big_cancel);
  g_test_add_func ("/crm/import/big-crash", test_big_crash);
  g_test_add_func ("/crm/import/hostile", test_hostile);
  g_test_add_func ("/crm/import/export-filtered", test_export_filtered);
  g_test_add_func ("/crm/import/export-values", test_export_values);

  return g_test_run ();
}
