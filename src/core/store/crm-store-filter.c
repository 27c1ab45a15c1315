/* crm-store-filter.c: the client list restricted by a CrmClientFilter
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-store"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-client-filter.h"
#include "crm-store-private.h"

#define SECONDS_PER_DAY 86400
/* How many search matches are taken before the filter narrows them, per
 * match asked for: a one-letter prefix never scans the whole index. */
#define SEARCH_WIDENING 10
#define SEARCH_MIN_CANDIDATES 10000

/* The index each sort of the list walks (0001-initial.sql), in the order of
 * CrmClientSort; they serve _crm_client_order_asc/_desc. */
static const char * const sort_index[CRM_CLIENT_N_SORTS] = {
  "companies_by_name",
  "companies_by_status",
  "companies_by_industry",
  "companies_by_region",
  "companies_by_city",
  "companies_by_manager",
  "companies_by_last_contact",
};

/* "INDEXED BY <the sort's index>", or nothing while a big import has the
 * index dropped (crm-store-import.c): then the query sorts, slowly, rather
 * than fails */
static const char *
indexed_by (CrmStore      *self,
            CrmClientSort  sort)
{
  static const char * const clauses[CRM_CLIENT_N_SORTS] = {
    "INDEXED BY companies_by_name",
    "INDEXED BY companies_by_status",
    "INDEXED BY companies_by_industry",
    "INDEXED BY companies_by_region",
    "INDEXED BY companies_by_city",
    "INDEXED BY companies_by_manager",
    "INDEXED BY companies_by_last_contact",
  };
  sqlite3_stmt *stmt = _crm_store_cached (self, "SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = ?1",
                                          NULL);
  gboolean exists = TRUE;

  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, sort_index[sort], -1, SQLITE_STATIC);
      exists = sqlite3_step (stmt) == SQLITE_ROW;
      sqlite3_reset (stmt);
    }

  return exists ? clauses[sort] : "";
}

/* The column of companies each kind that holds ids compares; tags are a
 * table of their own. A whitelist: nothing else reaches the SQL. */
static const char * const id_column[CRM_FILTER_N_ID_KINDS] = {
  "c.status_id",
  "c.industry_id",
  "c.region_id",
  "c.source_id",
  NULL,
  "c.manager_id",
};

typedef struct
{
  GString   *sql;
  GPtrArray *texts;    /* char *, NULL for a number */
  GArray    *numbers;  /* gint64, parallel to texts */
} Where;

static void
where_init (Where *where)
{
  where->sql = g_string_new (NULL);
  where->texts = g_ptr_array_new_with_free_func (g_free);
  where->numbers = g_array_new (FALSE, FALSE, sizeof (gint64));
}

