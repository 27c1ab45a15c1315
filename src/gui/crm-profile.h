/* crm-profile.h
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void     crm_profile_start   (void);
gboolean crm_profile_enabled (void);
void     crm_profile_mark    (const char *what);

G_END_DECLS
