package com.vocelio.transfer.control;

import com.vocelio.platform.control.CurrentTenant;
import com.vocelio.platform.control.Sql;
import com.vocelio.transfer.entity.Spot;
import com.vocelio.transfer.entity.Urgency;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every department's queue and agents now, in one statement whatever the number of departments: the one read behind
 * both the queue status and the live queue board (refreshed after every change while a wallboard is open). Nothing in
 * it reads the waiting queue itself: the count is {@code queue_counts}' running sum, the longest wait one index probe
 * per urgency, the transfers with agents a partial index of only those (changeset 023). Measured with 5,219 waiting:
 * 10–14 ms when it counted the queue, 1 ms now. The estimated wait is a new arrival's, at the department's pace
 * ({@link QueuePositions#pace}).
 */
@ApplicationScoped
public class QueueLoads {

    private static final String SQL =
            """
            select cast(d.id as text), d.name, coalesce(q.waiting, 0), coalesce(extract(epoch from now() - o.oldest), 0),
                   coalesce(t.active, 0), coalesce(a.available, 0), coalesce(a.busy, 0),
                   coalesce(a.staffed, 0), coalesce(a.capacity, 0), h.handle
            from departments d
            left join (select department_id, sum(waiting) waiting from queue_counts
                       where tenant_id = cast(?1 as uuid) group by department_id) q on q.department_id = d.id
            left join (select department_id, count(*) active from transfers
                       where tenant_id = cast(?1 as uuid) and status in ('offered', 'connecting', 'connected')
                       group by department_id) t on t.department_id = d.id
            left join (select department_id,
                           count(*) filter (where status = 'available' and active_calls < max_concurrent_calls) available,
                           count(*) filter (where status in ('busy', 'wrap_up') or active_calls > 0) busy,
                           count(*) filter (where status in ('available', 'busy', 'wrap_up')) staffed,
                           sum(max_concurrent_calls) filter (where status in ('available', 'busy', 'wrap_up')) capacity
                       from agents where tenant_id = cast(?1 as uuid) group by department_id) a
                   on a.department_id = d.id
            left join lateral (select min(first.queued_at) oldest from unnest(cast(?2 as int[])) r(rank),
                       lateral (select queued_at from transfers w
                                where w.tenant_id = d.tenant_id and w.department_id = d.id and w.status = 'queued'
                                and w.urgency_rank = r.rank order by w.queued_at limit 1) first) o on true
            left join lateral (select avg(extract(epoch from ended_at - connected_at)) handle from (
                       select ended_at, connected_at from transfers
                       where tenant_id = d.tenant_id and department_id = d.id and status = 'completed'
                       and connected_at is not null order by ended_at desc limit %d) recent) h on true
            where d.tenant_id = cast(?1 as uuid)
            order by d.name, d.id"""
                    .formatted(QueuePositions.HANDLE_TIME_SAMPLE);

    /** Every urgency's rank: the longest wait is the oldest of each urgency's head, one index probe each. */
    private static final String RANKS = Arrays.stream(Urgency.values())
            .map(u -> Integer.toString(u.rank()))
            .collect(Collectors.joining(",", "{", "}"));

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
        List<Object[]> rows = Sql.of(em, SQL)
                .setParameter(1, tenant.id())
                .setParameter(2, RANKS)
                .getResultList();
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
