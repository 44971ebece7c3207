package com.vocelio.live;

import static com.vocelio.testing.EventClient.event;
import static com.vocelio.testing.EventClient.id;
import static com.vocelio.testing.EventClient.stored;
import static com.vocelio.testing.EventClient.type;
import static com.vocelio.testing.Feeds.SECOND;
import static com.vocelio.testing.Feeds.WAIT;
import static com.vocelio.testing.Feeds.assertWithinASecond;
import static com.vocelio.testing.Feeds.transfersFeed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.testing.Database;
import com.vocelio.testing.EventClient;
import com.vocelio.testing.Routing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A client that comes back after the id of the last event it saw (query, auth message or subscribe message) gets
 * every event it missed, once each and in delivery order, then the live ones; on the live feed ({@code /ws}) nothing
 * committed between signing in and the first subscribe is lost, not even after a subscribe to an unknown channel.
 */
class SocketResumeIT {

    private static final Routing routing = Routing.newOrganization();
    /** No agents: its transfers stay queued, so a transfer request writes no event but its own. */
    private static final String department = routing.department(Map.of());

    @ParameterizedTest
    @ValueSource(strings = {"query", "auth message"})
    void resumingAfterAnEventIdDeliversEveryMissedEventOnceInOrderThenLiveOnes(String how) {
        long lastId = lastSeenByAClient();
        var missed = new ArrayList<String>();
        for (int i = 0; i < 3; i++) {
            missed.add(routing.request(department));
        }

        var client = how.equals("query")
                ? EventClient.open("ws/transfers?access_token=" + routing.token() + "&since=" + lastId)
                : EventClient.open("ws/transfers");
        try (client) {
            if (!how.equals("query")) {
                client.send("{\"type\":\"auth\",\"token\":\"" + routing.token() + "\",\"since\":\"" + lastId + "\"}");
            }
            client.await("authenticated", WAIT, type("authenticated"));
            for (String transferId : missed) {
                client.await("missed " + transferId, WAIT, event("transfer_queued", "transfer_id", transferId));
            }
            String live = routing.request(department);
            long committed = System.nanoTime();
            var liveEvent =
                    client.awaitReceived("the live transfer", SECOND, event("transfer_queued", "transfer_id", live));
            assertWithinASecond(committed, liveEvent);

            List<Long> received =
                    client.messages(stored()).stream().map(EventClient::id).toList();
            assertEquals(
                    transfersAndAgentsBetween(lastId, id(liveEvent.json())),
                    received,
                    "every event after " + lastId + " once, in delivery order, up to the live one");
        }
    }

    @Test
    void onTheLiveFeedTheMissedEventsFollowTheFirstSubscribe() {
        long lastId = lastSeenByAClient();
        var missed = new ArrayList<String>();
        for (int i = 0; i < 2; i++) {
            missed.add(routing.request(department));
        }
        try (var client = EventClient.open("ws?access_token=" + routing.token() + "&since=" + lastId)) {
            client.await("authenticated", WAIT, type("authenticated"));
            client.send("{\"type\":\"subscribe\",\"channels\":[\"transfers\"]}");
            for (String transferId : missed) {
                client.await("missed " + transferId, WAIT, event("transfer_queued", "transfer_id", transferId));
            }
            assertTrue(
                    client.messages(stored()).stream().allMatch(m -> "transfers".equals(m.getString("channel"))),
                    client.describe());
            String live = routing.request(department);
            client.await("the live transfer", WAIT, event("transfer_queued", "transfer_id", live));
        }
    }

    @Test
    void onTheLiveFeedASinceInTheSubscribeMessageResumes() {
        long lastId = lastSeenByAClient();
        var missed = List.of(routing.request(department), routing.request(department));
        try (var client = EventClient.open("ws?access_token=" + routing.token())) {
            client.await("authenticated", WAIT, type("authenticated"));
            client.send("{\"type\":\"subscribe\",\"channel\":\"transfers\",\"since\":\"" + lastId + "\"}");
            for (String transferId : missed) {
                client.await("missed " + transferId, WAIT, event("transfer_queued", "transfer_id", transferId));
            }
            String live = routing.request(department);
            var liveEvent = client.awaitReceived("the live one", WAIT, event("transfer_queued", "transfer_id", live));
            assertEquals(
                    transfersBetween(lastId, id(liveEvent.json())),
                    client.messages(stored()).stream().map(EventClient::id).toList(),
                    "every transfer event after " + lastId + " once, in delivery order, up to the live one");
        }
    }

    @Test
    void aSubscribeToNoKnownChannelDoesNotStartTheFeedAndLoseTheHistory() {
        long lastId = lastSeenByAClient();
        String missed = routing.request(department);
        try (var client = EventClient.open("ws?access_token=" + routing.token() + "&since=" + lastId)) {
            client.await("authenticated", WAIT, type("authenticated"));
            client.send("{\"type\":\"subscribe\",\"channel\":\"no_such_channel\"}");
            client.await("the error", WAIT, type("error"));
            client.send("{\"type\":\"subscribe\",\"channel\":\"transfers\"}");
            client.await("the missed transfer", WAIT, event("transfer_queued", "transfer_id", missed));
        }
    }

    @Test
    void onTheLiveFeedWhatHappensBetweenSignInAndTheFirstSubscribeIsNotLost() {
        try (var client = EventClient.open("ws?access_token=" + routing.token())) {
            client.await("authenticated", WAIT, type("authenticated"));
            String before = routing.request(department); // committed before the client names a channel
            client.send("{\"type\":\"subscribe\",\"channel\":\"transfers\"}");
            client.await("the earlier transfer", WAIT, event("transfer_queued", "transfer_id", before));
        }
    }

    /** A client sees a transfer and leaves: the id of the last event it got, to resume after. */
    private static long lastSeenByAClient() {
        try (var first = transfersFeed(routing.token())) {
            String seen = routing.request(department);
            first.await("a first transfer", SECOND, event("transfer_queued", "transfer_id", seen));
            return id(last(first.messages(stored())));
        }
    }

    /** The organization's transfer and agent events after one event up to another, in delivery (tx, id) order. */
    private static List<Long> transfersAndAgentsBetween(long afterId, long toId) {
        return eventsBetween(afterId, toId, "transfers,agents");
    }

    /** The organization's transfer events after one event up to another, in delivery (tx, id) order. */
    private static List<Long> transfersBetween(long afterId, long toId) {
        return eventsBetween(afterId, toId, "transfers");
    }

    private static List<Long> eventsBetween(long afterId, long toId, String channels) {
        return Database.rows(
                        "select id from events where tenant_id = cast(? as uuid)"
                                + " and channel = any(string_to_array(?, ','))"
                                + " and (tx, id) > (select tx, id from events where id = ?)"
                                + " and (tx, id) <= (select tx, id from events where id = ?) order by tx, id",
                        routing.tenantId(),
                        channels,
                        afterId,
                        toId)
                .stream()
                .map(row -> ((Number) row.get("id")).longValue())
                .toList();
    }

    private static <T> T last(List<T> list) {
        assertFalse(list.isEmpty());
        return list.get(list.size() - 1);
    }
}
