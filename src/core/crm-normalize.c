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

/* Legal forms, already case-folded, as whole words */
static const char * const legal_forms[] = {
  "ооо", "оао", "зао", "пао", "ао", "ип", "нко", "ано", "фгуп", "гуп", "муп", "тд", "пбоюл",
  "llc", "inc", "ltd", "gmbh", "corp", "corporation", "plc", "llp", "lp", "co", "company",
  "limited", "incorporated", "ag", "sa", "srl", "bv", "oy", "ab",
};

static gboolean
is_legal_form (const char *word)
{
  for (guint i = 0; i < G_N_ELEMENTS (legal_forms); i++)
    if (strcmp (word, legal_forms[i]) == 0)
      return TRUE;

  return FALSE;
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
  g_autofree char *folded = NULL;
  GString *key;
  GString *word;

  g_return_val_if_fail (name != NULL, NULL);

  folded = g_utf8_casefold (name, -1);
  key = g_string_new (NULL);
  word = g_string_new (NULL);

  for (const char *p = folded; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_unichar_isalnum (c))
        {
          if (c == 0x0451)   /* ё */
            c = 0x0435;      /* е */
          g_string_append_unichar (word, c);
          continue;
        }

      /* "Ltd." and "L.L.C." lose their dots with the other punctuation */
      if (c == '.' && word->len > 0 && g_utf8_get_char (g_utf8_next_char (p)) != ' ' &&
          g_utf8_get_char (g_utf8_next_char (p)) != 0)
        continue;

      if (word->len > 0)
        {
          if (!is_legal_form (word->str))
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

  g_string_free (word, TRUE);

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
