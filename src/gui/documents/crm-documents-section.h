/* crm-documents-section.h: a client's documents, on the client card
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_DOCUMENTS_SECTION (crm_documents_section_get_type ())

G_DECLARE_FINAL_TYPE (CrmDocumentsSection, crm_documents_section, CRM, DOCUMENTS_SECTION, AdwPreferencesGroup)

GtkWidget *crm_documents_section_new             (void);
void       crm_documents_section_set_client      (CrmDocumentsSection *self,
                                                  CrmStore            *store,
                                                  gint64               client_id);
void       crm_documents_section_reload          (CrmDocumentsSection *self);
/* Attaches the files one after the other in a worker thread */
void       crm_documents_section_attach_files    (CrmDocumentsSection *self,
                                                  GSList              *files);
/* Logs an .eml file to the client's history, its files with it */
void       crm_documents_section_attach_files_to_entry (CrmDocumentsSection *self,
                                                        GSList              *files,
                                                        gint64               history_id);
void       crm_documents_section_log_email       (CrmDocumentsSection *self,
                                                  GFile               *file);
/* Files dropped on @widget (the whole card) are attached; .eml files are
 * logged as e-mails */
void       crm_documents_section_add_drop_target (CrmDocumentsSection *self,
                                                  GtkWidget           *widget);
gboolean   crm_documents_section_is_busy         (CrmDocumentsSection *self);

guint      crm_documents_prune_open_copies       (const char          *folder,
                                                  gint64               max_age);

G_END_DECLS
