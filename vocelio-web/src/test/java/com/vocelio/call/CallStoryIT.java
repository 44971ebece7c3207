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

        JsonPath logs = routing.admin()
                .queryParam("page", 1)
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
        // the simulated carrier's own charge for the talk is on the call's status
        var status = routing.admin()
                .get("/api/calls/" + sid + "/status")
                .then()
                .body("status", equalTo("completed"))
                .extract()
                .jsonPath();
        assertEquals(0.014, status.getDouble("price"), 1e-9);
    }

    private static long millis(Object epochMillis) {
        return (long) Math.floor(((Number) epochMillis).doubleValue());
    }

    /** As the portal is promised: minutes with two decimals. */
    private static double minutes(long millis) {
        return Math.round(Math.max(0, millis) / 600.0) / 100.0;
    }
}
