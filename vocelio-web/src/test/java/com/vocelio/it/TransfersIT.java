package com.vocelio.it;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.isA;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The transfer surface over HTTP, in every spelling the clients use: the portal's {@code POST /api/calls/transfer}
 * (C6) and active calls (C5), the seed's {@code /transfer/request}, {@code /transfer/{id}} and its moves, the transfer
 * history on both paths, the department queue and {@code /queue/status}; the state machine's legal and illegal moves;
 * and bad input on every endpoint. One organization for the class, one department per test.
 */
class TransfersIT {

    private static Routing routing;

    @BeforeAll
    static void anOrganizationOfItsOwn() {
        routing = Routing.newOrganization();
    }

    /** A department nobody staffs: whatever is sent there waits in its queue. */
    private static String unstaffed() {
        return routing.department(Map.of("wrap_up_seconds", 0));
    }

    @Test
    void portalBodyC6Gives201WithTheTransferAndItsPlaceInTheQueue() {
        String department = unstaffed();
        String name = routing.departmentName(department);
        String callId = Routing.callId();
        var body = new LinkedHashMap<String, Object>();
        body.put("call_id", callId);
        body.put("target_department", department);
        body.put("transfer_type", "warm");
        body.put("transfer_reason", "dashboard_transfer");
        body.put("urgency_level", "medium");
        body.put("context_summary", "Live monitor transfer for call " + callId + " from +15557654321");
        routing.admin()
                .body(body)
                .post("/api/calls/transfer")
                .then()
                .statusCode(201)
                .body("success", equalTo(true))
                .body("transfer_id", isA(String.class))
                .body("transfer_id", startsWith("transfer_"))
                .body("status", equalTo("queued"))
                .body("target_department", equalTo(name))
                .body("estimated_wait_time", isA(Integer.class))
                .body("estimated_wait_time", greaterThan(0))
                .body("queue_position", equalTo(1))
                .body("transfer.transfer_id", isA(String.class))
                .body("transfer.call_id", equalTo(callId))
                .body("transfer.status", equalTo("queued"))
                .body("transfer.transfer_type", equalTo("warm"))
                .body("transfer.transfer_reason", equalTo("dashboard_transfer"))
                .body("transfer.urgency_level", equalTo("medium"))
                .body("transfer.context_summary", startsWith("Live monitor transfer"))
                .body("transfer.target_department", equalTo(name))
                .body("transfer.department_id", equalTo(department))
                .body("transfer.queue_position", equalTo(1))
                .body("transfer.agent_id", equalTo(""));
    }

    @Test
    void portalBodyToAStaffedDepartmentIsOfferedAtOnce() {
        String department = routing.department(Map.of());
        String agent = routing.agent(department);
        routing.admin()
                .body(Map.of("call_id", Routing.callId(), "target_department", department))
                .post("/api/calls/transfer")
                .then()
                .statusCode(201)
                .body("status", equalTo("offered"))
                .body("queue_position", equalTo(0))
                .body("estimated_wait_time", equalTo(0))
                .body("transfer.agent_id", equalTo(agent))
                .body("transfer.offer_count", equalTo(1))
                .body("transfer.offer_expires_at", notNullValue())
                // the helper's defaults when the portal sends no options
                .body("transfer.transfer_type", equalTo("warm"))
                .body("transfer.urgency_level", equalTo("medium"));
    }

