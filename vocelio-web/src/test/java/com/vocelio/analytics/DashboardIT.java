package com.vocelio.analytics;

import static com.vocelio.testing.Api.anonymous;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.isA;

import com.vocelio.testing.Api;
import com.vocelio.testing.Routing;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The home dashboard (contract §7.2): {@code /dashboard/stats} counted from the organization's calls and transfers,
 * {@code /settings/account} readable by everyone signed in and writable by admins, {@code /calls/live} in the live
 * feed's shape; all three answer a caller without a token with zeros and empties.
 */
class DashboardIT {

    private static String report(Routing organization, String callId) {
        organization
                .admin()
                .body(Map.of("call_id", callId, "caller_number", "+15551112222"))
                .post("/api/calls")
                .then()
                .statusCode(201);
        return callId;
    }

    @Test
    void statsAreComputedFromKnownCallsAndTransfers() {
        var org = Routing.newOrganization();
        String department = org.department(Map.of("wrap_up_seconds", 0));
        String transferredAndDone = report(org, Routing.callId());
        report(org, Routing.callId()); // still with the AI
        String done = org.request(department, "medium", Map.of("call_id", transferredAndDone))
                .getString("transfer_id");
        org.request(department); // a third call, first heard of through its transfer, still waiting
        org.agent(department);
        org.awaitOffer(done);
        org.handle(done);

        for (String window : new String[] {"", "today.", "week."}) {
            org.admin()
                    .get("/dashboard/stats")
                    .then()
                    .statusCode(200)
                    .body(window.isEmpty() ? "totalCalls" : window + "calls", equalTo(3))
                    .body(window + "transfersRequested", equalTo(2))
                    .body(window + "transfersCompleted", equalTo(1))
                    .body(window + "conversionRate", equalTo(50.0f))
                    .body(window + "averageWaitSeconds", isA(Number.class));
        }
        org.admin()
                .get("/dashboard/stats")
                .then()
                .body("activeCalls", equalTo(2))
                .body("timezone", equalTo("UTC"))
                .body("success", equalTo(true));
    }

    @Test
    void withoutATokenEveryFigureIsZero() {
        anonymous()
                .get("/dashboard/stats")
                .then()
                .statusCode(200)
                .body("totalCalls", equalTo(0))
                .body("activeCalls", equalTo(0))
                .body("conversionRate", equalTo(0.0f))
                .body("today.calls", equalTo(0));
    }

    @Test
    void adminsChangeAccountSettingsOthersReadThem() {
        var org = Routing.newOrganization();
        org.admin()
                .get("/settings/account")
                .then()
                .statusCode(200)
                .body("account.organization_id", equalTo(org.tenantId()))
                .body("account.subdomain", equalTo(org.organization().subdomain()))
                .body("account.timezone", equalTo("UTC"))
                .body("account.language", equalTo("en-US"));
        org.admin()
                .body(Map.of("timezone", "Europe/Berlin", "language", "de-DE", "organization_name", "Acme GmbH"))
                .put("/settings/account")
                .then()
                .statusCode(200)
                .body("account.timezone", equalTo("Europe/Berlin"))
                .body("account.organization_name", equalTo("Acme GmbH"));
        String supervisor = Api.signedIn(org.organization(), "supervisor", null);
        Api.as(supervisor).get("/settings/account").then().statusCode(200).body("account.language", equalTo("de-DE"));
        Api.as(supervisor)
                .body(Map.of("timezone", "UTC"))
                .put("/settings/account")
                .then()
                .statusCode(403)
                .body("success", equalTo(false));
        anonymous()
                .body(Map.of("timezone", "UTC"))
                .put("/settings/account")
                .then()
                .statusCode(401);
        org.admin().get("/dashboard/stats").then().body("timezone", equalTo("Europe/Berlin"));
    }

    @Test
    void badSettingsNameTheField() {
        var org = Routing.newOrganization();
        org.admin()
                .body(Map.of("timezone", "Mars/Olympus_Mons"))
                .put("/settings/account")
                .then()
                .statusCode(400)
                .body("details[0].field", equalTo("timezone"));
        org.admin()
                .body(Map.of("language", "english please"))
                .put("/settings/account")
                .then()
                .statusCode(400)
                .body("details[0].field", equalTo("language"));
        org.admin()
                .body(Map.of("organization_name", " "))
                .put("/settings/account")
                .then()
                .statusCode(400)
                .body("details[0].field", equalTo("organization_name"));
        org.admin().get("/settings/account").then().body("account.timezone", equalTo("UTC"));
    }

    @Test
    void liveCallsInTheLiveFeedsShape() {
        var org = Routing.newOrganization();
        String callId = report(org, Routing.callId());
        String find = "calls.find { it.id == '" + callId + "' }";
        org.admin()
                .get("/calls/live")
                .then()
                .statusCode(200)
                .body("calls.id", hasItem(callId))
                .body(find + ".contact", equalTo("+15551112222"))
                .body(find + ".phone", equalTo("+15551112222"))
                .body(find + ".status", equalTo("active"))
                .body(find + ".state", equalTo("live"))
                .body(find + ".duration", isA(Integer.class));
    }
}
