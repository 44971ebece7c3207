package com.vocelio.testing;

import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A server-sent events stream read by the JDK's HTTP client, line by line as the server flushes them: each event's
 * {@code id:} (null when it has none) and {@code data:} (parsed), in arrival order. Waits are bounded and fail with
 * everything received so far.
 */
public final class SseStream implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    /** One event: its id line (null if none), its data parsed, and when it arrived. */
    public record Event(String id, JsonObject data, long nanos) {}

    private final String name;
    private final HttpResponse<Stream<String>> response;
    private final List<Event> events = new ArrayList<>(); // guarded by this
    private final List<String> comments = new ArrayList<>(); // guarded by this
    private final Thread reader;
    private boolean ended; // guarded by this

    private SseStream(String name, HttpResponse<Stream<String>> response) {
        this.name = name;
        this.response = response;
        this.reader = new Thread(this::read, "sse " + name);
        reader.setDaemon(true);
    }

    /** {@code GET path} with {@code Accept: text/event-stream} and the headers given as name/value pairs. */
    public static HttpResponse<Stream<String>> get(String path, String... headers) {
        return get(TestServer.get().baseUri(), path, headers);
    }

    /** {@link #get(String, String...)} on another node. */
    public static HttpResponse<Stream<String>> get(URI base, String path, String... headers) {
        var request = HttpRequest.newBuilder(base.resolve(path.replaceFirst("^/", "")))
                .header("Accept", "text/event-stream")
                .GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines())
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("GET " + path + ": " + e, e);
        }
    }

    /** Opens the stream; fails unless it answers 200 with {@code text/event-stream}. */
    public static SseStream open(String path, String... headers) {
        return open(TestServer.get().baseUri(), path, headers);
    }

    /** {@link #open(String, String...)} on another node. */
    public static SseStream open(URI base, String path, String... headers) {
        var response = get(base, path, headers);
        if (response.statusCode() != 200
                || !response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
            String body;
            try (var lines = response.body()) {
                body = lines.limit(20).collect(Collectors.joining("\n"));
            }
            fail("GET " + path + " → " + response.statusCode() + " "
                    + response.headers().map() + "\n" + body);
        }
        var stream = new SseStream(URI.create(path).getPath(), response);
        stream.reader.start();
        return stream;
    }

    private void read() {
        String id = null;
        var data = new StringBuilder();
        try (var lines = response.body()) {
            var iterator = lines.iterator();
            while (iterator.hasNext()) {
                String line = iterator.next();
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        add(new Event(id, parse(data.toString()), System.nanoTime()));
                    }
                    id = null;
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    synchronized (this) {
                        comments.add(line);
                    }
                } else if (line.startsWith("id:")) {
                    id = value(line, 3);
                } else if (line.startsWith("data:")) {
                    if (!data.isEmpty()) {
                        data.append('\n');
                    }
                    data.append(value(line, 5));
                }
                // event:, retry: and unknown fields are not used by these streams
            }
        } catch (RuntimeException closedByUs) {
            // close() cancels the body
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }
    }

    private static String value(String line, int from) {
        String value = line.substring(from);
        return value.startsWith(" ") ? value.substring(1) : value;
    }

    private static JsonObject parse(String data) {
        try (var reader = Json.createReader(new StringReader(data))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            return Json.createObjectBuilder().add("unparsable", data).build();
        }
    }

    private synchronized void add(Event event) {
        events.add(event);
        notifyAll();
    }

    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /** Waits until at least {@code count} events match; returns them all, in arrival order. */
    public List<Event> awaitCount(String what, Duration within, Predicate<Event> match, int count) {
        long deadline = System.nanoTime() + within.toNanos();
        synchronized (this) {
            while (true) {
                var matching = events.stream().filter(match).toList();
                if (matching.size() >= count) {
                    return matching;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || ended) {
                    fail(name + ": " + (ended ? "the stream ended" : "waited " + within.toMillis() + " ms") + " before "
                            + count + " × " + what + " (got " + matching.size() + "); " + describe());
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    public Event await(String what, Duration within, Predicate<Event> match) {
        return awaitCount(what, within, match, 1).get(0);
    }

    /** Waits until the server ended the stream; false if it was still open after {@code within}. */
    public synchronized boolean awaitEnd(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!ended) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    public static Predicate<Event> type(String type) {
        return event -> type.equals(EventClient.text(event.data(), "type"));
    }

    public String describe() {
        return events().stream()
                .map(e -> "  id=" + e.id() + " " + e.data())
                .collect(Collectors.joining("\n", "received:\n", ""));
    }

    @Override
    public void close() {
        response.body().close();
        reader.interrupt();
        try {
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
