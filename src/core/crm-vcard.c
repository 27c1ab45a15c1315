/* crm-vcard.c: contact persons as vCards (3.0 and 4.0; 2.1 read too)
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-vcard"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "crm-csv.h"
#include "crm-export.h"
#include "crm-store-import.h"
#include "crm-validate.h"
#include "crm-vcard.h"

#define BUFFER_SIZE (64 * 1024)
#define FOLD_OCTETS 75
#define DEFAULT_BATCH 5000

/* Writing */

char *
crm_vcard_escape (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text ? text : ""; *p; p++)
    {
      switch (*p)
        {
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': if (p[1] != '\n') g_string_append (out, "\\n"); break;
        case ',': g_string_append (out, "\\,"); break;
        case ';': g_string_append (out, "\\;"); break;
        default: g_string_append_c (out, *p); break;
        }
    }

  return g_string_free (out, FALSE);
}

/* Lines of at most 75 octets, continued by a leading space, never cut
 * inside a UTF-8 character (RFC 6350 3.2) */
void
crm_vcard_fold (GString    *out,
                const char *line)
{
  gsize len = strlen (line);
  gsize start = 0;
  gsize room = FOLD_OCTETS;

  while (len - start > room)
    {
      gsize cut = start + room;

      while (cut > start && (line[cut] & 0xc0) == 0x80)
        cut--;
      g_string_append_len (out, line + start, cut - start);
      g_string_append (out, "\r\n ");
      start = cut;
      room = FOLD_OCTETS - 1;
    }
  g_string_append (out, line + start);
  g_string_append (out, "\r\n");
}

static void
add_property (GString    *out,
              const char *name,
              const char *escaped_value)
{
  g_autofree char *line = g_strconcat (name, ":", escaped_value, NULL);

  crm_vcard_fold (out, line);
}

static void
add_text (GString    *out,
          const char *name,
          const char *value)
{
  g_autofree char *escaped = NULL;

  if (value == NULL || *value == '\0')
    return;
  escaped = crm_vcard_escape (value);
  add_property (out, name, escaped);
}

/* A label as a TYPE parameter; NULL when it cannot be one */
static char *
type_param (const char *label)
{
  if (label == NULL || *label == '\0' || strpbrk (label, "\",;:\\\r\n") != NULL)
    return NULL;
  if (strchr (label, ' ') != NULL)
    return g_strdup_printf ("\"%s\"", label);

  return g_strdup (label);
}

static void
write_card (GString                *out,
            const CrmExportContact *contact,
            CrmVCardVersion         version)
{
  g_autofree char *last = crm_vcard_escape (contact->last_name);
  g_autofree char *first = crm_vcard_escape (contact->first_name);
  g_autofree char *middle = crm_vcard_escape (contact->middle_name);
  g_autofree char *n = g_strdup_printf ("%s;%s;%s;;", last, first, middle);

  g_string_append (out, "BEGIN:VCARD\r\n");
  g_string_append (out, version == CRM_VCARD_4_0 ? "VERSION:4.0\r\n" : "VERSION:3.0\r\n");
  g_string_append (out, "PRODID:-//Rapport//Rapport CRM//EN\r\n");
  add_text (out, "FN", contact->full_name);
  add_property (out, "N", n);
  add_text (out, "ORG", contact->company);
  add_text (out, "TITLE", contact->position);

  for (guint i = 0; i < contact->phones->len; i++)
    {
      CrmExportValue *phone = g_ptr_array_index (contact->phones, i);
      g_autofree char *type = type_param (phone->label);
      g_autofree char *name = NULL;

      if (version == CRM_VCARD_4_0)
        name = type ? g_strdup_printf ("TEL;VALUE=text;TYPE=%s", type) : g_strdup ("TEL;VALUE=text");
      else
        name = type ? g_strdup_printf ("TEL;TYPE=%s", type) : g_strdup ("TEL");
      add_text (out, name, phone->value);
    }

  for (guint i = 0; i < contact->emails->len; i++)
    {
      CrmExportValue *email = g_ptr_array_index (contact->emails, i);
      g_autofree char *type = type_param (email->label);
      g_autofree char *name = NULL;

      if (version == CRM_VCARD_4_0)
        name = type ? g_strdup_printf ("EMAIL;TYPE=%s", type) : g_strdup ("EMAIL");
      else
        name = type ? g_strdup_printf ("EMAIL;TYPE=INTERNET,%s", type) : g_strdup ("EMAIL;TYPE=INTERNET");
      add_text (out, name, email->value);
    }

  if (contact->birthday != NULL && strlen (contact->birthday) == 10)
    {
      if (version == CRM_VCARD_4_0)
        {
          /* RFC 6350 dates are in the basic ISO 8601 form */
          char basic[9];

          memcpy (basic, contact->birthday, 4);
          memcpy (basic + 4, contact->birthday + 5, 2);
          memcpy (basic + 6, contact->birthday + 8, 2);
          basic[8] = '\0';
          add_property (out, "BDAY", basic);
        }
      else
        add_property (out, "BDAY", contact->birthday);
    }

  add_text (out, "NOTE", contact->notes);
  g_string_append (out, "END:VCARD\r\n");
}

