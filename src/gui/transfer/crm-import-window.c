/* crm-import-window.c
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-import-window"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "crm-csv.h"
#include "crm-format.h"
#include "crm-import-window.h"
#include "crm-progress-relay.h"
#include "crm-store-import.h"
#include "crm-vcard.h"

/* The import wizard. A CSV file goes through the pages "choose", "format"
 * (encoding, delimiter, a preview), "mapping" (the columns, duplicates),
 * "summary", "progress" and "result"; a vCard file from "choose" straight to
 * "progress". Reading the file for the preview, the import and its undo run
 * in threads; the window only shows their results. */

#define PREVIEW_ROWS 20

/* What the combo rows of the mapping page offer, by CrmImportField; the last
 * field (the last contact) comes from the history and is never imported */
static const char *field_labels[] = {
  N_("Ignore"),
  N_("Name"),
  N_("Legal name"),
  N_("Tax ID"),
  N_("Status"),
  N_("Industry"),
  N_("Region"),
  N_("Source"),
  N_("City"),
  N_("Address"),
  N_("Phones"),
  N_("E-mails"),
  N_("Website"),
  N_("Manager"),
  N_("Notes"),
  N_("Contact person"),
  N_("Position"),
  N_("Contact phone"),
  N_("Contact e-mail"),
  N_("Birthday"),
  N_("Tags"),
  N_("Created"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (field_labels) == CRM_IMPORT_FIELD_LAST_CONTACT);

/* The encodings offered first, in the order of the "encodings" model */
enum { ENCODING_UTF8, ENCODING_UTF8_BOM, ENCODING_1251, N_FIXED_ENCODINGS };
static const char delimiters[] = { ',', ';', '\t' };

struct _CrmImportWindow
{
  AdwWindow         parent_instance;

  /* Template widgets */
  AdwWindowTitle   *window_title;
  GtkWidget        *back_button;
  GtkWidget        *next_button;
  GtkWidget        *result_close_button;
  GtkWidget        *import_button;
  GtkStack         *stack;
  AdwActionRow     *file_row;
  AdwComboRow      *encoding_row;
  GtkStringList    *encodings;
  AdwComboRow      *delimiter_row;
  GtkSwitch        *header_switch;
  AdwPreferencesGroup *preview_group;
  GtkGrid          *preview_grid;
  AdwPreferencesGroup *mapping_group;
  AdwComboRow      *duplicates_row;
  AdwStatusPage    *summary_page;
  AdwStatusPage    *progress_page;
  GtkProgressBar   *progress_bar;
  GtkLabel         *result_title;
  GtkLabel         *result_counts;
  GtkWidget        *problems_label;
  GtkWidget        *problems_scroller;
  GtkListView      *problems_view;
  GtkWidget        *undo_button;

  /* Owned */
  CrmStore         *store;
  GCancellable     *cancellable;       /* while a thread works */
  CrmProgressRelay *relay;
  GtkFileChooserNative *chooser;
  char             *path;
  GPtrArray        *encoding_names;    /* char*, by position in encodings */
  char              delimiter;
  char            **headers;           /* the columns' titles */
  GPtrArray        *mapping_rows;      /* AdwComboRow, one a column */
  gboolean          has_header;
  guint64           n_bad;             /* records of the file that cannot be read */
  guint             first_bad;
  char             *bad_reason;
  GPtrArray        *preview_rows;      /* char**: the first records, as read */
  guint             n_invalid;         /* values of the preview the import would refuse */
  gboolean          analyzed;          /* the preview matches the options */
  guint64           n_records;
  CrmImportReport  *report;
  gboolean          undone;
  gboolean          updating;          /* the window sets the combo rows */
  gboolean          close_when_done;
};

G_DEFINE_FINAL_TYPE (CrmImportWindow, crm_import_window, ADW_TYPE_WINDOW)

static void crm_import_window_analyze (CrmImportWindow *self,
                                       const char      *encoding,
                                       char             delimiter);

static void
strv_array_free (gpointer data)
{
  g_strfreev (data);
}

static const char *
current_encoding (CrmImportWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->encoding_row);

  if (selected >= self->encoding_names->len)
    return NULL;
  return g_ptr_array_index (self->encoding_names, selected);
}

static char
current_delimiter (CrmImportWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->delimiter_row);

  return selected < G_N_ELEMENTS (delimiters) ? delimiters[selected] : 0;
}

static gboolean
name_is_mapped (CrmImportWindow *self)
{
  for (guint i = 0; i < self->mapping_rows->len; i++)
    if (adw_combo_row_get_selected (g_ptr_array_index (self->mapping_rows, i)) == CRM_IMPORT_FIELD_NAME)
      return TRUE;
  return FALSE;
}

