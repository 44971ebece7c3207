package com.vocelio.console;

import com.vocelio.identity.rest.BearerTokenMechanism;
import com.vocelio.platform.rest.TokenSecurityContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * The application's one authentication mechanism (Jakarta Security 3 allows one per application): the API's bearer
 * tokens everywhere, and under {@code /console/} the form sign-in kept in the HTTP session ({@link ConsoleSessions}).
 * Its caller is the same verified access token an API caller presents, so the boundaries see the same principal,
 * organization and role either way. A console page asked for without a sign-in (never signed in, timed out,
 * signed out, revoked) sends the browser to the sign-in page; the sign-in and error pages and their resources are
 * open to all.
 *
 * <p>It replaces {@link BearerTokenMechanism} by being an enabled alternative of it, so the API's part stays where
 * the API is.
 */
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
@ApplicationScoped
public class ConsoleAuthenticationMechanism extends BearerTokenMechanism {

    @Inject
    ConsoleSessions sessions;

    /** What a browser sends to pages; anything else never reaches the sign-in redirect. */
    private static final Set<String> PAGE_METHODS = Set.of("GET", "HEAD", "POST");

    @Override
    public AuthenticationStatus validateRequest(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        String path = ConsolePaths.of(request);
        if (!ConsolePaths.isConsole(path)) {
            return super.validateRequest(request, response, context);
        }
        if (!PAGE_METHODS.contains(request.getMethod())) {
            return context.doNothing(); // TRACE and the like are refused as JSON by the filters, not sent to sign-in
        }
        if (ConsolePaths.isHidden(path)) {
            return context.responseNotFound(); // templates are not pages
        }
        if (!ConsolePaths.isResource(path)) {
            response.setHeader("Cache-Control", "no-store"); // a signed-out browser's back button shows nothing
            // no page of the console may be framed (clickjacking); CSP's frame-ancestors 'none' comes with
            // PrimeFaces' policy (primefaces.CSP_POLICY in web.xml), this for browsers that predate it
            response.setHeader("X-Frame-Options", "DENY");
        }
        var caller = sessions.caller(request);
        if (caller.isPresent()) {
            request.setAttribute(TokenSecurityContext.TOKEN_ATTRIBUTE, caller.get());
            return context.notifyContainerAboutLogin(caller.get(), caller.get().getGroups());
        }
        if (ConsolePaths.isPublic(path)) {
            return context.doNothing();
        }
        try {
            ConsolePaths.toSignIn(request, response, ConsoleSessions.hadSession(request));
        } catch (IOException browserGone) {
            throw new UncheckedIOException(browserGone);
        }
        return AuthenticationStatus.SEND_CONTINUE;
    }
}
