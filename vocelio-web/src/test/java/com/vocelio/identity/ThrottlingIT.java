package com.vocelio.identity;

import static com.vocelio.testing.Api.PASSWORD;
import static com.vocelio.testing.Api.from;
import static com.vocelio.testing.Api.newAddress;
import static com.vocelio.testing.Api.newOrganization;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.testing.Api;
import com.vocelio.testing.TwoFactor;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Password guessing is throttled (defaults: 5 failures per email, 20 per client address, within 15 minutes): past
 * the limit sign-in answers 429 with Retry-After, even for the right password. Each test signs in from addresses of
 * its own (X-Forwarded-For) so that its lockouts stay its own.
 *
 * <p>The per-caller API rate limit (6000 requests a minute by default) is not exercised here: reaching it would take
 * thousands of requests, and the test server runs with the default.
 */
class ThrottlingIT {

    private static final int FAILURES_PER_EMAIL = 5;
    private static final int FAILURES_PER_ADDRESS = 20;

    private static ValidatableResponse login(String address, String email, String password) {
        return from(address)
                .body(Map.of("email", email, "password", password, "two_factor_code", ""))
                .post("/auth/login-2fa")
                .then();
    }

    private static void isThrottled(ValidatableResponse response) {
        response.statusCode(429)
                .contentType(ContentType.JSON)
                .body("success", equalTo(false))
                .body("code", equalTo("too_many_requests"))
                .body("message", not(emptyOrNullString()));
        long retryAfter = Long.parseLong(response.extract().header("Retry-After"));
        assertTrue(retryAfter > 0 && retryAfter <= 15 * 60, "Retry-After: " + retryAfter);
    }

    private static String unknownEmail() {
        return "nobody-" + UUID.randomUUID() + "@example.com";
    }

    @Test
    void fiveFailuresForAnEmailLockItEvenForTheRightPassword() {
        var organization = newOrganization();
        String email = organization.adminEmail();
        // from a new address each time: the lock is the email's
        for (int i = 0; i < FAILURES_PER_EMAIL; i++) {
            login(newAddress(), email, "wrong password " + i).statusCode(401);
        }
        isThrottled(login(newAddress(), email, PASSWORD));
        isThrottled(from(newAddress())
                .body(Map.of("email", email.toUpperCase(), "password", PASSWORD))
                .post("/auth/login")
                .then());
    }

    @Test
    void anEmailsLockLeavesOtherEmailsAlone() {
        var organization = newOrganization();
        var colleague = Api.user(organization, "supervisor", null);
        String address = newAddress();
        for (int i = 0; i < FAILURES_PER_EMAIL; i++) {
            login(address, organization.adminEmail(), "wrong password").statusCode(401);
        }
        isThrottled(login(address, organization.adminEmail(), PASSWORD));
        login(address, colleague.email(), PASSWORD).statusCode(200);
    }

    @Test
    void anUnknownEmailIsLockedLikeAKnownOne() {
        String email = unknownEmail();
        for (int i = 0; i < FAILURES_PER_EMAIL; i++) {
            login(newAddress(), email, "whatever " + i).statusCode(401);
        }
        isThrottled(login(newAddress(), email, "whatever"));
    }

    @Test
    void aSuccessfulSignInForgivesTheEmailsFailures() {
        var organization = newOrganization();
        String email = organization.adminEmail();
        String address = newAddress();
        for (int i = 0; i < FAILURES_PER_EMAIL - 1; i++) {
            login(address, email, "wrong password").statusCode(401);
        }
        login(address, email, PASSWORD).statusCode(200);
        for (int i = 0; i < FAILURES_PER_EMAIL - 1; i++) {
            login(address, email, "wrong password").statusCode(401);
        }
        login(address, email, PASSWORD).statusCode(200);
    }

    @Test
    void twentyFailuresFromAnAddressLockItForEveryEmail() {
        var organization = newOrganization();
        String address = newAddress();
        for (int i = 0; i < FAILURES_PER_ADDRESS; i++) {
            login(address, unknownEmail(), "guess " + i).statusCode(401);
        }
        isThrottled(login(address, organization.adminEmail(), PASSWORD));
        isThrottled(login(address, unknownEmail(), "guess"));
        // the same user from elsewhere is not locked out
        login(newAddress(), organization.adminEmail(), PASSWORD).statusCode(200);
    }

    @Test
    void wrongTwoFactorCodesCountAsFailures() {
        var organization = newOrganization();
        String secret = TwoFactor.enableTwoFactor(organization.accessToken());
        String email = organization.adminEmail();
        for (int i = 0; i < FAILURES_PER_EMAIL; i++) {
            from(newAddress())
                    .body(Map.of("email", email, "password", PASSWORD, "two_factor_code", TwoFactor.wrongCode(secret)))
                    .post("/auth/login-2fa")
                    .then()
                    .statusCode(401);
        }
        isThrottled(from(newAddress())
                .body(Map.of("email", email, "password", PASSWORD, "two_factor_code", TwoFactor.code(secret)))
                .post("/auth/login-2fa")
                .then());
    }
}
