/* crm-timeline-view.c: a client's history timeline on the card
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list is a CrmHistoryList: one count, then pages fetched as the view
 * scrolls. Filters make a CrmHistoryQuery and count again; nothing is loaded
 * beyond what is on screen.
 */

#define G_LOG_DOMAIN "crm-timeline"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-client-edit.h"
#include "crm-format.h"
#include "crm-history-list.h"
#include "crm-timeline-row.h"
#include "crm-timeline-view.h"
#include "crm-wrap-box.h"
#include "crm-users.h"

typedef enum
{
  PERIOD_ALL,
  PERIOD_30_DAYS,
  PERIOD_THIS_YEAR,
  PERIOD_CUSTOM,
} Period;

struct _CrmTimelineView
{
  AdwBin            parent_instance;

  /* template */
  AdwToastOverlay  *toast_overlay;
  GtkSearchEntry   *search_entry;
  GtkMenuButton    *kinds_button;
  GtkBox           *kinds_box;
  GtkDropDown      *user_drop;
  GtkDropDown      *contact_drop;
  GtkDropDown      *period_drop;
  GtkWidget        *custom_box;
  GtkEntry         *from_entry;
  GtkEntry         *to_entry;
  GtkLabel         *count_label;
  GtkStack         *list_stack;
  GtkListView      *list_view;
  AdwStatusPage    *empty_page;

  CrmStore         *store;
  gint64            company_id;
  CrmHistoryList   *list;
  GHashTable       *expanded;      /* gint64* of the expanded entries */
  GPtrArray        *kind_checks;   /* GtkCheckButton*, with "kind" data */
  GArray           *user_ids;      /* gint64 per position of user_drop; 0: anyone */
  GArray           *contact_ids;   /* gint64 per position of contact_drop; 0: any */
  GPtrArray        *contacts;      /* CrmContactRecord*, for the quick entry */
  GDateTime        *now;           /* of the last reload, for "Today" */
  gboolean          filling;

  CrmHistoryEntry  *undo_entry;    /* the last deleted, for the toast's Undo */
};

G_DEFINE_FINAL_TYPE (CrmTimelineView, crm_timeline_view, ADW_TYPE_BIN)

