/* crm-phone.c
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-phone"

#include "config.h"

#include <string.h>

#include "crm-phone.h"

/**
 * crm_phone_digits:
 * @number: a phone number as typed, e.g. "+7 (495) 123-45-67"
 *
 * Returns: (transfer full): the ASCII digits of @number, "74951234567"
 */
char *
crm_phone_digits (const char *number)
{
  GString *digits;

  g_return_val_if_fail (number != NULL, NULL);

  digits = g_string_sized_new (16);
  for (const char *p = number; *p; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);

  return g_string_free (digits, FALSE);
}

/* The national significant number: "+7 495 …" and "8 495 …" are the same
 * Russian number, "+1 212 …" and "212 …" the same North American one. */
static const char *
national_part (const char *digits)
{
  gsize len = strlen (digits);

  if (len == 11 && (digits[0] == '7' || digits[0] == '8' || digits[0] == '1'))
    return digits + 1;

  return digits;
}

/**
 * crm_phone_national:
 * @number: a phone number as typed
 *
 * Returns: (transfer full): the digits without a country or trunk prefix:
 *   "+7 (495) 123-45-67" and "8 495 123 45 67" both give "4951234567"
 */
char *
crm_phone_national (const char *number)
{
  g_autofree char *digits = NULL;

  g_return_val_if_fail (number != NULL, NULL);

  digits = crm_phone_digits (number);

  return g_strdup (national_part (digits));
}

/**
 * crm_phone_subscriber:
 * @number: a phone number as typed
 *
 * Returns: (transfer full): the last seven digits, the number people dial
 *   within a city ("1234567"); a shorter number whole
 */
char *
crm_phone_subscriber (const char *number)
{
  g_autofree char *digits = NULL;
  gsize len;

  g_return_val_if_fail (number != NULL, NULL);

  digits = crm_phone_digits (number);
  len = strlen (digits);

  return g_strdup (len > 7 ? digits + len - 7 : digits);
}

/**
 * crm_phone_search_terms:
 * @number: a phone number as typed
 *
 * The forms a number is found by: all its digits, the national number
 * without the country or trunk prefix, and the subscriber number (the last
 * seven digits), separated by spaces. Typing any prefix of one of them finds it.
 *
 * Returns: (transfer full): the terms, possibly empty
 */
char *
crm_phone_search_terms (const char *number)
{
  g_autofree char *digits = NULL;
  GString *terms;
  const char *national;
  gsize len;

  g_return_val_if_fail (number != NULL, NULL);

  digits = crm_phone_digits (number);
  len = strlen (digits);
  terms = g_string_new (digits);
  national = national_part (digits);

  if (national != digits)
    {
      g_string_append_c (terms, ' ');
      g_string_append (terms, national);
    }

  if (len > 7)
    {
      g_string_append_c (terms, ' ');
      g_string_append (terms, digits + len - 7);
    }

  return g_string_free (terms, FALSE);
}

/**
 * crm_phone_looks_like:
 * @text: what the user typed into a search
 *
 * Returns: %TRUE when @text is made only of digits and the punctuation of
 *   phone numbers, with at least three digits
 */
gboolean
crm_phone_looks_like (const char *text)
{
  guint n_digits = 0;

  g_return_val_if_fail (text != NULL, FALSE);

  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        n_digits++;
      else if (strchr ("+-() ./", *p) == NULL)
        return FALSE;
    }

  return n_digits >= 3;
}

/**
 * crm_phone_query_digits:
 * @text: a phone-like search text, possibly only the start of a number
 *
 * The digits to search the national numbers for. A leading "+7" or "+1"
 * (country codes) or "8" (the Russian trunk prefix) is dropped as soon as it
 * is typed, so "8 (495) 12" and "+7 495 12" both look for "49512"; a whole
 * 11-digit number loses its first digit the same way.
 *
 * Returns: (transfer full): the digits to search for
 */
char *
crm_phone_query_digits (const char *text)
{
  g_autofree char *digits = NULL;
  const char *start = text;
  gsize len;

  g_return_val_if_fail (text != NULL, NULL);

  digits = crm_phone_digits (text);
  len = strlen (digits);
  while (*start == ' ' || *start == '(')
    start++;

  if (len > 1 &&
      ((start[0] == '+' && (digits[0] == '7' || digits[0] == '1')) ||
       (start[0] == '8' && len >= 4)))
    return g_strdup (digits + 1);

  return g_strdup (national_part (digits));
}