static void
where_clear (Where *where)
{
  if (where->sql != NULL)
    g_string_free (where->sql, TRUE);
  g_clear_pointer (&where->texts, g_ptr_array_unref);
  g_clear_pointer (&where->numbers, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Where, where_clear)

static void
where_number (Where  *where,
              gint64  number)
{
  g_string_append_c (where->sql, '?');
  g_ptr_array_add (where->texts, NULL);
  g_array_append_val (where->numbers, number);
}

static void
where_text (Where      *where,
            const char *text)
{
  gint64 none = 0;

  g_string_append_c (where->sql, '?');
  g_ptr_array_add (where->texts, g_strdup (text));
  g_array_append_val (where->numbers, none);
}

static void
where_and (Where *where)
{
  g_string_append (where->sql, where->sql->len == 0 ? "WHERE " : " AND ");
}

static void
where_id_list (Where        *where,
               const gint64 *ids,
               guint         n_ids)
{
  g_string_append (where->sql, " IN (");
  for (guint i = 0; i < n_ids; i++)
    {
      if (i > 0)
        g_string_append (where->sql, ", ");
      where_number (where, ids[i]);
    }
  g_string_append_c (where->sql, ')');
}

/* Binds the WHERE clause's values from parameter @first on; returns the
 * next free parameter */
static int
where_bind (Where        *where,
            sqlite3_stmt *stmt,
            int           first)
{
  for (guint i = 0; i < where->texts->len; i++)
    {
      const char *text = g_ptr_array_index (where->texts, i);

      if (text != NULL)
        sqlite3_bind_text (stmt, first + i, text, -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_int64 (stmt, first + i, g_array_index (where->numbers, gint64, i));
    }

  return first + where->texts->len;
}

static char *
casefold (const char *text)
{
  g_autofree char *normalized = g_utf8_normalize (text, -1, G_NORMALIZE_ALL_COMPOSE);

  return g_utf8_casefold (normalized ? normalized : text, -1);
}

/* crm_casefold (text): the text with case and compatibility forms folded,
 * for "contains" conditions on user-defined fields */
static void
sql_casefold (sqlite3_context  *context,
              int               argc,
              sqlite3_value   **argv)
{
  const char *text = (const char *)sqlite3_value_text (argv[0]);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      sqlite3_result_null (context);
      return;
    }
  sqlite3_result_text (context, casefold (text), -1, g_free);
}

/* A set of company ids as a bitmap, handed to crm_in_set () through
 * sqlite3_bind_pointer (): the walk along a sort's index tests it instead of
 * looking each company's row up. */
#define ID_SET_POINTER "crm-id-set"
/* The largest id a bitmap covers (32 MiB); above, the set stays in SQL */
#define ID_SET_MAX_ID (G_GINT64_CONSTANT (1) << 28)

typedef struct
{
  guint8 *bits;
  gint64  max_id;
} IdSet;

static void
sql_in_set (sqlite3_context  *context,
            int               argc,
            sqlite3_value   **argv)
{
  const IdSet *set = sqlite3_value_pointer (argv[0], ID_SET_POINTER);
  gint64 id = sqlite3_value_int64 (argv[1]);

  sqlite3_result_int (context, set != NULL && id >= 0 && id <= set->max_id &&
                               (set->bits[id >> 3] & (1u << (id & 7))) != 0);
}

static gboolean
ensure_functions (CrmStore  *self,
                  GError   **error)
{
  static GQuark quark;

  if (quark == 0)
    quark = g_quark_from_static_string ("crm-store-filter-functions");
  if (g_object_get_qdata (G_OBJECT (self), quark) != NULL)
    return TRUE;

  if (sqlite3_create_function (self->db, "crm_casefold", 1,
                               SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                               NULL, sql_casefold, NULL, NULL) != SQLITE_OK ||
      sqlite3_create_function (self->db, "crm_in_set", 2, SQLITE_UTF8 | SQLITE_INNOCUOUS,
                               NULL, sql_in_set, NULL, NULL) != SQLITE_OK)
    return _crm_store_set_error (self, error);

  g_object_set_qdata (G_OBJECT (self), quark, GINT_TO_POINTER (1));
  return TRUE;
}

/* The rank copied onto the company for the sorts by a dictionary or the
 * manager, and where the rank of a value is; NULL for the other kinds */
static const char * const rank_seek[CRM_FILTER_N_ID_KINDS] = {
  "c.status_rank IN (SELECT position FROM dictionary WHERE id",
  "c.industry_rank IN (SELECT position FROM dictionary WHERE id",
  "c.region_rank IN (SELECT position FROM dictionary WHERE id",
  NULL,
  NULL,
  "c.manager_rank IN (SELECT sort_rank FROM users WHERE id",
};

static const CrmFilterKind sort_kind[CRM_CLIENT_N_SORTS] = {
  [CRM_CLIENT_SORT_NAME] = CRM_FILTER_N_KINDS,
  [CRM_CLIENT_SORT_STATUS] = CRM_FILTER_STATUS,
  [CRM_CLIENT_SORT_INDUSTRY] = CRM_FILTER_INDUSTRY,
  [CRM_CLIENT_SORT_REGION] = CRM_FILTER_REGION,
  [CRM_CLIENT_SORT_CITY] = CRM_FILTER_N_KINDS,
  [CRM_CLIENT_SORT_MANAGER] = CRM_FILTER_MANAGER,
  [CRM_CLIENT_SORT_LAST_CONTACT] = CRM_FILTER_N_KINDS,
};

/* When the list is sorted by the column a condition tests, the matches sit
 * together in the sort's index, maybe at its far end: a redundant condition
 * on the rank lets the walk seek to them instead of stepping over the rest. */
static void
add_rank_seek (CrmClientFilter *filter,
               CrmClientSort    sort,
               Where           *where)
{
  CrmFilterKind kind = sort_kind[sort];
  const gint64 *ids;
  guint n_ids;

  if (kind >= CRM_FILTER_N_ID_KINDS || rank_seek[kind] == NULL)
    return;
  ids = crm_client_filter_get_ids (filter, kind, &n_ids);
  if (n_ids == 0)
    return;

  where_and (where);
  g_string_append (where->sql, rank_seek[kind]);
  where_id_list (where, ids, n_ids);
  g_string_append_c (where->sql, ')');
}

static void
build_where (CrmClientFilter *filter,
             Where           *where)
{
  g_autoptr(GArray) fields_done = NULL;
  guint n_fields;
  guint days;

  if (filter == NULL)
    return;

  for (guint kind = 0; kind < CRM_FILTER_N_ID_KINDS; kind++)
    {
      guint n_ids;
      const gint64 *ids = crm_client_filter_get_ids (filter, kind, &n_ids);

      if (n_ids == 0)
        continue;

      where_and (where);
      if (kind == CRM_FILTER_TAG)
        {
          g_string_append (where->sql, "c.id IN (SELECT company_id FROM company_tags WHERE tag_id");
          where_id_list (where, ids, n_ids);
          g_string_append_c (where->sql, ')');
        }
      else
        {
          g_string_append (where->sql, id_column[kind]);
          where_id_list (where, ids, n_ids);
        }
    }

  /* Never contacted (0) is older than any day */
  days = crm_client_filter_get_no_contact_days (filter);
  if (days > 0)
    {
      where_and (where);
      g_string_append (where->sql, "c.last_contact_at < ");
      where_number (where, _crm_now_utc () - (gint64)days * SECONDS_PER_DAY);
    }

  /* Conditions on one field are ORed, fields ANDed */
  n_fields = crm_client_filter_get_n_fields (filter);
  fields_done = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < n_fields; i++)
    {
      gint64 field_id;
      gboolean done = FALSE;
      gboolean first = TRUE;
      gboolean positive;

      crm_client_filter_get_field (filter, i, &field_id, NULL, NULL);
      for (guint k = 0; k < fields_done->len; k++)
        done |= g_array_index (fields_done, gint64, k) == field_id;
      if (done)
        continue;
      g_array_append_val (fields_done, field_id);

      /* What matches a value is looked for among the field's values; a
       * "not equals" also matches the clients without a value */
      where_and (where);
      g_string_append_c (where->sql, '(');
      for (guint j = i; j < n_fields; j++)
        {
          gint64 other_id;
          CrmFieldMatch match;
          const char *value;

          crm_client_filter_get_field (filter, j, &other_id, &match, &value);
          if (other_id != field_id || match != CRM_FIELD_MATCH_NOT_EQUALS)
            continue;
          if (!first)
            g_string_append (where->sql, " OR ");
          first = FALSE;
          g_string_append (where->sql, "c.id NOT IN (SELECT company_id FROM custom_values WHERE field_id = ");
          where_number (where, field_id);
          g_string_append (where->sql, " AND value = ");
          where_text (where, value);
          g_string_append_c (where->sql, ')');
        }

      positive = FALSE;
      for (guint j = i; j < n_fields; j++)
        {
          gint64 other_id;
          CrmFieldMatch match;
          const char *value;
          const char *to;

          crm_client_filter_get_field (filter, j, &other_id, &match, &value);
          if (other_id != field_id || match == CRM_FIELD_MATCH_NOT_EQUALS)
            continue;
          if (!positive)
            {
              if (!first)
                g_string_append (where->sql, " OR ");
              g_string_append (where->sql, "c.id IN (SELECT company_id FROM custom_values WHERE field_id = ");
              where_number (where, field_id);
              g_string_append (where->sql, " AND (");
            }
          else
            g_string_append (where->sql, " OR ");
          positive = TRUE;

          switch (match)
            {
            case CRM_FIELD_MATCH_EQUALS:
              g_string_append (where->sql, "value = ");
              where_text (where, value);
              break;
            case CRM_FIELD_MATCH_CONTAINS:
              {
                g_autofree char *folded = casefold (value);

                g_string_append (where->sql, "instr (crm_casefold (value), ");
                where_text (where, folded);
                g_string_append (where->sql, ") > 0");
              }
              break;
            case CRM_FIELD_MATCH_RANGE:
              {
                gboolean is_date = FALSE;
                /* numbers as numbers; dates YYYY-MM-DD sort as text */
                const char *operand;

                crm_client_filter_get_field_range (filter, j, &value, &to);
                crm_client_filter_is_range_bound (value != NULL ? value : to, &is_date);
                operand = is_date ? "value" : "CAST (value AS REAL)";
                g_string_append (where->sql, "(coalesce (value, '') <> ''");
                if (value != NULL)
                  {
                    g_string_append_printf (where->sql, " AND %s >= %s", operand, is_date ? "" : "CAST (");
                    where_text (where, value);
                    if (!is_date)
                      g_string_append (where->sql, " AS REAL)");
                  }
                if (to != NULL)
                  {
                    g_string_append_printf (where->sql, " AND %s <= %s", operand, is_date ? "" : "CAST (");
                    where_text (where, to);
                    if (!is_date)
                      g_string_append (where->sql, " AS REAL)");
                  }
                g_string_append_c (where->sql, ')');
              }
              break;
            case CRM_FIELD_MATCH_IS_SET:
            case CRM_FIELD_MATCH_NOT_EQUALS:
            case CRM_FIELD_N_MATCHES:
            default:
              g_string_append (where->sql, "coalesce (value, '') <> ''");
              break;
            }
        }
      if (positive)
        g_string_append (where->sql, "))");
      g_string_append_c (where->sql, ')');
    }
}

