package com.vocelio.live;

import static com.vocelio.testing.EventClient.event;
import static com.vocelio.testing.EventClient.payload;
import static com.vocelio.testing.EventClient.stored;
import static com.vocelio.testing.EventClient.text;
import static com.vocelio.testing.EventClient.type;
import static com.vocelio.testing.Feeds.SECOND;
import static com.vocelio.testing.Feeds.WAIT;
import static com.vocelio.testing.Feeds.assertWithinASecond;
import static com.vocelio.testing.Feeds.liveFeed;
import static com.vocelio.testing.Feeds.subscribe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.testing.EventClient;
import com.vocelio.testing.Routing;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The live feed ({@code /ws}) sends only what a client subscribed to: its channels, narrowed by a department filter
 * (by id or by name), and the queue channel's derived counts ({@code queue_changed}, which carry no id).
 */
class LiveFeedChannelsIT {

    private static final Routing routing = Routing.newOrganization();
    /** No agents: its transfers stay queued, so a transfer request writes no event but its own. */
    private static final String department = routing.department(Map.of());

    @Test
    void theLiveFeedSendsOnlyTheChannelsSubscribedTo() {
        try (var live = liveFeed(routing)) {
            subscribe(live, "{\"type\":\"subscribe\",\"channel\":\"transfers\"}", "transfers");
            var first = routing.request(department, "medium", Map.of());
            String firstCall = first.getString("transfer.call_id");
            var queued = live.await(
                    "the first transfer",
                    SECOND,
                    event("transfer_queued", "transfer_id", first.getString("transfer_id")));
            assertEquals("transfers", queued.getString("channel"));
            assertEquals(payload(queued), queued.getJsonObject("data"));
            // its call's events were written before it in the same transaction, and not sent
            assertTrue(
                    live.messages(m -> "live_call".equals(text(m, "channel"))).isEmpty(), live.describe());

            subscribe(live, "{\"type\":\"subscribe\",\"channels\":[\"live_call\",\"departments\"]}", "live_call");
            live.await("subscribed departments", WAIT, type("subscribed").and(m -> "departments"
                    .equals(text(m, "channel"))));
            live.send("{\"type\":\"unsubscribe\",\"channel\":\"transfers\"}");
            live.send("{\"type\":\"ping\"}");
            live.await("pong (the unsubscribe went before it)", WAIT, type("pong"));

            var second = routing.request(department, "medium", Map.of());
            String secondCall = second.getString("transfer.call_id");
            long committed = System.nanoTime();
            var started = live.awaitReceived("call_started", SECOND, event("call_started", "call_id", secondCall));
            assertWithinASecond(committed, started);
            var call = started.json();
            assertEquals("live_call", call.getString("channel"));
            assertTrue(call.get("id") instanceof JsonString);
            assertEquals(secondCall, payload(call).getString("id"));
            assertEquals("live", payload(call).getString("state"));
            var changed =
                    live.await("call_status_changed", SECOND, event("call_status_changed", "call_id", secondCall));
            assertEquals("transferring", payload(changed).getString("status"));
            assertEquals(routing.departmentName(department), payload(changed).getString("department"));

            String marker = routing.department(Map.of());
            live.await("department_changed (a later transaction)", SECOND, event("department_changed", "id", marker));
            assertTrue(
                    live.messages(event("transfer_queued", "call_id", secondCall))
                            .isEmpty(),
                    "unsubscribed from transfers: " + live.describe());
            assertTrue(
                    live.messages(event("call_started", "call_id", firstCall)).isEmpty(), live.describe());
        }
    }

    @Test
    void aDepartmentFilterByIdOrByNameLimitsTheLiveFeed() {
        String first = routing.department(Map.of());
        String second = routing.department(Map.of());
        String secondName = routing.departmentName(second);
        try (var byId = liveFeed(routing);
                var byName = liveFeed(routing)) {
            subscribe(
                    byId,
                    "{\"type\":\"subscribe\",\"channel\":\"transfers\",\"filters\":{\"department\":\"" + first + "\"}}",
                    "transfers");
            subscribe(
                    byName,
                    "{\"type\":\"subscribe\",\"channels\":[\"transfers\"],\"filters\":{\"department\":\"" + secondName
                            + "\"}}",
                    "transfers");
            for (var client : List.of(byId, byName)) {
                subscribe(client, "{\"type\":\"subscribe\",\"channel\":\"departments\"}", "departments");
            }
            String a = routing.request(second);
            String b = routing.request(first);
            String c = routing.request(second);
            String marker = routing.department(Map.of()); // a later transaction both clients see
            for (var client : List.of(byId, byName)) {
                client.await("the marker", SECOND, event("department_changed", "id", marker));
            }
            assertEquals(List.of(b), transfersOf(byId), byId.describe());
            assertEquals(List.of(a, c), transfersOf(byName), byName.describe());
        }
    }

    private static List<String> transfersOf(EventClient client) {
        return client.messages(stored().and(m -> "transfers".equals(text(m, "channel")))).stream()
                .map(m -> payload(m).getString("transfer_id"))
                .toList();
    }

    @Test
    void aQueuedTransferSendsQueueChangedToTheQueueChannel() {
        String watched = routing.department(Map.of());
        String name = routing.departmentName(watched);
        try (var live = liveFeed(routing)) {
            subscribe(
                    live,
                    "{\"type\":\"subscribe\",\"channel\":\"queue\",\"filters\":{\"department\":\"" + watched + "\"}}",
                    "queue");
            Predicate<JsonObject> ofWatched =
                    type("queue_changed").and(m -> watched.equals(text(payload(m), "department_id")));
            var empty = live.await("the first queue_changed", WAIT, ofWatched);
            assertEquals(0, payload(empty).getInt("queue_length"));

            routing.request(watched);
            long committed = System.nanoTime();
            var one = live.awaitReceived(
                    "queue_changed with one waiting",
                    SECOND,
                    ofWatched.and(m -> payload(m).getInt("queue_length") == 1));
            assertWithinASecond(committed, one);
            JsonObject message = one.json();
            assertEquals("queue", message.getString("channel"));
            assertEquals(routing.tenantId(), message.getString("tenant_id"));
            assertNull(message.get("id"), "counts are derived, not stored: nothing to resume from");
            JsonObject queue = payload(message);
            assertEquals(name, queue.getString("department"));
            assertTrue(queue.getInt("estimated_wait_time") > 0, queue.toString());
            assertTrue(queue.getInt("longest_wait") >= 0, queue.toString());
            assertEquals(0, queue.getInt("available_agents"));
            assertEquals(queue, message.getJsonObject("data"));
            assertTrue(
                    live.messages(type("queue_changed")).stream()
                            .allMatch(m -> watched.equals(text(payload(m), "department_id"))),
                    "only the filtered department: " + live.describe());
        }
    }
}
