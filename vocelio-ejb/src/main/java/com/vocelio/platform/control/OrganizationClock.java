package com.vocelio.platform.control;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * One tick of a timer that works per organization: one query across every organization (native SQL, which no tenant
 * filter sees) names those with work due, then each one's work runs as that organization in its own transaction, so
 * one organization's failure is not another's. Nothing escapes the timer — an EJB timer that throws is retried and
 * then cancelled, and this one must keep ticking through a database outage and pick up where it left off — and an
 * outage is logged once, with its end, not every second.
 */
public final class OrganizationClock {

    private final String work;
    private final Logger log;
    private boolean databaseAway; // ticks of one timer do not overlap

    /** @param work what the timer does, as the log names it ("Routing sweeps") */
    public OrganizationClock(String work, Logger log) {
        this.work = work;
        this.log = log;
    }

    /**
     * @param dueSql selects the ids (as text) of the organizations with work due
     * @param step the work of one organization, run with its tenant bound
     */
    public void tick(DataSource dataSource, String dueSql, CurrentTenant tenant, Supplier<?> step) {
        try {
            for (String organization : organizations(dataSource, dueSql)) {
                try {
                    tenant.runAs(organization, step);
                } catch (RuntimeException e) {
                    if (Failures.databaseUnavailable(e)) {
                        throw e;
                    }
                    log.log(Level.WARNING, work + " failed for organization " + organization, e);
                }
            }
            if (databaseAway) {
                databaseAway = false;
                log.info(work + " run again: the database is back");
            }
        } catch (SQLException | RuntimeException e) {
            if (!Failures.databaseUnavailable(e)) {
                log.log(Level.WARNING, work + ": cannot look for work due", e);
            } else if (!databaseAway) {
                databaseAway = true;
                log.warning(work + " paused: the database is not available (" + e.getMessage() + ")");
            }
        }
    }

    private static List<String> organizations(DataSource dataSource, String sql) throws SQLException {
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
