/* test-client-edit.c: editing clients through the store
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "crm-client-edit.h"
#include "crm-client-list.h"
#include "crm-client-row.h"
#include "crm-store.h"
#include "test-utils.h"

typedef struct
{
  TestDir  *dir;
  char     *path;
  CrmStore *store;
  gint64    acme;
  gint64    other;
  gint64    manager;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CrmCompanyData acme = { .name = "Acme Widgets", .city = "Boston", .website = "widgets.example" };
  CrmCompanyData other = { .name = "Globex", .city = "Austin" };
  CrmUserData manager = { .login = "zoe", .full_name = "Zoe Zimmer", .active = TRUE };

  f->dir = test_dir_new ();
  f->path = g_build_filename (f->dir->path, "rapport.db", NULL);
  f->store = crm_store_open_full (f->path, 0, data ? data : "en", &error);
  g_assert_no_error (error);

  f->acme = crm_store_add_company (f->store, &acme, &error);
  f->other = crm_store_add_company (f->store, &other, &error);
  f->manager = crm_store_add_user (f->store, &manager, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->store);
  test_dir_free (f->dir);
  g_free (f->path);
}

/* Reads one value through a second connection, as another program would */
static char *
db_text (Fixture    *f,
         const char *sql,
         gint64      id)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return text;
}

static gint64
db_int (Fixture    *f,
        const char *sql,
        gint64      id)
{
  g_autofree char *text = db_text (f, sql, id);

  return text ? g_ascii_strtoll (text, NULL, 10) : -1;
}

static gint64
dictionary_id (Fixture    *f,
               const char *kind,
               guint       index)
{
  g_autoptr(GPtrArray) values = crm_store_list_dictionary (f->store, kind, NULL);
  CrmDictionaryValue *value;

  g_assert_cmpuint (index, <, values->len);
  value = g_ptr_array_index (values, index);

  return value->id;
}

static gboolean
found (Fixture    *f,
       const char *query,
       gint64      id)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_store_search_clients (f->store, query, CRM_CLIENT_SORT_NAME, FALSE, 50, ids, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;

  return FALSE;
}

