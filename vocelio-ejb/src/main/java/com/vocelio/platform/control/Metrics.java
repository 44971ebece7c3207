package com.vocelio.platform.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * The application's MicroProfile Metrics registry, when there is one. Payara has none while Metrics is turned off (the
 * default: {@code VOCELIO_METRICS_ENABLED}) — its producer then fails — so features never inject the registry: they
 * ask here for a {@link Count} or a {@link Latency}, which do nothing when Metrics is off, and update them in memory on
 * their hot paths (no query, no lookup per call). Gauges are read by Payara when {@code /metrics} is scraped.
 */
@ApplicationScoped
public class Metrics {

    private static final Logger LOG = Logger.getLogger(Metrics.class.getName());

    /** Something that happened, once. */
    @FunctionalInterface
    public interface Count {
        void add();
    }

    /** How long something took. */
    @FunctionalInterface
    public interface Latency {
        void record(Duration duration);
    }

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    Instance<MetricRegistry> registries;

    @Inject
    AfterCommit afterCommit;

    private MetricRegistry registry; // null while Metrics is off

    @PostConstruct
    void find() {
        try {
            if (registries.isResolvable()) {
                MetricRegistry found = registries.get();
                found.getNames(); // Payara hands out a registry it cannot serve when Metrics is off
                registry = found;
            }
        } catch (RuntimeException off) {
            LOG.fine(() -> "MicroProfile Metrics is off: " + off);
        }
    }

    public boolean on() {
        return registry != null;
    }

    public Count counter(String name, String description, Tag... tags) {
        if (registry == null) {
            return () -> {};
        }
        Counter counter = registry.counter(
                Metadata.builder().withName(name).withDescription(description).build(), tags);
        return counter::inc;
    }

    /**
     * A timer, exported in seconds; its buckets come from {@code mp.metrics.distribution.timer.buckets}. It declares
     * nanoseconds because that is what a timer counts, and Payara scales what it exports from the declared unit: a
     * timer declared in seconds exported nanoseconds as seconds.
     */
    public Latency timer(String name, String description, Tag... tags) {
        if (registry == null) {
            return duration -> {};
        }
        Timer timer = registry.timer(
                Metadata.builder()
                        .withName(name)
                        .withDescription(description)
                        .withUnit(MetricUnits.NANOSECONDS)
                        .build(),
                tags);
        return duration -> timer.update(duration.isNegative() ? Duration.ZERO : duration);
    }

    /** A gauge Payara reads when scraped; {@code unit} is one of {@link MetricUnits}. */
    public void gauge(String name, String description, String unit, Supplier<Number> value, Tag... tags) {
        if (registry != null) {
            registry.gauge(
                    Metadata.builder()
                            .withName(name)
                            .withDescription(description)
                            .withUnit(unit)
                            .build(),
                    value,
                    tags);
        }
    }

    public void remove(String name, Tag... tags) {
        if (registry != null) {
            registry.remove(new MetricID(name, tags));
        }
    }

    /**
     * Runs {@code update} once the caller's transaction has committed (at once without one), so a rolled-back move
     * counts nothing. In memory only: a synchronization, no query.
     */
    public void afterCommit(Runnable update) {
        if (registry != null) {
            afterCommit.run(update);
        }
    }
}
