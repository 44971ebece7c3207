package com.vocelio.call.entity;

/**
 * A routed agent's leg, as routing asks telephony for it (telephony knows no transfers): for the transfer
 * {@code transferId}, its offer number {@code offer} (the transfer's count of offers when this agent accepted),
 * taken over the way {@code handover} says, the agent first hearing {@code briefing}; {@code agentName} of
 * {@code departmentName} is whom the AI hands the caller to in a conference. The provider's reports on the
 * leg name the transfer and the offer, so a late or repeated report about an earlier agent's leg, arriving after the
 * transfer went on to another agent, is told from one about the current leg.
 */
public record AgentLeg(
        String transferId, int offer, Handover handover, String briefing, String agentName, String departmentName) {}
