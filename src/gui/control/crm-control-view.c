/* crm-control-view.c: the manager's control view
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three parts, all loaded in a thread (GTask) from the store:
 *   - work by salesperson: a table with one row per salesperson, the totals
 *     of each kind of work over the period, then one column per day (its
 *     tooltip splits the day by kind);
 *   - forgotten clients: per salesperson, how many of their clients had no
 *     contact for N days; expanding a salesperson lists those clients, the
 *     longest forgotten first, by pages;
 *   - latest activity across the base, newest first, by pages.
 * Every client row opens the client's card in a window of its own, so the
 * manager keeps the figures while reading one client.
 */

#define G_LOG_DOMAIN "crm-control-view"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "crm-client-card.h"
#include "crm-control-view.h"
#include "crm-format.h"

struct _CrmControlView
{
  AdwBin            parent_instance;

  /* Template widgets */
  GtkDropDown      *period_dropdown;
  GtkWidget        *custom_box;
  GtkEntry         *from_entry;
  GtkEntry         *to_entry;
  GtkLabel         *period_label;
  GtkSpinner       *spinner;
  GtkStack         *stack;
  AdwStatusPage    *error_page;
  GtkGrid          *work_grid;
  GtkLabel         *work_note;
  GtkSpinButton    *days_spin;
  GtkListBox       *forgotten_list;
  GtkListBox       *latest_list;
  GtkWidget        *latest_more_button;

  CrmStore         *store;
  GCancellable     *cancellable;
  char             *from;
  char             *to;
  guint             days;
  guint             days_source;
  guint             n_busy;

  CrmActivityTable *table;
  GPtrArray        *forgotten;      /* CrmForgottenCount* */
  guint             n_latest;
  gint64            latest_time;    /* the last entry listed, where the next page starts */
  gint64            latest_id;
};

G_DEFINE_FINAL_TYPE (CrmControlView, crm_control_view, ADW_TYPE_BIN)

enum
{
  LOAD_WORK      = 1 << 0,
  LOAD_FORGOTTEN = 1 << 1,
  LOAD_LATEST    = 1 << 2,
  LOAD_ALL       = LOAD_WORK | LOAD_FORGOTTEN | LOAD_LATEST,
};

typedef struct
{
  CrmStore         *store;
  guint             what;
  char             *from;
  char             *to;
  guint             days;
  gint64            user_id;        /* a page of one salesperson's forgotten clients */
  gint64            after_time;
  gint64            after_id;
  gint64            before_time;    /* a page of the latest activity */
  gint64            before_id;

  CrmActivityTable *table;
  GPtrArray        *forgotten;
  GPtrArray        *page;
} Load;

static void
load_free (gpointer data)
{
  Load *load = data;

  g_clear_object (&load->store);
  g_free (load->from);
  g_free (load->to);
  g_clear_pointer (&load->table, crm_activity_table_free);
  g_clear_pointer (&load->forgotten, g_ptr_array_unref);
  g_clear_pointer (&load->page, g_ptr_array_unref);
  g_free (load);
}

static void
busy_changed (CrmControlView *self,
              int             delta)
{
  self->n_busy += delta;
  gtk_spinner_set_spinning (self->spinner, self->n_busy > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->n_busy > 0);
}

static void
clear_container (GtkWidget *container)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (container)) != NULL)
    {
      if (GTK_IS_LIST_BOX (container))
        gtk_list_box_remove (GTK_LIST_BOX (container), child);
      else
        gtk_grid_remove (GTK_GRID (container), child);
    }
}

static char *
format_count (gint64 value)
{
  return crm_format_number (value);
}

/* Opening a client */

static void
on_card_saved_cb (GtkWindow     *window,
                  CrmClientCard *card)
{
  GtkWindow *parent = gtk_window_get_transient_for (window);

  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.reload-clients", NULL);
}

