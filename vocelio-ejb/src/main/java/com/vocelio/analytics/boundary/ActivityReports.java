package com.vocelio.analytics.boundary;

import com.vocelio.analytics.entity.Activity;
import com.vocelio.analytics.entity.Window;
import com.vocelio.event.control.UnitOfWork;
import com.vocelio.platform.control.CurrentTenant;
import com.vocelio.platform.control.Sql;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How busy the organization was over windows of time, counted from its calls and transfers: calls started, transfers
 * requested and completed, the average wait from request to a human; and the calls live now. Every window is
 * answered by one statement, whatever their number, from the calls' and transfers' time indexes.
 */
@Stateless
@UnitOfWork
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class ActivityReports {

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Inject
    CurrentTenant tenant;

    @Inject
    @ConfigProperty(name = "vocelio.routing.service-level-threshold", defaultValue = "PT30S")
    Duration serviceLevelThreshold;

    /** The activity in each window, by the window's name, in the order given. */
    public Map<String, Activity> over(List<Window> windows) {
        var sql = new StringBuilder("with w(name, since, until) as (");
        var parameters = new ArrayList<Object>();
        parameters.add(tenant.id());
        for (int i = 0; i < windows.size(); i++) {
            int at = parameters.size() + 1;
            sql.append(i == 0 ? "" : " union all ")
                    .append("select cast(?%d as text), cast(?%d as timestamptz), cast(?%d as timestamptz)"
                            .formatted(at, at + 1, at + 2));
            parameters.add(windows.get(i).name());
            parameters.add(windows.get(i).since().toString());
            parameters.add(windows.get(i).until().toString());
        }
        sql.append(
                """
                )
                select w.name,
                       (select count(*) from calls c where c.tenant_id = cast(?1 as uuid)
                            and c.started_at >= w.since and c.started_at < w.until),
                       t.requested, t.completed, t.average_wait,
                       (select count(*) from calls c where c.tenant_id = cast(?1 as uuid)
                            and c.status in ('ringing', 'active', 'on_hold', 'transferring', 'connected'))
                from w left join lateral (
                    select count(*) requested, count(*) filter (where status = 'completed') completed,
                           coalesce(round(avg(extract(epoch from connected_at - queued_at))
                               filter (where connected_at is not null), 1), 0) average_wait
                    from transfers where tenant_id = cast(?1 as uuid) and queued_at >= w.since and queued_at < w.until
                ) t on true""");
        var query = Sql.of(em, sql.toString());
        for (int i = 0; i < parameters.size(); i++) {
            query.setParameter(i + 1, parameters.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        var activity = new LinkedHashMap<String, Activity>();
        for (Object[] row : rows) {
            activity.put(
                    (String) row[0],
                    new Activity(
                            number(row[1]),
                            number(row[2]),
                            number(row[3]),
                            ((Number) row[4]).doubleValue(),
                            number(row[5])));
        }
        return activity;
    }

    /**
     * Calls started per bucket ({@code hour} or {@code day}) over the last {@code period}, oldest first, every bucket
     * present (zero included): a chart's series.
     */
    public List<Map.Entry<Instant, Long>> callsPer(String bucket, Duration period) {
        String unit = "hour".equals(bucket) ? "hour" : "day";
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Sql.of(
                        em,
                        """
                        select to_char(b at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), count(c.id)
                        from generate_series(date_trunc('%1$s', now() - ?2 * interval '1 second'),
                                             now(), interval '1 %1$s') b
                        left join calls c on c.tenant_id = cast(?1 as uuid)
                             and c.started_at >= b and c.started_at < b + interval '1 %1$s'
                        group by b order by b"""
                                .formatted(unit))
                .setParameter(1, tenant.id())
                .setParameter(2, period.toSeconds())
                .getResultList();
        return rows.stream()
                .map(row -> Map.entry(Instant.parse((String) row[0]), number(row[1])))
                .toList();
    }

    /** One hour of today's transfers, by the hour they were requested, labelled in the organization's time zone. */
    public record TransferHour(String hour, long completed, long abandoned, long otherwiseEnded, long open) {}

    /**
     * Transfers requested in each hour of today so far (the organization's day), by outcome; every hour present
     * (zero included): a chart's series. One statement.
     */
    public List<TransferHour> transfersPerHourToday() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Sql.of(
                        em,
                        HOURS_TODAY
                                + """
                                select h.label, count(t.id) filter (where t.status = 'completed'),
                                       count(t.id) filter (where t.status = 'abandoned'),
                                       count(t.id) filter (where t.status in ('canceled', 'failed')),
                                       count(t.id) filter (where t.status in ('queued', 'offered', 'connecting', 'connected'))
                                from h left join transfers t on t.tenant_id = cast(?1 as uuid)
                                     and t.queued_at >= h.since and t.queued_at < h.since + interval '1 hour'
                                group by h.since, h.label order by h.since""")
                .setParameter(1, tenant.id())
                .getResultList();
        return rows.stream()
                .map(row -> new TransferHour(
                        (String) row[0], number(row[1]), number(row[2]), number(row[3]), number(row[4])))
                .toList();
    }

    /**
     * The average wait, request to a human, in seconds, of the transfers requested in each hour of today that reached
     * one; every hour present (zero when none did). One statement.
     */
    public List<Map.Entry<String, Double>> averageWaitPerHourToday() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Sql.of(
                        em,
                        HOURS_TODAY
                                + """
                                select h.label, coalesce(round(avg(extract(epoch from t.connected_at - t.queued_at)), 1), 0)
                                from h left join transfers t on t.tenant_id = cast(?1 as uuid)
                                     and t.queued_at >= h.since and t.queued_at < h.since + interval '1 hour'
                                     and t.connected_at is not null
                                group by h.since, h.label order by h.since""")
                .setParameter(1, tenant.id())
                .getResultList();
        return rows.stream()
                .map(row -> Map.entry((String) row[0], ((Number) row[1]).doubleValue()))
                .toList();
    }

    /** An hour's service level; {@code percent} is null for an hour whose transfers none was answered or abandoned. */
    public record ServiceLevelHour(String hour, Double percent) {}

    /**
     * The service level of the transfers requested in each hour of today (as the wallboard's "service level today":
     * reached a human within the threshold, over those that reached one or were abandoned); every hour present. One
     * statement.
     */
    public List<ServiceLevelHour> serviceLevelPerHourToday() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Sql.of(
                        em,
                        HOURS_TODAY
                                + """
                                select h.label,
                                       round(100.0 * count(t.id) filter (
                                                 where t.connected_at - t.queued_at <= ?2 * interval '1 second')
                                             / nullif(count(t.id) filter (
                                                 where t.connected_at is not null or t.status = 'abandoned'), 0), 1)
                                from h left join transfers t on t.tenant_id = cast(?1 as uuid)
                                     and t.queued_at >= h.since and t.queued_at < h.since + interval '1 hour'
                                group by h.since, h.label order by h.since""")
                .setParameter(1, tenant.id())
                .setParameter(2, serviceLevelThreshold.toSeconds())
                .getResultList();
        return rows.stream()
                .map(row ->
                        new ServiceLevelHour((String) row[0], row[1] == null ? null : ((Number) row[1]).doubleValue()))
                .toList();
    }

    /** The hours of the organization's today so far: their start and their "HH:00" label in its time zone. */
    private static final String HOURS_TODAY =
            """
            with h as (select b as since, to_char(b at time zone o.timezone, 'HH24:00') as label
                       from organizations o,
                            generate_series(date_trunc('day', now() at time zone o.timezone) at time zone o.timezone,
                                            now(), interval '1 hour') b
                       where o.id = cast(?1 as uuid))
            """;

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
