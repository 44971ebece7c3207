package com.vocelio.it;

import static com.vocelio.it.EventClient.event;
import static com.vocelio.it.EventClient.id;
import static com.vocelio.it.EventClient.payload;
import static com.vocelio.it.EventClient.stored;
import static com.vocelio.it.EventClient.text;
import static com.vocelio.it.EventClient.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The live event sockets from the outside, with a real WebSocket client: what a committed change sends, to whom, in
 * which envelope and how fast (within one second); signing in and being refused; resuming after an event id without
 * losing or repeating anything, also when transactions commit out of id order; the {@code /ws} channels, filters and
 * queue counts; the hub's dialect; and a client that stops reading holding up nobody else.
 */
class EventsIT {

    /** The delivery promise: a committed event reaches a connected client within one second. */
    static final Duration SECOND = Duration.ofSeconds(1);

    /** For what has no time promise (a sign-in reply, a resume's catch-up): generous, only bounds a failure. */
    static final Duration WAIT = Duration.ofSeconds(10);

    private static Routing routing;
    /** No agents: its transfers stay queued, so a transfer request writes no event but its own. */
    private static String department;

    @BeforeAll
    static void organization() {
        routing = Routing.newOrganization();
        department = routing.department(Map.of());
    }

    private static String token() {
        return routing.organization().accessToken();
    }

    // ---- /ws/transfers: the envelope, the one-second promise, tenants

