/* crm-eml.c: e-mail messages (.eml files) read for the history
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GMime does the MIME work: headers with RFC 2047 encoded words, charsets,
 * transfer encodings, nested multiparts. This file picks what the history
 * keeps: the addresses, the subject, the date, one text body (text/plain,
 * else the HTML part as text) and the attached files.
 */

#define G_LOG_DOMAIN "crm-eml"

#include "config.h"

#include <glib/gi18n.h>
#include <gmime/gmime.h>
#include <string.h>

#include "crm-documents.h"
#include "crm-eml.h"

/* A message larger than this is not read: its attachments would not be kept */
#define EML_MAX_SIZE CRM_DOCUMENT_MAX_SIZE

G_DEFINE_QUARK (crm-eml-error-quark, crm_eml_error)

/* GMime 3.2 declares no cleanups of its own */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeStream, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeParser, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeMessage, g_object_unref)

static void
ensure_gmime (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      g_mime_init ();
      g_once_init_leave (&initialized, 1);
    }
}

static void
attachment_free (CrmEmlAttachment *attachment)
{
  g_free (attachment->name);
  g_free (attachment->mime_type);
  g_clear_pointer (&attachment->data, g_bytes_unref);
  g_free (attachment);
}

void
crm_eml_message_free (CrmEmlMessage *message)
{
  if (message == NULL)
    return;
  g_free (message->message_id);
  g_free (message->from);
  g_free (message->from_address);
  g_free (message->to);
  g_free (message->cc);
  g_clear_pointer (&message->to_addresses, g_ptr_array_unref);
  g_clear_pointer (&message->cc_addresses, g_ptr_array_unref);
  g_free (message->subject);
  g_free (message->body);
  g_clear_pointer (&message->attachments, g_ptr_array_unref);
  g_free (message);
}

void
crm_eml_match_free (CrmEmlMatch *match)
{
  if (match == NULL)
    return;
  g_free (match->name);
  g_free (match->address);
  g_free (match);
}

/**
 * crm_eml_file_is_message:
 * @name: a file name
 *
 * Returns: whether the name says it is a saved e-mail message (.eml)
 */
gboolean
crm_eml_file_is_message (const char *name)
{
  const char *dot;

  if (name == NULL || (dot = strrchr (name, '.')) == NULL)
    return FALSE;

  return g_ascii_strcasecmp (dot, ".eml") == 0;
}

/* Addresses */

static void
collect_addresses (InternetAddressList *list,
                   GPtrArray           *addresses)
{
  if (list == NULL)
    return;

  for (int i = 0; i < internet_address_list_length (list); i++)
    {
      InternetAddress *address = internet_address_list_get_address (list, i);

      if (INTERNET_ADDRESS_IS_MAILBOX (address))
        {
          const char *addr = internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (address));

          if (addr != NULL && strchr (addr, '@') != NULL)
            g_ptr_array_add (addresses, g_utf8_strdown (addr, -1));
        }
      else if (INTERNET_ADDRESS_IS_GROUP (address))
        collect_addresses (internet_address_group_get_members (INTERNET_ADDRESS_GROUP (address)), addresses);
    }
}

static char *
list_as_text (InternetAddressList *list)
{
  char *text;

  if (list == NULL || internet_address_list_length (list) == 0)
    return NULL;
  text = internet_address_list_to_string (list, NULL, FALSE);
  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    {
      char *valid = g_utf8_make_valid (text, -1);

      g_free (text);
      text = valid;
    }

  return text;
}

/* HTML as text */

static const struct
{
  const char *name;
  const char *text;
} entities[] = {
  { "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" }, { "apos", "'" },
  { "nbsp", " " }, { "laquo", "«" }, { "raquo", "»" }, { "mdash", "—" }, { "ndash", "–" },
  { "hellip", "…" }, { "copy", "©" }, { "euro", "€" },
};

