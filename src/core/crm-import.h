/* crm-import.h: importing clients from CSV files
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "crm-store.h"

G_BEGIN_DECLS

/* What a column of the file holds */
typedef enum
{
  CRM_IMPORT_FIELD_NONE,           /* ignored */
  CRM_IMPORT_FIELD_NAME,
  CRM_IMPORT_FIELD_LEGAL_NAME,
  CRM_IMPORT_FIELD_TAX_ID,
  CRM_IMPORT_FIELD_STATUS,
  CRM_IMPORT_FIELD_INDUSTRY,
  CRM_IMPORT_FIELD_REGION,
  CRM_IMPORT_FIELD_SOURCE,
  CRM_IMPORT_FIELD_CITY,
  CRM_IMPORT_FIELD_ADDRESS,
  CRM_IMPORT_FIELD_PHONE,          /* one or more, separated by , or ; */
  CRM_IMPORT_FIELD_EMAIL,          /* the same */
  CRM_IMPORT_FIELD_WEBSITE,
  CRM_IMPORT_FIELD_MANAGER,        /* a user's full name or login */
  CRM_IMPORT_FIELD_NOTES,
  CRM_IMPORT_FIELD_CONTACT,        /* a contact person's full name */
  CRM_IMPORT_FIELD_POSITION,
  CRM_IMPORT_FIELD_CONTACT_PHONE,
  CRM_IMPORT_FIELD_CONTACT_EMAIL,
  CRM_IMPORT_FIELD_BIRTHDAY,
  CRM_IMPORT_FIELD_TAGS,
  CRM_IMPORT_FIELD_CREATED,        /* a date */
  CRM_IMPORT_FIELD_LAST_CONTACT,   /* written by the export; comes from the history, so not imported */
  CRM_IMPORT_N_FIELDS
} CrmImportField;

/* The columns of the CSV export, in order; an import assumes them for a file
 * whose first line names no known column */
#define CRM_EXPORT_COLUMNS \
  CRM_IMPORT_FIELD_NAME, CRM_IMPORT_FIELD_LEGAL_NAME, CRM_IMPORT_FIELD_TAX_ID, CRM_IMPORT_FIELD_STATUS, \
  CRM_IMPORT_FIELD_INDUSTRY, CRM_IMPORT_FIELD_REGION, CRM_IMPORT_FIELD_SOURCE, CRM_IMPORT_FIELD_CITY, \
  CRM_IMPORT_FIELD_ADDRESS, CRM_IMPORT_FIELD_PHONE, CRM_IMPORT_FIELD_EMAIL, CRM_IMPORT_FIELD_WEBSITE, \
  CRM_IMPORT_FIELD_TAGS, CRM_IMPORT_FIELD_MANAGER, CRM_IMPORT_FIELD_LAST_CONTACT, CRM_IMPORT_FIELD_CREATED

/* What to do with a row whose client is already in the database (same name
 * key or same tax id) */
typedef enum
{
  CRM_IMPORT_DUPLICATE_SKIP,       /* report the row and leave the client as it is */
  CRM_IMPORT_DUPLICATE_UPDATE,     /* fill the client's fields from the row, add its phones, e-mails, contact */
  CRM_IMPORT_DUPLICATE_CREATE,     /* add a new client anyway */
} CrmImportDuplicates;

/* Whether the first row names the columns */
typedef enum
{
  CRM_IMPORT_HEADER_DETECT,        /* when it names a known column ("Name", "ИНН", …) */
  CRM_IMPORT_HEADER_YES,
  CRM_IMPORT_HEADER_NO,            /* the first row is a client */
} CrmImportHeader;

typedef struct
{
  const char            *encoding;      /* NULL: detect */
  char                   delimiter;     /* 0: detect */
  CrmImportDuplicates    on_duplicate;
  /* the meaning of each column by position, instead of the header's names;
   * NULL: from the header */
  const CrmImportField  *columns;
  guint                  n_columns;
  guint                  batch_size;    /* rows per transaction; 0: 5,000 */
  CrmImportHeader        header;
  /* a big import: from how many more rows (estimated from the file's size
   * after the first batch, and at least half the clients already there) the
   * indexes that only the list needs are dropped and made again at the end;
   * 0: 50,000 */
  guint                  big_rows;
} CrmImportOptions;

/* A line that was skipped (or imported with a warning) and why */
typedef struct
{
  guint     line;       /* the physical line where the record starts, from 1 */
  gboolean  skipped;    /* FALSE: imported, with a warning */
  char     *reason;     /* translated */
} CrmImportProblem;

typedef struct
{
  gint64      import_id;      /* the imports row, for an undo; 0 if none was made */
  guint64     rows;           /* records read, the header not counted */
  guint64     added;          /* new clients */
  guint64     updated;        /* clients already there that got the row's values */
  guint64     skipped;        /* rows not imported */
  guint64     contacts;       /* new contact persons */
  char       *encoding;
  char        delimiter;
  GPtrArray  *problems;       /* CrmImportProblem, in line order */
  GPtrArray  *ignored;        /* char*: header names that mean nothing to the importer */
} CrmImportReport;

void                 crm_import_options_init    (CrmImportOptions   *options);

CrmImportReport     *crm_import_report_new      (void);
void                 crm_import_report_free     (CrmImportReport    *report);
void                 crm_import_report_add      (CrmImportReport    *report,
                                                 guint               line,
                                                 gboolean            skipped,
                                                 const char         *format,
                                                 ...) G_GNUC_PRINTF (4, 5);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmImportReport, crm_import_report_free)

/* "name", "legal-name", … for options and messages */
const char          *crm_import_field_to_string (CrmImportField      field);
gboolean             crm_import_field_from_string (const char       *text,
                                                 CrmImportField     *field);
/* The field a column header names, in English or Russian ("ИНН", "E-mail",
 * "Контактное лицо"); CRM_IMPORT_FIELD_NONE when unknown */
CrmImportField       crm_import_field_for_header (const char        *header);
/* The header the export writes for a field: Russian for a Russian database */
const char          *crm_import_field_header    (CrmImportField      field,
                                                 const char         *locale);

/* Reads a date as a spreadsheet writes it (2024-03-31, 31.03.2024,
 * 31/03/2024) into YYYY-MM-DD; NULL when it is none */
char                *crm_import_parse_date      (const char         *text);

gboolean             crm_import_check_value     (CrmImportField      field,
                                                 const char         *value,
                                                 const char         *locale,
                                                 char              **problem);

/* Splits a person's full name into its parts in the order the database's
 * language writes it (ru: family name first) */
void                 crm_import_split_person    (const char         *locale,
                                                 const char         *full,
                                                 char              **first,
                                                 char              **middle,
                                                 char              **last);

/* Imports @path into @store as one run of the imports table. Fills @report
 * as it goes, also when it fails or is cancelled: what was committed by then
 * stays, recorded in the import, which can be undone. */
gboolean             crm_import_csv             (CrmStore               *store,
                                                 const char             *path,
                                                 const CrmImportOptions *options,
                                                 CrmImportReport        *report,
                                                 CrmProgressFunc         progress,
                                                 gpointer                progress_data,
                                                 GCancellable           *cancellable,
                                                 GError                **error);

G_END_DECLS
