/* crm-clients-page.c
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-clients-page"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-client-card.h"
#include "crm-client-row.h"
#include "crm-client-summary-pane.h"
#include "crm-clients-page.h"
#include "crm-documents.h"
#include "crm-eml-dialog.h"
#include "crm-filter-bar.h"
#include "crm-format.h"
#include "crm-profile.h"
#include "crm-search-match.h"
#include "crm-window.h"

/* The client list. The view shows the lazy CrmClientList directly: a
 * GtkSortListModel or GtkFilterListModel would fetch every row of the table,
 * so sorting and search are handed to SQL instead (see on_view_sorter_changed_cb). */

typedef struct
{
  CrmClientsPage *self;
  CrmClientSort   column;
} SortProbe;

/* Columns past the sortable ones: shown from the page's rows, never sorted */
#define COLUMN_PHONE   CRM_CLIENT_N_SORTS
#define COLUMN_TAGS    (CRM_CLIENT_N_SORTS + 1)
#define N_LIST_COLUMNS (CRM_CLIENT_N_SORTS + 2)

/* Names in the "client-columns" setting, by CrmClientSort then the extras */
static const char * const column_keys[N_LIST_COLUMNS] = {
  "name", "status", "industry", "region", "city", "manager", "last-contact", "phone", "tags",
};

struct _CrmClientsPage
{
  AdwBin                parent_instance;

  /* Template widgets */
  GtkSearchEntry       *search_entry;
  CrmFilterBar         *filter_bar;
  GtkLabel             *count_label;
  GtkStack             *list_stack;
  GtkColumnView        *column_view;
  GtkSingleSelection   *selection;
  GtkColumnViewColumn  *name_column;
  GtkColumnViewColumn  *status_column;
  GtkColumnViewColumn  *industry_column;
  GtkColumnViewColumn  *region_column;
  GtkColumnViewColumn  *city_column;
  GtkColumnViewColumn  *manager_column;
  GtkColumnViewColumn  *last_contact_column;
  AdwStatusPage        *error_page;
  AdwStatusPage        *no_matches_page;
  CrmClientSummaryPane *summary_pane;
  CrmClientCard        *card;         /* beside summary_pane, in its place when open */

  /* Owned references */
  CrmStore             *store;
  CrmClientList        *list;
  CrmClientFilter      *filter;
  GSettings            *settings;
  GObject              *probe_items[2];

  GtkColumnViewColumn  *columns[CRM_CLIENT_N_SORTS];
  GtkColumnViewColumn  *all_columns[N_LIST_COLUMNS];
  guint                 column_order[N_LIST_COLUMNS];  /* shown ones first */
  GtkWidget            *column_rows[N_LIST_COLUMNS];   /* in the Columns popover */
  GtkWidget            *column_checks[N_LIST_COLUMNS];
  GtkWidget            *columns_box;
  gboolean              applying_columns;
  SortProbe             probes[CRM_CLIENT_N_SORTS];
  char                 *match_query;  /* the search the matches below are for */
  GHashTable           *matches;      /* client id → what it was found by, "" for its name */
  int                   probed_column;
  CrmClientSort         sort;
  gboolean              descending;
};

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (CrmClientsPage, crm_clients_page, ADW_TYPE_BIN)

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_CLIENTS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Cells are plain labels made in C: a GtkBuilderListItemFactory parses its
 * XML again for every cell, which cost 60–90 ms for the first screen. */
static void
on_cell_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
on_cell_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  CrmClientRow *row = gtk_list_item_get_item (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  g_autofree char *formatted = NULL;
  const char *text = NULL;

  switch (GPOINTER_TO_UINT (user_data))
    {
    case CRM_CLIENT_SORT_STATUS:
      text = crm_client_row_get_status (row);
      break;
    case CRM_CLIENT_SORT_INDUSTRY:
      text = crm_client_row_get_industry (row);
      break;
    case CRM_CLIENT_SORT_REGION:
      text = crm_client_row_get_region (row);
      break;
    case CRM_CLIENT_SORT_CITY:
      text = crm_client_row_get_city (row);
      break;
    case CRM_CLIENT_SORT_MANAGER:
      text = crm_client_row_get_manager (row);
      break;
    case CRM_CLIENT_SORT_LAST_CONTACT:
      {
        g_autoptr(GDateTime) now = g_date_time_new_now_local ();

        formatted = crm_format_last_contact (crm_client_row_get_last_contact (row), now);
        text = formatted;
      }
      break;
    case COLUMN_PHONE:
      text = crm_client_row_get_phone (row);
      break;
    case COLUMN_TAGS:
      text = crm_client_row_get_tags (row);
      gtk_widget_set_tooltip_text (GTK_WIDGET (label), text);
      break;
    default:
      g_assert_not_reached ();
    }

  gtk_label_set_label (label, text ? text : "");
}

/* The name column also says what a search found the client by, when that
 * was not its name: "ООО Ромашка   contact: Иванова Анна". Asked of the
 * store for the rows on screen only, and remembered for the search. */
