package com.vocelio.platform.rest;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The answer to a request whose path the container cannot take ({@link BadPaths}): {@link PathGuard} sends such a
 * request here, with the problem as the query, so that it passes the servlet filters like any other request and
 * leaves with the same headers (CORS, request id, {@code nosniff}). {@code 400 bad_path}, naming the problem; asked
 * for directly, it answers the same.
 */
@WebServlet(PathGuard.ANSWER_PATH)
public class BadPathServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String message = BadPaths.Problem.ofCode(request.getQueryString())
                .map(BadPaths.Problem::message)
                .orElse("the path is malformed");
        String error = "Bad path: " + message;
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        // the messages are our own constants: nothing to escape
        response.getWriter()
                .write("{\"success\":false,\"error\":\"" + error + "\",\"message\":\"" + error
                        + "\",\"code\":\"bad_path\",\"details\":[{\"field\":\"path\",\"message\":\"" + message
                        + "\"}]}");
    }
}
