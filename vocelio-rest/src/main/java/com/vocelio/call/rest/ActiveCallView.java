package com.vocelio.call.rest;

import com.vocelio.agent.entity.Agent;
import com.vocelio.call.entity.Call;
import com.vocelio.call.entity.CallStatus;
import com.vocelio.department.entity.Department;
import java.time.OffsetDateTime;

/**
 * A live call as the Live Calls screen reads it (contract C5): {@code call_id} a string, duration in whole seconds,
 * {@code can_transfer} false only while a transfer is already under way or a human has it.
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

    public static ActiveCallView of(Call call) {
        return new ActiveCallView(
                call.callId(),
                call.callerNumber(),
                call.direction(),
                call.currentFlow().isEmpty() ? "AI Assistant" : call.currentFlow(),
                call.agent().map(Agent::name).orElse(""),
                call.department().map(Department::name).orElse(""),
                call.durationSeconds(),
                call.status().wireName(),
                call.status() == CallStatus.ACTIVE || call.status() == CallStatus.ON_HOLD,
                call.transferCount(),
                call.startedAt());
    }
}
