package com.vocelio.platform.control;

import com.vocelio.platform.boundary.SchemaMigrator;
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
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The application's database connections as PostgreSQL sees them, by state, all nodes together (the pools' connections
 * are named {@code vocelio}, the event relays' {@code vocelio-events}). Payara reports no use of a pool defined by
 * {@code @DataSourceDefinition} (its pool metrics cover only pools configured in the domain), so this is what there is
 * of pool use: active against {@code nodes × 48} (the pool's maximum). One query per scrape, at most once a second.
 */
// an EJB started after the schema, not a CDI bean observing Startup: on a full server the EAR's datasource (defined
// by an EJB) is not yet bound when CDI's Startup event fires
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DatabaseGauges {

    private static final Logger LOG = Logger.getLogger(DatabaseGauges.class.getName());
    private static final List<String> STATES = List.of("active", "idle", "idle_in_transaction");
    private static final long FRESH_NANOS = 1_000_000_000L;

    @Inject
    Metrics metrics;

    @Resource(lookup = SchemaMigrator.DATASOURCE)
    DataSource dataSource;

    private Map<String, Long> connections = Map.of(); // guarded by this
    private long readAt;

    @PostConstruct
    void register() {
        for (String state : STATES) {
            metrics.gauge(
                    "vocelio.db.connections",
                    "The application's pooled database connections, all nodes, by state (pg_stat_activity)",
                    MetricUnits.NONE,
                    () -> now().getOrDefault(state, 0L),
                    new Tag("state", state));
        }
        metrics.gauge(
                "vocelio.db.pool.max",
                "The most connections this node's pool opens",
                MetricUnits.NONE,
                () -> SchemaMigrator.MAX_POOL_SIZE);
    }

    private synchronized Map<String, Long> now() {
        if (readAt != 0 && System.nanoTime() - readAt < FRESH_NANOS) {
            return connections;
        }
        try (var connection = dataSource.getConnection();
                var statement =
                        connection.prepareStatement("select replace(state, ' ', '_'), count(*) from pg_stat_activity"
                                + " where datname = current_database() and application_name = 'vocelio'"
                                + " group by state");
                var rows = statement.executeQuery()) {
            var read = new java.util.HashMap<String, Long>();
            while (rows.next()) {
                read.put(String.valueOf(rows.getString(1)), rows.getLong(2));
            }
            connections = Map.copyOf(read);
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot read the database connections for /metrics: " + e.getMessage());
        }
        readAt = System.nanoTime();
        return connections;
    }
}
