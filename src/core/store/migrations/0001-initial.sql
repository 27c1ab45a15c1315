-- Rapport schema version 1.
-- Timestamps: INTEGER seconds since the epoch, UTC. Dates: TEXT YYYY-MM-DD.
-- Money: INTEGER minor units plus a currency code. Never floats.

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT
) WITHOUT ROWID;

CREATE TABLE users (
  id         INTEGER PRIMARY KEY,
  login      TEXT NOT NULL UNIQUE CHECK (length(login) > 0),
  full_name  TEXT NOT NULL CHECK (length(full_name) > 0),
  email      TEXT,
  phone      TEXT,
  role       TEXT NOT NULL DEFAULT 'sales' CHECK (role IN ('admin', 'manager', 'sales')),
  active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  -- rank of full_name among users, kept by the store, so the client list sorts
  -- by manager through an index
  sort_rank  INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);

-- Editable value lists; kind is one of the four below. position orders them
-- (statuses follow the sales funnel, the others are alphabetical by default).
CREATE TABLE dictionary (
  id       INTEGER PRIMARY KEY,
  kind     TEXT NOT NULL CHECK (kind IN ('status', 'industry', 'region', 'source')),
  name     TEXT NOT NULL CHECK (length(name) > 0),
  position INTEGER NOT NULL DEFAULT 0,
  UNIQUE (kind, name)
);

CREATE TABLE companies (
  id              INTEGER PRIMARY KEY,
  name            TEXT NOT NULL CHECK (length(name) > 0),
  sort_name       TEXT NOT NULL,
  legal_name      TEXT,
  tax_id          TEXT,
  status_id       INTEGER REFERENCES dictionary (id) ON DELETE RESTRICT,
  industry_id     INTEGER REFERENCES dictionary (id) ON DELETE RESTRICT,
  region_id       INTEGER REFERENCES dictionary (id) ON DELETE RESTRICT,
  source_id       INTEGER REFERENCES dictionary (id) ON DELETE RESTRICT,
  manager_id      INTEGER REFERENCES users (id) ON DELETE RESTRICT,
  city            TEXT,
  sort_city       TEXT NOT NULL DEFAULT '',
  address         TEXT,
  website         TEXT,
  notes           TEXT,
  -- copies of the dictionary positions and the manager's rank, kept by
  -- triggers, so that every sort of the client list walks an index
  status_rank     INTEGER NOT NULL DEFAULT 2147483647,
  industry_rank   INTEGER NOT NULL DEFAULT 2147483647,
  region_rank     INTEGER NOT NULL DEFAULT 2147483647,
  manager_rank    INTEGER NOT NULL DEFAULT 2147483647,
  last_contact_at INTEGER NOT NULL DEFAULT 0,
  created_at      INTEGER NOT NULL,
  created_by      INTEGER REFERENCES users (id) ON DELETE SET NULL,
  updated_at      INTEGER NOT NULL,
  updated_by      INTEGER REFERENCES users (id) ON DELETE SET NULL,
  version         INTEGER NOT NULL DEFAULT 1
);

CREATE INDEX companies_by_name ON companies (sort_name, id);
CREATE INDEX companies_by_status ON companies (status_rank, sort_name, id);
CREATE INDEX companies_by_industry ON companies (industry_rank, sort_name, id);
CREATE INDEX companies_by_region ON companies (region_rank, sort_name, id);
CREATE INDEX companies_by_city ON companies (sort_city, sort_name, id);
CREATE INDEX companies_by_manager ON companies (manager_rank, sort_name, id);
CREATE INDEX companies_by_last_contact ON companies (last_contact_at, id);
CREATE INDEX companies_status_id ON companies (status_id);
CREATE INDEX companies_industry_id ON companies (industry_id);
CREATE INDEX companies_region_id ON companies (region_id);
CREATE INDEX companies_source_id ON companies (source_id);
CREATE INDEX companies_manager_id ON companies (manager_id);
CREATE INDEX companies_tax_id ON companies (tax_id) WHERE tax_id IS NOT NULL;

CREATE TRIGGER dictionary_position_changed AFTER UPDATE OF position ON dictionary
BEGIN
  UPDATE companies SET status_rank = NEW.position WHERE NEW.kind = 'status' AND status_id = NEW.id;
  UPDATE companies SET industry_rank = NEW.position WHERE NEW.kind = 'industry' AND industry_id = NEW.id;
  UPDATE companies SET region_rank = NEW.position WHERE NEW.kind = 'region' AND region_id = NEW.id;
END;

CREATE TRIGGER users_rank_changed AFTER UPDATE OF sort_rank ON users
BEGIN
  UPDATE companies SET manager_rank = NEW.sort_rank WHERE manager_id = NEW.id;
END;

