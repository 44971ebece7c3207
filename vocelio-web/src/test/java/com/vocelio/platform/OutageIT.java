package com.vocelio.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.vocelio.testing.Database;
import com.vocelio.testing.EventClient;
import com.vocelio.testing.Http;
import com.vocelio.testing.Http.Reply;
import com.vocelio.testing.Routing;
import com.vocelio.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The database goes away under a running load — its connections killed with {@code pg_terminate_backend}, or the
 * server stopped and started again — and the application comes back by itself: while it is away, requests fail fast
 * with 503 JSON {@code database_unavailable} and Retry-After (never a 500, never a long wait); within 10 s of its
 * return requests succeed again; every acknowledged transfer is in the database; a socket opened before the outage
 * stays open and receives each acknowledged transfer's event exactly once; and the routing sweeps run again.
 */
class OutageIT {

    private static final Duration RECOVERY = Duration.ofSeconds(10);
    private static final Duration FAIL_FAST = Duration.ofSeconds(3);
    private static final int CLIENTS = 4;

    private static final Routing routing = Routing.newOrganization();
    private static final String admin = routing.token();

    @Test
    void killedConnectionsAreReplacedAndNothingIsLost() throws Exception {
        String department = routing.department(Map.of("max_queue_length", 10_000));
        try (var socket = EventClient.signedIn("ws/transfers", admin);
                var load = new Load(department)) {
            load.runFor(Duration.ofSeconds(1));
            long killed = System.nanoTime();
            int terminated = terminateApplicationConnections();
            assertTrue(terminated > 0, "the application had no connections to kill");
            long recovered = load.awaitSuccessAfter(killed);
            assertTrue(recovered - killed < RECOVERY.toNanos(), "recovered only after " + millis(recovered - killed));
            load.runFor(Duration.ofSeconds(2));
            load.stop();
            load.assertOnly503sWhileAway();
            assertEverythingAcknowledgedIsStoredAndAnnouncedOnce(load, socket);
        }
    }

    @Test
    void aStoppedDatabaseIsA503WithRetryAfterAndEverythingWorksAgainWhenItReturns() throws Exception {
        String department = routing.department(Map.of("max_queue_length", 10_000));
        // an offer that expires during the outage: the sweeps must take it back once the database returns
        String staffed = routing.department(Map.of("reservation_timeout_seconds", 5, "wrap_up_seconds", 0));
        routing.agent(staffed);
        String offered = routing.request(staffed);
        assertEquals("offered", routing.status(offered));
        try (var socket = EventClient.signedIn("ws/transfers", admin);
                var load = new Load(department)) {
            load.runFor(Duration.ofSeconds(1));
            TestServer.get().stopDatabase();
            long stopped = System.nanoTime();
            try {
                load.runFor(Duration.ofSeconds(6));
                var away = load.repliesSince(stopped);
                assertTrue(
                        away.stream().anyMatch(r -> r.reply().status() == 503),
                        () -> "no 503 while the database was away: "
                                + away.stream()
                                        .map(t -> millis(t.nanos()) + " " + t.reply())
                                        .toList());
                for (var timed : away) {
                    if (timed.reply().status() == 503) {
                        assertTrue(
                                timed.nanos() < FAIL_FAST.toNanos(),
                                "a 503 took " + millis(timed.nanos()) + ": " + timed.reply());
                        assertEquals(
                                "2",
                                timed.reply().header("retry-after"),
                                timed.reply().toString());
                    }
                }
                var health = Http.send("GET", "/health", null, null);
                assertEquals(503, health.status(), health.toString());
            } finally {
                TestServer.get().startDatabase();
            }
            long started = System.nanoTime();
            long recovered = load.awaitSuccessAfter(started);
            assertTrue(recovered - started < RECOVERY.toNanos(), "recovered only after " + millis(recovered - started));
            Routing.await(
                    "/health to be 200",
                    RECOVERY,
                    () -> Http.send("GET", "/health", null, null).status(),
                    s -> s == 200);
            load.runFor(Duration.ofSeconds(2));
            load.stop();
            load.assertOnly503sWhileAway();
            assertEverythingAcknowledgedIsStoredAndAnnouncedOnce(load, socket);
            // the sweeps survived: the offer that expired meanwhile is taken back and announced
            socket.await(
                    "the expired offer's transfer_timed_out",
                    RECOVERY,
                    EventClient.event("transfer_timed_out", "transfer_id", offered));
        }
    }

