/* crm-tags-page.c: the tags in Preferences
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-tags-page"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-client-edit.h"
#include "crm-format.h"
#include "crm-preferences-util.h"
#include "crm-tags-page.h"
#include "crm-tags.h"

/* Every tag of the base with the number of clients that carry it: add one,
 * rename one for every client (onto the name of another it merges the two),
 * delete one after saying how many clients lose it. */

struct _CrmTagsPage
{
  AdwPreferencesPage    parent_instance;

  AdwPreferencesGroup  *group;
  GtkWidget            *empty_row;

  CrmStore             *store;
  GPtrArray            *tags;              /* CrmTag*, as listed */
  GPtrArray            *rows;              /* AdwActionRow*, in the group */
  GHashTable           *rows_by_id;        /* gint64* → AdwActionRow* (unowned) */
  GCancellable         *counts_cancellable;
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CrmTagsPage, crm_tags_page, ADW_TYPE_PREFERENCES_PAGE)

static CrmTag *
find_tag (CrmTagsPage *self,
          gint64       id)
{
  for (guint i = 0; self->tags != NULL && i < self->tags->len; i++)
    {
      CrmTag *tag = g_ptr_array_index (self->tags, i);

      if (tag->id == id)
        return tag;
    }

  return NULL;
}

/* Another tag with exactly that name, or NULL */
static CrmTag *
find_other_named (CrmTagsPage *self,
                  gint64       id,
                  const char  *name)
{
  for (guint i = 0; self->tags != NULL && i < self->tags->len; i++)
    {
      CrmTag *tag = g_ptr_array_index (self->tags, i);

      if (tag->id != id && g_strcmp0 (tag->name, name) == 0)
        return tag;
    }

  return NULL;
}

static char *
clients_text (gint64 count)
{
  g_autofree char *number = crm_format_number (MAX (count, 0));

  /* Translators: %s is a number of clients that carry a tag */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s client", "%s clients", count), number);
}

static void
changed (CrmTagsPage *self)
{
  crm_tags_page_reload (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Counting the clients of every tag reads company_tags: off the main thread */
static void
counts_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *usage = crm_store_list_tag_usage (task_data, &error);

  if (usage == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, usage, (GDestroyNotify)g_ptr_array_unref);
}

static void
counts_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  CrmTagsPage *self = CRM_TAGS_PAGE (object);
  g_autoptr(GPtrArray) usage = NULL;
  g_autoptr(GError) error = NULL;

  usage = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;

  g_clear_object (&self->counts_cancellable);

  if (usage == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not count the clients: %s"), error->message);

      crm_preferences_show_toast (GTK_WIDGET (self), message);
      return;
    }

  for (guint i = 0; i < usage->len; i++)
    {
      CrmTagUsage *tag = g_ptr_array_index (usage, i);
      AdwActionRow *row = g_hash_table_lookup (self->rows_by_id, &tag->id);

      if (row != NULL)
        {
          g_autofree char *subtitle = clients_text (tag->n_clients);

          adw_action_row_set_subtitle (row, subtitle);
        }
    }
}

static GtkWidget *
tag_row (const CrmTag *tag)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *rename_label = NULL;
  g_autofree char *delete_label = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tag->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), "…");

  /* Translators: %s is the name of a tag */
  rename_label = g_strdup_printf (_("Rename tag “%s”"), tag->name);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             crm_preferences_row_button ("document-edit-symbolic", _("Rename"), rename_label,
                                         "tags.rename", tag->id, TRUE));
  /* Translators: %s is the name of a tag */
  delete_label = g_strdup_printf (_("Delete tag “%s”"), tag->name);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             crm_preferences_row_button ("user-trash-symbolic", _("Delete"), delete_label,
                                         "tags.delete", tag->id, TRUE));

  return row;
}

/**
 * crm_tags_page_reload:
 *
 * Lists the tags again from the store, then counts their clients in a thread.
 */
void
crm_tags_page_reload (CrmTagsPage *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CRM_IS_TAGS_PAGE (self));

  if (self->counts_cancellable != NULL)
    g_cancellable_cancel (self->counts_cancellable);
  g_clear_object (&self->counts_cancellable);
  g_hash_table_remove_all (self->rows_by_id);
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  g_clear_pointer (&self->tags, g_ptr_array_unref);

  if (self->store == NULL)
    return;

  if (!(self->tags = crm_store_list_tags (self->store, &error)))
    {
      g_autofree char *message = g_strdup_printf (_("Could not read the tags: %s"), error->message);

      crm_preferences_show_toast (GTK_WIDGET (self), message);
      return;
    }

  gtk_widget_set_visible (self->empty_row, self->tags->len == 0);
  for (guint i = 0; i < self->tags->len; i++)
    {
      CrmTag *tag = g_ptr_array_index (self->tags, i);
      GtkWidget *row = tag_row (tag);

      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
      g_hash_table_insert (self->rows_by_id, g_memdup2 (&tag->id, sizeof tag->id), row);
    }

  self->counts_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->counts_cancellable, counts_cb, NULL);
  g_task_set_source_tag (task, crm_tags_page_reload);
  g_task_set_name (task, "[crm-tags-counts]");
  g_task_set_task_data (task, g_object_ref (self->store), g_object_unref);
  g_task_run_in_thread (task, counts_worker);
}

