/* test-csv.c: the CSV reader and writer
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "crm-csv.h"
#include "test-utils.h"

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

static CrmCsvReader *
open_reader (const char *path,
             const char *encoding,
             char        delimiter)
{
  g_autoptr(GError) error = NULL;
  CrmCsvReader *reader = crm_csv_reader_new_for_path (path, encoding, delimiter, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (reader);
  return reader;
}

static void
expect_record (CrmCsvReader *reader,
               guint         line,
               guint         n,
               ...)
{
  g_autoptr(GError) error = NULL;
  va_list args;

  g_assert_true (crm_csv_reader_next (reader, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (crm_csv_reader_get_line (reader), ==, line);
  g_assert_cmpuint (crm_csv_reader_get_n_fields (reader), ==, n);

  va_start (args, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (crm_csv_reader_get_field (reader, i), ==, va_arg (args, const char *));
  va_end (args);
}

static void
expect_end (CrmCsvReader *reader)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (crm_csv_reader_next (reader, &error));
  g_assert_no_error (error);
}

static void
test_quoted (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autofree char *path = write_file (dir, "q.csv",
                                      "a,b,c\r\n"
                                      "\"line one\r\nline two\",\"say \"\"hi\"\"\",plain\r\n"
                                      "\r\n"
                                      "x,\"\",\"multi\nline\nthree\"\n"
                                      "last,row,\"no newline\"", -1);
  g_autoptr(CrmCsvReader) reader = open_reader (path, NULL, 0);

  g_assert_cmpint (crm_csv_reader_get_delimiter (reader), ==, ',');
  g_assert_cmpstr (crm_csv_reader_get_encoding (reader), ==, "UTF-8");
  expect_record (reader, 1, 3, "a", "b", "c");
  expect_record (reader, 2, 3, "line one\r\nline two", "say \"hi\"", "plain");
  /* a blank line is skipped, but still counted */
  expect_record (reader, 5, 3, "x", "", "multi\nline\nthree");
  expect_record (reader, 8, 3, "last", "row", "no newline");
  expect_end (reader);
}

static void
test_delimiters (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  /* commas inside unquoted fields must not win over the semicolons */
  g_autofree char *semi = write_file (dir, "s.csv",
                                      "Name;City;Address\n"
                                      "A;Moscow;Lenina 1, office 5\n"
                                      "B;Kazan;Pushkina 2, 3, 4\n", -1);
  g_autofree char *tab = write_file (dir, "t.csv", "a\tb,c\td\n1\t2\t3\n", -1);
  g_autoptr(CrmCsvReader) r1 = open_reader (semi, NULL, 0);
  g_autoptr(CrmCsvReader) r2 = open_reader (tab, NULL, 0);
  g_autoptr(CrmCsvReader) r3 = open_reader (semi, NULL, ',');

  g_assert_cmpint (crm_csv_reader_get_delimiter (r1), ==, ';');
  expect_record (r1, 1, 3, "Name", "City", "Address");
  expect_record (r1, 2, 3, "A", "Moscow", "Lenina 1, office 5");
  g_assert_cmpint (crm_csv_reader_get_delimiter (r2), ==, '\t');
  expect_record (r2, 1, 3, "a", "b,c", "d");
  /* an explicit delimiter wins */
  expect_record (r3, 1, 1, "Name;City;Address");
}

