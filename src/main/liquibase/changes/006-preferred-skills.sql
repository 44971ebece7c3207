--liquibase formatted sql

--changeset vocelio:006-preferred-skills
-- Bullseye routing: a transfer first waits for an agent who also has its preferred skills; after the department's
-- widen_after_seconds only the required skills count; after overflow_after_seconds it overflows.
alter table departments
    add column widen_after_seconds integer not null default 60,
    add constraint departments_widen_positive check (widen_after_seconds > 0);
alter table transfers
    add column preferred_skills jsonb not null default '[]'::jsonb;
--rollback alter table transfers drop column preferred_skills; alter table departments drop column widen_after_seconds;
