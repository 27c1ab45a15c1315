/* crm-import.c: importing clients from CSV files
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-import"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm-csv.h"
#include "crm-duplicates.h"
#include "crm-import.h"
#include "crm-store-import.h"
#include "crm-validate.h"

#define DEFAULT_BATCH 5000
#define DEFAULT_BIG_ROWS 50000
#define PROGRESS_EVERY 1000
#define MAX_VALUE 10000          /* characters of any one value but the notes */

/* Fields: how options name them, what the export writes, and the header
 * names (already normalized: case-folded, ё as е, punctuation as spaces)
 * that the importer knows them by */
typedef struct
{
  CrmImportField  field;
  const char     *id;
  const char     *en;
  const char     *ru;
  const char     *synonyms;
} FieldInfo;

static const FieldInfo fields[] = {
  { CRM_IMPORT_FIELD_NONE, "none", NULL, NULL, "" },
  { CRM_IMPORT_FIELD_NAME, "name", "Name", "Название",
    "name|company|company name|client|client name|organization|organisation|account|account name|"
    "название|наименование|компания|клиент|организация|название компании|наименование организации" },
  { CRM_IMPORT_FIELD_LEGAL_NAME, "legal-name", "Legal name", "Юридическое название",
    "legal name|registered name|company legal name|юридическое название|юридическое наименование|"
    "полное наименование|юр название|юр наименование|полное название" },
  { CRM_IMPORT_FIELD_TAX_ID, "tax-id", "Tax ID", "ИНН",
    "tax id|taxid|tax number|vat|vat id|vat number|tin|inn|инн" },
  { CRM_IMPORT_FIELD_STATUS, "status", "Status", "Статус", "status|статус|стадия" },
  { CRM_IMPORT_FIELD_INDUSTRY, "industry", "Industry", "Отрасль", "industry|sector|отрасль|сфера|сфера деятельности" },
  { CRM_IMPORT_FIELD_REGION, "region", "Region", "Регион", "region|state|регион|область" },
  { CRM_IMPORT_FIELD_SOURCE, "source", "Source", "Источник", "source|lead source|источник|источник клиента" },
  { CRM_IMPORT_FIELD_CITY, "city", "City", "Город", "city|town|город|населенный пункт" },
  { CRM_IMPORT_FIELD_ADDRESS, "address", "Address", "Адрес", "address|street|адрес|юридический адрес|фактический адрес" },
  { CRM_IMPORT_FIELD_PHONE, "phone", "Phones", "Телефоны",
    "phone|phones|telephone|phone number|tel|телефон|телефоны|тел|номер телефона" },
  { CRM_IMPORT_FIELD_EMAIL, "email", "E-mails", "Эл. почта",
    "e mail|e mails|email|emails|mail|email address|e mail address|почта|эл почта|электронная почта|"
    "e mail адрес|email адрес" },
  { CRM_IMPORT_FIELD_WEBSITE, "website", "Website", "Сайт", "website|web site|site|url|web|www|сайт|веб сайт" },
  { CRM_IMPORT_FIELD_MANAGER, "manager", "Manager", "Менеджер",
    "manager|owner|account manager|responsible|sales rep|менеджер|ответственный|ответственный менеджер" },
  { CRM_IMPORT_FIELD_NOTES, "notes", "Notes", "Примечание",
    "notes|note|comment|comments|description|примечание|примечания|комментарий|комментарии|заметки" },
  { CRM_IMPORT_FIELD_CONTACT, "contact", "Contact person", "Контактное лицо",
    "contact|contact person|contact name|контакт|контактное лицо|фио|фио контакта" },
  { CRM_IMPORT_FIELD_POSITION, "position", "Position", "Должность", "position|title|job title|role|должность" },
  { CRM_IMPORT_FIELD_CONTACT_PHONE, "contact-phone", "Contact phone", "Телефон контакта",
    "contact phone|contact telephone|mobile|mobile phone|телефон контакта|телефон контактного лица|мобильный|"
    "мобильный телефон" },
  { CRM_IMPORT_FIELD_CONTACT_EMAIL, "contact-email", "Contact e-mail", "E-mail контакта",
    "contact e mail|contact email|e mail контакта|email контакта|почта контакта|e mail контактного лица|"
    "email контактного лица" },
  { CRM_IMPORT_FIELD_BIRTHDAY, "birthday", "Birthday", "Дата рождения",
    "birthday|date of birth|birth date|дата рождения|день рождения" },
  { CRM_IMPORT_FIELD_TAGS, "tags", "Tags", "Теги", "tags|tag|labels|теги|тег|метки" },
  { CRM_IMPORT_FIELD_CREATED, "created", "Created", "Создан",
    "created|created at|date created|создан|дата создания" },
  { CRM_IMPORT_FIELD_LAST_CONTACT, "last-contact", "Last contact", "Последний контакт",
    "last contact|последний контакт" },
};

G_STATIC_ASSERT (G_N_ELEMENTS (fields) == CRM_IMPORT_N_FIELDS);

/* The columns of the export, also assumed for a file without a header */
static const CrmImportField export_order[] = { CRM_EXPORT_COLUMNS };

const char *
crm_import_field_to_string (CrmImportField field)
{
  g_return_val_if_fail (field < CRM_IMPORT_N_FIELDS, NULL);
  return fields[field].id;
}

gboolean
crm_import_field_from_string (const char     *text,
                              CrmImportField *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (text, fields[i].id) == 0)
      {
        *field = fields[i].field;
        return TRUE;
      }

  return FALSE;
}

const char *
crm_import_field_header (CrmImportField  field,
                         const char     *locale)
{
  g_return_val_if_fail (field < CRM_IMPORT_N_FIELDS, NULL);
  return g_strcmp0 (locale, "ru") == 0 ? fields[field].ru : fields[field].en;
}

static char *
normalize_header (const char *header)
{
  g_autofree char *folded = g_utf8_casefold (header, -1);
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x0451)  /* ё */
        c = 0x0435;
      if (g_unichar_isalnum (c))
        {
          if (space && out->len > 0)
            g_string_append_c (out, ' ');
          g_string_append_unichar (out, c);
          space = FALSE;
        }
      else
        space = TRUE;
    }

  return g_string_free (out, FALSE);
}

CrmImportField
crm_import_field_for_header (const char *header)
{
  g_autofree char *name = NULL;

  if (header == NULL || !g_utf8_validate (header, -1, NULL))
    return CRM_IMPORT_FIELD_NONE;

  name = normalize_header (header);
  if (*name == '\0')
    return CRM_IMPORT_FIELD_NONE;

  for (guint i = 1; i < G_N_ELEMENTS (fields); i++)
    {
      const char *p = fields[i].synonyms;
      gsize len = strlen (name);

      while (p != NULL && *p)
        {
          const char *bar = strchr (p, '|');
          gsize n = bar ? (gsize)(bar - p) : strlen (p);

          if (n == len && strncmp (p, name, n) == 0)
            return fields[i].field;
          p = bar ? bar + 1 : NULL;
        }
    }

  return CRM_IMPORT_FIELD_NONE;
}

