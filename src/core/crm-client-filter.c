/* crm-client-filter.c
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-client-filter"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "crm-client-edit.h"
#include "crm-client-filter.h"

/* Nesting deeper than this is refused: a filter is two levels deep */
#define MAX_JSON_DEPTH 16

typedef struct
{
  gint64         field_id;
  CrmFieldMatch  match;
  char          *value;      /* NULL for CRM_FIELD_MATCH_IS_SET; a range's lower bound or NULL */
  char          *to;         /* a range's upper bound or NULL; NULL for the other matches */
} FieldCondition;

struct _CrmClientFilter
{
  GObject     parent_instance;

  GArray     *ids[CRM_FILTER_N_ID_KINDS];  /* gint64, in the order added */
  guint       no_contact_days;             /* 0: no such condition */
  GPtrArray  *fields;                      /* FieldCondition */
};

G_DEFINE_FINAL_TYPE (CrmClientFilter, crm_client_filter, G_TYPE_OBJECT)
G_DEFINE_QUARK (crm-client-filter-error-quark, crm_client_filter_error)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The JSON keys and chip ids: a whitelist, never shown to users */
static const char * const kind_names[CRM_FILTER_N_KINDS] = {
  "status", "industry", "region", "source", "tag", "manager", "no_contact_days", "fields",
};

static const char * const match_names[CRM_FIELD_N_MATCHES] = {
  "equals", "contains", "is_set", "not_equals", "range",
};

const char *
crm_filter_kind_to_string (CrmFilterKind kind)
{
  g_return_val_if_fail (kind < CRM_FILTER_N_KINDS, NULL);
  return kind_names[kind];
}

