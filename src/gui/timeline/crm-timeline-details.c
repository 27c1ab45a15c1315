/* crm-timeline-details.c: what a timeline row shows of each kind of entry
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-timeline"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-format.h"
#include "crm-timeline-details.h"

/* The client's fields as a change names them (crm_store_update_client_field) */
static const struct
{
  const char *field;
  const char *title;
} field_titles[] = {
  { "name",       N_("Name") },
  { "legal_name", N_("Legal Name") },
  { "tax_id",     N_("Tax ID") },
  { "status",     N_("Status") },
  { "industry",   N_("Industry") },
  { "region",     N_("Region") },
  { "source",     N_("Source") },
  { "manager",    N_("Responsible Manager") },
  { "city",       N_("City") },
  { "address",    N_("Address") },
  { "website",    N_("Website") },
  { "notes",      N_("Notes") },
};

/**
 * crm_timeline_format_day:
 * @now: the current local time
 *
 * Returns: (transfer full): "Today", "Yesterday" or the whole date of a
 * day header, such as "Monday, 23 November 2026"
 */
char *
crm_timeline_format_day (gint64     timestamp,
                         GDateTime *now)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (timestamp);
  g_autoptr(GDateTime) now_local = g_date_time_to_local (now);
  GDate day, today;
  int y, m, d;

  if (local == NULL || now_local == NULL)
    return g_strdup ("");

  g_date_time_get_ymd (local, &y, &m, &d);
  g_date_set_dmy (&day, d, m, y);
  g_date_time_get_ymd (now_local, &y, &m, &d);
  g_date_set_dmy (&today, d, m, y);

  switch (g_date_days_between (&day, &today))
    {
    case 0:
      return g_strdup (_("Today"));
    case 1:
      return g_strdup (_("Yesterday"));
    default:
      /* Translators: a day header of the timeline, see the strftime(3) manual
       * page; e.g. "%A, %-d %B %Y" gives "Monday, 23 November 2026" */
      return g_date_time_format (local, C_("timeline day", "%A, %-d %B %Y"));
    }
}

/* Returns: (transfer full): "25 min", "1 h 5 min" */
char *
crm_timeline_format_duration (int seconds)
{
  int minutes = (seconds + 59) / 60;

  if (minutes < 60)
    /* Translators: a duration in minutes */
    return g_strdup_printf (_("%d min"), minutes);
  if (minutes % 60 == 0)
    /* Translators: a duration in whole hours */
    return g_strdup_printf (_("%d h"), minutes / 60);
  /* Translators: a duration in hours and minutes */
  return g_strdup_printf (_("%d h %d min"), minutes / 60, minutes % 60);
}

/* Returns: (transfer full): "Status: Negotiation → Client" */
char *
crm_timeline_format_change (const CrmHistoryEntry *entry)
{
  const char *field = entry->change_field ? entry->change_field : entry->subject;
  const char *title = field;

  for (guint i = 0; i < G_N_ELEMENTS (field_titles); i++)
    if (g_strcmp0 (field, field_titles[i].field) == 0)
      title = _(field_titles[i].title);

  /* Translators: a change of a field in the timeline: the field, its value
   * before and after; an empty value is shown as “—” */
  return g_strdup_printf (_("%s: %s → %s"), title ? title : "",
                          entry->change_old && *entry->change_old ? entry->change_old : "—",
                          entry->change_new && *entry->change_new ? entry->change_new : "—");
}

static GtkWidget *
detail_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "caption");
  return label;
}

static void
add_line (GtkWidget  **box,
          const char  *text)
{
  if (*box == NULL)
    *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_box_append (GTK_BOX (*box), detail_label (text));
}

