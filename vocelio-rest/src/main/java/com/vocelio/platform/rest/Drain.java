package com.vocelio.platform.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This node's requests in progress, and its drain when it is told to stop (SIGTERM): from then on every new request
 * is refused with 503 ({@link DrainFilter}), live connections are told to go elsewhere ({@link Draining}), and the
 * stop waits until the requests in progress have answered, at most {@code vocelio.shutdown.timeout}. Nothing else
 * needs handing over: reservations, queues and the outbox live in the database, and the other nodes' sweeps take
 * whatever this node leaves (an offer nobody answers expires there like anywhere).
 */
@ApplicationScoped
public class Drain {

    private static final Logger LOG = Logger.getLogger(Drain.class.getName());

    @Inject
    @ConfigProperty(name = "vocelio.shutdown.timeout", defaultValue = "PT15S")
    Duration timeout;

    @Inject
    Event<Draining> draining;

    /** The longest the drain waits for close frames and stream ends to be written. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private final AtomicBoolean started = new AtomicBoolean();
    private final Object idle = new Object();
    private int inFlight; // guarded by idle
    private volatile boolean refusing;
    private volatile Instant deadline;

    /** A request starts; false (and not counted) when the node is draining and the request must be refused. */
    boolean enter() {
        synchronized (idle) {
            if (refusing) {
                return false;
            }
            inFlight++;
            return true;
        }
    }

    void exit() {
        synchronized (idle) {
            if (--inFlight == 0) {
                idle.notifyAll();
            }
        }
    }

    public boolean isDraining() {
        return refusing;
    }

    /**
     * Refuses new requests from now on and tells live connections to go (once; later calls only wait), then waits
     * until no request is in progress or the deadline passed. Whoever calls it first starts the clock.
     */
    public void drain(String why) {
        if (started.compareAndSet(false, true)) {
            deadline = Instant.now().plus(timeout);
            int running;
            synchronized (idle) {
                refusing = true;
                running = inFlight;
            }
            LOG.info(() -> "Draining (" + why + "): new requests get 503; " + running + " in progress may finish until "
                    + deadline);
            var ending = new Draining(deadline, new ConcurrentLinkedQueue<>());
            try {
                draining.fire(ending);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not end every live connection", e);
            }
            ending.await(CLOSE_WAIT);
        }
        awaitIdle();
    }

    private void awaitIdle() {
        synchronized (idle) {
            while (inFlight > 0) {
                long left = Duration.between(Instant.now(), deadline).toMillis();
                if (left <= 0) {
                    LOG.warning("Drain deadline passed with " + inFlight + " requests still in progress");
                    return;
                }
                try {
                    idle.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        LOG.info("Drained: no request in progress");
    }

    /**
     * Fired once when the drain starts, on the thread that started it: observers end live connections without
     * blocking and hand in what completes when each has ended, so the node does not exit before its close frames left.
     */
    public record Draining(Instant deadline, Queue<CompletableFuture<?>> closings) {

        public void closing(CompletableFuture<?> closed) {
            closings.add(closed);
        }

        /** Waits for the closings handed in, at most {@code limit}. */
        void await(Duration limit) {
            try {
                CompletableFuture.allOf(closings.toArray(CompletableFuture[]::new))
                        .get(Math.max(1, limit.toMillis()), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                LOG.warning("Not every live connection ended in time: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