static const char *
append_entity (GString    *out,
               const char *p)
{
  const char *end = strchr (p, ';');
  gsize length;

  if (end == NULL || end - p > 10)
    {
      g_string_append_c (out, '&');
      return p + 1;
    }
  length = end - p - 1;

  if (p[1] == '#')
    {
      gunichar c;

      if (p[2] == 'x' || p[2] == 'X')
        c = (gunichar)g_ascii_strtoull (p + 3, NULL, 16);
      else
        c = (gunichar)g_ascii_strtoull (p + 2, NULL, 10);
      if (c != 0 && g_unichar_validate (c))
        g_string_append_unichar (out, c == 0xa0 ? ' ' : c);
      return end + 1;
    }

  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    if (strlen (entities[i].name) == length && strncmp (p + 1, entities[i].name, length) == 0)
      {
        g_string_append (out, entities[i].text);
        return end + 1;
      }

  g_string_append_c (out, '&');
  return p + 1;
}

static gboolean
tag_is (const char *tag,
        gsize       length,
        const char *name)
{
  gsize n = strlen (name);

  return length >= n && g_ascii_strncasecmp (tag, name, n) == 0 &&
         (length == n || g_ascii_isspace (tag[n]) || tag[n] == '/' || tag[n] == '>');
}

/**
 * crm_eml_html_to_text:
 *
 * Returns: (transfer full): the text of an HTML body: tags removed, scripts
 *   and styles dropped, blocks and line breaks as new lines, entities decoded
 */
char *
crm_eml_html_to_text (const char *html)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p = html;
  gboolean space = FALSE;

  g_return_val_if_fail (html != NULL, NULL);

  while (*p != '\0')
    {
      if (*p == '<')
        {
          const char *end;
          const char *tag = p + 1;
          gboolean closing = (*tag == '/');
          gsize length;

          if (strncmp (p, "<!--", 4) == 0)
            {
              end = strstr (p + 4, "-->");
              p = end != NULL ? end + 3 : p + strlen (p);
              continue;
            }
          if ((end = strchr (p, '>')) == NULL)
            break;
          if (closing)
            tag++;
          length = end - tag;

          if (!closing && (tag_is (tag, length, "script") || tag_is (tag, length, "style") ||
                           tag_is (tag, length, "head")))
            {
              const char *name = tag_is (tag, length, "script") ? "</script" :
                                 tag_is (tag, length, "style") ? "</style" : "</head";
              const char *close = NULL;

              for (const char *q = end; (q = strchr (q, '<')) != NULL; q++)
                if (g_ascii_strncasecmp (q, name, strlen (name)) == 0)
                  {
                    close = q;
                    break;
                  }
              end = close != NULL ? strchr (close, '>') : NULL;
              p = end != NULL ? end + 1 : p + strlen (p);
              continue;
            }

          if (tag_is (tag, length, "br") || tag_is (tag, length, "p") || tag_is (tag, length, "div") ||
              tag_is (tag, length, "tr") || tag_is (tag, length, "li") || tag_is (tag, length, "h1") ||
              tag_is (tag, length, "h2") || tag_is (tag, length, "h3") || tag_is (tag, length, "blockquote") ||
              tag_is (tag, length, "table"))
            {
              while (out->len > 0 && out->str[out->len - 1] == ' ')
                g_string_truncate (out, out->len - 1);
              g_string_append_c (out, '\n');
              space = FALSE;
            }
          else if (tag_is (tag, length, "td") || tag_is (tag, length, "th"))
            space = TRUE;
          p = end + 1;
          continue;
        }

      if (g_ascii_isspace (*p))
        {
          space = TRUE;
          p++;
          continue;
        }

      if (space && out->len > 0 && out->str[out->len - 1] != '\n')
        g_string_append_c (out, ' ');
      space = FALSE;

      if (*p == '&')
        p = append_entity (out, p);
      else
        g_string_append_c (out, *p++);
    }

  /* At most one empty line between paragraphs, none around the text */
  {
    g_autoptr(GString) tidy = g_string_new (NULL);
    guint newlines = 0;

    for (const char *q = out->str; *q != '\0'; q++)
      {
        if (*q == '\n')
          {
            newlines++;
            continue;
          }
        if (tidy->len > 0 && newlines > 0)
          g_string_append (tidy, newlines > 1 ? "\n\n" : "\n");
        newlines = 0;
        g_string_append_c (tidy, *q);
      }
    return g_string_free (g_steal_pointer (&tidy), FALSE);
  }
}

