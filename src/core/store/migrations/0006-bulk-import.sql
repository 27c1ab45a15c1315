-- Version 6: a cheaper search index and no counting of the program's own
-- history entries, both for big imports (issue 3: a CSV import of a million
-- clients).
--
-- The control view counts work only (crm-activity.c: system_kinds are never
-- read from activity_daily), but the triggers counted every entry, so an
-- import of a million clients made a million upserts of one row for its
-- "imported" entries. The triggers now leave the program's kinds out; the
-- list is the one of history_newer_contact and crm-activity.c.
DROP TRIGGER activity_added;
DROP TRIGGER activity_removed;
DROP TRIGGER activity_changed;

CREATE TRIGGER activity_added AFTER INSERT ON history
WHEN NEW.kind NOT IN ('field-changed', 'status-changed', 'manager-changed', 'created', 'imported',
                      'merged', 'document')
BEGIN
  INSERT INTO activity_daily (user_id, day, kind, count)
  VALUES (coalesce (NEW.user_id, 0), date (NEW.occurred_at, 'unixepoch'), NEW.kind, 1)
  ON CONFLICT (user_id, day, kind) DO UPDATE SET count = count + 1;
END;

CREATE TRIGGER activity_removed AFTER DELETE ON history
WHEN OLD.kind NOT IN ('field-changed', 'status-changed', 'manager-changed', 'created', 'imported',
                      'merged', 'document')
BEGIN
  UPDATE activity_daily SET count = count - 1
  WHERE user_id = coalesce (OLD.user_id, 0) AND day = date (OLD.occurred_at, 'unixepoch') AND kind = OLD.kind;
END;

CREATE TRIGGER activity_changed AFTER UPDATE OF user_id, occurred_at, kind ON history
BEGIN
  UPDATE activity_daily SET count = count - 1
  WHERE user_id = coalesce (OLD.user_id, 0) AND day = date (OLD.occurred_at, 'unixepoch') AND kind = OLD.kind
    AND OLD.kind NOT IN ('field-changed', 'status-changed', 'manager-changed', 'created', 'imported',
                         'merged', 'document');
  INSERT INTO activity_daily (user_id, day, kind, count)
  SELECT coalesce (NEW.user_id, 0), date (NEW.occurred_at, 'unixepoch'), NEW.kind, 1
  WHERE NEW.kind NOT IN ('field-changed', 'status-changed', 'manager-changed', 'created', 'imported',
                         'merged', 'document')
  ON CONFLICT (user_id, day, kind) DO UPDATE SET count = count + 1;
END;

DELETE FROM activity_daily
WHERE kind IN ('field-changed', 'status-changed', 'manager-changed', 'created', 'imported', 'merged', 'document');

-- The search asks only whether a client's document holds words starting
-- with what was typed (crm-store.c: search_statement), never for phrases or
-- positions, so the index keeps which column a word is in but not where
-- (detail = column): a quarter less work to index a million clients, a fifth
-- smaller file, and search as you type as fast (p95 4.2-4.9 ms against 5.2 ms
-- for the same 803 keystrokes on the full-scale database). Without even the
-- columns (detail = none) it is 35 % cheaper to build but three times slower
-- to search (p95 15 ms). The store fills the index again right after this
-- script, in the same transaction (crm-store.c: after_migration).
DROP TABLE client_search;
CREATE VIRTUAL TABLE client_search USING fts5 (
  name,
  details,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2 3',
  detail = column
);
