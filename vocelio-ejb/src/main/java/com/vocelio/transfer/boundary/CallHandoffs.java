package com.vocelio.transfer.boundary;

import com.vocelio.call.boundary.CallControls;
import com.vocelio.call.entity.AgentLegUnanswered;
import com.vocelio.call.entity.Call;
import com.vocelio.call.entity.CallEnded;
import com.vocelio.call.entity.CallWaiting;
import com.vocelio.department.boundary.Departments;
import com.vocelio.department.entity.Department;
import com.vocelio.event.control.UnitOfWork;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.Checks;
import com.vocelio.platform.control.PhoneNumbers;
import com.vocelio.transfer.entity.TransferStatus;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Hands a call on to what {@code transfer_to} names: a department of the organization (by id or name) gets it
 * through the routing engine, like any transfer request; a phone number gets it at once, by a cold transfer that
 * dials it (the AI leaves the call). A department is looked for first, so a department never loses its calls to a
 * name that also reads as a vanity number. An inbound call whose flow queues to a department ({@link CallWaiting})
 * is queued here too, and a simulated agent's leg that never answered ({@link AgentLegUnanswered}) sends its transfer
 * back to the queue here, so telephony never needs to know routing.
 */
@Stateless
@UnitOfWork
public class CallHandoffs {

    @Inject
    Departments departments;

    @Inject
    Transfers transfers;

    @Inject
    CallControls calls;

    @Inject
    TransferMoves moves;

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Inject
    @ConfigProperty(name = "vocelio.phone.default-region", defaultValue = "US")
    String region;

    /** What became of the call: a routed transfer, or a call dialled through to a number. */
    public sealed interface Handoff {}

    public record Routed(Transfers.Placed placed) implements Handoff {}

    public record Dialed(Call call, String number) implements Handoff {}

    /**
     * @param type cold, warm or conference (routed transfers only; a number is always a cold transfer)
     * @param context what the agent should know (text, or an object kept as its JSON), shown at the hand-off
     */
    public Handoff handOff(String callSid, String transferTo, String type, JsonValue context, String idempotencyKey) {
        String sid = Checks.requiredText("call_sid", callSid, 100);
        String target = Checks.requiredText("transfer_to", transferTo, 200);
        Optional<Department> department = department(target);
        if (department.isPresent()) {
            var request = new TransferRequest(
                    sid,
                    null,
                    type,
                    null,
                    null,
                    department.get().id(),
                    null,
                    null,
                    null,
                    null,
                    context,
                    null,
                    null,
                    null,
                    null,
                    null);
            return new Routed(transfers.request(request, idempotencyKey));
        }
        String number = PhoneNumbers.toE164(target, region)
                .orElseThrow(() ->
                        BusinessException.invalid("transfer_to", "names no department and is not a phone number"));
        return new Dialed(calls.dial(sid, "transfer_to", number), number);
    }

    /**
     * An inbound call waits for the department its flow queues to: it becomes a routed (cold) transfer like any
     * other, at the end of the department's line. A repeat (Twilio asking again) finds the transfer already open.
     *
     * @return the transfer's public id, so whoever put the call through can follow it
     */
    public String queue(CallWaiting waiting) {
        var request = new TransferRequest(
                waiting.callSid(),
                null,
                "cold",
                "inbound_call",
                null,
                waiting.departmentId(),
                null,
                null,
                null,
                waiting.context(),
                null,
                null,
                null,
                null,
                null,
                null);
        return transfers.request(request, null).transfer().transferId();
    }

    /** Twilio's voice webhook queues through the event, since telephony knows nothing of routing. */
    public void queueInbound(@Observes CallWaiting waiting) {
        queue(waiting);
    }

    /**
     * The simulated network's agent never answered: the same move as Twilio's report of an unanswered leg (back to the
     * queue at its old place, a missed offer), in the simulator's unit of work; a leg of an earlier offer moves
     * nothing.
     */
    public void agentLegUnanswered(@Observes AgentLegUnanswered leg) {
        moves.bridgeEnded(leg.transferId(), leg.callSid(), OptionalInt.of(leg.offer()), false);
    }

    /**
     * The caller's line is over: whatever transfer the call left open ends with it, once the end is committed (a
     * transfer that cannot end must not keep the call alive). A connected one completes, and its agent's wrap-up
     * starts; one still waiting or ringing an agent is abandoned, and the agent it held is free again.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void callOver(@Observes(during = TransactionPhase.AFTER_SUCCESS) CallEnded ended) {
        var open = em.createQuery(
                        "select t.transferId, t.status from Transfer t where t.call.callId = :callId"
                                + " and t.status in :open",
                        Object[].class)
                .setParameter("callId", ended.callSid())
                .setParameter("open", TransferStatus.OPEN)
                .getResultList();
        for (Object[] transfer : open) {
            String transferId = (String) transfer[0];
            if (transfer[1] == TransferStatus.CONNECTED) {
                moves.make(TransferMoves.Move.COMPLETE, transferId, Optional.empty());
            } else {
                moves.cancel(transferId, "caller_hung_up");
            }
        }
    }

    /** Looked up among all (an unknown name must not fail the transaction, as a refused lookup would). */
    private Optional<Department> department(String idOrName) {
        String name = idOrName.toLowerCase(Locale.ROOT);
        return departments.all().stream()
                .filter(d -> d.id().equals(idOrName)
                        || d.name().toLowerCase(Locale.ROOT).equals(name))
                .findFirst();
    }
}
