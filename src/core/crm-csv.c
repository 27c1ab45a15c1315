/* crm-csv.c: RFC 4180 CSV reader and writer
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-csv"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "crm-csv.h"

#define BUFFER_SIZE (64 * 1024)
#define DETECT_RECORDS 20

G_DEFINE_QUARK (crm-csv-error-quark, crm_csv_error)

gboolean
crm_csv_error_is_record_error (const GError *error)
{
  return error != NULL && error->domain == CRM_CSV_ERROR &&
         (error->code == CRM_CSV_ERROR_UNTERMINATED || error->code == CRM_CSV_ERROR_FIELD_TOO_LONG ||
          error->code == CRM_CSV_ERROR_TOO_MANY_FIELDS || error->code == CRM_CSV_ERROR_BINARY);
}

/* Reader */

struct _CrmCsvReader
{
  GInputStream *raw;          /* the file, for the position */
  GInputStream *in;           /* the text as UTF-8 */
  GCancellable *cancellable;
  char         *encoding;
  char          delimiter;
  goffset       size;

  char         *buf;
  gsize         pos;
  gsize         len;
  gboolean      eof;
  gboolean      check_utf8;   /* an explicit UTF-8: validate each record */

  guint         line;         /* the physical line of buf[pos], from 1 */
  gboolean      after_cr;     /* a \n right after a \r ends the same line */
  guint         record_line;

  GString      *data;         /* the record's fields, each ending in a NUL */
  GArray       *starts;       /* guint: where each field starts in data */
  GPtrArray    *fields;
};

void
crm_csv_reader_free (CrmCsvReader *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->in);
  g_clear_object (&self->raw);
  g_clear_object (&self->cancellable);
  g_free (self->encoding);
  g_free (self->buf);
  g_string_free (self->data, TRUE);
  g_array_unref (self->starts);
  g_ptr_array_unref (self->fields);
  g_free (self);
}

static gboolean
translate_read_error (CrmCsvReader  *self,
                      GError        *local_error,
                      GError       **error)
{
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA) ||
      g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
    {
      g_set_error (error, CRM_CSV_ERROR, CRM_CSV_ERROR_ENCODING,
                   _("The text near line %u is not in the encoding %s: %s"),
                   self->line, self->encoding, local_error->message);
      g_error_free (local_error);
      return FALSE;
    }

  g_propagate_error (error, local_error);
  return FALSE;
}

/* Bytes available at buf[pos]: -1 on error, 0 at the end */
static gssize
fill (CrmCsvReader  *self,
      GError       **error)
{
  GError *local_error = NULL;
  gssize n;

  if (self->pos < self->len)
    return self->len - self->pos;
  if (self->eof)
    return 0;

  n = g_input_stream_read (self->in, self->buf, BUFFER_SIZE, self->cancellable, &local_error);
  if (n < 0)
    {
      translate_read_error (self, local_error, error);
      return -1;
    }
  if (n == 0)
    self->eof = TRUE;
  self->pos = 0;
  self->len = n;

  return n;
}

/* The first buffer as full as the file allows, for the detection */
static gboolean
fill_first (CrmCsvReader  *self,
            GError       **error)
{
  while (!self->eof && self->len < BUFFER_SIZE)
    {
      GError *local_error = NULL;
      gssize n = g_input_stream_read (self->in, self->buf + self->len, BUFFER_SIZE - self->len,
                                      self->cancellable, &local_error);

      if (n < 0)
        return translate_read_error (self, local_error, error);
      if (n == 0)
        self->eof = TRUE;
      self->len += n;
    }

  return TRUE;
}

/* Scans the whole file: valid UTF-8 throughout is UTF-8, else Windows-1251,
 * the encoding Excel writes CSV in on Russian Windows. */