/* The parts */

typedef struct
{
  CrmEmlMessage *message;
  GMimeTextPart *plain;
  GMimeTextPart *html;
  guint          unnamed;
} Walk;

static GBytes *
object_bytes (GMimeObject *object,
              gboolean     decoded)
{
  g_autoptr(GMimeStream) stream = g_mime_stream_mem_new ();
  GByteArray *array;

  if (decoded)
    {
      GMimeDataWrapper *content = g_mime_part_get_content (GMIME_PART (object));

      if (content != NULL)
        g_mime_data_wrapper_write_to_stream (content, stream);
    }
  else
    g_mime_object_write_to_stream (object, NULL, stream);

  array = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (stream));
  return g_bytes_new (array->data, array->len);
}

static void
add_attachment (Walk        *walk,
                const char  *name,
                const char  *mime_type,
                GBytes      *data)
{
  CrmEmlAttachment *attachment = g_new0 (CrmEmlAttachment, 1);

  if (name != NULL && *name != '\0')
    attachment->name = g_utf8_make_valid (name, -1);
  else
    /* Translators: the name given to an e-mail's attached file that has none; %u counts them */
    attachment->name = g_strdup_printf (_("Attachment %u"), ++walk->unnamed);
  /* a generic type is guessed again from the name when the file is stored */
  if (g_strcmp0 (mime_type, "application/octet-stream") != 0)
    attachment->mime_type = g_strdup (mime_type);
  attachment->data = data;
  g_ptr_array_add (walk->message->attachments, attachment);
}

static void
walk_part (Walk        *walk,
           GMimeObject *object)
{
  GMimeContentType *type = g_mime_object_get_content_type (object);
  g_autofree char *mime_type = type != NULL ? g_mime_content_type_get_mime_type (type)
                                            : g_strdup ("application/octet-stream");

  if (GMIME_IS_MULTIPART (object))
    {
      GMimeMultipart *multipart = GMIME_MULTIPART (object);

      for (int i = 0; i < g_mime_multipart_get_count (multipart); i++)
        walk_part (walk, g_mime_multipart_get_part (multipart, i));
      return;
    }

  if (GMIME_IS_MESSAGE_PART (object))
    {
      GMimeMessage *inner = g_mime_message_part_get_message (GMIME_MESSAGE_PART (object));
      g_autofree char *name = NULL;

      if (inner == NULL)
        return;
      name = g_strdup_printf ("%s.eml", g_mime_message_get_subject (inner) != NULL &&
                                        *g_mime_message_get_subject (inner) != '\0'
                                        ? g_mime_message_get_subject (inner) : "message");
      add_attachment (walk, name, "message/rfc822", object_bytes (GMIME_OBJECT (inner), FALSE));
      return;
    }

  if (GMIME_IS_PART (object))
    {
      GMimePart *part = GMIME_PART (object);
      const char *filename = g_mime_part_get_filename (part);
      gboolean attached = g_mime_part_is_attachment (part);

      if (GMIME_IS_TEXT_PART (object) && !attached && filename == NULL)
        {
          if (g_mime_content_type_is_type (type, "text", "plain") && walk->plain == NULL)
            {
              walk->plain = GMIME_TEXT_PART (object);
              return;
            }
          if (g_mime_content_type_is_type (type, "text", "html") && walk->html == NULL)
            {
              walk->html = GMIME_TEXT_PART (object);
              return;
            }
          /* a second body of an alternative: the first one is what is kept */
          if (g_mime_content_type_is_type (type, "text", "plain") ||
              g_mime_content_type_is_type (type, "text", "html"))
            return;
        }

      /* Inline pictures of an HTML body, without a name of their own */
      if (filename == NULL && !attached && g_mime_part_get_content_id (part) != NULL)
        return;

      add_attachment (walk, filename, mime_type, object_bytes (object, TRUE));
    }
}

static char *
text_of (GMimeTextPart *part)
{
  char *text = g_mime_text_part_get_text (part);
  char *out;

  if (text == NULL)
    return NULL;

  /* Mail travels with CRLF line ends; the history keeps LF */
  out = text;
  for (const char *p = text; *p != '\0'; p++)
    if (!(p[0] == '\r' && p[1] == '\n'))
      *out++ = *p;
  *out = '\0';

  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    {
      char *valid = g_utf8_make_valid (text, -1);

      g_free (text);
      text = valid;
    }

  return text;
}