enum
{
  SIGNAL_CHANGED,
  SIGNAL_ATTACH_FILES,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
entry_editable (CrmTimelineView       *self,
                const CrmHistoryEntry *entry)
{
  const CrmHistoryKind *kind = crm_history_kind_lookup (entry->kind);

  return self->store != NULL && entry->id > 0 && entry->user_id > 0 &&
         entry->user_id == crm_store_get_current_user_id (self->store) &&
         kind != NULL && (kind->flags & CRM_HISTORY_KIND_LOGGED) && !(kind->flags & CRM_HISTORY_KIND_SYSTEM);
}

static void
show_toast (CrmTimelineView *self,
            const char      *title,
            const char      *undo_action)
{
  AdwToast *toast = adw_toast_new (title);

  if (undo_action != NULL)
    {
      adw_toast_set_button_label (toast, _("Undo"));
      adw_toast_set_action_name (toast, undo_action);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
update_count (CrmTimelineView *self)
{
  guint n = self->list ? g_list_model_get_n_items (G_LIST_MODEL (self->list)) : 0;
  g_autofree char *number = crm_format_number (n);
  g_autofree char *text = g_strdup_printf (ngettext ("%s entry", "%s entries", n), number);
  const GError *error = self->list ? crm_history_list_get_error (self->list) : NULL;

  gtk_label_set_label (self->count_label, text);
  if (error != NULL)
    {
      adw_status_page_set_title (self->empty_page, _("Cannot Read the Timeline"));
      adw_status_page_set_description (self->empty_page, error->message);
    }
  else if (n == 0)
    {
      gboolean filtered = self->list != NULL && crm_history_list_get_company_id (self->list) > 0 &&
                          self->company_id > 0 &&
                          crm_store_count_history (self->store, self->company_id, NULL, NULL) > 0;

      adw_status_page_set_title (self->empty_page, filtered ? _("No Matching Entries") : _("No Entries Yet"));
      adw_status_page_set_description (self->empty_page,
                                       filtered ? _("Change the filters to see more of the timeline.")
                                                : _("Press Ctrl+L to log a call, Ctrl+M a meeting or Ctrl+J a note."));
    }
  gtk_stack_set_visible_child_name (self->list_stack, n > 0 && error == NULL ? "list" : "empty");
}

/* "YYYY-MM-DD" as the start of that local day; 0 if it is not a date */
static gint64
parse_day (const char *text)
{
  g_autoptr(GDateTime) day = NULL;
  int y, m, d;
  char end;

  if (text == NULL || sscanf (text, "%d-%d-%d%c", &y, &m, &d, &end) != 3)
    return 0;
  if (m < 1 || m > 12 || d < 1 || d > 31)
    return 0;
  day = g_date_time_new_local (y, m, d, 0, 0, 0);
  return day ? g_date_time_to_unix (day) : 0;
}

static void
apply_filters (CrmTimelineView *self)
{
  g_autoptr(GPtrArray) kinds = g_ptr_array_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  CrmHistoryQuery query = { 0 };
  guint position;

  if (self->filling || self->list == NULL)
    return;

  for (guint i = 0; i < self->kind_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->kind_checks, i);

      if (gtk_check_button_get_active (check))
        g_ptr_array_add (kinds, g_object_get_data (G_OBJECT (check), "kind"));
    }
  g_ptr_array_add (kinds, NULL);
  if (kinds->len > 1)
    query.kinds = (const char * const *)kinds->pdata;

  position = gtk_drop_down_get_selected (self->user_drop);
  if (self->user_ids != NULL && position < self->user_ids->len)
    query.user_id = g_array_index (self->user_ids, gint64, position);
  position = gtk_drop_down_get_selected (self->contact_drop);
  if (self->contact_ids != NULL && position < self->contact_ids->len)
    query.contact_id = g_array_index (self->contact_ids, gint64, position);

  switch ((Period)gtk_drop_down_get_selected (self->period_drop))
    {
    case PERIOD_30_DAYS:
      query.from = g_date_time_to_unix (now) - 30 * 24 * 3600;
      break;
    case PERIOD_THIS_YEAR:
      {
        g_autoptr(GDateTime) year = g_date_time_new_local (g_date_time_get_year (now), 1, 1, 0, 0, 0);
        query.from = g_date_time_to_unix (year);
      }
      break;
    case PERIOD_CUSTOM:
      {
        const char *from = gtk_editable_get_text (GTK_EDITABLE (self->from_entry));
        const char *to = gtk_editable_get_text (GTK_EDITABLE (self->to_entry));
        gint64 to_day = parse_day (to);

        query.from = parse_day (from);
        query.to = to_day > 0 ? to_day + 24 * 3600 : 0;   /* the last day is in */
        if (*from != '\0' && query.from == 0)
          gtk_widget_add_css_class (GTK_WIDGET (self->from_entry), "error");
        else
          gtk_widget_remove_css_class (GTK_WIDGET (self->from_entry), "error");
        if (*to != '\0' && to_day == 0)
          gtk_widget_add_css_class (GTK_WIDGET (self->to_entry), "error");
        else
          gtk_widget_remove_css_class (GTK_WIDGET (self->to_entry), "error");
      }
      break;
    case PERIOD_ALL:
    default:
      break;
    }
  gtk_widget_set_visible (self->custom_box, gtk_drop_down_get_selected (self->period_drop) == PERIOD_CUSTOM);

  query.text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  g_clear_pointer (&self->now, g_date_time_unref);
  self->now = g_date_time_new_now_local ();
  crm_history_list_set_client (self->list, self->company_id, &query);
  update_count (self);
}

static void
on_filter_changed_cb (CrmTimelineView *self)
{
  apply_filters (self);
}

static void
update_kinds_label (CrmTimelineView *self)
{
  guint n = 0;

  for (guint i = 0; i < self->kind_checks->len; i++)
    n += gtk_check_button_get_active (g_ptr_array_index (self->kind_checks, i)) ? 1 : 0;
  if (n == 0)
    gtk_menu_button_set_label (self->kinds_button, _("Kinds"));
  else
    {
      /* Translators: the kinds filter button when some kinds are chosen */
      g_autofree char *label = g_strdup_printf (_("Kinds: %u"), n);
      gtk_menu_button_set_label (self->kinds_button, label);
    }
}

static void
on_kind_toggled_cb (CrmTimelineView *self)
{
  update_kinds_label (self);
  apply_filters (self);
}

/* Ellipsized labels on the drop-down's button, whole ones in its list */
static void
on_label_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  ellipsize)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (ellipsize)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 4);
    }
  gtk_list_item_set_child (item, label);
}