GtkWidget *
crm_control_view_open_client (CrmControlView *self,
                              gint64          client_id)
{
  GtkRoot *root;
  GtkWidget *window;
  GtkWidget *box;
  GtkWidget *header;
  GtkWidget *card;

  g_return_val_if_fail (CRM_IS_CONTROL_VIEW (self), NULL);
  g_return_val_if_fail (self->store != NULL, NULL);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), _("Client Card"));
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 760);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (_("Client Card"), NULL));
  gtk_box_append (GTK_BOX (box), header);
  card = crm_client_card_new ();
  gtk_widget_set_vexpand (card, TRUE);
  gtk_box_append (GTK_BOX (box), card);
  adw_window_set_content (ADW_WINDOW (window), box);

  g_signal_connect_object (card, "closed", G_CALLBACK (gtk_window_destroy), window, G_CONNECT_SWAPPED);
  g_signal_connect_object (card, "saved", G_CALLBACK (on_card_saved_cb), window, G_CONNECT_SWAPPED);
  crm_client_card_set_client (CRM_CLIENT_CARD (card), self->store, client_id);
  gtk_window_present (GTK_WINDOW (window));

  return card;
}

static void
on_client_row_activated_cb (CrmControlView *self,
                            GtkListBoxRow  *row)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "client-id");

  if (id != NULL && self->store != NULL)
    crm_control_view_open_client (self, *id);
}

static void
on_forgotten_client_activated_cb (CrmControlView *self,
                                  AdwActionRow   *row)
{
  on_client_row_activated_cb (self, GTK_LIST_BOX_ROW (row));
}

static void
set_client_id (GtkWidget *row,
               gint64     id)
{
  gint64 *copy = g_new (gint64, 1);

  *copy = id;
  g_object_set_data_full (G_OBJECT (row), "client-id", copy, g_free);
}

/* Work by salesperson */

static GtkWidget *
cell_new (const char *text,
          gboolean    number,
          gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), number ? 1.0 : 0.0);
  if (number)
    gtk_widget_add_css_class (label, "numeric");
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 3);

  return label;
}

static GtkWidget *
count_cell_new (gint64      value,
                gboolean    bold,
                const char *accessible)
{
  g_autofree char *text = format_count (value);
  GtkWidget *label = cell_new (text, TRUE, bold);

  if (value == 0)
    gtk_widget_add_css_class (label, "dim-label");
  if (accessible != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

  return label;
}

static char *
day_heading (const char *day)
{
  int y, m, d;
  g_autoptr(GDateTime) date = NULL;

  if (sscanf (day, "%d-%d-%d", &y, &m, &d) != 3 || !(date = g_date_time_new_utc (y, m, d, 0, 0, 0)))
    return g_strdup (day);

  /* Translators: a day column of the control view: weekday and day of the month, "Mon 23" */
  return g_date_time_format (date, _("%a %e"));
}

static char *
day_tooltip (const CrmActivityTable *table,
             const gint64           *by_kind,
             const char             *who,
             const char             *day)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, "%s, %s", who, day);
  for (guint k = 0; k < CRM_ACTIVITY_N_KINDS; k++)
    if (by_kind[k] > 0)
      g_string_append_printf (text, "\n%s: %" G_GINT64_FORMAT, crm_activity_kind_title (k), by_kind[k]);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