    @Test
    void seedGuideBodyNamesTheDepartmentByName() {
        // the guide sends target_department:"sales"; names match whatever their case
        String department = routing.department("Sales", Map.of());
        String callId = Routing.callId();
        var body = new LinkedHashMap<String, Object>();
        body.put("call_id", callId);
        body.put("session_id", "session_42");
        body.put("transfer_type", "cold");
        body.put("transfer_reason", "billing_question");
        body.put("target_department", "sales");
        body.put("urgency_level", "high");
        body.put("context_summary", "Wants a refund");
        body.put("customer_notes", "Premium customer");
        routing.post(body)
                .then()
                .statusCode(201)
                .body("transfer_id", isA(String.class))
                .body("target_department", equalTo("Sales"))
                .body("estimated_wait_time", isA(Integer.class))
                .body("queue_position", equalTo(1))
                .body("transfer.department_id", equalTo(department))
                .body("transfer.session_id", equalTo("session_42"))
                .body("transfer.transfer_type", equalTo("cold"))
                .body("transfer.transfer_reason", equalTo("billing_question"))
                .body("transfer.urgency_level", equalTo("high"))
                .body("transfer.context_summary", equalTo("Wants a refund"))
                .body("transfer.customer_notes", equalTo("Premium customer"));
    }

    @Test
    void seedServerBodyWithDepartmentReasonAndAnObjectContext() {
        String department = unstaffed();
        String name = routing.departmentName(department);
        routing.post(Map.of(
                        "call_id",
                        Routing.callId(),
                        "department",
                        name,
                        "reason",
                        "angry_customer",
                        "context",
                        Map.of("intent", "cancel_subscription", "sentiment", "negative")))
                .then()
                .statusCode(201)
                .body("target_department", equalTo(name))
                .body("transfer.transfer_reason", equalTo("angry_customer"))
                .body("transfer.context_summary", containsString("cancel_subscription"))
                .body("transfer.context_summary", containsString("sentiment"));
        routing.post(Map.of("call_id", Routing.callId(), "department", department, "context", "Plain text context"))
                .then()
                .statusCode(201)
                .body("transfer.context_summary", equalTo("Plain text context"));
    }

    @Test
    void olderPortalBodyWithDepartmentIdIsAccepted() {
        String department = unstaffed();
        routing.admin()
                .body(Map.of("call_id", Routing.callId(), "department_id", department))
                .post("/api/calls/transfer")
                .then()
                .statusCode(201)
                .body("transfer.department_id", equalTo(department))
                .body("status", equalTo("queued"));
    }

    @Test
    void getTransferShowsItsCurrentState() {
        String department = unstaffed();
        var placed = routing.request(department, "critical", Map.of("customer_notes", "VIP"));
        String id = placed.getString("transfer_id");
        routing.admin()
                .get("/transfer/" + id)
                .then()
                .statusCode(200)
                .body("success", equalTo(true))
                .body("transfer_id", equalTo(id))
                .body("status", equalTo("queued"))
                .body("target_department", equalTo(routing.departmentName(department)))
                .body("queue_position", equalTo(1))
                .body("estimated_wait_time", greaterThan(0))
                .body("transfer.call_id", equalTo(placed.getString("transfer.call_id")))
                .body("transfer.urgency_level", equalTo("critical"))
                .body("transfer.customer_notes", equalTo("VIP"))
                .body("transfer.queued_at", notNullValue());
    }

    @Test
    void transferHistoryListsTheCallsTransfersOnBothPaths() {
        String department = unstaffed();
        String name = routing.departmentName(department);
        String callId = Routing.callId();
        String id = routing.post(
                        Map.of("call_id", callId, "target_department", department, "transfer_reason", "needs_a_human"))
                .then()
                .statusCode(201)
                .extract()
                .path("transfer_id");
        for (String path : List.of("/call/", "/api/call/")) {
            routing.admin()
                    .get(path + callId + "/transfer-history")
                    .then()
                    .statusCode(200)
                    .body("success", equalTo(true))
                    .body("transfer_history.size()", equalTo(1))
                    .body("transfer_history[0].transfer_id", equalTo(id))
                    .body("transfer_history[0].department", equalTo(name))
                    .body("transfer_history[0].reason", equalTo("needs_a_human"))
                    .body("transfer_history[0].timestamp", notNullValue())
                    .body("transfer_history[0].status", equalTo("queued"));
        }
        routing.move(id, "cancel").then().statusCode(200);
        routing.admin()
                .get("/api/call/" + callId + "/transfer-history")
                .then()
                .statusCode(200)
                .body("transfer_history[0].status", equalTo("abandoned"));
    }

