package com.vocelio.live;

import com.vocelio.event.boundary.EventLog;
import com.vocelio.event.control.Subscriber;
import com.vocelio.event.entity.StoredEvent;
import com.vocelio.event.entity.StoredEvent.Position;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One client's ordered stream of its organization's events, which it can resume after the last event it got:
 * optionally the ones it missed since an event it names, then live ones, each at most once and in delivery order.
 * While the missed ones are read from the log, live ones are held; afterwards whatever both produced is passed once,
 * by position. {@link LiveSubscriptions} runs these steps, the same way for sockets and streams.
 */
abstract class ResumableSubscriber implements Subscriber {

    static final int PAGE = 200;
    /** Live events held while a client's history is read; beyond this it is cut off and may resume later. */
    static final int HELD_MAX = 10_000;
    /** How long a resuming client may take to make room for the next page before it is cut off. */
    static final long ROOM_WAIT_NANOS = 10_000_000_000L;

    private final String tenantId;
    private final SendQueue<?> queue;
    private List<StoredEvent> held;
    private Position last = Position.START;
    private boolean cut;

    /** @param queue the client's send queue, whose room paces the reading of its history */
    protected ResumableSubscriber(String tenantId, SendQueue<?> queue) {
        this.tenantId = tenantId;
        this.queue = queue;
    }

    @Override
    public String tenantId() {
        return tenantId;
    }

    @Override
    public final synchronized void deliver(StoredEvent event) {
        if (cut) {
            return;
        }
        if (held == null) {
            pass(event);
        } else if (held.size() < HELD_MAX) {
            held.add(event);
        } else { // so much happens while its history is read that it could never catch up
            cut = true;
            held = null;
            cutOff();
        }
    }

    /**
     * Holds live events back until {@link #release}, from before it is subscribed: whatever the subscriber is sent
     * meanwhile (what it missed, a snapshot of the present) cannot be overtaken by, or miss, what happens in between.
     */
    synchronized void hold() {
        held = new ArrayList<>();
    }

    /**
     * Sends what the log holds after {@code sinceId}, while held. Paced by the client: a page is read only when the
     * previous one has mostly gone out.
     */
    void replay(EventLog log, long sinceId) {
        Optional<Position> since = log.positionOf(tenantId, sinceId);
        Position from = since.orElse(Position.START);
        long minimumId = since.isPresent() ? 0 : sinceId;
        int size = Math.max(1, Math.min(PAGE, capacity() / 2));
        List<StoredEvent> page;
        do {
            if (!awaitRoom(size)) {
                return;
            }
            page = log.after(tenantId, from, minimumId, size);
            synchronized (this) {
                page.forEach(this::pass);
            }
            if (!page.isEmpty()) {
                from = page.get(page.size() - 1).position();
            }
        } while (page.size() == size && isOpen());
    }

    /** Passes the live events held since {@link #hold}, once each, and lets the next ones through. */
    synchronized void release() {
        List<StoredEvent> live = held;
        held = null;
        if (live != null && !cut) {
            live.forEach(this::pass);
        }
    }

    private void pass(StoredEvent event) {
        if (event.position().after(last)) {
            last = event.position();
            emit(event);
        }
    }

    private boolean awaitRoom(int size) {
        long deadline = System.nanoTime() + ROOM_WAIT_NANOS;
        while (capacity() - backlog() < size && isOpen()) {
            if (System.nanoTime() - deadline > 0) {
                synchronized (this) {
                    cut = true;
                    held = null;
                }
                cutOff();
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return isOpen();
    }

    /** Sends the event if this subscriber wants it; called in delivery order, must not block. */
    protected abstract void emit(StoredEvent event);

    private int backlog() {
        return queue.backlog();
    }

    private int capacity() {
        return queue.capacity();
    }

    protected abstract boolean isOpen();

    /** The client cannot keep up with its own history: end its connection without blocking. */
    protected abstract void cutOff();

    /** Its history cannot be read now (the database is away): end its connection, so the client resumes later. */
    protected abstract void unavailable();
}
