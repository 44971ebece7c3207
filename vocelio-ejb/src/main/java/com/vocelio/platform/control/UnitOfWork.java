package com.vocelio.platform.control;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The annotated boundary's transaction is one unit of work (see {@link UnitOfWorkInterceptor}): what it wrote
 * reaches the database before it returns, so a lost race or a database outage is reported by the boundary itself.
 * Every {@link TenantAware} boundary is one; boundaries that run before an organization is known (sign-in) carry
 * this alone.
 */
@InterceptorBinding
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface UnitOfWork {}
