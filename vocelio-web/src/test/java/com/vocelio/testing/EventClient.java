package com.vocelio.testing;

import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;

/**
 * A WebSocket client of the event sockets (Tyrus, a real client over a real connection): it keeps every text message
 * the server sent, parsed, with the moment it arrived, and how the server closed the socket. Waits are bounded and
 * fail with everything received so far.
 */
public final class EventClient implements AutoCloseable {

    /**
     * A client manager per socket, over one shared transport. A manager shuts its executors down when its last socket
     * closes; shared by all sockets, a socket opening just then kept the dying executor and failed its first send
     * with a RejectedExecutionException (seen in CI after a socket the server had closed at once).
     */
    private static ClientManager manager() {
        var manager = ClientManager.createClient();
        manager.getProperties().put(ClientProperties.SHARED_CONTAINER, true);
        return manager;
    }

    /** A message as it arrived: parsed, raw, and {@link System#nanoTime()} at arrival. */
    public record Received(JsonObject json, String text, long nanos) {}

    private final String name;
    private final List<Received> received = new ArrayList<>(); // guarded by this
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    private Session session;

    private EventClient(String name) {
        this.name = name;
    }

    /** Opens a socket to {@code pathAndQuery} (e.g. {@code ws/transfers?access_token=…}) of the suite's server. */
    public static EventClient open(String pathAndQuery) {
        return open(TestServer.get().baseUri(), pathAndQuery);
    }

    /** Opens a socket to {@code pathAndQuery} on the node at {@code base} (its http:// base URI). */
    public static EventClient open(URI base, String pathAndQuery) {
        URI uri = URI.create(base.toString().replaceFirst("^http", "ws")).resolve(pathAndQuery.replaceFirst("^/", ""));
        var client = new EventClient(uri.getPath());
        var endpoint = new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig config) {
                session.addMessageHandler(String.class, (MessageHandler.Whole<String>) client::arrived);
            }

            @Override
            public void onClose(Session session, CloseReason reason) {
                client.closed.complete(reason);
                client.wake();
            }

            @Override
            public void onError(Session session, Throwable cause) {
                client.closed.completeExceptionally(cause);
                client.wake();
            }
        };
        try {
            client.session = manager()
                    .connectToServer(
                            endpoint, ClientEndpointConfig.Builder.create().build(), uri);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot open " + uri.getPath() + ": " + e, e);
        }
        return client;
    }

    /** Opens a socket signed in with the query parameter and waits for {@code authenticated}. */
    public static EventClient signedIn(String path, String accessToken) {
        return signedIn(TestServer.get().baseUri(), path, accessToken);
    }

    public static EventClient signedIn(URI base, String path, String accessToken) {
        var client = open(base, path + (path.contains("?") ? "&" : "?") + "access_token=" + accessToken);
        client.await("authenticated", Duration.ofSeconds(10), type("authenticated"));
        return client;
    }

    private void arrived(String text) {
        long now = System.nanoTime();
        JsonObject json;
        try (var reader = Json.createReader(new StringReader(text))) {
            json = reader.readObject();
        } catch (RuntimeException e) {
            json = Json.createObjectBuilder().add("unparsable", text).build();
        }
        synchronized (this) {
            received.add(new Received(json, text, now));
            notifyAll();
        }
    }

    private synchronized void wake() {
        notifyAll();
    }

    public void send(String json) {
        try {
            session.getBasicRemote().sendText(json);
        } catch (IOException e) {
            throw new IllegalStateException(name + ": cannot send " + json + ": " + e, e);
        }
    }

    /** Everything received so far, in arrival order. */
    public synchronized List<Received> received() {
        return List.copyOf(received);
    }

    /** The messages received so far that match, in arrival order. */
    public List<JsonObject> messages(Predicate<JsonObject> match) {
        return received().stream().map(Received::json).filter(match).toList();
    }

    /** Waits for the first message (of all received, earlier ones included) that matches and returns it. */
    public JsonObject await(String what, Duration within, Predicate<JsonObject> match) {
        return awaitReceived(what, within, match).json();
    }

    /** As {@link #await}, with the moment it arrived. */
    public Received awaitReceived(String what, Duration within, Predicate<JsonObject> match) {
        return awaitCount(what, within, match, 1).get(0);
    }

    /** Waits until at least {@code count} received messages match; returns them all, in arrival order. */
    public List<Received> awaitCount(String what, Duration within, Predicate<JsonObject> match, int count) {
        long deadline = System.nanoTime() + within.toNanos();
        synchronized (this) {
            while (true) {
                var matching =
                        received.stream().filter(r -> match.test(r.json())).toList();
                if (matching.size() >= count) {
                    return matching;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    fail(name + ": waited " + within.toMillis() + " ms for " + what + " (" + count + ", got "
                            + matching.size() + "); " + describe());
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

    /** How the server closed the socket, waiting at most {@code within}; fails if it stayed open. */
    public CloseReason awaitClose(Duration within) {
        try {
            return closed.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return fail(name + ": still open after " + within.toMillis() + " ms; " + describe());
        } catch (ExecutionException e) {
            return fail(name + ": the socket failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public boolean isOpen() {
        return !closed.isDone() && session.isOpen();
    }

    public String describe() {
        String messages =
                received().stream().map(r -> "  " + r.text()).collect(Collectors.joining("\n", "received:\n", ""));
        return (closed.isDone() ? "closed: " + closed.getNow(null) + "; " : "") + messages;
    }

    @Override
    public void close() {
        try {
            if (session != null && session.isOpen()) {
                session.close();
            }
            closed.get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // gone already, or the server never answered the close: the connection is dropped either way
        }
    }

    // ---- what tests look for

    public static Predicate<JsonObject> type(String type) {
        return message -> type.equals(text(message, "type"));
    }

    /** A message of the type whose payload's field has the value. */
    public static Predicate<JsonObject> event(String type, String field, String value) {
        return type(type).and(message -> value.equals(text(payload(message), field)));
    }

    /** Stored events only: derived messages (counts) have no id. */
    public static Predicate<JsonObject> stored() {
        return message -> message.get("id") instanceof JsonString;
    }

    public static JsonObject payload(JsonObject message) {
        return message.get("payload") instanceof JsonObject payload ? payload : JsonValue.EMPTY_JSON_OBJECT;
    }

    public static String text(JsonObject object, String field) {
        JsonValue value = object.get(field);
        if (value instanceof JsonString string) {
            return string.getString();
        }
        return value == null ? null : value.toString();
    }

    public static long id(JsonObject message) {
        return Long.parseLong(((JsonString) message.get("id")).getString());
    }
}
