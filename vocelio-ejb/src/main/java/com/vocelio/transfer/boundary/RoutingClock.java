package com.vocelio.transfer.boundary;

import com.vocelio.platform.boundary.SchemaMigrator;
import com.vocelio.platform.control.CurrentTenant;
import com.vocelio.platform.control.Failures;
import jakarta.annotation.Resource;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Every second, finds the organizations with routing work due (expired offers, finished wrap-ups, overflows, a
 * waiting call beside a free agent) and
 * sweeps each in its own transaction. Safe on many nodes: the sweep itself takes rows with SKIP LOCKED.
 */
@Singleton
public class RoutingClock {

    private static final Logger LOG = Logger.getLogger(RoutingClock.class.getName());

    @Resource(lookup = SchemaMigrator.DATASOURCE)
    DataSource dataSource;

    @Inject
    RoutingSweeps sweeps;

    @Inject
    CurrentTenant tenant;

    /** Whether the last tick found the database away: an outage is logged once, not every second. */
    private boolean databaseAway;

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void tick() {
        try {
            for (String organization : organizationsWithWorkDue()) {
                try {
                    tenant.runAs(organization, sweeps::sweep);
                } catch (RuntimeException e) {
                    if (Failures.databaseUnavailable(e)) {
                        throw e;
                    }
                    LOG.log(Level.WARNING, "Routing sweep failed for organization " + organization, e);
                }
            }
            if (databaseAway) {
                databaseAway = false;
                LOG.info("Routing sweeps run again: the database is back");
            }
        } catch (SQLException | RuntimeException e) {
            // never out of the timer: it must keep ticking through an outage and pick up where it left off
            if (!Failures.databaseUnavailable(e)) {
                LOG.log(Level.WARNING, "Cannot look for routing work", e);
            } else if (!databaseAway) {
                databaseAway = true;
                LOG.warning("Routing sweeps paused: the database is not available (" + e.getMessage() + ")");
            }
        }
    }

    private List<String> organizationsWithWorkDue() throws SQLException {
        String sql =
                """
                select cast(tenant_id as text) from transfers where status = 'offered' and offer_expires_at <= now()
                union
                select cast(tenant_id as text) from agents where status = 'wrap_up' and wrap_up_until <= now()
                union
                select cast(t.tenant_id as text) from transfers t join departments d on d.id = t.department_id
                where t.status = 'queued' and t.overflowed_at is null and d.overflow_department_id is not null
                and t.queued_at <= now() - d.overflow_after_seconds * interval '1 second'
                union
                select cast(t.tenant_id as text) from transfers t join agents a
                on a.department_id = t.department_id and a.tenant_id = t.tenant_id
                where t.status = 'queued' and a.status = 'available' and a.active_calls < a.max_concurrent_calls""";
        var organizations = new ArrayList<String>();
        try (var connection = dataSource.getConnection();
                var statement = connection.prepareStatement(sql);
                var rows = statement.executeQuery()) {
            while (rows.next()) {
                organizations.add(rows.getString(1));
            }
        }
        return organizations;
    }
}