static void
crm_import_window_update (CrmImportWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  gboolean busy = self->cancellable != NULL;
  gboolean csv_page = g_strcmp0 (page, "format") == 0 || g_strcmp0 (page, "mapping") == 0 ||
                      g_strcmp0 (page, "summary") == 0;
  gboolean can_next = FALSE;

  if (g_strcmp0 (page, "format") == 0)
    can_next = !busy && self->analyzed && self->headers != NULL;
  else if (g_strcmp0 (page, "mapping") == 0)
    can_next = !busy && name_is_mapped (self);

  gtk_widget_set_visible (self->back_button, csv_page);
  gtk_widget_set_visible (self->next_button, g_strcmp0 (page, "format") == 0 || g_strcmp0 (page, "mapping") == 0);
  gtk_widget_set_visible (self->import_button, g_strcmp0 (page, "summary") == 0);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.choose", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.back", csv_page && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.next", can_next);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.start",
                                 g_strcmp0 (page, "summary") == 0 && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.cancel", busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.undo",
                                 !busy && !self->undone && self->report != NULL &&
                                 self->report->import_id != 0 &&
                                 self->report->added + self->report->updated + self->report->contacts > 0);
}

static void
crm_import_window_set_page (CrmImportWindow *self,
                            const char      *page)
{
  gtk_stack_set_visible_child_name (self->stack, page);
  crm_import_window_update (self);
}

/* Asks the window that opened the wizard to show its clients anew */
static void
crm_import_window_reload_clients (CrmImportWindow *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.reload-clients", NULL);
}

/* Reading the file: the first rows for the preview, and how many there are */

typedef struct
{
  char       *path;
  char       *encoding;
  char        delimiter;
  /* results */
  char       *found_encoding;
  char        found_delimiter;
  gboolean    bom;
  GPtrArray  *rows;        /* char**, the first PREVIEW_ROWS + 1 */
  guint64     n_records;
  guint64     n_bad;       /* records that could not be read */
  guint       first_bad;   /* the line of the first of them */
  char       *bad_reason;
} Analysis;

static void
analysis_free (gpointer data)
{
  Analysis *analysis = data;

  g_free (analysis->path);
  g_free (analysis->encoding);
  g_free (analysis->found_encoding);
  g_free (analysis->bad_reason);
  g_clear_pointer (&analysis->rows, g_ptr_array_unref);
  g_free (analysis);
}

