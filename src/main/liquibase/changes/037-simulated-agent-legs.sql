--liquibase formatted sql

--changeset vocelio:037-simulated-agent-legs
-- The simulator's agents who do not answer. A routed transfer's agent whose number ends in 0000, 0001 or 0002 (busy,
-- no answer, failed, as the simulator's calls to such numbers) does not answer the bridge: the caller's call keeps the
-- leg's transfer and offer, and when its ringing is over (agent_leg_ends_at). The simulator's sweep then reports the
-- leg unanswered, which sends the transfer back to the queue as Twilio's report of such a leg does. In the database,
-- like next_step_at, so any node reports it and a restart loses none.
alter table calls add column agent_leg_ends_at timestamp with time zone;
alter table calls add column agent_leg_transfer_id varchar(64) not null default '';
alter table calls add column agent_leg_offer integer not null default 0;
create index calls_agent_leg_ends_at on calls (agent_leg_ends_at) where agent_leg_ends_at is not null;
--rollback drop index calls_agent_leg_ends_at; alter table calls drop column agent_leg_offer; alter table calls drop column agent_leg_transfer_id; alter table calls drop column agent_leg_ends_at;
