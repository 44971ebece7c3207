--liquibase formatted sql

--changeset vocelio:036-agent-client-identity
-- An agent may be reached at a Twilio Client (a browser or app of Twilio's Voice SDK) besides a phone number or a SIP
-- URI: its bare identity (Twilio's <Client> takes up to 256 characters), '' for none like the other addresses.
alter table agents add column client_identity varchar(256) not null default '';
--rollback alter table agents drop column client_identity;
