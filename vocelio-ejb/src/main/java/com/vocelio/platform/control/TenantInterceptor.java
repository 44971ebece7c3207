package com.vocelio.platform.control;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Hands the caller's organization to EclipseLink multitenancy on the transaction's entity manager, so that every
 * JPQL query, find, count and bulk update is filtered by {@code tenant_id} and every insert carries it. Native SQL
 * is not filtered: it must name {@code tenant_id} itself.
 */
@TenantAware
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class TenantInterceptor {

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Inject
    CurrentTenant tenant;

    @AroundInvoke
    Object inTenant(InvocationContext invocation) throws Exception {
        CurrentTenant.bind(em, tenant.id());
        return invocation.proceed();
    }
}
