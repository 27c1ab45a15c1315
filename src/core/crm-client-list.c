/* crm-client-list.c
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-client-list"

#include "config.h"

#include "crm-client-list.h"
#include "crm-types-private.h"

/* Rows are fetched a page at a time; a view asks for the rows on screen and a
 * few around them, so a handful of pages cover it. */
#define PAGE_SIZE 64
#define MAX_PAGES 24
/* A filter matching at most this many clients is listed by the ids found
 * through its indexes, sorted once. A larger one pages along the sort's
 * index with OFFSET while that is cheap: each client stepped over costs a
 * look-up of its row to test it, so a page far down (1.5 s to the end of
 * 300,000 matches in a million), or matches at the far end of the order
 * (half a second for a first page), would make the window wait. Past
 * FILTER_WALK_MS of such a walk, or from page FILTER_WALK_PAGES on,
 * every match is listed once in the list's order along the sort's index
 * alone (crm_store_sort_filtered_clients(): about 0.1 s for 500,000
 * matches in a million), and the pages read from that. */
#define FILTER_IDS_LIMIT 100000
#define FILTER_WALK_PAGES 8
#define FILTER_WALK_MS 20

struct _CrmClientList
{
  GObject        parent_instance;

  CrmStore      *store;
  CrmClientSort  sort;
  gboolean       descending;
  char          *search;
  CrmClientFilter *filter;     /* NULL or not empty */
  CrmClientFilter *followed;   /* the filter set, whose "changed" we follow */

  guint          n_items;
  GArray        *search_ids;   /* gint64, sorted; NULL unless searching or a small filtered set */
  gboolean       truncated;
  GError        *error;

  GHashTable    *pages;        /* page number → GPtrArray of CrmClientRow */
  GQueue         page_order;   /* page numbers, most recently used first */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CrmClientList, crm_client_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  PROP_TRUNCATED,
  PROP_SEARCH,
  PROP_FILTER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clear_pages (CrmClientList *self)
{
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->page_order);
}

static GPtrArray *
fetch_page (CrmClientList  *self,
            guint           page,
            GError        **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  guint offset = page * PAGE_SIZE;

  if (self->search_ids == NULL && self->filter != NULL && page < FILTER_WALK_PAGES)
    {
      gboolean gave_up = FALSE;

      if (!crm_store_try_fetch_filtered_clients (self->store, self->filter, self->sort, self->descending,
                                                 offset, PAGE_SIZE, FILTER_WALK_MS, rows, &gave_up, error))
        return NULL;
      if (!gave_up)
        return g_steal_pointer (&rows);
    }

  if (self->search_ids == NULL && self->filter != NULL)
    {
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

      if (!crm_store_sort_filtered_clients (self->store, self->filter, self->sort, self->descending,
                                            ids, error))
        return NULL;
      /* the count stays until reload(): clients added or removed meanwhile
       * show as empty rows at the end, as in the paged list */
      self->search_ids = g_steal_pointer (&ids);
    }

  if (self->search_ids != NULL)
    {
      guint n = offset < self->search_ids->len ? MIN (PAGE_SIZE, self->search_ids->len - offset) : 0;

      if (n > 0 && !crm_store_fetch_clients_by_id (self->store,
                                                   &g_array_index (self->search_ids, gint64, offset),
                                                   n, rows, error))
        return NULL;
    }
  else if (!crm_store_fetch_clients (self->store, self->sort, self->descending,
                                     offset, PAGE_SIZE, rows, error))
    return NULL;

  return g_steal_pointer (&rows);
}

static GPtrArray *
lookup_page (CrmClientList *self,
             guint          page)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows;
  GList *link;

  rows = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (rows != NULL)
    {
      link = g_queue_find (&self->page_order, GUINT_TO_POINTER (page));
      g_queue_unlink (&self->page_order, link);
      g_queue_push_head_link (&self->page_order, link);
      return rows;
    }

  if (!(rows = fetch_page (self, page, &error)))
    {
      g_clear_error (&self->error);
      self->error = g_steal_pointer (&error);
      return NULL;
    }

  while (self->page_order.length >= MAX_PAGES)
    g_hash_table_remove (self->pages, g_queue_pop_tail (&self->page_order));

  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), rows);
  g_queue_push_head (&self->page_order, GUINT_TO_POINTER (page));

  return rows;
}

