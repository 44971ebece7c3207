package com.vocelio.call.entity;

/**
 * A routed agent's leg on the simulated network ended without an answer (busy, no answer, failed), as Twilio reports
 * its agents' legs. The feature that routes ({@code transfer}) observes it inside the simulator's unit of work and
 * moves the transfer as for Twilio's report (back to the queue at its old place, a missed offer for the agent), so
 * telephony need not know routing. Names the leg's transfer and offer: a leg of an earlier offer moves nothing.
 */
public record AgentLegUnanswered(String callSid, String transferId, int offer) {}
