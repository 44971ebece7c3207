package com.vocelio.speech.control;

import com.vocelio.speech.entity.Utterance;

/**
 * Who speaks an utterance, with which voice (resolved: never empty), and whether the local engine may take over
 * when that provider fails ({@code auto}).
 */
public record SpeechPlan(SpeechProvider provider, Utterance utterance, boolean fallsBack) {

    public String providerName() {
        return provider.name();
    }

    public String voiceId() {
        return utterance.voiceId();
    }
}
