--liquibase formatted sql

--changeset vocelio:016-speech
-- Usage: one row per synthesis served (cache hits included, marked), per organization and tier, for billing and the
-- wallet's statistics to sum.
create table speech_usage (
    id          bigserial     primary key,
    tenant_id   uuid          not null references organizations (id),
    tier        varchar(40)   not null,
    provider    varchar(20)   not null,
    voice_id    varchar(200)  not null,
    characters  integer       not null check (characters >= 0),
    seconds     numeric(10,3) not null check (seconds >= 0),
    cached      boolean       not null,
    created_at  timestamptz   not null
);
create index speech_usage_tenant_idx on speech_usage (tenant_id, created_at);

-- Synthesized audio by content address (SHA-256 of provider, voice, settings and text), shared by every node and
-- every organization (the same text in the same voice is the same audio). Trimmed by age and total size.
create table speech_cache (
    cache_key    char(64)      primary key,
    audio        bytea         not null,
    size_bytes   integer       not null,
    media_type   varchar(40)   not null,
    provider     varchar(20)   not null,
    voice_id     varchar(200)  not null,
    seconds      numeric(10,3) not null,
    hits         bigint        not null default 0,
    created_at   timestamptz   not null default now(),
    last_used_at timestamptz   not null default now()
);
create index speech_cache_last_used_idx on speech_cache (last_used_at);
--rollback drop table speech_cache; drop table speech_usage;
