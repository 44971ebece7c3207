package com.vocelio.identity.rest;

import com.vocelio.identity.control.AccessTokens;
import com.vocelio.platform.control.LogContext;
import com.vocelio.platform.rest.MetricsTokenFilter;
import com.vocelio.platform.rest.RequestIds;
import com.vocelio.platform.rest.TokenSecurityContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Authenticates every request that carries {@code Authorization: Bearer <access token>}: the container's caller is
 * then the verified token ({@link com.vocelio.identity.control.VerifiedToken}, a MicroProfile JWT
 * {@code JsonWebToken}) with its {@code groups} as roles. A token that fails verification is a 401 at once (the JSON
 * error page answers it); no token, or {@code Bearer } with nothing after it (the portal sends that), is an anonymous
 * request, which the role checks refuse where a role is needed.
 *
 * <p>This replaces Payara's MicroProfile JWT mechanism, which verified the same token with RSA and re-read its key and
 * configuration on every request: {@link AccessTokens#verify} checks a token once and remembers it until it expires.
 */
@ApplicationScoped
public class BearerTokenMechanism implements HttpAuthenticationMechanism {

    @Inject
    AccessTokens tokens;

    @Override
    public AuthenticationStatus validateRequest(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        // this runs before the servlet filters: lines logged from here on name the request, and its organization
        // once its token is verified (an anonymous request has none, whatever this thread served before)
        RequestIds.enter(request);
        LogContext.organization(null);
        String header = request.getHeader("Authorization");
        if (MetricsTokenFilter.guards(request) // its bearer is the metrics token, which that filter checks
                || header == null
                || !header.regionMatches(true, 0, "Bearer ", 0, 7)
                || header.substring(7).isBlank()) {
            return context.doNothing();
        }
        return tokens.verify(header.substring(7))
                .map(token -> {
                    request.setAttribute(TokenSecurityContext.TOKEN_ATTRIBUTE, token);
                    LogContext.organization(token.tenantId());
                    return context.notifyContainerAboutLogin(token, token.getGroups());
                })
                .orElseGet(context::responseUnauthorized);
    }
}
