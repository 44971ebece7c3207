package com.vocelio.transfer.control;

import com.vocelio.platform.boundary.SchemaMigrator;
import com.vocelio.platform.control.Metrics;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Every organization's queues, as gauges per department: how many transfers wait and how long the oldest has waited.
 * Read when {@code /metrics} is scraped, all departments of all organizations in one statement (over the partial
 * index of waiting transfers), at most once a second however many gauges a scrape reads; never on a request. A
 * department's gauges appear from the scrape after the one that first found it, and go when it is deleted.
 */
// an EJB started after the schema, not a CDI bean observing Startup: on a full server the EAR's datasource (defined
// by an EJB) is not yet bound when CDI's Startup event fires
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class QueueGauges {

    private static final Logger LOG = Logger.getLogger(QueueGauges.class.getName());
    static final String WAITING = "vocelio.queue.waiting";
    static final String LONGEST = "vocelio.queue.longest.wait";
    static final String DEPARTMENTS = "vocelio.queue.departments";
    private static final long FRESH_NANOS = 1_000_000_000L;

    private static final String SQL =
            """
            select cast(d.tenant_id as text), cast(d.id as text), d.name, coalesce(q.waiting, 0), coalesce(q.longest, 0)
            from departments d left join (
                select tenant_id, department_id, count(*) waiting,
                       extract(epoch from now() - min(queued_at)) longest
                from transfers where status = 'queued' group by tenant_id, department_id) q
            on q.tenant_id = d.tenant_id and q.department_id = d.id""";

    /** One department's queue; the key is its gauges' identity. */
    record Queue(String organizationId, String departmentId, String name, long waiting, double longestSeconds) {
        Tag[] tags() {
            return new Tag[] {
                new Tag("organization_id", organizationId),
                new Tag("department_id", departmentId),
                new Tag("department", name)
            };
        }

        String key() {
            return departmentId + '\n' + name; // a renamed department is another series
        }
    }

    @Inject
    Metrics metrics;

    @Resource(lookup = SchemaMigrator.DATASOURCE)
    DataSource dataSource;

    private Map<String, Queue> queues = Map.of(); // guarded by this
    private long readAt;

    @PostConstruct
    void register() {
        metrics.gauge(DEPARTMENTS, "Departments whose queues are reported", MetricUnits.NONE, () -> now().size());
    }

    private synchronized Map<String, Queue> now() {
        if (readAt != 0 && System.nanoTime() - readAt < FRESH_NANOS) {
            return queues;
        }
        Map<String, Queue> read = new HashMap<>();
        try (var connection = dataSource.getConnection();
                var statement = connection.prepareStatement(SQL);
                var rows = statement.executeQuery()) {
            while (rows.next()) {
                var queue = new Queue(
                        rows.getString(1), rows.getString(2), rows.getString(3), rows.getLong(4), rows.getDouble(5));
                read.put(queue.key(), queue);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot read the queues for /metrics: " + e.getMessage());
            return queues; // the last figures; the next scrape tries again
        }
        for (Queue gone : queues.values()) {
            if (!read.containsKey(gone.key())) {
                metrics.remove(WAITING, gone.tags());
                metrics.remove(LONGEST, gone.tags());
            }
        }
        for (Queue queue : read.values()) {
            if (!queues.containsKey(queue.key())) {
                String key = queue.key();
                metrics.gauge(
                        WAITING,
                        "Transfers waiting in the department's queue",
                        MetricUnits.NONE,
                        () -> now().getOrDefault(key, queue).waiting(),
                        queue.tags());
                metrics.gauge(
                        LONGEST,
                        "How long the department's oldest waiting transfer has waited",
                        MetricUnits.SECONDS,
                        () -> now().getOrDefault(key, queue).longestSeconds(),
                        queue.tags());
            }
        }
        queues = Map.copyOf(read);
        readAt = System.nanoTime();
        return queues;
    }
}