static GType
crm_client_list_get_item_type (GListModel *model)
{
  return CRM_TYPE_CLIENT_ROW;
}

static guint
crm_client_list_get_n_items (GListModel *model)
{
  return CRM_CLIENT_LIST (model)->n_items;
}

static gpointer
crm_client_list_get_item (GListModel *model,
                          guint       position)
{
  CrmClientList *self = CRM_CLIENT_LIST (model);
  GPtrArray *rows;
  guint index = position % PAGE_SIZE;

  if (position >= self->n_items)
    return NULL;

  rows = lookup_page (self, position / PAGE_SIZE);

  /* A client deleted by someone else since the count: show an empty row
   * rather than shift the list under the user; reload() will settle it. */
  if (rows == NULL || index >= rows->len)
    return crm_client_row_new (0, NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL, NULL);

  return g_object_ref (g_ptr_array_index (rows, index));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = crm_client_list_get_item_type;
  iface->get_n_items = crm_client_list_get_n_items;
  iface->get_item = crm_client_list_get_item;
}

static void
crm_client_list_dispose (GObject *object)
{
  CrmClientList *self = (CrmClientList *)object;

  clear_pages (self);
  if (self->followed != NULL)
    g_signal_handlers_disconnect_by_data (self->followed, self);
  g_clear_object (&self->followed);
  g_clear_object (&self->filter);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_client_list_parent_class)->dispose (object);
}

static void
crm_client_list_finalize (GObject *object)
{
  CrmClientList *self = (CrmClientList *)object;

  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->search_ids, g_array_unref);
  g_clear_error (&self->error);
  g_free (self->search);

  G_OBJECT_CLASS (crm_client_list_parent_class)->finalize (object);
}

