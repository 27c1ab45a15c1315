/* test-duplicates.c: the duplicate guard
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "crm-duplicates.h"
#include "test-utils.h"

typedef struct
{
  TestDir  *dir;
  CrmStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = test_dir_new ();
  path = g_build_filename (f->dir->path, "rapport.db", NULL);
  f->store = crm_store_open_full (path, CRM_STORE_OPEN_DEFAULT, "ru", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  test_dir_free (f->dir);
}

static gint64
add_client (Fixture    *f,
            const char *name,
            const char *tax_id,
            const char *website,
            const char *phone,
            const char *email)
{
  g_autoptr(GError) error = NULL;
  CrmCompanyData data = { .name = name, .tax_id = tax_id, .website = website };
  gint64 id = crm_store_add_company (f->store, &data, &error);

  g_assert_no_error (error);
  if (phone != NULL)
    {
      crm_store_add_phone (f->store, id, 0, NULL, phone, &error);
      g_assert_no_error (error);
    }
  if (email != NULL)
    {
      crm_store_add_email (f->store, id, 0, NULL, email, &error);
      g_assert_no_error (error);
    }

  return id;
}

static GPtrArray *
find (Fixture                 *f,
      const CrmDuplicateQuery *query)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *matches = crm_store_find_duplicates (f->store, query, 10, &error);

  g_assert_no_error (error);
  g_assert_nonnull (matches);

  return matches;
}

/* The reasons @id was found for, or 0 when it was not */
static CrmDuplicateReason
reasons_of (GPtrArray *matches,
            gint64     id)
{
  for (guint i = 0; i < matches->len; i++)
    {
      CrmDuplicateMatch *match = g_ptr_array_index (matches, i);

      if (match->id == id)
        return match->reasons;
    }

  return 0;
}

static void
test_name (Fixture       *f,
           gconstpointer  data)
{
  gint64 romashka = add_client (f, "ООО «Ромашка»", NULL, NULL, NULL, NULL);
  gint64 plus = add_client (f, "Ромашка Плюс", NULL, NULL, NULL, NULL);
  gint64 yolka = add_client (f, "ЗАО \"Ёлка\"", NULL, NULL, NULL, NULL);
  g_autoptr(GPtrArray) quoted = NULL;
  g_autoptr(GPtrArray) other = NULL;
  g_autoptr(GPtrArray) fir = NULL;
  g_autoptr(GPtrArray) form_only = NULL;
  CrmDuplicateQuery q1 = { .name = "\"Ромашка\" ООО" };
  CrmDuplicateQuery q2 = { .name = "ИП Ромашка" };
  CrmDuplicateQuery q3 = { .name = "елка" };
  CrmDuplicateQuery q4 = { .name = "ООО" };

  quoted = find (f, &q1);
  g_assert_cmpuint (quoted->len, ==, 1);
  g_assert_cmpint (reasons_of (quoted, romashka), ==, CRM_DUPLICATE_NAME);
  g_assert_cmpint (reasons_of (quoted, plus), ==, 0);
  g_assert_cmpstr (((CrmDuplicateMatch *)g_ptr_array_index (quoted, 0))->name, ==, "ООО «Ромашка»");

  other = find (f, &q2);
  g_assert_cmpint (reasons_of (other, romashka), ==, CRM_DUPLICATE_NAME);

  fir = find (f, &q3);
  g_assert_cmpuint (fir->len, ==, 1);
  g_assert_cmpint (reasons_of (fir, yolka), ==, CRM_DUPLICATE_NAME);

  /* a bare legal form is no name at all */
  form_only = find (f, &q4);
  g_assert_cmpuint (form_only->len, ==, 0);
}

static void
test_tax_id (Fixture       *f,
             gconstpointer  data)
{
  gint64 a = add_client (f, "Альфа", "7701234567", NULL, NULL, NULL);
  g_autoptr(GPtrArray) spaced = NULL;
  g_autoptr(GPtrArray) other = NULL;
  g_autoptr(GPtrArray) shorter = NULL;
  CrmDuplicateQuery q1 = { .name = "Бета", .tax_id = " 77 0123-4567 " };
  CrmDuplicateQuery q2 = { .name = "Бета", .tax_id = "7701234568" };
  CrmDuplicateQuery q3 = { .name = "Бета", .tax_id = "770123456" };

  add_client (f, "Гамма", "7709999999", NULL, NULL, NULL);

  spaced = find (f, &q1);
  g_assert_cmpuint (spaced->len, ==, 1);
  g_assert_cmpint (reasons_of (spaced, a), ==, CRM_DUPLICATE_TAX_ID);

  other = find (f, &q2);
  g_assert_cmpuint (other->len, ==, 0);
  shorter = find (f, &q3);
  g_assert_cmpuint (shorter->len, ==, 0);
}

