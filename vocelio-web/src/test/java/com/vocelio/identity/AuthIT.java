package com.vocelio.identity;

import static com.vocelio.testing.Api.PASSWORD;
import static com.vocelio.testing.Api.anonymous;
import static com.vocelio.testing.Api.as;
import static com.vocelio.testing.Api.from;
import static com.vocelio.testing.Api.newAddress;
import static com.vocelio.testing.Api.newOrganization;
import static com.vocelio.testing.TwoFactor.code;
import static com.vocelio.testing.TwoFactor.enableTwoFactor;
import static com.vocelio.testing.TwoFactor.wrongCode;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.vocelio.testing.Api;
import io.restassured.response.ValidatableResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Contract §2 A1, A2, A5: sign-up, sign-in (with the 202 second-factor step), {@code /auth/me}, TOTP enrollment. */
class AuthIT {

    /** A sign-up form as the portal's registration screen fills it. */
    record Signup(String email, String firstName, String lastName, String organizationName, String subdomain) {

        static Signup fresh() {
            String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            return new Signup("owner@" + suffix + ".example.com", "Grace", "Hopper", "Acme " + suffix, "a" + suffix);
        }

        Map<String, Object> body() {
            return new HashMap<>(Api.registration(email, firstName, lastName, organizationName, subdomain));
        }

        ValidatableResponse register() {
            return anonymous().body(body()).post("/auth/register").then();
        }
    }

    @Test
    void registerThenLoginThenCallAnApi() {
        var signup = Signup.fresh();
        var registered = signup.register().statusCode(201);
        carriesASessionOf(registered, signup);
        String tenant = registered.extract().path("user.tenant_id");

        var loggedIn = from(newAddress())
                .body(Map.of("email", signup.email(), "password", PASSWORD, "two_factor_code", ""))
                .post("/auth/login-2fa")
                .then()
                .statusCode(200);
        carriesASessionOf(loggedIn, signup);
        loggedIn.body("user_info.tenant_id", equalTo(tenant));

        as(loggedIn.extract().path("access_token"))
                .get("/api/departments")
                .then()
                .statusCode(200)
                .body("success", equalTo(true))
                .body("departments", instanceOf(List.class));
    }

    /** What the portal stores and renders: tokens, and the user under both keys with no null string. */
    private static void carriesASessionOf(ValidatableResponse response, Signup signup) {
        response.body("access_token", not(emptyOrNullString()))
                .body("refresh_token", not(emptyOrNullString()))
                .body("token_type", equalTo("bearer"))
                .body("expires_in", greaterThan(0));
        for (String key : new String[] {"user", "user_info"}) {
            response.body(key + ".role", equalTo("admin"))
                    .body(key + ".email", equalTo(signup.email()))
                    .body(key + ".organization_name", equalTo(signup.organizationName()))
                    .body(key + ".subdomain", equalTo(signup.subdomain()))
                    .body(key + ".tenant_id", not(emptyOrNullString()))
                    .body(key + ".organization_id", not(emptyOrNullString()))
                    .body(key + ".user_metadata.first_name", equalTo(signup.firstName()))
                    .body(key + ".user_metadata.last_name", equalTo(signup.lastName()));
        }
        var json = response.extract().jsonPath();
        assertEquals(json.getString("user.tenant_id"), json.getString("user.organization_id"));
        assertEquals(json.getMap("user"), json.getMap("user_info"));
    }

    @Test
    void absentNamesAreEmptyStringsNeverNull() {
        var signup = Signup.fresh();
        var body = signup.body();
        body.remove("first_name");
        body.remove("last_name");
        anonymous()
                .body(body)
                .post("/auth/register")
                .then()
                .statusCode(201)
                .body("user_info.user_metadata.first_name", equalTo(""))
                .body("user_info.user_metadata.last_name", equalTo(""))
                .body("user_info.first_name", equalTo(""))
                .body("user.user_metadata.last_name", equalTo(""));
    }

    @Test
    void aTakenSubdomainIs409() {
        var first = Signup.fresh();
        first.register().statusCode(201);
        var second = Signup.fresh();
        anonymous()
                .body(new Signup(second.email(), "B", "B", "Other", first.subdomain()).body())
                .post("/auth/register")
                .then()
                .statusCode(409)
                .body("success", equalTo(false))
                .body("code", equalTo("subdomain_taken"));
    }