static void
crm_client_list_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CrmClientList *self = CRM_CLIENT_LIST (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;
    case PROP_TRUNCATED:
      g_value_set_boolean (value, self->truncated);
      break;
    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;
    case PROP_FILTER:
      g_value_set_object (value, self->followed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_client_list_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CrmClientList *self = CRM_CLIENT_LIST (object);

  switch (prop_id)
    {
    case PROP_SEARCH:
      crm_client_list_set_search (self, g_value_get_string (value));
      break;
    case PROP_FILTER:
      crm_client_list_set_filter (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_client_list_class_init (CrmClientListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_client_list_dispose;
  object_class->finalize = crm_client_list_finalize;
  object_class->get_property = crm_client_list_get_property;
  object_class->set_property = crm_client_list_set_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TRUNCATED] =
    g_param_spec_boolean ("truncated", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_FILTER] =
    g_param_spec_object ("filter", NULL, NULL, CRM_TYPE_CLIENT_FILTER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_client_list_init (CrmClientList *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)g_ptr_array_unref);
  g_queue_init (&self->page_order);
}

/**
 * crm_client_list_new:
 * @store: the store to list the clients of
 *
 * Returns: (transfer full): a list sorted by name, already counted
 */
CrmClientList *
crm_client_list_new (CrmStore *store)
{
  return crm_client_list_new_sorted (store, CRM_CLIENT_SORT_NAME, FALSE);
}

/**
 * crm_client_list_new_sorted:
 * @store: the store to list the clients of
 * @sort: the column to sort by
 * @descending: whether to reverse it
 *
 * Returns: (transfer full): a list in that order, counted once
 */
CrmClientList *
crm_client_list_new_sorted (CrmStore      *store,
                            CrmClientSort  sort,
                            gboolean       descending)
{
  CrmClientList *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (sort < CRM_CLIENT_N_SORTS, NULL);

  self = g_object_new (CRM_TYPE_CLIENT_LIST, NULL);
  self->store = g_object_ref (store);
  self->sort = sort;
  self->descending = !!descending;
  crm_client_list_reload (self);

  return self;
}

CrmStore *
crm_client_list_get_store (CrmClientList *self)
{
  g_return_val_if_fail (CRM_IS_CLIENT_LIST (self), NULL);
  return self->store;
}

/**
 * _crm_list_model_reset:
 * @n_items: the model's count, which get_n_items() returns
 *
 * Tells a lazy list's views that every item changed, in two changes, not
 * one. When the row a GTK 4.8 list view tracks (the focused one, the
 * selection's anchor) is among the removed items, the view looks for it
 * among all the added ones, fetching every one of them: after a big import,
 * a card saved or a search cleared in a list of a million, the window froze
 * for most of a minute. Nothing is added by the first change and nothing
 * removed by the second, so it does not look; the model says what each
 * change left (empty after the first), as views ask during the change.
 * Which row the view shows is the caller's to keep.
 */
void
_crm_list_model_reset (GListModel *model,
                       guint      *n_items,
                       guint       new_n_items)
{
  guint old_n_items = *n_items;

  *n_items = 0;
  if (old_n_items > 0)
    g_list_model_items_changed (model, 0, old_n_items, 0);
  *n_items = new_n_items;
  if (new_n_items > 0)
    g_list_model_items_changed (model, 0, 0, new_n_items);
}

/**
 * crm_client_list_reload:
 * @self: a #CrmClientList
 *
 * Counts again and forgets every cached row, e.g. after the database changed.
 */
void
crm_client_list_reload (CrmClientList *self)
{
  g_autoptr(GError) error = NULL;
  guint old_n_items, new_n_items;
  gboolean old_truncated;
  gboolean more = FALSE;

  g_return_if_fail (CRM_IS_CLIENT_LIST (self));

  old_n_items = self->n_items;
  old_truncated = self->truncated;
  clear_pages (self);
  g_clear_pointer (&self->search_ids, g_array_unref);
  g_clear_error (&self->error);

  if (self->search != NULL)
    {
      self->search_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      if (!crm_store_search_filtered_clients (self->store, self->search, self->filter,
                                              self->sort, self->descending,
                                              CRM_CLIENT_LIST_SEARCH_LIMIT, self->search_ids,
                                              &more, &error))
        g_array_set_size (self->search_ids, 0);
      self->n_items = self->search_ids->len;
    }
  else if (self->filter != NULL)
    {
      gint64 n = crm_store_count_filtered_clients (self->store, self->filter, &error);

      if (n >= 0 && n <= FILTER_IDS_LIMIT)
        {
          /* listed past the count, in case clients were added meanwhile */
          self->search_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
          if (!crm_store_list_filtered_clients (self->store, self->filter, self->sort,
                                                self->descending, FILTER_IDS_LIMIT, self->search_ids,
                                                NULL, &error))
            g_array_set_size (self->search_ids, 0);
          n = self->search_ids->len;
        }
      self->n_items = (guint)CLAMP (n, 0, G_MAXUINT);
    }
  else
    {
      gint64 n = crm_store_count_clients (self->store, &error);

      self->n_items = (guint)CLAMP (n, 0, G_MAXUINT);
    }

  self->truncated = more;
  if (error != NULL)
    self->error = g_steal_pointer (&error);

  new_n_items = self->n_items;
  self->n_items = old_n_items;
  _crm_list_model_reset (G_LIST_MODEL (self), &self->n_items, new_n_items);

  if (old_n_items != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  if (old_truncated != self->truncated)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRUNCATED]);
}

void
crm_client_list_set_sort (CrmClientList *self,
                          CrmClientSort  sort,
                          gboolean       descending)
{
  g_return_if_fail (CRM_IS_CLIENT_LIST (self));
  g_return_if_fail (sort < CRM_CLIENT_N_SORTS);

  descending = !!descending;
  if (self->sort == sort && self->descending == descending)
    return;

  self->sort = sort;
  self->descending = descending;
  crm_client_list_reload (self);
}

CrmClientSort
crm_client_list_get_sort (CrmClientList *self,
                          gboolean      *descending)
{
  g_return_val_if_fail (CRM_IS_CLIENT_LIST (self), CRM_CLIENT_SORT_NAME);

  if (descending != NULL)
    *descending = self->descending;

  return self->sort;
}

/**
 * crm_client_list_set_search:
 * @self: a #CrmClientList
 * @text: (nullable): what the user typed; %NULL or blank lists every client
 */
void
crm_client_list_set_search (CrmClientList *self,
                            const char    *text)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (CRM_IS_CLIENT_LIST (self));

  if (text != NULL)
    {
      stripped = g_strstrip (g_strdup (text));
      if (*stripped == '\0')
        g_clear_pointer (&stripped, g_free);
    }

  if (g_strcmp0 (stripped, self->search) == 0)
    return;

  g_free (self->search);
  self->search = g_steal_pointer (&stripped);
  crm_client_list_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
}

const char *
crm_client_list_get_search (CrmClientList *self)
{
  g_return_val_if_fail (CRM_IS_CLIENT_LIST (self), NULL);
  return self->search;
}

gboolean
crm_client_list_get_truncated (CrmClientList *self)
{
  g_return_val_if_fail (CRM_IS_CLIENT_LIST (self), FALSE);
  return self->truncated;
}

/**
 * crm_client_list_get_error:
 * @self: a #CrmClientList
 *
 * Returns: (nullable): why the last count or fetch failed, if it did
 */
const GError *
crm_client_list_get_error (CrmClientList *self)
{
  g_return_val_if_fail (CRM_IS_CLIENT_LIST (self), NULL);
  return self->error;
}

static void
on_filter_changed_cb (CrmClientList   *self,
                      CrmClientFilter *filter)
{
  g_clear_object (&self->filter);
  if (!crm_client_filter_is_empty (filter))
    self->filter = crm_client_filter_copy (filter);
  crm_client_list_reload (self);
}

/**
 * crm_client_list_set_filter:
 * @self: a #CrmClientList
 * @filter: (nullable): the conditions; %NULL lists every client
 *
 * Restricts the list (and its search) to the clients that match @filter.
 * The list follows the filter: adding or removing a condition later reloads
 * it.
 */
void
crm_client_list_set_filter (CrmClientList   *self,
                            CrmClientFilter *filter)
{
  g_return_if_fail (CRM_IS_CLIENT_LIST (self));
  g_return_if_fail (filter == NULL || CRM_IS_CLIENT_FILTER (filter));

  if (self->followed == filter)
    return;

  if (self->followed != NULL)
    g_signal_handlers_disconnect_by_data (self->followed, self);
  g_set_object (&self->followed, filter);
  if (filter != NULL)
    g_signal_connect_object (filter, "changed", G_CALLBACK (on_filter_changed_cb), self,
                             G_CONNECT_SWAPPED);

  /* A copy is what the queries see, so a change is always a reload */
  if (filter != NULL)
    on_filter_changed_cb (self, filter);
  else
    {
      g_clear_object (&self->filter);
      crm_client_list_reload (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
}

/**
 * crm_client_list_get_filter:
 *
 * Returns: (transfer none) (nullable): the filter set with
 *   crm_client_list_set_filter()
 */
CrmClientFilter *
crm_client_list_get_filter (CrmClientList *self)
{
  g_return_val_if_fail (CRM_IS_CLIENT_LIST (self), NULL);
  return self->followed;
}

/**
 * crm_client_list_find:
 * @position: (out): where the client is in the list
 *
 * Where a client is in the list as it is sorted, searched and filtered
 * now: its place among the found ids, or, in the whole list, the count of
 * clients before it (crm_store_client_position()). FALSE when the list
 * does not hold it, and for a large filtered list not listed by ids yet
 * (it is walked page by page: finding one client would take the walk).
 */
gboolean
crm_client_list_find (CrmClientList *self,
                      gint64         client_id,
                      guint         *position)
{
  g_return_val_if_fail (CRM_IS_CLIENT_LIST (self), FALSE);
  g_return_val_if_fail (position != NULL, FALSE);

  if (self->search_ids != NULL)
    {
      for (guint i = 0; i < self->search_ids->len && i < self->n_items; i++)
        if (g_array_index (self->search_ids, gint64, i) == client_id)
          {
            *position = i;
            return TRUE;
          }
      return FALSE;
    }

  if (self->search != NULL || self->filter != NULL ||
      !crm_store_client_position (self->store, self->sort, self->descending, client_id, position, NULL))
    return FALSE;

  return *position < self->n_items;
}
