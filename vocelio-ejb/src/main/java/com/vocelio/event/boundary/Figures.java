package com.vocelio.event.boundary;

import com.vocelio.event.control.UnitOfWork;
import com.vocelio.event.entity.LiveFigures;
import com.vocelio.platform.control.CurrentTenant;
import com.vocelio.platform.control.Sql;
import com.vocelio.transfer.control.QueuePositions;
import com.vocelio.transfer.entity.Spot;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The organization's live counts in one query: per department the waiting transfers, the longest wait, the free and
 * busy agents and the estimated wait of a new arrival (rolling average handle time of the last 50 completed transfers
 * over the staffed capacity, as the queue endpoints estimate it); totals are their sums.
 */
@Stateless
@UnitOfWork
public class Figures {

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Inject
    CurrentTenant tenant;

    @Inject
    @ConfigProperty(name = "vocelio.routing.default-handle-time", defaultValue = "PT3M")
    Duration defaultHandleTime;

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    @SuppressWarnings("unchecked")
    public LiveFigures now() {
        String tenantId = tenant.id();
        List<Object[]> rows = Sql.of(
                        em,
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
                                   and connected_at is not null order by ended_at desc limit 50) recent) h on true
                        where d.tenant_id = cast(?1 as uuid)
                        order by d.name""")
                .setParameter(1, tenantId)
                .getResultList();
        var queues = new ArrayList<LiveFigures.Queue>();
        long active = 0, available = 0, busy = 0, staffed = 0, waiting = 0;
        for (Object[] row : rows) {
            long queueLength = number(row[2]);
            double handle = row[9] == null ? defaultHandleTime.toSeconds() : ((Number) row[9]).doubleValue();
            double pace = QueuePositions.pace(handle, number(row[8]));
            queues.add(new LiveFigures.Queue(
                    (String) row[0],
                    (String) row[1],
                    queueLength,
                    number(row[3]),
                    Spot.at(queueLength + 1, pace).estimatedWaitSeconds(),
                    number(row[5])));
            waiting += queueLength;
            active += number(row[4]);
            available += number(row[5]);
            busy += number(row[6]);
            staffed += number(row[7]);
        }
        return new LiveFigures(tenantId, active, available, busy, staffed, waiting, List.copyOf(queues));
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
