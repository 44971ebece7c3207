package com.vocelio.event.entity;

import jakarta.json.JsonObject;

/**
 * Something that happened to the organization's data, named in the past tense on the wire ({@code transfer_offered},
 * {@code agent_status_changed}): the payload is a snapshot taken when it happened, and the channel is the feed
 * subscribers pick ({@code transfers}, {@code agents}, {@code queue}, {@code live_call}, {@code system_alert}, …).
 *
 * <p>The one event mechanism: an entity raises it ({@link DomainEvents#raise}); at the end of the boundary call the
 * unit of work hands it to the in-process observers of its type (so a typed event such as an agent's status change
 * can drive routing in the same transaction) and then writes it to the outbox for every node and client.
 */
public interface DomainEvent {

    String TRANSFERS = "transfers";
    String AGENTS = "agents";
    String DEPARTMENTS = "departments";
    String LIVE_CALL = "live_call";
    String SYSTEM_ALERT = "system_alert";
    String QUEUE = "queue";

    String type();

    String channel();

    JsonObject payload();

    /** An event no in-process observer needs to tell apart by type: it only goes out to subscribers. */
    static DomainEvent of(String type, String channel, JsonObject payload) {
        return new Announced(type, channel, payload);
    }

    record Announced(String type, String channel, JsonObject payload) implements DomainEvent {}
}
