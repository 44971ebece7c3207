package com.vocelio.call.boundary;

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
 * Every second, finds the organizations with simulated calls due to move or agents' legs due to ring out, and steps
 * each in its own transactions (the calls', then the legs'). Safe on many nodes: both take rows with SKIP LOCKED.
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

    private final OrganizationClock clock = new OrganizationClock("Simulated calls", LOG);

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void tick() {
        clock.tick(
                dataSource,
                "select distinct cast(tenant_id as text) from calls where (next_step_at <= now()"
                        + " or agent_leg_ends_at <= now()) and provider = 'simulated'",
                tenant,
                () -> calls.step() + calls.agentLegs());
    }
}