/* Options and reports */

void
crm_import_options_init (CrmImportOptions *options)
{
  memset (options, 0, sizeof *options);
  options->on_duplicate = CRM_IMPORT_DUPLICATE_SKIP;
}

static void
problem_free (gpointer data)
{
  CrmImportProblem *problem = data;

  g_free (problem->reason);
  g_free (problem);
}

CrmImportReport *
crm_import_report_new (void)
{
  CrmImportReport *report = g_new0 (CrmImportReport, 1);

  report->problems = g_ptr_array_new_with_free_func (problem_free);
  report->ignored = g_ptr_array_new_with_free_func (g_free);

  return report;
}

void
crm_import_report_free (CrmImportReport *report)
{
  if (report == NULL)
    return;

  g_ptr_array_unref (report->problems);
  g_ptr_array_unref (report->ignored);
  g_free (report->encoding);
  g_free (report);
}

void
crm_import_report_add (CrmImportReport *report,
                       guint            line,
                       gboolean         skipped,
                       const char      *format,
                       ...)
{
  CrmImportProblem *problem = g_new0 (CrmImportProblem, 1);
  va_list args;

  va_start (args, format);
  problem->reason = g_strdup_vprintf (format, args);
  va_end (args);
  problem->line = line;
  problem->skipped = skipped;
  g_ptr_array_add (report->problems, problem);

  if (skipped)
    report->skipped++;
}

/* Dates */

char *
crm_import_parse_date (const char *text)
{
  unsigned y, m, d;
  int n = 0;

  if (text == NULL)
    return NULL;

  while (*text == ' ')
    text++;

  if (sscanf (text, "%4u-%2u-%2u%n", &y, &m, &d, &n) == 3 && n == 10)
    ;
  else if ((sscanf (text, "%2u.%2u.%4u%n", &d, &m, &y, &n) == 3 ||
            sscanf (text, "%2u/%2u/%4u%n", &d, &m, &y, &n) == 3) && n >= 8 && y >= 1000)
    ;
  else
    return NULL;

  /* nothing but spaces (or a time of day, as spreadsheets append) may follow */
  if (text[n] != '\0' && text[n] != ' ' && text[n] != 'T')
    return NULL;

  if (!g_date_valid_dmy (d, m, y))
    return NULL;

  return g_strdup_printf ("%04u-%02u-%02u", y, m, d);
}

/* Which rows of a big import can match no client: a Bloom filter of the
 * name keys and tax ids of every client, those from before and each one the
 * import adds. A row whose keys it has never seen is nobody's, and its
 * look-up in the database (a fifth of the time of a new client's row) is
 * left out; for any other row the database answers as usual. 4 MB; two
 * million clients make one look-up in thirty for nothing. A key's three
 * bits lie in one block of 64 bytes (a cache line): one memory access
 * rather than three far apart, which were a twentieth of the writing. */
#define KEY_BITS (1u << 25)
#define KEY_BLOCK_BITS 512u
#define KEY_PROBES 3

static guint64
key_hash (char        kind,
          const char *text)
{
  guint64 hash = 14695981039346656037ull;   /* FNV-1a */

  hash = (hash ^ (guchar)kind) * 1099511628211ull;
  for (const guchar *p = (const guchar *)text; *p; p++)
    hash = (hash ^ *p) * 1099511628211ull;

  /* FNV's low bits depend only on the input's low bits: mix (MurmurHash3's
   * finalizer) before taking bits from everywhere */
  hash ^= hash >> 33;
  hash *= 0xff51afd7ed558ccdull;
  hash ^= hash >> 33;
  hash *= 0xc4ceb9fe1a85ec53ull;
  hash ^= hash >> 33;

  return hash;
}

/* The filter's bits for a key: a block from the hash's top bits, three bits
 * in it from its low ones */
static void
key_filter_bits (char        kind,
                 const char *text,
                 guint32     bits[KEY_PROBES])
{
  guint64 hash = key_hash (kind, text);
  guint32 block = (guint32)(hash >> 40) % (KEY_BITS / KEY_BLOCK_BITS);

  for (guint i = 0; i < KEY_PROBES; i++)
    bits[i] = block * KEY_BLOCK_BITS + (guint32)(hash >> (9 * i)) % KEY_BLOCK_BITS;
}

static void
key_filter_add (guint8     *filter,
                char        kind,
                const char *text)
{
  guint32 bits[KEY_PROBES];

  key_filter_bits (kind, text, bits);
  for (guint i = 0; i < KEY_PROBES; i++)
    filter[bits[i] >> 3] |= 1 << (bits[i] & 7);
}

static gboolean
key_filter_has (const guint8 *filter,
                char          kind,
                const char   *text)
{
  guint32 bits[KEY_PROBES];

  key_filter_bits (kind, text, bits);
  for (guint i = 0; i < KEY_PROBES; i++)
    if (!(filter[bits[i] >> 3] & (1 << (bits[i] & 7))))
      return FALSE;

  return TRUE;
}

static void
key_filter_add_client (const char *name_key,
                       const char *tax_id,
                       gpointer    user_data)
{
  if (name_key != NULL && *name_key != '\0')
    key_filter_add (user_data, 'k', name_key);
  if (tax_id != NULL)
    key_filter_add (user_data, 't', tax_id);
}

/* The importer */

typedef struct
{
  CrmStore               *store;
  const CrmImportOptions *options;
  CrmImportReport        *report;
  const char             *locale;
  gint64                  import_id;
  GHashTable             *dictionary[4];   /* name → gint64* id */
  GHashTable             *managers;        /* name → gint64* id, 0 for unknown */
  GArray                 *columns;         /* CrmImportField by position */
  gint64                  companies_before;
  gboolean                indexes_dropped;
  CrmSearchBuild         *search_build;    /* big imports: the index, on another thread */
  gint64                  max_company_id;  /* the newest client added */
  guint8                 *keys;            /* big imports: a KeyFilter */
  gint64                  first_status;    /* a new client without a status gets it */
  gint64                  data_version;    /* of the database when keys were filled */
  /* counts not committed yet */
  guint64                 added;
  guint64                 updated;
  guint64                 contacts;
} Importer;

static const char * const dictionary_kinds[] = { "status", "industry", "region", "source" };

static void
importer_forget_batch (Importer *self)
{
  /* values added in a batch that was rolled back are gone */
  for (guint i = 0; i < G_N_ELEMENTS (self->dictionary); i++)
    g_hash_table_remove_all (self->dictionary[i]);
}

static gboolean
dictionary_id (Importer    *self,
               guint        kind,
               const char  *name,
               gint64      *id,
               GError     **error)
{
  gint64 *cached;

  *id = 0;
  if (name == NULL)
    return TRUE;

  if ((cached = g_hash_table_lookup (self->dictionary[kind], name)) != NULL)
    {
      *id = *cached;
      return TRUE;
    }

  *id = crm_store_ensure_dictionary_value (self->store, dictionary_kinds[kind], name, error);
  if (*id == 0)
    return FALSE;

  cached = g_new (gint64, 1);
  *cached = *id;
  g_hash_table_insert (self->dictionary[kind], g_strdup (name), cached);

  return TRUE;
}