gboolean
crm_filter_kind_from_string (const char    *text,
                             CrmFilterKind *kind)
{
  for (guint i = 0; i < CRM_FILTER_N_KINDS; i++)
    if (g_strcmp0 (text, kind_names[i]) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

const char *
crm_field_match_to_string (CrmFieldMatch match)
{
  g_return_val_if_fail (match < CRM_FIELD_N_MATCHES, NULL);
  return match_names[match];
}

gboolean
crm_field_match_from_string (const char    *text,
                             CrmFieldMatch *match)
{
  for (guint i = 0; i < CRM_FIELD_N_MATCHES; i++)
    if (g_strcmp0 (text, match_names[i]) == 0)
      {
        *match = i;
        return TRUE;
      }
  return FALSE;
}

void
crm_filter_chip_free (CrmFilterChip *chip)
{
  if (chip == NULL)
    return;
  g_free (chip->id);
  g_free (chip->label);
  g_free (chip);
}

static void
field_condition_free (gpointer data)
{
  FieldCondition *condition = data;

  g_free (condition->value);
  g_free (condition->to);
  g_free (condition);
}

static void
crm_client_filter_finalize (GObject *object)
{
  CrmClientFilter *self = (CrmClientFilter *)object;

  for (guint i = 0; i < CRM_FILTER_N_ID_KINDS; i++)
    g_array_unref (self->ids[i]);
  g_ptr_array_unref (self->fields);

  G_OBJECT_CLASS (crm_client_filter_parent_class)->finalize (object);
}

static void
crm_client_filter_class_init (CrmClientFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = crm_client_filter_finalize;

  /**
   * CrmClientFilter::changed:
   *
   * A condition was added or removed.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
crm_client_filter_init (CrmClientFilter *self)
{
  for (guint i = 0; i < CRM_FILTER_N_ID_KINDS; i++)
    self->ids[i] = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->fields = g_ptr_array_new_with_free_func (field_condition_free);
}

static void
emit_changed (CrmClientFilter *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

CrmClientFilter *
crm_client_filter_new (void)
{
  return g_object_new (CRM_TYPE_CLIENT_FILTER, NULL);
}

/**
 * crm_client_filter_copy:
 * @self: a #CrmClientFilter
 *
 * Returns: (transfer full): a filter with the same conditions
 */
CrmClientFilter *
crm_client_filter_copy (CrmClientFilter *self)
{
  CrmClientFilter *copy;

  g_return_val_if_fail (CRM_IS_CLIENT_FILTER (self), NULL);

  copy = crm_client_filter_new ();
  for (guint i = 0; i < CRM_FILTER_N_ID_KINDS; i++)
    g_array_append_vals (copy->ids[i], self->ids[i]->data, self->ids[i]->len);
  copy->no_contact_days = self->no_contact_days;
  for (guint i = 0; i < self->fields->len; i++)
    {
      FieldCondition *condition = g_ptr_array_index (self->fields, i);
      FieldCondition *dup = g_new0 (FieldCondition, 1);

      dup->field_id = condition->field_id;
      dup->match = condition->match;
      dup->value = g_strdup (condition->value);
      dup->to = g_strdup (condition->to);
      g_ptr_array_add (copy->fields, dup);
    }

  return copy;
}

static gboolean
id_array_contains (GArray *ids,
                   gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

static gboolean
field_condition_equal (const FieldCondition *a,
                       const FieldCondition *b)
{
  return a->field_id == b->field_id && a->match == b->match &&
         g_strcmp0 (a->value, b->value) == 0 && g_strcmp0 (a->to, b->to) == 0;
}

static gboolean
find_field (CrmClientFilter      *self,
            const FieldCondition *condition,
            guint                *index)
{
  for (guint i = 0; i < self->fields->len; i++)
    if (field_condition_equal (g_ptr_array_index (self->fields, i), condition))
      {
        if (index != NULL)
          *index = i;
        return TRUE;
      }
  return FALSE;
}

/**
 * crm_client_filter_equal:
 *
 * Returns: whether both filters match the same clients by the same
 *   conditions (the order conditions were added in does not matter)
 */
gboolean
crm_client_filter_equal (CrmClientFilter *a,
                         CrmClientFilter *b)
{
  g_return_val_if_fail (CRM_IS_CLIENT_FILTER (a), FALSE);
  g_return_val_if_fail (CRM_IS_CLIENT_FILTER (b), FALSE);

  for (guint i = 0; i < CRM_FILTER_N_ID_KINDS; i++)
    {
      if (a->ids[i]->len != b->ids[i]->len)
        return FALSE;
      for (guint j = 0; j < a->ids[i]->len; j++)
        if (!id_array_contains (b->ids[i], g_array_index (a->ids[i], gint64, j)))
          return FALSE;
    }

  if (a->no_contact_days != b->no_contact_days || a->fields->len != b->fields->len)
    return FALSE;

  for (guint i = 0; i < a->fields->len; i++)
    if (!find_field (b, g_ptr_array_index (a->fields, i), NULL))
      return FALSE;

  return TRUE;
}

gboolean
crm_client_filter_is_empty (CrmClientFilter *self)
{
  g_return_val_if_fail (CRM_IS_CLIENT_FILTER (self), TRUE);

  for (guint i = 0; i < CRM_FILTER_N_ID_KINDS; i++)
    if (self->ids[i]->len > 0)
      return FALSE;

  return self->no_contact_days == 0 && self->fields->len == 0;
}

/**
 * crm_client_filter_add:
 * @self: a #CrmClientFilter
 * @kind: one of the kinds that hold ids (status … manager)
 * @id: a dictionary value, tag or user id
 *
 * Returns: %TRUE if the condition is new
 */
gboolean
crm_client_filter_add (CrmClientFilter *self,
                       CrmFilterKind    kind,
                       gint64           id)
{
  g_return_val_if_fail (CRM_IS_CLIENT_FILTER (self), FALSE);
  g_return_val_if_fail (kind < CRM_FILTER_N_ID_KINDS, FALSE);
  g_return_val_if_fail (id > 0, FALSE);

  if (id_array_contains (self->ids[kind], id))
    return FALSE;

  g_array_append_val (self->ids[kind], id);
  emit_changed (self);

  return TRUE;
}

gboolean
crm_client_filter_remove (CrmClientFilter *self,
                          CrmFilterKind    kind,
                          gint64           id)
{
  GArray *ids;

  g_return_val_if_fail (CRM_IS_CLIENT_FILTER (self), FALSE);
  g_return_val_if_fail (kind < CRM_FILTER_N_ID_KINDS, FALSE);

  ids = self->ids[kind];
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      {
        g_array_remove_index (ids, i);
        emit_changed (self);
        return TRUE;
      }

  return FALSE;
}

gboolean
crm_client_filter_has (CrmClientFilter *self,
                       CrmFilterKind    kind,
                       gint64           id)
{
  g_return_val_if_fail (CRM_IS_CLIENT_FILTER (self), FALSE);
  g_return_val_if_fail (kind < CRM_FILTER_N_ID_KINDS, FALSE);

  return id_array_contains (self->ids[kind], id);
}

/**
 * crm_client_filter_get_ids:
 * @n_ids: (out): how many
 *
 * Returns: (transfer none) (array length=n_ids): the ids of one kind, in the
 *   order they were added; valid until the filter changes
 */
const gint64 *
crm_client_filter_get_ids (CrmClientFilter *self,
                           CrmFilterKind    kind,
                           guint           *n_ids)
{
  g_return_val_if_fail (CRM_IS_CLIENT_FILTER (self), NULL);
  g_return_val_if_fail (kind < CRM_FILTER_N_ID_KINDS, NULL);
  g_return_val_if_fail (n_ids != NULL, NULL);

  *n_ids = self->ids[kind]->len;
  return (const gint64 *)(gpointer)self->ids[kind]->data;
}

/**
 * crm_client_filter_set_no_contact_days:
 * @days: clients whose last contact is older than this many days match, and
 *   those never contacted; 0 removes the condition
 */
void
crm_client_filter_set_no_contact_days (CrmClientFilter *self,
                                       guint            days)
{
  g_return_if_fail (CRM_IS_CLIENT_FILTER (self));
  g_return_if_fail (days <= CRM_CLIENT_FILTER_MAX_DAYS);

  if (self->no_contact_days == days)
    return;

  self->no_contact_days = days;
  emit_changed (self);
}

guint
crm_client_filter_get_no_contact_days (CrmClientFilter *self)
{
  g_return_val_if_fail (CRM_IS_CLIENT_FILTER (self), 0);
  return self->no_contact_days;
}

/**
 * crm_client_filter_add_field:
 * @field_id: a user-defined field (custom_fields.id)
 * @match: how to compare
 * @value: (nullable): the text; ignored for %CRM_FIELD_MATCH_IS_SET, required otherwise
 *
 * A range is added with crm_client_filter_add_field_range() instead.
 *
 * Returns: %TRUE if the condition is new
 */
gboolean
crm_client_filter_add_field (CrmClientFilter *self,
                             gint64           field_id,
                             CrmFieldMatch    match,
                             const char      *value)
{
  FieldCondition condition = { field_id, match, NULL, NULL };
  FieldCondition *added;

  g_return_val_if_fail (CRM_IS_CLIENT_FILTER (self), FALSE);
  g_return_val_if_fail (field_id > 0, FALSE);
  g_return_val_if_fail (match < CRM_FIELD_N_MATCHES, FALSE);
  g_return_val_if_fail (match != CRM_FIELD_MATCH_RANGE, FALSE);
  g_return_val_if_fail (match == CRM_FIELD_MATCH_IS_SET || value != NULL, FALSE);

  if (match != CRM_FIELD_MATCH_IS_SET)
    condition.value = (char *)value;

  if (find_field (self, &condition, NULL))
    return FALSE;

  added = g_new0 (FieldCondition, 1);
  added->field_id = field_id;
  added->match = match;
  added->value = g_strdup (condition.value);
  g_ptr_array_add (self->fields, added);
  emit_changed (self);

  return TRUE;
}

/**
 * crm_client_filter_is_range_bound:
 * @text: (nullable): a bound of a range
 * @is_date: (out) (optional): whether it is a date
 *
 * A bound is a number as user-defined number fields keep it (an optional
 * minus, digits, an optional point and more digits) or a date YYYY-MM-DD.
 *
 * Returns: whether @text can bound a range
 */
gboolean
crm_client_filter_is_range_bound (const char *text,
                                  gboolean   *is_date)
{
  const char *p = text;
  gsize digits = 0;

  if (text == NULL || text[0] == '\0')
    return FALSE;

  if (strlen (text) == 10 && text[4] == '-' && text[7] == '-' &&
      strspn (text, "0123456789") == 4 && strspn (text + 5, "0123456789") == 2 &&
      strspn (text + 8, "0123456789") == 2)
    {
      guint year = (guint)g_ascii_strtoull (text, NULL, 10);
      guint month = (text[5] - '0') * 10 + (text[6] - '0');
      guint day = (text[8] - '0') * 10 + (text[9] - '0');

      if (is_date != NULL)
        *is_date = TRUE;
      return year >= 1 && month >= 1 && month <= 12 && g_date_valid_dmy (day, month, year);
    }

  if (*p == '-')
    p++;
  digits = strspn (p, "0123456789");
  if (digits == 0)
    return FALSE;
  p += digits;
  if (*p == '.')
    {
      p++;
      digits = strspn (p, "0123456789");
      if (digits == 0)
        return FALSE;
      p += digits;
    }

  if (is_date != NULL)
    *is_date = FALSE;
  return *p == '\0';
}

/**
 * crm_client_filter_add_field_range:
 * @field_id: a user-defined number or date field
 * @from: (nullable): the lowest value that matches
 * @to: (nullable): the highest value that matches
 *
 * Numbers compare as numbers, dates (YYYY-MM-DD) as dates. At least one
 * bound is needed; both must be numbers or both dates
 * (crm_client_filter_is_range_bound()). From and to equal is "exactly".
 *
 * Returns: %TRUE if the condition is new
 */
gboolean
crm_client_filter_add_field_range (CrmClientFilter *self,
                                   gint64           field_id,
                                   const char      *from,
                                   const char      *to)
{
  FieldCondition condition = { field_id, CRM_FIELD_MATCH_RANGE, (char *)from, (char *)to };
  FieldCondition *added;
  gboolean from_date = FALSE, to_date = FALSE;

  g_return_val_if_fail (CRM_IS_CLIENT_FILTER (self), FALSE);
  g_return_val_if_fail (field_id > 0, FALSE);
  g_return_val_if_fail (from != NULL || to != NULL, FALSE);
  g_return_val_if_fail (from == NULL || crm_client_filter_is_range_bound (from, &from_date), FALSE);
  g_return_val_if_fail (to == NULL || crm_client_filter_is_range_bound (to, &to_date), FALSE);
  g_return_val_if_fail (from == NULL || to == NULL || from_date == to_date, FALSE);

  if (find_field (self, &condition, NULL))
    return FALSE;

  added = g_new0 (FieldCondition, 1);
  added->field_id = field_id;
  added->match = CRM_FIELD_MATCH_RANGE;
  added->value = g_strdup (from);
  added->to = g_strdup (to);
  g_ptr_array_add (self->fields, added);
  emit_changed (self);

  return TRUE;
}

/**
 * crm_client_filter_get_field_range:
 * @from: (out) (optional) (transfer none): the lower bound, or %NULL
 * @to: (out) (optional) (transfer none): the upper bound, or %NULL
 *
 * Returns: %FALSE if @index is out of range or not a range condition
 */
gboolean
crm_client_filter_get_field_range (CrmClientFilter  *self,
                                   guint             index,
                                   const char      **from,
                                   const char      **to)
{
  FieldCondition *condition;

  g_return_val_if_fail (CRM_IS_CLIENT_FILTER (self), FALSE);

  if (index >= self->fields->len)
    return FALSE;

  condition = g_ptr_array_index (self->fields, index);
  if (condition->match != CRM_FIELD_MATCH_RANGE)
    return FALSE;
  if (from != NULL)
    *from = condition->value;
  if (to != NULL)
    *to = condition->to;

  return TRUE;
}

guint
crm_client_filter_get_n_fields (CrmClientFilter *self)
{
  g_return_val_if_fail (CRM_IS_CLIENT_FILTER (self), 0);
  return self->fields->len;
}

/**
 * crm_client_filter_get_field:
 * @value: (out) (optional) (transfer none): the text, %NULL for "is set";
 *   of a range, its lower bound (crm_client_filter_get_field_range())
 *
 * Returns: %FALSE if @index is out of range
 */
gboolean
crm_client_filter_get_field (CrmClientFilter  *self,
                             guint             index,
                             gint64           *field_id,
                             CrmFieldMatch    *match,
                             const char      **value)
{
  FieldCondition *condition;

  g_return_val_if_fail (CRM_IS_CLIENT_FILTER (self), FALSE);

  if (index >= self->fields->len)
    return FALSE;

  condition = g_ptr_array_index (self->fields, index);
  if (field_id != NULL)
    *field_id = condition->field_id;
  if (match != NULL)
    *match = condition->match;
  if (value != NULL)
    *value = condition->value;

  return TRUE;
}

void
crm_client_filter_remove_field (CrmClientFilter *self,
                                guint            index)
{
  g_return_if_fail (CRM_IS_CLIENT_FILTER (self));

  if (index >= self->fields->len)
    return;

  g_ptr_array_remove_index (self->fields, index);
  emit_changed (self);
}

void
crm_client_filter_clear_kind (CrmClientFilter *self,
                              CrmFilterKind    kind)
{
  g_return_if_fail (CRM_IS_CLIENT_FILTER (self));
  g_return_if_fail (kind < CRM_FILTER_N_KINDS);

  if (kind < CRM_FILTER_N_ID_KINDS)
    {
      if (self->ids[kind]->len == 0)
        return;
      g_array_set_size (self->ids[kind], 0);
    }
  else if (kind == CRM_FILTER_NO_CONTACT)
    {
      if (self->no_contact_days == 0)
        return;
      self->no_contact_days = 0;
    }
  else
    {
      if (self->fields->len == 0)
        return;
      g_ptr_array_set_size (self->fields, 0);
    }

  emit_changed (self);
}

void
crm_client_filter_clear (CrmClientFilter *self)
{
  g_return_if_fail (CRM_IS_CLIENT_FILTER (self));

  if (crm_client_filter_is_empty (self))
    return;

  for (guint i = 0; i < CRM_FILTER_N_ID_KINDS; i++)
    g_array_set_size (self->ids[i], 0);
  self->no_contact_days = 0;
  g_ptr_array_set_size (self->fields, 0);
  emit_changed (self);
}

/* JSON: written here, read by a small parser of our own (the core has no
 * JSON library). The format:
 *   {"status":[1,2],"tag":[7],"no_contact_days":30,
 *    "fields":[{"field":3,"match":"contains","value":"text"},
 *              {"field":4,"match":"range","from":"10","to":"250"}]}
 * Kinds without conditions are left out; {} is the empty filter. */

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar)*p;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char)c);
        }
    }
  g_string_append_c (out, '"');
}

