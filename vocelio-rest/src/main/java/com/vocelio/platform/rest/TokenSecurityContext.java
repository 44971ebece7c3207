package com.vocelio.platform.rest;

import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * JAX-RS's {@code SecurityContext} speaks for the caller's token: its principal is the token and its roles are the
 * token's groups, whatever role mapping the application server applies. Set before anything else looks at it, from
 * the token the authentication mechanism verified (a request attribute: cheaper than asking Jakarta Security again).
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class TokenSecurityContext implements ContainerRequestFilter {

    /** The request attribute where the authentication mechanism leaves the token it verified. */
    public static final String TOKEN_ATTRIBUTE = "com.vocelio.token";

    @Context
    HttpServletRequest http;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!(http.getAttribute(TOKEN_ATTRIBUTE) instanceof JsonWebToken token)) {
            return;
        }
        boolean secure = request.getSecurityContext().isSecure();
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return token;
            }

            @Override
            public boolean isUserInRole(String role) {
                return token.getGroups().contains(role);
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return "Bearer";
            }
        });
    }
}