attach_row (CrmControlView       *self,
            int                   y,
            const char           *name,
            const CrmActivityRow *row,
            const CrmActivityTable *table,
            gboolean              bold)
{
  GtkWidget *label = cell_new (name, FALSE, bold);
  int x = 0;

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), 18);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  gtk_widget_set_tooltip_text (label, name);
  gtk_widget_set_margin_start (label, 12);
  gtk_grid_attach (self->work_grid, label, x++, y, 1, 1);

  for (guint k = 0; k < CRM_ACTIVITY_N_KINDS; k++)
    {
      gint64 value = row ? row->by_kind[k] : table->by_kind[k];
      g_autofree char *number = format_count (value);
      /* Translators: the accessible name of a cell: "Anna Petrova, Calls: 12" */
      g_autofree char *accessible = g_strdup_printf (_("%s, %s: %s"), name, crm_activity_kind_title (k), number);

      gtk_grid_attach (self->work_grid, count_cell_new (value, bold, accessible), x++, y, 1, 1);
    }
  {
    gint64 total = row ? row->total : table->total;
    g_autofree char *number = format_count (total);
    /* Translators: the accessible name of a cell: "Anna Petrova, total: 40" */
    g_autofree char *accessible = g_strdup_printf (_("%s, total: %s"), name, number);
    GtkWidget *cell = count_cell_new (total, TRUE, accessible);

    gtk_widget_set_name (cell, "total");
    gtk_grid_attach (self->work_grid, cell, x++, y, 1, 1);
  }

  x++;   /* the separator */
  for (guint d = 0; d < table->n_days; d++)
    {
      gint64 value = row ? row->by_day[d] : table->by_day[d];
      g_autofree char *day = crm_activity_table_day (table, d);
      g_autofree char *number = format_count (value);
      /* Translators: the accessible name of a cell: "Anna Petrova, 2026-11-23: 8" */
      g_autofree char *accessible = g_strdup_printf (_("%s, %s: %s"), name, day, number);
      GtkWidget *cell = count_cell_new (value, bold, accessible);

      if (row != NULL && value > 0)
        {
          g_autofree char *tooltip = day_tooltip (table, row->by_day_kind + d * CRM_ACTIVITY_N_KINDS, name, day);

          gtk_widget_set_tooltip_text (cell, tooltip);
        }
      if (d + 1 == table->n_days)
        gtk_widget_set_margin_end (cell, 12);
      gtk_grid_attach (self->work_grid, cell, x++, y, 1, 1);
    }
}

static void
show_table (CrmControlView *self)
{
  CrmActivityTable *table = self->table;
  GtkWidget *separator;
  int x = 0;
  int y = 0;

  clear_container (GTK_WIDGET (self->work_grid));

  gtk_grid_attach (self->work_grid, cell_new (_("Salesperson"), FALSE, TRUE), x++, y, 1, 1);
  gtk_widget_set_margin_start (gtk_grid_get_child_at (self->work_grid, 0, 0), 12);
  for (guint k = 0; k < CRM_ACTIVITY_N_KINDS; k++)
    gtk_grid_attach (self->work_grid, cell_new (crm_activity_kind_title (k), TRUE, TRUE), x++, y, 1, 1);
  gtk_grid_attach (self->work_grid, cell_new (_("Total"), TRUE, TRUE), x++, y, 1, 1);
  separator = gtk_separator_new (GTK_ORIENTATION_VERTICAL);
  gtk_grid_attach (self->work_grid, separator, x++, 0, 1, (int)table->rows->len + 2);
  for (guint d = 0; d < table->n_days; d++)
    {
      g_autofree char *day = crm_activity_table_day (table, d);
      g_autofree char *heading = day_heading (day);
      GtkWidget *cell = cell_new (heading, TRUE, TRUE);

      gtk_widget_set_tooltip_text (cell, day);
      gtk_grid_attach (self->work_grid, cell, x++, y, 1, 1);
    }
  y++;

  for (guint i = 0; i < table->rows->len; i++)
    {
      const CrmActivityRow *row = g_ptr_array_index (table->rows, i);
      g_autofree char *name = row->active || row->user_id == 0
        ? g_strdup (row->user_name)
        /* Translators: a salesperson who no longer works with the database */
        : g_strdup_printf (_("%s (inactive)"), row->user_name);

      attach_row (self, y++, name, row, table, FALSE);
    }
  attach_row (self, y, _("All"), NULL, table, TRUE);
}

/* Forgotten clients */

static char *
last_contact_text (gint64 time)
{
  g_autofree char *date = NULL;

  if (time == 0)
    return g_strdup (_("Never contacted"));
  date = crm_format_date (time);
  /* Translators: %s is a date */
  return g_strdup_printf (_("Last contact %s"), date);
}