static void
test_fields (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *status = g_strdup_printf ("%" G_GINT64_FORMAT, dictionary_id (f, "status", 2));
  g_autofree char *industry = g_strdup_printf ("%" G_GINT64_FORMAT, dictionary_id (f, "industry", 3));
  g_autofree char *region = g_strdup_printf ("%" G_GINT64_FORMAT, dictionary_id (f, "region", 1));
  g_autofree char *source = g_strdup_printf ("%" G_GINT64_FORMAT, dictionary_id (f, "source", 4));
  g_autofree char *manager = g_strdup_printf ("%" G_GINT64_FORMAT, f->manager);
  const struct { const char *field; const char *value; const char *kind; } cases[] = {
    { "name", "Initech Systems", "field-changed" },
    { "legal_name", "Initech Systems LLC", "field-changed" },
    { "tax_id", "US-99-1234567", "field-changed" },
    { "status", status, "status-changed" },
    { "industry", industry, "field-changed" },
    { "region", region, "field-changed" },
    { "source", source, "field-changed" },
    { "manager", manager, "manager-changed" },
    { "city", "Chicago", "field-changed" },
    { "address", "1 Main Street", "field-changed" },
    { "website", "https://www.initech.example/", "field-changed" },
    { "notes", "Met at the fair", "field-changed" },
  };
  const char * const *fields = crm_client_record_fields ();
  g_autoptr(GError) error = NULL;
  gint64 version = 1;
  gint64 last_contact = db_int (f, "SELECT last_contact_at FROM companies WHERE id = ?1", f->acme);

  g_assert_cmpuint (g_strv_length ((char **)fields), ==, G_N_ELEMENTS (cases));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(CrmEditOutcome) outcome = { 0 };
      g_autoptr(CrmClientRecord) before = crm_store_load_client_record (f->store, f->acme, &error);
      g_autoptr(CrmClientRecord) after = NULL;
      g_autofree char *old_value = crm_client_record_get_field (before, cases[i].field);
      g_autofree char *new_value = NULL;
      g_autofree char *kind = NULL;
      g_autofree char *body = NULL;
      g_autofree char *expected = NULL;
      gint64 n_history = db_int (f, "SELECT count(*) FROM history WHERE company_id = ?1", f->acme);
      gint64 new_version;

      g_assert_cmpstr (fields[i], ==, cases[i].field);
      g_assert_cmpint (before->version, ==, version);

      new_version = crm_store_update_client_field (f->store, f->acme, cases[i].field, cases[i].value,
                                                   version, &outcome, &error);
      g_assert_no_error (error);
      g_assert_cmpint (new_version, ==, version + 1);
      g_assert_cmpint (outcome.version, ==, new_version);
      g_assert_cmpstr (outcome.previous, ==, old_value);

      after = crm_store_load_client_record (f->store, f->acme, &error);
      new_value = crm_client_record_get_field (after, cases[i].field);
      g_assert_cmpstr (new_value, ==, cases[i].value);
      g_assert_cmpint (after->version, ==, new_version);
      g_assert_cmpint (after->updated_at, >, 0);
      g_assert_cmpint (db_int (f, "SELECT updated_by FROM companies WHERE id = ?1", f->acme), ==,
                       crm_store_get_current_user_id (f->store));

      /* one history entry, with the field and both values */
      g_assert_cmpint (db_int (f, "SELECT count(*) FROM history WHERE company_id = ?1", f->acme), ==,
                       n_history + 1);
      kind = db_text (f, "SELECT kind FROM history WHERE company_id = ?1 ORDER BY id DESC LIMIT 1", f->acme);
      g_assert_cmpstr (kind, ==, cases[i].kind);
      g_free (kind);
      kind = db_text (f, "SELECT subject FROM history WHERE company_id = ?1 ORDER BY id DESC LIMIT 1", f->acme);
      g_assert_cmpstr (kind, ==, cases[i].field);
      /* dictionary values and managers: names for the timeline, ids to follow */
      body = db_text (f, "SELECT json_extract (body, '$.field') || '|' || "
                      "  coalesce (json_extract (body, '$.new_id'), json_extract (body, '$.new')) || '|' || "
                      "  json_type (body, '$.new') "
                      "FROM history WHERE company_id = ?1 ORDER BY id DESC LIMIT 1", f->acme);
      expected = g_strdup_printf ("%s|%s|text", cases[i].field, cases[i].value);
      g_assert_cmpstr (body, ==, expected);

      version = new_version;
    }

  /* the derived columns follow */
  {
    g_autofree char *sort_name = db_text (f, "SELECT sort_name FROM companies WHERE id = ?1", f->acme);
    g_autofree char *name_key = db_text (f, "SELECT name_key FROM companies WHERE id = ?1", f->acme);
    g_autofree char *domain = db_text (f, "SELECT website_domain FROM companies WHERE id = ?1", f->acme);
    g_autofree char *sort_city = db_text (f, "SELECT sort_city FROM companies WHERE id = ?1", f->acme);
    g_autofree char *old_new = db_text (f, "SELECT json_extract (body, '$.old') || '>' || json_extract (body, '$.new') "
                                        "FROM history WHERE kind = 'manager-changed' AND company_id = ?1", f->acme);

    g_assert_cmpstr (sort_name, ==, "initech systems");
    g_assert_cmpstr (name_key, !=, "");
    g_assert_null (strstr (name_key, "acme"));
    g_assert_cmpstr (domain, ==, "initech.example");
    g_assert_cmpstr (sort_city, ==, "chicago");
    g_assert_null (old_new);  /* there was no manager before: old is null */
    g_assert_cmpint (db_int (f, "SELECT status_rank FROM companies WHERE id = ?1", f->acme), ==, 2);
    g_assert_cmpint (db_int (f, "SELECT manager_rank FROM companies WHERE id = ?1", f->acme), ==,
                     db_int (f, "SELECT sort_rank FROM users WHERE id = ?1", f->manager));
    g_assert_cmpint (db_int (f, "SELECT industry_rank FROM companies WHERE id = ?1", f->acme), ==,
                     db_int (f, "SELECT position FROM dictionary WHERE id = ?1", g_ascii_strtoll (industry, NULL, 10)));
  }

  /* a field change is no contact with the client */
  g_assert_cmpint (db_int (f, "SELECT last_contact_at FROM companies WHERE id = ?1", f->acme), ==, last_contact);

  /* emptying a field */
  g_assert_cmpint (crm_store_update_client_field (f->store, f->acme, "status", NULL, version, NULL, &error), ==,
                   version + 1);
  g_assert_no_error (error);
  g_assert_cmpint (db_int (f, "SELECT status_rank FROM companies WHERE id = ?1", f->acme), ==, G_MAXINT32);
  g_assert_cmpint (db_int (f, "SELECT status_id IS NULL FROM companies WHERE id = ?1", f->acme), ==, 1);

  /* the same value again writes nothing */
  g_assert_cmpint (crm_store_update_client_field (f->store, f->acme, "city", " Chicago ", version + 1, NULL, &error),
                   ==, version + 1);
  g_assert_no_error (error);
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (found (f, "Acme", f->acme));
  g_assert_cmpint (crm_store_update_client_field (f->store, f->acme, "name", "Initech", 1, NULL, &error), ==, 2);
  g_assert_no_error (error);
  g_assert_true (found (f, "Initech", f->acme));
  g_assert_false (found (f, "Acme", f->acme));

  g_assert_cmpint (crm_store_update_client_field (f->store, f->acme, "legal_name", "Umbrella Holdings", 2, NULL,
                                                  &error), ==, 3);
  g_assert_true (found (f, "umbrel", f->acme));
  g_assert_cmpint (crm_store_update_client_field (f->store, f->acme, "city", "Springfield", 3, NULL, &error), ==, 4);
  g_assert_true (found (f, "springf", f->acme));
  g_assert_false (found (f, "Boston", f->acme));
  g_assert_no_error (error);
}

