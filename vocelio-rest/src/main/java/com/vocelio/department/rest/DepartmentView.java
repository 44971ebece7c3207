package com.vocelio.department.rest;

import com.vocelio.department.entity.Department;
import jakarta.json.JsonObject;
import java.time.OffsetDateTime;

/** A department as the portal reads it: string id, non-null name and phone_number (the UI calls string methods). */
public record DepartmentView(
        String id,
        String name,
        String phoneNumber,
        String phoneNumberE164,
        String description,
        String color,
        boolean isActive,
        JsonObject businessHours,
        String routingStrategy,
        int reservationTimeoutSeconds,
        int wrapUpSeconds,
        String overflowDepartmentId,
        int overflowAfterSeconds,
        int widenAfterSeconds,
        int maxQueueLength,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    public static DepartmentView of(Department d) {
        var policy = d.policy();
        return new DepartmentView(
                d.id(),
                d.name(),
                d.phoneNumber(),
                d.phoneNumberE164().orElse(""),
                d.description(),
                d.color(),
                d.isActive(),
                d.businessHours(),
                policy.strategy().wireName(),
                policy.reservationTimeoutSeconds(),
                policy.wrapUpSeconds(),
                d.overflowDepartmentId().orElse(null),
                policy.overflowAfterSeconds(),
                policy.widenAfterSeconds(),
                policy.maxQueueLength(),
                d.createdAt(),
                d.updatedAt());
    }
}
