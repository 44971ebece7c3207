--liquibase formatted sql

--changeset vocelio:015-telephony
-- Calls placed and answered through a telephony provider: which provider carries the call (empty for a call an AI
-- agent only reported), the provider's own status in Twilio's words (kept apart from the portal's call status, which
-- also knows transfers and humans), what the call says, its mute and hold state, when it was answered, what the
-- provider charged and how long it talked. next_step_at is the simulator's timer: the sweep that moves simulated
-- calls along takes rows whose time has come, on any node.
alter table calls
    add column provider         varchar(12)   not null default '',
    add column telephony_status varchar(12)   not null default '',
    add column message          varchar(2000) not null default '',
    add column voice_provider   varchar(20)   not null default '',
    add column voice_id         varchar(100)  not null default '',
    add column muted            boolean       not null default false,
    add column on_hold          boolean       not null default false,
    add column answered_at      timestamptz,
    add column talk_seconds     integer,
    add column price            numeric(10, 4),
    add column price_unit       varchar(3)    not null default 'USD',
    add column next_step_at     timestamptz,
    add constraint calls_provider_known check (provider in ('', 'simulated', 'twilio')),
    add constraint calls_telephony_status_known check (telephony_status in
        ('', 'queued', 'ringing', 'in-progress', 'completed', 'busy', 'failed', 'no-answer', 'canceled'));
create index calls_next_step_idx on calls (next_step_at) where next_step_at is not null;

-- Which flow answers which of our numbers. A number belongs to one organization (an inbound call names only the
-- number it rang), so the number is unique across organizations.
create table phone_flows (
    id           uuid primary key,
    tenant_id    uuid          not null references organizations (id),
    phone_number varchar(20)   not null,
    flow_id      varchar(100)  not null,
    webhook_url  varchar(2000) not null default '',
    greeting     varchar(2000) not null default '',
    voice        varchar(100)  not null default '',
    created_at   timestamptz   not null,
    updated_at   timestamptz   not null,
    version      bigint        not null default 1
);
create unique index phone_flows_number_uq on phone_flows (phone_number);
create index phone_flows_tenant_idx on phone_flows (tenant_id);
--rollback drop table phone_flows; alter table calls drop column provider, drop column telephony_status, drop column message, drop column voice_provider, drop column voice_id, drop column muted, drop column on_hold, drop column answered_at, drop column talk_seconds, drop column price, drop column price_unit, drop column next_step_at;
