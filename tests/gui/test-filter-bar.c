/* test-filter-bar.c: conditions on user-defined fields in the filter bar
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-filter-bar"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <adwaita.h>

#include "crm-client-edit.h"
#include "crm-filter-bar.h"
#include "crm-segments.h"
#include "crm-wrap-box.h"
#include "gui-test-utils.h"

/* The bar on its own in a window, over a database of twenty clients with a
 * field of each kind; driven through the popover's widgets as a user would.
 * Runs under Xvfb (suite "ui"). */

#define N_CLIENTS 20

typedef struct
{
  char            *dir;
  char            *path;
  CrmStore        *store;
  CrmClientFilter *filter;
  GtkWindow       *window;
  CrmFilterBar    *bar;
  gint64           staff;      /* number: client i has i * 10, none for i % 5 == 0 */
  gint64           signed_on;  /* date: 2024-01-01 plus i days */
  gint64           plan;       /* choice Basic / Pro / Enterprise: i % 3 */
  gint64           mailing;    /* checkbox: ticked for even i, unset for i % 3 == 0 odd, else unticked */
  gint64           rival;      /* text: "Acme Systems" for i % 4 == 0 */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char * const plans[] = { "Basic", "Pro", "Enterprise", NULL };

  f->dir = g_dir_make_tmp ("rapport-filter-bar-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "clients.db", NULL);
  f->store = crm_store_open_full (f->path, 0, "en", &error);
  g_assert_no_error (error);

  f->staff = crm_store_define_custom_field (f->store, "Staff", "number", NULL, &error);
  f->signed_on = crm_store_define_custom_field (f->store, "Signed", "date", NULL, &error);
  f->plan = crm_store_define_custom_field (f->store, "Plan", "choice", plans, &error);
  f->mailing = crm_store_define_custom_field (f->store, "Mailing", "checkbox", NULL, &error);
  f->rival = crm_store_define_custom_field (f->store, "Rival", "text", NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < N_CLIENTS; i++)
    {
      g_autofree char *name = g_strdup_printf ("Client %02u", i);
      g_autofree char *staff = g_strdup_printf ("%u", i * 10);
      g_autofree char *day = g_strdup_printf ("2024-01-%02u", i + 1);
      CrmCompanyData company = { .name = name };
      gint64 id = crm_store_add_company (f->store, &company, &error);

      g_assert_no_error (error);
      if (i % 5 != 0)
        crm_store_set_custom_value (f->store, id, f->staff, staff, NULL, &error);
      crm_store_set_custom_value (f->store, id, f->signed_on, day, NULL, &error);
      crm_store_set_custom_value (f->store, id, f->plan, plans[i % 3], NULL, &error);
      if (i % 2 == 0 || i % 3 != 0)
        crm_store_set_custom_value (f->store, id, f->mailing, i % 2 == 0 ? "1" : "0", NULL, &error);
      if (i % 4 == 0)
        crm_store_set_custom_value (f->store, id, f->rival, "Acme Systems", NULL, &error);
      g_assert_no_error (error);
    }

  f->filter = crm_client_filter_new ();
  f->window = GTK_WINDOW (gtk_window_new ());
  f->bar = CRM_FILTER_BAR (crm_filter_bar_new ());
  crm_filter_bar_set_store (f->bar, f->store);
  crm_filter_bar_set_filter (f->bar, f->filter);
  gtk_window_set_child (f->window, GTK_WIDGET (f->bar));
  gtk_window_set_default_size (f->window, 900, 400);
  gtk_window_present (f->window);
  spin_for (50);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  spin_for (50);
  g_clear_object (&f->filter);
  g_assert_finalize_object (f->store);

  remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static gint64
count (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gint64 n = crm_store_count_filtered_clients (f->store, f->filter, &error);

  g_assert_no_error (error);
  return n;
}

/* The labels of the chips, joined with " | " */
static char *
chips (Fixture *f)
{
  GtkWidget *box = child (f->bar, CRM_TYPE_FILTER_BAR, "chips_box");
  GtkWidget *clear = child (f->bar, CRM_TYPE_FILTER_BAR, "clear_button");
  g_autoptr(GString) out = g_string_new (NULL);
  guint n = 0;

  for (GtkWidget *chip = gtk_widget_get_first_child (box);
       chip != NULL && chip != clear;
       chip = gtk_widget_get_next_sibling (chip), n++)
    {
      GtkWidget *label = find_descendant (chip, GTK_TYPE_LABEL);

      g_string_append_printf (out, "%s%s", out->len ? " | " : "", gtk_label_get_label (GTK_LABEL (label)));
    }
  /* the bar counts what it shows */
  g_assert_cmpuint (crm_filter_bar_get_n_chips (f->bar), ==, n);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Opens the popover and the page of the field with that name */
static void
pick_field (Fixture    *f,
            const char *name)
{
  GtkMenuButton *add_button = child (f->bar, CRM_TYPE_FILTER_BAR, "add_button");
  GtkListBox *kinds = child (f->bar, CRM_TYPE_FILTER_BAR, "kinds_list");
  GtkStack *stack = child (f->bar, CRM_TYPE_FILTER_BAR, "popover_stack");
  GtkListBoxRow *row = NULL;

  gtk_menu_button_popup (add_button);
  spin_for (20);
  for (int i = 0; (row = gtk_list_box_get_row_at_index (kinds, i)) != NULL; i++)
    {
      GtkWidget *label = gtk_list_box_row_get_child (row);

      if (g_str_equal (gtk_widget_get_name (GTK_WIDGET (row)), "field") &&
          g_str_equal (gtk_label_get_label (GTK_LABEL (label)), name))
        break;
    }
  g_assert_nonnull (row);
  g_signal_emit_by_name (row, "activate");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "field");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (f->bar, CRM_TYPE_FILTER_BAR, "field_title"))),
                   ==, name);
}

