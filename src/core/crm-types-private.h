/* crm-types-private.h
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-types.h"

G_BEGIN_DECLS

CrmClientSummary *_crm_client_summary_new (void);

G_END_DECLS