static gboolean
looks_like_message (GMimeMessage *message)
{
  static const char * const headers[] = { "From", "To", "Subject", "Date", "Message-ID" };

  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    if (g_mime_object_get_header (GMIME_OBJECT (message), headers[i]) != NULL)
      return TRUE;

  return FALSE;
}

static CrmEmlMessage *
parse_stream (GMimeStream  *stream,
              GError      **error)
{
  g_autoptr(GMimeParser) parser = g_mime_parser_new_with_stream (stream);
  g_autoptr(GMimeMessage) message = NULL;
  g_autoptr(CrmEmlMessage) result = NULL;
  GMimeObject *body;
  GDateTime *date;
  const char *text;
  Walk walk = { 0 };

  message = g_mime_parser_construct_message (parser, NULL);
  if (message == NULL || !looks_like_message (message))
    {
      g_set_error (error, CRM_EML_ERROR, CRM_EML_ERROR_NOT_A_MESSAGE,
                   _("The file is not an e-mail message: it has no sender, recipient, subject or date."));
      return NULL;
    }

  result = g_new0 (CrmEmlMessage, 1);
  result->to_addresses = g_ptr_array_new_with_free_func (g_free);
  result->cc_addresses = g_ptr_array_new_with_free_func (g_free);
  result->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify)attachment_free);

  if ((text = g_mime_message_get_message_id (message)) != NULL && *text != '\0')
    result->message_id = g_utf8_make_valid (text, -1);

  {
    g_autoptr(GPtrArray) from = g_ptr_array_new_with_free_func (g_free);

    collect_addresses (g_mime_message_get_from (message), from);
    if (from->len > 0)
      result->from_address = g_strdup (g_ptr_array_index (from, 0));
    result->from = list_as_text (g_mime_message_get_from (message));
  }
  collect_addresses (g_mime_message_get_to (message), result->to_addresses);
  collect_addresses (g_mime_message_get_cc (message), result->cc_addresses);
  result->to = list_as_text (g_mime_message_get_to (message));
  result->cc = list_as_text (g_mime_message_get_cc (message));

  text = g_mime_message_get_subject (message);
  result->subject = g_strstrip (g_utf8_make_valid (text != NULL ? text : "", -1));

  if ((date = g_mime_message_get_date (message)) != NULL)
    result->date = g_date_time_to_unix (date);

  walk.message = result;
  if ((body = g_mime_message_get_mime_part (message)) != NULL)
    walk_part (&walk, body);
  if (walk.plain != NULL)
    result->body = text_of (walk.plain);
  else if (walk.html != NULL)
    {
      g_autofree char *html = text_of (walk.html);

      if (html != NULL)
        result->body = crm_eml_html_to_text (html);
    }
  if (result->body != NULL)
    g_strstrip (result->body);

  return g_steal_pointer (&result);
}

/**
 * crm_eml_parse_bytes:
 * @bytes: a whole message, as an .eml file holds it
 *
 * Returns: (transfer full): the message, or %NULL with an error in
 *   %CRM_EML_ERROR
 */
CrmEmlMessage *
crm_eml_parse_bytes (GBytes  *bytes,
                     GError **error)
{
  g_autoptr(GMimeStream) stream = NULL;
  gsize size;
  const char *data;

  g_return_val_if_fail (bytes != NULL, NULL);

  ensure_gmime ();
  data = g_bytes_get_data (bytes, &size);
  if (size > EML_MAX_SIZE)
    {
      g_autofree char *limit = g_format_size (EML_MAX_SIZE);

      g_set_error (error, CRM_EML_ERROR, CRM_EML_ERROR_TOO_LARGE,
                   _("The message is too large: messages of up to %s can be read."), limit);
      return NULL;
    }
  if (size == 0)
    {
      g_set_error (error, CRM_EML_ERROR, CRM_EML_ERROR_NOT_A_MESSAGE, _("The file is empty."));
      return NULL;
    }

  stream = g_mime_stream_mem_new_with_buffer (data, size);
  return parse_stream (stream, error);
}