static void
on_label_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  ellipsize)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), gtk_string_object_get_string (string));
}

static void
set_label_factories (GtkDropDown *drop)
{
  for (int ellipsize = 0; ellipsize < 2; ellipsize++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

      g_signal_connect (factory, "setup", G_CALLBACK (on_label_setup_cb), GINT_TO_POINTER (ellipsize));
      g_signal_connect (factory, "bind", G_CALLBACK (on_label_bind_cb), GINT_TO_POINTER (ellipsize));
      if (ellipsize)
        gtk_drop_down_set_factory (drop, factory);
      else
        gtk_drop_down_set_list_factory (drop, factory);
      g_object_unref (factory);
    }
}

static void
fill_people (CrmTimelineView *self)
{
  g_autoptr(GtkStringList) users = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) contacts = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) user_list = NULL;
  g_autoptr(CrmClientRecord) record = NULL;
  gint64 none = 0;

  g_array_set_size (self->user_ids, 0);
  g_array_set_size (self->contact_ids, 0);
  g_clear_pointer (&self->contacts, g_ptr_array_unref);

  gtk_string_list_append (users, _("Anyone"));
  g_array_append_val (self->user_ids, none);
  user_list = crm_store_list_users (self->store, NULL);
  for (guint i = 0; user_list != NULL && i < user_list->len; i++)
    {
      CrmUser *user = g_ptr_array_index (user_list, i);

      gtk_string_list_append (users, user->full_name ? user->full_name : user->login);
      g_array_append_val (self->user_ids, user->id);
    }

  gtk_string_list_append (contacts, _("Any contact"));
  g_array_append_val (self->contact_ids, none);
  record = crm_store_load_client_record (self->store, self->company_id, NULL);
  if (record != NULL)
    {
      self->contacts = g_ptr_array_ref (record->contacts);
      for (guint i = 0; i < record->contacts->len; i++)
        {
          CrmContactRecord *contact = g_ptr_array_index (record->contacts, i);

          gtk_string_list_append (contacts, contact->full_name ? contact->full_name : "");
          g_array_append_val (self->contact_ids, contact->id);
        }
    }

  gtk_drop_down_set_model (self->user_drop, G_LIST_MODEL (users));
  gtk_drop_down_set_model (self->contact_drop, G_LIST_MODEL (contacts));
}

/* The list items */

/* Files dropped on an entry go with it (the card attaches them) */
static gboolean
on_row_drop_cb (GtkDropTarget *target,
                const GValue  *value,
                double         x,
                double         y,
                gpointer       user_data)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  CrmTimelineView *self = CRM_TIMELINE_VIEW (gtk_widget_get_ancestor (row, CRM_TYPE_TIMELINE_VIEW));
  GSList *files = g_value_get_boxed (value);
  gint64 id = crm_timeline_row_get_id (CRM_TIMELINE_ROW (row));

  if (self == NULL || id <= 0 || files == NULL)
    return FALSE;

  crm_timeline_view_attach_files (self, id, files);
  return TRUE;
}

static void
on_row_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 CrmTimelineView          *self)
{
  GtkWidget *row = crm_timeline_row_new ();
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect (target, "drop", G_CALLBACK (on_row_drop_cb), NULL);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (target));
  gtk_list_item_set_child (item, row);
}

/**
 * crm_timeline_view_attach_files:
 * @history_id: the entry the files were dropped on
 * @files: (element-type GFile)
 *
 * Emits #CrmTimelineView::attach-files: the view keeps no documents itself.
 */
void
crm_timeline_view_attach_files (CrmTimelineView *self,
                                gint64           history_id,
                                GSList          *files)
{
  g_return_if_fail (CRM_IS_TIMELINE_VIEW (self));

  g_signal_emit (self, signals[SIGNAL_ATTACH_FILES], 0, history_id, files);
}

static void
on_row_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                CrmTimelineView          *self)
{
  CrmHistoryItem *history_item = gtk_list_item_get_item (item);
  const CrmHistoryEntry *entry = crm_history_item_get_entry (history_item);

  crm_timeline_row_bind (CRM_TIMELINE_ROW (gtk_list_item_get_child (item)), history_item,
                         self->expanded, entry_editable (self, entry), self->now);
}

static void
on_row_unbind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  CrmTimelineView          *self)
{
  crm_timeline_row_unbind (CRM_TIMELINE_ROW (gtk_list_item_get_child (item)));
}

