package com.vocelio.live;

import static com.vocelio.testing.EventClient.event;
import static com.vocelio.testing.EventClient.stored;
import static com.vocelio.testing.EventClient.type;
import static com.vocelio.testing.Feeds.SECOND;
import static com.vocelio.testing.Feeds.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.testing.EventClient;
import com.vocelio.testing.Routing;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A socket signs in with its first message or its query parameter and is then fed; a bad token is closed with 1008
 * at once, and a socket that never signs in is closed with 1008 when the sign-in time is up, having received nothing.
 */
class SocketSignInIT {

    private static final Routing routing = Routing.newOrganization();
    /** No agents: its transfers stay queued, so a transfer request writes no event but its own. */
    private static final String department = routing.department(Map.of());

    @ParameterizedTest
    @ValueSource(
            strings = {"{\"type\":\"auth\",\"token\":\"%s\"}", "{\"type\":\"auth\",\"payload\":{\"token\":\"%s\"}}"})
    void aFirstAuthMessageSignsIn(String auth) {
        try (var client = EventClient.open("ws/transfers")) {
            client.send(auth.formatted(routing.token()));
            var authenticated = client.await("authenticated", WAIT, type("authenticated"));
            assertEquals(routing.tenantId(), authenticated.getString("tenant_id"));
            client.await("the first counts", WAIT, type("transfer_status"));

            String transferId = routing.request(department);
            client.await("the transfer", SECOND, event("transfer_queued", "transfer_id", transferId));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"query", "message"})
    void aBadTokenIsClosedWith1008AtOnce(String how) {
        for (String bad : List.of("not-a-token", tampered(routing.token()))) {
            long opened = System.nanoTime();
            var client = EventClient.open(how.equals("query") ? "ws/transfers?access_token=" + bad : "ws/transfers");
            try (client) {
                if (how.equals("message")) {
                    client.send("{\"type\":\"auth\",\"token\":\"" + bad + "\"}");
                }
                var reason = client.awaitClose(Duration.ofSeconds(2));
                assertEquals(1008, reason.getCloseCode().getCode(), reason.toString());
                assertTrue(
                        System.nanoTime() - opened < Duration.ofSeconds(2).toNanos(),
                        "closed at once, not at the timeout");
                assertTrue(client.messages(type("authenticated")).isEmpty(), client.describe());
                assertTrue(client.messages(stored()).isEmpty(), client.describe());
            }
        }
    }

    /** The token with one character of its signature changed. */
    private static String tampered(String token) {
        int at = token.lastIndexOf('.') + 10;
        char changed = token.charAt(at) == 'A' ? 'B' : 'A';
        return token.substring(0, at) + changed + token.substring(at + 1);
    }

    @Test
    void withoutATokenTheSocketIsClosedWith1008AfterTheAuthTimeout() {
        long opened = System.nanoTime();
        try (var client = EventClient.open("ws/transfers")) {
            var reason = client.awaitClose(Duration.ofMillis(6_500));
            long after = System.nanoTime() - opened;
            assertEquals(1008, reason.getCloseCode().getCode(), reason.toString());
            assertTrue(after > Duration.ofSeconds(4).toNanos(), "closed only at the 5 s timeout, not after " + after);
            assertTrue(client.received().isEmpty(), client.describe());
        }
    }
}
