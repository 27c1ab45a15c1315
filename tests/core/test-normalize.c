/* test-normalize.c: how the duplicate guard sees names and domains
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

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

/* The definitions, as written before the folding was done a character at
 * a time: the whole text through g_utf8_casefold() */
static char *
reference_fold (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  GString *out = g_string_new (NULL);

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (out, c == 0x0451 ? 0x0435 : c);
    }

  return g_string_free (out, FALSE);
}

static const char * const reference_forms[] = {
  "ооо", "оао", "зао", "пао", "ао", "ип", "нко", "ано", "фгуп", "гуп", "муп", "тд", "пбоюл",
  "llc", "inc", "ltd", "gmbh", "corp", "corporation", "plc", "llp", "lp", "co", "company",
  "limited", "incorporated", "ag", "sa", "srl", "bv", "oy", "ab",
};

static char *
reference_name_key (const char *name)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);
  GString *key = g_string_new (NULL);
  g_autoptr(GString) word = g_string_new (NULL);

  for (const char *p = folded; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean form = FALSE;

      if (c != 0 && g_unichar_isalnum (c))
        {
          g_string_append_unichar (word, c == 0x0451 ? 0x0435 : c);
          continue;
        }
      if (c == '.' && word->len > 0 && g_utf8_get_char (g_utf8_next_char (p)) != ' ' &&
          g_utf8_get_char (g_utf8_next_char (p)) != 0)
        continue;
      if (word->len > 0)
        {
          for (guint i = 0; i < G_N_ELEMENTS (reference_forms); i++)
            form = form || g_str_equal (word->str, reference_forms[i]);
          if (!form)
            {
              if (key->len > 0)
                g_string_append_c (key, ' ');
              g_string_append (key, word->str);
            }
          g_string_truncate (word, 0);
        }
      if (c == 0)
        break;
    }

  return g_string_free (key, FALSE);
}

static void
assert_same (const char *text)
{
  g_autofree char *fold = crm_normalize_fold (text);
  g_autofree char *fold_expected = reference_fold (text);
  g_autofree char *key = crm_normalize_name_key (text);
  g_autofree char *key_expected = reference_name_key (text);

  if (strcmp (fold, fold_expected) != 0)
    g_error ("fold of “%s”: expected “%s”, got “%s”", text, fold_expected, fold);
  if (strcmp (key, key_expected) != 0)
    g_error ("name key of “%s”: expected “%s”, got “%s”", text, key_expected, key);
}

/* The fold and the name key are made a character at a time, most of them
 * without GLib: the same as the definitions for every character of
 * Unicode, alone, inside a word, next to a dot and a legal form, and for
 * random mixtures */
static void
test_fold (void)
{
  static const char * const pool[] = {
    "A", "z", "Q", "7", " ", ".", ",", "-", "\"", "«", "»", "Ё", "ё", "Ж", "щ", "Ѐ", "џ", "ß", "ẞ", "İ", "ı",
    "ΐ", "Σ", "ς", "ŉ", "ǰ", "ﬃ", "Ⅻ", "٣", "😀", "Ltd", "ООО", "L.L.C.", "gmbh", "Ао", "co.", "\t",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261127);
  g_autofree char *fold = NULL;

  fold = crm_normalize_fold ("Ёлка ÖL Straße");
  g_assert_cmpstr (fold, ==, "елка öl strasse");

  for (gunichar c = 1; c <= 0x10FFFF; c++)
    {
      char ch[8] = { 0 };
      char text[64];

      if (!g_unichar_validate (c))
        continue;
      g_unichar_to_utf8 (c, ch);
      g_snprintf (text, sizeof text, "a%sb %s. x.%sy Ltd%s ооо %s", ch, ch, ch, ch, ch);
      assert_same (ch);
      assert_same (text);
    }

  for (guint i = 0; i < 20000; i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      guint length = g_rand_int_range (rand, 0, 12);

      for (guint k = 0; k < length; k++)
        g_string_append (text, pool[g_rand_int_range (rand, 0, G_N_ELEMENTS (pool))]);
      assert_same (text->str);
    }
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
  g_test_add_func ("/crm/normalize/fold", test_fold);
  g_test_add_func ("/crm/normalize/domain", test_domain);
  g_test_add_func ("/crm/normalize/public-mail", test_public_mail);

  return g_test_run ();
}
