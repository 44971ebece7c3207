package com.vocelio.transfer.control;

import com.vocelio.platform.control.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Each department's service level over the last 24 hours: transfers connected within the threshold over those
 * connected or abandoned. Counting it reads every transfer of the organization's day, which at a busy center is tens
 * of thousands of rows (10–14 ms of PostgreSQL per read with the ladder's day), while a wallboard or the portal polls
 * the queue status every few seconds. A day's figure does not move within seconds, so each node reads it at most
 * once per {@code vocelio.routing.service-level-refresh} per organization and answers from that in between; zero
 * reads it on every call. The window is on {@code queued_at} (a transfer's creation: it is never moved), so the
 * index on (tenant, queued_at) bounds the read to the day rather than to every transfer the organization ever had.
 * The live figures of the same answer (waiting, longest wait, agents) are never cached.
 */
@ApplicationScoped
public class ServiceLevels {

    /** The figure of each organization is kept this many (organizations) at most before expired ones are dropped. */
    private static final int MAX_ORGANIZATIONS = 10_000;

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Inject
    @ConfigProperty(name = "vocelio.routing.service-level-threshold", defaultValue = "PT30S")
    Duration threshold;

    @Inject
    @ConfigProperty(name = "vocelio.routing.service-level-refresh", defaultValue = "PT5S")
    Duration refresh;

    private final Map<String, Read> reads = new ConcurrentHashMap<>();

    /** Answered within the threshold, and all answered or abandoned. */
    public record Level(long inTime, long handled) {

        public static final Level NONE = new Level(0, 0);

        /** 100 % when nothing was answered or abandoned yet. */
        public double percent() {
            return handled == 0 ? 100.0 : 100.0 * inTime / handled;
        }
    }

    private record Read(long at, Map<String, Level> byDepartment) {}

    /** By department id; a department with no transfer in the window has none. */
    public Map<String, Level> of(String tenantId) {
        long now = System.nanoTime();
        Read read = reads.get(tenantId);
        if (read == null || now - read.at() >= refresh.toNanos()) {
            read = new Read(now, count(tenantId));
            if (!refresh.isZero()) {
                if (reads.size() >= MAX_ORGANIZATIONS) {
                    reads.values().removeIf(old -> now - old.at() >= refresh.toNanos());
                }
                reads.put(tenantId, read);
            }
        }
        return read.byDepartment();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Level> count(String tenantId) {
        var rows = (List<Object[]>) Sql.of(
                        em,
                        """
                        select cast(department_id as text),
                               count(*) filter (where connected_at is not null and connected_at - queued_at <= ?2 * interval '1 second'),
                               count(*) filter (where connected_at is not null or status = 'abandoned')
                        from transfers where tenant_id = cast(?1 as uuid) and queued_at > now() - interval '24 hours'
                        group by department_id""")
                .setParameter(1, tenantId)
                .setParameter(2, threshold.toSeconds())
                .getResultList();
        var result = new HashMap<String, Level>();
        for (Object[] row : rows) {
            result.put((String) row[0], new Level(((Number) row[1]).longValue(), ((Number) row[2]).longValue()));
        }
        return Map.copyOf(result);
    }
}
