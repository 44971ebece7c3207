--liquibase formatted sql

--changeset vocelio:010-account-settings
-- An organization's account settings: the time zone its "today" and "this week" are counted in, its language, and a
-- version so two admins saving at once cannot silently overwrite each other.
alter table organizations
    add column timezone varchar(64) not null default 'UTC',
    add column language varchar(35) not null default 'en-US',
    add column version  bigint      not null default 1;
-- activity figures count transfers by the time they were requested
create index transfers_tenant_queued_idx on transfers (tenant_id, queued_at);
--rollback drop index transfers_tenant_queued_idx; alter table organizations drop column version, drop column language, drop column timezone;
