package com.vocelio.console;

import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

/** What a PrimeFaces lazy table asks for, read as the plain values the boundaries take. */
public final class Filters {

    private Filters() {}

    /** The text of a column's filter, or null when it has none. */
    public static String text(Map<String, FilterMeta> filters, String field) {
        FilterMeta meta = filters == null ? null : filters.get(field);
        Object value = meta == null ? null : meta.getFilterValue();
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    /** The column the table is ordered by, or null. */
    public static String sortField(Map<String, SortMeta> sortBy) {
        return sortBy == null || sortBy.isEmpty()
                ? null
                : sortBy.values().iterator().next().getField();
    }

    public static boolean descending(Map<String, SortMeta> sortBy) {
        return sortBy != null
                && !sortBy.isEmpty()
                && sortBy.values().iterator().next().getOrder() == SortOrder.DESCENDING;
    }
}
