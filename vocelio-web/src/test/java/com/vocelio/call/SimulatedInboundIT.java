package com.vocelio.call;

import static com.vocelio.testing.EventClient.event;
import static com.vocelio.testing.Feeds.liveFeed;
import static com.vocelio.testing.Feeds.subscribe;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.vocelio.testing.Api;
import com.vocelio.testing.Database;
import com.vocelio.testing.Feeds;
import com.vocelio.testing.Routing;
import io.restassured.path.json.JsonPath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Issue #15's inbound calls on the offline simulator: {@code POST /admin/simulate/inbound {from, to}} puts a call
 * through to one of the organization's flow numbers, and the number's flow answers it as it answers Twilio's
 * {@code /webhooks/twilio/voice}: the greeting, then the department's queue as a routed transfer that an agent takes
 * (bridged at once: simulated agents answer), or the flow's webhook; recorded when the flow records.
 */
class SimulatedInboundIT {

    static final String XML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
    static final String MUSIC = "http://com.twilio.sounds.music.s3.amazonaws.com/MARKOVICHAMP-Borghestral.mp3";

    private static String randomNumber() {
        return "+1555" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    }

    private static String flowNumber(Routing routing, Map<String, Object> extra) {
        String number = randomNumber();
        var body = new HashMap<String, Object>(
                Map.of("flow_id", "flow-" + number.substring(5), "phone_numbers", List.of(number)));
        body.putAll(extra);
        routing.admin().body(body).post("/admin/register-flow").then().statusCode(200);
        return number;
    }