static void
test_encodings (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autofree char *bom = write_file (dir, "bom.csv", "\xef\xbb\xbfName,City\nЁлка,Тула\n", -1);
  /* "Имя;Город" and "Ёлка;Тула" in Windows-1251 */
  g_autofree char *cp = write_file (dir, "1251.csv",
                                    "\xc8\xec\xff;\xc3\xee\xf0\xee\xe4\r\n\xa8\xeb\xea\xe0;\xd2\xf3\xeb\xe0\r\n", -1);
  g_autofree char *utf16 = write_file (dir, "16.csv", "\xff\xfe" "a\0\t\0b\0\n\0", 10);
  g_autoptr(CrmCsvReader) r1 = open_reader (bom, NULL, 0);
  g_autoptr(CrmCsvReader) r2 = open_reader (cp, NULL, 0);
  g_autoptr(CrmCsvReader) r3 = open_reader (utf16, NULL, 0);
  g_autoptr(CrmCsvReader) r4 = open_reader (cp, "windows-1251", 0);
  g_autoptr(GError) error = NULL;
  CrmCsvReader *bad;

  g_assert_cmpstr (crm_csv_reader_get_encoding (r1), ==, "UTF-8");
  expect_record (r1, 1, 2, "Name", "City");
  expect_record (r1, 2, 2, "Ёлка", "Тула");

  g_assert_cmpstr (crm_csv_reader_get_encoding (r2), ==, "WINDOWS-1251");
  g_assert_cmpint (crm_csv_reader_get_delimiter (r2), ==, ';');
  expect_record (r2, 1, 2, "Имя", "Город");
  expect_record (r2, 2, 2, "Ёлка", "Тула");

  g_assert_cmpstr (crm_csv_reader_get_encoding (r3), ==, "UTF-16LE");
  expect_record (r3, 1, 2, "a", "b");
  expect_record (r4, 1, 2, "Имя", "Город");
  expect_record (r4, 2, 2, "Ёлка", "Тула");

  bad = crm_csv_reader_new_for_path (cp, "no-such-encoding", 0, NULL, &error);
  g_assert_null (bad);
  g_assert_error (error, CRM_CSV_ERROR, CRM_CSV_ERROR_ENCODING);
  g_clear_error (&error);

  /* said to be UTF-8, and it is: every field of every line comes through */
  {
    g_autoptr(CrmCsvReader) r6 = open_reader (bom, "UTF-8", 0);
    g_autofree char *plain = write_file (dir, "utf8.csv", "Name,City,Phone\r\nЁлка,Тула,+7 495 1\r\n", -1);
    g_autoptr(CrmCsvReader) r7 = open_reader (plain, "utf8", ',');

    expect_record (r6, 1, 2, "Name", "City");
    expect_record (r6, 2, 2, "Ёлка", "Тула");
    g_assert_cmpstr (crm_csv_reader_get_encoding (r7), ==, "UTF-8");
    expect_record (r7, 1, 3, "Name", "City", "Phone");
    expect_record (r7, 2, 3, "Ёлка", "Тула", "+7 495 1");
  }

  /* said to be UTF-8, but it is not: each such line is an error of its own */
  {
    g_autoptr(CrmCsvReader) r5 = open_reader (cp, "UTF-8", ';');

    g_assert_false (crm_csv_reader_next (r5, &error));
    g_assert_error (error, CRM_CSV_ERROR, CRM_CSV_ERROR_BINARY);
    g_assert_true (crm_csv_error_is_record_error (error));
  }
}

