--liquibase formatted sql

--changeset vocelio:001-organizations
-- Tenants. Every business row carries tenant_id = organizations.id.
create table organizations (
    id          uuid primary key,
    name        varchar(200) not null,
    subdomain   varchar(20)  not null,
    created_at  timestamptz  not null default now(),
    constraint organizations_subdomain_format check (subdomain ~ '^[a-z0-9]{3,20}$')
);
create unique index organizations_subdomain_uq on organizations (subdomain);

-- Until identity lands every request runs in this organization (vocelio.tenancy.default-organization).
insert into organizations (id, name, subdomain)
values ('00000000-0000-0000-0000-000000000001', 'Default organization', 'default');
--rollback drop table organizations;
