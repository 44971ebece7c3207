package com.vocelio.identity;

import static com.vocelio.testing.Api.accessToken;
import static com.vocelio.testing.Api.anonymous;
import static com.vocelio.testing.Api.as;
import static com.vocelio.testing.Api.newOrganization;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.vocelio.testing.Api;
import com.vocelio.testing.Feeds;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.websocket.CloseReason;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An access token stops working as soon as its user is deactivated, deleted, demoted or given a new password — not
 * when it expires 15 minutes later. Tokens are checked without the database, so the revocation travels as
 * an event; it must take effect within a second.
 */
class RevocationIT {

    static final Duration AT_ONCE = Duration.ofSeconds(1);

    private Api.Organization organization;

    @BeforeEach
    void newOrganizationPerTest() {
        organization = newOrganization();
    }

    /** A fresh supervisor, signed in: what they can do with the token before anything is revoked. */
    private Api.User signedInSupervisor() {
        var user = Api.user(organization, "supervisor", null);
        as(accessToken(user.email())).get("/api/departments").then().statusCode(200);
        return user;
    }

    private static void refusedWithin(Duration limit, RequestSpecification request) {
        long deadline = System.nanoTime() + limit.toNanos();
        int status;
        do {
            status = request.get("/api/departments").statusCode();
            if (status == 401) {
                return;
            }
        } while (System.nanoTime() < deadline);
        fail("the token still answered " + status + " " + limit.toMillis() + " ms after its revocation");
    }

    private void revokes(Consumer<Api.User> change) {
        var user = signedInSupervisor();
        String token = accessToken(user.email());
        as(token).get("/auth/me").then().statusCode(200);
        change.accept(user);
        refusedWithin(AT_ONCE, as(token));
        as(token).get("/auth/me").then().statusCode(401).body("success", equalTo(false));
    }

    private void adminChanges(Api.User user, Map<String, Object> change) {
        organization
                .asAdmin()
                .body(change)
                .put("/api/users/" + user.id())
                .then()
                .statusCode(200);
    }

    @Test
    void aDeactivatedUsersTokenStopsWorkingAtOnce() {
        revokes(user -> adminChanges(user, Map.of("active", false)));
    }

    @Test
    void aDeletedUsersTokenStopsWorkingAtOnce() {
        revokes(user ->
                organization.asAdmin().delete("/api/users/" + user.id()).then().statusCode(200));
    }

    @Test
    void aNewPasswordEndsTheTokensIssuedBefore() {
        revokes(user -> adminChanges(user, Map.of("password", "a brand new passphrase")));
    }

    @Test
    void aDeactivatedUsersLiveSocketIsClosed() {
        var user = signedInSupervisor();
        try (var feed = Feeds.transfersFeed(accessToken(user.email()))) {
            adminChanges(user, Map.of("active", false));
            var reason = feed.awaitClose(AT_ONCE);
            assertEquals(CloseReason.CloseCodes.VIOLATED_POLICY, reason.getCloseCode());
        }
    }

    @Test
    void aDemotedUsersNextRefreshCarriesTheNewRole() {
        var user = Api.user(organization, "admin", null);
        JsonPath session = Api.login(user.email()).statusCode(200).extract().jsonPath();
        String token = session.getString("access_token");
        as(token)
                .body(Map.of("name", Api.unique("Sales"), "phone_number", "+15551230003"))
                .post("/api/departments")
                .then()
                .statusCode(201);

        adminChanges(user, Map.of("role", "supervisor"));
        refusedWithin(AT_ONCE, as(token));

        JsonPath renewed = anonymous()
                .body(Map.of("refresh_token", session.getString("refresh_token")))
                .post("/auth/refresh")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        String supervisorToken = renewed.getString("access_token");
        as(supervisorToken).get("/auth/me").then().statusCode(200).body("user.role", equalTo("supervisor"));
        as(supervisorToken)
                .body(Map.of("name", Api.unique("Sales"), "phone_number", "+15551230003"))
                .post("/api/departments")
                .then()
                .statusCode(403);
    }

    @Test
    void aReactivatedUserSignsInAgainAtOnceEvenWithinTheSecondOfTheRevocation() {
        var user = signedInSupervisor();
        adminChanges(user, Map.of("active", false));
        adminChanges(user, Map.of("active", true));
        String fresh = accessToken(user.email());
        long deadline = System.nanoTime() + AT_ONCE.toNanos() * 2;
        while (System.nanoTime() < deadline) { // the revocation arrives meanwhile: the new token outlives it
            assertEquals(200, as(fresh).get("/api/departments").statusCode());
        }
    }

    @Test
    void otherUsersOfTheOrganizationKeepTheirTokens() {
        var kept = signedInSupervisor();
        String keptToken = accessToken(kept.email());
        revokes(user -> adminChanges(user, Map.of("active", false)));
        as(keptToken).get("/api/departments").then().statusCode(200);
        organization.asAdmin().get("/api/departments").then().statusCode(200);
    }
}
