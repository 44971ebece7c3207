package com.vocelio.transfer.boundary;

import com.vocelio.platform.boundary.SchemaMigrator;
import com.vocelio.platform.control.CurrentTenant;
import com.vocelio.platform.control.OrganizationClock;
import jakarta.annotation.Resource;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
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

    private final OrganizationClock clock = new OrganizationClock("Routing sweeps", LOG);

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void tick() {
        clock.tick(dataSource, WORK_DUE, tenant, sweeps::sweep);
    }

    /**
     * Expired offers, finished wrap-ups, overflows due, and a waiting call beside a free agent. The last two start
     * from the few rows (departments that overflow, free agents) and probe the queue's indexes, so the question costs
     * the same with 50,000 waiting as with none.
     */
    private static final String WORK_DUE =
            """
                select cast(tenant_id as text) from transfers where status = 'offered' and offer_expires_at <= now()
                union
                select cast(tenant_id as text) from agents where status = 'wrap_up' and wrap_up_until <= now()
                union
                select cast(d.tenant_id as text) from departments d
                where d.overflow_department_id is not null and exists (select 1 from transfers t
                    where t.tenant_id = d.tenant_id and t.department_id = d.id and t.status = 'queued'
                    and t.overflowed_at is null and t.queued_at <= now() - d.overflow_after_seconds * interval '1 second')
                union
                select cast(a.tenant_id as text) from agents a
                where a.status = 'available' and a.active_calls < a.max_concurrent_calls and exists (select 1
                    from transfers t where t.tenant_id = a.tenant_id and t.department_id = a.department_id
                    and t.status = 'queued')""";
}
