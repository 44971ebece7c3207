package com.vocelio.event.control;

import com.vocelio.event.boundary.EventLog;
import com.vocelio.event.entity.StoredEvent;
import com.vocelio.event.entity.StoredEvent.Position;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One subscriber's ordered stream of its organization's events: optionally the ones it missed since an event it
 * names, then live ones, each at most once and in delivery order. While the missed ones are read from the log, live
 * ones are held; afterwards whatever both produced is passed once, by position.
 */
public abstract class Feed implements Subscriber {

    static final int PAGE = 200;

    private final String tenantId;
    private List<StoredEvent> held;
    private Position last = Position.START;

    protected Feed(String tenantId) {
        this.tenantId = tenantId;
    }

    @Override
    public String tenantId() {
        return tenantId;
    }

    @Override
    public final synchronized void deliver(StoredEvent event) {
        if (held != null) {
            held.add(event);
        } else {
            pass(event);
        }
    }

    /** Live events from now on. */
    public void start(Subscribers subscribers) {
        hold(subscribers);
        release();
    }

    /**
     * The events after {@code sinceId} first, then live ones. An id this organization no longer has (purged, or
     * never its own) resumes from the oldest kept event with a higher id.
     */
    public void resume(Subscribers subscribers, EventLog log, long sinceId) {
        hold(subscribers);
        try {
            replay(log, sinceId);
        } finally {
            release();
        }
    }

    /**
     * Subscribes, holding live events back until {@link #release}: whatever the subscriber is sent meanwhile (what it
     * missed, a snapshot of the present) cannot be overtaken by, or miss, what happens in between.
     */
    public void hold(Subscribers subscribers) {
        synchronized (this) {
            held = new ArrayList<>();
        }
        subscribers.add(this);
    }

    /**
     * Sends what the log holds after {@code sinceId}, while held. Paced by the client: a page is read only when the
     * previous one has mostly gone out.
     */
    public void replay(EventLog log, long sinceId) {
        Optional<Position> since = log.positionOf(tenantId, sinceId);
        Position from = since.orElse(Position.START);
        long minimumId = since.isPresent() ? 0 : sinceId;
        int size = Math.max(1, Math.min(PAGE, capacity() / 2));
        List<StoredEvent> page;
        do {
            awaitRoom(size);
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
    public synchronized void release() {
        List<StoredEvent> live = held;
        held = null;
        if (live != null) {
            live.forEach(this::pass);
        }
    }

    private void pass(StoredEvent event) {
        if (event.position().after(last)) {
            last = event.position();
            emit(event);
        }
    }

    private void awaitRoom(int size) {
        while (capacity() - backlog() < size && isOpen()) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Sends the event if this subscriber wants it; called in delivery order, must not block. */
    protected abstract void emit(StoredEvent event);

    /** Messages waiting to go out to the client. */
    protected abstract int backlog();

    /** How many messages may wait before the client is cut off. */
    protected abstract int capacity();

    protected abstract boolean isOpen();
}
