--liquibase formatted sql

--changeset vocelio:035-default-caller-id
-- The organization's default caller id: the one of its numbers (registered with a flow) that its calls go out under
-- when their "from" is none of its numbers. At most one per organization; registering another number as the
-- default moves it there, unregistering the number leaves the organization with none (the deployment's
-- TWILIO_PHONE_NUMBER, if any, is used then).
alter table phone_flows add column default_caller_id boolean not null default false;
create unique index phone_flows_default_caller_id_uq on phone_flows (tenant_id) where default_caller_id;
--rollback drop index phone_flows_default_caller_id_uq; alter table phone_flows drop column default_caller_id;
