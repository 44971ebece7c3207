package com.vocelio.platform;

import static com.vocelio.testing.EventClient.text;
import static com.vocelio.testing.EventClient.type;
import static com.vocelio.testing.Feeds.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.testing.EventClient;
import com.vocelio.testing.HandSocket;
import com.vocelio.testing.Logs;
import com.vocelio.testing.Routing;
import com.vocelio.testing.TestServer;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a socket client sends is judged like a request body, by the same code: text after the JSON, an array for the
 * object, NUL and control characters, deep nesting and huge numbers get an {@code error} message naming the field
 * where there is one, and the socket goes on (a ping after them is answered). Invalid UTF-8 in a text frame ends the
 * socket as RFC 6455 says (1007), never with 1011. None of it leaves a stack trace in the log.
 */
class SocketInputIT {

    private static final Routing routing = Routing.newOrganization();
    private static int logLinesBefore;

    /** A hostile message, and the field its error names (null: the message as a whole). */
    record Hostile(String what, String text, String field) {}

    static final List<Hostile> HOSTILE = List.of(
            new Hostile("text after the object", "{\"type\":\"ping\"} xxx", null),
            new Hostile("a second object", "{\"type\":\"ping\"}{\"type\":\"ping\"}", null),
            new Hostile("an array for the object", "[{\"type\":\"ping\"}]", null),
            new Hostile("a string for the object", "\"ping\"", null),
            new Hostile("nothing", "", null),
            new Hostile("a raw NUL after the object", "{\"type\":\"ping\"}\u0000", null),
            new Hostile("a raw control character in a string", "{\"type\":\"ping\",\"note\":\"a\u0007b\"}", null),
            new Hostile("an escaped NUL", "{\"type\":\"subscribe\",\"channel\":\"queue\\u0000\"}", "channel"),
            new Hostile("a NUL in the token", "{\"type\":\"auth\",\"token\":\"a\\u0000b\"}", "token"),
            new Hostile(
                    "a control character in a nested name",
                    "{\"type\":\"subscribe\",\"payload\":{\"channels\":[\"queue\",\"x\\u0001\"]}}",
                    "payload.channels[1]"),
            new Hostile("half a surrogate pair", "{\"type\":\"ping\",\"note\":\"\\ud800\"}", "note"),
            new Hostile(
                    "nesting 1,200 deep",
                    "{\"type\":\"ping\",\"a\":" + "[".repeat(1200) + "]".repeat(1200) + "}",
                    null),
            new Hostile("a number of 2,000 digits", "{\"type\":\"ping\",\"since\":1" + "0".repeat(2000) + "}", "since"),
            new Hostile("a huge exponent", "{\"type\":\"ping\",\"since\":1e999999999}", "since"),
            new Hostile("a tiny exponent", "{\"type\":\"ping\",\"since\":1e-999999999}", "since"));

    @BeforeAll
    static void markTheLog() {
        logLinesBefore = Logs.lines(TestServer.get().log()).size();
    }

    @Test
    void everyEventSocketAnswersHostileMessagesWithAnErrorAndGoesOn() {
        for (String path : List.of("ws/transfers", "ws", "ws/dashboard", "ws/analytics/s1")) {
            try (var client = EventClient.signedIn(path, routing.token())) {
                for (int i = 0; i < HOSTILE.size(); i++) {
                    var hostile = HOSTILE.get(i);
                    client.send(hostile.text());
                    var error = client.awaitCount(
                                    path + ": the error for " + hostile.what(), WAIT, type("error"), i + 1)
                            .get(i)
                            .json();
                    refused(path + " ← " + hostile.what(), hostile, error);
                }
                client.send("{\"type\":\"ping\"}");
                client.await(path + ": the pong after them all", WAIT, type("pong"));
                assertTrue(client.isOpen(), client.describe());
            }
        }
    }

    @Test
    void aSocketThatIsNotSignedInIsAnsweredTooAndMaySignInAfter() {
        try (var client = EventClient.open("ws/transfers")) {
            client.send("[{\"type\":\"auth\",\"token\":\"" + routing.token() + "\"}]");
            refused("an array", HOSTILE.get(2), client.await("the error", WAIT, type("error")));
            client.send("{\"type\":\"auth\",\"token\":\"" + routing.token() + "\"}");
            client.await("authenticated", WAIT, type("authenticated"));
        }
    }

