/* crm-dossier.c: a client's dossier laid out on pages (cairo + pango)
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The dossier is a list of blocks (the title, lines of properties, contact
 * persons, one block per history entry), each a PangoLayout at the width of
 * the text column. Pagination places their lines one by one, so a long text
 * goes on over the next page; a block's first lines (a heading with the line
 * after it) never stay alone at the bottom of a page. The layouts come from
 * the dossier's own font map at 72 dpi with hinting off: their sizes are
 * points on every surface, so the printer and the PDF get the same pages.
 */

#define G_LOG_DOMAIN "crm-dossier"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <stdio.h>

#include "crm-activity.h"
#include "crm-client-edit.h"
#include "crm-dossier.h"
#include "crm-history.h"

#define FONT_FAMILY   "DejaVu Sans"
#define MARGIN_X      50.0
#define MARGIN_TOP    60.0
#define MARGIN_BOTTOM 56.0

typedef struct
{
  PangoLayout *layout;
  double       space_before;
  double       indent;
  guint        keep_lines;   /* lines that go to a page together */
  gboolean     rule;         /* a thin line above the block */
} Block;

typedef struct
{
  guint            page;
  double           x;
  double           y;         /* the baseline; for a rule its height */
  PangoLayoutLine *line;      /* NULL: a rule */
  double           width;     /* of a rule */
} Placed;

struct _CrmDossier
{
  char             *client_name;
  char             *period;      /* "from – to", for the running header */
  guint             n_entries;

  PangoFontMap     *font_map;
  PangoContext     *context;
  GArray           *blocks;      /* Block */
  GArray           *placed;      /* Placed */
  guint             n_pages;
  double            width;
  double            height;

  /* kept until the blocks are made at a width */
  CrmClientSummary *summary;
  CrmClientRecord  *record;
  GPtrArray        *entries;
  char             *from_day;
  char             *to_day;
};

static void
block_clear (gpointer data)
{
  Block *block = data;

  g_clear_object (&block->layout);
}

static void
placed_clear (gpointer data)
{
  Placed *placed = data;

  g_clear_pointer (&placed->line, pango_layout_line_unref);
}

void
crm_dossier_free (CrmDossier *self)
{
  if (self == NULL)
    return;
  g_free (self->client_name);
  g_free (self->period);
  g_clear_pointer (&self->blocks, g_array_unref);
  g_clear_pointer (&self->placed, g_array_unref);
  g_clear_object (&self->context);
  g_clear_object (&self->font_map);
  g_clear_pointer (&self->summary, crm_client_summary_free);
  g_clear_pointer (&self->record, crm_client_record_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_free (self->from_day);
  g_free (self->to_day);
  g_free (self);
}

/* Local midnight of a day YYYY-MM-DD, plus days */
static gboolean
day_to_time (const char *day,
             int         add_days,
             gint64     *time,
             GError    **error)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) moved = NULL;
  int y, m, d;

  if (!crm_day_is_valid (day) || sscanf (day, "%d-%d-%d", &y, &m, &d) != 3 ||
      !(start = g_date_time_new_local (y, m, d, 0, 0, 0)))
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                   /* Translators: %s is what was given as a date */
                   _("“%s” is not a date: write it as YYYY-MM-DD."), day ? day : "");
      return FALSE;
    }
  moved = g_date_time_add_days (start, add_days);
  *time = g_date_time_to_unix (moved);

  return TRUE;
}

/* The client's entries with from <= occurred_at < to, newest first, read
 * through the timeline's pages */
static GPtrArray *
load_history (CrmStore  *store,
              gint64     client_id,
              gint64     from,
              gint64     to,
              GError   **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify)crm_history_entry_free);
  CrmHistoryQuery query = { .from = from, .to = to };

  for (;;)
    {
      guint before = entries->len;

      if (!crm_store_fetch_history (store, client_id, &query, entries->len, 1000, entries, error))
        return NULL;
      if (entries->len - before < 1000)
        break;
    }

  return g_steal_pointer (&entries);
}

