package com.vocelio.testing;

import io.restassured.path.json.JsonPath;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Requests the way a hostile or hurried client sends them: any method with any body through the JDK client, bursts
 * of identical requests released at the same instant, and raw bytes over a socket for what no well-behaved client
 * library lets through (control characters, invalid percent-escapes, a body on a DELETE).
 */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private static final Jsonb JSON = JsonbBuilder.create();

    private Http() {}

    /** A response: status, headers (lower-case names) and body. */
    public record Reply(int status, Map<String, List<String>> headers, String body) {

        public String header(String name) {
            var values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public boolean isJson() {
            String type = header("content-type");
            return type != null && type.startsWith("application/json");
        }

        public JsonPath json() {
            return JsonPath.from(body);
        }

        /** An error in the one shape: JSON with {@code success:false} and a code. */
        public boolean isErrorBody() {
            if (!isJson()) {
                return false;
            }
            try {
                return Boolean.FALSE.equals(json().get("success")) && json().getString("code") != null;
            } catch (RuntimeException notJson) {
                return false;
            }
        }

        @Override
        public String toString() {
            return status + " " + headers.getOrDefault("content-type", List.of()) + " "
                    + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
        }
    }

    /** {@code method path} with {@code body} as JSON (a String is sent as is; null sends none). */
    public static Reply send(String method, String path, String token, Object body, String... headers) {
        String text = body == null ? null : body instanceof String s ? s : JSON.toJson(body);
        var request = HttpRequest.newBuilder(TestServer.get().baseUri().resolve(path.replaceFirst("^/", "")))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json")
                .method(
                        method,
                        text == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8));
        if (text != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            var response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            var names = new TreeMap<String, List<String>>();
            response.headers().map().forEach((name, values) -> names.put(name.toLowerCase(Locale.ROOT), values));
            return new Reply(response.statusCode(), names, response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code count} copies of the request on their own threads, released together; the replies in order. */
    public static List<Reply> burst(int count, Callable<Reply> request) {
        return atOnce(Collections.nCopies(count, request));
    }

    /** Runs each request on a thread of its own, all released at the same instant; the results in order. */
    public static <T> List<T> atOnce(List<? extends Callable<T>> requests) {
        ExecutorService threads = Executors.newFixedThreadPool(requests.size());
        try {
            var start = new CountDownLatch(1);
            var futures = new ArrayList<Future<T>>();
            for (var request : requests) {
                futures.add(threads.submit(() -> {
                    start.await();
                    return request.call();
                }));
            }
            start.countDown();
            var results = new ArrayList<T>();
            for (var future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * Sends exactly these bytes as the request line's target and the body (header lines are added as given), over a
     * fresh socket with {@code Connection: close}, and reads the whole answer.
     */
    public static Reply raw(String method, String target, byte[] body, String... headers) {
        return raw(TestServer.get().baseUri(), method, target, body, headers);
    }

    /** {@link #raw(String, String, byte[], String...)} to another node. */
    public static Reply raw(URI base, String method, String target, byte[] body, String... headers) {
        try (var socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            var request = new ByteArrayOutputStream();
            request.write((method + " ").getBytes(StandardCharsets.ISO_8859_1));
            request.write(target.getBytes(StandardCharsets.ISO_8859_1));
            request.write((" HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                            + "\r\nConnection: close\r\n"
                            + (Arrays.stream(headers).anyMatch(h -> h.regionMatches(true, 0, "Accept:", 0, 7))
                                    ? ""
                                    : "Accept: application/json\r\n"))
                    .getBytes(StandardCharsets.ISO_8859_1));
            for (String header : headers) {
                request.write((header + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            if (body != null) {
                request.write(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            request.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                request.write(body);
            }
            socket.getOutputStream().write(request.toByteArray());
            socket.getOutputStream().flush();
            // buffered: the head is read byte by byte up to its blank line, and a read of the socket per byte made a
            // system call of each (thousands of requests in BadInputIT)
            InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
            var answer = new ByteArrayOutputStream();
            int lastFour = 0;
            for (int b = in.read(); b >= 0; b = in.read()) {
                answer.write(b);
                lastFour = (lastFour << 8) | b;
                if (lastFour == ('\r' << 24 | '\n' << 16 | '\r' << 8 | '\n')) {
                    break;
                }
            }
            String head = new String(answer.toByteArray(), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
            if (!head.contains("content-type: text/event-stream")) { // a stream that was let through never ends
                answer.write(in.readAllBytes());
            }
            return parse(answer.toByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + target + ": " + e, e);
        }
    }

    private static Reply parse(byte[] answer) throws IOException {
        String text = new String(answer, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return new Reply(0, Map.of(), text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        var headers = new TreeMap<String, List<String>>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(
                            lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).strip());
        }
        byte[] rest = java.util.Arrays.copyOfRange(answer, end + 4, answer.length);
        var encoding = headers.get("transfer-encoding");
        if (encoding != null && encoding.get(0).equalsIgnoreCase("chunked")) {
            rest = unchunk(new java.io.ByteArrayInputStream(rest));
        }
        return new Reply(status, headers, new String(rest, StandardCharsets.UTF_8));
    }

    private static byte[] unchunk(InputStream in) throws IOException {
        var out = new ByteArrayOutputStream();
        while (true) {
            var size = new StringBuilder();
            for (int c = in.read(); c != '\n' && c >= 0; c = in.read()) {
                if (c != '\r') {
                    size.append((char) c);
                }
            }
            String hex = size.toString().split(";")[0].strip();
            if (hex.isEmpty()) {
                return out.toByteArray();
            }
            int length = Integer.parseInt(hex, 16);
            if (length == 0) {
                return out.toByteArray();
            }
            out.write(in.readNBytes(length));
            in.read(); // \r
            in.read(); // \n
        }
    }
}