static const char *
crm_clients_page_match_for (CrmClientsPage *self,
                            CrmClientRow   *row)
{
  g_autoptr(CrmSearchMatch) match = NULL;
  g_autoptr(GError) error = NULL;
  const char *query = self->list ? crm_client_list_get_search (self->list) : NULL;
  gint64 id = crm_client_row_get_id (row);
  char *described;

  if (query == NULL || *query == '\0')
    return NULL;

  if (g_strcmp0 (query, self->match_query) != 0)
    {
      g_free (self->match_query);
      self->match_query = g_strdup (query);
      g_hash_table_remove_all (self->matches);
    }

  if ((described = g_hash_table_lookup (self->matches, &id)) != NULL)
    return *described ? described : NULL;

  if (!crm_store_explain_search (self->store, id, query, &match, &error))
    {
      /* only an explanation is missing: the row itself is right */
      g_warning ("Cannot tell what “%s” matched in client %" G_GINT64_FORMAT ": %s", query, id, error->message);
      return NULL;
    }
  described = match != NULL ? crm_search_match_describe (match) : NULL;
  g_hash_table_insert (self->matches, g_memdup2 (&id, sizeof id), described ? described : g_strdup (""));

  return described;
}

static void
on_name_cell_setup_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *item,
                       gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *match = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (match), 0);
  gtk_label_set_ellipsize (GTK_LABEL (match), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (match, TRUE);
  gtk_widget_add_css_class (match, "dim-label");
  gtk_widget_add_css_class (match, "search-match");
  gtk_widget_set_visible (match, FALSE);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), match);
  gtk_list_item_set_child (item, box);
}

static void
on_name_cell_bind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      CrmClientsPage           *self)
{
  CrmClientRow *row = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *match = gtk_widget_get_last_child (box);
  const char *matched = crm_clients_page_match_for (self, row);

  gtk_label_set_label (GTK_LABEL (name), crm_client_row_get_name (row));
  gtk_label_set_label (GTK_LABEL (match), matched ? matched : "");
  gtk_widget_set_visible (match, matched != NULL);
  /* the name keeps its first 24 characters; the explanation gets the rest */
  gtk_label_set_width_chars (GTK_LABEL (name),
                             matched ? (int)MIN (g_utf8_strlen (crm_client_row_get_name (row), -1), 24) : -1);
  /* long names are cut in the column: the whole one is a hover away */
  if (matched != NULL)
    {
      g_autofree char *tooltip = g_strdup_printf ("%s\n%s", crm_client_row_get_name (row), matched);

      gtk_widget_set_tooltip_text (box, tooltip);
    }
  else
    gtk_widget_set_tooltip_text (box, crm_client_row_get_name (row));
}

static void
crm_clients_page_update_state (CrmClientsPage *self)
{
  g_autofree char *count = NULL;
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;
  const GError *error = NULL;
  const char *search = NULL;
  const char *page;
  guint n_items = 0;

  if (self->list != NULL)
    {
      n_items = g_list_model_get_n_items (G_LIST_MODEL (self->list));
      search = crm_client_list_get_search (self->list);
      error = crm_client_list_get_error (self->list);
    }

  count = crm_format_number (n_items);

  if (error != NULL)
    {
      page = "error";
      adw_status_page_set_description (self->error_page, error->message);
    }
  else if (n_items == 0 && search != NULL)
    {
      page = "no-matches";
      adw_status_page_set_description (self->no_matches_page,
                                       _("No client matches the search. Try a part of the name, a city, a phone number or an e-mail address."));
    }
  else if (n_items == 0 && !crm_client_filter_is_empty (self->filter))
    {
      page = "no-matches";
      adw_status_page_set_description (self->no_matches_page,
                                       _("No client matches the filters. Remove a filter to see more clients."));
    }
  else if (n_items == 0)
    page = "empty";
  else
    page = "list";

  /* The empty and error pages say it all */
  if (self->list == NULL || error != NULL || g_str_equal (page, "empty"))
    text = g_strdup ("");
  else if (search == NULL)
    /* Translators: the number of clients in the database, e.g. "1,234 clients" */
    text = g_strdup_printf (ngettext ("%s client", "%s clients", n_items), count);
  else if (crm_client_list_get_truncated (self->list))
    {
      g_autofree char *limit = crm_format_number (CRM_CLIENT_LIST_SEARCH_LIMIT);

      /* Translators: %s is the number of matches listed, e.g. "1,000" */
      text = g_strdup_printf (_("More than %s matches"), limit);
      /* Translators: %s is the number of matches listed, e.g. "1,000" */
      tooltip = g_strdup_printf (_("Only the first %s matches are listed. Keep typing to narrow the search."),
                                 limit);
    }
  else
    /* Translators: the number of clients that match a search, e.g. "12 matches" */
    text = g_strdup_printf (ngettext ("%s match", "%s matches", n_items), count);

  gtk_label_set_label (self->count_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->count_label), tooltip);
  gtk_stack_set_visible_child_name (self->list_stack, page);
}

static void
crm_clients_page_show_summary (CrmClientsPage *self,
                               CrmClientRow   *row)
{
  g_autoptr(CrmClientSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (row == NULL || self->store == NULL || (id = crm_client_row_get_id (row)) == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->summary_pane), FALSE);
      return;
    }

  /* A hidden pane may hold an older copy of the client */
  if (!gtk_widget_get_visible (GTK_WIDGET (self->summary_pane)) ||
      crm_client_summary_pane_get_id (self->summary_pane) != id)
    {
      if ((summary = crm_store_load_client_summary (self->store, id, &error)))
        crm_client_summary_pane_set_summary (self->summary_pane, summary);
      else
        crm_client_summary_pane_set_error (self->summary_pane, error);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->summary_pane), TRUE);
}

static void
on_selection_selected_item_cb (CrmClientsPage     *self,
                               GParamSpec         *pspec,
                               GtkSingleSelection *selection)
{
  crm_clients_page_show_summary (self, gtk_single_selection_get_selected_item (selection));
}

