package com.vocelio.testing;

import static com.vocelio.testing.EventClient.type;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;

/**
 * The live feeds from a client's side: sockets opened and signed in the way each page does, waited for until their
 * feed runs, and the one-second delivery promise they are held to.
 */
public final class Feeds {

    /** The delivery promise: a committed event reaches a connected client within one second. */
    public static final Duration SECOND = Duration.ofSeconds(1);

    /** For what has no time promise (a sign-in reply, a resume's catch-up): generous, only bounds a failure. */
    public static final Duration WAIT = Duration.ofSeconds(10);

    private Feeds() {}

    /** /ws/transfers signed in by query parameter, its feed running (the first counts arrive after it starts). */
    public static EventClient transfersFeed(String accessToken) {
        return transfersFeedOn(TestServer.get().baseUri(), accessToken);
    }

    /** As {@link #transfersFeed}, on the node at {@code base}. */
    public static EventClient transfersFeedOn(URI base, String accessToken) {
        var client = EventClient.signedIn(base, "ws/transfers", accessToken);
        client.await("the first transfer_status", WAIT, type("transfer_status"));
        return client;
    }

    /** A hub socket signed in by query parameter, its feed running (the first performance_update follows it). */
    public static EventClient hubFeed(String path, String accessToken) {
        var client = EventClient.signedIn(path, accessToken);
        client.await("the first performance_update", WAIT, type("performance_update"));
        return client;
    }

    /**
     * /ws signed in by query parameter as the organization's admin. It sends nothing until subscribed, so nothing
     * tells when its feed runs: it resumes after the organization's latest event, and nothing committed after
     * connecting can be missed.
     */
    public static EventClient liveFeed(Routing routing) {
        long latest =
                Database.number("select max(id) from events where tenant_id = cast(? as uuid)", routing.tenantId());
        return EventClient.signedIn("ws?since=" + latest, routing.token());
    }

    /** Sends the subscribe message and waits for the server to confirm {@code channel}. */
    public static void subscribe(EventClient client, String message, String channel) {
        client.send(message);
        client.await(
                "subscribed " + channel,
                WAIT,
                type("subscribed").and(m -> channel.equals(EventClient.text(m, "channel"))));
    }

    public static void assertWithinASecond(long committed, EventClient.Received arrived) {
        long took = arrived.nanos() - committed;
        assertTrue(took <= SECOND.toNanos(), "arrived " + took / 1_000_000 + " ms after the commit: " + arrived.text());
    }

    public static void assertWithinASecond(long committed, SseStream.Event arrived) {
        long took = arrived.nanos() - committed;
        assertTrue(took <= SECOND.toNanos(), "arrived " + took / 1_000_000 + " ms after the commit: " + arrived.data());
    }
}