static gboolean
manager_id (Importer    *self,
            guint        line,
            const char  *name,
            gint64      *id,
            GError     **error)
{
  GError *local_error = NULL;
  gint64 *cached;

  *id = 0;
  if (name == NULL)
    return TRUE;

  if ((cached = g_hash_table_lookup (self->managers, name)) == NULL)
    {
      cached = g_new (gint64, 1);
      *cached = crm_store_import_find_user (self->store, name, &local_error);
      if (local_error != NULL)
        {
          g_free (cached);
          g_propagate_error (error, local_error);
          return FALSE;
        }
      g_hash_table_insert (self->managers, g_strdup (name), cached);
    }

  if (*cached == 0)
    crm_import_report_add (self->report, line, FALSE,
                           _("No user is called or logs in as “%s”; the client is imported without a manager."),
                           name);
  *id = *cached;

  return TRUE;
}

/* A cell that the export neutralized for spreadsheets ('=…) gets its text back */
static const char *
clean_value (const char *value)
{
  if (value[0] == '\'' && value[1] != '\0' && strchr ("=+-@\t\r", value[1]) != NULL)
    return value + 1;

  return value;
}

/* Phones, e-mails and tags: separated by commas, semicolons or line breaks */
static GStrv
split_list (const char *text)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    return g_new0 (char *, 1);

  parts = g_strsplit_set (text, ",;\n\r", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_ptr_array_add (items, g_strdup (parts[i]));
    }
  g_ptr_array_add (items, NULL);

  return (GStrv)g_ptr_array_free (g_steal_pointer (&items), FALSE);
}

typedef struct
{
  char  *values[CRM_IMPORT_N_FIELDS];
  GStrv  phones;
  GStrv  emails;
  GStrv  contact_phones;
  GStrv  contact_emails;
  GStrv  tags;
  char  *birthday;
  gint64 created_at;
  char  *first_name;
  char  *middle_name;
  char  *last_name;
  CrmImportKeys keys;  /* made by the reader */
} Row;

static void
row_clear (Row *row)
{
  for (guint i = 0; i < CRM_IMPORT_N_FIELDS; i++)
    g_clear_pointer (&row->values[i], g_free);
  g_clear_pointer (&row->phones, g_strfreev);
  g_clear_pointer (&row->emails, g_strfreev);
  g_clear_pointer (&row->contact_phones, g_strfreev);
  g_clear_pointer (&row->contact_emails, g_strfreev);
  g_clear_pointer (&row->tags, g_strfreev);
  g_clear_pointer (&row->birthday, g_free);
  g_clear_pointer (&row->first_name, g_free);
  g_clear_pointer (&row->middle_name, g_free);
  g_clear_pointer (&row->last_name, g_free);
  crm_import_keys_clear (&row->keys);
  row->created_at = 0;
}

static gboolean
is_list_field (CrmImportField field)
{
  return field == CRM_IMPORT_FIELD_PHONE || field == CRM_IMPORT_FIELD_EMAIL ||
         field == CRM_IMPORT_FIELD_CONTACT_PHONE || field == CRM_IMPORT_FIELD_CONTACT_EMAIL ||
         field == CRM_IMPORT_FIELD_TAGS;
}

/* A person's name in the order the database's language writes it */
void
crm_import_split_person (const char  *locale,
                         const char  *full,
                         char       **first,
                         char       **middle,
                         char       **last)
{
  g_auto(GStrv) words = g_strsplit_set (full, " \t", -1);
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  guint n;

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_ptr_array_add (parts, words[i]);
  n = parts->len;

  if (n == 0)
    return;
  if (n == 1)
    {
      *first = g_strdup (g_ptr_array_index (parts, 0));
      return;
    }

  if (g_strcmp0 (locale, "ru") == 0)
    {
      /* Иванов Иван Петрович */
      *last = g_strdup (g_ptr_array_index (parts, 0));
      *first = g_strdup (g_ptr_array_index (parts, 1));
      if (n > 2)
        {
          g_ptr_array_add (parts, NULL);
          *middle = g_strjoinv (" ", (char **)parts->pdata + 2);
        }
    }
  else
    {
      *first = g_strdup (g_ptr_array_index (parts, 0));
      *last = g_strdup (g_ptr_array_index (parts, n - 1));
      if (n > 2)
        {
          g_ptr_array_index (parts, n - 1) = NULL;
          *middle = g_strjoinv (" ", (char **)parts->pdata + 1);
        }
    }
}

/* The fields whose values have a form to check, in the order a row's
 * problem is reported */
static const CrmImportField checked_fields[] = {
  CRM_IMPORT_FIELD_TAX_ID, CRM_IMPORT_FIELD_WEBSITE,
  CRM_IMPORT_FIELD_PHONE, CRM_IMPORT_FIELD_CONTACT_PHONE,
  CRM_IMPORT_FIELD_EMAIL, CRM_IMPORT_FIELD_CONTACT_EMAIL,
  CRM_IMPORT_FIELD_BIRTHDAY, CRM_IMPORT_FIELD_CREATED,
};

/**
 * crm_import_check_value:
 * @value: a cell of the file, as it is there
 * @locale: the database's language (the tax id's checksum is Russia's for "ru")
 * @problem: (out) (optional): why the row would be skipped, translated
 *
 * Checks one cell as the import checks it, so a preview can mark what the
 * import would refuse. Empty cells and fields without a form are fine.
 *
 * Returns: FALSE when the value makes its row be skipped
 */
gboolean
crm_import_check_value (CrmImportField   field,
                        const char      *value,
                        const char      *locale,
                        char           **problem)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (value ? value : ""));
  g_auto(GStrv) items = NULL;
  g_autofree char *date = NULL;
  gboolean ok = TRUE;

  if (*stripped == '\0')
    return TRUE;

  switch (field)
    {
    case CRM_IMPORT_FIELD_TAX_ID:
      ok = crm_validate_tax_id (stripped, locale, NULL, &error);
      break;
    case CRM_IMPORT_FIELD_WEBSITE:
      ok = crm_validate_website (stripped, &error);
      break;
    case CRM_IMPORT_FIELD_PHONE:
    case CRM_IMPORT_FIELD_CONTACT_PHONE:
      items = split_list (stripped);
      for (guint i = 0; ok && items[i] != NULL; i++)
        ok = crm_validate_phone (items[i], &error);
      break;
    case CRM_IMPORT_FIELD_EMAIL:
    case CRM_IMPORT_FIELD_CONTACT_EMAIL:
      items = split_list (stripped);
      for (guint i = 0; ok && items[i] != NULL; i++)
        ok = crm_validate_email (items[i], &error);
      break;
    case CRM_IMPORT_FIELD_BIRTHDAY:
      if (!(date = crm_import_parse_date (stripped)))
        {
          if (problem != NULL)
            *problem = g_strdup_printf (_("The birthday “%s” is not a date (YYYY-MM-DD or DD.MM.YYYY)."),
                                        stripped);
          return FALSE;
        }
      break;
    case CRM_IMPORT_FIELD_CREATED:
      if (!(date = crm_import_parse_date (stripped)))
        {
          if (problem != NULL)
            *problem = g_strdup_printf (_("The creation date “%s” is not a date (YYYY-MM-DD or DD.MM.YYYY)."),
                                        stripped);
          return FALSE;
        }
      break;
    default:
      break;
    }

  if (!ok && problem != NULL)
    *problem = g_strdup (error->message);

  return ok;
}