/**
 * crm_eml_parse_file:
 *
 * Returns: (transfer full): the message in @file, or %NULL with an error
 *   that names the file
 */
CrmEmlMessage *
crm_eml_parse_file (GFile         *file,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  CrmEmlMessage *message;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return NULL;
  name = g_strdup (g_file_info_get_display_name (info));
  if (g_file_info_get_size (info) > EML_MAX_SIZE)
    {
      g_autofree char *limit = g_format_size (EML_MAX_SIZE);

      /* Translators: %s is a file name, then a size such as "209.7 MB" */
      g_set_error (error, CRM_EML_ERROR, CRM_EML_ERROR_TOO_LARGE,
                   _("“%s” is too large: messages of up to %s can be read."), name, limit);
      return NULL;
    }

  if (!(bytes = g_file_load_bytes (file, cancellable, NULL, error)))
    return NULL;

  if (!(message = crm_eml_parse_bytes (bytes, &local_error)))
    {
      /* Translators: %s is a file name, then why it cannot be read */
      g_set_error (error, local_error->domain, local_error->code, _("Cannot read “%s”: %s"),
                   name, local_error->message);
      return NULL;
    }

  return message;
}

/**
 * crm_eml_message_addresses:
 *
 * Returns: (transfer full) (element-type utf8): the sender's and the
 *   recipients' addresses, lower-case, each once
 */
GPtrArray *
crm_eml_message_addresses (const CrmEmlMessage *message)
{
  GPtrArray *all = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *lists[] = { message->to_addresses, message->cc_addresses };

  if (message->from_address != NULL)
    g_ptr_array_add (all, g_strdup (message->from_address));
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < lists[l]->len; i++)
      {
        const char *address = g_ptr_array_index (lists[l], i);

        if (!g_ptr_array_find_with_equal_func (all, address, g_str_equal, NULL))
          g_ptr_array_add (all, g_strdup (address));
      }

  return all;
}

static void
append_json_string (GString    *json,
                    const char *text)
{
  g_string_append_c (json, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = *p;

      if (c == '"' || c == '\\')
        g_string_append_printf (json, "\\%c", c);
      else if (c == '\n')
        g_string_append (json, "\\n");
      else if (c == '\r')
        g_string_append (json, "\\r");
      else if (c == '\t')
        g_string_append (json, "\\t");
      else if (c < 0x20)
        g_string_append_printf (json, "\\u%04x", c);
      else
        g_string_append_c (json, c);
    }
  g_string_append_c (json, '"');
}

static void
append_json_list (GString    *json,
                  const char *key,
                  GPtrArray  *values)
{
  g_string_append_printf (json, ",\"%s\":[", key);
  for (guint i = 0; i < values->len; i++)
    {
      if (i > 0)
        g_string_append_c (json, ',');
      append_json_string (json, g_ptr_array_index (values, i));
    }
  g_string_append_c (json, ']');
}

/**
 * crm_eml_message_details:
 *
 * Returns: (transfer full): the history entry's details, JSON:
 *   {"from": "…", "from_address": "…", "to": ["…"], "cc": ["…"],
 *    "to_text": "…", "cc_text": "…", "message_id": "…"}
 */
char *
crm_eml_message_details (const CrmEmlMessage *message)
{
  GString *json = g_string_new ("{\"from\":");

  append_json_string (json, message->from != NULL ? message->from : "");
  g_string_append (json, ",\"from_address\":");
  append_json_string (json, message->from_address != NULL ? message->from_address : "");
  append_json_list (json, "to", message->to_addresses);
  append_json_list (json, "cc", message->cc_addresses);
  g_string_append (json, ",\"to_text\":");
  append_json_string (json, message->to != NULL ? message->to : "");
  g_string_append (json, ",\"cc_text\":");
  append_json_string (json, message->cc != NULL ? message->cc : "");
  if (message->message_id != NULL)
    {
      g_string_append (json, ",\"message_id\":");
      append_json_string (json, message->message_id);
    }
  g_string_append_c (json, '}');

  return g_string_free (json, FALSE);
}
