package com.vocelio.analytics.rest;

import com.vocelio.call.entity.Call;
import com.vocelio.call.entity.CallStatus;
import com.vocelio.transfer.entity.Transfer;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One row of Call Logs (C7) and of the Call History panel: {@code call_id} a string, durations in whole seconds,
 * AI and human ({@code transfer_minutes}) time in minutes, each transfer's department by name.
 */
public record CallLogView(
        String callId,
        String callerNumber,
        String phoneNumber,
        String toNumber,
        OffsetDateTime startTime,
        OffsetDateTime createdAt,
        OffsetDateTime endTime,
        long totalDuration,
        long duration,
        double aiMinutes,
        double transferMinutes,
        double cost,
        String status,
        List<TransferEntry> transfers) {

    public record TransferEntry(
            String transferId, String targetDepartment, String status, String reason, OffsetDateTime timestamp) {}

    public interface Pricing {
        double cost(double aiMinutes, double transferMinutes);
    }

    /** @param now where a call still open ends for this row */
    public static CallLogView of(Call call, List<Transfer> transfers, Pricing pricing, OffsetDateTime now) {
        OffsetDateTime end = call.endedAt().orElse(now);
        OffsetDateTime humanFrom = transfers.stream()
                .map(t -> t.connectedAt().orElse(null))
                .filter(Objects::nonNull)
                .min(Comparator.naturalOrder())
                .orElse(end);
        double aiMinutes = minutes(Duration.between(call.startedAt(), humanFrom));
        double humanMinutes = minutes(transfers.stream()
                .filter(t -> t.connectedAt().isPresent())
                .map(t -> Duration.between(t.connectedAt().get(), t.endedAt().orElse(end)))
                .reduce(Duration.ZERO, Duration::plus));
        long seconds = call.durationSeconds(now);
        boolean transferred = call.transferCount() > 0 && call.status() == CallStatus.COMPLETED;
        return new CallLogView(
                call.callId(),
                call.callerNumber(),
                call.callerNumber(),
                call.callerNumber(),
                call.startedAt(),
                call.startedAt(),
                call.endedAt().orElse(null),
                seconds,
                seconds,
                aiMinutes,
                humanMinutes,
                pricing.cost(aiMinutes, humanMinutes),
                transferred ? "transferred" : call.status().wireName(),
                transfers.stream()
                        .map(t -> new TransferEntry(
                                t.transferId(),
                                t.department().name(),
                                t.status().wireName(),
                                t.reason(),
                                t.createdAt()))
                        .toList());
    }

    private static double minutes(Duration duration) {
        return Math.round(Math.max(0, duration.toMillis()) / 600.0) / 100.0;
    }
}
