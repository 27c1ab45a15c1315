/* crm-store-duplicates.c: the duplicate guard's queries
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both the check of a client being typed and the scan of the whole base only
 * walk indexes: companies (name_key), (tax_id), (website_domain), phones
 * (national, company_id), emails (address) and (domain).
 */

#define G_LOG_DOMAIN "crm-store"

#include "config.h"

#include <string.h>

#include "crm-duplicates.h"
#include "crm-normalize.h"
#include "crm-phone.h"
#include "crm-store-private.h"

/* Shorter numbers and tax ids are extensions or typos, not identities */
#define MIN_PHONE_DIGITS 6
#define MIN_TAX_ID_DIGITS 5
/* Candidates taken per reason before ranking: a common name such as
 * "Стройсервис" must not pull thousands of rows into the check. */
#define CANDIDATES_PER_REASON 64

static const CrmDuplicateReason strength_order[] = {
  CRM_DUPLICATE_TAX_ID, CRM_DUPLICATE_NAME, CRM_DUPLICATE_PHONE,
  CRM_DUPLICATE_EMAIL, CRM_DUPLICATE_DOMAIN,
};

/* More reasons first; among as many, the stronger ones (tax id, name) first */
static guint
reason_score (CrmDuplicateReason reasons)
{
  guint score = 0;

  for (guint i = 0; i < G_N_ELEMENTS (strength_order); i++)
    if (reasons & strength_order[i])
      score += 1 << 8;

  for (guint i = 0; i < G_N_ELEMENTS (strength_order); i++)
    if (reasons & strength_order[i])
      score += 1 << (G_N_ELEMENTS (strength_order) - i);

  return score;
}

static int
compare_matches (gconstpointer a,
                 gconstpointer b)
{
  const CrmDuplicateMatch *ma = *(const CrmDuplicateMatch * const *)a;
  const CrmDuplicateMatch *mb = *(const CrmDuplicateMatch * const *)b;
  guint sa = reason_score (ma->reasons);
  guint sb = reason_score (mb->reasons);

  if (sa != sb)
    return sa > sb ? -1 : 1;
  if (ma->last_contact_at != mb->last_contact_at)
    return ma->last_contact_at > mb->last_contact_at ? -1 : 1;

  return ma->id < mb->id ? -1 : ma->id > mb->id;
}

static char *
digits_only (const char *text)
{
  GString *digits = g_string_new (NULL);

  for (const char *p = text; p != NULL && *p; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);

  return g_string_free (digits, FALSE);
}

static char *
business_domain (const char *website_or_email)
{
  g_autofree char *domain = NULL;

  if (website_or_email == NULL || *website_or_email == '\0')
    return NULL;

  domain = crm_normalize_domain (website_or_email);
  if (domain == NULL || crm_normalize_is_public_mail (domain))
    return NULL;

  return g_steal_pointer (&domain);
}

