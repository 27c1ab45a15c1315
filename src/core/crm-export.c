/* crm-export.c: exporting clients to CSV
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-export"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-csv.h"
#include "crm-export.h"
#include "crm-import.h"

static const CrmImportField columns[] = { CRM_EXPORT_COLUMNS };

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;

  return x < y ? -1 : x > y;
}

/**
 * crm_export_open_cursor:
 * @search: (nullable): what the user typed, as for crm_store_search_clients()
 * @filter: (nullable): the conditions the clients must meet
 * @contacts: read the clients' contact persons instead of the clients
 * @n_clients: (out): how many clients the export covers
 *
 * A search holds its matches' ids, as the client list does; a filter holds
 * them only when they are few (CRM_EXPORT_FILTER_IDS_LIMIT), otherwise the
 * cursor pages through the filter by id.
 *
 * Returns: (transfer full): the cursor, or %NULL with @error set
 */
CrmStoreCursor *
crm_export_open_cursor (CrmStore         *store,
                        const char       *search,
                        CrmClientFilter  *filter,
                        gboolean          contacts,
                        gint64           *n_clients,
                        GError          **error)
{
  g_autoptr(GArray) ids = NULL;
  gint64 total = 0;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (filter == NULL || CRM_IS_CLIENT_FILTER (filter), NULL);
  g_return_val_if_fail (n_clients != NULL, NULL);

  if (filter != NULL && crm_client_filter_is_empty (filter))
    filter = NULL;

  if (search != NULL)
    {
      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      /* the search within the filter */
      if (!crm_store_search_filtered_clients (store, search, filter, CRM_CLIENT_SORT_NAME, FALSE,
                                              CRM_EXPORT_MAX_SEARCH, ids, NULL, error))
        return NULL;
    }
  else if (filter != NULL)
    {
      gboolean more = FALSE;

      if ((total = crm_store_count_filtered_clients (store, filter, error)) < 0)
        return NULL;
      if (total <= CRM_EXPORT_FILTER_IDS_LIMIT)
        {
          ids = g_array_new (FALSE, FALSE, sizeof (gint64));
          if (!crm_store_list_filtered_clients (store, filter, CRM_CLIENT_SORT_NAME, FALSE,
                                                CRM_EXPORT_FILTER_IDS_LIMIT, ids, &more, error))
            return NULL;
          /* clients were added since the count: page through the filter instead */
          if (more)
            g_clear_pointer (&ids, g_array_unref);
        }
    }
  else if ((total = crm_store_count_clients (store, error)) < 0)
    return NULL;

  if (ids != NULL)
    {
      g_array_sort (ids, compare_ids);
      *n_clients = ids->len;
      return contacts ? crm_store_export_contacts (store, g_steal_pointer (&ids))
                      : crm_store_export_clients (store, g_steal_pointer (&ids));
    }

  *n_clients = total;
  if (filter != NULL)
    return contacts ? crm_store_export_filtered_contacts (store, filter)
                    : crm_store_export_filtered_clients (store, filter);

  return contacts ? crm_store_export_contacts (store, NULL) : crm_store_export_clients (store, NULL);
}

/* The last second GDateTime accepts: 9999-12-31 23:59:59 UTC */
#define MAX_UNIX_TIME G_GINT64_CONSTANT (253402300799)

/* "YYYY-MM-DD" in UTC into @buf, or "" when there is no date; the same text
 * as g_date_time_format (…, "%Y-%m-%d") without two allocations per date */
static const char *
format_date (gint64  when,
             char    buf[static 11])
{
  gint64 days, era, doe, yoe, doy, mp, year;
  int month, day;

  if (when <= 0 || when > MAX_UNIX_TIME)
    return "";

  /* civil date from days since 1970-01-01 (proleptic Gregorian calendar) */
  days = when / 86400 + 719468;
  era = days / 146097;
  doe = days - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  day = (int)(doy - (153 * mp + 2) / 5 + 1);
  month = (int)(mp < 10 ? mp + 3 : mp - 9);
  year = yoe + era * 400 + (month <= 2);

  buf[0] = '0' + year / 1000;
  buf[1] = '0' + year / 100 % 10;
  buf[2] = '0' + year / 10 % 10;
  buf[3] = '0' + year % 10;
  buf[4] = '-';
  buf[5] = '0' + month / 10;
  buf[6] = '0' + month % 10;
  buf[7] = '-';
  buf[8] = '0' + day / 10;
  buf[9] = '0' + day % 10;
  buf[10] = '\0';

  return buf;
}

gboolean
crm_export_csv (CrmStore         *store,
                GOutputStream    *stream,
                CrmExportFlags    flags,
                const char       *search,
                CrmClientFilter  *filter,
                guint64          *n_written,
                CrmProgressFunc   progress,
                gpointer          progress_data,
                GCancellable     *cancellable,
                GError          **error)
{
  g_autoptr(CrmCsvWriter) writer = NULL;
  g_autoptr(CrmStoreCursor) cursor = NULL;
  const char *header[G_N_ELEMENTS (columns)];
  const char *locale = crm_store_get_locale (store);
  gint64 total;
  guint64 written = 0;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (filter == NULL || CRM_IS_CLIENT_FILTER (filter), FALSE);

  if (n_written != NULL)
    *n_written = 0;

  if (!(cursor = crm_export_open_cursor (store, search, filter, FALSE, &total, error)))
    return FALSE;

  writer = crm_csv_writer_new (stream, ',',
                               ((flags & CRM_EXPORT_BOM) ? CRM_CSV_WRITE_BOM : 0) |
                               ((flags & CRM_EXPORT_RAW) ? CRM_CSV_WRITE_RAW : 0));

  /* the header names are the database's language, which the import reads back */
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    header[i] = crm_import_field_header (columns[i], locale);
  if (!crm_csv_writer_write_row (writer, header, G_N_ELEMENTS (header), cancellable, error))
    return FALSE;

  for (;;)
    {
      g_autoptr(GPtrArray) page = crm_store_cursor_next_page (cursor, error);

      if (page == NULL)
        return FALSE;
      if (page->len == 0)
        break;

      for (guint i = 0; i < page->len; i++)
        {
          CrmExportClient *client = g_ptr_array_index (page, i);
          char last_contact_buf[11], created_buf[11];
          const char *last_contact = format_date (client->last_contact_at, last_contact_buf);
          const char *created = format_date (client->created_at, created_buf);
          const char *row[] = {
            client->name, client->legal_name, client->tax_id, client->status, client->industry,
            client->region, client->source, client->city, client->address, client->phones,
            client->emails, client->website, client->tags, client->manager, last_contact, created,
          };

          G_STATIC_ASSERT (G_N_ELEMENTS (row) == G_N_ELEMENTS (columns));

          if (!crm_csv_writer_write_row (writer, row, G_N_ELEMENTS (row), cancellable, error))
            return FALSE;
          written++;
        }

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (progress != NULL && total > 0)
        progress (MIN ((double)written / total, 1.0), _("Exporting clients"), progress_data);
    }

  if (!crm_csv_writer_close (writer, cancellable, error))
    return FALSE;

  if (n_written != NULL)
    *n_written = written;

  return TRUE;
}
