package com.vocelio.identity;

import static com.vocelio.testing.Api.anonymous;
import static com.vocelio.testing.Api.as;
import static com.vocelio.testing.Api.newOrganization;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.vocelio.testing.Api;
import com.vocelio.testing.EventClient;
import com.vocelio.testing.Tokens;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Access tokens the application did not issue, or no longer honours, are refused with 401 JSON. The forgeries are
 * made with the application's own signing key (read from its database) where only one claim is wrong, so that each
 * refusal is for that claim; {@link #aTokenWithTheIssuedClaimsAndTheApplicationsKeyIsAccepted} shows the same
 * recipe is otherwise accepted.
 */
class TokensIT {

    private static final String[] PROTECTED = {"/api/departments", "/departments", "/auth/me"};

    private static Api.Organization organization;
    private static String adminId;
    private static PrivateKey applicationKey;
    private static String publicKeyPem;

    @BeforeAll
    static void signUpAndReadTheSigningKey() {
        organization = newOrganization();
        adminId = Api.userId(organization.accessToken());
        applicationKey = Tokens.applicationKey();
        publicKeyPem = Tokens.applicationPublicKeyPem();
    }

    /** The claims {@code AccessTokens} issues for the organization's admin, valid for five minutes from now. */
    private static JWTClaimsSet.Builder issuedClaims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer("vocelio")
                .subject(adminId)
                .claim("upn", organization.adminEmail())
                .claim("groups", List.of("admin"))
                .claim("tenant_id", organization.id())
                .claim("org", organization.subdomain())
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
    }

    private static String signedByTheApplication(UnaryOperator<JWTClaimsSet.Builder> change) {
        return Tokens.signed(change.apply(issuedClaims()).build(), applicationKey);
    }

    @Test
    void aTokenWithTheIssuedClaimsAndTheApplicationsKeyIsAccepted() {
        String token = signedByTheApplication(claims -> claims);
        for (String path : PROTECTED) {
            as(token).get(path).then().statusCode(200).body("success", equalTo(true));
        }
        as(token).get("/auth/me").then().body("user.email", equalTo(organization.adminEmail()));
    }

    @Test
    void aSocketIsClosedWith1008WhenItsTokenExpires() {
        String shortLived = signedByTheApplication(
                claims -> claims.expirationTime(Date.from(Instant.now().plusSeconds(2))));
        try (var client = EventClient.signedIn("/ws/transfers", shortLived)) {
            var reason = client.awaitClose(Duration.ofSeconds(5));
            assertEquals(1008, reason.getCloseCode().getCode(), reason.toString());
        }
    }

    @Test
    void aFreshTokenSentBeforeExpiryKeepsTheSocketOpen() {
        String shortLived = signedByTheApplication(
                claims -> claims.expirationTime(Date.from(Instant.now().plusSeconds(2))));
        try (var client = EventClient.signedIn("/ws/transfers", shortLived)) {
            client.send("{\"type\":\"auth\",\"token\":\"" + signedByTheApplication(claims -> claims) + "\"}");
            sleep(Duration.ofSeconds(3));
            assertTrue(client.isOpen(), client.describe());
            client.send("{\"type\":\"ping\"}");
            client.await("pong", Duration.ofSeconds(2), m -> "pong".equals(m.getString("type", "")));
        }
    }

    @Test
    void aFreshTokenOfAnotherOrganizationEndsTheSocket() {
        try (var client = EventClient.signedIn("/ws/transfers", signedByTheApplication(claims -> claims))) {
            String foreign = newOrganization().accessToken();
            client.send("{\"type\":\"auth\",\"token\":\"" + foreign + "\"}");
            var reason = client.awaitClose(Duration.ofSeconds(3));
            assertEquals(1008, reason.getCloseCode().getCode(), reason.toString());
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void noTokenIs401Json() {
        for (String path : PROTECTED) {
            anonymous()
                    .get(path)
                    .then()
                    .statusCode(401)
                    .contentType(ContentType.JSON)
                    .body("success", equalTo(false))
                    .body("code", not(emptyOrNullString()))
                    .body("message", not(emptyOrNullString()));
        }
    }

    static Stream<Arguments> rejectedAuthorizations() throws Exception {
        String real = organization.accessToken();
        String[] parts = real.split("\\.");
        var hmacConfusion = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .type(JOSEObjectType.JWT)
                        .keyID("primary")
                        .build(),
                issuedClaims().build());
        hmacConfusion.sign(new MACSigner(publicKeyPem.getBytes(StandardCharsets.US_ASCII)));
        return Stream.of(
                Arguments.of(Named.of("an empty bearer", "Bearer ")),
                Arguments.of(Named.of("a garbage bearer", "Bearer garbage")),
                Arguments.of(Named.of("three garbage parts", "Bearer aaa.bbb.ccc")),
                Arguments.of(Named.of("another scheme", "Basic YWRtaW46YWRtaW4=")),
                Arguments.of(Named.of("a token without its scheme", real)),
                Arguments.of(Named.of("one payload character changed", "Bearer " + tamperedOneCharacter(parts))),
                Arguments.of(Named.of("a payload rewritten under the old signature", "Bearer " + rewritten(parts))),
                Arguments.of(Named.of("the signature cut off", "Bearer " + parts[0] + "." + parts[1] + ".")),
                Arguments.of(Named.of(
                        "an expired token",
                        "Bearer "
                                + signedByTheApplication(claims -> claims.issueTime(
                                                Date.from(Instant.now().minus(Duration.ofMinutes(30))))
                                        .expirationTime(Date.from(Instant.now().minus(Duration.ofMinutes(10))))))),
                Arguments.of(Named.of(
                        "a wrong issuer", "Bearer " + signedByTheApplication(claims -> claims.issuer("someone-else")))),
                Arguments.of(Named.of("no issuer", "Bearer " + signedByTheApplication(claims -> claims.issuer(null)))),
                Arguments.of(Named.of(
                        "another key", "Bearer " + Tokens.signed(issuedClaims().build(), Tokens.freshKey()))),
                Arguments.of(Named.of(
                        "an unsigned token (alg none)",
                        "Bearer " + new PlainJWT(issuedClaims().build()).serialize())),
                Arguments.of(Named.of("HS256 keyed with the public key", "Bearer " + hmacConfusion.serialize())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedAuthorizations")
    void isRejectedWith401Json(String authorization) {
        for (String path : PROTECTED) {
            anonymous()
                    .header("Authorization", authorization)
                    .get(path)
                    .then()
                    .statusCode(401)
                    .contentType(ContentType.JSON)
                    .body("success", equalTo(false))
                    .body("code", not(emptyOrNullString()))
                    .body("message", not(emptyOrNullString()));
        }
    }

    /** Signed by the application but naming no organization: nothing can run, fail closed. */
    @Test
    void aTokenWithoutATenantIs401() {
        String token = signedByTheApplication(claims -> claims.claim("tenant_id", null));
        for (String path : PROTECTED) {
            as(token)
                    .get(path)
                    .then()
                    .statusCode(401)
                    .contentType(ContentType.JSON)
                    .body("success", equalTo(false));
        }
    }

    /** Signed by the application with a role it never grants: authenticated, but allowed nothing. */
    @ParameterizedTest
    @ValueSource(strings = {"/departments", "/agents", "/auth/me", "/api/users"})
    void aTokenWithAnUnknownRoleIs403(String path) {
        isForbiddenWithAnUnknownRole(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/departments", "/api/agents"})
    void aTokenWithAnUnknownRoleIs403OnTheApiAliasesToo(String path) {
        isForbiddenWithAnUnknownRole(path);
    }

    private static void isForbiddenWithAnUnknownRole(String path) {
        String token = signedByTheApplication(claims -> claims.claim("groups", List.of("superuser")));
        as(token)
                .get(path)
                .then()
                .statusCode(403)
                .contentType(ContentType.JSON)
                .body("success", equalTo(false))
                .body("code", equalTo("forbidden"));
    }

    /** Changes one character in the middle of the payload, keeping header and signature. */
    private static String tamperedOneCharacter(String[] parts) {
        char[] payload = parts[1].toCharArray();
        int middle = payload.length / 2;
        payload[middle] = payload[middle] == 'A' ? 'B' : 'A';
        return parts[0] + "." + new String(payload) + "." + parts[2];
    }

    /** An admin's token whose payload was re-encoded (groups → service), keeping the original signature. */
    private static String rewritten(String[] parts) {
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String changed = payload.replace("\"admin\"", "\"service\"");
        if (changed.equals(payload)) {
            throw new IllegalStateException("the issued token has no admin group: " + payload);
        }
        return parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(changed.getBytes(StandardCharsets.UTF_8)) + "."
                + parts[2];
    }
}
