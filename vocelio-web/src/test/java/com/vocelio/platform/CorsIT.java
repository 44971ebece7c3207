package com.vocelio.platform;

import static com.vocelio.testing.Api.ORIGIN;
import static com.vocelio.testing.Api.anonymous;
import static com.vocelio.testing.Api.json;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import com.vocelio.testing.Api;
import com.vocelio.testing.TestServer;
import com.vocelio.testing.Tokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A browser cannot read a response without CORS headers: it sees a network error, so the portal never learns its
 * token expired and never refreshes it. Every response carries them, whoever produced it — the container's 401 for a
 * token it rejects, an error page, JAX-RS, a refused WebSocket handshake — and the security headers too.
 */
class CorsIT {

    static Stream<Arguments> everyErrorClass() {
        return Stream.of(
                Arguments.of("the container's 401 for a token that is no JWT", 401, (Function<RequestSpecification, ?>)
                        r -> r.header("Authorization", "Bearer not.a.jwt").get("/api/departments")),
                Arguments.of(
                        "the container's 401 for a token of a foreign key", 401, (Function<RequestSpecification, ?>)
                                r -> r.header(
                                                "Authorization",
                                                "Bearer " + token(Instant.now().plusSeconds(300), Tokens.freshKey()))
                                        .get("/api/departments")),
                Arguments.of("JAX-RS 401 without a token", 401, (Function<RequestSpecification, ?>)
                        r -> r.get("/api/departments")),
                Arguments.of("403 for a role that may not", 403, (Function<RequestSpecification, ?>)
                        r -> r.header("Authorization", "Bearer " + Api.signedIn(Api.suiteOrganization(), "agent", null))
                                .body(Map.of("name", "x", "phone_number", "1"))
                                .post("/api/departments")),
                Arguments.of("JAX-RS 404", 404, (Function<RequestSpecification, ?>) r -> r.get("/no/such/path")),
                Arguments.of("the container's 404 for WEB-INF", 404, (Function<RequestSpecification, ?>)
                        r -> r.get("/WEB-INF/web.xml")),
                Arguments.of("405", 405, (Function<RequestSpecification, ?>) r -> r.patch("/health")),
                Arguments.of("400 for malformed JSON", 400, (Function<RequestSpecification, ?>)
                        r -> r.body("{\"name\":").post("/auth/login")),
                Arguments.of("413", 413, (Function<RequestSpecification, ?>) r ->
                        r.body("{\"email\":\"" + "x".repeat(70_000) + "\"}").post("/auth/login")),
                Arguments.of("415", 415, (Function<RequestSpecification, ?>)
                        r -> r.contentType(ContentType.TEXT).body("x").post("/auth/login")));
    }

    /** A token with the claims the application issues for the suite's admin, signed with {@code key}. */
    static String token(Instant expires, PrivateKey key) {
        var org = Api.suiteOrganization();
        var claims = new JWTClaimsSet.Builder()
                .issuer("vocelio")
                .subject(UUID.randomUUID().toString())
                .claim("upn", org.adminEmail())
                .claim("groups", List.of("admin"))
                .claim("tenant_id", org.id())
                .issueTime(Date.from(expires.minusSeconds(600)))
                .expirationTime(Date.from(expires))
                .build();
        return Tokens.signed(claims, key);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyErrorClass")
    void everyErrorCarriesCorsAndSecurityHeadersAndIsJson(
            String what, int status, Function<RequestSpecification, io.restassured.response.Response> call) {
        call.apply(anonymous().header("Origin", ORIGIN))
                .then()
                .statusCode(status)
                .contentType(ContentType.JSON)
                .body("success", equalTo(false))
                .header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Expose-Headers", containsString("Retry-After"))
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer");
    }

    @Test
    void strictTransportSecurityGoesOnlyOverTls() {
        anonymous()
                .header("X-Forwarded-Proto", "https")
                .get("/health")
                .then()
                .statusCode(200)
                .header("Strict-Transport-Security", TestServer.HSTS);
        anonymous()
                .header("X-Forwarded-Proto", "https")
                .get("/api/departments")
                .then()
                .statusCode(401)
                .header("Strict-Transport-Security", TestServer.HSTS);
        anonymous().get("/health").then().statusCode(200).header("Strict-Transport-Security", (String) null);
    }

    @Test
    void anExpiredTokenIs401WithCorsSoThePortalRefreshes() {
        anonymous()
                .header("Origin", ORIGIN)
                .header("Authorization", "Bearer " + token(Instant.now().minusSeconds(60), Tokens.applicationKey()))
                .get("/api/calls/active")
                .then()
                .statusCode(401)
                .header("Access-Control-Allow-Origin", "*")
                .body("code", equalTo("unauthenticated"));
    }

    @Test
    void successesCarryThemToo() {
        json().header("Origin", ORIGIN)
                .get("/api/departments")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", "*")
                .header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void preflightsAreAnsweredOnEveryPathBeforeAnythingElse() {
        for (String path : new String[] {
            "/api/departments", "/channels/integrations", "/no/such/path", "/ws/transfers", "/auth/refresh"
        }) {
            ValidatableResponse preflight = anonymous()
                    .header("Origin", ORIGIN)
                    .header("Access-Control-Request-Method", "PUT")
                    .header("Access-Control-Request-Headers", "authorization, content-type, x-request-id")
                    .options(path)
                    .then();
            preflight
                    .statusCode(200)
                    .header("Access-Control-Allow-Origin", "*")
                    .header("Access-Control-Allow-Methods", containsString("PUT"))
                    .header("Access-Control-Allow-Headers", containsString("x-request-id"))
                    .header("Access-Control-Max-Age", "86400");
        }
    }

    @Test
    void aRefusedWebSocketHandshakeCarriesCors() throws Exception {
        var base = TestServer.get().baseUri();
        try (var socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /ws/transfers HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                            + "\r\nOrigin: " + ORIGIN + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 99\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String statusLine = in.readLine();
            var headers = new HashMap<String, String>();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                int colon = line.indexOf(':');
                headers.put(
                        line.substring(0, colon).strip().toLowerCase(),
                        line.substring(colon + 1).strip());
            }
            assertTrue(!statusLine.contains(" 101 ") && statusLine.matches("HTTP/1\\.1 4\\d\\d.*"), statusLine);
            assertEquals("*", headers.get("access-control-allow-origin"), statusLine + " " + headers);
        }
    }
}
