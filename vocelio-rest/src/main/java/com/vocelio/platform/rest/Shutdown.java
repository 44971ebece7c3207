package com.vocelio.platform.rest;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Drains this node when it is told to stop with SIGTERM ({@code kill}, {@code docker stop}, Kubernetes) or SIGINT
 * (Ctrl-C reaches the nodes of {@code ./vocelio run} too), before anything stops. Payara stops from a JVM shutdown
 * hook, which runs beside any hook of ours, and takes the web module down first: observed in its log, the servlet
 * context is destroyed ~3 s after the signal, then EJB singletons and CDI beans, while requests in progress failed
 * and new ones got empty 500s. No application callback comes before that, so the signal itself is taken: the handler
 * drains ({@link Drain}: 503 for new requests, live connections told to go, requests in progress finish up to the
 * deadline), then ends the process.
 *
 * <p>On Payara Micro it ends it at once ({@link Runtime#halt}) rather than through Payara's orderly stop: that stop
 * keeps the HTTP listener accepting for 2–5 s more (measured, also after closing the listener through Payara's
 * internal {@code GrizzlyService}) and answers every request then with an empty 500, where a closed port makes the
 * client go to another node. Nothing is lost by it: once drained, no request runs, and whatever else this node had
 * under way (a sweep, the relay) is a transaction PostgreSQL rolls back when the connection drops, as when a node
 * dies, which the other nodes' sweeps and relays already absorb. On another server (the EAR on Payara Server, where
 * other applications may run) the signal goes on to the JVM's handler, whose shutdown hooks stop the server as
 * before. A second signal during the drain stops at once.
 */
@ApplicationScoped
public class Shutdown {

    private static final Logger LOG = Logger.getLogger(Shutdown.class.getName());
    /**
     * TERM is how a process manager stops us; INT is Ctrl-C, which a terminal sends to the whole process group, so
     * to the Payara Micro nodes of {@code ./vocelio run} as well as to the launcher.
     */
    private static final List<Signal> SIGNALS = List.of(new Signal("TERM"), new Signal("INT"));

    @Inject
    Drain drain;

    /** Payara Micro runs this application alone in its JVM: ending the process ends nothing else. */
    private static final boolean MICRO = present("fish.payara.micro.impl.PayaraMicroImpl");

    /** How long a drained node still refuses new requests while the container writes the ends of the last answers. */
    static final Duration LINGER = Duration.ofSeconds(1);

    private final AtomicBoolean signalled = new AtomicBoolean();
    private final Map<String, SignalHandler> previous = new ConcurrentHashMap<>();
    /** The application's: the JVM's signal thread has none, and CDI (Weld in Payara) finds the application by it. */
    private volatile ClassLoader application;

    void started(@Observes Startup startup) {
        application = Thread.currentThread().getContextClassLoader();
        for (Signal signal : SIGNALS) {
            try {
                previous.put(signal.getName(), Signal.handle(signal, this::terminate));
            } catch (IllegalArgumentException e) {
                // -Xrs, or a runtime that keeps the signal to itself: stopping by it is then not graceful
                LOG.log(Level.WARNING, "Cannot take SIG" + signal.getName() + ": it will stop without draining", e);
            }
        }
        LOG.info("SIGTERM and SIGINT drain this node, then " + (MICRO ? "it exits" : "the server stops"));
    }

    private void terminate(Signal signal) {
        if (signalled.compareAndSet(false, true)) {
            Thread thread = Thread.currentThread();
            ClassLoader own = thread.getContextClassLoader();
            thread.setContextClassLoader(application);
            try {
                drain.drain("SIG" + signal.getName());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Draining failed; stopping anyway", e);
            } finally {
                thread.setContextClassLoader(own);
            }
        }
        stop(signal);
    }

    /** Payara Micro: ends the process (143, 130). Elsewhere what the signal did before us: the JVM's handler. */
    private void stop(Signal signal) {
        if (MICRO) {
            LOG.info("Drained: this node exits");
            try {
                // the container ends a response (its last chunk) after the filters returned: measured, a 15 MB
                // answer halted right at its filter's return arrived cut
                Thread.sleep(LINGER.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.out.flush();
            Runtime.getRuntime().halt(128 + signal.getNumber());
        }
        SignalHandler handler = previous.get(signal.getName());
        if (handler != null && handler != SignalHandler.SIG_DFL && handler != SignalHandler.SIG_IGN) {
            handler.handle(signal);
        } else {
            System.exit(128 + signal.getNumber());
        }
    }

    /** Undeployed while the server runs on: the signals are the JVM's again. */
    @PreDestroy
    void undeployed() {
        if (signalled.get()) {
            return;
        }
        for (Signal signal : SIGNALS) {
            SignalHandler handler = previous.get(signal.getName());
            if (handler != null) {
                try {
                    Signal.handle(signal, handler);
                } catch (IllegalArgumentException e) {
                    LOG.log(Level.FINE, "Could not give SIG" + signal.getName() + " back", e);
                }
            }
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, Shutdown.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