    @Test
    void aTakenEmailIs409WhateverItsCaseAndInWhicheverOrganization() {
        var first = Signup.fresh();
        first.register().statusCode(201);
        var second = Signup.fresh();
        new Signup(first.email().toUpperCase(), "B", "B", "Other", second.subdomain())
                .register()
                .statusCode(409)
                .body("success", equalTo(false))
                .body("code", equalTo("email_taken"));
        // the refused sign-up left nothing behind: its subdomain is still free
        second.register().statusCode(201);
    }

    @ParameterizedTest(name = "{0} = \"{1}\" is 400")
    @CsvSource({
        "subdomain, ab",
        "subdomain, has-dash",
        "subdomain, UpperCase",
        "subdomain, abcdefghijklmnopqrstu",
        "password, short",
        "email, not-an-email",
        "email, two@at@example.com",
        "organization_name, ' '"
    })
    void invalidSignUpFieldsAre400NamingTheField(String field, String value) {
        var body = Signup.fresh().body();
        body.put(field, value);
        anonymous()
                .body(body)
                .post("/auth/register")
                .then()
                .statusCode(400)
                .body("success", equalTo(false))
                .body("code", equalTo("invalid_input"))
                .body("details.field", hasItem(field))
                .body("message", containsString(field));
    }

    @Test
    void wrongPasswordAndUnknownEmailGetTheSameAnswer() {
        var organization = newOrganization();
        String address = newAddress();
        var wrongPassword = from(address)
                .body(Map.of("email", organization.adminEmail(), "password", "not the password", "two_factor_code", ""))
                .post("/auth/login-2fa")
                .then()
                .statusCode(401)
                .body("success", equalTo(false))
                .body("message", not(emptyOrNullString()))
                .extract()
                .jsonPath();
        var unknownEmail = from(address)
                .body(Map.of("email", "nobody-" + UUID.randomUUID() + "@example.com", "password", PASSWORD))
                .post("/auth/login-2fa")
                .then()
                .statusCode(401)
                .extract()
                .jsonPath();
        assertEquals(wrongPassword.getString("message"), unknownEmail.getString("message"));
        assertEquals(wrongPassword.getString("error"), unknownEmail.getString("error"));
        assertEquals(wrongPassword.getString("code"), unknownEmail.getString("code"));
    }

    @Test
    void loginIgnoresTheCaseOfTheEmail() {
        var organization = newOrganization();
        from(newAddress())
                .body(Map.of("email", organization.adminEmail().toUpperCase(), "password", PASSWORD))
                .post("/auth/login")
                .then()
                .statusCode(200)
                .body("user_info.email", equalTo(organization.adminEmail()));
    }

    @Test
    void meIsTheSignedInUser() {
        var signup = Signup.fresh();
        String token = signup.register().statusCode(201).extract().path("access_token");
        as(token)
                .get("/auth/me")
                .then()
                .statusCode(200)
                .body("success", equalTo(true))
                .body("user.email", equalTo(signup.email()))
                .body("user_info.email", equalTo(signup.email()))
                .body("user_info.role", equalTo("admin"))
                .body("user_info.subdomain", equalTo(signup.subdomain()))
                .body("user_info.user_metadata.first_name", equalTo(signup.firstName()))
                .body("user_info.two_factor_enabled", equalTo(false));
    }

    @Test
    void twoFactorLoginAsksFor202ThenAcceptsOnlyTheCurrentCode() {
        var organization = newOrganization();
        String address = newAddress();
        String secret = enableTwoFactor(organization.accessToken());

        for (Object noCode : new Object[] {"", null}) {
            var body = new HashMap<String, Object>(Map.of("email", organization.adminEmail(), "password", PASSWORD));
            body.put("two_factor_code", noCode);
            from(address)
                    .body(body)
                    .post("/auth/login-2fa")
                    .then()
                    .statusCode(202)
                    .body("message", not(emptyOrNullString()))
                    .body("two_factor_required", equalTo(true))
                    .body("access_token", equalTo(null));
        }

        from(address)
                .body(Map.of(
                        "email", organization.adminEmail(), "password", PASSWORD, "two_factor_code", wrongCode(secret)))
                .post("/auth/login-2fa")
                .then()
                .statusCode(401)
                .body("success", equalTo(false))
                .body("message", not(emptyOrNullString()))
                .body("access_token", equalTo(null));

        from(address)
                .body(Map.of("email", organization.adminEmail(), "password", PASSWORD, "two_factor_code", code(secret)))
                .post("/auth/login-2fa")
                .then()
                .statusCode(200)
                .body("access_token", not(emptyOrNullString()))
                .body("refresh_token", not(emptyOrNullString()))
                .body("user_info.email", equalTo(organization.adminEmail()))
                .body("user_info.two_factor_enabled", equalTo(true));
    }

