package com.vocelio.event.entity;

import jakarta.json.JsonObject;

/**
 * Something that happened to the organization's data, named in the past tense on the wire ({@code transfer_offered},
 * {@code agent_status_changed}): the payload is a snapshot taken when it happened, and the channel is the feed
 * subscribers pick ({@code transfers}, {@code agents}, {@code queue}, {@code live_call}, {@code system_alert}, …).
 */
public record DomainEvent(String type, String channel, JsonObject payload) {

    public static final String TRANSFERS = "transfers";
    public static final String AGENTS = "agents";
    public static final String DEPARTMENTS = "departments";
    public static final String LIVE_CALL = "live_call";
    public static final String SYSTEM_ALERT = "system_alert";
    public static final String QUEUE = "queue";
}