    @Test
    void activeCallsShowTransferredCallsInThePortalShapeOnBothPaths() {
        String department = routing.department(Map.of("wrap_up_seconds", 0));
        String name = routing.departmentName(department);
        String agent = routing.agent(department, Map.of("name", "Grace Hopper"));
        // a call_id of digits stays a string: the portal calls .substring on it
        String callId = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L));
        String id = routing.request(department, "medium", Map.of("call_id", callId, "caller_number", "+15557654321"))
                .getString("transfer_id");
        String find = "active_calls.find { it.call_id == '" + callId + "' }";
        for (String path : List.of("/api/calls/active", "/calls/active")) {
            routing.admin()
                    .get(path)
                    .then()
                    .statusCode(200)
                    .body("success", equalTo(true))
                    .body("active_calls.call_id", everyItem(isA(String.class)))
                    .body("active_calls.duration", everyItem(isA(Integer.class)))
                    .body("active_calls.can_transfer", everyItem(isA(Boolean.class)))
                    .body(find + ".call_id", equalTo(callId))
                    .body(find + ".caller_number", equalTo("+15557654321"))
                    .body(find + ".current_department", equalTo(name))
                    .body(find + ".current_flow", equalTo("AI Assistant"))
                    .body(find + ".duration", greaterThanOrEqualTo(0))
                    .body(find + ".status", equalTo("transferring"))
                    .body(find + ".can_transfer", equalTo(false));
        }
        routing.move(id, "accept").then().statusCode(200);
        routing.admin()
                .get("/api/calls/active")
                .then()
                .statusCode(200)
                .body(find + ".status", equalTo("connected"))
                .body(find + ".assigned_agent", equalTo("Grace Hopper"));
        assertEquals(agent, routing.agentOf(id));
        routing.move(id, "complete").then().statusCode(200);
        routing.admin()
                .get("/api/calls/active")
                .then()
                .statusCode(200)
                .body("active_calls.call_id", not(hasItem(callId)));
    }

    @Test
    void acceptConnectsCompleteCompletesThenTheAgentWrapsUpAndIsAvailableAgain() {
        String department = routing.department(Map.of("wrap_up_seconds", 2));
        String agent = routing.agent(department);
        String id = routing.request(department);
        assertEquals("offered", routing.status(id));
        assertEquals(agent, routing.agentOf(id));
        assertEquals("busy", routing.statusOf(agent));

        routing.move(id, "accept")
                .then()
                .statusCode(200)
                .body("status", equalTo("connected"))
                .body("transfer.agent_id", equalTo(agent))
                .body("transfer.connected_at", notNullValue());
        long before = System.nanoTime();
        routing.move(id, "complete")
                .then()
                .statusCode(200)
                .body("status", equalTo("completed"))
                .body("transfer.ended_at", notNullValue());
        assertEquals("completed", routing.status(id));
        assertEquals("wrap_up", routing.statusOf(agent));

        // no offer during wrap-up: a new caller waits until it is over, then gets this agent
        String next = routing.request(department);
        assertEquals("queued", routing.status(next));
        Routing.await("the agent to finish wrap-up", () -> routing.statusOf(agent), s -> !"wrap_up".equals(s));
        long wrapUpMillis = (System.nanoTime() - before) / 1_000_000;
        assertTrue(wrapUpMillis >= 1_900, "wrap-up lasted only " + wrapUpMillis + " ms of 2 s");
        assertEquals(agent, routing.awaitOffer(next));
        routing.handle(next);

        String third = routing.department(Map.of("wrap_up_seconds", 1));
        String other = routing.agent(third);
        String call = routing.request(third);
        routing.handle(call);
        Routing.await("wrap-up of 1 s to end", () -> routing.statusOf(other), "available"::equals);
        assertEquals(0, ((Number) routing.agentRow(other).get("active_calls")).intValue());
    }

    @Test
    void illegalMovesAre409IllegalTransferState() {
        String staffed = routing.department(Map.of("wrap_up_seconds", 0));
        routing.agent(staffed);
        String id = routing.request(staffed);
        String queued = routing.request(staffed); // the only agent holds the first

        assertEquals("queued", routing.status(queued));
        for (String move : List.of("accept", "reject", "complete")) {
            routing.move(queued, move)
                    .then()
                    .statusCode(409)
                    .body("success", equalTo(false))
                    .body("code", equalTo("illegal_transfer_state"))
                    .body("error", containsString("queued"));
        }
        routing.move(id, "complete").then().statusCode(409).body("code", equalTo("illegal_transfer_state"));
        routing.move(id, "accept").then().statusCode(200).body("status", equalTo("connected"));
        // a repeat of the move that decided the state answers as the first did (a retry, a double click)
        routing.move(id, "accept").then().statusCode(200).body("status", equalTo("connected"));
        routing.move(id, "reject").then().statusCode(409).body("code", equalTo("illegal_transfer_state"));
        routing.move(id, "complete").then().statusCode(200).body("status", equalTo("completed"));
        routing.move(id, "complete").then().statusCode(200).body("status", equalTo("completed"));
        for (String move : List.of("reject", "accept", "cancel")) {
            routing.move(id, move)
                    .then()
                    .statusCode(409)
                    .body("code", equalTo("illegal_transfer_state"))
                    .body("error", containsString("completed"));
        }
        assertEquals("completed", routing.status(id));
        routing.move(queued, "cancel").then().statusCode(200);
        routing.move(queued, "cancel").then().statusCode(200).body("status", equalTo("abandoned"));
        routing.move(queued, "accept").then().statusCode(409).body("code", equalTo("illegal_transfer_state"));
    }

    @Test
    void cancelAbandonsTheTransferAndGivesTheAgentsCapacityBack() {
        String department = routing.department(Map.of("wrap_up_seconds", 0));
        String agent = routing.agent(department);
        String offered = routing.request(department);
        String waiting = routing.request(department);
        assertEquals(agent, routing.agentOf(offered));
        assertEquals(1, ((Number) routing.agentRow(agent).get("active_calls")).intValue());

        routing.move(offered, "cancel")
                .then()
                .statusCode(200)
                .body("status", equalTo("abandoned"))
                .body("transfer.ended_at", notNullValue());
        // the freed agent takes the next caller in the same breath
        assertEquals(agent, routing.agentOf(waiting));
        assertEquals("offered", routing.status(waiting));

        routing.move(waiting, "accept").then().statusCode(200);
        routing.admin()
                .post("/transfer/" + waiting + "/cancel?reason=caller_hung_up")
                .then()
                .statusCode(200)
                .body("status", equalTo("abandoned"));
        var row = routing.agentRow(agent);
        assertEquals(0, ((Number) row.get("active_calls")).intValue(), row.toString());
        assertEquals("available", row.get("status"));
        assertEquals("available", routing.statusOf(agent));
        assertTrue(Routing.rows(Routing.OVER_CAPACITY, routing.tenantId()).isEmpty());

        // a queued transfer may be abandoned too; it never held anyone
        String lonely = routing.request(unstaffed());
        routing.move(lonely, "cancel").then().statusCode(200).body("status", equalTo("abandoned"));
    }

    @Test
    void anAgentMayActOnlyOnOffersMadeToThem() {
        String department = routing.department(Map.of("wrap_up_seconds", 0));
        String first = routing.agent(department);
        String id = routing.request(department);
        String second = routing.agent(department); // registered after the offer: the offer is the first's
        assertEquals(first, routing.agentOf(id));
        String secondsToken = Api.signedIn(routing.organization(), "agent", second);
        String firstsToken = Api.signedIn(routing.organization(), "agent", first);
        for (String move : List.of("accept", "reject", "complete")) {
            Api.as(secondsToken)
                    .post("/transfer/" + id + "/" + move)
                    .then()
                    .statusCode(403)
                    .body("code", equalTo("not_your_transfer"));
        }
        Api.as(firstsToken)
                .post("/transfer/" + id + "/accept")
                .then()
                .statusCode(200)
                .body("status", equalTo("connected"));
        // decided: the same agent's second accept is a repeat, another agent's is too late
        Api.as(firstsToken)
                .post("/transfer/" + id + "/accept")
                .then()
                .statusCode(200)
                .body("status", equalTo("connected"));
        Api.as(secondsToken)
                .post("/transfer/" + id + "/accept")
                .then()
                .statusCode(409)
                .body("success", equalTo(false))
                .body("code", equalTo("transfer_taken"));
        Api.as(firstsToken)
                .post("/transfer/" + id + "/complete")
                .then()
                .statusCode(200)
                .body("status", equalTo("completed"));
    }

    @Test
    void theQueueListsWaitingTransfersByUrgencyThenAgeWithPositionsAndWaits() {
        String department = unstaffed();
        String name = routing.departmentName(department);
        String low = routing.request(department, "low", Map.of()).getString("transfer_id");
        String high = routing.request(department, "high", Map.of()).getString("transfer_id");
        String medium = routing.request(department, "medium", Map.of()).getString("transfer_id");
        var laterHigh = routing.request(department, "high", Map.of("context_summary", "Second high"));
        String high2 = laterHigh.getString("transfer_id");
        assertEquals(2, laterHigh.getInt("queue_position"));

        for (String path : List.of(
                "/departments/" + department + "/queue",
                "/departments/" + name + "/queue",
                "/api/departments/" + department + "/queue",
                "/api/departments/" + name.toLowerCase() + "/queue")) {
            var queue = routing.admin()
                    .get(path)
                    .then()
                    .statusCode(200)
                    .body("success", equalTo(true))
                    .body("queue_length", equalTo(4))
                    .body("queue_details.transfer_id", equalTo(List.of(high, high2, medium, low)))
                    .body("queue_details.position", equalTo(List.of(1, 2, 3, 4)))
                    .body("queue_details.urgency_level", equalTo(List.of("high", "high", "medium", "low")))
                    .body("queue_details[1].context_summary", equalTo("Second high"))
                    .body("queue_details.call_id", everyItem(isA(String.class)))
                    .body("queue_details.wait_time", everyItem(greaterThanOrEqualTo(0)))
                    .extract()
                    .jsonPath();
            List<Integer> estimates = queue.getList("queue_details.estimated_wait_time", Integer.class);
            for (int i = 1; i < estimates.size(); i++) {
                assertTrue(estimates.get(i) >= estimates.get(i - 1), "estimates must grow with position: " + estimates);
            }
            assertTrue(estimates.get(0) > 0, estimates.toString());
        }
        assertEquals(4, routing.transfer(low).getInt("queue_position"));
        assertEquals(1, routing.transfer(high).getInt("queue_position"));
    }

    @Test
    void queueStatusSummarisesEachDepartmentAndTheTotal() {
        String department = routing.department(Map.of("wrap_up_seconds", 0));
        String name = routing.departmentName(department);
        routing.agent(department);
        routing.agent(department, Map.of("status", "on_break"));
        routing.request(department); // offered to the available agent
        routing.request(department, "high", Map.of());
        routing.request(department, "low", Map.of());
        String row = "departments.find { it.department_id == '" + department + "' }";
        var status = routing.admin()
                .get("/queue/status")
                .then()
                .statusCode(200)
                .body("success", equalTo(true))
                .body(row + ".department", equalTo(name))
                .body(row + ".waiting", equalTo(2))
                .body(row + ".longest_wait", greaterThanOrEqualTo(0))
                .body(row + ".available_agents", equalTo(0))
                .body(row + ".busy_agents", equalTo(1))
                .body(row + ".service_level", notNullValue())
                .body("total.waiting", greaterThanOrEqualTo(2))
                .body("total.available_agents", greaterThanOrEqualTo(0))
                .body("total.busy_agents", greaterThanOrEqualTo(1))
                .extract()
                .jsonPath();
        int sum = status.getList("departments.waiting", Integer.class).stream()
                .mapToInt(Integer::intValue)
                .sum();
        assertEquals(sum, status.getInt("total.waiting"));
    }

    // ---- bad input

    @Test
    void anUnknownDepartmentIs400() {
        for (String path : List.of("/transfer/request", "/api/calls/transfer")) {
            routing.admin()
                    .body(Map.of("call_id", Routing.callId(), "target_department", "no-such-department"))
                    .post(path)
                    .then()
                    .statusCode(400)
                    .body("success", equalTo(false))
                    .body("code", equalTo("invalid_input"))
                    .body("details[0].field", equalTo("target_department"))
                    .body("error", containsString("no-such-department"));
        }
        routing.admin()
                .body(Map.of("call_id", Routing.callId(), "department_id", "00000000-0000-0000-0000-000000000000"))
                .post("/api/calls/transfer")
                .then()
                .statusCode(400);
        // no department at all (the body may spell it target_department, department_id or department)
        routing.admin()
                .body(Map.of("call_id", Routing.callId()))
                .post("/transfer/request")
                .then()
                .statusCode(400)
                .body("code", equalTo("invalid_input"))
                .body("error", containsString("department"));
        routing.admin().get("/departments/no-such-department/queue").then().statusCode(404);
        routing.admin().get("/api/departments/no-such-department/queue").then().statusCode(404);
    }

    @Test
    void aMissingCallIdIs400() {
        String department = unstaffed();
        for (var body : List.<Map<String, Object>>of(
                Map.of("target_department", department), Map.of("call_id", "  ", "target_department", department))) {
            routing.post(body)
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("invalid_input"))
                    .body("details[0].field", equalTo("call_id"));
        }
    }

    @Test
    void aBadUrgencyOrTransferTypeIs400ListingTheLegalValues() {
        String department = unstaffed();
        routing.post(Map.of("call_id", Routing.callId(), "target_department", department, "urgency_level", "asap"))
                .then()
                .statusCode(400)
                .body("details[0].field", equalTo("urgency_level"))
                .body("error", containsString("low, medium, high, critical"))
                .body("error", containsString("asap"));
        routing.admin()
                .body(Map.of("call_id", Routing.callId(), "target_department", department, "transfer_type", "hot"))
                .post("/api/calls/transfer")
                .then()
                .statusCode(400)
                .body("details[0].field", equalTo("transfer_type"))
                .body("error", containsString("warm, cold, conference, blind"));
        // each legal value passes
        for (String type : List.of("warm", "cold", "conference", "blind")) {
            routing.post(Map.of("call_id", Routing.callId(), "target_department", department, "transfer_type", type))
                    .then()
                    .statusCode(201)
                    .body("transfer.transfer_type", equalTo(type));
        }
    }

    @Test
    void anUnknownTransferIs404() {
        String unknown = "transfer_doesnotexist";
        routing.admin()
                .get("/transfer/" + unknown)
                .then()
                .statusCode(404)
                .body("success", equalTo(false))
                .body("code", equalTo("transfer_not_found"));
        for (String move : List.of("accept", "reject", "complete", "cancel")) {
            routing.move(unknown, move).then().statusCode(404).body("code", equalTo("transfer_not_found"));
        }
    }

    @Test
    void theHistoryOfAnUnknownCallIs404() {
        for (String path : List.of("/call/", "/api/call/")) {
            routing.admin()
                    .get(path + "call_never_heard_of/transfer-history")
                    .then()
                    .statusCode(404)
                    .body("success", equalTo(false))
                    .body("code", equalTo("call_not_found"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"call_id\":", "not json", "[]", "{\"call_id\":\"x\",}", "{\"call_id\":[1]}"})
    void malformedJsonIs400(String body) {
        for (String path : List.of("/transfer/request", "/api/calls/transfer")) {
            routing.admin()
                    .body(body)
                    .post(path)
                    .then()
                    .statusCode(400)
                    .body("success", equalTo(false))
                    .body("error", not(containsString("Exception")));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "null"})
    void aMissingBodyIs400(String body) {
        routing.admin()
                .body(body)
                .post("/transfer/request")
                .then()
                .statusCode(400)
                .body("success", equalTo(false));
    }

    @Test
    void anotherDepartmentWhileTheCallHasAnOpenTransferIs409() {
        String first = unstaffed();
        String second = unstaffed();
        String callId = Routing.callId();
        String id = routing.post(Map.of("call_id", callId, "target_department", first))
                .then()
                .statusCode(201)
                .extract()
                .path("transfer_id");
        routing.post(Map.of("call_id", callId, "target_department", second))
                .then()
                .statusCode(409)
                .body("code", equalTo("transfer_in_progress"))
                .body("error", containsString(id));
        assertEquals(
                1,
                Routing.number(
                        "select count(*) from transfers t join calls c on c.id = t.call_id"
                                + " where c.tenant_id = cast(? as uuid) and c.call_id = ?",
                        routing.tenantId(),
                        callId));
    }

    @Test
    void aCallThatHasEndedCannotBeTransferredAgain() {
        String department = routing.department(Map.of("wrap_up_seconds", 0));
        routing.agent(department);
        var placed = routing.request(department, "medium", Map.of());
        String id = placed.getString("transfer_id");
        routing.handle(id);
        routing.post(Map.of("call_id", placed.getString("transfer.call_id"), "target_department", unstaffed()))
                .then()
                .statusCode(409)
                .body("code", equalTo("call_ended"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"caller_number", "language", "Idempotency-Key", "reason"})
    void overlongTextIs400NotA500(String field) {
        String department = unstaffed();
        var body =
                new LinkedHashMap<String, Object>(Map.of("call_id", Routing.callId(), "target_department", department));
        var response =
                switch (field) {
                    case "caller_number" -> routing.post(with(body, "caller_number", "1".repeat(41)));
                    case "language" -> routing.post(with(body, "language", "l".repeat(21)));
                    case "Idempotency-Key" ->
                        routing.admin()
                                .header("Idempotency-Key", "k".repeat(201))
                                .body(body)
                                .post("/transfer/request");
                    default ->
                        routing.admin()
                                .post("/transfer/" + routing.request(department) + "/cancel?reason=" + "r".repeat(201));
                };
        response.then().statusCode(400).body("code", equalTo("invalid_input"));
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        body.put(field, value);
        return body;
    }

    @Test
    void deletingAnAgentWhoHoldsAnOfferIsRefusedOrReleasesTheOffer() {
        String department = routing.department(Map.of());
        String agent = routing.agent(department);
        String id = routing.request(department);
        int status = routing.admin().delete("/agents/" + agent).statusCode();
        if (status == 409) {
            assertEquals("offered", routing.status(id));
        } else {
            assertEquals(200, status);
            assertEquals("queued", routing.status(id));
            assertEquals("", routing.agentOf(id));
        }
    }

    @Test
    void deletingADepartmentWithWaitingTransfersIs409() {
        String department = unstaffed();
        routing.request(department);
        routing.admin()
                .delete("/api/departments/" + department)
                .then()
                .statusCode(409)
                .body("success", equalTo(false));
    }

    @Test
    void aTransferAnswersWithoutNullTextFields() {
        var transfer = routing.request(unstaffed(), "low", Map.of()).getMap("transfer");
        for (String field : List.of(
                "transfer_id",
                "call_id",
                "status",
                "transfer_type",
                "urgency_level",
                "transfer_reason",
                "context_summary",
                "customer_notes",
                "session_id",
                "target_department",
                "agent_id",
                "agent_name")) {
            assertNotNull(transfer.get(field), field + " must not be null: " + transfer);
        }
        assertNull(transfer.get("connected_at"));
        assertFalse((Boolean) transfer.get("overflowed"));
        assertThat((String) transfer.get("transfer_id"), not(emptyString()));
    }
}
