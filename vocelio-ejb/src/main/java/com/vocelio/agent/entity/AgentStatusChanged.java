package com.vocelio.agent.entity;

import com.vocelio.event.entity.DomainEvent;
import jakarta.json.JsonObject;

/**
 * An agent's status changed. Routing observes it in the same transaction (an agent who becomes available may take a
 * waiting call at once); subscribers of the {@code agents} feed receive the payload, a snapshot taken at the change.
 */
public record AgentStatusChanged(Agent agent, AgentStatus from, AgentStatus to, JsonObject payload)
        implements DomainEvent {

    public static final String TYPE = "agent_status_changed";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String channel() {
        return AGENTS;
    }
}
