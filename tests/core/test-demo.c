/* test-demo.c
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "crm-client-row.h"
#include "crm-demo.h"
#include "crm-store.h"
#include "test-utils.h"

/* 2026-01-15 12:00 UTC: the history of every test ends here */
#define TEST_NOW G_GINT64_CONSTANT (1768478400)

typedef struct
{
  TestDir  *dir;
  CrmStore *store;
} Fixture;

static CrmStore *
open_store (Fixture    *f,
            const char *file,
            const char *locale)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir->path, file, NULL);
  CrmStore *store = crm_store_open_full (path, CRM_STORE_OPEN_DEFAULT, locale, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);

  return store;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = test_dir_new ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  test_dir_free (f->dir);
}

static void
small_options (CrmDemoOptions *options,
               const char     *locale)
{
  crm_demo_options_init (options);
  options->companies = 300;
  options->contacts = 700;
  options->history = 2500;
  options->users = 5;
  options->locale = locale;
  options->now = TEST_NOW;
}

static void
generate (CrmStore             *store,
          const CrmDemoOptions *options)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_demo_generate (store, options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
get_counts (CrmStore       *store,
            CrmStoreCounts *counts)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_store_get_counts (store, counts, &error));
  g_assert_no_error (error);
}

/* Every client row and the summaries of some clients, as text */
static char *
dump_store (CrmStore *store)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  GString *dump = g_string_new (NULL);

  g_assert_true (crm_store_fetch_clients (store, CRM_CLIENT_SORT_NAME, FALSE, 0, G_MAXINT, rows,
                                          &error));
  g_assert_no_error (error);

  for (guint i = 0; i < rows->len; i++)
    {
      CrmClientRow *row = g_ptr_array_index (rows, i);

      g_string_append_printf (dump, "%" G_GINT64_FORMAT "|%s|%s|%s|%s|%s|%s|%" G_GINT64_FORMAT "\n",
                              crm_client_row_get_id (row), crm_client_row_get_name (row),
                              crm_client_row_get_status (row), crm_client_row_get_industry (row),
                              crm_client_row_get_region (row), crm_client_row_get_city (row),
                              crm_client_row_get_manager (row),
                              crm_client_row_get_last_contact (row));
    }

  for (guint i = 0; i < rows->len; i += 37)
    {
      gint64 id = crm_client_row_get_id (g_ptr_array_index (rows, i));
      g_autoptr(CrmClientSummary) summary = crm_store_load_client_summary (store, id, &error);

      g_assert_no_error (error);
      g_assert_nonnull (summary);
      g_string_append_printf (dump, "%s|%s|%s|%s|%s|%s|%s|%" G_GINT64_FORMAT "\n",
                              summary->legal_name, summary->tax_id, summary->address,
                              summary->website, summary->source, summary->notes,
                              summary->manager, summary->created_at);
      for (guint j = 0; j < summary->phones->len; j++)
        g_string_append_printf (dump, " p %s\n", (char *) g_ptr_array_index (summary->phones, j));
      for (guint j = 0; j < summary->emails->len; j++)
        g_string_append_printf (dump, " e %s\n", (char *) g_ptr_array_index (summary->emails, j));
      for (guint j = 0; j < summary->contacts->len; j++)
        g_string_append_printf (dump, " c %s\n", (char *) g_ptr_array_index (summary->contacts, j));
      for (guint j = 0; j < summary->history->len; j++)
        {
          CrmHistorySummary *entry = g_ptr_array_index (summary->history, j);

          g_string_append_printf (dump, " h %" G_GINT64_FORMAT " %s %s %s\n", entry->occurred_at,
                                  entry->kind, entry->subject, entry->user);
        }
    }

  return g_string_free (dump, FALSE);
}

