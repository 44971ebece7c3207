package com.vocelio.live;

import com.vocelio.event.entity.StoredEvent;
import com.vocelio.identity.control.AccessRevocations;
import com.vocelio.identity.control.VerifiedToken;
import com.vocelio.transfer.entity.QueueBoard;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One socket: who it is (nobody until a valid token arrives), the channels and department filters it asked for,
 * its send queue, and once signed in, its subscription to the organization's events.
 */
final class SocketConnection {

    private static final int MAX_REASON = 120;

    private final Session session;
    private final SocketDialect dialect;
    private final Executor executor;
    private final SendQueue<WireMessage> queue;
    /**
     * Orders our writes before the end of the socket: once it is closing nothing of ours is written. After the close
     * Payara recycles the connection's response for other requests, and a late write through it would land in
     * someone else's HTTP exchange. Tyrus calls {@link #closed} before it closes the connection, and a write takes
     * the bytes synchronously, so holding this around both is enough.
     */
    private final Object lifecycle = new Object();

    private boolean ending; // guarded by lifecycle
    /** channel → what it is limited to */
    private final Map<String, Filters> subscriptions = new ConcurrentHashMap<>();

    /**
     * A subscription's {@code filters}: department ids or lower-case names (empty: all departments), and contact list
     * ids (empty: all lists), which limit only what names lists ({@code listIds}, the {@code contacts} channel).
     */
    record Filters(Set<String> departments, Set<String> lists) {}

    private volatile VerifiedToken bearer;
    private volatile ResumableSubscriber subscription;
    private volatile Future<?> authDeadline;
    private volatile Future<?> expiry;
    private volatile Long since;
    private final AtomicBoolean startsOnSubscribe = new AtomicBoolean();
    private volatile boolean subscribed;
    private QueueBoard lastFigures;

    /**
     * @param executor for closing (which may wait behind a stalled send)
     * @param senders where messages are sent from
     */
    SocketConnection(Session session, SocketDialect dialect, Executor executor, Executor senders, int buffer) {
        this.session = session;
        this.dialect = dialect;
        this.executor = executor;
        var writer = FrameWriter.of(session);
        this.queue = new SendQueue<>(buffer, senders) {
            @Override
            protected CompletionStage<?> transmit(WireMessage message) {
                synchronized (lifecycle) {
                    return ending
                            ? CompletableFuture.failedFuture(new IOException("The socket is closing"))
                            : writer.write(message);
                }
            }

            @Override
            protected void overflowed() {
                SocketConnection.this.close(
                        CloseReason.CloseCodes.TRY_AGAIN_LATER, "Too far behind: reconnect with since=<last event id>");
            }

            @Override
            protected void failed(Throwable cause) {
                SocketConnection.this.close(CloseReason.CloseCodes.GOING_AWAY, "Sending failed");
            }
        };
    }

    Session session() {
        return session;
    }

    SocketDialect dialect() {
        return dialect;
    }

    boolean isAuthenticated() {
        return bearer != null;
    }

    VerifiedToken bearer() {
        return bearer;
    }

    ResumableSubscriber subscription() {
        return subscription;
    }

    /** The event id the client resumes after, if it named one before signing in. */
    Long since() {
        return since;
    }

    void since(Long eventId) {
        if (eventId != null) {
            this.since = eventId;
        }
    }

    /**
     * On {@code /ws} the subscription starts once the client has said which channels it wants: the history it missed (after
     * a {@code since} given by then, in the query or any message, the subscribe included) can only be filtered then.
     */
    void startOnSubscribe() {
        startsOnSubscribe.set(true);
    }

    /** Whether the subscription waits for the first subscribe; true once, for whoever starts it. */
    boolean takePendingStart() {
        return startsOnSubscribe.getAndSet(false);
    }

    /** Whether a whole subscribe message with at least one channel has been taken (all its channels registered). */
    boolean hasSubscribed() {
        return subscribed;
    }

    /** Marks the end of a subscribe message that registered channels. */
    void subscribed() {
        subscribed = true;
    }

    void send(String message) {
        queue.send(new WireMessage(message));
    }