    @Test
    void aTransferArrivesWithinOneSecondInTheEnvelope() {
        String name = routing.departmentName(department);
        try (var client = transfersFeed(token())) {
            var placed = routing.request(department, "high", Map.of("context_summary", "Envelope check"));
            long committed = System.nanoTime(); // the 201 comes after the commit
            String transferId = placed.getString("transfer_id");

            var arrived = client.awaitReceived(
                    "transfer_queued of " + transferId, SECOND, event("transfer_queued", "transfer_id", transferId));
            assertWithinASecond(committed, arrived);

            JsonObject envelope = arrived.json();
            assertTrue(envelope.get("id") instanceof JsonString, "the id is a string: " + envelope);
            assertEquals(
                    Routing.number(
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
        try (var client = EventClient.open(
                "ws/transfers?access_token=" + fresh.organization().accessToken())) {
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
        try (var mine = transfersFeed(token());
                var theirs = transfersFeed(other.organization().accessToken())) {
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

    // ---- signing in

    @ParameterizedTest
    @ValueSource(
            strings = {"{\"type\":\"auth\",\"token\":\"%s\"}", "{\"type\":\"auth\",\"payload\":{\"token\":\"%s\"}}"})
    void aFirstAuthMessageSignsIn(String auth) {
        try (var client = EventClient.open("ws/transfers")) {
            client.send(auth.formatted(token()));
            var authenticated = client.await("authenticated", WAIT, type("authenticated"));
            assertEquals(routing.tenantId(), authenticated.getString("tenant_id"));
            client.await("the first counts", WAIT, type("transfer_status"));

            String transferId = routing.request(department);
            client.await("the transfer", SECOND, event("transfer_queued", "transfer_id", transferId));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"query", "message"})
    void aBadTokenIsClosedWith1008AtOnce(String how) {
        for (String bad : List.of("not-a-token", tampered(token()))) {
            long opened = System.nanoTime();
            var client = EventClient.open(how.equals("query") ? "ws/transfers?access_token=" + bad : "ws/transfers");
            try (client) {
                if (how.equals("message")) {
                    client.send("{\"type\":\"auth\",\"token\":\"" + bad + "\"}");
                }
                var reason = client.awaitClose(Duration.ofSeconds(2));
                assertEquals(1008, reason.getCloseCode().getCode(), reason.toString());
                assertTrue(
                        System.nanoTime() - opened < Duration.ofSeconds(2).toNanos(),
                        "closed at once, not at the timeout");
                assertTrue(client.messages(type("authenticated")).isEmpty(), client.describe());
                assertTrue(client.messages(stored()).isEmpty(), client.describe());
            }
        }
    }

    /** The token with one character of its signature changed. */
    private static String tampered(String token) {
        int at = token.lastIndexOf('.') + 10;
        char changed = token.charAt(at) == 'A' ? 'B' : 'A';
        return token.substring(0, at) + changed + token.substring(at + 1);
    }

    @Test
    void withoutATokenTheSocketIsClosedWith1008AfterTheAuthTimeout() {
        long opened = System.nanoTime();
        try (var client = EventClient.open("ws/transfers")) {
            var reason = client.awaitClose(Duration.ofMillis(6_500));
            long after = System.nanoTime() - opened;
            assertEquals(1008, reason.getCloseCode().getCode(), reason.toString());
            assertTrue(after > Duration.ofSeconds(4).toNanos(), "closed only at the 5 s timeout, not after " + after);
            assertTrue(client.received().isEmpty(), client.describe());
        }
    }

    // ---- resuming

    @ParameterizedTest
    @ValueSource(strings = {"query", "auth message"})
    void resumingAfterAnEventIdDeliversEveryMissedEventOnceInOrderThenLiveOnes(String how) {
        long lastId = lastSeenByAClient();
        var missed = new ArrayList<String>();
        for (int i = 0; i < 3; i++) {
            missed.add(routing.request(department));
        }

        var client = how.equals("query")
                ? EventClient.open("ws/transfers?access_token=" + token() + "&since=" + lastId)
                : EventClient.open("ws/transfers");
        try (client) {
            if (!how.equals("query")) {
                client.send("{\"type\":\"auth\",\"token\":\"" + token() + "\",\"since\":\"" + lastId + "\"}");
            }
            client.await("authenticated", WAIT, type("authenticated"));
            for (String transferId : missed) {
                client.await("missed " + transferId, WAIT, event("transfer_queued", "transfer_id", transferId));
            }
            String live = routing.request(department);
            long committed = System.nanoTime();
            var liveEvent =
                    client.awaitReceived("the live transfer", SECOND, event("transfer_queued", "transfer_id", live));
            assertWithinASecond(committed, liveEvent);

            List<Long> received =
                    client.messages(stored()).stream().map(EventClient::id).toList();
            assertEquals(
                    transfersAndAgentsBetween(lastId, id(liveEvent.json())),
                    received,
                    "every event after " + lastId + " once, in delivery order, up to the live one");
        }
    }

    @Test
    void onTheLiveFeedTheMissedEventsFollowTheFirstSubscribe() {
        long lastId = lastSeenByAClient();
        var missed = new ArrayList<String>();
        for (int i = 0; i < 2; i++) {
            missed.add(routing.request(department));
        }
        try (var client = EventClient.open("ws?access_token=" + token() + "&since=" + lastId)) {
            client.await("authenticated", WAIT, type("authenticated"));
            client.send("{\"type\":\"subscribe\",\"channels\":[\"transfers\"]}");
            for (String transferId : missed) {
                client.await("missed " + transferId, WAIT, event("transfer_queued", "transfer_id", transferId));
            }
            assertTrue(
                    client.messages(stored()).stream().allMatch(m -> "transfers".equals(m.getString("channel"))),
                    client.describe());
            String live = routing.request(department);
            client.await("the live transfer", WAIT, event("transfer_queued", "transfer_id", live));
        }
    }

    @Test
    void onTheLiveFeedASinceInTheSubscribeMessageResumes() {
        long lastId = lastSeenByAClient();
        var missed = List.of(routing.request(department), routing.request(department));
        try (var client = EventClient.open("ws?access_token=" + token())) {
            client.await("authenticated", WAIT, type("authenticated"));
            client.send("{\"type\":\"subscribe\",\"channel\":\"transfers\",\"since\":\"" + lastId + "\"}");
            for (String transferId : missed) {
                client.await("missed " + transferId, WAIT, event("transfer_queued", "transfer_id", transferId));
            }
            String live = routing.request(department);
            var liveEvent = client.awaitReceived("the live one", WAIT, event("transfer_queued", "transfer_id", live));
            assertEquals(
                    transfersBetween(lastId, id(liveEvent.json())),
                    client.messages(stored()).stream().map(EventClient::id).toList(),
                    "every transfer event after " + lastId + " once, in delivery order, up to the live one");
        }
    }

    @Test
    void aSubscribeToNoKnownChannelDoesNotStartTheFeedAndLoseTheHistory() {
        long lastId = lastSeenByAClient();
        String missed = routing.request(department);
        try (var client = EventClient.open("ws?access_token=" + token() + "&since=" + lastId)) {
            client.await("authenticated", WAIT, type("authenticated"));
            client.send("{\"type\":\"subscribe\",\"channel\":\"no_such_channel\"}");
            client.await("the error", WAIT, type("error"));
            client.send("{\"type\":\"subscribe\",\"channel\":\"transfers\"}");
            client.await("the missed transfer", WAIT, event("transfer_queued", "transfer_id", missed));
        }
    }

    @Test
    void onTheLiveFeedWhatHappensBetweenSignInAndTheFirstSubscribeIsNotLost() {
        try (var client = EventClient.open("ws?access_token=" + token())) {
            client.await("authenticated", WAIT, type("authenticated"));
            String before = routing.request(department); // committed before the client names a channel
            client.send("{\"type\":\"subscribe\",\"channel\":\"transfers\"}");
            client.await("the earlier transfer", WAIT, event("transfer_queued", "transfer_id", before));
        }
    }

    /** A client sees a transfer and leaves: the id of the last event it got, to resume after. */
    private static long lastSeenByAClient() {
        try (var first = transfersFeed(token())) {
            String seen = routing.request(department);
            first.await("a first transfer", SECOND, event("transfer_queued", "transfer_id", seen));
            return id(last(first.messages(stored())));
        }
    }

    /** The organization's transfer and agent events after one event up to another, in delivery (tx, id) order. */
    private static List<Long> transfersAndAgentsBetween(long afterId, long toId) {
        return eventsBetween(afterId, toId, "transfers,agents");
    }

    /** The organization's transfer events after one event up to another, in delivery (tx, id) order. */
    private static List<Long> transfersBetween(long afterId, long toId) {
        return eventsBetween(afterId, toId, "transfers");
    }

    private static List<Long> eventsBetween(long afterId, long toId, String channels) {
        return Routing.rows(
                        "select id from events where tenant_id = cast(? as uuid)"
                                + " and channel = any(string_to_array(?, ','))"
                                + " and (tx, id) > (select tx, id from events where id = ?)"
                                + " and (tx, id) <= (select tx, id from events where id = ?) order by tx, id",
                        routing.tenantId(),
                        channels,
                        afterId,
                        toId)
                .stream()
                .map(row -> ((Number) row.get("id")).longValue())
                .toList();
    }

    /**
     * The trap of an outbox with a sequence: B draws its transaction id first, A inserts (lower event id) and commits,
     * then B inserts (higher event id, lower transaction id) and commits. A reader that took A and moved its cursor
     * past A's id would never see B. Both must arrive, once each, B first — live and when resuming.
     */
    @Test
    void anEventCommittedLateByAnOlderTransactionIsDeliveredNotSkipped() throws SQLException {
        try (var client = transfersFeed(token());
                Connection a = Routing.connect();
                Connection b = Routing.connect()) {
            String before = routing.request(department);
            long beforeId =
                    id(client.await("a transfer before", SECOND, event("transfer_queued", "transfer_id", before)));
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            long txB = Routing.number(b, "select cast(cast(pg_current_xact_id() as text) as bigint)");
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

            try (var resumed = EventClient.open("ws/transfers?access_token=" + token() + "&since=" + beforeId)) {
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
        var row = Routing.rows(
                        connection,
                        "insert into events (tenant_id, type, channel, payload)"
                                + " values (cast(? as uuid), ?, 'transfers', cast('{}' as json))"
                                + " returning id, cast(cast(tx as text) as bigint) as tx",
                        routing.tenantId(),
                        type)
                .get(0);
        Routing.rows(connection, "select pg_notify('vocelio_events', '')");
        return new long[] {((Number) row.get("id")).longValue(), ((Number) row.get("tx")).longValue()};
    }

    // ---- /ws: channels, filters, queue counts

    @Test
    void theLiveFeedSendsOnlyTheChannelsSubscribedTo() {
        try (var live = liveFeed()) {
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
        try (var byId = liveFeed();
                var byName = liveFeed()) {
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
        try (var live = liveFeed()) {
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

    // ---- the hub: /ws/dashboard, /ws/analytics, /ws/<anything>[/<anything>]

    @Test
    void theDashboardSignsInByPayloadTokenAnswersPingAndHeartbeatAndPushesAgentStatus() {
        String agentDepartment = routing.department(Map.of());
        String agentId = routing.agent(agentDepartment);
        try (var hub = EventClient.open("ws/dashboard")) {
            hub.send("{\"type\":\"auth\",\"payload\":{\"token\":\"" + token() + "\"}}");
            assertEquals(
                    routing.tenantId(),
                    hub.await("authenticated", WAIT, type("authenticated")).getString("tenant_id"));
            var performance = hub.await("performance_update", WAIT, type("performance_update"));
            assertTrue(payload(performance).get("metrics") instanceof JsonObject, performance.toString());
            assertTrue(
                    payload(performance).getJsonObject("channelMetrics").get("voice") instanceof JsonObject,
                    performance.toString());
            assertEquals(0, payload(performance).getJsonArray("trends").size(), performance.toString());

            hub.send("{\"type\":\"ping\"}");
            hub.await("pong", WAIT, type("pong"));
            hub.send("{\"type\":\"heartbeat\"}");
            hub.await("heartbeat", WAIT, type("heartbeat"));

            routing.setStatus(agentId, "on_break");
            long committed = System.nanoTime();
            var arrived = hub.awaitReceived(
                    "agent_status of " + agentId,
                    SECOND,
                    event("agent_status", "agentId", agentId).and(m -> "on_break".equals(text(payload(m), "status"))));
            assertWithinASecond(committed, arrived);
            JsonObject status = arrived.json();
            assertTrue(status.get("id") instanceof JsonString, status.toString());
            assertEquals("agents", status.getString("channel"));
            assertEquals(routing.tenantId(), status.getString("tenant_id"));
            assertEquals("available", payload(status).getString("previous_status"));
            assertEquals("unavailable", payload(status).getString("availability"));
            assertEquals(agentDepartment, payload(status).getString("department_id"));
            assertEquals(payload(status), status.getJsonObject("data"));
            assertTrue(hub.messages(type("transfer_queued")).isEmpty(), "the hub carries no transfer events");
        }
    }

    @Test
    void theHubSocketAsThePortalOpensItStaysOpenWithoutATokenAndReceivesNothing() {
        String agentId = routing.agent(routing.department(Map.of()));
        try (var hub = EventClient.open("ws/dashboard")) {
            // contract §7.3: the portal's first message carries no token, then pings every 30 s
            hub.send("{\"type\":\"auth\",\"payload\":{\"sessionId\":null,\"timestamp\":\"2026-12-02T10:00:00Z\"}}");
            Routing.pause(Duration.ofMillis(6_500)); // past the sign-in timeout of the other sockets
            assertTrue(hub.isOpen(), hub.describe());
            hub.send("{\"type\":\"ping\",\"payload\":{\"timestamp\":\"2026-12-02T10:00:30Z\"},\"sessionId\":null}");
            hub.await("pong", WAIT, type("pong"));
            routing.setStatus(agentId, "on_break");
            Routing.pause(Duration.ofMillis(500));
            assertTrue(
                    hub.messages(m -> !"pong".equals(text(m, "type")) && !"error".equals(text(m, "type")))
                            .isEmpty(),
                    hub.describe());
        }
    }

    @Test
    void everyHubPathPushesAgentStatus() {
        String agentDepartment = routing.department(Map.of());
        String agentId = routing.agent(agentDepartment);
        var paths = List.of("ws/analytics", "ws/session-" + Routing.unique("s"), "ws/dashboard/" + Routing.unique("s"));
        var hubs = new ArrayList<EventClient>();
        try {
            for (String path : paths) {
                hubs.add(hubFeed(path));
            }
            routing.setStatus(agentId, "offline");
            for (var hub : hubs) {
                hub.await(
                        "agent_status",
                        SECOND,
                        event("agent_status", "agentId", agentId)
                                .and(m -> "offline".equals(text(payload(m), "status"))));
                hub.send("{\"type\":\"ping\"}");
                hub.await("pong", WAIT, type("pong"));
            }
        } finally {
            hubs.forEach(EventClient::close);
        }
    }

    // ---- a client that stops reading

    @Test
    void aStalledClientDoesNotDelayOthers() throws IOException, SQLException {
        String busy = routing.department(Map.of());
        String summary = "s".repeat(2000);
        try (var stalled = stalledSocket("/ws/transfers?access_token=" + token());
                var client = transfersFeed(token())) {
            // The server's socket buffer (Linux grows it up to 4 MB) would take 50 transfers (~250 KB) whole: first
            // send 8 MB more than anyone reads, so that the server's own sends to the stalled client wait.
            routing.fillEvents("transfers", 160, 25_000);
            client.awaitCount("the filler", WAIT, type("test_filler"), 160);

            long worst = 0;
            for (int i = 0; i < 50; i++) {
                String transferId = routing.request(busy, "low", Map.of("context_summary", summary))
                        .getString("transfer_id");
                long committed = System.nanoTime();
                var arrived = client.awaitReceived(
                        "transfer " + i + " of 50", SECOND, event("transfer_queued", "transfer_id", transferId));
                assertWithinASecond(committed, arrived);
                assertEquals(summary, payload(arrived.json()).getString("context_summary"));
                worst = Math.max(worst, arrived.nanos() - committed);
            }
            System.out.printf(
                    "Stalled client test: slowest delivery %d ms; stalled connection %s%n",
                    worst / 1_000_000, HandSocket.queues(stalled));
            assertTrue(HandSocket.queues(stalled).unsentAtServer() > 0, "the client did not stall");
            assertTrue(client.isOpen());
        }
    }

    // ---- the bytes on the wire

    @Test
    void eventsGoOutAsReadyMadeTextFramesWhoseLengthsCountUtf8Bytes() throws IOException {
        String summary = "Zoë wants café ☎ — " + "ü".repeat(200); // over 125 bytes: the 16-bit length form
        try (var socket = HandSocket.webSocket("/ws/transfers?access_token=" + token(), 65_536)) {
            var in = socket.getInputStream();
            while (!readTextFrame(in).contains("\"transfer_status\"")) {
                // signed in; the first counts follow the feed's start
            }

            String transferId = routing.request(department, "low", Map.of("context_summary", summary))
                    .getString("transfer_id");
            String text;
            do {
                text = readTextFrame(in);
            } while (!text.contains(transferId));

            var json = Json.createReader(new StringReader(text)).readObject();
            assertEquals("transfer_queued", json.getString("type"));
            assertEquals(summary, payload(json).getString("context_summary"));
        }
        // the frames above were written by Vocelio's raw path, not re-encoded per socket by Tyrus
        assertTrue(
                Files.readString(Path.of(System.getProperty("vocelio.it.work", "target/it"), "payara.log"))
                        .contains("WebSocket messages are written as ready-made frames"),
                "the raw frame writer is not in use");
    }

    /** One server frame (RFC 6455 §5.2), which must be an unmasked, unfragmented text frame; returns its text. */
    private static String readTextFrame(InputStream in) throws IOException {
        var data = new DataInputStream(in);
        int first = data.readUnsignedByte();
        assertEquals(0x81, first, "FIN and the text opcode");
        int second = data.readUnsignedByte();
        assertEquals(0, second & 0x80, "a server frame is not masked");
        long length = second & 0x7F;
        if (length == 126) {
            length = data.readUnsignedShort();
        } else if (length == 127) {
            length = data.readLong();
        }
        byte[] payload = new byte[Math.toIntExact(length)];
        data.readFully(payload);
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** A WebSocket signed in by hand, with a tiny receive buffer, whose socket is then never read. */
    private static Socket stalledSocket(String pathAndQuery) throws IOException {
        return HandSocket.webSocket(pathAndQuery, 1024);
    }

    // ---- helpers

    private static void assertWithinASecond(long committed, EventClient.Received arrived) {
        long took = arrived.nanos() - committed;
        assertTrue(took <= SECOND.toNanos(), "arrived " + took / 1_000_000 + " ms after the commit: " + arrived.text());
    }

    /** /ws/transfers signed in by query parameter, its feed running (the first counts arrive after it starts). */
    static EventClient transfersFeed(String accessToken) {
        return transfersFeedOn(TestServer.get().baseUri(), accessToken);
    }

    /** As {@link #transfersFeed}, on the node at {@code base}. */
    static EventClient transfersFeedOn(URI base, String accessToken) {
        var client = EventClient.signedIn(base, "ws/transfers", accessToken);
        client.await("the first transfer_status", WAIT, type("transfer_status"));
        return client;
    }

    /** A hub socket signed in by query parameter, its feed running (the first performance_update follows it). */
    private static EventClient hubFeed(String path) {
        var client = EventClient.signedIn(path, token());
        client.await("the first performance_update", WAIT, type("performance_update"));
        return client;
    }

    /**
     * /ws signed in by query parameter. It sends nothing until subscribed, so nothing tells when its feed runs: it
     * resumes after the organization's latest event, and nothing committed after connecting can be missed.
     */
    private static EventClient liveFeed() {
        long latest =
                Routing.number("select max(id) from events where tenant_id = cast(? as uuid)", routing.tenantId());
        return EventClient.signedIn("ws?since=" + latest, token());
    }

    private static void subscribe(EventClient client, String message, String channel) {
        client.send(message);
        client.await("subscribed " + channel, WAIT, type("subscribed").and(m -> channel.equals(text(m, "channel"))));
    }

    private static <T> T last(List<T> list) {
        assertFalse(list.isEmpty());
        return list.get(list.size() - 1);
    }
}
