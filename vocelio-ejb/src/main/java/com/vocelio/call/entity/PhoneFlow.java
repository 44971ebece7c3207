package com.vocelio.call.entity;

import com.vocelio.department.entity.Department;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

/**
 * Which flow answers one of the organization's numbers (E.164), and where that flow lives: an inbound call to the
 * number is greeted and handed to the flow's webhook, or queued to the flow's department to wait for a human; a flow
 * may record its calls. A number has one flow at a time; registering it again moves it.
 */
@Entity
@Table(name = "phone_flows")
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "tenant_id", contextProperty = "eclipselink.tenant-id")
@NamedQuery(name = PhoneFlow.BY_NUMBER, query = "select f from PhoneFlow f where f.phoneNumber = :number")
@NamedQuery(name = PhoneFlow.DEFAULT_CALLER_ID, query = "select f from PhoneFlow f where f.defaultCallerId = true")
public class PhoneFlow {

    public static final String BY_NUMBER = "PhoneFlow.byNumber";

    /** The organization's default caller id, if it has one. */
    public static final String DEFAULT_CALLER_ID = "PhoneFlow.defaultCallerId";

    public static final int URL_MAX = 2000;

    @Id
    @Column(columnDefinition = "uuid")
    private String id;

    @Column(name = "phone_number", nullable = false, length = 20)
    private String phoneNumber;

    @Column(name = "flow_id", nullable = false, length = 100)
    private String flowId;

    @Column(name = "webhook_url", nullable = false, length = URL_MAX)
    private String webhookUrl = "";

    @Column(nullable = false, length = 2000)
    private String greeting = "";

    @Column(nullable = false, length = 100)
    private String voice = "";

    /** Where the flow queues its callers (null: it hands them to its webhook instead). */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "department_id")
    private Department department;

    @Column(nullable = false)
    private boolean record;

    /** Whether the organization's calls whose {@code from} is none of its numbers go out under this one. */
    @Column(name = "default_caller_id", nullable = false)
    private boolean defaultCallerId;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Version
    private long version;

    protected PhoneFlow() {}

    public PhoneFlow(String phoneNumber, OffsetDateTime now) {
        this.id = UUID.randomUUID().toString();
        this.phoneNumber = phoneNumber;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** The flow (and its greeting) that answers this number from now on. */
    public void answerWith(
            String flowId,
            String webhookUrl,
            String greeting,
            String voice,
            Department queueTo,
            boolean record,
            OffsetDateTime now) {
        this.flowId = flowId;
        this.department = queueTo;
        this.record = record;
        this.webhookUrl = webhookUrl;
        this.greeting = greeting;
        this.voice = voice;
        this.updatedAt = now;
    }

    public String phoneNumber() {
        return phoneNumber;
    }

    public String flowId() {
        return flowId;
    }

    public String webhookUrl() {
        return webhookUrl;
    }

    public String greeting() {
        return greeting;
    }

    public String voice() {
        return voice;
    }

    public Optional<Department> department() {
        return Optional.ofNullable(department);
    }

    public boolean recorded() {
        return record;
    }

    /** This number is (or is no longer) the organization's default caller id: the caller keeps it to one number. */
    public void defaultCallerId(boolean on, OffsetDateTime now) {
        if (defaultCallerId != on) {
            this.defaultCallerId = on;
            this.updatedAt = now;
        }
    }

    public boolean defaultCallerId() {
        return defaultCallerId;
    }
}
