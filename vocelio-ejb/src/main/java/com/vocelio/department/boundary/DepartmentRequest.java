package com.vocelio.department.boundary;

import jakarta.json.JsonObject;

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
}