GPtrArray *
crm_store_find_duplicates (CrmStore                *self,
                           const CrmDuplicateQuery *query,
                           guint                    limit,
                           GError                 **error)
{
  g_autoptr(GPtrArray) matches = g_ptr_array_new_with_free_func ((GDestroyNotify)crm_duplicate_match_free);
  g_autofree char *name_key = NULL;
  g_autofree char *tax_id = NULL;
  g_autofree char *national = NULL;
  g_autofree char *email = NULL;
  g_autofree char *site_domain = NULL;
  g_autofree char *mail_domain = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  STORE_LOCK (self);

  if (query->name != NULL)
    name_key = crm_normalize_name_key (query->name);
  if (name_key != NULL && *name_key == '\0')
    g_clear_pointer (&name_key, g_free);

  tax_id = digits_only (query->tax_id);
  if (strlen (tax_id) < MIN_TAX_ID_DIGITS)
    g_clear_pointer (&tax_id, g_free);

  if (query->phone != NULL)
    national = crm_phone_national (query->phone);
  if (national != NULL && strlen (national) < MIN_PHONE_DIGITS)
    g_clear_pointer (&national, g_free);

  if (query->email != NULL && strchr (query->email, '@') != NULL)
    {
      email = g_utf8_strdown (query->email, -1);
      g_strstrip (email);
      mail_domain = business_domain (email);
    }
  site_domain = business_domain (query->website);

  if (name_key == NULL && tax_id == NULL && national == NULL && email == NULL &&
      site_domain == NULL && mail_domain == NULL)
    return g_steal_pointer (&matches);

  /* Candidates by each reason through its index, then every reason that
   * applies to each candidate, checked on its own rows */
  stmt = _crm_store_cached (self,
    "WITH candidates (id) AS ("
    "  SELECT id FROM (SELECT id FROM companies WHERE name_key = ?1 AND id != ?7 LIMIT ?8) "
    "  UNION SELECT id FROM (SELECT id FROM companies WHERE tax_id = ?2 AND id != ?7 LIMIT ?8) "
    "  UNION SELECT company_id FROM (SELECT DISTINCT company_id FROM phones "
    "    WHERE national = ?3 AND company_id != ?7 LIMIT ?8) "
    "  UNION SELECT company_id FROM (SELECT company_id FROM emails "
    "    WHERE address = ?4 AND company_id != ?7 LIMIT ?8) "
    "  UNION SELECT id FROM (SELECT id FROM companies "
    "    WHERE website_domain IN (?5, ?6) AND id != ?7 LIMIT ?8) "
    "  UNION SELECT company_id FROM (SELECT company_id FROM emails "
    "    WHERE domain IN (?5, ?6) AND company_id != ?7 LIMIT ?8)) "
    "SELECT c.id, c.name, u.full_name, c.last_contact_at, "
    "  c.name_key = ?1, c.tax_id = ?2, "
    "  EXISTS (SELECT 1 FROM phones p WHERE p.national = ?3 AND p.company_id = c.id), "
    "  EXISTS (SELECT 1 FROM emails e WHERE e.address = ?4 AND e.company_id = c.id), "
    "  c.website_domain IN (?5, ?6) OR "
    "  EXISTS (SELECT 1 FROM emails e WHERE e.domain IN (?5, ?6) AND e.company_id = c.id) "
    "FROM candidates JOIN companies c ON c.id = candidates.id "
    "LEFT JOIN users u ON u.id = c.manager_id",
    error);
  if (stmt == NULL)
    return NULL;

  _crm_bind_text_or_null (stmt, 1, name_key);
  _crm_bind_text_or_null (stmt, 2, tax_id);
  _crm_bind_text_or_null (stmt, 3, national);
  _crm_bind_text_or_null (stmt, 4, email);
  _crm_bind_text_or_null (stmt, 5, site_domain);
  _crm_bind_text_or_null (stmt, 6, mail_domain);
  sqlite3_bind_int64 (stmt, 7, query->exclude_id);
  sqlite3_bind_int (stmt, 8, CANDIDATES_PER_REASON + limit);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmDuplicateMatch *match = g_new0 (CrmDuplicateMatch, 1);

      match->id = sqlite3_column_int64 (stmt, 0);
      match->name = _crm_column_dup (stmt, 1);
      match->manager = _crm_column_dup (stmt, 2);
      match->last_contact_at = sqlite3_column_int64 (stmt, 3);
      if (sqlite3_column_int (stmt, 4))
        match->reasons |= CRM_DUPLICATE_NAME;
      if (sqlite3_column_int (stmt, 5))
        match->reasons |= CRM_DUPLICATE_TAX_ID;
      if (sqlite3_column_int (stmt, 6))
        match->reasons |= CRM_DUPLICATE_PHONE;
      if (sqlite3_column_int (stmt, 7))
        match->reasons |= CRM_DUPLICATE_EMAIL;
      if (sqlite3_column_int (stmt, 8))
        match->reasons |= CRM_DUPLICATE_DOMAIN;
      g_ptr_array_add (matches, match);
    }
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (self, error);
      return NULL;
    }

  g_ptr_array_sort (matches, compare_matches);
  if (matches->len > limit)
    g_ptr_array_set_size (matches, limit);

  return g_steal_pointer (&matches);
}

