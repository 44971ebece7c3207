package com.vocelio.console.agents;

import com.vocelio.agent.entity.Agent;
import java.io.Serializable;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * An agent as its table row shows it, with the time in its current status as of the read; {@code statusSince} and
 * {@code readAt} (epoch milliseconds) let the page tick that time by itself, on the server's clock.
 */
public record AgentRow(
        String agentId,
        String name,
        String department,
        String status,
        String inStatusFor,
        long statusSince,
        long readAt,
        String skills,
        int activeCalls,
        int maxConcurrentCalls)
        implements Serializable {

    static AgentRow of(Agent a, OffsetDateTime now) {
        return new AgentRow(
                a.agentId(),
                a.name(),
                a.department().name(),
                a.status().wireName(),
                since(Duration.between(a.statusChangedAt(), now)),
                a.statusChangedAt().toInstant().toEpochMilli(),
                now.toInstant().toEpochMilli(),
                String.join(", ", a.skills()),
                a.activeCalls(),
                a.maxConcurrentCalls());
    }

    /** The same format as {@code resources/console/ticking.js} (kept in step by ConsoleAgentsIT). */
    private static String since(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s >= 86_400) {
            return "%dd %dh".formatted(s / 86_400, s / 3600 % 24);
        }
        return s >= 3600 ? "%dh %02dm".formatted(s / 3600, s / 60 % 60) : "%dm %02ds".formatted(s / 60, s % 60);
    }
}
