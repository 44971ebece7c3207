package com.vocelio.call.rest;

import com.vocelio.call.entity.Recording;
import java.time.OffsetDateTime;

/**
 * A call recording as clients read it: its id (the provider's sid), its call, {@code status} one of
 * {@code in-progress, completed, absent, failed}, {@code duration} in whole seconds (0 until the provider tells it).
 * Absent times are empty strings, never null. Where the provider keeps the audio is not shown: it needs our
 * credentials.
 */
public record RecordingView(
        String recordingId,
        String callSid,
        String provider,
        String status,
        int duration,
        int channels,
        String startTime,
        String createdAt) {

    public static RecordingView of(Recording recording) {
        return new RecordingView(
                recording.recordingSid(),
                recording.call().callId(),
                recording.provider(),
                recording.status(),
                recording.durationSeconds().orElse(0),
                recording.channels(),
                recording.startedAt().map(OffsetDateTime::toString).orElse(""),
                recording.createdAt().toString());
    }
}