/* The card and the summary share the side of the list: one at a time */
static void
on_detail_visible_cb (CrmClientsPage *self,
                      GParamSpec     *pspec,
                      GtkWidget      *widget)
{
  GtkWidget *pane = GTK_WIDGET (self->summary_pane);
  GtkWidget *card = GTK_WIDGET (self->card);

  if (widget == pane && gtk_widget_get_visible (pane))
    gtk_widget_set_visible (card, FALSE);
  gtk_widget_set_visible (gtk_widget_get_parent (pane),
                          gtk_widget_get_visible (pane) || gtk_widget_get_visible (card));
}

static void
on_card_closed_cb (CrmClientsPage *self,
                   CrmClientCard  *card)
{
  gtk_widget_set_visible (GTK_WIDGET (card), FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

/* The view keeps its anchor on the row that had the focus, so moving the
 * adjustment is undone at the next layout; the list's own action moves the
 * anchor, showing the row with as little scrolling as it takes. It lives on
 * the GtkListView inside the column view. */
static void
crm_clients_page_scroll_to (CrmClientsPage *self,
                            guint           position)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_VIEW (child))
        {
          if (position < g_list_model_get_n_items (G_LIST_MODEL (self->selection)))
            gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
          return;
        }
    }
}

/* A new search or order is a new list: start at its top, not where the
 * old one was scrolled to. */
static void
crm_clients_page_scroll_to_top (CrmClientsPage *self)
{
  crm_clients_page_scroll_to (self, 0);
}

/* The clients again from the database, the view scrolled where the user
 * was: the list tells its views "all out, all in" (see
 * _crm_list_model_reset()), which takes them back to the top. The first
 * row on screen is estimated from the scrollbar (the view's rows are of one
 * height) and scrolled to: the view, at its top after the change, brings
 * it to the top of the screen again. */
static void
reload_in_place (CrmClientsPage *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  guint first = 0;

  if (adjustment != NULL && n_items > 0 && gtk_adjustment_get_upper (adjustment) > 0)
    first = (guint)(gtk_adjustment_get_value (adjustment) / (gtk_adjustment_get_upper (adjustment) / n_items) + 0.5);

  crm_client_list_reload (self->list);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  if (first > 0 && n_items > 0)
    crm_clients_page_scroll_to (self, MIN (first, n_items - 1));
}

static void
on_card_saved_cb (CrmClientsPage *self,
                  CrmClientCard  *card)
{
  if (self->list != NULL)
    reload_in_place (self);
  g_signal_emit (self, signals[SIGNAL_CLIENTS_CHANGED], 0);
}

static void
crm_clients_page_open_card (CrmClientsPage *self,
                            CrmClientRow   *row)
{
  if (row == NULL || self->store == NULL || crm_client_row_get_id (row) == 0)
    return;
  crm_client_card_set_client (self->card, self->store, crm_client_row_get_id (row));
  gtk_widget_set_visible (GTK_WIDGET (self->card), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_pane), FALSE);
}

static void
on_column_view_activate_cb (CrmClientsPage *self,
                            guint           position,
                            GtkColumnView  *column_view)
{
  g_autoptr(CrmClientRow) row = NULL;

  if (self->list == NULL)
    return;

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  row = g_list_model_get_item (G_LIST_MODEL (self->list), position);
  crm_clients_page_show_summary (self, row);
  crm_clients_page_open_card (self, row);
}

