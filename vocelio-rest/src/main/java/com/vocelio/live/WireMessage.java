package com.vocelio.live;

import java.nio.charset.StandardCharsets;

/**
 * A text message on its way out to sockets. One event's message goes to every socket of its organization that wants
 * it, so its WebSocket frame — header and UTF-8 payload — is made once, by whichever socket sends it first, and the
 * others write the same bytes.
 */
final class WireMessage {

    private final String text;
    private volatile byte[] frame; // two senders may both make it; they make the same bytes

    WireMessage(String text) {
        this.text = text;
    }

    String text() {
        return text;
    }

    /** The whole unmasked, unfragmented text frame (RFC 6455 §5.2), as a server sends it. */
    byte[] frame() {
        byte[] bytes = frame;
        if (bytes == null) {
            bytes = frame(text.getBytes(StandardCharsets.UTF_8));
            frame = bytes;
        }
        return bytes;
    }

    static byte[] frame(byte[] payload) {
        int length = payload.length;
        int header = length <= 125 ? 2 : length <= 0xFFFF ? 4 : 10;
        byte[] bytes = new byte[header + length];
        bytes[0] = (byte) 0x81; // FIN, text
        if (header == 2) {
            bytes[1] = (byte) length;
        } else if (header == 4) {
            bytes[1] = 126;
            bytes[2] = (byte) (length >>> 8);
            bytes[3] = (byte) length;
        } else {
            bytes[1] = 127;
            for (int i = 0; i < 8; i++) {
                bytes[2 + i] = (byte) ((long) length >>> (56 - 8 * i));
            }
        }
        System.arraycopy(payload, 0, bytes, header, length);
        return bytes;
    }

    @Override
    public String toString() {
        return text;
    }
}