static void
test_phone (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 a = add_client (f, "Альфа", NULL, NULL, "+7 (495) 123-45-67", NULL);
  gint64 contact_company = add_client (f, "Бета", NULL, NULL, NULL, NULL);
  CrmContactData contact = { .company_id = contact_company, .first_name = "Иван", .last_name = "Петров" };
  g_autoptr(GPtrArray) trunk = NULL;
  g_autoptr(GPtrArray) plain = NULL;
  g_autoptr(GPtrArray) other = NULL;
  CrmDuplicateQuery q1 = { .name = "Гамма", .phone = "8 495 1234567" };
  CrmDuplicateQuery q2 = { .name = "Гамма", .phone = "84951234567" };
  CrmDuplicateQuery q3 = { .name = "Гамма", .phone = "+7 495 123-45-68" };
  gint64 contact_id;

  /* a contact person's phone counts for the company too */
  contact_id = crm_store_add_contact (f->store, &contact, &error);
  g_assert_no_error (error);
  crm_store_add_phone (f->store, contact_company, contact_id, NULL, "+7 495 765-43-21", &error);
  g_assert_no_error (error);

  trunk = find (f, &q1);
  g_assert_cmpuint (trunk->len, ==, 1);
  g_assert_cmpint (reasons_of (trunk, a), ==, CRM_DUPLICATE_PHONE);

  plain = find (f, &q2);
  g_assert_cmpint (reasons_of (plain, a), ==, CRM_DUPLICATE_PHONE);

  other = find (f, &q3);
  g_assert_cmpuint (other->len, ==, 0);

  {
    g_autoptr(GPtrArray) by_contact = NULL;
    CrmDuplicateQuery q4 = { .phone = "(495) 7654321" };

    by_contact = find (f, &q4);
    g_assert_cmpuint (by_contact->len, ==, 1);
    g_assert_cmpint (reasons_of (by_contact, contact_company), ==, CRM_DUPLICATE_PHONE);
  }
}

static void
test_email_and_domain (Fixture       *f,
                       gconstpointer  data)
{
  gint64 site = add_client (f, "Альфа", NULL, "https://www.Romashka.ru/contacts", NULL, NULL);
  gint64 mail = add_client (f, "Бета", NULL, NULL, NULL, "Sales@Romashka.RU");
  gint64 gmail = add_client (f, "Гамма", NULL, NULL, NULL, "ivan.petrov@gmail.com");
  g_autoptr(GPtrArray) by_site = NULL;
  g_autoptr(GPtrArray) by_address = NULL;
  g_autoptr(GPtrArray) public_domain = NULL;
  g_autoptr(GPtrArray) public_address = NULL;
  CrmDuplicateQuery q1 = { .name = "Дельта", .website = "romashka.ru" };
  CrmDuplicateQuery q2 = { .name = "Дельта", .email = "SALES@romashka.ru " };
  CrmDuplicateQuery q3 = { .name = "Дельта", .email = "maria@gmail.com" };
  CrmDuplicateQuery q4 = { .name = "Дельта", .email = "Ivan.Petrov@gmail.com" };

  by_site = find (f, &q1);
  g_assert_cmpuint (by_site->len, ==, 2);
  g_assert_cmpint (reasons_of (by_site, site), ==, CRM_DUPLICATE_DOMAIN);
  g_assert_cmpint (reasons_of (by_site, mail), ==, CRM_DUPLICATE_DOMAIN);

  by_address = find (f, &q2);
  g_assert_cmpuint (by_address->len, ==, 2);
  g_assert_cmpint (reasons_of (by_address, mail), ==, CRM_DUPLICATE_EMAIL | CRM_DUPLICATE_DOMAIN);
  g_assert_cmpint (reasons_of (by_address, site), ==, CRM_DUPLICATE_DOMAIN);
  /* more reasons first */
  g_assert_cmpint (((CrmDuplicateMatch *)g_ptr_array_index (by_address, 0))->id, ==, mail);

  /* a public mail service says nothing about the company */
  public_domain = find (f, &q3);
  g_assert_cmpuint (public_domain->len, ==, 0);
  public_address = find (f, &q4);
  g_assert_cmpuint (public_address->len, ==, 1);
  g_assert_cmpint (reasons_of (public_address, gmail), ==, CRM_DUPLICATE_EMAIL);
}

