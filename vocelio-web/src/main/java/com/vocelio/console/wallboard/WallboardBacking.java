package com.vocelio.console.wallboard;

import com.vocelio.agent.boundary.Agents;
import com.vocelio.agent.entity.Agent;
import com.vocelio.agent.entity.AgentStatus;
import com.vocelio.analytics.boundary.ActivityReports;
import com.vocelio.console.Durations;
import com.vocelio.platform.control.Clocks;
import com.vocelio.transfer.boundary.Queues;
import com.vocelio.transfer.boundary.TransferAnalytics;
import com.vocelio.transfer.entity.QueueBoard;
import com.vocelio.transfer.entity.Transfer;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code console/wallboard.xhtml}: the organization's queues, agents and active transfers as they are now, read once
 * per render from the boundaries the API's queue status, live board and analytics use (today's abandoned transfers,
 * service level and the charts are of the organization's day so far). The page re-renders its board when
 * {@link WallboardFeed} pushes that it changed.
 */
@Named
@RequestScoped
public class WallboardBacking {

    static final int MAX_TRANSFERS = 200;

    @Inject
    Queues queues;

    @Inject
    Agents agents;

    @Inject
    TransferAnalytics analytics;

    @Inject
    ActivityReports reports;

    @Inject
    Clock clock;

    private QueueBoard board;
    private List<Row> rows;
    private Map<String, Long> agentsByStatus;
    private List<ActiveTransfer> transfers;
    private TransferAnalytics.Today today;
    private String outcomesChart;
    private String waitChart;
    private String serviceLevelChart;

    /** A department's line: the live board's queue with the service level of the queue status. */
    public record Row(
            String department,
            long waiting,
            String longestWait,
            String estimatedWait,
            long availableAgents,
            long busyAgents,
            String serviceLevel,
            long abandonedToday,
            Map<String, Long> agentStates) {}

    public record ActiveTransfer(
            String transferId,
            String callId,
            String department,
            String urgency,
            String status,
            String agent,
            String age) {}

    @PostConstruct
    void read() {
        board = queues.board();
        List<TransferAnalytics.Today> days = analytics.today(); // the departments, then the total
        Map<String, TransferAnalytics.Today> byDepartment = days.stream()
                .filter(d -> d.departmentId() != null)
                .collect(Collectors.toMap(TransferAnalytics.Today::departmentId, Function.identity()));
        today = days.get(days.size() - 1);
        Map<String, Long> busy = queues.status().stream()
                .collect(Collectors.toMap(Queues.Status::departmentId, Queues.Status::busyAgents));
        var states = agents.countByDepartmentAndStatus();
        rows = board.queues().stream()
                .map(q -> {
                    var day = byDepartment.get(q.departmentId());
                    return new Row(
                            q.department(),
                            q.queueLength(),
                            Durations.clock(q.longestWaitSeconds()),
                            Durations.clock(q.estimatedWaitSeconds()),
                            q.availableAgents(),
                            busy.getOrDefault(q.departmentId(), 0L),
                            day == null ? "" : percent(day.serviceLevelPercent()),
                            day == null ? 0 : day.abandoned(),
                            byWireName(states.getOrDefault(q.departmentId(), Map.of())));
                })
                .toList();
        agentsByStatus = byWireName(agents.countByStatus());
        OffsetDateTime now = Clocks.now(clock);
        transfers = queues.open(MAX_TRANSFERS).stream().map(t -> active(t, now)).toList();
        outcomesChart = WallboardCharts.outcomes(reports.transfersPerHourToday());
        waitChart = WallboardCharts.averageWait(reports.averageWaitPerHourToday());
        serviceLevelChart = WallboardCharts.serviceLevel(reports.serviceLevelPerHourToday());
    }

    /** Every status, in the enum's order, zero where none is in it: the page shows the same columns for all. */
    private static Map<String, Long> byWireName(Map<AgentStatus, Long> counts) {
        var named = new LinkedHashMap<String, Long>();
        for (AgentStatus status : AgentStatus.values()) {
            named.put(status.wireName(), counts.getOrDefault(status, 0L));
        }
        return named;
    }

    private static ActiveTransfer active(Transfer t, OffsetDateTime now) {
        return new ActiveTransfer(
                t.transferId(),
                t.call().callId(),
                t.department().name(),
                t.urgency().wireName(),
                t.status().wireName(),
                t.agent().map(Agent::name).orElse(""),
                Durations.clock(Duration.between(t.queuedAt(), now).toSeconds()));
    }

    private static String percent(double value) {
        return Math.round(value) + " %";
    }

    public QueueBoard getBoard() {
        return board;
    }

    public List<Row> getRows() {
        return rows;
    }

    public Map<String, Long> getAgentsByStatus() {
        return agentsByStatus;
    }

    public List<ActiveTransfer> getTransfers() {
        return transfers;
    }

    public long getAbandonedToday() {
        return today.abandoned();
    }

    public String getServiceLevel() {
        return percent(today.serviceLevelPercent());
    }

    public String getEstimatedWait() {
        return Durations.clock(today.estimatedWaitSeconds());
    }

    /** Chart.js configurations as JSON, for {@code p:chart}. */
    public String getOutcomesChart() {
        return outcomesChart;
    }

    public String getWaitChart() {
        return waitChart;
    }

    public String getServiceLevelChart() {
        return serviceLevelChart;
    }

    public List<String> getAgentStatuses() {
        return List.copyOf(agentsByStatus.keySet());
    }

    public String getLongestWait() {
        return Durations.clock(board.queues().stream()
                .mapToLong(QueueBoard.Queue::longestWaitSeconds)
                .max()
                .orElse(0));
    }
}