/**
 * crm_client_filter_to_json:
 *
 * Returns: (transfer full): the conditions as a JSON object, for
 *   crm_client_filter_new_from_json()
 */
char *
crm_client_filter_to_json (CrmClientFilter *self)
{
  GString *out;
  gboolean first = TRUE;

  g_return_val_if_fail (CRM_IS_CLIENT_FILTER (self), NULL);

  out = g_string_new ("{");
  for (guint i = 0; i < CRM_FILTER_N_ID_KINDS; i++)
    {
      if (self->ids[i]->len == 0)
        continue;
      g_string_append_printf (out, "%s\"%s\":[", first ? "" : ",", kind_names[i]);
      for (guint j = 0; j < self->ids[i]->len; j++)
        g_string_append_printf (out, "%s%" G_GINT64_FORMAT, j ? "," : "",
                                g_array_index (self->ids[i], gint64, j));
      g_string_append_c (out, ']');
      first = FALSE;
    }

  if (self->no_contact_days > 0)
    {
      g_string_append_printf (out, "%s\"%s\":%u", first ? "" : ",",
                              kind_names[CRM_FILTER_NO_CONTACT], self->no_contact_days);
      first = FALSE;
    }

  if (self->fields->len > 0)
    {
      g_string_append_printf (out, "%s\"%s\":[", first ? "" : ",", kind_names[CRM_FILTER_FIELD]);
      for (guint i = 0; i < self->fields->len; i++)
        {
          FieldCondition *condition = g_ptr_array_index (self->fields, i);

          g_string_append_printf (out, "%s{\"field\":%" G_GINT64_FORMAT ",\"match\":\"%s\"",
                                  i ? "," : "", condition->field_id, match_names[condition->match]);
          if (condition->match == CRM_FIELD_MATCH_RANGE)
            {
              if (condition->value != NULL)
                {
                  g_string_append (out, ",\"from\":");
                  append_json_string (out, condition->value);
                }
              if (condition->to != NULL)
                {
                  g_string_append (out, ",\"to\":");
                  append_json_string (out, condition->to);
                }
            }
          else if (condition->value != NULL)
            {
              g_string_append (out, ",\"value\":");
              append_json_string (out, condition->value);
            }
          g_string_append_c (out, '}');
        }
      g_string_append_c (out, ']');
    }

  g_string_append_c (out, '}');

  return g_string_free (out, FALSE);
}

