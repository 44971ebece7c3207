package com.vocelio.event.entity;

import java.util.List;

/**
 * An organization's live counts, read after commit (so concurrent transactions cannot each count without the other):
 * the totals the transfer board shows and, per department, the queue and its estimated wait for a new arrival.
 */
public record LiveFigures(
        String tenantId,
        long activeTransfers,
        long availableAgents,
        long busyAgents,
        long staffedAgents,
        long totalQueueLength,
        List<Queue> queues) {

    public record Queue(
            String departmentId,
            String department,
            long queueLength,
            long longestWaitSeconds,
            long estimatedWaitSeconds,
            long availableAgents) {}

    /** Busy agents over staffed agents, in percent. */
    public double agentUtilization() {
        return staffedAgents == 0 ? 0 : Math.round(1000.0 * busyAgents / staffedAgents) / 10.0;
    }
}
