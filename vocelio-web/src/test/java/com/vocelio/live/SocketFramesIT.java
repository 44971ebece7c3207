package com.vocelio.live;

import static com.vocelio.testing.EventClient.event;
import static com.vocelio.testing.EventClient.payload;
import static com.vocelio.testing.EventClient.text;
import static com.vocelio.testing.EventClient.type;
import static com.vocelio.testing.Feeds.SECOND;
import static com.vocelio.testing.Feeds.WAIT;
import static com.vocelio.testing.Feeds.assertWithinASecond;
import static com.vocelio.testing.Feeds.transfersFeed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.testing.HandSocket;
import com.vocelio.testing.Routing;
import jakarta.json.Json;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bytes on the wire: events go out as ready-made, unmasked text frames whose lengths count UTF-8 bytes, and a
 * client that stops reading (its server-side send buffer full) delays no other client's delivery.
 */
class SocketFramesIT {

    private static final Routing routing = Routing.newOrganization();
    /** No agents: its transfers stay queued, so a transfer request writes no event but its own. */
    private static final String department = routing.department(Map.of());

    @Test
    void aStalledClientDoesNotDelayOthers() throws IOException, SQLException {
        String busy = routing.department(Map.of());
        String summary = "s".repeat(2000);
        try (var stalled = stalledSocket("/ws/transfers?access_token=" + routing.token());
                var client = transfersFeed(routing.token())) {
            // The server's socket buffer (Linux grows it up to 4 MB) would take 50 transfers (~250 KB) whole: first
            // send 8 MB more than anyone reads, so that the server's own sends to the stalled client wait.
            routing.fillEvents("transfers", 160, 25_000);
            client.awaitCount("the filler", WAIT, type("test_filler"), 160);

            long worst = 0;
            for (int i = 0; i < 50; i++) {
                String transferId = routing.request(busy, "low", Map.of("context_summary", summary))
                        .getString("transfer_id");
                long committed = System.nanoTime();
                var arrived = client.awaitReceived(
                        "transfer " + i + " of 50", SECOND, event("transfer_queued", "transfer_id", transferId));
                assertWithinASecond(committed, arrived);
                assertEquals(summary, payload(arrived.json()).getString("context_summary"));
                worst = Math.max(worst, arrived.nanos() - committed);
            }
            System.out.printf(
                    "Stalled client test: slowest delivery %d ms; stalled connection %s%n",
                    worst / 1_000_000, HandSocket.queues(stalled));
            assertTrue(HandSocket.queues(stalled).unsentAtServer() > 0, "the client did not stall");
            assertTrue(client.isOpen());
        }
    }

    @Test
    void eventsGoOutAsReadyMadeTextFramesWhoseLengthsCountUtf8Bytes() throws IOException {
        String summary = "Zoë wants café ☎ — " + "ü".repeat(200); // over 125 bytes: the 16-bit length form
        try (var socket = HandSocket.webSocket("/ws/transfers?access_token=" + routing.token(), 65_536)) {
            var in = socket.getInputStream();
            while (!readTextFrame(in).contains("\"transfer_status\"")) {
                // signed in; the first counts follow the feed's start
            }

            String transferId = routing.request(department, "low", Map.of("context_summary", summary))
                    .getString("transfer_id");
            String text;
            do {
                text = readTextFrame(in);
            } while (!text.contains(transferId));

            var json = Json.createReader(new StringReader(text)).readObject();
            assertEquals("transfer_queued", json.getString("type"));
            assertEquals(summary, payload(json).getString("context_summary"));
        }
        // the frames above were written by Vocelio's raw path, not re-encoded per socket by Tyrus
        // (the line may have rotated out of payara.log into payara.log.1, ... by the time this runs)
        try (var logs = Files.list(Path.of(System.getProperty("vocelio.it.work", "target/it")))) {
            assertTrue(
                    logs.filter(log -> log.getFileName().toString().startsWith("payara.log"))
                            .anyMatch(log -> contains(log, "WebSocket messages are written as ready-made frames")),
                    "the raw frame writer is not in use");
        }
    }

    /** One server frame (RFC 6455 §5.2), which must be an unmasked, unfragmented text frame; returns its text. */
    private static String readTextFrame(InputStream in) throws IOException {
        var data = new DataInputStream(in);
        int first = data.readUnsignedByte();
        assertEquals(0x81, first, "FIN and the text opcode");
        int second = data.readUnsignedByte();
        assertEquals(0, second & 0x80, "a server frame is not masked");
        long length = second & 0x7F;
        if (length == 126) {
            length = data.readUnsignedShort();
        } else if (length == 127) {
            length = data.readLong();
        }
        byte[] payload = new byte[Math.toIntExact(length)];
        data.readFully(payload);
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** A WebSocket signed in by hand, with a tiny receive buffer, whose socket is then never read. */
    private static Socket stalledSocket(String pathAndQuery) throws IOException {
        return HandSocket.webSocket(pathAndQuery, 1024);
    }

    private static boolean contains(Path log, String text) {
        try {
            return Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1)
                    .contains(text);
        } catch (IOException e) {
            return false;
        }
    }
}
