package com.vocelio.call.rest;

import com.vocelio.call.entity.Call;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * A call as the Call Center reads it after {@code make}, {@code status} and {@code end}: Twilio's names and
 * statuses ({@code call_sid}, {@code status} one of {@code queued, ringing, in-progress, completed, busy, failed,
 * no-answer, canceled}), {@code duration} in whole seconds of talk once over (so far, while it lasts), {@code price}
 * in {@code price_unit} once known. {@code call_status} is the portal's own status (it knows transfers and humans).
 * Times are ISO-8601; absent ones are empty strings, never null (the portal calls string methods on them).
 */
public record CallView(
        boolean success,
        String callSid,
        String status,
        String callStatus,
        String to,
        String from,
        String direction,
        String provider,
        String startTime,
        String answerTime,
        String endTime,
        long duration,
        BigDecimal price,
        String priceUnit,
        boolean muted,
        boolean onHold) {

    public static CallView of(Call call, OffsetDateTime now) {
        long duration = call.talkSeconds().map(Integer::longValue).orElseGet(() -> call.answeredAt()
                .map(answered -> Duration.between(answered, now).toSeconds())
                .orElse(call.provider().isEmpty() ? call.durationSeconds(now) : 0L));
        return new CallView(
                true,
                call.callId(),
                call.provider().isEmpty()
                        ? call.status().wireName()
                        : call.telephonyStatus().wireName(),
                call.status().wireName(),
                call.calledNumber(),
                call.callerNumber(),
                call.direction(),
                call.provider(),
                call.startedAt().toString(),
                call.answeredAt().map(OffsetDateTime::toString).orElse(""),
                call.endedAt().map(OffsetDateTime::toString).orElse(""),
                duration,
                call.price().orElse(null),
                call.priceUnit(),
                call.muted(),
                call.onHold());
    }
}
