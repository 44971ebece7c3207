package com.vocelio.platform.rest;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * What the container answers by itself (a token MicroProfile JWT rejects before JAX-RS runs, a path it guards such
 * as {@code /WEB-INF/}, a method it refuses, an error outside JAX-RS), in the one JSON error shape instead of
 * Payara's HTML page. Wired as the error page of every status in web.xml; {@link ResponseHeadersFilter} runs on the
 * error dispatch too, so these answers carry CORS headers like any other.
 */
@WebServlet("/errors")
public class ErrorServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value && value >= 400 ? value : 404;
        String[] error =
                switch (status) {
                    case 400 -> new String[] {"bad_request", "Bad request: the request line or headers are malformed"};
                    case 401 -> new String[] {"unauthenticated", "Sign in: this needs a valid access token"};
                    case 403 -> new String[] {"forbidden", "Your role may not do this"};
                    case 404 -> new String[] {"not_found", "No such resource"};
                    case 405 -> new String[] {"method_not_allowed", "Method not allowed"};
                    case 406 -> new String[] {"not_acceptable", "This endpoint answers application/json only"};
                    case 408 -> new String[] {"request_timeout", "The request took too long to arrive"};
                    case 411 -> new String[] {"length_required", "Send a Content-Length with the body"};
                    case 413 -> new String[] {"payload_too_large", "Request body is too large"};
                    case 414 -> new String[] {"uri_too_long", "The request URI is too long"};
                    case 415 -> new String[] {"unsupported_media_type", "Send the body as application/json"};
                    case 429 -> new String[] {"rate_limited", "Too many requests: slow down"};
                    case 431 -> new String[] {"headers_too_large", "The request headers are too large"};
                    case 501 -> new String[] {"not_implemented", "Method not implemented"};
                    case 503 -> new String[] {"unavailable", "Service unavailable: try again shortly"};
                    default ->
                        status < 500
                                ? new String[] {"bad_request", "Bad request"}
                                : new String[] {"internal_error", "Internal error"};
                };
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter()
                .write("{\"success\":false,\"error\":\"" + error[1] + "\",\"message\":\"" + error[1] + "\",\"code\":\""
                        + error[0] + "\",\"details\":[]}");
    }
}
