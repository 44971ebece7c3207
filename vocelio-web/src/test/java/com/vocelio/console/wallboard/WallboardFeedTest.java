package com.vocelio.console.wallboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.vocelio.event.control.Subscribers;
import com.vocelio.platform.rest.Drain;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A stopping node tells the console's live lines to go away (1001), as the API's sockets; the pages reconnect. */
class WallboardFeedTest {

    @Test
    void everyOpenLiveLineOfEveryOrganizationGets1001OnDrain() throws Exception {
        var feed = new WallboardFeed();
        feed.subscribers = new Subscribers();
        var first = new AtomicReference<CloseReason>();
        var second = new AtomicReference<CloseReason>();
        var gone = new AtomicReference<CloseReason>();
        feed.open("org-a", socket(first));
        feed.open("org-b", socket(second));
        Session left = socket(gone);
        feed.open("org-b", left);
        feed.close("org-b", left); // a page closed before: not closed again

        var draining = new Drain.Draining(Instant.now().plusSeconds(5), new ConcurrentLinkedQueue<>());
        feed.goingAway(draining);
        CompletableFuture.allOf(draining.closings().toArray(CompletableFuture[]::new))
                .get(5, TimeUnit.SECONDS);

        assertEquals(CloseReason.CloseCodes.GOING_AWAY, first.get().getCloseCode());
        assertEquals(CloseReason.CloseCodes.GOING_AWAY, second.get().getCloseCode());
        assertNull(gone.get());
    }

    private static Session socket(AtomicReference<CloseReason> said) {
        var open = new boolean[] {true};
        return (Session) Proxy.newProxyInstance(
                Session.class.getClassLoader(),
                new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "isOpen" -> open[0];
                    case "close" -> {
                        open[0] = false;
                        said.set((CloseReason) args[0]);
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default ->
                        throw new AssertionError("the fake session was not meant to be asked " + method.getName());
                });
    }
}
