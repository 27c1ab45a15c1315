/* crm-types-private.h
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "crm-types.h"

G_BEGIN_DECLS

CrmClientSummary *_crm_client_summary_new (void);

/* A lazy list's "everything changed", told to its views (crm-client-list.c) */
void              _crm_list_model_reset   (GListModel *model,
                                           guint      *n_items,
                                           guint       new_n_items);

G_END_DECLS
