package com.vocelio.live;

import static com.vocelio.testing.EventClient.text;
import static com.vocelio.testing.Feeds.SECOND;
import static com.vocelio.testing.Feeds.WAIT;
import static com.vocelio.testing.Feeds.assertWithinASecond;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.testing.Database;
import com.vocelio.testing.EventClient;
import com.vocelio.testing.HandSocket;
import com.vocelio.testing.Routing;
import com.vocelio.testing.SseStream;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The call streams (server-sent events) from the outside, read by a real HTTP client as they are flushed: one call's
 * stream and the live-calls stream in the portal's shapes, who may open them, and resuming after
 * {@code Last-Event-ID} (or {@code since}) without losing or repeating anything.
 */
class CallStreamsIT {

    /** Signing in or opening does a few milliseconds of work; three seconds leave room for a busy machine. */
    static final Duration SIGN_IN = Duration.ofSeconds(3);

    private static final Routing routing = Routing.newOrganization();

    @Test
    void aCallsStreamOpensWithItsStatusThenCarriesOnlyItsEventsUnderThePortalsNames() {
        String department = routing.department(Map.of("wrap_up_seconds", 0));
        var placed = routing.request(department, "high", Map.of());
        String callId = placed.getString("transfer.call_id");
        String transferId = placed.getString("transfer_id");
        var other = routing.request(department, "low", Map.of()); // another call: never on this stream
        String otherCall = other.getString("transfer.call_id");

        try (var stream = SseStream.open("api/calls/" + callId + "/events?access_token=" + routing.token())) {
            var opening = stream.awaitCount("the opening", WAIT, event -> true, 2);
            assertEquals("connected", type(opening.get(0)));
            assertEquals(callId, text(opening.get(0).data(), "call_id"));
            assertNull(opening.get(0).id(), "nothing to resume from");
            var status = opening.get(1);
            assertEquals("call_status_update", type(status));
            assertEquals(callId, text(status.data(), "call_id"));
            assertEquals("transferring", text(status.data(), "status"));
            assertTrue(status.data().getInt("duration") >= 0);

            // an agent arrives: the transfer is offered (by the sweep or at once), accepted, connected, completed
            routing.agent(department);
            assertEquals(
                    transferId,
                    stream.await("transfer_offered", WAIT, SseStream.type("transfer_offered"))
                            .data()
                            .getString("transfer_id"));
            routing.move(transferId, "accept").then().statusCode(200);
            long accepted = System.nanoTime();
            var connected = stream.await(
                    "call_status_update: connected",
                    SECOND,
                    SseStream.type("call_status_update").and(e -> "connected".equals(text(e.data(), "status"))));
            assertWithinASecond(accepted, connected);
            stream.await("transfer_accepted", SECOND, SseStream.type("transfer_accepted"));
            stream.await("transfer_connected", SECOND, SseStream.type("transfer_connected"));

            routing.move(transferId, "complete").then().statusCode(200);
            long completed = System.nanoTime();
            var ended = stream.await("call_ended", SECOND, SseStream.type("call_ended"));
            assertWithinASecond(completed, ended);
            assertEquals("completed", text(ended.data(), "status"));
            assertEquals(
                    ended.data().getJsonNumber("duration").longValue(),
                    ended.data().getJsonNumber("total_duration").longValue());
            var done = stream.await("transfer_completed", SECOND, SseStream.type("transfer_completed"));
            assertEquals(transferId, done.data().getString("transfer_id"));

            // the agent is free again and is offered the other call: a later event, not for this stream
            routing.awaitOffer(other.getString("transfer_id"));
            Routing.pause(Duration.ofMillis(500));
            var live = stream.events().subList(2, stream.events().size());
            for (var event : live) {
                assertNotNull(event.id(), "stored events carry their id: " + event.data());
                assertEquals(callId, text(event.data(), "call_id"), "only this call's events: " + stream.describe());
                Long.parseLong(event.id());
            }
            assertTrue(
                    stream.events().stream().noneMatch(e -> e.data().toString().contains(otherCall)),
                    stream.describe());
            assertEquals(
                    live.size(),
                    live.stream().map(SseStream.Event::id).distinct().count(),
                    "none twice");
        }
    }

