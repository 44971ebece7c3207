package com.vocelio.transfer.boundary;

import com.vocelio.department.boundary.Departments;
import com.vocelio.department.entity.Department;
import com.vocelio.event.control.UnitOfWork;
import com.vocelio.platform.control.CurrentTenant;
import com.vocelio.transfer.control.QueueLoads;
import com.vocelio.transfer.control.QueuePositions;
import com.vocelio.transfer.control.ServiceLevels;
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
import java.util.List;
import java.util.stream.IntStream;

/**
 * What the queues look like now, from live data: positions (urgency, then age), estimated waits (the department's
 * rolling average handle time over its staffed capacity), per-department waiting, longest wait, agents and service
 * level (of the day, {@link ServiceLevels}), and the organization's live {@link QueueBoard}. A fixed number of queries whatever the number of rows; the
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
    ServiceLevels serviceLevels;

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
        var levels = serviceLevels.of(tenant.id());
        return loads.now().stream()
                .map(load -> new Status(
                        load.departmentId(),
                        load.department(),
                        load.waiting(),
                        load.longestWaitSeconds(),
                        load.availableAgents(),
                        load.busyAgents(),
                        levels.getOrDefault(load.departmentId(), ServiceLevels.Level.NONE)
                                .percent()))
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
}
