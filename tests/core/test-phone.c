/* test-phone.c: phone numbers as the search knows them
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "crm-phone.h"

static void
test_digits (void)
{
  g_autofree char *a = crm_phone_digits ("+7 (495) 123-45-67");
  g_autofree char *b = crm_phone_digits ("no digits");

  g_assert_cmpstr (a, ==, "74951234567");
  g_assert_cmpstr (b, ==, "");
}

static void
test_search_terms (void)
{
  g_autofree char *ru = crm_phone_search_terms ("+7 (495) 123-45-67");
  g_autofree char *trunk = crm_phone_search_terms ("8 495 123 45 67");
  g_autofree char *us = crm_phone_search_terms ("+1 (212) 555-0142");
  g_autofree char *shortnum = crm_phone_search_terms ("12-34");

  g_assert_cmpstr (ru, ==, "74951234567 4951234567 1234567");
  g_assert_cmpstr (trunk, ==, "84951234567 4951234567 1234567");
  g_assert_cmpstr (us, ==, "12125550142 2125550142 5550142");
  g_assert_cmpstr (shortnum, ==, "1234");
}

static void
test_national_and_subscriber (void)
{
  g_autofree char *a = crm_phone_national ("+7 (495) 123-45-67");
  g_autofree char *b = crm_phone_national ("8 495 123 45 67");
  g_autofree char *c = crm_phone_national ("+44 20 7946 0958");
  g_autofree char *d = crm_phone_subscriber ("+7 (495) 123-45-67");
  g_autofree char *e = crm_phone_subscriber ("53-09-00");

  g_assert_cmpstr (a, ==, "4951234567");
  g_assert_cmpstr (b, ==, "4951234567");
  g_assert_cmpstr (c, ==, "442079460958");
  g_assert_cmpstr (d, ==, "1234567");
  g_assert_cmpstr (e, ==, "530900");
}

static void
test_looks_like (void)
{
  g_assert_true (crm_phone_looks_like ("+7 (495) 123-45-67"));
  g_assert_true (crm_phone_looks_like ("8-495"));
  g_assert_false (crm_phone_looks_like ("12"));
  g_assert_false (crm_phone_looks_like ("Ромашка 1"));
  g_assert_false (crm_phone_looks_like (""));
}

static void
test_query_digits (void)
{
  g_autofree char *a = crm_phone_query_digits ("8 (495) 123-45-67");
  g_autofree char *b = crm_phone_query_digits ("+7 495 123");
  g_autofree char *c = crm_phone_query_digits ("123-45-67");
  g_autofree char *d = crm_phone_query_digits ("8 (495) 12");
  g_autofree char *e = crm_phone_query_digits ("74951234567");
  g_autofree char *f = crm_phone_query_digits ("+1 212 555");
  g_autofree char *g = crm_phone_query_digits ("849");

  g_assert_cmpstr (a, ==, "4951234567");
  g_assert_cmpstr (b, ==, "495123");
  g_assert_cmpstr (c, ==, "1234567");
  g_assert_cmpstr (d, ==, "49512");
  g_assert_cmpstr (e, ==, "4951234567");
  g_assert_cmpstr (f, ==, "212555");
  g_assert_cmpstr (g, ==, "849");   /* too short to tell a trunk prefix */
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crm/phone/digits", test_digits);
  g_test_add_func ("/crm/phone/search-terms", test_search_terms);
  g_test_add_func ("/crm/phone/national-and-subscriber", test_national_and_subscriber);
  g_test_add_func ("/crm/phone/looks-like", test_looks_like);
  g_test_add_func ("/crm/phone/query-digits", test_query_digits);

  return g_test_run ();
}
