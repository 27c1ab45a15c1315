/* test-history.c: a client's timeline, logging, editing and the outcomes
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "crm-client-edit.h"
#include "crm-history.h"
#include "crm-store.h"
#include "test-utils.h"

typedef struct
{
  TestDir  *dir;
  CrmStore *store;
  gint64    client;
  gint64    other_client;
  gint64    contact;
  gint64    colleague;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  CrmCompanyData romashka = { .name = "Ромашка" };
  CrmCompanyData other = { .name = "Василёк" };
  CrmContactData anna = { .first_name = "Анна", .last_name = "Иванова" };
  CrmUserData colleague = { .login = "petrov", .full_name = "Пётр Петров", .role = "sales", .active = TRUE };

  f->dir = test_dir_new ();
  path = g_build_filename (f->dir->path, "rapport.db", NULL);
  f->store = crm_store_open_full (path, 0, "ru", &error);
  g_assert_no_error (error);
  f->client = crm_store_add_company (f->store, &romashka, &error);
  f->other_client = crm_store_add_company (f->store, &other, &error);
  anna.company_id = f->client;
  f->contact = crm_store_add_contact (f->store, &anna, &error);
  f->colleague = crm_store_add_user (f->store, &colleague, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->store);
  test_dir_free (f->dir);
}

static gint64
log_entry (Fixture    *f,
           const char *kind,
           const char *text,
           gint64      at)
{
  g_autoptr(GError) error = NULL;
  CrmHistoryData data = { .company_id = f->client, .kind = kind, .body = text, .occurred_at = at };
  gint64 id = crm_store_log_entry (f->store, &data, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static GPtrArray *
fetch (Fixture               *f,
       const CrmHistoryQuery *query,
       guint                  offset,
       guint                  limit)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify)crm_history_entry_free);

  g_assert_true (crm_store_fetch_history (f->store, f->client, query, offset, limit, entries, &error));
  g_assert_no_error (error);
  return entries;
}

#define ENTRY(a, i) ((CrmHistoryEntry *)g_ptr_array_index ((a), (i)))

/* Newest first, paged, and filtered by kind, person, period and words */
static void
test_timeline (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) page = NULL;
  const char * const calls[] = { "call", NULL };
  const char * const talks[] = { "call", "meeting", NULL };
  CrmHistoryQuery query = { 0 };
  CrmHistoryData colleagues = { .company_id = f->client, .user_id = f->colleague, .kind = "note",
                                .body = "Заметка коллеги", .occurred_at = 1700000500 };
  CrmHistoryData with_anna = { .company_id = f->client, .contact_id = f->contact, .kind = "meeting",
                               .body = "Встреча в офисе", .outcome = "Состоялась", .occurred_at = 1700000600 };
  CrmHistoryData elsewhere = { .company_id = f->other_client, .kind = "call", .body = "Другой клиент",
                               .occurred_at = 1700000700 };

  for (int i = 0; i < 120; i++)
    log_entry (f, i % 3 == 0 ? "call" : "note", i == 7 ? "Обсудили ЁЛКУ и цены" : "Текст", 1700000000 + i);
  g_assert_cmpint (crm_store_log_entry (f->store, &colleagues, &error), >, 0);
  g_assert_cmpint (crm_store_log_entry (f->store, &with_anna, &error), >, 0);
  g_assert_cmpint (crm_store_log_entry (f->store, &elsewhere, &error), >, 0);
  g_assert_no_error (error);

  g_assert_cmpint (crm_store_count_history (f->store, f->client, NULL, &error), ==, 122);
  all = fetch (f, NULL, 0, 1000);
  g_assert_cmpuint (all->len, ==, 122);
  for (guint i = 1; i < all->len; i++)
    g_assert_cmpint (ENTRY (all, i - 1)->occurred_at, >=, ENTRY (all, i)->occurred_at);
  g_assert_cmpstr (ENTRY (all, 0)->kind, ==, "meeting");
  g_assert_cmpstr (ENTRY (all, 0)->contact_name, ==, "Иванова Анна");
  g_assert_cmpstr (ENTRY (all, 1)->user_name, ==, "Пётр Петров");
  g_assert_cmpint (ENTRY (all, 0)->version, ==, 1);
  g_assert_cmpint (ENTRY (all, 0)->created_at, >, 0);

  /* a page deep inside is the same as that part of the whole */
  page = fetch (f, NULL, 50, 25);
  g_assert_cmpuint (page->len, ==, 25);
  for (guint i = 0; i < page->len; i++)
    g_assert_cmpint (ENTRY (page, i)->id, ==, ENTRY (all, 50 + i)->id);
  g_clear_pointer (&page, g_ptr_array_unref);

  query.kinds = calls;
  g_assert_cmpint (crm_store_count_history (f->store, f->client, &query, NULL), ==, 40);
  query.kinds = talks;
  g_assert_cmpint (crm_store_count_history (f->store, f->client, &query, NULL), ==, 41);
  query.kinds = NULL;
  query.user_id = f->colleague;
  g_assert_cmpint (crm_store_count_history (f->store, f->client, &query, NULL), ==, 1);
  query.user_id = 0;
  query.contact_id = f->contact;
  g_assert_cmpint (crm_store_count_history (f->store, f->client, &query, NULL), ==, 1);
  query.contact_id = 0;
  query.from = 1700000010;
  query.to = 1700000020;
  g_assert_cmpint (crm_store_count_history (f->store, f->client, &query, NULL), ==, 10);
  query.from = query.to = 0;
  /* words anywhere in the text or the outcome, case and ё folded */
  query.text = "елку цены";
  page = fetch (f, &query, 0, 10);
  g_assert_cmpuint (page->len, ==, 1);
  g_assert_cmpstr (ENTRY (page, 0)->body, ==, "Обсудили ЁЛКУ и цены");
  g_clear_pointer (&page, g_ptr_array_unref);
  query.text = "состоял";
  g_assert_cmpint (crm_store_count_history (f->store, f->client, &query, NULL), ==, 1);
}

