package com.vocelio.platform.control;

import com.vocelio.platform.boundary.BusinessException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The reporting periods the portal offers: 1day, 7days (the default), 30days, 90days; and the omnichannel hub's
 * spelling of them (1h, 24h, 7d, 30d, 90d).
 */
public final class Periods {

    private static final Map<String, Duration> PERIODS = Map.of(
            "1h",
            Duration.ofHours(1),
            "1day",
            Duration.ofDays(1),
            "24h",
            Duration.ofDays(1),
            "7days",
            Duration.ofDays(7),
            "7d",
            Duration.ofDays(7),
            "30days",
            Duration.ofDays(30),
            "30d",
            Duration.ofDays(30),
            "90days",
            Duration.ofDays(90),
            "90d",
            Duration.ofDays(90));

    private Periods() {}

    public static Duration parse(String field, String value) {
        return parse(field, value, "7days");
    }

    public static Duration parse(String field, String value, String absent) {
        String name = value == null || value.isBlank() ? absent : value.strip().toLowerCase(Locale.ROOT);
        Duration period = PERIODS.get(name);
        if (period == null) {
            throw BusinessException.invalid(
                    field, "must be one of: 1h, 1day (24h), 7days (7d), 30days (30d), 90days (90d)");
        }
        return period;
    }
}
