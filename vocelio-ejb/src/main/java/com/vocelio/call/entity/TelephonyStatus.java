package com.vocelio.call.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A call's status in the provider's words (Twilio's, which the simulator speaks too). Statuses only move forward:
 * a callback that arrives late or twice never takes a call back ({@code completed} never returns to {@code ringing}).
 */
public enum TelephonyStatus {
    NONE("", 0, null),
    QUEUED("queued", 1, CallStatus.RINGING),
    RINGING("ringing", 2, CallStatus.RINGING),
    IN_PROGRESS("in-progress", 3, CallStatus.ACTIVE),
    COMPLETED("completed", 4, CallStatus.COMPLETED),
    BUSY("busy", 4, CallStatus.MISSED),
    FAILED("failed", 4, CallStatus.FAILED),
    NO_ANSWER("no-answer", 4, CallStatus.MISSED),
    CANCELED("canceled", 4, CallStatus.ABANDONED);

    private final String wire;
    private final int rank;
    private final CallStatus callStatus;

    TelephonyStatus(String wire, int rank, CallStatus callStatus) {
        this.wire = wire;
        this.rank = rank;
        this.callStatus = callStatus;
    }

    public String wireName() {
        return wire;
    }

    /** What the call's portal status becomes when the provider reports this. */
    public CallStatus callStatus() {
        return callStatus;
    }

    public boolean isFinal() {
        return rank == 4;
    }

    /** Whether moving from this status to {@code next} is progress (not a repeat, not a step back). */
    public boolean precedes(TelephonyStatus next) {
        return next.rank > rank;
    }

    /** Twilio's spelling; {@code initiated} (its first callback) is our {@code queued}. */
    public static Optional<TelephonyStatus> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String wire = value.strip().toLowerCase(Locale.ROOT);
        if (wire.equals("initiated")) {
            return Optional.of(QUEUED);
        }
        return Arrays.stream(values())
                .filter(status -> status != NONE && status.wire.equals(wire))
                .findFirst();
    }

    @Converter
    public static class Column implements AttributeConverter<TelephonyStatus, String> {

        @Override
        public String convertToDatabaseColumn(TelephonyStatus status) {
            return status == null ? "" : status.wire;
        }

        @Override
        public TelephonyStatus convertToEntityAttribute(String column) {
            return column == null || column.isEmpty()
                    ? NONE
                    : parse(column).orElseThrow(() -> new IllegalStateException("Unknown telephony status " + column));
        }
    }
}