/* A change of the card is in the timeline with its old and new value */
static void
test_field_change (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  const char * const changes[] = { "field-changed", NULL };
  CrmHistoryQuery query = { .kinds = changes };
  gint64 version;

  version = crm_store_update_client_field (f->store, f->client, "city", "Казань", 1, NULL, &error);
  g_assert_no_error (error);
  crm_store_update_client_field (f->store, f->client, "city", "Самара", version, NULL, &error);
  g_assert_no_error (error);

  entries = fetch (f, &query, 0, 10);
  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_cmpstr (ENTRY (entries, 0)->change_field, ==, "city");
  g_assert_cmpstr (ENTRY (entries, 0)->change_old, ==, "Казань");
  g_assert_cmpstr (ENTRY (entries, 0)->change_new, ==, "Самара");
  g_assert_null (ENTRY (entries, 1)->change_old);
  g_assert_cmpstr (ENTRY (entries, 1)->change_new, ==, "Казань");
}

static gint64
last_contact_of (Fixture *f,
                 gint64   id)
{
  g_autoptr(CrmClientSummary) summary = crm_store_load_client_summary (f->store, id, NULL);

  return summary->last_contact_at;
}

/* A client a person creates starts its history with a "created" entry */
static void
test_created (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  CrmCompanyData lilac = { .name = "Сирень" };
  gint64 id = crm_store_create_client (f->store, &lilac, &error);

  g_assert_no_error (error);
  entries = g_ptr_array_new_with_free_func ((GDestroyNotify)crm_history_entry_free);
  g_assert_true (crm_store_fetch_history (f->store, id, NULL, 0, 10, entries, &error));
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (ENTRY (entries, 0)->kind, ==, "created");
  g_assert_cmpstr (ENTRY (entries, 0)->subject, ==, "Сирень");
  g_assert_cmpint (ENTRY (entries, 0)->user_id, ==, crm_store_get_current_user_id (f->store));
  /* not a contact with the client */
  g_assert_cmpint (last_contact_of (f, id), ==, 0);
}

