--liquibase formatted sql

--changeset vocelio:038-ai-leg-line
-- What the AI says in a transfer's conference when the agent's leg starts it: the hand-off line
-- (VOCELIO_TELEPHONY_AI_LEG_LINE) with the agent and department of the offer being bridged, set again when the
-- transfer is offered to the next agent (the AI stays in the conference between offers). Empty: no AI leg.
alter table calls add column ai_leg_line varchar(500) not null default '';
--rollback alter table calls drop column ai_leg_line;
