package com.vocelio.platform.rest;

import com.vocelio.platform.boundary.BusinessException;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * At most {@code vocelio.ratelimit.requests-per-minute} requests per caller (the token's user, else the client
 * address) per minute on each node; beyond that 429 with Retry-After until the minute turns. A fixed window: cheap
 * on the hot path, one map lookup and one increment.
 */
@Provider
@Priority(Priorities.AUTHORIZATION + 10)
public class RateLimit implements ContainerRequestFilter {

    private static final int MAX_TRACKED_CALLERS = 100_000;
    private static final ConcurrentHashMap<String, Window> WINDOWS = new ConcurrentHashMap<>();

    @Inject
    @ConfigProperty(name = "vocelio.ratelimit.requests-per-minute", defaultValue = "6000")
    int perMinute;

    @Inject
    ClientAddress address;

    @Context
    HttpServletRequest http;

    @Override
    public void filter(ContainerRequestContext request) {
        if (perMinute <= 0) {
            return;
        }
        var principal = request.getSecurityContext().getUserPrincipal();
        String caller = principal != null ? "user:" + principal.getName() : "address:" + address.of(http);
        long minute = System.currentTimeMillis() / 60_000;
        if (WINDOWS.size() > MAX_TRACKED_CALLERS) {
            WINDOWS.values().removeIf(w -> w.minute < minute);
        }
        var window = WINDOWS.compute(
                caller, (key, current) -> current == null || current.minute != minute ? new Window(minute) : current);
        if (window.count.incrementAndGet() > perMinute) {
            long retryAfter = 60 - (System.currentTimeMillis() / 1000) % 60;
            throw BusinessException.tooManyRequests(
                    "Rate limit of " + perMinute + " requests per minute exceeded", retryAfter);
        }
    }

    private static final class Window {
        final long minute;
        final AtomicInteger count = new AtomicInteger();

        Window(long minute) {
            this.minute = minute;
        }
    }
}
