/* test-search.c: full-text search of clients
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "crm-client-edit.h"
#include "crm-client-row.h"
#include "crm-search-match.h"
#include "crm-store.h"
#include "test-utils.h"

typedef struct
{
  TestDir  *dir;
  CrmStore *store;
  gint64    romashka;
  gint64    severstal;
  gint64    acme;
  gint64    yolka;
} Fixture;

static gint64
add_client (CrmStore   *store,
            const char *name,
            const char *legal_name,
            const char *tax_id,
            const char *phone,
            const char *email,
            const char *contact_first,
            const char *contact_last)
{
  g_autoptr(GError) error = NULL;
  CrmCompanyData company = { .name = name, .legal_name = legal_name, .tax_id = tax_id,
                             .city = g_strcmp0 (name, "Ромашка") == 0 ? "Казань" : NULL };
  CrmContactData contact = { .first_name = contact_first, .last_name = contact_last };
  gint64 id = crm_store_add_company (store, &company, &error);

  g_assert_no_error (error);
  if (phone != NULL)
    crm_store_add_phone (store, id, 0, NULL, phone, &error);
  if (email != NULL)
    crm_store_add_email (store, id, 0, NULL, email, &error);
  if (contact_last != NULL)
    {
      contact.company_id = id;
      crm_store_add_contact (store, &contact, &error);
    }
  g_assert_no_error (error);

  return id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = NULL;

  f->dir = test_dir_new ();
  path = g_build_filename (f->dir->path, "rapport.db", NULL);
  f->store = crm_store_open_full (path, 0, "ru", NULL);
  g_assert_nonnull (f->store);

  f->romashka = add_client (f->store, "Ромашка", "ООО «Ромашка»", "7707083893", "+7 (495) 123-45-67",
                            "info@romashka.ru", "Анна", "Иванова");
  f->severstal = add_client (f->store, "Северсталь-Трейд", "АО «Северсталь-Трейд»", NULL, "8 (8202) 53-09-00",
                             NULL, "Пётр", "Сидоров");
  f->acme = add_client (f->store, "Acme Widgets", "Acme Widgets LLC", NULL, "+1 (212) 555-0142",
                        "sales@acme.example", "John", "Smith");
  f->yolka = add_client (f->store, "Ёлка", NULL, NULL, NULL, NULL, NULL, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->store);
  test_dir_free (f->dir);
}

static GArray *
search (Fixture    *f,
        const char *query)
{
  g_autoptr(GError) error = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_assert_true (crm_store_search_clients (f->store, query, CRM_CLIENT_SORT_NAME, FALSE, 100, ids, NULL, &error));
  g_assert_no_error (error);

  return ids;
}

static void
assert_finds (Fixture    *f,
              const char *query,
              gint64      expected)
{
  g_autoptr(GArray) ids = search (f, query);

  if (ids->len != 1 || g_array_index (ids, gint64, 0) != expected)
    g_error ("search “%s”: expected only client %" G_GINT64_FORMAT ", got %u matches",
             query, expected, ids->len);
}

static void
assert_finds_nothing (Fixture    *f,
                      const char *query)
{
  g_autoptr(GArray) ids = search (f, query);

  if (ids->len != 0)
    g_error ("search “%s”: expected nothing, got %u matches", query, ids->len);
}

static void
test_names (Fixture       *f,
            gconstpointer  data)
{
  assert_finds (f, "Ромашка", f->romashka);
  assert_finds (f, "ром", f->romashka);        /* prefix, lower case */
  assert_finds (f, "РОМАШ", f->romashka);      /* upper case */
  assert_finds (f, "трейд", f->severstal);     /* second part of a hyphenated name */
  assert_finds (f, "acme", f->acme);
  assert_finds (f, "WIDG", f->acme);
  assert_finds (f, "елка", f->yolka);          /* ё and е are one letter to the search */
  assert_finds (f, "ёлк", f->yolka);
  assert_finds (f, "acme llc", f->acme);       /* every word must match */
  assert_finds_nothing (f, "acme ромашка");
  assert_finds_nothing (f, "zzz");
}

static void
test_details (Fixture       *f,
              gconstpointer  data)
{
  assert_finds (f, "Иванова", f->romashka);    /* a contact person's name */
  assert_finds (f, "анна", f->romashka);
  assert_finds (f, "Smith", f->acme);
  assert_finds (f, "7707083893", f->romashka); /* tax id */
  assert_finds (f, "romashka", f->romashka);   /* e-mail domain */
  assert_finds (f, "sales@acme", f->acme);
  assert_finds (f, "ООО", f->romashka);        /* legal form in the legal name */
  assert_finds (f, "казан", f->romashka);      /* the city */
}