static void
test_order_and_limit (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CrmUserData user = { .login = "anna", .full_name = "Анна Смирнова", .role = "sales", .active = TRUE };
  gint64 by_phone = add_client (f, "Омега", NULL, NULL, "+7 495 111-22-33", NULL);
  gint64 by_name = add_client (f, "ООО Ромашка", NULL, NULL, NULL, NULL);
  gint64 by_tax = add_client (f, "Сигма", "5001234567", NULL, NULL, NULL);
  gint64 by_both = add_client (f, "Ромашка АО", NULL, NULL, "8 (495) 111-22-33", NULL);
  gint64 self_id = add_client (f, "Ромашка", NULL, NULL, NULL, NULL);
  CrmDuplicateQuery query = { .name = "«Ромашка»", .tax_id = "5001234567",
                              .phone = "+74951112233", .exclude_id = self_id };
  CrmHistoryData contact = { .company_id = by_name, .kind = "call", .occurred_at = 1700000000 };
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GPtrArray) first_two = NULL;
  CrmCompanyData managed = { .name = "Ромашка Трейд" };
  CrmDuplicateMatch *match;
  gint64 manager_id;

  manager_id = crm_store_add_user (f->store, &user, &error);
  g_assert_no_error (error);
  crm_store_add_history (f->store, &contact, &error);
  g_assert_no_error (error);
  managed.manager_id = manager_id;
  crm_store_add_company (f->store, &managed, &error);
  g_assert_no_error (error);

  matches = find (f, &query);
  g_assert_cmpuint (matches->len, ==, 4);
  g_assert_cmpint (((CrmDuplicateMatch *)g_ptr_array_index (matches, 0))->id, ==, by_both);
  g_assert_cmpint (((CrmDuplicateMatch *)g_ptr_array_index (matches, 0))->reasons, ==,
                   CRM_DUPLICATE_NAME | CRM_DUPLICATE_PHONE);
  g_assert_cmpint (((CrmDuplicateMatch *)g_ptr_array_index (matches, 1))->id, ==, by_tax);
  match = g_ptr_array_index (matches, 2);
  g_assert_cmpint (match->id, ==, by_name);
  g_assert_cmpint (match->last_contact_at, ==, 1700000000);
  g_assert_cmpint (((CrmDuplicateMatch *)g_ptr_array_index (matches, 3))->id, ==, by_phone);
  g_assert_cmpint (reasons_of (matches, self_id), ==, 0);

  first_two = crm_store_find_duplicates (f->store, &query, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first_two->len, ==, 2);
  g_assert_cmpint (((CrmDuplicateMatch *)g_ptr_array_index (first_two, 1))->id, ==, by_tax);

  {
    g_autoptr(GPtrArray) with_manager = NULL;
    CrmDuplicateQuery q = { .name = "ромашка трейд" };

    with_manager = find (f, &q);
    g_assert_cmpuint (with_manager->len, ==, 1);
    g_assert_cmpstr (((CrmDuplicateMatch *)g_ptr_array_index (with_manager, 0))->manager, ==,
                     "Анна Смирнова");
    g_assert_null (((CrmDuplicateMatch *)g_ptr_array_index (matches, 0))->manager);
  }
}

static void
test_empty_query (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) matches = NULL;
  CrmDuplicateQuery query = { .name = "", .phone = "123", .email = "not-an-address" };

  /* numbers this short are extensions, not identities */
  add_client (f, "Альфа", NULL, NULL, "123", NULL);
  matches = find (f, &query);
  g_assert_cmpuint (matches->len, ==, 0);
}

static void
test_describe (void)
{
  g_autofree char *two = crm_duplicate_reason_describe (CRM_DUPLICATE_PHONE | CRM_DUPLICATE_NAME);
  g_autofree char *all = crm_duplicate_reason_describe (CRM_DUPLICATE_NAME | CRM_DUPLICATE_TAX_ID |
                                                        CRM_DUPLICATE_PHONE | CRM_DUPLICATE_EMAIL |
                                                        CRM_DUPLICATE_DOMAIN);
  g_autofree char *none = crm_duplicate_reason_describe (0);

  g_assert_cmpstr (two, ==, "same name, same phone");
  g_assert_cmpstr (all, ==, "same name, same tax number, same phone, same e-mail, same domain");
  g_assert_cmpstr (none, ==, "");
}

static CrmDuplicatePair *
find_pair (GPtrArray *pairs,
           gint64     a,
           gint64     b)
{
  for (guint i = 0; i < pairs->len; i++)
    {
      CrmDuplicatePair *pair = g_ptr_array_index (pairs, i);

      if (pair->a_id == a && pair->b_id == b)
        return pair;
    }

  return NULL;
}