    @Test
    void aCodeSignsInOnceOnly() {
        var organization = newOrganization();
        String secret = enableTwoFactor(organization.accessToken());
        var body = Map.of("email", organization.adminEmail(), "password", PASSWORD, "two_factor_code", code(secret));
        String address = newAddress();
        from(address).body(body).post("/auth/login-2fa").then().statusCode(200);
        from(address)
                .body(body)
                .post("/auth/login-2fa")
                .then()
                .statusCode(401)
                .body("code", equalTo("invalid_two_factor_code"));
    }

    @Test
    void theWrongPasswordWithAValidCodeIsStill401() {
        var organization = newOrganization();
        String secret = enableTwoFactor(organization.accessToken());
        from(newAddress())
                .body(Map.of(
                        "email",
                        organization.adminEmail(),
                        "password",
                        "not the password",
                        "two_factor_code",
                        code(secret)))
                .post("/auth/login-2fa")
                .then()
                .statusCode(401)
                .body("code", equalTo("invalid_credentials"));
    }

    @Test
    void theSecondFactorStepComesOnlyAfterTheRightPassword() {
        var organization = newOrganization();
        enableTwoFactor(organization.accessToken());
        from(newAddress())
                .body(Map.of("email", organization.adminEmail(), "password", "not the password", "two_factor_code", ""))
                .post("/auth/login-2fa")
                .then()
                .statusCode(401)
                .body("code", equalTo("invalid_credentials"));
    }

    @Test
    void plainLoginWithoutTheCodeIs401ForATwoFactorUser() {
        var organization = newOrganization();
        String secret = enableTwoFactor(organization.accessToken());
        String address = newAddress();
        from(address)
                .body(Map.of("email", organization.adminEmail(), "password", PASSWORD))
                .post("/auth/login")
                .then()
                .statusCode(401)
                .body("success", equalTo(false))
                .body("code", equalTo("two_factor_required"))
                .body("message", not(emptyOrNullString()));
        from(address)
                .body(Map.of("email", organization.adminEmail(), "password", PASSWORD, "two_factor_code", code(secret)))
                .post("/auth/login")
                .then()
                .statusCode(200)
                .body("access_token", not(emptyOrNullString()));
    }

    @Test
    void twoFactorIsOffUntilAFirstCodeConfirmsIt() {
        var organization = newOrganization();
        String token = organization.accessToken();
        String secret = as(token)
                .post("/auth/setup-2fa")
                .then()
                .statusCode(200)
                .body("secret", not(emptyOrNullString()))
                .body("otpauth_url", startsWith("otpauth://totp/"))
                .extract()
                .path("secret");

        // enrollment started but not confirmed: sign-in needs no code yet
        from(newAddress())
                .body(Map.of("email", organization.adminEmail(), "password", PASSWORD, "two_factor_code", ""))
                .post("/auth/login-2fa")
                .then()
                .statusCode(200);

        as(token)
                .body(Map.of("code", wrongCode(secret)))
                .post("/auth/verify-2fa")
                .then()
                .statusCode(400)
                .body("details.field", hasItem("code"));
        as(token).get("/auth/me").then().body("user_info.two_factor_enabled", equalTo(false));

        as(token)
                .body(Map.of("code", code(secret)))
                .post("/auth/verify-2fa")
                .then()
                .statusCode(200)
                .body("two_factor_enabled", equalTo(true));
        as(token).get("/auth/me").then().body("user_info.two_factor_enabled", equalTo(true));
    }

    @Test
    void verifyingWithoutASetupIs400() {
        var organization = newOrganization();
        as(organization.accessToken())
                .body(Map.of("code", "123456"))
                .post("/auth/verify-2fa")
                .then()
                .statusCode(400)
                .body("details.field", hasItem("code"));
    }
}