/* What reading a record needs: fixed once the header is read, so the
 * reading thread can use it while the importer writes */
typedef struct
{
  GArray          *columns;   /* CrmImportField by position */
  const char      *locale;
  CrmImportReport *report;    /* where the problems of a line go */
} Reading;

/* Fills @row from the record; FALSE (with the reason reported) when the row
 * cannot be imported */
static gboolean
read_row (const Reading *self,
          CrmCsvReader  *reader,
          guint          line,
          Row           *row)
{
  guint n = crm_csv_reader_get_n_fields (reader);
  gboolean any = FALSE;
  const char *name;

  for (guint i = 0; i < n && i < self->columns->len; i++)
    {
      CrmImportField field = g_array_index (self->columns, CrmImportField, i);
      g_autofree char *value = NULL;

      if (field == CRM_IMPORT_FIELD_NONE || field == CRM_IMPORT_FIELD_LAST_CONTACT)
        continue;

      value = g_strstrip (g_strdup (clean_value (crm_csv_reader_get_field (reader, i))));
      if (*value == '\0')
        continue;
      any = TRUE;

      if (field != CRM_IMPORT_FIELD_NOTES && g_utf8_strlen (value, -1) > MAX_VALUE)
        {
          crm_import_report_add (self->report, line, TRUE,
                                 _("The column “%s” holds more than %d characters."),
                                 fields[field].id, MAX_VALUE);
          return FALSE;
        }

      if (row->values[field] == NULL)
        row->values[field] = g_steal_pointer (&value);
      else if (is_list_field (field) || field == CRM_IMPORT_FIELD_NOTES)
        {
          /* several columns of one kind: "Phone", "Mobile" */
          char *joined = g_strconcat (row->values[field], field == CRM_IMPORT_FIELD_NOTES ? "\n" : ";",
                                      value, NULL);
          g_free (row->values[field]);
          row->values[field] = joined;
        }
    }

  if (!any)
    return FALSE;  /* a row of empty cells: nothing to say about it */

  name = row->values[CRM_IMPORT_FIELD_NAME];
  if (name == NULL && row->values[CRM_IMPORT_FIELD_LEGAL_NAME] != NULL)
    name = row->values[CRM_IMPORT_FIELD_NAME] = g_strdup (row->values[CRM_IMPORT_FIELD_LEGAL_NAME]);
  if (name == NULL)
    {
      crm_import_report_add (self->report, line, TRUE, _("The row has no client name."));
      return FALSE;
    }

  for (guint f = 0; f < G_N_ELEMENTS (checked_fields); f++)
    {
      g_autofree char *problem = NULL;
      CrmImportField field = checked_fields[f];

      if (row->values[field] != NULL &&
          !crm_import_check_value (field, row->values[field], self->locale, &problem))
        {
          crm_import_report_add (self->report, line, TRUE, "%s", problem);
          return FALSE;
        }
    }

  row->phones = split_list (row->values[CRM_IMPORT_FIELD_PHONE]);
  row->emails = split_list (row->values[CRM_IMPORT_FIELD_EMAIL]);
  row->contact_phones = split_list (row->values[CRM_IMPORT_FIELD_CONTACT_PHONE]);
  row->contact_emails = split_list (row->values[CRM_IMPORT_FIELD_CONTACT_EMAIL]);
  row->tags = split_list (row->values[CRM_IMPORT_FIELD_TAGS]);

  if (row->values[CRM_IMPORT_FIELD_BIRTHDAY] != NULL)
    row->birthday = crm_import_parse_date (row->values[CRM_IMPORT_FIELD_BIRTHDAY]);

  if (row->values[CRM_IMPORT_FIELD_CREATED] != NULL)
    {
      g_autofree char *date = crm_import_parse_date (row->values[CRM_IMPORT_FIELD_CREATED]);
      g_autoptr(GDateTime) when = g_date_time_new_utc (atoi (date), atoi (date + 5), atoi (date + 8), 0, 0, 0);

      row->created_at = g_date_time_to_unix (when);
    }

  if (row->values[CRM_IMPORT_FIELD_CONTACT] != NULL)
    crm_import_split_person (self->locale, row->values[CRM_IMPORT_FIELD_CONTACT],
                             &row->first_name, &row->middle_name, &row->last_name);
  else if (row->values[CRM_IMPORT_FIELD_POSITION] != NULL || row->birthday != NULL)
    crm_import_report_add (self->report, line, FALSE,
                           _("A position or birthday without a contact person’s name is left out."));

  /* here, on the reading thread, rather than on the writing one */
  crm_import_keys_make (&row->keys, name, row->values[CRM_IMPORT_FIELD_CITY]);

  return TRUE;
}

/* An existing client that is the row's: by tax id, or by name when the tax
 * ids do not say they differ */
static gboolean
find_existing (Importer    *self,
               const Row   *row,
               gint64      *id,
               char       **why,
               GError     **error)
{
  g_autoptr(GPtrArray) matches = NULL;
  CrmDuplicateQuery query = { 0 };

  *id = 0;
  query.name = row->values[CRM_IMPORT_FIELD_NAME];
  query.tax_id = row->values[CRM_IMPORT_FIELD_TAX_ID];

  if (!(matches = crm_store_find_duplicates (self->store, &query, 4, error)))
    return FALSE;

  for (guint i = 0; i < matches->len; i++)
    {
      CrmDuplicateMatch *match = g_ptr_array_index (matches, i);
      CrmDuplicateReason reasons = match->reasons & (CRM_DUPLICATE_NAME | CRM_DUPLICATE_TAX_ID);

      if (reasons == 0)
        continue;

      if (!(reasons & CRM_DUPLICATE_TAX_ID) && query.tax_id != NULL)
        {
          g_autofree char *tax_id = NULL;

          if (!crm_store_import_get_company_origin (self->store, match->id, NULL, &tax_id, error))
            return FALSE;
          if (tax_id != NULL && *tax_id != '\0')
            continue;  /* a namesake with another tax id */
        }

      *id = match->id;
      if (why != NULL)
        {
          g_autofree char *described = crm_duplicate_reason_describe (reasons);

          /* Translators: the first %s is a client's name, the second the reasons ("same name") */
          *why = g_strdup_printf (_("The client is already in the database as “%s” (%s)."),
                                  match->name, described);
        }
      return TRUE;
    }

  return TRUE;
}

