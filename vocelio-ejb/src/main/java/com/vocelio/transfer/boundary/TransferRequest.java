package com.vocelio.transfer.boundary;

import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;

/**
 * A request to hand a call to a department, in every spelling the clients use: the portal's
 * {@code {call_id, target_department, transfer_type, transfer_reason, urgency_level, context_summary}}, the seed
 * guide's (plus {@code session_id}, {@code customer_notes}), the seed server's {@code {call_id, department, reason,
 * context}} and the older {@code department_id}. The department is an id or a name.
 */
public record TransferRequest(
        String callId,
        String sessionId,
        String transferType,
        String transferReason,
        String reason,
        String targetDepartment,
        String departmentId,
        String department,
        String urgencyLevel,
        String contextSummary,
        JsonValue context,
        String customerNotes,
        List<String> requiredSkills,
        List<String> preferredSkills,
        String language,
        String callerNumber) {

    public String departmentNamed() {
        return firstOf(targetDepartment, departmentId, department);
    }

    public String reasonGiven() {
        return firstOf(transferReason, reason);
    }

    /** The seed server's {@code context} may be text or an object; either becomes the summary. */
    public String summary() {
        if (contextSummary != null && !contextSummary.isBlank()) {
            return contextSummary;
        }
        if (context == null || context.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        return context instanceof JsonString text ? text.getString() : context.toString();
    }

    private static String firstOf(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