CrmDossier *
crm_dossier_load (CrmStore    *store,
                  gint64       client_id,
                  const char  *from_day,
                  const char  *to_day,
                  GError     **error)
{
  g_autoptr(CrmDossier) self = NULL;
  cairo_font_options_t *options;
  gint64 from, to;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  if (!day_to_time (from_day, 0, &from, error) || !day_to_time (to_day, 1, &to, error))
    return NULL;
  if (to <= from)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                   _("The period ends before it begins."));
      return NULL;
    }

  self = g_new0 (CrmDossier, 1);
  self->from_day = g_strdup (from_day);
  self->to_day = g_strdup (to_day);
  if (!(self->summary = crm_store_load_client_summary (store, client_id, error)) ||
      !(self->record = crm_store_load_client_record (store, client_id, error)) ||
      !(self->entries = load_history (store, client_id, from, to, error)))
    return NULL;

  self->client_name = g_strdup (self->summary->name);
  self->n_entries = self->entries->len;
  /* Translators: the period of a dossier in its running header: “2025-11-27 – 2026-11-27” */
  self->period = g_strdup_printf (_("%s – %s"), from_day, to_day);

  self->font_map = pango_cairo_font_map_new ();
  self->context = pango_font_map_create_context (self->font_map);
  pango_cairo_context_set_resolution (self->context, 72);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (self->context, FALSE);

  return g_steal_pointer (&self);
}

const char *
crm_dossier_get_client_name (CrmDossier *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->client_name;
}

guint
crm_dossier_get_n_entries (CrmDossier *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_entries;
}

guint
crm_dossier_get_n_pages (CrmDossier *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_pages;
}

char *
crm_dossier_suggest_filename (CrmDossier *self)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  name = g_strdelimit (g_strdup (self->client_name), "/\\:", '-');
  /* Translators: the file name offered for a client's dossier; %s is the client */
  return g_strdup_printf (_("Dossier - %s.pdf"), name);
}

/* Blocks */

static PangoLayout *
new_layout (CrmDossier *self,
            double      width,
            const char *font)
{
  PangoLayout *layout = pango_layout_new (self->context);
  PangoFontDescription *description = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, description);
  pango_font_description_free (description);
  pango_layout_set_width (layout, (int)(width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);

  return layout;
}

static void
add_block (CrmDossier *self,
           double      width,
           const char *font,
           const char *markup,
           double      space_before,
           double      indent,
           guint       keep_lines,
           gboolean    rule)
{
  Block block = { 0 };

  block.layout = new_layout (self, width - indent, font);
  pango_layout_set_markup (block.layout, markup, -1);
  block.space_before = space_before;
  block.indent = indent;
  block.keep_lines = keep_lines;
  block.rule = rule;
  g_array_append_val (self->blocks, block);
}

static void
add_heading (CrmDossier *self,
             double      width,
             const char *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);

  /* with the first two lines of what follows, see paginate() */
  add_block (self, width, FONT_FAMILY " Bold 13", markup, 16, 0, 3, FALSE);
}

/* "Label: value" lines; empty values are left out */
static void
append_property (GString    *markup,
                 const char *label,
                 const char *value)
{
  g_autofree char *escaped_label = NULL;
  g_autofree char *escaped_value = NULL;

  if (value == NULL || *value == '\0')
    return;
  escaped_label = g_markup_escape_text (label, -1);
  escaped_value = g_markup_escape_text (value, -1);
  if (markup->len > 0)
    g_string_append_c (markup, '\n');
  g_string_append_printf (markup, "<span foreground=\"#555555\">%s:</span> %s", escaped_label, escaped_value);
}

static char *
format_time (gint64      time,
             const char *format)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time);
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  return local ? g_date_time_format (local, format) : g_strdup ("");
}

static char *
join_strings (GPtrArray  *strings,
              const char *separator)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; strings != NULL && i < strings->len; i++)
    g_string_append_printf (text, "%s%s", i ? separator : "", (const char *)g_ptr_array_index (strings, i));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