typedef enum
{
  TARGET_NEW,        /* added by this row */
  TARGET_OWN,        /* added by an earlier row of this import */
  TARGET_EXISTING,   /* there before the import: changes are noted for an undo */
} Target;

static gboolean
add_values (Importer     *self,
            Target        target,
            gint64        company_id,
            gint64        contact_id,
            gboolean      contact_is_new,
            GStrv         phones,
            GStrv         emails,
            GError      **error)
{
  gboolean check = target != TARGET_NEW && !contact_is_new;
  gboolean note = target == TARGET_EXISTING && !contact_is_new;

  for (guint i = 0; phones[i] != NULL; i++)
    {
      gint64 id;

      if (check)
        {
          GError *local_error = NULL;

          if (crm_store_import_has_phone (self->store, company_id, contact_id, phones[i], &local_error))
            continue;
          if (local_error != NULL)
            {
              g_propagate_error (error, local_error);
              return FALSE;
            }
        }
      if (!(id = crm_store_add_phone (self->store, company_id, contact_id, NULL, phones[i], error)))
        return FALSE;
      if (note && !crm_store_import_note_added (self->store, self->import_id, company_id,
                                                CRM_IMPORT_ADDED_PHONE, id, error))
        return FALSE;
    }

  for (guint i = 0; emails[i] != NULL; i++)
    {
      gint64 id;

      if (check)
        {
          GError *local_error = NULL;

          if (crm_store_import_has_email (self->store, company_id, contact_id, emails[i], &local_error))
            continue;
          if (local_error != NULL)
            {
              g_propagate_error (error, local_error);
              return FALSE;
            }
        }
      if (!(id = crm_store_add_email (self->store, company_id, contact_id, NULL, emails[i], error)))
        return FALSE;
      if (note && !crm_store_import_note_added (self->store, self->import_id, company_id,
                                                CRM_IMPORT_ADDED_EMAIL, id, error))
        return FALSE;
    }

  return TRUE;
}

/* Writes one valid row. FALSE with an error only when the store fails; a
 * row the store refuses is reported and left out. */
