package com.vocelio.live;

import com.vocelio.event.boundary.EventLog;
import com.vocelio.event.control.Subscribers;
import com.vocelio.identity.control.VerifiedToken;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one way a client's live subscription starts and ends, for sockets and streams alike. It is subscribed with live
 * events held back ({@link #hold}), so that what the client is sent first (a greeting, a snapshot of the present) can
 * be neither overtaken by, nor miss, what happens meanwhile; then it gets what it missed after the event id it names,
 * read from the log, then the held live events, once each, and the next ones as they come ({@link #catchUp}). Also
 * what both transports share: the container's executors, the size of a client's send queue, and the end of a
 * connection when its access token expires.
 */
@ApplicationScoped
public class LiveSubscriptions {

    private static final Logger LOG = Logger.getLogger(LiveSubscriptions.class.getName());

    @Inject
    Subscribers subscribers;

    @Inject
    EventLog log;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = "vocelio.events.buffer", defaultValue = "1000")
    int buffer;

    /**
     * Subscribes, holding live events back until {@link #catchUp}. False, and not subscribed, when the client is
     * already gone: its closing came first and found nothing to remove.
     */
    boolean hold(ResumableSubscriber subscriber) {
        subscriber.hold();
        subscribers.add(subscriber);
        if (!subscriber.isOpen()) {
            subscribers.remove(subscriber);
            return false;
        }
        return true;
    }

    /**
     * What the client missed after {@code since} (nothing when null), then the held live events. When the log cannot
     * be read the client is unsubscribed and its connection ended, so it resumes later. Whether it is still subscribed.
     */
    boolean catchUp(ResumableSubscriber subscriber, Long since) {
        try {
            if (since != null) {
                subscriber.replay(log, since);
            }
            subscriber.release();
        } catch (RuntimeException e) {
            fail(subscriber, e);
            return false;
        }
        if (!subscriber.isOpen()) {
            end(subscriber);
            return false;
        }
        return true;
    }

    /** Starting the subscription failed: unsubscribes it and ends the client's connection. */
    void fail(ResumableSubscriber subscriber, RuntimeException cause) {
        LOG.log(Level.WARNING, "Cannot start a live subscription", cause);
        subscribers.remove(subscriber);
        subscriber.unavailable();
    }

    /** The connection ended: no more events. */
    void end(ResumableSubscriber subscriber) {
        subscribers.remove(subscriber);
    }

    /** Ends every subscription of a kind on this node (its connection is closed), e.g. all streams at shutdown. */
    <S extends ResumableSubscriber> List<S> endAll(Class<S> kind) {
        return subscribers.drop(kind::isInstance).stream().map(kind::cast).toList();
    }

    /** Runs {@code end} when the token runs out: a connection lives as long as the token it signed in with. */
    Future<?> atExpiry(VerifiedToken bearer, Runnable end) {
        return after(Duration.between(Instant.now(), bearer.expiresAt()), end);
    }

    /** Runs a short task that must not block (it holds a scheduler thread) after the delay. */
    Future<?> after(Duration delay, Runnable task) {
        return scheduler.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    /** How many messages a client's send queue holds before the client is cut off. */
    int queueCapacity() {
        return Math.max(10, buffer);
    }

    /** The container's pool, for work that may wait: reading a history, closing a connection, sending to a stream. */
    ManagedExecutorService executor() {
        return executor;
    }

    ManagedScheduledExecutorService scheduler() {
        return scheduler;
    }
}
