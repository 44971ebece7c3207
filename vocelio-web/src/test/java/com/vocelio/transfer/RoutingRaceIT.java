package com.vocelio.transfer;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.vocelio.testing.Database;
import com.vocelio.testing.Routing;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The issue's race: 200 transfer requests at once for 5 agents of capacity one. Every request is taken (201), exactly
 * five are offered and the rest wait; the database never shows an agent holding more calls than it may, during the
 * race or after; and as the agents complete their calls the queue drains in urgency-then-age order.
 */
class RoutingRaceIT {

    private static final int AGENTS = 5;
    private static final int REQUESTS = 200;
    private static final int CLIENTS = 32;

    private record Placed(String callId, String urgency, int status, String transferId, String state) {}

    @Test
    void twoHundredConcurrentRequestsForFiveAgentsNeverOverfillAnyAgentAndDrainByUrgencyThenAge() throws Exception {
        var routing = Routing.newOrganization();
        String department = raceDepartment(routing);
        fiveAgents(routing, department);
        var urgencies = new ArrayList<String>();
        for (int i = 0; i < REQUESTS; i++) {
            urgencies.add(Routing.URGENCIES.get(i % Routing.URGENCIES.size()));
        }
        Collections.shuffle(urgencies, new Random(4711));

        try (var watcher = new CapacityWatcher(routing.tenantId())) {
            // the race
            var pool = Executors.newFixedThreadPool(CLIENTS);
            var start = new CountDownLatch(1);
            var requests = new ArrayList<Callable<Placed>>();
            for (int i = 0; i < REQUESTS; i++) {
                String urgency = urgencies.get(i);
                String callId = Routing.callId();
                requests.add(() -> {
                    start.await();
                    var body = new LinkedHashMap<String, Object>();
                    body.put("call_id", callId);
                    body.put("target_department", department);
                    body.put("urgency_level", urgency);
                    body.put("transfer_type", "warm");
                    body.put("context_summary", "race");
                    var reply = routing.send("/transfer/request", body);
                    return new Placed(
                            callId,
                            urgency,
                            reply.status(),
                            reply.body().getString("transfer_id"),
                            reply.body().getString("status"));
                });
            }
            var futures = requests.stream().map(pool::submit).toList();
            long began = System.nanoTime();
            start.countDown();
            var placed = new ArrayList<Placed>();
            for (var future : futures) {
                placed.add(future.get());
            }
            long raceMillis = (System.nanoTime() - began) / 1_000_000;
            pool.shutdown();
            System.out.printf(
                    "RoutingRaceIT: %d concurrent transfer requests (%d clients) took %d ms (%.0f req/s)%n",
                    REQUESTS, CLIENTS, raceMillis, REQUESTS * 1000.0 / Math.max(1, raceMillis));

            var statuses = placed.stream().map(Placed::status).toList();
            assertTrue(statuses.stream().allMatch(s -> s == 201), "every request is a new transfer: " + statuses);
            var urgencyOf = new HashMap<String, String>();
            placed.forEach(p -> urgencyOf.put(p.transferId(), p.urgency()));
            assertEquals(REQUESTS, urgencyOf.size(), "distinct transfer ids");
            assertEquals(
                    AGENTS,
                    placed.stream().filter(p -> "offered".equals(p.state())).count(),
                    "offered at once");
            assertEquals(
                    REQUESTS - AGENTS,
                    placed.stream().filter(p -> "queued".equals(p.state())).count(),
                    "queued at once");

            // the state after the race, in the database and over HTTP
            try (var db = Database.connect()) {
                assertEquals(AGENTS, count(db, routing, "offered"));
                assertEquals(REQUESTS - AGENTS, count(db, routing, "queued"));
                assertEquals(
                        AGENTS,
                        Database.number(
                                db,
                                "select count(distinct agent_id) from transfers"
                                        + " where tenant_id = cast(? as uuid) and status = 'offered'",
                                routing.tenantId()));
                assertEquals(
                        0,
                        Database.number(
                                db,
                                "select count(*) from agents where tenant_id = cast(? as uuid)"
                                        + " and (active_calls <> 1 or status <> 'busy')",
                                routing.tenantId()));
            }
            String row = "departments.find { it.department_id == '" + department + "' }";
            routing.admin()
                    .get("/queue/status")
                    .then()
                    .statusCode(200)
                    .body(row + ".waiting", equalTo(REQUESTS - AGENTS))
                    .body(row + ".available_agents", equalTo(0))
                    .body(row + ".busy_agents", equalTo(AGENTS));
            var queue = routing.admin()
                    .get("/departments/" + department + "/queue")
                    .then()
                    .statusCode(200)
                    .body("queue_length", equalTo(REQUESTS - AGENTS))
                    .extract()
                    .jsonPath();
            var queuedUrgencies = queue.getList("queue_details.urgency_level", String.class);
            var positions = queue.getList("queue_details.position", Integer.class);
            for (int i = 0; i < queuedUrgencies.size(); i++) {
                assertEquals(i + 1, positions.get(i));
                if (i > 0) {
                    assertTrue(
                            Routing.rank(queuedUrgencies.get(i - 1)) >= Routing.rank(queuedUrgencies.get(i)),
                            "queue by urgency: " + queuedUrgencies);
                }
            }

            // the drain: agents take and finish their calls one after another; each completion offers the next
            long drainBegan = System.nanoTime();
            var offerOrder = drain(routing);
            long drainMillis = (System.nanoTime() - drainBegan) / 1_000_000;
            System.out.printf(
                    "RoutingRaceIT: drained %d transfers (accept + complete each) in %d ms%n",
                    offerOrder.size() + AGENTS, drainMillis);
            assertEquals(REQUESTS - AGENTS, offerOrder.size(), "every waiting transfer was offered");
            assertServedByUrgencyThenAge(offerOrder, urgencyOf, queuedAt(routing), 0);

            try (var db = Database.connect()) {
                assertEquals(REQUESTS, count(db, routing, "completed"));
                assertEquals(
                        0,
                        Database.number(
                                db,
                                "select count(*) from agents where tenant_id = cast(? as uuid)"
                                        + " and (active_calls <> 0 or status <> 'available')",
                                routing.tenantId()));
            }
            watcher.assertNeverOverCapacity();
            System.out.printf("RoutingRaceIT: %d database samples, none over capacity%n", watcher.samples());
        }
    }