static void
analyze_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Analysis *analysis = task_data;
  g_autoptr(CrmCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  FILE *file;

  if ((file = fopen (analysis->path, "rb")) != NULL)
    {
      unsigned char start[3] = { 0 };

      analysis->bom = fread (start, 1, 3, file) == 3 && memcmp (start, "\xef\xbb\xbf", 3) == 0;
      fclose (file);
    }

  reader = crm_csv_reader_new_for_path (analysis->path, analysis->encoding, analysis->delimiter,
                                        cancellable, &error);
  if (reader == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  analysis->found_encoding = g_strdup (crm_csv_reader_get_encoding (reader));
  analysis->found_delimiter = crm_csv_reader_get_delimiter (reader);

  for (;;)
    {
      if (!crm_csv_reader_next (reader, &error))
        {
          if (error == NULL)
            break;
          if (!crm_csv_error_is_record_error (error))
            {
              g_task_return_error (task, g_steal_pointer (&error));
              return;
            }
          if (analysis->n_bad++ == 0)
            {
              analysis->first_bad = crm_csv_reader_get_line (reader);
              analysis->bad_reason = g_strdup (error->message);
            }
          g_clear_error (&error);
          analysis->n_records++;
          continue;
        }

      if (analysis->rows->len <= PREVIEW_ROWS)
        {
          guint n = crm_csv_reader_get_n_fields (reader);
          char **row = g_new0 (char *, n + 1);

          for (guint i = 0; i < n; i++)
            row[i] = g_strdup (crm_csv_reader_get_field (reader, i));
          g_ptr_array_add (analysis->rows, row);
        }
      analysis->n_records++;
    }

  g_task_return_boolean (task, TRUE);
}

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static GtkWidget *
cell_label (const char *text,
            gboolean    heading)
{
  g_autofree char *line = g_strdelimit (g_strdup (text != NULL ? text : ""), "\r\n", ' ');
  GtkWidget *label = gtk_label_new (line);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  /* ellipsized labels ask for no width: give each the room of its text, up to a limit */
  gtk_label_set_width_chars (GTK_LABEL (label), MIN ((int) g_utf8_strlen (line, -1), 20));
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  return label;
}

static void crm_import_window_fill_preview (CrmImportWindow *self);

static CrmImportField
mapped_field (CrmImportWindow *self,
              guint            column)
{
  if (column >= self->mapping_rows->len)
    return CRM_IMPORT_FIELD_NONE;
  return adw_combo_row_get_selected (g_ptr_array_index (self->mapping_rows, column));
}

/* A column's sample under its title in the mapping, with what is wrong with
 * it for the field chosen */
static void
crm_import_window_set_sample (CrmImportWindow *self,
                              guint            column)
{
  AdwActionRow *row = g_ptr_array_index (self->mapping_rows, column);
  char **first = self->preview_rows && self->preview_rows->len > 0 ? g_ptr_array_index (self->preview_rows, 0) : NULL;
  char **sample = self->has_header
    ? (self->preview_rows && self->preview_rows->len > 1 ? g_ptr_array_index (self->preview_rows, 1) : NULL)
    : first;
  g_autofree char *problem = NULL;
  g_autofree char *line = NULL;
  g_autofree char *subtitle = NULL;

  if (sample == NULL || column >= g_strv_length (sample) || *sample[column] == '\0')
    {
      adw_action_row_set_subtitle (row, "");
      gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
      return;
    }

  line = g_strdelimit (g_strdup (sample[column]), "\r\n", ' ');
  if (!crm_import_check_value (mapped_field (self, column), sample[column], crm_store_get_locale (self->store),
                               &problem))
    /* Translators: a column's first value and why the import would skip its row */
    subtitle = g_strdup_printf (_("%s — %s"), line, problem);
  else
    subtitle = g_strdup (line);
  adw_action_row_set_subtitle (row, subtitle);
  adw_action_row_set_subtitle_lines (row, 1);
  if (problem != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static void
on_mapping_selected_cb (CrmImportWindow *self,
                        GParamSpec      *pspec,
                        AdwComboRow     *row)
{
  guint column;

  if (g_ptr_array_find (self->mapping_rows, row, &column))
    crm_import_window_set_sample (self, column);
  crm_import_window_fill_preview (self);
  crm_import_window_update (self);
}

static void
crm_import_window_build_mapping (CrmImportWindow *self,
                                 GPtrArray       *rows)
{
  char **first = rows->len > 0 ? g_ptr_array_index (rows, 0) : NULL;
  guint n_columns = 0;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) headers = NULL;
  g_autoptr(GtkStringList) fields = gtk_string_list_new (NULL);

  /* as many columns as the widest of the first rows */
  for (guint i = 0; i < rows->len; i++)
    n_columns = MAX (n_columns, g_strv_length (g_ptr_array_index (rows, i)));

  for (guint i = 0; i < n_columns; i++)
    {
      if (self->has_header && first != NULL && i < g_strv_length (first) && *first[i] != '\0')
        g_strv_builder_add (builder, first[i]);
      else
        {
          /* Translators: the title of a file's column that has no header; %u counts from 1 */
          g_autofree char *title = g_strdup_printf (_("Column %u"), i + 1);
          g_strv_builder_add (builder, title);
        }
    }
  headers = g_strv_builder_end (builder);

  /* the same columns as before keep what the user chose */
  if (self->headers != NULL && g_strv_equal ((const char * const *) self->headers,
                                             (const char * const *) headers))
    {
      for (guint i = 0; i < self->mapping_rows->len; i++)
        crm_import_window_set_sample (self, i);
      return;
    }

  g_clear_pointer (&self->headers, g_strfreev);
  self->headers = g_steal_pointer (&headers);

  for (guint i = 0; i < self->mapping_rows->len; i++)
    adw_preferences_group_remove (self->mapping_group, g_ptr_array_index (self->mapping_rows, i));
  g_ptr_array_set_size (self->mapping_rows, 0);

  for (guint i = 0; i < G_N_ELEMENTS (field_labels); i++)
    gtk_string_list_append (fields, _(field_labels[i]));

  for (guint i = 0; i < n_columns; i++)
    {
      GtkWidget *row = adw_combo_row_new ();
      CrmImportField field = CRM_IMPORT_FIELD_NONE;

      if (self->has_header)
        field = crm_import_field_for_header (self->headers[i]);
      if (field >= CRM_IMPORT_FIELD_LAST_CONTACT)
        field = CRM_IMPORT_FIELD_NONE;

      /* the file's words, shown as they are: "ООО "Вектор"", "R&D" */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), self->headers[i]);
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (fields));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), field);
      g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_mapping_selected_cb), self,
                               G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->mapping_group, row);
      g_ptr_array_add (self->mapping_rows, row);
      crm_import_window_set_sample (self, i);
    }
}

static void
crm_import_window_show_analysis (CrmImportWindow *self,
                                 Analysis        *analysis)
{
  guint encoding = G_MAXUINT;
  char **first;
  guint known = 0;

  /* the combo rows say what was found */
  if (g_ascii_strcasecmp (analysis->found_encoding, "UTF-8") == 0)
    encoding = analysis->bom ? ENCODING_UTF8_BOM : ENCODING_UTF8;
  else
    for (guint i = ENCODING_1251; i < self->encoding_names->len; i++)
      if (g_ascii_strcasecmp (g_ptr_array_index (self->encoding_names, i), analysis->found_encoding) == 0)
        encoding = i;
  if (encoding == G_MAXUINT)
    {
      encoding = self->encoding_names->len;
      g_ptr_array_add (self->encoding_names, g_strdup (analysis->found_encoding));
      gtk_string_list_append (self->encodings, analysis->found_encoding);
    }

  self->updating = TRUE;
  adw_combo_row_set_selected (self->encoding_row, encoding);
  for (guint i = 0; i < G_N_ELEMENTS (delimiters); i++)
    if (delimiters[i] == analysis->found_delimiter)
      adw_combo_row_set_selected (self->delimiter_row, i);
  self->updating = FALSE;
  self->delimiter = analysis->found_delimiter;

  /* the importer takes the first row for a header when it names a known
   * column; the switch says what was found and lets the user decide */
  first = analysis->rows->len > 0 ? g_ptr_array_index (analysis->rows, 0) : NULL;
  for (guint i = 0; first != NULL && first[i] != NULL; i++)
    if (crm_import_field_for_header (first[i]) != CRM_IMPORT_FIELD_NONE)
      known++;
  self->has_header = known > 0;
  self->n_records = analysis->n_records;
  self->updating = TRUE;
  gtk_switch_set_active (self->header_switch, self->has_header);
  self->updating = FALSE;

  g_clear_pointer (&self->preview_rows, g_ptr_array_unref);
  self->preview_rows = g_ptr_array_ref (analysis->rows);
  g_clear_pointer (&self->bad_reason, g_free);
  self->n_bad = analysis->n_bad;
  self->first_bad = analysis->first_bad;
  self->bad_reason = g_strdup (analysis->bad_reason);

  crm_import_window_build_mapping (self, analysis->rows);
  crm_import_window_fill_preview (self);
  /* nothing to import when no record could be read */
  self->analyzed = analysis->rows->len > 0;
}

