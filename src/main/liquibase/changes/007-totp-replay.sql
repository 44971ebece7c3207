--liquibase formatted sql

--changeset vocelio:007-totp-replay
-- The last TOTP time step a sign-in used: a code works for one sign-in only.
alter table users add column totp_last_step bigint;
--rollback alter table users drop column totp_last_step;
