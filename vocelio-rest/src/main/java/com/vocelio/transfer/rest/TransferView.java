package com.vocelio.transfer.rest;

import com.vocelio.agent.entity.Agent;
import com.vocelio.platform.rest.Envelope;
import com.vocelio.transfer.boundary.Transfers;
import com.vocelio.transfer.entity.Spot;
import com.vocelio.transfer.entity.Transfer;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.util.List;

/** A transfer as the guides' clients read it: string ids, department names, waits in whole seconds, no null text. */
public record TransferView(
        String transferId,
        String callId,
        String status,
        String transferType,
        String urgencyLevel,
        String transferReason,
        String contextSummary,
        String customerNotes,
        String sessionId,
        String targetDepartment,
        String departmentId,
        String requestedDepartment,
        String agentId,
        String agentName,
        int queuePosition,
        long estimatedWaitTime,
        List<String> requiredSkills,
        List<String> preferredSkills,
        String language,
        int offerCount,
        OffsetDateTime offerExpiresAt,
        boolean overflowed,
        OffsetDateTime queuedAt,
        OffsetDateTime connectedAt,
        OffsetDateTime endedAt,
        OffsetDateTime createdAt) {

    /**
     * The answer to a transfer request: 201 for a new transfer, 200 with the same transfer for a repeat (same
     * Idempotency-Key, or same call), under both the seed's and the portal's paths.
     */
    public static Response answer(Transfers.Placed placed) {
        return Response.status(placed.created() ? 201 : 200)
                .entity(summary(placed.transfer(), placed.spot()).with("created", placed.created()))
                .build();
    }

    /** The guides read {@code transfer_id}, {@code status}, {@code target_department}, the wait and position on top. */
    public static Envelope summary(Transfer transfer, Spot spot) {
        var view = of(transfer, spot);
        return Envelope.of("transfer_id", view.transferId())
                .with("status", view.status())
                .with("target_department", view.targetDepartment())
                .with("estimated_wait_time", view.estimatedWaitTime())
                .with("queue_position", view.queuePosition())
                .with("transfer", view);
    }

    public static TransferView of(Transfer t, Spot spot) {
        return new TransferView(
                t.transferId(),
                t.call().callId(),
                t.status().wireName(),
                t.type().wireName(),
                t.urgency().wireName(),
                t.reason(),
                t.contextSummary(),
                t.customerNotes(),
                t.sessionId(),
                t.department().name(),
                t.department().id(),
                t.requestedDepartment().name(),
                t.agent().map(Agent::agentId).orElse(""),
                t.agent().map(Agent::name).orElse(""),
                spot.position(),
                spot.estimatedWaitSeconds(),
                t.requiredSkills(),
                t.preferredSkills(),
                t.requiredLanguage().orElse(""),
                t.offerCount(),
                t.offerExpiresAt().orElse(null),
                t.overflowedAt().isPresent(),
                t.queuedAt(),
                t.connectedAt().orElse(null),
                t.endedAt().orElse(null),
                t.createdAt());
    }
}