gboolean
crm_vcard_export (CrmStore         *store,
                  GOutputStream    *stream,
                  CrmVCardVersion   version,
                  const char       *search,
                  CrmClientFilter  *filter,
                  guint64          *n_written,
                  CrmProgressFunc   progress,
                  gpointer          progress_data,
                  GCancellable     *cancellable,
                  GError          **error)
{
  g_autoptr(CrmStoreCursor) cursor = NULL;
  g_autoptr(GString) out = g_string_sized_new (BUFFER_SIZE + 4096);
  guint64 written = 0;
  gint64 n_clients = 0;
  CrmStoreCounts counts = { 0 };

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (filter == NULL || CRM_IS_CLIENT_FILTER (filter), FALSE);

  if (n_written != NULL)
    *n_written = 0;

  if (!crm_store_get_counts (store, &counts, error) ||
      !(cursor = crm_export_open_cursor (store, search, filter, TRUE, &n_clients, error)))
    return FALSE;
  /* the share of the base chosen, for the progress */
  if (counts.companies > 0 && n_clients < counts.companies)
    counts.contacts = (gint64)((double)counts.contacts * n_clients / counts.companies);

  for (;;)
    {
      g_autoptr(GPtrArray) page = crm_store_cursor_next_page (cursor, error);

      if (page == NULL)
        return FALSE;
      if (page->len == 0)
        break;

      for (guint i = 0; i < page->len; i++)
        {
          write_card (out, g_ptr_array_index (page, i), version);
          written++;

          if (out->len >= BUFFER_SIZE)
            {
              if (!g_output_stream_write_all (stream, out->str, out->len, NULL, cancellable, error))
                return FALSE;
              g_string_truncate (out, 0);
            }
        }

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (progress != NULL && counts.contacts > 0)
        progress (MIN ((double)written / counts.contacts, 1.0), _("Exporting contact persons"), progress_data);
    }

  if (out->len > 0 && !g_output_stream_write_all (stream, out->str, out->len, NULL, cancellable, error))
    return FALSE;
  if (!g_output_stream_close (stream, cancellable, error))
    return FALSE;

  if (n_written != NULL)
    *n_written = written;

  return TRUE;
}

/* Reading: physical lines */

typedef struct
{
  GInputStream *in;
  GCancellable *cancellable;
  goffset       size;
  char         *buf;
  gsize         pos;
  gsize         len;
  gboolean      eof;
  guint         line;        /* of the last physical line read */
  GString      *text;
  gboolean      too_long;    /* the last physical line was cut at the cap */
  /* one physical line read ahead, for unfolding */
  gboolean      have_next;
  GString      *next;
  guint         next_line;
  gboolean      next_too_long;
} Lines;

static void
lines_clear (Lines *self)
{
  g_clear_object (&self->in);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->buf, g_free);
  if (self->text)
    g_string_free (self->text, TRUE);
  if (self->next)
    g_string_free (self->next, TRUE);
}

