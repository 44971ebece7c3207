--liquibase formatted sql

--changeset vocelio:033-ai-leg-hand-off
-- The AI leg's hand-off on Twilio. The AI joins a transfer's conference without starting it (the caller keeps hearing
-- the hold music); when the agent's leg starts the conference, the AI is cued to speak its line (ai_leg_cued_at). A
-- warm transfer's AI leaves once the line has been played (ai_leg_leaves): its media stream echoes our mark, or, at
-- the latest, the leg is hung up at ai_leg_leave_at by whichever node's sweep gets there first.
alter table calls add column ai_leg_leaves boolean not null default false;
alter table calls add column ai_leg_cued_at timestamp with time zone;
alter table calls add column ai_leg_leave_at timestamp with time zone;
-- the sweep's question, and the conference-start callback's (it names the conference, not a call of ours)
create index calls_ai_leg_leave_at on calls (ai_leg_leave_at) where ai_leg_leave_at is not null;
create index calls_conference_name on calls (conference_name) where conference_name <> '';
--rollback drop index calls_conference_name; drop index calls_ai_leg_leave_at; alter table calls drop column ai_leg_leave_at; alter table calls drop column ai_leg_cued_at; alter table calls drop column ai_leg_leaves;
