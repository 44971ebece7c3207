package com.vocelio.contact.boundary;

import com.vocelio.contact.control.ContactTallies;
import com.vocelio.platform.boundary.SchemaMigrator;
import com.vocelio.platform.control.CurrentTenant;
import com.vocelio.platform.control.OrganizationClock;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every five seconds, finds the organizations with an import whose run stopped beating (its node died, or it never
 * started) or with many unfolded contact tallies, and sweeps each in its own transaction ({@link
 * ContactImportSweeps}): an import is resumed whether or not anyone polls it. Safe on many nodes: the sweep takes
 * jobs with SKIP LOCKED and a run claims its job with a conditional update.
 */
@Singleton
public class ContactImportClock {

    private static final Logger LOG = Logger.getLogger(ContactImportClock.class.getName());

    @Resource(lookup = SchemaMigrator.DATASOURCE)
    DataSource dataSource;

    @Inject
    ContactImportSweeps sweeps;

    @Inject
    CurrentTenant tenant;

    @Inject
    @ConfigProperty(name = "vocelio.contacts.import.stale-after", defaultValue = "PT60S")
    Duration staleAfter;

    private final OrganizationClock clock = new OrganizationClock("Contact import sweeps", LOG);
    private String workDue;

    @PostConstruct
    void due() {
        workDue = "select cast(tenant_id as text) from contact_imports where status in ('pending', 'processing')"
                + " and coalesce(heartbeat_at, created_at) < now() - interval '" + staleAfter.toMillis()
                + " milliseconds'"
                + " union select cast(tenant_id as text) from contact_tallies group by tenant_id having count(*) > "
                + ContactTallies.FOLD_PAST;
    }

    @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void tick() {
        clock.tick(dataSource, workDue, tenant, sweeps::sweep);
    }
}