static void
test_hostile (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *empty = write_file (dir, "empty.csv", "", 0);
  g_autofree char *open_quote = write_file (dir, "open.csv", "a,b\n1,\"never closed\n2,3\n", -1);
  g_autofree char *garbage_data = g_malloc (4096);
  g_autofree char *garbage = NULL;
  g_autoptr(GString) long_line = g_string_new ("a,b\n");
  g_autofree char *long_path = NULL;
  g_autoptr(GString) wide = g_string_new (NULL);
  g_autofree char *wide_path = NULL;
  CrmCsvReader *reader;

  /* empty: no record, no error */
  reader = open_reader (empty, NULL, 0);
  expect_end (reader);
  crm_csv_reader_free (reader);

  /* an open quote takes the rest of the file and is reported where it starts */
  reader = open_reader (open_quote, NULL, 0);
  expect_record (reader, 1, 2, "a", "b");
  g_assert_false (crm_csv_reader_next (reader, &error));
  g_assert_error (error, CRM_CSV_ERROR, CRM_CSV_ERROR_UNTERMINATED);
  g_assert_cmpuint (crm_csv_reader_get_line (reader), ==, 2);
  g_clear_error (&error);
  expect_end (reader);
  crm_csv_reader_free (reader);

  /* binary garbage is refused at once */
  for (guint i = 0; i < 4096; i++)
    garbage_data[i] = (char)g_test_rand_int_range (0, 256);
  garbage_data[17] = '\0';
  garbage = write_file (dir, "garbage.csv", garbage_data, 4096);
  reader = crm_csv_reader_new_for_path (garbage, NULL, 0, NULL, &error);
  g_assert_null (reader);
  g_assert_error (error, CRM_CSV_ERROR, CRM_CSV_ERROR_NOT_TEXT);
  g_clear_error (&error);

  /* a 10 MB line costs that line only */
  for (guint i = 0; i < 10 * 1024 * 1024 / 64; i++)
    g_string_append (long_line, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
  g_string_append (long_line, "\nafter,long\n");
  long_path = write_file (dir, "long.csv", long_line->str, long_line->len);
  reader = open_reader (long_path, NULL, ',');
  expect_record (reader, 1, 2, "a", "b");
  g_assert_false (crm_csv_reader_next (reader, &error));
  g_assert_error (error, CRM_CSV_ERROR, CRM_CSV_ERROR_FIELD_TOO_LONG);
  g_assert_cmpuint (crm_csv_reader_get_line (reader), ==, 2);
  g_clear_error (&error);
  expect_record (reader, 3, 2, "after", "long");
  expect_end (reader);
  crm_csv_reader_free (reader);

  /* too many fields */
  for (guint i = 0; i < CRM_CSV_MAX_FIELDS + 5; i++)
    g_string_append (wide, ",");
  g_string_append (wide, "\nok\n");
  wide_path = write_file (dir, "wide.csv", wide->str, wide->len);
  reader = open_reader (wide_path, NULL, ',');
  g_assert_false (crm_csv_reader_next (reader, &error));
  g_assert_error (error, CRM_CSV_ERROR, CRM_CSV_ERROR_TOO_MANY_FIELDS);
  g_clear_error (&error);
  expect_record (reader, 2, 1, "ok");
  crm_csv_reader_free (reader);
}

static void
test_writer (void)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(CrmCsvWriter) safe = crm_csv_writer_new (stream, ',', CRM_CSV_WRITE_BOM);
  g_autoptr(GString) raw = g_string_new (NULL);
  const char *row[] = { "plain", "a,b", "say \"hi\"", "two\nlines", "=SUM(A1:A2)", "+7 495", "-1", "@x", "\tt", "" };
  g_autoptr(GError) error = NULL;
  const char *data;

  g_assert_true (crm_csv_writer_write_row (safe, row, G_N_ELEMENTS (row), NULL, &error));
  g_assert_true (crm_csv_writer_close (safe, NULL, &error));
  g_assert_no_error (error);

  data = g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream));
  g_assert_cmpmem (data, g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)),
                   "\xef\xbb\xbfplain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",'=SUM(A1:A2),'+7 495,'-1,'@x,'\tt,\r\n",
                   strlen ("\xef\xbb\xbfplain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",'=SUM(A1:A2),'+7 495,'-1,'@x,'\tt,\r\n"));

  for (guint i = 0; i < G_N_ELEMENTS (row); i++)
    {
      if (i)
        g_string_append_c (raw, ',');
      crm_csv_append_field (raw, row[i], ',', FALSE);
    }
  g_assert_cmpstr (raw->str, ==, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",=SUM(A1:A2),+7 495,-1,@x,\tt,");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crm/csv/quoted", test_quoted);
  g_test_add_func ("/crm/csv/delimiters", test_delimiters);
  g_test_add_func ("/crm/csv/encodings", test_encodings);
  g_test_add_func ("/crm/csv/hostile", test_hostile);
  g_test_add_func ("/crm/csv/writer", test_writer);

  return g_test_run ();
}
