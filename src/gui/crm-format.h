/* crm-format.h
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *crm_format_number       (guint64    value);
char *crm_format_date         (gint64     timestamp);
char *crm_format_date_time    (gint64     timestamp);
char *crm_format_last_contact (gint64     timestamp,
                               GDateTime *now);

G_END_DECLS
