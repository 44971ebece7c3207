package com.vocelio.event.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** One message in flight per client, a bounded queue behind it, and a cut-off instead of blocking. */
class OutletTest {

    /** An outlet whose client takes each message only when the test says so. */
    static class Recording extends Outlet<String> {
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
        var outlet = new Recording(10);
        outlet.send("a");
        outlet.send("b");
        outlet.send("c");
        assertEquals(List.of("a"), outlet.transmitted);
        assertEquals(2, outlet.backlog());

        outlet.inFlight.get(0).complete(null);
        assertEquals(List.of("a", "b"), outlet.transmitted);
        outlet.inFlight.get(1).complete(null);
        outlet.inFlight.get(2).complete(null);
        assertEquals(List.of("a", "b", "c"), outlet.transmitted);
        assertEquals(0, outlet.backlog());
    }

    @Test
    void aStalledClientIsCutOffWhenItsQueueIsFullAndNothingBlocks() {
        var outlet = new Recording(3);
        for (int i = 0; i < 4; i++) {
            outlet.send("m" + i); // m0 in flight, m1..m3 wait
        }
        assertEquals(0, outlet.overflows);
        outlet.send("m4");
        assertEquals(1, outlet.overflows);
        assertTrue(outlet.isClosed());
        assertEquals(0, outlet.backlog());

        outlet.send("m5");
        assertEquals(1, outlet.overflows, "cut off once");
        assertEquals(List.of("m0"), outlet.transmitted);
    }

    @Test
    void aFailedSendEndsTheOutlet() {
        var outlet = new Recording(10);
        outlet.send("a");
        outlet.send("b");
        outlet.inFlight.get(0).completeExceptionally(new IllegalStateException("connection reset"));
        assertEquals("connection reset", outlet.failure.getMessage());
        assertTrue(outlet.isClosed());
        outlet.send("c");
        assertEquals(List.of("a"), outlet.transmitted);
    }

    @Test
    void clientsThatTakeMessagesAtOnceGetThemAllWithoutDeepRecursion() {
        var outlet = new Recording(100_000);
        outlet.instant = true;
        for (int i = 0; i < 50_000; i++) {
            outlet.send(Integer.toString(i));
        }
        assertEquals(50_000, outlet.transmitted.size());
        assertEquals("49999", outlet.transmitted.get(49_999));
        assertFalse(outlet.isClosed());
    }
}
