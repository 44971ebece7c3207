package com.vocelio.speech.control;

import com.vocelio.speech.control.SpeechProvider.AudioSink;
import com.vocelio.speech.entity.Audio;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.function.Function;

/**
 * A provider's audio as its HTTP body arrives: each read leaves at once, and {@code whole} makes the cached
 * {@link Audio} of exactly the bytes that were sent (the {@code prefix}, e.g. a WAV header we add, included).
 */
final class BodyStream implements AudioStream {

    private static final int CHUNK = 4096;

    private final String provider;
    private final String voiceId;
    private final String mediaType;
    private final InputStream body;
    private final byte[] prefix;
    private final Function<byte[], Audio> whole;

    BodyStream(
            String provider,
            String voiceId,
            String mediaType,
            InputStream body,
            byte[] prefix,
            Function<byte[], Audio> whole) {
        this.provider = provider;
        this.voiceId = voiceId;
        this.mediaType = mediaType;
        this.body = body;
        this.prefix = prefix;
        this.whole = whole;
    }

    @Override
    public String provider() {
        return provider;
    }

    @Override
    public String voiceId() {
        return voiceId;
    }

    @Override
    public String mediaType() {
        return mediaType;
    }

    @Override
    public boolean cached() {
        return false;
    }

    @Override
    public Audio pour(AudioSink sink) {
        var sent = new ByteArrayOutputStream();
        try (body) {
            if (prefix.length > 0) {
                sent.writeBytes(prefix);
                sink.accept(prefix);
            }
            byte[] buffer = new byte[CHUNK];
            for (int read; (read = body.read(buffer)) >= 0; ) {
                if (read > 0) {
                    byte[] chunk = Arrays.copyOf(buffer, read);
                    sent.writeBytes(chunk);
                    sink.accept(chunk);
                }
            }
        } catch (IOException e) {
            throw new ProviderFailure(
                    provider, "broke off its stream (" + e.getClass().getSimpleName() + ")", e);
        }
        return whole.apply(sent.toByteArray());
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException e) {
            // the connection is gone either way
        }
    }
}
