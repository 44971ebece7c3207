package com.vocelio.transfer.boundary;

import com.vocelio.agent.entity.Agent;
import com.vocelio.department.entity.Department;
import com.vocelio.event.control.UnitOfWork;
import com.vocelio.platform.control.Clocks;
import com.vocelio.platform.control.CurrentTenant;
import com.vocelio.platform.control.Sql;
import com.vocelio.transfer.control.Dispatcher;
import com.vocelio.transfer.control.TransferMetrics;
import com.vocelio.transfer.entity.Transfer;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The timers of routing, driven by the database so any node may run them (rows are taken with SKIP LOCKED): offers
 * past their reservation time go back to the queue (a missed offer counts against the agent), wrap-ups that are
 * over put agents back on the floor, and transfers waiting past their department's threshold overflow. Then the
 * touched departments dispatch, and so does any department where someone waits while an agent is free (a decline's
 * cool-down ended, a trigger was missed). One organization per transaction.
 */
@Stateless
@UnitOfWork
public class RoutingSweeps {

    static final int BATCH = 200;

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Inject
    CurrentTenant tenant;

    @Inject
    Dispatcher dispatcher;

    @Inject
    Clock clock;

    @Inject
    TransferMetrics metrics;

    @Inject
    @ConfigProperty(name = "vocelio.routing.max-missed-offers", defaultValue = "3")
    int maxMissedOffers;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int sweep() {
        String tenantId = tenant.id();
        Map<String, Department> touched = new LinkedHashMap<>();
        for (String id : ids(
                """
                select cast(id as text) from transfers where tenant_id = cast(?1 as uuid) and status = 'offered'
                and offer_expires_at <= now() order by offer_expires_at limit ?2 for update skip locked""",
                tenantId)) {
            var transfer = em.find(Transfer.class, id);
            transfer.expire(maxMissedOffers, Clocks.now(clock));
            metrics.expired();
            touched.put(transfer.department().id(), transfer.department());
        }
        for (String id : ids(
                """
                select cast(id as text) from agents where tenant_id = cast(?1 as uuid) and status = 'wrap_up'
                and wrap_up_until <= now() limit ?2 for update skip locked""",
                tenantId)) {
            var agent = em.find(Agent.class, id);
            agent.endWrapUp(Clocks.now(clock));
            touched.put(agent.department().id(), agent.department());
        }
        for (String id : ids(
                """
                select cast(t.id as text) from transfers t join departments d on d.id = t.department_id
                where t.tenant_id = cast(?1 as uuid) and t.status = 'queued' and t.overflowed_at is null
                and d.overflow_department_id is not null
                and t.queued_at <= now() - d.overflow_after_seconds * interval '1 second'
                order by t.queued_at limit ?2 for update of t skip locked""",
                tenantId)) {
            var transfer = em.find(Transfer.class, id);
            var target = em.find(
                    Department.class,
                    transfer.department().overflowDepartmentId().orElseThrow());
            transfer.overflowTo(target, Clocks.now(clock));
            touched.put(target.id(), target);
        }
        em.flush();
        // a safety net for every trigger: departments where someone waits and someone is free
        for (String id : ids(
                """
                select distinct cast(a.department_id as text) from agents a
                where a.tenant_id = cast(?1 as uuid) and a.status = 'available'
                and a.active_calls < a.max_concurrent_calls and exists (select 1 from transfers t
                    where t.tenant_id = a.tenant_id and t.department_id = a.department_id and t.status = 'queued')
                limit ?2""",
                tenantId)) {
            touched.computeIfAbsent(id, key -> em.find(Department.class, key));
        }
        touched.values().forEach(dispatcher::dispatch);
        return touched.size();
    }

    @SuppressWarnings("unchecked")
    private List<String> ids(String sql, String tenantId) {
        return (List<String>)
                Sql.of(em, sql).setParameter(1, tenantId).setParameter(2, BATCH).getResultList();
    }
}