static void
test_conflict (Fixture       *f,
               gconstpointer  data)
{
  g_auto(CrmEditOutcome) outcome = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 n_history;
  gint64 version;

  /* another user saves first */
  version = crm_store_update_client_field (f->store, f->acme, "city", "Denver", 1, NULL, &error);
  g_assert_cmpint (version, ==, 2);
  n_history = db_int (f, "SELECT count(*) FROM history", 0);

  /* this card still has version 1 */
  g_assert_cmpint (crm_store_update_client_field (f->store, f->acme, "city", "Miami", 1, &outcome, &error), ==, 0);
  g_assert_error (error, CRM_EDIT_ERROR, CRM_EDIT_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "city"));
  g_assert_cmpstr (outcome.current, ==, "Denver");
  g_assert_cmpint (outcome.version, ==, 2);
  g_clear_error (&error);

  /* nothing was written */
  g_assert_cmpint (db_int (f, "SELECT version FROM companies WHERE id = ?1", f->acme), ==, 2);
  g_autofree char *city = db_text (f, "SELECT city FROM companies WHERE id = ?1", f->acme);
  g_assert_cmpstr (city, ==, "Denver");
  g_assert_cmpint (db_int (f, "SELECT count(*) FROM history", 0), ==, n_history);
  g_assert_true (found (f, "Denver", f->acme));
  g_assert_false (found (f, "Miami", f->acme));

  /* the user chooses their value and writes again with the new version */
  crm_edit_outcome_clear (&outcome);
  version = crm_store_update_client_field (f->store, f->acme, "city", "Miami", 2, &outcome, &error);
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, 3);
  g_assert_cmpstr (outcome.previous, ==, "Denver");

  /* undo writes the previous value back */
  version = crm_store_update_client_field (f->store, f->acme, "city", outcome.previous, version, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, 4);
  g_free (city);
  city = db_text (f, "SELECT city FROM companies WHERE id = ?1", f->acme);
  g_assert_cmpstr (city, ==, "Denver");
}

