package com.vocelio.call.boundary;

import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.Checks;
import com.vocelio.platform.control.PhoneNumbers;

/**
 * {@code POST /admin/simulate/inbound {from, to}}: someone at {@code from} calls {@code to}, one of the
 * organization's numbers, on the simulated network.
 */
public record SimulatedInbound(String from, String to) {

    /** Both numbers in E.164. */
    public record Asked(String from, String to) {}

    public Asked read(String region) {
        return new Asked(number("from", from, region), number("to", to, region));
    }

    private static String number(String field, String typed, String region) {
        String text = Checks.requiredText(field, typed, 40);
        return PhoneNumbers.toE164(text, region)
                .orElseThrow(() -> BusinessException.invalid(field, "is not a valid phone number"));
    }
}