/* The first rows in a grid; a value the import would refuse for the field
 * its column is mapped to is marked, and says why on hover */
static void
crm_import_window_fill_preview (CrmImportWindow *self)
{
  const char *locale = crm_store_get_locale (self->store);
  g_autofree char *description = NULL;

  clear_grid (self->preview_grid);
  self->n_invalid = 0;
  for (guint r = 0; self->preview_rows != NULL && r < self->preview_rows->len; r++)
    {
      char **row = g_ptr_array_index (self->preview_rows, r);
      gboolean heading = r == 0 && self->has_header;

      /* a row that names no client is skipped: its name cell says so */
      gboolean has_name_column = FALSE, named = FALSE;

      for (guint c = 0; row[c] != NULL; c++)
        if (mapped_field (self, c) == CRM_IMPORT_FIELD_NAME || mapped_field (self, c) == CRM_IMPORT_FIELD_LEGAL_NAME)
          {
            g_autofree char *trimmed = g_strstrip (g_strdup (row[c]));

            has_name_column = TRUE;
            named = named || *trimmed != '\0';
          }

      for (guint c = 0; row[c] != NULL; c++)
        {
          GtkWidget *label = cell_label (row[c], heading);
          g_autofree char *problem = NULL;

          if (!heading && has_name_column && !named && mapped_field (self, c) == CRM_IMPORT_FIELD_NAME)
            {
              /* the importer's own words (crm-import.c) */
              problem = g_strdup (_("The row has no client name."));
              /* Translators: shown in an empty name cell of the preview of a file to import */
              gtk_label_set_label (GTK_LABEL (label), _("(no name)"));
            }
          if (!heading &&
              (problem != NULL || !crm_import_check_value (mapped_field (self, c), row[c], locale, &problem)))
            {
              gtk_widget_add_css_class (label, "error");
              gtk_widget_set_tooltip_text (label, problem);
              gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                              problem, -1);
              self->n_invalid++;
            }
          gtk_grid_attach (self->preview_grid, label, c, r, 1, 1);
        }
    }

  if (self->n_bad > 0)
    {
      g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, self->n_bad);

      /* Translators: %s is a number of records, %u the line of the first, the last %s why it cannot be read */
      description = g_strdup_printf (ngettext ("%s record cannot be read, the first at line %u: %s",
                                               "%s records cannot be read, the first at line %u: %s",
                                               self->n_bad > G_MAXULONG ? G_MAXULONG : (gulong) self->n_bad),
                                     count, self->first_bad, self->bad_reason);
    }
  else if (self->has_header)
    description = g_strdup (_("The first row names the columns."));
  else
    description = g_strdup (_("The first row is read as a client."));

  if (self->n_invalid > 0)
    {
      g_autofree char *invalid = NULL;

      /* Translators: said below the preview of a file to import */
      invalid = g_strdup_printf (ngettext ("%u value shown in red would make its row be skipped; hover it to see why.",
                                           "%u values shown in red would make their rows be skipped; hover them to see why.",
                                           self->n_invalid),
                                 self->n_invalid);
      g_autofree char *both = NULL;

      both = g_strconcat (description, " ", invalid, NULL);
      adw_preferences_group_set_description (self->preview_group, both);
    }
  else
    adw_preferences_group_set_description (self->preview_group, description);
}

static void
on_header_switch_cb (CrmImportWindow *self)
{
  if (self->updating || self->preview_rows == NULL)
    return;

  self->has_header = gtk_switch_get_active (self->header_switch);
  crm_import_window_build_mapping (self, self->preview_rows);
  crm_import_window_fill_preview (self);
  crm_import_window_update (self);
}

static void
analyze_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  CrmImportWindow *self = CRM_IMPORT_WINDOW (object);
  Analysis *analysis = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  /* a reading that a newer one replaced */
  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    {
      g_task_propagate_boolean (G_TASK (result), NULL);
      return;
    }
  g_clear_object (&self->cancellable);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          clear_grid (self->preview_grid);
          adw_preferences_group_set_description (self->preview_group, error->message);
        }
    }
  else
    crm_import_window_show_analysis (self, analysis);

  crm_import_window_update (self);
  if (self->close_when_done)
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
crm_import_window_analyze (CrmImportWindow *self,
                           const char      *encoding,
                           char             delimiter)
{
  g_autoptr(GTask) task = NULL;
  Analysis *analysis;

  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }

  self->analyzed = FALSE;
  self->cancellable = g_cancellable_new ();
  adw_preferences_group_set_description (self->preview_group, _("Reading the file…"));

  analysis = g_new0 (Analysis, 1);
  analysis->path = g_strdup (self->path);
  analysis->encoding = g_strdup (encoding);
  analysis->delimiter = delimiter;
  analysis->rows = g_ptr_array_new_with_free_func (strv_array_free);

  task = g_task_new (self, self->cancellable, analyze_cb, NULL);
  g_task_set_source_tag (task, crm_import_window_analyze);
  g_task_set_task_data (task, analysis, analysis_free);
  g_task_run_in_thread (task, analyze_thread);
  crm_import_window_update (self);
}

