/* test-dossier.c: a client's dossier as pages and as a PDF file
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The PDF is read back with poppler's pdfinfo and pdftotext (poppler-utils)
 * when they are installed; the page count is also read from the file itself.
 */

#include "config.h"

#include <cairo.h>
#include <string.h>

#include "crm-client-edit.h"
#include "crm-dossier.h"
#include "test-utils.h"

#define DAY 86400

typedef struct
{
  TestDir  *dir;
  char     *path;
  CrmStore *store;
  gint64    client;
  gint64    first_time;   /* of the oldest entry */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) noon = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                                     g_date_time_get_day_of_month (now), 12, 0, 0);
  CrmUserData user = { .login = "ivan", .full_name = "Иван Петров", .role = "sales", .active = TRUE };
  CrmContactData contact = { .first_name = "Мария", .last_name = "Соколова", .position = "Директор" };
  CrmCompanyData company = { 0 };
  gint64 user_id, status_id, contact_id;

  fixture->dir = test_dir_new ();
  fixture->path = g_build_filename (fixture->dir->path, "rapport.db", NULL);
  fixture->store = crm_store_open_full (fixture->path, CRM_STORE_OPEN_DEFAULT, "ru", &error);
  g_assert_no_error (error);

  user_id = crm_store_add_user (fixture->store, &user, &error);
  g_assert_no_error (error);
  status_id = crm_store_ensure_dictionary_value (fixture->store, "status", "Клиент", &error);
  company.name = "ООО «Ромашка»";
  company.legal_name = "Общество с ограниченной ответственностью «Ромашка»";
  company.city = "Москва";
  company.status_id = status_id;
  company.manager_id = user_id;
  fixture->client = crm_store_add_company (fixture->store, &company, &error);
  g_assert_no_error (error);
  contact.company_id = fixture->client;
  contact_id = crm_store_add_client_contact (fixture->store, &contact, &error);
  g_assert_no_error (error);
  crm_store_add_client_phone (fixture->store, fixture->client, contact_id, "рабочий", "+7 495 123-45-67", &error);
  g_assert_no_error (error);
  crm_store_add_client_email (fixture->store, fixture->client, contact_id, NULL, "maria@romashka.ru", &error);
  g_assert_no_error (error);
  crm_store_add_client_phone (fixture->store, fixture->client, 0, "офис", "+7 495 000-00-01", &error);
  g_assert_no_error (error);
  crm_store_add_client_tag (fixture->store, fixture->client, "VIP", &error);
  g_assert_no_error (error);

  /* 300 entries, one a day back from today, every tenth with a long text */
  g_assert_true (crm_store_begin (fixture->store, &error));
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *subject = g_strdup_printf ("Звонок номер %u", i);
      g_autoptr(GString) body = g_string_new ("Обсудили поставку.");
      CrmHistoryData entry = { .company_id = fixture->client, .user_id = user_id,
                               .contact_id = i % 3 ? contact_id : 0,
                               .kind = i % 4 ? "call" : "meeting", .direction = CRM_DIRECTION_OUTGOING,
                               .subject = subject, .outcome = i % 5 ? NULL : "Договорились",
                               .occurred_at = g_date_time_to_unix (noon) - (gint64)i * DAY,
                               .duration = 300 };

      if (i % 10 == 0)
        for (guint j = 0; j < 40; j++)
          g_string_append (body, " Клиент просит прислать коммерческое предложение с доставкой до склада.");
      entry.body = body->str;
      crm_store_add_history (fixture->store, &entry, &error);
      g_assert_no_error (error);
      fixture->first_time = entry.occurred_at;
    }
  g_assert_true (crm_store_commit (fixture->store, &error));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_free (fixture->path);
  test_dir_free (fixture->dir);
}

static char *
day_of (gint64 time,
        int    add_days)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);
  g_autoptr(GDateTime) moved = g_date_time_add_days (local, add_days);

  return g_date_time_format (moved, "%Y-%m-%d");
}

