/* crm-progress-relay.h
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CRM_TYPE_PROGRESS_RELAY (crm_progress_relay_get_type ())

G_DECLARE_FINAL_TYPE (CrmProgressRelay, crm_progress_relay, CRM, PROGRESS_RELAY, GObject)

CrmProgressRelay *crm_progress_relay_new          (void);
void              crm_progress_relay_report       (double            fraction,
                                                   const char       *phase,
                                                   gpointer          relay);
void              crm_progress_relay_reset        (CrmProgressRelay *self);
double            crm_progress_relay_get_fraction (CrmProgressRelay *self);
const char       *crm_progress_relay_get_phase    (CrmProgressRelay *self);

G_END_DECLS
