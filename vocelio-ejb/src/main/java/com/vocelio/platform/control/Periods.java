package com.vocelio.platform.control;

import com.vocelio.platform.boundary.BusinessException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** The reporting periods the portal offers: 1day, 7days (the default), 30days, 90days. */
public final class Periods {

    private static final Map<String, Duration> PERIODS = Map.of(
            "1day",
            Duration.ofDays(1),
            "7days",
            Duration.ofDays(7),
            "30days",
            Duration.ofDays(30),
            "90days",
            Duration.ofDays(90));

    private Periods() {}

    public static Duration parse(String field, String value) {
        String name = value == null || value.isBlank() ? "7days" : value.strip().toLowerCase(Locale.ROOT);
        Duration period = PERIODS.get(name);
        if (period == null) {
            throw BusinessException.invalid(field, "must be one of: 1day, 7days, 30days, 90days");
        }
        return period;
    }
}
