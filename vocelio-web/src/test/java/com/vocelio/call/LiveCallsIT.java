package com.vocelio.call;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.isA;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.vocelio.testing.Api;
import com.vocelio.testing.Routing;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Contract C5: AI agents report the calls they handle; a call in progress with the AI and no open transfer shows the
 * Transfer button ({@code can_transfer}), a call already transferring or with a human does not, an ended call is not
 * listed. The screen shows {@code current_flow || assigned_agent || "AI Assistant"}.
 */
class LiveCallsIT {

    private static final Routing routing = Routing.newOrganization();

    private static ValidatableResponse report(Map<String, ?> body) {
        return routing.admin().body(body).post("/api/calls").then();
    }

    private static ValidatableResponse activeCalls() {
        return routing.admin().get("/api/calls/active").then().statusCode(200);
    }

    private static String find(String callId) {
        return "active_calls.find { it.call_id == '" + callId + "' }";
    }

    @Test
    void aReportedAiCallCanBeTransferredUntilATransferIsOpenAndThenAHumanHasIt() {
        String department = routing.department(Map.of("wrap_up_seconds", 0));
        String callId = Routing.callId();
        report(Map.of("call_id", callId, "caller_number", "+15557654321", "current_flow", "Billing bot"))
                .statusCode(201)
                .body("call.call_id", equalTo(callId))
                .body("call.status", equalTo("active"))
                .body("call.can_transfer", equalTo(true));
        activeCalls()
                .body(find(callId) + ".status", equalTo("active"))
                .body(find(callId) + ".can_transfer", equalTo(true))
                .body(find(callId) + ".current_flow", equalTo("Billing bot"))
                .body(find(callId) + ".caller_number", equalTo("+15557654321"));

        // the Transfer button, as the portal sends it: the department id as a string
        String transferId = routing.admin()
                .body(Map.of(
                        "call_id",
                        callId,
                        "target_department",
                        department,
                        "transfer_type",
                        "warm",
                        "transfer_reason",
                        "dashboard_transfer",
                        "urgency_level",
                        "medium",
                        "context_summary",
                        "Live monitor transfer for call " + callId))
                .post("/api/calls/transfer")
                .then()
                .statusCode(201)
                .extract()
                .path("transfer_id");
        activeCalls()
                .body(find(callId) + ".status", equalTo("transferring"))
                .body(find(callId) + ".can_transfer", equalTo(false));

        String agent = routing.agent(department, Map.of("name", "Grace Hopper"));
        routing.awaitOffer(transferId);
        routing.move(transferId, "accept").then().statusCode(200);
        activeCalls()
                .body(find(callId) + ".status", equalTo("connected"))
                .body(find(callId) + ".can_transfer", equalTo(false))
                .body(find(callId) + ".current_flow", equalTo(""))
                .body(find(callId) + ".assigned_agent", equalTo("Grace Hopper"));

        routing.move(transferId, "complete").then().statusCode(200);
        activeCalls().body("active_calls.call_id", not(hasItem(callId)));
        routing.setStatus(agent, "offline");
    }

    @Test
    void reportingACallAgainChangesNothing() {
        String callId = Routing.callId();
        report(Map.of("call_id", callId, "from", "+15550001111", "to", "+15550002222", "direction", "outbound"))
                .statusCode(201);
        report(Map.of("call_id", callId, "caller_number", "+19990000000", "current_flow", "Other"))
                .statusCode(200)
                .body("call.caller_number", equalTo("+15550001111"))
                .body("call.direction", equalTo("outbound"))
                .body("call.current_flow", equalTo("AI Assistant"));
    }

    @Test
    void aServiceUserReportsAnAgentUserMayNot() {
        var organization = routing.organization();
        Api.as(Api.signedIn(organization, "service", null))
                .body(Map.of("call_id", Routing.callId()))
                .post("/api/calls")
                .then()
                .statusCode(201);
        Api.as(Api.signedIn(organization, "agent", null))
                .body(Map.of("call_id", Routing.callId()))
                .post("/api/calls")
                .then()
                .statusCode(403)
                .body("success", equalTo(false));
    }

    @Test
    void aReportNamesWhatIsWrong() {
        report(Map.of("caller_number", "+15557654321")).statusCode(400).body("details[0].field", equalTo("call_id"));
        report(Map.of("call_id", Routing.callId(), "direction", "sideways"))
                .statusCode(400)
                .body("details[0].field", equalTo("direction"));
        report(Map.of("call_id", "x".repeat(101))).statusCode(400).body("details[0].field", equalTo("call_id"));
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
}
