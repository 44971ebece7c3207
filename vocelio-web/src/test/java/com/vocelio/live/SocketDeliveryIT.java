package com.vocelio.live;

import static com.vocelio.testing.EventClient.event;
import static com.vocelio.testing.EventClient.id;
import static com.vocelio.testing.EventClient.payload;
import static com.vocelio.testing.EventClient.text;
import static com.vocelio.testing.EventClient.type;
import static com.vocelio.testing.Feeds.SECOND;
import static com.vocelio.testing.Feeds.WAIT;
import static com.vocelio.testing.Feeds.assertWithinASecond;
import static com.vocelio.testing.Feeds.transfersFeed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.testing.Database;
import com.vocelio.testing.EventClient;
import com.vocelio.testing.Routing;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a committed change sends to the organization's sockets ({@code /ws/transfers}): the event in its envelope,
 * with the stored event's id, within one second of the commit; the transfer counts on signing in and after each
 * change; and nothing of it to another organization's clients.
 */
class SocketDeliveryIT {

    private static final Routing routing = Routing.newOrganization();
    /** No agents: its transfers stay queued, so a transfer request writes no event but its own. */
    private static final String department = routing.department(Map.of());

    @Test
    void aTransferArrivesWithinOneSecondInTheEnvelope() {
        String name = routing.departmentName(department);
        try (var client = transfersFeed(routing.token())) {
            var placed = routing.request(department, "high", Map.of("context_summary", "Envelope check"));
            long committed = System.nanoTime(); // the 201 comes after the commit
            String transferId = placed.getString("transfer_id");

            var arrived = client.awaitReceived(
                    "transfer_queued of " + transferId, SECOND, event("transfer_queued", "transfer_id", transferId));
            assertWithinASecond(committed, arrived);

            JsonObject envelope = arrived.json();
            assertTrue(envelope.get("id") instanceof JsonString, "the id is a string: " + envelope);
            assertEquals(
                    Database.number(
                            "select id from events where tenant_id = cast(? as uuid) and type = 'transfer_queued'"
                                    + " and payload ->> 'transfer_id' = ?",
                            routing.tenantId(),
                            transferId),
                    id(envelope),
                    "the id is the stored event's");
            assertEquals("transfer_queued", envelope.getString("type"));
            assertEquals("transfers", envelope.getString("channel"));
            assertEquals(routing.tenantId(), envelope.getString("tenant_id"));
            var timestamp = OffsetDateTime.parse(envelope.getString("timestamp"));
            assertTrue(
                    Duration.between(timestamp, OffsetDateTime.now()).abs().toMinutes() < 5,
                    "timestamp is now: " + timestamp);

            JsonObject payload = envelope.getJsonObject("payload");
            assertEquals(transferId, payload.getString("transfer_id"));
            assertEquals(placed.getString("transfer.call_id"), payload.getString("call_id"));
            assertEquals("queued", payload.getString("status"));
            assertEquals("high", payload.getString("urgency_level"));
            assertEquals("warm", payload.getString("transfer_type"));
            assertEquals("Envelope check", payload.getString("context_summary"));
            assertEquals(name, payload.getString("target_department"));
            assertEquals(department, payload.getString("department_id"));
            assertEquals("", payload.getString("agent_id"));
            assertEquals(0, payload.getInt("offer_count"));
            assertFalse(payload.getBoolean("overflowed"));
            OffsetDateTime.parse(payload.getString("queued_at"));
            assertEquals(payload, envelope.getJsonObject("data"), "data repeats the payload");
        }
    }

    @Test
    void signingInIsAnsweredWithTheTransferCountsAndAChangeSendsThemAgain() {
        var fresh = Routing.newOrganization();
        String unstaffed = fresh.department(Map.of());
        fresh.request(unstaffed);
        fresh.request(unstaffed);
        try (var client = EventClient.open("ws/transfers?access_token=" + fresh.token())) {
            var authenticated = client.await("authenticated", WAIT, type("authenticated"));
            assertEquals(fresh.tenantId(), authenticated.getString("tenant_id"));
            var counts = client.await("transfer_status", WAIT, type("transfer_status"));
            assertEquals("transfers", counts.getString("channel"));
            assertEquals(fresh.tenantId(), counts.getString("tenant_id"));
            assertEquals(2, payload(counts).getInt("totalQueueLength"));
            assertEquals(0, payload(counts).getInt("activeTransfers"));
            assertEquals(0, payload(counts).getInt("availableAgents"));
            assertEquals(payload(counts), counts.getJsonObject("data"));

            fresh.request(unstaffed);
            long committed = System.nanoTime();
            var changed = client.awaitReceived(
                    "transfer_status with 3 waiting",
                    SECOND,
                    type("transfer_status").and(m -> payload(m).getInt("totalQueueLength") == 3));
            assertWithinASecond(committed, changed);
        }
    }

    @Test
    void anotherOrganizationsClientReceivesNoneOfIt() {
        var other = Routing.newOrganization();
        String theirDepartment = other.department(Map.of());
        try (var mine = transfersFeed(routing.token());
                var theirs = transfersFeed(other.token())) {
            String ours = routing.request(department);
            mine.await("our transfer", SECOND, event("transfer_queued", "transfer_id", ours));
            String their = other.request(theirDepartment);
            // events are delivered in commit order: had ours leaked to them, it would be there before their own
            theirs.await("their transfer", SECOND, event("transfer_queued", "transfer_id", their));

            assertOnlyOf(theirs, other.tenantId(), ours);
            assertOnlyOf(mine, routing.tenantId(), their);
        }
    }

    private static void assertOnlyOf(EventClient client, String tenantId, String foreignTransfer) {
        for (var message : client.received()) {
            assertFalse(message.text().contains(foreignTransfer), "leaked: " + message.text());
            String tenant = text(message.json(), "tenant_id");
            assertTrue(tenant == null || tenant.equals(tenantId), "another organization's message: " + message.text());
        }
    }
}