/* Fails with the first line that differs, not with two whole dumps */
static void
assert_same_dump (const char *a,
                  const char *b)
{
  g_auto(GStrv) a_lines = g_strsplit (a, "\n", -1);
  g_auto(GStrv) b_lines = g_strsplit (b, "\n", -1);

  for (guint i = 0; a_lines[i] != NULL || b_lines[i] != NULL; i++)
    {
      if (a_lines[i] == NULL || b_lines[i] == NULL)
        g_error ("the dumps have different lengths (line %u)", i + 1);
      if (!g_str_equal (a_lines[i], b_lines[i]))
        g_error ("line %u differs:\n%s\n%s", i + 1, a_lines[i], b_lines[i]);
    }
}

static gboolean
inn_is_valid (const char *inn)
{
  static const int w10[] = { 2, 4, 10, 3, 5, 9, 4, 6, 8 };
  static const int w11[] = { 7, 2, 4, 10, 3, 5, 9, 4, 6, 8 };
  static const int w12[] = { 3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8 };
  gsize len = strlen (inn);
  int sum = 0;

  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (inn[i]))
      return FALSE;

  if (len == 10)
    {
      for (guint i = 0; i < 9; i++)
        sum += w10[i] * (inn[i] - '0');
      return sum % 11 % 10 == inn[9] - '0';
    }

  if (len == 12)
    {
      for (guint i = 0; i < 10; i++)
        sum += w11[i] * (inn[i] - '0');
      if (sum % 11 % 10 != inn[10] - '0')
        return FALSE;
      sum = 0;
      for (guint i = 0; i < 11; i++)
        sum += w12[i] * (inn[i] - '0');
      return sum % 11 % 10 == inn[11] - '0';
    }

  return FALSE;
}

static void
test_inn_checker (void)
{
  /* Published examples of valid INNs, and the same with a wrong digit */
  g_assert_true (inn_is_valid ("7707083893"));
  g_assert_true (inn_is_valid ("500100732259"));
  g_assert_false (inn_is_valid ("7707083894"));
  g_assert_false (inn_is_valid ("500100732258"));
  g_assert_false (inn_is_valid ("77070838"));
}

static void
test_options_init (void)
{
  CrmDemoOptions options;

  memset (&options, 0xff, sizeof options);
  crm_demo_options_init (&options);

  g_assert_cmpuint (options.companies, ==, 2000);
  g_assert_cmpuint (options.contacts, ==, 5000);
  g_assert_cmpuint (options.history, ==, 20000);
  g_assert_cmpuint (options.users, ==, 12);
  g_assert_cmpuint (options.seed, ==, 1);
  g_assert_null (options.locale);
  g_assert_false (options.atomic);
  g_assert_cmpint (options.now, ==, 0);
}

