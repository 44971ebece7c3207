package com.vocelio.call.entity;

import com.vocelio.agent.entity.Agent;
import com.vocelio.department.entity.Department;
import com.vocelio.event.entity.DomainEvent;
import com.vocelio.event.entity.DomainEvents;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.Jsons;
import jakarta.json.JsonObject;
import jakarta.persistence.Column;
import jakarta.persistence.ColumnResult;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityResult;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SqlResultSetMapping;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
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
        name = Call.IN_CONFERENCE,
        query = "select c from Call c where c.conferenceName = :name and c.conferenceName <> ''")
@NamedQuery(
        name = Call.LIVE,
        query = "select c from Call c left join fetch c.department left join fetch c.agent"
                + " where c.status in :statuses order by c.startedAt")
@SqlResultSetMapping(
        name = Call.LOCKED,
        entities = @EntityResult(entityClass = Call.class),
        columns = @ColumnResult(name = "started"))
public class Call {

    public static final String BY_CALL_ID = "Call.byCallId";

    public static final String IN_CONFERENCE = "Call.inConference";

    /** A whole row of {@code calls} and a boolean column {@code started} ({@code CallRegistry.lockOrStart}). */
    public static final String LOCKED = "Call.locked";

    public static final String LIVE = "Call.live";

    /**
     * The outbox channel of the cues for the AI's conference legs, for the node that holds a leg's media stream: no
     * client feed shows it.
     */
    public static final String AI_LEG_CHANNEL = "ai_leg";

    /** The AI's line is due on its leg's media stream ({@link #aiCued}). */
    public static final String AI_LEG_CUED = "ai_leg_cued";

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

    /** The provider carrying the call: {@code simulated}, {@code twilio}, or empty for a call an AI only reported. */
    @Column(nullable = false, length = 12)
    private String provider = "";

    @Convert(converter = TelephonyStatus.Column.class)
    @Column(name = "telephony_status", nullable = false, length = 12)
    private TelephonyStatus telephonyStatus = TelephonyStatus.NONE;

    @Column(nullable = false, length = 2000)
    private String message = "";

    @Column(name = "voice_provider", nullable = false, length = 20)
    private String voiceProvider = "";

    @Column(name = "voice_id", nullable = false, length = 100)
    private String voiceId = "";

    @Column(nullable = false)
    private boolean muted;

    @Column(name = "on_hold", nullable = false)
    private boolean onHold;

    @Column(name = "answered_at")
    private OffsetDateTime answeredAt;

    @Column(name = "talk_seconds")
    private Integer talkSeconds;

    @Column(precision = 10, scale = 4)
    private BigDecimal price;

    @Column(name = "price_unit", nullable = false, length = 3)
    private String priceUnit = "USD";

    /** When the simulator moves this call next; null when nothing is due (not simulated, or over). */
    @Column(name = "next_step_at")
    private OffsetDateTime nextStepAt;

    /** Whether the call was placed to be recorded (the simulator leaves a recording when it completes). */
    @Column(nullable = false)
    private boolean record;

    /** The conference the caller was moved into for a warm or conference transfer (empty: none). */
    @Column(name = "conference_name", nullable = false, length = 100)
    private String conferenceName = "";

    /** The provider's id of that conference, once it told us the caller joined (empty until then). */
    @Column(name = "conference_sid", nullable = false, length = 40)
    private String conferenceSid = "";

    /**
     * The AI's own leg in the caller's transfer conference (the provider's call sid; empty: none). A warm transfer's
     * AI leg leaves when the agent answers; a conference transfer's stays for the three-way.
     */
    @Column(name = "ai_leg_sid", nullable = false, length = 40)
    private String aiLegSid = "";

    /** Whether the AI's leg leaves once it has spoken its hand-off line (a warm transfer's), or stays (conference). */
    @Column(name = "ai_leg_leaves", nullable = false)
    private boolean aiLegLeaves;

    /** When the conference started with the AI's leg in it, cueing its line (null: not yet, or no AI leg). */
    @Column(name = "ai_leg_cued_at")
    private OffsetDateTime aiLegCuedAt;

    /** When a leaving AI leg is hung up at the latest, should its line's end never be heard of (null: not due). */
    @Column(name = "ai_leg_leave_at")
    private OffsetDateTime aiLegLeaveAt;