    /** No wrap-up, offers that never expire during the test, room for everyone in the queue. */
    private static String raceDepartment(Routing routing) {
        return routing.department(
                Map.of("wrap_up_seconds", 0, "reservation_timeout_seconds", 3600, "max_queue_length", 1000));
    }

    private static List<String> fiveAgents(Routing routing, String department) {
        var agents = new ArrayList<String>();
        for (int i = 0; i < AGENTS; i++) {
            agents.add(routing.agent(department, Map.of("max_concurrent_calls", 1)));
        }
        return agents;
    }

    @Test
    void agentsCompletingAtTheSameTimeStillDrainTheQueueByUrgencyThenAge() throws Exception {
        var routing = Routing.newOrganization();
        String department = raceDepartment(routing);
        var agents = fiveAgents(routing, department);
        var urgencyOf = new HashMap<String, String>();
        var random = new Random(99);
        for (int i = 0; i < 105; i++) {
            String urgency = Routing.URGENCIES.get(random.nextInt(Routing.URGENCIES.size()));
            var body = Map.of("call_id", Routing.callId(), "target_department", department, "urgency_level", urgency);
            var reply = routing.send("/transfer/request", body);
            assertEquals(201, reply.status());
            urgencyOf.put(reply.body().getString("transfer_id"), urgency);
        }
        var offeredFirst = new HashSet<String>();
        Database.rows(
                        "select transfer_id from transfers where tenant_id = cast(? as uuid) and status = 'offered'",
                        routing.tenantId())
                .forEach(r -> offeredFirst.add((String) r.get("transfer_id")));
        assertEquals(AGENTS, offeredFirst.size());

        // every agent accepts and completes whatever it is offered, all at the same time
        var pool = Executors.newFixedThreadPool(AGENTS);
        try {
            var work = new ArrayList<Callable<Integer>>();
            for (String agent : agents) {
                work.add(() -> workOffers(routing, agent));
            }
            int handled = 0;
            for (var future : pool.invokeAll(work)) {
                handled += future.get();
            }
            assertEquals(urgencyOf.size(), handled);
        } finally {
            pool.shutdownNow();
        }
        var order = Database.rows(
                        "select transfer_id from transfers where tenant_id = cast(? as uuid) order by offered_at",
                        routing.tenantId())
                .stream()
                .map(r -> (String) r.get("transfer_id"))
                .filter(id -> !offeredFirst.contains(id))
                .toList();
        assertEquals(urgencyOf.size() - AGENTS, order.size());
        assertServedByUrgencyThenAge(order, urgencyOf, queuedAt(routing), AGENTS);
    }

