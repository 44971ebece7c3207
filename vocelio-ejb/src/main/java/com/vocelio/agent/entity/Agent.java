package com.vocelio.agent.entity;

import static com.vocelio.platform.control.Checks.optionalText;
import static com.vocelio.platform.control.Checks.requiredText;
import static com.vocelio.platform.control.Checks.within;

import com.vocelio.department.entity.Department;
import com.vocelio.event.entity.DomainEvent;
import com.vocelio.event.entity.DomainEvents;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.DialTarget;
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
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

/**
 * A human who takes transferred calls for one department. Keeps a client-chosen {@code agent_id} (unique per
 * organization), skills and languages as lower-case sets so routing can match them exactly, a performance rating
 * within 0–5, a capacity of at least one concurrent call, and the moment its status last changed (the basis of
 * longest-idle routing).
 */
@Entity
@Table(name = "agents")
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "tenant_id", contextProperty = "eclipselink.tenant-id")
@NamedQuery(
        name = Agent.BY_AGENT_ID,
        query = "select a from Agent a join fetch a.department where a.agentId = :agentId")
@NamedQuery(name = Agent.COUNT_IN_DEPARTMENT, query = "select count(a) from Agent a where a.department = :department")
public class Agent {

    public static final String BY_AGENT_ID = "Agent.byAgentId";
    public static final String COUNT_IN_DEPARTMENT = "Agent.countInDepartment";

    public static final int AGENT_ID_MAX = 100;
    public static final int NAME_MAX = 200;
    public static final int EMAIL_MAX = 254;
    public static final int PHONE_MAX = 40;
    public static final int SIP_MAX = 255;
    public static final int TAG_MAX = 50;
    public static final int TAGS_MAX = 50;
    public static final int MAX_CONCURRENT_CALLS = 50;
    public static final BigDecimal DEFAULT_RATING = new BigDecimal("3.00");

