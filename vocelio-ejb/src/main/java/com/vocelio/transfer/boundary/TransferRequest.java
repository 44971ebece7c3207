package com.vocelio.transfer.boundary;

import com.vocelio.department.entity.Department;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.Checks;
import com.vocelio.transfer.entity.Transfer;
import com.vocelio.transfer.entity.TransferType;
import com.vocelio.transfer.entity.Urgency;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * A request to hand a call to a department, in every spelling the clients use: the portal's
 * {@code {call_id, target_department, transfer_type, transfer_reason, urgency_level, context_summary}}, the seed
 * guide's (plus {@code session_id}, {@code customer_notes}), the seed server's {@code {call_id, department, reason,
 * context}} and the older {@code department_id}. The department is an id or a name. {@link #read} is the one place
 * that turns any of these spellings into what the request means.
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

    /**
     * What a request asks for, checked and normalized whatever spelling it used; {@code details} carry the
     * Idempotency-Key and, with a key, the digest that tells a true repeat from a different request under the key.
     */
    public record Asked(
            String callId,
            Department department,
            TransferType type,
            Urgency urgency,
            String callerNumber,
            Transfer.Details details) {}

    /**
     * Checks every field in the order clients have always seen their errors: the call, the department (which
     * {@code departments} resolves from its id or name, and may refuse), then the rest.
     */
    public Asked read(String idempotencyKey, Function<String, Department> departments) {
        String call = Checks.requiredText("call_id", callId, 100);
        String named = firstOf(targetDepartment, departmentId, department);
        if (named == null) {
            throw BusinessException.invalid("target_department", "is required (a department id or name)");
        }
        Department target = departments.apply(named);
        TransferType type = oneOf(
                "transfer_type",
                transferType,
                TransferType.WARM,
                TransferType::fromWire,
                "warm, cold, conference, blind");
        Urgency urgency =
                oneOf("urgency_level", urgencyLevel, Urgency.MEDIUM, Urgency::fromWire, "low, medium, high, critical");
        String lang = Checks.optionalText("language", language, 20).toLowerCase(Locale.ROOT);
        String key = Checks.optionalText("Idempotency-Key", idempotencyKey, 200);
        String caller = Checks.optionalText("caller_number", callerNumber, 40);
        var asked = new Transfer.Details(
                Checks.optionalText("transfer_reason", firstOf(transferReason, reason), 200),
                Checks.optionalText("context_summary", summary(), 2000),
                Checks.optionalText("customer_notes", customerNotes, 2000),
                Checks.optionalText("session_id", sessionId, 100),
                tags("required_skills[]", requiredSkills),
                tags("preferred_skills[]", preferredSkills),
                lang.isEmpty() ? null : lang,
                key.isEmpty() ? null : key,
                null);
        var details = key.isEmpty() ? asked : asked.digested(digest(call, target.id(), type, urgency, asked, caller));
        return new Asked(call, target, type, urgency, caller, details);
    }

    /** The seed server's {@code context} may be text or an object; either becomes the summary. */
    private String summary() {
        if (contextSummary != null && !contextSummary.isBlank()) {
            return contextSummary;
        }
        if (context == null || context.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        return context instanceof JsonString text ? text.getString() : context.toString();
    }

    /** What a request asks for, as its values mean it (whatever spelling it used), as a SHA-256 in hex. */
    private static String digest(
            String callId,
            String departmentId,
            TransferType type,
            Urgency urgency,
            Transfer.Details details,
            String callerNumber) {
        var parts = List.of(
                callId,
                departmentId,
                type.wireName(),
                urgency.wireName(),
                details.reason(),
                details.contextSummary(),
                details.customerNotes(),
                details.sessionId(),
                String.join(",", details.requiredSkills()),
                String.join(",", details.preferredSkills()),
                String.valueOf(details.requiredLanguage()),
                callerNumber);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\0", parts).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <E> E oneOf(
            String field, String value, E fallback, Function<String, Optional<E>> parser, String legal) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return parser.apply(value)
                .orElseThrow(
                        () -> BusinessException.invalid(field, "must be one of: " + legal + " (got '" + value + "')"));
    }

    private static List<String> tags(String field, List<String> values) {
        if (values == null) {
            return List.of();
        }
        return values.stream()
                .map(v -> Checks.requiredText(field, v, 50).toLowerCase(Locale.ROOT))
                .distinct()
                .toList();
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
