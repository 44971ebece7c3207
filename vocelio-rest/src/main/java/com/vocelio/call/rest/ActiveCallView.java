package com.vocelio.call.rest;

import com.vocelio.agent.entity.Agent;
import com.vocelio.call.entity.Call;
import com.vocelio.department.entity.Department;
import java.time.OffsetDateTime;

/**
 * A live call as the Live Calls screen reads it (contract C5): {@code call_id} a string, duration in whole seconds.
 * The screen shows {@code current_flow || assigned_agent || "AI Assistant"}, so the flow is empty once a human has
 * the call. {@code can_transfer} is true for a call in progress with the AI and no transfer open.
 */
public record ActiveCallView(
        String callId,
        String callerNumber,
        String direction,
        String currentFlow,
        String assignedAgent,
        String currentDepartment,
        long duration,
        String status,
        boolean canTransfer,
        int transferCount,
        OffsetDateTime startedAt) {

    /** @param now where the duration of a call still open is counted to */
    public static ActiveCallView of(Call call, OffsetDateTime now) {
        return new ActiveCallView(
                call.callId(),
                call.callerNumber(),
                call.direction(),
                call.agent().isPresent() ? "" : call.currentFlow().isEmpty() ? "AI Assistant" : call.currentFlow(),
                call.agent().map(Agent::name).orElse(""),
                call.department().map(Department::name).orElse(""),
                call.durationSeconds(now),
                call.status().wireName(),
                call.canTransfer(),
                call.transferCount(),
                call.startedAt());
    }
}
