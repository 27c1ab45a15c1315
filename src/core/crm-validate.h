/* crm-validate.h: checks of what a user types into a client's card
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Each check returns TRUE for a valid value, or FALSE with a translated,
 * user-readable GError in CRM_STORE_ERROR (CRM_STORE_ERROR_INVALID) that
 * quotes the value. NULL and "" are not valid: callers decide whether a field
 * may be empty before calling. */

gboolean  crm_validate_email         (const char  *address,
                                      GError     **error);
gboolean  crm_validate_phone         (const char  *number,
                                      GError     **error);
gboolean  crm_validate_website       (const char  *website,
                                      GError     **error);
gboolean  crm_validate_date          (const char  *date,
                                      GError     **error);

/* A Russian taxpayer number (ИНН): 10 digits for a company, 12 for an
 * individual, with their check digits. */
gboolean  crm_validate_inn_checksum  (const char  *digits);

/* A tax id as the client card takes it. It must be an INN when the database's
 * language (crm_store_get_locale ()) is "ru", or when it is 10 or 12 digits
 * and country names Russia ("RU", "Russia", "Россия"); otherwise any text. */
gboolean  crm_validate_tax_id        (const char  *tax_id,
                                      const char  *locale,
                                      const char  *country,
                                      GError     **error);

/* A value of a user-defined field of the given kind ("text", "number",
 * "date", "choice", "checkbox"); choices are those of a choice field.
 * On success *normalized (if given) receives the value to store: a number
 * with "." as its decimal separator and no spaces, the rest trimmed. */
gboolean  crm_validate_custom_value  (const char          *kind,
                                      const char * const  *choices,
                                      const char          *value,
                                      char               **normalized,
                                      GError             **error);

G_END_DECLS