/* Enter on a row shows all of it, or less */
static void
on_list_view_activate_cb (CrmTimelineView *self,
                          guint            position)
{
  g_autoptr(CrmHistoryItem) item = NULL;
  gint64 id;

  if (self->list == NULL || !(item = g_list_model_get_item (G_LIST_MODEL (self->list), position)))
    return;
  id = crm_history_item_get_id (item);
  if (id == 0)
    return;
  if (!g_hash_table_remove (self->expanded, &id))
    g_hash_table_add (self->expanded, g_memdup2 (&id, sizeof id));
  g_list_model_items_changed (G_LIST_MODEL (self->list), position, 1, 1);
}

/* Logging, editing, deleting */

static void
on_entry_changed_cb (CrmTimelineView *self,
                     gint64           id)
{
  crm_timeline_view_reload (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static CrmLogDialog *
present_dialog (CrmTimelineView *self,
                CrmLogDialog    *dialog)
{
  g_signal_connect_object (dialog, "entry-changed", G_CALLBACK (on_entry_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/**
 * crm_timeline_view_log_entry:
 * @kind: "call", "meeting", "note", …
 *
 * Opens the quick entry for the client.
 *
 * Returns: (transfer none) (nullable): the dialog, or %NULL without a client
 */
CrmLogDialog *
crm_timeline_view_log_entry (CrmTimelineView *self,
                             const char      *kind)
{
  GtkRoot *root;

  g_return_val_if_fail (CRM_IS_TIMELINE_VIEW (self), NULL);

  if (self->store == NULL || self->company_id <= 0)
    return NULL;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  return present_dialog (self, crm_log_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                   self->store, self->company_id, kind, self->contacts));
}

/**
 * crm_timeline_view_edit_entry:
 *
 * Returns: (transfer none) (nullable): the dialog editing the entry, or
 * %NULL (and a toast saying why) when it cannot be loaded
 */
CrmLogDialog *
crm_timeline_view_edit_entry (CrmTimelineView *self,
                              gint64           entry_id)
{
  g_autoptr(GError) error = NULL;
  CrmLogDialog *dialog;

  g_return_val_if_fail (CRM_IS_TIMELINE_VIEW (self), NULL);

  if (!(dialog = crm_timeline_view_log_entry (self, "note")))
    return NULL;
  if (!crm_log_dialog_set_entry (dialog, entry_id, &error))
    {
      gtk_window_destroy (GTK_WINDOW (dialog));
      show_toast (self, error->message, NULL);
      crm_timeline_view_reload (self);
      return NULL;
    }
  return dialog;
}

gboolean
crm_timeline_view_can_edit (CrmTimelineView *self,
                            gint64           entry_id)
{
  g_autoptr(CrmHistoryEntry) entry = NULL;

  g_return_val_if_fail (CRM_IS_TIMELINE_VIEW (self), FALSE);

  if (self->store == NULL || !(entry = crm_store_load_history_entry (self->store, entry_id, NULL)))
    return FALSE;
  return entry_editable (self, entry);
}

static void
log_entry_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  crm_timeline_view_log_entry (CRM_TIMELINE_VIEW (widget), g_variant_get_string (parameter, NULL));
}

static void
edit_entry_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  crm_timeline_view_edit_entry (CRM_TIMELINE_VIEW (widget), g_variant_get_int64 (parameter));
}

static void
delete_entry_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CrmTimelineView *self = CRM_TIMELINE_VIEW (widget);
  g_autoptr(GError) error = NULL;
  CrmHistoryEntry *snapshot;

  if (self->store == NULL)
    return;
  if (!(snapshot = crm_store_delete_history_entry (self->store, g_variant_get_int64 (parameter), &error)))
    {
      show_toast (self, error->message, NULL);
      return;
    }
  g_clear_pointer (&self->undo_entry, crm_history_entry_free);
  self->undo_entry = snapshot;
  crm_timeline_view_reload (self);
  show_toast (self, _("Entry deleted"), "timeline.undo-delete");
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
undo_delete_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CrmTimelineView *self = CRM_TIMELINE_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmHistoryEntry) snapshot = g_steal_pointer (&self->undo_entry);

  if (snapshot == NULL || self->store == NULL)
    return;
  if (!crm_store_restore_history_entry (self->store, snapshot, &error))
    {
      show_toast (self, error->message, NULL);
      return;
    }
  crm_timeline_view_reload (self);
  show_toast (self, _("Entry restored"), NULL);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
crm_timeline_view_dispose (GObject *object)
{
  CrmTimelineView *self = (CrmTimelineView *)object;

  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->list);
  g_clear_object (&self->store);
  g_clear_pointer (&self->contacts, g_ptr_array_unref);

  G_OBJECT_CLASS (crm_timeline_view_parent_class)->dispose (object);
}