static GtkWidget *
forgotten_client_row_new (CrmControlView           *self,
                          const CrmForgottenClient *client)
{
  GtkWidget *row = adw_action_row_new ();
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *last = last_contact_text (client->last_contact_at);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), client->name);
  g_string_append (subtitle, last);
  if (client->status)
    g_string_append_printf (subtitle, " · %s", client->status);
  if (client->city)
    g_string_append_printf (subtitle, " · %s", client->city);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_name (row, "forgotten-client");
  set_client_id (row, client->id);
  g_signal_connect_object (row, "activated", G_CALLBACK (on_forgotten_client_activated_cb), self,
                           G_CONNECT_SWAPPED);

  return row;
}

static void load_forgotten_page (CrmControlView *self,
                                 AdwExpanderRow *expander);

static void
on_forgotten_more_activated_cb (AdwActionRow *row,
                                gpointer      user_data)
{
  CrmControlView *self = CRM_CONTROL_VIEW (user_data);
  AdwExpanderRow *expander = ADW_EXPANDER_ROW (gtk_widget_get_ancestor (GTK_WIDGET (row), ADW_TYPE_EXPANDER_ROW));

  /* the row goes; the next page takes its place */
  adw_expander_row_remove (expander, GTK_WIDGET (row));
  load_forgotten_page (self, expander);
}

static void
forgotten_page_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  CrmControlView *self = CRM_CONTROL_VIEW (object);
  g_autoptr(AdwExpanderRow) expander = user_data;
  g_autoptr(GError) error = NULL;
  gboolean loaded = g_task_propagate_boolean (G_TASK (result), &error);
  Load *load = g_task_get_task_data (G_TASK (result));

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  busy_changed (self, -1);
  if (!loaded)
    {
      AdwToast *toast = adw_toast_new (error->message);
      GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

      if (overlay != NULL)
        adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
      else
        g_object_unref (g_object_ref_sink (toast));
      return;
    }
  /* a reload replaced the expander meanwhile */
  if (gtk_widget_get_parent (GTK_WIDGET (expander)) == NULL)
    return;

  for (guint i = 0; i < load->page->len; i++)
    {
      CrmForgottenClient *client = g_ptr_array_index (load->page, i);
      gint64 *after = g_object_get_data (G_OBJECT (expander), "after");

      adw_expander_row_add_row (expander, forgotten_client_row_new (self, client));
      /* where the next page starts */
      after[0] = client->last_contact_at;
      after[1] = client->id;
    }

  if (load->page->len == CRM_CONTROL_VIEW_PAGE)
    {
      GtkWidget *more = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (more), _("Show More"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (more), TRUE);
      gtk_widget_set_name (more, "forgotten-more");
      g_signal_connect_object (more, "activated", G_CALLBACK (on_forgotten_more_activated_cb), self, 0);
      adw_expander_row_add_row (expander, more);
    }
}

