--liquibase formatted sql

--changeset vocelio:005-transfers
-- What routing needs to know about an agent. active_calls counts offered + connected calls and can never pass
-- max_concurrent_calls: the database refuses it, whatever races above it.
alter table agents
    add column active_calls        integer     not null default 0,
    add column handled_calls       integer     not null default 0,
    add column handled_calls_day   date,
    add column last_call_ended_at  timestamptz,
    add column last_offered_at     timestamptz,
    add column missed_offers       integer     not null default 0,
    add column wrap_up_until       timestamptz,
    add constraint agents_capacity_respected check (active_calls between 0 and max_concurrent_calls);

-- A call the AI handles, transferred, or bridged to a human. call_id is the public id (the portal's string).
create table calls (
    id               uuid primary key,
    tenant_id        uuid         not null references organizations (id),
    call_id          varchar(100) not null,
    caller_number    varchar(40)  not null default '',
    called_number    varchar(40)  not null default '',
    direction        varchar(10)  not null default 'inbound',
    status           varchar(20)  not null,
    department_id    uuid references departments (id) on delete set null,
    agent_id         uuid references agents (id) on delete set null,
    current_flow     varchar(100) not null default '',
    started_at       timestamptz  not null,
    ended_at         timestamptz,
    transfer_count   integer      not null default 0,
    created_at       timestamptz  not null,
    updated_at       timestamptz  not null,
    version          bigint       not null default 1,
    constraint calls_direction_known check (direction in ('inbound', 'outbound')),
    constraint calls_status_known check (status in
        ('ringing', 'active', 'on_hold', 'transferring', 'connected', 'completed', 'failed', 'missed', 'abandoned'))
);
create unique index calls_tenant_call_id_uq on calls (tenant_id, call_id);
create index calls_tenant_started_idx on calls (tenant_id, started_at desc);

-- A request to hand a call to a department's humans, and its way through the queue.
create table transfers (
    id                     uuid primary key,
    tenant_id              uuid          not null references organizations (id),
    transfer_id            varchar(64)   not null,
    call_id                uuid          not null references calls (id) on delete cascade,
    department_id          uuid          not null references departments (id),
    requested_department_id uuid         not null references departments (id),
    agent_id               uuid references agents (id) on delete set null,
    declined_by_agent_id   uuid,
    declined_at            timestamptz,
    status                 varchar(20)   not null,
    transfer_type          varchar(12)   not null,
    urgency                varchar(10)   not null,
    urgency_rank           smallint      not null,
    reason                 varchar(200)  not null default '',
    context_summary        varchar(2000) not null default '',
    customer_notes         varchar(2000) not null default '',
    session_id             varchar(100)  not null default '',
    required_skills        jsonb         not null default '[]'::jsonb,
    required_language      varchar(20),
    idempotency_key        varchar(200),
    queued_at              timestamptz   not null,
    offered_at             timestamptz,
    offer_expires_at       timestamptz,
    connected_at           timestamptz,
    ended_at               timestamptz,
    offer_count            integer       not null default 0,
    overflowed_at          timestamptz,
    end_reason             varchar(200)  not null default '',
    created_at             timestamptz   not null,
    updated_at             timestamptz   not null,
    version                bigint        not null default 1,
    constraint transfers_status_known check (status in
        ('queued', 'offered', 'connecting', 'connected', 'completed', 'abandoned', 'canceled', 'failed')),
    constraint transfers_type_known check (transfer_type in ('warm', 'cold', 'conference', 'blind')),
    constraint transfers_urgency_known check (urgency in ('low', 'medium', 'high', 'critical')),
    constraint transfers_offer_has_agent check (status not in ('offered', 'connecting', 'connected') or agent_id is not null)
);
create unique index transfers_tenant_public_uq on transfers (tenant_id, transfer_id);
-- at most one open transfer per call
create unique index transfers_one_open_per_call on transfers (call_id)
    where status in ('queued', 'offered', 'connecting', 'connected');
create unique index transfers_idempotency_uq on transfers (tenant_id, idempotency_key) where idempotency_key is not null;
-- the queue: urgency, then age
create index transfers_queue_idx on transfers (tenant_id, department_id, urgency_rank desc, queued_at, id)
    where status = 'queued';
create index transfers_offer_expiry_idx on transfers (offer_expires_at) where status = 'offered';
create index transfers_call_idx on transfers (call_id);
--rollback drop table transfers; drop table calls;
