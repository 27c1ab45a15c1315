/* crm-client-card.h: the client card, editing a client in place
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_CLIENT_CARD (crm_client_card_get_type ())

G_DECLARE_FINAL_TYPE (CrmClientCard, crm_client_card, CRM, CLIENT_CARD, AdwBin)

GtkWidget *crm_client_card_new        (void);
/* Loads the client; FALSE (and an error shown in the card) if it cannot */
gboolean   crm_client_card_set_client (CrmClientCard *self,
                                       CrmStore      *store,
                                       gint64         client_id);
gint64     crm_client_card_get_id     (CrmClientCard *self);
gint64     crm_client_card_get_version (CrmClientCard *self);

G_END_DECLS