static void
type (Fixture    *f,
      const char *entry,
      const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (f->bar, CRM_TYPE_FILTER_BAR, entry)), text);
}

static void
apply (Fixture *f)
{
  g_signal_emit_by_name (child (f->bar, CRM_TYPE_FILTER_BAR, "field_apply_button"), "clicked");
}

static const char *
error_shown (Fixture *f)
{
  GtkLabel *label = child (f->bar, CRM_TYPE_FILTER_BAR, "field_error_label");

  return gtk_widget_get_visible (GTK_WIDGET (label)) ? gtk_label_get_label (label) : NULL;
}

/* The check button of a value on a choice or checkbox page */
static GtkCheckButton *
value_check (Fixture    *f,
             const char *label)
{
  GtkListBox *list = child (f->bar, CRM_TYPE_FILTER_BAR, "field_values_list");
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    {
      GtkWidget *check = gtk_list_box_row_get_child (row);

      if (g_str_equal (gtk_check_button_get_label (GTK_CHECK_BUTTON (check)), label))
        return GTK_CHECK_BUTTON (check);
    }
  g_assert_not_reached ();
  return NULL;
}

static void
test_kinds (Fixture       *f,
            gconstpointer  data)
{
  GtkStack *field_stack = child (f->bar, CRM_TYPE_FILTER_BAR, "field_stack");
  g_autofree char *labels = NULL;
  const char *from, *to;

  /* Number: a range, typed as people write numbers, the wrong way round */
  pick_field (f, "Staff");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (field_stack), ==, "number");
  type (f, "number_from_entry", "abc");
  apply (f);
  g_assert_nonnull (error_shown (f));
  g_assert_true (crm_client_filter_is_empty (f->filter));
  type (f, "number_from_entry", "1 000");
  type (f, "number_to_entry", "95");
  apply (f);
  g_assert_null (error_shown (f));
  g_assert_true (crm_client_filter_get_field_range (f->filter, 0, &from, &to));
  g_assert_cmpstr (from, ==, "95");
  g_assert_cmpstr (to, ==, "1000");
  labels = chips (f);
  g_assert_cmpstr (labels, ==, "Staff from 95 to 1000");
  g_assert_cmpint (count (f), ==, 8);   /* 10 … 19 without 10 and 15 */

  /* Picked again, the page shows it; "Exactly" replaces it */
  pick_field (f, "Staff");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (f->bar, CRM_TYPE_FILTER_BAR, "number_from_entry"))),
                   ==, "95");
  gtk_toggle_button_set_active (child (f->bar, CRM_TYPE_FILTER_BAR, "number_exact_toggle"), TRUE);
  g_assert_true (gtk_widget_get_visible (child (f->bar, CRM_TYPE_FILTER_BAR, "number_exact_entry")));
  type (f, "number_exact_entry", "30");
  apply (f);
  g_assert_cmpuint (crm_client_filter_get_n_fields (f->filter), ==, 1);
  g_clear_pointer (&labels, g_free);
  labels = chips (f);
  g_assert_cmpstr (labels, ==, "Staff = 30");
  g_assert_cmpint (count (f), ==, 1);
  crm_client_filter_clear (f->filter);

  /* Date: from and to; a day that does not exist is refused */
  pick_field (f, "Signed");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (field_stack), ==, "date");
  apply (f);
  g_assert_nonnull (error_shown (f));
  type (f, "date_from_entry", "2024-02-30");
  apply (f);
  g_assert_nonnull (strstr (error_shown (f), "2024-02-30"));
  type (f, "date_from_entry", "2024-01-05");
  type (f, "date_to_entry", "2024-01-08");
  apply (f);
  g_clear_pointer (&labels, g_free);
  labels = chips (f);
  g_assert_cmpstr (labels, ==, "Signed from 2024-01-05 to 2024-01-08");
  g_assert_cmpint (count (f), ==, 4);

  /* Choice: ticking values, each a chip, either matches */
  pick_field (f, "Plan");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (field_stack), ==, "values");
  g_assert_false (gtk_widget_get_visible (child (f->bar, CRM_TYPE_FILTER_BAR, "field_apply_button")));
  gtk_check_button_set_active (value_check (f, "Pro"), TRUE);
  gtk_check_button_set_active (value_check (f, "Enterprise"), TRUE);
  g_clear_pointer (&labels, g_free);
  labels = chips (f);
  g_assert_cmpstr (labels, ==, "Signed from 2024-01-05 to 2024-01-08 | Plan is “Pro” | Plan is “Enterprise”");
  g_assert_cmpint (count (f), ==, 3);   /* 4, 5, 7 of 4 … 7 */
  gtk_check_button_set_active (value_check (f, "Enterprise"), FALSE);
  g_assert_cmpint (count (f), ==, 2);   /* 4, 7 */
  crm_client_filter_clear (f->filter);

  /* Checkbox: Yes and No exclude each other; No includes the clients never set */
  pick_field (f, "Mailing");
  gtk_check_button_set_active (value_check (f, "Yes"), TRUE);
  g_assert_cmpint (count (f), ==, 10);
  gtk_check_button_set_active (value_check (f, "No"), TRUE);
  g_assert_cmpuint (crm_client_filter_get_n_fields (f->filter), ==, 1);
  g_clear_pointer (&labels, g_free);
  labels = chips (f);
  g_assert_cmpstr (labels, ==, "Mailing: no");
  g_assert_cmpint (count (f), ==, 10);

  /* Text: contains, any case; empty is refused */
  pick_field (f, "Rival");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (field_stack), ==, "text");
  apply (f);
  g_assert_nonnull (error_shown (f));
  type (f, "text_entry", "ACME");
  g_signal_emit_by_name (child (f->bar, CRM_TYPE_FILTER_BAR, "text_entry"), "activate");
  g_clear_pointer (&labels, g_free);
  labels = chips (f);
  g_assert_cmpstr (labels, ==, "Mailing: no | Rival contains “ACME”");
  g_assert_cmpint (count (f), ==, 0);   /* rivals are even, unticked are odd */

  /* A chip removes its condition */
  g_signal_emit_by_name (gtk_widget_get_first_child (child (f->bar, CRM_TYPE_FILTER_BAR, "chips_box")), "clicked");
  g_clear_pointer (&labels, g_free);
  labels = chips (f);
  g_assert_cmpstr (labels, ==, "Rival contains “ACME”");
  g_assert_cmpint (count (f), ==, 5);
}

