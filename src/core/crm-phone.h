/* crm-phone.h
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *crm_phone_digits        (const char *number);
char     *crm_phone_search_terms  (const char *number);
char     *crm_phone_national      (const char *number);
char     *crm_phone_subscriber    (const char *number);
gboolean  crm_phone_looks_like    (const char *text);
char     *crm_phone_query_digits  (const char *text);

G_END_DECLS
