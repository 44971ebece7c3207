package com.vocelio.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.testing.Api;
import com.vocelio.testing.Database;
import com.vocelio.testing.Http;
import com.vocelio.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * What a production node exposes: one listening port (HTTP: no Hazelcast), no MicroProfile Metrics, OpenAPI or Health
 * and no WADL (those paths are the application's, which knows none of them) unless turned on, and then only to the
 * metrics token; answers are never cached; API key sign-in is throttled like passwords; the embedded database commits
 * durably.
 */
class ExposureIT {

    @Test
    void theApplicationListensOnItsHttpPortAlone() throws IOException {
        long pid = TestServer.get().pid();
        var sockets = new HashSet<String>();
        try (var fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        sockets.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // gone
                }
            }
        }
        Set<Integer> listening = new TreeSet<>();
        for (String table : List.of("/proc/" + pid + "/net/tcp", "/proc/" + pid + "/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(table))
                    .subList(1, Files.readAllLines(Path.of(table)).size())) {
                String[] columns = line.trim().split("\\s+");
                boolean listen = columns[3].equals("0A");
                if (listen && sockets.contains(columns[9])) {
                    listening.add(Integer.parseInt(columns[1].substring(columns[1].indexOf(':') + 1), 16));
                }
            }
        }
        assertEquals(Set.of(TestServer.get().baseUri().getPort()), listening);
    }

    @Test
    void noMetricsOpenApiHealthOrWadlAreServed() {
        for (String path :
                List.of("/metrics", "/openapi", "/mp-health", "/application.wadl", "/openapi/application.wadl")) {
            var reply = Http.send("GET", path, null, null);
            assertTrue(reply.status() >= 400 && reply.status() < 500, path + " → " + reply);
            assertTrue(reply.isErrorBody(), path + " → " + reply);
        }
    }

    @Test
    void metricsTurnedOnAnswerOnlyTheMetricsToken() throws Exception {
        String token = TestServer.METRICS_TOKEN;
        String accessToken = Api.newOrganization().accessToken();
        var base = TestServer.get().configuredNode().baseUri();
        for (String path : List.of("/metrics", "/openapi", "/mp-health", "/metrics/base", "/%6detrics", "/metrics;x")) {
            for (var refused : List.of(
                    Http.raw(base, "GET", path, null),
                    Http.raw(base, "GET", path, null, "Authorization: Bearer wrong-" + token),
                    Http.raw(base, "GET", path, null, "Authorization: Basic " + token),
                    // an access token is no metrics token
                    Http.raw(base, "GET", path, null, "Authorization: Bearer " + accessToken))) {
                assertEquals(401, refused.status(), path + " → " + refused);
                assertTrue(refused.isErrorBody(), path + " → " + refused);
                assertEquals("unauthenticated", refused.json().getString("code"), path + " → " + refused);
            }
        }
        var metrics = Http.raw(base, "GET", "/metrics", null, "Authorization: Bearer " + token, "Accept: text/plain");
        assertEquals(200, metrics.status(), metrics.toString());
        assertTrue(String.valueOf(metrics.header("content-type")).startsWith("text/plain"), metrics.toString());
        assertTrue(metrics.body().contains("# TYPE "), metrics.toString());
        for (String path : List.of("/openapi", "/mp-health")) {
            var served = Http.raw(base, "GET", path, null, "Authorization: bearer " + token);
            assertEquals(200, served.status(), path + " → " + served);
        }
        // the application's own health stays open: the portal polls it
        assertEquals(200, Http.raw(base, "GET", "/health", null).status());
    }

    @Test
    void tokenAnswersAreNeverCached() {
        var organization = Api.newOrganization();
        var login = Http.send(
                "POST",
                "/auth/login",
                null,
                Map.of("email", organization.adminEmail(), "password", Api.PASSWORD),
                "X-Forwarded-For",
                Api.newAddress());
        assertEquals(200, login.status(), login.toString());
        assertEquals("no-store", login.header("cache-control"));
        var refresh = Http.send("POST", "/auth/refresh", null, Map.of("refresh_token", organization.refreshToken()));
        assertEquals(200, refresh.status(), refresh.toString());
        assertEquals("no-store", refresh.header("cache-control"));
        var failed = Http.send(
                "POST", "/auth/token", null, Map.of("api_key", "vak_nothing"), "X-Forwarded-For", Api.newAddress());
        assertEquals("no-store", failed.header("cache-control"));
    }

    @Test
    void apiKeySignInIsThrottledPerAddressLikePasswords() {
        var organization = Api.newOrganization();
        var service = Api.user(organization, "service", null);
        String key = Api.apiKey(organization, service.id());
        String guesser = Api.newAddress();
        int refused = 0;
        Http.Reply last = null;
        for (int i = 0; i < 25 && (last == null || last.status() != 429); i++) {
            last = Http.send(
                    "POST", "/auth/token", null, Map.of("api_key", "vak_guess" + i), "X-Forwarded-For", guesser);
            refused += last.status() == 401 ? 1 : 0;
        }
        assertEquals(429, last.status(), last.toString());
        assertEquals(20, refused, "the default allows 20 failures per address");
        assertTrue(last.header("retry-after") != null, last.toString());
        // locked out: even the right key, from there; from elsewhere it works
        var locked = Http.send("POST", "/auth/token", null, Map.of("api_key", key), "X-Forwarded-For", guesser);
        assertEquals(429, locked.status(), locked.toString());
        var elsewhere =
                Http.send("POST", "/auth/token", null, Map.of("api_key", key), "X-Forwarded-For", Api.newAddress());
        assertEquals(200, elsewhere.status(), elsewhere.toString());
        assertFalse(elsewhere.json().getString("access_token").isBlank());
    }

    @Test
    void theEmbeddedDatabaseCommitsDurably() {
        var rows = Database.rows("show synchronous_commit");
        assertEquals("on", rows.get(0).values().iterator().next());
    }
}
