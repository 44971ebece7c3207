package com.vocelio.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** One message in flight per client, a bounded queue behind it, and a cut-off instead of blocking. */
class SendQueueTest {

    /** An queue whose client takes each message only when the test says so. */
    static class Recording extends SendQueue<String> {
        final List<String> transmitted = new ArrayList<>();
        final List<CompletableFuture<Void>> inFlight = new ArrayList<>();
        int overflows;
        Throwable failure;
        boolean instant;

        Recording(int capacity) {
            super(capacity, Runnable::run);
        }

        @Override
        protected CompletionStage<?> transmit(String message) {
            transmitted.add(message);
            var sent = instant ? CompletableFuture.<Void>completedFuture(null) : new CompletableFuture<Void>();
            inFlight.add(sent);
            return sent;
        }

        @Override
        protected void overflowed() {
            overflows++;
        }

        @Override
        protected void failed(Throwable cause) {
            failure = cause;
        }
    }

    @Test
    void onlyOneMessageIsInFlightAndTheRestFollowInOrder() {
        var queue = new Recording(10);
        queue.send("a");
        queue.send("b");
        queue.send("c");
        assertEquals(List.of("a"), queue.transmitted);
        assertEquals(2, queue.backlog());

        queue.inFlight.get(0).complete(null);
        assertEquals(List.of("a", "b"), queue.transmitted);
        queue.inFlight.get(1).complete(null);
        queue.inFlight.get(2).complete(null);
        assertEquals(List.of("a", "b", "c"), queue.transmitted);
        assertEquals(0, queue.backlog());
    }

    @Test
    void aStalledClientIsCutOffWhenItsQueueIsFullAndNothingBlocks() {
        var queue = new Recording(3);
        for (int i = 0; i < 4; i++) {
            queue.send("m" + i); // m0 in flight, m1..m3 wait
        }
        assertEquals(0, queue.overflows);
        queue.send("m4");
        assertEquals(1, queue.overflows);
        assertTrue(queue.isClosed());
        assertEquals(0, queue.backlog());

        queue.send("m5");
        assertEquals(1, queue.overflows, "cut off once");
        assertEquals(List.of("m0"), queue.transmitted);
    }

    @Test
    void aFailedSendEndsTheQueue() {
        var queue = new Recording(10);
        queue.send("a");
        queue.send("b");
        queue.inFlight.get(0).completeExceptionally(new IllegalStateException("connection reset"));
        assertEquals("connection reset", queue.failure.getMessage());
        assertTrue(queue.isClosed());
        queue.send("c");
        assertEquals(List.of("a"), queue.transmitted);
    }

    @Test
    void clientsThatTakeMessagesAtOnceGetThemAllWithoutDeepRecursion() {
        var queue = new Recording(100_000);
        queue.instant = true;
        for (int i = 0; i < 50_000; i++) {
            queue.send(Integer.toString(i));
        }
        assertEquals(50_000, queue.transmitted.size());
        assertEquals("49999", queue.transmitted.get(49_999));
        assertFalse(queue.isClosed());
    }
}