static void
on_format_changed_cb (CrmImportWindow *self)
{
  if (self->updating || self->path == NULL)
    return;

  crm_import_window_analyze (self, current_encoding (self), current_delimiter (self));
}

/* The import itself */

typedef struct
{
  CrmStore         *store;
  char             *path;
  gboolean          vcard;
  char             *encoding;
  CrmImportOptions  options;
  GArray           *columns;
  CrmProgressRelay *relay;
  CrmImportReport  *report;
  GError           *error;
} ImportJob;

static void
import_job_free (gpointer data)
{
  ImportJob *job = data;

  g_clear_object (&job->store);
  g_free (job->path);
  g_free (job->encoding);
  g_clear_pointer (&job->columns, g_array_unref);
  g_clear_object (&job->relay);
  g_clear_pointer (&job->report, crm_import_report_free);
  g_clear_error (&job->error);
  g_free (job);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  gboolean ok;

  if (job->vcard)
    ok = crm_vcard_import (job->store, job->path, job->report,
                           crm_progress_relay_report, job->relay, cancellable, &job->error);
  else
    ok = crm_import_csv (job->store, job->path, &job->options, job->report,
                         crm_progress_relay_report, job->relay, cancellable, &job->error);

  g_task_return_boolean (task, ok);
}

static void
crm_import_window_show_report (CrmImportWindow *self,
                               const GError    *error)
{
  const CrmImportReport *report = self->report;
  g_autoptr(GtkStringList) problems = gtk_string_list_new (NULL);
  g_autoptr(GtkNoSelection) selection = NULL;
  g_autofree char *counts = NULL;
  g_autofree char *rows = crm_format_number (report->rows);
  g_autofree char *added = crm_format_number (report->added);
  g_autofree char *updated = crm_format_number (report->updated);
  g_autofree char *skipped = crm_format_number (report->skipped);
  g_autofree char *contacts = crm_format_number (report->contacts);

  if (error == NULL)
    gtk_label_set_label (self->result_title, _("Import Finished"));
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    gtk_label_set_label (self->result_title, _("Import Cancelled"));
  else
    {
      /* Translators: %s says why an import stopped */
      g_autofree char *title = g_strdup_printf (_("Import Failed: %s"), error->message);
      gtk_label_set_label (self->result_title, title);
    }

  /* Translators: the result of an import; each %s is a number */
  counts = g_strdup_printf (_("Rows read: %s. Clients added: %s, updated: %s. Rows skipped: %s. "
                              "Contact persons added: %s."),
                            rows, added, updated, skipped, contacts);
  gtk_label_set_label (self->result_counts, counts);

  for (guint i = 0; i < report->problems->len; i++)
    {
      const CrmImportProblem *problem = g_ptr_array_index (report->problems, i);
      g_autofree char *text = NULL;

      if (problem->skipped)
        /* Translators: a line of an import that was skipped: its number and why */
        text = g_strdup_printf (_("Line %u: %s"), problem->line, problem->reason);
      else
        /* Translators: a line of an import that was imported with a warning: its number and the warning */
        text = g_strdup_printf (_("Line %u (imported): %s"), problem->line, problem->reason);
      gtk_string_list_append (problems, text);
    }
  selection = gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&problems)));
  gtk_list_view_set_model (self->problems_view, GTK_SELECTION_MODEL (selection));
  gtk_widget_set_visible (self->problems_label, report->problems->len > 0);
  gtk_widget_set_visible (self->problems_scroller, report->problems->len > 0);
  gtk_widget_set_visible (self->undo_button, report->import_id != 0);
}

static void
import_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  CrmImportWindow *self = CRM_IMPORT_WINDOW (object);
  ImportJob *job = g_task_get_task_data (G_TASK (result));

  g_task_propagate_boolean (G_TASK (result), NULL);
  g_clear_object (&self->cancellable);

  g_clear_pointer (&self->report, crm_import_report_free);
  self->report = g_steal_pointer (&job->report);
  self->undone = FALSE;

  crm_import_window_show_report (self, job->error);
  crm_import_window_set_page (self, "result");
  /* not the selectable counts, which would show all selected */
  gtk_widget_grab_focus (self->result_close_button);
  crm_import_window_reload_clients (self);

  if (self->close_when_done)
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_relay_changed_cb (CrmImportWindow  *self,
                     GParamSpec       *pspec,
                     CrmProgressRelay *relay)
{
  const char *phase = crm_progress_relay_get_phase (relay);

  gtk_progress_bar_set_fraction (self->progress_bar, crm_progress_relay_get_fraction (relay));
  gtk_progress_bar_set_text (self->progress_bar, phase);
}

