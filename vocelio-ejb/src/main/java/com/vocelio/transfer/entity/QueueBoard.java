package com.vocelio.transfer.entity;

import java.util.List;

/**
 * What an organization's transfer board shows live, read after commit (so concurrent transactions cannot each count
 * without the other): the totals of transfers and agents and, per department, the queue and the estimated wait of a
 * new arrival.
 */
public record QueueBoard(
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
