package com.vocelio.console.calls;

import com.vocelio.analytics.boundary.CallLogs;
import com.vocelio.console.Messages;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.transfer.boundary.Transfers;
import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.primefaces.component.datatable.DataTable;

/**
 * {@code console/calls/index.xhtml}: the organization's calls, paged in the database through {@link CallLogs} with
 * the API's filters (the API's {@code GET /api/calls/logs} reads the same), exported as the table shows them, and one
 * call's transfer history as a timeline, read through {@link Transfers#history} as the API's transfer-history is.
 */
@Named
@ViewScoped
public class CallLogsBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    CallLogs logs;

    @Inject
    Transfers transfers;

    private final CallLogFilter filter = new CallLogFilter();
    private CallLogRows rows;
    private String historyOf;
    private List<TimelineEntry> timeline = List.of();

    @PostConstruct
    void init() {
        rows = new CallLogRows(logs, filter.copy());
    }

    /**
     * The table shows the form's filters from its first page on, once the API's rules accept them; a refused value is
     * said next to its field and the table stays as it was.
     */
    public void apply() {
        var applied = filter.copy();
        try {
            applied.query(1, 1);
        } catch (BusinessException refused) {
            Messages.refusal("calls", refused);
            return;
        }
        rows = new CallLogRows(logs, applied);
        var table = (DataTable) FacesContext.getCurrentInstance().getViewRoot().findComponent("calls:table");
        if (table != null) {
            table.reset(); // back to the first page
        }
    }

    /** Reads the clicked call's transfers for the history dialog. */
    public void showHistory(String callId) {
        historyOf = callId;
        try {
            timeline = TimelineEntry.of(transfers.history(callId));
        } catch (BusinessException refused) {
            timeline = List.of();
            Messages.refusal("history", refused);
        }
    }

    public CallLogFilter getFilter() {
        return filter;
    }

    public CallLogRows getRows() {
        return rows;
    }

    public String getHistoryOf() {
        return historyOf;
    }

    public List<TimelineEntry> getTimeline() {
        return timeline;
    }

    public List<String> getDateRanges() {
        return List.of("1day", "7days", "30days", "90days");
    }

    public List<String> getStatuses() {
        return List.of("completed", "transferred", "missed", "abandoned", "failed");
    }
}
