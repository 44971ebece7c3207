package com.vocelio.department.control;

import com.vocelio.event.control.Subscribers;
import com.vocelio.event.entity.DomainEvent;
import com.vocelio.platform.control.AfterCommit;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How often each organization's departments have changed, as far as this node knows: counted when a change commits
 * here, and again when the relay delivers it (this node's changes and every other node's). A reader that notes the
 * count before it reads the rows knows, by comparing later, whether what it read may since have changed — so a
 * listing read from the database can be served again until the next change instead of read on every request.
 */
@ApplicationScoped
public class DepartmentChanges {

    @Inject
    Subscribers subscribers;

    @Inject
    AfterCommit afterCommit;

    private final Map<String, Long> counts = new ConcurrentHashMap<>();

    /**
     * Listens before anyone can read a count: nothing was remembered before this bean existed, so an event that
     * arrived earlier has nothing to make stale.
     */
    @PostConstruct
    void start() {
        subscribers.watch(DomainEvent.DEPARTMENTS, event -> counted(event.tenantId()));
    }

    public long seen(String tenantId) {
        return counts.getOrDefault(tenantId, 0L);
    }

    /** Counts the caller's change once its transaction commits: at once here, before any other node hears of it. */
    public void changing(String tenantId) {
        afterCommit.run(() -> counted(tenantId));
    }

    private void counted(String tenantId) {
        counts.merge(tenantId, 1L, Long::sum);
    }
}