typedef enum
{
  JSON_NULL,
  JSON_BOOLEAN,
  JSON_NUMBER,
  JSON_STRING,
  JSON_ARRAY,
  JSON_OBJECT,
} JsonType;

typedef struct _JsonValue JsonValue;

struct _JsonValue
{
  JsonType    type;
  gsize       offset;     /* where it starts in the text, for errors */
  gboolean    integral;   /* a number without fraction or exponent that fits gint64 */
  gint64      integer;
  char       *string;     /* STRING: the text */
  char       *key;        /* a member of an object: its name */
  GPtrArray  *children;   /* ARRAY and OBJECT: JsonValue */
};

static void
json_value_free (gpointer data)
{
  JsonValue *value = data;

  if (value == NULL)
    return;
  g_free (value->string);
  g_free (value->key);
  g_clear_pointer (&value->children, g_ptr_array_unref);
  g_free (value);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JsonValue, json_value_free)

typedef struct
{
  const char *text;
  const char *p;
  int         depth;
} JsonParser;

static gboolean
json_fail (JsonParser  *parser,
           const char  *where,
           GError     **error,
           const char  *message)
{
  /* Translators: the first %s says what is wrong, e.g. “a value is missing” */
  g_set_error (error, CRM_CLIENT_FILTER_ERROR, CRM_CLIENT_FILTER_ERROR_SYNTAX,
               _("The saved filter is not valid JSON at character %u: %s"),
               (guint)(where - parser->text) + 1, message);
  return FALSE;
}

static void
skip_space (JsonParser *parser)
{
  while (*parser->p == ' ' || *parser->p == '\t' || *parser->p == '\n' || *parser->p == '\r')
    parser->p++;
}

