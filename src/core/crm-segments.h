/* crm-segments.h: saved filters of the client list
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-client-filter.h"
#include "crm-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  id;
  char   *name;
  char   *filter;     /* JSON, as crm_client_filter_to_json() writes it */
  gint64  n_clients;  /* -1 when not counted, or when the filter cannot be read */
  gint64  created_at;
} CrmSegment;

void              crm_segment_free            (CrmSegment       *segment);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmSegment, crm_segment_free)

/* Implemented in src/core/store/crm-store-segments.c */
GPtrArray        *crm_store_list_segments     (CrmStore         *store,
                                               gboolean          count,
                                               GError          **error);
gint64            crm_store_create_segment    (CrmStore         *store,
                                               const char       *name,
                                               CrmClientFilter  *filter,
                                               GError          **error);
gboolean          crm_store_rename_segment    (CrmStore         *store,
                                               gint64            segment_id,
                                               const char       *name,
                                               GError          **error);
gboolean          crm_store_update_segment    (CrmStore         *store,
                                               gint64            segment_id,
                                               CrmClientFilter  *filter,
                                               GError          **error);
gboolean          crm_store_delete_segment    (CrmStore         *store,
                                               gint64            segment_id,
                                               GError          **error);
gint64            crm_store_find_segment      (CrmStore         *store,
                                               const char       *name,
                                               GError          **error);
CrmClientFilter  *crm_store_load_segment      (CrmStore         *store,
                                               gint64            segment_id,
                                               GError          **error);

G_END_DECLS
