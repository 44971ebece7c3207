package com.vocelio.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.testing.Api;
import com.vocelio.testing.Http;
import com.vocelio.testing.Logs;
import com.vocelio.testing.TestServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every answer carries a request id — the caller's {@code X-Request-ID} when it is sane, else a new one — and every
 * line logged while the request runs names it, and the organization once known; with {@code VOCELIO_LOG_FORMAT=json}
 * every line is a JSON object carrying both as fields.
 */
class RequestIdsIT {

    @Test
    void theCallersRequestIdIsEchoed() {
        String id = "it-" + UUID.randomUUID();
        var reply = Http.send("GET", "/health", null, null, "X-Request-ID", id, "Origin", Api.ORIGIN);
        assertEquals(id, reply.header("x-request-id"));
        assertTrue(
                reply.header("access-control-expose-headers").contains("X-Request-ID"),
                reply.headers().toString());
    }

    @Test
    void withoutOneOrWithAnInsaneOneAFreshIdIsMade() {
        var none = Http.send("GET", "/health", null, null);
        var other = Http.send("GET", "/health", null, null);
        var insane = Http.send("GET", "/health", null, null, "X-Request-ID", "x".repeat(129));
        var forged = Http.send("GET", "/health", null, null, "X-Request-ID", "a] [organizationId: 1");
        for (var reply : java.util.List.of(none, other, insane, forged)) {
            assertTrue(
                    String.valueOf(reply.header("x-request-id")).matches("[0-9a-f]{32}"),
                    reply.headers().toString());
        }
        assertNotEquals(none.header("x-request-id"), other.header("x-request-id"));
    }

    @Test
    void errorsTheContainerAnswersCarryItToo() {
        String id = "it-" + UUID.randomUUID();
        var rejected = Http.send("GET", "/api/departments", "not-a-token", null, "X-Request-ID", id);
        assertEquals(401, rejected.status(), rejected.toString());
        assertEquals(id, rejected.header("x-request-id"));
        var unknown = Http.send("GET", "/no-such-path", null, null, "X-Request-ID", id);
        assertEquals(404, unknown.status(), unknown.toString());
        assertEquals(id, unknown.header("x-request-id"));
    }

    @Test
    void aSignInIsLoggedWithItsRequestIdAndOrganizationAndNeverItsPassword() {
        var organization = Api.newOrganization();
        String signIn = "it-" + UUID.randomUUID();
        var ok = Http.send(
                "POST",
                "/auth/login",
                null,
                Map.of("email", organization.adminEmail(), "password", Api.PASSWORD),
                "X-Request-ID",
                signIn,
                "X-Forwarded-For",
                Api.newAddress());
        assertEquals(200, ok.status(), ok.toString());
        var lines = Logs.linesWith(TestServer.get().log(), "[requestId: " + signIn + "]");
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("[organizationId: " + organization.id() + "] Signed in: user "), lines.get(0));

        String refused = "it-" + UUID.randomUUID();
        String wrongPassword = "wrong-" + UUID.randomUUID();
        var failed = Http.send(
                "POST",
                "/auth/login",
                null,
                Map.of("email", organization.adminEmail(), "password", wrongPassword),
                "X-Request-ID",
                refused,
                "X-Forwarded-For",
                Api.newAddress());
        assertEquals(401, failed.status(), failed.toString());
        var refusal = Logs.linesWith(TestServer.get().log(), "[requestId: " + refused + "]");
        assertEquals(1, refusal.size(), refusal.toString());
        assertTrue(refusal.get(0).contains("Sign-in refused (invalid_credentials)"), refusal.get(0));
        assertTrue(Logs.linesWith(TestServer.get().log(), wrongPassword).isEmpty());
        assertFalse(refusal.get(0).contains(organization.adminEmail()), refusal.get(0));
    }

    @Test
    void jsonLogsAreOneObjectPerLineWithTheRequestIdAndOrganizationAsFields() throws Exception {
        var organization = Api.newOrganization();
        var node = TestServer.get().configuredNode();
        String id = "it-" + UUID.randomUUID();
        var ok = Http.raw(
                node.baseUri(),
                "POST",
                "/auth/login",
                Json.createObjectBuilder()
                        .add("email", organization.adminEmail())
                        .add("password", Api.PASSWORD)
                        .build()
                        .toString()
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "Content-Type: application/json",
                "X-Request-ID: " + id,
                "X-Forwarded-For: " + Api.newAddress());
        assertEquals(200, ok.status(), ok.toString());
        var signedIn = Logs.linesWith(node.log(), id);
        assertEquals(1, signedIn.size(), signedIn.toString());
        JsonObject line = parse(signedIn.get(0));
        assertEquals(id, line.getString("RequestId"));
        assertEquals(organization.id(), line.getString("OrganizationId"));
        assertTrue(line.getString("LogMessage").startsWith("Signed in: user "), line.toString());
        var run = Logs.thisRun(node.log());
        assertTrue(run.size() > 20, "Payara's own start is logged too: " + run.size() + " lines");
        for (String each : run) {
            assertTrue(each.startsWith("{") && each.endsWith("}"), "not a JSON line: " + each);
            parse(each);
        }
    }

    private static JsonObject parse(String line) {
        try (var reader = Json.createReader(new StringReader(line))) {
            return reader.readObject();
        }
    }
}
