package com.vocelio.testing;

import static com.vocelio.testing.Api.as;
import static org.hamcrest.Matchers.equalTo;

import com.vocelio.identity.control.Totp;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** A user's authenticator app: enrolls in TOTP through the API and computes the codes it would show. */
public final class TwoFactor {

    private TwoFactor() {}

    /** Enrolls the token's user in TOTP and returns the secret (what the authenticator app would hold). */
    public static String enableTwoFactor(String accessToken) {
        String secret = as(accessToken)
                .post("/auth/setup-2fa")
                .then()
                .statusCode(200)
                .extract()
                .path("secret");
        as(accessToken)
                .body(Map.of("code", code(secret)))
                .post("/auth/verify-2fa")
                .then()
                .statusCode(200)
                .body("two_factor_enabled", equalTo(true));
        return secret;
    }

    /** The code an authenticator app shows now. */
    public static String code(String secret) {
        return String.format("%06d", Totp.codeAt(secret, Instant.now()));
    }

    /** Six digits that are none of the codes accepted now (the current step and one either side). */
    public static String wrongCode(String secret) {
        Instant now = Instant.now();
        var accepted = Set.of(
                Totp.codeAt(secret, now.minusSeconds(60)),
                Totp.codeAt(secret, now.minusSeconds(30)),
                Totp.codeAt(secret, now),
                Totp.codeAt(secret, now.plusSeconds(30)),
                Totp.codeAt(secret, now.plusSeconds(60)));
        int candidate = Totp.codeAt(secret, now);
        while (accepted.contains(candidate)) {
            candidate = (candidate + 1) % 1_000_000;
        }
        return String.format("%06d", candidate);
    }
}