/* The whole-base scan */

/* What a company can be recognised by, to tell all the reasons of a pair */
typedef struct
{
  gint64      id;
  char       *name;
  char       *name_key;
  char       *tax_id;
  GHashTable *phones;    /* national numbers */
  GHashTable *emails;    /* addresses */
  GHashTable *domains;   /* website and e-mail domains, not public ones */
} Profile;

static void
profile_clear (Profile *profile)
{
  g_clear_pointer (&profile->name, g_free);
  g_clear_pointer (&profile->name_key, g_free);
  g_clear_pointer (&profile->tax_id, g_free);
  g_clear_pointer (&profile->phones, g_hash_table_unref);
  g_clear_pointer (&profile->emails, g_hash_table_unref);
  g_clear_pointer (&profile->domains, g_hash_table_unref);
  profile->id = 0;
}

static void
add_domain (Profile    *profile,
            const char *domain)
{
  if (domain != NULL && *domain != '\0' && !crm_normalize_is_public_mail (domain))
    g_hash_table_add (profile->domains, g_strdup (domain));
}

static gboolean
profile_load (CrmStore  *self,
              gint64     id,
              Profile   *profile,
              GError   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  profile_clear (profile);
  profile->id = id;
  profile->phones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  profile->emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  profile->domains = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  stmt = _crm_store_cached (self,
                            "SELECT name, name_key, tax_id, website_domain FROM companies WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        return TRUE;  /* deleted meanwhile: nothing to match */
      return _crm_store_set_error (self, error);
    }
  profile->name = _crm_column_dup (stmt, 0);
  profile->name_key = _crm_column_dup (stmt, 1);
  profile->tax_id = _crm_column_dup (stmt, 2);
  add_domain (profile, (const char *)sqlite3_column_text (stmt, 3));
  sqlite3_reset (stmt);

  stmt = _crm_store_cached (self, "SELECT national FROM phones WHERE company_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *national = (const char *)sqlite3_column_text (stmt, 0);

      if (national != NULL && strlen (national) >= MIN_PHONE_DIGITS)
        g_hash_table_add (profile->phones, g_strdup (national));
    }
  if (rc != SQLITE_DONE)
    return _crm_store_set_error (self, error);

  stmt = _crm_store_cached (self, "SELECT address, domain FROM emails WHERE company_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_hash_table_add (profile->emails, _crm_column_dup (stmt, 0));
      add_domain (profile, (const char *)sqlite3_column_text (stmt, 1));
    }
  if (rc != SQLITE_DONE)
    return _crm_store_set_error (self, error);

  return TRUE;
}

static gboolean
sets_intersect (GHashTable *a,
                GHashTable *b)
{
  GHashTableIter iter;
  gpointer key;

  if (g_hash_table_size (a) > g_hash_table_size (b))
    return sets_intersect (b, a);

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_hash_table_contains (b, key))
      return TRUE;

  return FALSE;
}

static CrmDuplicateReason
profile_compare (const Profile *a,
                 const Profile *b)
{
  CrmDuplicateReason reasons = 0;

  if (a->name_key != NULL && *a->name_key && g_strcmp0 (a->name_key, b->name_key) == 0)
    reasons |= CRM_DUPLICATE_NAME;
  if (a->tax_id != NULL && *a->tax_id && g_strcmp0 (a->tax_id, b->tax_id) == 0)
    reasons |= CRM_DUPLICATE_TAX_ID;
  if (sets_intersect (a->phones, b->phones))
    reasons |= CRM_DUPLICATE_PHONE;
  if (sets_intersect (a->emails, b->emails))
    reasons |= CRM_DUPLICATE_EMAIL;
  if (sets_intersect (a->domains, b->domains))
    reasons |= CRM_DUPLICATE_DOMAIN;

  return reasons;
}

