--liquibase formatted sql

--changeset vocelio:029-ai-leg
-- The AI's own leg in a warm or conference transfer's conference on Twilio: the participant call (its Twilio call
-- sid) that streams the AI's voice into the conference over our media WebSocket. Empty when the AI has no leg there
-- (none placed, or it left: a warm transfer's agent answered, or its stream stopped).
alter table calls add column ai_leg_sid varchar(40) not null default '';
--rollback alter table calls drop column ai_leg_sid;
