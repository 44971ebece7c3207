package com.vocelio.transfer.boundary;

import com.vocelio.department.boundary.Departments;
import com.vocelio.department.entity.Department;
import com.vocelio.platform.control.CurrentTenant;
import com.vocelio.platform.control.Sql;
import com.vocelio.platform.control.TenantAware;
import com.vocelio.transfer.entity.Transfer;
import com.vocelio.transfer.entity.TransferStatus;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What the queues look like now, from live data: positions (urgency, then age), estimated waits (the department's
 * rolling average handle time over its staffed capacity), and per-department waiting, longest wait, agents and
 * service level. A fixed number of queries whatever the number of rows.
 */
@Stateless
@TenantAware
public class Queues {

    /** How many recent completed transfers make the rolling average handle time. */
    static final int HANDLE_TIME_SAMPLE = 50;

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Inject
    Departments departments;

    @Inject
    CurrentTenant tenant;

    @Inject
    @ConfigProperty(name = "vocelio.routing.default-handle-time", defaultValue = "PT3M")
    Duration defaultHandleTime;

    @Inject
    @ConfigProperty(name = "vocelio.routing.service-level-threshold", defaultValue = "PT30S")
    Duration serviceLevelThreshold;

    /** Where a waiting transfer stands: 1-based position and seconds to wait; {@code 0, 0} once it left the queue. */
    public record Spot(int position, long estimatedWaitSeconds) {}

    public record Waiting(Transfer transfer, Spot spot) {}

    /** Per department (and, with a null department, the total). */
    public record Status(
            Department department,
            long waiting,
            long longestWaitSeconds,
            long availableAgents,
            long busyAgents,
            double serviceLevelPercent) {}

    public Spot spotOf(Transfer transfer) {
        if (transfer.status() != TransferStatus.QUEUED) {
            return new Spot(0, 0);
        }
        long ahead = em.createNamedQuery(Transfer.AHEAD_OF, Long.class)
                .setParameter("department", transfer.department())
                .setParameter("rank", transfer.urgencyRank())
                .setParameter("queuedAt", transfer.queuedAt())
                .setParameter("id", transfer.id())
                .getSingleResult();
        int position = (int) ahead + 1;
        return new Spot(position, estimate(position, pace(transfer.department())));
    }

    public List<Waiting> queueOf(String departmentIdOrName) {
        Department department = departments.resolve(departmentIdOrName);
        double pace = pace(department);
        var queued = em.createNamedQuery(Transfer.QUEUE, Transfer.class)
                .setParameter("department", department)
                .getResultList();
        return java.util.stream.IntStream.range(0, queued.size())
                .mapToObj(i -> new Waiting(queued.get(i), new Spot(i + 1, estimate(i + 1, pace))))
                .toList();
    }

    public List<Status> status() {
        String tenantId = tenant.id();
        Map<String, long[]> queue = rows(
                """
                select cast(department_id as text), count(*),
                       coalesce(extract(epoch from now() - min(queued_at)), 0)
                from transfers where tenant_id = cast(?1 as uuid) and status = 'queued' group by department_id""",
                tenantId);
        Map<String, long[]> agents = rows(
                """
                select cast(department_id as text),
                       count(*) filter (where status = 'available' and active_calls < max_concurrent_calls),
                       count(*) filter (where status in ('busy', 'wrap_up') or active_calls > 0)
                from agents where tenant_id = cast(?1 as uuid) group by department_id""",
                tenantId);
        Map<String, long[]> answered = rows(
                """
                select cast(department_id as text),
                       count(*) filter (where connected_at is not null and connected_at - queued_at <= ?2 * interval '1 second'),
                       count(*) filter (where connected_at is not null or status = 'abandoned')
                from transfers where tenant_id = cast(?1 as uuid) and created_at > now() - interval '24 hours'
                group by department_id""",
                tenantId,
                serviceLevelThreshold.toSeconds());
        return departments.all().stream()
                .map(d -> {
                    long[] q = queue.getOrDefault(d.id(), new long[2]);
                    long[] a = agents.getOrDefault(d.id(), new long[2]);
                    long[] s = answered.getOrDefault(d.id(), new long[2]);
                    return new Status(d, q[0], q[1], a[0], a[1], s[1] == 0 ? 100.0 : 100.0 * s[0] / s[1]);
                })
                .toList();
    }

    /** Seconds per position: average handle time over the calls the department's staffed agents take at once. */
    private double pace(Department department) {
        String tenantId = tenant.id();
        Object[] row = (Object[]) Sql.of(
                        em,
                        """
                        select (select avg(extract(epoch from ended_at - connected_at)) from (
                                   select ended_at, connected_at from transfers
                                   where tenant_id = cast(?1 as uuid) and department_id = cast(?2 as uuid)
                                   and status = 'completed' and connected_at is not null
                                   order by ended_at desc limit ?3) recent),
                               (select coalesce(sum(max_concurrent_calls), 0) from agents
                                   where tenant_id = cast(?1 as uuid) and department_id = cast(?2 as uuid)
                                   and status in ('available', 'busy', 'wrap_up'))""")
                .setParameter(1, tenantId)
                .setParameter(2, department.id())
                .setParameter(3, HANDLE_TIME_SAMPLE)
                .getSingleResult();
        double handle = row[0] == null ? defaultHandleTime.toSeconds() : ((Number) row[0]).doubleValue();
        return pace(handle, ((Number) row[1]).longValue());
    }

    /** Seconds per queue position: a handle time over the calls the staffed agents take at once (at least one). */
    public static double pace(double handleSeconds, long staffedCapacity) {
        return handleSeconds / Math.max(1, staffedCapacity);
    }

    /** The estimated wait at a 1-based queue position. */
    public static long estimate(long position, double pace) {
        return Math.round(Math.ceil(position * pace));
    }

    @SuppressWarnings("unchecked")
    private Map<String, long[]> rows(String sql, Object... parameters) {
        var query = Sql.of(em, sql);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        var result = new HashMap<String, long[]>();
        for (Object[] row : (List<Object[]>) query.getResultList()) {
            result.put((String) row[0], new long[] {((Number) row[1]).longValue(), ((Number) row[2]).longValue()});
        }
        return result;
    }
}
