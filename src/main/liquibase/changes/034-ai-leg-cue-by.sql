--liquibase formatted sql

--changeset vocelio:034-ai-leg-cue-by
-- The AI leg's cue without Twilio's conference-start. When the agent's leg answers a warm or conference transfer, it
-- hears its briefing and then starts the conference, which Twilio reports (conference-start) and which cues the AI's
-- line. Should that report never reach us, the AI would stay silent in the conference (and a warm transfer's AI would
-- never leave): ai_leg_cue_by is when the briefing has surely been spoken, and the sweep that hangs overdue legs up
-- cues the line then instead.
alter table calls add column ai_leg_cue_by timestamp with time zone;
create index calls_ai_leg_cue_by on calls (ai_leg_cue_by) where ai_leg_cue_by is not null;
--rollback drop index calls_ai_leg_cue_by; alter table calls drop column ai_leg_cue_by;