CREATE TABLE tags (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE CHECK (length(name) > 0)
);

CREATE TABLE company_tags (
  company_id INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  tag_id     INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
  PRIMARY KEY (company_id, tag_id)
) WITHOUT ROWID;

CREATE INDEX company_tags_by_tag ON company_tags (tag_id, company_id);

-- User-defined fields: kind is text, number, date, choice or checkbox;
-- choices holds the allowed values of a choice field, one a line.
CREATE TABLE custom_fields (
  id       INTEGER PRIMARY KEY,
  name     TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
  kind     TEXT NOT NULL CHECK (kind IN ('text', 'number', 'date', 'choice', 'checkbox')),
  choices  TEXT,
  position INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE custom_values (
  company_id INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  field_id   INTEGER NOT NULL REFERENCES custom_fields (id) ON DELETE CASCADE,
  value      TEXT,
  PRIMARY KEY (company_id, field_id)
) WITHOUT ROWID;

CREATE INDEX custom_values_by_field ON custom_values (field_id, value);

CREATE TABLE contacts (
  id          INTEGER PRIMARY KEY,
  company_id  INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  first_name  TEXT,
  middle_name TEXT,
  last_name   TEXT,
  full_name   TEXT NOT NULL CHECK (length(full_name) > 0),
  position    TEXT,
  birthday    TEXT CHECK (birthday IS NULL OR birthday GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  notes       TEXT,
  is_primary  INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),
  created_at  INTEGER NOT NULL,
  created_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
  updated_at  INTEGER NOT NULL,
  updated_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
  version     INTEGER NOT NULL DEFAULT 1
);

CREATE INDEX contacts_by_company ON contacts (company_id);

-- Phones and e-mails of a company (contact_id NULL) or of one of its contact
-- persons. digits is the number without punctuation; national the number
-- without its country or trunk prefix (+7 495 … and 8 495 … are one number);
-- subscriber its last seven digits. A number typed into the search is looked
-- up by prefix in the last two indexes; search_terms are all three forms for
-- the full-text index.
CREATE TABLE phones (
  id           INTEGER PRIMARY KEY,
  company_id   INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  contact_id   INTEGER REFERENCES contacts (id) ON DELETE CASCADE,
  label        TEXT,
  number       TEXT NOT NULL CHECK (length(number) > 0),
  digits       TEXT NOT NULL,
  national     TEXT NOT NULL,
  subscriber   TEXT NOT NULL,
  search_terms TEXT NOT NULL
);

CREATE INDEX phones_by_company ON phones (company_id);
CREATE INDEX phones_by_contact ON phones (contact_id) WHERE contact_id IS NOT NULL;
CREATE INDEX phones_by_national ON phones (national, company_id);
CREATE INDEX phones_by_subscriber ON phones (subscriber, company_id);

CREATE TABLE emails (
  id         INTEGER PRIMARY KEY,
  company_id INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  contact_id INTEGER REFERENCES contacts (id) ON DELETE CASCADE,
  label      TEXT,
  address    TEXT NOT NULL CHECK (address LIKE '%_@_%')
);

CREATE INDEX emails_by_company ON emails (company_id);
CREATE INDEX emails_by_contact ON emails (contact_id) WHERE contact_id IS NOT NULL;
CREATE INDEX emails_by_address ON emails (address);

CREATE TABLE history (
  id          INTEGER PRIMARY KEY,
  company_id  INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  contact_id  INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
  user_id     INTEGER REFERENCES users (id) ON DELETE SET NULL,
  kind        TEXT NOT NULL CHECK (length(kind) > 0),
  direction   INTEGER NOT NULL DEFAULT 0 CHECK (direction IN (0, 1, 2)),
  subject     TEXT,
  body        TEXT,
  outcome     TEXT,
  occurred_at INTEGER NOT NULL,
  duration    INTEGER NOT NULL DEFAULT 0 CHECK (duration >= 0)
);

CREATE INDEX history_by_company ON history (company_id, occurred_at);
CREATE INDEX history_by_user ON history (user_id, occurred_at);

-- The latest entry of a client is shown in the list; keep it on the company.
CREATE TRIGGER history_newer_contact AFTER INSERT ON history
WHEN NEW.occurred_at > (SELECT last_contact_at FROM companies WHERE id = NEW.company_id)
BEGIN
  UPDATE companies SET last_contact_at = NEW.occurred_at WHERE id = NEW.company_id;
END;

-- One document per company: its name, then everything else it can be found by
-- (legal name, tax id, website, phones, e-mails, contact persons). rowid is the
-- company id. Kept by the store (crm-store.c: reindex_company).
CREATE VIRTUAL TABLE client_search USING fts5 (
  name,
  details,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2 3'
);
