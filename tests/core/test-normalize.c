/* test-normalize.c: how the duplicate guard sees names and domains
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "crm-normalize.h"

static void
assert_key (const char *name,
            const char *expected)
{
  g_autofree char *key = crm_normalize_name_key (name);

  if (g_strcmp0 (key, expected) != 0)
    g_error ("name key of “%s”: expected “%s”, got “%s”", name, expected, key);
}

static void
test_name_key (void)
{
  assert_key ("\"Ромашка\" ООО", "ромашка");
  assert_key ("ООО Ромашка", "ромашка");
  assert_key ("ООО «Ромашка»", "ромашка");
  assert_key ("ромашка, ооо", "ромашка");
  assert_key ("АО «Северсталь-Трейд»", "северсталь трейд");
  assert_key ("Ёлка", "елка");
  assert_key ("ИП Иванов Иван Иванович", "иванов иван иванович");
  assert_key ("Acme Widgets, Inc.", "acme widgets");
  assert_key ("ACME WIDGETS LLC", "acme widgets");
  assert_key ("Acme Widgets L.L.C.", "acme widgets");
  assert_key ("Müller GmbH", "müller");
  assert_key ("ООО", "");
  assert_key ("", "");
}

static void
assert_domain (const char *text,
               const char *expected)
{
  g_autofree char *domain = crm_normalize_domain (text);

  if (g_strcmp0 (domain, expected) != 0)
    g_error ("domain of “%s”: expected “%s”, got “%s”", text, expected, domain);
}

static void
test_domain (void)
{
  assert_domain ("https://www.Romashka.ru/contacts", "romashka.ru");
  assert_domain ("romashka.ru", "romashka.ru");
  assert_domain ("http://shop.acme.example:8080/", "shop.acme.example");
  assert_domain ("Info@Romashka.RU", "romashka.ru");
  assert_domain ("localhost", NULL);
  assert_domain ("", NULL);
  assert_domain (NULL, NULL);
}

static void
test_public_mail (void)
{
  g_assert_true (crm_normalize_is_public_mail ("mail.ru"));
  g_assert_true (crm_normalize_is_public_mail ("gmail.com"));
  g_assert_false (crm_normalize_is_public_mail ("romashka.ru"));
  g_assert_false (crm_normalize_is_public_mail (NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crm/normalize/name-key", test_name_key);
  g_test_add_func ("/crm/normalize/domain", test_domain);
  g_test_add_func ("/crm/normalize/public-mail", test_public_mail);

  return g_test_run ();
}
