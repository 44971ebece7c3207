package com.vocelio.transfer.control;

import com.vocelio.platform.control.Metrics;
import com.vocelio.transfer.entity.Transfer;
import com.vocelio.transfer.entity.TransferStatus;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.Map;
import org.eclipse.microprofile.metrics.Tag;

/**
 * What routing did on this node, counted in memory after each commit: requests, the time from a request to its first
 * offer, how transfers ended, and offers that ran out or were turned down. A node counts the moves it made; Prometheus
 * adds the nodes up. The queues themselves are {@link QueueGauges}.
 */
@ApplicationScoped
public class TransferMetrics {

    @Inject
    Metrics metrics;

    private Metrics.Count requested;
    private Metrics.Latency routing;
    private Metrics.Count expired;
    private Metrics.Count rejected;
    private final Map<TransferStatus, Metrics.Count> ended = new EnumMap<>(TransferStatus.class);

    @PostConstruct
    void register() {
        requested = metrics.counter("vocelio.transfers.requested", "Transfers requested (new ones, not repeats)");
        routing = metrics.timer("vocelio.routing.latency", "From a transfer's request to its first offer to an agent");
        expired = metrics.counter("vocelio.reservation.expiries", "Offers nobody answered within the reservation time");
        rejected = metrics.counter("vocelio.offers.rejected", "Offers the agent turned down");
        for (TransferStatus status : TransferStatus.values()) {
            if (!status.isOpen()) {
                ended.put(
                        status,
                        metrics.counter(
                                "vocelio.transfers.ended",
                                "Transfers that ended, by outcome",
                                new Tag("outcome", status.wireName())));
            }
        }
    }

    public void requested() {
        metrics.afterCommit(requested::add);
    }

    /** An offer was made; the first one of a transfer ends its routing. */
    public void offered(Transfer transfer, OffsetDateTime now) {
        if (transfer.offerCount() == 1) {
            Duration took = Duration.between(transfer.createdAt(), now);
            metrics.afterCommit(() -> routing.record(took));
        }
    }

    public void expired() {
        metrics.afterCommit(expired::add);
    }

    public void rejected() {
        metrics.afterCommit(rejected::add);
    }

    public void ended(TransferStatus outcome) {
        Metrics.Count count = ended.get(outcome);
        if (count != null) {
            metrics.afterCommit(count::add);
        }
    }
}
