package com.vocelio.call.entity;

/**
 * How a routed agent takes a call over, in telephony's words (the transfer's type, which {@code call} does not know):
 * {@code COLD} dials the agent straight through; {@code WARM} holds the caller in a conference and briefs the agent
 * before they join (the AI leaves); {@code CONFERENCE} joins the agent to the caller in a conference without a
 * briefing, and the AI takes the caller back when the agent leaves.
 */
public enum Handover {
    COLD,
    WARM,
    CONFERENCE;

    public boolean inConference() {
        return this != COLD;
    }
}
