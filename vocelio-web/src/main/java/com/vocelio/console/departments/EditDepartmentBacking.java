package com.vocelio.console.departments;

import com.vocelio.console.ConsoleCaller;
import com.vocelio.console.Messages;
import com.vocelio.department.boundary.DepartmentRequest;
import com.vocelio.department.boundary.Departments;
import com.vocelio.department.entity.Department;
import com.vocelio.department.entity.RoutingPolicy;
import com.vocelio.department.entity.RoutingStrategy;
import com.vocelio.platform.boundary.BusinessException;
import jakarta.faces.model.SelectItem;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code console/departments/edit.xhtml}: creates a department ({@code ?id} absent) or changes one, every field the
 * entity has, through {@link Departments} as the API does; the boundary's refusals sit next to their fields. Admins
 * only, as the API says.
 */
@Named
@ViewScoped
public class EditDepartmentBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Departments departments;

    @Inject
    ConsoleCaller caller;

    private String id;
    private String name;
    private String phoneNumber;
    private String description;
    private String color;
    private boolean active = true;
    private String routingStrategy = RoutingStrategy.LONGEST_IDLE.wireName();
    private Integer reservationTimeoutSeconds;
    private Integer wrapUpSeconds;
    private String overflowDepartmentId = "";
    private Integer overflowAfterSeconds;
    private Integer widenAfterSeconds;
    private Integer maxQueueLength;
    private BusinessHours businessHours = BusinessHours.of(JsonValue.EMPTY_JSON_OBJECT);

    /** Reads the department named by {@code ?id}; a new one starts with the routing defaults. */
    public void load() {
        Department department =
                id == null || id.isBlank() ? null : departments.find(id).orElse(null);
        if (department == null) {
            if (id != null && !id.isBlank()) {
                Messages.error("departments.unknown");
                id = null;
            }
            reservationTimeoutSeconds = RoutingPolicy.DEFAULT_RESERVATION_TIMEOUT_SECONDS;
            wrapUpSeconds = RoutingPolicy.DEFAULT_WRAP_UP_SECONDS;
            overflowAfterSeconds = RoutingPolicy.DEFAULT_OVERFLOW_AFTER_SECONDS;
            widenAfterSeconds = RoutingPolicy.DEFAULT_WIDEN_AFTER_SECONDS;
            maxQueueLength = RoutingPolicy.DEFAULT_MAX_QUEUE_LENGTH;
            return;
        }
        name = department.name();
        phoneNumber = department.phoneNumber();
        description = department.description();
        color = department.color();
        active = department.isActive();
        overflowDepartmentId = department.overflowDepartmentId().orElse("");
        businessHours = BusinessHours.of(department.businessHours());
        readPolicy(department.policy());
    }

    private void readPolicy(RoutingPolicy policy) {
        routingStrategy = policy.strategy().wireName();
        reservationTimeoutSeconds = policy.reservationTimeoutSeconds();
        wrapUpSeconds = policy.wrapUpSeconds();
        overflowAfterSeconds = policy.overflowAfterSeconds();
        widenAfterSeconds = policy.widenAfterSeconds();
        maxQueueLength = policy.maxQueueLength();
    }

    public String save() {
        if (!caller.isAdmin()) {
            Messages.error("departments.adminOnly");
            return null;
        }
        JsonObject hours;
        try {
            hours = businessHours.toJson();
        } catch (BusinessException refused) {
            Messages.refusal("department", refused);
            return null;
        }
        var request = new DepartmentRequest(
                name,
                phoneNumber,
                description == null ? "" : description,
                color == null ? "" : color,
                active,
                hours,
                routingStrategy,
                reservationTimeoutSeconds,
                wrapUpSeconds,
                overflowDepartmentId == null ? "" : overflowDepartmentId,
                overflowAfterSeconds,
                maxQueueLength,
                widenAfterSeconds);
        try {
            boolean creating = isCreating();
            Department saved = creating ? departments.create(request) : departments.update(id, request);
            Messages.info(creating ? "departments.created" : "departments.saved", saved.name());
            Messages.keepOverRedirect();
            return "/departments/index?faces-redirect=true";
        } catch (BusinessException refused) {
            Messages.refusal("department", refused);
            return null;
        }
    }

    public boolean isCreating() {
        return id == null || id.isBlank();
    }

    public List<SelectItem> getStrategies() {
        return Arrays.stream(RoutingStrategy.values())
                .map(s -> new SelectItem(s.wireName(), s.wireName().replace('_', ' ')))
                .toList();
    }

    /** Every other department, and none. */
    public List<SelectItem> getOverflowTargets() {
        var items = new ArrayList<SelectItem>();
        items.add(new SelectItem("", Messages.text("common.none")));
        departments.all().stream()
                .filter(d -> !d.id().equals(id))
                .forEach(d -> items.add(new SelectItem(d.id(), d.name())));
        return items;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getPhoneNumber() {
        return phoneNumber;
    }

    public void setPhoneNumber(String phoneNumber) {
        this.phoneNumber = phoneNumber;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public String getColor() {
        return color;
    }

    public void setColor(String color) {
        this.color = color;
    }

    public boolean isActive() {
        return active;
    }

    public void setActive(boolean active) {
        this.active = active;
    }

    public String getRoutingStrategy() {
        return routingStrategy;
    }

    public void setRoutingStrategy(String routingStrategy) {
        this.routingStrategy = routingStrategy;
    }

    public Integer getReservationTimeoutSeconds() {
        return reservationTimeoutSeconds;
    }

    public void setReservationTimeoutSeconds(Integer reservationTimeoutSeconds) {
        this.reservationTimeoutSeconds = reservationTimeoutSeconds;
    }

    public Integer getWrapUpSeconds() {
        return wrapUpSeconds;
    }

    public void setWrapUpSeconds(Integer wrapUpSeconds) {
        this.wrapUpSeconds = wrapUpSeconds;
    }

    public String getOverflowDepartmentId() {
        return overflowDepartmentId;
    }

    public void setOverflowDepartmentId(String overflowDepartmentId) {
        this.overflowDepartmentId = overflowDepartmentId;
    }

    public Integer getOverflowAfterSeconds() {
        return overflowAfterSeconds;
    }

    public void setOverflowAfterSeconds(Integer overflowAfterSeconds) {
        this.overflowAfterSeconds = overflowAfterSeconds;
    }

    public Integer getWidenAfterSeconds() {
        return widenAfterSeconds;
    }

    public void setWidenAfterSeconds(Integer widenAfterSeconds) {
        this.widenAfterSeconds = widenAfterSeconds;
    }

    public Integer getMaxQueueLength() {
        return maxQueueLength;
    }

    public void setMaxQueueLength(Integer maxQueueLength) {
        this.maxQueueLength = maxQueueLength;
    }

    public BusinessHours getBusinessHours() {
        return businessHours;
    }
}
