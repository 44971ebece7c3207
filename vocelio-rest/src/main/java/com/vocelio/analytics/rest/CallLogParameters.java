package com.vocelio.analytics.rest;

import com.vocelio.analytics.boundary.CallLogQuery;
import jakarta.ws.rs.QueryParam;

/** The Call Logs screen's query parameters (contract C7), declared once for both paths that serve the screen. */
public class CallLogParameters {

    @QueryParam("page")
    Integer page;

    @QueryParam("limit")
    Integer limit;

    @QueryParam("date_range")
    String dateRange;

    @QueryParam("status")
    String status;

    @QueryParam("has_transfer")
    String hasTransfer;

    @QueryParam("search")
    String search;

    /** Checked: a parameter out of range is a 400 naming it. */
    public CallLogQuery query() {
        return CallLogQuery.of(page, limit, dateRange, status, hasTransfer, search);
    }
}
