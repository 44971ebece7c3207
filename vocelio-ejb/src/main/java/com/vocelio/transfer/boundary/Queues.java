package com.vocelio.transfer.boundary;

import com.vocelio.department.boundary.Departments;
import com.vocelio.department.entity.Department;
import com.vocelio.event.control.UnitOfWork;
import com.vocelio.platform.control.CurrentTenant;
import com.vocelio.platform.control.Sql;
import com.vocelio.transfer.control.QueueLoads;
import com.vocelio.transfer.control.QueuePositions;
import com.vocelio.transfer.entity.QueueBoard;
import com.vocelio.transfer.entity.Spot;
import com.vocelio.transfer.entity.Transfer;
import com.vocelio.transfer.entity.TransferStatus;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What the queues look like now, from live data: positions (urgency, then age), estimated waits (the department's
 * rolling average handle time over its staffed capacity), per-department waiting, longest wait, agents and service
 * level, and the organization's live {@link QueueBoard}. A fixed number of queries whatever the number of rows; the
 * status and the board are the same read ({@link QueueLoads}).
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
    QueueLoads loads;

    @Inject
    @ConfigProperty(name = "vocelio.routing.service-level-threshold", defaultValue = "PT30S")
    Duration serviceLevelThreshold;

    public record Waiting(Transfer transfer, Spot spot) {}

    /** Per department. */
    public record Status(
            String departmentId,
            String department,
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
        return IntStream.range(0, queued.size())
                .mapToObj(i -> new Waiting(queued.get(i), Spot.at(i + 1, pace)))
                .toList();
    }

    /** The open transfers (waiting, offered, connecting, connected), oldest first, at most {@code max}. */
    public List<Transfer> open(int max) {
        return em.createNamedQuery(Transfer.ALL_OPEN, Transfer.class)
                .setParameter("open", TransferStatus.OPEN)
                .setMaxResults(max)
                .getResultList();
    }

    /** Every department, by name; the service level is of the last 24 hours. */
    public List<Status> status() {
        Map<String, long[]> answered = serviceLevels();
        return loads.now().stream()
                .map(load -> {
                    long[] s = answered.getOrDefault(load.departmentId(), new long[2]);
                    return new Status(
                            load.departmentId(),
                            load.department(),
                            load.waiting(),
                            load.longestWaitSeconds(),
                            load.availableAgents(),
                            load.busyAgents(),
                            s[1] == 0 ? 100.0 : 100.0 * s[0] / s[1]);
                })
                .toList();
    }

    /** The board as it stands: read outside any transaction when there is none (the relay's, after commit). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public QueueBoard board() {
        var perDepartment = loads.now();
        var queues = perDepartment.stream()
                .map(load -> new QueueBoard.Queue(
                        load.departmentId(),
                        load.department(),
                        load.waiting(),
                        load.longestWaitSeconds(),
                        load.estimatedWaitSeconds(),
                        load.availableAgents()))
                .toList();
        return new QueueBoard(
                tenant.id(),
                perDepartment.stream()
                        .mapToLong(QueueLoads.Load::activeTransfers)
                        .sum(),
                perDepartment.stream()
                        .mapToLong(QueueLoads.Load::availableAgents)
                        .sum(),
                perDepartment.stream().mapToLong(QueueLoads.Load::busyAgents).sum(),
                perDepartment.stream().mapToLong(QueueLoads.Load::staffedAgents).sum(),
                perDepartment.stream().mapToLong(QueueLoads.Load::waiting).sum(),
                queues);
    }

    /** Per department: transfers answered within the threshold, and all that were answered or abandoned. */
    @SuppressWarnings("unchecked")
    private Map<String, long[]> serviceLevels() {
        var rows = (List<Object[]>) Sql.of(
                        em,
                        """
                        select cast(department_id as text),
                               count(*) filter (where connected_at is not null and connected_at - queued_at <= ?2 * interval '1 second'),
                               count(*) filter (where connected_at is not null or status = 'abandoned')
                        from transfers where tenant_id = cast(?1 as uuid) and created_at > now() - interval '24 hours'
                        group by department_id""")
                .setParameter(1, tenant.id())
                .setParameter(2, serviceLevelThreshold.toSeconds())
                .getResultList();
        var result = new HashMap<String, long[]>();
        for (Object[] row : rows) {
            result.put((String) row[0], new long[] {((Number) row[1]).longValue(), ((Number) row[2]).longValue()});
        }
        return result;
    }
}
