package com.vocelio.agent.rest;

import com.vocelio.agent.entity.Agent;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * An agent as the seed's clients read it: {@code department} is the department's name, beside its id;
 * {@code active_calls} counts the calls offered to or connected with the agent now.
 */
public record AgentView(
        String agentId,
        String name,
        String email,
        String department,
        String departmentId,
        List<String> skills,
        List<String> languages,
        String status,
        double performanceRating,
        int maxConcurrentCalls,
        int activeCalls,
        String phoneNumber,
        String sipUri,
        String clientIdentity,
        OffsetDateTime statusChangedAt,
        OffsetDateTime lastActivity,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    public static AgentView of(Agent a) {
        return new AgentView(
                a.agentId(),
                a.name(),
                a.email(),
                a.department().name(),
                a.department().id(),
                a.skills(),
                a.languages(),
                a.status().wireName(),
                a.performanceRating().doubleValue(),
                a.maxConcurrentCalls(),
                a.activeCalls(),
                a.phoneNumber(),
                a.sipUri(),
                a.clientIdentity(),
                a.statusChangedAt(),
                a.updatedAt(),
                a.createdAt(),
                a.updatedAt());
    }
}
