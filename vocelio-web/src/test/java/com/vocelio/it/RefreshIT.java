package com.vocelio.it;

import static com.vocelio.it.Api.PASSWORD;
import static com.vocelio.it.Api.anonymous;
import static com.vocelio.it.Api.as;
import static com.vocelio.it.Api.from;
import static com.vocelio.it.Api.newAddress;
import static com.vocelio.it.Api.newOrganization;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Contract §2 A3/A4: rotating refresh tokens with reuse detection, and sign-out. */
class RefreshIT {

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
        return from(newAddress())
                .body(Map.of("email", email, "password", PASSWORD))
                .post("/auth/login")
                .then()
                .statusCode(200)
                .extract()
                .path("refresh_token");
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
    void aRefreshTokenWorksOnce() {
        var organization = newOrganization();
        String second = rotate(organization.refreshToken());
        refresh(organization.refreshToken())
                .statusCode(401)
                .contentType(ContentType.JSON)
                .body("success", equalTo(false))
                .body("message", not(emptyOrNullString()));
        assertNotEquals(organization.refreshToken(), second);
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
        rotate(first);
        refresh(first).statusCode(401).body("code", equalTo("refresh_token_reused"));

        rotate(otherLogin);
    }

    @Test
    void concurrentUsesOfOneTokenRotateItOnceAndCountAsReuse() throws Exception {
        var organization = newOrganization();
        var pool = Executors.newFixedThreadPool(4);
        try {
            var calls = new ArrayList<Callable<Integer>>();
            for (int i = 0; i < 4; i++) {
                calls.add(() -> refresh(organization.refreshToken()).extract().statusCode());
            }
            var statuses = new ArrayList<Integer>();
            for (var future : pool.invokeAll(calls)) {
                statuses.add(future.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
            assertEquals(3, statuses.stream().filter(s -> s == 401).count(), statuses.toString());
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
