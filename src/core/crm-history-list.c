/* crm-history-list.c: a client's timeline as a lazy list model
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-history-list"

#include "config.h"

#include "crm-history-list.h"
#include "crm-types-private.h"

/* A view asks for the rows on screen and a few around them: a handful of
 * pages of 50 cover it, whatever the length of the timeline. */
#define MAX_PAGES 8

/* The item */

struct _CrmHistoryItem
{
  GObject          parent_instance;

  CrmHistoryEntry *entry;
  gboolean         starts_day;
};

G_DEFINE_FINAL_TYPE (CrmHistoryItem, crm_history_item, G_TYPE_OBJECT)

static void
crm_history_item_finalize (GObject *object)
{
  CrmHistoryItem *self = (CrmHistoryItem *)object;

  g_clear_pointer (&self->entry, crm_history_entry_free);

  G_OBJECT_CLASS (crm_history_item_parent_class)->finalize (object);
}

static void
crm_history_item_class_init (CrmHistoryItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = crm_history_item_finalize;
}

static void
crm_history_item_init (CrmHistoryItem *self)
{
}

/**
 * crm_history_item_new:
 * @entry: (nullable): copied; %NULL for a placeholder
 */
CrmHistoryItem *
crm_history_item_new (const CrmHistoryEntry *entry,
                      gboolean               starts_day)
{
  CrmHistoryItem *self = g_object_new (CRM_TYPE_HISTORY_ITEM, NULL);

  self->entry = entry != NULL ? crm_history_entry_copy (entry) : g_new0 (CrmHistoryEntry, 1);
  self->starts_day = starts_day;

  return self;
}

/* Takes @entry */
static CrmHistoryItem *
item_take (CrmHistoryEntry *entry,
           gboolean         starts_day)
{
  CrmHistoryItem *self = g_object_new (CRM_TYPE_HISTORY_ITEM, NULL);

  self->entry = entry;
  self->starts_day = starts_day;

  return self;
}

const CrmHistoryEntry *
crm_history_item_get_entry (CrmHistoryItem *self)
{
  g_return_val_if_fail (CRM_IS_HISTORY_ITEM (self), NULL);
  return self->entry;
}

gint64
crm_history_item_get_id (CrmHistoryItem *self)
{
  g_return_val_if_fail (CRM_IS_HISTORY_ITEM (self), 0);
  return self->entry->id;
}

gboolean
crm_history_item_get_starts_day (CrmHistoryItem *self)
{
  g_return_val_if_fail (CRM_IS_HISTORY_ITEM (self), FALSE);
  return self->starts_day;
}

/* The list */

struct _CrmHistoryList
{
  GObject     parent_instance;

  CrmStore   *store;
  gint64      company_id;

  /* the query, owned */
  GStrv       kinds;
  gint64      user_id;
  gint64      contact_id;
  gint64      from;
  gint64      to;
  char       *text;

  guint       n_items;
  GError     *error;
  guint       n_fetches;

  GHashTable *pages;        /* page number → GPtrArray of CrmHistoryItem */
  GQueue      page_order;   /* page numbers, most recently used first */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CrmHistoryList, crm_history_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
query_of (CrmHistoryList  *self,
          CrmHistoryQuery *query)
{
  query->kinds = (const char * const *)self->kinds;
  query->user_id = self->user_id;
  query->contact_id = self->contact_id;
  query->from = self->from;
  query->to = self->to;
  query->text = self->text;
}

/* The local day of a time, as a number that differs between days */
static gint64
local_day (gint64 timestamp)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (timestamp);
  int y, m, d;

  if (local == NULL)
    return G_MININT64;
  g_date_time_get_ymd (local, &y, &m, &d);
  return (gint64)y * 10000 + m * 100 + d;
}

static void
clear_pages (CrmHistoryList *self)
{
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->page_order);
}

/* A page and the entry before it (the last of the page above), so that its
 * first item knows whether it starts a day without the page above fetched */
