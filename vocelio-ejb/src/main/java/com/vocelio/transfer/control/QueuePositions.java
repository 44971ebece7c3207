package com.vocelio.transfer.control;

import com.vocelio.department.entity.Department;
import com.vocelio.platform.control.CurrentTenant;
import com.vocelio.platform.control.Sql;
import com.vocelio.transfer.entity.Spot;
import com.vocelio.transfer.entity.Transfer;
import com.vocelio.transfer.entity.TransferStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Positions and estimated waits, inside the caller's transaction: a position counts who waits ahead (urgency, then
 * age) from the queue's index; the pace is the department's rolling average handle time over its staffed capacity.
 */
@ApplicationScoped
public class QueuePositions {

    /** How many recent completed transfers make the rolling average handle time. */
    public static final int HANDLE_TIME_SAMPLE = 50;

    /** The pace's two inputs, as a select list over the department named by parameters 1 (tenant) and 2. */
    private static final String PACE_INPUTS =
            """
            (select avg(extract(epoch from ended_at - connected_at)) from (
                select ended_at, connected_at from transfers
                where tenant_id = cast(?1 as uuid) and department_id = cast(?2 as uuid)
                and status = 'completed' and connected_at is not null
                order by ended_at desc limit %d) recent),
            (select coalesce(sum(max_concurrent_calls), 0) from agents
                where tenant_id = cast(?1 as uuid) and department_id = cast(?2 as uuid)
                and status in ('available', 'busy', 'wrap_up'))"""
                    .formatted(HANDLE_TIME_SAMPLE);

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Inject
    CurrentTenant tenant;

    @Inject
    @ConfigProperty(name = "vocelio.routing.default-handle-time", defaultValue = "PT3M")
    Duration defaultHandleTime;

    /** The queue a newcomer of some urgency joins: how many wait, how many of them it will stand behind, the pace. */
    public record Line(long waiting, long ahead, double pace) {

        /** Where the newcomer stands once it joined (the newest of its urgency). */
        public Spot newcomer() {
            return Spot.at(ahead + 1, pace);
        }
    }

    /**
     * One statement: the department's waiting count, those of at least this urgency, and the pace. The counts are the
     * running sums a trigger keeps in {@code queue_counts} (changeset 013), not counts over the queue: the same cost
     * with 5,000 waiting as with none.
     */
    public Line line(Department department, int urgencyRank) {
        Object[] row = (Object[]) Sql.of(
                        em,
                        "select (select coalesce(sum(waiting), 0) from queue_counts where tenant_id = cast(?1 as uuid)"
                                + " and department_id = cast(?2 as uuid)),"
                                + " (select coalesce(sum(waiting), 0) from queue_counts where tenant_id = cast(?1 as uuid)"
                                + " and department_id = cast(?2 as uuid) and urgency_rank >= ?3), "
                                + PACE_INPUTS)
                .setParameter(1, tenant.id())
                .setParameter(2, department.id())
                .setParameter(3, urgencyRank)
                .getSingleResult();
        return new Line(number(row[0]), number(row[1]), pace(row[2], row[3]));
    }

    public Spot spotOf(Transfer transfer) {
        if (transfer.status() != TransferStatus.QUEUED) {
            return Spot.NONE;
        }
        long ahead = em.createNamedQuery(Transfer.AHEAD_OF, Long.class)
                .setParameter("department", transfer.department())
                .setParameter("rank", transfer.urgencyRank())
                .setParameter("queuedAt", transfer.queuedAt())
                .setParameter("id", transfer.id())
                .getSingleResult();
        return Spot.at(ahead + 1, pace(transfer.department()));
    }

    /** Seconds per queue position in the department now. */
    public double pace(Department department) {
        Object[] row = (Object[]) Sql.of(em, "select " + PACE_INPUTS)
                .setParameter(1, tenant.id())
                .setParameter(2, department.id())
                .getSingleResult();
        return pace(row[0], row[1]);
    }

    /** The pace from its two inputs as a query reads them: the average handle time (null: none yet), the capacity. */
    public double pace(Object handleSeconds, Object staffedCapacity) {
        double handle = handleSeconds == null ? defaultHandleTime.toSeconds() : ((Number) handleSeconds).doubleValue();
        return pace(handle, number(staffedCapacity));
    }

    /** Seconds per queue position: a handle time over the calls the staffed agents take at once (at least one). */
    private static double pace(double handleSeconds, long staffedCapacity) {
        return handleSeconds / Math.max(1, staffedCapacity);
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