/* 1: a line in self->text, 0: the end, -1: an error */
static int
read_physical (Lines   *self,
               GError **error)
{
  gboolean any = FALSE;

  g_string_truncate (self->text, 0);
  self->too_long = FALSE;

  for (;;)
    {
      const char *start, *nl;

      if (self->pos >= self->len)
        {
          gssize n;

          if (self->eof)
            break;
          n = g_input_stream_read (self->in, self->buf, BUFFER_SIZE, self->cancellable, error);
          if (n < 0)
            return -1;
          if (n == 0)
            {
              self->eof = TRUE;
              break;
            }
          self->pos = 0;
          self->len = n;
        }

      any = TRUE;
      start = self->buf + self->pos;
      nl = memchr (start, '\n', self->len - self->pos);
      if (nl == NULL)
        {
          if (self->text->len + (self->len - self->pos) <= CRM_VCARD_MAX_LINE)
            g_string_append_len (self->text, start, self->len - self->pos);
          else
            self->too_long = TRUE;
          self->pos = self->len;
          continue;
        }

      if (self->text->len + (nl - start) <= CRM_VCARD_MAX_LINE)
        g_string_append_len (self->text, start, nl - start);
      else
        self->too_long = TRUE;
      self->pos = nl + 1 - self->buf;
      break;
    }

  if (!any)
    return 0;

  self->line++;
  if (self->text->len > 0 && self->text->str[self->text->len - 1] == '\r')
    g_string_truncate (self->text, self->text->len - 1);

  return 1;
}

static gboolean
is_quoted_printable (const char *line)
{
  const char *colon = strchr (line, ':');
  g_autofree char *head = colon ? g_ascii_strup (line, colon - line) : NULL;

  return head != NULL && (strstr (head, "QUOTED-PRINTABLE") != NULL || strstr (head, "=QP") != NULL);
}

/* One logical line: folded lines joined, and the soft line breaks of
 * quoted-printable values of vCard 2.1. 1, 0 at the end, -1 on error. */
static int
read_logical (Lines    *self,
              GString  *logical,
              guint    *start_line,
              gboolean *too_long,
              GError  **error)
{
  int rc;

  g_string_truncate (logical, 0);
  *too_long = FALSE;

  if (!self->have_next)
    {
      if ((rc = read_physical (self, error)) <= 0)
        return rc;
      g_string_assign (self->next, self->text->str);
      self->next_line = self->line;
      self->next_too_long = self->too_long;
    }

  g_string_append_len (logical, self->next->str, self->next->len);
  *start_line = self->next_line;
  *too_long = self->next_too_long;
  self->have_next = FALSE;

  for (;;)
    {
      gboolean qp_soft = logical->len > 0 && logical->str[logical->len - 1] == '=' &&
                         is_quoted_printable (logical->str);

      if ((rc = read_physical (self, error)) < 0)
        return -1;
      if (rc == 0)
        break;

      if (self->text->len > 0 && (self->text->str[0] == ' ' || self->text->str[0] == '\t'))
        {
          if (logical->len + self->text->len > CRM_VCARD_MAX_LINE)
            *too_long = TRUE;
          else
            g_string_append_len (logical, self->text->str + 1, self->text->len - 1);
          *too_long |= self->too_long;
          continue;
        }
      if (qp_soft)
        {
          g_string_truncate (logical, logical->len - 1);
          if (logical->len + self->text->len > CRM_VCARD_MAX_LINE)
            *too_long = TRUE;
          else
            g_string_append_len (logical, self->text->str, self->text->len);
          *too_long |= self->too_long;
          continue;
        }

      g_string_assign (self->next, self->text->str);
      self->next_line = self->line;
      self->next_too_long = self->too_long;
      self->have_next = TRUE;
      break;
    }

  return 1;
}

/* Reading: properties */

typedef struct
{
  char   *name;       /* upper case, without a group */
  GStrv   types;      /* lower case */
  char   *encoding;   /* upper case, or NULL */
  char   *charset;
  char   *value;      /* as written: still escaped */
} Property;

static void
property_clear (Property *prop)
{
  g_free (prop->name);
  g_strfreev (prop->types);
  g_free (prop->encoding);
  g_free (prop->charset);
  g_free (prop->value);
  memset (prop, 0, sizeof *prop);
}

