package com.vocelio.transfer;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.testing.Database;
import com.vocelio.testing.Http;
import com.vocelio.testing.Routing;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * A transfer request may arrive many times (retries, double clicks, an AI agent's at-least-once delivery): the same
 * {@code Idempotency-Key}, or the same call while its transfer is open, gives the same transfer — 201 once, 200 after
 * — however many arrive at once. A full queue refuses new transfers with 409 {@code queue_full}.
 */
class IdempotencyIT {

    private static final int DUPLICATES = 50;

    private static final Routing routing = Routing.newOrganization();

    private static Map<String, Object> body(String callId, String department) {
        var body = new LinkedHashMap<String, Object>();
        body.put("call_id", callId);
        body.put("target_department", department);
        body.put("transfer_type", "warm");
        body.put("urgency_level", "high");
        body.put("context_summary", "Duplicate-prone request");
        return body;
    }

    private static void assertOneTransfer(List<Routing.Reply> replies) {
        var statuses = replies.stream().map(Routing.Reply::status).toList();
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), "one 201: " + statuses);
        assertEquals(DUPLICATES - 1, statuses.stream().filter(s -> s == 200).count(), "the rest 200: " + statuses);
        var ids = new HashSet<String>();
        replies.forEach(r -> ids.add(r.body().getString("transfer_id")));
        assertEquals(1, ids.size(), "one transfer_id: " + ids);
        long created =
                replies.stream().filter(r -> r.body().getBoolean("created")).count();
        assertEquals(1, created);
    }

    @Test
    void fiftyConcurrentRequestsWithOneIdempotencyKeyMakeOneTransfer() throws Exception {
        String department = routing.department(Map.of());
        String callId = Routing.callId();
        String key = Routing.unique("key");
        var requests = new ArrayList<Callable<Routing.Reply>>();
        for (int i = 0; i < DUPLICATES; i++) {
            // the portal's path and the seed's: one key, one transfer
            String path = i % 2 == 0 ? "/transfer/request" : "/api/calls/transfer";
            requests.add(() -> routing.send(path, body(callId, department), "Idempotency-Key", key));
        }
        var replies = Http.atOnce(requests);
        assertOneTransfer(replies);
        assertEquals(1, routing.transfersOfCall(callId));
        assertEquals(
                1,
                Database.number(
                        "select count(*) from transfers where tenant_id = cast(? as uuid) and idempotency_key = ?",
                        routing.tenantId(),
                        key));
    }

    @Test
    void fiftyConcurrentRequestsForOneCallWithoutAKeyMakeOneTransfer() throws Exception {
        String department = routing.department(Map.of());
        routing.agent(department);
        String callId = Routing.callId();
        var requests = new ArrayList<Callable<Routing.Reply>>();
        for (int i = 0; i < DUPLICATES; i++) {
            requests.add(() -> routing.send("/transfer/request", body(callId, department)));
        }
        var replies = Http.atOnce(requests);
        assertOneTransfer(replies);
        assertEquals(1, routing.transfersOfCall(callId));
        assertEquals(
                1,
                Database.number(
                        "select count(*) from calls where tenant_id = cast(? as uuid) and call_id = ?",
                        routing.tenantId(),
                        callId));
        assertTrue(Database.rows(Routing.OVER_CAPACITY, routing.tenantId()).isEmpty());
    }

    @Test
    void aKeyReusedForADifferentRequestIs422AndTheSameRequestSpelledOtherwiseIsARepeat() {
        String department = routing.department(Map.of());
        String callId = Routing.callId();
        String key = Routing.unique("key");
        var first = routing.send("/transfer/request", body(callId, department), "Idempotency-Key", key);
        assertEquals(201, first.status());

        var other = new LinkedHashMap<>(body(callId, department));
        other.put("urgency_level", "low");
        var reused = routing.send("/transfer/request", other, "Idempotency-Key", key);
        assertEquals(422, reused.status(), reused.body().prettify());
        assertEquals(false, reused.body().getBoolean("success"));
        assertEquals("idempotency_key_reused", reused.body().getString("code"));
        var otherCall = routing.send("/api/calls/transfer", body(Routing.callId(), department), "Idempotency-Key", key);
        assertEquals(422, otherCall.status(), otherCall.body().prettify());

        // the same request in the other spellings the clients use is a repeat, not a reuse
        var respelled = new LinkedHashMap<String, Object>();
        respelled.put("call_id", callId);
        respelled.put("department", department);
        respelled.put("transfer_type", "warm");
        respelled.put("urgency_level", "high");
        respelled.put("context", "Duplicate-prone request");
        var repeat = routing.send("/api/calls/transfer", respelled, "Idempotency-Key", key);
        assertEquals(200, repeat.status(), repeat.body().prettify());
        assertEquals(first.body().getString("transfer_id"), repeat.body().getString("transfer_id"));
        assertEquals(1, routing.transfersOfCall(callId));
    }

    @Test
    void aRepeatedKeyAnswersTheSameTransferWhereverItHasGone() {
        String department = routing.department(Map.of("wrap_up_seconds", 0));
        routing.agent(department);
        String callId = Routing.callId();
        String key = Routing.unique("key");
        String id = routing.admin()
                .header("Idempotency-Key", key)
                .body(body(callId, department))
                .post("/transfer/request")
                .then()
                .statusCode(201)
                .body("created", equalTo(true))
                .body("status", equalTo("offered"))
                .extract()
                .path("transfer_id");
        routing.move(id, "accept").then().statusCode(200);
        routing.admin()
                .header("Idempotency-Key", key)
                .body(body(callId, department))
                .post("/api/calls/transfer")
                .then()
                .statusCode(200)
                .body("created", equalTo(false))
                .body("transfer_id", equalTo(id))
                .body("status", equalTo("connected"));
        routing.move(id, "complete").then().statusCode(200);
        // even once the call is over, the key still names the transfer it made
        routing.admin()
                .header("Idempotency-Key", key)
                .body(body(callId, department))
                .post("/transfer/request")
                .then()
                .statusCode(200)
                .body("transfer_id", equalTo(id))
                .body("status", equalTo("completed"));
        assertEquals(1, routing.transfersOfCall(callId));
    }

    @Test
    void aRepeatForACallWhoseTransferIsOpenAnswers200WithIt() {
        String department = routing.department(Map.of());
        String callId = Routing.callId();
        String id = routing.post(body(callId, department))
                .then()
                .statusCode(201)
                .extract()
                .path("transfer_id");
        routing.post(body(callId, department))
                .then()
                .statusCode(200)
                .body("transfer_id", equalTo(id))
                .body("created", equalTo(false))
                .body("queue_position", equalTo(1));
        assertEquals(1, routing.transfersOfCall(callId));
    }

    @Test
    void oneKeySentWithDifferentCallsAtOnceIsNeverA500() throws Exception {
        String department = routing.department(Map.of("max_queue_length", 1000));
        for (int round = 0; round < 3; round++) { // a race: three rounds make it show every time
            String key = Routing.unique("key");
            var requests = new ArrayList<Callable<Routing.Reply>>();
            for (int i = 0; i < 20; i++) {
                String callId = Routing.callId();
                requests.add(() -> routing.send("/transfer/request", body(callId, department), "Idempotency-Key", key));
            }
            var statuses =
                    Http.atOnce(requests).stream().map(Routing.Reply::status).toList();
            assertTrue(statuses.stream().allMatch(s -> s < 500), "no 5xx: " + statuses);
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), "one 201: " + statuses);
            assertEquals(
                    1,
                    Database.number(
                            "select count(*) from transfers where tenant_id = cast(? as uuid) and idempotency_key = ?",
                            routing.tenantId(),
                            key));
        }
    }

    @Test
    void aKeyReusedForAnotherCallLeavesNoPhantomLiveCall() {
        String department = routing.department(Map.of());
        String key = Routing.unique("key");
        String first = Routing.callId();
        String other = Routing.callId();
        routing.admin()
                .header("Idempotency-Key", key)
                .body(body(first, department))
                .post("/transfer/request")
                .then()
                .statusCode(201);
        int status = routing.admin()
                .header("Idempotency-Key", key)
                .body(body(other, department))
                .post("/transfer/request")
                .statusCode();
        assertTrue(status < 500, "no 5xx: " + status);
        // either the other call got nothing (and is not recorded) or it has a transfer of its own
        var live = routing.admin()
                .get("/api/calls/active")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("active_calls.call_id", String.class);
        if (live.contains(other)) {
            routing.admin()
                    .get("/call/" + other + "/transfer-history")
                    .then()
                    .statusCode(200)
                    .body("transfer_history.size()", greaterThan(0));
        }
    }

    @Test
    void aFullQueueRefusesNewTransfersWith409QueueFull() {
        String department = routing.department(Map.of("max_queue_length", 2));
        String name = routing.departmentName(department);
        String firstCall = Routing.callId();
        String first = routing.post(body(firstCall, department))
                .then()
                .statusCode(201)
                .extract()
                .path("transfer_id");
        routing.request(department);

        String refusedCall = Routing.callId();
        routing.post(body(refusedCall, department))
                .then()
                .statusCode(409)
                .body("success", equalTo(false))
                .body("code", equalTo("queue_full"))
                .body("error", containsString(name));
        routing.admin()
                .body(body(Routing.callId(), department))
                .post("/api/calls/transfer")
                .then()
                .statusCode(409)
                .body("code", equalTo("queue_full"));
        // nothing of the refused request remains: no transfer, no call
        assertEquals(0, routing.transfersOfCall(refusedCall));
        routing.admin().get("/call/" + refusedCall + "/transfer-history").then().statusCode(404);
        // a repeat of a call already waiting is not a new transfer: still answered
        routing.post(body(firstCall, department)).then().statusCode(200).body("transfer_id", equalTo(first));

        routing.move(first, "cancel").then().statusCode(200);
        routing.post(body(refusedCall, department)).then().statusCode(201);
        assertEquals(2, routing.queue(department).size());
    }
}