static char *
detect_encoding (GFile         *file,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree char *chunk = g_malloc (BUFFER_SIZE + 4);
  gsize carry = 0;
  gboolean first = TRUE;

  if (!(stream = g_file_read (file, cancellable, error)))
    return NULL;

  for (;;)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (stream), chunk + carry, BUFFER_SIZE,
                                      cancellable, error);
      const char *end = NULL;
      gsize total;

      if (n < 0)
        return NULL;
      total = carry + n;

      if (first && total >= 2)
        {
          if ((guchar)chunk[0] == 0xff && (guchar)chunk[1] == 0xfe)
            return g_strdup ("UTF-16LE");
          if ((guchar)chunk[0] == 0xfe && (guchar)chunk[1] == 0xff)
            return g_strdup ("UTF-16BE");
        }
      first = FALSE;

      if (g_utf8_validate_len (chunk, total, &end))
        carry = 0;
      else if (n > 0 && (gsize)(chunk + total - end) < 4)
        {
          /* a character cut at the end of the chunk: keep it for the next */
          carry = chunk + total - end;
          memmove (chunk, end, carry);
        }
      else
        return g_strdup ("WINDOWS-1251");

      if (n == 0)
        return g_strdup (carry == 0 ? "UTF-8" : "WINDOWS-1251");
    }
}

/* Counts the candidates outside quotes, record by record: the delimiter is
 * the one found the same number of times in most records. */
static char
detect_delimiter (const char *text,
                  gsize       len)
{
  static const char candidates[] = { ',', ';', '\t' };
  guint counts[DETECT_RECORDS][G_N_ELEMENTS (candidates)] = { { 0 } };
  guint n_records = 0;
  gboolean quoted = FALSE;
  gboolean any = FALSE;
  char best = ',';
  guint best_same = 0, best_total = 0;

  for (gsize i = 0; i < len && n_records < DETECT_RECORDS; i++)
    {
      char c = text[i];

      if (c == '"')
        quoted = !quoted;
      else if (!quoted && (c == '\n' || c == '\r'))
        {
          if (any)
            n_records++;
          any = FALSE;
        }
      else if (!quoted)
        {
          any = TRUE;
          for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
            if (c == candidates[k])
              counts[n_records][k]++;
        }
    }
  if (any && n_records < DETECT_RECORDS)
    n_records++;

  for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
    {
      guint same = 0, total = 0;

      for (guint r = 0; r < n_records; r++)
        {
          total += counts[r][k];
          if (counts[0][k] > 0 && counts[r][k] == counts[0][k])
            same++;
        }
      if (same > best_same || (same == best_same && total > best_total))
        {
          best = candidates[k];
          best_same = same;
          best_total = total;
        }
    }

  return best;
}

CrmCsvReader *
crm_csv_reader_new_for_path (const char    *path,
                             const char    *encoding,
                             char           delimiter,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree char *detected = NULL;
  CrmCsvReader *self;
  GError *local_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_file_new_for_path (path);
  if (!(stream = g_file_read (file, cancellable, error)))
    return NULL;
  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable, NULL);

  if (encoding == NULL || *encoding == '\0' || g_ascii_strcasecmp (encoding, "auto") == 0)
    {
      if (!(detected = detect_encoding (file, cancellable, error)))
        return NULL;
      encoding = detected;
    }

  self = g_new0 (CrmCsvReader, 1);
  self->raw = G_INPUT_STREAM (g_steal_pointer (&stream));
  self->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  self->size = info ? g_file_info_get_size (info) : 0;
  self->buf = g_malloc (BUFFER_SIZE);
  self->line = 1;
  self->data = g_string_sized_new (1024);
  self->starts = g_array_new (FALSE, FALSE, sizeof (guint));
  self->fields = g_ptr_array_new ();

  if (g_ascii_strcasecmp (encoding, "UTF-8") == 0 || g_ascii_strcasecmp (encoding, "UTF8") == 0)
    {
      self->encoding = g_strdup ("UTF-8");
      self->in = g_object_ref (self->raw);
      self->check_utf8 = detected == NULL;
    }
  else
    {
      g_autoptr(GCharsetConverter) converter = g_charset_converter_new ("UTF-8", encoding, &local_error);

      if (converter == NULL)
        {
          g_set_error (error, CRM_CSV_ERROR, CRM_CSV_ERROR_ENCODING,
                       _("Unknown encoding “%s”; try UTF-8 or WINDOWS-1251."), encoding);
          g_clear_error (&local_error);
          crm_csv_reader_free (self);
          return NULL;
        }
      /* a byte the code page lacks (0x98 in 1251) must not stop the file */
      g_charset_converter_set_use_fallback (converter, TRUE);
      self->encoding = g_ascii_strup (encoding, -1);
      self->in = g_converter_input_stream_new (self->raw, G_CONVERTER (converter));
    }

  if (!fill_first (self, error))
    {
      crm_csv_reader_free (self);
      return NULL;
    }

  /* A byte order mark is not part of the first field */
  if (self->len >= 3 && memcmp (self->buf, "\xef\xbb\xbf", 3) == 0)
    self->pos = 3;

  if (memchr (self->buf + self->pos, '\0', self->len - self->pos) != NULL)
    {
      g_set_error (error, CRM_CSV_ERROR, CRM_CSV_ERROR_NOT_TEXT,
                   _("“%s” is not a text file: it holds binary data."), path);
      crm_csv_reader_free (self);
      return NULL;
    }

  self->delimiter = delimiter != 0 ? delimiter
                                   : detect_delimiter (self->buf + self->pos, self->len - self->pos);

  return self;
}

