/* crm-eml.h: e-mail messages (.eml files) read for the history
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_EML_ERROR (crm_eml_error_quark ())

typedef enum
{
  CRM_EML_ERROR_NOT_A_MESSAGE,  /* the file is not an e-mail message */
  CRM_EML_ERROR_TOO_LARGE,
  CRM_EML_ERROR_DUPLICATE,      /* the message is already in the client's history */
} CrmEmlError;

typedef struct
{
  char   *name;
  char   *mime_type;
  GBytes *data;         /* decoded */
} CrmEmlAttachment;

typedef struct
{
  char       *message_id;    /* without <>, or NULL */
  char       *from;          /* as written: "Иван Петров <ivan@example.ru>" */
  char       *from_address;  /* lower-case, or NULL */
  char       *to;            /* the recipients as written, comma-separated */
  char       *cc;
  GPtrArray  *to_addresses;  /* char*, lower-case */
  GPtrArray  *cc_addresses;
  char       *subject;       /* decoded; may be empty */
  gint64      date;          /* seconds since the epoch, UTC; 0 when absent */
  char       *body;          /* text/plain, or the HTML part as text */
  GPtrArray  *attachments;   /* CrmEmlAttachment* */
} CrmEmlMessage;

GQuark          crm_eml_error_quark          (void);

CrmEmlMessage  *crm_eml_parse_file           (GFile                *file,
                                              GCancellable         *cancellable,
                                              GError              **error);
CrmEmlMessage  *crm_eml_parse_bytes          (GBytes               *bytes,
                                              GError              **error);
void            crm_eml_message_free         (CrmEmlMessage        *message);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmEmlMessage, crm_eml_message_free)

GPtrArray      *crm_eml_message_addresses    (const CrmEmlMessage  *message);
char           *crm_eml_message_details      (const CrmEmlMessage  *message);
gboolean        crm_eml_file_is_message      (const char           *name);
char           *crm_eml_html_to_text         (const char           *html);

/* A client an e-mail's addresses point at */
typedef struct
{
  gint64   company_id;
  char    *name;
  char    *address;     /* the address that matched (or its domain) */
  gboolean by_domain;   /* the company's domain matched, not an address */
} CrmEmlMatch;

void            crm_eml_match_free           (CrmEmlMatch          *match);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmEmlMatch, crm_eml_match_free)

/* Implemented in src/core/store/crm-store-email.c */
GPtrArray      *crm_store_find_email_clients (CrmStore             *store,
                                              const CrmEmlMessage  *message,
                                              GError              **error);
gint64          crm_store_log_email          (CrmStore             *store,
                                              gint64                company_id,
                                              const CrmEmlMessage  *message,
                                              guint                *n_attachments,
                                              GError              **error);

G_END_DECLS
