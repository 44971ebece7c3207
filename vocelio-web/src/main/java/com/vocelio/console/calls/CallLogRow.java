package com.vocelio.console.calls;

import com.vocelio.call.entity.Call;
import com.vocelio.console.Durations;
import com.vocelio.transfer.entity.Transfer;
import java.io.Serializable;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One line of the call logs table, as text (the exporter writes what the page shows): the outcome is the API's
 * (a completed call that reached a human reads "transferred").
 */
public record CallLogRow(
        String callId, String caller, String started, String duration, String outcome, String transferredTo)
        implements Serializable {

    static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

    static CallLogRow of(Call call, List<Transfer> transfers, OffsetDateTime now) {
        var end = call.endedAt().orElse(now);
        String status = call.status().wireName();
        return new CallLogRow(
                call.callId(),
                call.callerNumber(),
                STARTED.format(call.startedAt().withOffsetSameInstant(ZoneOffset.UTC)),
                Durations.clock(
                        Math.max(0, Duration.between(call.startedAt(), end).toSeconds())),
                "completed".equals(status) && call.transferCount() > 0 ? "transferred" : status,
                transfers.stream().map(t -> t.department().name()).distinct().collect(Collectors.joining(", ")));
    }
}
