package com.vocelio.transfer.boundary;

import com.vocelio.event.control.UnitOfWork;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.Checks;
import com.vocelio.platform.control.Clocks;
import com.vocelio.transfer.control.Dispatcher;
import com.vocelio.transfer.control.TransferMetrics;
import com.vocelio.transfer.entity.Transfer;
import com.vocelio.transfer.entity.TransferStatus;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * What happens to a transfer after its request: the offered agent accepts, rejects or completes it, or the caller
 * hangs up. Each move locks the transfer until it commits, so concurrent moves of one transfer take turns and each
 * sees what the one before it decided (a repeat is recognized as one, not lost in a version clash); each move that
 * may free an agent or a place in the queue dispatches the department.
 */
@Stateless
@UnitOfWork
public class TransferMoves {

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Inject
    Dispatcher dispatcher;

    @Inject
    Clock clock;

    @Inject
    TransferMetrics metrics;

    /** What the agent an offer went to does with it. */
    public enum Move {
        ACCEPT,
        REJECT,
        COMPLETE
    }

    /**
     * @param actingAgent the agent_id of a caller who is an agent (who may act only on offers made to them); empty
     *     for supervisors and admins, who may act for anyone
     */
    public Transfer make(Move move, String transferId, Optional<String> actingAgent) {
        var transfer = toMove(transferId);
        boolean repeat =
                switch (move) {
                    case ACCEPT -> transfer.acceptedBy(actingAgent);
                    case REJECT -> false;
                    case COMPLETE -> transfer.completedBy(actingAgent);
                };
        if (repeat) {
            return transfer; // a retry, a double click: the outcome it asked for stands
        }
        if (move == Move.ACCEPT && transfer.acceptedBy(Optional.empty())) {
            throw TransferConflictException.taken(
                    transferId, transfer.agent().orElseThrow().agentId());
        }
        offeredTo(transfer, actingAgent);
        OffsetDateTime now = Clocks.now(clock);
        switch (move) {
            case ACCEPT -> {
                transfer.accept(now);
                transfer.connect(now); // until telephony bridges calls, the bridge answers at once
                return transfer; // the agent stays taken: nothing to dispatch
            }
            case REJECT -> {
                transfer.reject(now);
                metrics.rejected();
            }
            case COMPLETE -> {
                transfer.complete(transfer.department().policy().wrapUpSeconds(), now);
                metrics.ended(TransferStatus.COMPLETED);
            }
        }
        em.flush();
        dispatcher.dispatch(transfer.department());
        return transfer;
    }

    /** The caller hung up: the transfer is abandoned and whatever agent it held is free again. */
    public Transfer cancel(String transferId, String reason) {
        var transfer = toMove(transferId);
        if (transfer.status() == TransferStatus.ABANDONED) {
            return transfer; // a repeat: the caller is gone either way
        }
        boolean heldAnAgent = transfer.agent().isPresent();
        String why = Checks.optionalText("reason", reason, 200);
        transfer.abandon(why.isEmpty() ? "caller_hung_up" : why, Clocks.now(clock));
        metrics.ended(TransferStatus.ABANDONED);
        if (heldAnAgent) {
            em.flush();
            dispatcher.dispatch(transfer.department());
        }
        return transfer;
    }

    /** The transfer a move acts on, locked until the move commits. */
    private Transfer toMove(String transferId) {
        return em.createNamedQuery(Transfer.TO_MOVE, Transfer.class)
                .setParameter("transferId", transferId == null ? "" : transferId.strip())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream()
                .findFirst()
                .orElseThrow(() -> new UnknownTransferException(transferId));
    }

    private static void offeredTo(Transfer transfer, Optional<String> actingAgent) {
        if (actingAgent.isPresent()
                && transfer.agent()
                        .map(a -> !a.agentId().equals(actingAgent.get()))
                        .orElse(true)) {
            throw new BusinessException(
                    BusinessException.Kind.FORBIDDEN,
                    "not_your_transfer",
                    "Transfer " + transfer.transferId() + " is not offered to agent " + actingAgent.get());
        }
    }
}