static gboolean
filter_is_empty (CrmClientFilter *filter)
{
  return filter == NULL || crm_client_filter_is_empty (filter);
}

/**
 * crm_store_count_filtered_clients:
 * @filter: (nullable): the conditions
 *
 * Counts through the indexes of the conditions' columns.
 *
 * Returns: how many clients match, -1 on an error
 */
gint64
crm_store_count_filtered_clients (CrmStore         *self,
                                  CrmClientFilter  *filter,
                                  GError          **error)
{
  g_auto(Where) where = { 0 };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), -1);
  g_return_val_if_fail (filter == NULL || CRM_IS_CLIENT_FILTER (filter), -1);

  STORE_LOCK (self);

  if (filter_is_empty (filter))
    return crm_store_count_clients (self, error);

  if (!ensure_functions (self, error))
    return -1;

  where_init (&where);
  build_where (filter, &where);
  sql = g_strdup_printf ("SELECT count(*) FROM companies c %s", where.sql->str);
  if (!(stmt = _crm_store_prepare (self, sql, error)))
    return -1;
  where_bind (&where, stmt, 1);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _crm_store_set_error (self, error);
      return -1;
    }

  return sqlite3_column_int64 (stmt, 0);
}

static const char *
order_of (CrmClientSort sort,
          gboolean      descending)
{
  return descending ? _crm_client_order_desc[sort] : _crm_client_order_asc[sort];
}