build_header (CrmDossier *self,
              double      width)
{
  CrmClientSummary *summary = self->summary;
  g_autoptr(GString) meta = g_string_new (NULL);
  g_autoptr(GPtrArray) tags = g_ptr_array_new ();
  g_autofree char *title = NULL;
  g_autofree char *tag_text = NULL;

  title = g_markup_printf_escaped ("%s", summary->name);
  add_block (self, width, FONT_FAMILY " Bold 20", title, 0, 0, 1, FALSE);
  if (summary->legal_name && *summary->legal_name)
    {
      g_autofree char *legal = g_markup_escape_text (summary->legal_name, -1);

      add_block (self, width, FONT_FAMILY " 11", legal, 2, 0, 1, FALSE);
    }

  for (guint i = 0; i < self->record->tags->len; i++)
    g_ptr_array_add (tags, ((CrmTag *)g_ptr_array_index (self->record->tags, i))->name);
  tag_text = join_strings (tags, ", ");

  append_property (meta, _("Status"), summary->status);
  append_property (meta, _("Responsible manager"), summary->manager ? summary->manager : _("none"));
  append_property (meta, _("Tags"), tag_text);
  add_block (self, width, FONT_FAMILY " 10.5", meta->str, 10, 0, 3, FALSE);
}

static void
build_properties (CrmDossier *self,
                  double      width)
{
  CrmClientSummary *summary = self->summary;
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autoptr(GPtrArray) phone_list = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) email_list = g_ptr_array_new ();
  g_autofree char *phones = NULL;
  g_autofree char *emails = NULL;
  g_autofree char *created = summary->created_at ? format_time (summary->created_at, "%Y-%m-%d") : NULL;
  g_autofree char *last = summary->last_contact_at ? format_time (summary->last_contact_at, "%Y-%m-%d %H:%M")
                                                   : g_strdup (_("never"));

  /* the company's own numbers and addresses; the contact persons' follow them */
  for (guint i = 0; i < self->record->phones->len; i++)
    {
      CrmPhoneRecord *phone = g_ptr_array_index (self->record->phones, i);

      g_ptr_array_add (phone_list, phone->label && *phone->label
                                     ? g_strdup_printf ("%s (%s)", phone->number, phone->label)
                                     : g_strdup (phone->number));
    }
  for (guint i = 0; i < self->record->emails->len; i++)
    g_ptr_array_add (email_list, ((CrmEmailRecord *)g_ptr_array_index (self->record->emails, i))->address);
  phones = join_strings (phone_list, "; ");
  emails = join_strings (email_list, "; ");

  add_heading (self, width, _("Properties"));
  append_property (markup, _("Tax ID"), summary->tax_id);
  append_property (markup, _("Industry"), summary->industry);
  append_property (markup, _("Region"), summary->region);
  append_property (markup, _("Source"), summary->source);
  append_property (markup, _("City"), summary->city);
  append_property (markup, _("Address"), summary->address);
  append_property (markup, _("Website"), summary->website);
  append_property (markup, _("Phones"), phones);
  append_property (markup, _("E-mails"), emails);
  append_property (markup, _("Client since"), created);
  append_property (markup, _("Last contact"), last);
  for (guint i = 0; i < self->record->custom_fields->len; i++)
    {
      CrmCustomField *field = g_ptr_array_index (self->record->custom_fields, i);
      const char *value = field->value;

      if (value != NULL && g_strcmp0 (field->kind, "checkbox") == 0)
        value = g_str_equal (value, "1") ? _("yes") : _("no");
      append_property (markup, field->name, value);
    }
  add_block (self, width, FONT_FAMILY " 10", markup->str, 4, 0, 2, FALSE);

  if (summary->notes && *summary->notes)
    {
      g_autofree char *notes = g_markup_printf_escaped ("<span foreground=\"#555555\">%s:</span>\n%s",
                                                        _("Notes"), summary->notes);

      add_block (self, width, FONT_FAMILY " 10", notes, 6, 0, 2, FALSE);
    }
}

