--liquibase formatted sql

--changeset vocelio:013-queue-counts
-- How many transfers wait, per department and urgency, kept by a trigger so that a request learns its position and
-- whether the queue is full in time that does not grow with the queue. Each backend counts in its own slot (its
-- process id modulo 64; pooled connections have neighbouring ids), so concurrent transactions into one department
-- do not queue on one counter row. The truth stays the transfers table; this is its running sum (QueueCountsIT
-- compares the two).
create table queue_counts (
    tenant_id     uuid     not null,
    department_id uuid     not null references departments (id) on delete cascade,
    urgency_rank  smallint not null,
    slot          smallint not null,
    waiting       bigint   not null,
    primary key (department_id, urgency_rank, slot)
);
create index queue_counts_tenant_idx on queue_counts (tenant_id, department_id);
insert into queue_counts (tenant_id, department_id, urgency_rank, slot, waiting)
select tenant_id, department_id, urgency_rank, 0, count(*) from transfers where status = 'queued'
group by tenant_id, department_id, urgency_rank;
--rollback drop table queue_counts;

--changeset vocelio:013-queue-counts-function splitStatements:false
create function count_queued_transfers() returns trigger language plpgsql as $$
begin
    if tg_op in ('UPDATE', 'DELETE') and old.status = 'queued' then
        insert into queue_counts (tenant_id, department_id, urgency_rank, slot, waiting)
        values (old.tenant_id, old.department_id, old.urgency_rank, pg_backend_pid() % 64, -1)
        on conflict (department_id, urgency_rank, slot) do update set waiting = queue_counts.waiting - 1;
    end if;
    if tg_op in ('UPDATE', 'INSERT') and new.status = 'queued' then
        insert into queue_counts (tenant_id, department_id, urgency_rank, slot, waiting)
        values (new.tenant_id, new.department_id, new.urgency_rank, pg_backend_pid() % 64, 1)
        on conflict (department_id, urgency_rank, slot) do update set waiting = queue_counts.waiting + 1;
    end if;
    return null;
end
$$;
--rollback drop function count_queued_transfers();

--changeset vocelio:013-queue-counts-trigger
create trigger transfers_count_queued after insert or delete or update of status, department_id, urgency_rank
    on transfers for each row execute function count_queued_transfers();
--rollback drop trigger transfers_count_queued on transfers;
