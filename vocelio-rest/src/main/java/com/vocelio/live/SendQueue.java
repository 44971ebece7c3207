package com.vocelio.live;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The messages on their way out to one client: they wait in a bounded queue and go one at a time, asynchronously and
 * on a sender thread, so a slow or dead client never blocks the relay or anyone else. When its queue is full the client
 * is cut off: it can reconnect and resume from the last event it got.
 */
abstract class SendQueue<M> {

    private final int capacity;
    private final Executor pumps;
    private final ArrayDeque<M> queue = new ArrayDeque<>();
    private boolean sending;
    private boolean closed;

    /** @param pumps where sending runs, so that whoever queues a message (the relay) never waits for a client */
    SendQueue(int capacity, Executor pumps) {
        this.capacity = capacity;
        this.pumps = pumps;
    }

    /** Queues a message; never blocks. */
    public final void send(M message) {
        boolean overflow = false;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (queue.size() < capacity) {
                queue.add(message);
                if (sending) {
                    return; // the one sending takes it next
                }
                sending = true;
            } else {
                closed = true;
                queue.clear();
                overflow = true;
            }
        }
        if (overflow) {
            overflowed();
        } else {
            pumps.execute(this::pump);
        }
    }

    public synchronized int backlog() {
        return queue.size();
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    public int capacity() {
        return capacity;
    }

    /** No more messages: called when the connection ends. */
    public synchronized void close() {
        closed = true;
        queue.clear();
    }

    /** Sends one message; the stage completes when the client took it. */
    protected abstract CompletionStage<?> transmit(M message);

    /** The client fell too far behind: end its connection (without blocking). */
    protected abstract void overflowed();

    /** Sending failed (the connection broke): end it. */
    protected abstract void failed(Throwable cause);

    private void pump() {
        while (true) {
            M next;
            synchronized (this) {
                next = closed ? null : queue.poll();
                if (next == null) {
                    sending = false;
                    return;
                }
            }
            CompletableFuture<?> sent;
            try {
                sent = transmit(next).toCompletableFuture();
            } catch (RuntimeException e) {
                stop(e);
                return;
            }
            if (!sent.isDone()) {
                sent.whenComplete((ignored, error) -> {
                    if (error != null) {
                        stop(error);
                    } else {
                        pumps.execute(this::pump); // not on the I/O thread that reported completion
                    }
                });
                return;
            }
            if (sent.isCompletedExceptionally()) {
                sent.exceptionally(error -> {
                    stop(error);
                    return null;
                });
                return;
            }
        }
    }

    private void stop(Throwable error) {
        close();
        failed(error);
    }
}