static void
test_phones (Fixture       *f,
             gconstpointer  data)
{
  assert_finds (f, "+7 (495) 123-45-67", f->romashka);  /* as stored */
  assert_finds (f, "84951234567", f->romashka);         /* trunk prefix instead of +7 */
  assert_finds (f, "495 123 45 67", f->romashka);       /* national number */
  assert_finds (f, "123-45-67", f->romashka);           /* subscriber number */
  assert_finds (f, "4951", f->romashka);                /* a prefix while typing */
  assert_finds (f, "8 (495) 12", f->romashka);          /* trunk prefix, half typed */
  assert_finds (f, "+7 495 12", f->romashka);
  assert_finds (f, "212.555.0142", f->acme);
  assert_finds (f, "88202530900", f->severstal);
  assert_finds_nothing (f, "999-99-99");
}

static void
test_hostile_input (Fixture       *f,
                    gconstpointer  data)
{
  /* FTS5 syntax in the query is taken as text, not as operators */
  g_autoptr(GArray) a = search (f, "\"");
  g_autoptr(GArray) b = search (f, "NEAR(ром");
  g_autoptr(GArray) c = search (f, "name:ром* OR 1");
  g_autoptr(GArray) d = search (f, "   ");
  g_autoptr(GArray) e = search (f, "' OR 1=1 --");

  g_assert_cmpuint (a->len, ==, 0);
  g_assert_cmpuint (d->len, ==, 0);
  g_assert_cmpuint (e->len, ==, 0);
  (void)b;
  (void)c;
}

/* Tags and user-defined text fields are searched; other kinds are not */
static void
test_tags_and_fields (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 card, vip, since, tag;

  assert_finds_nothing (f, "постоянный");
  tag = crm_store_add_client_tag (f->store, f->acme, "Постоянный клиент", &error);
  g_assert_no_error (error);
  assert_finds (f, "постоян", f->acme);
  assert_finds (f, "acme клиент", f->acme);

  card = crm_store_define_custom_field (f->store, "Карта лояльности", "text", NULL, &error);
  g_assert_no_error (error);
  since = crm_store_define_custom_field (f->store, "Клиент с", "date", NULL, &error);
  g_assert_no_error (error);
  crm_store_set_custom_value (f->store, f->severstal, card, "GOLD-4471", NULL, &error);
  g_assert_no_error (error);
  crm_store_set_custom_value (f->store, f->romashka, since, "2019-03-01", NULL, &error);
  g_assert_no_error (error);
  assert_finds (f, "gold 4471", f->severstal);
  assert_finds_nothing (f, "2019");            /* a date is not text */

  /* a changed value is found by the new one only */
  crm_store_set_custom_value (f->store, f->severstal, card, "SILVER-1", NULL, &error);
  g_assert_no_error (error);
  assert_finds_nothing (f, "gold");
  assert_finds (f, "silver", f->severstal);

  /* removing the tag, deleting the field: found by them no more */
  crm_store_remove_client_tag (f->store, f->acme, tag, &error);
  g_assert_no_error (error);
  assert_finds_nothing (f, "постоян");
  vip = crm_store_define_custom_field (f->store, "VIP", "text", NULL, &error);
  g_assert_no_error (error);
  crm_store_set_custom_value (f->store, f->yolka, vip, "серебро", NULL, &error);
  g_assert_no_error (error);
  crm_store_delete_custom_field (f->store, card, &error);
  g_assert_no_error (error);
  assert_finds_nothing (f, "silver");
  assert_finds (f, "серебро", f->yolka);        /* the other field's values stay */

  /* the whole index written again holds them too */
  crm_store_add_client_tag (f->store, f->acme, "Постоянный клиент", &error);
  g_assert_true (crm_store_rebuild_search_index (f->store, &error));
  g_assert_no_error (error);
  assert_finds (f, "постоян", f->acme);
  assert_finds (f, "серебро", f->yolka);
}

static char *
explain (Fixture    *f,
         gint64      id,
         const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSearchMatch) match = NULL;

  g_assert_true (crm_store_explain_search (f->store, id, query, &match, &error));
  g_assert_no_error (error);
  if (match == NULL)
    return g_strdup ("(nothing)");
  if (match->kind == CRM_SEARCH_MATCH_NAME)
    return g_strdup ("(name)");

  return crm_search_match_describe (match);
}