    private static void assertEverythingAcknowledgedIsStoredAndAnnouncedOnce(Load load, EventClient socket) {
        var acknowledged = load.acknowledged();
        assertTrue(acknowledged.size() > 10, "too little load to tell: " + acknowledged.size());
        long stored = Database.number(
                "select count(*) from transfers where tenant_id = cast(? as uuid) and transfer_id = any(?)",
                routing.tenantId(),
                acknowledged.toArray(String[]::new));
        assertEquals(acknowledged.size(), stored, "acknowledged transfers missing from the database");
        assertTrue(socket.isOpen(), "the socket was closed: " + socket.describe());
        var queued = socket.awaitCount(
                "transfer_queued of every acknowledged transfer",
                RECOVERY,
                message -> "transfer_queued".equals(EventClient.text(message, "type"))
                        && acknowledged.contains(EventClient.text(EventClient.payload(message), "transfer_id")),
                acknowledged.size());
        var perTransfer = new HashMap<String, Integer>();
        var ids = new HashSet<Long>();
        for (var message : socket.messages(EventClient.stored())) {
            assertTrue(ids.add(EventClient.id(message)), "event delivered twice: " + message);
        }
        for (var received : queued) {
            perTransfer.merge(EventClient.text(EventClient.payload(received.json()), "transfer_id"), 1, Integer::sum);
        }
        perTransfer.forEach((id, times) -> assertEquals(1, times, id + " announced " + times + " times"));
        assertEquals(acknowledged.size(), perTransfer.size());
    }

    /** Ends every session the application holds (its pool and its event relay), as a database failover would. */
    private static int terminateApplicationConnections() {
        return (int) Database.number("select count(pg_terminate_backend(pid)) from pg_stat_activity"
                + " where application_name in ('vocelio', 'vocelio-events')");
    }

    private static String millis(long nanos) {
        return nanos / 1_000_000 + " ms";
    }

    /** A reply and how long it took. */
    record Timed(long sentAt, long nanos, Reply reply) {}

    /** {@value #CLIENTS} clients requesting transfers of new calls in a loop, every reply kept. */
    private static final class Load implements AutoCloseable {

        private final String department;
        private final ExecutorService threads = Executors.newFixedThreadPool(CLIENTS);
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ConcurrentLinkedQueue<Timed> replies = new ConcurrentLinkedQueue<>();

        Load(String department) {
            this.department = department;
            for (int i = 0; i < CLIENTS; i++) {
                threads.execute(this::client);
            }
        }

        private void client() {
            while (running.get()) {
                long sent = System.nanoTime();
                try {
                    var reply = Http.send(
                            "POST",
                            "/transfer/request",
                            admin,
                            Map.of("call_id", Routing.callId(), "target_department", department));
                    replies.add(new Timed(sent, System.nanoTime() - sent, reply));
                } catch (RuntimeException e) {
                    replies.add(new Timed(sent, System.nanoTime() - sent, new Reply(-1, Map.of(), e.toString())));
                }
                Routing.pause(Duration.ofMillis(40));
            }
        }

        void runFor(Duration duration) {
            Routing.pause(duration);
        }

        List<Timed> repliesSince(long nanos) {
            return replies.stream().filter(t -> t.sentAt() >= nanos).toList();
        }

        /** The moment the first request sent after {@code nanos} succeeded (waits up to twice the recovery time). */
        long awaitSuccessAfter(long nanos) {
            long deadline = System.nanoTime() + 2 * RECOVERY.toNanos();
            while (System.nanoTime() < deadline) {
                var success = replies.stream()
                        .filter(t -> t.sentAt() >= nanos && t.reply().status() == 201)
                        .mapToLong(t -> t.sentAt() + t.nanos())
                        .min();
                if (success.isPresent()) {
                    return success.getAsLong();
                }
                Routing.pause(Duration.ofMillis(50));
            }
            fail("No request succeeded within " + 2 * RECOVERY.toSeconds() + " s; last replies: " + last(5));
            return 0;
        }

        void assertOnly503sWhileAway() {
            for (var timed : replies) {
                var reply = timed.reply();
                if (reply.status() == 201) {
                    continue;
                }
                assertEquals(503, reply.status(), "not a 201 nor a 503: " + reply);
                assertTrue(reply.isErrorBody(), reply.toString());
                assertEquals("database_unavailable", reply.json().getString("code"), reply.toString());
                assertTrue(reply.header("retry-after") != null, "503 without Retry-After: " + reply);
            }
        }

        List<String> acknowledged() {
            var ids = new ArrayList<String>();
            for (var timed : replies) {
                if (timed.reply().status() == 201) {
                    ids.add(timed.reply().json().getString("transfer_id"));
                }
            }
            return ids;
        }

        private List<Reply> last(int n) {
            var all = new ArrayList<>(replies);
            return all.subList(Math.max(0, all.size() - n), all.size()).stream()
                    .map(Timed::reply)
                    .toList();
        }

        void stop() throws InterruptedException {
            running.set(false);
            threads.shutdown();
            assertTrue(threads.awaitTermination(90, TimeUnit.SECONDS), "the load did not stop");
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            threads.shutdownNow();
        }
    }
}