    @Test
    void anAbandonedTransferIsReportedAsFailedWithItsReasonAndTheCallEnds() {
        String department = routing.department(Map.of());
        var placed = routing.request(department, "medium", Map.of());
        String callId = placed.getString("transfer.call_id");
        try (var stream =
                SseStream.open("api/calls/" + callId + "/events", "Authorization", "Bearer " + routing.token())) {
            stream.awaitCount("the opening", WAIT, event -> true, 2);
            routing.admin()
                    .post("/transfer/" + placed.getString("transfer_id") + "/cancel?reason=caller_hung_up_early")
                    .then()
                    .statusCode(200);
            long cancelled = System.nanoTime();
            var failed = stream.await("transfer_failed", SECOND, SseStream.type("transfer_failed"));
            assertWithinASecond(cancelled, failed);
            assertEquals("caller_hung_up_early", text(failed.data(), "error_message"));
            assertEquals("abandoned", text(failed.data(), "status"));
            var ended = stream.await("call_ended", SECOND, SseStream.type("call_ended"));
            assertEquals("abandoned", text(ended.data(), "status"));
            assertTrue(ended.data().getJsonNumber("total_duration").longValue() >= 0);
        }
    }

    @Test
    void theActiveCallsStreamListsTheLiveCallsThenSendsCallUpdates() {
        var own = Routing.newOrganization(); // its live calls are exactly the ones made here
        String department = own.department(Map.of());
        var first = own.request(department, "medium", Map.of());
        String firstCall = first.getString("transfer.call_id");

        try (var stream = SseStream.open("api/calls/active/events", "Authorization", "Bearer " + own.token())) {
            var opening = stream.awaitCount("the opening", WAIT, event -> true, 2);
            assertEquals("connected", type(opening.get(0)));
            var list = opening.get(1);
            assertEquals("active_calls_update", type(list));
            var calls = list.data().getJsonArray("active_calls");
            assertEquals(1, calls.size(), list.data().toString());
            JsonObject call = calls.getJsonObject(0);
            assertEquals(firstCall, call.getString("call_id"));
            assertEquals("transferring", call.getString("status"));

            String secondCall = own.request(department, "medium", Map.of()).getString("transfer.call_id");
            long requested = System.nanoTime();
            var started = stream.await("call_update of the new call", SECOND, update(secondCall, "call_started"));
            assertWithinASecond(requested, started);
            assertNotNull(started.id());
            JsonObject updates = started.data().getJsonObject("updates");
            assertEquals(secondCall, updates.getString("call_id"));
            assertEquals("live", updates.getString("state"));
            var transferring = stream.await("call_status_changed", SECOND, update(secondCall, "call_status_changed"));
            assertEquals(
                    "transferring", transferring.data().getJsonObject("updates").getString("status"));

            own.admin()
                    .post("/transfer/" + first.getString("transfer_id") + "/cancel")
                    .then()
                    .statusCode(200);
            long cancelled = System.nanoTime();
            var ended = stream.await("the first call ended", SECOND, update(firstCall, "call_ended"));
            assertWithinASecond(cancelled, ended);
            assertEquals("abandoned", ended.data().getJsonObject("updates").getString("status"));
            assertEquals("ended", ended.data().getJsonObject("updates").getString("state"));

            assertTrue(
                    stream.events().stream().skip(2).allMatch(SseStream.type("call_update")),
                    "only call updates (no transfer events): " + stream.describe());
        }
    }

    /**
     * A client builds its live-call list from the opening {@code active_calls_update} and the {@code call_update}s
     * after it: together they must cover every call, also one that starts while the stream opens. Streams are opened
     * one after another while calls keep starting; afterwards every stream must know every call.
     */
    @Test
    void theOpeningListAndTheUpdatesAfterItTogetherMissNoCall() throws InterruptedException {
        var own = Routing.newOrganization();
        String department = own.department(Map.of());
        String auth = "Bearer " + own.token();
        var running = new AtomicBoolean(true);
        var caller = new Thread(() -> {
            while (running.get()) {
                own.send("/transfer/request", Map.of("call_id", Routing.callId(), "target_department", department));
            }
        });
        var streams = new ArrayList<SseStream>();
        try {
            caller.start();
            for (int i = 0; i < 40; i++) {
                var stream = SseStream.open("api/calls/active/events", "Authorization", auth);
                streams.add(stream);
                stream.awaitCount("the opening", WAIT, event -> true, 2);
                Routing.pause(Duration.ofMillis(7));
            }
            running.set(false);
            caller.join();
            var calls =
                    Database.rows("select call_id from calls where tenant_id = cast(? as uuid)", own.tenantId())
                            .stream()
                            .map(row -> (String) row.get("call_id"))
                            .collect(Collectors.toSet());
            // the last calls' updates reach every stream: wait for that rather than for a fixed time; a call a stream
            // missed for good is still missing when the wait is over
            long deadline = System.nanoTime() + WAIT.toNanos();
            var problems = unheardOf(streams, calls);
            while (!problems.isEmpty() && System.nanoTime() < deadline) {
                Routing.pause(Duration.ofMillis(100));
                problems = unheardOf(streams, calls);
            }
            assertEquals(
                    List.of(), problems, calls.size() + " calls started while " + streams.size() + " streams opened");
        } finally {
            running.set(false);
            caller.join();
            streams.forEach(SseStream::close);
        }
    }