static void
build_contacts (CrmDossier *self,
                double      width)
{
  GPtrArray *contacts = self->record->contacts;

  add_heading (self, width, _("Contact persons"));
  if (contacts->len == 0)
    {
      g_autofree char *none = g_markup_escape_text (_("No contact persons."), -1);

      add_block (self, width, FONT_FAMILY " Italic 10", none, 4, 0, 1, FALSE);
      return;
    }

  for (guint i = 0; i < contacts->len; i++)
    {
      CrmContactRecord *contact = g_ptr_array_index (contacts, i);
      g_autoptr(GString) markup = g_string_new (NULL);
      g_autofree char *name = g_markup_escape_text (contact->full_name, -1);

      g_string_append_printf (markup, "<b>%s</b>", name);
      if (contact->position && *contact->position)
        {
          g_autofree char *position = g_markup_escape_text (contact->position, -1);

          g_string_append_printf (markup, ", %s", position);
        }
      for (guint j = 0; j < contact->phones->len; j++)
        {
          CrmPhoneRecord *phone = g_ptr_array_index (contact->phones, j);
          g_autofree char *label = g_strdup_printf ("%s%s%s", _("Phone"),
                                                    phone->label && *phone->label ? " " : "",
                                                    phone->label && *phone->label ? phone->label : "");

          append_property (markup, label, phone->number);
        }
      for (guint j = 0; j < contact->emails->len; j++)
        {
          CrmEmailRecord *email = g_ptr_array_index (contact->emails, j);

          append_property (markup, _("E-mail"), email->address);
        }
      if (contact->birthday && *contact->birthday)
        append_property (markup, _("Birthday"), contact->birthday);
      add_block (self, width, FONT_FAMILY " 10", markup->str, 6, 0, 2, FALSE);
    }
}

static void
build_history (CrmDossier *self,
               double      width)
{
  g_autofree char *heading = NULL;

  /* Translators: a heading of the dossier; the %s are dates */
  heading = g_strdup_printf (_("History from %s to %s"), self->from_day, self->to_day);
  add_heading (self, width, heading);

  if (self->entries->len == 0)
    {
      g_autofree char *none = g_markup_escape_text (_("No entries in this period."), -1);

      add_block (self, width, FONT_FAMILY " Italic 10", none, 4, 0, 1, FALSE);
      return;
    }
  else
    {
      g_autofree char *count = NULL;

      /* Translators: under the history heading of a dossier */
      count = g_strdup_printf (ngettext ("%u entry, the newest first", "%u entries, the newest first",
                                         self->entries->len),
                               self->entries->len);
      add_block (self, width, FONT_FAMILY " Italic 9", count, 2, 0, 1, FALSE);
    }

  for (guint i = 0; i < self->entries->len; i++)
    {
      CrmHistoryEntry *entry = g_ptr_array_index (self->entries, i);
      g_autoptr(GString) markup = g_string_new (NULL);
      g_autoptr(GString) line = g_string_new (NULL);
      g_autofree char *when = format_time (entry->occurred_at, "%Y-%m-%d %H:%M");
      g_autofree char *first = NULL;
      const char *direction = NULL;

      if (entry->direction == CRM_DIRECTION_INCOMING)
        direction = _("incoming");
      else if (entry->direction == CRM_DIRECTION_OUTGOING)
        direction = _("outgoing");

      g_string_append (line, crm_activity_kind_label (entry->kind));
      if (direction != NULL)
        g_string_append_printf (line, " (%s)", direction);
      if (entry->user_name)
        g_string_append_printf (line, " · %s", entry->user_name);
      first = g_markup_printf_escaped ("<b>%s</b>   %s", when, line->str);
      g_string_append (markup, first);

      if (entry->subject && *entry->subject)
        {
          g_autofree char *subject = g_markup_printf_escaped ("\n<b>%s</b>", entry->subject);

          g_string_append (markup, subject);
        }

      g_string_truncate (line, 0);
      if (entry->contact_name)
        append_property (line, _("Contact person"), entry->contact_name);
      if (entry->outcome && *entry->outcome)
        {
          g_autofree char *outcome = entry->reason && *entry->reason
            ? g_strdup_printf ("%s (%s)", entry->outcome, entry->reason)
            : g_strdup (entry->outcome);

          append_property (line, _("Outcome"), outcome);
        }
      if (entry->duration > 0)
        {
          /* Translators: the duration of a call or meeting */
          g_autofree char *minutes = g_strdup_printf (ngettext ("%d minute", "%d minutes",
                                                                (entry->duration + 59) / 60),
                                                      (entry->duration + 59) / 60);

          append_property (line, _("Duration"), minutes);
        }
      if (line->len > 0)
        {
          /* the properties of one entry share a line */
          g_autofree char *joined = NULL;
          g_auto(GStrv) parts = g_strsplit (line->str, "\n", -1);

          joined = g_strjoinv (" · ", parts);
          g_string_append_printf (markup, "\n<span size=\"small\">%s</span>", joined);
        }

      if (entry->change_field != NULL)
        {
          /* a change of the card: "city: Казань → Самара", not its JSON */
          g_autofree char *change = g_markup_printf_escaped ("\n%s: %s → %s", entry->change_field,
                                                             entry->change_old ? entry->change_old : "—",
                                                             entry->change_new ? entry->change_new : "—");

          g_string_append (markup, change);
        }
      else if (entry->body && *entry->body)
        {
          g_autofree char *body = g_markup_printf_escaped ("\n%s", entry->body);

          g_string_append (markup, body);
        }

      add_block (self, width, FONT_FAMILY " 10", markup->str, 8, 0, 2, TRUE);
    }
}