    /**
     * When the AI's line is cued at the latest, should the provider's word that the conference started never come
     * (null: not due, or cued).
     */
    @Column(name = "ai_leg_cue_by")
    private OffsetDateTime aiLegCueBy;

    /** What the AI says when its line is cued: the hand-off to the agent being bridged ("" without an AI leg). */
    @Column(name = "ai_leg_line", nullable = false, length = 500)
    private String aiLegLine = "";

    /**
     * When the simulated agent's leg that will not answer ends (null: none rings); then its transfer and offer are
     * reported ({@link AgentLegUnanswered}).
     */
    @Column(name = "agent_leg_ends_at")
    private OffsetDateTime agentLegEndsAt;

    @Column(name = "agent_leg_transfer_id", nullable = false, length = 64)
    private String agentLegTransferId = "";

    @Column(name = "agent_leg_offer", nullable = false)
    private int agentLegOffer;

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

    /**
     * An outbound call the provider has just accepted under {@code callSid}: it rings {@code to} from {@code from}
     * and says {@code message} once answered.
     */
    public static Call outbound(
            String callSid,
            String provider,
            String from,
            String to,
            String message,
            String voiceProvider,
            String voiceId,
            OffsetDateTime now) {
        var call = new Call();
        call.id = UUID.randomUUID().toString();
        call.callId = callSid;
        call.provider = provider;
        call.callerNumber = from;
        call.calledNumber = to;
        call.direction = "outbound";
        call.status = CallStatus.RINGING;
        call.telephonyStatus = TelephonyStatus.QUEUED;
        call.message = message;
        call.voiceProvider = voiceProvider;
        call.voiceId = voiceId;
        call.startedAt = now;
        call.createdAt = now;
        call.updatedAt = now;
        call.raise("call_started", now);
        return call;
    }

    public String id() {
        return id;
    }

    /** Asked when the call is placed: the provider records it. */
    public void recordIt() {
        this.record = true;
    }

    public boolean recorded() {
        return record;
    }

    public String callId() {
        return callId;
    }

