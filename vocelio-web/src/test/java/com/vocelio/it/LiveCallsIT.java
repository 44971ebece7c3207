package com.vocelio.it;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Contract C5: AI agents report the calls they handle; a call in progress with the AI and no open transfer shows the
 * Transfer button ({@code can_transfer}), a call already transferring or with a human does not, an ended call is not
 * listed. The screen shows {@code current_flow || assigned_agent || "AI Assistant"}.
 */
class LiveCallsIT {

    private static Routing routing;

    @BeforeAll
    static void anOrganizationOfItsOwn() {
        routing = Routing.newOrganization();
    }

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
}
