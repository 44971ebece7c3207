package com.vocelio.platform.control;

import com.vocelio.platform.boundary.BusinessException;
import jakarta.json.JsonValue;
import java.util.UUID;

/** The small input rules every entity shares; each failure names the field in the caller's words. */
public final class Checks {

    private Checks() {}

    /**
     * A body's flag, absent or null meaning false. JSON-B would read {@code "yes"} as false; a flag that is not a JSON
     * boolean is a mistake worth a 400.
     */
    public static boolean flag(String field, JsonValue value) {
        if (value == null || value == JsonValue.NULL || value == JsonValue.FALSE) {
            return false;
        }
        if (value == JsonValue.TRUE) {
            return true;
        }
        throw BusinessException.invalid(field, "must be true or false");
    }

    public static String requiredText(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw BusinessException.invalid(field, "is required");
        }
        return optionalText(field, value, max);
    }

    /** @return the trimmed text, or "" for none: the portal crashes on null strings */
    public static String optionalText(String field, String value, int max) {
        String trimmed = value == null ? "" : value.strip();
        if (trimmed.length() > max) {
            throw BusinessException.invalid(field, "must be at most " + max + " characters");
        }
        return trimmed;
    }

    public static int within(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw BusinessException.invalid(field, "must be between " + min + " and " + max);
        }
        return value;
    }

    /** Ids are UUIDs; anything else cannot name a row (and must not reach a uuid column). */
    public static boolean isUuid(String value) {
        if (value == null || value.length() != 36) {
            return false;
        }
        try {
            return UUID.fromString(value).toString().equalsIgnoreCase(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
