-- Fails half-way: the table is created, then a statement fails
CREATE TABLE test_broken (id INTEGER PRIMARY KEY);
INSERT INTO no_such_table VALUES (1);