/* Splits at @sep outside double quotes */
static GPtrArray *
split_unquoted (const char *text,
                gsize       len,
                char        sep)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  gboolean quoted = FALSE;
  gsize start = 0;

  for (gsize i = 0; i <= len; i++)
    {
      if (i < len && text[i] == '"')
        quoted = !quoted;
      else if (i == len || (!quoted && text[i] == sep))
        {
          g_ptr_array_add (parts, g_strndup (text + start, i - start));
          start = i + 1;
        }
    }

  return parts;
}

static gboolean
parse_property (const char *line,
                Property   *prop)
{
  g_autoptr(GPtrArray) head = NULL;
  g_autoptr(GPtrArray) types = g_ptr_array_new_with_free_func (g_free);
  gboolean quoted = FALSE;
  const char *colon = NULL;
  const char *name, *dot;

  for (const char *p = line; *p; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (*p == ':' && !quoted)
        {
          colon = p;
          break;
        }
    }
  if (colon == NULL || colon == line)
    return FALSE;

  head = split_unquoted (line, colon - line, ';');
  name = g_ptr_array_index (head, 0);
  if ((dot = strrchr (name, '.')) != NULL)
    name = dot + 1;
  prop->name = g_ascii_strup (name, -1);
  prop->value = g_strdup (colon + 1);

  for (guint i = 1; i < head->len; i++)
    {
      char *param = g_ptr_array_index (head, i);
      char *eq = strchr (param, '=');
      g_autofree char *key = eq ? g_ascii_strup (param, eq - param) : g_strdup ("TYPE");
      char *value = eq ? eq + 1 : param;
      g_auto(GStrv) values = NULL;

      /* TYPE="a,b" and TYPE=a,b and 2.1's bare ;WORK;VOICE */
      if (*value == '"')
        {
          value++;
          if (*value && value[strlen (value) - 1] == '"')
            value[strlen (value) - 1] = '\0';
        }

      if (strcmp (key, "TYPE") == 0)
        {
          values = g_strsplit (value, ",", -1);
          for (guint k = 0; values[k] != NULL; k++)
            if (*values[k] != '\0')
              g_ptr_array_add (types, g_ascii_strdown (values[k], -1));
        }
      else if (strcmp (key, "ENCODING") == 0)
        {
          g_free (prop->encoding);
          prop->encoding = g_ascii_strup (value, -1);
        }
      else if (strcmp (key, "CHARSET") == 0)
        {
          g_free (prop->charset);
          prop->charset = g_strdup (value);
        }
      else if (!eq)
        g_ptr_array_add (types, g_ascii_strdown (value, -1));
    }

  /* 2.1 writes the encoding as a bare parameter */
  for (guint i = 0; i < types->len; i++)
    if (g_strcmp0 (g_ptr_array_index (types, i), "quoted-printable") == 0)
      {
        g_free (prop->encoding);
        prop->encoding = g_strdup ("QUOTED-PRINTABLE");
      }
  g_ptr_array_add (types, NULL);
  prop->types = (GStrv)g_ptr_array_free (g_steal_pointer (&types), FALSE);

  return TRUE;
}

static char *
decode_quoted_printable (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      if (*p == '=' && g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2]))
        {
          g_string_append_c (out, (char)(g_ascii_xdigit_value (p[1]) * 16 + g_ascii_xdigit_value (p[2])));
          p += 2;
        }
      else if (*p == '=' && p[1] == '\0')
        break;
      else
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

/* The value as UTF-8 text, still escaped; NULL if it cannot be read */
static char *
property_text (const Property *prop)
{
  g_autofree char *raw = NULL;
  const char *charset = prop->charset;

  if (g_strcmp0 (prop->encoding, "QUOTED-PRINTABLE") == 0 || g_strcmp0 (prop->encoding, "QP") == 0)
    raw = decode_quoted_printable (prop->value);
  else
    raw = g_strdup (prop->value);

  if (charset == NULL || g_ascii_strcasecmp (charset, "UTF-8") == 0)
    {
      if (g_utf8_validate (raw, -1, NULL))
        return g_steal_pointer (&raw);
      /* old phones write their own code page and say nothing */
      charset = "WINDOWS-1251";
    }

  return g_convert (raw, -1, "UTF-8", charset, NULL, NULL, NULL);
}