static void
crm_timeline_view_finalize (GObject *object)
{
  CrmTimelineView *self = (CrmTimelineView *)object;

  g_hash_table_unref (self->expanded);
  g_ptr_array_unref (self->kind_checks);
  g_array_unref (self->user_ids);
  g_array_unref (self->contact_ids);
  g_clear_pointer (&self->now, g_date_time_unref);
  g_clear_pointer (&self->undo_entry, crm_history_entry_free);

  G_OBJECT_CLASS (crm_timeline_view_parent_class)->finalize (object);
}

static void
crm_timeline_view_class_init (CrmTimelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_timeline_view_dispose;
  object_class->finalize = crm_timeline_view_finalize;

  /**
   * CrmTimelineView::changed:
   *
   * An entry was logged, edited, deleted or restored.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * CrmTimelineView::attach-files:
   * @history_id: the entry
   * @files: (element-type GFile): the files dropped on it
   */
  signals[SIGNAL_ATTACH_FILES] =
    g_signal_new ("attach-files", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_POINTER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rapportcrm/Rapport/ui/timeline/crm-timeline-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmTimelineView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CrmTimelineView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmTimelineView, kinds_button);
  gtk_widget_class_bind_template_child (widget_class, CrmTimelineView, kinds_box);
  gtk_widget_class_bind_template_child (widget_class, CrmTimelineView, user_drop);
  gtk_widget_class_bind_template_child (widget_class, CrmTimelineView, contact_drop);
  gtk_widget_class_bind_template_child (widget_class, CrmTimelineView, period_drop);
  gtk_widget_class_bind_template_child (widget_class, CrmTimelineView, custom_box);
  gtk_widget_class_bind_template_child (widget_class, CrmTimelineView, from_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmTimelineView, to_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmTimelineView, count_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTimelineView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CrmTimelineView, list_view);
  gtk_widget_class_bind_template_child (widget_class, CrmTimelineView, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_view_activate_cb);

  gtk_widget_class_install_action (widget_class, "timeline.log-entry", "s", log_entry_activated);
  gtk_widget_class_install_action (widget_class, "timeline.edit-entry", "x", edit_entry_activated);
  gtk_widget_class_install_action (widget_class, "timeline.delete-entry", "x", delete_entry_activated);
  gtk_widget_class_install_action (widget_class, "timeline.undo-delete", NULL, undo_delete_activated);
}

static void
crm_timeline_view_init (CrmTimelineView *self)
{
  g_autoptr(GPtrArray) kinds = crm_history_kind_list (0);
  g_autoptr(GtkStringList) periods = gtk_string_list_new (NULL);
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->expanded = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->kind_checks = g_ptr_array_new ();
  self->user_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->contact_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->now = g_date_time_new_now_local ();

  for (guint i = 0; i < kinds->len; i++)
    {
      const CrmHistoryKind *kind = g_ptr_array_index (kinds, i);
      GtkWidget *check = gtk_check_button_new_with_label (crm_history_kind_plural (kind->id));

      g_object_set_data (G_OBJECT (check), "kind", (gpointer)kind->id);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_kind_toggled_cb), self);
      gtk_box_append (self->kinds_box, check);
      g_ptr_array_add (self->kind_checks, check);
    }

  gtk_string_list_append (periods, _("All time"));
  gtk_string_list_append (periods, _("Last 30 days"));
  gtk_string_list_append (periods, _("This year"));
  gtk_string_list_append (periods, _("Custom period"));
  gtk_drop_down_set_model (self->period_drop, G_LIST_MODEL (periods));
  set_label_factories (self->user_drop);
  set_label_factories (self->contact_drop);
  set_label_factories (self->period_drop);

  /* The three filters wrap onto a second line in a narrow card rather than
   * cut their values ("Кто уг…"): they move from the template's box into a
   * wrap box in its place */
  {
    GtkWidget *row = gtk_widget_get_parent (GTK_WIDGET (self->user_drop));
    GtkWidget *parent = gtk_widget_get_parent (row);
    GtkWidget *wrap = crm_wrap_box_new ();
    GtkWidget *drops[] = { GTK_WIDGET (self->user_drop), GTK_WIDGET (self->contact_drop),
                           GTK_WIDGET (self->period_drop) };

    for (guint i = 0; i < G_N_ELEMENTS (drops); i++)
      {
        g_object_ref (drops[i]);
        gtk_box_remove (GTK_BOX (row), drops[i]);
        crm_wrap_box_insert_before (CRM_WRAP_BOX (wrap), drops[i], NULL);
        g_object_unref (drops[i]);
      }
    gtk_box_insert_child_after (GTK_BOX (parent), wrap, row);
    gtk_box_remove (GTK_BOX (parent), row);
  }
  g_signal_connect_swapped (self->user_drop, "notify::selected", G_CALLBACK (on_filter_changed_cb), self);
  g_signal_connect_swapped (self->contact_drop, "notify::selected", G_CALLBACK (on_filter_changed_cb), self);
  g_signal_connect_swapped (self->period_drop, "notify::selected", G_CALLBACK (on_filter_changed_cb), self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_row_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_row_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_row_unbind_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  update_count (self);
}

