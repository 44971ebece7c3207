package com.vocelio.speech.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The containers a browser's {@code new Audio(blob)} decodes, and that every provider can produce. */
public enum AudioFormat {
    WAV("audio/wav"),
    MP3("audio/mpeg");

    private final String mediaType;

    AudioFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AudioFormat> fromWire(String value) {
        return Arrays.stream(values())
                .filter(format -> format.wire().equalsIgnoreCase(value.strip())
                        || format.mediaType.equalsIgnoreCase(value.strip())
                        || format == MP3 && "mpeg".equalsIgnoreCase(value.strip()))
                .findFirst();
    }
}