/* Runs a query of ids and collects at most @limit of them; one more row
 * sets @more */
static gboolean
collect_ids (CrmStore      *self,
             sqlite3_stmt  *stmt,
             guint          limit,
             GArray        *ids,
             gboolean      *more,
             GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (ids->len >= limit)
        {
          if (more != NULL)
            *more = TRUE;
          break;
        }
      g_array_append_val (ids, id);
    }

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _crm_store_set_error (self, error);

  return TRUE;
}

/* Stops a statement once it has run longer than its budget: checked every
 * thousand SQLite instructions (each one for a budget of 0) */
typedef struct
{
  gint64   deadline;
  gboolean over;
} TimeBudget;

static int
time_budget_cb (gpointer data)
{
  TimeBudget *budget = data;

  budget->over = g_get_monotonic_time () > budget->deadline;
  return budget->over;
}

static gboolean
fetch_filtered (CrmStore         *self,
                CrmClientFilter  *filter,
                CrmClientSort     sort,
                gboolean          descending,
                guint             offset,
                guint             limit,
                guint             max_ms,
                GPtrArray        *rows,
                gboolean         *gave_up,
                GError          **error)
{
  g_auto(Where) where = { 0 };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *sql = NULL;
  TimeBudget budget = { g_get_monotonic_time () + (gint64)max_ms * 1000, FALSE };
  gboolean ok;
  int next;

  STORE_LOCK (self);

  if (gave_up != NULL)
    *gave_up = FALSE;

  if (filter_is_empty (filter))
    return crm_store_fetch_clients (self, sort, descending, offset, limit, rows, error);

  if (!ensure_functions (self, error))
    return FALSE;

  where_init (&where);
  build_where (filter, &where);
  add_rank_seek (filter, sort, &where);
  sql = g_strdup_printf ("SELECT c.id FROM companies c %s %s ORDER BY %s LIMIT ? OFFSET ?",
                         indexed_by (self, sort), where.sql->str, order_of (sort, descending));
  if (!(stmt = _crm_store_prepare (self, sql, error)))
    return FALSE;
  next = where_bind (&where, stmt, 1);
  sqlite3_bind_int64 (stmt, next, limit);
  sqlite3_bind_int64 (stmt, next + 1, offset);

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  /* the connection is this thread's while the store's lock is held */
  if (gave_up != NULL)
    sqlite3_progress_handler (self->db, max_ms > 0 ? 1000 : 1, time_budget_cb, &budget);
  ok = collect_ids (self, stmt, limit, ids, NULL, error);
  if (gave_up != NULL)
    sqlite3_progress_handler (self->db, 0, NULL, NULL);
  if (!ok && budget.over && sqlite3_errcode (self->db) == SQLITE_INTERRUPT)
    {
      g_clear_error (error);
      if (gave_up != NULL)
        *gave_up = TRUE;
      return TRUE;
    }
  if (!ok)
    return FALSE;
  g_clear_pointer (&stmt, sqlite3_finalize);

  return crm_store_fetch_clients_by_id (self, (const gint64 *)(gpointer)ids->data, ids->len, rows, error);
}

/**
 * crm_store_fetch_filtered_clients:
 * @filter: (nullable): the conditions
 * @rows: (element-type CrmClientRow): where the rows are appended
 *
 * One page of the matching clients in the list's order. The query walks the
 * sort's index and tests each client, so it suits a filter that matches many
 * clients (a page needs few steps); for one that matches few,
 * crm_store_list_filtered_clients() takes them through the conditions'
 * indexes instead.
 */