static void
forgotten_page_worker (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  Load *load = task_data;
  GError *error = NULL;

  if (!(load->page = crm_store_list_forgotten_clients (load->store, load->user_id, load->days, load->after_time,
                                                       load->after_id, CRM_CONTROL_VIEW_PAGE, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
load_forgotten_page (CrmControlView *self,
                     AdwExpanderRow *expander)
{
  g_autoptr(GTask) task = NULL;
  Load *load = g_new0 (Load, 1);

  load->store = g_object_ref (self->store);
  load->user_id = *(gint64 *)g_object_get_data (G_OBJECT (expander), "user-id");
  load->days = self->days;
  load->after_time = ((gint64 *)g_object_get_data (G_OBJECT (expander), "after"))[0];
  load->after_id = ((gint64 *)g_object_get_data (G_OBJECT (expander), "after"))[1];

  busy_changed (self, +1);
  task = g_task_new (self, self->cancellable, forgotten_page_cb, g_object_ref (expander));
  g_task_set_source_tag (task, load_forgotten_page);
  g_task_set_name (task, "[crm-control-forgotten]");
  g_task_set_task_data (task, load, load_free);
  g_task_run_in_thread (task, forgotten_page_worker);
}

static void
on_expanded_cb (AdwExpanderRow *expander,
                GParamSpec     *pspec,
                CrmControlView *self)
{
  if (!adw_expander_row_get_expanded (expander) ||
      g_object_get_data (G_OBJECT (expander), "loaded") != NULL)
    return;
  g_object_set_data (G_OBJECT (expander), "loaded", GINT_TO_POINTER (1));
  load_forgotten_page (self, expander);
}

static void
show_forgotten (CrmControlView *self)
{
  clear_container (GTK_WIDGET (self->forgotten_list));

  for (guint i = 0; i < self->forgotten->len; i++)
    {
      CrmForgottenCount *count = g_ptr_array_index (self->forgotten, i);
      GtkWidget *expander = adw_expander_row_new ();
      GtkWidget *number;
      g_autofree char *forgotten = format_count (count->n_forgotten);
      g_autofree char *all = format_count (MAX (count->n_clients, 0));
      g_autofree char *subtitle = NULL;
      g_autofree char *accessible = NULL;
      gint64 *id = g_new (gint64, 1);
      gint64 *after;

      *id = count->user_id;
      g_object_set_data_full (G_OBJECT (expander), "user-id", id, g_free);
      after = g_new (gint64, 2);
      after[0] = -1;
      after[1] = 0;
      g_object_set_data_full (G_OBJECT (expander), "after", after, g_free);
      gtk_widget_set_name (expander, "forgotten-user");
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), count->user_name);
      if (count->n_clients >= 0)
        /* Translators: under a salesperson's name: "12 of 150 clients" */
        subtitle = g_strdup_printf (ngettext ("%s of %s client", "%s of %s clients", count->n_clients),
                                    forgotten, all);
      else
        subtitle = g_strdup_printf (ngettext ("%s client", "%s clients", count->n_forgotten), forgotten);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);

      number = gtk_label_new (forgotten);
      gtk_widget_add_css_class (number, "numeric");
      gtk_widget_add_css_class (number, count->n_forgotten > 0 ? "warning" : "dim-label");
      gtk_widget_set_valign (number, GTK_ALIGN_CENTER);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (expander), number);
      adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (expander), count->n_forgotten > 0);

      /* Translators: the accessible name of a salesperson's row of forgotten clients */
      accessible = g_strdup_printf (_("%s: %s forgotten clients"), count->user_name, forgotten);
      gtk_accessible_update_property (GTK_ACCESSIBLE (expander), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      g_signal_connect_object (expander, "notify::expanded", G_CALLBACK (on_expanded_cb), self, 0);
      gtk_list_box_append (self->forgotten_list, expander);
    }
}

/* Latest activity */

static GtkWidget *
latest_row_new (const CrmActivityEntry *entry)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *when = crm_format_date_time (entry->occurred_at);
  g_autofree char *title = NULL;
  g_autoptr(GString) subtitle = g_string_new (when);

  if (entry->subject && *entry->subject)
    /* Translators: a row of the latest activity: the client, then the entry's subject */
    title = g_strdup_printf (_("%s — %s"), entry->company_name, entry->subject);
  else
    title = g_strdup (entry->company_name);
  g_string_append_printf (subtitle, " · %s", crm_activity_kind_label (entry->kind));
  g_string_append_printf (subtitle, " · %s", entry->user_name ? entry->user_name : _("No salesperson"));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_name (row, "latest");
  set_client_id (row, entry->company_id);

  return row;
}

static void
append_latest (CrmControlView *self,
               GPtrArray      *page)
{
  for (guint i = 0; i < page->len; i++)
    {
      CrmActivityEntry *entry = g_ptr_array_index (page, i);

      gtk_list_box_append (self->latest_list, latest_row_new (entry));
      self->latest_time = entry->occurred_at;
      self->latest_id = entry->id;
    }
  self->n_latest += page->len;
  gtk_widget_set_visible (self->latest_more_button, page->len == CRM_CONTROL_VIEW_PAGE);
}

