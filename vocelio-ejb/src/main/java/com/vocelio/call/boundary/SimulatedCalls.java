package com.vocelio.call.boundary;

import com.vocelio.call.control.CallEndings;
import com.vocelio.call.control.SimulatedTelephony;
import com.vocelio.call.entity.Call;
import com.vocelio.event.control.UnitOfWork;
import com.vocelio.platform.control.Clocks;
import com.vocelio.platform.control.CurrentTenant;
import com.vocelio.platform.control.Sql;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;

/**
 * The simulated network's timers for one organization: every simulated call whose next step is due moves one step
 * (rows taken with SKIP LOCKED, so nodes share the work and a call a request holds is moved on the next tick), with
 * the same events a provider's callbacks would cause.
 */
@Stateless
@UnitOfWork
public class SimulatedCalls {

    static final int BATCH = 200;

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Inject
    CurrentTenant tenant;

    @Inject
    SimulatedTelephony simulator;

    @Inject
    CallEndings endings;

    @Inject
    Clock clock;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int step() {
        @SuppressWarnings("unchecked")
        List<String> due = Sql.of(
                        em,
                        """
                        select cast(id as text) from calls where tenant_id = cast(?1 as uuid) and provider = 'simulated'
                        and next_step_at <= now() order by next_step_at limit ?2 for update skip locked""")
                .setParameter(1, tenant.id())
                .setParameter(2, BATCH)
                .getResultList();
        var now = Clocks.now(clock);
        for (String id : due) {
            var call = em.find(Call.class, id);
            boolean wasLive = call.status().isLive();
            simulator.step(call, now);
            endings.after(call, wasLive);
        }
        return due.size();
    }
}
