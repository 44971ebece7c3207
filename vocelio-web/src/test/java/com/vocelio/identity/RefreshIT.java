package com.vocelio.identity;

import static com.vocelio.testing.Api.anonymous;
import static com.vocelio.testing.Api.as;
import static com.vocelio.testing.Api.newOrganization;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.vocelio.testing.Api;
import com.vocelio.testing.TestServer;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Contract §2 A3/A4: rotating refresh tokens with reuse detection (and its grace for concurrent refreshes), and sign-out. */
class RefreshIT {

    /** The suite's server runs with a short reuse grace ({@code TestServer}), so waiting it out is quick. */
    static final Duration GRACE = Duration.parse(TestServer.REFRESH_REUSE_GRACE);

    private static ValidatableResponse refresh(String refreshToken) {
        return anonymous()
                .body(Map.of("refresh_token", refreshToken))
                .post("/auth/refresh")
                .then();
    }

    /** Uses a refresh token that must work and returns its successor. */
    private static String rotate(String refreshToken) {
        return refresh(refreshToken).statusCode(200).extract().path("refresh_token");
    }

    private static String login(String email) {
        return Api.login(email).statusCode(200).extract().path("refresh_token");
    }

    @Test
    void refreshGivesANewAccessTokenAndANewRefreshToken() {
        var organization = newOrganization();
        var renewed = refresh(organization.refreshToken())
                .statusCode(200)
                .body("success", equalTo(true))
                .body("access_token", not(emptyOrNullString()))
                .body("refresh_token", not(emptyOrNullString()))
                .body("token_type", equalTo("bearer"))
                .body("user_info.email", equalTo(organization.adminEmail()))
                .body("user.tenant_id", equalTo(organization.id()))
                .extract()
                .jsonPath();
        assertNotEquals(organization.refreshToken(), renewed.getString("refresh_token"));
        as(renewed.getString("access_token")).get("/api/departments").then().statusCode(200);
    }

    @Test
    void aTokenPresentedAgainWithinTheGraceGetsTheSamePair() {
        var organization = newOrganization();
        var first =
                refresh(organization.refreshToken()).statusCode(200).extract().jsonPath();
        var again =
                refresh(organization.refreshToken()).statusCode(200).extract().jsonPath();
        assertEquals(first.getString("refresh_token"), again.getString("refresh_token"));
        assertEquals(first.getString("access_token"), again.getString("access_token"));
        assertNotEquals(organization.refreshToken(), first.getString("refresh_token"));
        rotate(again.getString("refresh_token"));
    }

    @Test
    void aTokenPresentedAgainAfterTheGraceRevokesTheLogin() throws InterruptedException {
        var organization = newOrganization();
        String second = rotate(organization.refreshToken());
        Thread.sleep(GRACE.plusMillis(1_500).toMillis());
        refresh(organization.refreshToken())
                .statusCode(401)
                .contentType(ContentType.JSON)
                .body("success", equalTo(false))
                .body("code", equalTo("refresh_token_reused"))
                .body("message", not(emptyOrNullString()));
        refresh(second).statusCode(401).body("success", equalTo(false));
    }

    @Test
    void reusingARotatedTokenRevokesTheWholeFamily() {
        var organization = newOrganization();
        String first = organization.refreshToken();
        String second = rotate(first);
        String newest = rotate(second);

        refresh(first)
                .statusCode(401)
                .body("success", equalTo(false))
                .body("code", equalTo("refresh_token_reused"))
                .body("message", not(emptyOrNullString()));

        // whoever held the newest token of that login is signed out too
        refresh(newest).statusCode(401).body("success", equalTo(false));
    }

    @Test
    void reuseRevokesOnlyThatLoginsFamily() {
        var organization = newOrganization();
        String otherLogin = login(organization.adminEmail());
        String first = organization.refreshToken();
        rotate(rotate(first)); // its successor is used too: no grace
        refresh(first).statusCode(401).body("code", equalTo("refresh_token_reused"));

        rotate(otherLogin);
    }

    @Test
    void concurrentRefreshesWithOneTokenAllGetTheWinnersPairAndTheLoginLives() throws Exception {
        var organization = newOrganization();
        var pool = Executors.newFixedThreadPool(4);
        try {
            var calls = new ArrayList<Callable<ExtractableResponse<Response>>>();
            for (int i = 0; i < 4; i++) {
                calls.add(() -> refresh(organization.refreshToken()).extract());
            }
            var pairs = new HashSet<List<String>>();
            for (var future : pool.invokeAll(calls)) {
                var response = future.get();
                assertEquals(200, response.statusCode(), response.asString());
                pairs.add(List.of(response.path("access_token"), response.path("refresh_token")));
            }
            assertEquals(1, pairs.size(), "every refresh got the same pair: " + pairs);
            var pair = pairs.iterator().next();
            as(pair.get(0)).get("/api/departments").then().statusCode(200);
            // the winner's refresh token is not revoked: it works once more, like any fresh one
            rotate(pair.get(1));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void logoutRevokesEveryRefreshTokenOfTheUser() {
        var organization = newOrganization();
        String otherLogin = login(organization.adminEmail());
        String rotated = rotate(organization.refreshToken());

        as(organization.accessToken())
                .post("/auth/logout")
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("success", equalTo(true))
                .body("message", not(emptyOrNullString()));

        refresh(rotated).statusCode(401).body("success", equalTo(false));
        refresh(otherLogin).statusCode(401).body("success", equalTo(false));
        // a new sign-in starts a new family
        rotate(login(organization.adminEmail()));
    }

    @Test
    void logoutOfOneUserLeavesTheOthersSignedIn() {
        var organization = newOrganization();
        var colleague = Api.user(organization, "supervisor", null);
        String colleagueRefresh = login(colleague.email());
        as(organization.accessToken()).post("/auth/logout").then().statusCode(200);
        rotate(colleagueRefresh);
    }

    @Test
    void logoutWithoutATokenIs401() {
        anonymous().post("/auth/logout").then().statusCode(401).body("success", equalTo(false));
    }

    @Test
    void aMissingRefreshTokenIs400NamingTheField() {
        anonymous()
                .body(Map.of())
                .post("/auth/refresh")
                .then()
                .statusCode(400)
                .contentType(ContentType.JSON)
                .body("success", equalTo(false))
                .body("details.field", hasItem("refresh_token"));
        anonymous()
                .body(Map.of("refresh_token", ""))
                .post("/auth/refresh")
                .then()
                .statusCode(400)
                .body("details.field", hasItem("refresh_token"));
        anonymous().body("").post("/auth/refresh").then().statusCode(400).body("success", equalTo(false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"vrt_not-a-token-we-issued", "garbage", "eyJhbGciOiJub25lIn0.e30."})
    void anUnknownRefreshTokenIs401(String token) {
        refresh(token)
                .statusCode(401)
                .contentType(ContentType.JSON)
                .body("success", equalTo(false))
                .body("code", equalTo("invalid_refresh_token"))
                .body("message", not(emptyOrNullString()));
    }

    @Test
    void anAccessTokenIsNoRefreshToken() {
        var organization = newOrganization();
        refresh(organization.accessToken()).statusCode(401).body("code", equalTo("invalid_refresh_token"));
    }
}