    private static final Pattern AGENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]{0,99}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final BigDecimal MAX_RATING = new BigDecimal("5");

    @Id
    @Column(columnDefinition = "uuid")
    private String id;

    @Column(name = "agent_id", nullable = false, length = AGENT_ID_MAX)
    private String agentId;

    @Column(nullable = false, length = NAME_MAX)
    private String name;

    @Column(nullable = false, length = EMAIL_MAX)
    private String email = "";

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "department_id", nullable = false)
    private Department department;

    @Convert(converter = JsonStringList.class)
    @Column(nullable = false, columnDefinition = "jsonb")
    private List<String> skills = List.of();

    @Convert(converter = JsonStringList.class)
    @Column(nullable = false, columnDefinition = "jsonb")
    private List<String> languages = List.of();

    @Convert(converter = AgentStatus.Column.class)
    @Column(nullable = false, length = 20)
    private AgentStatus status = AgentStatus.OFFLINE;

    @Column(name = "status_changed_at", nullable = false)
    private OffsetDateTime statusChangedAt;

    @Column(name = "performance_rating", nullable = false, precision = 3, scale = 2)
    private BigDecimal performanceRating = DEFAULT_RATING;

    @Column(name = "max_concurrent_calls", nullable = false)
    private int maxConcurrentCalls = 1;

    @Column(name = "phone_number", nullable = false, length = PHONE_MAX)
    private String phoneNumber = "";

    @Column(name = "sip_uri", nullable = false, length = SIP_MAX)
    private String sipUri = "";

    /** A Twilio Client (a browser or app of Twilio's Voice SDK) by its bare identity, without {@code client:}. */
    @Column(name = "client_identity", nullable = false, length = DialTarget.CLIENT_IDENTITY_MAX)
    private String clientIdentity = "";

    /** Offered plus connected calls; the database refuses more than {@link #maxConcurrentCalls}. */
    @Column(name = "active_calls", nullable = false)
    private int activeCalls;

    @Column(name = "handled_calls", nullable = false)
    private int handledCalls;

    @Column(name = "handled_calls_day")
    private LocalDate handledCallsDay;

    @Column(name = "last_call_ended_at")
    private OffsetDateTime lastCallEndedAt;

    @Column(name = "last_offered_at")
    private OffsetDateTime lastOfferedAt;

    @Column(name = "missed_offers", nullable = false)
    private int missedOffers;

    @Column(name = "wrap_up_until")
    private OffsetDateTime wrapUpUntil;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Version
    private long version;

    protected Agent() {}

    public Agent(String agentId, String name, Department department, OffsetDateTime now) {
        if (agentId == null || !AGENT_ID.matcher(agentId.strip()).matches()) {
            throw BusinessException.invalid(
                    "agent_id", "is required: 1-100 letters, digits or . _ : @ - (starting with a letter or digit)");
        }
        this.id = UUID.randomUUID().toString();
        this.agentId = agentId.strip();
        this.createdAt = now;
        this.updatedAt = createdAt;
        this.statusChangedAt = createdAt;
        rename(name);
        moveTo(department);
    }

    public void rename(String newName) {
        this.name = requiredText("name", newName, NAME_MAX);
    }

    public void changeEmail(String newEmail) {
        String value = optionalText("email", newEmail, EMAIL_MAX);
        if (!value.isEmpty() && !EMAIL.matcher(value).matches()) {
            throw BusinessException.invalid("email", "is not an email address");
        }
        this.email = value.toLowerCase(Locale.ROOT);
    }

    public void moveTo(Department newDepartment) {
        if (newDepartment == null) {
            throw BusinessException.invalid("department", "is required");
        }
        this.department = newDepartment;
    }

    public void changeSkills(List<String> newSkills) {
        this.skills = tags("skills", newSkills);
    }

    public void changeLanguages(List<String> newLanguages) {
        this.languages = tags("languages", newLanguages);
    }

    /** Records when the status changed only when it really did, so idle time survives repeated updates. */
    public void changeStatus(AgentStatus newStatus, OffsetDateTime now) {
        if (newStatus != status) {
            AgentStatus before = status;
            this.status = newStatus;
            this.statusChangedAt = now;
            DomainEvents.raise(new AgentStatusChanged(
                    this,
                    before,
                    newStatus,
                    Jsons.objectBuilder(snapshot())
                            .add("previous_status", before.wireName())
                            .build()));
        }
    }

    /** What subscribers see of this agent at this moment. */
    public JsonObject snapshot() {
        var skillList = Jsons.arrayBuilder();
        skills.forEach(skillList::add);
        var languageList = Jsons.arrayBuilder();
        languages.forEach(languageList::add);
        return Jsons.objectBuilder()
                .add("agent_id", agentId)
                .add("name", name)
                .add("department", department.name())
                .add("department_id", department.id())
                .add("status", status.wireName())
                .add("active_calls", activeCalls)
                .add("max_concurrent_calls", maxConcurrentCalls)
                .add("skills", skillList)
                .add("languages", languageList)
                .add("status_changed_at", statusChangedAt.toString())
                .build();
    }

    public void rate(BigDecimal rating) {
        if (rating.signum() < 0 || rating.compareTo(MAX_RATING) > 0) {
            throw BusinessException.invalid("performance_rating", "must be between 0 and 5");
        }
        this.performanceRating = rating.setScale(2, RoundingMode.HALF_UP);
    }

    public void allowConcurrentCalls(int calls) {
        int allowed = within("max_concurrent_calls", calls, 1, MAX_CONCURRENT_CALLS);
        if (allowed < activeCalls) {
            throw BusinessException.invalid(
                    "max_concurrent_calls", "cannot go below the " + activeCalls + " calls the agent has now");
        }
        this.maxConcurrentCalls = allowed;
    }

    /** Takes one of the agent's call slots for an offer; full means busy. */
    /** Whether an offer could reserve this agent now ({@link #reserve} would not refuse). */
    public boolean hasFreeCapacity() {
        return status == AgentStatus.AVAILABLE && activeCalls < maxConcurrentCalls;
    }

    public void reserve(OffsetDateTime now) {
        if (!hasFreeCapacity()) {
            throw new IllegalStateException("Agent " + agentId + " has no free capacity");
        }
        activeCalls++;
        lastOfferedAt = now;
        if (activeCalls == maxConcurrentCalls) {
            changeStatus(AgentStatus.BUSY, now);
        }
    }

    /** Gives a slot back (a declined offer, an abandoned call); a full agent becomes available again. */
    public void release(OffsetDateTime now) {
        activeCalls = Math.max(0, activeCalls - 1);
        if (status == AgentStatus.BUSY && activeCalls < maxConcurrentCalls) {
            changeStatus(AgentStatus.AVAILABLE, now);
        }
    }

    public void answeredOffer() {
        missedOffers = 0;
    }

    /** An offer ran out unanswered; after {@code maxMissed} in a row the agent is taken off the floor. */
    public void missOffer(int maxMissed, OffsetDateTime now) {
        missedOffers++;
        if (missedOffers >= maxMissed) {
            changeStatus(AgentStatus.ON_BREAK, now);
            missedOffers = 0;
            DomainEvents.raise(DomainEvent.of(
                    "system_alert",
                    DomainEvent.SYSTEM_ALERT,
                    Jsons.objectBuilder()
                            .add("type", "warning")
                            .add("severity", "warning")
                            .add("critical", false)
                            .add("category", "agents")
                            .add("title", "Agent taken off the floor")
                            .add("message", name + " missed " + maxMissed + " offers in a row and is now on break")
                            .add("agent_id", agentId)
                            .add("department_id", department.id())
                            .build()));
        }
    }

    /** A call ended: the slot comes back, the day's count goes up, and wrap-up starts if the department wants one. */
    public void finishCall(int wrapUpSeconds, OffsetDateTime now) {
        activeCalls = Math.max(0, activeCalls - 1);
        LocalDate today = now.toLocalDate();
        handledCalls = today.equals(handledCallsDay) ? handledCalls + 1 : 1;
        handledCallsDay = today;
        lastCallEndedAt = now;
        if (wrapUpSeconds > 0 && activeCalls == 0 && status != AgentStatus.OFFLINE && status != AgentStatus.ON_BREAK) {
            changeStatus(AgentStatus.WRAP_UP, now);
            wrapUpUntil = now.plusSeconds(wrapUpSeconds);
        } else if (status == AgentStatus.BUSY) {
            changeStatus(AgentStatus.AVAILABLE, now);
        }
    }

    /** Wrap-up time is over: back on the floor. */
    public void endWrapUp(OffsetDateTime now) {
        if (status == AgentStatus.WRAP_UP) {
            changeStatus(AgentStatus.AVAILABLE, now);
        }
        wrapUpUntil = null;
    }

    /**
     * Where a human can be reached when a call is bridged to them: a phone number, a SIP URI, a Twilio Client
     * identity (given with or without {@code client:}). A null keeps what was there; a blank clears it.
     */
    public void reachAt(String newPhoneNumber, String newSipUri, String newClientIdentity) {
        if (newPhoneNumber != null) {
            this.phoneNumber = optionalText("phone_number", newPhoneNumber, PHONE_MAX);
        }
        if (newSipUri != null) {
            String sip = optionalText("sip_uri", newSipUri, SIP_MAX);
            if (!sip.isEmpty() && DialTarget.of(sip).kind() != DialTarget.Kind.SIP) {
                throw BusinessException.invalid("sip_uri", "must start with sip: or sips:");
            }
            this.sipUri = sip;
        }
        if (newClientIdentity != null) {
            this.clientIdentity = DialTarget.clientIdentity("client_identity", newClientIdentity);
        }
    }

    /**
     * The address a bridged call dials: the SIP URI, else the Twilio Client ({@code client:<identity>}), else the
     * phone number; empty when the agent gave none (such an agent cannot take a telephony call).
     */
    public Optional<String> dialTarget() {
        if (!sipUri.isEmpty()) {
            return Optional.of(sipUri);
        }
        if (!clientIdentity.isEmpty()) {
            return Optional.of(DialTarget.CLIENT_PREFIX + clientIdentity);
        }
        return phoneNumber.isEmpty() ? Optional.empty() : Optional.of(phoneNumber);
    }

    /** An agent holding an offered or connected call is not removed: the call would lose its human. */
    public void requireNoCalls() {
        if (activeCalls > 0) {
            throw new BusinessException(
                    BusinessException.Kind.CONFLICT,
                    "agent_busy",
                    "Agent " + agentId + " holds " + activeCalls
                            + " offered or connected call(s); finish or reject them before removing the agent");
        }
    }

    public void touch(OffsetDateTime now) {
        this.updatedAt = now;
    }

    private static List<String> tags(String field, List<String> values) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > TAGS_MAX) {
            throw BusinessException.invalid(field, "may hold at most " + TAGS_MAX + " entries");
        }
        var normalized = new LinkedHashSet<String>();
        for (String value : values) {
            String tag = requiredText(field + "[]", value, TAG_MAX).toLowerCase(Locale.ROOT);
            normalized.add(tag);
        }
        return List.copyOf(normalized);
    }

    public String id() {
        return id;
    }

    public int activeCalls() {
        return activeCalls;
    }

    public Optional<OffsetDateTime> wrapUpUntil() {
        return Optional.ofNullable(wrapUpUntil);
    }

    public String agentId() {
        return agentId;
    }

    public String name() {
        return name;
    }

    public String email() {
        return email;
    }

    public Department department() {
        return department;
    }

    public List<String> skills() {
        return skills;
    }

    public List<String> languages() {
        return languages;
    }

    public AgentStatus status() {
        return status;
    }

    public OffsetDateTime statusChangedAt() {
        return statusChangedAt;
    }

    public BigDecimal performanceRating() {
        return performanceRating;
    }

    public int maxConcurrentCalls() {
        return maxConcurrentCalls;
    }

    public String phoneNumber() {
        return phoneNumber;
    }

    public String sipUri() {
        return sipUri;
    }

    public String clientIdentity() {
        return clientIdentity;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public OffsetDateTime updatedAt() {
        return updatedAt;
    }
}
