--liquibase formatted sql

--changeset vocelio:008-events
-- The outbox: every domain event, written in the transaction that caused it. Ids come from a sequence before
-- commit, so they do not commit in order; tx (the writing transaction's id) lets readers deliver only what is
-- settled: rows of transactions older than the oldest one still running (pg_snapshot_xmin), in (tx, id) order.
create table events (
    id bigint generated always as identity primary key,
    tx xid8 not null default pg_current_xact_id(),
    tenant_id uuid not null,
    type varchar(60) not null,
    channel varchar(40) not null,
    payload json not null, -- kept as written (compact): it goes out to every subscriber as is
    created_at timestamptz not null default clock_timestamp()
);
create index events_by_position on events (tx, id);
create index events_by_tenant on events (tenant_id, tx, id);
create index events_by_age on events (created_at);
--rollback drop table events;
