package com.vocelio.transfer.entity;

import com.vocelio.agent.entity.Agent;
import com.vocelio.call.entity.Call;
import com.vocelio.call.entity.CallStatus;
import com.vocelio.department.entity.Department;
import com.vocelio.event.entity.DomainEvent;
import com.vocelio.event.entity.DomainEvents;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.JsonStringList;
import com.vocelio.platform.control.Jsons;
import jakarta.json.JsonObject;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

/**
 * A call's way from the AI to a human of a department. Owns its state machine ({@link TransferStatus}) and the
 * agent's capacity while it holds it: an offer reserves one of the agent's calls, a rejected or expired offer gives
 * it back and puts the transfer back in the queue at its old place (its {@code queued_at} never changes), and
 * completion starts the agent's wrap-up. Every other move is refused.
 */
@Entity
@Table(name = "transfers")
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "tenant_id", contextProperty = "eclipselink.tenant-id")
@NamedQuery(
        name = Transfer.BY_PUBLIC_ID,
        query = "select t from Transfer t join fetch t.call join fetch t.department left join fetch t.agent"
                + " where t.transferId = :transferId")
@NamedQuery(name = Transfer.TO_MOVE, query = "select t from Transfer t where t.transferId = :transferId")
@NamedQuery(
        name = Transfer.OF_CALL,
        query = "select t from Transfer t join fetch t.department where t.call = :call order by t.createdAt, t.id")
@NamedQuery(name = Transfer.OPEN_OF_CALL, query = "select t from Transfer t where t.call = :call and t.status in :open")
@NamedQuery(name = Transfer.BY_IDEMPOTENCY_KEY, query = "select t from Transfer t where t.idempotencyKey = :key")
@NamedQuery(
        name = Transfer.QUEUE,
        query = "select t from Transfer t join fetch t.call where t.department = :department"
                + " and t.status = com.vocelio.transfer.entity.TransferStatus.QUEUED"
                + " order by t.urgencyRank desc, t.queuedAt, t.id")
@NamedQuery(
        name = Transfer.AHEAD_OF,
        query =
                "select count(t) from Transfer t where t.department = :department"
                        + " and t.status = com.vocelio.transfer.entity.TransferStatus.QUEUED and (t.urgencyRank > :rank"
                        + " or (t.urgencyRank = :rank and (t.queuedAt < :queuedAt or (t.queuedAt = :queuedAt and t.id < :id))))")
@NamedQuery(
        name = Transfer.ALL_OPEN,
        query = "select t from Transfer t join fetch t.call join fetch t.department left join fetch t.agent"
                + " where t.status in :open order by t.queuedAt, t.id")
public class Transfer {

    public static final String BY_PUBLIC_ID = "Transfer.byPublicId";
    public static final String ALL_OPEN = "Transfer.allOpen";
    /** By public id, to be locked: a move reads the transfer as the move before it left it. */
    public static final String TO_MOVE = "Transfer.toMove";

    public static final String OF_CALL = "Transfer.ofCall";
    public static final String OPEN_OF_CALL = "Transfer.openOfCall";
    public static final String BY_IDEMPOTENCY_KEY = "Transfer.byIdempotencyKey";
    public static final String QUEUE = "Transfer.queue";
    public static final String AHEAD_OF = "Transfer.aheadOf";

    @Id
    @Column(columnDefinition = "uuid")
    private String id;

