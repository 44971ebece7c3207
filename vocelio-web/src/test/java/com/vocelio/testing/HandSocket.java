package com.vocelio.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A connection to the application under test driven by hand: the request head written as it is and the response
 * head read, the rest left to the caller, who may read frames off it byte by byte, or never read it at all (with a
 * tiny receive buffer, the server's sends to it soon wait in TCP).
 */
public final class HandSocket {

    private HandSocket() {}

    /** A WebSocket upgrade of {@code pathAndQuery}; fails unless answered 101. */
    public static Socket webSocket(String pathAndQuery, int receiveBuffer) throws IOException {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        return open(
                pathAndQuery,
                receiveBuffer,
                "101",
                "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                        + "Sec-WebSocket-Version: 13\r\n");
    }

    /** A server-sent event stream of {@code pathAndQuery}; fails unless answered 200. */
    public static Socket eventStream(String pathAndQuery, int receiveBuffer) throws IOException {
        return open(pathAndQuery, receiveBuffer, "200", "Accept: text/event-stream\r\n");
    }

    private static Socket open(String pathAndQuery, int receiveBuffer, String status, String headers)
            throws IOException {
        var base = TestServer.get().baseUri();
        var socket = new Socket();
        socket.setReceiveBufferSize(receiveBuffer);
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
        socket.setSoTimeout(5_000);
        String head = "GET " + pathAndQuery + " HTTP/1.1\r\n"
                + "Host: " + base.getHost() + ":" + base.getPort() + "\r\n"
                + headers + "\r\n";
        socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        String response = responseHead(socket.getInputStream());
        assertTrue(response.startsWith("HTTP/1.1 " + status), "expected " + status + ", got: " + response);
        return socket;
    }

    private static String responseHead(InputStream in) throws IOException {
        var bytes = new ByteArrayOutputStream();
        while (!bytes.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            bytes.write(b);
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }

    /** What TCP holds on a connection (Linux, from /proc/net/tcp): unread at our end, unsent at the server's. */
    public record Queues(long unreadHere, long unsentAtServer) {}

    /** The connection's queues; both 0 where /proc/net/tcp is not to be had. */
    public static Queues queues(Socket socket) {
        int ours = socket.getLocalPort();
        int server = socket.getPort();
        long unread = 0;
        long unsent = 0;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length < 5 || !f[1].contains(":")) {
                        continue;
                    }
                    int local = Integer.parseInt(f[1].substring(f[1].lastIndexOf(':') + 1), 16);
                    int remote = Integer.parseInt(f[2].substring(f[2].lastIndexOf(':') + 1), 16);
                    String[] q = f[4].split(":");
                    if (local == ours && remote == server) {
                        unread = Long.parseLong(q[1], 16);
                    } else if (local == server && remote == ours) {
                        unsent = Long.parseLong(q[0], 16);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // not Linux
            }
        }
        return new Queues(unread, unsent);
    }
}
