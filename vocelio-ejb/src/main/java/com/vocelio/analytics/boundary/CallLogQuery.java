package com.vocelio.analytics.boundary;

import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.Periods;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * The Call Logs screen's filters (contract C7): a 1-based page, a page size, a date range (1day, 7days, 30days,
 * 90days), an outcome (completed, transferred, missed, abandoned, failed), whether a transfer happened, and free text
 * matched against call ids and phone numbers. Checked on construction.
 */
public record CallLogQuery(int page, int limit, Duration range, String status, Boolean hasTransfer, String search) {

    public static final int MAX_LIMIT = 200;
    private static final Set<String> STATUSES = Set.of("completed", "transferred", "missed", "abandoned", "failed");

    public static CallLogQuery of(
            Integer page, Integer limit, String dateRange, String status, String hasTransfer, String search) {
        int p = page == null ? 1 : page;
        int l = limit == null ? 25 : limit;
        if (p < 1) {
            throw BusinessException.invalid("page", "must be 1 or more");
        }
        if (l < 1 || l > MAX_LIMIT) {
            throw BusinessException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        Duration range = Periods.parse("date_range", dateRange);
        String outcome =
                status == null || status.isBlank() ? null : status.strip().toLowerCase(Locale.ROOT);
        if (outcome != null && !STATUSES.contains(outcome)) {
            throw BusinessException.invalid(
                    "status", "must be one of: completed, transferred, missed, abandoned, failed");
        }
        Boolean transferred = null;
        if (hasTransfer != null && !hasTransfer.isBlank()) {
            if (!hasTransfer.equalsIgnoreCase("true") && !hasTransfer.equalsIgnoreCase("false")) {
                throw BusinessException.invalid("has_transfer", "must be true or false");
            }
            transferred = Boolean.parseBoolean(hasTransfer);
        }
        String text = search == null || search.isBlank() ? null : search.strip();
        if (text != null && text.length() > 100) {
            throw BusinessException.invalid("search", "must be at most 100 characters");
        }
        return new CallLogQuery(p, l, range, outcome, transferred, text);
    }
}
