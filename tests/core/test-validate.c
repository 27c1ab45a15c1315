/* test-validate.c: checks of what a user types into a client's card
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "crm-store.h"
#include "crm-validate.h"

/* Asserts that a check failed with CRM_STORE_ERROR_INVALID and a message
 * that contains every given fragment */
static void
assert_message (GError     *error,
                const char *first,
                ...)
{
  va_list args;

  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  va_start (args, first);
  for (const char *part = first; part != NULL; part = va_arg (args, const char *))
    if (strstr (error->message, part) == NULL)
      g_error ("“%s” is not in the message “%s”", part, error->message);
  va_end (args);
}

static void
test_inn (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_validate_inn_checksum ("7707083893"));
  g_assert_true (crm_validate_inn_checksum ("500100732259"));
  g_assert_false (crm_validate_inn_checksum ("7707083894"));
  g_assert_false (crm_validate_inn_checksum ("500100732258"));
  g_assert_false (crm_validate_inn_checksum ("500100732269"));
  g_assert_false (crm_validate_inn_checksum ("770708389"));
  g_assert_false (crm_validate_inn_checksum ("77070838a3"));
  g_assert_false (crm_validate_inn_checksum (NULL));

  /* a Russian database checks every tax id */
  g_assert_true (crm_validate_tax_id ("7707083893", "ru", NULL, &error));
  g_assert_no_error (error);
  g_assert_false (crm_validate_tax_id ("7707083894", "ru", NULL, &error));
  assert_message (error, "7707083894", "check digit", NULL);
  g_clear_error (&error);
  g_assert_false (crm_validate_tax_id ("12345", "ru", NULL, &error));
  assert_message (error, "12345", "10", "12", NULL);
  g_clear_error (&error);
  g_assert_false (crm_validate_tax_id ("77-07083893", "ru", NULL, &error));
  assert_message (error, "only digits", NULL);
  g_clear_error (&error);

  /* elsewhere a tax id is free text, unless it is a Russian client's INN */
  g_assert_true (crm_validate_tax_id ("7707083894", "en", NULL, &error));
  g_assert_true (crm_validate_tax_id ("GB 123 4567 89", "en", "Russia", &error));
  g_assert_true (crm_validate_tax_id ("7707083894", "en", "Germany", &error));
  g_assert_no_error (error);
  g_assert_false (crm_validate_tax_id ("7707083894", "en", "Россия", &error));
  assert_message (error, "7707083894", NULL);
  g_clear_error (&error);
  g_assert_true (crm_validate_tax_id ("500100732259", "en", "RU", &error));
  g_assert_no_error (error);
}

static void
test_email (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_validate_email ("anna@example.com", &error));
  g_assert_true (crm_validate_email ("a.b+sales@mail.example.co.uk", &error));
  g_assert_true (crm_validate_email ("иван@почта.рф", &error));
  g_assert_no_error (error);

  g_assert_false (crm_validate_email ("anna.example.com", &error));
  assert_message (error, "anna.example.com", "no “@”", NULL);
  g_clear_error (&error);
  g_assert_false (crm_validate_email ("anna@example", &error));
  assert_message (error, "anna@example", "domain", NULL);
  g_clear_error (&error);
  g_assert_false (crm_validate_email ("@example.com", &error));
  assert_message (error, "no name before", NULL);
  g_clear_error (&error);
  g_assert_false (crm_validate_email ("anna@", &error));
  assert_message (error, "no domain", NULL);
  g_clear_error (&error);
  g_assert_false (crm_validate_email ("a@b@example.com", &error));
  assert_message (error, "more than one", NULL);
  g_clear_error (&error);
  g_assert_false (crm_validate_email ("anna @example.com", &error));
  assert_message (error, "space", NULL);
  g_clear_error (&error);
  g_assert_false (crm_validate_email ("anna@example..com", &error));
  g_clear_error (&error);
  g_assert_false (crm_validate_email ("", &error));
  assert_message (error, "empty", NULL);
}

static void
test_phone (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_validate_phone ("+7 (495) 123-45-67", &error));
  g_assert_true (crm_validate_phone ("8 800 555.35.35", &error));
  g_assert_true (crm_validate_phone ("12345", &error));
  g_assert_true (crm_validate_phone ("0221/123456", &error));
  g_assert_no_error (error);

  g_assert_false (crm_validate_phone ("1234", &error));
  assert_message (error, "1234", "4 digits", "at least 5", NULL);
  g_clear_error (&error);
  g_assert_false (crm_validate_phone ("+7 495 CALL-NOW", &error));
  assert_message (error, "“C”", NULL);
  g_clear_error (&error);
  g_assert_false (crm_validate_phone ("495+1234567", &error));
  assert_message (error, "“+”", "country code", NULL);
  g_clear_error (&error);
  g_assert_false (crm_validate_phone ("  ", &error));
  assert_message (error, "empty", NULL);
}