static gboolean
write_row (Importer  *self,
           guint      line,
           Row       *row,
           GError   **error)
{
  CrmCompanyData company = { 0 };
  g_autoptr(GError) local_error = NULL;
  g_autofree char *why = NULL;
  const char *name_key;
  gint64 company_id = 0;
  gint64 ids[4];
  Target target = TARGET_NEW;
  guint64 contacts_before = self->contacts;
  gboolean others = FALSE;
  gboolean savepoint;
  gboolean ok = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    if (!dictionary_id (self, i, row->values[CRM_IMPORT_FIELD_STATUS + i], &ids[i], error))
      return FALSE;

  company.name = row->values[CRM_IMPORT_FIELD_NAME];
  company.legal_name = row->values[CRM_IMPORT_FIELD_LEGAL_NAME];
  company.tax_id = row->values[CRM_IMPORT_FIELD_TAX_ID];
  company.status_id = ids[0];
  company.industry_id = ids[1];
  company.region_id = ids[2];
  company.source_id = ids[3];
  company.city = row->values[CRM_IMPORT_FIELD_CITY];
  company.address = row->values[CRM_IMPORT_FIELD_ADDRESS];
  company.website = row->values[CRM_IMPORT_FIELD_WEBSITE];
  company.notes = row->values[CRM_IMPORT_FIELD_NOTES];
  company.created_at = row->created_at;

  /* rows of one client, e.g. one per contact person, make one client; a
   * row the key filter has never seen the like of matches nobody */
  name_key = row->keys.name_key;
  if ((self->keys == NULL ||
       (*name_key != '\0' && key_filter_has (self->keys, 'k', name_key)) ||
       (company.tax_id != NULL && key_filter_has (self->keys, 't', company.tax_id))) &&
      !crm_store_import_find_candidates (self->store, self->import_id, name_key, company.tax_id,
                                         &company_id, &others, &local_error))
    goto fail;
  if (company_id != 0)
    target = TARGET_OWN;
  else if (others && self->options->on_duplicate != CRM_IMPORT_DUPLICATE_CREATE)
    {
      if (!find_existing (self, row, &company_id, &why, &local_error))
        goto fail;
      if (company_id != 0 && self->options->on_duplicate == CRM_IMPORT_DUPLICATE_SKIP)
        {
          crm_import_report_add (self->report, line, TRUE, "%s", why);
          return TRUE;
        }
      if (company_id != 0)
        target = TARGET_EXISTING;
    }

  if (!manager_id (self, line, row->values[CRM_IMPORT_FIELD_MANAGER], &company.manager_id, error))
    return FALSE;

  /* A row's writes all land or none. A savepoint per row makes SQLite copy
   * every page the row changes (a sixth of the import's time); a new client
   * without tags changes nothing but rows that hang on it, so when the store
   * refuses a part of it, deleting the client (with its cascades) undoes it. */
  savepoint = target != TARGET_NEW || row->tags[0] != NULL;
  if (savepoint && !crm_store_import_row_begin (self->store, error))
    return FALSE;

  if (target == TARGET_NEW)
    {
      /* (see first_status) */
      if (company.status_id == 0)
        company.status_id = self->first_status;
      ok = (company_id = crm_store_import_add_company (self->store, self->import_id, &company, &row->keys, &local_error)) != 0;
      self->max_company_id = MAX (self->max_company_id, company_id);
      if (ok && self->keys != NULL)
        key_filter_add_client (name_key, company.tax_id, self->keys);
    }
  else if (target == TARGET_EXISTING)
    ok = crm_store_import_update_company (self->store, self->import_id, company_id, &company, &local_error);

  /* a client the search index may have read already is indexed again */
  if (target != TARGET_NEW && self->search_build != NULL)
    crm_store_search_build_note_change (self->search_build, company_id);

  ok = ok && add_values (self, target, company_id, 0, FALSE, row->phones, row->emails, &local_error);

  for (guint i = 0; ok && row->tags[i] != NULL; i++)
    {
      gboolean added = FALSE;
      gint64 tag_id = crm_store_import_tag_company (self->store, company_id, row->tags[i], &added, &local_error);

      ok = tag_id != 0;
      if (ok && added && target == TARGET_EXISTING)
        ok = crm_store_import_note_added (self->store, self->import_id, company_id, CRM_IMPORT_ADDED_TAG,
                                          tag_id, &local_error);
    }

  if (ok && row->first_name != NULL)
    {
      CrmContactData contact = { 0 };
      gint64 contact_id = 0;
      gboolean is_new = TRUE;

      contact.company_id = company_id;
      contact.first_name = row->first_name;
      contact.middle_name = row->middle_name;
      contact.last_name = row->last_name;
      contact.position = row->values[CRM_IMPORT_FIELD_POSITION];
      contact.birthday = row->birthday;

      if (target != TARGET_NEW)
        {
          contact_id = crm_store_import_find_contact (self->store, company_id,
                                                      row->values[CRM_IMPORT_FIELD_CONTACT], &local_error);
          ok = local_error == NULL;
          is_new = contact_id == 0;
        }
      if (ok && is_new)
        {
          ok = (contact_id = crm_store_import_add_contact (self->store, self->import_id, &contact, &local_error)) != 0;
          if (ok)
            self->contacts++;
        }
      ok = ok && add_values (self, target, company_id, contact_id, is_new, row->contact_phones,
                             row->contact_emails, &local_error);
    }
  else if (ok)
    {
      /* a contact's numbers without a contact belong to the client */
      ok = add_values (self, target, company_id, 0, FALSE, row->contact_phones, row->contact_emails, &local_error);
    }

  if (!ok)
    {
      if (savepoint && !crm_store_import_row_end (self->store, FALSE, error))
        return FALSE;
      if (!savepoint && company_id != 0 && !crm_store_import_remove_company (self->store, company_id, error))
        return FALSE;
      self->contacts = contacts_before;
      goto fail;
    }

  if (savepoint && !crm_store_import_row_end (self->store, TRUE, error))
    return FALSE;

  if (target == TARGET_NEW)
    self->added++;
  else if (target == TARGET_EXISTING)
    self->updated++;

  return TRUE;

fail:
  /* a value the database refuses costs the row, not the import */
  if (g_error_matches (local_error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT) ||
      g_error_matches (local_error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID))
    {
      crm_import_report_add (self->report, line, TRUE, "%s", local_error->message);
      return TRUE;
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static gboolean
read_header (Importer      *self,
             CrmCsvReader  *reader,
             gboolean      *is_header)
{
  guint n = crm_csv_reader_get_n_fields (reader);
  guint known = 0;
  g_autoptr(GArray) columns = g_array_new (FALSE, TRUE, sizeof (CrmImportField));

  for (guint i = 0; i < n; i++)
    {
      CrmImportField field = crm_import_field_for_header (crm_csv_reader_get_field (reader, i));

      g_array_append_val (columns, field);
      if (field != CRM_IMPORT_FIELD_NONE)
        known++;
    }

  switch (self->options->header)
    {
    case CRM_IMPORT_HEADER_YES:
      *is_header = TRUE;
      break;
    case CRM_IMPORT_HEADER_NO:
      *is_header = FALSE;
      break;
    case CRM_IMPORT_HEADER_DETECT:
    default:
      *is_header = known > 0;
      break;
    }

  if (self->options->columns != NULL)
    g_array_append_vals (self->columns, self->options->columns, self->options->n_columns);
  else if (*is_header)
    {
      g_array_append_vals (self->columns, columns->data, columns->len);
      for (guint i = 0; i < n; i++)
        {
          const char *header = crm_csv_reader_get_field (reader, i);

          if (g_array_index (columns, CrmImportField, i) == CRM_IMPORT_FIELD_NONE && *header != '\0')
            g_ptr_array_add (self->report->ignored,
                             g_utf8_make_valid (header, MIN (strlen (header), 200)));
        }
    }
  else
    {
      g_array_append_vals (self->columns, export_order, G_N_ELEMENTS (export_order));
      crm_import_report_add (self->report, crm_csv_reader_get_line (reader), FALSE,
                             _("The first line names no known columns; the columns are taken in the order "
                               "of Rapport’s export (name, legal name, tax id, …)."));
    }

  for (guint i = 0; i < self->columns->len; i++)
    {
      CrmImportField field = g_array_index (self->columns, CrmImportField, i);

      if (field == CRM_IMPORT_FIELD_NAME || field == CRM_IMPORT_FIELD_LEGAL_NAME)
        return TRUE;
    }

  return FALSE;
}

static gboolean
has_column (GArray         *columns,
            CrmImportField  field)
{
  for (guint i = 0; i < columns->len; i++)
    if (g_array_index (columns, CrmImportField, i) == field)
      return TRUE;

  return FALSE;
}

/* After the first batch: whether the rest of the file is big enough to be
 * written without the list's indexes, which are then made again once. That
 * pays when the rows to come are many and at least half as many as the
 * clients already there: a sort of the whole table per index against an
 * insertion into each index per row. */
static gboolean
maybe_drop_indexes (Importer      *self,
                    double         fraction,
                    GError       **error)
{
  guint big_rows = self->options->big_rows > 0 ? self->options->big_rows : DEFAULT_BIG_ROWS;
  double rows = (double)self->report->rows;
  double to_come;

  if (fraction <= 0.0 || fraction >= 1.0 || self->companies_before < 0 || rows == 0)
    return TRUE;

  /* new clients to come, as many in the rest of the file as in the first
   * batch: a file of clients that are all there already adds no rows */
  to_come = (rows / fraction - rows) * ((double)self->report->added / rows);
  if (to_come < big_rows || to_come * 2 < (double)self->companies_before)
    return TRUE;

  if (!crm_store_import_drop_indexes (self->store, self->companies_before > 0, &self->indexes_dropped, error))
    return FALSE;

  /* the search index is built meanwhile on another processor; without it,
   * the usual rebuild at the end */
  {
    g_autoptr(GError) local_error = NULL;

    self->search_build = crm_store_search_build_start (self->store, &local_error);
    if (self->search_build == NULL)
      g_info ("The search index is rebuilt after the import: %s", local_error->message);
  }

  /* the batches' pages, then those of the large transactions at the end,
   * reach the database file on the other processor (crm-store-checkpoint.c;
   * from the first batch on: -0.2 s of the writer's 3 s per million) */
  crm_store_set_checkpoints_aside (self->store, TRUE);

  /* the keys of every client there is, for the rows to come */
  self->keys = g_aligned_alloc0 (KEY_BITS / 8, 1, KEY_BLOCK_BITS / 8);
  if ((self->data_version = crm_store_import_data_version (self->store, error)) < 0 ||
      !crm_store_import_list_keys (self->store, key_filter_add_client, self->keys, error))
    return FALSE;

  return TRUE;
}

/* The index built on the other thread, with what it may have read too
 * early indexed again; or, without one, the usual rebuild. Also after a
 * cancel or a failure: the batches committed are in either. */
static gboolean
finish_search_index (Importer  *self,
                     GError   **error)
{
  if (self->search_build != NULL)
    {
      g_autoptr(CrmSearchBuild) build = g_steal_pointer (&self->search_build);
      g_autoptr(GArray) stale = NULL;
      g_autoptr(GError) local_error = NULL;

      if (crm_store_search_build_finish (build, &stale, &local_error))
        return crm_store_reindex_clients (self->store, stale, error);
      /* a write by someone else meanwhile is expected; anything else is
       * not, though the usual rebuild still makes the index */
      if (g_error_matches (local_error, CRM_STORE_ERROR, CRM_STORE_ERROR_BUSY))
        g_debug ("The search index built during the import is not used: %s", local_error->message);
      else
        g_warning ("The search index built during the import failed: %s", local_error->message);
    }

  return crm_store_import_reindex (self->store, self->import_id, error);
}

static void
report_progress (Importer         *self,
                 double            fraction,
                 CrmProgressFunc   progress,
                 gpointer          progress_data)
{
  if (progress != NULL)
    progress (fraction, _("Importing clients"), progress_data);
}

/* The file is read on a thread of its own, records checked and split into
 * rows there, while this one writes: chunks of rows go from one to the
 * other through a short queue. The problems a line has when it is read
 * travel with its chunk and join the report in line order, before those it
 * may have when it is written. */
#define CHUNK_ROWS 256
#define MAX_CHUNKS 8

typedef struct
{
  guint    line;
  gboolean record;   /* FALSE: a line the reader refused (its problem says why) */
  gboolean valid;    /* read_row()'s verdict: to be written */
  Row      row;
} Item;

typedef struct
{
  GArray          *items;     /* Item */
  CrmImportReport *report;    /* the problems found reading them, in line order */
  double           fraction;  /* of the file read after them */
  gboolean         last;
  GError          *error;     /* the file could not be read on */
} Chunk;

static void
chunk_free (Chunk *chunk)
{
  for (guint i = 0; i < chunk->items->len; i++)
    row_clear (&g_array_index (chunk->items, Item, i).row);
  g_array_unref (chunk->items);
  crm_import_report_free (chunk->report);
  g_clear_error (&chunk->error);
  g_free (chunk);
}

static Chunk *
chunk_new (void)
{
  Chunk *chunk = g_new0 (Chunk, 1);

  chunk->items = g_array_sized_new (FALSE, TRUE, sizeof (Item), CHUNK_ROWS);
  chunk->report = crm_import_report_new ();

  return chunk;
}

typedef struct
{
  CrmCsvReader *reader;
  GArray       *columns;
  const char   *locale;
  gboolean      first_is_row;   /* the record read for the header is a client */
  GCancellable *cancellable;

  GThread      *thread;
  GMutex        mutex;
  GCond         cond;
  GQueue        chunks;
  GQueue        written;  /* chunks back from the writer, for the reader to free */
  gboolean      stop;
} Pipeline;

/* The rows' strings were allocated by the reader: it frees them too, on
 * its processor (freeing them on the writing thread was a twentieth of its
 * time, a good part of it in locking the reader's malloc arena) */
static void
pipeline_free_written (Pipeline *self)
{
  GQueue written;
  Chunk *chunk;

  g_mutex_lock (&self->mutex);
  written = self->written;
  g_queue_init (&self->written);
  g_mutex_unlock (&self->mutex);

  while ((chunk = g_queue_pop_head (&written)) != NULL)
    chunk_free (chunk);
}

/* A chunk the writer is done with */
static void
pipeline_written (Pipeline *self,
                  Chunk    *chunk)
{
  g_mutex_lock (&self->mutex);
  g_queue_push_tail (&self->written, chunk);
  g_mutex_unlock (&self->mutex);
}

static gboolean
pipeline_push (Pipeline *self,
               Chunk    *chunk)
{
  gboolean taken;

  g_mutex_lock (&self->mutex);
  while (!self->stop && self->chunks.length >= MAX_CHUNKS)
    g_cond_wait (&self->cond, &self->mutex);
  taken = !self->stop;
  if (taken)
    g_queue_push_tail (&self->chunks, chunk);
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);

  if (!taken)
    chunk_free (chunk);

  return taken;
}

static gpointer
pipeline_thread (gpointer data)
{
  Pipeline *self = data;
  Reading reading = { self->columns, self->locale, NULL };
  Chunk *chunk = chunk_new ();

  for (gboolean have = self->first_is_row; ; have = FALSE)
    {
      GError *error = NULL;
      Item item = { 0 };

      if (g_cancellable_is_cancelled (self->cancellable))
        break;
      if (!have && !crm_csv_reader_next (self->reader, &error))
        {
          if (error == NULL)
            break;
          if (!crm_csv_error_is_record_error (error))
            {
              chunk->error = error;
              break;
            }
          item.line = crm_csv_reader_get_line (self->reader);
          crm_import_report_add (chunk->report, item.line, TRUE, "%s", error->message);
          g_error_free (error);
        }
      else
        {
          item.line = crm_csv_reader_get_line (self->reader);
          item.record = TRUE;
          reading.report = chunk->report;
          item.valid = read_row (&reading, self->reader, item.line, &item.row);
        }
      g_array_append_val (chunk->items, item);

      if (chunk->items->len >= CHUNK_ROWS)
        {
          chunk->fraction = crm_csv_reader_get_fraction (self->reader);
          if (!pipeline_push (self, chunk))
            return NULL;
          chunk = chunk_new ();
          pipeline_free_written (self);
        }
    }

  chunk->fraction = 1.0;
  chunk->last = TRUE;
  pipeline_push (self, chunk);

  return NULL;
}

static Chunk *
pipeline_pop (Pipeline *self)
{
  Chunk *chunk;

  g_mutex_lock (&self->mutex);
  while (self->chunks.length == 0)
    g_cond_wait (&self->cond, &self->mutex);
  chunk = g_queue_pop_head (&self->chunks);
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);

  return chunk;
}