static void
on_summary_pane_closed_cb (CrmClientsPage       *self,
                           CrmClientSummaryPane *pane)
{
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  gtk_widget_set_visible (GTK_WIDGET (self->summary_pane), FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
on_search_entry_search_changed_cb (CrmClientsPage *self,
                                   GtkSearchEntry *entry)
{
  if (self->list == NULL)
    return;

  crm_client_list_set_search (self->list, gtk_editable_get_text (GTK_EDITABLE (entry)));
  crm_clients_page_scroll_to_top (self);
  crm_clients_page_update_state (self);
}

static void
on_search_entry_stop_search_cb (CrmClientsPage *self,
                                GtkSearchEntry *entry)
{
  if (gtk_editable_get_text (GTK_EDITABLE (entry))[0] != '\0')
    gtk_editable_set_text (GTK_EDITABLE (entry), "");
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
on_search_entry_activate_cb (CrmClientsPage *self,
                             GtkSearchEntry *entry)
{
  /* Enter in the search entry opens the first match */
  if (self->list != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->list)) > 0)
    {
      on_column_view_activate_cb (self, 0, self->column_view);
      gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
    }
}

static void
on_filter_changed_cb (CrmClientsPage  *self,
                      CrmClientFilter *filter)
{
  crm_clients_page_scroll_to_top (self);
  crm_clients_page_update_state (self);
}

static void
on_list_items_changed_cb (CrmClientsPage *self,
                          guint           position,
                          guint           removed,
                          guint           added,
                          GListModel     *list)
{
  /* a reloaded list may hold changed clients: ask again what matched */
  g_hash_table_remove_all (self->matches);
  crm_clients_page_update_state (self);
}

static int
probe_compare_cb (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  SortProbe *probe = user_data;

  probe->self->probed_column = probe->column;

  return GTK_ORDERING_SMALLER;
}

static void
on_view_sorter_changed_cb (CrmClientsPage   *self,
                           GtkSorterChange   change,
                           GtkSorter        *view_sorter)
{
  CrmClientSort sort = CRM_CLIENT_SORT_NAME;
  gboolean descending = FALSE;
  GtkOrdering order;

  /* GtkColumnViewSorter has no getters on GTK 4.8. Comparing two items asks
   * the primary column's sorter first; its sorter records which column it
   * is and answers "smaller", which the view sorter inverts when the column
   * is sorted in descending order. */
  self->probed_column = -1;
  order = gtk_sorter_compare (view_sorter, self->probe_items[0], self->probe_items[1]);

  if (order != GTK_ORDERING_EQUAL && self->probed_column >= 0)
    {
      sort = self->probed_column;
      descending = order == GTK_ORDERING_LARGER;
    }

  self->sort = sort;
  self->descending = descending;

  if (g_settings_get_enum (self->settings, "client-sort-column") != (int)sort)
    g_settings_set_enum (self->settings, "client-sort-column", sort);
  if (g_settings_get_boolean (self->settings, "client-sort-descending") != descending)
    g_settings_set_boolean (self->settings, "client-sort-descending", descending);

  if (self->list != NULL)
    {
      crm_client_list_set_sort (self->list, sort, descending);
      crm_clients_page_scroll_to_top (self);
      crm_clients_page_update_state (self);
    }
}

/* Deleting a client */

static void
on_delete_dialog_response_cb (AdwMessageDialog *dialog,
                              const char       *response,
                              CrmClientsPage   *self)
{
  gint64 id = *(gint64 *)g_object_get_data (G_OBJECT (dialog), "client-id");
  const char *name = g_object_get_data (G_OBJECT (dialog), "client-name");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (!g_str_equal (response, "delete") || self->store == NULL)
    return;

  if (crm_store_delete_company (self->store, id, &error))
    {
      if (gtk_widget_get_visible (GTK_WIDGET (self->card)))
        gtk_widget_set_visible (GTK_WIDGET (self->card), FALSE);
      crm_clients_page_reload (self);
      g_signal_emit (self, signals[SIGNAL_CLIENTS_CHANGED], 0);
      /* Translators: a toast; %s is the name of the client just deleted */
      title = g_strdup_printf (_("Client “%s” deleted"), name);
    }

  if (CRM_IS_WINDOW (root))
    {
      AdwToast *toast = adw_toast_new (title != NULL ? title : error->message);

      adw_toast_set_timeout (toast, title != NULL ? 3 : 5);
      crm_window_add_toast (CRM_WINDOW (root), toast);
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
crm_clients_page_delete_selected (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  CrmClientsPage *self = CRM_CLIENTS_PAGE (widget);
  CrmClientRow *row = gtk_single_selection_get_selected_item (self->selection);
  g_autoptr(CrmClientSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *heading = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  AdwMessageDialog *dialog;
  gint64 *stored;
  guint n;

  if (row == NULL || self->store == NULL || crm_client_row_get_id (row) == 0)
    return;

  /* Translators: the heading of a question; %s is a client's name */
  heading = g_strdup_printf (_("Delete Client “%s”?"), crm_client_row_get_name (row));
  if ((summary = crm_store_load_client_summary (self->store, crm_client_row_get_id (row), &error)))
    {
      g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GString) list = g_string_new (NULL);

      /* only what there is: "0 documents" says nothing */
      if ((n = summary->contacts->len) > 0)
        g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u contact person", "%u contact persons", n), n));
      if ((n = summary->phones->len) > 0)
        g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u phone number", "%u phone numbers", n), n));
      if ((n = summary->emails->len) > 0)
        g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u e-mail address", "%u e-mail addresses", n), n));
      /* the summary holds the ten newest history entries only */
      if ((n = summary->history->len) >= 10)
        g_ptr_array_add (parts, g_strdup (_("10 or more history entries")));
      else if (n > 0)
        g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u history entry", "%u history entries", n), n));
      if ((n = (guint)MAX (0, crm_store_count_documents (self->store, crm_client_row_get_id (row), NULL))) > 0)
        g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u document", "%u documents", n), n));

      for (guint i = 0; i < parts->len; i++)
        {
          if (i > 0)
            /* Translators: between the items of a list, and before its last ("a, b and c") */
            g_string_append (list, i + 1 < parts->len ? _(", ") : _(" and "));
          g_string_append (list, g_ptr_array_index (parts, i));
        }

      if (parts->len > 0)
        /* Translators: the body of "Delete Client “%s”?"; %s is a list such as
         * "2 contact persons, 3 phone numbers and 4 documents" */
        body = g_strdup_printf (_("Deleted with it: %s. This cannot be undone."), list->str);
      else
        body = g_strdup (_("This cannot be undone."));
    }
  else
    /* Translators: %s says why the client could not be read */
    body = g_strdup_printf (_("%s This cannot be undone."), error->message);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       heading, body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  stored = g_new (gint64, 1);
  *stored = crm_client_row_get_id (row);
  g_object_set_data_full (G_OBJECT (dialog), "client-id", stored, g_free);
  g_object_set_data_full (G_OBJECT (dialog), "client-name",
                          g_strdup (crm_client_row_get_name (row)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* An e-mail (.eml) dropped on the list: the dialog offers the clients it concerns */
static gboolean
on_eml_dropped_cb (CrmClientsPage *self,
                   const GValue   *value)
{
  CrmEmlDialog *dialog;

  if (self->store == NULL || !(dialog = crm_eml_dialog_new_for_drop (GTK_WIDGET (self), self->store, value)))
    return FALSE;
  g_signal_connect_object (dialog, "logged", G_CALLBACK (crm_clients_page_reload), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static int
column_from_key (const char *key)
{
  for (guint i = 0; i < N_LIST_COLUMNS; i++)
    if (g_str_equal (column_keys[i], key))
      return i;
  return -1;
}

/* Shows the columns of the "client-columns" setting in its order; the
 * others are hidden but stay in the view, so their cells keep their factory. */
static void
apply_columns (CrmClientsPage *self)
{
  g_auto(GStrv) keys = g_settings_get_strv (self->settings, "client-columns");
  gboolean shown[N_LIST_COLUMNS] = { FALSE, };
  GListModel *view_columns = gtk_column_view_get_columns (self->column_view);
  guint n_shown = 0;

  for (guint i = 0; keys[i] != NULL; i++)
    {
      int c = column_from_key (keys[i]);

      if (c >= 0 && !shown[c])
        {
          shown[c] = TRUE;
          self->column_order[n_shown++] = c;
        }
    }

  if (n_shown == 0)
    {
      /* an empty list of columns would leave nothing to click */
      shown[CRM_CLIENT_SORT_NAME] = TRUE;
      self->column_order[n_shown++] = CRM_CLIENT_SORT_NAME;
    }

  for (guint c = 0, n = n_shown; c < N_LIST_COLUMNS; c++)
    if (!shown[c])
      self->column_order[n++] = c;

  for (guint i = 0; i < N_LIST_COLUMNS; i++)
    {
      GtkColumnViewColumn *column = self->all_columns[self->column_order[i]];
      g_autoptr(GtkColumnViewColumn) current = g_list_model_get_item (view_columns, i);

      if (current != column)
        gtk_column_view_insert_column (self->column_view, i, column);
    }

  for (guint c = 0; c < N_LIST_COLUMNS; c++)
    gtk_column_view_column_set_visible (self->all_columns[c], shown[c]);

  /* the popover's rows follow: same order, checked when shown */
  if (self->columns_box != NULL)
    {
      GtkWidget *previous = NULL;

      self->applying_columns = TRUE;

      for (guint i = 0; i < N_LIST_COLUMNS; i++)
        {
          guint c = self->column_order[i];

          GtkWidget *up = gtk_widget_get_next_sibling (self->column_checks[c]);
          GtkWidget *down = gtk_widget_get_next_sibling (up);

          gtk_box_reorder_child_after (GTK_BOX (self->columns_box), self->column_rows[c], previous);
          previous = self->column_rows[c];
          /* the first cannot go up, the last not down */
          gtk_widget_set_sensitive (up, i > 0);
          gtk_widget_set_sensitive (down, i + 1 < N_LIST_COLUMNS);
          if (gtk_check_button_get_active (GTK_CHECK_BUTTON (self->column_checks[c])) != shown[c])
            gtk_check_button_set_active (GTK_CHECK_BUTTON (self->column_checks[c]), shown[c]);
          g_object_set_data (G_OBJECT (self->column_rows[c]), "crm-position", GUINT_TO_POINTER (i));
        }
      self->applying_columns = FALSE;
    }
}

/* Stores the columns checked in the popover, in the order it shows them */
static void
save_columns (CrmClientsPage *self,
              const guint    *order)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) keys = NULL;

  for (guint i = 0; i < N_LIST_COLUMNS; i++)
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (self->column_checks[order[i]])))
      g_strv_builder_add (builder, column_keys[order[i]]);

  keys = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "client-columns", (const char * const *)keys);
}

static void
on_column_check_toggled_cb (GtkCheckButton *check,
                            CrmClientsPage *self)
{
  if (!self->applying_columns)
    save_columns (self, self->column_order);
}

static void
move_column (CrmClientsPage *self,
             GtkWidget      *button,
             int             delta)
{
  GtkWidget *row = gtk_widget_get_parent (button);
  int position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "crm-position"));
  int target = position + delta;
  guint order[N_LIST_COLUMNS];
  guint moved;

  if (target < 0 || target >= N_LIST_COLUMNS)
    return;

  memcpy (order, self->column_order, sizeof order);
  moved = order[position];
  order[position] = order[target];
  order[target] = moved;
  /* a column moved among hidden ones is shown, or the move would be lost */
  self->applying_columns = TRUE;
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->column_checks[moved]), TRUE);
  self->applying_columns = FALSE;
  save_columns (self, order);
}