#define assert_explains(f, id, query, expected) \
  G_STMT_START { \
    g_autofree char *_said = explain ((f), (id), (query)); \
    g_assert_cmpstr (_said, ==, (expected)); \
  } G_STMT_END

/* The part of a client a search matched, as the list shows it */
static void
test_explain (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 card;

  card = crm_store_define_custom_field (f->store, "Карта", "text", NULL, &error);
  g_assert_no_error (error);
  crm_store_set_custom_value (f->store, f->acme, card, "GOLD-4471", NULL, &error);
  crm_store_add_client_tag (f->store, f->romashka, "Выставка 2026", &error);
  g_assert_no_error (error);

  assert_explains (f, f->romashka, "ромаш", "(name)");
  assert_explains (f, f->romashka, "иванова", "contact: Иванова Анна");
  assert_explains (f, f->romashka, "анна ив", "contact: Иванова Анна");
  assert_explains (f, f->romashka, "ромашка анна", "contact: Иванова Анна");  /* the word the name lacks */
  assert_explains (f, f->romashka, "ооо", "legal name: ООО «Ромашка»");
  assert_explains (f, f->romashka, "info@rom", "e-mail: info@romashka.ru");
  assert_explains (f, f->romashka, "казань", "city: Казань");
  assert_explains (f, f->romashka, "выставк", "tag: Выставка 2026");
  assert_explains (f, f->romashka, "7707083893", "tax id: 7707083893");
  assert_explains (f, f->romashka, "84951234567", "phone: +7 (495) 123-45-67");
  assert_explains (f, f->romashka, "123-45-67", "phone: +7 (495) 123-45-67");
  assert_explains (f, f->acme, "gold", "Карта: GOLD-4471");
  assert_explains (f, f->acme, "smith", "contact: Smith John");
  assert_explains (f, f->severstal, "петр", "contact: Сидоров Пётр");  /* ё and е */
  assert_explains (f, f->yolka, "zzz", "(nothing)");
}

/* Words as the index sees them */
static void
test_words (void)
{
  g_auto(GStrv) words = crm_search_words ("«Ёлка» Café-Straße, д.5/1 Йошкар-Ола");
  const char * const expected[] = { "елка", "cafe", "straße", "д", "5", "1", "йошкар", "ола", NULL };

  g_assert_cmpstrv (words, expected);
}

static void
test_limit_and_sort (void)
{
  g_autoptr(TestDir) dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir->path, "rapport.db", NULL);
  g_autoptr(CrmStore) store = test_store_with_clients (path, 40);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  gboolean more = FALSE;

  g_assert_true (crm_store_search_clients (store, "company", CRM_CLIENT_SORT_NAME, TRUE, 10, ids, &more, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 10);
  g_assert_true (more);

  g_array_set_size (ids, 0);
  g_assert_true (crm_store_search_clients (store, "company", CRM_CLIENT_SORT_NAME, TRUE, 100, ids, &more, &error));
  g_assert_cmpuint (ids->len, ==, 40);
  g_assert_false (more);

  g_assert_true (crm_store_fetch_clients_by_id (store, (gint64 *)ids->data, 3, rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  /* descending by name, in the order the ids came */
  g_assert_cmpstr (crm_client_row_get_name (rows->pdata[0]), ==, "Company 0039");
  g_assert_cmpstr (crm_client_row_get_name (rows->pdata[2]), ==, "Company 0037");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/crm/search/names", Fixture, NULL, fixture_set_up, test_names, fixture_tear_down);
  g_test_add ("/crm/search/details", Fixture, NULL, fixture_set_up, test_details, fixture_tear_down);
  g_test_add ("/crm/search/phones", Fixture, NULL, fixture_set_up, test_phones, fixture_tear_down);
  g_test_add ("/crm/search/hostile", Fixture, NULL, fixture_set_up, test_hostile_input, fixture_tear_down);
  g_test_add ("/crm/search/tags-and-fields", Fixture, NULL, fixture_set_up, test_tags_and_fields, fixture_tear_down);
  g_test_add ("/crm/search/explain", Fixture, NULL, fixture_set_up, test_explain, fixture_tear_down);
  g_test_add_func ("/crm/search/words", test_words);
  g_test_add_func ("/crm/search/limit-and-sort", test_limit_and_sort);

  return g_test_run ();
}
