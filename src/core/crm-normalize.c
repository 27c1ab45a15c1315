/* crm-normalize.c
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-normalize"

#include "config.h"

#include <string.h>

#include "crm-normalize.h"

/* How the duplicate guard sees a company: by a key of its name that ignores
 * the legal form, quotes, case, ё/е and punctuation, by the domain of its
 * website, and by the domain of its e-mail unless that is a public mail
 * service. */

/* Legal forms, already case-folded, as whole words, with their length */
#define FORM(text) { text, sizeof (text) - 1 }
static const struct
{
  const char *text;
  gsize       length;
} legal_forms[] = {
  FORM ("ооо"), FORM ("оао"), FORM ("зао"), FORM ("пао"), FORM ("ао"), FORM ("ип"), FORM ("нко"),
  FORM ("ано"), FORM ("фгуп"), FORM ("гуп"), FORM ("муп"), FORM ("тд"), FORM ("пбоюл"),
  FORM ("llc"), FORM ("inc"), FORM ("ltd"), FORM ("gmbh"), FORM ("corp"), FORM ("corporation"),
  FORM ("plc"), FORM ("llp"), FORM ("lp"), FORM ("co"), FORM ("company"), FORM ("limited"),
  FORM ("incorporated"), FORM ("ag"), FORM ("sa"), FORM ("srl"), FORM ("bv"), FORM ("oy"), FORM ("ab"),
};
#undef FORM

/* (the longest above, in bytes) */
#define LEGAL_FORM_MAX 12

/* Most words are not a legal form: their length or first byte says so
 * before any comparison (the comparisons were a twentieth of an import) */
static gboolean
is_legal_form (const char *word,
               gsize       length)
{
  if (length > LEGAL_FORM_MAX)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (legal_forms); i++)
    if (legal_forms[i].length == length && legal_forms[i].text[0] == word[0] &&
        memcmp (word, legal_forms[i].text, length) == 0)
      return TRUE;

  return FALSE;
}

/* The longest full case folding is three characters (Unicode's
 * CaseFolding.txt) */
#define FOLDED_MAX 3

/* The characters g_utf8_casefold() makes of @c, the character at @p, with
 * ё as е; how many. g_utf8_casefold() folds each character on its own, so
 * a text folded a character at a time is the same text. It allocates, and
 * took a tenth of a CSV import's writing thread: ASCII and the Russian
 * alphabet (U+0400-U+045F: capitals fold to their small letters, as
 * CaseFolding.txt says) are folded here, anything else by GLib.
 * test-normalize compares the two for every character. */
static guint
fold_char (const char *p,
           gunichar    c,
           gunichar    folded[FOLDED_MAX])
{
  g_autofree char *text = NULL;
  guint n = 0;

  if (c < 0x80)
    {
      folded[0] = g_ascii_tolower (c);
      return 1;
    }

  if (c >= 0x0400 && c < 0x0460)
    {
      if (c < 0x0410)
        c += 0x50;
      else if (c < 0x0430)
        c += 0x20;
      folded[0] = c == 0x0451 ? 0x0435 : c;   /* ё as е */
      return 1;
    }

  text = g_utf8_casefold (p, g_utf8_next_char (p) - p);
  for (const char *q = text; *q && n < FOLDED_MAX; q = g_utf8_next_char (q))
    {
      gunichar f = g_utf8_get_char (q);

      folded[n++] = f == 0x0451 ? 0x0435 : f;
    }

  return n;
}

static inline gboolean
is_alnum (gunichar c)
{
  return c < 0x80 ? g_ascii_isalnum (c) : g_unichar_isalnum (c);
}

/**
 * crm_normalize_fold:
 * @text: any text
 *
 * Returns: (transfer full): @text case-folded as g_utf8_casefold() folds
 *   it, with ё as е (the way Russian dictionaries order and match it): the
 *   key the client list sorts by and the history is searched with
 */
