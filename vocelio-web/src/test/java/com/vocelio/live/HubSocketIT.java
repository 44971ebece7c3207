package com.vocelio.live;

import static com.vocelio.testing.EventClient.event;
import static com.vocelio.testing.EventClient.payload;
import static com.vocelio.testing.EventClient.text;
import static com.vocelio.testing.EventClient.type;
import static com.vocelio.testing.Feeds.SECOND;
import static com.vocelio.testing.Feeds.WAIT;
import static com.vocelio.testing.Feeds.assertWithinASecond;
import static com.vocelio.testing.Feeds.hubFeed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.testing.EventClient;
import com.vocelio.testing.Routing;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The hub's dialect ({@code /ws/dashboard}, {@code /ws/analytics}, {@code /ws/<anything>[/<anything>]}): signing in
 * by a payload token, ping and heartbeat answered, agent status pushed on every hub path and no transfer events; the
 * portal's own opening (no token) keeps the socket open and receives nothing.
 */
class HubSocketIT {

    private static final Routing routing = Routing.newOrganization();

    @Test
    void theDashboardSignsInByPayloadTokenAnswersPingAndHeartbeatAndPushesAgentStatus() {
        String agentDepartment = routing.department(Map.of());
        String agentId = routing.agent(agentDepartment);
        try (var hub = EventClient.open("ws/dashboard")) {
            hub.send("{\"type\":\"auth\",\"payload\":{\"token\":\"" + routing.token() + "\"}}");
            assertEquals(
                    routing.tenantId(),
                    hub.await("authenticated", WAIT, type("authenticated")).getString("tenant_id"));
            var performance = hub.await("performance_update", WAIT, type("performance_update"));
            assertTrue(payload(performance).get("metrics") instanceof JsonObject, performance.toString());
            assertTrue(
                    payload(performance).getJsonObject("channelMetrics").get("voice") instanceof JsonObject,
                    performance.toString());
            assertEquals(0, payload(performance).getJsonArray("trends").size(), performance.toString());

            hub.send("{\"type\":\"ping\"}");
            hub.await("pong", WAIT, type("pong"));
            hub.send("{\"type\":\"heartbeat\"}");
            hub.await("heartbeat", WAIT, type("heartbeat"));

            routing.setStatus(agentId, "on_break");
            long committed = System.nanoTime();
            var arrived = hub.awaitReceived(
                    "agent_status of " + agentId,
                    SECOND,
                    event("agent_status", "agentId", agentId).and(m -> "on_break".equals(text(payload(m), "status"))));
            assertWithinASecond(committed, arrived);
            JsonObject status = arrived.json();
            assertTrue(status.get("id") instanceof JsonString, status.toString());
            assertEquals("agents", status.getString("channel"));
            assertEquals(routing.tenantId(), status.getString("tenant_id"));
            assertEquals("available", payload(status).getString("previous_status"));
            assertEquals("unavailable", payload(status).getString("availability"));
            assertEquals(agentDepartment, payload(status).getString("department_id"));
            assertEquals(payload(status), status.getJsonObject("data"));
            assertTrue(hub.messages(type("transfer_queued")).isEmpty(), "the hub carries no transfer events");
        }
    }

    @Test
    void theHubSocketAsThePortalOpensItStaysOpenWithoutATokenAndReceivesNothing() {
        String agentId = routing.agent(routing.department(Map.of()));
        try (var hub = EventClient.open("ws/dashboard")) {
            // contract §7.3: the portal's first message carries no token, then pings every 30 s
            hub.send("{\"type\":\"auth\",\"payload\":{\"sessionId\":null,\"timestamp\":\"2026-12-02T10:00:00Z\"}}");
            Routing.pause(Duration.ofMillis(6_500)); // past the sign-in timeout of the other sockets
            assertTrue(hub.isOpen(), hub.describe());
            hub.send("{\"type\":\"ping\",\"payload\":{\"timestamp\":\"2026-12-02T10:00:30Z\"},\"sessionId\":null}");
            hub.await("pong", WAIT, type("pong"));
            routing.setStatus(agentId, "on_break");
            Routing.pause(Duration.ofMillis(500));
            assertTrue(
                    hub.messages(m -> !"pong".equals(text(m, "type")) && !"error".equals(text(m, "type")))
                            .isEmpty(),
                    hub.describe());
        }
    }

    @Test
    void everyHubPathPushesAgentStatus() {
        String agentDepartment = routing.department(Map.of());
        String agentId = routing.agent(agentDepartment);
        var paths = List.of("ws/analytics", "ws/session-" + Routing.unique("s"), "ws/dashboard/" + Routing.unique("s"));
        var hubs = new ArrayList<EventClient>();
        try {
            for (String path : paths) {
                hubs.add(hubFeed(path, routing.token()));
            }
            routing.setStatus(agentId, "offline");
            for (var hub : hubs) {
                hub.await(
                        "agent_status",
                        SECOND,
                        event("agent_status", "agentId", agentId)
                                .and(m -> "offline".equals(text(payload(m), "status"))));
                hub.send("{\"type\":\"ping\"}");
                hub.await("pong", WAIT, type("pong"));
            }
        } finally {
            hubs.forEach(EventClient::close);
        }
    }
}
