--liquibase formatted sql

--changeset vocelio:011-queue-speed
-- Estimated waits read a department's most recently completed transfers: from an index, so the estimate costs the
-- same after a million completed transfers as after ten.
create index transfers_recently_completed_idx on transfers (tenant_id, department_id, ended_at desc)
    where status = 'completed' and connected_at is not null;
--rollback drop index transfers_recently_completed_idx;
