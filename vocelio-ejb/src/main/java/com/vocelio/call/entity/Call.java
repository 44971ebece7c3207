package com.vocelio.call.entity;

import com.vocelio.agent.entity.Agent;
import com.vocelio.department.entity.Department;
import com.vocelio.event.entity.DomainEvent;
import com.vocelio.event.entity.DomainEvents;
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
import java.util.Optional;
import java.util.UUID;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

/**
 * A phone call: answered by an AI agent, possibly transferred to a department and bridged to a human. Its public
 * {@code call_id} is a string (the portal calls string methods on it). A call first heard of through a transfer
 * request is an AI call in progress; telephony feeds the rest. Ended calls stay ended.
 */
@Entity
@Table(name = "calls")
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "tenant_id", contextProperty = "eclipselink.tenant-id")
@NamedQuery(name = Call.BY_CALL_ID, query = "select c from Call c where c.callId = :callId")
@NamedQuery(
        name = Call.LIVE,
        query = "select c from Call c left join fetch c.department left join fetch c.agent"
                + " where c.status in :statuses order by c.startedAt")
public class Call {

    public static final String BY_CALL_ID = "Call.byCallId";
    public static final String LIVE = "Call.live";

    @Id
    @Column(columnDefinition = "uuid")
    private String id;

    @Column(name = "call_id", nullable = false, length = 100)
    private String callId;

    @Column(name = "caller_number", nullable = false, length = 40)
    private String callerNumber = "";

    @Column(name = "called_number", nullable = false, length = 40)
    private String calledNumber = "";

    @Column(nullable = false, length = 10)
    private String direction = "inbound";

    @Convert(converter = CallStatus.Column.class)
    @Column(nullable = false, length = 20)
    private CallStatus status = CallStatus.ACTIVE;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "department_id")
    private Department department;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "agent_id")
    private Agent agent;

    @Column(name = "current_flow", nullable = false, length = 100)
    private String currentFlow = "";

    @Column(name = "started_at", nullable = false)
    private OffsetDateTime startedAt;

    @Column(name = "ended_at")
    private OffsetDateTime endedAt;

    @Column(name = "transfer_count", nullable = false)
    private int transferCount;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Version
    private long version;

    protected Call() {}

    /** An AI call in progress that we hear of now (telephony and transfer requests start calls). */
    public Call(String callId, String callerNumber, OffsetDateTime now) {
        this.id = UUID.randomUUID().toString();
        this.callId = callId;
        this.callerNumber = callerNumber == null ? "" : callerNumber;
        this.startedAt = now;
        this.createdAt = startedAt;
        this.updatedAt = startedAt;
        raise("call_started", now);
    }

    public String id() {
        return id;
    }

    public String callId() {
        return callId;
    }

    /** A call first heard of now (inserted by the registry's upsert rather than this class's constructor). */
    public void announceStart(OffsetDateTime now) {
        raise("call_started", now);
    }

    /**
     * What the AI agent that answered says of the call when it reports it: the number called, the direction and the
     * flow (script) it runs. Told once, as the call starts; absent values stay as they are.
     */
    public void describe(String calledNumber, String direction, String flow, OffsetDateTime now) {
        if (calledNumber != null) {
            this.calledNumber = calledNumber;
        }
        if (direction != null) {
            this.direction = direction;
        }
        if (flow != null) {
            this.currentFlow = flow;
        }
        touch(now);
    }

    /** In progress with the AI and no transfer open: the one state in which a call may be handed to a department. */
    public boolean canTransfer() {
        return (status == CallStatus.ACTIVE || status == CallStatus.ON_HOLD) && agent == null;
    }

    /** The call leaves the AI for a department's queue. */
    public void transferringTo(Department target, OffsetDateTime now) {
        this.department = target;
        this.agent = null;
        this.status = CallStatus.TRANSFERRING;
        this.transferCount++;
        touch(now);
        raise("call_status_changed", now);
    }

    public void connectedTo(Agent human, OffsetDateTime now) {
        this.agent = human;
        this.status = CallStatus.CONNECTED;
        touch(now);
        raise("call_status_changed", now);
    }

    public void end(CallStatus outcome, OffsetDateTime now) {
        if (status.isLive()) {
            this.status = outcome;
            this.endedAt = now;
            touch(now);
            raise("call_ended", now);
        }
    }

    /**
     * What subscribers see of this call now, in the live feed's shape ({@code id, contact, phone, status, duration,
     * state}) plus the names the rest of the API uses.
     */
    public JsonObject snapshot(OffsetDateTime now) {
        String wire = status.wireName();
        return Jsons.objectBuilder()
                .add("id", callId)
                .add("call_id", callId)
                .add("contact", callerNumber)
                .add("phone", callerNumber)
                .add("caller_number", callerNumber)
                .add("direction", direction)
                .add("status", wire)
                .add("state", status.isLive() ? "live" : "ended")
                .add("duration", durationSeconds(now))
                .add("department", department == null ? "" : department.name())
                .add("department_id", department == null ? "" : department.id())
                .add("agent_id", agent == null ? "" : agent.agentId())
                .add("transfer_count", transferCount)
                .add("started_at", startedAt.toString())
                .build();
    }

    private void raise(String type, OffsetDateTime now) {
        DomainEvents.raise(DomainEvent.of(type, DomainEvent.LIVE_CALL, snapshot(now)));
    }

    private void touch(OffsetDateTime now) {
        this.updatedAt = now;
    }

    public String callerNumber() {
        return callerNumber;
    }

    public String calledNumber() {
        return calledNumber;
    }

    public OffsetDateTime updatedAt() {
        return updatedAt;
    }

    public String direction() {
        return direction;
    }

    public CallStatus status() {
        return status;
    }

    public Optional<Department> department() {
        return Optional.ofNullable(department);
    }

    public Optional<Agent> agent() {
        return Optional.ofNullable(agent);
    }

    public String currentFlow() {
        return currentFlow;
    }

    public OffsetDateTime startedAt() {
        return startedAt;
    }

    public Optional<OffsetDateTime> endedAt() {
        return Optional.ofNullable(endedAt);
    }

    public int transferCount() {
        return transferCount;
    }

    /** Whole seconds from start to end, or to now while it lasts. */
    public long durationSeconds(OffsetDateTime now) {
        return Duration.between(startedAt, endedAt != null ? endedAt : now).toSeconds();
    }
}
