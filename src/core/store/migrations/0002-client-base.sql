-- Rapport schema version 2: the client base.
-- crm_name_key() and crm_domain() are the store's own SQL functions
-- (crm-normalize.c), registered on the connection before migrations run.

-- The duplicate guard looks companies up by a key of their name (without the
-- legal form, quotes, case, ё/е), by their website's domain and by the
-- domains of their e-mail addresses.
ALTER TABLE companies ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
ALTER TABLE companies ADD COLUMN website_domain TEXT;
UPDATE companies SET name_key = crm_name_key (name), website_domain = crm_domain (website);
CREATE INDEX companies_by_name_key ON companies (name_key);
CREATE INDEX companies_by_website_domain ON companies (website_domain) WHERE website_domain IS NOT NULL;

ALTER TABLE emails ADD COLUMN domain TEXT;
UPDATE emails SET domain = crm_domain (address);
CREATE INDEX emails_by_domain ON emails (domain);

-- A saved filter of the client list. filter is JSON written by
-- crm-client-filter.c; fields are whitelisted there, values bound.
CREATE TABLE segments (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
  filter     TEXT NOT NULL,
  position   INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  created_by INTEGER REFERENCES users (id) ON DELETE SET NULL
);

-- One run of an importer, so that it can be undone as one step: the rows it
-- added carry its id; the rows it changed keep their values before it.
CREATE TABLE imports (
  id           INTEGER PRIMARY KEY,
  kind         TEXT NOT NULL CHECK (kind IN ('csv', 'vcard')),
  file_name    TEXT NOT NULL,
  user_id      INTEGER REFERENCES users (id) ON DELETE SET NULL,
  started_at   INTEGER NOT NULL,
  finished_at  INTEGER,
  added        INTEGER NOT NULL DEFAULT 0,
  updated      INTEGER NOT NULL DEFAULT 0,
  skipped      INTEGER NOT NULL DEFAULT 0,
  undone_at    INTEGER
);

ALTER TABLE companies ADD COLUMN import_id INTEGER REFERENCES imports (id) ON DELETE SET NULL;
ALTER TABLE contacts ADD COLUMN import_id INTEGER REFERENCES imports (id) ON DELETE SET NULL;
CREATE INDEX companies_by_import ON companies (import_id) WHERE import_id IS NOT NULL;
CREATE INDEX contacts_by_import ON contacts (import_id) WHERE import_id IS NOT NULL;

CREATE TABLE import_changes (
  import_id  INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
  company_id INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  old_values TEXT NOT NULL,   -- JSON object: field → value before the import
  PRIMARY KEY (import_id, company_id)
) WITHOUT ROWID;

-- A merge of two clients, so that it can be undone: the removed client as it
-- was (JSON), and which rows moved from it to the kept one.
CREATE TABLE merges (
  id          INTEGER PRIMARY KEY,
  kept_id     INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  removed_id  INTEGER NOT NULL,
  snapshot    TEXT NOT NULL,
  user_id     INTEGER REFERENCES users (id) ON DELETE SET NULL,
  merged_at   INTEGER NOT NULL,
  undone_at   INTEGER
);

-- Edits of a client's card are history entries too (crm-store-edit.c), but
-- no contact with the client: they do not move its last contact date.
DROP TRIGGER history_newer_contact;
CREATE TRIGGER history_newer_contact AFTER INSERT ON history
WHEN NEW.kind NOT IN ('field-changed', 'status-changed', 'manager-changed')
  AND NEW.occurred_at > (SELECT last_contact_at FROM companies WHERE id = NEW.company_id)
BEGIN
  UPDATE companies SET last_contact_at = NEW.occurred_at WHERE id = NEW.company_id;
END;

-- Deleting a contact person sets history.contact_id to NULL (and its undo
-- sets it back): without this index each would scan the whole history.
CREATE INDEX history_by_contact ON history (contact_id) WHERE contact_id IS NOT NULL;
