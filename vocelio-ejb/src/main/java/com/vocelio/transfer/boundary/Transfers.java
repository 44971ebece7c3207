package com.vocelio.transfer.boundary;

import com.vocelio.call.control.CallRegistry;
import com.vocelio.call.entity.Call;
import com.vocelio.department.boundary.Departments;
import com.vocelio.department.entity.Department;
import com.vocelio.event.control.UnitOfWork;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.Clocks;
import com.vocelio.platform.control.Constraints;
import com.vocelio.transfer.control.Dispatcher;
import com.vocelio.transfer.control.QueuePositions;
import com.vocelio.transfer.control.TransferMetrics;
import com.vocelio.transfer.entity.Spot;
import com.vocelio.transfer.entity.Transfer;
import com.vocelio.transfer.entity.TransferStatus;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Transfers of the caller's organization: requesting one — idempotent by {@code Idempotency-Key} and by call (a call
 * has at most one open transfer), in one transaction that also dispatches — and reading them. What happens to a
 * transfer after its request is {@link TransferMoves}.
 */
@Stateless
@UnitOfWork
public class Transfers {

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Inject
    Departments departments;

    @Inject
    CallRegistry calls;

    @Inject
    Dispatcher dispatcher;

    @Inject
    QueuePositions positions;

    @Inject
    Clock clock;

    @Inject
    TransferMetrics metrics;

    /** A transfer, where it stands, and whether this request created it (an idempotent repeat did not). */
    public record Placed(Transfer transfer, Spot spot, boolean created) {}

    public Placed request(TransferRequest request, String idempotencyKey) {
        var asked = request.read(idempotencyKey, this::takingTransfers);
        String callId = asked.callId();
        Department department = asked.department();
        String key = asked.details().idempotencyKey();
        if (key != null) {
            // requests with one key are served one at a time, and a repeat touches nothing (not even its call)
            calls.lockKey("transfer:" + key);
            Optional<Transfer> repeat =
                    byKey(key).map(t -> t.repeatedBy(asked.details().requestHash()));
            if (repeat.isPresent()) {
                return new Placed(repeat.get(), positions.spotOf(repeat.get()), false);
            }
        }
        var locked = calls.lockOrStart(callId, asked.callerNumber()); // from here, one request per call at a time
        Call call = locked.call();
        if (locked.started()) {
            call.announceStart(Clocks.now(clock));
        }
        // a call whose record this request started has no transfer yet: no need to look
        Optional<Transfer> open = locked.started()
                ? Optional.empty()
                : em.createNamedQuery(Transfer.OPEN_OF_CALL, Transfer.class)
                        .setParameter("call", call)
                        .setParameter("open", TransferStatus.OPEN)
                        .getResultStream()
                        .findFirst();
        if (open.isPresent()) {
            if (open.get().requestedDepartment().id().equals(department.id())) {
                return new Placed(open.get(), positions.spotOf(open.get()), false);
            }
            throw TransferConflictException.inProgress(callId, open.get().transferId());
        }
        if (!call.status().isLive()) {
            throw TransferConflictException.callEnded(callId, call);
        }
        var line = positions.line(department, asked.urgency().rank());
        if (line.waiting() >= department.policy().maxQueueLength()) {
            throw TransferConflictException.queueFull(department);
        }
        var transfer =
                new Transfer(call, department, asked.type(), asked.urgency(), asked.details(), Clocks.now(clock));
        em.persist(transfer);
        metrics.requested();
        try {
            em.flush();
        } catch (PersistenceException e) {
            if (!Constraints.isUniqueViolation(e)) {
                throw e;
            }
            throw TransferConflictException.lostRace(callId);
        }
        // nobody was offered anything: the newcomer stands behind those of its urgency and above who waited already
        Spot spot = dispatcher.dispatch(department) == 0 ? line.newcomer() : positions.spotOf(transfer);
        return new Placed(transfer, spot, true);
    }

    public Transfer get(String transferId) {
        return em.createNamedQuery(Transfer.BY_PUBLIC_ID, Transfer.class)
                .setParameter("transferId", transferId == null ? "" : transferId.strip())
                .getResultStream()
                .findFirst()
                .orElseThrow(() -> new UnknownTransferException(transferId));
    }

    /** Every transfer of a call, oldest first; an unknown call is 404. */
    public List<Transfer> history(String callId) {
        Call call = em.createNamedQuery(Call.BY_CALL_ID, Call.class)
                .setParameter("callId", callId == null ? "" : callId.strip())
                .getResultStream()
                .findFirst()
                .orElseThrow(() -> new BusinessException(
                        BusinessException.Kind.NOT_FOUND, "call_not_found", "Call '" + callId + "' not found"));
        return em.createNamedQuery(Transfer.OF_CALL, Transfer.class)
                .setParameter("call", call)
                .getResultList();
    }

    /** The department a request names, by id or name; one that is not taking transfers refuses it. */
    private Department takingTransfers(String reference) {
        Department department = departments.resolveReference("target_department", reference);
        if (!department.isActive()) {
            throw TransferConflictException.departmentInactive(department);
        }
        return department;
    }

    private Optional<Transfer> byKey(String key) {
        return em.createNamedQuery(Transfer.BY_IDEMPOTENCY_KEY, Transfer.class)
                .setParameter("key", key)
                .getResultStream()
                .findFirst();
    }
}
