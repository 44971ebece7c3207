package com.vocelio.event.control;

import com.vocelio.event.entity.StoredEvent;

/** Someone on this node who listens to one organization's events: a socket, a stream, a console view. */
public interface Subscriber {

    String tenantId();

    /** Called on the relay's thread, in delivery order: must not block. */
    void deliver(StoredEvent event);

    /** Whether this subscriber shows counts derived from the queues and agents ({@link #figures}). */
    default boolean wantsFigures() {
        return false;
    }

    /**
     * The organization's counts after a batch of events that may have changed them, as the feature that counts them
     * read them (on {@link com.vocelio.event.entity.FiguresDue}); a subscriber takes the type it shows. Must not block.
     */
    default <F> void figures(Class<F> type, F figures) {}

    /** It failed and no longer receives anything: end its connection, so the client reconnects and resumes. */
    default void dropped() {}
}
