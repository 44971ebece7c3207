package com.vocelio.platform.control;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Ends a boundary's work inside the boundary: the outermost boundary call of a transaction (the one that began it,
 * or the first to run in it) flushes before it returns, after {@link TenantInterceptor} wrote its events. A version
 * clash, a unique key taken a moment ago or a dropped connection then fails here, inside the call, where
 * {@link Failures} turns it into a 409 {@code concurrent_update} or a 503 {@code database_unavailable} business
 * exception, instead of failing the commit after the call as an EJB system error with a stack trace and a 500.
 * Runs outside {@link TenantInterceptor} (lower priority number: called first).
 */
@UnitOfWork
@Interceptor
@Priority(Interceptor.Priority.APPLICATION - 10)
public class UnitOfWorkInterceptor {

    /** Marks a transaction whose outermost boundary call is already on the stack. */
    private static final Object OWNED = new Object();

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @AroundInvoke
    Object inUnitOfWork(InvocationContext invocation) throws Exception {
        boolean outermost = claimTransaction();
        try {
            Object result = invocation.proceed();
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