static void
crm_import_window_run (CrmImportWindow *self,
                       gboolean         vcard)
{
  g_autoptr(GTask) task = NULL;
  ImportJob *job = g_new0 (ImportJob, 1);

  job->store = g_object_ref (self->store);
  job->path = g_strdup (self->path);
  job->vcard = vcard;
  job->report = crm_import_report_new ();
  job->relay = g_object_ref (self->relay);
  crm_import_options_init (&job->options);

  if (!vcard)
    {
      job->encoding = g_strdup (current_encoding (self));
      job->options.encoding = job->encoding;
      job->options.delimiter = self->delimiter;
      job->options.header = self->has_header ? CRM_IMPORT_HEADER_YES : CRM_IMPORT_HEADER_NO;
      job->options.on_duplicate = (CrmImportDuplicates) adw_combo_row_get_selected (self->duplicates_row);
      job->columns = g_array_new (FALSE, TRUE, sizeof (CrmImportField));
      for (guint i = 0; i < self->mapping_rows->len; i++)
        {
          CrmImportField field = adw_combo_row_get_selected (g_ptr_array_index (self->mapping_rows, i));
          g_array_append_val (job->columns, field);
        }
      job->options.columns = (const CrmImportField *) job->columns->data;
      job->options.n_columns = job->columns->len;
    }

  crm_progress_relay_reset (self->relay);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, NULL);
  adw_status_page_set_title (self->progress_page, _("Importing…"));

  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, import_cb, NULL);
  g_task_set_source_tag (task, crm_import_window_run);
  g_task_set_task_data (task, job, import_job_free);
  g_task_run_in_thread (task, import_thread);

  crm_import_window_set_page (self, "progress");
}

/* Undo */

typedef struct
{
  CrmStore *store;
  gint64    import_id;
} UndoJob;

static void
undo_job_free (gpointer data)
{
  UndoJob *job = data;

  g_clear_object (&job->store);
  g_free (job);
}

static void
undo_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  UndoJob *job = task_data;
  GError *error = NULL;

  if (crm_store_import_undo (job->store, job->import_id, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
undo_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  CrmImportWindow *self = CRM_IMPORT_WINDOW (object);
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->cancellable);

  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      self->undone = TRUE;
      gtk_label_set_label (self->result_title, _("Import Undone"));
      gtk_label_set_label (self->result_counts,
                           _("The clients the import added were removed and the clients it changed got "
                             "their old values back."));
    }
  else
    {
      /* Translators: %s says why an import could not be undone */
      g_autofree char *title = g_strdup_printf (_("Could not undo the import: %s"), error->message);
      gtk_label_set_label (self->result_title, title);
    }

  crm_import_window_set_page (self, "result");
  /* not the selectable counts, which would show all selected */
  gtk_widget_grab_focus (self->result_close_button);
  crm_import_window_reload_clients (self);

  if (self->close_when_done)
    gtk_window_destroy (GTK_WINDOW (self));
}

/* Actions */

static void
on_chooser_response_cb (CrmImportWindow      *self,
                        int                   response,
                        GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        crm_import_window_load_path (self, path);
    }
  g_clear_object (&self->chooser);
}

static void
crm_import_window_choose_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  CrmImportWindow *self = CRM_IMPORT_WINDOW (widget);
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) vcf = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Import Clients"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  gtk_file_filter_set_name (all, _("CSV and vCard files"));
  gtk_file_filter_add_pattern (all, "*.csv");
  gtk_file_filter_add_pattern (all, "*.txt");
  gtk_file_filter_add_pattern (all, "*.vcf");
  gtk_file_filter_set_name (csv, _("CSV files (*.csv, *.txt)"));
  gtk_file_filter_add_pattern (csv, "*.csv");
  gtk_file_filter_add_pattern (csv, "*.txt");
  gtk_file_filter_set_name (vcf, _("vCard files (*.vcf)"));
  gtk_file_filter_add_pattern (vcf, "*.vcf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), csv);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), vcf);

  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
crm_import_window_back_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  CrmImportWindow *self = CRM_IMPORT_WINDOW (widget);
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  if (g_strcmp0 (page, "format") == 0)
    crm_import_window_set_page (self, "choose");
  else if (g_strcmp0 (page, "mapping") == 0)
    crm_import_window_set_page (self, "format");
  else if (g_strcmp0 (page, "summary") == 0)
    crm_import_window_set_page (self, "mapping");
}

static void
crm_import_window_next_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  CrmImportWindow *self = CRM_IMPORT_WINDOW (widget);
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  if (g_strcmp0 (page, "format") == 0)
    crm_import_window_set_page (self, "mapping");
  else if (g_strcmp0 (page, "mapping") == 0)
    {
      guint64 rows = self->n_records - (self->has_header && self->n_records > 0 ? 1 : 0);
      g_autofree char *basename = g_path_get_basename (self->path);
      g_autofree char *first = NULL;
      g_autofree char *count = crm_format_number (rows);
      g_autofree char *text = NULL;
      const char *policy;

      switch (adw_combo_row_get_selected (self->duplicates_row))
        {
        case CRM_IMPORT_DUPLICATE_UPDATE:
          policy = _("Clients already in the database will be updated from their rows.");
          break;
        case CRM_IMPORT_DUPLICATE_CREATE:
          policy = _("Rows of clients already in the database will be added as new clients.");
          break;
        default:
          policy = _("Rows of clients already in the database will be skipped.");
          break;
        }

      /* Translators: %s is a number of rows, the second %s a file name */
      first = g_strdup_printf (ngettext ("%s row will be read from “%s”.", "%s rows will be read from “%s”.",
                                         rows > G_MAXULONG ? G_MAXULONG : (gulong) rows),
                               count, basename);
      text = g_strdup_printf ("%s\n%s", first, policy);
      adw_status_page_set_description (self->summary_page, text);
      crm_import_window_set_page (self, "summary");
    }
}

