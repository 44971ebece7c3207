package com.vocelio.speech.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * The synthesis cache in MicroProfile Metrics ({@code /metrics}, when the operator turns it on): this node's hits,
 * misses and hit rate since it started. Without a metrics registry (Metrics off) there is nothing to register, and
 * {@code GET /speech/cache} still tells the same figures.
 */
@ApplicationScoped
public class SpeechMetrics {

    private static final Logger LOG = Logger.getLogger(SpeechMetrics.class.getName());

    @Inject
    Instance<MetricRegistry> registries;

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        try {
            if (!registries.isResolvable()) {
                return;
            }
            MetricRegistry registry = registries.get();
            registry.gauge("speech_cache_hits", AudioCache::hits);
            registry.gauge("speech_cache_misses", AudioCache::misses);
            registry.gauge("speech_cache_hit_ratio", AudioCache::hitRate);
        } catch (RuntimeException e) {
            LOG.log(Level.INFO, "Speech cache figures not in metrics (no registry): {0}", e.toString());
        }
    }
}
