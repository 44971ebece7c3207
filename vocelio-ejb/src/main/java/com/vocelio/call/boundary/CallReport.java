package com.vocelio.call.boundary;

import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.Checks;
import java.util.Locale;

/**
 * An AI voice agent reporting a call it answered or placed: {@code call_id} (its telephony id), the numbers in the
 * portal's or the seed's spelling ({@code caller_number} or {@code from}, {@code called_number} or {@code to}), the
 * direction and the flow it runs.
 */
public record CallReport(
        String callId,
        String callerNumber,
        String from,
        String calledNumber,
        String to,
        String direction,
        String currentFlow) {

    public String id() {
        return Checks.requiredText("call_id", callId, 100);
    }

    public String caller() {
        return callerNumber != null
                ? Checks.optionalText("caller_number", callerNumber, 40)
                : Checks.optionalText("from", from, 40);
    }

    public String called() {
        return calledNumber != null
                ? Checks.optionalText("called_number", calledNumber, 40)
                : Checks.optionalText("to", to, 40);
    }

    /** inbound (the default) or outbound. */
    public String directionGiven() {
        String value = direction == null || direction.isBlank()
                ? "inbound"
                : direction.strip().toLowerCase(Locale.ROOT);
        if (!value.equals("inbound") && !value.equals("outbound")) {
            throw BusinessException.invalid("direction", "must be inbound or outbound");
        }
        return value;
    }

    public String flow() {
        return Checks.optionalText("current_flow", currentFlow, 100);
    }
}
