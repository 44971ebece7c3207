package com.vocelio.event;

import static com.vocelio.testing.EventClient.event;
import static com.vocelio.testing.EventClient.id;
import static com.vocelio.testing.EventClient.type;
import static com.vocelio.testing.Feeds.SECOND;
import static com.vocelio.testing.Feeds.WAIT;
import static com.vocelio.testing.Feeds.assertWithinASecond;
import static com.vocelio.testing.Feeds.transfersFeed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.testing.Database;
import com.vocelio.testing.EventClient;
import com.vocelio.testing.Routing;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The outbox is read in commit order, not id order: an event written by an older transaction that commits after a
 * younger one (so with a lower transaction id and a higher event id) is delivered, once, live and on resuming.
 */
class CommitOrderIT {

    private static final Routing routing = Routing.newOrganization();
    /** No agents: its transfers stay queued, so a transfer request writes no event but its own. */
    private static final String department = routing.department(Map.of());

    /**
     * The trap of an outbox with a sequence: B draws its transaction id first, A inserts (lower event id) and commits,
     * then B inserts (higher event id, lower transaction id) and commits. A reader that took A and moved its cursor
     * past A's id would never see B. Both must arrive, once each, B first — live and when resuming.
     */
    @Test
    void anEventCommittedLateByAnOlderTransactionIsDeliveredNotSkipped() throws SQLException {
        try (var client = transfersFeed(routing.token());
                Connection a = Database.connect();
                Connection b = Database.connect()) {
            String before = routing.request(department);
            long beforeId =
                    id(client.await("a transfer before", SECOND, event("transfer_queued", "transfer_id", before)));
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            long txB = Database.number(b, "select cast(cast(pg_current_xact_id() as text) as bigint)");
            long[] rowA = insertEvent(a, "test_marker_a");
            long[] rowB = insertEvent(b, "test_marker_b");
            assertEquals(txB, rowB[1]);
            assertTrue(rowA[0] < rowB[0] && rowA[1] > rowB[1], "A has the lower id, B the lower transaction");

            a.commit();
            Routing.pause(Duration.ofMillis(300));
            assertTrue(
                    client.messages(type("test_marker_a").or(type("test_marker_b")))
                            .isEmpty(),
                    "A waits behind the older transaction B, still open: " + client.describe());

            b.commit();
            long committed = System.nanoTime();
            Predicate<JsonObject> markers = type("test_marker_a").or(type("test_marker_b"));
            var both = client.awaitCount("both markers", SECOND, markers, 2);
            assertWithinASecond(committed, both.get(1));
            Routing.pause(Duration.ofMillis(300));
            assertEquals(
                    List.of(rowB[0], rowA[0]),
                    client.messages(markers).stream().map(EventClient::id).toList(),
                    "each once, in (tx, id) order: B then A");

            try (var resumed =
                    EventClient.open("ws/transfers?access_token=" + routing.token() + "&since=" + beforeId)) {
                resumed.awaitCount("both markers again", WAIT, markers, 2);
                String after = routing.request(department);
                resumed.await("a live transfer after them", SECOND, event("transfer_queued", "transfer_id", after));
                assertEquals(
                        List.of(rowB[0], rowA[0]),
                        resumed.messages(markers).stream().map(EventClient::id).toList(),
                        "resumed: each once, B then A");
            }
        }
    }

    /** Inserts an event row of the organization as the application's outbox does; returns {id, tx}. */
    private static long[] insertEvent(Connection connection, String type) {
        var row = Database.rows(
                        connection,
                        "insert into events (tenant_id, type, channel, payload)"
                                + " values (cast(? as uuid), ?, 'transfers', cast('{}' as json))"
                                + " returning id, cast(cast(tx as text) as bigint) as tx",
                        routing.tenantId(),
                        type)
                .get(0);
        Database.rows(connection, "select pg_notify('vocelio_events', '')");
        return new long[] {((Number) row.get("id")).longValue(), ((Number) row.get("tx")).longValue()};
    }
}
