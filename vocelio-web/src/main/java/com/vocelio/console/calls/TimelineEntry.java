package com.vocelio.console.calls;

import com.vocelio.transfer.entity.Transfer;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One moment of a call's way to humans, for the history timeline: a transfer requested, overflowed, connected or
 * ended. {@code what} is a message key, {@code detail} the department, outcome or reason it names.
 */
public record TimelineEntry(String at, String what, String transferId, String detail, String kind)
        implements Serializable {

    /** Every moment of the transfers, oldest first (a transfer's own moments keep their order on a tie). */
    static List<TimelineEntry> of(List<Transfer> transfers) {
        record Moment(OffsetDateTime at, int order, TimelineEntry entry) {}
        var moments = new ArrayList<Moment>();
        int order = 0;
        for (var t : transfers) {
            moments.add(new Moment(
                    t.createdAt(),
                    order++,
                    entry(t.createdAt(), "calls.timeline.requested", t, requested(t), "requested")));
            var overflowed = t.overflowedAt();
            if (overflowed.isPresent()) {
                moments.add(new Moment(
                        overflowed.get(),
                        order++,
                        entry(
                                overflowed.get(),
                                "calls.timeline.overflowed",
                                t,
                                t.department().name(),
                                "overflowed")));
            }
            var connected = t.connectedAt();
            if (connected.isPresent()) {
                moments.add(new Moment(
                        connected.get(),
                        order++,
                        entry(
                                connected.get(),
                                "calls.timeline.connected",
                                t,
                                t.department().name(),
                                "connected")));
            }
            var ended = t.endedAt();
            if (ended.isPresent()) {
                String outcome = t.status().wireName();
                moments.add(new Moment(
                        ended.get(),
                        order++,
                        entry(
                                ended.get(),
                                "calls.timeline.ended",
                                t,
                                outcome
                                        + (t.endReason().isEmpty()
                                                        || t.endReason().equals(outcome)
                                                ? ""
                                                : " · " + t.endReason()),
                                outcome)));
            } else {
                moments.add(new Moment(
                        t.createdAt(),
                        Integer.MAX_VALUE,
                        entry(null, "calls.timeline.open", t, t.status().wireName(), "open")));
            }
        }
        return moments.stream()
                .sorted(Comparator.comparing((Moment m) -> m.order() == Integer.MAX_VALUE ? OffsetDateTime.MAX : m.at())
                        .thenComparingInt(Moment::order))
                .map(Moment::entry)
                .toList();
    }

    /**
     * The department asked for (known without another read only while the transfer did not overflow: the history
     * carries the department it is in now, which the overflow entry names) and the reason.
     */
    private static String requested(Transfer t) {
        String department = t.overflowedAt().isPresent() ? "" : t.department().name();
        String reason = t.reason();
        return department.isEmpty() || reason.isEmpty() ? department + reason : department + " · " + reason;
    }

    private static TimelineEntry entry(OffsetDateTime at, String what, Transfer t, String detail, String kind) {
        return new TimelineEntry(
                at == null ? "" : CallLogRow.STARTED.format(at.withOffsetSameInstant(ZoneOffset.UTC)),
                what,
                t.transferId(),
                detail,
                kind);
    }
}
