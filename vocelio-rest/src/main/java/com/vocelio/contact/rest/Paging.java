package com.vocelio.contact.rest;

import com.vocelio.platform.boundary.BusinessException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code page} (from 1) and {@code limit} as query text, checked here so that {@code ?page=abc} is a 400 naming the
 * parameter rather than a 404 from JAX-RS.
 */
record Paging(int page, int limit) {

    static final int MAX_LIMIT = 500;

    static Paging of(String page, String limit, int defaultLimit) {
        return new Paging(number("page", page, 1, 1, 1_000_000), number("limit", limit, defaultLimit, 1, MAX_LIMIT));
    }

    int offset() {
        return (page - 1) * limit;
    }

    long pages(long total) {
        return (total + limit - 1) / limit;
    }

    /** The guide's {@code pagination} block. */
    Map<String, Object> block(long total) {
        var block = new LinkedHashMap<String, Object>();
        block.put("page", page);
        block.put("limit", limit);
        block.put("total", total);
        block.put("pages", pages(total));
        return block;
    }

    static int number(String field, String text, int absent, int min, int max) {
        if (text == null || text.isBlank()) {
            return absent;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value < min || value > max) {
                throw BusinessException.invalid(field, "must be between " + min + " and " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw BusinessException.invalid(field, "must be a whole number");
        }
    }

    /** {@code "true"}/{@code "false"} as the portal sends them; absent is {@code absent}. */
    static boolean flag(String field, String text, boolean absent) {
        if (text == null || text.isBlank()) {
            return absent;
        }
        return switch (text.strip()) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw BusinessException.invalid(field, "must be true or false");
        };
    }
}
