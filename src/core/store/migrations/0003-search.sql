-- Version 3: the search document of a client also holds its tags and the
-- values of its user-defined text fields (crm-store.c: SEARCH_DOCUMENT_SQL).
-- Nothing changes in the tables: the store rebuilds client_search right after
-- this script, in the same transaction (crm-store.c: after_migration), so
-- existing clients are found by them too.
SELECT 1;
