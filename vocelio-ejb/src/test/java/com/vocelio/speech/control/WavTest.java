package com.vocelio.speech.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class WavTest {

    @Test
    void aWavFileHasTheCanonicalHeaderAndItsDurationIsReadBack() {
        byte[] wav = Wav.of(new byte[32000], 16000); // one second of 16-bit mono at 16 kHz
        var header = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        assertTrue(Wav.isWav(wav));
        assertEquals(36 + 32000, header.getInt(4));
        assertEquals(1, header.getShort(20)); // PCM
        assertEquals(1, header.getShort(22)); // mono
        assertEquals(16000, header.getInt(24));
        assertEquals(32000, header.getInt(28));
        assertEquals(16, header.getShort(34));
        assertEquals(32000, header.getInt(40));
        assertEquals(1.0, Wav.seconds(wav), 1e-9);
    }

    @Test
    void aStreamedHeaderLeavesTheLengthsOpen() {
        var header = ByteBuffer.wrap(Wav.header(8000, Wav.UNKNOWN_LENGTH)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(-1, header.getInt(4));
        assertEquals(-1, header.getInt(40));
    }

    @Test
    void bigEndianSamplesBecomeLittleEndianScaledAndClipped() {
        byte[] bigEndian = {0x12, 0x34, (byte) 0x80, 0x00, 0x40, 0x00};
        assertArrayEquals(new byte[] {0x34, 0x12, 0x00, (byte) 0x80, 0x00, 0x40}, Wav.littleEndian(bigEndian, 0, 6, 1));
        byte[] louder = Wav.littleEndian(bigEndian, 4, 2, 4); // 0x4000 * 4 clips at 0x7fff
        assertArrayEquals(new byte[] {(byte) 0xff, 0x7f}, louder);
        byte[] half = Wav.littleEndian(bigEndian, 4, 2, 0.5);
        assertArrayEquals(new byte[] {0x00, 0x20}, half);
    }

    @Test
    void otherBytesAreNoWav() {
        assertFalse(Wav.isWav(new byte[] {(byte) 0xFF, (byte) 0xFB, 0, 0}));
        assertEquals(0, Wav.seconds(new byte[100]));
    }
}