/* Splits a structured value at unescaped semicolons and unescapes each part */
static GStrv
unescape_parts (const char *text,
                gboolean    structured)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  GString *part = g_string_new (NULL);

  for (const char *p = text; ; p++)
    {
      if (*p == '\0' || (structured && *p == ';'))
        {
          g_ptr_array_add (parts, g_strstrip (g_string_free (part, FALSE)));
          if (*p == '\0')
            break;
          part = g_string_new (NULL);
          continue;
        }
      if (*p == '\\' && p[1] != '\0')
        {
          p++;
          g_string_append_c (part, (*p == 'n' || *p == 'N') ? '\n' : *p);
          continue;
        }
      g_string_append_c (part, *p);
    }
  g_ptr_array_add (parts, NULL);

  return (GStrv)g_ptr_array_free (g_steal_pointer (&parts), FALSE);
}

/* A label from TYPE: its first word that says more than "internet" or "pref" */
static char *
label_from_types (GStrv types)
{
  static const char * const plain[] = { "internet", "pref", "voice", "x400", "text", "quoted-printable",
                                        "charset", NULL };

  for (guint i = 0; types && types[i] != NULL; i++)
    if (!g_strv_contains (plain, types[i]) && !g_str_has_prefix (types[i], "charset") &&
        !g_str_has_prefix (types[i], "encoding"))
      return g_strdup (types[i]);

  return NULL;
}

/* Reading: cards */

typedef struct
{
  guint      line;
  char      *fn;
  char      *first;
  char      *middle;
  char      *last;
  char      *org;
  char      *title;
  char      *note;
  char      *bday;
  GPtrArray *phones;     /* CrmExportValue-like: pairs label, value */
  GPtrArray *emails;
  gboolean   bad;
  char      *bad_reason;
} Card;

typedef struct
{
  char *label;
  char *value;
} Value;

static void
value_free (gpointer data)
{
  Value *value = data;

  g_free (value->label);
  g_free (value->value);
  g_free (value);
}

static void
card_reset (Card  *card,
            guint  line)
{
  g_clear_pointer (&card->fn, g_free);
  g_clear_pointer (&card->first, g_free);
  g_clear_pointer (&card->middle, g_free);
  g_clear_pointer (&card->last, g_free);
  g_clear_pointer (&card->org, g_free);
  g_clear_pointer (&card->title, g_free);
  g_clear_pointer (&card->note, g_free);
  g_clear_pointer (&card->bday, g_free);
  g_clear_pointer (&card->bad_reason, g_free);
  g_clear_pointer (&card->phones, g_ptr_array_unref);
  g_clear_pointer (&card->emails, g_ptr_array_unref);
  card->phones = g_ptr_array_new_with_free_func (value_free);
  card->emails = g_ptr_array_new_with_free_func (value_free);
  card->bad = FALSE;
  card->line = line;
}

static void
card_clear (Card *card)
{
  card_reset (card, 0);
  g_clear_pointer (&card->phones, g_ptr_array_unref);
  g_clear_pointer (&card->emails, g_ptr_array_unref);
}

static char *
nonempty (char *text)
{
  if (text != NULL && *text == '\0')
    {
      g_free (text);
      return NULL;
    }

  return text;
}

/* YYYY-MM-DD from the forms cards use: 1985-04-12, 19850412, 1985-04-12T…;
 * NULL for none or for a date without a year (--0412) */
static char *
parse_bday (const char *text)
{
  if (strlen (text) >= 8 && g_ascii_isdigit (text[0]) && g_ascii_isdigit (text[4]))
    {
      g_autofree char *dashed = g_strdup_printf ("%.4s-%.2s-%.2s", text, text + 4, text + 6);

      return crm_import_parse_date (dashed);
    }

  return crm_import_parse_date (text);
}