/* Loading */

static void
load_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Load *load = task_data;
  GError *error = NULL;

  if ((load->what & LOAD_WORK) &&
      !(load->table = crm_store_load_activity (load->store, load->from, load->to, &error)))
    goto failed;
  if (g_task_return_error_if_cancelled (task))
    return;
  if ((load->what & LOAD_FORGOTTEN) &&
      !(load->forgotten = crm_store_count_forgotten_clients (load->store, load->days, TRUE, &error)))
    goto failed;
  if (g_task_return_error_if_cancelled (task))
    return;
  if ((load->what & LOAD_LATEST) &&
      !(load->page = crm_store_list_latest_activity (load->store, load->before_time, load->before_id,
                                                     CRM_CONTROL_VIEW_PAGE, &error)))
    goto failed;

  g_task_return_boolean (task, TRUE);
  return;

failed:
  g_task_return_error (task, error);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  CrmControlView *self = CRM_CONTROL_VIEW (object);
  g_autoptr(GError) error = NULL;
  gboolean loaded = g_task_propagate_boolean (G_TASK (result), &error);
  Load *load = g_task_get_task_data (G_TASK (result));

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  busy_changed (self, -1);

  if (!loaded)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  if (load->table != NULL)
    {
      g_clear_pointer (&self->table, crm_activity_table_free);
      self->table = g_steal_pointer (&load->table);
      show_table (self);
    }
  if (load->forgotten != NULL)
    {
      g_clear_pointer (&self->forgotten, g_ptr_array_unref);
      self->forgotten = g_steal_pointer (&load->forgotten);
      show_forgotten (self);
    }
  if (load->page != NULL)
    {
      if (load->before_time == 0)
        {
          clear_container (GTK_WIDGET (self->latest_list));
          self->n_latest = 0;
        }
      append_latest (self, load->page);
    }
  gtk_stack_set_visible_child_name (self->stack, "figures");
}

static void
start_load (CrmControlView *self,
            guint           what)
{
  g_autoptr(GTask) task = NULL;
  Load *load;

  if (self->store == NULL || self->from == NULL)
    return;

  if (self->cancellable != NULL && (what & LOAD_WORK))
    {
      /* a new period or a reload replaces whatever was loading */
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      self->n_busy = 0;
      busy_changed (self, 0);
    }
  if (self->cancellable == NULL)
    self->cancellable = g_cancellable_new ();

  load = g_new0 (Load, 1);
  load->store = g_object_ref (self->store);
  load->what = what;
  load->from = g_strdup (self->from);
  load->to = g_strdup (self->to);
  load->days = self->days;

  busy_changed (self, +1);
  task = g_task_new (self, self->cancellable, load_cb, NULL);
  g_task_set_source_tag (task, start_load);
  g_task_set_name (task, "[crm-control-load]");
  g_task_set_task_data (task, load, load_free);
  g_task_run_in_thread (task, load_worker);
}

static void
on_latest_more_clicked_cb (CrmControlView *self,
                           GtkButton      *button)
{
  g_autoptr(GTask) task = NULL;
  Load *load;

  if (self->store == NULL || self->n_latest == 0)
    return;

  if (self->cancellable == NULL)
    self->cancellable = g_cancellable_new ();
  load = g_new0 (Load, 1);
  load->store = g_object_ref (self->store);
  load->what = LOAD_LATEST;
  load->before_time = self->latest_time;
  load->before_id = self->latest_id;

  gtk_widget_set_visible (self->latest_more_button, FALSE);
  busy_changed (self, +1);
  task = g_task_new (self, self->cancellable, load_cb, NULL);
  g_task_set_source_tag (task, on_latest_more_clicked_cb);
  g_task_set_task_data (task, load, load_free);
  g_task_run_in_thread (task, load_worker);
}

static void
update_period_label (CrmControlView *self)
{
  g_autofree char *text = NULL;

  /* Translators: the period the control view shows; the days are dates in UTC */
  text = g_strdup_printf (_("%s – %s (UTC)"), self->from, self->to);
  gtk_label_set_text (self->period_label, text);
}

