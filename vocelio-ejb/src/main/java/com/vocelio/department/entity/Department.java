package com.vocelio.department.entity;

import static com.vocelio.platform.control.Checks.optionalText;
import static com.vocelio.platform.control.Checks.requiredText;
import static com.vocelio.platform.control.Checks.within;

import com.vocelio.event.entity.DomainEvent;
import com.vocelio.event.entity.DomainEvents;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.Jsons;
import jakarta.json.JsonObject;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
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
 * A team that takes transferred calls: Sales, Billing, Support. Keeps its name non-blank and at most
 * {@value #NAME_MAX} characters, its phone number as typed (for display) beside its E.164 form (for dialling) when
 * the text is a phone number, its business hours as a JSON object, and its {@link RoutingPolicy} within sane bounds.
 * A department never overflows to itself. Names are unique per organization (the database enforces it too).
 */
@Entity
@Table(name = "departments")
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "tenant_id", contextProperty = "eclipselink.tenant-id")
@NamedQuery(name = Department.ALL, query = "select d from Department d order by d.name, d.id")
@NamedQuery(name = Department.BY_NAME, query = "select d from Department d where lower(d.name) = lower(:name)")
public class Department {

    public static final String ALL = "Department.all";
    public static final String BY_NAME = "Department.byName";

    public static final int NAME_MAX = 100;
    public static final int PHONE_MAX = 40;
    public static final int DESCRIPTION_MAX = 1000;
    public static final int COLOR_MAX = 30;
    public static final int MAX_TIMEOUT_SECONDS = 3600;
    public static final int MAX_QUEUE_LIMIT = 10_000;

    @Id
    @Column(columnDefinition = "uuid")
    private String id;

    @Column(nullable = false, length = NAME_MAX)
    private String name;

    @Column(name = "phone_number", nullable = false, length = PHONE_MAX)
    private String phoneNumber;

    @Column(name = "phone_number_e164", length = 20)
    private String phoneNumberE164;

    @Column(nullable = false, length = DESCRIPTION_MAX)
    private String description = "";

    @Column(nullable = false, length = COLOR_MAX)
    private String color = "";

    @Column(name = "is_active", nullable = false)
    private boolean active = true;

    @Column(name = "business_hours", nullable = false, columnDefinition = "jsonb")
    private String businessHours = "{}";

    @Embedded
    private RoutingPolicy policy = new RoutingPolicy();

    @Column(name = "overflow_department_id", columnDefinition = "uuid")
    private String overflowDepartmentId;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Version
    private long version;

    protected Department() {}

    public Department(String name, String phoneNumber, Optional<String> phoneNumberE164, OffsetDateTime now) {
        this.id = UUID.randomUUID().toString();
        this.createdAt = now;
        this.updatedAt = createdAt;
        rename(name);
        changePhoneNumber(phoneNumber, phoneNumberE164);
    }

    public void rename(String newName) {
        this.name = requiredText("name", newName, NAME_MAX);
    }

    public void changePhoneNumber(String typed, Optional<String> e164) {
        this.phoneNumber = requiredText("phone_number", typed, PHONE_MAX);
        this.phoneNumberE164 = e164.orElse(null);
    }

    public void describe(String newDescription) {
        this.description = optionalText("description", newDescription, DESCRIPTION_MAX);
    }

    public void paint(String newColor) {
        this.color = optionalText("color", newColor, COLOR_MAX);
    }

    public void setActive(boolean active) {
        this.active = active;
    }

    /** @param hours a JSON object such as {@code {"monday":{"open":"09:00","close":"17:00"}}} */
    public void changeBusinessHours(JsonObject hours) {
        this.businessHours = hours.toString();
    }

    public void routeBy(RoutingStrategy strategy) {
        policy.setStrategy(strategy);
    }

    public void reserveOffersFor(int seconds) {
        policy.setReservationTimeoutSeconds(within("reservation_timeout_seconds", seconds, 1, MAX_TIMEOUT_SECONDS));
    }

    public void wrapUpFor(int seconds) {
        policy.setWrapUpSeconds(within("wrap_up_seconds", seconds, 0, MAX_TIMEOUT_SECONDS));
    }

    public void overflowAfter(int seconds) {
        policy.setOverflowAfterSeconds(within("overflow_after_seconds", seconds, 1, 24 * MAX_TIMEOUT_SECONDS));
    }

    /** Preferred skills count for this long; then any agent with the required skills may take the call. */
    public void widenAfter(int seconds) {
        policy.setWidenAfterSeconds(within("widen_after_seconds", seconds, 1, 24 * MAX_TIMEOUT_SECONDS));
    }

    public void limitQueueTo(int length) {
        policy.setMaxQueueLength(within("max_queue_length", length, 1, MAX_QUEUE_LIMIT));
    }

    /** @param target where waiting calls go after {@link RoutingPolicy#overflowAfterSeconds()}, or null for none */
    public void overflowTo(Department target) {
        if (target != null && target.id.equals(id)) {
            throw BusinessException.invalid("overflow_department_id", "cannot be the department itself");
        }
        this.overflowDepartmentId = target == null ? null : target.id;
    }

    public void touch(OffsetDateTime now) {
        this.updatedAt = now;
    }

    /** Tells the live feeds that this department was created, updated or deleted ({@code action}). */
    public void announce(String action) {
        DomainEvents.raise(DomainEvent.of(
                "department_changed",
                DomainEvent.DEPARTMENTS,
                Jsons.objectBuilder()
                        .add("action", action)
                        .add("id", id)
                        .add("department_id", id)
                        .add("name", name)
                        .add("department", name)
                        .add("phone_number", phoneNumber)
                        .add("is_active", active)
                        .build()));
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String phoneNumber() {
        return phoneNumber;
    }

    public Optional<String> phoneNumberE164() {
        return Optional.ofNullable(phoneNumberE164);
    }

    public String description() {
        return description;
    }

    public String color() {
        return color;
    }

    public boolean isActive() {
        return active;
    }

    public JsonObject businessHours() {
        try (var reader = Jsons.reader(businessHours)) {
            return reader.readObject();
        }
    }

    public RoutingPolicy policy() {
        return policy;
    }

    public Optional<String> overflowDepartmentId() {
        return Optional.ofNullable(overflowDepartmentId);
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public OffsetDateTime updatedAt() {
        return updatedAt;
    }
}