typedef struct
{
  CrmStore   *store;
  GPtrArray  *pairs;
  GHashTable *seen;     /* "a:b" of pairs already listed */
  guint       limit;
  Profile     a;
  Profile     b;
} Scan;

static gboolean
scan_full (Scan *scan)
{
  return scan->limit > 0 && scan->pairs->len >= scan->limit;
}

/* One group of companies sharing a key: the first pairs with each other one */
static gboolean
scan_group (Scan        *scan,
            const char  *members_sql,
            const char  *key,
            GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  /* A separate statement: the group query is still being stepped */
  if (!(stmt = _crm_store_cached (scan->store, members_sql, error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, scan->limit > 0 ? (gint64)(scan->limit - scan->pairs->len) + 1 : -1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    return _crm_store_set_error (scan->store, error);
  sqlite3_reset (stmt);

  for (guint i = 1; i < ids->len && !scan_full (scan); i++)
    {
      gint64 a = g_array_index (ids, gint64, 0);
      gint64 b = g_array_index (ids, gint64, i);
      char *seen_key = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, a, b);
      CrmDuplicatePair *pair;
      CrmDuplicateReason reasons;

      if (!g_hash_table_add (scan->seen, seen_key))
        continue;

      if (scan->a.id != a && !profile_load (scan->store, a, &scan->a, error))
        return FALSE;
      if (!profile_load (scan->store, b, &scan->b, error))
        return FALSE;

      reasons = profile_compare (&scan->a, &scan->b);
      if (reasons == 0 || scan->a.name == NULL || scan->b.name == NULL)
        continue;

      pair = g_new0 (CrmDuplicatePair, 1);
      pair->a_id = a;
      pair->a_name = g_strdup (scan->a.name);
      pair->b_id = b;
      pair->b_name = g_strdup (scan->b.name);
      pair->reasons = reasons;
      g_ptr_array_add (scan->pairs, pair);
    }

  return TRUE;
}

/* Groups of one key: GROUP BY walks the key's index, so only keys held by
 * more than one company reach C. */
static gboolean
scan_groups (Scan        *scan,
             const char  *groups_sql,
             const char  *members_sql,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) groups = NULL;
  int rc;

  if (!(groups = _crm_store_prepare (scan->store, groups_sql, error)))
    return FALSE;

  while (!scan_full (scan) && (rc = sqlite3_step (groups)) == SQLITE_ROW)
    {
      if (!scan_group (scan, members_sql, (const char *)sqlite3_column_text (groups, 0), error))
        return FALSE;
    }
  if (!scan_full (scan) && rc != SQLITE_DONE)
    return _crm_store_set_error (scan->store, error);

  return TRUE;
}

/* Domains live in two indexes (websites and e-mails): both are walked in key
 * order side by side, and a domain is a group when the lowest and highest
 * company ids of both sides are not all one company. */
static gboolean
scan_domains (Scan    *scan,
              GError **error)
{
  g_autoptr(sqlite3_stmt) sites = NULL;
  g_autoptr(sqlite3_stmt) mails = NULL;
  gboolean site_row, mail_row;
  int rc;

  sites = _crm_store_prepare (scan->store,
                              "SELECT website_domain, min (id), max (id) FROM companies "
                              "WHERE website_domain IS NOT NULL GROUP BY website_domain "
                              "ORDER BY website_domain", error);
  if (sites == NULL)
    return FALSE;
  mails = _crm_store_prepare (scan->store,
                              "SELECT domain, min (company_id), max (company_id) FROM emails "
                              "WHERE domain IS NOT NULL GROUP BY domain ORDER BY domain", error);
  if (mails == NULL)
    return FALSE;

  site_row = (rc = sqlite3_step (sites)) == SQLITE_ROW;
  if (!site_row && rc != SQLITE_DONE)
    return _crm_store_set_error (scan->store, error);
  mail_row = (rc = sqlite3_step (mails)) == SQLITE_ROW;
  if (!mail_row && rc != SQLITE_DONE)
    return _crm_store_set_error (scan->store, error);

  while ((site_row || mail_row) && !scan_full (scan))
    {
      const char *site = site_row ? (const char *)sqlite3_column_text (sites, 0) : NULL;
      const char *mail = mail_row ? (const char *)sqlite3_column_text (mails, 0) : NULL;
      int order = site == NULL ? 1 : mail == NULL ? -1 : strcmp (site, mail);
      const char *domain = order <= 0 ? site : mail;
      gint64 lo = G_MAXINT64, hi = 0;
      gboolean take_site = order <= 0, take_mail = order >= 0;

      if (take_site)
        {
          lo = MIN (lo, sqlite3_column_int64 (sites, 1));
          hi = MAX (hi, sqlite3_column_int64 (sites, 2));
        }
      if (take_mail)
        {
          lo = MIN (lo, sqlite3_column_int64 (mails, 1));
          hi = MAX (hi, sqlite3_column_int64 (mails, 2));
        }

      if (lo != hi && !crm_normalize_is_public_mail (domain))
        {
          if (!scan_group (scan,
                           "SELECT id FROM companies WHERE website_domain = ?1 "
                           "UNION SELECT company_id FROM emails WHERE domain = ?1 "
                           "ORDER BY 1 LIMIT ?2",
                           domain, error))
            return FALSE;
        }

      if (take_site)
        {
          site_row = (rc = sqlite3_step (sites)) == SQLITE_ROW;
          if (!site_row && rc != SQLITE_DONE)
            return _crm_store_set_error (scan->store, error);
        }
      if (take_mail)
        {
          mail_row = (rc = sqlite3_step (mails)) == SQLITE_ROW;
          if (!mail_row && rc != SQLITE_DONE)
            return _crm_store_set_error (scan->store, error);
        }
    }

  return TRUE;
}

GPtrArray *
crm_store_list_duplicate_pairs (CrmStore  *self,
                                guint      limit,
                                GError   **error)
{
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func ((GDestroyNotify)crm_duplicate_pair_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Scan scan = { self, pairs, seen, limit, { 0 }, { 0 } };
  gboolean ok;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  STORE_LOCK (self);

  ok = scan_groups (&scan,
                    "SELECT name_key FROM companies WHERE name_key > '' "
                    "GROUP BY name_key HAVING count(*) > 1 ORDER BY name_key",
                    "SELECT id FROM companies WHERE name_key = ?1 ORDER BY id LIMIT ?2",
                    error) &&
       scan_groups (&scan,
                    "SELECT tax_id FROM companies WHERE tax_id IS NOT NULL AND tax_id != '' "
                    "GROUP BY tax_id HAVING count(*) > 1 ORDER BY tax_id",
                    "SELECT id FROM companies WHERE tax_id = ?1 ORDER BY id LIMIT ?2",
                    error) &&
       scan_groups (&scan,
                    "SELECT national FROM phones WHERE national >= '' "
                    "GROUP BY national HAVING min (company_id) != max (company_id) "
                    "  AND length (national) >= " G_STRINGIFY (MIN_PHONE_DIGITS) " "
                    "ORDER BY national",
                    "SELECT DISTINCT company_id FROM phones WHERE national = ?1 "
                    "ORDER BY company_id LIMIT ?2",
                    error) &&
       scan_domains (&scan, error);

  profile_clear (&scan.a);
  profile_clear (&scan.b);

  if (!ok)
    return NULL;

  return g_steal_pointer (&pairs);
}