gboolean
crm_store_fetch_filtered_clients (CrmStore         *self,
                                  CrmClientFilter  *filter,
                                  CrmClientSort     sort,
                                  gboolean          descending,
                                  guint             offset,
                                  guint             limit,
                                  GPtrArray        *rows,
                                  GError          **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (filter == NULL || CRM_IS_CLIENT_FILTER (filter), FALSE);
  g_return_val_if_fail (sort < CRM_CLIENT_N_SORTS, FALSE);
  g_return_val_if_fail (rows != NULL, FALSE);

  return fetch_filtered (self, filter, sort, descending, offset, limit, 0, rows, NULL, error);
}

/**
 * crm_store_try_fetch_filtered_clients:
 * @max_ms: how long the walk may take, in milliseconds
 * @gave_up: (out): set, with no rows and no error, when the walk would
 *   have taken longer
 *
 * crm_store_fetch_filtered_clients() when it is cheap: the walk along the
 * sort's index costs a row look-up per client it steps over, which for a
 * page far down, or for matches that sit at the far end of the order, is a
 * walk over most of the table. The caller then lists every match once with
 * crm_store_sort_filtered_clients().
 */
gboolean
crm_store_try_fetch_filtered_clients (CrmStore         *self,
                                      CrmClientFilter  *filter,
                                      CrmClientSort     sort,
                                      gboolean          descending,
                                      guint             offset,
                                      guint             limit,
                                      guint             max_ms,
                                      GPtrArray        *rows,
                                      gboolean         *gave_up,
                                      GError          **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (filter == NULL || CRM_IS_CLIENT_FILTER (filter), FALSE);
  g_return_val_if_fail (sort < CRM_CLIENT_N_SORTS, FALSE);
  g_return_val_if_fail (rows != NULL, FALSE);
  g_return_val_if_fail (gave_up != NULL, FALSE);

  return fetch_filtered (self, filter, sort, descending, offset, limit, max_ms, rows, gave_up, error);
}

/**
 * crm_store_list_filtered_clients:
 * @filter: (nullable): the conditions
 * @limit: the most ids to return
 * @ids: (element-type gint64): where the ids are appended, in the list's order
 * @more: (out) (optional): set when more clients match
 *
 * The ids of the matching clients in the list's order, found through the
 * indexes of the conditions' columns and then sorted: quick when few
 * clients match.
 */
gboolean
crm_store_list_filtered_clients (CrmStore         *self,
                                 CrmClientFilter  *filter,
                                 CrmClientSort     sort,
                                 gboolean          descending,
                                 guint             limit,
                                 GArray           *ids,
                                 gboolean         *more,
                                 GError          **error)
{
  g_auto(Where) where = { 0 };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  int next;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (filter == NULL || CRM_IS_CLIENT_FILTER (filter), FALSE);
  g_return_val_if_fail (sort < CRM_CLIENT_N_SORTS, FALSE);
  g_return_val_if_fail (ids != NULL, FALSE);

  STORE_LOCK (self);

  if (more != NULL)
    *more = FALSE;

  if (!ensure_functions (self, error))
    return FALSE;

  where_init (&where);
  build_where (filter, &where);
  /* "+" keeps the planner off the sort's index: walking it would test every
   * client, where the conditions' indexes find the few that match */
  sql = g_strdup_printf ("SELECT c.id FROM companies c %s ORDER BY +%s LIMIT ?",
                         where.sql->str, order_of (sort, descending));
  if (!(stmt = _crm_store_prepare (self, sql, error)))
    return FALSE;
  next = where_bind (&where, stmt, 1);
  sqlite3_bind_int64 (stmt, next, (gint64)limit + 1);

  return collect_ids (self, stmt, limit, ids, more, error);
}

/**
 * crm_store_sort_filtered_clients:
 * @filter: the conditions, not empty
 * @ids: (element-type gint64): where every matching id is appended, in the
 *   list's order
 *
 * Every matching client in the list's order, for a filter that matches too
 * many to sort them one by one (crm_store_list_filtered_clients()) and too
 * many for paging with OFFSET along the sort's index, which reads the row of
 * every client it steps over (crm_store_fetch_filtered_clients()). The
 * matches are found through the conditions' indexes into a bitmap of ids;
 * then the sort's index is read from end to end, and only the index: an
 * index entry holds the sort key and the id, and the bitmap says whether the
 * id matches. A million clients take about a tenth of a second either way.
 */
