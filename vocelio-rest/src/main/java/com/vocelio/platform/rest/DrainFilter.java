package com.vocelio.platform.rest;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Counts the requests in progress for {@link Drain}, and while the node drains refuses new ones — API calls, socket
 * handshakes, {@code /health} alike — with {@code 503 shutting_down}, {@code Retry-After} and {@code Connection:
 * close}, so a client or load balancer retries on another node at once. Mapped in web.xml right after
 * {@link ResponseHeadersFilter} (the refusal carries CORS headers and the request id), on the REQUEST dispatch only:
 * a request is counted once, and an asynchronous one (a stream) stops counting when its handler returns.
 */
public class DrainFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    /** Seconds a refused client should wait before it tries again (another node answers at once). */
    static final String RETRY_AFTER = "1";

    static final String REFUSAL = "{\"success\":false,\"error\":\"This node is shutting down: try again\",\"message\":"
            + "\"This node is shutting down: try again\",\"code\":\"shutting_down\",\"details\":[]}";

    @Inject
    Drain drain;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!drain.enter()) {
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader("Retry-After", RETRY_AFTER);
            response.setHeader("Connection", "close");
            response.setContentType("application/json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write(REFUSAL);
            return;
        }
        try {
            chain.doFilter(request, response);
            // the answer's bytes leave before the drain may count it done; not a stream's (it goes on), nor an error
            // the container still renders as its error page (after the filters)
            if (!request.isAsyncStarted() && response.getStatus() < 400) {
                response.flushBuffer();
            }
        } finally {
            drain.exit();
        }
    }
}