static GPtrArray *
fetch_page (CrmHistoryList  *self,
            guint            page,
            GError         **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify)crm_history_entry_free);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  CrmHistoryQuery query;
  guint offset = page * CRM_HISTORY_LIST_PAGE_SIZE;
  guint first = page > 0 ? 1 : 0;
  gint64 previous_day = G_MININT64;

  query_of (self, &query);
  self->n_fetches++;
  if (!crm_store_fetch_history (self->store, self->company_id, &query, offset - first,
                                CRM_HISTORY_LIST_PAGE_SIZE + first, entries, error))
    return NULL;

  if (first > 0 && entries->len > 0)
    previous_day = local_day (((CrmHistoryEntry *)g_ptr_array_index (entries, 0))->occurred_at);

  for (guint i = first; i < entries->len; i++)
    {
      CrmHistoryEntry *entry = g_ptr_array_index (entries, i);
      gint64 day = local_day (entry->occurred_at);

      g_ptr_array_add (items, item_take (entry, day != previous_day));
      g_ptr_array_index (entries, i) = NULL;
      previous_day = day;
    }

  return g_steal_pointer (&items);
}

static GPtrArray *
lookup_page (CrmHistoryList *self,
             guint           page)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *items;
  GList *link;

  items = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (items != NULL)
    {
      link = g_queue_find (&self->page_order, GUINT_TO_POINTER (page));
      g_queue_unlink (&self->page_order, link);
      g_queue_push_head_link (&self->page_order, link);
      return items;
    }

  if (!(items = fetch_page (self, page, &error)))
    {
      g_clear_error (&self->error);
      self->error = g_steal_pointer (&error);
      return NULL;
    }

  while (self->page_order.length >= MAX_PAGES)
    g_hash_table_remove (self->pages, g_queue_pop_tail (&self->page_order));

  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), items);
  g_queue_push_head (&self->page_order, GUINT_TO_POINTER (page));

  return items;
}

static GType
crm_history_list_get_item_type (GListModel *model)
{
  return CRM_TYPE_HISTORY_ITEM;
}

static guint
crm_history_list_get_n_items (GListModel *model)
{
  return CRM_HISTORY_LIST (model)->n_items;
}

static gpointer
crm_history_list_get_item (GListModel *model,
                           guint       position)
{
  CrmHistoryList *self = CRM_HISTORY_LIST (model);
  guint index = position % CRM_HISTORY_LIST_PAGE_SIZE;
  GPtrArray *items;

  if (position >= self->n_items)
    return NULL;

  items = lookup_page (self, position / CRM_HISTORY_LIST_PAGE_SIZE);

  /* An entry deleted since the count: an empty item rather than a list
   * shifting under the user; reload() settles it */
  if (items == NULL || index >= items->len)
    return crm_history_item_new (NULL, FALSE);

  return g_object_ref (g_ptr_array_index (items, index));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = crm_history_list_get_item_type;
  iface->get_n_items = crm_history_list_get_n_items;
  iface->get_item = crm_history_list_get_item;
}