enum
{
  FIELD_START,
  UNQUOTED,
  QUOTED,
  QUOTE_SEEN,   /* a quote inside a quoted field: the end, or the first of two */
  SKIP_LINE,    /* after a fatal fault of the record: drop the rest of the line */
};

static inline void
count_break (CrmCsvReader *self,
             char          c)
{
  if (c == '\r')
    {
      self->line++;
      self->after_cr = TRUE;
    }
  else if (c == '\n')
    {
      if (!self->after_cr)
        self->line++;
      self->after_cr = FALSE;
    }
  else
    self->after_cr = FALSE;
}

static void
begin_field (CrmCsvReader *self)
{
  guint start = self->data->len;

  g_array_append_val (self->starts, start);
}

static void
end_field (CrmCsvReader *self)
{
  g_string_append_c (self->data, '\0');
}

/* 1: a record (maybe faulty: *fault set), 0: the end, -1: a final error */
static int
read_record (CrmCsvReader  *self,
             int           *fault,
             GError       **error)
{
  int state = FIELD_START;
  gboolean consumed = FALSE;

  g_string_truncate (self->data, 0);
  g_array_set_size (self->starts, 0);
  *fault = -1;

  /* the \n of a \r\n that ended the previous record */
  if (self->after_cr)
    {
      gssize n = fill (self, error);

      if (n < 0)
        return -1;
      if (n > 0 && self->buf[self->pos] == '\n')
        self->pos++;
      self->after_cr = FALSE;
    }

  self->record_line = self->line;

  for (;;)
    {
      gssize n = fill (self, error);
      const char *p, *end;
      char c;

      if (n < 0)
        return -1;

      if (n == 0)
        {
          if (!consumed)
            return 0;
          if (state == QUOTED)
            *fault = CRM_CSV_ERROR_UNTERMINATED;
          if (state != SKIP_LINE)
            end_field (self);
          return 1;
        }

      consumed = TRUE;
      p = self->buf + self->pos;
      end = self->buf + self->len;

      if (state == SKIP_LINE)
        {
          while (p < end && *p != '\r' && *p != '\n')
            p++;
          self->after_cr = FALSE;
          if (p < end)
            {
              count_break (self, *p);
              self->pos = p + 1 - self->buf;
              return 1;
            }
          self->pos = self->len;
          continue;
        }

      if (state == UNQUOTED || state == QUOTED)
        {
          /* the plain run of the field at once */
          const char *run = p;
          gsize field_len;

          if (state == UNQUOTED)
            while (p < end && *p != self->delimiter && *p != '\r' && *p != '\n' && *p != '\0')
              p++;
          else
            while (p < end && *p != '"' && *p != '\r' && *p != '\n' && *p != '\0')
              p++;

          if (p > run)
            {
              self->after_cr = FALSE;
              g_string_append_len (self->data, run, p - run);
            }
          self->pos = p - self->buf;

          field_len = self->data->len - g_array_index (self->starts, guint, self->starts->len - 1);
          if (field_len > CRM_CSV_MAX_FIELD)
            {
              *fault = CRM_CSV_ERROR_FIELD_TOO_LONG;
              state = SKIP_LINE;
              continue;
            }
          if (p == end)
            continue;
        }

      c = *p;
      self->pos++;

      if (c == '\0')
        {
          *fault = CRM_CSV_ERROR_BINARY;
          state = SKIP_LINE;
          continue;
        }

      switch (state)
        {
        case FIELD_START:
          if (self->starts->len >= CRM_CSV_MAX_FIELDS)
            {
              *fault = CRM_CSV_ERROR_TOO_MANY_FIELDS;
              self->pos--;
              state = SKIP_LINE;
              break;
            }
          begin_field (self);
          if (c == '"')
            {
              self->after_cr = FALSE;
              state = QUOTED;
            }
          else if (c == self->delimiter)
            {
              self->after_cr = FALSE;
              end_field (self);
            }
          else if (c == '\r' || c == '\n')
            {
              count_break (self, c);
              end_field (self);
              return 1;
            }
          else
            {
              self->after_cr = FALSE;
              g_string_append_c (self->data, c);
              state = UNQUOTED;
            }
          break;

        case UNQUOTED:
          if (c == self->delimiter)
            {
              end_field (self);
              state = FIELD_START;
            }
          else
            {
              count_break (self, c);
              end_field (self);
              return 1;
            }
          break;

        case QUOTED:
          if (c == '"')
            state = QUOTE_SEEN;
          else
            {
              count_break (self, c);
              g_string_append_c (self->data, c);
            }
          break;

        case QUOTE_SEEN:
          if (c == '"')
            {
              g_string_append_c (self->data, '"');
              state = QUOTED;
            }
          else if (c == self->delimiter)
            {
              end_field (self);
              state = FIELD_START;
            }
          else if (c == '\r' || c == '\n')
            {
              count_break (self, c);
              end_field (self);
              return 1;
            }
          else
            {
              /* "abc"def: not RFC 4180, but spreadsheets read it as abcdef */
              g_string_append_c (self->data, c);
              state = UNQUOTED;
            }
          break;

        default:
          g_assert_not_reached ();
        }
    }
}

