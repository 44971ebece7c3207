package com.vocelio.call;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.testing.Database;
import com.vocelio.testing.Routing;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Issue #15's whole story on the simulator: a call is placed and answered by the AI, transferred to a department,
 * taken by a routed agent, and ended by the caller; the call log then tells the AI minutes (placing to the agent's
 * connection), the human minutes (connection to the end) and what both cost, as the portal's Call Logs read them.
 * The expected figures come from the timestamps the database kept, computed the way the portal is promised them.
 * Told twice: on the simulator, and on Twilio (the fake, playing Twilio's callbacks back signed).
 */
class CallStoryIT {

    private static final Routing routing = Routing.newOrganization();

    private static String callStatus(String sid) {
        return routing.admin()
                .get("/api/calls/" + sid + "/status")
                .then()
                .statusCode(200)
                .extract()
                .path("status");
    }

    @Test
    void callThenAiThenTransferThenAgentThenEndGivesTheRightCallLog() {
        String to = "+1555" + ThreadLocalRandom.current().nextInt(100, 999)
                + ThreadLocalRandom.current().nextInt(1000, 9999);
        String sid = routing.admin()
                .body(Map.of("to", to, "from", "+1234567890", "message", "Hello from the AI"))
                .post("/api/calls/make")
                .then()
                .statusCode(201)
                .extract()
                .path("call_sid");
        Routing.await("the AI answered", () -> callStatus(sid), "in-progress"::equals);
        Routing.pause(Duration.ofMillis(1500)); // the AI talks a while

        String departmentName = Routing.unique("Billing");
        String department = routing.department(departmentName, Map.of("wrap_up_seconds", 60));
        String transferId = routing.admin()
                .body(Map.of("transfer_to", departmentName, "type", "warm", "context", "Wants a refund"))
                .post("/api/calls/" + sid + "/transfer")
                .then()
                .statusCode(201)
                .extract()
                .path("transfer_id");
        String agent = routing.agent(department, Map.of("phone_number", "+15553337777"));
        routing.awaitOffer(transferId);
        routing.admin()
                .post("/transfer/" + transferId + "/accept")
                .then()
                .statusCode(200)
                .body("status", equalTo("connected")); // simulated agents answer at once
        Routing.pause(Duration.ofMillis(2500)); // the human talks a while

        for (int i = 0; i < 3; i++) { // the portal's repeated end
            routing.admin()
                    .post("/api/calls/" + sid + "/end")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("completed"));
        }
        // the caller's end completes the transfer, and the agent's wrap-up starts
        Routing.await("the transfer completed", () -> routing.status(transferId), "completed"::equals);
        assertEquals("wrap_up", routing.statusOf(agent));

        callLogShowsTheAiAndTheHumanMinutes(routing.admin(), sid, departmentName);
        // the simulated carrier's own charge for the talk is on the call's status
        var status = routing.admin()
                .get("/api/calls/" + sid + "/status")
                .then()
                .body("status", equalTo("completed"))
                .extract()
                .jsonPath();
        assertEquals(0.014, status.getDouble("price"), 1e-9);
    }

    /**
     * The same story on Twilio, played by the fake: it reports the call ringing and answered to the status callback
     * the call was placed with, calls the agent's leg into the warm transfer's conference and fetches that leg's
     * TwiML when the agent answers, and reports the call completed (with its duration and price) after our hang-up;
     * every callback signed as Twilio signs it.
     */
    @Test
    void onTwilioTheSameStoryGivesTheSameCallLogAndTwiliosPrice() {
        var twilio = TwilioNode.get();
        var routing = Routing.newOrganization();
        var api = twilio.as(routing);
        String from = "+1555" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        api.body(Map.of("flow_id", "story", "phone_numbers", java.util.List.of(from)))
                .post("/admin/register-flow")
                .then()
                .statusCode(200);
        String sid = api.body(Map.of(
                        "to",
                        "+1555" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999),
                        "from",
                        from,
                        "message",
                        "Hello from the AI"))
                .post("/api/calls/make")
                .then()
                .statusCode(201)
                .extract()
                .path("call_sid");
        assertEquals(200, twilio.twilio.play(sid, "ringing", Map.of()).statusCode());
        assertEquals(200, twilio.twilio.play(sid, "in-progress", Map.of()).statusCode());
        api.get("/api/calls/" + sid + "/status").then().body("status", equalTo("in-progress"));
        Routing.pause(Duration.ofMillis(3000)); // the AI talks a while (no simulated ringing before it here)

        String departmentName = Routing.unique("Billing");
        String department = routing.department(departmentName, Map.of("wrap_up_seconds", 60));
        String transferId = api.body(Map.of("transfer_to", departmentName, "type", "warm", "context", "Wants a refund"))
                .post("/api/calls/" + sid + "/transfer")
                .then()
                .statusCode(201)
                .extract()
                .path("transfer_id");
        String phone = "+1555" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        String agent = routing.agent(department, Map.of("phone_number", phone));
        routing.awaitOffer(transferId);
        api.post("/transfer/" + transferId + "/accept").then().statusCode(200).body("status", equalTo("connecting"));

        // Twilio: the caller joins the conference, the agent's leg rings and is answered, hears the briefing, joins
        var leg = twilio.twilio.placedTo(phone);
        assertEquals(1, leg.size(), leg.toString());
        assertEquals(
                200,
                twilio.signed(
                                "webhooks/twilio/conference",
                                Map.of(
                                        "CallSid",
                                        sid,
                                        "ConferenceSid",
                                        "CF" + "e".repeat(32),
                                        "FriendlyName",
                                        "vocelio-" + transferId,
                                        "StatusCallbackEvent",
                                        "participant-join"))
                        .statusCode());
        var briefing = twilio.twilio.fetch(
                leg.get(0).param("Url"), Map.of("CallSid", "CA" + "f".repeat(32), "CallStatus", "in-progress"));
        assertTrue(briefing.body().contains("<Say>Wants a refund</Say>"), briefing.body());
        assertEquals("connected", routing.status(transferId));
        Routing.pause(Duration.ofMillis(2500)); // the human talks a while

        for (int i = 0; i < 3; i++) { // the portal's repeated end
            api.post("/api/calls/" + sid + "/end").then().statusCode(200).body("status", equalTo("completed"));
        }
        var hangUps = twilio.twilio.about(sid).stream()
                .filter(r -> "completed".equals(r.param("Status")))
                .toList();
        assertEquals(1, hangUps.size(), twilio.twilio.about(sid).toString());
        Routing.await("the transfer completed", () -> routing.status(transferId), "completed"::equals);
        assertEquals("wrap_up", routing.statusOf(agent));
        callLogShowsTheAiAndTheHumanMinutes(api, sid, departmentName);
        // Twilio's own report of the hang-up tells the carrier's charge: one started minute
        var status = Routing.await(
                "Twilio's completed callback",
                () -> api.get("/api/calls/" + sid + "/status").then().extract().jsonPath(),
                read -> read.get("price") != null);
        assertEquals("completed", status.getString("status"));
        assertEquals(0.013, status.getDouble("price"), 1e-9);
        assertTrue(status.getInt("duration") >= 3, "talked " + status.getInt("duration") + " s");
    }

    /**
     * The call log, as the portal's Call Logs read it, against the timestamps the database kept: AI minutes from the
     * call's start to the agent's connection, human minutes from there to the end, and what both cost.
     */
    private static void callLogShowsTheAiAndTheHumanMinutes(
            io.restassured.specification.RequestSpecification api, String sid, String departmentName) {
        JsonPath logs = api.queryParam("page", 1)
                .queryParam("limit", 25)
                .queryParam("date_range", "1day")
                .queryParam("search", sid)
                .get("/api/calls/logs")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .extract()
                .jsonPath();
        var kept = Database.rows(
                        "select extract(epoch from c.started_at) * 1000 as started, extract(epoch from t.connected_at)"
                                + " * 1000 as connected, extract(epoch from t.ended_at) * 1000 as ended,"
                                + " extract(epoch from c.ended_at - c.started_at) as seconds"
                                + " from calls c join transfers t on t.call_id = c.id where c.call_id = ?",
                        sid)
                .get(0);
        double ai = minutes(millis(kept.get("connected")) - millis(kept.get("started")));
        double human = minutes(millis(kept.get("ended")) - millis(kept.get("connected")));
        assertTrue(ai >= 0.05 && human >= 0.03, "both the AI and the human talked: " + kept);

        assertEquals(sid, logs.getString("call_logs[0].call_id"));
        assertEquals("transferred", logs.getString("call_logs[0].status"));
        assertEquals(departmentName, logs.getString("call_logs[0].transfers[0].target_department"));
        assertEquals(ai, logs.getDouble("call_logs[0].ai_minutes"), 0.011);
        assertEquals(human, logs.getDouble("call_logs[0].transfer_minutes"), 0.011);
        double aiLogged = logs.getDouble("call_logs[0].ai_minutes");
        double humanLogged = logs.getDouble("call_logs[0].transfer_minutes");
        assertEquals(aiLogged * 0.05 + humanLogged * 0.15, logs.getDouble("call_logs[0].cost"), 0.00006);
        assertEquals(
                (long) Math.floor(((Number) kept.get("seconds")).doubleValue()),
                logs.getLong("call_logs[0].total_duration"));
    }

    private static long millis(Object epochMillis) {
        return (long) Math.floor(((Number) epochMillis).doubleValue());
    }

    /** As the portal is promised: minutes with two decimals. */
    private static double minutes(long millis) {
        return Math.round(Math.max(0, millis) / 600.0) / 100.0;
    }
}
