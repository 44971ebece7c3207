package com.vocelio.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WireMessageTest {

    /** Reads a server frame as a client does (RFC 6455 §5.2) and returns its text. */
    private static String read(byte[] frame) {
        var bytes = ByteBuffer.wrap(frame);
        int first = bytes.get() & 0xFF;
        assertEquals(0x81, first, "FIN and the text opcode, nothing else");
        int second = bytes.get() & 0xFF;
        assertEquals(0, second & 0x80, "a server never masks");
        long length = second & 0x7F;
        if (length == 126) {
            length = bytes.getShort() & 0xFFFF;
        } else if (length == 127) {
            length = bytes.getLong();
        }
        assertEquals(length, bytes.remaining(), "the length says exactly what follows");
        return StandardCharsets.UTF_8.decode(bytes).toString();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 127, 65_535, 65_536, 200_000})
    void framesTextOfEveryLengthClassWithTheShortestHeader(int length) {
        String text = "x".repeat(length);

        byte[] frame = new WireMessage(text).frame();

        assertEquals(text, read(frame));
        int header = length <= 125 ? 2 : length <= 65_535 ? 4 : 10;
        assertEquals(header + length, frame.length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Zoë — café ☎", "{\"contact\":\"Łukasz 😀\"}"})
    void lengthCountsUtf8BytesNotCharacters(String text) {
        byte[] frame = new WireMessage(text).frame();

        assertEquals(text, read(frame));
        assertArrayEquals(
                text.getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(frame, 2, frame.length), "payload as UTF-8");
    }

    @Test
    void framesOnceForEverySocket() {
        var message = new WireMessage("{\"type\":\"transfer_queued\"}");

        assertSame(message.frame(), message.frame());
    }
}