    @Column(name = "transfer_id", nullable = false, length = 64)
    private String transferId;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "call_id", nullable = false)
    private Call call;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "department_id", nullable = false)
    private Department department;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "requested_department_id", nullable = false)
    private Department requestedDepartment;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "agent_id")
    private Agent agent;

    @Column(name = "declined_by_agent_id", columnDefinition = "uuid")
    private String declinedByAgentId;

    @Column(name = "declined_at")
    private OffsetDateTime declinedAt;

    @Convert(converter = TransferStatus.Column.class)
    @Column(nullable = false, length = 20)
    private TransferStatus status = TransferStatus.QUEUED;

    @Convert(converter = TransferType.Column.class)
    @Column(name = "transfer_type", nullable = false, length = 12)
    private TransferType type;

    @Convert(converter = Urgency.Column.class)
    @Column(nullable = false, length = 10)
    private Urgency urgency;

    @Column(name = "urgency_rank", nullable = false)
    private int urgencyRank;

    @Column(nullable = false, length = 200)
    private String reason = "";

    @Column(name = "context_summary", nullable = false, length = 2000)
    private String contextSummary = "";

    @Column(name = "customer_notes", nullable = false, length = 2000)
    private String customerNotes = "";

    @Column(name = "session_id", nullable = false, length = 100)
    private String sessionId = "";

    @Convert(converter = JsonStringList.class)
    @Column(name = "required_skills", nullable = false, columnDefinition = "jsonb")
    private List<String> requiredSkills = List.of();

    @Convert(converter = JsonStringList.class)
    @Column(name = "preferred_skills", nullable = false, columnDefinition = "jsonb")
    private List<String> preferredSkills = List.of();

    @Column(name = "required_language", length = 20)
    private String requiredLanguage;

    @Column(name = "idempotency_key", length = 200)
    private String idempotencyKey;

    /** A digest of what the keyed request asked for: a reuse of the key for another request is told apart. */
    @Column(name = "request_hash", length = 64)
    private String requestHash;

    @Column(name = "queued_at", nullable = false)
    private OffsetDateTime queuedAt;

    @Column(name = "offered_at")
    private OffsetDateTime offeredAt;

    @Column(name = "offer_expires_at")
    private OffsetDateTime offerExpiresAt;

    @Column(name = "connected_at")
    private OffsetDateTime connectedAt;

    @Column(name = "ended_at")
    private OffsetDateTime endedAt;

    @Column(name = "offer_count", nullable = false)
    private int offerCount;

    @Column(name = "overflowed_at")
    private OffsetDateTime overflowedAt;

    @Column(name = "end_reason", nullable = false, length = 200)
    private String endReason = "";

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Version
    private long version;

    protected Transfer() {}

    public Transfer(
            Call call, Department department, TransferType type, Urgency urgency, Details details, OffsetDateTime now) {
        this.id = UUID.randomUUID().toString();
        this.transferId = "transfer_" + UUID.randomUUID().toString().replace("-", "");
        this.call = call;
        this.department = department;
        this.requestedDepartment = department;
        this.type = type;
        this.urgency = urgency;
        this.urgencyRank = urgency.rank();
        this.reason = details.reason();
        this.contextSummary = details.contextSummary();
        this.customerNotes = details.customerNotes();
        this.sessionId = details.sessionId();
        this.requiredSkills = details.requiredSkills();
        this.preferredSkills = details.preferredSkills();
        this.requiredLanguage = details.requiredLanguage();
        this.idempotencyKey = details.idempotencyKey();
        this.requestHash = details.requestHash();
        this.createdAt = now;
        this.updatedAt = createdAt;
        this.queuedAt = createdAt;
        call.transferringTo(department, now);
        raise("transfer_queued");
    }

    /** What the requester says about the transfer; free text is trimmed, absent text is "". */
    public record Details(
            String reason,
            String contextSummary,
            String customerNotes,
            String sessionId,
            List<String> requiredSkills,
            List<String> preferredSkills,
            String requiredLanguage,
            String idempotencyKey,
            String requestHash) {

        /** The same details with the digest of the request that gave them (kept with an idempotency key). */
        public Details digested(String requestHash) {
            return new Details(
                    reason,
                    contextSummary,
                    customerNotes,
                    sessionId,
                    requiredSkills,
                    preferredSkills,
                    requiredLanguage,
                    idempotencyKey,
                    requestHash);
        }
    }

    /** Reserves the agent for this transfer until {@code timeout} passes. */
    public void offerTo(Agent candidate, Duration timeout, OffsetDateTime now) {
        require(TransferStatus.QUEUED, "offered");
        candidate.reserve(now);
        this.agent = candidate;
        this.status = TransferStatus.OFFERED;
        this.offeredAt = now;
        this.offerExpiresAt = offeredAt.plus(timeout);
        this.offerCount++;
        touch(now);
        raise("transfer_offered");
    }

    /**
     * A supervisor hands the waiting or offered transfer to an agent they chose, over the routing's own choice (the
     * agent need not have the wanted skills): an open offer is withdrawn without counting as a miss or a decline of
     * its agent, and the chosen agent, who must be of the transfer's department and free, is offered it.
     */
    public void reassignTo(Agent chosen, Duration timeout, OffsetDateTime now) {
        if (status != TransferStatus.QUEUED && status != TransferStatus.OFFERED) {
            throw new IllegalTransferStateException(transferId, status, "reassigned");
        }
        if (!chosen.department().id().equals(department.id())) {
            throw new BusinessException(
                    BusinessException.Kind.CONFLICT,
                    "agent_of_another_department",
                    "Agent " + chosen.agentId() + " is not of " + department.name() + ", the department of transfer "
                            + transferId);
        }
        boolean sameAgent = agent != null && agent.id().equals(chosen.id());
        if (!sameAgent && !chosen.hasFreeCapacity()) {
            throw new BusinessException(
                    BusinessException.Kind.CONFLICT,
                    "agent_unavailable",
                    "Agent " + chosen.agentId() + " is " + chosen.status().wireName() + " with " + chosen.activeCalls()
                            + " of " + chosen.maxConcurrentCalls() + " calls");
        }
        if (agent != null) {
            agent.release(now);
            this.agent = null;
            this.status = TransferStatus.QUEUED;
            this.offeredAt = null;
            this.offerExpiresAt = null;
        }
        offerTo(chosen, timeout, now);
    }

    /**
     * The offered agent takes the call. The bridge is {@code connecting} until telephony reports it answered;
     * {@link #connect} records that.
     */
    public void accept(OffsetDateTime now) {
        require(TransferStatus.OFFERED, "accepted");
        agent.answeredOffer();
        this.status = TransferStatus.CONNECTING;
        touch(now);
        raise("transfer_accepted");
    }

    public void connect(OffsetDateTime now) {
        require(TransferStatus.CONNECTING, "connected");
        this.status = TransferStatus.CONNECTED;
        this.connectedAt = now;
        call.connectedTo(agent, now);
        touch(now);
        raise("transfer_connected");
    }

    /**
     * The agent refuses the offer: the agent's capacity comes back, the transfer waits again at its old place, and
     * the same agent is not offered it again during the cool-down ({@link #declinedBy}).
     */
    public void reject(OffsetDateTime now) {
        decline(false, 0, now); // a refusal is no miss: the limit of misses does not apply
    }

    /**
     * The offer ran out: as {@link #reject}, and the miss counts against the agent, who leaves the floor after
     * {@code maxMissedOffers} in a row.
     */
    public void expire(int maxMissedOffers, OffsetDateTime now) {
        decline(true, maxMissedOffers, now);
    }

    /**
     * The accepted agent's phone never answered (busy, no answer, failed): the caller is not dropped, the transfer
     * waits again at its old place, and it counts as a missed offer for that agent.
     */
    public void bridgeFailed(int maxMissedOffers, OffsetDateTime now) {
        require(TransferStatus.CONNECTING, "re-queued after a failed bridge");
        decline(true, maxMissedOffers, now, "transfer_bridge_failed");
    }

    private void decline(boolean missed, int maxMissedOffers, OffsetDateTime now) {
        require(TransferStatus.OFFERED, missed ? "timed out" : "rejected");
        decline(missed, maxMissedOffers, now, missed ? "transfer_timed_out" : "transfer_rejected");
    }

    private void decline(boolean missed, int maxMissedOffers, OffsetDateTime now, String event) {
        String decliner = agent.agentId();
        agent.release(now);
        if (missed) {
            agent.missOffer(maxMissedOffers, now);
        }
        this.declinedByAgentId = agent.id();
        this.declinedAt = now;
        this.agent = null;
        this.status = TransferStatus.QUEUED;
        this.offeredAt = null;
        this.offerExpiresAt = null;
        touch(now);
        DomainEvents.raise(DomainEvent.of(
                event,
                DomainEvent.TRANSFERS,
                Jsons.objectBuilder(snapshot()).add("declined_by", decliner).build()));
    }

    public void complete(int wrapUpSeconds, OffsetDateTime now) {
        require(TransferStatus.CONNECTED, "completed");
        agent.finishCall(wrapUpSeconds, now);
        this.status = TransferStatus.COMPLETED;
        this.endedAt = now;
        this.endReason = "completed";
        call.end(CallStatus.COMPLETED, now);
        touch(now);
        raise("transfer_completed");
    }

    /** The caller hung up (or the requester withdrew): whatever the transfer held is freed. */
    public void abandon(String why, OffsetDateTime now) {
        if (!status.isOpen()) {
            throw new IllegalTransferStateException(transferId, status, "abandoned");
        }
        if (agent != null) {
            agent.release(now);
        }
        this.status = TransferStatus.ABANDONED;
        this.endedAt = now;
        this.endReason = why == null ? "" : why;
        call.end(CallStatus.ABANDONED, now);
        touch(now);
        raise("transfer_abandoned");
    }

    /** Waited too long: the department's overflow takes it, keeping its age. */
    public void overflowTo(Department target, OffsetDateTime now) {
        require(TransferStatus.QUEUED, "overflowed");
        Department from = this.department;
        this.department = target;
        this.overflowedAt = now;
        this.declinedByAgentId = null;
        call.transferringTo(target, now);
        touch(now);
        raise("transfer_overflowed");
        DomainEvents.raise(DomainEvent.of(
                "system_alert",
                DomainEvent.SYSTEM_ALERT,
                Jsons.objectBuilder()
                        .add("type", "warning")
                        .add("severity", "warning")
                        .add("critical", false)
                        .add("category", "queue")
                        .add("title", "Transfer overflowed")
                        .add(
                                "message",
                                "Transfer " + transferId + " waited too long in " + from.name() + " and moved to "
                                        + target.name())
                        .add("transfer_id", transferId)
                        .add("department_id", target.id())
                        .build()));
    }

    /**
     * This transfer, for a request under its idempotency key that asks the same (its digest; rows from before digests
     * match any): a key made for one request is refused for a different one.
     */
    public Transfer repeatedBy(String requestDigest) {
        if (requestHash != null && !requestHash.equals(requestDigest)) {
            throw new BusinessException(
                    BusinessException.Kind.UNPROCESSABLE,
                    "idempotency_key_reused",
                    "Idempotency-Key '" + idempotencyKey + "' was used for a different request (transfer " + transferId
                            + "); use a new key for a new request");
        }
        return this;
    }

    /**
     * Whether telephony's report about an agent's leg placed for the offer numbered {@code offer} (the count of offers
     * when its agent accepted) is about this transfer's latest offer: a late or repeated report about an earlier
     * agent's leg, after the transfer went back to the queue and on to another agent, is not, and moves nothing.
     * Empty: a leg placed before legs were numbered, taken as the latest (else its transfer would stay connecting).
     */
    public boolean latestOffer(OptionalInt offer) {
        return offer.isEmpty() || offer.getAsInt() == offerCount;
    }

    /** Whether this transfer was accepted (and is still with) the agent named {@code agentId}, or anyone if empty. */
    public boolean acceptedBy(Optional<String> agentId) {
        return (status == TransferStatus.CONNECTING || status == TransferStatus.CONNECTED) && heldBy(agentId);
    }

    /** Whether this transfer was completed by the agent named {@code agentId}, or anyone if empty. */
    public boolean completedBy(Optional<String> agentId) {
        return status == TransferStatus.COMPLETED && heldBy(agentId);
    }

    private boolean heldBy(Optional<String> agentId) {
        return agent != null && agentId.map(agent.agentId()::equals).orElse(true);
    }

    /** What subscribers see of this transfer at this moment. */
    public JsonObject snapshot() {
        var agentNow = agent().orElse(null);
        return Jsons.objectBuilder()
                .add("transfer_id", transferId)
                .add("call_id", call.callId())
                .add("status", status.wireName())
                .add("transfer_type", type.wireName())
                .add("urgency_level", urgency.wireName())
                .add("reason", reason)
                .add("context_summary", contextSummary)
                .add("target_department", department.name())
                .add("department_id", department.id())
                .add("agent_id", agentNow == null ? "" : agentNow.agentId())
                .add("agent_name", agentNow == null ? "" : agentNow.name())
                .add("offer_count", offerCount)
                .add("overflowed", overflowedAt != null)
                .add("queued_at", queuedAt.toString())
                .add("end_reason", endReason)
                .build();
    }

    private void raise(String type) {
        DomainEvents.raise(DomainEvent.of(type, DomainEvent.TRANSFERS, snapshot()));
    }

    private void require(TransferStatus expected, String action) {
        if (status != expected) {
            throw new IllegalTransferStateException(transferId, status, action);
        }
    }

    private void touch(OffsetDateTime now) {
        this.updatedAt = now;
    }

    public String id() {
        return id;
    }

    public String transferId() {
        return transferId;
    }

    public Call call() {
        return call;
    }

    public Department department() {
        return department;
    }

    public Department requestedDepartment() {
        return requestedDepartment;
    }

    public Optional<Agent> agent() {
        return Optional.ofNullable(agent);
    }

    public TransferStatus status() {
        return status;
    }

    public TransferType type() {
        return type;
    }

    public Urgency urgency() {
        return urgency;
    }

    public String reason() {
        return reason;
    }

    public String contextSummary() {
        return contextSummary;
    }

    /** What the agent hears before they are put through: a warm transfer's context summary; nothing otherwise. */
    public String briefing() {
        return type == TransferType.WARM ? contextSummary : "";
    }

    public String customerNotes() {
        return customerNotes;
    }

    public String sessionId() {
        return sessionId;
    }

    public List<String> requiredSkills() {
        return requiredSkills;
    }

    /**
     * The agent who last declined this transfer, while the cool-down after that lasts: others get it first, and
     * after the cool-down the same agent may be offered it again (a lone agent must not strand a call).
     */
    public Optional<String> declinedBy(Duration coolDown, OffsetDateTime now) {
        if (declinedByAgentId == null || declinedAt.plus(coolDown).isBefore(now)) {
            return Optional.empty();
        }
        return Optional.of(declinedByAgentId);
    }

    public List<String> preferredSkills() {
        return preferredSkills;
    }

    /**
     * The skills an agent must have now: required and preferred ones while the transfer has waited less than
     * {@code widenAfter}, then only the required ones (the bullseye widens).
     */
    public List<String> skillsWanted(Duration widenAfter, OffsetDateTime now) {
        if (preferredSkills.isEmpty() || !queuedAt.plus(widenAfter).isAfter(now)) {
            return requiredSkills;
        }
        var wanted = new LinkedHashSet<>(requiredSkills);
        wanted.addAll(preferredSkills);
        return List.copyOf(wanted);
    }

    public Optional<String> requiredLanguage() {
        return Optional.ofNullable(requiredLanguage);
    }

    public OffsetDateTime queuedAt() {
        return queuedAt;
    }

    public Optional<OffsetDateTime> offerExpiresAt() {
        return Optional.ofNullable(offerExpiresAt);
    }

    public Optional<OffsetDateTime> connectedAt() {
        return Optional.ofNullable(connectedAt);
    }

    public Optional<OffsetDateTime> endedAt() {
        return Optional.ofNullable(endedAt);
    }

    public int offerCount() {
        return offerCount;
    }

    public Optional<OffsetDateTime> overflowedAt() {
        return Optional.ofNullable(overflowedAt);
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public String endReason() {
        return endReason;
    }

    public int urgencyRank() {
        return urgencyRank;
    }
}
