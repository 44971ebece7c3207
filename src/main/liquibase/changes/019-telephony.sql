--liquibase formatted sql

--changeset vocelio:019-telephony
-- Conferences and inbound queues. A warm or conference transfer on Twilio puts the caller into a conference named
-- after the transfer (conference_name, set when we move the caller there); Twilio's conference callbacks tell its sid
-- (conference_sid), which hold and mute need to update the caller as a participant. A flow may queue its inbound
-- callers to a department (department_id; the flow goes on answering without a queue when the department is deleted)
-- and record its calls (record).
alter table calls add column conference_name varchar(100) not null default '';
alter table calls add column conference_sid varchar(40) not null default '';
alter table phone_flows add column department_id uuid references departments (id) on delete set null;
alter table phone_flows add column record boolean not null default false;
--rollback alter table phone_flows drop column record, drop column department_id; alter table calls drop column conference_sid, drop column conference_name;
