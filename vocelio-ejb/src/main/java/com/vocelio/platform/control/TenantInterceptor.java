package com.vocelio.platform.control;

import com.vocelio.event.control.Outbox;
import com.vocelio.event.entity.DomainEvent;
import com.vocelio.event.entity.DomainEvents;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * Hands the caller's organization to EclipseLink multitenancy on the transaction's entity manager, so that every
 * JPQL query, find, count and bulk update is filtered by {@code tenant_id} and every insert carries it. Native SQL
 * is not filtered: it must name {@code tenant_id} itself. The events the boundary's entities raise go to the outbox
 * in the same transaction (interceptors of a business method run in its transaction).
 */
@TenantAware
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class TenantInterceptor {

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Inject
    CurrentTenant tenant;

    @Inject
    Outbox outbox;

    @AroundInvoke
    Object inTenant(InvocationContext invocation) throws Exception {
        String tenantId = tenant.id();
        CurrentTenant.bind(em, tenantId);
        DomainEvents.begin();
        boolean ended = false;
        try {
            Object result = invocation.proceed();
            List<DomainEvent> events = DomainEvents.end();
            ended = true;
            if (!events.isEmpty()) {
                outbox.write(em, tenantId, events);
            }
            return result;
        } finally {
            if (!ended) {
                DomainEvents.end(); // the work failed: its transaction and its events are gone
            }
        }
    }
}