static void
on_column_up_clicked_cb (GtkButton      *button,
                         CrmClientsPage *self)
{
  move_column (self, GTK_WIDGET (button), -1);
}

static void
on_column_down_clicked_cb (GtkButton      *button,
                           CrmClientsPage *self)
{
  move_column (self, GTK_WIDGET (button), 1);
}

/* The "Columns" menu button beside the count: a check button per column
 * and buttons to move it up or down */
static void
add_columns_button (CrmClientsPage *self)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();

  self->columns_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_margin_top (self->columns_box, 6);
  gtk_widget_set_margin_bottom (self->columns_box, 6);
  gtk_widget_set_margin_start (self->columns_box, 6);
  gtk_widget_set_margin_end (self->columns_box, 6);

  for (guint c = 0; c < N_LIST_COLUMNS; c++)
    {
      const char *title = gtk_column_view_column_get_title (self->all_columns[c]);
      g_autofree char *up_name = g_strdup_printf (_("Move “%s” Up"), title);
      g_autofree char *down_name = g_strdup_printf (_("Move “%s” Down"), title);
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *check = gtk_check_button_new_with_label (title);
      GtkWidget *up = gtk_button_new_from_icon_name ("go-up-symbolic");
      GtkWidget *down = gtk_button_new_from_icon_name ("go-down-symbolic");

      gtk_widget_set_hexpand (check, TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
      gtk_widget_set_tooltip_text (up, up_name);
      gtk_widget_set_tooltip_text (down, down_name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (up), GTK_ACCESSIBLE_PROPERTY_LABEL, up_name, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (down), GTK_ACCESSIBLE_PROPERTY_LABEL, down_name, -1);
      gtk_widget_add_css_class (up, "flat");
      gtk_widget_add_css_class (down, "flat");
      gtk_widget_set_name (check, column_keys[c]);
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_column_check_toggled_cb), self, 0);
      g_signal_connect_object (up, "clicked", G_CALLBACK (on_column_up_clicked_cb), self, 0);
      g_signal_connect_object (down, "clicked", G_CALLBACK (on_column_down_clicked_cb), self, 0);
      gtk_box_append (GTK_BOX (row), check);
      gtk_box_append (GTK_BOX (row), up);
      gtk_box_append (GTK_BOX (row), down);
      gtk_box_append (GTK_BOX (self->columns_box), row);
      self->column_rows[c] = row;
      self->column_checks[c] = check;
    }

  gtk_popover_set_child (GTK_POPOVER (popover), self->columns_box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-horizontal-symbolic");
  gtk_widget_set_tooltip_text (button, _("Columns"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Columns"), -1);
  gtk_widget_set_valign (button, GTK_ALIGN_START);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_name (button, "columns_button");
  gtk_widget_insert_after (button, gtk_widget_get_parent (GTK_WIDGET (self->count_label)),
                           GTK_WIDGET (self->count_label));
}

static void
crm_clients_page_dispose (GObject *object)
{
  CrmClientsPage *self = (CrmClientsPage *)object;

  if (self->column_view != NULL)
    g_signal_handlers_disconnect_by_func (gtk_column_view_get_sorter (self->column_view),
                                          on_view_sorter_changed_cb, self);
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_func (self->list, on_list_items_changed_cb, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_CLIENTS_PAGE);

  g_clear_object (&self->list);
  g_clear_object (&self->filter);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->probe_items[0]);
  g_clear_object (&self->probe_items[1]);
  g_clear_pointer (&self->match_query, g_free);
  g_clear_pointer (&self->matches, g_hash_table_unref);

  G_OBJECT_CLASS (crm_clients_page_parent_class)->dispose (object);
}

static void
crm_clients_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CrmClientsPage *self = CRM_CLIENTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_clients_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CrmClientsPage *self = CRM_CLIENTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      crm_clients_page_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_clients_page_class_init (CrmClientsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_clients_page_dispose;
  object_class->get_property = crm_clients_page_get_property;
  object_class->set_property = crm_clients_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CRM_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CrmClientsPage::clients-changed:
   *
   * A client was edited on the card or deleted: counts shown elsewhere (the
   * segments in the sidebar) may have changed.
   */
  signals[SIGNAL_CLIENTS_CHANGED] =
    g_signal_new ("clients-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/clients/crm-clients-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmClientsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmClientsPage, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, CrmClientsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, CrmClientsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CrmClientsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, CrmClientsPage, selection);
  gtk_widget_class_bind_template_child (widget_class, CrmClientsPage, name_column);
  gtk_widget_class_bind_template_child (widget_class, CrmClientsPage, status_column);
  gtk_widget_class_bind_template_child (widget_class, CrmClientsPage, industry_column);
  gtk_widget_class_bind_template_child (widget_class, CrmClientsPage, region_column);
  gtk_widget_class_bind_template_child (widget_class, CrmClientsPage, city_column);
  gtk_widget_class_bind_template_child (widget_class, CrmClientsPage, manager_column);
  gtk_widget_class_bind_template_child (widget_class, CrmClientsPage, last_contact_column);
  gtk_widget_class_bind_template_child (widget_class, CrmClientsPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, CrmClientsPage, no_matches_page);
  gtk_widget_class_bind_template_child (widget_class, CrmClientsPage, summary_pane);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_selection_selected_item_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_summary_pane_closed_cb);

  gtk_widget_class_install_action (widget_class, "clients.delete", NULL,
                                   crm_clients_page_delete_selected);

  g_type_ensure (CRM_TYPE_CLIENT_ROW);
  g_type_ensure (CRM_TYPE_CLIENT_SUMMARY_PANE);
  g_type_ensure (CRM_TYPE_FILTER_BAR);
}

static void
crm_clients_page_init (CrmClientsPage *self)
{
  GtkSorter *view_sorter;
  CrmClientSort sort;
  gboolean descending;

  gtk_widget_init_template (GTK_WIDGET (self));

  {
    GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

    g_signal_connect_object (target, "drop", G_CALLBACK (on_eml_dropped_cb), self, G_CONNECT_SWAPPED);
    gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (target));
  }

  {
    /* The client card goes where the summary is: both in one box at the paned's end */
    GtkWidget *pane = GTK_WIDGET (self->summary_pane);
    GtkPaned *paned = GTK_PANED (gtk_widget_get_parent (pane));
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

    g_object_ref (pane);
    gtk_paned_set_end_child (paned, box);
    gtk_box_append (GTK_BOX (box), pane);
    g_object_unref (pane);
    self->card = CRM_CLIENT_CARD (crm_client_card_new ());
    gtk_widget_set_hexpand (GTK_WIDGET (self->card), TRUE);
    /* room for a phone number beside its label and buttons ("+7 (4822) 65-26-7" was cut) */
    gtk_widget_set_size_request (GTK_WIDGET (self->card), 400, -1);
    gtk_widget_set_visible (GTK_WIDGET (self->card), FALSE);
    gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->card));
    g_signal_connect_object (pane, "notify::visible", G_CALLBACK (on_detail_visible_cb), self, G_CONNECT_SWAPPED);
    g_signal_connect_object (self->card, "notify::visible", G_CALLBACK (on_detail_visible_cb), self, G_CONNECT_SWAPPED);
    g_signal_connect_object (self->card, "closed", G_CALLBACK (on_card_closed_cb), self, G_CONNECT_SWAPPED);
    g_signal_connect_object (self->card, "saved", G_CALLBACK (on_card_saved_cb), self, G_CONNECT_SWAPPED);
    gtk_widget_set_visible (box, gtk_widget_get_visible (pane));
  }

  self->filter = crm_client_filter_new ();
  crm_filter_bar_set_filter (self->filter_bar, self->filter);
  /* after the list's own handler, which reloads it */
  g_signal_connect_object (self->filter, "changed", G_CALLBACK (on_filter_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  self->settings = g_settings_new (APP_ID);
  self->matches = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->probe_items[0] = g_object_new (G_TYPE_OBJECT, NULL);
  self->probe_items[1] = g_object_new (G_TYPE_OBJECT, NULL);

  self->columns[CRM_CLIENT_SORT_NAME] = self->name_column;
  self->columns[CRM_CLIENT_SORT_STATUS] = self->status_column;
  self->columns[CRM_CLIENT_SORT_INDUSTRY] = self->industry_column;
  self->columns[CRM_CLIENT_SORT_REGION] = self->region_column;
  self->columns[CRM_CLIENT_SORT_CITY] = self->city_column;
  self->columns[CRM_CLIENT_SORT_MANAGER] = self->manager_column;
  self->columns[CRM_CLIENT_SORT_LAST_CONTACT] = self->last_contact_column;

  for (guint i = 0; i < CRM_CLIENT_N_SORTS; i++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

      if (i == CRM_CLIENT_SORT_NAME)
        {
          g_signal_connect (factory, "setup", G_CALLBACK (on_name_cell_setup_cb), NULL);
          g_signal_connect (factory, "bind", G_CALLBACK (on_name_cell_bind_cb), self);
        }
      else
        {
          g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup_cb), NULL);
          g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind_cb), GUINT_TO_POINTER (i));
        }
      gtk_column_view_column_set_factory (self->columns[i], factory);
    }

  for (guint i = 0; i < CRM_CLIENT_N_SORTS; i++)
    {
      g_autoptr(GtkCustomSorter) sorter = NULL;

      self->probes[i].self = self;
      self->probes[i].column = i;
      sorter = gtk_custom_sorter_new (probe_compare_cb, &self->probes[i], NULL);
      gtk_column_view_column_set_sorter (self->columns[i], GTK_SORTER (sorter));
    }

  {
    const char *titles[] = { N_("Phone"), N_("Tags") };

    for (guint c = 0; c < N_LIST_COLUMNS; c++)
      {
        if (c < CRM_CLIENT_N_SORTS)
          {
            self->all_columns[c] = self->columns[c];
            continue;
          }
        else
          {
            g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

            g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup_cb), NULL);
            g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind_cb), GUINT_TO_POINTER (c));
            self->all_columns[c] = gtk_column_view_column_new (_(titles[c - CRM_CLIENT_N_SORTS]),
                                                               g_steal_pointer (&factory));
            gtk_column_view_column_set_resizable (self->all_columns[c], TRUE);
            /* room for "+7 (495) 123-45-67" and a few tags */
            gtk_column_view_column_set_fixed_width (self->all_columns[c], c == COLUMN_PHONE ? 170 : 180);
            gtk_column_view_column_set_visible (self->all_columns[c], FALSE);
            gtk_column_view_append_column (self->column_view, self->all_columns[c]);
            g_object_unref (self->all_columns[c]);  /* the view holds it */
          }
      }
    add_columns_button (self);
    apply_columns (self);
    g_signal_connect_object (self->settings, "changed::client-columns",
                             G_CALLBACK (apply_columns), self, G_CONNECT_SWAPPED);
  }

  view_sorter = gtk_column_view_get_sorter (self->column_view);
  g_signal_connect_object (view_sorter, "changed",
                           G_CALLBACK (on_view_sorter_changed_cb), self, G_CONNECT_SWAPPED);

  sort = g_settings_get_enum (self->settings, "client-sort-column");
  descending = g_settings_get_boolean (self->settings, "client-sort-descending");
  if (sort >= CRM_CLIENT_N_SORTS)
    sort = CRM_CLIENT_SORT_NAME;
  gtk_column_view_sort_by_column (self->column_view, self->columns[sort],
                                  descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));

  {
    /* Delete on the list only: in the search entry the key edits the text */
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();

    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                                                                         gtk_keyval_trigger_new (GDK_KEY_KP_Delete, 0)),
                                                            gtk_named_action_new ("clients.delete")));
    gtk_widget_add_controller (GTK_WIDGET (self->column_view), shortcuts);
  }

  crm_clients_page_update_state (self);
}