static void
crm_history_list_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CrmHistoryList *self = CRM_HISTORY_LIST (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_history_list_dispose (GObject *object)
{
  CrmHistoryList *self = (CrmHistoryList *)object;

  clear_pages (self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_history_list_parent_class)->dispose (object);
}

static void
crm_history_list_finalize (GObject *object)
{
  CrmHistoryList *self = (CrmHistoryList *)object;

  g_hash_table_unref (self->pages);
  g_strfreev (self->kinds);
  g_free (self->text);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (crm_history_list_parent_class)->finalize (object);
}

static void
crm_history_list_class_init (CrmHistoryListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = crm_history_list_get_property;
  object_class->dispose = crm_history_list_dispose;
  object_class->finalize = crm_history_list_finalize;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_history_list_init (CrmHistoryList *self)
{
  self->pages = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                       (GDestroyNotify)g_ptr_array_unref);
  g_queue_init (&self->page_order);
}

/**
 * crm_history_list_new:
 * @company_id: the client; 0 for an empty list
 *
 * Returns: (transfer full): the client's whole timeline, counted (no entry
 * is fetched before a view asks for one)
 */
CrmHistoryList *
crm_history_list_new (CrmStore *store,
                      gint64    company_id)
{
  CrmHistoryList *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  self = g_object_new (CRM_TYPE_HISTORY_LIST, NULL);
  self->store = g_object_ref (store);
  self->company_id = company_id;
  crm_history_list_reload (self);

  return self;
}

CrmStore *
crm_history_list_get_store (CrmHistoryList *self)
{
  g_return_val_if_fail (CRM_IS_HISTORY_LIST (self), NULL);
  return self->store;
}

gint64
crm_history_list_get_company_id (CrmHistoryList *self)
{
  g_return_val_if_fail (CRM_IS_HISTORY_LIST (self), 0);
  return self->company_id;
}

/* Shows another client's timeline with the same query */
void
crm_history_list_set_company_id (CrmHistoryList *self,
                                 gint64          company_id)
{
  g_return_if_fail (CRM_IS_HISTORY_LIST (self));

  self->company_id = company_id;
  crm_history_list_reload (self);
}

/**
 * crm_history_list_set_query:
 * @query: (nullable): copied; %NULL for every entry
 *
 * Selects other entries of the client, and counts them again.
 */
void
crm_history_list_set_query (CrmHistoryList        *self,
                            const CrmHistoryQuery *query)
{
  g_return_if_fail (CRM_IS_HISTORY_LIST (self));

  crm_history_list_set_client (self, self->company_id, query);
}

/**
 * crm_history_list_set_client:
 * @query: (nullable): copied; %NULL for every entry
 *
 * Shows another client's entries the query selects, counted once.
 */
void
crm_history_list_set_client (CrmHistoryList        *self,
                             gint64                 company_id,
                             const CrmHistoryQuery *query)
{
  g_return_if_fail (CRM_IS_HISTORY_LIST (self));

  self->company_id = company_id;
  g_clear_pointer (&self->kinds, g_strfreev);
  g_clear_pointer (&self->text, g_free);
  self->user_id = self->contact_id = self->from = self->to = 0;
  if (query != NULL)
    {
      if (query->kinds != NULL && query->kinds[0] != NULL)
        self->kinds = g_strdupv ((char **)query->kinds);
      self->user_id = query->user_id;
      self->contact_id = query->contact_id;
      self->from = query->from;
      self->to = query->to;
      if (query->text != NULL && *query->text != '\0')
        self->text = g_strdup (query->text);
    }
  crm_history_list_reload (self);
}

/**
 * crm_history_list_reload:
 *
 * Counts the entries again and forgets the pages fetched: after an entry
 * was logged, edited or deleted.
 */
void
crm_history_list_reload (CrmHistoryList *self)
{
  g_autoptr(GError) error = NULL;
  CrmHistoryQuery query;
  guint removed;
  gint64 n = 0;

  g_return_if_fail (CRM_IS_HISTORY_LIST (self));

  query_of (self, &query);
  if (self->company_id > 0)
    n = crm_store_count_history (self->store, self->company_id, &query, &error);
  g_clear_error (&self->error);
  if (n < 0)
    {
      self->error = g_steal_pointer (&error);
      n = 0;
    }

  clear_pages (self);
  removed = self->n_items;
  _crm_list_model_reset (G_LIST_MODEL (self), &self->n_items, (guint)MIN (n, (gint64)G_MAXUINT));
  if (removed != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* The last error of a count or a fetch, or %NULL */
const GError *
crm_history_list_get_error (CrmHistoryList *self)
{
  g_return_val_if_fail (CRM_IS_HISTORY_LIST (self), NULL);
  return self->error;
}

/* How many pages were fetched from the store since the list was made: how
 * the tests and the benchmark see that it stays lazy */
guint
crm_history_list_get_n_fetches (CrmHistoryList *self)
{
  g_return_val_if_fail (CRM_IS_HISTORY_LIST (self), 0);
  return self->n_fetches;
}
