package com.vocelio.speech.control;

import com.vocelio.speech.entity.AudioFormat;
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

    /** What the provider answers in: the engines that only write WAV do so whatever was asked. */
    public String mediaType() {
        if (provider instanceof LocalSpeech || provider instanceof PiperSpeech) {
            return AudioFormat.WAV.mediaType();
        }
        return (utterance.format() == null ? AudioFormat.MP3 : utterance.format()).mediaType();
    }
}