    private static JsonPath inbound(Routing routing, String from, String to) {
        return routing.admin()
                .body(Map.of("from", from, "to", to))
                .post("/admin/simulate/inbound")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    @Test
    void anInboundCallIsGreetedQueuedToTheFlowsDepartmentTakenByAnAgentAndRecorded() {
        var routing = Routing.newOrganization();
        String department = routing.department(Map.of("wrap_up_seconds", 0));
        String number = flowNumber(
                routing,
                Map.of(
                        "greeting",
                        "Welcome to Acme",
                        "department",
                        routing.departmentName(department),
                        "record",
                        true));
        String sid;
        String queuedAs;
        try (var live = liveFeed(routing)) {
            subscribe(live, "{\"type\":\"subscribe\",\"channel\":\"live_call\"}", "live_call");
            var answered = inbound(routing, "(555) 765-1234", number);
            sid = answered.getString("call_sid");
            assertEquals(
                    XML + "<Response><Say>Welcome to Acme</Say><Play loop=\"0\">" + MUSIC + "</Play></Response>",
                    answered.getString("twiml"));
            assertEquals(department, answered.getString("queued_to"));
            queuedAs = answered.getString("transfer_id");
            assertEquals("in-progress", answered.getString("call.status"));
            assertEquals("transferring", answered.getString("call.call_status"));
            assertEquals("inbound", answered.getString("call.direction"));
            assertEquals("simulated", answered.getString("call.provider"));
            assertEquals("+15557651234", answered.getString("call.from"));
            assertEquals(number, answered.getString("call.to"));
            live.await("call_started", Feeds.WAIT, event("call_started", "call_sid", sid));
        }
        assertEquals(1, routing.transfersOfCall(sid));
        String transferId = (String) Database.rows(
                        "select t.transfer_id from transfers t join calls c on c.id = t.call_id where c.call_id = ?",
                        sid)
                .get(0)
                .get("transfer_id");
        assertEquals(transferId, queuedAs, "the answer names the transfer the call waits in");
        assertEquals("queued", routing.status(transferId));
        routing.admin().get("/transfer/" + transferId).then().statusCode(200).body("transfer.call_id", equalTo(sid));

        routing.agent(department, Map.of("phone_number", "+15553334444")); // answers (the simulator's number rules)
        routing.awaitOffer(transferId);
        routing.admin()
                .post("/transfer/" + transferId + "/accept")
                .then()
                .statusCode(200)
                .body("status", equalTo("connected"));
        routing.admin().get("/api/calls/" + sid + "/status").then().body("call_status", equalTo("connected"));

        // the caller hangs up: the transfer completes, and the flow's recording is there, as long as the talk
        routing.admin()
                .post("/api/calls/" + sid + "/end")
                .then()
                .statusCode(200)
                .body("status", equalTo("completed"));
        Routing.await("the transfer completed", () -> routing.status(transferId), "completed"::equals);
        routing.admin()
                .get("/api/calls/" + sid + "/recordings")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("recordings[0].status", equalTo("completed"))
                .body("recordings[0].provider", equalTo("simulated"));
    }

    @Test
    void aFlowWithoutADepartmentHandsTheCallerToItsWebhookAndTheCallTalksUntilEnded() {
        var routing = Routing.newOrganization();
        String number = flowNumber(
                routing, Map.of("webhook_url", "https://flows.example.com/webhook/execute", "greeting", "Hi"));
        var answered = inbound(routing, "+15557650042", number);
        String sid = answered.getString("call_sid");
        assertEquals(
                XML + "<Response><Say>Hi</Say><Redirect method=\"POST\">https://flows.example.com/webhook/execute"
                        + "</Redirect></Response>",
                answered.getString("twiml"));
        assertEquals("", answered.getString("queued_to"));
        assertEquals("", answered.getString("transfer_id"));
        assertEquals(0, routing.transfersOfCall(sid));
        routing.admin()
                .get("/admin/active-calls")
                .then()
                .statusCode(200)
                .body("active_calls.find { it.call_sid == '" + sid + "' }.direction", equalTo("inbound"));
        // the simulator's timer is set: the call talks its talk time unless ended
        assertEquals(
                1,
                Database.number(
                        "select count(*) from calls where call_id = ? and next_step_at > now() and provider = 'simulated'",
                        sid));
        routing.admin()
                .post("/api/calls/" + sid + "/end")
                .then()
                .statusCode(200)
                .body("status", equalTo("completed"));
        routing.admin().get("/api/calls/" + sid + "/recordings").then().body("total", equalTo(0));
    }

    @Test
    void onlyTheOrganizationsOwnFlowNumbersReceiveAndBadNumbersNameTheirField() {
        var routing = Routing.newOrganization();
        var other = Routing.newOrganization();
        String theirs = flowNumber(other, Map.of());
        String ours = flowNumber(routing, Map.of());
        for (var wrong : List.of(
                Map.of("from", "+15557650042", "to", theirs),
                Map.of("from", "+15557650042", "to", randomNumber()),
                Map.of("from", "+15557650042", "to", "not a number"),
                Map.of("from", "+15557650042"))) {
            routing.admin()
                    .body(wrong)
                    .post("/admin/simulate/inbound")
                    .then()
                    .statusCode(400)
                    .body("details[0].field", equalTo("to"));
        }
        routing.admin()
                .body(Map.of("from", "12", "to", ours))
                .post("/admin/simulate/inbound")
                .then()
                .statusCode(400)
                .body("details[0].field", equalTo("from"));
        long calls =
                Database.number("select count(*) from calls where tenant_id = cast(? as uuid)", routing.tenantId());
        assertEquals(0, calls, "nothing was received");
        Api.as(Api.signedIn(routing.organization(), "agent", null))
                .body(Map.of("from", "+15557650042", "to", ours))
                .post("/admin/simulate/inbound")
                .then()
                .statusCode(403);
    }

    @Test
    void aDepartmentThatRefusesTheCallerLeavesTheFlowsApologyAndTheCallEnds() {
        var routing = Routing.newOrganization();
        String full = routing.department(Map.of("max_queue_length", 1));
        routing.request(full); // the one place in its line is taken
        String number = flowNumber(routing, Map.of("department", full, "greeting", "Hi"));
        var answered = inbound(routing, "+15557650043", number);
        String sid = answered.getString("call_sid");
        assertEquals(
                XML + "<Response><Say>Hi</Say><Say>All our agents are busy. Please call again later.</Say>"
                        + "<Hangup/></Response>",
                answered.getString("twiml"));
        assertEquals("", answered.getString("queued_to"));
        assertEquals("", answered.getString("transfer_id"));
        assertEquals(0, routing.transfersOfCall(sid));
        routing.admin()
                .get("/api/calls/" + sid + "/status")
                .then()
                .statusCode(200)
                .body("status", equalTo("completed"));
    }

    @Test
    void aNodeWhoseTelephonyIsTwilioRefusesToSimulateAndCreatesNoCall() {
        var routing = Routing.newOrganization();
        var twilioNode = TwilioNode.get();
        String department = routing.department(Map.of());
        String number = randomNumber();
        twilioNode
                .as(routing)
                .body(Map.of(
                        "flow_id",
                        "flow-" + number.substring(5),
                        "phone_numbers",
                        List.of(number),
                        "department",
                        department))
                .post("/admin/register-flow")
                .then()
                .statusCode(200);
        for (Object body : List.of(Map.of("from", "+15557650044", "to", number), Map.of("from", "12"))) {
            twilioNode
                    .as(routing)
                    .body(body)
                    .post("/admin/simulate/inbound")
                    .then()
                    .statusCode(409)
                    .body("success", equalTo(false))
                    .body("code", equalTo("simulator_disabled"));
        }
        long calls =
                Database.number("select count(*) from calls where tenant_id = cast(? as uuid)", routing.tenantId());
        assertEquals(0, calls, "no fake call on a Twilio node");
        assertEquals(
                0,
                Database.number(
                        "select count(*) from transfers where tenant_id = cast(? as uuid)", routing.tenantId()));
    }
}