/* Stops the thread, if it still reads, and forgets what it read ahead */
static void
pipeline_stop (Pipeline *self)
{
  Chunk *chunk;

  if (self->thread == NULL)
    return;
  g_mutex_lock (&self->mutex);
  self->stop = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);
  g_thread_join (g_steal_pointer (&self->thread));

  while ((chunk = g_queue_pop_head (&self->chunks)) != NULL)
    chunk_free (chunk);
  pipeline_free_written (self);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
}

/* The problems of lines up to @line, found when they were read, go into the
 * report: they are in line order, so always the chunk's first ones */
static void
take_problems (CrmImportReport *report,
               Chunk           *chunk,
               guint            line)
{
  GPtrArray *problems = chunk->report->problems;

  while (problems->len > 0 && ((CrmImportProblem *)g_ptr_array_index (problems, 0))->line <= line)
    {
      CrmImportProblem *problem = g_ptr_array_steal_index (problems, 0);

      g_ptr_array_add (report->problems, problem);
      if (problem->skipped)
        report->skipped++;
    }
}

gboolean
crm_import_csv (CrmStore               *store,
                const char             *path,
                const CrmImportOptions *options,
                CrmImportReport        *report,
                CrmProgressFunc         progress,
                gpointer                progress_data,
                GCancellable           *cancellable,
                GError                **error)
{
  g_autoptr(CrmCsvReader) reader = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *base = NULL;
  CrmImportOptions defaults;
  Importer self = { 0 };
  gboolean is_header = FALSE;
  gboolean in_batch = FALSE;
  gboolean ok = FALSE;
  guint batch_size, in_this_batch = 0, batches = 0;
  Pipeline pipeline = { 0 };

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  if (options == NULL)
    {
      crm_import_options_init (&defaults);
      options = &defaults;
    }
  batch_size = options->batch_size > 0 ? options->batch_size : DEFAULT_BATCH;

  reader = crm_csv_reader_new_for_path (path, options->encoding, options->delimiter, cancellable, error);
  if (reader == NULL)
    return FALSE;
  g_free (report->encoding);
  report->encoding = g_strdup (crm_csv_reader_get_encoding (reader));
  report->delimiter = crm_csv_reader_get_delimiter (reader);

  self.store = store;
  self.options = options;
  self.report = report;
  self.locale = crm_store_get_locale (store);
  self.columns = g_array_new (FALSE, TRUE, sizeof (CrmImportField));
  for (guint i = 0; i < G_N_ELEMENTS (self.dictionary); i++)
    self.dictionary[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self.managers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  /* the first record: a header, or the first client */
  while (!crm_csv_reader_next (reader, &local_error))
    {
      if (local_error == NULL)
        {
          g_set_error (error, CRM_CSV_ERROR, CRM_CSV_ERROR_EMPTY, _("“%s” holds no rows."), path);
          goto out;
        }
      if (!crm_csv_error_is_record_error (local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          goto out;
        }
      crm_import_report_add (report, crm_csv_reader_get_line (reader), TRUE, "%s", local_error->message);
      g_clear_error (&local_error);
    }

  if (!read_header (&self, reader, &is_header))
    {
      g_set_error (error, CRM_CSV_ERROR, CRM_CSV_ERROR_EMPTY,
                   _("No column of “%s” holds the client’s name; call one “Name” or “Название”."), path);
      goto out;
    }

  /* A file without a status column (a bought list of leads) gives its new
   * clients the first status of the funnel, as New Client does; with one, an
   * empty cell stays empty, so that an export imports back unchanged */
  if (!has_column (self.columns, CRM_IMPORT_FIELD_STATUS))
    {
      g_autoptr(GPtrArray) statuses = crm_store_list_dictionary (store, "status", NULL);

      if (statuses != NULL && statuses->len > 0)
        self.first_status = ((CrmDictionaryValue *)g_ptr_array_index (statuses, 0))->id;
    }

  base = g_path_get_basename (path);
  if ((self.companies_before = crm_store_count_clients (store, error)) < 0 ||
      !(self.import_id = crm_store_import_begin (store, "csv", base, error)))
    goto out;
  report->import_id = self.import_id;

  crm_store_set_bulk_mode (store, TRUE);

  pipeline.reader = reader;
  pipeline.columns = self.columns;
  pipeline.locale = self.locale;
  pipeline.first_is_row = !is_header;
  pipeline.cancellable = cancellable;
  g_mutex_init (&pipeline.mutex);
  g_cond_init (&pipeline.cond);
  g_queue_init (&pipeline.chunks);
  g_queue_init (&pipeline.written);
  pipeline.thread = g_thread_new ("csv-reader", pipeline_thread, &pipeline);

  for (gboolean last = FALSE; !last; )
    {
      Chunk *chunk = pipeline_pop (&pipeline);
      gboolean failed = FALSE;

      last = chunk->last;
      for (guint i = 0; i < chunk->items->len && !failed; i++)
        {
          Item *item = &g_array_index (chunk->items, Item, i);

          take_problems (report, chunk, item->line);
          report->rows++;
          if (!item->record)
            continue;

          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            {
              failed = TRUE;
              break;
            }

          if (!in_batch)
            {
              if (!crm_store_import_begin_batch (store, error))
                {
                  failed = TRUE;
                  break;
                }
              in_batch = TRUE;

              /* a client someone else added meanwhile is not in the key filter */
              if (self.keys != NULL)
                {
                  gint64 version = crm_store_import_data_version (store, error);

                  if (version < 0)
                    {
                      failed = TRUE;
                      break;
                    }
                  if (version != self.data_version)
                    g_clear_pointer (&self.keys, g_aligned_free);
                }
            }

          if (item->valid && !write_row (&self, item->line, &item->row, error))
            {
              failed = TRUE;
              break;
            }

          if (++in_this_batch >= batch_size)
            {
              in_batch = FALSE;
              in_this_batch = 0;
              if (!crm_store_commit (store, error))
                {
                  failed = TRUE;
                  break;
                }
              report->added += self.added;
              report->updated += self.updated;
              report->contacts += self.contacts;
              self.added = self.updated = self.contacts = 0;
              if (self.search_build != NULL)
                crm_store_search_build_publish (self.search_build, self.max_company_id, FALSE);

              if (++batches == 1 && !maybe_drop_indexes (&self, chunk->fraction, error))
                {
                  failed = TRUE;
                  break;
                }
            }

          if (report->rows % PROGRESS_EVERY == 0)
            report_progress (&self, chunk->fraction, progress, progress_data);
        }
      if (!failed)
        take_problems (report, chunk, G_MAXUINT);
      if (!failed && chunk->error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&chunk->error));
          failed = TRUE;
        }
      pipeline_written (&pipeline, chunk);
      if (failed)
        goto finish;
    }

  /* the reading stops at a cancel too, and its last chunk may be empty */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto finish;

  if (in_batch)
    {
      in_batch = FALSE;
      if (!crm_store_commit (store, error))
        goto finish;
      report->added += self.added;
      report->updated += self.updated;
      report->contacts += self.contacts;
    }
  ok = TRUE;

finish:
  pipeline_stop (&pipeline);

  /* a cancel or a failure drops the batch under way; earlier ones stay */
  if (in_batch)
    {
      crm_store_rollback (store);
      importer_forget_batch (&self);
    }
  crm_store_set_bulk_mode (store, FALSE);

  /* what is committed is all there will be */
  if (self.search_build != NULL)
    crm_store_search_build_publish (self.search_build, self.max_company_id, TRUE);

  /* also after a cancel or a failure: the list needs them */
  if (self.indexes_dropped)
    {
      if (progress != NULL)
        progress (1.0, _("Updating the indexes of the client list"), progress_data);
      if (!crm_store_import_restore_indexes (store, ok ? error : NULL) && ok)
        ok = FALSE;
    }

  if (progress != NULL)
    progress (1.0, _("Updating the search index"), progress_data);

  /* what was committed stays, and so does its "imported" entry */
  if (self.import_id != 0 &&
      !crm_store_import_write_history (store, self.import_id, ok ? error : NULL) && ok)
    ok = FALSE;
  if (!finish_search_index (&self, ok ? error : NULL) && ok)
    ok = FALSE;
  if (!crm_store_import_finish (store, self.import_id, report->added, report->updated, report->skipped,
                                ok ? error : NULL) && ok)
    ok = FALSE;
  crm_store_set_checkpoints_aside (store, FALSE);

out:
  for (guint i = 0; i < G_N_ELEMENTS (self.dictionary); i++)
    g_clear_pointer (&self.dictionary[i], g_hash_table_unref);
  g_clear_pointer (&self.managers, g_hash_table_unref);
  g_clear_pointer (&self.columns, g_array_unref);
  g_clear_pointer (&self.search_build, crm_store_search_build_free);
  g_clear_pointer (&self.keys, g_aligned_free);

  return ok;
}