gboolean
crm_store_sort_filtered_clients (CrmStore         *self,
                                 CrmClientFilter  *filter,
                                 CrmClientSort     sort,
                                 gboolean          descending,
                                 GArray           *ids,
                                 GError          **error)
{
  g_auto(Where) where = { 0 };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree guint8 *bits = NULL;
  g_autofree char *sql = NULL;
  IdSet set = { NULL, 0 };
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (filter == NULL || CRM_IS_CLIENT_FILTER (filter), FALSE);
  g_return_val_if_fail (sort < CRM_CLIENT_N_SORTS, FALSE);
  g_return_val_if_fail (ids != NULL, FALSE);

  STORE_LOCK (self);

  if (!ensure_functions (self, error))
    return FALSE;

  where_init (&where);
  build_where (filter, &where);

  set.max_id = _crm_store_query_int64 (self, "SELECT coalesce (max(id), 0) FROM companies", -1, error);
  if (set.max_id < 0)
    return FALSE;

  if (set.max_id <= ID_SET_MAX_ID)
    {
      /* the planner picks the conditions' indexes; no order asked for */
      sql = g_strdup_printf ("SELECT c.id FROM companies c %s", where.sql->str);
      if (!(stmt = _crm_store_prepare (self, sql, error)))
        return FALSE;
      where_bind (&where, stmt, 1);
      set.bits = bits = g_malloc0 ((gsize)(set.max_id >> 3) + 1);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          /* a client added since max () is for the next reload */
          if (id >= 0 && id <= set.max_id)
            bits[id >> 3] |= 1u << (id & 7);
        }
      if (rc != SQLITE_DONE)
        return _crm_store_set_error (self, error);
      g_clear_pointer (&stmt, sqlite3_finalize);
      g_clear_pointer (&sql, g_free);

      sql = g_strdup_printf ("SELECT c.id FROM companies c %s WHERE crm_in_set (?1, c.id) "
                             "ORDER BY %s", indexed_by (self, sort), order_of (sort, descending));
      if (!(stmt = _crm_store_prepare (self, sql, error)))
        return FALSE;
      sqlite3_bind_pointer (stmt, 1, &set, ID_SET_POINTER, NULL);
    }
  else
    {
      /* ids too sparse for a bitmap: SQLite keeps the set itself, in a
       * temporary b-tree (about three times slower) */
      sql = g_strdup_printf ("SELECT c.id FROM companies c %s "
                             "WHERE c.id IN (SELECT c.id FROM companies c %s) ORDER BY %s",
                             indexed_by (self, sort), where.sql->str, order_of (sort, descending));
      if (!(stmt = _crm_store_prepare (self, sql, error)))
        return FALSE;
      where_bind (&where, stmt, 1);
    }

  return collect_ids (self, stmt, G_MAXUINT, ids, NULL, error);
}

/**
 * crm_store_page_filtered_clients:
 * @filter: (nullable): the conditions
 * @after_id: the last id of the previous page; 0 for the first page
 * @limit: the most ids to return
 * @ids: (element-type gint64): emptied, then given the next matching ids
 *   above @after_id, ascending
 *
 * Keyset paging through the matching clients in id order, for an export.
 * The walk follows the table's rowid from @after_id and tests each client,
 * so a page costs little when matches are dense; a filter matching few
 * clients is better listed once with crm_store_list_filtered_clients().
 */
gboolean
crm_store_page_filtered_clients (CrmStore         *self,
                                 CrmClientFilter  *filter,
                                 gint64            after_id,
                                 guint             limit,
                                 GArray           *ids,
                                 GError          **error)
{
  g_auto(Where) where = { 0 };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  int next;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (filter == NULL || CRM_IS_CLIENT_FILTER (filter), FALSE);
  g_return_val_if_fail (ids != NULL, FALSE);

  STORE_LOCK (self);

  g_array_set_size (ids, 0);
  if (limit == 0)
    return TRUE;

  if (!ensure_functions (self, error))
    return FALSE;

  where_init (&where);
  build_where (filter, &where);
  where_and (&where);
  g_string_append (where.sql, "c.id > ");
  where_number (&where, after_id);
  /* NOT INDEXED keeps the planner on the rowid: a condition's index would
   * find every match on each page only to sort them by id */
  sql = g_strdup_printf ("SELECT c.id FROM companies c NOT INDEXED %s ORDER BY c.id LIMIT ?",
                         where.sql->str);
  if (!(stmt = _crm_store_prepare (self, sql, error)))
    return FALSE;
  next = where_bind (&where, stmt, 1);
  sqlite3_bind_int64 (stmt, next, limit);

  return collect_ids (self, stmt, limit, ids, NULL, error);
}

/**
 * crm_store_search_filtered_clients:
 * @query: what the user typed, as for crm_store_search_clients()
 * @filter: (nullable): the conditions
 * @ids: (element-type gint64): where the matching ids are appended, in the list's order
 * @more: (out) (optional): set when more clients may match
 *
 * The matches of crm_store_search_clients() restricted by the filter. The
 * search takes a bounded number of candidates first (ten times @limit, at
 * least 10,000); @more is also set when that bound was reached.
 */
