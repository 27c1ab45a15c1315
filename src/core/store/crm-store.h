/* crm-store.h
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "crm-types.h"

G_BEGIN_DECLS

#define CRM_STORE_ERROR (crm_store_error_quark ())

typedef enum
{
  CRM_STORE_ERROR_OPEN,            /* the file cannot be opened or created */
  CRM_STORE_ERROR_NOT_A_DATABASE,  /* the file is not a Rapport database */
  CRM_STORE_ERROR_CORRUPT,         /* SQLite reports corruption */
  CRM_STORE_ERROR_TOO_NEW,         /* written by a newer Rapport */
  CRM_STORE_ERROR_BUSY,            /* locked by another program for too long */
  CRM_STORE_ERROR_FULL,            /* the disk is full */
  CRM_STORE_ERROR_READ_ONLY,       /* no permission to write */
  CRM_STORE_ERROR_CONSTRAINT,      /* a value breaks a rule (unique, required, reference) */
  CRM_STORE_ERROR_NOT_FOUND,       /* no row with that id or name */
  CRM_STORE_ERROR_INVALID,         /* a bad argument, e.g. an unknown dictionary kind */
  CRM_STORE_ERROR_CANCELLED,
  CRM_STORE_ERROR_QUERY,           /* any other SQLite failure */
  CRM_STORE_ERROR_PERMISSION,      /* the current user may not do this (edit another's entry) */
  CRM_STORE_ERROR_IN_USE,          /* a value is in use: say what replaces it */
} CrmStoreError;

/* Extra flags for crm_store_open_full() */
typedef enum
{
  CRM_STORE_OPEN_DEFAULT   = 0,
  CRM_STORE_OPEN_NO_BACKUP = 1 << 0,  /* do not write a backup copy before migrating */
  CRM_STORE_OPEN_NO_CREATE = 1 << 1,  /* fail when the file does not exist */
} CrmStoreOpenFlags;

#define CRM_TYPE_STORE (crm_store_get_type ())

G_DECLARE_FINAL_TYPE (CrmStore, crm_store, CRM, STORE, GObject)

GQuark       crm_store_error_quark              (void);
char        *crm_store_default_path             (void);
int          crm_store_supported_schema_version (void);

CrmStore    *crm_store_open                     (const char         *path,
                                                 GError            **error);
CrmStore    *crm_store_open_full                (const char         *path,
                                                 CrmStoreOpenFlags   flags,
                                                 const char         *locale,
                                                 GError            **error);
const char  *crm_store_get_path                 (CrmStore           *self);
int          crm_store_get_schema_version       (CrmStore           *self);
const char  *crm_store_get_locale               (CrmStore           *self);
gboolean     crm_store_get_created              (CrmStore           *self);
const char  *crm_store_get_backup_path          (CrmStore           *self);
const char  *crm_store_get_warning              (CrmStore           *self);
gboolean     crm_store_is_network_filesystem    (CrmStore           *self);

/* Database-wide settings (a key/value table inside the database, for choices
 * that belong to the data rather than to one desktop, e.g. "welcome-done"). */
char        *crm_store_get_setting              (CrmStore           *self,
                                                 const char         *key);
gboolean     crm_store_set_setting              (CrmStore           *self,
                                                 const char         *key,
                                                 const char         *value,
                                                 GError            **error);

/* Users */
gint64       crm_store_get_current_user_id      (CrmStore           *self);
gint64       crm_store_add_user                 (CrmStore           *self,
                                                 const CrmUserData  *data,
                                                 GError            **error);

/* Dictionaries: kind is "status", "industry", "region" or "source" */
gint64       crm_store_ensure_dictionary_value  (CrmStore           *self,
                                                 const char         *kind,
                                                 const char         *name,
                                                 GError            **error);
GPtrArray   *crm_store_list_dictionary          (CrmStore           *self,
                                                 const char         *kind,
                                                 GError            **error);

/* Writes. In a transaction opened with crm_store_begin() nothing is visible to
 * other connections until crm_store_commit(). */
gboolean     crm_store_begin                    (CrmStore           *self,
                                                 GError            **error);
gboolean     crm_store_commit                   (CrmStore           *self,
                                                 GError            **error);
void         crm_store_rollback                 (CrmStore           *self);
void         crm_store_set_bulk_mode            (CrmStore           *self,
                                                 gboolean            bulk);
gboolean     crm_store_rebuild_search_index     (CrmStore           *self,
                                                 GError            **error);

gint64       crm_store_add_company              (CrmStore             *self,
                                                 const CrmCompanyData *data,
                                                 GError              **error);
/* A client a person creates (the New Client dialog): the company, and a
 * "created" entry that starts its history */
gint64       crm_store_create_client            (CrmStore             *self,
                                                 const CrmCompanyData *data,
                                                 GError              **error);
gint64       crm_store_add_contact              (CrmStore             *self,
                                                 const CrmContactData *data,
                                                 GError              **error);
gint64       crm_store_add_phone                (CrmStore           *self,
                                                 gint64              company_id,
                                                 gint64              contact_id,
                                                 const char         *label,
                                                 const char         *number,
                                                 GError            **error);
gint64       crm_store_add_email                (CrmStore           *self,
                                                 gint64              company_id,
                                                 gint64              contact_id,
                                                 const char         *label,
                                                 const char         *address,
                                                 GError            **error);
gint64       crm_store_add_history              (CrmStore             *self,
                                                 const CrmHistoryData *data,
                                                 GError              **error);
gboolean     crm_store_delete_company           (CrmStore           *self,
                                                 gint64              company_id,
                                                 GError            **error);

/* Reads */
gboolean     crm_store_get_counts               (CrmStore           *self,
                                                 CrmStoreCounts     *counts,
                                                 GError            **error);
gint64       crm_store_count_clients            (CrmStore           *self,
                                                 GError            **error);
gboolean     crm_store_fetch_clients            (CrmStore           *self,
                                                 CrmClientSort       sort,
                                                 gboolean            descending,
                                                 guint               offset,
                                                 guint               limit,
                                                 GPtrArray          *rows,
                                                 GError            **error);
/* Where a client is in the whole list sorted so: how many come before it */
gboolean     crm_store_client_position          (CrmStore           *self,
                                                 CrmClientSort       sort,
                                                 gboolean            descending,
                                                 gint64              client_id,
                                                 guint              *position,
                                                 GError            **error);
gboolean     crm_store_search_clients           (CrmStore           *self,
                                                 const char         *query,
                                                 CrmClientSort       sort,
                                                 gboolean            descending,
                                                 guint               limit,
                                                 GArray             *ids,
                                                 gboolean           *more,
                                                 GError            **error);
gboolean     crm_store_fetch_clients_by_id      (CrmStore           *self,
                                                 const gint64       *ids,
                                                 guint               n_ids,
                                                 GPtrArray          *rows,
                                                 GError            **error);
CrmClientSummary *crm_store_load_client_summary (CrmStore           *self,
                                                 gint64              company_id,
                                                 GError            **error);
gint64       crm_store_find_client              (CrmStore           *self,
                                                 const char         *id_or_name,
                                                 GError            **error);

/* Maintenance */
gboolean     crm_store_check                    (CrmStore           *self,
                                                 GPtrArray         **problems,
                                                 GError            **error);
gboolean     crm_store_backup                   (CrmStore           *self,
                                                 const char         *destination,
                                                 CrmProgressFunc     progress,
                                                 gpointer            user_data,
                                                 GCancellable       *cancellable,
                                                 GError            **error);

G_END_DECLS
