/* crm-validate.c
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-validate"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "crm-store.h"
#include "crm-validate.h"

static gboolean
invalid (GError     **error,
         const char  *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError     **error,
         const char  *format,
         ...)
{
  va_list args;

  va_start (args, format);
  if (error != NULL)
    *error = g_error_new_valist (CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID, format, args);
  va_end (args);

  return FALSE;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* A domain name: labels of letters (any script), digits and hyphens, separated
 * by single dots, at least two labels. */
static gboolean
valid_host (const char *host,
            gsize       length)
{
  const char *end = host + length;
  gsize label = 0;
  guint dots = 0;

  if (length == 0 || !g_utf8_validate (host, length, NULL))
    return FALSE;

  for (const char *p = host; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '.')
        {
          if (label == 0)
            return FALSE;
          label = 0;
          dots++;
        }
      else if (c == '-' || g_unichar_isalnum (c))
        {
          if (c == '-' && label == 0)
            return FALSE;
          label++;
        }
      else
        return FALSE;
    }

  return dots > 0 && label > 0;
}

gboolean
crm_validate_email (const char  *address,
                    GError     **error)
{
  const char *at;

  if (is_blank (address))
    return invalid (error, _("The e-mail address is empty."));

  if (strpbrk (address, " \t\r\n") != NULL)
    return invalid (error, _("The e-mail address “%s” contains a space."), address);

  at = strchr (address, '@');
  if (at == NULL)
    return invalid (error, _("The e-mail address “%s” has no “@”."), address);
  if (strchr (at + 1, '@') != NULL)
    return invalid (error, _("The e-mail address “%s” has more than one “@”."), address);
  if (at == address)
    return invalid (error, _("The e-mail address “%s” has no name before the “@”."), address);
  if (at[1] == '\0')
    return invalid (error, _("The e-mail address “%s” has no domain after the “@”."), address);
  if (!valid_host (at + 1, strlen (at + 1)))
    return invalid (error,
                    /* Translators: the second %s is the part after @, e.g. "example" */
                    _("The e-mail address “%s” has no valid domain after the “@” (“%s” should look like example.com)."),
                    address, at + 1);

  return TRUE;
}

gboolean
crm_validate_phone (const char  *number,
                    GError     **error)
{
  guint digits = 0;

  if (is_blank (number))
    return invalid (error, _("The phone number is empty."));
  if (!g_utf8_validate (number, -1, NULL))
    return invalid (error, _("The phone number is not valid text."));

  for (const char *p = number; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= '0' && c <= '9')
        digits++;
      else if (c == '+')
        {
          /* a country prefix, before any digit */
          if (digits > 0)
            return invalid (error, _("In the phone number “%s”, “+” may only stand before the country code."),
                            number);
        }
      else if (c != ' ' && c != '(' && c != ')' && c != '-' && c != '.' && c != '/' && c != 0x00A0)
        {
          char bad[8] = { 0 };

          g_unichar_to_utf8 (c, bad);
          return invalid (error,
                          _("The phone number “%s” contains “%s”; only digits, spaces, “+”, brackets, "
                            "hyphens, dots and slashes are allowed."),
                          number, bad);
        }
    }

  if (digits < 5)
    return invalid (error,
                    ngettext ("The phone number “%s” has only %u digit; a phone number has at least 5.",
                              "The phone number “%s” has only %u digits; a phone number has at least 5.",
                              digits),
                    number, digits);

  return TRUE;
}

gboolean
crm_validate_website (const char  *website,
                      GError     **error)
{
  const char *host = website;
  const char *scheme_end;
  gsize length;

  if (is_blank (website))
    return invalid (error, _("The website is empty."));
  if (strpbrk (website, " \t\r\n") != NULL)
    return invalid (error, _("The website “%s” contains a space."), website);

  scheme_end = strstr (website, "://");
  if (scheme_end != NULL)
    {
      g_autofree char *scheme = g_ascii_strdown (website, scheme_end - website);

      if (g_strcmp0 (scheme, "http") != 0 && g_strcmp0 (scheme, "https") != 0)
        return invalid (error, _("The website “%s” must start with http:// or https://, or with its name."),
                        website);
      host = scheme_end + 3;
    }

  length = strcspn (host, "/?#");
  /* a port number after the host */
  {
    const char *colon = memchr (host, ':', length);

    if (colon != NULL)
      {
        gsize port_length = length - (colon - host) - 1;

        if (port_length == 0 || port_length > 5 || strspn (colon + 1, "0123456789") != port_length)
          return invalid (error, _("The website “%s” has a bad port number."), website);
        length = colon - host;
      }
  }

  if (!valid_host (host, length))
    return invalid (error, _("The website “%s” has no valid name such as example.com."), website);

  return TRUE;
}

gboolean
crm_validate_date (const char  *date,
                   GError     **error)
{
  guint64 year, month, day;
  g_autofree char *y = NULL;

  if (is_blank (date))
    return invalid (error, _("The date is empty."));

  if (strlen (date) != 10 || date[4] != '-' || date[7] != '-' ||
      strspn (date, "0123456789") != 4 || strspn (date + 5, "0123456789") != 2 ||
      strspn (date + 8, "0123456789") != 2)
    return invalid (error, _("“%s” is not a date in the form YYYY-MM-DD, e.g. 2024-03-31."), date);

  y = g_strndup (date, 4);
  year = g_ascii_strtoull (y, NULL, 10);
  month = (date[5] - '0') * 10 + (date[6] - '0');
  day = (date[8] - '0') * 10 + (date[9] - '0');

  if (year < 1 || month < 1 || month > 12)
    return invalid (error, _("“%s” is not a date: there is no month %02u."), date, (guint)month);
  if (!g_date_valid_dmy (day, month, year))
    return invalid (error, _("“%s” is not a date: that month has no day %02u."), date, (guint)day);

  return TRUE;
}

