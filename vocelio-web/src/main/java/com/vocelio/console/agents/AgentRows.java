package com.vocelio.console.agents;

import com.vocelio.agent.boundary.AgentFilter;
import com.vocelio.agent.boundary.Agents;
import com.vocelio.console.Filters;
import com.vocelio.platform.control.Clocks;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/** The agents table, one page at a time from the database through {@link Agents}, filtered as the API filters. */
public class AgentRows extends LazyDataModel<AgentRow> {

    private static final long serialVersionUID = 1L;

    private final Agents agents;
    private final Clock clock;

    AgentRows(Agents agents, Clock clock) {
        this.agents = agents;
        this.clock = clock;
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        return (int) agents.count(filter(filterBy));
    }

    @Override
    public List<AgentRow> load(
            int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        var now = Clocks.now(clock);
        return agents
                .page(filter(filterBy), Filters.sortField(sortBy), Filters.descending(sortBy), first, pageSize)
                .stream()
                .map(agent -> AgentRow.of(agent, now))
                .toList();
    }

    private static AgentFilter filter(Map<String, FilterMeta> filterBy) {
        return new AgentFilter(
                Filters.text(filterBy, "department"),
                Filters.text(filterBy, "status"),
                Filters.text(filterBy, "skills"),
                null);
    }

    @Override
    public String getRowKey(AgentRow row) {
        return row.agentId();
    }

    @Override
    public AgentRow getRowData(String rowKey) {
        return getWrappedData() == null
                ? null
                : getWrappedData().stream()
                        .filter(row -> row.agentId().equals(rowKey))
                        .findFirst()
                        .orElse(null);
    }
}
