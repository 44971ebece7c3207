package com.vocelio.speech.boundary;

import com.vocelio.speech.control.AudioStream;
import com.vocelio.speech.control.SpeechPlan;

/**
 * A synthesis {@link Syntheses#open opened} and not yet poured: who speaks it (after any fallback), in which voice and
 * format, and where its audio will be cached.
 */
public record Speech(SpeechPlan plan, AudioStream stream, String cacheKey) {

    public String provider() {
        return stream.provider();
    }

    public String voiceId() {
        return stream.voiceId();
    }

    public String mediaType() {
        return stream.mediaType();
    }

    public boolean cached() {
        return stream.cached();
    }
}