/* The fields of a record lie in data one after another, each ended by a
 * NUL byte, which g_utf8_validate_len() takes for invalid: each is checked
 * on its own */
static gboolean
record_is_utf8 (CrmCsvReader *self)
{
  for (guint i = 0; i < self->starts->len; i++)
    if (!g_utf8_validate (self->data->str + g_array_index (self->starts, guint, i), -1, NULL))
      return FALSE;

  return TRUE;
}

gboolean
crm_csv_reader_next (CrmCsvReader  *self,
                     GError       **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  for (;;)
    {
      int fault;
      int rc = read_record (self, &fault, error);

      g_ptr_array_set_size (self->fields, 0);

      if (rc <= 0)
        return FALSE;

      switch (fault)
        {
        case CRM_CSV_ERROR_UNTERMINATED:
          g_set_error (error, CRM_CSV_ERROR, fault,
                       _("A quoted field starts in this line and is never closed."));
          return FALSE;
        case CRM_CSV_ERROR_FIELD_TOO_LONG:
          g_set_error (error, CRM_CSV_ERROR, fault,
                       _("A field is longer than %d MiB (is a quote left open?)."),
                       CRM_CSV_MAX_FIELD / (1024 * 1024));
          return FALSE;
        case CRM_CSV_ERROR_TOO_MANY_FIELDS:
          g_set_error (error, CRM_CSV_ERROR, fault, _("The line has more than %d fields."),
                       CRM_CSV_MAX_FIELDS);
          return FALSE;
        case CRM_CSV_ERROR_BINARY:
          g_set_error (error, CRM_CSV_ERROR, fault, _("The line holds binary data."));
          return FALSE;
        default:
          break;
        }

      if (self->check_utf8 && !record_is_utf8 (self))
        {
          g_set_error (error, CRM_CSV_ERROR, CRM_CSV_ERROR_BINARY,
                       _("The line is not valid UTF-8 text; the file may be in another encoding."));
          return FALSE;
        }

      /* a blank line is no record */
      if (self->starts->len == 1 && self->data->len == 1)
        continue;

      for (guint i = 0; i < self->starts->len; i++)
        g_ptr_array_add (self->fields, self->data->str + g_array_index (self->starts, guint, i));

      return TRUE;
    }
}

