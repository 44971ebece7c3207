package com.vocelio.identity.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * {@code @Inject JsonWebToken}: the access token the request was authenticated with ({@code BearerTokenMechanism}
 * made it the caller's principal), or {@link VerifiedToken#NONE} for an anonymous request. Defined here, in the EJB
 * module, so boundaries see it too when the application is deployed as an EAR.
 */
@ApplicationScoped
public class CallerTokens {

    @Inject
    SecurityContext security;

    @Produces
    @RequestScoped
    JsonWebToken caller() {
        return security.getCallerPrincipal() instanceof JsonWebToken token ? token : VerifiedToken.NONE;
    }
}