static void on_period_selected_cb (CrmControlView *self);

void
crm_control_view_set_period (CrmControlView *self,
                             CrmPeriod       period)
{
  g_return_if_fail (CRM_IS_CONTROL_VIEW (self));

  g_clear_pointer (&self->from, g_free);
  g_clear_pointer (&self->to, g_free);
  crm_period_get_days (period, NULL, &self->from, &self->to);
  update_period_label (self);
  g_signal_handlers_block_by_func (self->period_dropdown, on_period_selected_cb, self);
  gtk_drop_down_set_selected (self->period_dropdown, period);
  gtk_widget_set_visible (self->custom_box, FALSE);
  g_signal_handlers_unblock_by_func (self->period_dropdown, on_period_selected_cb, self);
  start_load (self, LOAD_WORK);
}

gboolean
crm_control_view_set_custom_period (CrmControlView *self,
                                    const char     *from,
                                    const char     *to)
{
  g_return_val_if_fail (CRM_IS_CONTROL_VIEW (self), FALSE);

  if (!crm_day_is_valid (from) || !crm_day_is_valid (to) || g_strcmp0 (from, to) > 0)
    {
      gtk_widget_add_css_class (GTK_WIDGET (crm_day_is_valid (from) ? self->to_entry : self->from_entry), "error");
      return FALSE;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->from_entry), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->to_entry), "error");
  g_free (self->from);
  g_free (self->to);
  self->from = g_strdup (from);
  self->to = g_strdup (to);
  update_period_label (self);
  start_load (self, LOAD_WORK);

  return TRUE;
}

static void
on_period_selected_cb (CrmControlView *self)
{
  guint selected = gtk_drop_down_get_selected (self->period_dropdown);
  gboolean custom = selected > CRM_PERIOD_LAST_MONTH;

  gtk_widget_set_visible (self->custom_box, custom);
  if (custom)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->from_entry), self->from ? self->from : "");
      gtk_editable_set_text (GTK_EDITABLE (self->to_entry), self->to ? self->to : "");
      gtk_widget_grab_focus (GTK_WIDGET (self->from_entry));
      return;
    }
  crm_control_view_set_period (self, (CrmPeriod)selected);
}

static void
on_custom_apply_cb (CrmControlView *self)
{
  crm_control_view_set_custom_period (self, gtk_editable_get_text (GTK_EDITABLE (self->from_entry)),
                                      gtk_editable_get_text (GTK_EDITABLE (self->to_entry)));
}

static void
on_refresh_clicked_cb (CrmControlView *self)
{
  crm_control_view_reload (self);
}

static void
days_timeout_cb (gpointer data)
{
  CrmControlView *self = data;

  self->days_source = 0;
  start_load (self, LOAD_FORGOTTEN);
}

static void
on_days_changed_cb (CrmControlView *self)
{
  guint days = (guint)gtk_spin_button_get_value_as_int (self->days_spin);

  if (days == self->days)
    return;
  self->days = days;
  /* typing 120 is three changes: count once, when the typing stops */
  g_clear_handle_id (&self->days_source, g_source_remove);
  self->days_source = g_timeout_add_once (300, days_timeout_cb, self);
}

void
crm_control_view_set_days (CrmControlView *self,
                           guint           days)
{
  g_return_if_fail (CRM_IS_CONTROL_VIEW (self));
  g_return_if_fail (days > 0);

  g_clear_handle_id (&self->days_source, g_source_remove);
  self->days = days;
  g_signal_handlers_block_by_func (self->days_spin, on_days_changed_cb, self);
  gtk_spin_button_set_value (self->days_spin, days);
  g_signal_handlers_unblock_by_func (self->days_spin, on_days_changed_cb, self);
  start_load (self, LOAD_FORGOTTEN);
}

void
crm_control_view_reload (CrmControlView *self)
{
  g_return_if_fail (CRM_IS_CONTROL_VIEW (self));

  start_load (self, LOAD_ALL);
}