guint
crm_csv_reader_get_n_fields (CrmCsvReader *self)
{
  return self->fields->len;
}

const char *
crm_csv_reader_get_field (CrmCsvReader *self,
                          guint         index)
{
  return index < self->fields->len ? g_ptr_array_index (self->fields, index) : NULL;
}

guint
crm_csv_reader_get_line (CrmCsvReader *self)
{
  return self->record_line;
}

const char *
crm_csv_reader_get_encoding (CrmCsvReader *self)
{
  return self->encoding;
}

char
crm_csv_reader_get_delimiter (CrmCsvReader *self)
{
  return self->delimiter;
}

double
crm_csv_reader_get_fraction (CrmCsvReader *self)
{
  goffset at;

  if (self->size <= 0)
    return 0.0;

  at = g_seekable_tell (G_SEEKABLE (self->raw));
  return CLAMP ((double)at / (double)self->size, 0.0, 1.0);
}

/* Writer */

struct _CrmCsvWriter
{
  GOutputStream    *stream;
  GString          *out;
  char              delimiter;
  CrmCsvWriteFlags  flags;
};

CrmCsvWriter *
crm_csv_writer_new (GOutputStream    *stream,
                    char              delimiter,
                    CrmCsvWriteFlags  flags)
{
  CrmCsvWriter *self;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), NULL);

  self = g_new0 (CrmCsvWriter, 1);
  self->stream = g_object_ref (stream);
  self->out = g_string_sized_new (BUFFER_SIZE + 4096);
  self->delimiter = delimiter ? delimiter : ',';
  self->flags = flags;

  if (flags & CRM_CSV_WRITE_BOM)
    g_string_append (self->out, "\xef\xbb\xbf");

  return self;
}

void
crm_csv_writer_free (CrmCsvWriter *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->stream);
  g_string_free (self->out, TRUE);
  g_free (self);
}

/* A spreadsheet runs a cell that starts with = + - @ (and, in some, a tab
 * or a carriage return before them) as a formula; an apostrophe in front
 * makes it text. */
void
crm_csv_append_field (GString    *out,
                      const char *value,
                      char        delimiter,
                      gboolean    safe)
{
  gboolean quote = FALSE;

  if (value == NULL)
    value = "";

  for (const char *p = value; *p; p++)
    if (*p == delimiter || *p == '"' || *p == '\r' || *p == '\n')
      {
        quote = TRUE;
        break;
      }

  if (quote)
    g_string_append_c (out, '"');
  if (safe && strchr ("=+-@\t\r", value[0]) != NULL && value[0] != '\0')
    g_string_append_c (out, '\'');

  if (quote)
    {
      for (const char *p = value; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, value);
}

static gboolean
flush (CrmCsvWriter  *self,
       GCancellable  *cancellable,
       GError       **error)
{
  if (self->out->len == 0)
    return TRUE;

  if (!g_output_stream_write_all (self->stream, self->out->str, self->out->len, NULL, cancellable, error))
    return FALSE;
  g_string_truncate (self->out, 0);

  return TRUE;
}

gboolean
crm_csv_writer_write_row (CrmCsvWriter  *self,
                          const char   **fields,
                          guint          n_fields,
                          GCancellable  *cancellable,
                          GError       **error)
{
  gboolean safe = !(self->flags & CRM_CSV_WRITE_RAW);

  for (guint i = 0; i < n_fields; i++)
    {
      if (i > 0)
        g_string_append_c (self->out, self->delimiter);
      crm_csv_append_field (self->out, fields[i], self->delimiter, safe);
    }
  g_string_append (self->out, "\r\n");

  if (self->out->len >= BUFFER_SIZE)
    return flush (self, cancellable, error);

  return TRUE;
}

gboolean
crm_csv_writer_close (CrmCsvWriter  *self,
                      GCancellable  *cancellable,
                      GError       **error)
{
  if (!flush (self, cancellable, error))
    return FALSE;

  return g_output_stream_close (self->stream, cancellable, error);
}