gboolean
crm_store_search_filtered_clients (CrmStore         *self,
                                   const char       *query,
                                   CrmClientFilter  *filter,
                                   CrmClientSort     sort,
                                   gboolean          descending,
                                   guint             limit,
                                   GArray           *ids,
                                   gboolean         *more,
                                   GError          **error)
{
  g_auto(Where) where = { 0 };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) candidates = NULL;
  g_autoptr(GString) list = NULL;
  g_autofree char *sql = NULL;
  gboolean candidates_more = FALSE;
  guint n_candidates;
  int next;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (filter == NULL || CRM_IS_CLIENT_FILTER (filter), FALSE);
  g_return_val_if_fail (sort < CRM_CLIENT_N_SORTS, FALSE);
  g_return_val_if_fail (ids != NULL, FALSE);

  STORE_LOCK (self);

  if (filter_is_empty (filter))
    return crm_store_search_clients (self, query, sort, descending, limit, ids, more, error);

  if (more != NULL)
    *more = FALSE;

  if (!ensure_functions (self, error))
    return FALSE;

  n_candidates = (guint)CLAMP ((guint64)limit * SEARCH_WIDENING, SEARCH_MIN_CANDIDATES, G_MAXUINT - 1);
  candidates = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (!crm_store_search_clients (self, query, sort, descending, n_candidates,
                                 candidates, &candidates_more, error))
    return FALSE;
  if (candidates->len == 0)
    return TRUE;

  list = g_string_new ("[");
  for (guint i = 0; i < candidates->len; i++)
    g_string_append_printf (list, "%s%" G_GINT64_FORMAT, i ? "," : "",
                            g_array_index (candidates, gint64, i));
  g_string_append_c (list, ']');

  where_init (&where);
  build_where (filter, &where);
  sql = g_strdup_printf ("SELECT c.id FROM companies c %s%sc.id IN (SELECT value FROM json_each (?)) "
                         "ORDER BY %s LIMIT ?",
                         where.sql->str, where.sql->len > 0 ? " AND " : "WHERE ",
                         order_of (sort, descending));
  if (!(stmt = _crm_store_prepare (self, sql, error)))
    return FALSE;
  next = where_bind (&where, stmt, 1);
  sqlite3_bind_text (stmt, next, list->str, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, next + 1, (gint64)limit + 1);

  if (!collect_ids (self, stmt, limit, ids, more, error))
    return FALSE;
  if (candidates_more && more != NULL)
    *more = TRUE;

  return TRUE;
}

/* Names of the values conditions refer to */

static const char *
lookup_sql (CrmFilterKind kind)
{
  switch (kind)
    {
    case CRM_FILTER_STATUS:
    case CRM_FILTER_INDUSTRY:
    case CRM_FILTER_REGION:
    case CRM_FILTER_SOURCE:
      return "SELECT id FROM dictionary WHERE kind = ?2 AND (name = ?1 OR crm_casefold (name) = crm_casefold (?1)) "
             "ORDER BY name = ?1 DESC LIMIT 1";
    case CRM_FILTER_TAG:
      return "SELECT id FROM tags WHERE name = ?1 OR crm_casefold (name) = crm_casefold (?1) "
             "ORDER BY name = ?1 DESC LIMIT 1";
    case CRM_FILTER_MANAGER:
      return "SELECT id FROM users WHERE login = ?1 OR full_name = ?1 ORDER BY login = ?1 DESC LIMIT 1";
    case CRM_FILTER_FIELD:
      return "SELECT id FROM custom_fields WHERE name = ?1 OR crm_casefold (name) = crm_casefold (?1) "
             "ORDER BY name = ?1 DESC LIMIT 1";
    case CRM_FILTER_NO_CONTACT:
    case CRM_FILTER_N_KINDS:
    default:
      return NULL;
    }
}

static const char *
known_values_sql (CrmFilterKind kind)
{
  switch (kind)
    {
    case CRM_FILTER_STATUS:
    case CRM_FILTER_INDUSTRY:
    case CRM_FILTER_REGION:
    case CRM_FILTER_SOURCE:
      return "SELECT name FROM dictionary WHERE kind = ?2 ORDER BY position, name LIMIT 31";
    case CRM_FILTER_TAG:
      return "SELECT name FROM tags ORDER BY name LIMIT 31";
    case CRM_FILTER_MANAGER:
      return "SELECT login FROM users ORDER BY login LIMIT 31";
    case CRM_FILTER_FIELD:
      return "SELECT name FROM custom_fields ORDER BY position, name LIMIT 31";
    case CRM_FILTER_NO_CONTACT:
    case CRM_FILTER_N_KINDS:
    default:
      return NULL;
    }
}

