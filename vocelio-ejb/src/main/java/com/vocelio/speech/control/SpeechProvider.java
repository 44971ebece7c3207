package com.vocelio.speech.control;

import com.vocelio.speech.entity.Audio;
import com.vocelio.speech.entity.Utterance;
import com.vocelio.speech.entity.Voice;
import java.util.List;

/**
 * One speech engine: a cloud service reached over its REST API or an engine on this machine. Every failure to
 * answer (refused, timed out, an error status, nonsense) is a {@link ProviderFailure} naming the provider.
 */
public interface SpeechProvider {

    /** {@code azure}, {@code elevenlabs}, {@code local}, {@code piper}: the wire name. */
    String name();

    /** Whether it has what it needs to be asked (keys, a URL); an unconfigured provider is never called. */
    boolean configured();

    /** The provider's own list, fresh; {@link VoiceCatalog} caches it. */
    List<Voice> voices();

    Audio synthesize(Utterance utterance);

    /**
     * Hands the audio to {@code sink} as it is produced and returns it whole (for the cache and the meter). A
     * provider without a streaming API hands it over in one piece.
     */
    default Audio stream(Utterance utterance, AudioSink sink) {
        Audio audio = synthesize(utterance);
        sink.begin(audio.mediaType());
        sink.accept(audio.bytes());
        return audio;
    }

    /** Where audio goes as it is produced: a chunked HTTP answer, a WebSocket. */
    interface AudioSink {

        void begin(String mediaType);

        void accept(byte[] chunk);
    }
}
