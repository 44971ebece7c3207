package com.vocelio.speech.control;

import com.vocelio.speech.control.SpeechProvider.AudioSink;
import com.vocelio.speech.entity.Audio;

/**
 * A synthesis under way whose speaker is settled: {@link #provider()}, {@link #voiceId()} and {@link #mediaType()}
 * are known before any audio is, so an HTTP answer can commit its headers and a socket announce the audio truthfully.
 */
public interface AudioStream extends AutoCloseable {

    String provider();

    String voiceId();

    String mediaType();

    boolean cached();

    /**
     * Hands the audio to {@code sink} as it comes and returns it whole (for the cache and the meter). Pours once; a
     * failure is a {@link ProviderFailure}, and the client has then received part of the audio.
     */
    Audio pour(AudioSink sink);

    /** Lets go of what the stream holds (a provider's connection) when it is not poured to its end. */
    @Override
    default void close() {}

    /** Audio that is already whole (a cache hit, a provider without streaming): one chunk. */
    static AudioStream whole(Audio audio) {
        return new AudioStream() {
            @Override
            public String provider() {
                return audio.provider();
            }

            @Override
            public String voiceId() {
                return audio.voiceId();
            }

            @Override
            public String mediaType() {
                return audio.mediaType();
            }

            @Override
            public boolean cached() {
                return audio.cached();
            }

            @Override
            public Audio pour(AudioSink sink) {
                sink.accept(audio.bytes());
                return audio;
            }
        };
    }
}