GtkWidget *
crm_clients_page_new (void)
{
  return g_object_new (CRM_TYPE_CLIENTS_PAGE, NULL);
}

CrmStore *
crm_clients_page_get_store (CrmClientsPage *self)
{
  g_return_val_if_fail (CRM_IS_CLIENTS_PAGE (self), NULL);

  return self->store;
}

/**
 * crm_clients_page_set_store:
 * @store: (nullable): the database to list the clients of
 */
static gboolean
first_frame_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  crm_profile_mark ("first frame of the client list");
  return G_SOURCE_REMOVE;
}

void
crm_clients_page_set_store (CrmClientsPage *self,
                            CrmStore       *store)
{
  g_return_if_fail (CRM_IS_CLIENTS_PAGE (self));
  g_return_if_fail (!store || CRM_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  if (self->list != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->list, on_list_items_changed_cb, self);
      gtk_single_selection_set_model (self->selection, NULL);
      g_clear_object (&self->list);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->card), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_pane), FALSE);
  /* the ids of one database's values mean nothing in another */
  crm_client_filter_clear (self->filter);
  crm_filter_bar_set_store (self->filter_bar, store);

  if (store != NULL)
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

      self->list = crm_client_list_new_sorted (store, self->sort, self->descending);
      crm_client_list_set_search (self->list, text);
      crm_client_list_set_filter (self->list, self->filter);
      g_signal_connect_object (self->list, "items-changed",
                               G_CALLBACK (on_list_items_changed_cb), self, G_CONNECT_SWAPPED);
      gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->list));
      crm_profile_mark ("client list counted");
      if (crm_profile_enabled ())
        gtk_widget_add_tick_callback (GTK_WIDGET (self->column_view), first_frame_cb, NULL, NULL);
    }

  crm_clients_page_update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/**
 * crm_clients_page_show_client:
 * @client_id: a client, e.g. one just created or picked in the duplicate guard
 *
 * Shows the client's summary beside the list, and its row selected and
 * scrolled to when the list holds it.
 */
