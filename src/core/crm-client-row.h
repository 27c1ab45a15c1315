/* crm-client-row.h
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CRM_TYPE_CLIENT_ROW (crm_client_row_get_type ())

G_DECLARE_FINAL_TYPE (CrmClientRow, crm_client_row, CRM, CLIENT_ROW, GObject)

/* One row of the client list, as the list shows it. Immutable once built.
 * Properties (all read-only): "id" (gint64), "name", "status", "industry",
 * "region", "city", "manager" (strings, may be NULL), "last-contact"
 * (gint64, seconds UTC, 0 = never), "phone" (the first company phone, else
 * the first contact's; may be NULL), "tags" (tag names joined by ", ", may be
 * NULL). */
CrmClientRow *crm_client_row_new              (gint64        id,
                                               const char   *name,
                                               const char   *status,
                                               const char   *industry,
                                               const char   *region,
                                               const char   *city,
                                               const char   *manager,
                                               gint64        last_contact,
                                               const char   *phone,
                                               const char   *tags);
gint64        crm_client_row_get_id           (CrmClientRow *self);
const char   *crm_client_row_get_name         (CrmClientRow *self);
const char   *crm_client_row_get_status       (CrmClientRow *self);
const char   *crm_client_row_get_industry     (CrmClientRow *self);
const char   *crm_client_row_get_region       (CrmClientRow *self);
const char   *crm_client_row_get_city         (CrmClientRow *self);
const char   *crm_client_row_get_manager      (CrmClientRow *self);
gint64        crm_client_row_get_last_contact (CrmClientRow *self);
const char   *crm_client_row_get_phone        (CrmClientRow *self);
const char   *crm_client_row_get_tags         (CrmClientRow *self);

G_END_DECLS