static void
build_blocks (CrmDossier *self,
              double      width)
{
  if (self->blocks != NULL)
    g_array_unref (self->blocks);
  self->blocks = g_array_new (FALSE, TRUE, sizeof (Block));
  g_array_set_clear_func (self->blocks, block_clear);

  build_header (self, width);
  build_properties (self, width);
  build_contacts (self, width);
  build_history (self, width);
}

/* Pages */

static void
place (CrmDossier      *self,
       guint            page,
       double           x,
       double           y,
       PangoLayoutLine *line,
       double           width)
{
  Placed placed = { page, x, y, line ? pango_layout_line_ref (line) : NULL, width };

  g_array_append_val (self->placed, placed);
}

guint
crm_dossier_paginate (CrmDossier *self,
                      double      width,
                      double      height)
{
  double column = width - 2 * MARGIN_X;
  double top = MARGIN_TOP;
  double bottom = height - MARGIN_BOTTOM;
  double y = top;
  guint page = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (width > 2 * MARGIN_X + 50 && height > MARGIN_TOP + MARGIN_BOTTOM + 50, 0);

  self->width = width;
  self->height = height;
  build_blocks (self, column);
  if (self->placed != NULL)
    g_array_unref (self->placed);
  self->placed = g_array_new (FALSE, TRUE, sizeof (Placed));
  g_array_set_clear_func (self->placed, placed_clear);

  for (guint b = 0; b < self->blocks->len; b++)
    {
      Block *block = &g_array_index (self->blocks, Block, b);
      PangoLayoutIter *iter = pango_layout_get_iter (block->layout);
      int n_lines = pango_layout_get_line_count (block->layout);
      g_autofree double *heights = g_new0 (double, n_lines);
      g_autofree double *baselines = g_new0 (double, n_lines);
      double keep = 0;
      int i = 0;

      do
        {
          PangoRectangle logical;

          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          heights[i] = (double)logical.height / PANGO_SCALE;
          baselines[i] = (double)(pango_layout_iter_get_baseline (iter) - logical.y) / PANGO_SCALE;
          i++;
        }
      while (i < n_lines && pango_layout_iter_next_line (iter));
      pango_layout_iter_free (iter);

      if (y > top)
        y += block->space_before;

      /* a heading keeps the first lines of the next block with it */
      for (int k = 0; k < n_lines && (guint)k < block->keep_lines; k++)
        keep += heights[k];
      if (block->keep_lines > (guint)n_lines && b + 1 < self->blocks->len)
        {
          Block *next = &g_array_index (self->blocks, Block, b + 1);
          PangoLayoutLine *next_line = pango_layout_get_line_readonly (next->layout, 0);
          PangoRectangle logical;

          pango_layout_line_get_extents (next_line, NULL, &logical);
          keep += next->space_before + 2.0 * logical.height / PANGO_SCALE;
        }
      if (y > top && y + keep > bottom)
        {
          page++;
          y = top;
        }

      if (block->rule)
        {
          place (self, page, MARGIN_X, y, NULL, column);
          y += 4;
        }

      for (i = 0; i < n_lines; i++)
        {
          if (y > top && y + heights[i] > bottom)
            {
              page++;
              y = top;
            }
          place (self, page, MARGIN_X + block->indent, y + baselines[i],
                 pango_layout_get_line_readonly (block->layout, i), 0);
          y += heights[i];
        }
    }

  self->n_pages = page + 1;

  return self->n_pages;
}

