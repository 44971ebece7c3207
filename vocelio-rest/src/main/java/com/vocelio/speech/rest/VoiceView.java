package com.vocelio.speech.rest;

import com.vocelio.speech.entity.Voice;

/**
 * A voice card (contract S2): every text non-null, {@code sample_rate} in hertz, {@code preview_url} the provider's
 * own sample or a signed link to ours that plays without a bearer token.
 */
public record VoiceView(
        String id,
        String name,
        String language,
        String gender,
        String style,
        boolean neural,
        int sampleRate,
        String accent,
        String previewUrl,
        String provider) {

    static VoiceView of(Voice voice, String ourPreview) {
        return new VoiceView(
                voice.id(),
                voice.name(),
                voice.language(),
                voice.gender(),
                voice.style(),
                voice.neural(),
                voice.sampleRate(),
                voice.accent(),
                voice.previewUrl().isEmpty() ? ourPreview : voice.previewUrl(),
                voice.provider());
    }
}
