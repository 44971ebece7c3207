package com.vocelio.platform.rest;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Objects;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Payara's MicroProfile Metrics, OpenAPI and Health ({@code /metrics}, {@code /openapi}, {@code /mp-health}), which
 * {@code VOCELIO_METRICS_ENABLED=true} turns on, are servlets Payara adds to the application deployed at the root
 * context, this one, and answer anyone who reaches the port. They tell what runs and how busy it is, so only a caller
 * that sends {@code vocelio.metrics.token} ({@code VOCELIO_METRICS_TOKEN}) as a bearer token sees them (Prometheus:
 * {@code authorization: {credentials: <token>}}); anyone else gets a JSON 401. Without a configured token the paths
 * are refused as absent (404), whatever turned the endpoints on.
 *
 * <p>Mapped in web.xml by URL pattern, so the container decides what is guarded on the same decoded, normalized path
 * it dispatches on ({@code /%6detrics} and {@code /metrics;x} are guarded too). The bearer mechanism leaves these
 * paths alone ({@link #guards}): the metrics token is no access token, and it would refuse it.
 */
public class MetricsTokenFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    /** The guarded paths; web.xml maps the filter to each and to everything below it. */
    static final List<String> PATHS = List.of("/metrics", "/openapi", "/mp-health");

    private byte[] tokenDigest;

    @Override
    public void init() {
        tokenDigest = ConfigProvider.getConfig()
                .getOptionalValue("vocelio.metrics.token", String.class)
                .map(String::strip)
                .filter(token -> !token.isEmpty())
                .map(MetricsTokenFilter::digest)
                .orElse(null);
    }

    /**
     * Whether the request is for a path this filter guards (the decoded path the container mapped). The OpenAPI
     * browser's page and files ({@link OpenApiUiServlet}) are not: a browser opens them without a token, and they
     * fetch the document with it.
     */
    public static boolean guards(HttpServletRequest request) {
        String path = request.getServletPath() + Objects.toString(request.getPathInfo(), "");
        return PATHS.stream().anyMatch(guarded -> under(path, guarded)) && !under(path, OpenApiUiServlet.PATH);
    }

    private static boolean under(String path, String folder) {
        return path.equals(folder) || path.startsWith(folder + "/");
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!guards(request)) {
            chain.doFilter(request, response);
            return;
        }
        if (tokenDigest == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String header = request.getHeader("Authorization");
        if (header != null
                && header.regionMatches(true, 0, "Bearer ", 0, 7)
                // digests of equal length, compared in constant time: neither the token nor its length leaks
                && MessageDigest.isEqual(tokenDigest, digest(header.substring(7).strip()))) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("WWW-Authenticate", "Bearer realm=\"metrics\"");
        response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
