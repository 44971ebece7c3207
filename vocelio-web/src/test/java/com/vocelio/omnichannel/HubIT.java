package com.vocelio.omnichannel;

import static com.vocelio.testing.Api.anonymous;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.isA;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.vocelio.testing.Api;
import com.vocelio.testing.Routing;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The omnichannel hub's endpoints (contract §7), polled from every page without a token: any answer but 2xx JSON
 * crashes the portal, so without a token each answers well-formed and empty, and with one the organization's own
 * data — never another's.
 */
class HubIT {

    private static Routing ours;
    private static Routing theirs;
    private static String ourCall;
    private static String theirCall;

    @BeforeAll
    static void twoOrganizationsEachWithALiveCall() {
        ours = Routing.newOrganization();
        theirs = Routing.newOrganization();
        ourCall = report(ours);
        theirCall = report(theirs);
    }

    private static String report(Routing organization) {
        String callId = Routing.callId();
        organization
                .admin()
                .body(Map.of("call_id", callId, "caller_number", "+15557654321"))
                .post("/api/calls")
                .then()
                .statusCode(201);
        return callId;
    }

    /** The portal's hub client: no token at all, or (from the axios clients) {@code Bearer } with nothing after it. */
    static List<Supplier<RequestSpecification>> anonymousClients() {
        return List.of(
                () -> anonymous().header("Origin", Api.ORIGIN),
                () -> anonymous().header("Origin", Api.ORIGIN).header("Authorization", "Bearer "));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/channels/integrations",
                "/sessions/active",
                "/analytics/dashboard?range=24h",
                "/analytics/channel-performance?channel=voice&range=7d",
                "/notifications?limit=20&unread_only=false",
                "/campaigns/active",
                "/capabilities",
                "/status",
                "/health",
                "/dashboard/stats",
                "/settings/account",
                "/calls/live"
            })
    void everyPollAnswersWithoutATokenWithJsonAndCors(String path) {
        for (var client : anonymousClients()) {
            client.get()
                    .get(path)
                    .then()
                    .statusCode(200)
                    .contentType(ContentType.JSON)
                    .header("Access-Control-Allow-Origin", "*");
        }
    }

    @Test
    void withoutATokenNothingOfAnyOrganizationIsShown() {
        anonymous().get("/sessions/active").then().body("sessions", empty()).body("total", equalTo(0));
        anonymous().get("/calls/live").then().body("calls", empty());
        anonymous().get("/notifications").then().body("$", empty());
        anonymous()
                .get("/analytics/dashboard?range=24h")
                .then()
                .body("totalSessions", equalTo(0))
                .body("activeSessions", equalTo(0))
                .body("trends", empty());
        anonymous().get("/channels/integrations").then().body("integrations.voice.metrics.active_sessions", equalTo(0));
        anonymous().get("/settings/account").then().body("account", equalTo(Map.of()));
    }

    @Test
    void integrationsListEveryChannelWithVoiceActiveOnTheConfiguredTelephony() {
        ours.admin()
                .get("/channels/integrations")
                .then()
                .statusCode(200)
                .body("integrations.voice.channel", equalTo("voice"))
                .body("integrations.voice.enabled", equalTo(true))
                .body("integrations.voice.status", equalTo("active"))
                .body("integrations.voice.configuration.provider", equalTo("simulated"))
                .body("integrations.voice.metrics.active_sessions", greaterThanOrEqualTo(1))
                .body("integrations.voice.metrics.responseTime", isA(Number.class))
                .body("integrations.sms.channel", equalTo("sms"))
                .body("integrations.sms.enabled", equalTo(false))
                .body("integrations.sms.status", equalTo("inactive"))
                .body("integrations.size()", equalTo(8))
                .body("active_channels", equalTo(1));
    }

    @Test
    void sessionsAreTheOrganizationsLiveCallsOnly() {
        String find = "sessions.find { it.session_id == '" + ourCall + "' }";
        ours.admin()
                .get("/sessions/active")
                .then()
                .statusCode(200)
                .body(find + ".status", equalTo("active"))
                .body(find + ".channel_type", equalTo("voice"))
                .body(find + ".customer_name", equalTo("+15557654321"))
                .body(find + ".customer_info.phone", equalTo("+15557654321"))
                .body(find + ".created_at", isA(String.class))
                .body("sessions.session_id", not(hasItem(theirCall)));
        theirs.admin().get("/sessions/active").then().body("sessions.session_id", not(hasItem(ourCall)));
    }

    @Test
    void theDashboardCountsTheOrganizationsCalls() {
        var fresh = Routing.newOrganization();
        report(fresh);
        report(fresh);
        fresh.admin()
                .get("/analytics/dashboard?range=24h")
                .then()
                .statusCode(200)
                .body("totalSessions", equalTo(2))
                .body("activeSessions", equalTo(2))
                .body("activeChannels", equalTo(1))
                .body("responseTime", isA(Number.class))
                .body("improvement", isA(Number.class))
                .body("channelMetrics.voice.sessions", equalTo(2))
                .body("trends.sessions.sum()", equalTo(2));
        fresh.admin()
                .get("/analytics/channel-performance?channel=voice&range=7d")
                .then()
                .statusCode(200)
                .body("channel", equalTo("voice"))
                .body("metrics.totalSessions", equalTo(2))
                .body("hourlyData.sessions.sum()", equalTo(2));
        fresh.admin()
                .get("/analytics/channel-performance?channel=sms")
                .then()
                .statusCode(200)
                .body("metrics.totalSessions", equalTo(0));
    }

    @Test
    void badParametersNameTheField() {
        anonymous()
                .get("/analytics/dashboard?range=forever")
                .then()
                .statusCode(400)
                .body("details[0].field", equalTo("range"));
        anonymous()
                .get("/analytics/channel-performance?channel=pigeon")
                .then()
                .statusCode(400)
                .body("details[0].field", equalTo("channel"));
        anonymous().get("/notifications?limit=0").then().statusCode(400).body("details[0].field", equalTo("limit"));
        anonymous()
                .get("/notifications?unread_only=maybe")
                .then()
                .statusCode(400)
                .body("details[0].field", equalTo("unread_only"));
    }

    @Test
    void notificationsAreTheOrganizationsSystemAlertsMarkedReadPerUser() {
        // an overflow raises a system alert
        var alerting = Routing.newOrganization();
        String overflow = alerting.department(Map.of());
        String home = alerting.department(Map.of("overflow_department_id", overflow, "overflow_after_seconds", 1));
        alerting.request(home);
        var alerts = Routing.await(
                "the overflow's system alert",
                () -> alerting.admin()
                        .get("/notifications?limit=20&unread_only=false")
                        .then()
                        .extract()
                        .jsonPath(),
                list -> !list.getList("$").isEmpty());
        assertEquals("Transfer overflowed", alerts.getString("[0].title"));
        assertEquals(false, alerts.getBoolean("[0].read"));
        assertEquals("medium", alerts.getString("[0].priority"));
        String id = alerts.getString("[0].id");

        alerting.admin()
                .put("/notifications/" + id + "/read")
                .then()
                .statusCode(200)
                .body("notification.id", equalTo(id))
                .body("notification.read", equalTo(true));
        alerting.admin().put("/notifications/" + id + "/read").then().statusCode(200);
        alerting.admin().get("/notifications").then().body("find { it.id == '" + id + "' }.read", equalTo(true));
        alerting.admin().get("/notifications?unread_only=true").then().body("id", not(hasItem(id)));
        // read marks are the user's own
        Api.as(Api.signedIn(alerting.organization(), "supervisor", null))
                .get("/notifications?unread_only=true")
                .then()
                .body("id", hasItem(id));

        ours.admin().get("/notifications").then().body("id", not(hasItem(id)));
        ours.admin()
                .put("/notifications/" + id + "/read")
                .then()
                .statusCode(404)
                .body("success", equalTo(false));
        anonymous().put("/notifications/" + id + "/read").then().statusCode(401);
        alerting.admin().put("/notifications/nope/read").then().statusCode(404);
    }

    @Test
    void campaignsAndCapabilities() {
        ours.admin().get("/campaigns/active").then().statusCode(200).body("campaigns", hasSize(0));
        anonymous()
                .get("/capabilities")
                .then()
                .statusCode(200)
                .body("channels", equalTo(List.of("voice")))
                .body("features", hasItem("call_transfer"));
        anonymous().get("/status").then().statusCode(200).body("status", equalTo("healthy"));
    }
}
