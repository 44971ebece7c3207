package com.vocelio.console.calls;

import com.vocelio.analytics.boundary.CallLogQuery;
import com.vocelio.analytics.boundary.CallLogs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * The call logs table, one page at a time from the database through {@link CallLogs} (the API's page), newest first,
 * with the filters last applied ({@link CallLogFilter}). The API pages by page number and at most {@link CallLogQuery#MAX_LIMIT}
 * rows: a table page is one such page, and an export of every row reads them page after page.
 */
public class CallLogRows extends LazyDataModel<CallLogRow> {

    private static final long serialVersionUID = 1L;

    private final CallLogs logs;
    private final CallLogFilter filter;

    CallLogRows(CallLogs logs, CallLogFilter filter) {
        this.logs = logs;
        this.filter = filter;
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        return (int) logs.find(filter.query(1, 1)).total();
    }

    @Override
    public List<CallLogRow> load(
            int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        int limit = Math.max(1, Math.min(pageSize, CallLogQuery.MAX_LIMIT));
        while (first % limit != 0) {
            limit--; // the API's pages must tile the rows asked for
        }
        var rows = new ArrayList<CallLogRow>();
        for (int page = first / limit + 1; rows.size() < pageSize; page++) {
            var found = logs.find(filter.query(page, limit));
            found.calls()
                    .forEach(call -> rows.add(
                            CallLogRow.of(call, found.transfers().getOrDefault(call.id(), List.of()), found.at())));
            if (found.calls().size() < limit) {
                break;
            }
        }
        return rows.size() > pageSize ? rows.subList(0, pageSize) : rows;
    }

    @Override
    public String getRowKey(CallLogRow row) {
        return row.callId();
    }

    @Override
    public CallLogRow getRowData(String rowKey) {
        return getWrappedData() == null
                ? null
                : getWrappedData().stream()
                        .filter(row -> row.callId().equals(rowKey))
                        .findFirst()
                        .orElse(null);
    }
}
