package com.vocelio.transfer.boundary;

import com.vocelio.agent.boundary.UnknownAgentException;
import com.vocelio.agent.entity.Agent;
import com.vocelio.call.boundary.CallControls;
import com.vocelio.call.entity.AgentLeg;
import com.vocelio.call.entity.Handover;
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
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.inject.ConfigProperty;

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
    CallControls calls;

    @Inject
    @ConfigProperty(name = "vocelio.routing.max-missed-offers", defaultValue = "3")
    int maxMissedOffers;

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
                var leg = new AgentLeg(
                        transferId,
                        transfer.offerCount(),
                        handover(transfer),
                        transfer.briefing(),
                        transfer.agent().orElseThrow().name(),
                        transfer.department().name());
                if (calls.bridge(transfer.call(), transfer.agent().orElseThrow(), leg)) {
                    transfer.connect(now);
                } // else connecting until the provider says the agent's leg answered (bridgeAnswered)
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

    /**
     * The provider says the accepted agent's leg answered: the bridge is up. Only for the call it was placed on and the
     * transfer's latest offer; a repeat changes nothing, and a late answer of an earlier agent's leg (the transfer went
     * back to the queue since, and maybe on to another agent) neither connects the transfer nor joins that agent to
     * the caller. A warm transfer's AI is not dropped here: the agent is still hearing the briefing, and the AI hands
     * the caller over once the agent's leg has started the conference (the provider tells that, and the AI's leg then
     * leaves after its line; should its word be lost, the AI is cued once the briefing has surely been spoken).
     *
     * @param offer the offer the leg was placed for ({@link Transfer#latestOffer})
     * @return the transfer when the leg is its connected agent's, who is to be put through; empty for a leg that is
     *     not (to be hung up: the caller is never disturbed)
     */
    public Optional<Transfer> bridgeAnswered(String transferId, String callSid, OptionalInt offer) {
        var transfer = toMove(transferId);
        if (!transfer.call().callId().equals(callSid) || !transfer.latestOffer(offer)) {
            return Optional.empty();
        }
        if (transfer.status() == TransferStatus.CONNECTING) {
            transfer.connect(Clocks.now(clock));
            calls.agentAnswered(transfer.call(), transfer.briefing());
        }
        return transfer.status() == TransferStatus.CONNECTED ? Optional.of(transfer) : Optional.empty();
    }

    /**
     * The provider says the bridge's dial is over. An agent leg of the latest offer that never answered sends the
     * transfer back to the queue at its old place (a missed offer for the agent) and the department dispatches it
     * again; one that answered ended the conversation, which completes the transfer (also when the word of its answer
     * was lost, and the transfer still waits for it: it is not left connecting for good). A report about an earlier
     * offer's leg (late or repeated, after the transfer went on) moves nothing.
     *
     * @param offer the offer the leg was placed for ({@link Transfer#latestOffer})
     * @return whether the caller is still with the transfer (to be kept on hold, not hung up on): waiting for an
     *     agent, or, for an earlier offer's report, anywhere short of the transfer's end
     */
    public boolean bridgeEnded(String transferId, String callSid, OptionalInt offer, boolean agentAnswered) {
        var transfer = toMove(transferId);
        if (!transfer.call().callId().equals(callSid)) {
            return false;
        }
        if (!transfer.latestOffer(offer)) {
            return transfer.status().isOpen();
        }
        var now = Clocks.now(clock);
        if (transfer.status() == TransferStatus.CONNECTING && !agentAnswered) {
            transfer.bridgeFailed(maxMissedOffers, now);
            em.flush();
            dispatcher.dispatch(transfer.department());
            return true;
        }
        if (transfer.status() == TransferStatus.CONNECTING) {
            transfer.connect(now); // it answered, though its answer never reached us: it was a conversation
        }
        if (transfer.status() == TransferStatus.CONNECTED) {
            transfer.complete(transfer.department().policy().wrapUpSeconds(), now);
            em.flush();
            dispatcher.dispatch(transfer.department());
        }
        return transfer.status() == TransferStatus.QUEUED || transfer.status() == TransferStatus.OFFERED;
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

    /**
     * A supervisor gives the waiting or offered transfer to the agent they chose ({@link Transfer#reassignTo}); the
     * chosen agent's row is locked as the dispatcher locks it, so no other offer takes the same slot meanwhile, and
     * the agent a withdrawn offer freed is dispatched to again.
     */
    public Transfer reassign(String transferId, String agentId) {
        var transfer = toMove(transferId);
        // no join fetch: FOR UPDATE would lock the agent's department row too
        Agent chosen = em.createQuery("select a from Agent a where a.agentId = :agentId", Agent.class)
                .setParameter("agentId", agentId == null ? "" : agentId.strip())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream()
                .findFirst()
                .orElseThrow(() -> new UnknownAgentException(agentId));
        boolean withdrawsAnOffer =
                transfer.agent().filter(a -> !a.id().equals(chosen.id())).isPresent();
        transfer.reassignTo(
                chosen,
                Duration.ofSeconds(transfer.department().policy().reservationTimeoutSeconds()),
                Clocks.now(clock));
        if (withdrawsAnOffer) {
            em.flush();
            dispatcher.dispatch(transfer.department());
        }
        return transfer;
    }

    /** Telephony's word for how the agent takes over: blind and cold dial through; warm and conference meet. */
    private static Handover handover(Transfer transfer) {
        return switch (transfer.type()) {
            case WARM -> Handover.WARM;
            case CONFERENCE -> Handover.CONFERENCE;
            case COLD, BLIND -> Handover.COLD;
        };
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
