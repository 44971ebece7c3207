package com.vocelio.transfer.control;

import com.vocelio.platform.control.CurrentTenant;
import com.vocelio.platform.control.Sql;
import com.vocelio.transfer.entity.Spot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * Every department's queue and agents now, in one statement whatever the number of departments: the one read behind
 * both the queue status and the live queue board. The estimated wait is a new arrival's, at the department's pace
 * ({@link QueuePositions#pace}).
 */
@ApplicationScoped
public class QueueLoads {

    private static final String SQL =
            """
            select cast(d.id as text), d.name, coalesce(q.waiting, 0), coalesce(q.longest, 0),
                   coalesce(q.active, 0), coalesce(a.available, 0), coalesce(a.busy, 0),
                   coalesce(a.staffed, 0), coalesce(a.capacity, 0), h.handle
            from departments d
            left join (select department_id, count(*) filter (where status = 'queued') waiting,
                           coalesce(extract(epoch from now() - min(queued_at) filter (where status = 'queued')), 0) longest,
                           count(*) filter (where status in ('offered', 'connecting', 'connected')) active
                       from transfers where tenant_id = cast(?1 as uuid)
                       and status in ('queued', 'offered', 'connecting', 'connected')
                       group by department_id) q on q.department_id = d.id
            left join (select department_id,
                           count(*) filter (where status = 'available' and active_calls < max_concurrent_calls) available,
                           count(*) filter (where status in ('busy', 'wrap_up') or active_calls > 0) busy,
                           count(*) filter (where status in ('available', 'busy', 'wrap_up')) staffed,
                           sum(max_concurrent_calls) filter (where status in ('available', 'busy', 'wrap_up')) capacity
                       from agents where tenant_id = cast(?1 as uuid) group by department_id) a
                   on a.department_id = d.id
            left join lateral (select avg(extract(epoch from ended_at - connected_at)) handle from (
                       select ended_at, connected_at from transfers
                       where tenant_id = d.tenant_id and department_id = d.id and status = 'completed'
                       and connected_at is not null order by ended_at desc limit %d) recent) h on true
            where d.tenant_id = cast(?1 as uuid)
            order by d.name, d.id"""
                    .formatted(QueuePositions.HANDLE_TIME_SAMPLE);

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Inject
    CurrentTenant tenant;

    @Inject
    QueuePositions positions;

    /** One department's load: its queue (waiting, the longest wait, a newcomer's estimate), its transfers with agents, its agents. */
    public record Load(
            String departmentId,
            String department,
            long waiting,
            long longestWaitSeconds,
            long estimatedWaitSeconds,
            long activeTransfers,
            long availableAgents,
            long busyAgents,
            long staffedAgents) {}

    /** By department name. */
    @SuppressWarnings("unchecked")
    public List<Load> now() {
        List<Object[]> rows = Sql.of(em, SQL).setParameter(1, tenant.id()).getResultList();
        return rows.stream()
                .map(row -> {
                    long waiting = number(row[2]);
                    return new Load(
                            (String) row[0],
                            (String) row[1],
                            waiting,
                            number(row[3]),
                            Spot.at(waiting + 1, positions.pace(row[9], row[8])).estimatedWaitSeconds(),
                            number(row[4]),
                            number(row[5]),
                            number(row[6]),
                            number(row[7]));
                })
                .toList();
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
