/* crm-csv.h: RFC 4180 CSV reader and writer
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CRM_CSV_ERROR (crm_csv_error_quark ())

typedef enum
{
  /* the whole file */
  CRM_CSV_ERROR_ENCODING,        /* unknown encoding name, or text that is not in it */
  CRM_CSV_ERROR_NOT_TEXT,        /* binary data: NUL bytes at the start */
  CRM_CSV_ERROR_EMPTY,           /* nothing but blank lines */
  /* one record; the reader continues with the next one */
  CRM_CSV_ERROR_UNTERMINATED,    /* a quoted field that is never closed */
  CRM_CSV_ERROR_FIELD_TOO_LONG,  /* a field over CRM_CSV_MAX_FIELD bytes */
  CRM_CSV_ERROR_TOO_MANY_FIELDS, /* more than CRM_CSV_MAX_FIELDS fields */
  CRM_CSV_ERROR_BINARY,          /* a NUL byte or text invalid in the encoding */
} CrmCsvError;

#define CRM_CSV_MAX_FIELD  (1024 * 1024)
#define CRM_CSV_MAX_FIELDS 1000

typedef struct _CrmCsvReader CrmCsvReader;

GQuark        crm_csv_error_quark            (void);
gboolean      crm_csv_error_is_record_error  (const GError  *error);

/* @encoding: NULL or "auto" detects UTF-8 (with or without a byte order
 * mark), UTF-16 with a byte order mark, else Windows-1251; any other name is
 * passed to iconv. @delimiter: 0 detects comma, semicolon or tab. */
CrmCsvReader *crm_csv_reader_new_for_path    (const char    *path,
                                              const char    *encoding,
                                              char           delimiter,
                                              GCancellable  *cancellable,
                                              GError       **error);
void          crm_csv_reader_free            (CrmCsvReader  *self);

/* TRUE: a record was read. FALSE with no error: the end of the file. FALSE
 * with a record error (crm_csv_error_is_record_error()): that record is
 * dropped, crm_csv_reader_get_line() says where it starts, and the next call
 * goes on after it. Any other error is final. */
gboolean      crm_csv_reader_next            (CrmCsvReader  *self,
                                              GError       **error);
guint         crm_csv_reader_get_n_fields    (CrmCsvReader  *self);
const char   *crm_csv_reader_get_field       (CrmCsvReader  *self,
                                              guint          index);
guint         crm_csv_reader_get_line        (CrmCsvReader  *self);
const char   *crm_csv_reader_get_encoding    (CrmCsvReader  *self);
char          crm_csv_reader_get_delimiter   (CrmCsvReader  *self);
double        crm_csv_reader_get_fraction    (CrmCsvReader  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmCsvReader, crm_csv_reader_free)

typedef enum
{
  CRM_CSV_WRITE_DEFAULT = 0,
  CRM_CSV_WRITE_BOM     = 1 << 0,  /* start with a UTF-8 byte order mark (Excel) */
  CRM_CSV_WRITE_RAW     = 1 << 1,  /* do not neutralize cells that look like formulas */
} CrmCsvWriteFlags;

typedef struct _CrmCsvWriter CrmCsvWriter;

CrmCsvWriter *crm_csv_writer_new             (GOutputStream    *stream,
                                              char              delimiter,
                                              CrmCsvWriteFlags  flags);
gboolean      crm_csv_writer_write_row       (CrmCsvWriter     *self,
                                              const char      **fields,
                                              guint             n_fields,
                                              GCancellable     *cancellable,
                                              GError          **error);
gboolean      crm_csv_writer_close           (CrmCsvWriter     *self,
                                              GCancellable     *cancellable,
                                              GError          **error);
void          crm_csv_writer_free            (CrmCsvWriter     *self);

/* Appends one field, quoted when needed, to @out (no delimiter) */
void          crm_csv_append_field           (GString          *out,
                                              const char       *value,
                                              char              delimiter,
                                              gboolean          safe);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmCsvWriter, crm_csv_writer_free)

G_END_DECLS
