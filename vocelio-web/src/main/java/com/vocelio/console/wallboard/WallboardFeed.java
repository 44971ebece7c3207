package com.vocelio.console.wallboard;

import com.vocelio.event.control.Subscriber;
import com.vocelio.event.control.Subscribers;
import com.vocelio.event.entity.DomainEvent;
import com.vocelio.event.entity.StoredEvent;
import com.vocelio.platform.rest.Drain;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.Session;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Feeds this node's open console pages from the outbox relay, as the API's sockets are fed: while a live page of an
 * organization is open here ({@link ConsoleLiveEndpoint}), one subscriber of that organization tells its pages to
 * fetch their board again ({@code refresh}). The first transfer, agent or department event after a quiet moment is
 * sent at once (a change is on screen within an Ajax round trip); within {@link #SPACING} of a refresh the rest of a
 * burst waits for the live figures the relay hands over after the batch, which refresh once more, so the board ends
 * on the final state without a refresh per event. No polling: a quiet floor sends nothing.
 */
@ApplicationScoped
public class WallboardFeed {

    static final String REFRESH = "refresh";
    static final long SPACING = TimeUnit.MILLISECONDS.toNanos(200);
    private static final Set<String> BOARD_CHANNELS =
            Set.of(DomainEvent.TRANSFERS, DomainEvent.AGENTS, DomainEvent.DEPARTMENTS);

    @Inject
    Subscribers subscribers;

    private final Map<String, Watch> watches = new ConcurrentHashMap<>();

    void open(String tenant, Session socket) {
        watches.compute(tenant, (t, watch) -> {
            Watch joined = watch != null ? watch : new Watch(t);
            if (watch == null) {
                subscribers.add(joined);
            }
            joined.sockets.add(socket);
            return joined;
        });
    }

    void close(String tenant, Session socket) {
        watches.computeIfPresent(tenant, (t, watch) -> {
            watch.sockets.remove(socket);
            if (!watch.sockets.isEmpty()) {
                return watch;
            }
            subscribers.remove(watch);
            return null;
        });
    }

    /** The node is stopping: its pages' live lines get 1001 (going away), and the pages reconnect, elsewhere. */
    void goingAway(@Observes Drain.Draining draining) {
        for (Watch watch : watches.values()) {
            for (Session socket : watch.sockets) {
                draining.goAway(socket, "Server shutting down: reconnect");
            }
        }
    }

    /** One organization's live pages on this node, as one subscriber of the relay. */
    private static final class Watch implements Subscriber {

        private final String tenant;
        private final Set<Session> sockets = ConcurrentHashMap.newKeySet();
        // the relay's and the counting thread both refresh: a race between them costs one extra refresh at most
        private volatile long lastRefresh = System.nanoTime() - SPACING;

        Watch(String tenant) {
            this.tenant = tenant;
        }

        @Override
        public String tenantId() {
            return tenant;
        }

        @Override
        public void deliver(StoredEvent event) {
            if (BOARD_CHANNELS.contains(event.channel()) && System.nanoTime() - lastRefresh >= SPACING) {
                refresh();
            }
        }

        @Override
        public boolean wantsFigures() {
            return true;
        }

        @Override
        public <F> void figures(Class<F> type, F figures) {
            refresh();
        }

        private void refresh() {
            lastRefresh = System.nanoTime();
            for (Session socket : sockets) {
                if (socket.isOpen()) {
                    socket.getAsyncRemote().sendText(REFRESH); // asynchronous: the relay's thread does not wait
                }
            }
        }
    }
}
