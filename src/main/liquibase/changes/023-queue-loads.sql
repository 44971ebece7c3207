--liquibase formatted sql

--changeset vocelio:023-transfers-active-idx
-- The transfers that hold an agent (offered, connecting, connected), per department: the live queue figures count
-- them on every refresh. A partial index holds only those few rows, so the count does not read the waiting queue,
-- and a queued insert does not touch it.
create index transfers_active_idx on transfers (tenant_id, department_id)
    where status in ('offered', 'connecting', 'connected');
--rollback drop index transfers_active_idx;