static void
test_website (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_validate_website ("example.com", &error));
  g_assert_true (crm_validate_website ("https://www.example.com/about?x=1", &error));
  g_assert_true (crm_validate_website ("HTTP://example.com:8080/", &error));
  g_assert_true (crm_validate_website ("пример.рф", &error));
  g_assert_no_error (error);

  g_assert_false (crm_validate_website ("localhost", &error));
  assert_message (error, "localhost", "example.com", NULL);
  g_clear_error (&error);
  g_assert_false (crm_validate_website ("ftp://example.com", &error));
  assert_message (error, "http://", NULL);
  g_clear_error (&error);
  g_assert_false (crm_validate_website ("https://", &error));
  g_clear_error (&error);
  g_assert_false (crm_validate_website ("example.com:80x", &error));
  assert_message (error, "port", NULL);
  g_clear_error (&error);
  g_assert_false (crm_validate_website ("my site.com", &error));
  assert_message (error, "space", NULL);
  g_clear_error (&error);
  g_assert_false (crm_validate_website ("exa_mple.com", &error));
  g_clear_error (&error);
}

static void
test_date (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_validate_date ("2024-02-29", &error));
  g_assert_true (crm_validate_date ("1999-12-31", &error));
  g_assert_no_error (error);

  g_assert_false (crm_validate_date ("2023-02-29", &error));
  assert_message (error, "2023-02-29", "no day 29", NULL);
  g_clear_error (&error);
  g_assert_false (crm_validate_date ("2023-13-01", &error));
  assert_message (error, "no month 13", NULL);
  g_clear_error (&error);
  g_assert_false (crm_validate_date ("31.12.2023", &error));
  assert_message (error, "YYYY-MM-DD", NULL);
  g_clear_error (&error);
  g_assert_false (crm_validate_date ("2023-1-01", &error));
  assert_message (error, "YYYY-MM-DD", NULL);
  g_clear_error (&error);
}

static void
test_custom (void)
{
  const char * const choices[] = { "Small", "Large", NULL };
  g_autoptr(GError) error = NULL;
  char *value = NULL;

  g_assert_true (crm_validate_custom_value ("number", NULL, " 1 000,5 ", &value, &error));
  g_assert_cmpstr (value, ==, "1000.5");
  g_free (value);
  g_assert_true (crm_validate_custom_value ("number", NULL, "-42", &value, &error));
  g_assert_cmpstr (value, ==, "-42");
  g_free (value);
  g_assert_true (crm_validate_custom_value ("choice", choices, "Large", NULL, &error));
  g_assert_true (crm_validate_custom_value ("checkbox", NULL, "1", NULL, &error));
  g_assert_true (crm_validate_custom_value ("date", NULL, "2024-01-31", NULL, &error));
  g_assert_true (crm_validate_custom_value ("text", NULL, "anything at all", NULL, &error));
  g_assert_no_error (error);

  g_assert_false (crm_validate_custom_value ("number", NULL, "12a", NULL, &error));
  assert_message (error, "“12a” is not a number", NULL);
  g_clear_error (&error);
  g_assert_false (crm_validate_custom_value ("number", NULL, "1.2.3", NULL, &error));
  g_clear_error (&error);
  g_assert_false (crm_validate_custom_value ("choice", choices, "Medium", NULL, &error));
  assert_message (error, "Medium", "choices", NULL);
  g_clear_error (&error);
  g_assert_false (crm_validate_custom_value ("checkbox", NULL, "yes", NULL, &error));
  assert_message (error, "0 or 1", NULL);
  g_clear_error (&error);
  g_assert_false (crm_validate_custom_value ("date", NULL, "2024-02-30", NULL, &error));
  g_clear_error (&error);
  g_assert_false (crm_validate_custom_value ("colour", NULL, "red", NULL, &error));
  assert_message (error, "colour", NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crm/validate/inn", test_inn);
  g_test_add_func ("/crm/validate/email", test_email);
  g_test_add_func ("/crm/validate/phone", test_phone);
  g_test_add_func ("/crm/validate/website", test_website);
  g_test_add_func ("/crm/validate/date", test_date);
  g_test_add_func ("/crm/validate/custom", test_custom);

  return g_test_run ();
}
