package com.vocelio.speech.control;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** RIFF/WAVE for 16-bit mono PCM: what every browser plays without a codec. */
public final class Wav {

    public static final int HEADER_BYTES = 44;

    /** A streamed file's sizes are not known when its header leaves: players read such a header to the end. */
    public static final int UNKNOWN_LENGTH = -1;

    private Wav() {}

    public static byte[] of(byte[] pcm16le, int sampleRate) {
        var file = ByteBuffer.allocate(HEADER_BYTES + pcm16le.length);
        file.put(header(sampleRate, pcm16le.length)).put(pcm16le);
        return file.array();
    }

    /** @param dataBytes the length of the samples that follow, or {@link #UNKNOWN_LENGTH} */
    public static byte[] header(int sampleRate, int dataBytes) {
        int riff = dataBytes == UNKNOWN_LENGTH ? -1 : 36 + dataBytes;
        return ByteBuffer.allocate(HEADER_BYTES)
                .order(ByteOrder.LITTLE_ENDIAN)
                .put(new byte[] {'R', 'I', 'F', 'F'})
                .putInt(riff)
                .put(new byte[] {'W', 'A', 'V', 'E', 'f', 'm', 't', ' '})
                .putInt(16) // fmt chunk size
                .putShort((short) 1) // PCM
                .putShort((short) 1) // mono
                .putInt(sampleRate)
                .putInt(sampleRate * 2) // bytes per second
                .putShort((short) 2) // block align
                .putShort((short) 16) // bits per sample
                .put(new byte[] {'d', 'a', 't', 'a'})
                .putInt(dataBytes)
                .array();
    }

    public static boolean isWav(byte[] bytes) {
        return bytes.length >= HEADER_BYTES && isRiffWave(bytes);
    }

    /** Whether the bytes begin as a WAV file does (the first twelve suffice). */
    public static boolean isRiffWave(byte[] bytes) {
        return bytes.length >= 12
                && bytes[0] == 'R'
                && bytes[1] == 'I'
                && bytes[2] == 'F'
                && bytes[3] == 'F'
                && bytes[8] == 'W'
                && bytes[9] == 'A'
                && bytes[10] == 'V'
                && bytes[11] == 'E';
    }

    /** The duration of a canonical WAV file (as we and the providers write them); 0 for anything else. */
    public static double seconds(byte[] wav) {
        if (!isWav(wav)) {
            return 0;
        }
        var buffer = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        int byteRate = buffer.getInt(28);
        return byteRate <= 0 ? 0 : (double) (wav.length - HEADER_BYTES) / byteRate;
    }

    /**
     * Big-endian 16-bit samples (what the Java sound API hands over) as little-endian ones (what WAV holds), scaled
     * by {@code gain} (0–1) and clipped.
     */
    public static byte[] littleEndian(byte[] bigEndian, int offset, int length, double gain) {
        byte[] out = new byte[length - length % 2];
        for (int i = 0; i + 1 < length; i += 2) {
            int sample = (short) ((bigEndian[offset + i] << 8) | (bigEndian[offset + i + 1] & 0xff));
            int scaled = (int) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(sample * gain)));
            out[i] = (byte) scaled;
            out[i + 1] = (byte) (scaled >> 8);
        }
        return out;
    }
}
