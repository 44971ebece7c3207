package com.vocelio.transfer;

import static com.vocelio.testing.EventClient.event;
import static com.vocelio.testing.EventClient.payload;
import static com.vocelio.testing.Feeds.liveFeed;
import static com.vocelio.testing.Feeds.subscribe;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.testing.Database;
import com.vocelio.testing.Routing;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue #15's transfers on simulated calls: {@code transfer_to} a number dials it at once (cold), a department
 * routes the call (cold from the Call Center's button); the routed agent who accepts is bridged in, whatever address
 * they are reached at, one whose phone never answers (the simulator's number rules) sends the transfer back to the
 * queue, and one who cannot be reached is refused before the call is touched.
 */
class CallHandoffsIT {

    static final Duration LIFECYCLE = Duration.ofSeconds(15);

    private static final Routing routing = Routing.newOrganization();

    /** A simulated call placed now and answered (the simulator answers numbers not ending in 0000–0003). */
    private static String answeredCall() throws InterruptedException {
        String sid = routing.admin()
                .body(Map.of("to", "+1555444" + (5000 + (int) (Math.random() * 4000))))
                .post("/api/calls/make")
                .then()
                .statusCode(201)
                .extract()
                .path("call_sid");
        long deadline = System.nanoTime() + LIFECYCLE.toNanos();
        while (System.nanoTime() < deadline) {
            if ("in-progress"
                    .equals(routing.admin().get("/api/calls/" + sid + "/status").path("status"))) {
                return sid;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(sid + " was never answered");
    }

    @Test
    void aNumberIsDialledAtOnce() throws Exception {
        String sid = answeredCall();
        try (var live = liveFeed(routing)) {
            subscribe(live, "{\"type\":\"subscribe\",\"channel\":\"live_call\"}", "live_call");
            routing.admin()
                    .body(Map.of("call_sid", sid, "transfer_to", "(555) 222-3333"))
                    .post("/calls/transfer")
                    .then()
                    .statusCode(200)
                    .body("success", equalTo(true))
                    .body("call_sid", equalTo(sid))
                    .body("transfer_to", equalTo("+15552223333"))
                    .body("status", equalTo("transferred"));
            var handed = live.await("call_transferred", LIFECYCLE, event("call_transferred", "call_sid", sid));
            assertEquals("+15552223333", payload(handed).getString("transfer_to"));
        }
        routing.admin().get("/api/calls/" + sid + "/status").then().body("status", equalTo("in-progress"));
        routing.admin().post("/api/calls/" + sid + "/end").then().statusCode(200);
    }

    @Test
    void aDepartmentGetsTheCallThroughRoutingAndTheAgentIsBridgedIn() throws Exception {
        String department = routing.department(Map.of("wrap_up_seconds", 0));
        String name = routing.departmentName(department);
        String sid = answeredCall();
        String transferId = routing.admin()
                .body(Map.of(
                        "transfer_to",
                        name,
                        "type",
                        "cold",
                        "context",
                        Map.of("summary", "Wants a refund", "intent", "billing")))
                .post("/api/calls/" + sid + "/transfer")
                .then()
                .statusCode(201)
                .body("transfer.call_id", equalTo(sid))
                .body("transfer.transfer_type", equalTo("cold"))
                .extract()
                .path("transfer_id");
        routing.admin().get("/api/calls/" + sid + "/status").then().body("call_status", equalTo("transferring"));

        // an agent nobody can dial cannot take a telephony call: the offer stands until it expires
        String unreachable = routing.agent(department);
        routing.awaitOffer(transferId);
        routing.move(transferId, "accept").then().statusCode(409).body("code", equalTo("agent_unreachable"));
        routing.setStatus(unreachable, "offline");
        routing.move(transferId, "reject").then().statusCode(200);

        routing.agent(department, Map.of("phone_number", "+15553334444"));
        routing.awaitOffer(transferId);
        routing.move(transferId, "accept").then().statusCode(200);
        routing.admin()
                .get("/api/calls/" + sid + "/status")
                .then()
                .body("status", equalTo("in-progress"))
                .body("call_status", equalTo("connected"));
        routing.move(transferId, "complete").then().statusCode(200);
        routing.admin()
                .post("/api/calls/" + sid + "/end")
                .then()
                .statusCode(200)
                .body("status", equalTo("completed"));
    }

    @Test
    void anAgentWhosePhoneNeverAnswersSendsTheTransferBackToTheQueueAsAMissedOfferAndTheNextAgentGetsIt()
            throws Exception {
        String department = routing.department(Map.of("wrap_up_seconds", 0));
        String sid = answeredCall();
        String transferId = routing.admin()
                .body(Map.of("transfer_to", department, "type", "warm", "context", "Wants a refund"))
                .post("/api/calls/" + sid + "/transfer")
                .then()
                .statusCode(201)
                .extract()
                .path("transfer_id");
        String queuedAt = routing.transfer(transferId).getString("transfer.queued_at");
        // the simulator's number rules: an agent whose number ends in 0001 does not answer
        String first = routing.agent(department, Map.of("phone_number", "+15553330001"));
        assertEquals(first, routing.awaitOffer(transferId));
        routing.move(transferId, "accept").then().statusCode(200).body("status", equalTo("connecting"));
        long accepted = System.nanoTime();
        String second = routing.agent(department, Map.of("phone_number", "+15553334444"));

        // a second to ring and four of ringing later the leg is over: back at its old place, and the next agent has it
        assertEquals(second, routing.awaitOffer(transferId));
        Duration rang = Duration.ofNanos(System.nanoTime() - accepted);
        assertTrue(rang.compareTo(Duration.ofSeconds(4)) >= 0, "the leg rang before it was given up: " + rang);
        var transfer = routing.transfer(transferId);
        assertEquals(queuedAt, transfer.getString("transfer.queued_at"));
        assertEquals(2, transfer.getInt("transfer.offer_count"));
        var missed = routing.agentRow(first);
        assertEquals(1, ((Number) missed.get("missed_offers")).intValue(), missed.toString());
        assertEquals(0, ((Number) missed.get("active_calls")).intValue(), missed.toString());
        assertEquals(
                first,
                Database.rows(
                                "select payload->>'declined_by' as declined_by from events"
                                        + " where type = 'transfer_bridge_failed' and payload->>'transfer_id' = ?",
                                transferId)
                        .get(0)
                        .get("declined_by"));
        assertEquals(
                null,
                Database.rows("select agent_leg_ends_at from calls where call_id = ?", sid)
                        .get(0)
                        .get("agent_leg_ends_at"));

        // the next agent's phone answers at once
        routing.move(transferId, "accept").then().statusCode(200).body("status", equalTo("connected"));
        routing.admin().get("/api/calls/" + sid + "/status").then().body("call_status", equalTo("connected"));
        assertEquals(
                1,
                Database.number(
                        "select count(*) from events where type = 'transfer_bridge_failed' and payload->>'transfer_id' = ?",
                        transferId));
        routing.admin().post("/api/calls/" + sid + "/end").then().statusCode(200);
        Routing.await("the transfer to complete with the call", () -> routing.status(transferId), "completed"::equals);
    }

    @Test
    void theTransferButtonSendsACallToADepartmentColdUnlessTheBodyAsksOtherwise() throws Exception {
        String department = routing.department(Map.of("wrap_up_seconds", 0));
        String sid = answeredCall();
        String transferId = routing.admin()
                .body(Map.of("call_sid", sid, "transfer_to", routing.departmentName(department)))
                .post("/calls/transfer")
                .then()
                .statusCode(201)
                .body("transfer.call_id", equalTo(sid))
                .body("transfer.transfer_type", equalTo("cold"))
                .extract()
                .path("transfer_id");
        assertEquals("cold", routing.transfer(transferId).getString("transfer.transfer_type"));

        // an agent reached only at a Twilio Client answers on the simulator like any other
        routing.agent(department, Map.of("client_identity", "client:ann_smith"));
        routing.awaitOffer(transferId);
        routing.move(transferId, "accept").then().statusCode(200).body("status", equalTo("connected"));
        routing.admin().get("/api/calls/" + sid + "/status").then().body("call_status", equalTo("connected"));
        routing.move(transferId, "complete").then().statusCode(200);
        routing.admin().post("/api/calls/" + sid + "/end").then().statusCode(200);

        // a type the body names still wins (the button sends none)
        String other = routing.department(Map.of("wrap_up_seconds", 0));
        String asked = answeredCall();
        routing.admin()
                .body(Map.of("call_sid", asked, "transfer_to", other, "transfer_type", "warm"))
                .post("/calls/transfer")
                .then()
                .statusCode(201)
                .body("transfer.transfer_type", equalTo("warm"));
        routing.admin().post("/api/calls/" + asked + "/end").then().statusCode(200);
    }

    @Test
    void aConferenceTransferOnTheSimulatorIsRoutedConnectedAtOnceAndTheCallGoesOnAfterIt() throws Exception {
        String department = routing.department(Map.of("wrap_up_seconds", 30));
        String sid = answeredCall();
        String transferId = routing.admin()
                .body(Map.of("transfer_to", department, "type", "conference", "context", "Three-way on a refund"))
                .post("/api/calls/" + sid + "/transfer")
                .then()
                .statusCode(201)
                .body("transfer.transfer_type", equalTo("conference"))
                .extract()
                .path("transfer_id");
        String agent = routing.agent(department, Map.of("phone_number", "+15553335555"));
        routing.awaitOffer(transferId);
        routing.move(transferId, "accept").then().statusCode(200).body("status", equalTo("connected"));
        routing.admin().get("/api/calls/" + sid + "/status").then().body("call_status", equalTo("connected"));
        // the agent leaves the three-way: the transfer completes, their wrap-up starts, and the call goes on
        routing.move(transferId, "complete").then().statusCode(200).body("status", equalTo("completed"));
        assertEquals("wrap_up", routing.statusOf(agent));
        routing.admin().get("/api/calls/" + sid + "/status").then().body("status", equalTo("in-progress"));
        routing.admin()
                .post("/api/calls/" + sid + "/end")
                .then()
                .statusCode(200)
                .body("status", equalTo("completed"));
    }

    @Test
    void badHandOffsNameTheField() throws Exception {
        routing.admin()
                .body(Map.of("transfer_to", "+15552223333"))
                .post("/calls/transfer")
                .then()
                .statusCode(400)
                .body("details[0].field", equalTo("call_sid"));
        routing.admin()
                .body(Map.of("call_sid", "CA" + "0".repeat(32)))
                .post("/calls/transfer")
                .then()
                .statusCode(400)
                .body("details[0].field", equalTo("transfer_to"));
        routing.admin()
                .body(Map.of("call_sid", "CA" + "0".repeat(32), "transfer_to", "nobody at all"))
                .post("/calls/transfer")
                .then()
                .statusCode(400)
                .body("details[0].field", equalTo("transfer_to"));
        routing.admin()
                .body(Map.of("call_sid", "CA" + "0".repeat(32), "transfer_to", "+15552223333"))
                .post("/calls/transfer")
                .then()
                .statusCode(404)
                .body("code", equalTo("call_not_found"));
        String sid = answeredCall();
        Routing.newOrganization()
                .admin()
                .body(Map.of("transfer_to", "+15552223333"))
                .post("/api/calls/" + sid + "/transfer")
                .then()
                .statusCode(404);
        routing.admin().post("/api/calls/" + sid + "/end").then().statusCode(200);
        routing.admin()
                .body(Map.of("transfer_to", "+15552223333"))
                .post("/api/calls/" + sid + "/transfer")
                .then()
                .statusCode(409)
                .body("code", equalTo("call_ended"));
    }
}