    /** For each stream that has not heard of every call (in its opening list or an update after it), which ones. */
    private static List<String> unheardOf(List<SseStream> streams, Set<String> calls) {
        var problems = new ArrayList<String>();
        for (int i = 0; i < streams.size(); i++) {
            var events = streams.get(i).events();
            var known = new HashSet<String>();
            events.get(1).data().getJsonArray("active_calls").getValuesAs(JsonObject.class).stream()
                    .map(call -> call.getString("call_id"))
                    .forEach(known::add);
            events.stream()
                    .filter(SseStream.type("call_update"))
                    .map(e -> text(e.data(), "call_id"))
                    .forEach(known::add);
            var missing = new HashSet<>(calls);
            missing.removeAll(known);
            if (!missing.isEmpty()) {
                problems.add("stream " + i + " never heard of " + missing);
            }
        }
        return problems;
    }

    /**
     * A stream whose client stops reading blocks the thread writing to it (Jersey's server-sent events write
     * blocking, up to the connection's write timeout). It must hold up nobody else: not the other streams, not a
     * socket signing in, not a stream opening.
     */
    @Test
    void aStreamThatIsNotReadHoldsUpNeitherOtherStreamsNorSocketsSigningIn() throws IOException {
        var own = Routing.newOrganization(); // its fillers reach no other test's streams
        String token = own.token();
        String path = "api/calls/active/events?access_token=" + token;
        try (var stalled = HandSocket.eventStream("/" + path, 1024);
                var reader = SseStream.open(path)) {
            reader.awaitCount("the opening", WAIT, event -> true, 2);
            // 10 MB, more than TCP buffers hold (Linux grows a send buffer to 4 MB): writes to the stalled client wait
            own.fillEvents("live_call", 400, 25_000);
            reader.awaitCount("the filler", WAIT, event -> "test_filler".equals(text(event.data(), "event")), 400);
            var queues = HandSocket.queues(stalled);
            System.out.printf("Stalled stream test: stalled connection %s%n", queues);
            assertTrue(queues.unsentAtServer() > 0, "the stream did not stall: " + queues);

            try (var socket = EventClient.open("ws/transfers?access_token=" + token)) {
                socket.await("authenticated", SIGN_IN, EventClient.type("authenticated"));
            }
            try (var another = SseStream.open(path)) {
                another.await("connected", SIGN_IN, SseStream.type("connected"));
            }
            assertTrue(stalled.isConnected());
        }
    }

    private static Predicate<SseStream.Event> update(String callId, String event) {
        return SseStream.type("call_update")
                .and(e -> callId.equals(text(e.data(), "call_id")) && event.equals(text(e.data(), "event")));
    }

    // ---- who may open a stream

    @ParameterizedTest
    @ValueSource(strings = {"none", "bad query parameter", "bad header"})
    void withoutAValidTokenAStreamIs401Json(String how) {
        String callId =
                routing.request(routing.department(Map.of()), "low", Map.of()).getString("transfer.call_id");
        for (String path : List.of("api/calls/" + callId + "/events", "api/calls/active/events")) {
            var response =
                    switch (how) {
                        case "none" -> SseStream.get(path);
                        case "bad query parameter" -> SseStream.get(path + "?access_token=not-a-token");
                        default -> SseStream.get(path, "Authorization", "Bearer not-a-token");
                    };
            var body = json(response);
            assertEquals(401, response.statusCode(), body.toString());
            assertTrue(contentType(response).startsWith("application/json"), contentType(response));
            assertEquals("unauthenticated", text(body, "code"));
        }
    }

    @Test
    void anUnknownCallIs404JsonAndSoIsAnotherOrganizationsCall() {
        var other = Routing.newOrganization();
        String theirCall =
                other.request(other.department(Map.of()), "low", Map.of()).getString("transfer.call_id");
        for (String callId : List.of("call_never_heard_of", theirCall)) {
            var response = SseStream.get("api/calls/" + callId + "/events?access_token=" + routing.token());
            var body = json(response);
            assertEquals(404, response.statusCode(), body.toString());
            assertTrue(contentType(response).startsWith("application/json"), contentType(response));
            assertEquals("call_not_found", text(body, "code"));
        }
    }

    // ---- resuming

