package com.vocelio.department.boundary;

import com.vocelio.department.entity.Department;
import com.vocelio.department.entity.RoutingStrategy;
import com.vocelio.platform.boundary.BusinessException;
import jakarta.json.JsonObject;
import java.util.function.Function;

/**
 * What a client sends to create or change a department. Every field may be absent: on create the department's own
 * rules demand a name and a phone number; on update an absent field keeps its value (the portal's edit form sends
 * only name and phone_number).
 */
public record DepartmentRequest(
        String name,
        String phoneNumber,
        String description,
        String color,
        Boolean isActive,
        JsonObject businessHours,
        String routingStrategy,
        Integer reservationTimeoutSeconds,
        Integer wrapUpSeconds,
        String overflowDepartmentId,
        Integer overflowAfterSeconds,
        Integer maxQueueLength,
        Integer widenAfterSeconds) {

    public static DepartmentRequest of(String name, String phoneNumber) {
        return new DepartmentRequest(
                name, phoneNumber, null, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * Hands every present field but name and phone number (those need the organization's phone region) to the
     * department's own rules.
     *
     * @param departmentNamed resolves {@code overflow_department_id}; a blank one clears the overflow target
     */
    void applyTo(Department department, Function<String, Department> departmentNamed) {
        if (description != null) {
            department.describe(description);
        }
        if (color != null) {
            department.paint(color);
        }
        if (isActive != null) {
            department.setActive(isActive);
        }
        if (businessHours != null) {
            department.changeBusinessHours(businessHours);
        }
        if (routingStrategy != null) {
            department.routeBy(RoutingStrategy.fromWire(routingStrategy)
                    .orElseThrow(() -> BusinessException.invalid(
                            "routing_strategy", "must be one of: " + RoutingStrategy.legalValues())));
        }
        if (reservationTimeoutSeconds != null) {
            department.reserveOffersFor(reservationTimeoutSeconds);
        }
        if (wrapUpSeconds != null) {
            department.wrapUpFor(wrapUpSeconds);
        }
        if (overflowAfterSeconds != null) {
            department.overflowAfter(overflowAfterSeconds);
        }
        if (widenAfterSeconds != null) {
            department.widenAfter(widenAfterSeconds);
        }
        if (maxQueueLength != null) {
            department.limitQueueTo(maxQueueLength);
        }
        if (overflowDepartmentId != null) {
            department.overflowTo(overflowDepartmentId.isBlank() ? null : departmentNamed.apply(overflowDepartmentId));
        }
    }
}
