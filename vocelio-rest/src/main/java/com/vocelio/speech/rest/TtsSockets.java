package com.vocelio.speech.rest;

import com.vocelio.platform.rest.Drain;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.websocket.Session;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * This node's open {@code /ws/tts} sockets, so that a stopping node tells each to go away (1001) like the event
 * sockets: its client reconnects, to another node, and asks again for what it had not received.
 */
@ApplicationScoped
public class TtsSockets {

    private static final Logger LOG = Logger.getLogger(TtsSockets.class.getName());

    private final Set<Session> open = ConcurrentHashMap.newKeySet();

    void opened(Session session) {
        open.add(session);
    }

    void closed(Session session) {
        open.remove(session);
    }

    void goingAway(@Observes Drain.Draining draining) {
        for (Session session : open) {
            draining.goAway(session, "Server shutting down: reconnect and ask again");
        }
        if (!open.isEmpty()) {
            LOG.info("Closed " + open.size() + " speech sockets with 1001 (going away)");
        }
    }
}
