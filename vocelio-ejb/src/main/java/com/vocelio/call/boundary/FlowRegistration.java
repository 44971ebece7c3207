package com.vocelio.call.boundary;

import com.vocelio.call.entity.PhoneFlow;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.Checks;
import com.vocelio.platform.control.PhoneNumbers;
import jakarta.json.JsonValue;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The flow designer's {@code POST /admin/register-flow {flow_id, phone_numbers[], webhook_url}}, plus an optional
 * {@code greeting} (or {@code message}) and {@code voice} said before the flow takes over, {@code department} (id or
 * name) to queue its callers to instead of handing them to the webhook, {@code record} to record its calls, and
 * {@code default_caller_id} to make the first of its numbers the organization's default caller id.
 */
public record FlowRegistration(
        String flowId,
        List<String> phoneNumbers,
        String webhookUrl,
        String greeting,
        String message,
        String voice,
        String department,
        JsonValue record,
        JsonValue defaultCallerId) {

    /**
     * @param department the department named (id or name; empty: none), resolved by the caller
     * @param defaultCallerId whether the first number becomes the organization's default caller id (false: the
     *     default stays where it is)
     */
    public record Asked(
            String flowId,
            List<String> numbers,
            String webhookUrl,
            String greeting,
            String voice,
            String department,
            boolean record,
            boolean defaultCallerId) {}

    public Asked read(String region) {
        String flow = Checks.requiredText("flow_id", flowId, 100);
        if (phoneNumbers == null || phoneNumbers.isEmpty()) {
            throw BusinessException.invalid("phone_numbers", "is required: a list of at least one number");
        }
        if (phoneNumbers.size() > 100) {
            throw BusinessException.invalid("phone_numbers", "must have at most 100 numbers");
        }
        var numbers = new ArrayList<String>();
        for (int i = 0; i < phoneNumbers.size(); i++) {
            String typed = phoneNumbers.get(i);
            String field = "phone_numbers[" + i + "]";
            if (typed == null || typed.length() > 40) {
                throw BusinessException.invalid(field, "is not a valid phone number");
            }
            String e164 = PhoneNumbers.toE164(typed, region)
                    .orElseThrow(() -> BusinessException.invalid(field, "is not a valid phone number"));
            if (!numbers.contains(e164)) {
                numbers.add(e164);
            }
        }
        String url = Checks.optionalText("webhook_url", webhookUrl, PhoneFlow.URL_MAX);
        if (!url.isEmpty() && !isHttpUrl(url)) {
            throw BusinessException.invalid("webhook_url", "must be an http or https URL");
        }
        return new Asked(
                flow,
                List.copyOf(numbers),
                url,
                Checks.optionalText(
                        greeting != null ? "greeting" : "message", greeting != null ? greeting : message, 2000),
                Checks.optionalText("voice", voice, 100),
                Checks.optionalText("department", department, 200),
                Checks.flag("record", record),
                Checks.flag("default_caller_id", defaultCallerId));
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = URI.create(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