static int
hex_digit (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
parse_hex4 (const char *p,
            gunichar   *out)
{
  gunichar value = 0;

  for (int i = 0; i < 4; i++)
    {
      int digit = hex_digit (p[i]);

      if (digit < 0)
        return FALSE;
      value = value * 16 + digit;
    }
  *out = value;
  return TRUE;
}

static char *
parse_string (JsonParser  *parser,
              GError     **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *start = parser->p;

  g_assert (*parser->p == '"');
  parser->p++;

  for (;;)
    {
      guchar c = (guchar)*parser->p;

      if (c == '\0')
        {
          json_fail (parser, start, error, _("a text is not closed"));
          return NULL;
        }
      if (c == '"')
        {
          parser->p++;
          break;
        }
      if (c < 0x20)
        {
          json_fail (parser, parser->p, error, _("a control character inside a text"));
          return NULL;
        }
      if (c != '\\')
        {
          g_string_append_c (out, (char)c);
          parser->p++;
          continue;
        }

      parser->p++;
      switch (*parser->p)
        {
        case '"': g_string_append_c (out, '"'); break;
        case '\\': g_string_append_c (out, '\\'); break;
        case '/': g_string_append_c (out, '/'); break;
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'u':
          {
            gunichar ch, low;

            if (!parse_hex4 (parser->p + 1, &ch))
              {
                json_fail (parser, parser->p - 1, error, _("a bad \\u escape"));
                return NULL;
              }
            parser->p += 4;
            if (ch >= 0xd800 && ch < 0xdc00)
              {
                if (parser->p[1] != '\\' || parser->p[2] != 'u' ||
                    !parse_hex4 (parser->p + 3, &low) || low < 0xdc00 || low >= 0xe000)
                  {
                    json_fail (parser, parser->p - 5, error, _("a bad \\u escape"));
                    return NULL;
                  }
                ch = 0x10000 + ((ch - 0xd800) << 10) + (low - 0xdc00);
                parser->p += 6;
              }
            else if (ch >= 0xdc00 && ch < 0xe000)
              {
                json_fail (parser, parser->p - 5, error, _("a bad \\u escape"));
                return NULL;
              }
            if (ch == 0)
              {
                json_fail (parser, parser->p - 5, error, _("a text contains a NUL character"));
                return NULL;
              }
            g_string_append_unichar (out, ch);
          }
          break;
        default:
          json_fail (parser, parser->p - 1, error, _("an unknown escape sequence"));
          return NULL;
        }
      parser->p++;
    }

  if (!g_utf8_validate (out->str, out->len, NULL))
    {
      json_fail (parser, start, error, _("a text is not valid UTF-8"));
      return NULL;
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static JsonValue *parse_value (JsonParser *parser, GError **error);

static JsonValue *
parse_container (JsonParser  *parser,
                 JsonValue   *value,
                 GError     **error)
{
  gboolean object = value->type == JSON_OBJECT;
  char close = object ? '}' : ']';
  g_autoptr(JsonValue) owned = value;

  if (++parser->depth > MAX_JSON_DEPTH)
    {
      json_fail (parser, parser->p, error, _("nested too deeply"));
      return NULL;
    }

  value->children = g_ptr_array_new_with_free_func (json_value_free);
  parser->p++;
  skip_space (parser);
  if (*parser->p == close)
    {
      parser->p++;
      parser->depth--;
      return g_steal_pointer (&owned);
    }

  for (;;)
    {
      g_autofree char *key = NULL;
      JsonValue *child;

      skip_space (parser);
      if (object)
        {
          if (*parser->p != '"')
            {
              json_fail (parser, parser->p, error, _("a member name in quotes was expected"));
              return NULL;
            }
          if (!(key = parse_string (parser, error)))
            return NULL;
          skip_space (parser);
          if (*parser->p != ':')
            {
              json_fail (parser, parser->p, error, _("“:” was expected"));
              return NULL;
            }
          parser->p++;
        }

      if (!(child = parse_value (parser, error)))
        return NULL;
      child->key = g_steal_pointer (&key);
      g_ptr_array_add (value->children, child);

      skip_space (parser);
      if (*parser->p == ',')
        {
          parser->p++;
          continue;
        }
      if (*parser->p == close)
        {
          parser->p++;
          break;
        }
      json_fail (parser, parser->p, error, object ? _("“,” or “}” was expected") : _("“,” or “]” was expected"));
      return NULL;
    }

  parser->depth--;
  return g_steal_pointer (&owned);
}

static JsonValue *
parse_value (JsonParser  *parser,
             GError     **error)
{
  g_autoptr(JsonValue) value = g_new0 (JsonValue, 1);

  skip_space (parser);
  value->offset = parser->p - parser->text;

  switch (*parser->p)
    {
    case '{':
      value->type = JSON_OBJECT;
      return parse_container (parser, g_steal_pointer (&value), error);
    case '[':
      value->type = JSON_ARRAY;
      return parse_container (parser, g_steal_pointer (&value), error);
    case '"':
      value->type = JSON_STRING;
      if (!(value->string = parse_string (parser, error)))
        return NULL;
      return g_steal_pointer (&value);
    case 't':
    case 'f':
    case 'n':
      {
        static const char * const words[] = { "true", "false", "null" };

        for (guint i = 0; i < G_N_ELEMENTS (words); i++)
          if (strncmp (parser->p, words[i], strlen (words[i])) == 0)
            {
              value->type = i == 2 ? JSON_NULL : JSON_BOOLEAN;
              value->integer = i == 0;
              parser->p += strlen (words[i]);
              return g_steal_pointer (&value);
            }
        json_fail (parser, parser->p, error, _("an unknown word"));
        return NULL;
      }
    default:
      if (*parser->p == '-' || g_ascii_isdigit (*parser->p))
        {
          const char *start = parser->p;
          gboolean integral = TRUE;
          g_autofree char *number = NULL;

          if (*parser->p == '-')
            parser->p++;
          if (!g_ascii_isdigit (*parser->p))
            {
              json_fail (parser, start, error, _("a bad number"));
              return NULL;
            }
          while (g_ascii_isdigit (*parser->p))
            parser->p++;
          if (*parser->p == '.')
            {
              integral = FALSE;
              parser->p++;
              if (!g_ascii_isdigit (*parser->p))
                {
                  json_fail (parser, start, error, _("a bad number"));
                  return NULL;
                }
              while (g_ascii_isdigit (*parser->p))
                parser->p++;
            }
          if (*parser->p == 'e' || *parser->p == 'E')
            {
              integral = FALSE;
              parser->p++;
              if (*parser->p == '+' || *parser->p == '-')
                parser->p++;
              if (!g_ascii_isdigit (*parser->p))
                {
                  json_fail (parser, start, error, _("a bad number"));
                  return NULL;
                }
              while (g_ascii_isdigit (*parser->p))
                parser->p++;
            }
          value->type = JSON_NUMBER;
          number = g_strndup (start, parser->p - start);
          if (integral && !g_ascii_string_to_signed (number, 10, G_MININT64, G_MAXINT64,
                                                     &value->integer, NULL))
            integral = FALSE;
          value->integral = integral;
          return g_steal_pointer (&value);
        }
      if (*parser->p == '\0')
        json_fail (parser, parser->p, error, _("the text ends where a value was expected"));
      else
        json_fail (parser, parser->p, error, _("a value was expected"));
      return NULL;
    }

  return NULL;
}

static gboolean
invalid (GError     **error,
         const char  *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError     **error,
         const char  *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, CRM_CLIENT_FILTER_ERROR, CRM_CLIENT_FILTER_ERROR_INVALID,
               _("The saved filter is not valid: %s"), message);
  return FALSE;
}

static gboolean
positive_id (const JsonValue *value,
             gint64          *id)
{
  if (value->type != JSON_NUMBER || !value->integral || value->integer <= 0)
    return FALSE;
  *id = value->integer;
  return TRUE;
}

static gboolean
read_field_condition (CrmClientFilter  *filter,
                      const JsonValue  *object,
                      guint             index,
                      GError          **error)
{
  const JsonValue *field = NULL, *match = NULL, *text = NULL, *from = NULL, *to = NULL;
  CrmFieldMatch how;
  gint64 field_id;

  if (object->type != JSON_OBJECT)
    return invalid (error, _("condition %u of “fields” is not an object"), index + 1);

  for (guint i = 0; i < object->children->len; i++)
    {
      const JsonValue *member = g_ptr_array_index (object->children, i);
      const JsonValue **slot;

      if (g_strcmp0 (member->key, "field") == 0)
        slot = &field;
      else if (g_strcmp0 (member->key, "match") == 0)
        slot = &match;
      else if (g_strcmp0 (member->key, "value") == 0)
        slot = &text;
      else if (g_strcmp0 (member->key, "from") == 0)
        slot = &from;
      else if (g_strcmp0 (member->key, "to") == 0)
        slot = &to;
      else
        return invalid (error, _("condition %u of “fields” has an unknown member “%s”"),
                        index + 1, member->key);
      if (*slot != NULL)
        return invalid (error, _("condition %u of “fields” has “%s” twice"), index + 1, member->key);
      *slot = member;
    }

  if (field == NULL || !positive_id (field, &field_id))
    return invalid (error, _("condition %u of “fields” needs “field”, a field number"), index + 1);
  if (match == NULL || match->type != JSON_STRING || !crm_field_match_from_string (match->string, &how))
    return invalid (error, _("condition %u of “fields” needs “match”: “equals”, “contains”, “is_set”, "
                             "“not_equals” or “range”"),
                    index + 1);
  if (how == CRM_FIELD_MATCH_RANGE)
    {
      gboolean from_date = FALSE, to_date = FALSE;

      if (text != NULL)
        return invalid (error, _("condition %u of “fields” is a “range” and takes “from” and “to”, "
                                 "not “value”"), index + 1);
      if ((from == NULL || from->type == JSON_NULL) && (to == NULL || to->type == JSON_NULL))
        return invalid (error, _("condition %u of “fields” is a “range” without “from” or “to”"), index + 1);
      if ((from != NULL && from->type != JSON_NULL &&
           (from->type != JSON_STRING || !crm_client_filter_is_range_bound (from->string, &from_date))) ||
          (to != NULL && to->type != JSON_NULL &&
           (to->type != JSON_STRING || !crm_client_filter_is_range_bound (to->string, &to_date))))
        return invalid (error, _("condition %u of “fields” needs a number or a date YYYY-MM-DD in "
                                 "“from” and “to”"), index + 1);
      if (from != NULL && from->type == JSON_STRING && to != NULL && to->type == JSON_STRING &&
          from_date != to_date)
        return invalid (error, _("condition %u of “fields” mixes a number and a date"), index + 1);

      crm_client_filter_add_field_range (filter, field_id,
                                         from != NULL && from->type == JSON_STRING ? from->string : NULL,
                                         to != NULL && to->type == JSON_STRING ? to->string : NULL);
      return TRUE;
    }
  if (from != NULL || to != NULL)
    return invalid (error, _("condition %u of “fields” takes “from” and “to” only as a “range”"), index + 1);
  if (how == CRM_FIELD_MATCH_IS_SET)
    {
      if (text != NULL && text->type != JSON_NULL)
        return invalid (error, _("condition %u of “fields” is “is_set” and takes no “value”"), index + 1);
    }
  else if (text == NULL || text->type != JSON_STRING)
    return invalid (error, _("condition %u of “fields” needs “value”, a text"), index + 1);

  crm_client_filter_add_field (filter, field_id, how,
                               how == CRM_FIELD_MATCH_IS_SET ? NULL : text->string);
  return TRUE;
}

/**
 * crm_client_filter_new_from_json:
 * @json: what crm_client_filter_to_json() wrote
 *
 * Unknown members, values of the wrong type and ids that are not positive
 * whole numbers are errors: a saved filter is never half read.
 *
 * Returns: (transfer full): the filter, or %NULL with @error set
 */
CrmClientFilter *
crm_client_filter_new_from_json (const char  *json,
                                 GError     **error)
{
  g_autoptr(CrmClientFilter) filter = NULL;
  g_autoptr(JsonValue) root = NULL;
  g_autoptr(GHashTable) seen = NULL;
  JsonParser parser = { json, json, 0 };

  g_return_val_if_fail (json != NULL, NULL);

  if (!(root = parse_value (&parser, error)))
    return NULL;
  skip_space (&parser);
  if (*parser.p != '\0')
    {
      json_fail (&parser, parser.p, error, _("there is more text after the end"));
      return NULL;
    }
  if (root->type != JSON_OBJECT)
    {
      invalid (error, _("it is not an object"));
      return NULL;
    }

  filter = crm_client_filter_new ();
  seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < root->children->len; i++)
    {
      const JsonValue *member = g_ptr_array_index (root->children, i);
      CrmFilterKind kind;

      if (!crm_filter_kind_from_string (member->key, &kind))
        {
          invalid (error, _("unknown member “%s”"), member->key);
          return NULL;
        }
      if (!g_hash_table_add (seen, member->key))
        {
          invalid (error, _("“%s” appears twice"), member->key);
          return NULL;
        }

      if (kind < CRM_FILTER_N_ID_KINDS)
        {
          if (member->type != JSON_ARRAY)
            {
              invalid (error, _("“%s” must be a list of numbers"), member->key);
              return NULL;
            }
          for (guint j = 0; j < member->children->len; j++)
            {
              gint64 id;

              if (!positive_id (g_ptr_array_index (member->children, j), &id))
                {
                  invalid (error, _("item %u of “%s” is not a positive whole number"), j + 1, member->key);
                  return NULL;
                }
              crm_client_filter_add (filter, kind, id);
            }
        }
      else if (kind == CRM_FILTER_NO_CONTACT)
        {
          if (member->type != JSON_NUMBER || !member->integral ||
              member->integer < 0 || member->integer > CRM_CLIENT_FILTER_MAX_DAYS)
            {
              invalid (error, _("“%s” must be a whole number of days from 0 to %d"),
                       member->key, CRM_CLIENT_FILTER_MAX_DAYS);
              return NULL;
            }
          crm_client_filter_set_no_contact_days (filter, (guint)member->integer);
        }
      else
        {
          if (member->type != JSON_ARRAY)
            {
              invalid (error, _("“%s” must be a list of conditions"), member->key);
              return NULL;
            }
          for (guint j = 0; j < member->children->len; j++)
            if (!read_field_condition (filter, g_ptr_array_index (member->children, j), j, error))
              return NULL;
        }
    }

  return g_steal_pointer (&filter);
}

/* Chips */

static const char *
kind_label_format (CrmFilterKind kind)
{
  switch (kind)
    {
    /* Translators: a condition of the client list's filter; %s is a status */
    case CRM_FILTER_STATUS: return _("Status: %s");
    /* Translators: a condition of the client list's filter; %s is an industry */
    case CRM_FILTER_INDUSTRY: return _("Industry: %s");
    /* Translators: a condition of the client list's filter; %s is a region */
    case CRM_FILTER_REGION: return _("Region: %s");
    /* Translators: a condition of the client list's filter; %s is where the client came from */
    case CRM_FILTER_SOURCE: return _("Source: %s");
    /* Translators: a condition of the client list's filter; %s is a tag */
    case CRM_FILTER_TAG: return _("Tag: %s");
    /* Translators: a condition of the client list's filter; %s is a person */
    case CRM_FILTER_MANAGER: return _("Manager: %s");
    case CRM_FILTER_NO_CONTACT:
    case CRM_FILTER_FIELD:
    case CRM_FILTER_N_KINDS:
    default:
      g_assert_not_reached ();
    }
  return NULL;
}

static char *
value_name (CrmStore       *store,
            CrmFilterKind   kind,
            gint64          id,
            GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  char *name = crm_store_get_filter_value_name (store, kind, id, &local_error);

  if (name != NULL)
    return name;
  if (g_error_matches (local_error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND))
    /* Translators: shown in a filter condition whose value was deleted */
    return g_strdup (_("(deleted)"));

  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

static CrmFilterChip *
chip_new (CrmFilterKind  kind,
          char          *id,
          char          *label)
{
  CrmFilterChip *chip = g_new0 (CrmFilterChip, 1);

  chip->kind = kind;
  chip->id = id;
  chip->label = label;
  return chip;
}

/* What a chip of a user-defined field says; @kind is the field's kind, NULL
 * when it was deleted */
static char *
field_condition_label (const FieldCondition *condition,
                       const char           *name,
                       const char           *kind)
{
  gboolean checkbox = g_strcmp0 (kind, "checkbox") == 0;
  gboolean is_date = FALSE;

  switch (condition->match)
    {
    case CRM_FIELD_MATCH_EQUALS:
      if (checkbox && g_strcmp0 (condition->value, "1") == 0)
        /* Translators: a condition on a user-defined checkbox field: it is ticked */
        return g_strdup_printf (_("%s: yes"), name);
      if (checkbox && g_strcmp0 (condition->value, "0") == 0)
        /* Translators: a condition on a user-defined checkbox field: it is not ticked */
        return g_strdup_printf (_("%s: no"), name);
      /* Translators: a condition on a user-defined field: “Size is “Large”” */
      return g_strdup_printf (_("%s is “%s”"), name, condition->value);

    case CRM_FIELD_MATCH_NOT_EQUALS:
      if (checkbox && g_strcmp0 (condition->value, "1") == 0)
        return g_strdup_printf (_("%s: no"), name);
      /* Translators: a condition on a user-defined field: “Size is not “Large”” */
      return g_strdup_printf (_("%s is not “%s”"), name, condition->value);

    case CRM_FIELD_MATCH_CONTAINS:
      /* Translators: a condition on a user-defined field */
      return g_strdup_printf (_("%s contains “%s”"), name, condition->value);

    case CRM_FIELD_MATCH_RANGE:
      crm_client_filter_is_range_bound (condition->value ? condition->value : condition->to, &is_date);
      if (condition->value != NULL && condition->to != NULL)
        {
          if (g_str_equal (condition->value, condition->to))
            /* Translators: a condition on a user-defined number or date field:
             * “Employees = 50”, “Contract date = 2024-03-01” */
            return g_strdup_printf (_("%s = %s"), name, condition->value);
          /* Translators: a condition on a user-defined number or date field:
           * “Employees from 10 to 50”, “Contract date from 2024-01-01 to 2024-06-30” */
          return g_strdup_printf (_("%s from %s to %s"), name, condition->value, condition->to);
        }
      if (condition->value != NULL)
        return g_strdup_printf (is_date
                                /* Translators: a condition on a user-defined date field: on or after a day */
                                ? _("%s from %s")
                                /* Translators: a condition on a user-defined number field */
                                : _("%s at least %s"),
                                name, condition->value);
      return g_strdup_printf (is_date
                              /* Translators: a condition on a user-defined date field: on or before a day */
                              ? _("%s until %s")
                              /* Translators: a condition on a user-defined number field */
                              : _("%s at most %s"),
                              name, condition->to);

    case CRM_FIELD_MATCH_IS_SET:
    case CRM_FIELD_N_MATCHES:
    default:
      /* Translators: a condition on a user-defined field: it has a value */
      return g_strdup_printf (_("%s is filled in"), name);
    }
}

/**
 * crm_client_filter_describe_conditions:
 * @self: a #CrmClientFilter
 * @store: where the names of the values are
 *
 * Returns: (transfer full) (element-type CrmFilterChip): one chip per
 *   condition, with a translated label and an id for
 *   crm_client_filter_remove_condition(); %NULL on a store error
 */
GPtrArray *
crm_client_filter_describe_conditions (CrmClientFilter  *self,
                                       CrmStore         *store,
                                       GError          **error)
{
  g_autoptr(GPtrArray) chips = NULL;
  g_autoptr(GPtrArray) fields = NULL;

  g_return_val_if_fail (CRM_IS_CLIENT_FILTER (self), NULL);
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  chips = g_ptr_array_new_with_free_func ((GDestroyNotify)crm_filter_chip_free);

  for (guint kind = 0; kind < CRM_FILTER_N_ID_KINDS; kind++)
    for (guint i = 0; i < self->ids[kind]->len; i++)
      {
        gint64 id = g_array_index (self->ids[kind], gint64, i);
        g_autofree char *name = value_name (store, kind, id, error);

        if (name == NULL)
          return NULL;
        g_ptr_array_add (chips, chip_new (kind,
                                          g_strdup_printf ("%s:%" G_GINT64_FORMAT, kind_names[kind], id),
                                          g_strdup_printf (kind_label_format (kind), name)));
      }

  if (self->no_contact_days > 0)
    g_ptr_array_add (chips, chip_new (CRM_FILTER_NO_CONTACT,
                                      g_strdup (kind_names[CRM_FILTER_NO_CONTACT]),
                                      g_strdup_printf (ngettext ("No contact for %u day",
                                                                 "No contact for %u days",
                                                                 self->no_contact_days),
                                                       self->no_contact_days)));

  if (self->fields->len > 0 && !(fields = crm_store_list_custom_fields (store, error)))
    return NULL;

  for (guint i = 0; i < self->fields->len; i++)
    {
      FieldCondition *condition = g_ptr_array_index (self->fields, i);
      g_autofree char *name = value_name (store, CRM_FILTER_FIELD, condition->field_id, error);
      const char *kind = NULL;
      char *label;

      if (name == NULL)
        return NULL;
      for (guint j = 0; j < fields->len; j++)
        {
          CrmCustomField *field = g_ptr_array_index (fields, j);

          if (field->id == condition->field_id)
            kind = field->kind;
        }

      label = field_condition_label (condition, name, kind);
      g_ptr_array_add (chips, chip_new (CRM_FILTER_FIELD, g_strdup_printf ("fields:%u", i), label));
    }

  return g_steal_pointer (&chips);
}

/**
 * crm_client_filter_remove_condition:
 * @chip_id: the id of a chip from crm_client_filter_describe_conditions()
 *
 * Returns: %TRUE if a condition was removed
 */
gboolean
crm_client_filter_remove_condition (CrmClientFilter *self,
                                    const char      *chip_id)
{
  g_auto(GStrv) parts = NULL;
  CrmFilterKind kind;
  guint64 number;

  g_return_val_if_fail (CRM_IS_CLIENT_FILTER (self), FALSE);
  g_return_val_if_fail (chip_id != NULL, FALSE);

  parts = g_strsplit (chip_id, ":", 2);
  if (!crm_filter_kind_from_string (parts[0], &kind))
    return FALSE;

  if (kind == CRM_FILTER_NO_CONTACT)
    {
      if (parts[1] != NULL || self->no_contact_days == 0)
        return FALSE;
      crm_client_filter_set_no_contact_days (self, 0);
      return TRUE;
    }

  if (parts[1] == NULL || !g_ascii_string_to_unsigned (parts[1], 10, 0, G_MAXINT64, &number, NULL))
    return FALSE;

  if (kind == CRM_FILTER_FIELD)
    {
      if (number >= self->fields->len)
        return FALSE;
      crm_client_filter_remove_field (self, (guint)number);
      return TRUE;
    }

  return crm_client_filter_remove (self, kind, (gint64)number);
}