void
crm_clients_page_show_client (CrmClientsPage *self,
                              gint64          client_id)
{
  g_autoptr(CrmClientSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  guint position;

  g_return_if_fail (CRM_IS_CLIENTS_PAGE (self));

  if (self->store == NULL)
    return;

  /* the client's row, when the list holds it: selected (which shows its
   * summary) and scrolled to */
  if (self->list != NULL && crm_client_list_find (self->list, client_id, &position))
    {
      gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
      crm_clients_page_scroll_to (self, position);
      /* (selected already: no notification) */
      crm_clients_page_show_summary (self, gtk_single_selection_get_selected_item (self->selection));
      return;
    }

  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  if ((summary = crm_store_load_client_summary (self->store, client_id, &error)))
    crm_client_summary_pane_set_summary (self->summary_pane, summary);
  else
    crm_client_summary_pane_set_error (self->summary_pane, error);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_pane), TRUE);
}

/**
 * crm_clients_page_get_list:
 *
 * Returns: (transfer none) (nullable): the list the view shows
 */
CrmClientList *
crm_clients_page_get_list (CrmClientsPage *self)
{
  g_return_val_if_fail (CRM_IS_CLIENTS_PAGE (self), NULL);

  return self->list;
}

/**
 * crm_clients_page_reload:
 *
 * Lists the clients again, after the database changed behind the list.
 */
