package com.vocelio.live;

import com.vocelio.event.boundary.Figures;
import com.vocelio.identity.control.AccessTokens;
import com.vocelio.identity.control.VerifiedToken;
import com.vocelio.platform.control.CurrentTenant;
import com.vocelio.platform.control.Jsons;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.Session;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What every event socket does alike. A socket signs in with the {@code access_token} query parameter or a first
 * message {@code {type:"auth", token}} (also {@code {type:"auth", payload:{token}}}); without a valid token within
 * {@code vocelio.events.auth-timeout} it is closed with 1008 (policy violation), except a hub socket, which stays
 * open and receives nothing until it signs in. Then it receives its organization's
 * events — after {@code since=<event id>} first, when given — and answers {@code ping}, {@code heartbeat},
 * {@code subscribe} and {@code unsubscribe}. A socket lives as long as its token: another {@code auth} message with
 * a fresh token of the same organization extends it; otherwise it is closed with 1008 when the token expires.
 */
@ApplicationScoped
public class Sockets {

    private static final Logger LOG = Logger.getLogger(Sockets.class.getName());
    private static final String CONNECTION = "vocelio.connection";

    @Inject
    AccessTokens tokens;

    @Inject
    LiveSubscriptions subscriptions;

    @Inject
    Figures figures;

    @Inject
    CurrentTenant tenant;

    @Inject
    SenderThreads senders;

    @Inject
    @ConfigProperty(name = "vocelio.events.auth-timeout", defaultValue = "PT5S")
    Duration authTimeout;

    void open(Session session, SocketDialect dialect) {
        var connection = new SocketConnection(
                session, dialect, subscriptions.executor(), senders, subscriptions.queueCapacity());
        session.getUserProperties().put(CONNECTION, connection);
        connection.since(number(parameter(session, "since")));
        String token = parameter(session, "access_token");
        if (token == null) {
            token = parameter(session, "token");
        }
        if (token != null) {
            signIn(connection, token);
        } else if (!dialect.waitsForSignIn()) {
            connection.authDeadline(subscriptions
                    .scheduler()
                    .schedule(
                            () -> {
                                if (!connection.isAuthenticated()) {
                                    connection.close(
                                            CloseCodes.VIOLATED_POLICY,
                                            "Sign in within " + authTimeout.toSeconds()
                                                    + " s: access_token query parameter or {\"type\":\"auth\",\"token\":…}");
                                }
                            },
                            authTimeout.toMillis(),
                            TimeUnit.MILLISECONDS));
        }
    }

    void message(Session session, String text) {
        SocketConnection connection = connection(session);
        if (connection == null) {
            return;
        }
        JsonObject message;
        try (var reader = Jsons.reader(text)) {
            message = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            connection.send(reply("error", "message", "Messages are JSON objects with a \"type\""));
            return;
        }
        JsonObject payload = message.get("payload") instanceof JsonObject inner ? inner : JsonValue.EMPTY_JSON_OBJECT;
        connection.since(number(firstText(message, payload, "since", "last_event_id")));
        switch (text(message, "type")) {
            case "auth" -> {
                String token = firstText(message, payload, "token", "access_token", "accessToken");
                if (token == null) {
                    connection.send(
                            connection.isAuthenticated()
                                    ? signedIn(connection)
                                    : reply("error", "message", "The auth message carries no token"));
                } else if (connection.isAuthenticated()) {
                    renew(connection, token);
                } else {
                    signIn(connection, token);
                }
            }
            case "subscribe" -> subscribe(connection, message, payload);
            case "unsubscribe" -> channels(message, payload).forEach(connection::unsubscribe);
            case "ping" ->
                connection.send(reply("pong", "timestamp", OffsetDateTime.now().toString()));
            case "heartbeat" ->
                connection.send(
                        reply("heartbeat", "timestamp", OffsetDateTime.now().toString()));
            default -> {
                // application messages of the portal's hub (test_message, …): nothing to do
            }
        }
    }

    void closed(Session session) {
        SocketConnection connection = connection(session);
        if (connection != null) {
            connection.closed();
            ResumableSubscriber subscription = connection.subscription();
            if (subscription != null) {
                subscriptions.end(subscription);
            }
        }
    }

    private void signIn(SocketConnection connection, String token) {
        var bearer = tokens.verify(token);
        if (bearer.isEmpty()) {
            connection.close(CloseCodes.VIOLATED_POLICY, "Invalid or expired access token");
            return;
        }
        ResumableSubscriber subscription = connection.signIn(bearer.get());
        closeAtExpiry(connection, bearer.get());
        subscriptions.executor().execute(() -> {
            try {
                if (!subscriptions.hold(subscription)) {
                    return;
                }
                // only now: a client may act the moment it reads this, and must then see what it caused
                connection.send(signedIn(connection));
                if (connection.dialect() == SocketDialect.LIVE && !connection.hasSubscribed()) {
                    // nothing to filter the history by yet: it starts at the first subscribe (or the auth
                    // timeout), after the since known by then; live events wait held meanwhile
                    connection.startOnSubscribe();
                    if (connection.hasSubscribed()) { // one came in meanwhile, and found nothing to start yet
                        startPending(connection);
                    } else {
                        subscriptions
                                .scheduler()
                                .schedule(
                                        () -> subscriptions.executor().execute(() -> startPending(connection)),
                                        authTimeout.toMillis(),
                                        TimeUnit.MILLISECONDS);
                    }
                    return;
                }
                start(connection, subscription);
            } catch (RuntimeException e) {
                subscriptions.fail(subscription, e);
            }
        });
    }

