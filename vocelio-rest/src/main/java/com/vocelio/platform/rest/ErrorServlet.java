package com.vocelio.platform.rest;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * What the container answers by itself (a token MicroProfile JWT rejects before JAX-RS runs, an error outside
 * JAX-RS), in the one JSON error shape instead of Payara's HTML page. Wired as the error page in web.xml.
 */
@WebServlet("/errors")
public class ErrorServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value ? value : 500;
        String[] error =
                switch (status) {
                    case 401 -> new String[] {"unauthenticated", "Sign in: this needs a valid access token"};
                    case 403 -> new String[] {"forbidden", "Your role may not do this"};
                    case 404 -> new String[] {"not_found", "No such resource"};
                    case 405 -> new String[] {"method_not_allowed", "Method not allowed"};
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
