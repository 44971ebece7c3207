package com.vocelio.contact.control;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber;
import com.vocelio.contact.entity.PhoneType;
import com.vocelio.platform.boundary.BusinessException;
import java.util.Optional;

/** Contact phone numbers: E.164 (the key a contact is known by), the kind of line, and the form people read. */
public final class PhoneLines {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    /** A number as stored: E.164 and the kind of line where the numbering plan tells it. */
    public record Line(String e164, PhoneType type) {}

    private PhoneLines() {}

    /**
     * Parses the text once: its E.164 form and its line type come from the same parse (an import reads a million of
     * these; parsing the E.164 text again for the type doubled libphonenumber's share of the run).
     */
    public static Optional<Line> read(String typed, String defaultRegion) {
        if (typed == null || typed.isBlank()) {
            return Optional.empty();
        }
        try {
            var number = UTIL.parse(typed, defaultRegion);
            return UTIL.isPossibleNumber(number)
                    ? Optional.of(new Line(UTIL.format(number, PhoneNumberFormat.E164), typeOf(number)))
                    : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** @throws BusinessException a 400 naming {@code field} when the text is no phone number */
    public static Line require(String field, String typed, String defaultRegion) {
        if (typed == null || typed.isBlank()) {
            throw BusinessException.invalid(field, "is required");
        }
        return read(typed, defaultRegion)
                .orElseThrow(() -> BusinessException.invalid(field, "is not a phone number: '" + typed + "'"));
    }

    /** {@code +1 555-123-0003} for {@code +15551230003}; the E.164 text itself when it cannot be parsed. */
    public static String formatted(String e164) {
        try {
            return UTIL.format(UTIL.parse(e164, null), PhoneNumberFormat.INTERNATIONAL);
        } catch (NumberParseException e) {
            return e164;
        }
    }

    private static PhoneType typeOf(Phonenumber.PhoneNumber number) {
        return switch (UTIL.getNumberType(number)) {
            case MOBILE -> PhoneType.MOBILE;
            case FIXED_LINE -> PhoneType.LANDLINE;
            case VOIP -> PhoneType.VOIP;
            case TOLL_FREE -> PhoneType.TOLL_FREE;
            default -> PhoneType.UNKNOWN; // FIXED_LINE_OR_MOBILE: most of North America
        };
    }
}