static void
test_default_locale (void)
{
  static const char * const variables[] = { "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG" };
  char *saved[G_N_ELEMENTS (variables)];

  for (guint i = 0; i < G_N_ELEMENTS (variables); i++)
    {
      saved[i] = g_strdup (g_getenv (variables[i]));
      g_unsetenv (variables[i]);
    }

  g_assert_cmpstr (crm_demo_default_locale (), ==, "en");

  g_setenv ("LANG", "ru_RU.UTF-8", TRUE);
  g_assert_cmpstr (crm_demo_default_locale (), ==, "ru");

  g_setenv ("LC_MESSAGES", "en_GB.UTF-8", TRUE);
  g_assert_cmpstr (crm_demo_default_locale (), ==, "en");

  g_setenv ("LC_ALL", "ru_UA.UTF-8", TRUE);
  g_assert_cmpstr (crm_demo_default_locale (), ==, "ru");

  /* LANGUAGE wins, and only its first entry counts */
  g_setenv ("LANGUAGE", "en_US:ru", TRUE);
  g_assert_cmpstr (crm_demo_default_locale (), ==, "en");
  g_setenv ("LANGUAGE", "ru:en", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_assert_cmpstr (crm_demo_default_locale (), ==, "ru");

  /* Empty values are skipped */
  g_setenv ("LANGUAGE", "", TRUE);
  g_setenv ("LC_ALL", "", TRUE);
  g_setenv ("LC_MESSAGES", "", TRUE);
  g_setenv ("LANG", "ru_RU.UTF-8", TRUE);
  g_assert_cmpstr (crm_demo_default_locale (), ==, "ru");

  for (guint i = 0; i < G_N_ELEMENTS (variables); i++)
    {
      if (saved[i])
        g_setenv (variables[i], saved[i], TRUE);
      else
        g_unsetenv (variables[i]);
      g_free (saved[i]);
    }
}

static void
test_exact_counts (Fixture       *f,
                   gconstpointer  data)
{
  CrmDemoOptions options;
  CrmStoreCounts before, after;

  f->store = open_store (f, "counts.db", "ru");
  get_counts (f->store, &before);

  small_options (&options, "ru");
  options.companies = 333;
  options.contacts = 1001;
  options.history = 2999;
  options.users = 7;
  generate (f->store, &options);

  get_counts (f->store, &after);
  g_assert_cmpint (after.companies, ==, before.companies + 333);
  g_assert_cmpint (after.contacts, ==, before.contacts + 1001);
  g_assert_cmpint (after.history, ==, before.history + 2999);
  g_assert_cmpint (after.users, ==, before.users + 7 + 1);

  /* Fewer contacts than companies is still exact */
  options.companies = 50;
  options.contacts = 7;
  options.history = 3;
  options.seed = 99;
  generate (f->store, &options);

  get_counts (f->store, &before);
  g_assert_cmpint (before.companies, ==, after.companies + 50);
  g_assert_cmpint (before.contacts, ==, after.contacts + 7);
  g_assert_cmpint (before.history, ==, after.history + 3);
  /* a second team, with logins that do not clash with the first */
  g_assert_cmpint (before.users, ==, after.users + 7 + 1);
}

static void
test_deterministic (Fixture       *f,
                    gconstpointer  data)
{
  const char *locale = data;
  g_autoptr(CrmStore) first = open_store (f, "first.db", locale);
  g_autoptr(CrmStore) second = open_store (f, "second.db", locale);
  g_autoptr(CrmStore) third = open_store (f, "third.db", locale);
  g_autofree char *first_dump = NULL;
  g_autofree char *second_dump = NULL;
  g_autofree char *third_dump = NULL;
  CrmDemoOptions options;

  small_options (&options, locale);
  options.seed = 42;
  generate (first, &options);
  generate (second, &options);
  options.seed = 43;
  generate (third, &options);

  first_dump = dump_store (first);
  second_dump = dump_store (second);
  third_dump = dump_store (third);

  g_assert_cmpuint (strlen (first_dump), >, 10000);
  assert_same_dump (first_dump, second_dump);
  g_assert_false (g_str_equal (first_dump, third_dump));
}

static void
test_russian (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  CrmDemoOptions options;
  guint n_ooo = 0, n_ao = 0, n_ip = 0, n_with_history = 0;

  f->store = open_store (f, "ru.db", "ru");
  small_options (&options, "ru");
  generate (f->store, &options);

  g_assert_true (crm_store_fetch_clients (f->store, CRM_CLIENT_SORT_NAME, FALSE, 0, G_MAXINT, rows,
                                          &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, options.companies);

  for (guint i = 0; i < rows->len; i++)
    {
      CrmClientRow *row = g_ptr_array_index (rows, i);
      g_autoptr(CrmClientSummary) summary =
        crm_store_load_client_summary (f->store, crm_client_row_get_id (row), &error);

      g_assert_no_error (error);
      g_assert_nonnull (summary);

      /* Every company is in a known city, with its region, a manager and a status */
      g_assert_nonnull (crm_client_row_get_city (row));
      g_assert_nonnull (crm_client_row_get_region (row));
      g_assert_nonnull (crm_client_row_get_manager (row));
      g_assert_nonnull (crm_client_row_get_status (row));
      if (g_str_equal (crm_client_row_get_city (row), "Казань"))
        g_assert_cmpstr (crm_client_row_get_region (row), ==, "Республика Татарстан");
      if (g_str_equal (crm_client_row_get_city (row), "Екатеринбург"))
        g_assert_cmpstr (crm_client_row_get_region (row), ==, "Свердловская область");

      if (!inn_is_valid (summary->tax_id))
        g_error ("%s has an invalid INN %s", summary->legal_name, summary->tax_id);

      if (g_str_has_prefix (summary->legal_name, "ИП "))
        {
          g_auto(GStrv) words = g_strsplit (summary->name, " ", -1);

          /* An individual entrepreneur: a person's name, a 12-digit INN,
           * "ИП Фамилия И. О." with the initials of the name */
          n_ip++;
          g_assert_cmpuint (strlen (summary->tax_id), ==, 12);
          g_assert_cmpuint (g_strv_length (words), ==, 3);
          g_assert_true (g_str_has_prefix (summary->legal_name + strlen ("ИП "), words[0]));
          g_assert_true (g_str_has_suffix (summary->legal_name, "."));
        }
      else
        {
          g_autofree char *quoted = g_strdup_printf ("«%s»", summary->name);

          g_assert_cmpuint (strlen (summary->tax_id), ==, 10);
          if (g_str_has_prefix (summary->legal_name, "ООО «"))
            n_ooo++;
          else if (g_str_has_prefix (summary->legal_name, "АО «") ||
                   g_str_has_prefix (summary->legal_name, "ПАО «"))
            n_ao++;
          else
            g_error ("unexpected legal name %s", summary->legal_name);

          /* the name is in the legal name, unless it has quotes itself */
          if (strstr (summary->name, "«") == NULL)
            g_assert_true (g_str_has_suffix (summary->legal_name, quoted));
        }

      g_assert_cmpuint (summary->phones->len, >=, 1);
      for (guint j = 0; j < summary->phones->len; j++)
        g_assert_nonnull (strstr (g_ptr_array_index (summary->phones, j), "+7 ("));
      g_assert_cmpuint (summary->emails->len, >=, 1);
      for (guint j = 0; j < summary->emails->len; j++)
        g_assert_nonnull (strchr (g_ptr_array_index (summary->emails, j), '@'));

      /* History ends at "now", the company was created before its first entry */
      g_assert_cmpint (summary->last_contact_at, <=, TEST_NOW);
      g_assert_cmpint (summary->created_at, <, TEST_NOW);
      if (summary->history->len > 0)
        {
          CrmHistorySummary *newest = g_ptr_array_index (summary->history, 0);
          CrmHistorySummary *oldest = g_ptr_array_index (summary->history,
                                                         summary->history->len - 1);

          n_with_history++;
          g_assert_cmpint (newest->occurred_at, ==, summary->last_contact_at);
          g_assert_cmpint (summary->created_at, <, oldest->occurred_at);
          g_assert_cmpint (oldest->occurred_at, >, TEST_NOW - 3 * 366 * 86400);
          g_assert_nonnull (newest->user);
        }
    }

  /* All three legal forms show up, ООО the most */
  g_assert_cmpuint (n_ip, >, 0);
  g_assert_cmpuint (n_ao, >, 0);
  g_assert_cmpuint (n_ooo, >, n_ao);
  g_assert_cmpuint (n_ooo, >, n_ip);
  g_assert_cmpuint (n_with_history, >, rows->len / 2);
}

static void
test_english (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  CrmDemoOptions options;
  guint n_llc = 0, n_inc = 0;

  f->store = open_store (f, "en.db", "en");
  small_options (&options, "en");
  generate (f->store, &options);

  g_assert_true (crm_store_fetch_clients (f->store, CRM_CLIENT_SORT_NAME, FALSE, 0, G_MAXINT, rows,
                                          &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, options.companies);

  for (guint i = 0; i < rows->len; i++)
    {
      CrmClientRow *row = g_ptr_array_index (rows, i);
      g_autoptr(CrmClientSummary) summary =
        crm_store_load_client_summary (f->store, crm_client_row_get_id (row), &error);

      g_assert_no_error (error);
      g_assert_true (g_str_has_prefix (summary->legal_name, summary->name));
      if (g_str_has_suffix (summary->legal_name, " LLC"))
        n_llc++;
      else if (g_str_has_suffix (summary->legal_name, " Inc."))
        n_inc++;

      /* ASCII only, and phones in the fictional ranges */
      g_assert_true (g_str_is_ascii (summary->name));
      for (guint j = 0; j < summary->phones->len; j++)
        {
          const char *phone = g_ptr_array_index (summary->phones, j);

          g_assert_true (strstr (phone, "+1 (") != NULL || strstr (phone, "+44 ") != NULL);
        }
    }

  g_assert_cmpuint (n_llc, >, 0);
  g_assert_cmpuint (n_inc, >, 0);
}

static gboolean
search_finds (CrmStore   *store,
              const char *query,
              gint64      id)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_store_search_clients (store, query, CRM_CLIENT_SORT_NAME, FALSE, 10000, ids,
                                           NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

static void
test_search_index (Fixture       *f,
                   gconstpointer  data)
{
  const char *locale = data;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  CrmDemoOptions options;
  guint checked = 0;

  f->store = open_store (f, "search.db", locale);
  small_options (&options, locale);
  generate (f->store, &options);

  g_assert_true (crm_store_fetch_clients (f->store, CRM_CLIENT_SORT_NAME, FALSE, 0, G_MAXINT, rows,
                                          &error));
  g_assert_no_error (error);

  for (guint i = 0; i < rows->len && checked < 10; i += 17)
    {
      CrmClientRow *row = g_ptr_array_index (rows, i);
      gint64 id = crm_client_row_get_id (row);
      g_autoptr(CrmClientSummary) summary = crm_store_load_client_summary (f->store, id, &error);
      g_autofree char *prefix = NULL;
      g_auto(GStrv) contact = NULL;
      const char *last_name;

      g_assert_no_error (error);
      if (summary->contacts->len == 0)
        continue;

      /* The first three letters of the name */
      prefix = g_utf8_substring (summary->name, 0, 3);
      if (!search_finds (f->store, prefix, id))
        g_error ("“%s” does not find %s", prefix, summary->name);

      /* A contact's family name: first in Russian, last in English */
      contact = g_strsplit_set (g_ptr_array_index (summary->contacts, 0), " ,", -1);
      if (g_str_equal (locale, "ru"))
        last_name = contact[0];
      else
        last_name = contact[1];
      if (!search_finds (f->store, last_name, id))
        g_error ("“%s” does not find %s (%s)", last_name, summary->name,
                 (char *) g_ptr_array_index (summary->contacts, 0));
      checked++;
    }

  g_assert_cmpuint (checked, >=, 5);
}

typedef struct
{
  GCancellable *cancellable;
  double        cancel_at;
  guint         calls;
  double        last_fraction;
  gboolean      saw_index;
} ProgressData;

static void
progress_cb (double      fraction,
             const char *phase,
             gpointer    user_data)
{
  ProgressData *progress = user_data;

  g_assert_nonnull (phase);
  g_assert_cmpfloat (fraction, >=, progress->last_fraction);
  g_assert_cmpfloat (fraction, <=, 1.0);

  progress->calls++;
  progress->last_fraction = fraction;
  if (strstr (phase, "index") != NULL)
    progress->saw_index = TRUE;

  if (progress->cancellable && fraction >= progress->cancel_at)
    g_cancellable_cancel (progress->cancellable);
}

static void
test_progress (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ProgressData progress = { 0 };
  CrmDemoOptions options;

  f->store = open_store (f, "progress.db", "en");
  small_options (&options, "en");
  options.companies = 1000;
  options.contacts = 1000;
  options.history = 1000;

  g_assert_true (crm_demo_generate (f->store, &options, progress_cb, &progress, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (progress.calls, >=, 10);
  g_assert_cmpuint (progress.calls, <=, 110);
  g_assert_cmpfloat (progress.last_fraction, ==, 1.0);
  g_assert_true (progress.saw_index);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  gboolean atomic = GPOINTER_TO_INT (data);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  ProgressData progress = { cancellable, 0.3 };
  CrmStoreCounts before, after;
  CrmDemoOptions options;

  f->store = open_store (f, "cancel.db", "ru");
  get_counts (f->store, &before);

  small_options (&options, "ru");
  options.atomic = atomic;
  g_assert_false (crm_demo_generate (f->store, &options, progress_cb, &progress, cancellable,
                                     &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpfloat (progress.last_fraction, <, 0.5);

  /* Nothing of the batch in progress stays; atomic leaves nothing at all */
  get_counts (f->store, &after);
  g_assert_cmpint (after.companies, ==, 0);
  g_assert_cmpint (after.contacts, ==, 0);
  g_assert_cmpint (after.history, ==, 0);
  g_assert_cmpint (after.users, ==, before.users);

  /* The store is usable afterwards */
  g_clear_error (&error);
  g_cancellable_reset (cancellable);
  generate (f->store, &options);
  get_counts (f->store, &after);
  g_assert_cmpint (after.companies, ==, options.companies);
}

/* Without atomic, the batches of 20,000 companies committed before a cancel
 * stay, and the search finds them. */
static void
test_cancel_keeps_batches (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *prefix = NULL;
  ProgressData progress = { cancellable, 0.85 };
  CrmStoreCounts counts;
  CrmDemoOptions options;
  CrmClientRow *row;

  f->store = open_store (f, "batches.db", "en");
  small_options (&options, "en");
  options.companies = 25000;
  options.contacts = 0;
  options.history = 0;

  g_assert_false (crm_demo_generate (f->store, &options, progress_cb, &progress, cancellable,
                                     &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  get_counts (f->store, &counts);
  g_assert_cmpint (counts.companies, ==, 20000);

  g_clear_error (&error);
  g_assert_true (crm_store_fetch_clients (f->store, CRM_CLIENT_SORT_NAME, TRUE, 0, 1, rows,
                                          &error));
  g_assert_no_error (error);
  row = g_ptr_array_index (rows, 0);
  prefix = g_utf8_substring (crm_client_row_get_name (row), 0, 4);
  g_assert_true (search_finds (f->store, prefix, crm_client_row_get_id (row)));
}

static void
test_bad_arguments (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CrmDemoOptions options;
  CrmStoreCounts counts;

  f->store = open_store (f, "bad.db", "en");

  small_options (&options, "de");
  g_assert_false (crm_demo_generate (f->store, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  small_options (&options, "en");
  options.companies = 0;
  g_assert_false (crm_demo_generate (f->store, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* No companies at all is fine: only the team */
  options.contacts = 0;
  options.history = 0;
  generate (f->store, &options);
  get_counts (f->store, &counts);
  g_assert_cmpint (counts.companies, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/crm/demo/inn-checker", test_inn_checker);
  g_test_add_func ("/crm/demo/options-init", test_options_init);
  g_test_add_func ("/crm/demo/default-locale", test_default_locale);
  ADD ("/crm/demo/exact-counts", test_exact_counts, NULL);
  ADD ("/crm/demo/deterministic/ru", test_deterministic, "ru");
  ADD ("/crm/demo/deterministic/en", test_deterministic, "en");
  ADD ("/crm/demo/russian", test_russian, NULL);
  ADD ("/crm/demo/english", test_english, NULL);
  ADD ("/crm/demo/search-index/ru", test_search_index, "ru");
  ADD ("/crm/demo/search-index/en", test_search_index, "en");
  ADD ("/crm/demo/progress", test_progress, NULL);
  ADD ("/crm/demo/cancel/atomic", test_cancel, GINT_TO_POINTER (TRUE));
  ADD ("/crm/demo/cancel/batches", test_cancel, GINT_TO_POINTER (FALSE));
  ADD ("/crm/demo/cancel/committed-batches", test_cancel_keeps_batches, NULL);
  ADD ("/crm/demo/bad-arguments", test_bad_arguments, NULL);

#undef ADD

  return g_test_run ();
}