static void
crm_import_window_start_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  crm_import_window_run (CRM_IMPORT_WINDOW (widget), FALSE);
}

static void
crm_import_window_cancel_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  CrmImportWindow *self = CRM_IMPORT_WINDOW (widget);

  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      adw_status_page_set_title (self->progress_page, _("Cancelling…"));
    }
}

static void
crm_import_window_undo_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  CrmImportWindow *self = CRM_IMPORT_WINDOW (widget);
  g_autoptr(GTask) task = NULL;
  UndoJob *job;

  if (self->report == NULL || self->report->import_id == 0 || self->cancellable != NULL)
    return;

  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, undo_cb, NULL);
  g_task_set_source_tag (task, crm_import_window_undo_action);
  job = g_new0 (UndoJob, 1);
  job->store = g_object_ref (self->store);
  job->import_id = self->report->import_id;
  g_task_set_task_data (task, job, undo_job_free);
  g_task_run_in_thread (task, undo_thread);

  /* the undo is one transaction: it cannot stop half-way */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.cancel", FALSE);
  gtk_progress_bar_set_text (self->progress_bar, NULL);
  gtk_progress_bar_pulse (self->progress_bar);
  adw_status_page_set_title (self->progress_page, _("Undoing the Import…"));
  crm_import_window_set_page (self, "progress");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.cancel", FALSE);
}

/* A thread still running keeps the window until it is done */
static gboolean
crm_import_window_close_request (GtkWindow *window)
{
  CrmImportWindow *self = CRM_IMPORT_WINDOW (window);

  if (self->cancellable != NULL)
    {
      self->close_when_done = TRUE;
      g_cancellable_cancel (self->cancellable);
      gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (crm_import_window_parent_class)->close_request (window);
}

static void
crm_import_window_dispose (GObject *object)
{
  CrmImportWindow *self = CRM_IMPORT_WINDOW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_IMPORT_WINDOW);

  G_OBJECT_CLASS (crm_import_window_parent_class)->dispose (object);
}

static void
crm_import_window_finalize (GObject *object)
{
  CrmImportWindow *self = CRM_IMPORT_WINDOW (object);

  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->relay);
  g_free (self->path);
  g_clear_pointer (&self->encoding_names, g_ptr_array_unref);
  g_clear_pointer (&self->headers, g_strfreev);
  g_clear_pointer (&self->mapping_rows, g_ptr_array_unref);
  g_clear_pointer (&self->report, crm_import_report_free);
  g_clear_pointer (&self->preview_rows, g_ptr_array_unref);
  g_free (self->bad_reason);

  G_OBJECT_CLASS (crm_import_window_parent_class)->finalize (object);
}

static void
crm_import_window_class_init (CrmImportWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = crm_import_window_dispose;
  object_class->finalize = crm_import_window_finalize;
  window_class->close_request = crm_import_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/transfer/crm-import-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, result_close_button);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, next_button);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, import_button);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, file_row);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, encoding_row);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, encodings);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, delimiter_row);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, header_switch);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, preview_group);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, preview_grid);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, mapping_group);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, duplicates_row);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, summary_page);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, progress_page);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, result_title);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, result_counts);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, problems_label);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, problems_scroller);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, problems_view);
  gtk_widget_class_bind_template_child (widget_class, CrmImportWindow, undo_button);

  gtk_widget_class_install_action (widget_class, "import.choose", NULL, crm_import_window_choose_action);
  gtk_widget_class_install_action (widget_class, "import.back", NULL, crm_import_window_back_action);
  gtk_widget_class_install_action (widget_class, "import.next", NULL, crm_import_window_next_action);
  gtk_widget_class_install_action (widget_class, "import.start", NULL, crm_import_window_start_action);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, crm_import_window_cancel_action);
  gtk_widget_class_install_action (widget_class, "import.undo", NULL, crm_import_window_undo_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
setup_problem_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_list_item_set_child (item, label);
}

static void
bind_problem_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), gtk_string_object_get_string (string));
}

static void
crm_import_window_init (CrmImportWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->relay = crm_progress_relay_new ();
  g_signal_connect_object (self->relay, "notify::fraction", G_CALLBACK (on_relay_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->relay, "notify::phase", G_CALLBACK (on_relay_changed_cb), self,
                           G_CONNECT_SWAPPED);

  self->encoding_names = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->encoding_names, g_strdup ("UTF-8"));
  g_ptr_array_add (self->encoding_names, g_strdup ("UTF-8"));
  g_ptr_array_add (self->encoding_names, g_strdup ("WINDOWS-1251"));
  self->mapping_rows = g_ptr_array_new ();

  g_signal_connect_object (self->encoding_row, "notify::selected", G_CALLBACK (on_format_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->delimiter_row, "notify::selected", G_CALLBACK (on_format_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->header_switch, "notify::active", G_CALLBACK (on_header_switch_cb), self,
                           G_CONNECT_SWAPPED);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_problem_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_problem_cb), NULL);
  gtk_list_view_set_factory (self->problems_view, factory);

  crm_import_window_update (self);
}

