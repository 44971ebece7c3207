package com.vocelio.live;

import com.vocelio.identity.control.AccessTokens;
import com.vocelio.identity.control.VerifiedToken;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.CurrentTenant;
import com.vocelio.platform.control.Failures;
import com.vocelio.platform.rest.Drain;
import com.vocelio.transfer.boundary.Queues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.Session;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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
    Queues queues;

    @Inject
    CurrentTenant tenant;

    @Inject
    SenderThreads senders;

    @Inject
    @ConfigProperty(name = "vocelio.events.auth-timeout", defaultValue = "PT5S")
    Duration authTimeout;

    /** The sockets open on this node, signed in or not, by path (for {@link LiveMetrics}). */
    private final Map<SocketDialect, Set<SocketConnection>> open = new EnumMap<>(SocketDialect.class);

    {
        for (SocketDialect dialect : SocketDialect.values()) {
            open.put(dialect, ConcurrentHashMap.newKeySet());
        }
    }

    int open(SocketDialect dialect) {
        return open.get(dialect).size();
    }

    void open(Session session, SocketDialect dialect) {
        var connection = new SocketConnection(
                session, dialect, subscriptions.executor(), senders, subscriptions.queueCapacity());
        session.getUserProperties().put(CONNECTION, connection);
        open.get(dialect).add(connection);
        connection.since(ClientMessage.eventId(parameter(session, "since")));
        String token = parameter(session, "access_token");
        if (token == null) {
            token = parameter(session, "token");
        }
        if (token != null) {
            signIn(connection, token);
        } else if (!dialect.waitsForSignIn()) {
            connection.authDeadline(subscriptions.after(authTimeout, () -> {
                if (!connection.isAuthenticated()) {
                    connection.close(
                            CloseCodes.VIOLATED_POLICY,
                            "Sign in within " + authTimeout.toSeconds()
                                    + " s: access_token query parameter or {\"type\":\"auth\",\"token\":…}");
                }
            }));
        }
    }

    /**
     * The node is stopping: every socket is closed with 1001 (going away), which clients take as "reconnect" — to
     * another node, behind the load balancer, resuming with {@code since}.
     */
    void goingAway(@Observes Drain.Draining draining) {
        int count = 0;
        for (Set<SocketConnection> connections : open.values()) {
            for (SocketConnection connection : connections) {
                draining.closing(connection.close(
                        CloseCodes.GOING_AWAY, "Server shutting down: reconnect with since=<last event id>"));
                count++;
            }
        }
        if (count > 0) {
            LOG.info("Closed " + count + " event sockets with 1001 (going away)");
        }
    }

    /**
     * A client's message. Whatever it holds, the answer is a message, never an exception out of here: Tyrus would log
     * it with its stack trace and end the socket with 1011. A refused message gets an {@code error} and the socket
     * goes on.
     */
    void message(Session session, String text) {
        SocketConnection connection = connection(session);
        if (connection == null) {
            return;
        }
        try {
            handle(connection, ClientMessage.read(text));
        } catch (BusinessException e) {
            connection.send(SocketReplies.error(e));
        } catch (RuntimeException e) {
            var refusal = Failures.classify(e);
            if (refusal.isPresent()) {
                connection.send(SocketReplies.error(refusal.get()));
            } else {
                String incident = UUID.randomUUID().toString();
                LOG.log(Level.SEVERE, "Incident " + incident + " handling a socket message", e);
                connection.send(SocketReplies.error("Internal error (incident " + incident + ")"));
            }
        }
    }

    private void handle(SocketConnection connection, ClientMessage message) {
        connection.since(message.since());
        switch (message.type()) {
            case "auth" -> {
                String token = message.token();
                if (token == null) {
                    connection.send(
                            connection.isAuthenticated()
                                    ? signedIn(connection)
                                    : SocketReplies.error("The auth message carries no token"));
                } else if (connection.isAuthenticated()) {
                    renew(connection, token);
                } else {
                    signIn(connection, token);
                }
            }
            case "subscribe" -> subscribe(connection, message);
            case "unsubscribe" -> message.channels().forEach(connection::unsubscribe);
            case "ping" -> connection.send(SocketReplies.pong());
            case "heartbeat" -> connection.send(SocketReplies.heartbeat());
            default -> {
                // application messages of the portal's hub (test_message, …): nothing to do
            }
        }
    }

    void closed(Session session) {
        SocketConnection connection = connection(session);
        if (connection != null) {
            open.values().forEach(connections -> connections.remove(connection));
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
                        subscriptions.after(
                                authTimeout, () -> subscriptions.executor().execute(() -> startPending(connection)));
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

    private void subscribe(SocketConnection connection, ClientMessage message) {
        var filters = new SocketConnection.Filters(message.departments(), message.lists());
        boolean registered = false;
        boolean queue = false;
        for (String channel : message.channels()) {
            if (!SocketDialect.CHANNELS.contains(channel)) {
                connection.send(SocketReplies.error("Unknown channel '" + channel + "'; channels: "
                        + String.join(
                                ", ", SocketDialect.CHANNELS.stream().sorted().toList())));
                continue;
            }
            connection.subscribe(channel, filters);
            connection.send(SocketReplies.subscribed(channel));
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
            connection.figures(tenant.runAs(connection.bearer().tenantId(), queues::board));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot read live figures", e);
        }
    }

    private static String signedIn(SocketConnection connection) {
        return SocketReplies.authenticated(connection.bearer().tenantId());
    }

    private static String parameter(Session session, String name) {
        List<String> values = session.getRequestParameterMap().get(name);
        return values == null || values.isEmpty() || values.get(0).isBlank() ? null : values.get(0);
    }

    private static SocketConnection connection(Session session) {
        return (SocketConnection) session.getUserProperties().get(CONNECTION);
    }
}
