package com.vocelio.department.control;

import java.util.Map;
import java.util.Optional;

/**
 * One page of a department listing, paged in the database: those whose name contains {@code nameContains} (any case)
 * and, when given, whose activity is {@code active}, ordered by {@code sortBy} (a key of {@link #SORTABLE}; by name
 * otherwise), from row {@code first}, at most {@code size} rows.
 */
public record DepartmentPage(
        String nameContains, Boolean active, String sortBy, boolean descending, int first, int size) {

    /** The columns a listing may be ordered by, and the attribute each one is. */
    static final Map<String, String> SORTABLE = Map.of(
            "name", "name",
            "phoneNumber", "phoneNumber",
            "active", "active",
            "createdAt", "createdAt",
            "updatedAt", "updatedAt");

    public DepartmentPage {
        first = Math.max(0, first);
        size = Math.max(1, Math.min(size, 500));
    }

    String sortAttribute() {
        return Optional.ofNullable(sortBy).map(SORTABLE::get).orElse("name");
    }
}