static const char *
not_found_format (CrmFilterKind kind)
{
  switch (kind)
    {
    case CRM_FILTER_STATUS: return _("There is no status “%s”.");
    case CRM_FILTER_INDUSTRY: return _("There is no industry “%s”.");
    case CRM_FILTER_REGION: return _("There is no region “%s”.");
    case CRM_FILTER_SOURCE: return _("There is no client source “%s”.");
    case CRM_FILTER_TAG: return _("There is no tag “%s”.");
    case CRM_FILTER_MANAGER: return _("There is no user with the login “%s”.");
    case CRM_FILTER_FIELD: return _("There is no field “%s”.");
    case CRM_FILTER_NO_CONTACT:
    case CRM_FILTER_N_KINDS:
    default:
      g_assert_not_reached ();
    }
  return NULL;
}

/**
 * crm_store_lookup_filter_value:
 * @kind: any kind but %CRM_FILTER_NO_CONTACT
 * @name: a dictionary value, tag or field name (case ignored when nothing
 *   matches exactly), or a user's login or full name
 *
 * Returns: the id, or 0 with a %CRM_STORE_ERROR_NOT_FOUND error that lists
 *   the known values
 */
gint64
crm_store_lookup_filter_value (CrmStore       *self,
                               CrmFilterKind   kind,
                               const char     *name,
                               GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) known = NULL;
  g_autofree char *trimmed = NULL;
  g_autofree char *message = NULL;
  g_autofree char *hint = NULL;
  const char *sql;
  guint n = 0;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);
  g_return_val_if_fail (name != NULL, 0);

  STORE_LOCK (self);

  if ((sql = lookup_sql (kind)) == NULL)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                   _("Conditions of this kind have no named values."));
      return 0;
    }
  if (!ensure_functions (self, error))
    return 0;

  trimmed = g_strstrip (g_strdup (name));
  if (!(stmt = _crm_store_prepare (self, sql, error)))
    return 0;
  sqlite3_bind_text (stmt, 1, trimmed, -1, SQLITE_STATIC);
  if (kind < CRM_FILTER_TAG)
    sqlite3_bind_text (stmt, 2, crm_filter_kind_to_string (kind), -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (self, error);
      return 0;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* Say what there is, so the user can pick */
  known = g_string_new (NULL);
  if (!(stmt = _crm_store_prepare (self, known_values_sql (kind), error)))
    return 0;
  if (kind < CRM_FILTER_TAG)
    sqlite3_bind_text (stmt, 2, crm_filter_kind_to_string (kind), -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (++n > 30)
        {
          g_string_append (known, ", …");
          break;
        }
      g_string_append_printf (known, "%s“%s”", known->len ? ", " : "", sqlite3_column_text (stmt, 0));
    }

  message = g_strdup_printf (not_found_format (kind), trimmed);
  /* Translators: %s is a list of names in quotes */
  hint = n == 0 ? g_strdup (_("There are none yet.")) : g_strdup_printf (_("Known: %s."), known->str);
  g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND, "%s %s", message, hint);

  return 0;
}

/**
 * crm_store_get_filter_value_name:
 * @kind: any kind but %CRM_FILTER_NO_CONTACT
 * @id: a dictionary value, tag, user or field id
 *
 * Returns: (transfer full): the name a condition shows (a user's full name),
 *   or %NULL with %CRM_STORE_ERROR_NOT_FOUND when it was deleted
 */
char *
crm_store_get_filter_value_name (CrmStore       *self,
                                 CrmFilterKind   kind,
                                 gint64          id,
                                 GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  STORE_LOCK (self);

  switch (kind)
    {
    case CRM_FILTER_STATUS:
    case CRM_FILTER_INDUSTRY:
    case CRM_FILTER_REGION:
    case CRM_FILTER_SOURCE:
      stmt = _crm_store_cached (self, "SELECT name FROM dictionary WHERE id = ?1 AND kind = ?2", error);
      if (stmt != NULL)
        sqlite3_bind_text (stmt, 2, crm_filter_kind_to_string (kind), -1, SQLITE_STATIC);
      break;
    case CRM_FILTER_TAG:
      stmt = _crm_store_cached (self, "SELECT name FROM tags WHERE id = ?1", error);
      break;
    case CRM_FILTER_MANAGER:
      stmt = _crm_store_cached (self, "SELECT full_name FROM users WHERE id = ?1", error);
      break;
    case CRM_FILTER_FIELD:
      stmt = _crm_store_cached (self, "SELECT name FROM custom_fields WHERE id = ?1", error);
      break;
    case CRM_FILTER_NO_CONTACT:
    case CRM_FILTER_N_KINDS:
    default:
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                   _("Conditions of this kind have no named values."));
      return NULL;
    }
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return _crm_column_dup (stmt, 0);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                   _("The value %lld of a filter condition no longer exists."), (long long)id);
      return NULL;
    }

  _crm_store_set_error (self, error);
  return NULL;
}
