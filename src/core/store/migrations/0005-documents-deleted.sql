-- Version 5: every opening of the database looks for documents deleted more
-- than a day ago, to purge them (crm-store-documents.c). Without an index
-- that look read the whole documents table at every start; this one holds
-- only the deleted ones, so it is empty most of the time.
CREATE INDEX documents_deleted ON documents (deleted_at) WHERE deleted_at IS NOT NULL;