static void
test_scan (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pairs = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) one = NULL;
  gint64 r1 = add_client (f, "ООО «Ромашка»", NULL, NULL, "+7 495 123-45-67", NULL);
  gint64 r2 = add_client (f, "\"Ромашка\" ООО", NULL, NULL, "8 (495) 1234567", NULL);
  gint64 t1 = add_client (f, "Альфа", "7701234567", NULL, NULL, NULL);
  gint64 t2 = add_client (f, "Бета", "7701234567", NULL, NULL, NULL);
  gint64 d1 = add_client (f, "Гамма", NULL, "http://gamma.example.org", NULL, NULL);
  gint64 d2 = add_client (f, "Дельта", NULL, NULL, NULL, "info@gamma.example.org");
  gint64 g1 = add_client (f, "Эпсилон", NULL, NULL, NULL, "a@gmail.com");
  gint64 g2 = add_client (f, "Дзета", NULL, NULL, NULL, "b@gmail.com");
  gint64 lone = add_client (f, "Эта", NULL, "eta.example.org", "+7 812 000-00-01", "x@eta.example.org");
  CrmDuplicatePair *pair;

  /* the same phone twice on one company is no pair */
  crm_store_add_phone (f->store, lone, 0, NULL, "8 812 000 00 01", &error);
  g_assert_no_error (error);

  pairs = crm_store_list_duplicate_pairs (f->store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pairs->len, ==, 3);

  pair = find_pair (pairs, r1, r2);
  g_assert_nonnull (pair);
  g_assert_cmpint (pair->reasons, ==, CRM_DUPLICATE_NAME | CRM_DUPLICATE_PHONE);
  g_assert_cmpstr (pair->a_name, ==, "ООО «Ромашка»");
  g_assert_cmpstr (pair->b_name, ==, "\"Ромашка\" ООО");
  pair = find_pair (pairs, t1, t2);
  g_assert_nonnull (pair);
  g_assert_cmpint (pair->reasons, ==, CRM_DUPLICATE_TAX_ID);
  pair = find_pair (pairs, d1, d2);
  g_assert_nonnull (pair);
  g_assert_cmpint (pair->reasons, ==, CRM_DUPLICATE_DOMAIN);
  g_assert_null (find_pair (pairs, g1, g2));

  /* deterministic, and the limit holds */
  again = crm_store_list_duplicate_pairs (f->store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, pairs->len);
  for (guint i = 0; i < pairs->len; i++)
    {
      CrmDuplicatePair *a = g_ptr_array_index (pairs, i);
      CrmDuplicatePair *b = g_ptr_array_index (again, i);

      g_assert_cmpint (a->a_id, ==, b->a_id);
      g_assert_cmpint (a->b_id, ==, b->b_id);
    }
  one = crm_store_list_duplicate_pairs (f->store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (one->len, ==, 1);
  /* names come first */
  g_assert_cmpint (((CrmDuplicatePair *)g_ptr_array_index (one, 0))->a_id, ==, r1);
}

static void
test_scan_group (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pairs = NULL;
  gint64 ids[4];

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    ids[i] = add_client (f, i % 2 ? "Стройсервис" : "ООО Стройсервис", NULL, NULL, NULL, NULL);

  /* a group of four gives three pairs with its first member, not six */
  pairs = crm_store_list_duplicate_pairs (f->store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pairs->len, ==, 3);
  for (guint i = 1; i < G_N_ELEMENTS (ids); i++)
    g_assert_nonnull (find_pair (pairs, ids[0], ids[i]));
}

/* A few thousand clients: the check stays far below the typing budget */
static void
test_speed (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = NULL;
  g_autoptr(GPtrArray) matches = NULL;
  CrmDuplicateQuery query = { .name = "Company 1234", .phone = "+1 212 555 1234",
                              .email = "info@example.com", .website = "example.com", .tax_id = "123456789" };
  g_autofree char *path = g_build_filename (f->dir->path, "many.db", NULL);
  g_autoptr(CrmStore) store = test_store_with_clients (path, 5000);

  timer = g_timer_new ();
  for (guint i = 0; i < 100; i++)
    {
      g_clear_pointer (&matches, g_ptr_array_unref);
      matches = crm_store_find_duplicates (store, &query, 10, &error);
      g_assert_no_error (error);
    }
  g_assert_cmpuint (matches->len, ==, 1);
  /* 100 checks: a full scan of 5000 rows each would take far longer */
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 1.0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/crm/duplicates/name", test_name);
  ADD ("/crm/duplicates/tax-id", test_tax_id);
  ADD ("/crm/duplicates/phone", test_phone);
  ADD ("/crm/duplicates/email-and-domain", test_email_and_domain);
  ADD ("/crm/duplicates/order-and-limit", test_order_and_limit);
  ADD ("/crm/duplicates/empty-query", test_empty_query);
  ADD ("/crm/duplicates/scan", test_scan);
  ADD ("/crm/duplicates/scan-group", test_scan_group);
  ADD ("/crm/duplicates/speed", test_speed);
#undef ADD
  g_test_add_func ("/crm/duplicates/describe", test_describe);

  return g_test_run ();
}
