package com.vocelio.event;

import static com.vocelio.testing.EventClient.event;
import static com.vocelio.testing.Feeds.SECOND;
import static com.vocelio.testing.Feeds.transfersFeed;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.testing.Database;
import com.vocelio.testing.Logs;
import com.vocelio.testing.Routing;
import com.vocelio.testing.TestServer;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The outbox is delivered in commit order, so a transaction that stays open after drawing its id holds back every
 * event committed after it began — for every organization, on every node — until it ends: a delay, never a loss. The
 * relay says so in the log after five seconds, naming the transaction, and delivers everything at once when it ends.
 */
class HoldingTransactionIT {

    private static final Routing routing = Routing.newOrganization();
    private static final String department = routing.department(Map.of());

    @Test
    void aTransactionLeftOpenDelaysEventsAndTheRelaySaysWhichOne() throws Exception {
        try (var client = transfersFeed(routing.token());
                Connection stuck = Database.connect()) {
            stuck.setAutoCommit(false);
            Database.rows(stuck, "select set_config('application_name', 'holding-transaction-it', false)");
            Database.number(stuck, "select cast(cast(pg_current_xact_id() as text) as bigint)");

            String transferId = routing.request(department);
            Routing.pause(Duration.ofMillis(5_500));
            assertTrue(
                    client.messages(event("transfer_queued", "transfer_id", transferId))
                            .isEmpty(),
                    "delivered past a transaction that was still open");
            var warning = Logs.linesWith(TestServer.get().log(), "holding-transaction-it");
            assertFalse(warning.isEmpty(), "the relay did not name the transaction holding events back");

            stuck.commit();
            client.await(
                    "the held event once the transaction ended",
                    SECOND.multipliedBy(2),
                    event("transfer_queued", "transfer_id", transferId));
            assertFalse(Logs.linesWith(TestServer.get().log(), "Event relay delivers again")
                    .isEmpty());
        }
    }
}