void
crm_clients_page_reload (CrmClientsPage *self)
{
  g_return_if_fail (CRM_IS_CLIENTS_PAGE (self));

  if (self->list == NULL)
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->summary_pane), FALSE);
  reload_in_place (self);
  crm_clients_page_update_state (self);

  /* an open card shows what changed too: a user-defined field added in
   * Preferences, a renamed status */
  if (gtk_widget_get_visible (GTK_WIDGET (self->card)) && crm_client_card_get_id (self->card) > 0)
    crm_client_card_set_client (self->card, self->store, crm_client_card_get_id (self->card));
}

void
crm_clients_page_focus_search (CrmClientsPage *self)
{
  g_return_if_fail (CRM_IS_CLIENTS_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

/**
 * crm_clients_page_set_filter:
 * @filter: (nullable): conditions to list the clients by, e.g. a segment's;
 *   %NULL lists every client
 *
 * Replaces the conditions of the page's filter with those of @filter (a
 * copy: the bar's later edits do not change @filter). The bar offers to
 * save them as a segment only once they differ from @filter.
 */
void
crm_clients_page_set_filter (CrmClientsPage  *self,
                             CrmClientFilter *filter)
{
  g_autoptr(CrmClientFilter) copy = NULL;

  g_return_if_fail (CRM_IS_CLIENTS_PAGE (self));
  g_return_if_fail (!filter || CRM_IS_CLIENT_FILTER (filter));

  /* what the page is given is what a segment keeps: no Save as Segment for it */
  crm_filter_bar_set_saved_filter (self->filter_bar, filter);
  if (filter != NULL && crm_client_filter_equal (filter, self->filter))
    return;

  copy = filter != NULL ? crm_client_filter_copy (filter) : crm_client_filter_new ();

  /* One new object rather than a condition at a time: the list reloads once */
  g_signal_handlers_disconnect_by_func (self->filter, on_filter_changed_cb, self);
  g_set_object (&self->filter, copy);
  g_signal_connect_object (self->filter, "changed", G_CALLBACK (on_filter_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  crm_filter_bar_set_filter (self->filter_bar, self->filter);
  if (self->list != NULL)
    crm_client_list_set_filter (self->list, self->filter);

  gtk_widget_set_visible (GTK_WIDGET (self->summary_pane), FALSE);
  crm_clients_page_scroll_to_top (self);
  crm_clients_page_update_state (self);
}

/**
 * crm_clients_page_get_filter:
 *
 * Returns: (transfer none): the filter the list and the bar share
 */
CrmClientFilter *
crm_clients_page_get_filter (CrmClientsPage *self)
{
  g_return_val_if_fail (CRM_IS_CLIENTS_PAGE (self), NULL);

  return self->filter;
}

/**
 * crm_clients_page_get_filter_bar:
 *
 * Returns: (transfer none): the bar above the list
 */
CrmFilterBar *
crm_clients_page_get_filter_bar (CrmClientsPage *self)
{
  g_return_val_if_fail (CRM_IS_CLIENTS_PAGE (self), NULL);

  return self->filter_bar;
}
