package com.vocelio.live;

import com.vocelio.event.control.Subscribers;
import com.vocelio.platform.control.Metrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.util.Locale;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/** Live connections on this node, counted from the live registries when scraped: sockets by path, SSE streams. */
@ApplicationScoped
public class LiveMetrics {

    @Inject
    Metrics metrics;

    @Inject
    Sockets sockets;

    @Inject
    Subscribers subscribers;

    void register(@Observes Startup startup) {
        for (SocketDialect dialect : SocketDialect.values()) {
            metrics.gauge(
                    "vocelio.sockets.open",
                    "Event sockets open on this node, signed in or not (transfers: /ws/transfers, live: /ws,"
                            + " dashboard: the hub at /ws/{feed})",
                    MetricUnits.NONE,
                    () -> sockets.open(dialect),
                    new Tag("path", dialect.name().toLowerCase(Locale.ROOT)));
        }
        metrics.gauge(
                "vocelio.sse.streams.open",
                "Server-sent event streams (call events) open on this node",
                MetricUnits.NONE,
                () -> subscribers.count(CallEventStream.class::isInstance));
    }
}