    /** One agent's working day: accept and complete each offer until nothing is offered or waiting. */
    private static int workOffers(Routing routing, String agent) throws Exception {
        int handled = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (var db = Database.connect()) {
            while (System.nanoTime() < deadline) {
                var offers = Database.rows(
                        db,
                        "select t.transfer_id from transfers t join agents a on a.id = t.agent_id"
                                + " where a.tenant_id = cast(? as uuid) and a.agent_id = ? and t.status = 'offered'",
                        routing.tenantId(),
                        agent);
                if (offers.isEmpty()) {
                    long open = Database.number(
                            db,
                            "select count(*) from transfers where tenant_id = cast(? as uuid)"
                                    + " and status in ('queued', 'offered')",
                            routing.tenantId());
                    if (open == 0) {
                        return handled;
                    }
                    Thread.sleep(5);
                    continue;
                }
                String id = (String) offers.get(0).get("transfer_id");
                assertEquals(
                        200, routing.send("/transfer/" + id + "/accept", null).status());
                assertEquals(
                        200, routing.send("/transfer/" + id + "/complete", null).status());
                handled++;
            }
        }
        throw new AssertionError("agent " + agent + " still busy after 60 s");
    }

    /**
     * Accepts and completes the oldest offer until nothing is offered or queued; returns the transfer ids in the order
     * they were offered (those offered during the race excluded).
     */
    private static List<String> drain(Routing routing) {
        var order = new ArrayList<String>();
        var seen = new HashSet<String>();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        boolean first = true;
        try (var db = Database.connect()) {
            while (true) {
                var offered = Database.rows(
                                db,
                                "select transfer_id from transfers where tenant_id = cast(? as uuid)"
                                        + " and status = 'offered' order by offered_at, transfer_id",
                                routing.tenantId())
                        .stream()
                        .map(r -> (String) r.get("transfer_id"))
                        .toList();
                for (String id : offered) {
                    if (seen.add(id) && !first) {
                        order.add(id);
                    }
                }
                first = false;
                if (offered.isEmpty()) {
                    assertEquals(0, count(db, routing, "queued"), "nothing offered while transfers wait");
                    return order;
                }
                if (System.nanoTime() > deadline) {
                    fail("The drain took longer than 90 s; " + order.size() + " offered so far");
                }
                String next = offered.get(0);
                assertEquals(
                        200, routing.send("/transfer/" + next + "/accept", null).status());
                assertEquals(
                        200,
                        routing.send("/transfer/" + next + "/complete", null).status());
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, OffsetDateTime> queuedAt(Routing routing) {
        var result = new HashMap<String, OffsetDateTime>();
        for (var row : Database.rows(
                "select transfer_id, queued_at from transfers where tenant_id = cast(? as uuid)", routing.tenantId())) {
            result.put((String) row.get("transfer_id"), toOffsetDateTime(row.get("queued_at")));
        }
        return result;
    }

    private static OffsetDateTime toOffsetDateTime(Object value) {
        if (value instanceof OffsetDateTime time) {
            return time;
        }
        return ((Timestamp) value).toInstant().atOffset(ZoneOffset.UTC);
    }

    /**
     * Urgency first (critical > high > medium > low); within one urgency, the older request first. With {@code slack}
     * n, a transfer may be offered before one that should precede it only if that one follows within the next n
     * offers (agents finishing at the same moment race fairly).
     */
    private static void assertServedByUrgencyThenAge(
            List<String> order, Map<String, String> urgencyOf, Map<String, OffsetDateTime> queuedAt, int slack) {
        for (int i = 0; i < order.size(); i++) {
            String early = order.get(i);
            for (int j = i + 1 + slack; j < order.size(); j++) {
                String late = order.get(j);
                int rankEarly = Routing.rank(urgencyOf.get(early));
                int rankLate = Routing.rank(urgencyOf.get(late));
                boolean lateShouldHaveGoneFirst = rankLate > rankEarly
                        || (rankLate == rankEarly && queuedAt.get(late).isBefore(queuedAt.get(early)));
                if (lateShouldHaveGoneFirst) {
                    fail("Offer #" + (i + 1) + " (" + early + ", " + urgencyOf.get(early) + ", queued "
                            + queuedAt.get(early) + ") came " + (j - i) + " offers before " + late + " ("
                            + urgencyOf.get(late) + ", queued " + queuedAt.get(late) + ")");
                }
            }
        }
    }

    private static long count(Connection db, Routing routing, String status) {
        return Database.number(
                db,
                "select count(*) from transfers where tenant_id = cast(? as uuid) and status = ?",
                routing.tenantId(),
                status);
    }

    /**
     * Looks at the database over and over from its own connection while the test runs: no agent may ever hold more
     * calls than its capacity (by its counter or by the transfers pointing at it), and the counter must match.
     */
    private static final class CapacityWatcher implements AutoCloseable {

        private final String tenantId;
        private final Thread thread;
        private final AtomicLong samples = new AtomicLong();
        private final AtomicInteger maxHeld = new AtomicInteger();
        private final AtomicReference<String> violation = new AtomicReference<>();
        private volatile boolean running = true;

        CapacityWatcher(String tenantId) {
            this.tenantId = tenantId;
            this.thread = new Thread(this::watch, "capacity-watcher");
            thread.setDaemon(true);
            thread.start();
        }

        private void watch() {
            try (var db = Database.connect()) {
                while (running) {
                    var broken = Database.rows(db, Routing.OVER_CAPACITY, tenantId);
                    if (!broken.isEmpty()) {
                        violation.compareAndSet(null, broken.toString());
                    }
                    long held = Database.number(
                            db,
                            "select count(*) from transfers where tenant_id = cast(? as uuid)"
                                    + " and status in ('offered', 'connecting', 'connected')",
                            tenantId);
                    maxHeld.accumulateAndGet((int) held, Math::max);
                    samples.incrementAndGet();
                    Thread.sleep(2);
                }
            } catch (Exception e) {
                violation.compareAndSet(null, "watcher failed: " + e);
            }
        }

        long samples() {
            return samples.get();
        }

        void assertNeverOverCapacity() {
            assertEquals(null, violation.get(), "an agent above capacity or a wrong counter was seen");
            assertTrue(maxHeld.get() <= AGENTS, "at most " + AGENTS + " calls held at once, saw " + maxHeld.get());
            assertTrue(samples.get() > 10, "the watcher looked only " + samples.get() + " times");
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(5_000);
        }
    }
}
