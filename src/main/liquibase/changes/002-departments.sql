--liquibase formatted sql

--changeset vocelio:002-departments
create table departments (
    id                          uuid primary key,
    tenant_id                   uuid         not null references organizations (id),
    name                        varchar(100) not null,
    phone_number                varchar(40)  not null,
    phone_number_e164           varchar(20),
    description                 varchar(1000) not null default '',
    color                       varchar(30)  not null default '',
    is_active                   boolean      not null default true,
    business_hours              jsonb        not null default '{}'::jsonb,
    routing_strategy            varchar(20)  not null default 'longest_idle',
    reservation_timeout_seconds integer      not null default 20,
    wrap_up_seconds             integer      not null default 30,
    overflow_department_id      uuid references departments (id) on delete set null,
    overflow_after_seconds      integer      not null default 120,
    max_queue_length            integer      not null default 100,
    created_at                  timestamptz  not null,
    updated_at                  timestamptz  not null,
    version                     bigint       not null default 1,
    constraint departments_strategy_known
        check (routing_strategy in ('longest_idle', 'fewest_calls', 'best_rated', 'round_robin')),
    constraint departments_policy_positive
        check (reservation_timeout_seconds > 0 and wrap_up_seconds >= 0
               and overflow_after_seconds > 0 and max_queue_length > 0),
    constraint departments_business_hours_object check (jsonb_typeof(business_hours) = 'object'),
    constraint departments_not_own_overflow check (overflow_department_id is distinct from id)
);
-- name is unique per organization, whatever its case
create unique index departments_tenant_name_uq on departments (tenant_id, lower(name));
--rollback drop table departments;
