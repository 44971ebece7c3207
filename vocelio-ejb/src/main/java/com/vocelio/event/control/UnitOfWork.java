package com.vocelio.event.control;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Every call on the annotated boundary is one unit of work (see {@link UnitOfWorkInterceptor}): it runs in the
 * caller's organization, its entities' events reach their observers and the outbox in its transaction, and what it
 * wrote reaches the database before it returns, so a lost race or a database outage is reported by the boundary
 * itself. Without an organization nothing runs, unless the class says it learns the organization itself
 * ({@link BeforeSignIn}).
 */
@InterceptorBinding
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface UnitOfWork {

    /**
     * Marks a unit of work that starts before the caller has an organization (sign-in, registration): it learns the
     * organization from what was presented and binds the transaction itself; its events go to that organization.
     */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @interface BeforeSignIn {}
}