/* The default: outcome and reason, duration, follow-up, documents */
static GtkWidget *
build_default (const CrmHistoryEntry *entry)
{
  GtkWidget *box = NULL;

  if (entry->outcome != NULL && entry->reason != NULL)
    {
      /* Translators: an outcome of a call or a meeting and the reason for it */
      g_autofree char *text = g_strdup_printf (_("Outcome: %s (%s)"), entry->outcome, entry->reason);
      add_line (&box, text);
    }
  else if (entry->outcome != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Outcome: %s"), entry->outcome);
      add_line (&box, text);
    }
  if (entry->duration > 0)
    {
      g_autofree char *duration = crm_timeline_format_duration (entry->duration);
      g_autofree char *text = g_strdup_printf (_("Duration: %s"), duration);
      add_line (&box, text);
    }
  if (entry->follow_up != NULL)
    {
      g_autoptr(GDateTime) date = NULL;
      g_autofree char *iso = g_strconcat (entry->follow_up, "T12:00:00Z", NULL);
      g_autofree char *shown = NULL;
      g_autofree char *text = NULL;

      date = g_date_time_new_from_iso8601 (iso, NULL);
      shown = date ? crm_format_date (g_date_time_to_unix (date)) : g_strdup (entry->follow_up);
      /* Translators: %s is a date */
      text = g_strdup_printf (_("Follow up on %s"), shown);
      add_line (&box, text);
    }
  if (entry->n_documents > 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u document", "%u documents", entry->n_documents),
                                               entry->n_documents);
      add_line (&box, text);
    }

  return box;
}

/* An e-mail: who wrote it to whom, then what every entry shows (its
 * attached files are its documents) */
static GtkWidget *
build_email (const CrmHistoryEntry *entry)
{
  GtkWidget *rest = build_default (entry);
  GtkWidget *box = NULL;

  if (entry->mail_from != NULL)
    {
      /* Translators: the sender of an e-mail in the timeline */
      g_autofree char *text = g_strdup_printf (_("From: %s"), entry->mail_from);
      add_line (&box, text);
    }
  if (entry->mail_to != NULL)
    {
      /* Translators: the recipients of an e-mail in the timeline */
      g_autofree char *text = g_strdup_printf (_("To: %s"), entry->mail_to);
      add_line (&box, text);
    }
  if (entry->mail_cc != NULL)
    {
      /* Translators: the copy recipients of an e-mail in the timeline */
      g_autofree char *text = g_strdup_printf (_("Cc: %s"), entry->mail_cc);
      add_line (&box, text);
    }

  if (box == NULL)
    return rest;
  if (rest != NULL)
    gtk_box_append (GTK_BOX (box), rest);

  return box;
}

static GtkWidget *
build_change (const CrmHistoryEntry *entry)
{
  g_autofree char *text = crm_timeline_format_change (entry);

  return detail_label (text);
}

static const CrmTimelineDetail default_detail = { NULL, FALSE, build_default };

static const CrmTimelineDetail builtin_details[] = {
  { "field-changed",   TRUE, build_change },
  { "status-changed",  TRUE, build_change },
  { "manager-changed", TRUE, build_change },
  { "email",           FALSE, build_email },
};

static GPtrArray *registered;  /* const CrmTimelineDetail*; the GUI's thread only */

static void
ensure_builtin (void)
{
  if (registered != NULL)
    return;
  registered = g_ptr_array_new ();
  for (guint i = 0; i < G_N_ELEMENTS (builtin_details); i++)
    g_ptr_array_add (registered, (gpointer)&builtin_details[i]);
}

/**
 * crm_timeline_detail_register:
 * @detail: (transfer none): lives as long as the program (a static)
 *
 * Says how the timeline shows a kind, in place of the one registered for it.
 */
void
crm_timeline_detail_register (const CrmTimelineDetail *detail)
{
  g_return_if_fail (detail != NULL && detail->kind != NULL && detail->build != NULL);

  ensure_builtin ();
  for (guint i = 0; i < registered->len; i++)
    if (g_str_equal (((const CrmTimelineDetail *)g_ptr_array_index (registered, i))->kind, detail->kind))
      {
        g_ptr_array_index (registered, i) = (gpointer)detail;
        return;
      }
  g_ptr_array_add (registered, (gpointer)detail);
}

/* Returns: (not nullable): how to show the kind; the default for one nobody registered */
const CrmTimelineDetail *
crm_timeline_detail_lookup (const char *kind)
{
  ensure_builtin ();
  for (guint i = 0; kind != NULL && i < registered->len; i++)
    {
      const CrmTimelineDetail *detail = g_ptr_array_index (registered, i);

      if (g_str_equal (detail->kind, kind))
        return detail;
    }
  return &default_detail;
}