    @Test
    void theSpeechSocketAnswersHostileMessagesWithAnErrorAndGoesOn() {
        try (var client = EventClient.signedIn("ws/tts", routing.token())) {
            for (int i = 0; i < HOSTILE.size(); i++) {
                var hostile = HOSTILE.get(i);
                client.send(hostile.text());
                var error = client.awaitCount("/ws/tts: the error for " + hostile.what(), WAIT, type("error"), i + 1)
                        .get(i)
                        .json();
                refused("/ws/tts ← " + hostile.what(), hostile, error);
                assertEquals(400, error.getInt("status"), error.toString());
            }
            client.send("{\"type\":\"synthesize\",\"text\":\"a\\u0000b\",\"request_id\":\"r1\"}");
            var nul = client.awaitCount("the error for a NUL in the text", WAIT, type("error"), HOSTILE.size() + 1)
                    .get(HOSTILE.size())
                    .json();
            assertEquals("text", nul.getJsonArray("details").getJsonObject(0).getString("field"), nul.toString());
            client.send("{\"type\":\"ping\"}");
            client.await("/ws/tts: the pong after them all", WAIT, type("pong"));
            assertTrue(client.isOpen(), client.describe());
        }
    }

    @Test
    void invalidUtf8InATextFrameEndsTheSocketWith1007() throws IOException {
        for (String path : List.of("/ws/transfers", "/ws", "/ws/tts")) {
            try (var socket = HandSocket.webSocket(path + "?access_token=" + routing.token(), 65_536)) {
                var payload = new ByteArrayOutputStream();
                payload.writeBytes("{\"type\":\"ping\",\"note\":\"".getBytes(StandardCharsets.US_ASCII));
                payload.write(0xff);
                payload.write(0xc3);
                payload.write(0x28);
                payload.writeBytes("\"}".getBytes(StandardCharsets.US_ASCII));
                sendFrame(socket, 0x1, payload.toByteArray());
                assertEquals(1007, closeCode(socket), path);
            }
        }
        // and a socket opened after them works
        try (var client = EventClient.signedIn("ws/transfers", routing.token())) {
            client.send("{\"type\":\"ping\"}");
            client.await("pong", WAIT, type("pong"));
        }
    }

    @AfterAll
    static void noStackTraceOfTheSocketsInTheLog() {
        // a frame of Tyrus or of our socket code in a stack trace: an exception escaped a socket's message handling
        var frame =
                Pattern.compile("^\\s+at (org\\.glassfish\\.tyrus|com\\.vocelio\\.live|com\\.vocelio\\.speech\\.rest)");
        var lines = Logs.lines(TestServer.get().log());
        var traces = new ArrayList<String>();
        for (int i = Math.min(logLinesBefore, lines.size()); i < lines.size(); i++) {
            if (frame.matcher(lines.get(i)).find() || lines.get(i).contains("Incident ")) {
                traces.add(lines.get(i));
            }
        }
        assertTrue(traces.isEmpty(), "stack traces of the sockets in the log:\n" + String.join("\n", traces));
    }

    private static void refused(String where, Hostile hostile, JsonObject error) {
        assertEquals("error", text(error, "type"), where + ": " + error);
        String code = text(error, "code");
        assertTrue(code != null && !code.isBlank(), where + ": " + error);
        assertFalse(error.getString("message", "").contains("Exception"), where + ": " + error);
        if (hostile.field() != null) {
            assertEquals("invalid_input", code, where + ": " + error);
            assertEquals(
                    hostile.field(),
                    error.getJsonArray("details").getJsonObject(0).getString("field"),
                    where + ": " + error);
        }
    }

    /** A masked client frame (RFC 6455 §5.2) with FIN set. */
    private static void sendFrame(Socket socket, int opcode, byte[] payload) throws IOException {
        var frame = new ByteArrayOutputStream();
        frame.write(0x80 | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length & 0xff);
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        socket.getOutputStream().write(frame.toByteArray());
        socket.getOutputStream().flush();
    }

    /** Reads server frames until the close frame; its status code (-1 when the connection ended without one). */
    private static int closeCode(Socket socket) throws IOException {
        socket.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
        var in = new DataInputStream(socket.getInputStream());
        while (true) {
            int first;
            try {
                first = in.readUnsignedByte();
            } catch (java.io.EOFException e) {
                return -1;
            }
            int second = in.readUnsignedByte();
            long length = second & 0x7F;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] payload = new byte[Math.toIntExact(length)];
            in.readFully(payload);
            if ((first & 0x0F) == 0x8) {
                return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : -1;
            }
        }
    }
}
