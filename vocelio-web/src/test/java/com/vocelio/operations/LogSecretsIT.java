package com.vocelio.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.testing.Api;
import com.vocelio.testing.Http;
import com.vocelio.testing.Logs;
import com.vocelio.testing.RunsLast;
import com.vocelio.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No token, password, secret or API key is ever logged: after the rest of the suite has run (and after this class has
 * signed in, refreshed, made and used an API key, enrolled two-factor and failed to sign in with a password typed
 * into the email field), every log file of the run's nodes is searched for the shapes of our secrets and for the
 * exact ones used here.
 */
@RunsLast
class LogSecretsIT {

    /** What our secrets look like: JWTs, API keys, refresh tokens, bearer headers, the suite's metrics tokens. */
    static final List<Pattern> SHAPES = List.of(
            Pattern.compile("eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}"),
            Pattern.compile("vak_[A-Za-z0-9_-]{16,}"),
            Pattern.compile("vrt_[A-Za-z0-9_-]{16,}"),
            Pattern.compile("(?i)bearer [A-Za-z0-9._~+/=-]{16,}"),
            Pattern.compile("metrics-[0-9a-f]{8}-[0-9a-f]{4}-"),
            Pattern.compile("BEGIN (RSA )?PRIVATE KEY"));

    @Test
    void theLogsOfTheRunHoldNoSecret() throws IOException {
        var organization = Api.newOrganization();
        var refreshed = Http.send("POST", "/auth/refresh", null, Map.of("refresh_token", organization.refreshToken()));
        assertEquals(200, refreshed.status(), refreshed.toString());
        var service = Api.user(organization, "service", null);
        String apiKey = Api.apiKey(organization, service.id());
        var exchanged =
                Http.send("POST", "/auth/token", null, Map.of("api_key", apiKey), "X-Forwarded-For", Api.newAddress());
        assertEquals(200, exchanged.status(), exchanged.toString());
        var enrolled = Http.send("POST", "/auth/setup-2fa", organization.accessToken(), Map.of());
        assertEquals(200, enrolled.status(), enrolled.toString());
        String totpSecret = enrolled.json().getString("secret");
        String typedIntoEmail = "my-password-" + UUID.randomUUID();
        Http.send(
                "POST",
                "/auth/login",
                null,
                Map.of("email", typedIntoEmail, "password", typedIntoEmail),
                "X-Forwarded-For",
                Api.newAddress());

        var exact = List.of(
                Api.PASSWORD,
                "vocelio-demo",
                apiKey,
                totpSecret,
                typedIntoEmail,
                organization.accessToken(),
                organization.refreshToken(),
                refreshed.json().getString("refresh_token"));
        var found = new ArrayList<String>();
        for (Path log : logFiles()) {
            for (String line : Logs.lines(log)) {
                for (String secret : exact) {
                    if (line.contains(secret)) {
                        found.add(log.getFileName() + ": a secret used by this test: " + masked(line, secret));
                    }
                }
                for (Pattern shape : SHAPES) {
                    var match = shape.matcher(line);
                    if (match.find()) {
                        found.add(log.getFileName() + ": " + shape + ": " + masked(line, match.group()));
                    }
                }
            }
        }
        assertTrue(found.isEmpty(), found.size() + " lines with secrets:\n" + String.join("\n", found));
    }

    /** Every node's log of this run, rotated files included. */
    private static List<Path> logFiles() throws IOException {
        Path directory = TestServer.get().log().getParent();
        try (var files = Files.list(directory)) {
            var logs = files.filter(file -> file.getFileName().toString().matches(".*\\.log(\\.\\d+)?"))
                    .toList();
            assertTrue(logs.contains(TestServer.get().log()), "the suite's log is searched: " + logs);
            return logs;
        }
    }

    /** The line with the secret replaced, so that the failure report does not spread it further. */
    private static String masked(String line, String secret) {
        String shown = line.replace(secret, "<" + secret.length() + " characters>");
        return shown.length() > 400 ? shown.substring(0, 400) + "…" : shown;
    }
}