static void
test_invalid (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *industry = g_strdup_printf ("%" G_GINT64_FORMAT, dictionary_id (f, "industry", 0));

  g_assert_cmpint (crm_store_update_client_field (f->store, f->acme, "website", "not a site", 1, NULL, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (crm_store_update_client_field (f->store, f->acme, "name", "  ", 1, NULL, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpint (crm_store_update_client_field (f->store, f->acme, "version", "9", 1, NULL, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  /* an industry is no status */
  g_assert_cmpint (crm_store_update_client_field (f->store, f->acme, "status", industry, 1, NULL, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (crm_store_update_client_field (f->store, f->acme, "manager", "987654", 1, NULL, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (crm_store_update_client_field (f->store, 424242, "city", "Oslo", 1, NULL, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* outside Russia a tax id is free text */
  g_assert_cmpint (crm_store_update_client_field (f->store, f->acme, "tax_id", "7707083894", 1, NULL, &error), ==, 2);
  g_assert_no_error (error);
  g_assert_cmpint (db_int (f, "SELECT version FROM companies WHERE id = ?1", f->acme), ==, 2);
}

static void
test_inn_ru (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (crm_store_get_locale (f->store), ==, "ru");
  g_assert_cmpint (crm_store_update_client_field (f->store, f->acme, "tax_id", "7707083894", 1, NULL, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (crm_store_update_client_field (f->store, f->acme, "tax_id", "7707083893", 1, NULL, &error), ==, 2);
  g_assert_no_error (error);
  g_assert_true (found (f, "7707083893", f->acme));
}

static void
test_contacts (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmClientRecord) record = NULL;
  g_autoptr(CrmContactRecord) snapshot = NULL;
  g_auto(CrmEditOutcome) outcome = { 0 };
  CrmContactData anna = { .company_id = f->acme, .first_name = "Anna", .last_name = "Berg" };
  CrmContactData carl = { .company_id = f->acme, .first_name = "Carl", .last_name = "Dahl", .position = "CFO" };
  CrmContactData bad = { .company_id = f->acme, .first_name = "Eve", .birthday = "1990-02-30" };
  CrmHistoryData call = { .company_id = f->acme, .kind = "call", .subject = "Prices" };
  gint64 a, c, version;

  a = crm_store_add_client_contact (f->store, &anna, &error);
  c = crm_store_add_client_contact (f->store, &carl, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_store_add_client_contact (f->store, &bad, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* the first contact is the primary one */
  g_assert_cmpint (db_int (f, "SELECT is_primary FROM contacts WHERE id = ?1", a), ==, 1);
  g_assert_cmpint (db_int (f, "SELECT is_primary FROM contacts WHERE id = ?1", c), ==, 0);
  g_assert_true (crm_store_set_primary_contact (f->store, c, &error));
  g_assert_cmpint (db_int (f, "SELECT count(*) FROM contacts WHERE company_id = ?1 AND is_primary", f->acme), ==, 1);
  g_assert_cmpint (db_int (f, "SELECT is_primary FROM contacts WHERE id = ?1", c), ==, 1);

  crm_store_add_client_phone (f->store, f->acme, c, "mobile", "+1 617 555 0199", &error);
  crm_store_add_client_email (f->store, f->acme, c, "work", "Carl@Acme.Example", &error);
  crm_store_add_client_phone (f->store, f->acme, 0, "office", "+1 617 555 0100", &error);
  g_assert_no_error (error);
  call.contact_id = c;
  crm_store_add_history (f->store, &call, &error);

  record = crm_store_load_client_record (f->store, f->acme, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (record->contacts->len, ==, 2);
  {
    CrmContactRecord *first = g_ptr_array_index (record->contacts, 0);

    g_assert_cmpint (first->id, ==, c);
    g_assert_true (first->is_primary);
    g_assert_cmpstr (first->position, ==, "CFO");
    g_assert_cmpuint (first->phones->len, ==, 1);
    g_assert_cmpuint (first->emails->len, ==, 1);
    g_assert_cmpstr (((CrmEmailRecord *)g_ptr_array_index (first->emails, 0))->address, ==, "carl@acme.example");
    g_assert_cmpstr (((CrmPhoneRecord *)g_ptr_array_index (first->phones, 0))->label, ==, "mobile");
  }
  g_assert_cmpuint (record->phones->len, ==, 1);

  /* a versioned field update, and the full name follows */
  version = crm_store_update_contact_field (f->store, a, "last_name", "Lind", 1, &outcome, &error);
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, 2);
  g_assert_cmpstr (outcome.previous, ==, "Berg");
  g_autofree char *full_name = db_text (f, "SELECT full_name FROM contacts WHERE id = ?1", a);
  g_assert_cmpstr (full_name, ==, "Anna Lind");
  g_assert_true (found (f, "Lind", f->acme));
  g_assert_false (found (f, "Berg", f->acme));

  crm_edit_outcome_clear (&outcome);
  g_assert_cmpint (crm_store_update_contact_field (f->store, a, "position", "CEO", 1, &outcome, &error), ==, 0);
  g_assert_error (error, CRM_EDIT_ERROR, CRM_EDIT_ERROR_CONFLICT);
  g_assert_null (outcome.current);
  g_assert_cmpint (outcome.version, ==, 2);
  g_clear_error (&error);
  g_assert_cmpint (crm_store_update_contact_field (f->store, a, "birthday", "2001-13-01", 2, NULL, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (crm_store_update_contact_field (f->store, a, "birthday", "2001-12-01", 2, NULL, &error), ==, 3);
  g_assert_no_error (error);

  /* deleting the primary contact promotes the other; restoring brings it
   * back whole, with the same ids */
  snapshot = crm_store_delete_client_contact (f->store, c, &error);
  g_assert_no_error (error);
  g_assert_nonnull (snapshot);
  g_assert_cmpuint (snapshot->phones->len, ==, 1);
  g_assert_cmpuint (snapshot->history_ids->len, ==, 1);
  g_assert_cmpint (db_int (f, "SELECT count(*) FROM contacts WHERE id = ?1", c), ==, 0);
  g_assert_cmpint (db_int (f, "SELECT count(*) FROM phones WHERE contact_id = ?1", c), ==, 0);
  g_assert_cmpint (db_int (f, "SELECT is_primary FROM contacts WHERE id = ?1", a), ==, 1);
  g_assert_false (found (f, "Dahl", f->acme));

  g_assert_true (crm_store_restore_client_contact (f->store, snapshot, &error));
  g_assert_no_error (error);
  g_assert_cmpint (db_int (f, "SELECT is_primary FROM contacts WHERE id = ?1", c), ==, 1);
  g_assert_cmpint (db_int (f, "SELECT is_primary FROM contacts WHERE id = ?1", a), ==, 0);
  g_assert_cmpint (db_int (f, "SELECT id FROM phones WHERE contact_id = ?1", c), ==,
                   ((CrmPhoneRecord *)g_ptr_array_index (snapshot->phones, 0))->id);
  g_assert_cmpint (db_int (f, "SELECT id FROM emails WHERE contact_id = ?1", c), ==,
                   ((CrmEmailRecord *)g_ptr_array_index (snapshot->emails, 0))->id);
  g_assert_cmpint (db_int (f, "SELECT count(*) FROM history WHERE contact_id = ?1", c), ==, 1);
  g_assert_true (found (f, "Dahl", f->acme));
  g_assert_true (found (f, "6175550199", f->acme));

  /* a contact of another company cannot own this company's number */
  g_assert_cmpint (crm_store_add_client_phone (f->store, f->other, c, NULL, "+1 512 555 0101", &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
}

static void
test_channels (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmPhoneRecord) old_phone = NULL;
  g_autoptr(CrmPhoneRecord) deleted_phone = NULL;
  g_autoptr(CrmEmailRecord) old_email = NULL;
  g_autoptr(CrmEmailRecord) deleted_email = NULL;
  gint64 phone, email;

  g_assert_cmpint (crm_store_add_client_phone (f->store, f->acme, 0, NULL, "12-34", &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (crm_store_add_client_email (f->store, f->acme, 0, NULL, "sales.acme.example", &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);

  phone = crm_store_add_client_phone (f->store, f->acme, 0, "office", "+1 (617) 555-0142", &error);
  email = crm_store_add_client_email (f->store, f->acme, 0, "sales", " Sales@Acme.Example ", &error);
  g_assert_no_error (error);
  g_assert_true (found (f, "617 555 0142", f->acme));

  g_assert_true (crm_store_update_client_phone (f->store, phone, "fax", "+1 (617) 555-0777", &old_phone, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (old_phone->number, ==, "+1 (617) 555-0142");
  g_assert_cmpstr (old_phone->label, ==, "office");
  g_assert_true (found (f, "617 555 0777", f->acme));
  g_assert_false (found (f, "617 555 0142", f->acme));
  g_assert_cmpint (db_int (f, "SELECT national FROM phones WHERE id = ?1", phone), ==, 6175550777);
  g_assert_false (crm_store_update_client_phone (f->store, phone, NULL, "call me", NULL, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (crm_store_update_client_email (f->store, email, NULL, "info@initech.example", &old_email, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (old_email->address, ==, "sales@acme.example");
  g_autofree char *domain = db_text (f, "SELECT domain FROM emails WHERE id = ?1", email);
  g_assert_cmpstr (domain, ==, "initech.example");
  g_assert_cmpint (db_int (f, "SELECT label IS NULL FROM emails WHERE id = ?1", email), ==, 1);

  deleted_phone = crm_store_delete_client_phone (f->store, phone, &error);
  deleted_email = crm_store_delete_client_email (f->store, email, &error);
  g_assert_no_error (error);
  g_assert_false (found (f, "617 555 0777", f->acme));
  g_assert_cmpint (db_int (f, "SELECT count(*) FROM emails WHERE id = ?1", email), ==, 0);
  g_assert_null (crm_store_delete_client_phone (f->store, phone, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (crm_store_restore_client_phone (f->store, deleted_phone, &error));
  g_assert_true (crm_store_restore_client_email (f->store, deleted_email, &error));
  g_assert_no_error (error);
  g_assert_true (found (f, "617 555 0777", f->acme));
  g_assert_cmpint (db_int (f, "SELECT count(*) FROM phones WHERE id = ?1 AND label = 'fax'", phone), ==, 1);
  g_assert_cmpint (db_int (f, "SELECT count(*) FROM emails WHERE id = ?1", email), ==, 1);
}

static void
test_tags (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(CrmClientRecord) record = NULL;
  gint64 vip, vip2, partner;

  vip = crm_store_add_client_tag (f->store, f->acme, " VIP ", &error);
  partner = crm_store_add_client_tag (f->store, f->acme, "Partner", &error);
  vip2 = crm_store_add_client_tag (f->store, f->other, "VIP", &error);
  g_assert_no_error (error);
  g_assert_cmpint (vip, ==, vip2);
  g_assert_cmpint (crm_store_add_client_tag (f->store, f->acme, "VIP", &error), ==, vip);
  g_assert_cmpint (crm_store_add_client_tag (f->store, f->acme, "", &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  tags = crm_store_list_tags (f->store, &error);
  g_assert_cmpuint (tags->len, ==, 2);
  g_assert_cmpstr (((CrmTag *)g_ptr_array_index (tags, 0))->name, ==, "Partner");

  g_assert_true (crm_store_remove_client_tag (f->store, f->acme, partner, &error));
  g_assert_false (crm_store_remove_client_tag (f->store, f->acme, partner, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  record = crm_store_load_client_record (f->store, f->acme, &error);
  g_assert_cmpuint (record->tags->len, ==, 1);
  g_assert_cmpstr (((CrmTag *)g_ptr_array_index (record->tags, 0))->name, ==, "VIP");
}

static void
test_custom_fields (Fixture       *f,
                    gconstpointer  data)
{
  const char * const sizes[] = { "Small", " Large ", "", NULL };
  const struct { const char *kind; const char *good; const char *stored; const char *bad; } cases[] = {
    { "text", "Anything", "Anything", NULL },
    { "number", "1 250,75", "1250.75", "lots" },
    { "date", "2024-02-29", "2024-02-29", "2023-02-29" },
    { "choice", "Large", "Large", "Medium" },
    { "checkbox", "1", "1", "yes" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(CrmClientRecord) record = NULL;
  gint64 ids[G_N_ELEMENTS (cases)];

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("Field %s", cases[i].kind);

      ids[i] = crm_store_define_custom_field (f->store, name, cases[i].kind, sizes, &error);
      g_assert_no_error (error);
    }
  g_assert_cmpint (crm_store_define_custom_field (f->store, "Field text", "text", NULL, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpint (crm_store_define_custom_field (f->store, "Colour", "colour", NULL, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (crm_store_define_custom_field (f->store, "Empty", "choice", NULL, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);

  fields = crm_store_list_custom_fields (f->store, &error);
  g_assert_cmpuint (fields->len, ==, G_N_ELEMENTS (cases));
  {
    CrmCustomField *choice = g_ptr_array_index (fields, 3);

    g_assert_cmpstr (choice->kind, ==, "choice");
    g_assert_cmpuint (g_strv_length (choice->choices), ==, 2);
    g_assert_cmpstr (choice->choices[1], ==, "Large");
    g_assert_null (((CrmCustomField *)g_ptr_array_index (fields, 0))->choices);
  }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *previous = NULL;
      g_autofree char *stored = NULL;

      g_assert_true (crm_store_set_custom_value (f->store, f->acme, ids[i], cases[i].good, &previous, &error));
      g_assert_no_error (error);
      g_assert_null (previous);
      stored = db_text (f, "SELECT value FROM custom_values WHERE field_id = ?1", ids[i]);
      g_assert_cmpstr (stored, ==, cases[i].stored);

      if (cases[i].bad != NULL)
        {
          g_assert_false (crm_store_set_custom_value (f->store, f->acme, ids[i], cases[i].bad, NULL, &error));
          g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
          g_assert_nonnull (strstr (error->message, cases[i].kind));  /* names the field */
          g_clear_error (&error);
          g_free (stored);
          stored = db_text (f, "SELECT value FROM custom_values WHERE field_id = ?1", ids[i]);
          g_assert_cmpstr (stored, ==, cases[i].stored);
        }
    }

  record = crm_store_load_client_record (f->store, f->acme, &error);
  g_assert_cmpuint (record->custom_fields->len, ==, G_N_ELEMENTS (cases));
  g_assert_cmpstr (((CrmCustomField *)g_ptr_array_index (record->custom_fields, 1))->value, ==, "1250.75");

  /* emptying a value gives back what it was; deleting the field its values */
  {
    g_autofree char *previous = NULL;

    g_assert_true (crm_store_set_custom_value (f->store, f->acme, ids[0], "", &previous, &error));
    g_assert_cmpstr (previous, ==, "Anything");
    g_assert_cmpint (db_int (f, "SELECT count(*) FROM custom_values WHERE field_id = ?1", ids[0]), ==, 0);
  }
  g_assert_true (crm_store_delete_custom_field (f->store, ids[1], &error));
  g_assert_no_error (error);
  g_assert_cmpint (db_int (f, "SELECT count(*) FROM custom_values WHERE field_id = ?1", ids[1]), ==, 0);
  g_assert_false (crm_store_delete_custom_field (f->store, ids[1], &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
}

/* The names of the list sorted by status, in order */
static char *
names_by_status (Fixture *f)
{
  g_autoptr(CrmClientList) list = crm_client_list_new_sorted (f->store, CRM_CLIENT_SORT_STATUS, FALSE);
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(CrmClientRow) row = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_string_append_printf (names, "%s%s:%s", i ? "," : "", crm_client_row_get_name (row),
                              crm_client_row_get_status (row) ? crm_client_row_get_status (row) : "-");
    }

  return g_string_free (names, FALSE);
}

static void
test_dictionaries (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) statuses = crm_store_list_dictionary (f->store, "status", NULL);
  g_autofree gint64 *order = g_new (gint64, statuses->len);
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *names = NULL;
  g_autofree char *previous = NULL;
  gint64 lead = ((CrmDictionaryValue *)g_ptr_array_index (statuses, 0))->id;
  gint64 client = ((CrmDictionaryValue *)g_ptr_array_index (statuses, 3))->id;
  gint64 trade, fairs;
  CrmCompanyData initech = { .name = "Initech", .status_id = client };

  first = g_strdup_printf ("%" G_GINT64_FORMAT, lead);
  last = g_strdup_printf ("%" G_GINT64_FORMAT, client);
  crm_store_update_client_field (f->store, f->acme, "status", first, 1, NULL, &error);
  crm_store_update_client_field (f->store, f->other, "status", first, 1, NULL, &error);
  crm_store_add_company (f->store, &initech, &error);
  g_assert_no_error (error);

  names = names_by_status (f);
  g_assert_cmpstr (names, ==, "Acme Widgets:New lead,Globex:New lead,Initech:Client");
  g_clear_pointer (&names, g_free);

  /* reverse the funnel: the companies' ranks follow */
  for (guint i = 0; i < statuses->len; i++)
    order[i] = ((CrmDictionaryValue *)g_ptr_array_index (statuses, statuses->len - 1 - i))->id;
  g_assert_true (crm_store_reorder_statuses (f->store, order, statuses->len, &error));
  g_assert_no_error (error);
  names = names_by_status (f);
  g_assert_cmpstr (names, ==, "Initech:Client,Acme Widgets:New lead,Globex:New lead");
  g_clear_pointer (&names, g_free);
  g_assert_false (crm_store_reorder_statuses (f->store, order, statuses->len - 1, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  order[1] = order[0];
  g_assert_false (crm_store_reorder_statuses (f->store, order, statuses->len, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  names = names_by_status (f);
  g_assert_cmpstr (names, ==, "Initech:Client,Acme Widgets:New lead,Globex:New lead");
  g_clear_pointer (&names, g_free);

  /* rename, add */
  g_assert_true (crm_store_rename_dictionary_value (f->store, lead, "Prospect", &previous, &error));
  g_assert_cmpstr (previous, ==, "New lead");
  g_assert_false (crm_store_rename_dictionary_value (f->store, lead, "Client", NULL, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  trade = crm_store_add_dictionary_value (f->store, "source", "Trade fair", &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_store_add_dictionary_value (f->store, "source", "Trade fair", &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  fairs = crm_store_add_dictionary_value (f->store, "source", "Fairs", &error);
  g_assert_no_error (error);
  g_assert_cmpint (db_int (f, "SELECT position FROM dictionary WHERE id = ?1", fairs), <,
                   db_int (f, "SELECT position FROM dictionary WHERE id = ?1", trade));

  /* a value in use goes only with a replacement, which the clients get */
  g_assert_cmpint (crm_store_count_dictionary_uses (f->store, lead, &error), ==, 2);
  g_assert_false (crm_store_remove_dictionary_value (f->store, lead, 0, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "2 clients"));
  g_clear_error (&error);
  g_assert_false (crm_store_remove_dictionary_value (f->store, lead, trade, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (db_int (f, "SELECT count(*) FROM dictionary WHERE id = ?1", lead), ==, 1);

  g_assert_true (crm_store_remove_dictionary_value (f->store, lead, client, &error));
  g_assert_no_error (error);
  g_assert_cmpint (db_int (f, "SELECT count(*) FROM dictionary WHERE id = ?1", lead), ==, 0);
  g_assert_cmpint (crm_store_count_dictionary_uses (f->store, client, &error), ==, 3);
  g_assert_cmpint (db_int (f, "SELECT version FROM companies WHERE id = ?1", f->acme), ==, 3);
  names = names_by_status (f);
  g_assert_cmpstr (names, ==, "Acme Widgets:Client,Globex:Client,Initech:Client");
  g_clear_pointer (&names, g_free);
  g_assert_cmpint (db_int (f, "SELECT count(*) FROM companies WHERE status_rank <> "
                              "(SELECT position FROM dictionary WHERE id = ?1)", client), ==, 0);

  /* an unused value goes without one */
  g_assert_true (crm_store_remove_dictionary_value (f->store, trade, 0, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, locale) \
  g_test_add (path, Fixture, locale, fixture_set_up, func, fixture_tear_down)

  ADD ("/crm/edit/fields", test_fields, NULL);
  ADD ("/crm/edit/search", test_search, NULL);
  ADD ("/crm/edit/conflict", test_conflict, NULL);
  ADD ("/crm/edit/invalid", test_invalid, NULL);
  ADD ("/crm/edit/inn-ru", test_inn_ru, "ru");
  ADD ("/crm/edit/contacts", test_contacts, NULL);
  ADD ("/crm/edit/channels", test_channels, NULL);
  ADD ("/crm/edit/tags", test_tags, NULL);
  ADD ("/crm/edit/custom-fields", test_custom_fields, NULL);
  ADD ("/crm/edit/dictionaries", test_dictionaries, NULL);

  return g_test_run ();
}
