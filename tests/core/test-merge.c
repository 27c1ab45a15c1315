/* test-merge.c: merging two clients and undoing it
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "crm-merge.h"
#include "test-utils.h"

typedef struct
{
  TestDir  *dir;
  char     *path;
  CrmStore *store;
  sqlite3  *db;      /* a second connection, for what the store has no call for */
  gint64    kept;
  gint64    removed;
  gint64    other;
} Fixture;

static void
exec (Fixture    *f,
      const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (f->db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static gint64
query_int (Fixture    *f,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (f->db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

static char *
query_text (Fixture    *f,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (f->db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return value;
}

static gint64
add_company (Fixture              *f,
             const CrmCompanyData *data,
             const char           *phone,
             const char           *email,
             const char           *contact_last_name,
             gint64                occurred_at)
{
  g_autoptr(GError) error = NULL;
  gint64 id = crm_store_add_company (f->store, data, &error);
  CrmContactData contact = { .company_id = id, .first_name = "Иван", .last_name = contact_last_name,
                             .is_primary = TRUE };
  CrmHistoryData history = { .company_id = id, .kind = "call", .subject = data->name,
                             .occurred_at = occurred_at };
  gint64 contact_id;

  g_assert_no_error (error);
  contact_id = crm_store_add_contact (f->store, &contact, &error);
  g_assert_no_error (error);
  crm_store_add_phone (f->store, id, 0, "work", phone, &error);
  g_assert_no_error (error);
  crm_store_add_email (f->store, id, contact_id, NULL, email, &error);
  g_assert_no_error (error);
  history.contact_id = contact_id;
  crm_store_add_history (f->store, &history, &error);
  g_assert_no_error (error);

  return id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  gint64 status_a, status_b;
  CrmCompanyData kept = { .name = "ООО «Ромашка»", .city = "Москва", .website = "romashka.ru",
                          .tax_id = "7701234567", .notes = "старый клиент" };
  CrmCompanyData removed = { .name = "Ромашка", .city = "Тверь", .website = "romashka-tver.ru",
                             .legal_name = "ООО «Ромашка-Тверь»", .notes = "из выставки" };
  CrmCompanyData other = { .name = "Лютик" };

  f->dir = test_dir_new ();
  f->path = g_build_filename (f->dir->path, "rapport.db", NULL);
  f->store = crm_store_open_full (f->path, CRM_STORE_OPEN_DEFAULT, "ru", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (f->path, &f->db), ==, SQLITE_OK);
  sqlite3_busy_timeout (f->db, 5000);

  status_a = crm_store_ensure_dictionary_value (f->store, "status", "Клиент", &error);
  g_assert_no_error (error);
  status_b = crm_store_ensure_dictionary_value (f->store, "status", "Потенциальный", &error);
  g_assert_no_error (error);
  kept.status_id = status_a;
  removed.status_id = status_b;

  f->kept = add_company (f, &kept, "+7 495 123-45-67", "info@romashka.ru", "Петров", 1700000000);
  f->removed = add_company (f, &removed, "+7 4822 12-34-56", "tver@romashka.ru", "Сидоров", 1710000000);
  f->other = add_company (f, &other, "+7 495 000-00-00", "info@lutik.ru", "Кузнецов", 1600000000);

  /* tags: both have "vip", only the removed one "tver"; custom fields: both
   * have "segment", only the removed one "size" */
  sql = g_strdup_printf ("INSERT INTO tags (id, name) VALUES (1, 'vip'), (2, 'tver');"
                         "INSERT INTO company_tags VALUES (%1$" G_GINT64_FORMAT ", 1), "
                         "  (%2$" G_GINT64_FORMAT ", 1), (%2$" G_GINT64_FORMAT ", 2);"
                         "INSERT INTO custom_fields (id, name, kind) VALUES (1, 'segment', 'text'), "
                         "  (2, 'size', 'number');"
                         "INSERT INTO custom_values VALUES (%1$" G_GINT64_FORMAT ", 1, 'A'), "
                         "  (%2$" G_GINT64_FORMAT ", 1, 'B'), (%2$" G_GINT64_FORMAT ", 2, '250');",
                         f->kept, f->removed);
  exec (f, sql);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  sqlite3_close (f->db);
  g_clear_object (&f->store);
  test_dir_free (f->dir);
  g_free (f->path);
}

/* Everything a client is, as one text, to compare before and after */
static char *
describe_client (Fixture *f,
                 gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmClientSummary) s = crm_store_load_client_summary (f->store, id, &error);
  g_autofree char *sql = NULL;
  g_autofree char *rows = NULL;
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  g_string_append_printf (text, "%" G_GINT64_FORMAT "|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%"
                          G_GINT64_FORMAT "|%" G_GINT64_FORMAT "\n",
                          s->id, s->name, s->legal_name, s->tax_id, s->status, s->industry, s->region,
                          s->source, s->city, s->address, s->website, s->manager, s->notes,
                          s->created_at, s->last_contact_at);
  for (guint i = 0; i < s->phones->len; i++)
    g_string_append_printf (text, "phone %s\n", (char *)g_ptr_array_index (s->phones, i));
  for (guint i = 0; i < s->emails->len; i++)
    g_string_append_printf (text, "email %s\n", (char *)g_ptr_array_index (s->emails, i));
  for (guint i = 0; i < s->contacts->len; i++)
    g_string_append_printf (text, "contact %s\n", (char *)g_ptr_array_index (s->contacts, i));
  for (guint i = 0; i < s->history->len; i++)
    {
      CrmHistorySummary *h = g_ptr_array_index (s->history, i);
      g_string_append_printf (text, "history %" G_GINT64_FORMAT " %s %s %s\n",
                              h->occurred_at, h->kind, h->subject, h->user);
    }

  /* what the summary does not show: ids, primary contacts, tags, custom values, copies */
  sql = g_strdup_printf ("SELECT "
                         "  coalesce ((SELECT group_concat (id || ':' || is_primary) FROM (SELECT * FROM contacts WHERE company_id = %1$" G_GINT64_FORMAT " ORDER BY id)), '') || '|' || "
                         "  coalesce ((SELECT group_concat (id) FROM (SELECT id FROM phones WHERE company_id = %1$" G_GINT64_FORMAT " ORDER BY id)), '') || '|' || "
                         "  coalesce ((SELECT group_concat (id) FROM (SELECT id FROM emails WHERE company_id = %1$" G_GINT64_FORMAT " ORDER BY id)), '') || '|' || "
                         "  coalesce ((SELECT group_concat (id) FROM (SELECT id FROM history WHERE company_id = %1$" G_GINT64_FORMAT " ORDER BY id)), '') || '|' || "
                         "  coalesce ((SELECT group_concat (tag_id) FROM (SELECT tag_id FROM company_tags WHERE company_id = %1$" G_GINT64_FORMAT " ORDER BY tag_id)), '') || '|' || "
                         "  coalesce ((SELECT group_concat (field_id || '=' || value) FROM (SELECT * FROM custom_values WHERE company_id = %1$" G_GINT64_FORMAT " ORDER BY field_id)), '') || '|' || "
                         "  (SELECT sort_name || ',' || name_key || ',' || coalesce (website_domain, '') || ',' || status_rank || ',' || sort_city FROM companies WHERE id = %1$" G_GINT64_FORMAT ")",
                         id);
  rows = query_text (f, sql);
  g_string_append (text, rows);

  return g_string_free (text, FALSE);
}

static gint64
count (Fixture    *f,
       const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);

  return query_int (f, sql);
}

static char *
counts (Fixture *f)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                          " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                          count (f, "companies"), count (f, "contacts"), count (f, "phones"),
                          count (f, "emails"), count (f, "history"), count (f, "company_tags"),
                          count (f, "custom_values"), count (f, "client_search"));
}

static gint64
search_one (Fixture    *f,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean more = FALSE;

  g_assert_true (crm_store_search_clients (f->store, text, CRM_CLIENT_SORT_NAME, FALSE, 10, ids, &more, &error));
  g_assert_no_error (error);
  if (ids->len != 1)
    return ids->len == 0 ? 0 : -1;

  return g_array_index (ids, gint64, 0);
}

static void
test_merge_and_undo (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmClientSummary) merged = NULL;
  g_autoptr(CrmClientSummary) gone = NULL;
  g_autofree char *kept_before = describe_client (f, f->kept);
  g_autofree char *removed_before = describe_client (f, f->removed);
  g_autofree char *other_before = describe_client (f, f->other);
  g_autofree char *counts_before = counts (f);
  g_autofree char *kept_after_undo = NULL;
  g_autofree char *removed_after_undo = NULL;
  g_autofree char *other_after_undo = NULL;
  g_autofree char *counts_after_undo = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *snapshot_name = NULL;
  const char *take[] = { "website", "legal_name", NULL };
  gint64 version_before, merge_id;
  gboolean found_entry = FALSE;

  sql = g_strdup_printf ("SELECT version FROM companies WHERE id = %" G_GINT64_FORMAT, f->kept);
  version_before = query_int (f, sql);

  merge_id = crm_store_merge_clients (f->store, f->kept, f->removed, take, &error);
  g_assert_no_error (error);
  g_assert_cmpint (merge_id, >, 0);

  /* the removed client is gone, everything it had is on the kept one */
  gone = crm_store_load_client_summary (f->store, f->removed, &error);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_assert_null (gone);
  g_clear_error (&error);

  merged = crm_store_load_client_summary (f->store, f->kept, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (merged->name, ==, "ООО «Ромашка»");
  g_assert_cmpstr (merged->city, ==, "Москва");
  g_assert_cmpstr (merged->status, ==, "Клиент");
  g_assert_cmpstr (merged->website, ==, "romashka-tver.ru");
  g_assert_cmpstr (merged->legal_name, ==, "ООО «Ромашка-Тверь»");
  g_assert_cmpstr (merged->notes, ==, "старый клиент");
  g_assert_cmpuint (merged->phones->len, ==, 2);
  g_assert_cmpuint (merged->emails->len, ==, 2);
  g_assert_cmpuint (merged->contacts->len, ==, 2);
  g_assert_cmpuint (merged->history->len, ==, 3);
  /* the merge is not a contact: the last one is the removed client's call */
  g_assert_cmpint (merged->last_contact_at, ==, 1710000000);
  for (guint i = 0; i < merged->history->len; i++)
    {
      CrmHistorySummary *h = g_ptr_array_index (merged->history, i);

      if (g_strcmp0 (h->kind, "merged") == 0)
        {
          g_assert_nonnull (strstr (h->subject, "Ромашка"));
          found_entry = TRUE;
        }
    }
  g_assert_true (found_entry);

  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT "
                         "  (SELECT group_concat (tag_id) FROM (SELECT tag_id FROM company_tags WHERE company_id = %1$" G_GINT64_FORMAT " ORDER BY 1)) || '|' || "
                         "  (SELECT group_concat (field_id || '=' || value) FROM (SELECT * FROM custom_values WHERE company_id = %1$" G_GINT64_FORMAT " ORDER BY field_id)) || '|' || "
                         "  (SELECT count(*) FROM contacts WHERE company_id = %1$" G_GINT64_FORMAT " AND is_primary) || '|' || "
                         "  (SELECT version FROM companies WHERE id = %1$" G_GINT64_FORMAT ") || '|' || "
                         "  (SELECT website_domain FROM companies WHERE id = %1$" G_GINT64_FORMAT ")", f->kept);
  {
    g_autofree char *state = query_text (f, sql);
    g_autofree char *expected = g_strdup_printf ("1,2|1=A,2=250|1|%" G_GINT64_FORMAT "|romashka-tver.ru",
                                                 version_before + 1);

    /* a custom value the kept client had stays; one primary contact */
    g_assert_cmpstr (state, ==, expected);
  }

  /* the search knows the moved rows under the kept client, and not the removed one */
  g_assert_cmpint (search_one (f, "4822123456"), ==, f->kept);
  g_assert_cmpint (search_one (f, "Сидоров"), ==, f->kept);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM client_search WHERE rowid = %" G_GINT64_FORMAT, f->removed);
  g_assert_cmpint (query_int (f, sql), ==, 0);

  /* the snapshot holds the removed row */
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT json_extract (snapshot, '$.removed.name') || '|' || "
                         "  json_extract (snapshot, '$.removed.id') || '|' || removed_id || '|' || "
                         "  json_array_length (snapshot, '$.phones') FROM merges WHERE id = %" G_GINT64_FORMAT,
                         merge_id);
  snapshot_name = query_text (f, sql);
  {
    g_autofree char *expected = g_strdup_printf ("Ромашка|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|1",
                                                 f->removed, f->removed);
    g_assert_cmpstr (snapshot_name, ==, expected);
  }

  /* undo: exactly as before */
  g_assert_true (crm_store_undo_merge (f->store, merge_id, &error));
  g_assert_no_error (error);

  kept_after_undo = describe_client (f, f->kept);
  removed_after_undo = describe_client (f, f->removed);
  other_after_undo = describe_client (f, f->other);
  counts_after_undo = counts (f);
  g_assert_cmpstr (kept_after_undo, ==, kept_before);
  g_assert_cmpstr (removed_after_undo, ==, removed_before);
  g_assert_cmpstr (other_after_undo, ==, other_before);
  g_assert_cmpstr (counts_after_undo, ==, counts_before);
  g_assert_cmpint (search_one (f, "4822123456"), ==, f->removed);

  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT undone_at > 0 FROM merges WHERE id = %" G_GINT64_FORMAT, merge_id);
  g_assert_cmpint (query_int (f, sql), ==, 1);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT version FROM companies WHERE id = %" G_GINT64_FORMAT, f->kept);
  g_assert_cmpint (query_int (f, sql), ==, version_before + 2);

  /* twice is an error, and changes nothing */
  g_assert_false (crm_store_undo_merge (f->store, merge_id, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (crm_store_undo_merge (f->store, merge_id + 100, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
}

static void
test_take_name_and_chain (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *kept_before = describe_client (f, f->kept);
  g_autofree char *removed_before = describe_client (f, f->removed);
  g_autofree char *other_before = describe_client (f, f->other);
  g_autofree char *counts_before = counts (f);
  g_autofree char *sql = NULL;
  const char *take[] = { "name", "status", "city", NULL };
  gint64 first, second;

  /* removed → other, then other → kept: the first merge stays undoable */
  first = crm_store_merge_clients (f->store, f->other, f->removed, take, &error);
  g_assert_no_error (error);
  second = crm_store_merge_clients (f->store, f->kept, f->other, NULL, &error);
  g_assert_no_error (error);

  {
    g_autoptr(CrmClientSummary) s = crm_store_load_client_summary (f->store, f->kept, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (s->phones->len, ==, 3);
    g_assert_cmpstr (s->name, ==, "ООО «Ромашка»");
  }
  /* after the first merge the other client was renamed; its sort key came along */
  g_assert_cmpint (search_one (f, "Лютик"), ==, 0);

  g_assert_true (crm_store_undo_merge (f->store, second, &error));
  g_assert_no_error (error);
  {
    g_autoptr(CrmClientSummary) s = crm_store_load_client_summary (f->store, f->other, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (s->name, ==, "Ромашка");
    g_assert_cmpstr (s->city, ==, "Тверь");
    g_assert_cmpstr (s->status, ==, "Потенциальный");
  }
  sql = g_strdup_printf ("SELECT sort_name || '|' || name_key FROM companies WHERE id = %" G_GINT64_FORMAT, f->other);
  {
    g_autofree char *keys = query_text (f, sql);
    g_assert_cmpstr (keys, ==, "ромашка|ромашка");
  }

  g_assert_true (crm_store_undo_merge (f->store, first, &error));
  g_assert_no_error (error);

  {
    g_autofree char *kept_after = describe_client (f, f->kept);
    g_autofree char *removed_after = describe_client (f, f->removed);
    g_autofree char *other_after = describe_client (f, f->other);
    g_autofree char *counts_after = counts (f);

    g_assert_cmpstr (kept_after, ==, kept_before);
    g_assert_cmpstr (removed_after, ==, removed_before);
    g_assert_cmpstr (other_after, ==, other_before);
    g_assert_cmpstr (counts_after, ==, counts_before);
  }
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *counts_before = counts (f);
  g_autofree char *counts_after = NULL;
  const char *bad[] = { "name", "created_at", NULL };

  g_assert_cmpint (crm_store_merge_clients (f->store, f->kept, f->kept, NULL, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_cmpint (crm_store_merge_clients (f->store, f->kept, f->removed, bad, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "created_at"));
  g_clear_error (&error);

  g_assert_cmpint (crm_store_merge_clients (f->store, f->kept, 999999, NULL, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  counts_after = counts (f);
  g_assert_cmpstr (counts_after, ==, counts_before);
  g_assert_cmpint (count (f, "merges"), ==, 0);

  /* inside a caller's transaction, a failed merge leaves the rest of it alone */
  g_assert_true (crm_store_begin (f->store, &error));
  {
    CrmCompanyData data = { .name = "Новый" };
    gint64 id = crm_store_add_company (f->store, &data, &error);

    g_assert_no_error (error);
    g_assert_cmpint (crm_store_merge_clients (f->store, id, 999999, NULL, &error), ==, 0);
    g_clear_error (&error);
    g_assert_cmpint (crm_store_merge_clients (f->store, id, f->other, NULL, &error), >, 0);
    g_assert_no_error (error);
  }
  g_assert_true (crm_store_commit (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "companies"), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/crm/merge/merge-and-undo", test_merge_and_undo);
  ADD ("/crm/merge/take-name-and-chain", test_take_name_and_chain);
  ADD ("/crm/merge/errors", test_errors);
#undef ADD

  return g_test_run ();
}