static void
show_text (CrmDossier *self,
           cairo_t    *cr,
           const char *text,
           const char *font,
           double      x,
           double      y,
           double      max_width,
           PangoAlignment alignment)
{
  g_autoptr(PangoLayout) layout = new_layout (self, max_width, font);

  pango_layout_set_text (layout, text, -1);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (layout, alignment);
  pango_layout_set_height (layout, -1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

void
crm_dossier_draw_page (CrmDossier *self,
                       cairo_t    *cr,
                       guint       page)
{
  double column;
  g_autofree char *page_text = NULL;
  g_autofree char *header_right = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (self->placed != NULL);
  g_return_if_fail (page < self->n_pages);

  column = self->width - 2 * MARGIN_X;

  cairo_save (cr);

  /* the running header: the client, and what the pages are */
  cairo_set_source_rgb (cr, 0.4, 0.4, 0.4);
  /* Translators: the right side of a dossier's running header; %s is its period */
  header_right = g_strdup_printf (_("Dossier, %s"), self->period);
  show_text (self, cr, self->client_name, FONT_FAMILY " 8", MARGIN_X, 26, column * 0.6, PANGO_ALIGN_LEFT);
  show_text (self, cr, header_right, FONT_FAMILY " 8", MARGIN_X + column * 0.6, 26, column * 0.4,
             PANGO_ALIGN_RIGHT);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, MARGIN_X, 40);
  cairo_line_to (cr, MARGIN_X + column, 40);
  cairo_stroke (cr);

  /* Translators: the footer of every page of a dossier */
  page_text = g_strdup_printf (_("Page %u of %u"), page + 1, self->n_pages);
  show_text (self, cr, page_text, FONT_FAMILY " 8", MARGIN_X, self->height - 36, column, PANGO_ALIGN_CENTER);

  for (guint i = 0; i < self->placed->len; i++)
    {
      Placed *placed = &g_array_index (self->placed, Placed, i);

      if (placed->page != page)
        continue;
      if (placed->line == NULL)
        {
          cairo_set_source_rgb (cr, 0.75, 0.75, 0.75);
          cairo_set_line_width (cr, 0.5);
          cairo_move_to (cr, placed->x, placed->y);
          cairo_line_to (cr, placed->x + placed->width, placed->y);
          cairo_stroke (cr);
          continue;
        }
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_move_to (cr, placed->x, placed->y);
      pango_cairo_show_layout_line (cr, placed->line);
    }

  cairo_restore (cr);
}

gboolean
crm_dossier_write_pdf (CrmDossier    *self,
                       const char    *path,
                       GCancellable  *cancellable,
                       GError       **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  g_autofree char *title = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  crm_dossier_paginate (self, CRM_DOSSIER_A4_WIDTH, CRM_DOSSIER_A4_HEIGHT);

  surface = cairo_pdf_surface_create (path, CRM_DOSSIER_A4_WIDTH, CRM_DOSSIER_A4_HEIGHT);
  /* Translators: the title of a dossier's PDF file; %s is the client */
  title = g_strdup_printf (_("Dossier: %s"), self->client_name);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Rapport " PACKAGE_VERSION);
  cr = cairo_create (surface);

  for (guint page = 0; page < self->n_pages; page++)
    {
      if (g_cancellable_is_cancelled (cancellable))
        break;
      crm_dossier_draw_page (self, cr, page);
      cairo_show_page (cr);
    }

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_unlink (path);
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   /* Translators: the first %s is a file name, the second why it could not be written */
                   _("Could not write %s: %s"), path, cairo_status_to_string (status));
      return FALSE;
    }

  return TRUE;
}
