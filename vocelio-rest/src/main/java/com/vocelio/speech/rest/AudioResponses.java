package com.vocelio.speech.rest;

import com.vocelio.speech.entity.Audio;
import jakarta.ws.rs.core.Response;

/**
 * Audio as a browser's {@code new Audio(blob)} plays it, with the headers the Call Center reads ({@code Provider},
 * {@code Voice-ID}; CORS exposes them) and where it came from ({@code X-Speech-Cache}).
 */
final class AudioResponses {

    static final String PROVIDER = "Provider";
    static final String VOICE_ID = "Voice-ID";
    static final String CACHE = "X-Speech-Cache";

    private AudioResponses() {}

    static Response of(Audio audio) {
        return Response.ok(audio.bytes(), audio.mediaType())
                .header(PROVIDER, audio.provider())
                .header(VOICE_ID, audio.voiceId())
                .header(CACHE, audio.cached() ? "hit" : "miss")
                .header("X-Audio-Seconds", String.format(java.util.Locale.ROOT, "%.3f", audio.seconds()))
                .build();
    }
}
