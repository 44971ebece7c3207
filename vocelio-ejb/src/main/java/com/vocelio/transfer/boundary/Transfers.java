package com.vocelio.transfer.boundary;

import com.vocelio.call.control.CallRegistry;
import com.vocelio.call.entity.Call;
import com.vocelio.department.boundary.Departments;
import com.vocelio.department.entity.Department;
import com.vocelio.event.control.UnitOfWork;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.Checks;
import com.vocelio.platform.control.Constraints;
import com.vocelio.transfer.control.Dispatcher;
import com.vocelio.transfer.control.QueuePositions;
import com.vocelio.transfer.entity.Spot;
import com.vocelio.transfer.entity.Transfer;
import com.vocelio.transfer.entity.TransferStatus;
import com.vocelio.transfer.entity.TransferType;
import com.vocelio.transfer.entity.Urgency;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Transfers of the caller's organization: requesting one (idempotent by {@code Idempotency-Key} and by call: a
 * call has at most one open transfer), and the moves of its offer — accept, reject, complete, cancel — each followed
 * by a dispatch, since each may free an agent or a place in the queue.
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
    @ConfigProperty(name = "vocelio.routing.max-missed-offers", defaultValue = "3")
    int maxMissedOffers;

    /** A transfer, where it stands, and whether this request created it (an idempotent repeat did not). */
    public record Placed(Transfer transfer, Spot spot, boolean created) {}

    public Placed request(TransferRequest request, String idempotencyKey) {
        String callId = Checks.requiredText("call_id", request.callId(), 100);
        if (request.departmentNamed() == null) {
            throw BusinessException.invalid("target_department", "is required (a department id or name)");
        }
        Department department = departments.resolveReference("target_department", request.departmentNamed());
        if (!department.isActive()) {
            throw conflict("department_inactive", "Department " + department.name() + " is not taking transfers");
        }
        TransferType type = parse(
                "transfer_type",
                request.transferType(),
                TransferType.WARM,
                TransferType::fromWire,
                "warm, cold, conference, blind");
        Urgency urgency = parse(
                "urgency_level",
                request.urgencyLevel(),
                Urgency.MEDIUM,
                Urgency::fromWire,
                "low, medium, high, critical");
        String language =
                Checks.optionalText("language", request.language(), 20).toLowerCase(Locale.ROOT);
        String key = Checks.optionalText("Idempotency-Key", idempotencyKey, 200);
        String callerNumber = Checks.optionalText("caller_number", request.callerNumber(), 40);
        var asked = new Transfer.Details(
                Checks.optionalText("transfer_reason", request.reasonGiven(), 200),
                Checks.optionalText("context_summary", request.summary(), 2000),
                Checks.optionalText("customer_notes", request.customerNotes(), 2000),
                Checks.optionalText("session_id", request.sessionId(), 100),
                tags("required_skills[]", request.requiredSkills()),
                tags("preferred_skills[]", request.preferredSkills()),
                language.isEmpty() ? null : language,
                key.isEmpty() ? null : key,
                null);
        String digest = digest(callId, department.id(), type, urgency, asked, callerNumber);
        var details = new Transfer.Details(
                asked.reason(),
                asked.contextSummary(),
                asked.customerNotes(),
                asked.sessionId(),
                asked.requiredSkills(),
                asked.preferredSkills(),
                asked.requiredLanguage(),
                asked.idempotencyKey(),
                asked.idempotencyKey() == null ? null : digest);

        if (details.idempotencyKey() != null) {
            // requests with one key are served one at a time, and a repeat touches nothing (not even its call)
            calls.lockKey("transfer:" + details.idempotencyKey());
            Optional<Transfer> repeat = byKey(details.idempotencyKey());
            if (repeat.isPresent()) {
                if (!repeat.get().madeBy(digest)) {
                    throw new BusinessException(
                            BusinessException.Kind.UNPROCESSABLE,
                            "idempotency_key_reused",
                            "Idempotency-Key '" + key + "' was used for a different request (transfer "
                                    + repeat.get().transferId() + "); use a new key for a new request");
                }
                return new Placed(repeat.get(), positions.spotOf(repeat.get()), false);
            }
        }
        var locked = calls.lockOrStart(callId, callerNumber); // from here, one request per call at a time
        Call call = locked.call();
        if (locked.started()) {
            call.announceStart();
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
            throw conflict(
                    "transfer_in_progress",
                    "Call " + callId + " already has an open transfer ("
                            + open.get().transferId() + ")");
        }
        if (!call.status().isLive()) {
            throw conflict(
                    "call_ended",
                    "Call " + callId + " has ended (" + call.status().wireName() + ")");
        }
        var line = positions.line(department, urgency.rank());
        if (line.waiting() >= department.policy().maxQueueLength()) {
            throw conflict(
                    "queue_full",
                    "The queue of " + department.name() + " is full ("
                            + department.policy().maxQueueLength() + " waiting)");
        }
        var transfer = new Transfer(call, department, type, urgency, details);
        em.persist(transfer);
        try {
            em.flush();
        } catch (PersistenceException e) {
            if (!Constraints.isUniqueViolation(e)) {
                throw e;
            }
            throw conflict("transfer_in_progress", "Call " + callId + " got another transfer a moment ago");
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
                .orElseThrow(() -> notFound(transferId));
    }

    /**
     * @param actingAgent the agent_id of a caller who is an agent (who may act only on offers made to them); empty
     *     for supervisors and admins, who may act for anyone
     */
    public Transfer accept(String transferId, Optional<String> actingAgent) {
        var transfer = toMove(transferId);
        if (transfer.acceptedBy(actingAgent)) {
            return transfer; // a repeat (a retry, a double click): the outcome it asked for stands
        }
        if (transfer.acceptedBy(Optional.empty())) {
            throw conflict(
                    "transfer_taken",
                    "Transfer " + transferId + " was accepted by agent "
                            + transfer.agent().orElseThrow().agentId());
        }
        offeredTo(transfer, actingAgent);
        transfer.accept();
        transfer.connect(); // until telephony bridges calls, the bridge answers at once
        return transfer;
    }

    public Transfer reject(String transferId, Optional<String> actingAgent) {
        var transfer = offeredTo(toMove(transferId), actingAgent);
        transfer.decline(false, maxMissedOffers);
        em.flush();
        dispatcher.dispatch(transfer.department());
        return transfer;
    }

    public Transfer complete(String transferId, Optional<String> actingAgent) {
        var transfer = toMove(transferId);
        if (transfer.completedBy(actingAgent)) {
            return transfer; // a repeat
        }
        offeredTo(transfer, actingAgent);
        transfer.complete(transfer.department().policy().wrapUpSeconds());
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
        transfer.abandon(why.isEmpty() ? "caller_hung_up" : why);
        if (heldAnAgent) {
            em.flush();
            dispatcher.dispatch(transfer.department());
        }
        return transfer;
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

    /**
     * The transfer a move acts on, locked until the move commits: concurrent moves of one transfer take turns, and
     * each sees what the one before it decided (so a repeat is recognized as one, not lost in a version clash).
     */
    private Transfer toMove(String transferId) {
        return em.createNamedQuery(Transfer.TO_MOVE, Transfer.class)
                .setParameter("transferId", transferId == null ? "" : transferId.strip())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream()
                .findFirst()
                .orElseThrow(() -> notFound(transferId));
    }

    private static BusinessException notFound(String transferId) {
        return new BusinessException(
                BusinessException.Kind.NOT_FOUND, "transfer_not_found", "Transfer '" + transferId + "' not found");
    }

    private static Transfer offeredTo(Transfer transfer, Optional<String> actingAgent) {
        String transferId = transfer.transferId();
        if (actingAgent.isPresent()
                && transfer.agent()
                        .map(a -> !a.agentId().equals(actingAgent.get()))
                        .orElse(true)) {
            throw new BusinessException(
                    BusinessException.Kind.FORBIDDEN,
                    "not_your_transfer",
                    "Transfer " + transferId + " is not offered to agent " + actingAgent.get());
        }
        return transfer;
    }

    private Optional<Transfer> byKey(String key) {
        return em.createNamedQuery(Transfer.BY_IDEMPOTENCY_KEY, Transfer.class)
                .setParameter("key", key)
                .getResultStream()
                .findFirst();
    }

    /** What a request asks for, as its values mean it (whatever spelling it used), as a SHA-256 in hex. */
    private static String digest(
            String callId,
            String departmentId,
            TransferType type,
            Urgency urgency,
            Transfer.Details details,
            String callerNumber) {
        var parts = List.of(
                callId,
                departmentId,
                type.wireName(),
                urgency.wireName(),
                details.reason(),
                details.contextSummary(),
                details.customerNotes(),
                details.sessionId(),
                String.join(",", details.requiredSkills()),
                String.join(",", details.preferredSkills()),
                String.valueOf(details.requiredLanguage()),
                callerNumber);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\0", parts).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <E> E parse(
            String field, String value, E fallback, Function<String, Optional<E>> parser, String legal) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return parser.apply(value)
                .orElseThrow(
                        () -> BusinessException.invalid(field, "must be one of: " + legal + " (got '" + value + "')"));
    }

    private static List<String> tags(String field, List<String> values) {
        if (values == null) {
            return List.of();
        }
        return values.stream()
                .map(v -> Checks.requiredText(field, v, 50).toLowerCase(Locale.ROOT))
                .distinct()
                .toList();
    }

    private static BusinessException conflict(String code, String message) {
        return new BusinessException(BusinessException.Kind.CONFLICT, code, message);
    }
}
