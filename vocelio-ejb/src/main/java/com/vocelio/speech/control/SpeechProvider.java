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
     * Starts a synthesis and returns once the provider has accepted it, before its audio has come: from then on who
     * speaks is settled (a failure here can still fall back; a failure while pouring cannot). A provider without a
     * streaming API synthesizes here and pours in one piece.
     */
    default AudioStream open(Utterance utterance) {
        return AudioStream.whole(synthesize(utterance));
    }

    /** Where audio goes as it is produced: a chunked HTTP answer, a WebSocket. */
    @FunctionalInterface
    interface AudioSink {

        void accept(byte[] chunk);
    }
}
