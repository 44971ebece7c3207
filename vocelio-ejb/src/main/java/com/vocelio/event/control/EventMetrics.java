package com.vocelio.event.control;

import com.vocelio.event.entity.StoredEvent;
import com.vocelio.platform.control.Metrics;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;

/**
 * The bus on this node: events the relay handed to its subscribers, and how long each took from the outbox (its row
 * is written at the end of its unit of work, just before the commit) to here. Updated in memory by the relay's thread.
 */
@ApplicationScoped
public class EventMetrics {

    @Inject
    Metrics metrics;

    private Metrics.Count relayed;
    private Metrics.Latency lag;

    @PostConstruct
    void register() {
        relayed = metrics.counter("vocelio.events.relayed", "Events this node's relay handed to its subscribers");
        lag = metrics.timer("vocelio.outbox.lag", "From an event's outbox row (its commit) to its relay on this node");
    }

    void relayed(StoredEvent event) {
        relayed.add();
        lag.record(Duration.between(event.timestamp().toInstant(), Instant.now()));
    }
}