/* Dialogs */

static void
on_add_response_cb (CrmTagsPage      *self,
                    const char       *response,
                    AdwMessageDialog *dialog)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  if (!g_str_equal (response, "add") || self->store == NULL)
    return;

  name = crm_preferences_dialog_get_text (dialog);
  if (crm_store_create_tag (self->store, name, &error) == 0)
    {
      crm_preferences_show_toast (GTK_WIDGET (self), error->message);
      return;
    }

  changed (self);
}

static void
on_add_entry_changed_cb (AdwMessageDialog *dialog,
                         GtkEditable      *entry)
{
  CrmTagsPage *self = g_object_get_data (G_OBJECT (dialog), "page");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autofree char *body = NULL;
  gboolean taken = find_other_named (self, 0, name) != NULL;

  if (taken)
    /* Translators: %s is the name of a tag */
    body = g_strdup_printf (_("The tag “%s” already exists."), name);
  adw_message_dialog_set_body (dialog, body != NULL ? body : "");
  adw_message_dialog_set_response_enabled (dialog, "add", name[0] != '\0' && !taken);
}

static void
crm_tags_page_add_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  CrmTagsPage *self = CRM_TAGS_PAGE (widget);
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  if (self->store == NULL)
    return;

  dialog = crm_preferences_dialog_new (GTK_WIDGET (self), _("New Tag"), NULL);
  adw_message_dialog_add_response (dialog, "add", _("_Add"));
  adw_message_dialog_set_response_appearance (dialog, "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "add");
  g_object_set_data_full (G_OBJECT (dialog), "page", g_object_ref (self), g_object_unref);
  entry = crm_preferences_dialog_add_entry (dialog, NULL, _("Tag name"));
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_add_entry_changed_cb), dialog, G_CONNECT_SWAPPED);
  on_add_entry_changed_cb (dialog, GTK_EDITABLE (entry));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_add_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* While the new name is typed the dialog says when it merges two tags */
static void
on_rename_entry_changed_cb (AdwMessageDialog *dialog,
                            GtkEditable      *entry)
{
  CrmTagsPage *self = g_object_get_data (G_OBJECT (dialog), "page");
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "id"));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  CrmTag *other = find_other_named (self, id, name);
  CrmTag *tag = find_tag (self, id);
  g_autofree char *body = NULL;

  if (other != NULL && tag != NULL)
    {
      /* Translators: both %s are names of tags */
      body = g_strdup_printf (_("The tag “%s” already exists. Its clients and those of “%s” will "
                                "carry one tag, “%s”."),
                              other->name, tag->name, other->name);
      adw_message_dialog_set_response_label (dialog, "rename", _("_Merge"));
    }
  else
    {
      body = g_strdup (_("Every client that carries the tag gets the new name."));
      adw_message_dialog_set_response_label (dialog, "rename", _("_Rename"));
    }
  adw_message_dialog_set_body (dialog, body);
  adw_message_dialog_set_response_enabled (dialog, "rename",
                                           name[0] != '\0' && tag != NULL && !g_str_equal (name, tag->name));
}

static void
on_rename_response_cb (CrmTagsPage      *self,
                       const char       *response,
                       AdwMessageDialog *dialog)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "id"));
  CrmTag *tag = find_tag (self, id);
  g_autoptr(GError) error = NULL;
  g_autofree char *previous = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  gboolean merged = FALSE;

  if (!g_str_equal (response, "rename") || self->store == NULL || tag == NULL)
    return;

  previous = g_strdup (tag->name);
  name = crm_preferences_dialog_get_text (dialog);
  if (crm_store_rename_tag (self->store, id, name, &merged, &error) == 0)
    {
      crm_preferences_show_toast (GTK_WIDGET (self), error->message);
      return;
    }

  changed (self);

  if (merged)
    /* Translators: the first %s is the old name of a tag, the second the tag it joined */
    message = g_strdup_printf (_("“%s” merged into “%s”"), previous, name);
  else
    /* Translators: the first %s is the old name of a tag, the second the new one */
    message = g_strdup_printf (_("“%s” renamed to “%s”"), previous, name);
  crm_preferences_show_toast (GTK_WIDGET (self), message);
}

