-- Version 4: the history timeline, the documents archive and the summary
-- the manager's control view reads.
--
-- The store seeds the outcome dictionary right after this script, in the
-- same transaction, in the database's language, with the outcomes already
-- written in the history (crm-store.c: after_migration).

-- Entries: a reason for refusals and complaints, a follow-up date, who wrote
-- them and when (only their author edits or deletes them, with a version
-- check), and details the kind defines (JSON: an e-mail's addresses, a
-- field's old and new value are in body for the kinds of version 2).
ALTER TABLE history ADD COLUMN reason TEXT;
ALTER TABLE history ADD COLUMN follow_up TEXT
  CHECK (follow_up IS NULL OR follow_up GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]');
ALTER TABLE history ADD COLUMN details TEXT CHECK (details IS NULL OR json_valid (details));
ALTER TABLE history ADD COLUMN created_at INTEGER;
ALTER TABLE history ADD COLUMN updated_at INTEGER;
ALTER TABLE history ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

-- A client's timeline is read newest first through history_by_company
-- (company_id, occurred_at, then the rowid); filtered by kind through this:
CREATE INDEX history_by_company_kind ON history (company_id, kind, occurred_at);
-- the latest activity across the whole base
CREATE INDEX history_by_time ON history (occurred_at);

-- Which entries are a contact with the client: the last contact date moves
-- with them only, also when one is deleted or moved in time.
DROP TRIGGER history_newer_contact;
CREATE TRIGGER history_newer_contact AFTER INSERT ON history
WHEN NEW.kind NOT IN ('field-changed', 'status-changed', 'manager-changed', 'created', 'imported',
                      'merged', 'document')
  AND NEW.occurred_at > (SELECT last_contact_at FROM companies WHERE id = NEW.company_id)
BEGIN
  UPDATE companies SET last_contact_at = NEW.occurred_at WHERE id = NEW.company_id;
END;

CREATE TRIGGER history_contact_removed AFTER DELETE ON history
WHEN OLD.occurred_at >= (SELECT last_contact_at FROM companies WHERE id = OLD.company_id)
BEGIN
  UPDATE companies SET last_contact_at = coalesce ((
    SELECT max (occurred_at) FROM history
    WHERE company_id = OLD.company_id
      AND kind NOT IN ('field-changed', 'status-changed', 'manager-changed', 'created', 'imported',
                       'merged', 'document')), 0)
  WHERE id = OLD.company_id;
END;

CREATE TRIGGER history_contact_moved AFTER UPDATE OF occurred_at, kind ON history
BEGIN
  UPDATE companies SET last_contact_at = coalesce ((
    SELECT max (occurred_at) FROM history
    WHERE company_id = NEW.company_id
      AND kind NOT IN ('field-changed', 'status-changed', 'manager-changed', 'created', 'imported',
                       'merged', 'document')), 0)
  WHERE id = NEW.company_id;
END;

-- Outcomes of calls and meetings, in the order they are offered; a refusal
-- or a complaint asks for a reason, from its own list, because managers
-- analyse them. history.outcome and history.reason hold the names (renaming
-- one renames it in the history too).
CREATE TABLE outcomes (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
  position    INTEGER NOT NULL DEFAULT 0,
  asks_reason INTEGER NOT NULL DEFAULT 0 CHECK (asks_reason IN (0, 1))
);

CREATE TABLE outcome_reasons (
  id         INTEGER PRIMARY KEY,
  outcome_id INTEGER NOT NULL REFERENCES outcomes (id) ON DELETE CASCADE,
  name       TEXT NOT NULL CHECK (length(name) > 0),
  position   INTEGER NOT NULL DEFAULT 0,
  UNIQUE (outcome_id, name)
);

CREATE INDEX history_by_outcome ON history (outcome) WHERE outcome IS NOT NULL;

-- Documents: files attached to a client or to one of its entries. The
-- content is kept once per SHA-256 hash, inside the database, so the
-- database stays the one file to back up. A deleted document keeps its row
-- (deleted_at) until it is purged, so that its deletion can be undone; a
-- blob no document refers to any more is removed with the last one.
CREATE TABLE blobs (
  id   INTEGER PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE CHECK (length(hash) = 64),
  size INTEGER NOT NULL CHECK (size >= 0),
  data BLOB NOT NULL
);

CREATE TABLE documents (
  id         INTEGER PRIMARY KEY,
  company_id INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  history_id INTEGER REFERENCES history (id) ON DELETE SET NULL,
  blob_id    INTEGER NOT NULL REFERENCES blobs (id) ON DELETE RESTRICT,
  name       TEXT NOT NULL CHECK (length(name) > 0),
  mime_type  TEXT NOT NULL DEFAULT 'application/octet-stream',
  added_at   INTEGER NOT NULL,
  added_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
  deleted_at INTEGER
);

CREATE INDEX documents_by_company ON documents (company_id, added_at);
CREATE INDEX documents_by_history ON documents (history_id) WHERE history_id IS NOT NULL;
CREATE INDEX documents_by_blob ON documents (blob_id);

CREATE TRIGGER documents_blob_unused AFTER DELETE ON documents
WHEN NOT EXISTS (SELECT 1 FROM documents WHERE blob_id = OLD.blob_id)
BEGIN
  DELETE FROM blobs WHERE id = OLD.blob_id;
END;

-- The control view: entries by salesperson (0: none), day (UTC) and kind,
-- kept by triggers on every write so that counting a week of ten million
-- entries reads a few hundred rows.
CREATE TABLE activity_daily (
  user_id INTEGER NOT NULL,
  day     TEXT NOT NULL,
  kind    TEXT NOT NULL,
  count   INTEGER NOT NULL,
  PRIMARY KEY (user_id, day, kind)
) WITHOUT ROWID;

CREATE INDEX activity_daily_by_day ON activity_daily (day, user_id);

INSERT INTO activity_daily (user_id, day, kind, count)
SELECT coalesce (user_id, 0), date (occurred_at, 'unixepoch'), kind, count(*)
FROM history GROUP BY 1, 2, 3;

CREATE TRIGGER activity_added AFTER INSERT ON history
BEGIN
  INSERT INTO activity_daily (user_id, day, kind, count)
  VALUES (coalesce (NEW.user_id, 0), date (NEW.occurred_at, 'unixepoch'), NEW.kind, 1)
  ON CONFLICT (user_id, day, kind) DO UPDATE SET count = count + 1;
END;

CREATE TRIGGER activity_removed AFTER DELETE ON history
BEGIN
  UPDATE activity_daily SET count = count - 1
  WHERE user_id = coalesce (OLD.user_id, 0) AND day = date (OLD.occurred_at, 'unixepoch') AND kind = OLD.kind;
END;

CREATE TRIGGER activity_changed AFTER UPDATE OF user_id, occurred_at, kind ON history
BEGIN
  UPDATE activity_daily SET count = count - 1
  WHERE user_id = coalesce (OLD.user_id, 0) AND day = date (OLD.occurred_at, 'unixepoch') AND kind = OLD.kind;
  INSERT INTO activity_daily (user_id, day, kind, count)
  VALUES (coalesce (NEW.user_id, 0), date (NEW.occurred_at, 'unixepoch'), NEW.kind, 1)
  ON CONFLICT (user_id, day, kind) DO UPDATE SET count = count + 1;
END;

-- A salesperson's clients with no contact since a date
DROP INDEX companies_manager_id;
CREATE INDEX companies_manager_id ON companies (manager_id, last_contact_at);
