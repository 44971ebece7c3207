--liquibase formatted sql

--changeset vocelio:017-recordings
-- Call recordings. A call asked to be recorded says so (record), so the simulator knows to leave a recording when the
-- call completes; Twilio tells us of its recordings by the recording status callback. A recording belongs to its call
-- (and goes with it); its public id is the provider's sid (RE…), unique per organization so a repeated callback
-- finds the row it wrote. media_url is where the provider keeps the audio (empty for the simulator's).
alter table calls add column record boolean not null default false;

create table call_recordings (
    id               uuid primary key,
    tenant_id        uuid          not null references organizations (id),
    call_id          uuid          not null references calls (id) on delete cascade,
    recording_sid    varchar(64)   not null,
    provider         varchar(12)   not null,
    status           varchar(20)   not null,
    duration_seconds integer,
    channels         integer       not null default 1,
    media_url        varchar(2000) not null default '',
    started_at       timestamptz,
    created_at       timestamptz   not null,
    updated_at       timestamptz   not null,
    version          bigint        not null default 1,
    constraint call_recordings_provider_known check (provider in ('simulated', 'twilio')),
    constraint call_recordings_status_known check (status in ('in-progress', 'completed', 'absent', 'failed'))
);
create unique index call_recordings_sid_uq on call_recordings (tenant_id, recording_sid);
create index call_recordings_call_idx on call_recordings (call_id);
--rollback drop table call_recordings; alter table calls drop column record;