static void
card_take (Card            *card,
           CrmImportReport *report,
           const Property  *prop,
           guint            line)
{
  g_autofree char *text = property_text (prop);
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    {
      crm_import_report_add (report, line, FALSE, _("The %s value is not readable text; it is left out."),
                             prop->name);
      return;
    }

  if (strcmp (prop->name, "N") == 0)
    {
      parts = unescape_parts (text, TRUE);
      for (guint i = 0; i < 3 && parts[i] != NULL; i++)
        {
          char **slot = i == 0 ? &card->last : i == 1 ? &card->first : &card->middle;

          g_free (*slot);
          *slot = nonempty (g_strdup (parts[i]));
        }
    }
  else if (strcmp (prop->name, "ORG") == 0)
    {
      parts = unescape_parts (text, TRUE);
      g_free (card->org);
      card->org = nonempty (g_strdup (parts[0]));
    }
  else if (strcmp (prop->name, "FN") == 0 || strcmp (prop->name, "TITLE") == 0 ||
           strcmp (prop->name, "NOTE") == 0 || strcmp (prop->name, "BDAY") == 0)
    {
      char **slot = prop->name[0] == 'F' ? &card->fn : prop->name[0] == 'T' ? &card->title
                  : prop->name[0] == 'N' ? &card->note : &card->bday;

      parts = unescape_parts (text, FALSE);
      g_free (*slot);
      *slot = nonempty (g_strdup (parts[0]));
    }
  else if (strcmp (prop->name, "TEL") == 0 || strcmp (prop->name, "EMAIL") == 0)
    {
      gboolean tel = prop->name[0] == 'T';
      g_autoptr(GError) error = NULL;
      Value *value;
      const char *v;

      parts = unescape_parts (text, FALSE);
      v = parts[0];
      if (tel && g_ascii_strncasecmp (v, "tel:", 4) == 0)
        v += 4;
      else if (!tel && g_ascii_strncasecmp (v, "mailto:", 7) == 0)
        v += 7;
      if (*v == '\0')
        return;

      if (tel ? !crm_validate_phone (v, &error) : !crm_validate_email (v, &error))
        {
          crm_import_report_add (report, line, FALSE, _("%s It is left out."), error->message);
          return;
        }

      value = g_new0 (Value, 1);
      value->label = label_from_types (prop->types);
      value->value = g_strdup (v);
      g_ptr_array_add (tel ? card->phones : card->emails, value);
    }
}

/* Reading: the import */

typedef struct
{
  CrmStore        *store;
  CrmImportReport *report;
  const char      *locale;
  gint64           import_id;
  guint64          added;
  guint64          contacts;
} VImporter;

static char *
join_name (const char *locale,
           const char *first,
           const char *middle,
           const char *last)
{
  const char *parts[4] = { NULL };
  guint n = 0;

  /* the order the store writes full names in */
  if (g_strcmp0 (locale, "ru") == 0)
    {
      if (last) parts[n++] = last;
      if (first) parts[n++] = first;
      if (middle) parts[n++] = middle;
    }
  else
    {
      if (first) parts[n++] = first;
      if (middle) parts[n++] = middle;
      if (last) parts[n++] = last;
    }

  return g_strjoinv (" ", (char **)parts);
}

