package com.vocelio.console;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /console} and {@code /console/} open the wallboard (exact mappings win over the Faces servlet's
 * {@code /console/*}, which has no view for them).
 */
@WebServlet({"/console", "/console/"})
public class ConsoleHomeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + ConsolePaths.HOME);
    }
}
