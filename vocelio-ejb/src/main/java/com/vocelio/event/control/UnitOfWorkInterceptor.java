package com.vocelio.event.control;

import com.vocelio.event.entity.DomainEvent;
import com.vocelio.event.entity.DomainEvents;
import com.vocelio.platform.control.CurrentTenant;
import com.vocelio.platform.control.Failures;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * A boundary call as one unit of work, in its transaction (interceptors of a business method run in it):
 *
 * <ol>
 *   <li>binds the transaction's entity manager to the caller's organization, so EclipseLink filters every JPQL
 *       query, find, count and bulk update by {@code tenant_id} and fills it on every insert (native SQL is not
 *       filtered: it names {@code tenant_id} itself);
 *   <li>collects the events the call's entities raise, hands each to its in-process observers (which may raise more,
 *       collected the same way), and writes them all to the outbox; a failed call drops them with its transaction;
 *   <li>in the outermost call of a transaction, flushes before returning, so a version clash, a unique key taken a
 *       moment ago or a dropped connection fails inside the call, where {@link Failures} turns it into a 409
 *       {@code concurrent_update} or a 503 {@code database_unavailable} instead of an EJB system error at commit.
 * </ol>
 */
@UnitOfWork
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class UnitOfWorkInterceptor {

    /** Marks a transaction whose outermost boundary call is already on the stack. */
    private static final Object OWNED = new Object();

    /** Observers raising events that make observers raise events: a loop, not a chain of consequences. */
    private static final int MAX_ROUNDS = 8;

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    CurrentTenant tenant;

    @Inject
    Outbox outbox;

    @Inject
    Event<DomainEvent> observers;

    @AroundInvoke
    Object inUnitOfWork(InvocationContext invocation) throws Exception {
        boolean outermost = claimTransaction();
        try {
            Object result = signsIn(invocation) ? invocation.proceed() : inTenant(invocation, tenant.id());
            if (outermost) {
                em.flush();
            }
            return result;
        } catch (Exception e) {
            var known = Failures.classify(e);
            if (known.isPresent()) {
                known.get().addSuppressed(e); // the driver's words stay in the log of whoever logs it
                throw known.get();
            }
            throw e;
        }
    }

    private Object inTenant(InvocationContext invocation, String tenantId) throws Exception {
        CurrentTenant.bind(em, tenantId);
        DomainEvents.begin();
        boolean ended = false;
        try {
            Object result = invocation.proceed();
            List<DomainEvent> raised = DomainEvents.end();
            ended = true;
            if (!raised.isEmpty()) {
                outbox.write(em, tenantId, observe(raised));
            }
            return result;
        } finally {
            if (!ended) {
                DomainEvents.end(); // the work failed: its transaction and its events are gone
            }
        }
    }

    /**
     * Hands the typed events (those an observer tells apart by type; {@link DomainEvent#of} ones only go out) to
     * their observers, after a flush since observers query the database.
     *
     * @return the raised events followed by those their observers raised, in the order they happened
     */
    private List<DomainEvent> observe(List<DomainEvent> raised) {
        if (raised.stream().allMatch(DomainEvent.Announced.class::isInstance)) {
            return raised;
        }
        em.flush();
        List<DomainEvent> all = new ArrayList<>(raised);
        List<DomainEvent> round = raised;
        for (int i = 0; i < MAX_ROUNDS && !round.isEmpty(); i++) {
            DomainEvents.begin();
            try {
                for (DomainEvent event : round) {
                    if (!(event instanceof DomainEvent.Announced)) {
                        observers.fire(event);
                    }
                }
            } finally {
                round = DomainEvents.end();
            }
            all.addAll(round);
        }
        return all;
    }

    private static boolean signsIn(InvocationContext invocation) {
        return invocation.getMethod().getDeclaringClass().isAnnotationPresent(UnitOfWork.BeforeSignIn.class);
    }

    private boolean claimTransaction() {
        if (transactions.getTransactionKey() == null
                || transactions.getTransactionStatus() != Status.STATUS_ACTIVE
                || transactions.getResource(OWNED) != null) {
            return false;
        }
        transactions.putResource(OWNED, Boolean.TRUE);
        return true;
    }
}
