package com.vocelio.call.control;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** WAV files of silence for the simulated network's recordings: 8 kHz, 8-bit unsigned mono PCM (silence is 0x80). */
final class Wav {

    static final int RATE = 8000;
    static final int HEADER = 44;

    private Wav() {}

    static byte[] silence(int seconds) {
        int samples = RATE * Math.max(0, seconds);
        byte[] wav = new byte[HEADER + samples];
        var header = ByteBuffer.wrap(wav, 0, HEADER).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes(StandardCharsets.US_ASCII))
                .putInt(HEADER - 8 + samples)
                .put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII))
                .putInt(16) // the size of the fmt chunk
                .putShort((short) 1) // PCM
                .putShort((short) 1) // mono
                .putInt(RATE)
                .putInt(RATE) // bytes per second: one byte a sample
                .putShort((short) 1) // block align
                .putShort((short) 8) // bits per sample
                .put("data".getBytes(StandardCharsets.US_ASCII))
                .putInt(samples);
        Arrays.fill(wav, HEADER, wav.length, (byte) 0x80);
        return wav;
    }
}
