package com.vocelio.call.boundary;

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
 * Every second, finds the organizations with simulated calls due to move and steps each in its own transaction.
 * Safe on many nodes: the step takes rows with SKIP LOCKED.
 */
@Singleton
public class SimulatorClock {

    private static final Logger LOG = Logger.getLogger(SimulatorClock.class.getName());

    @Resource(lookup = SchemaMigrator.DATASOURCE)
    DataSource dataSource;

    @Inject
    SimulatedCalls calls;

    @Inject
    CurrentTenant tenant;

    /** Whether the last tick found the database away: an outage is logged once, not every second. */
    private boolean databaseAway;

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void tick() {
        try {
            for (String organization : organizationsWithCallsDue()) {
                try {
                    tenant.runAs(organization, calls::step);
                } catch (RuntimeException e) {
                    if (Failures.databaseUnavailable(e)) {
                        throw e;
                    }
                    LOG.log(Level.WARNING, "Simulated calls did not move for organization " + organization, e);
                }
            }
            databaseAway = false;
        } catch (SQLException | RuntimeException e) {
            // never out of the timer: it keeps ticking through an outage
            if (!Failures.databaseUnavailable(e)) {
                LOG.log(Level.WARNING, "Cannot look for simulated calls due", e);
            } else if (!databaseAway) {
                databaseAway = true;
                LOG.warning("Simulated calls paused: the database is not available (" + e.getMessage() + ")");
            }
        }
    }

    private List<String> organizationsWithCallsDue() throws SQLException {
        String sql = "select distinct cast(tenant_id as text) from calls where next_step_at <= now()"
                + " and provider = 'simulated'";
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
