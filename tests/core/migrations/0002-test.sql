-- A migration that exists only in the tests, to upgrade a version 1 database
CREATE TABLE test_upgrade (id INTEGER PRIMARY KEY, note TEXT);
INSERT INTO test_upgrade (note) SELECT name FROM companies;
