package com.vocelio.platform.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * The portal runs on another origin and sends bearer tokens, never cookies, so any origin may call us. Preflights
 * are answered here for every path; the CallCenter preview reads the {@code Provider} and {@code Voice-ID}
 * response headers, so they are exposed.
 */
@Provider
@PreMatching
public class CorsFilter implements ContainerRequestFilter, ContainerResponseFilter {

    static final String ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
    static final String ALLOWED_HEADERS = "Authorization, Content-Type, Accept, X-Client-Version, X-Request-ID, "
            + "X-Service, X-Tenant-ID, X-Request-Source, Idempotency-Key";
    static final String EXPOSED_HEADERS = "Provider, Voice-ID, Location, Retry-After";

    @Override
    public void filter(ContainerRequestContext request) {
        if ("OPTIONS".equals(request.getMethod()) && request.getHeaderString("Access-Control-Request-Method") != null) {
            request.abortWith(Response.ok().build());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getHeaderString("Origin") == null) {
            return;
        }
        var headers = response.getHeaders();
        headers.putSingle("Access-Control-Allow-Origin", "*");
        headers.putSingle("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        if ("OPTIONS".equals(request.getMethod())) {
            String requested = request.getHeaderString("Access-Control-Request-Headers");
            headers.putSingle("Access-Control-Allow-Methods", ALLOWED_METHODS);
            headers.putSingle(
                    "Access-Control-Allow-Headers",
                    requested == null || requested.isBlank() ? ALLOWED_HEADERS : requested);
            headers.putSingle("Access-Control-Max-Age", "86400");
        }
    }
}