/**
 * crm_import_window_new:
 * @parent: (nullable): the window that imports; its "win.reload-clients"
 *   action runs after an import and after an undo
 * @store: the database to import into
 */
CrmImportWindow *
crm_import_window_new (GtkWindow *parent,
                       CrmStore  *store)
{
  CrmImportWindow *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  self = g_object_new (CRM_TYPE_IMPORT_WINDOW, "transient-for", parent, NULL);
  self->store = g_object_ref (store);

  return self;
}

/**
 * crm_import_window_load_path:
 *
 * Goes on with @path as if the user had chosen it: a .vcf file is imported
 * at once, any other is read as CSV for the format page.
 */
void
crm_import_window_load_path (CrmImportWindow *self,
                             const char      *path)
{
  g_autofree char *basename = NULL;
  g_autofree char *lower = NULL;

  g_return_if_fail (CRM_IS_IMPORT_WINDOW (self));
  g_return_if_fail (path != NULL);

  if (self->cancellable != NULL)
    return;

  g_free (self->path);
  self->path = g_strdup (path);
  basename = g_path_get_basename (path);
  lower = g_ascii_strdown (basename, -1);
  adw_window_title_set_subtitle (self->window_title, basename);
  adw_action_row_set_subtitle (self->file_row, basename);

  g_clear_pointer (&self->headers, g_strfreev);
  g_clear_pointer (&self->report, crm_import_report_free);

  if (g_str_has_suffix (lower, ".vcf") || g_str_has_suffix (lower, ".vcard"))
    {
      crm_import_window_run (self, TRUE);
      return;
    }

  crm_import_window_analyze (self, NULL, 0);
  crm_import_window_set_page (self, "format");
}

/**
 * crm_import_window_get_busy:
 *
 * Returns: whether the file is being read, imported or an import undone
 */
gboolean
crm_import_window_get_busy (CrmImportWindow *self)
{
  g_return_val_if_fail (CRM_IS_IMPORT_WINDOW (self), FALSE);

  return self->cancellable != NULL;
}

/**
 * crm_import_window_get_page:
 *
 * Returns: "choose", "format", "mapping", "summary", "progress" or "result"
 */
const char *
crm_import_window_get_page (CrmImportWindow *self)
{
  g_return_val_if_fail (CRM_IS_IMPORT_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * crm_import_window_get_encoding:
 *
 * Returns: what the encoding row shows: "UTF-8", "UTF-8 with BOM",
 *   "WINDOWS-1251" or another encoding's name
 */
const char *
crm_import_window_get_encoding (CrmImportWindow *self)
{
  guint selected;

  g_return_val_if_fail (CRM_IS_IMPORT_WINDOW (self), NULL);

  selected = adw_combo_row_get_selected (self->encoding_row);
  if (selected == ENCODING_UTF8_BOM)
    return "UTF-8 with BOM";
  return current_encoding (self);
}

char
crm_import_window_get_delimiter (CrmImportWindow *self)
{
  g_return_val_if_fail (CRM_IS_IMPORT_WINDOW (self), 0);

  return current_delimiter (self);
}

guint
crm_import_window_get_n_columns (CrmImportWindow *self)
{
  g_return_val_if_fail (CRM_IS_IMPORT_WINDOW (self), 0);

  return self->mapping_rows->len;
}

CrmImportField
crm_import_window_get_column_field (CrmImportWindow *self,
                                    guint            column)
{
  g_return_val_if_fail (CRM_IS_IMPORT_WINDOW (self), CRM_IMPORT_FIELD_NONE);
  g_return_val_if_fail (column < self->mapping_rows->len, CRM_IMPORT_FIELD_NONE);

  return adw_combo_row_get_selected (g_ptr_array_index (self->mapping_rows, column));
}

void
crm_import_window_set_column_field (CrmImportWindow *self,
                                    guint            column,
                                    CrmImportField   field)
{
  g_return_if_fail (CRM_IS_IMPORT_WINDOW (self));
  g_return_if_fail (column < self->mapping_rows->len);
  g_return_if_fail (field < CRM_IMPORT_FIELD_LAST_CONTACT);

  adw_combo_row_set_selected (g_ptr_array_index (self->mapping_rows, column), field);
}

/**
 * crm_import_window_get_n_rows:
 *
 * Returns: the records of the file, the header not counted
 */
guint64
crm_import_window_get_n_rows (CrmImportWindow *self)
{
  g_return_val_if_fail (CRM_IS_IMPORT_WINDOW (self), 0);

  return self->n_records - (self->has_header && self->n_records > 0 ? 1 : 0);
}

/**
 * crm_import_window_get_report:
 *
 * Returns: (transfer none) (nullable): the report of the last import
 */
const CrmImportReport *
crm_import_window_get_report (CrmImportWindow *self)
{
  g_return_val_if_fail (CRM_IS_IMPORT_WINDOW (self), NULL);

  return self->report;
}
