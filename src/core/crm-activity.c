/* crm-activity.c: kinds of work, periods and the activity table (no SQL:
 * the queries are in store/crm-store-activity.c)
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-activity"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "crm-activity.h"
#include "crm-history-kinds.h"

static const char * const system_kinds[] = {
  "field-changed", "status-changed", "manager-changed", "created", "imported", "merged", "document",
};

gboolean
crm_activity_kind_is_contact (const char *kind)
{
  if (kind == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (system_kinds); i++)
    if (g_str_equal (kind, system_kinds[i]))
      return FALSE;

  return TRUE;
}

int
crm_activity_kind_from_string (const char *kind)
{
  static const char * const names[] = { "call", "meeting", "letter", "email", "note" };

  if (!crm_activity_kind_is_contact (kind))
    return -1;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (kind, names[i]))
      return (int)i;

  return CRM_ACTIVITY_OTHER;
}

const char *
crm_activity_kind_title (CrmActivityKind kind)
{
  switch (kind)
    {
    case CRM_ACTIVITY_CALL:
      return crm_history_kind_plural ("call");
    case CRM_ACTIVITY_MEETING:
      return crm_history_kind_plural ("meeting");
    case CRM_ACTIVITY_LETTER:
      return crm_history_kind_plural ("letter");
    case CRM_ACTIVITY_EMAIL:
      return crm_history_kind_plural ("email");
    case CRM_ACTIVITY_NOTE:
      return crm_history_kind_plural ("note");
    case CRM_ACTIVITY_OTHER:
    case CRM_ACTIVITY_N_KINDS:
    default:
      /* Translators: a column of the control view: work of kinds without a column of their own */
      return C_("activity", "Other");
    }
}

/* The timeline's registry of kinds names them (crm-history-kinds.c), in the
 * context "history kind", so the kind Call is not the card's button Call */
const char *
crm_activity_kind_label (const char *kind)
{
  return kind != NULL ? crm_history_kind_label (kind) : "";
}

static gboolean
parse_day (const char *text,
           GDate      *date)
{
  unsigned year, month, day;
  char end;

  if (text == NULL || strlen (text) != 10 ||
      sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &end) != 3 ||
      text[4] != '-' || text[7] != '-' ||
      !g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

gboolean
crm_day_is_valid (const char *text)
{
  GDate date;

  return parse_day (text, &date);
}

static char *
format_day (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

void
crm_period_get_days (CrmPeriod   period,
                     GDateTime  *now,
                     char      **from,
                     char      **to)
{
  g_autoptr(GDateTime) utc = NULL;
  GDate today, first, last;

  g_return_if_fail (from != NULL && to != NULL);

  utc = now ? g_date_time_to_utc (now) : g_date_time_new_now_utc ();
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (utc), g_date_time_get_month (utc),
                  g_date_time_get_year (utc));
  first = today;
  switch (period)
    {
    case CRM_PERIOD_THIS_WEEK:
    case CRM_PERIOD_LAST_WEEK:
      g_date_subtract_days (&first, g_date_get_weekday (&today) - G_DATE_MONDAY);
      if (period == CRM_PERIOD_LAST_WEEK)
        g_date_subtract_days (&first, 7);
      last = first;
      g_date_add_days (&last, 6);
      break;

    case CRM_PERIOD_LAST_MONTH:
      g_date_subtract_months (&first, 1);
      G_GNUC_FALLTHROUGH;
    case CRM_PERIOD_THIS_MONTH:
    default:
      g_date_set_day (&first, 1);
      last = first;
      g_date_set_day (&last, g_date_get_days_in_month (g_date_get_month (&first), g_date_get_year (&first)));
      break;
    }

  *from = format_day (&first);
  *to = format_day (&last);
}

void
crm_activity_table_free (CrmActivityTable *table)
{
  if (table == NULL)
    return;
  g_free (table->from);
  g_free (table->to);
  g_clear_pointer (&table->rows, g_ptr_array_unref);
  g_free (table->by_day);
  g_free (table);
}

char *
crm_activity_table_day (const CrmActivityTable *table,
                        guint                   index)
{
  GDate date;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (index < table->n_days, NULL);

  if (!parse_day (table->from, &date))
    return NULL;
  g_date_add_days (&date, index);

  return format_day (&date);
}

const CrmActivityRow *
crm_activity_table_find (const CrmActivityTable *table,
                         gint64                  user_id)
{
  g_return_val_if_fail (table != NULL, NULL);

  for (guint i = 0; i < table->rows->len; i++)
    {
      const CrmActivityRow *row = g_ptr_array_index (table->rows, i);

      if (row->user_id == user_id)
        return row;
    }

  return NULL;
}

/* Used by the store: the number of days between two valid dates, inclusive;
 * 0 when either is not a date or to is before from */
guint _crm_activity_count_days (const char *from, const char *to);

guint
_crm_activity_count_days (const char *from,
                          const char *to)
{
  GDate a, b;
  int n;

  if (!parse_day (from, &a) || !parse_day (to, &b))
    return 0;
  n = g_date_days_between (&a, &b);

  return n < 0 ? 0 : (guint)n + 1;
}

void
crm_forgotten_count_free (CrmForgottenCount *count)
{
  if (count == NULL)
    return;
  g_free (count->user_name);
  g_free (count);
}

void
crm_forgotten_client_free (CrmForgottenClient *client)
{
  if (client == NULL)
    return;
  g_free (client->name);
  g_free (client->status);
  g_free (client->city);
  g_free (client);
}

void
crm_activity_entry_free (CrmActivityEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->company_name);
  g_free (entry->user_name);
  g_free (entry->kind);
  g_free (entry->subject);
  g_free (entry);
}