static gboolean
write_card_row (VImporter  *self,
                Card       *card,
                GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *full_name = NULL;
  g_autofree char *bday = NULL;
  CrmContactData contact = { 0 };
  const char *company_name;
  gint64 company_id, contact_id = 0;
  gboolean new_company = FALSE;
  gboolean ok;

  if (card->first == NULL && card->last == NULL && card->middle == NULL && card->fn != NULL)
    crm_import_split_person (self->locale, card->fn, &card->first, &card->middle, &card->last);
  if (card->first == NULL && card->last == NULL && card->middle == NULL)
    {
      crm_import_report_add (self->report, card->line, TRUE, _("The card has no name (FN or N)."));
      return TRUE;
    }
  full_name = join_name (self->locale, card->first, card->middle, card->last);

  if (card->bday != NULL && !(bday = parse_bday (card->bday)))
    crm_import_report_add (self->report, card->line, FALSE,
                           _("The birthday “%s” is not a whole date; it is left out."), card->bday);

  /* a card without an organization is a private client of its own */
  company_name = card->org ? card->org : (card->fn ? card->fn : full_name);

  company_id = crm_store_import_find_own_company (self->store, self->import_id, company_name, NULL, &local_error);
  if (company_id == 0 && local_error == NULL)
    company_id = crm_store_import_find_company_by_name (self->store, company_name, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (company_id != 0)
    {
      if (crm_store_import_find_contact (self->store, company_id, full_name, &local_error) != 0)
        {
          crm_import_report_add (self->report, card->line, TRUE,
                                 _("“%s” of “%s” is already in the database."), full_name, company_name);
          return TRUE;
        }
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  if (!crm_store_import_row_begin (self->store, error))
    return FALSE;

  ok = TRUE;
  if (company_id == 0)
    {
      CrmCompanyData company = { .name = company_name };

      ok = (company_id = crm_store_import_add_company (self->store, self->import_id, &company, NULL, &local_error)) != 0;
      new_company = ok;
    }

  contact.company_id = company_id;
  contact.first_name = card->first;
  contact.middle_name = card->middle;
  contact.last_name = card->last;
  contact.position = card->title;
  contact.birthday = bday;
  contact.notes = card->note;
  ok = ok && (contact_id = crm_store_import_add_contact (self->store, self->import_id, &contact, &local_error)) != 0;

  for (guint i = 0; ok && i < card->phones->len; i++)
    {
      Value *value = g_ptr_array_index (card->phones, i);

      ok = crm_store_add_phone (self->store, company_id, contact_id, value->label, value->value, &local_error) != 0;
    }
  for (guint i = 0; ok && i < card->emails->len; i++)
    {
      Value *value = g_ptr_array_index (card->emails, i);

      ok = crm_store_add_email (self->store, company_id, contact_id, value->label, value->value, &local_error) != 0;
    }

  if (!crm_store_import_row_end (self->store, ok, error))
    return FALSE;

  if (!ok)
    {
      if (g_error_matches (local_error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT))
        {
          crm_import_report_add (self->report, card->line, TRUE, "%s", local_error->message);
          return TRUE;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (new_company)
    self->added++;
  self->contacts++;

  return TRUE;
}

static gboolean
open_lines (Lines         *lines,
            const char    *path,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  gssize n;

  if (!(stream = g_file_read (file, cancellable, error)))
    return FALSE;
  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable, NULL);

  lines->in = G_INPUT_STREAM (g_steal_pointer (&stream));
  lines->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  lines->size = info ? g_file_info_get_size (info) : 0;
  lines->buf = g_malloc (BUFFER_SIZE);
  lines->text = g_string_new (NULL);
  lines->next = g_string_new (NULL);

  /* the first buffer: binary data is refused before anything is read */
  n = g_input_stream_read (lines->in, lines->buf, BUFFER_SIZE, cancellable, error);
  if (n < 0)
    return FALSE;
  lines->len = n;
  lines->eof = n == 0;
  if (memchr (lines->buf, '\0', n) != NULL)
    {
      g_set_error (error, CRM_CSV_ERROR, CRM_CSV_ERROR_NOT_TEXT,
                   _("“%s” is not a vCard file: it holds binary data."), path);
      return FALSE;
    }
  if (n >= 3 && memcmp (lines->buf, "\xef\xbb\xbf", 3) == 0)
    lines->pos = 3;

  return TRUE;
}

gboolean
crm_vcard_import (CrmStore         *store,
                  const char       *path,
                  CrmImportReport  *report,
                  CrmProgressFunc   progress,
                  gpointer          progress_data,
                  GCancellable     *cancellable,
                  GError          **error)
{
  g_autoptr(GString) logical = g_string_new (NULL);
  g_autofree char *base = NULL;
  Lines lines = { 0 };
  Card card = { 0 };
  VImporter self = { 0 };
  gboolean in_card = FALSE;
  gboolean in_batch = FALSE;
  gboolean any_card = FALSE;
  gboolean ok = FALSE;
  guint in_this_batch = 0;
  guint line;
  gboolean too_long;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  if (!open_lines (&lines, path, cancellable, error))
    {
      lines_clear (&lines);
      return FALSE;
    }

  self.store = store;
  self.report = report;
  self.locale = crm_store_get_locale (store);
  g_free (report->encoding);
  report->encoding = g_strdup ("UTF-8");

  base = g_path_get_basename (path);
  if (!(self.import_id = crm_store_import_begin (store, "vcard", base, error)))
    {
      lines_clear (&lines);
      return FALSE;
    }
  report->import_id = self.import_id;
  crm_store_set_bulk_mode (store, TRUE);

  while ((rc = read_logical (&lines, logical, &line, &too_long, error)) > 0)
    {
      Property prop = { 0 };

      if (too_long)
        {
          if (in_card)
            {
              card.bad = TRUE;
              card.bad_reason = g_strdup_printf (_("Line %u is longer than %d MiB."), line,
                                                 CRM_VCARD_MAX_LINE / (1024 * 1024));
            }
          continue;
        }

      if (!parse_property (logical->str, &prop))
        {
          /* a line that is no property: a bad card, or noise between cards */
          if (in_card && logical->len > 0 && !card.bad)
            {
              card.bad = TRUE;
              card.bad_reason = g_strdup_printf (_("Line %u is not a vCard property."), line);
            }
          continue;
        }

      if (strcmp (prop.name, "BEGIN") == 0 && g_ascii_strcasecmp (prop.value, "VCARD") == 0)
        {
          if (in_card)
            {
              report->rows++;
              crm_import_report_add (report, card.line, TRUE, _("The card has no END:VCARD."));
            }
          card_reset (&card, line);
          in_card = TRUE;
          any_card = TRUE;
        }
      else if (in_card && strcmp (prop.name, "END") == 0 && g_ascii_strcasecmp (prop.value, "VCARD") == 0)
        {
          in_card = FALSE;
          report->rows++;

          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            {
              property_clear (&prop);
              goto finish;
            }

          if (card.bad)
            crm_import_report_add (report, card.line, TRUE, "%s", card.bad_reason);
          else
            {
              if (!in_batch)
                {
                  if (!crm_store_begin (store, error))
                    {
                      property_clear (&prop);
                      goto finish;
                    }
                  in_batch = TRUE;
                }
              if (!write_card_row (&self, &card, error))
                {
                  property_clear (&prop);
                  goto finish;
                }
              if (++in_this_batch >= DEFAULT_BATCH)
                {
                  in_batch = FALSE;
                  in_this_batch = 0;
                  if (!crm_store_commit (store, error))
                    {
                      property_clear (&prop);
                      goto finish;
                    }
                  report->added += self.added;
                  report->contacts += self.contacts;
                  self.added = self.contacts = 0;
                  if (progress != NULL && lines.size > 0)
                    progress ((double)g_seekable_tell (G_SEEKABLE (lines.in)) / lines.size,
                              _("Importing contact persons"), progress_data);
                }
            }
        }
      else if (in_card)
        card_take (&card, report, &prop, line);

      property_clear (&prop);
    }
  if (rc < 0)
    goto finish;

  if (in_card)
    {
      report->rows++;
      crm_import_report_add (report, card.line, TRUE, _("The card has no END:VCARD."));
    }

  if (in_batch)
    {
      in_batch = FALSE;
      if (!crm_store_commit (store, error))
        goto finish;
      report->added += self.added;
      report->contacts += self.contacts;
    }

  if (!any_card)
    {
      g_set_error (error, CRM_CSV_ERROR, CRM_CSV_ERROR_EMPTY, _("“%s” holds no vCards."), path);
      goto finish;
    }
  ok = TRUE;

finish:
  if (in_batch)
    crm_store_rollback (store);
  crm_store_set_bulk_mode (store, FALSE);

  /* what was committed stays, and so does its "imported" entry */
  if (self.import_id != 0 &&
      !crm_store_import_write_history (store, self.import_id, ok ? error : NULL) && ok)
    ok = FALSE;
  if (!crm_store_import_reindex (store, self.import_id, ok ? error : NULL) && ok)
    ok = FALSE;
  if (!crm_store_import_finish (store, self.import_id, report->added, 0, report->skipped, ok ? error : NULL) && ok)
    ok = FALSE;

  card_clear (&card);
  lines_clear (&lines);

  return ok;
}