    @ParameterizedTest
    @ValueSource(strings = {"Last-Event-ID", "since"})
    void aCallsStreamResumedAfterAnEventReplaysTheRestInOrderUnderThePortalsNames(String how) {
        var placed = routing.request(routing.department(Map.of()), "medium", Map.of());
        String callId = placed.getString("transfer.call_id");
        var stored = eventsOfCall(callId);
        assertEquals("call_started", stored.get(0).type(), stored.toString());
        long since = stored.get(0).id();

        String path = "api/calls/" + callId + "/events?access_token=" + routing.token();
        try (var stream = how.equals("since")
                ? SseStream.open(path + "&since=" + since)
                : SseStream.open(path, "Last-Event-ID", Long.toString(since))) {
            stream.await("the replayed transfer_initiated", WAIT, SseStream.type("transfer_initiated"));
            routing.admin()
                    .post("/transfer/" + placed.getString("transfer_id") + "/cancel")
                    .then()
                    .statusCode(200);
            long cancelled = System.nanoTime();
            assertWithinASecond(cancelled, stream.await("transfer_failed", SECOND, SseStream.type("transfer_failed")));
            stream.await("call_ended", SECOND, SseStream.type("call_ended"));

            var expected = eventsOfCall(callId).stream()
                    .filter(e -> e.id() != since)
                    .map(e -> e.id() + " " + portalName(e.type()))
                    .toList();
            var received = stream.events().stream()
                    .filter(e -> e.id() != null)
                    .map(e -> e.id() + " " + type(e))
                    .toList();
            assertEquals(expected, received, "after " + since + ": the rest once each, in delivery order");
        }
    }

    @Test
    void theActiveCallsStreamReconnectedWithLastEventIdGetsWhatItMissedOnceThenLiveUpdates() {
        var own = Routing.newOrganization();
        String department = own.department(Map.of());
        String auth = "Bearer " + own.token();
        String lastId;
        try (var first = SseStream.open("api/calls/active/events", "Authorization", auth)) {
            first.awaitCount("the opening", WAIT, event -> true, 2);
            String seen = own.request(department, "medium", Map.of()).getString("transfer.call_id");
            first.await("a call update", SECOND, update(seen, "call_status_changed"));
            var withIds = first.events().stream().filter(e -> e.id() != null).toList();
            lastId = withIds.get(withIds.size() - 1).id();
        }
        var missed = new ArrayList<String>();
        for (int i = 0; i < 2; i++) {
            missed.add(own.request(department, "medium", Map.of()).getString("transfer.call_id"));
        }
        try (var again = SseStream.open("api/calls/active/events", "Authorization", auth, "Last-Event-ID", lastId)) {
            for (String call : missed) {
                again.await("missed " + call, WAIT, update(call, "call_status_changed"));
            }
            String live = own.request(department, "medium", Map.of()).getString("transfer.call_id");
            long requested = System.nanoTime();
            assertWithinASecond(requested, again.await("the live call", SECOND, update(live, "call_status_changed")));

            var received = again.events().stream()
                    .filter(e -> e.id() != null)
                    .map(SseStream.Event::id)
                    .toList();
            var expected = Database.rows(
                            "select cast(id as text) as id from events where tenant_id = cast(? as uuid)"
                                    + " and channel = 'live_call' and (tx, id) > (select tx, id from events where id = ?)"
                                    + " order by tx, id",
                            own.tenantId(),
                            Long.parseLong(lastId))
                    .stream()
                    .map(row -> (String) row.get("id"))
                    .toList();
            assertEquals(expected, received, "missed ones once each in delivery order, then the live one");
            assertEquals(6, received.size(), again.describe());
        }
    }

    // ---- helpers

    record Stored(long id, String type) {}

    /** The stored events about a call, in delivery order. */
    private static List<Stored> eventsOfCall(String callId) {
        return Database.rows(
                        "select id, type from events where tenant_id = cast(? as uuid) and payload ->> 'call_id' = ?"
                                + " order by tx, id",
                        routing.tenantId(),
                        callId)
                .stream()
                .map(row -> new Stored(((Number) row.get("id")).longValue(), (String) row.get("type")))
                .toList();
    }

    private static String portalName(String type) {
        return switch (type) {
            case "call_started", "call_status_changed" -> "call_status_update";
            case "transfer_queued" -> "transfer_initiated";
            case "transfer_abandoned" -> "transfer_failed";
            default -> type;
        };
    }

    private static String type(SseStream.Event event) {
        return text(event.data(), "type");
    }

    private static String contentType(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    private static JsonObject json(HttpResponse<Stream<String>> response) {
        String body;
        try (var lines = response.body()) {
            body = lines.collect(Collectors.joining("\n"));
        }
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            return Json.createObjectBuilder().add("unparsable", body).build();
        }
    }
}
