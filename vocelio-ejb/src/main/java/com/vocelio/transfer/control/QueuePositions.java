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

    /**
     * The department's line in one call of a database function (changeset 031): the waiting count and those of at
     * least an urgency (running sums a trigger keeps in {@code queue_counts}, changeset 013, not counts over the queue:
     * the same cost with 5,000 waiting as with none), then the pace's two inputs. A function so that PostgreSQL keeps
     * its plans instead of planning it on every request.
     */
    private static final String LINE = "select * from queue_line(cast(?1 as uuid), cast(?2 as uuid), ?3, ?4)";

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

    /** How many wait in the department, how many of at least this urgency, and the pace. */
    public Line line(Department department, int urgencyRank) {
        Object[] row = line(department.id(), urgencyRank);
        return new Line(number(row[0]), number(row[1]), pace(row[2], row[3]));
    }

    private Object[] line(String departmentId, int urgencyRank) {
        return (Object[]) Sql.of(em, LINE)
                .setParameter(1, tenant.id())
                .setParameter(2, departmentId)
                .setParameter(3, urgencyRank)
                .setParameter(4, HANDLE_TIME_SAMPLE)
                .getSingleResult();
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
        Object[] row = line(department.id(), 0);
        return pace(row[2], row[3]);
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
