--liquibase formatted sql

--changeset vocelio:009-notifications
-- The organization's system alerts are its notifications: they are the outbox's system_alert events (kept as long
-- as events are). Who has read which is kept per user, and goes when the event is purged.
create table notification_reads (
    tenant_id  uuid        not null references organizations (id),
    user_id    uuid        not null references users (id) on delete cascade,
    event_id   bigint      not null references events (id) on delete cascade,
    read_at    timestamptz not null default now(),
    primary key (user_id, event_id)
);
create index notification_reads_event_idx on notification_reads (event_id);
create index events_alerts_idx on events (tenant_id, id desc) where channel = 'system_alert';
--rollback drop index events_alerts_idx; drop table notification_reads;