static void
crm_tags_page_rename_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  CrmTagsPage *self = CRM_TAGS_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  CrmTag *tag = find_tag (self, id);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  if (tag == NULL || self->store == NULL)
    return;

  /* Translators: %s is the name of a tag */
  heading = g_strdup_printf (_("Rename Tag “%s”"), tag->name);
  dialog = crm_preferences_dialog_new (GTK_WIDGET (self), heading, NULL);
  adw_message_dialog_add_response (dialog, "rename", _("_Rename"));
  adw_message_dialog_set_response_appearance (dialog, "rename", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "rename");
  g_object_set_data (G_OBJECT (dialog), "id", GSIZE_TO_POINTER (id));
  g_object_set_data_full (G_OBJECT (dialog), "page", g_object_ref (self), g_object_unref);
  entry = crm_preferences_dialog_add_entry (dialog, tag->name, _("New name"));
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_rename_entry_changed_cb), dialog,
                           G_CONNECT_SWAPPED);
  on_rename_entry_changed_cb (dialog, GTK_EDITABLE (entry));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_rename_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
on_delete_response_cb (CrmTagsPage      *self,
                       const char       *response,
                       AdwMessageDialog *dialog)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "id"));
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "delete") || self->store == NULL)
    return;

  if (!crm_store_delete_tag (self->store, id, NULL, &error))
    {
      crm_preferences_show_toast (GTK_WIDGET (self), error->message);
      return;
    }

  changed (self);
}

static void
crm_tags_page_delete_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  CrmTagsPage *self = CRM_TAGS_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  CrmTag *tag = find_tag (self, id);
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  gint64 uses;

  if (tag == NULL || self->store == NULL)
    return;

  if ((uses = crm_store_count_tag_clients (self->store, id, &error)) < 0)
    {
      crm_preferences_show_toast (GTK_WIDGET (self), error->message);
      return;
    }

  /* Translators: %s is the name of a tag */
  heading = g_strdup_printf (_("Delete Tag “%s”?"), tag->name);
  if (uses == 0)
    body = g_strdup (_("No client carries it."));
  else
    {
      g_autofree char *number = crm_format_number (uses);

      body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%s client carries it. The tag is taken off; the client stays.",
                                           "%s clients carry it. The tag is taken off; the clients stay.",
                                           uses),
                              number);
    }
  dialog = crm_preferences_dialog_new (GTK_WIDGET (self), heading, body);
  adw_message_dialog_add_response (dialog, "delete", _("_Delete"));
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  g_object_set_data (G_OBJECT (dialog), "id", GSIZE_TO_POINTER (id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
crm_tags_page_dispose (GObject *object)
{
  CrmTagsPage *self = (CrmTagsPage *)object;

  if (self->counts_cancellable != NULL)
    g_cancellable_cancel (self->counts_cancellable);
  g_clear_object (&self->counts_cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_tags_page_parent_class)->dispose (object);
}

static void
crm_tags_page_finalize (GObject *object)
{
  CrmTagsPage *self = (CrmTagsPage *)object;

  g_clear_pointer (&self->tags, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->rows_by_id, g_hash_table_unref);

  G_OBJECT_CLASS (crm_tags_page_parent_class)->finalize (object);
}

static void
crm_tags_page_class_init (CrmTagsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_tags_page_dispose;
  object_class->finalize = crm_tags_page_finalize;

  /**
   * CrmTagsPage::changed:
   *
   * A tag was added, renamed, merged or deleted: what the clients show has
   * changed.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "tags.add", NULL, crm_tags_page_add_action);
  gtk_widget_class_install_action (widget_class, "tags.rename", "x", crm_tags_page_rename_action);
  gtk_widget_class_install_action (widget_class, "tags.delete", "x", crm_tags_page_delete_action);
}

static void
crm_tags_page_init (CrmTagsPage *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *button;

  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (self), _("Tags"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (self), "bookmark-new-symbolic");
  adw_preferences_page_set_name (ADW_PREFERENCES_PAGE (self), "tags");

  self->rows = g_ptr_array_new ();
  self->rows_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Tags"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Marks that clients carry across statuses and regions. "
                                           "Renaming a tag onto the name of another merges the two."));

  button = crm_preferences_add_button (_("Add a tag"), "tags.add", NULL);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), button);

  self->empty_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->empty_row), _("No tags yet"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->empty_row),
                               _("Add one here or on a client’s card"));
  gtk_widget_set_visible (self->empty_row, FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->empty_row);

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), ADW_PREFERENCES_GROUP (group));
  self->group = ADW_PREFERENCES_GROUP (group);
}

GtkWidget *
crm_tags_page_new (CrmStore *store)
{
  CrmTagsPage *self;

  g_return_val_if_fail (!store || CRM_IS_STORE (store), NULL);

  self = g_object_new (CRM_TYPE_TAGS_PAGE, NULL);
  crm_tags_page_set_store (self, store);

  return GTK_WIDGET (self);
}

void
crm_tags_page_set_store (CrmTagsPage *self,
                         CrmStore    *store)
{
  g_return_if_fail (CRM_IS_TAGS_PAGE (self));
  g_return_if_fail (!store || CRM_IS_STORE (store));

  if (g_set_object (&self->store, store))
    crm_tags_page_reload (self);
}