    /** What the client missed after its since, if it named one, then live events, then the counts it shows. */
    private void start(SocketConnection connection, ResumableSubscriber subscription) {
        if (subscriptions.catchUp(subscription, connection.since()) && subscription.wantsFigures()) {
            refreshFigures(connection);
        }
    }

    /** A fresh token of the same organization extends the socket; anything else ends it. */
    private void renew(SocketConnection connection, String token) {
        var bearer = tokens.verify(token)
                .filter(who -> who.tenantId().equals(connection.bearer().tenantId()));
        if (bearer.isEmpty()) {
            connection.close(CloseCodes.VIOLATED_POLICY, "Invalid or expired access token");
            return;
        }
        connection.renew(bearer.get());
        closeAtExpiry(connection, bearer.get());
        connection.send(signedIn(connection));
    }

    private void closeAtExpiry(SocketConnection connection, VerifiedToken bearer) {
        connection.expiry(subscriptions.atExpiry(bearer, () -> {
            if (connection.bearer() != bearer) {
                return; // renewed meanwhile: the new token's own timer decides
            }
            connection.close(
                    CloseCodes.VIOLATED_POLICY,
                    "Access token expired: renew it with an auth message before it ends, or reconnect");
        }));
    }

    private void subscribe(SocketConnection connection, JsonObject message, JsonObject payload) {
        Set<String> departments = departments(message, payload);
        boolean registered = false;
        boolean queue = false;
        for (String channel : channels(message, payload)) {
            if (!SocketDialect.CHANNELS.contains(channel)) {
                connection.send(reply(
                        "error",
                        "message",
                        "Unknown channel '" + channel + "'; channels: "
                                + String.join(
                                        ", ",
                                        SocketDialect.CHANNELS.stream().sorted().toList())));
                continue;
            }
            connection.subscribe(channel, departments);
            connection.send(reply("subscribed", "channel", channel));
            registered = true;
            queue |= channel.equals("queue");
        }
        if (!registered) {
            return; // nothing to filter a history by: a pending subscription keeps waiting
        }
        connection.subscribed();
        if (connection.isAuthenticated()) {
            // after every channel of the message is registered: starting now filters its history by them all
            subscriptions.executor().execute(() -> startPending(connection));
            if (queue) {
                connection.forgetFigures();
                subscriptions.executor().execute(() -> refreshFigures(connection));
            }
        }
    }

    private void startPending(SocketConnection connection) {
        ResumableSubscriber subscription = connection.subscription();
        if (subscription != null && connection.takePendingStart()) {
            start(connection, subscription);
        }
    }

    private void refreshFigures(SocketConnection connection) {
        try {
            connection.figures(tenant.runAs(connection.bearer().tenantId(), figures::now));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot read live figures", e);
        }
    }

    private static String signedIn(SocketConnection connection) {
        return Jsons.objectBuilder()
                .add("type", "authenticated")
                .add("tenant_id", connection.bearer().tenantId())
                .add("timestamp", OffsetDateTime.now().toString())
                .build()
                .toString();
    }

    private static String reply(String type, String key, String value) {
        return Jsons.objectBuilder()
                .add("type", type)
                .add(key, value)
                .add("timestamp", OffsetDateTime.now().toString())
                .build()
                .toString();
    }

    private static List<String> channels(JsonObject message, JsonObject payload) {
        var channels = new LinkedHashSet<String>();
        for (JsonObject source : List.of(message, payload)) {
            String one = text(source, "channel");
            if (!one.isEmpty()) {
                channels.add(one.toLowerCase(Locale.ROOT));
            }
            if (source.get("channels") instanceof JsonArray many) {
                many.getValuesAs(JsonValue.class).stream()
                        .filter(JsonString.class::isInstance)
                        .map(v -> ((JsonString) v).getString().toLowerCase(Locale.ROOT))
                        .forEach(channels::add);
            }
        }
        return List.copyOf(channels);
    }

    private static Set<String> departments(JsonObject message, JsonObject payload) {
        JsonObject filters = message.get("filters") instanceof JsonObject f
                ? f
                : payload.get("filters") instanceof JsonObject pf ? pf : JsonValue.EMPTY_JSON_OBJECT;
        var departments = new LinkedHashSet<String>();
        for (String key : List.of("department", "department_id", "departments", "department_ids")) {
            JsonValue value = filters.get(key);
            if (value instanceof JsonString one) {
                departments.add(one.getString().strip().toLowerCase(Locale.ROOT));
            } else if (value instanceof JsonArray many) {
                many.getValuesAs(JsonValue.class).stream()
                        .filter(JsonString.class::isInstance)
                        .map(v -> ((JsonString) v).getString().strip().toLowerCase(Locale.ROOT))
                        .forEach(departments::add);
            }
        }
        return Set.copyOf(departments);
    }

    private static String firstText(JsonObject message, JsonObject payload, String... keys) {
        for (JsonObject source : List.of(message, payload)) {
            for (String key : keys) {
                JsonValue value = source.get(key);
                if (value instanceof JsonString text && !text.getString().isBlank()) {
                    return text.getString();
                }
                if (value != null && value.getValueType() == JsonValue.ValueType.NUMBER) {
                    return value.toString();
                }
            }
        }
        return null;
    }

    private static String text(JsonObject source, String key) {
        return source.get(key) instanceof JsonString value ? value.getString() : "";
    }

    private static String parameter(Session session, String name) {
        List<String> values = session.getRequestParameterMap().get(name);
        return values == null || values.isEmpty() || values.get(0).isBlank() ? null : values.get(0);
    }

    private static Long number(String value) {
        if (value == null) {
            return null;
        }
        try {
            long id = Long.parseLong(value.strip());
            return id < 0 ? null : id;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static SocketConnection connection(Session session) {
        return (SocketConnection) session.getUserProperties().get(CONNECTION);
    }
}
