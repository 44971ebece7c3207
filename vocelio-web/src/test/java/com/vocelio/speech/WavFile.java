package com.vocelio.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** A WAV file read the way a player reads it: RIFF/WAVE, a PCM fmt chunk, the data chunk. */
record WavFile(int channels, int sampleRate, int bitsPerSample, short[] samples) {

    static WavFile parse(byte[] bytes) {
        assertTrue(bytes.length > 44, "a WAV file longer than its header, got " + bytes.length + " bytes");
        var buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("RIFF", text(bytes, 0));
        assertEquals("WAVE", text(bytes, 8));
        int position = 12;
        int channels = 0;
        int rate = 0;
        int bits = 0;
        while (position + 8 <= bytes.length) {
            String chunk = text(bytes, position);
            int size = buffer.getInt(position + 4);
            if (chunk.equals("fmt ")) {
                assertEquals(1, buffer.getShort(position + 8), "PCM");
                channels = buffer.getShort(position + 10);
                rate = buffer.getInt(position + 12);
                bits = buffer.getShort(position + 22);
            } else if (chunk.equals("data")) {
                int length = size < 0 || position + 8 + size > bytes.length ? bytes.length - position - 8 : size;
                short[] samples = new short[length / 2];
                for (int i = 0; i < samples.length; i++) {
                    samples[i] = buffer.getShort(position + 8 + 2 * i);
                }
                return new WavFile(channels, rate, bits, samples);
            }
            position += 8 + size;
        }
        throw new AssertionError("no data chunk");
    }

    private static String text(byte[] bytes, int at) {
        return new String(bytes, at, 4, StandardCharsets.US_ASCII);
    }

    double seconds() {
        return (double) samples.length / channels / sampleRate;
    }

    /** Root mean square of the samples, 0–1 of full scale. */
    double rms() {
        double sum = 0;
        for (short sample : samples) {
            sum += (double) sample * sample;
        }
        return Math.sqrt(sum / Math.max(1, samples.length)) / Short.MAX_VALUE;
    }
}