static void
test_segment (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(CrmClientFilter) loaded = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *save;
  gint64 id;

  pick_field (f, "Staff");
  type (f, "number_from_entry", "100");
  apply (f);
  pick_field (f, "Mailing");
  gtk_check_button_set_active (value_check (f, "No"), TRUE);

  id = crm_filter_bar_save_segment (f->bar, "Big, no mailing", &error);
  g_assert_no_error (error);
  loaded = crm_store_load_segment (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_true (crm_client_filter_equal (loaded, f->filter));
  /* 11, 13, 17, 19: at least 100 and odd (unticked or never set) */
  g_assert_cmpint (crm_store_count_filtered_clients (f->store, loaded, NULL), ==, 4);

  /* shown as saved, the segment offers no second copy of itself; changed,
   * it does again */
  save = child (f->bar, CRM_TYPE_FILTER_BAR, "save_button");
  g_assert_true (gtk_widget_get_visible (save));
  crm_filter_bar_set_saved_filter (f->bar, loaded);
  g_assert_false (gtk_widget_get_visible (save));
  pick_field (f, "Staff");
  type (f, "number_from_entry", "200");
  apply (f);
  g_assert_true (gtk_widget_get_visible (save));
  crm_filter_bar_set_saved_filter (f->bar, NULL);
  g_assert_true (gtk_widget_get_visible (save));
}

/* In a narrow window the chips take more lines; the window does not widen */
static void
test_wrap (Fixture       *f,
           gconstpointer  data)
{
  CrmWrapBox *box = child (f->bar, CRM_TYPE_FILTER_BAR, "chips_box");
  int minimum, natural;

  crm_client_filter_add_field_range (f->filter, f->staff, "10", "100");
  crm_client_filter_add_field_range (f->filter, f->signed_on, "2024-01-01", "2024-12-31");
  crm_client_filter_add_field (f->filter, f->plan, CRM_FIELD_MATCH_EQUALS, "Enterprise");
  crm_client_filter_add_field (f->filter, f->rival, CRM_FIELD_MATCH_CONTAINS,
                               "a rather long text that nobody would read on one line of a small window");
  crm_client_filter_set_no_contact_days (f->filter, 30);

  gtk_widget_measure (GTK_WIDGET (box), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, <, 360);
  g_assert_cmpint (natural, >, 900);

  gtk_window_set_default_size (f->window, 360, 300);
  spin_for (200);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, 400);
  g_assert_cmpuint (crm_wrap_box_get_n_lines (box), >=, 4);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/rapport/gui/filter-bar/field-kinds", Fixture, NULL, fixture_set_up, test_kinds, fixture_tear_down);
  g_test_add ("/rapport/gui/filter-bar/segment", Fixture, NULL, fixture_set_up, test_segment, fixture_tear_down);
  g_test_add ("/rapport/gui/filter-bar/wrap", Fixture, NULL, fixture_set_up, test_wrap, fixture_tear_down);

  return g_test_run ();
}
