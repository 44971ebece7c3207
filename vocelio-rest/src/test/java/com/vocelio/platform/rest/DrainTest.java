package com.vocelio.platform.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DrainTest {

    @Test
    void goAwayClosesAPlainSocketWith1001AndTheDrainWaitsForIt() {
        var said = new AtomicReference<CloseReason>();
        var draining = new Drain.Draining(Instant.now().plusSeconds(5), new ConcurrentLinkedQueue<>());

        draining.goAway(socket(said), "Server shutting down: reconnect");
        draining.await(Duration.ofSeconds(5));

        assertEquals(1, draining.closings().size());
        assertEquals(CloseReason.CloseCodes.GOING_AWAY, said.get().getCloseCode());
        assertEquals("Server shutting down: reconnect", said.get().getReasonPhrase());
    }

    @Test
    void aSocketAlreadyClosedIsLeftAlone() {
        var said = new AtomicReference<CloseReason>();
        var draining = new Drain.Draining(Instant.now().plusSeconds(5), new ConcurrentLinkedQueue<>());
        Session closed = socket(said);
        draining.goAway(closed, "first");
        draining.await(Duration.ofSeconds(5));
        said.set(null);

        draining.goAway(closed, "again");
        draining.await(Duration.ofSeconds(5));

        assertNull(said.get());
        assertFalse(closed.isOpen());
    }

    /** A socket that is open until closed, and remembers what it was told then. */
    static Session socket(AtomicReference<CloseReason> said) {
        var open = new boolean[] {true};
        return (Session) Proxy.newProxyInstance(
                Session.class.getClassLoader(),
                new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "isOpen" -> open[0];
                    case "close" -> {
                        open[0] = false;
                        said.set(args == null ? null : (CloseReason) args[0]);
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default ->
                        throw new AssertionError("the fake session was not meant to be asked " + method.getName());
                });
    }
}