/* What a person logs is checked */
static void
test_log_checks (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CrmHistoryData entry = { .company_id = f->client, .kind = "call", .body = "Звонок" };
  gint64 before;

  entry.kind = "status-changed";   /* the program writes those */
  g_assert_cmpint (crm_store_log_entry (f->store, &entry, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  entry.kind = "call";

  entry.body = "  ";
  g_assert_cmpint (crm_store_log_entry (f->store, &entry, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  entry.body = "Звонок";

  entry.outcome = "Выиграли в лотерею";
  g_assert_cmpint (crm_store_log_entry (f->store, &entry, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* a refusal needs its reason, from its own list */
  entry.outcome = "Отказ";
  g_assert_cmpint (crm_store_log_entry (f->store, &entry, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  entry.reason = "Доставка";   /* a complaint's reason */
  g_assert_cmpint (crm_store_log_entry (f->store, &entry, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  entry.reason = "Дорого";
  g_assert_cmpint (crm_store_log_entry (f->store, &entry, &error), >, 0);
  g_assert_no_error (error);

  /* a note has no outcome; a contact of another client is refused */
  entry.kind = "note";
  g_assert_cmpint (crm_store_log_entry (f->store, &entry, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  entry.outcome = entry.reason = NULL;
  entry.company_id = f->other_client;
  entry.contact_id = f->contact;
  g_assert_cmpint (crm_store_log_entry (f->store, &entry, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  entry.company_id = f->client;

  entry.follow_up = "2026-02-30";
  g_assert_cmpint (crm_store_log_entry (f->store, &entry, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  entry.follow_up = "2026-12-01";
  g_assert_cmpint (crm_store_log_entry (f->store, &entry, &error), >, 0);
  g_assert_no_error (error);

  entry.company_id = 999999;
  entry.contact_id = 0;
  before = crm_store_count_history (f->store, f->client, NULL, NULL);
  g_assert_cmpint (crm_store_log_entry (f->store, &entry, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (crm_store_count_history (f->store, f->client, NULL, NULL), ==, before);
}

static gint64
last_contact (Fixture *f)
{
  g_autoptr(CrmClientSummary) summary = crm_store_load_client_summary (f->store, f->client, NULL);

  return summary->last_contact_at;
}

/* The author edits and deletes an entry; undo brings it back */
static void
test_edit_delete (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmHistoryEntry) entry = NULL;
  g_autoptr(CrmHistoryEntry) snapshot = NULL;
  CrmHistoryData theirs = { .company_id = f->client, .user_id = f->colleague, .kind = "call",
                            .body = "Их звонок", .occurred_at = 1700000900 };
  CrmHistoryData change = { .body = "Звонок: договорились", .outcome = "Дозвонились", .duration = 300,
                            .occurred_at = 1700000100 };
  gint64 id = log_entry (f, "call", "Звонок", 1700000000);
  gint64 early = log_entry (f, "note", "Раньше", 1600000000);
  gint64 their_id, version;

  g_assert_cmpint (last_contact (f), ==, 1700000000);

  version = crm_store_update_history_entry (f->store, id, 1, &change, &error);
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, 2);
  entry = crm_store_load_history_entry (f->store, id, &error);
  g_assert_cmpstr (entry->body, ==, "Звонок: договорились");
  g_assert_cmpstr (entry->outcome, ==, "Дозвонились");
  g_assert_cmpint (entry->duration, ==, 300);
  g_assert_cmpstr (entry->kind, ==, "call");
  g_assert_cmpint (last_contact (f), ==, 1700000100);   /* moved with the entry */

  /* a stale version is a conflict, not a silent overwrite */
  g_assert_cmpint (crm_store_update_history_entry (f->store, id, 1, &change, &error), ==, 0);
  g_assert_error (error, CRM_EDIT_ERROR, CRM_EDIT_ERROR_CONFLICT);
  g_clear_error (&error);

  /* another's entry and the program's are not ours to change */
  their_id = crm_store_add_history (f->store, &theirs, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_store_update_history_entry (f->store, their_id, 1, &change, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_null (crm_store_delete_history_entry (f->store, their_id, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  crm_store_delete_history_entry (f->store, their_id, NULL);

  /* deleting the newest contact moves the last contact date back; undo restores both */
  g_assert_cmpint (last_contact (f), ==, 1700000900);
  {
    CrmHistoryData mine = { .company_id = f->client, .kind = "meeting", .body = "Встреча",
                            .occurred_at = 1800000000 };
    gint64 newest = crm_store_log_entry (f->store, &mine, &error);

    g_assert_cmpint (last_contact (f), ==, 1800000000);
    snapshot = crm_store_delete_history_entry (f->store, newest, &error);
    g_assert_no_error (error);
    g_assert_nonnull (snapshot);
    g_assert_cmpint (last_contact (f), ==, 1700000900);
    g_assert_null (crm_store_load_history_entry (f->store, newest, NULL));
    g_assert_true (crm_store_restore_history_entry (f->store, snapshot, &error));
    g_assert_no_error (error);
    g_clear_pointer (&entry, crm_history_entry_free);
    entry = crm_store_load_history_entry (f->store, newest, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (entry->body, ==, "Встреча");
    g_assert_cmpint (last_contact (f), ==, 1800000000);
  }
  (void)early;
}

/* The outcome dictionary: add, rename (the history follows), order, remove with a replacement */
static void
test_outcomes (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) outcomes = crm_store_list_outcomes (f->store, &error);
  g_autoptr(GPtrArray) reasons = NULL;
  g_autoptr(CrmOutcome) refusal = crm_store_find_outcome (f->store, "Отказ", &error);
  g_autoptr(CrmOutcome) reached = crm_store_find_outcome (f->store, "Дозвонились", &error);
  CrmHistoryData call = { .company_id = f->client, .kind = "call", .body = "Звонок", .outcome = "Дозвонились" };
  const char * const calls[] = { "call", NULL };
  CrmHistoryQuery query = { .kinds = calls, .text = "связались" };
  gint64 id;

  g_assert_no_error (error);
  g_assert_cmpuint (outcomes->len, >=, 13);
  g_assert_true (refusal->asks_reason);
  g_assert_false (reached->asks_reason);
  reasons = crm_store_list_outcome_reasons (f->store, refusal->id, &error);
  g_assert_cmpuint (reasons->len, ==, 5);

  g_assert_cmpint (crm_store_log_entry (f->store, &call, &error), >, 0);
  g_assert_true (crm_store_update_outcome (f->store, reached->id, "Связались", FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_store_count_history (f->store, f->client, &query, NULL), ==, 1);

  g_assert_cmpint (crm_store_add_outcome (f->store, "Связались", FALSE, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  id = crm_store_add_outcome (f->store, "Просил прислать каталог", FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (crm_store_move_outcome (f->store, id, 0, &error));
  g_clear_pointer (&outcomes, g_ptr_array_unref);
  outcomes = crm_store_list_outcomes (f->store, &error);
  g_assert_cmpstr (((CrmOutcome *)g_ptr_array_index (outcomes, 0))->name, ==, "Просил прислать каталог");

  /* in use: only with a replacement */
  g_assert_false (crm_store_remove_outcome (f->store, reached->id, 0, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_IN_USE);
  g_clear_error (&error);
  g_assert_true (crm_store_remove_outcome (f->store, reached->id, id, &error));
  g_assert_no_error (error);
  query.text = "каталог";
  g_assert_cmpint (crm_store_count_history (f->store, f->client, &query, NULL), ==, 1);
  g_assert_null (crm_store_find_outcome (f->store, "Связались", &error));
  g_assert_no_error (error);

  g_assert_cmpint (crm_store_add_outcome_reason (f->store, refusal->id, "Дорого", &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  id = crm_store_add_outcome_reason (f->store, refusal->id, "Ушли к конкуренту", &error);
  g_assert_no_error (error);
  g_assert_true (crm_store_remove_outcome_reason (f->store, id, &error));
}

/* The registry of kinds */
static void
test_kinds (void)
{
  static const CrmHistoryKind order = { "order", "emblem-documents-symbolic", "Order", "Orders",
                                        CRM_HISTORY_KIND_SYSTEM };
  g_autoptr(GPtrArray) logged = crm_history_kind_list (CRM_HISTORY_KIND_LOGGED);
  const CrmHistoryKind *call = crm_history_kind_lookup ("call");

  g_assert_nonnull (call);
  g_assert_true (call->flags & CRM_HISTORY_KIND_OUTCOME);
  g_assert_cmpuint (logged->len, ==, 5);   /* call, meeting, letter, e-mail, note */
  g_assert_null (crm_history_kind_lookup ("order"));
  g_assert_cmpstr (crm_history_kind_label ("order"), ==, "order");
  crm_history_kind_register (&order);
  g_assert_true (crm_history_kind_lookup ("order") == &order);
  g_assert_cmpstr (crm_history_kind_icon_name ("order"), ==, "emblem-documents-symbolic");
  g_assert_cmpstr (crm_history_kind_icon_name ("no-such-kind"), ==, "dialog-question-symbolic");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/crm/history/timeline", Fixture, NULL, fixture_set_up, test_timeline, fixture_tear_down);
  g_test_add ("/crm/history/created", Fixture, NULL, fixture_set_up, test_created, fixture_tear_down);
  g_test_add ("/crm/history/field-change", Fixture, NULL, fixture_set_up, test_field_change, fixture_tear_down);
  g_test_add ("/crm/history/log-checks", Fixture, NULL, fixture_set_up, test_log_checks, fixture_tear_down);
  g_test_add ("/crm/history/edit-delete", Fixture, NULL, fixture_set_up, test_edit_delete, fixture_tear_down);
  g_test_add ("/crm/history/outcomes", Fixture, NULL, fixture_set_up, test_outcomes, fixture_tear_down);
  g_test_add_func ("/crm/history/kinds", test_kinds);

  return g_test_run ();
}
