package com.vocelio.transfer.boundary;

import com.vocelio.department.boundary.Departments;
import com.vocelio.department.entity.Department;
import com.vocelio.event.control.UnitOfWork;
import com.vocelio.platform.control.CurrentTenant;
import com.vocelio.platform.control.Sql;
import com.vocelio.transfer.control.QueuePositions;
import com.vocelio.transfer.entity.Spot;
import com.vocelio.transfer.entity.Transfer;
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
@UnitOfWork
public class Queues {

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Inject
    Departments departments;

    @Inject
    CurrentTenant tenant;

    @Inject
    QueuePositions positions;

    @Inject
    @ConfigProperty(name = "vocelio.routing.service-level-threshold", defaultValue = "PT30S")
    Duration serviceLevelThreshold;

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
        return positions.spotOf(transfer);
    }

    public List<Waiting> queueOf(String departmentIdOrName) {
        Department department = departments.resolve(departmentIdOrName);
        double pace = positions.pace(department);
        var queued = em.createNamedQuery(Transfer.QUEUE, Transfer.class)
                .setParameter("department", department)
                .getResultList();
        return java.util.stream.IntStream.range(0, queued.size())
                .mapToObj(i -> new Waiting(queued.get(i), Spot.at(i + 1, pace)))
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