    void authDeadline(Future<?> deadline) {
        this.authDeadline = deadline;
    }

    /** When the token the socket signed in with (or renewed with) runs out. */
    void expiry(Future<?> closing) {
        Future<?> previous = expiry;
        this.expiry = closing;
        if (previous != null) {
            previous.cancel(false);
        }
    }

    /** A fresh token of the same organization keeps the socket open past the first one's expiry. */
    void renew(VerifiedToken who) {
        this.bearer = who;
    }

    /** Signs the socket in and makes its subscription; the caller starts it. */
    ResumableSubscriber signIn(VerifiedToken who) {
        this.bearer = who;
        Future<?> deadline = authDeadline;
        if (deadline != null) {
            deadline.cancel(false);
        }
        this.subscription = new ResumableSubscriber(who.tenantId(), queue) {
            @Override
            protected void emit(StoredEvent event) {
                if (AccessRevocations.revokes(event, bearer)) {
                    close(CloseReason.CloseCodes.VIOLATED_POLICY, "Access revoked: sign in again");
                } else if (dialect.wants(event, SocketConnection.this)) {
                    queue.send(dialect.message(event));
                }
            }

            @Override
            protected boolean isOpen() {
                return !queue.isClosed() && session.isOpen();
            }

            @Override
            protected void cutOff() {
                close(CloseReason.CloseCodes.TRY_AGAIN_LATER, "Too far behind: reconnect with since=<last event id>");
            }

            @Override
            protected void unavailable() {
                close(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "Cannot read events now; reconnect");
            }

            @Override
            public void dropped() {
                close(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "Delivery failed: reconnect with since");
            }

            @Override
            public boolean wantsFigures() {
                return dialect != SocketDialect.LIVE || subscriptions.containsKey("queue");
            }

            @Override
            public <F> void figures(Class<F> type, F figures) {
                if (type == QueueBoard.class) {
                    SocketConnection.this.figures(QueueBoard.class.cast(figures));
                }
            }
        };
        return subscription;
    }

    synchronized void figures(QueueBoard now) {
        dialect.figures(now, lastFigures, this).forEach(queue::send);
        lastFigures = now;
    }

    synchronized void forgetFigures() {
        lastFigures = null;
    }

    void subscribe(String channel, Filters filters) {
        subscriptions.put(channel, filters);
    }

    void unsubscribe(String channel) {
        subscriptions.remove(channel);
    }

    boolean subscribedTo(String channel, String departmentId, String departmentName) {
        Filters filters = subscriptions.get(channel);
        return filters != null
                && (filters.departments().isEmpty()
                        || filters.departments().contains(departmentId)
                        || filters.departments().contains(departmentName.toLowerCase(Locale.ROOT)));
    }

    /** Whether an event about these contact lists passes the channel's list filter (none: every event does). */
    boolean listed(String channel, Set<String> listIds) {
        Filters filters = subscriptions.get(channel);
        return filters == null || filters.lists().isEmpty() || listIds.stream().anyMatch(filters.lists()::contains);
    }

    /**
     * Ends the socket without blocking the caller (a close frame may wait behind a stalled send); the future completes
     * once the close frame is written (or the socket was gone).
     */
    CompletableFuture<Void> close(CloseReason.CloseCode code, String reason) {
        queue.close();
        // a close frame carries at most 123 bytes of reason; a longer one makes the close itself fail
        String said = reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
        return CompletableFuture.runAsync(
                () -> {
                    endWrites();
                    try {
                        if (session.isOpen()) {
                            session.close(new CloseReason(code, said));
                        }
                    } catch (IOException | RuntimeException ignored) {
                        // already gone
                    }
                },
                executor);
    }

    /** Waits for a write in progress, if any; none starts after. */
    private void endWrites() {
        synchronized (lifecycle) {
            ending = true;
        }
    }

    void closed() {
        endWrites();
        queue.close();
        for (Future<?> timer : new Future<?>[] {authDeadline, expiry}) {
            if (timer != null) {
                timer.cancel(false);
            }
        }
    }
}
