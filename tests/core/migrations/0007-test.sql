-- A migration that exists only in the tests: numbered one past the newest real
-- migration (renumber this and 0008-broken.sql when adding a real one)
CREATE TABLE test_upgrade (id INTEGER PRIMARY KEY, note TEXT);
INSERT INTO test_upgrade (note) SELECT name FROM companies;
