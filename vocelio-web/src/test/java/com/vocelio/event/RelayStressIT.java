package com.vocelio.event;

import static com.vocelio.testing.EventClient.type;
import static com.vocelio.testing.Feeds.transfersFeed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.testing.Database;
import com.vocelio.testing.EventClient;
import com.vocelio.testing.Routing;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The relay's catch-up under stress: many writers whose transactions draw their ids early and commit late and out of
 * order (the outbox's trap), some rolled back, while the relay's {@code LISTEN} connection is killed again and again.
 * A socket open throughout receives every committed event exactly once, none of a rolled-back transaction, and each
 * writer's events in its commit order.
 */
class RelayStressIT {

    private static final int WRITERS = 12;
    private static final Duration LOAD = Duration.ofSeconds(8);
    private static final Duration KILL_EVERY = Duration.ofMillis(150);

    private static final Routing routing = Routing.newOrganization();

    @Test
    void everyCommittedEventArrivesOnceThroughKilledRelayConnections() throws Exception {
        Set<Long> committed = ConcurrentHashMap.newKeySet();
        Set<Long> rolledBack = ConcurrentHashMap.newKeySet();
        var running = new AtomicBoolean(true);
        var kills = new AtomicInteger();
        var failures = new ConcurrentHashMap<String, Integer>();
        long boundary = advanceTransactionIdsToJustBelowAPowerOfTen();
        ExecutorService threads = Executors.newFixedThreadPool(WRITERS + 1);
        try (var client = transfersFeed(routing.token())) {
            for (int w = 0; w < WRITERS; w++) {
                threads.execute(() -> write(running, committed, rolledBack, failures));
            }
            threads.execute(() -> {
                while (running.get()) {
                    kills.addAndGet((int) Database.number("select count(pg_terminate_backend(pid))"
                            + " from pg_stat_activity where application_name = 'vocelio-events'"));
                    Routing.pause(Duration.ofMillis(
                            ThreadLocalRandom.current().nextLong(KILL_EVERY.toMillis() / 2, KILL_EVERY.toMillis())));
                }
            });
            Routing.pause(LOAD);
            running.set(false);
            threads.shutdown();
            assertTrue(threads.awaitTermination(30, TimeUnit.SECONDS), "the writers did not stop");
            System.out.printf(
                    "Relay stress: %d committed, %d rolled back, %d relay connections killed, failures %s%n",
                    committed.size(), rolledBack.size(), kills.get(), failures);
            assertTrue(committed.size() > 200, "too little load to tell: " + committed.size());
            assertTrue(kills.get() > 10, "the relay's connection was killed only " + kills.get() + " times");
            assertTrue(
                    Database.number(
                                    "select count(*) from events where tx >= cast(cast(? as text) as xid8)"
                                            + " and tenant_id = cast(? as uuid)",
                                    Long.toString(boundary),
                                    routing.tenantId())
                            > 0,
                    "the load did not cross transaction id " + boundary);

            String missing = "";
            try {
                client.awaitCount(
                        "every committed test_stress event",
                        Duration.ofSeconds(20),
                        type("test_stress"),
                        committed.size());
            } catch (AssertionError e) {
                missing = " — missing ids " + missing(committed, client);
            }
            var received = new HashMap<Long, Integer>();
            for (var message : client.messages(type("test_stress"))) {
                received.merge(EventClient.id(message), 1, Integer::sum);
            }
            var twice = received.entrySet().stream()
                    .filter(e -> e.getValue() > 1)
                    .map(Map.Entry::getKey)
                    .toList();
            assertEquals(List.of(), twice, "delivered more than once");
            var ghosts = new TreeSet<>(received.keySet());
            ghosts.retainAll(rolledBack);
            assertEquals(Set.of(), ghosts, "events of rolled-back transactions delivered");
            assertEquals(committed, received.keySet(), "delivered ≠ committed" + missing);
            assertTrue(client.isOpen(), client.describe());
        } finally {
            running.set(false);
            threads.shutdownNow();
        }
    }

    /**
     * One writer: a transaction draws its id first, waits, writes one to three events, waits again and commits (one in
     * ten rolls back), sometimes waking the relays like the application does. The waits make transactions overlap and
     * commit in an order unlike that of their ids.
     */
    private void write(
            AtomicBoolean running, Set<Long> committed, Set<Long> rolledBack, Map<String, Integer> failures) {
        var random = ThreadLocalRandom.current();
        try (Connection connection = Database.connect()) {
            connection.setAutoCommit(false);
            while (running.get()) {
                var ids = new ArrayList<Long>();
                Database.number(connection, "select cast(cast(pg_current_xact_id() as text) as bigint)");
                Routing.pause(Duration.ofMillis(random.nextInt(0, 40)));
                int count = random.nextInt(1, 4);
                for (int i = 0; i < count; i++) {
                    ids.add(Database.number(
                            connection,
                            "insert into events (tenant_id, type, channel, payload) values"
                                    + " (cast(? as uuid), 'test_stress', 'transfers', json_build_object('n', ?))"
                                    + " returning id",
                            routing.tenantId(),
                            random.nextInt()));
                }
                Routing.pause(Duration.ofMillis(random.nextInt(0, 15)));
                if (random.nextInt(10) == 0) {
                    connection.rollback();
                    rolledBack.addAll(ids);
                } else {
                    connection.commit();
                    committed.addAll(ids);
                    if (random.nextBoolean()) {
                        connection.setAutoCommit(true);
                        Database.rows(connection, "select pg_notify('vocelio_events', '')");
                        connection.setAutoCommit(false);
                    }
                }
            }
        } catch (SQLException | RuntimeException e) {
            failures.merge(e.getClass().getSimpleName() + ": " + e.getMessage(), 1, Integer::sum);
        }
    }

    /**
     * Moves the transaction id counter to a few hundred below the next power of ten, so that the load's transaction
     * ids cross it (999 → 1000, 9999 → 10000): in text order, which a reader sorting the id's text column would use,
     * 1000 comes before 999. One transaction spends the ids, in subtransactions that each write a row.
     */
    private static long advanceTransactionIdsToJustBelowAPowerOfTen() {
        long now = Database.number("select cast(cast(pg_current_xact_id() as text) as bigint)");
        long boundary = 10;
        while (boundary <= now + 400) {
            boundary *= 10;
        }
        long spend = boundary - 300 - now;
        assertTrue(spend < 2_000_000, "transaction id " + now + " is too far from " + boundary + " to get there");
        try (var connection = Database.connect();
                var statement = connection.createStatement()) {
            statement.execute("create temporary table spent (n int)");
            statement.execute("do $$ begin for i in 1.." + spend + " loop begin insert into spent values (i);"
                    + " exception when others then null; end; end loop; end $$");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return boundary;
    }

    /** The committed events the socket did not get, each with its transaction, to see what the relay skipped. */
    private static String missing(Set<Long> committed, EventClient client) {
        var got = client.messages(type("test_stress")).stream()
                .map(EventClient::id)
                .collect(Collectors.toSet());
        var missing = new TreeSet<>(committed);
        missing.removeAll(got);
        var all = client.received();
        var firstIds = client.messages(type("test_stress")).stream()
                .limit(10)
                .map(m -> EventClient.text(m, "id"))
                .toList();
        long unparsable =
                all.stream().filter(r -> r.json().containsKey("unparsable")).count();
        return missing.size() + " (received " + all.size() + " messages, " + unparsable + " unparsable; the first"
                + " test_stress ids received: " + firstIds + "; first messages: "
                + all.stream()
                        .limit(4)
                        .map(r -> r.text().substring(0, Math.min(160, r.text().length())))
                        .toList()
                + "): "
                + Database.rows(
                        "select id, cast(tx as text) as tx from events where id = any(?) order by tx, id",
                        (Object) missing.toArray(Long[]::new));
    }
}
