package com.vocelio.console.wallboard;

import com.vocelio.event.control.Subscriber;
import com.vocelio.event.control.Subscribers;
import com.vocelio.event.entity.DomainEvent;
import com.vocelio.event.entity.StoredEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.faces.event.WebsocketEvent;
import jakarta.faces.push.Push;
import jakarta.faces.push.PushContext;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Feeds this node's open wallboards from the outbox relay, as the API's sockets are fed: while a wallboard of an
 * organization is open here, one subscriber of that organization tells its wallboards through Faces push
 * ({@code <f:websocket channel="wallboard" user="organization">}) to fetch the board again. The first transfer, agent
 * or department event after a quiet moment is pushed at once (a change is on screen within an Ajax round trip);
 * within {@link #SPACING} of a push the rest of a burst waits for the live figures the relay hands over after the
 * batch, which push once more, so the board ends on the final state without a refresh per event. No polling: a quiet
 * floor sends nothing.
 */
@ApplicationScoped
public class WallboardFeed {

    static final String CHANNEL = "wallboard";
    static final String REFRESH = "refresh";
    static final long SPACING = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(200);
    private static final java.util.Set<String> BOARD_CHANNELS =
            java.util.Set.of(DomainEvent.TRANSFERS, DomainEvent.AGENTS, DomainEvent.DEPARTMENTS);

    @Inject
    Subscribers subscribers;

    @Inject
    @Push(channel = CHANNEL)
    PushContext push;

    private final Map<String, Watch> watches = new ConcurrentHashMap<>();

    void opened(@Observes @WebsocketEvent.Opened WebsocketEvent socket) {
        if (CHANNEL.equals(socket.getChannel()) && socket.getUser() instanceof String tenant) {
            watches.compute(tenant, (t, watch) -> {
                Watch joined = watch != null ? watch : new Watch(t);
                if (watch == null) {
                    subscribers.add(joined);
                }
                joined.sockets++;
                return joined;
            });
        }
    }

    void closed(@Observes @WebsocketEvent.Closed WebsocketEvent socket) {
        if (CHANNEL.equals(socket.getChannel()) && socket.getUser() instanceof String tenant) {
            watches.computeIfPresent(tenant, (t, watch) -> {
                if (--watch.sockets > 0) {
                    return watch;
                }
                subscribers.remove(watch);
                return null;
            });
        }
    }

    /** One organization's wallboards on this node, as one subscriber of the relay. */
    private final class Watch implements Subscriber {

        private final String tenant;
        private int sockets; // changed only inside the map's compute for this organization
        // the relay's and the counting thread both push: a race between them costs one extra refresh at most
        private volatile long lastPush = System.nanoTime() - SPACING;

        Watch(String tenant) {
            this.tenant = tenant;
        }

        @Override
        public String tenantId() {
            return tenant;
        }

        @Override
        public void deliver(StoredEvent event) {
            if (BOARD_CHANNELS.contains(event.channel()) && System.nanoTime() - lastPush >= SPACING) {
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
            lastPush = System.nanoTime();
            push.send(REFRESH, (Serializable) tenant); // asynchronous: the relay's thread does not wait
        }
    }
}
