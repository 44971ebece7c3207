package com.vocelio.console.calls;

import com.vocelio.analytics.boundary.CallLogQuery;
import java.io.Serializable;

/**
 * The call logs form's filters, as the API's query parameters take them ({@code date_range}, {@code status},
 * {@code has_transfer}, {@code search}); {@link CallLogQuery} checks them, so the page refuses what the API refuses.
 */
public class CallLogFilter implements Serializable {

    private static final long serialVersionUID = 1L;

    private String dateRange = "7days";
    private String status;
    private String hasTransfer;
    private String search;

    /** Checked: a value the API would answer 400 for is a refusal naming its field. */
    CallLogQuery query(int page, int limit) {
        return CallLogQuery.of(page, limit, dateRange, status, hasTransfer, search);
    }

    CallLogFilter copy() {
        var copy = new CallLogFilter();
        copy.dateRange = dateRange;
        copy.status = status;
        copy.hasTransfer = hasTransfer;
        copy.search = search;
        return copy;
    }

    public String getDateRange() {
        return dateRange;
    }

    public void setDateRange(String dateRange) {
        this.dateRange = dateRange;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getHasTransfer() {
        return hasTransfer;
    }

    public void setHasTransfer(String hasTransfer) {
        this.hasTransfer = hasTransfer;
    }

    public String getSearch() {
        return search;
    }

    public void setSearch(String search) {
        this.search = search;
    }
}
