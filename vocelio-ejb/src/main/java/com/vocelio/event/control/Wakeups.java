package com.vocelio.event.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Committed events waiting for {@link BusNotifier} to wake the relays: any number of commits between two
 * notifications ask for one. A plain bean, so that a commit's after-completion step costs no EJB call.
 */
@ApplicationScoped
public class Wakeups {

    /** At most a permit or two: a wake-up asked while one is being sent is sent once more after it, never lost. */
    private final Semaphore due = new Semaphore(0);

    /** Asks for a wake-up of every relay; returns at once. */
    public void ask() {
        if (due.availablePermits() == 0) {
            due.release(); // two racing callers may both release: one extra NOTIFY, harmless
        }
    }

    /** Waits up to the timeout for a wake-up to be asked for, and takes every one asked for so far. */
    boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        if (!due.tryAcquire(timeout, unit)) {
            return false;
        }
        due.drainPermits();
        return true;
    }
}