GtkWidget *
crm_timeline_view_new (void)
{
  return g_object_new (CRM_TYPE_TIMELINE_VIEW, NULL);
}

/**
 * crm_timeline_view_set_client:
 *
 * Shows the client's whole timeline (the filters are cleared).
 */
void
crm_timeline_view_set_client (CrmTimelineView *self,
                              CrmStore        *store,
                              gint64           company_id)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  g_return_if_fail (CRM_IS_TIMELINE_VIEW (self));
  g_return_if_fail (CRM_IS_STORE (store));

  g_set_object (&self->store, store);
  self->company_id = company_id;
  g_hash_table_remove_all (self->expanded);
  g_clear_pointer (&self->undo_entry, crm_history_entry_free);

  self->filling = TRUE;
  for (guint i = 0; i < self->kind_checks->len; i++)
    gtk_check_button_set_active (g_ptr_array_index (self->kind_checks, i), FALSE);
  update_kinds_label (self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), "");
  fill_people (self);
  gtk_drop_down_set_selected (self->user_drop, 0);
  gtk_drop_down_set_selected (self->contact_drop, 0);
  gtk_drop_down_set_selected (self->period_drop, PERIOD_ALL);
  self->filling = FALSE;

  if (self->list == NULL || crm_history_list_get_store (self->list) != store)
    {
      g_clear_object (&self->list);
      self->list = crm_history_list_new (store, 0);   /* counted by apply_filters() */
      selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->list)));
      gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
    }
  apply_filters (self);
}

/* Counts again and shows the newest entries: after a change */
void
crm_timeline_view_reload (CrmTimelineView *self)
{
  g_return_if_fail (CRM_IS_TIMELINE_VIEW (self));

  if (self->list == NULL)
    return;
  g_clear_pointer (&self->now, g_date_time_unref);
  self->now = g_date_time_new_now_local ();
  crm_history_list_reload (self->list);
  update_count (self);
}

/* Returns: (transfer none): the CrmHistoryList shown, or %NULL before a client */
GListModel *
crm_timeline_view_get_model (CrmTimelineView *self)
{
  g_return_val_if_fail (CRM_IS_TIMELINE_VIEW (self), NULL);
  return self->list ? G_LIST_MODEL (self->list) : NULL;
}

guint
crm_timeline_view_get_n_shown (CrmTimelineView *self)
{
  g_return_val_if_fail (CRM_IS_TIMELINE_VIEW (self), 0);
  return self->list ? g_list_model_get_n_items (G_LIST_MODEL (self->list)) : 0;
}

/**
 * crm_timeline_view_set_kind_filter:
 * @kinds: (nullable): the kinds to show; %NULL for all
 *
 * Ticks those kinds in the kinds menu, as the user would.
 */
void
crm_timeline_view_set_kind_filter (CrmTimelineView    *self,
                                   const char * const *kinds)
{
  g_return_if_fail (CRM_IS_TIMELINE_VIEW (self));

  self->filling = TRUE;
  for (guint i = 0; i < self->kind_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->kind_checks, i);
      const char *kind = g_object_get_data (G_OBJECT (check), "kind");

      gtk_check_button_set_active (check, kinds != NULL && g_strv_contains (kinds, kind));
    }
  self->filling = FALSE;
  update_kinds_label (self);
  apply_filters (self);
}
