/* crm-format.c
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-format"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-format.h"

/* How the GUI writes numbers and dates. Timestamps are seconds since the
 * epoch in UTC (design.md, Storage) and are shown in the local time zone. */

/**
 * crm_format_number:
 *
 * Returns: (transfer full): @value with the locale's digit grouping,
 *   "1,234" in English and "1 234" in Russian
 */
char *
crm_format_number (guint64 value)
{
  return g_strdup_printf ("%'" G_GUINT64_FORMAT, value);
}

/**
 * crm_format_date:
 *
 * Returns: (transfer full): the local date of @timestamp, e.g. "Nov 27, 2026"
 */
char *
crm_format_date (gint64 timestamp)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_local (timestamp);

  if (date == NULL)
    return g_strdup ("");

  /* Translators: a date in a table, see the strftime(3) manual page; e.g. "%-d %b %Y" */
  return g_date_time_format (date, C_("date", "%b %-d, %Y"));
}

/**
 * crm_format_date_time:
 *
 * Returns: (transfer full): the local date and time of @timestamp
 */
char *
crm_format_date_time (gint64 timestamp)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_local (timestamp);

  if (date == NULL)
    return g_strdup ("");

  /* Translators: a date with a time, see the strftime(3) manual page; e.g. "%-d %b %Y, %H:%M" */
  return g_date_time_format (date, C_("date", "%b %-d, %Y, %H:%M"));
}

/**
 * crm_format_last_contact:
 * @timestamp: seconds since the epoch, UTC; 0 means never
 * @now: the current local time
 *
 * Returns: (transfer full): "Never", "Today", "Yesterday", "5 days ago" or,
 *   for a week and more ago (or the future), the date
 */
char *
crm_format_last_contact (gint64     timestamp,
                         GDateTime *now)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) now_local = NULL;
  GDate day, today;
  int days;

  g_return_val_if_fail (now != NULL, NULL);

  if (timestamp == 0)
    return g_strdup (C_("last contact", "Never"));

  local = g_date_time_new_from_unix_local (timestamp);
  now_local = g_date_time_to_local (now);
  if (local == NULL || now_local == NULL)
    return g_strdup ("");

  /* Count calendar days, not periods of 24 hours: yesterday at 23:00 is
   * "Yesterday" at 01:00 today. */
  g_date_clear (&day, 1);
  g_date_clear (&today, 1);
  g_date_set_dmy (&day, g_date_time_get_day_of_month (local),
                  g_date_time_get_month (local), g_date_time_get_year (local));
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now_local),
                  g_date_time_get_month (now_local), g_date_time_get_year (now_local));
  days = g_date_days_between (&day, &today);

  if (days == 0)
    return g_strdup (_("Today"));
  if (days == 1)
    return g_strdup (_("Yesterday"));
  if (days > 1 && days < 7)
    return g_strdup_printf (ngettext ("%d day ago", "%d days ago", days), days);

  return crm_format_date (timestamp);
}
