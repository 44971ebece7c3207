package com.vocelio.event.control;

import com.vocelio.event.entity.LiveFigures;
import com.vocelio.event.entity.StoredEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/** This node's subscribers, by organization: an event only ever reaches its own organization's subscribers. */
@ApplicationScoped
public class Subscribers {

    private static final Logger LOG = Logger.getLogger(Subscribers.class.getName());

    private final Map<String, Set<Subscriber>> byTenant = new ConcurrentHashMap<>();

    public void add(Subscriber subscriber) {
        byTenant.computeIfAbsent(subscriber.tenantId(), tenant -> ConcurrentHashMap.newKeySet())
                .add(subscriber);
    }

    public void remove(Subscriber subscriber) {
        byTenant.computeIfPresent(subscriber.tenantId(), (tenant, set) -> {
            set.remove(subscriber);
            return set.isEmpty() ? null : set;
        });
    }

    public void deliver(StoredEvent event) {
        Set<Subscriber> subscribers = byTenant.get(event.tenantId());
        if (subscribers != null) {
            for (Subscriber subscriber : subscribers) {
                try {
                    subscriber.deliver(event);
                } catch (RuntimeException e) { // one broken subscriber must not cost the others their events
                    LOG.log(Level.WARNING, "A subscriber failed to take event " + event.id() + "; dropping it", e);
                    remove(subscriber);
                }
            }
        }
    }

    public boolean wantFigures(String tenantId) {
        Set<Subscriber> subscribers = byTenant.get(tenantId);
        return subscribers != null && subscribers.stream().anyMatch(Subscriber::wantsFigures);
    }

    public void figures(LiveFigures figures) {
        Set<Subscriber> subscribers = byTenant.get(figures.tenantId());
        if (subscribers != null) {
            subscribers.stream().filter(Subscriber::wantsFigures).forEach(s -> s.figures(figures));
        }
    }

    public int count() {
        return byTenant.values().stream().mapToInt(Set::size).sum();
    }
}
