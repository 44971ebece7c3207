--liquibase formatted sql

--changeset vocelio:004-identity
-- People and machines that sign in. Emails are unique across organizations: login names no organization.
create table users (
    id                uuid primary key,
    tenant_id         uuid          not null references organizations (id),
    email             varchar(254)  not null,
    password_hash     varchar(512)  not null,
    first_name        varchar(100)  not null default '',
    last_name         varchar(100)  not null default '',
    role              varchar(20)   not null,
    agent_id          varchar(100),
    totp_secret       varchar(64),
    totp_enabled      boolean       not null default false,
    active            boolean       not null default true,
    last_login_at     timestamptz,
    created_at        timestamptz   not null,
    updated_at        timestamptz   not null,
    version           bigint        not null default 1,
    constraint users_role_known check (role in ('admin', 'supervisor', 'agent', 'service'))
);
create unique index users_email_uq on users (lower(email));
create index users_tenant_idx on users (tenant_id);

-- Rotating refresh tokens, stored as SHA-256 hashes. A family is one login; reusing a rotated token revokes it all.
create table refresh_tokens (
    id          uuid primary key,
    tenant_id   uuid         not null references organizations (id),
    user_id     uuid         not null references users (id) on delete cascade,
    family_id   uuid         not null,
    token_hash  varchar(64)  not null,
    expires_at  timestamptz  not null,
    created_at  timestamptz  not null,
    used_at     timestamptz,
    revoked_at  timestamptz
);
create unique index refresh_tokens_hash_uq on refresh_tokens (token_hash);
create index refresh_tokens_family_idx on refresh_tokens (family_id);

-- Machine credentials (role service): an AI voice agent trades its key for an access token at POST /auth/token.
create table api_keys (
    id          uuid primary key,
    tenant_id   uuid         not null references organizations (id),
    user_id     uuid         not null references users (id) on delete cascade,
    name        varchar(100) not null,
    prefix      varchar(16)  not null,
    key_hash    varchar(64)  not null,
    created_at  timestamptz  not null,
    revoked_at  timestamptz
);
create unique index api_keys_hash_uq on api_keys (key_hash);

-- The key pair that signs access tokens, shared by every node (unless one is configured from a file).
create table signing_keys (
    id           varchar(64) primary key,
    private_key  text        not null,
    public_key   text        not null,
    created_at   timestamptz not null default now()
);

-- Failed logins per email and per client address, for throttling across nodes.
create table login_failures (
    throttle_key  varchar(300) primary key,
    failures      integer      not null,
    window_start  timestamptz  not null,
    locked_until  timestamptz
);
--rollback drop table login_failures; drop table signing_keys; drop table api_keys; drop table refresh_tokens; drop table users;
