--liquibase formatted sql

--changeset vocelio:014-contacts-extensions
-- trigram indexes keep substring search by name, phone or email fast at a million contacts; the embedded
-- PostgreSQL 14 binaries ship pg_trgm (checked by ContactsIT's search through the migration that needs it)
create extension if not exists pg_trgm;
--rollback drop extension pg_trgm;

--changeset vocelio:014-contacts
create table contact_lists (
    id          uuid primary key,
    tenant_id   uuid          not null references organizations (id),
    name        varchar(200)  not null,
    description varchar(2000) not null default '',
    status      varchar(20)   not null default 'active',
    tags        jsonb         not null default '[]'::jsonb,
    created_by  uuid,
    created_at  timestamptz   not null,
    updated_at  timestamptz   not null,
    version     bigint        not null default 1,
    constraint contact_lists_status_known check (status in ('active', 'paused', 'archived')),
    constraint contact_lists_tags_array check (jsonb_typeof(tags) = 'array')
);
create unique index contact_lists_tenant_name_uq on contact_lists (tenant_id, lower(name));

create table contacts (
    id                uuid primary key,
    tenant_id         uuid          not null references organizations (id),
    -- E.164: one contact per phone per organization (contacts_tenant_phone_uq)
    phone             varchar(20)   not null,
    phone_type        varchar(20)   not null default 'unknown',
    first_name        varchar(100)  not null default '',
    last_name         varchar(100)  not null default '',
    email             varchar(254)  not null default '',
    company           varchar(200)  not null default '',
    title             varchar(200)  not null default '',
    address           varchar(500)  not null default '',
    city              varchar(100)  not null default '',
    state             varchar(100)  not null default '',
    zip               varchar(20)   not null default '',
    country           varchar(100)  not null default '',
    status            varchar(20)   not null default 'active',
    source            varchar(40)   not null default 'manual',
    notes             varchar(4000) not null default '',
    tags              jsonb         not null default '[]'::jsonb,
    custom_fields     jsonb         not null default '{}'::jsonb,
    last_contact_date timestamptz,
    contact_count     integer       not null default 0,
    created_at        timestamptz   not null,
    updated_at        timestamptz   not null,
    version           bigint        not null default 1,
    -- what search matches, lower-cased once on write so a trigram index serves name, phone and email alike
    search_text       text generated always as (
        lower(first_name || ' ' || last_name || ' ' || email || ' ' || phone)) stored,
    constraint contacts_status_known check (status in ('active', 'inactive')),
    constraint contacts_phone_type_known
        check (phone_type in ('mobile', 'landline', 'voip', 'toll_free', 'unknown')),
    constraint contacts_tags_array check (jsonb_typeof(tags) = 'array'),
    constraint contacts_custom_fields_object check (jsonb_typeof(custom_fields) = 'object')
);
create unique index contacts_tenant_phone_uq on contacts (tenant_id, phone);
create index contacts_tenant_created_idx on contacts (tenant_id, created_at, id);
create index contacts_search_trgm on contacts using gin (search_text gin_trgm_ops);
create index contacts_tags_gin on contacts using gin (tags);

create table contact_list_memberships (
    tenant_id  uuid        not null references organizations (id),
    list_id    uuid        not null references contact_lists (id) on delete cascade,
    contact_id uuid        not null references contacts (id) on delete cascade,
    added_by   uuid,
    added_at   timestamptz not null,
    primary key (list_id, contact_id)
);
-- a list's contacts in the order they joined it, pageable by (added_at, contact_id) without an offset
create index contact_list_memberships_page_idx on contact_list_memberships (list_id, added_at, contact_id);
create index contact_list_memberships_contact_idx on contact_list_memberships (contact_id);

create table dnc_lists (
    id          uuid primary key,
    tenant_id   uuid          not null references organizations (id),
    name        varchar(200)  not null,
    description varchar(2000) not null default '',
    created_at  timestamptz   not null,
    updated_at  timestamptz   not null,
    version     bigint        not null default 1
);
create unique index dnc_lists_tenant_name_uq on dnc_lists (tenant_id, lower(name));

create table dnc_entries (
    id         uuid primary key,
    tenant_id  uuid         not null references organizations (id),
    list_id    uuid         not null references dnc_lists (id) on delete cascade,
    phone      varchar(20)  not null,
    reason     varchar(500) not null default '',
    created_by uuid,
    created_at timestamptz  not null
);
create unique index dnc_entries_list_phone_uq on dnc_entries (list_id, phone);
-- the veto of every outbound call and the flag on every contact read look numbers up here
create index dnc_entries_tenant_phone_idx on dnc_entries (tenant_id, phone);
--rollback drop table dnc_entries; drop table dnc_lists; drop table contact_list_memberships; drop table contacts; drop table contact_lists;

--changeset vocelio:014-contact-imports
-- a CSV import is a job: the upload is kept here until it has run, so any node can run it. It goes in batch by
-- batch, each batch committed with the job's counters and its checkpoint (rows_done): a run that dies is resumed
-- from there (the writes are upserts on the phone key, so a batch written twice is written once). One transaction
-- for a whole file would hold back every live event of every organization while it ran (the outbox relay delivers
-- only what is older than the oldest running transaction).
create table contact_imports (
    id                uuid primary key,
    tenant_id         uuid         not null references organizations (id),
    list_id           uuid references contact_lists (id) on delete set null,
    filename          varchar(255) not null,
    file_size         bigint       not null,
    content           bytea,
    options           jsonb        not null default '{}'::jsonb,
    status            varchar(20)  not null default 'pending',
    progress          integer      not null default 0,
    total_rows        integer      not null default 0,
    valid_contacts    integer      not null default 0,
    invalid_contacts  integer      not null default 0,
    duplicates        integer      not null default 0,
    imported          integer      not null default 0,
    skipped           integer      not null default 0,
    validation_errors jsonb        not null default '[]'::jsonb,
    failure           varchar(1000) not null default '',
    rows_done         bigint       not null default 0,
    heartbeat_at      timestamptz,
    created_by        uuid,
    created_at        timestamptz  not null,
    started_at        timestamptz,
    completed_at      timestamptz,
    version           bigint       not null default 1,
    constraint contact_imports_status_known check (status in ('pending', 'processing', 'completed', 'failed')),
    constraint contact_imports_progress_range check (progress between 0 and 100)
);
create index contact_imports_tenant_created_idx on contact_imports (tenant_id, created_at);
--rollback drop table contact_imports;
