package com.vocelio.platform.control;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Every call on the annotated boundary runs in the caller's organization (see {@link TenantInterceptor}) as one
 * {@link UnitOfWork}.
 */
@InterceptorBinding
@UnitOfWork
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface TenantAware {}
