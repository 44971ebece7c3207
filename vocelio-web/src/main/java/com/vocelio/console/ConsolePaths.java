package com.vocelio.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Where the console lives, what of it anyone may fetch, and how a request is sent to sign-in. */
final class ConsolePaths {

    static final String ROOT = "/console";
    static final String SIGN_IN = ROOT + "/sign-in.xhtml";
    static final String HOME = ROOT + "/wallboard.xhtml";
    static final String ERROR = ROOT + "/error.xhtml";
    static final String RESOURCES = ROOT + "/jakarta.faces.resource/";

    private ConsolePaths() {}

    /** The request's path inside the application. */
    static String of(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    static boolean isConsole(String path) {
        return path.equals(ROOT) || path.startsWith(ROOT + "/");
    }

    /** The sign-in and error pages and the scripts and styles they need. */
    static boolean isPublic(String path) {
        return path.equals(SIGN_IN) || path.equals(ERROR) || path.startsWith(RESOURCES);
    }

    /** A path that would name a template or configuration file as a view. */
    static boolean isHidden(String path) {
        String upper = path.toUpperCase(java.util.Locale.ROOT);
        return upper.contains("/WEB-INF") || upper.contains("/META-INF");
    }

    static boolean isResource(String path) {
        return path.startsWith(RESOURCES);
    }

    /**
     * Sends the browser to the sign-in page: a redirect, or for a Faces Ajax request (a PrimeFaces table paging, a
     * dialog's save) the partial response that makes the page's script navigate there, since a 302 would only
     * confuse it.
     */
    static void toSignIn(HttpServletRequest request, HttpServletResponse response, boolean expired) throws IOException {
        String target = request.getContextPath() + SIGN_IN + (expired ? "?expired=true" : "");
        if ("partial/ajax".equals(request.getHeader("Faces-Request"))) {
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType("text/xml");
            response.setCharacterEncoding("UTF-8");
            response.getWriter()
                    .write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\"" + target
                            + "\"/></partial-response>");
            return;
        }
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", target);
    }
}
