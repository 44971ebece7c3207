--liquibase formatted sql

--changeset vocelio:012-idempotency-request-hash
-- A digest of what a keyed transfer request asked for: the same Idempotency-Key sent again with a different request
-- is refused (422) instead of answered with the earlier transfer. Rows from before have none and match any repeat.
alter table transfers add column request_hash varchar(64);
--rollback alter table transfers drop column request_hash;