void
crm_control_view_set_store (CrmControlView *self,
                            CrmStore       *store)
{
  g_return_if_fail (CRM_IS_CONTROL_VIEW (self));
  g_return_if_fail (!store || CRM_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  if (self->from == NULL)
    {
      crm_period_get_days (CRM_PERIOD_THIS_WEEK, NULL, &self->from, &self->to);
      update_period_label (self);
    }
  crm_control_view_reload (self);
}

CrmStore *
crm_control_view_get_store (CrmControlView *self)
{
  g_return_val_if_fail (CRM_IS_CONTROL_VIEW (self), NULL);

  return self->store;
}

gboolean
crm_control_view_get_busy (CrmControlView *self)
{
  g_return_val_if_fail (CRM_IS_CONTROL_VIEW (self), FALSE);

  return self->n_busy > 0 || self->days_source != 0;
}

const CrmActivityTable *
crm_control_view_get_table (CrmControlView *self)
{
  g_return_val_if_fail (CRM_IS_CONTROL_VIEW (self), NULL);

  return self->table;
}

GPtrArray *
crm_control_view_get_forgotten (CrmControlView *self)
{
  g_return_val_if_fail (CRM_IS_CONTROL_VIEW (self), NULL);

  return self->forgotten;
}

guint
crm_control_view_get_n_latest (CrmControlView *self)
{
  g_return_val_if_fail (CRM_IS_CONTROL_VIEW (self), 0);

  return self->n_latest;
}

static void
crm_control_view_dispose (GObject *object)
{
  CrmControlView *self = CRM_CONTROL_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->days_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_CONTROL_VIEW);
  g_clear_object (&self->store);
  g_clear_pointer (&self->table, crm_activity_table_free);
  g_clear_pointer (&self->forgotten, g_ptr_array_unref);

  G_OBJECT_CLASS (crm_control_view_parent_class)->dispose (object);
}

static void
crm_control_view_finalize (GObject *object)
{
  CrmControlView *self = CRM_CONTROL_VIEW (object);

  g_free (self->from);
  g_free (self->to);

  G_OBJECT_CLASS (crm_control_view_parent_class)->finalize (object);
}

static void
crm_control_view_class_init (CrmControlViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_control_view_dispose;
  object_class->finalize = crm_control_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/control/crm-control-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmControlView, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmControlView, custom_box);
  gtk_widget_class_bind_template_child (widget_class, CrmControlView, from_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmControlView, to_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmControlView, period_label);
  gtk_widget_class_bind_template_child (widget_class, CrmControlView, spinner);
  gtk_widget_class_bind_template_child (widget_class, CrmControlView, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmControlView, error_page);
  gtk_widget_class_bind_template_child (widget_class, CrmControlView, work_grid);
  gtk_widget_class_bind_template_child (widget_class, CrmControlView, work_note);
  gtk_widget_class_bind_template_child (widget_class, CrmControlView, days_spin);
  gtk_widget_class_bind_template_child (widget_class, CrmControlView, forgotten_list);
  gtk_widget_class_bind_template_child (widget_class, CrmControlView, latest_list);
  gtk_widget_class_bind_template_child (widget_class, CrmControlView, latest_more_button);
  gtk_widget_class_bind_template_callback (widget_class, on_period_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_custom_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_refresh_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_days_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_client_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_latest_more_clicked_cb);
}

static void
crm_control_view_init (CrmControlView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->days = 30;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  gtk_widget_set_visible (self->latest_more_button, FALSE);
  gtk_label_set_text (self->work_note,
                      _("Calls, meetings, letters, e-mails, notes and other contacts logged by each salesperson, "
                        "by the day in UTC. Changes of the card, imports and merges are not counted. "
                        "Point at a day to see its kinds."));
  gtk_stack_set_visible_child_name (self->stack, "figures");
}

GtkWidget *
crm_control_view_new (void)
{
  return g_object_new (CRM_TYPE_CONTROL_VIEW, NULL);
}