/* Counts "/Type /Page" objects (not /Pages) in the PDF */
static guint
count_pdf_pages (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;
  guint n = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  for (gsize i = 0; i + 12 < length; i++)
    if (memcmp (contents + i, "/Type /Page", 11) == 0 && contents[i + 11] != 's')
      n++;

  return n;
}

static gboolean
have_program (const char *name)
{
  g_autofree char *path = g_find_program_in_path (name);

  return path != NULL;
}

static char *
run_tool (const char *const *argv)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status, &error))
    g_error ("%s: %s", argv[0], error->message);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  return g_steal_pointer (&out);
}

static void
test_pdf (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(CrmDossier) dossier = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (fixture->dir->path, "dossier.pdf", NULL);
  g_autofree char *from = day_of (fixture->first_time, 0);
  g_autofree char *to = day_of (g_get_real_time () / G_USEC_PER_SEC, 0);
  g_autofree char *filename = NULL;
  guint n_pages;

  dossier = crm_dossier_load (fixture->store, fixture->client, from, to, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (crm_dossier_get_n_entries (dossier), ==, 300);
  g_assert_cmpstr (crm_dossier_get_client_name (dossier), ==, "ООО «Ромашка»");
  filename = crm_dossier_suggest_filename (dossier);
  g_assert_null (strchr (filename, '/'));
  g_assert_true (g_str_has_suffix (filename, ".pdf"));

  g_assert_true (crm_dossier_write_pdf (dossier, pdf, NULL, &error));
  g_assert_no_error (error);
  n_pages = crm_dossier_get_n_pages (dossier);
  /* 300 entries of three lines and thirty long texts do not fit on few pages */
  g_assert_cmpuint (n_pages, >=, 15);
  g_assert_cmpuint (n_pages, <=, 60);
  g_assert_cmpuint (count_pdf_pages (pdf), ==, n_pages);

  if (have_program ("pdfinfo") && have_program ("pdftotext"))
    {
      const char *info_argv[] = { "pdfinfo", pdf, NULL };
      g_autofree char *info = run_tool (info_argv);
      g_autofree char *pages_line = g_strdup_printf ("Pages:%*s%u\n", 11 - (int)strlen ("Pages:") + 5, "", n_pages);
      g_autofree char *txt = g_build_filename (fixture->dir->path, "dossier.txt", NULL);
      const char *text_argv[] = { "pdftotext", "-layout", pdf, txt, NULL };
      g_autofree char *text = NULL;
      g_autofree char *last_page = NULL;
      g_autofree char *second_page = NULL;
      g_autofree char *out = run_tool (text_argv);
      char **pages;
      guint n_text_pages;

      g_assert_nonnull (strstr (info, "Dossier: ООО «Ромашка»"));
      g_assert_nonnull (g_strrstr (info, "Pages:"));
      g_assert_cmpint (atoi (g_strrstr (info, "Pages:") + 6), ==, n_pages);
      (void)pages_line;

      g_assert_true (g_file_get_contents (txt, &text, NULL, NULL));
      /* the header, the card, the contact person, the entries, in Cyrillic */
      g_assert_nonnull (strstr (text, "ООО «Ромашка»"));
      g_assert_nonnull (strstr (text, "Иван Петров"));
      g_assert_nonnull (strstr (text, "Клиент"));
      g_assert_nonnull (strstr (text, "VIP"));
      g_assert_nonnull (strstr (text, "Соколова Мария"));
      g_assert_nonnull (strstr (text, "+7 495 123-45-67"));
      g_assert_nonnull (strstr (text, "Phones: +7 495 000-00-01 (офис)"));
      g_assert_nonnull (strstr (text, "maria@romashka.ru"));
      g_assert_nonnull (strstr (text, "Звонок номер 0"));
      g_assert_nonnull (strstr (text, "Звонок номер 299"));
      g_assert_nonnull (strstr (text, "Договорились"));
      /* newest first */
      g_assert_true (strstr (text, "Звонок номер 0\n") < strstr (text, "Звонок номер 299\n"));

      /* every page has the running header and its number */
      pages = g_strsplit (text, "\f", -1);
      n_text_pages = g_strv_length (pages);
      if (n_text_pages > 0 && *pages[n_text_pages - 1] == '\0')
        n_text_pages--;
      g_assert_cmpuint (n_text_pages, ==, n_pages);
      second_page = g_strdup_printf ("Page 2 of %u", n_pages);
      last_page = g_strdup_printf ("Page %u of %u", n_pages, n_pages);
      g_assert_nonnull (strstr (pages[1], second_page));
      g_assert_nonnull (strstr (pages[1], "ООО «Ромашка»"));
      g_assert_nonnull (strstr (pages[n_pages - 1], last_page));
      g_strfreev (pages);
    }
  else
    g_test_message ("pdftotext not installed: the text of the PDF is not checked");
}

/* One code path: pages drawn on any cairo context of the page size */
static void
test_pages_on_any_surface (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(CrmDossier) dossier = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *from = day_of (fixture->first_time, 0);
  g_autofree char *to = day_of (g_get_real_time () / G_USEC_PER_SEC, 0);
  cairo_surface_t *surface;
  cairo_t *cr;
  guint a4, letter, narrow;
  gboolean inked = FALSE;

  dossier = crm_dossier_load (fixture->store, fixture->client, from, to, &error);
  g_assert_no_error (error);
  a4 = crm_dossier_paginate (dossier, CRM_DOSSIER_A4_WIDTH, CRM_DOSSIER_A4_HEIGHT);
  letter = crm_dossier_paginate (dossier, 612, 792);
  narrow = crm_dossier_paginate (dossier, 300, 500);
  g_assert_cmpuint (letter, >=, a4);
  g_assert_cmpuint (narrow, >, letter);

  /* a page of an image surface gets ink in the text column */
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 300, 500);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  crm_dossier_draw_page (dossier, cr, narrow - 1);
  cairo_surface_flush (surface);
  for (int y = 60; y < 200 && !inked; y++)
    for (int x = 50; x < 250 && !inked; x++)
      inked = (((guint32 *)(cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface)))[x] & 0xffffff) != 0xffffff;
  g_assert_true (inked);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_period (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(CrmDossier) dossier = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = day_of (g_get_real_time () / G_USEC_PER_SEC, 0);
  g_autofree char *week_ago = day_of (g_get_real_time () / G_USEC_PER_SEC, -6);
  g_autofree char *pdf = g_build_filename (fixture->dir->path, "week.pdf", NULL);

  /* a week: today's entry and six before it */
  dossier = crm_dossier_load (fixture->store, fixture->client, week_ago, today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (crm_dossier_get_n_entries (dossier), ==, 7);
  g_assert_true (crm_dossier_write_pdf (dossier, pdf, NULL, &error));
  g_assert_cmpuint (crm_dossier_get_n_pages (dossier), <=, 2);
  g_clear_pointer (&dossier, crm_dossier_free);

  g_assert_null (crm_dossier_load (fixture->store, fixture->client, today, week_ago, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (crm_dossier_load (fixture->store, fixture->client, "2026-13-01", today, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (crm_dossier_load (fixture->store, 999999, week_ago, today, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* a file that cannot be written */
  dossier = crm_dossier_load (fixture->store, fixture->client, week_ago, today, &error);
  g_assert_false (crm_dossier_write_pdf (dossier, "/nonexistent-folder/x.pdf", NULL, &error));
  g_assert_nonnull (error);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/crm/dossier/pdf", Fixture, NULL, fixture_set_up, test_pdf, fixture_tear_down);
  g_test_add ("/crm/dossier/pages-on-any-surface", Fixture, NULL, fixture_set_up, test_pages_on_any_surface,
              fixture_tear_down);
  g_test_add ("/crm/dossier/period", Fixture, NULL, fixture_set_up, test_period, fixture_tear_down);

  return g_test_run ();
}
