package com.vocelio.event.control;

import com.vocelio.event.entity.StoredEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This node's subscribers, by organization: an event only ever reaches its own organization's subscribers. Parts of
 * the application that must hear of a channel's events in every organization (access revocations) {@link #watch} it.
 */
@ApplicationScoped
public class Subscribers {

    private static final Logger LOG = Logger.getLogger(Subscribers.class.getName());

    private final Map<String, Set<Subscriber>> byTenant = new ConcurrentHashMap<>();
    private final Map<String, Set<Consumer<StoredEvent>>> watchers = new ConcurrentHashMap<>();

    /** Every event of the channel, whatever its organization, on the relay's thread: must not block. */
    public void watch(String channel, Consumer<StoredEvent> watcher) {
        watchers.computeIfAbsent(channel, c -> ConcurrentHashMap.newKeySet()).add(watcher);
    }

    public void add(Subscriber subscriber) {
        // inside compute: a concurrent remove of the last subscriber cannot drop the set this one joins
        byTenant.compute(subscriber.tenantId(), (tenant, set) -> {
            Set<Subscriber> joined = set != null ? set : ConcurrentHashMap.newKeySet();
            joined.add(subscriber);
            return joined;
        });
    }

    public void remove(Subscriber subscriber) {
        byTenant.computeIfPresent(subscriber.tenantId(), (tenant, set) -> {
            set.remove(subscriber);
            return set.isEmpty() ? null : set;
        });
    }

    public void deliver(StoredEvent event) {
        Set<Consumer<StoredEvent>> watching = watchers.get(event.channel());
        if (watching != null) {
            for (Consumer<StoredEvent> watcher : watching) {
                try {
                    watcher.accept(event);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "A watcher of " + event.channel() + " failed on event " + event.id(), e);
                }
            }
        }
        Set<Subscriber> subscribers = byTenant.get(event.tenantId());
        if (subscribers != null) {
            for (Subscriber subscriber : subscribers) {
                try {
                    subscriber.deliver(event);
                } catch (RuntimeException e) { // one broken subscriber must not cost the others their events
                    LOG.log(Level.WARNING, "A subscriber failed to take event " + event.id() + "; dropping it", e);
                    drop(subscriber);
                }
            }
        }
    }

    public boolean wantFigures(String tenantId) {
        Set<Subscriber> subscribers = byTenant.get(tenantId);
        return subscribers != null && subscribers.stream().anyMatch(Subscriber::wantsFigures);
    }

    public <F> void figures(String tenantId, Class<F> type, F figures) {
        Set<Subscriber> subscribers = byTenant.get(tenantId);
        if (subscribers != null) {
            for (Subscriber subscriber : subscribers) {
                try {
                    if (subscriber.wantsFigures()) {
                        subscriber.figures(type, figures);
                    }
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "A subscriber failed to take live counts; dropping it", e);
                    drop(subscriber);
                }
            }
        }
    }

    /** Unsubscribes every subscriber of a kind and tells each it was dropped (it ends its connection); those. */
    public List<Subscriber> drop(Predicate<Subscriber> kind) {
        List<Subscriber> dropped =
                byTenant.values().stream().flatMap(Set::stream).filter(kind).toList();
        dropped.forEach(this::drop);
        return dropped;
    }

    private void drop(Subscriber subscriber) {
        remove(subscriber);
        try {
            subscriber.dropped();
        } catch (RuntimeException ignored) {
            // it is gone either way
        }
    }

    public int count() {
        return byTenant.values().stream().mapToInt(Set::size).sum();
    }

    /** How many subscribers of a kind this node has (read when metrics are scraped, not per event). */
    public long count(Predicate<Subscriber> kind) {
        return byTenant.values().stream().flatMap(Set::stream).filter(kind).count();
    }
}