char *
crm_normalize_fold (const char *text)
{
  GString *out;
  const char *p;

  g_return_val_if_fail (text != NULL, NULL);

  for (p = text; *p && (guchar)*p < 0x80; p++)
    ;
  if (*p == '\0')
    return g_ascii_strdown (text, p - text);

  out = g_string_sized_new (p - text + strlen (p) + 8);
  for (p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar folded[FOLDED_MAX];
      guint n = fold_char (p, g_utf8_get_char (p), folded);

      for (guint i = 0; i < n; i++)
        {
          if (folded[i] < 0x80)
            g_string_append_c (out, (char)folded[i]);
          else
            g_string_append_unichar (out, folded[i]);
        }
    }

  return g_string_free (out, FALSE);
}

/**
 * crm_normalize_name_key:
 * @name: a company name as typed: `"Ромашка" ООО`, `ООО «Ромашка»`
 *
 * Returns: (transfer full): the words of the name without its legal form,
 *   case-folded, ё as е, joined by single spaces ("ромашка"); the empty
 *   string when nothing but a legal form is left
 */
char *
crm_normalize_name_key (const char *name)
{
  GString *key;
  gsize word = 0;          /* where the word being read starts in key */
  gboolean in_word = FALSE;

  g_return_val_if_fail (name != NULL, NULL);

  key = g_string_sized_new (strlen (name) + 8);

  for (const char *p = name; ; p = g_utf8_next_char (p))
    {
      gunichar folded[FOLDED_MAX];
      guint n;

      if (*p == '\0')
        {
          folded[0] = 0;
          n = 1;
        }
      else
        n = fold_char (p, g_utf8_get_char (p), folded);

      for (guint i = 0; i < n; i++)
        {
          gunichar c = folded[i];

          if (c != 0 && is_alnum (c))
            {
              if (!in_word)
                {
                  if (key->len > 0)
                    g_string_append_c (key, ' ');
                  word = key->len;
                  in_word = TRUE;
                }
              if (c < 0x80)
                g_string_append_c (key, (char)c);
              else
                g_string_append_unichar (key, c);
              continue;
            }

          /* "L.L.C." is one word, "llc": a dot inside a word joins it to
           * what follows, and one at the end goes with the punctuation */
          if (c == '.' && in_word)
            continue;

          /* a legal form goes, with the space before it */
          if (in_word && is_legal_form (key->str + word, key->len - word))
            g_string_truncate (key, word > 0 ? word - 1 : 0);
          in_word = FALSE;
        }

      if (*p == '\0')
        break;
    }

  return g_string_free (key, FALSE);
}

/**
 * crm_normalize_domain:
 * @website_or_email: "https://www.Romashka.ru/contacts", "info@romashka.ru"
 *
 * Returns: (transfer full) (nullable): the host without "www.", lower case
 *   ("romashka.ru"), or %NULL when there is none
 */
char *
crm_normalize_domain (const char *website_or_email)
{
  g_autofree char *lower = NULL;
  const char *start;
  const char *end;
  const char *at;

  if (website_or_email == NULL)
    return NULL;

  lower = g_utf8_strdown (website_or_email, -1);
  g_strstrip (lower);

  if ((at = strrchr (lower, '@')) != NULL)
    start = at + 1;
  else if ((start = strstr (lower, "://")) != NULL)
    start += 3;
  else
    start = lower;

  if (g_str_has_prefix (start, "www."))
    start += 4;

  end = start + strcspn (start, "/:?# ");
  if (end == start || memchr (start, '.', end - start) == NULL)
    return NULL;

  return g_strndup (start, end - start);
}

static const char * const public_mail[] = {
  "gmail.com", "googlemail.com", "yahoo.com", "outlook.com", "hotmail.com", "live.com", "msn.com",
  "icloud.com", "me.com", "aol.com", "proton.me", "protonmail.com", "gmx.com", "gmx.de", "web.de",
  "mail.ru", "bk.ru", "inbox.ru", "list.ru", "internet.ru", "yandex.ru", "ya.ru", "yandex.com",
  "rambler.ru", "lenta.ru", "qip.ru", "ukr.net", "tut.by", "mail.com", "zoho.com",
};

/**
 * crm_normalize_is_public_mail:
 * @domain: a lower-case mail domain
 *
 * Returns: %TRUE for a public mail service, whose addresses say nothing
 *   about which company a person works for
 */
gboolean
crm_normalize_is_public_mail (const char *domain)
{
  if (domain == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (public_mail); i++)
    if (strcmp (domain, public_mail[i]) == 0)
      return TRUE;

  return FALSE;
}
