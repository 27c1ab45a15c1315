/* crm-normalize.h
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *crm_normalize_fold           (const char *text);
char     *crm_normalize_name_key       (const char *name);
char     *crm_normalize_domain         (const char *website_or_email);
gboolean  crm_normalize_is_public_mail (const char *domain);

G_END_DECLS
