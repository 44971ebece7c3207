package com.vocelio.transfer.boundary;

import com.vocelio.event.control.UnitOfWork;
import com.vocelio.platform.control.CurrentTenant;
import com.vocelio.platform.control.Sql;
import com.vocelio.transfer.control.QueuePositions;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How transfers went over a period: outcomes, waits (average and 90th percentile, from queued to connected),
 * abandonment, service level (connected within the threshold, over connected and abandoned), per department, per
 * agent, and per hour for charts. Four aggregate queries, computed in PostgreSQL; and the floor's day so far
 * ({@link #today()}).
 */
@Stateless
@UnitOfWork
public class TransferAnalytics {

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Inject
    CurrentTenant tenant;

    @Inject
    @ConfigProperty(name = "vocelio.routing.service-level-threshold", defaultValue = "PT30S")
    Duration serviceLevelThreshold;

    @Inject
    @ConfigProperty(name = "vocelio.routing.default-handle-time", defaultValue = "PT3M")
    Duration defaultHandleTime;

    private static final String MEASURES =
            """
            count(*) as requested,
            count(*) filter (where t.status = 'completed') as completed,
            count(*) filter (where t.status = 'abandoned') as abandoned,
            count(*) filter (where t.status in ('queued', 'offered', 'connecting', 'connected')) as in_progress,
            count(*) filter (where t.overflowed_at is not null) as overflowed,
            coalesce(round(avg(extract(epoch from t.connected_at - t.queued_at))::numeric, 1), 0) as average_wait,
            coalesce(round((percentile_cont(0.9) within group (order by extract(epoch from t.connected_at - t.queued_at)))::numeric, 1), 0) as p90_wait,
            coalesce(round(100.0 * count(*) filter (where t.connected_at - t.queued_at <= ?3 * interval '1 second')
                / nullif(count(*) filter (where t.connected_at is not null or t.status = 'abandoned'), 0), 1), 100) as service_level,
            coalesce(round(100.0 * count(*) filter (where t.status = 'abandoned') / nullif(count(*), 0), 1), 0) as abandonment_rate
            """;

    private static final List<String> MEASURE_NAMES = List.of(
            "requested",
            "completed",
            "abandoned",
            "in_progress",
            "overflowed",
            "average_wait",
            "p90_wait",
            "service_level",
            "abandonment_rate");

    public Map<String, Object> report(Duration range) {
        var report = new LinkedHashMap<String, Object>();
        report.put("service_level_threshold_seconds", serviceLevelThreshold.toSeconds());
        report.put(
                "totals",
                rows("select " + MEASURES + " from transfers t" + WHERE, range, List.of())
                        .get(0));
        report.put(
                "departments",
                rows(
                        "select cast(d.id as text), d.name, " + MEASURES + " from transfers t join departments d"
                                + " on d.id = t.department_id" + WHERE + " group by d.id, d.name order by d.name",
                        range,
                        List.of("department_id", "department")));
        report.put(
                "agents",
                rows(
                        "select a.agent_id, a.name, " + MEASURES + ", coalesce(round(avg(extract(epoch from t.ended_at"
                                + " - t.connected_at)) filter (where t.status = 'completed')::numeric, 1), 0)"
                                + " from transfers t join agents a on a.id = t.agent_id" + WHERE
                                + " group by a.agent_id, a.name order by a.agent_id",
                        range,
                        List.of("agent_id", "name"),
                        "average_handle_time"));
        report.put(
                "hourly",
                rows(
                        "select to_char(date_trunc('hour', t.created_at), 'YYYY-MM-DD\"T\"HH24:00:00\"Z\"'), "
                                + MEASURES + " from transfers t" + WHERE
                                + " group by date_trunc('hour', t.created_at) order by 1",
                        range,
                        List.of("hour")));
        return report;
    }

    /**
     * The floor since midnight in the organization's time zone: per department and in total (the last row, no
     * department), transfers abandoned today, the service level of today's arrivals, and a newcomer's estimated wait
     * (as {@link Queues#board()} estimates it; in total the longest any department gives). One statement.
     */
    public List<Today> today() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Sql.of(em, TODAY)
                .setParameter(1, tenant.id())
                .setParameter(2, serviceLevelThreshold.toSeconds())
                .setParameter(3, defaultHandleTime.toSeconds())
                .getResultList();
        return rows.stream()
                .map(row -> new Today(
                        (String) row[0],
                        (String) row[1],
                        number(row[2]).longValue(),
                        number(row[3]).doubleValue(),
                        number(row[4]).longValue()))
                .toList();
    }

    /** A department's day (or the total's, with {@code departmentId} null). */
    public record Today(
            String departmentId,
            String department,
            long abandoned,
            double serviceLevelPercent,
            long estimatedWaitSeconds) {}

    private static final String TODAY =
            """
            with day as (select date_trunc('day', now() at time zone o.timezone) at time zone o.timezone as since
                         from organizations o where o.id = cast(?1 as uuid)),
            t as (select t.department_id,
                      count(*) filter (where t.status = 'abandoned' and t.ended_at >= day.since) abandoned,
                      count(*) filter (where t.queued_at >= day.since
                          and t.connected_at - t.queued_at <= ?2 * interval '1 second') in_time,
                      count(*) filter (where t.queued_at >= day.since
                          and (t.connected_at is not null or t.status = 'abandoned')) answered
                  from transfers t, day where t.tenant_id = cast(?1 as uuid)
                  and (t.queued_at >= day.since or t.ended_at >= day.since)
                  group by t.department_id),
            q as (select department_id, count(*) waiting from transfers
                  where tenant_id = cast(?1 as uuid) and status = 'queued' group by department_id),
            a as (select department_id, sum(max_concurrent_calls) capacity from agents
                  where tenant_id = cast(?1 as uuid) and status in ('available', 'busy', 'wrap_up')
                  group by department_id),
            e as (select d.id, d.name, coalesce(t.abandoned, 0) abandoned, coalesce(t.in_time, 0) in_time,
                      coalesce(t.answered, 0) answered,
                      ceil((coalesce(q.waiting, 0) + 1) * coalesce(h.handle, ?3)
                          / greatest(1, coalesce(a.capacity, 0))) estimate
                  from departments d
                  left join t on t.department_id = d.id
                  left join q on q.department_id = d.id
                  left join a on a.department_id = d.id
                  left join lateral (select avg(extract(epoch from ended_at - connected_at)) handle from (
                      select ended_at, connected_at from transfers
                      where tenant_id = d.tenant_id and department_id = d.id and status = 'completed'
                      and connected_at is not null order by ended_at desc limit %d) recent) h on true
                  where d.tenant_id = cast(?1 as uuid))
            select cast(id as text), name, abandoned,
                   coalesce(round(100.0 * in_time / nullif(answered, 0), 1), 100), estimate, 0 total
            from e
            union all
            select null, null, coalesce(sum(abandoned), 0),
                   coalesce(round(100.0 * sum(in_time) / nullif(sum(answered), 0), 1), 100),
                   coalesce(max(estimate), 0), 1
            from e
            order by 6, 2, 1"""
                    .formatted(QueuePositions.HANDLE_TIME_SAMPLE);

    /** On {@code queued_at} (a transfer's creation, never moved): the (tenant, queued_at) index bounds it to the range. */
    private static final String WHERE =
            " where t.tenant_id = cast(?1 as uuid) and t.queued_at >= now() - ?2 * interval '1 second'";

    private List<Map<String, Object>> rows(String sql, Duration range, List<String> keys, String... extra) {
        @SuppressWarnings("unchecked")
        List<Object[]> result = Sql.of(em, sql)
                .setParameter(1, tenant.id())
                .setParameter(2, range.toSeconds())
                .setParameter(3, serviceLevelThreshold.toSeconds())
                .getResultList();
        return result.stream()
                .map(row -> {
                    var map = new LinkedHashMap<String, Object>();
                    int i = 0;
                    for (String key : keys) {
                        map.put(key, row[i++]);
                    }
                    for (String name : MEASURE_NAMES) {
                        map.put(name, number(row[i++]));
                    }
                    for (String name : extra) {
                        map.put(name, number(row[i++]));
                    }
                    return (Map<String, Object>) map;
                })
                .toList();
    }

    /** Counts arrive as integers, rounded measures as numerics. */
    private static Number number(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal.doubleValue();
        }
        return value instanceof Number count ? count.longValue() : 0;
    }
}