    /**
     * The provider tells us of an inbound call to {@code to}, one of our numbers, which the flow {@code flowId}
     * answers now.
     */
    public void answeredByFlow(String provider, String to, String flowId, OffsetDateTime now) {
        this.provider = provider;
        this.calledNumber = to;
        this.currentFlow = flowId;
        this.direction = "inbound";
        this.status = CallStatus.RINGING;
        this.telephonyStatus = TelephonyStatus.RINGING;
        reportStatus(TelephonyStatus.IN_PROGRESS, null, null, now);
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

    /**
     * The provider says where the call is. Only progress counts: a repeated or late status changes nothing, so a
     * {@code completed} never goes back to {@code ringing}. Answered, the call is with the AI (unless a transfer has
     * it already); a final status ends the call with the matching outcome. Talk time and price, when the provider
     * tells them, are kept even from a repeat (Twilio may send them only once the call is over).
     *
     * @return whether the status moved
     */
    public boolean reportStatus(
            TelephonyStatus next, Integer talkSecondsTold, BigDecimal priceTold, OffsetDateTime now) {
        if (talkSecondsTold != null) {
            this.talkSeconds = talkSecondsTold;
        }
        if (priceTold != null) {
            this.price = priceTold;
        }
        if (!telephonyStatus.precedes(next)) {
            touch(now);
            return false;
        }
        this.telephonyStatus = next;
        if (next == TelephonyStatus.IN_PROGRESS && answeredAt == null) {
            this.answeredAt = now;
        }
        if (next.isFinal()) {
            this.nextStepAt = null;
            if (talkSeconds == null) {
                this.talkSeconds = answeredAt == null
                        ? 0
                        : (int) Duration.between(answeredAt, now).toSeconds();
            }
            end(next.callStatus(), now);
            return true;
        }
        if (status == CallStatus.RINGING) {
            this.status = next.callStatus();
        }
        touch(now);
        raise("call_status_changed", now);
        return true;
    }

    /**
     * Someone ends the call: an answered call is {@code completed}, one not yet answered is {@code canceled}. A call
     * already over stays as it is.
     *
     * @return whether this ended it
     */
    public boolean hangUp(OffsetDateTime now) {
        if (!onTheLine()) {
            return false;
        }
        if (provider.isEmpty()) {
            end(CallStatus.COMPLETED, now);
            return true;
        }
        return reportStatus(hangUpStatus(), null, null, now);
    }

    /**
     * Whether the call still holds a line: for a provider's call, until the provider says it is over (a transfer
     * completed by the agent ends the record, not the phone call); for a reported call, while it is live.
     */
    public boolean onTheLine() {
        return provider.isEmpty() ? status.isLive() : !telephonyStatus.isFinal();
    }

    /** What hanging up now would make of the call in the provider's words. */
    public TelephonyStatus hangUpStatus() {
        return answeredAt == null ? TelephonyStatus.CANCELED : TelephonyStatus.COMPLETED;
    }

    /** Mutes or unmutes the AI's side; a call must be answered and not over. */
    public void mute(boolean on, OffsetDateTime now) {
        requireAnswered("mute");
        if (muted != on) {
            this.muted = on;
            touch(now);
            raise("call_status_changed", now);
        }
    }

    /** Puts the caller on hold (hold music) or takes them off it; a call must be answered and not over. */
    public void hold(boolean on, OffsetDateTime now) {
        requireAnswered("hold");
        if (onHold != on) {
            this.onHold = on;
            if (on && status == CallStatus.ACTIVE) {
                this.status = CallStatus.ON_HOLD;
            } else if (!on && status == CallStatus.ON_HOLD) {
                this.status = CallStatus.ACTIVE;
            }
            touch(now);
            raise("call_status_changed", now);
        }
    }

    /**
     * The caller is handed to a number outside (a cold transfer): the AI leaves the call, which goes on with that
     * number until someone hangs up.
     */
    public void handTo(String number, OffsetDateTime now) {
        requireAnswered("transfer");
        this.currentFlow = "";
        this.onHold = false;
        if (status == CallStatus.ON_HOLD) {
            this.status = CallStatus.ACTIVE;
        }
        this.transferCount++;
        touch(now);
        DomainEvents.raise(DomainEvent.of(
                "call_transferred",
                DomainEvent.LIVE_CALL,
                Jsons.objectBuilder(snapshot(now)).add("transfer_to", number).build()));
    }

    private void requireAnswered(String what) {
        if (!status.isLive()) {
            throw new BusinessException(
                    BusinessException.Kind.CONFLICT,
                    "call_ended",
                    "Cannot " + what + " call " + callId + ": it is over (" + telephonyOrCallStatus() + ")");
        }
        if (!provider.isEmpty() && answeredAt == null) {
            throw new BusinessException(
                    BusinessException.Kind.CONFLICT,
                    "call_not_answered",
                    "Cannot " + what + " call " + callId + ": it has not been answered yet");
        }
    }

    private String telephonyOrCallStatus() {
        return provider.isEmpty() ? status.wireName() : telephonyStatus.wireName();
    }

    /**
     * The caller is moved into the conference {@code name} (a warm or conference transfer): from now on the provider
     * holds and mutes them as a participant of it, once it tells the conference's sid.
     */
    public void enterConference(String name, OffsetDateTime now) {
        if (!name.equals(conferenceName)) {
            this.conferenceName = name;
            this.conferenceSid = "";
            this.onHold = false;
            touch(now);
        }
    }

    /** The provider says the caller joined the conference {@code name} with the id {@code sid}. */
    public boolean joinedConference(String name, String sid, OffsetDateTime now) {
        if (conferenceName.isEmpty() || !conferenceName.equals(name) || sid.equals(conferenceSid)) {
            return false;
        }
        this.conferenceSid = sid;
        touch(now);
        return true;
    }

    /** The caller left the conference (it ended, or the call goes on without it). */
    public void leftConference(String name, OffsetDateTime now) {
        if (!conferenceName.isEmpty() && conferenceName.equals(name)) {
            this.conferenceName = "";
            this.conferenceSid = "";
            this.aiLegLeaveAt = null; // the conference is over: its AI leg went with it, nothing to hang up
            this.aiLegCueBy = null;
            touch(now);
        }
    }

    public String conferenceName() {
        return conferenceName;
    }

    /**
     * The provider placed the AI's leg {@code legSid} into the caller's conference, which it does not start: the AI
     * speaks when the agent's leg starts it ({@link #aiCued}), then leaves if {@code leaves} (a warm transfer), else
     * stays for the three-way.
     */
    public void aiJoins(String legSid, boolean leaves, OffsetDateTime now) {
        this.aiLegSid = legSid;
        this.aiLegLeaves = leaves;
        this.aiLegCuedAt = null;
        this.aiLegLeaveAt = null;
        this.aiLegCueBy = null;
        touch(now);
    }

    /**
     * The AI's leg is to say {@code line} when it is cued: the hand-off to the agent now being bridged (a transfer
     * offered again after an agent who never answered hands the caller to the next one).
     */
    public void aiSays(String line, OffsetDateTime now) {
        if (!aiLegSid.isEmpty() && !aiLegLine.equals(line)) {
            this.aiLegLine = line;
            touch(now);
        }
    }

    public String aiLegLine() {
        return aiLegLine;
    }

    /**
     * The agent's leg answered and starts the conference once its briefing is over: should the provider's word of that
     * start be lost, the AI's line is cued {@code by} then anyway (a leg not yet cued only).
     */
    public void aiCueBy(OffsetDateTime by, OffsetDateTime now) {
        if (!aiLegSid.isEmpty() && aiLegCuedAt == null && status.isLive()) {
            this.aiLegCueBy = by;
            touch(now);
        }
    }

    /** Whether the AI's line was due by now and no start of the conference has cued it. */
    public boolean aiCueOverdue(OffsetDateTime now) {
        return aiLegCuedAt == null && aiLegCueBy != null && !aiLegCueBy.isAfter(now);
    }

    /** Whether {@code legSid} may speak for the AI on this call: the AI's current leg, or the first one. */
    public boolean acceptsAiLeg(String legSid) {
        return status.isLive() && !conferenceName.isEmpty() && (aiLegSid.isEmpty() || aiLegSid.equals(legSid));
    }

    /**
     * The conference started (the agent's leg joined it) with the AI's leg in it: the AI's line is due now, on
     * whichever node holds the leg's media stream, so the cue goes out on the {@value #AI_LEG_CHANNEL} channel to
     * every node. A leaving AI is hung up within {@code leaveWithin} at the latest. Once per leg.
     *
     * @return whether this cued the line (false: no AI leg, or cued before)
     */
    public boolean aiCued(OffsetDateTime now, Duration leaveWithin) {
        if (aiLegSid.isEmpty() || aiLegCuedAt != null || !status.isLive()) {
            return false;
        }
        this.aiLegCuedAt = now;
        this.aiLegLeaveAt = aiLegLeaves ? now.plus(leaveWithin) : null;
        this.aiLegCueBy = null;
        touch(now);
        DomainEvents.raise(DomainEvent.of(
                AI_LEG_CUED,
                AI_LEG_CHANNEL,
                Jsons.objectBuilder()
                        .add("call_sid", callId)
                        .add("ai_leg_sid", aiLegSid)
                        .add("leaves", aiLegLeaves)
                        .add("line", aiLegLine)
                        .build()));
        return true;
    }

    /** Whether the leg {@code legSid} is the AI's and its line is due (cued, so the conference is on). */
    public boolean aiLineDue(String legSid) {
        return !aiLegSid.isEmpty() && aiLegSid.equals(legSid) && aiLegCuedAt != null;
    }

    /** Whether the AI's leg {@code legSid} is to leave now that it has spoken its line. */
    public boolean aiLeavesAfterLine(String legSid) {
        return aiLineDue(legSid) && aiLegLeaves;
    }

    /** Hanging the AI's leg up failed at the provider: the sweep tries again at {@code when}. */
    public void aiLeaveRetry(OffsetDateTime when) {
        if (!aiLegSid.isEmpty() && aiLegLeaveAt != null) {
            this.aiLegLeaveAt = when;
        }
    }

    /** @return whether {@code legSid} was the AI's leg (it is gone now) */
    public boolean aiLeaves(String legSid, OffsetDateTime now) {
        if (aiLegSid.isEmpty() || !aiLegSid.equals(legSid)) {
            return false;
        }
        this.aiLegSid = "";
        this.aiLegLeaves = false;
        this.aiLegCuedAt = null;
        this.aiLegLeaveAt = null;
        this.aiLegCueBy = null;
        this.aiLegLine = "";
        touch(now);
        return true;
    }

    /**
     * The AI's leg was hung up after its hand-off: {@code line_spoken} when its stream told us the line had been
     * played, {@code timeout} when that never came in time; on the live feed as {@code ai_leg_left}.
     */
    public void aiLeft(String legSid, String reason, OffsetDateTime now) {
        if (aiLeaves(legSid, now)) {
            DomainEvents.raise(DomainEvent.of(
                    "ai_leg_left",
                    DomainEvent.LIVE_CALL,
                    Jsons.objectBuilder(snapshot(now))
                            .add("ai_leg_sid", legSid)
                            .add("reason", reason)
                            .add("conference", conferenceName)
                            .build()));
        }
    }

    /**
     * The AI's leg started ({@code ai_leg_streaming}) or stopped ({@code ai_leg_stream_stopped}) streaming its voice
     * into the conference, on the live feed.
     */
    public void aiStream(String type, String legSid, String streamSid, OffsetDateTime now) {
        DomainEvents.raise(DomainEvent.of(
                type,
                DomainEvent.LIVE_CALL,
                Jsons.objectBuilder(snapshot(now))
                        .add("ai_leg_sid", legSid)
                        .add("stream_sid", streamSid)
                        .add("conference", conferenceName)
                        .build()));
    }

    public String aiLegSid() {
        return aiLegSid;
    }

    public String conferenceSid() {
        return conferenceSid;
    }

    /** Our number on this call: the one we called from, or the one that was called (what a new leg calls from). */
    public String ourNumber() {
        return "outbound".equals(direction) ? callerNumber : calledNumber;
    }

    /**
     * The provider was asked about the call now, whatever it answered: a status read does not ask again until the
     * record is stale once more.
     */
    public void checked(OffsetDateTime now) {
        touch(now);
    }

    /** The simulator's next move for this call is due at {@code when} (null: none). */
    public void scheduleStep(OffsetDateTime when) {
        this.nextStepAt = when;
    }

    /**
     * The simulated network rings the routed agent's {@code leg}, which will not answer, until {@code endsAt}; then the
     * simulator reports it ({@link #agentLegOver}). One leg at a time, as a transfer has one agent at a time.
     */
    public void agentLegRings(AgentLeg leg, OffsetDateTime endsAt) {
        this.agentLegEndsAt = endsAt;
        this.agentLegTransferId = leg.transferId();
        this.agentLegOffer = leg.offer();
    }

    /** The ringing agent's leg is over unanswered: what to report of it, once (empty: no leg rang). */
    public Optional<AgentLegUnanswered> agentLegOver() {
        if (agentLegEndsAt == null) {
            return Optional.empty();
        }
        var over = new AgentLegUnanswered(callId, agentLegTransferId, agentLegOffer);
        noAgentLeg();
        return Optional.of(over);
    }

    public Optional<OffsetDateTime> agentLegEndsAt() {
        return Optional.ofNullable(agentLegEndsAt);
    }

    private void noAgentLeg() {
        this.agentLegEndsAt = null;
        this.agentLegTransferId = "";
        this.agentLegOffer = 0;
    }

    /** The call is over with {@code outcome}; an agent's leg still ringing for it goes too (nobody to bridge to). */
    public void end(CallStatus outcome, OffsetDateTime now) {
        if (status.isLive()) {
            noAgentLeg();
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
                .add("call_sid", callId)
                .add("provider", provider)
                .add("telephony_status", telephonyStatus.wireName())
                .add("from", callerNumber)
                .add("to", calledNumber)
                .add("muted", muted)
                .add("on_hold", onHold)
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

    public String provider() {
        return provider;
    }

    public TelephonyStatus telephonyStatus() {
        return telephonyStatus;
    }

    public String message() {
        return message;
    }

    public String voiceProvider() {
        return voiceProvider;
    }

    public String voiceId() {
        return voiceId;
    }

    public boolean muted() {
        return muted;
    }

    public boolean onHold() {
        return onHold;
    }

    public Optional<OffsetDateTime> answeredAt() {
        return Optional.ofNullable(answeredAt);
    }

    public Optional<Integer> talkSeconds() {
        return Optional.ofNullable(talkSeconds);
    }

    public Optional<BigDecimal> price() {
        return Optional.ofNullable(price);
    }

    public String priceUnit() {
        return priceUnit;
    }

    public Optional<OffsetDateTime> nextStepAt() {
        return Optional.ofNullable(nextStepAt);
    }

    /** Whole seconds from start to end, or to now while it lasts. */
    public long durationSeconds(OffsetDateTime now) {
        return Duration.between(startedAt, endedAt != null ? endedAt : now).toSeconds();
    }
}
