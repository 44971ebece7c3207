package com.vocelio.platform.rest;

import com.vocelio.platform.control.LogContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The headers every response carries, whoever produced it: JAX-RS, the 401 for a token the authentication mechanism
 * refused, an error page, a refused WebSocket handshake. A browser that cannot read a 401 (no CORS headers) sees
 * a network error and never refreshes its token, so this runs as the first servlet filter on every dispatch, request
 * and error alike (mapped in web.xml, where the order is fixed).
 *
 * <p>API answers are never stored by a cache ({@code Cache-Control: no-store}): sign-in and refresh answers carry
 * tokens, others a caller's data.
 *
 * <p>{@code Strict-Transport-Security} is sent when {@code vocelio.http.hsts} ({@code VOCELIO_HTTP_HSTS}) gives its
 * value and the request came over TLS: to us, or to the proxy in front of us ({@code X-Forwarded-Proto: https}).
 * Browsers ignore it over plain HTTP, and a development machine without TLS must not be told to require it.
 *
 * <p>TRACE is refused here for every path (the container lets it through so that the refusal is JSON like every
 * other error): a servlet's default TRACE would echo the request, credentials included.
 *
 * <p>The portal runs on another origin and sends bearer tokens, never cookies, so any origin may call us. Preflights
 * are answered here, before anything else looks at them; the CallCenter preview reads the {@code Provider} and
 * {@code Voice-ID} response headers, so they are exposed.
 *
 * <p>Every answer carries the request's id ({@link RequestIds}: the caller's {@code X-Request-ID}, or a new one),
 * exposed to the browser too, and every line logged while the request runs here names it (its {@link LogContext}).
 */
public class ResponseHeadersFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    static final String ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
    static final String ALLOWED_HEADERS = "Authorization, Content-Type, Accept, X-Client-Version, X-Request-ID, "
            + "X-Service, X-Tenant-ID, X-Request-Source, Idempotency-Key, Last-Event-ID";
    static final String EXPOSED_HEADERS = "Provider, Voice-ID, Location, Retry-After, X-Request-ID";

    private String hsts;

    @Override
    public void init() {
        hsts = ConfigProvider.getConfig()
                .getOptionalValue("vocelio.http.hsts", String.class)
                .filter(value -> !value.isBlank())
                .orElse(null);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        // the organization is the authentication mechanism's to set: it runs before the filters
        String outerRequestId = RequestIds.enter(request);
        String outerOrganization = LogContext.organization();
        try {
            respond(request, response, chain);
        } finally {
            var dispatch = request.getDispatcherType();
            if (dispatch == DispatcherType.FORWARD || dispatch == DispatcherType.INCLUDE) {
                // inside the request's own dispatch, which goes on
                LogContext.requestId(outerRequestId);
                LogContext.organization(outerOrganization);
            } else {
                // the thread goes back to the pool: its next request is no longer this one
                LogContext.requestId(null);
                LogContext.organization(null);
            }
        }
    }

    private void respond(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader(RequestIds.HEADER, RequestIds.of(request));
        if (request.getDispatcherType() == DispatcherType.REQUEST
                && ("TRACE".equals(request.getMethod()) || "TRACK".equals(request.getMethod()))) {
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED); // never echo a request (cookies and all)
            return;
        }
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        if (hsts != null && (request.isSecure() || "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto")))) {
            response.setHeader("Strict-Transport-Security", hsts);
        }
        if (!request.getRequestURI().startsWith("/console/")) {
            // API answers are per caller and carry tokens, keys and secrets (sign-in, refresh, API keys, 2FA setup):
            // no cache, shared or private, keeps them; the console's static resources stay cacheable
            response.setHeader("Cache-Control", "no-store");
        }
        if (request.getHeader("Origin") != null) {
            response.setHeader("Access-Control-Allow-Origin", "*");
            response.setHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
            if (isPreflight(request)) {
                String requested = request.getHeader("Access-Control-Request-Headers");
                response.setHeader("Access-Control-Allow-Methods", ALLOWED_METHODS);
                response.setHeader(
                        "Access-Control-Allow-Headers",
                        requested == null || requested.isBlank() ? ALLOWED_HEADERS : requested);
                response.setHeader("Access-Control-Max-Age", "86400");
                response.setStatus(HttpServletResponse.SC_OK);
                response.setContentLength(0);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static boolean isPreflight(HttpServletRequest request) {
        return request.getDispatcherType() == DispatcherType.REQUEST
                && "OPTIONS".equals(request.getMethod())
                && request.getHeader("Access-Control-Request-Method") != null;
    }
}