gboolean
crm_validate_inn_checksum (const char *digits)
{
  static const int w10[] = { 2, 4, 10, 3, 5, 9, 4, 6, 8 };
  static const int w11[] = { 7, 2, 4, 10, 3, 5, 9, 4, 6, 8 };
  static const int w12[] = { 3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8 };
  gsize length;
  int d[12];
  int sum;

  if (digits == NULL)
    return FALSE;
  length = strlen (digits);
  if ((length != 10 && length != 12) || strspn (digits, "0123456789") != length)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    d[i] = digits[i] - '0';

  if (length == 10)
    {
      sum = 0;
      for (guint i = 0; i < 9; i++)
        sum += w10[i] * d[i];
      return sum % 11 % 10 == d[9];
    }

  sum = 0;
  for (guint i = 0; i < 10; i++)
    sum += w11[i] * d[i];
  if (sum % 11 % 10 != d[10])
    return FALSE;

  sum = 0;
  for (guint i = 0; i < 11; i++)
    sum += w12[i] * d[i];

  return sum % 11 % 10 == d[11];
}

static gboolean
is_russia (const char *country)
{
  static const char * const names[] = { "ru", "rus", "russia", "russian federation", "россия",
                                        "российская федерация", "рф" };
  g_autofree char *folded = NULL;

  if (country == NULL)
    return FALSE;

  folded = g_utf8_casefold (country, -1);
  g_strstrip (folded);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (folded, names[i]) == 0)
      return TRUE;

  return FALSE;
}

gboolean
crm_validate_tax_id (const char  *tax_id,
                     const char  *locale,
                     const char  *country,
                     GError     **error)
{
  gsize length;
  gboolean all_digits;

  if (is_blank (tax_id))
    return invalid (error, _("The tax id is empty."));

  length = strlen (tax_id);
  all_digits = strspn (tax_id, "0123456789") == length;

  if (g_strcmp0 (locale, "ru") != 0 && !(all_digits && (length == 10 || length == 12) && is_russia (country)))
    return TRUE;

  if (!all_digits)
    return invalid (error, _("The INN “%s” may contain only digits."), tax_id);
  if (length != 10 && length != 12)
    return invalid (error,
                    _("The INN “%s” has %u digits; a company’s INN has 10 and an individual’s 12."),
                    tax_id, (guint)length);
  if (!crm_validate_inn_checksum (tax_id))
    return invalid (error, _("The INN “%s” is mistyped: its check digit does not match."), tax_id);

  return TRUE;
}

static char *
normalize_number (const char *value)
{
  GString *out = g_string_new (NULL);
  gboolean point = FALSE;
  guint digits = 0;

  for (const char *p = value; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          g_string_append_c (out, *p);
          digits++;
        }
      else if ((*p == '-' || *p == '+') && out->len == 0)
        {
          if (*p == '-')
            g_string_append_c (out, '-');
        }
      else if ((*p == '.' || *p == ',') && !point && digits > 0)
        {
          g_string_append_c (out, '.');
          point = TRUE;
        }
      else if (*p == ' ' && digits > 0 && !point)
        continue;  /* thousands separator: 1 000 000 */
      else
        {
          g_string_free (out, TRUE);
          return NULL;
        }
    }

  if (digits == 0 || out->str[out->len - 1] == '.')
    {
      g_string_free (out, TRUE);
      return NULL;
    }

  return g_string_free (out, FALSE);
}

gboolean
crm_validate_custom_value (const char          *kind,
                           const char * const  *choices,
                           const char          *value,
                           char               **normalized,
                           GError             **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (value ? value : ""));
  g_autofree char *result = NULL;

  if (g_strcmp0 (kind, "text") == 0)
    result = g_steal_pointer (&trimmed);
  else if (g_strcmp0 (kind, "number") == 0)
    {
      if ((result = normalize_number (trimmed)) == NULL)
        return invalid (error, _("“%s” is not a number."), trimmed);
    }
  else if (g_strcmp0 (kind, "date") == 0)
    {
      if (!crm_validate_date (trimmed, error))
        return FALSE;
      result = g_steal_pointer (&trimmed);
    }
  else if (g_strcmp0 (kind, "choice") == 0)
    {
      if (choices == NULL || !g_strv_contains (choices, trimmed))
        return invalid (error, _("“%s” is not one of the choices of this field."), trimmed);
      result = g_steal_pointer (&trimmed);
    }
  else if (g_strcmp0 (kind, "checkbox") == 0)
    {
      if (g_strcmp0 (trimmed, "0") != 0 && g_strcmp0 (trimmed, "1") != 0)
        return invalid (error, _("A checkbox is 0 or 1, not “%s”."), trimmed);
      result = g_steal_pointer (&trimmed);
    }
  else
    return invalid (error, _("“%s” is not a kind of field (text, number, date, choice or checkbox)."),
                    kind ? kind : "");

  if (normalized != NULL)
    *normalized = g_steal_pointer (&result);

  return TRUE;
}
