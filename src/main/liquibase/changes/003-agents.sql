--liquibase formatted sql

--changeset vocelio:003-agents
create table agents (
    id                   uuid primary key,
    tenant_id            uuid          not null references organizations (id),
    agent_id             varchar(100)  not null,
    name                 varchar(200)  not null,
    email                varchar(254)  not null default '',
    department_id        uuid          not null references departments (id),
    skills               jsonb         not null default '[]'::jsonb,
    languages            jsonb         not null default '[]'::jsonb,
    status               varchar(20)   not null default 'offline',
    status_changed_at    timestamptz   not null,
    performance_rating   numeric(3, 2) not null default 3.00,
    max_concurrent_calls integer       not null default 1,
    phone_number         varchar(40)   not null default '',
    sip_uri              varchar(255)  not null default '',
    created_at           timestamptz   not null,
    updated_at           timestamptz   not null,
    version              bigint        not null default 1,
    constraint agents_status_known
        check (status in ('available', 'busy', 'wrap_up', 'on_break', 'offline')),
    constraint agents_rating_range check (performance_rating between 0 and 5),
    constraint agents_capacity_positive check (max_concurrent_calls between 1 and 50),
    constraint agents_skills_array check (jsonb_typeof(skills) = 'array'),
    constraint agents_languages_array check (jsonb_typeof(languages) = 'array')
);
create unique index agents_tenant_agent_id_uq on agents (tenant_id, agent_id);
create index agents_department_status_idx on agents (tenant_id, department_id, status);
create index agents_skills_gin on agents using gin (skills);
--rollback drop table agents;
