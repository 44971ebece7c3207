package com.vocelio.platform.rest;

import com.vocelio.platform.control.CurrentTenant;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who calls an endpoint that also answers without a token (the omnichannel hub's polls, the home dashboard's): a
 * signed-in caller gets its organization's data, an anonymous one a well-formed empty answer and nothing of anyone.
 */
@RequestScoped
public class Caller {

    @Inject
    JsonWebToken token;

    /** Whether a verified token with an organization came with the request. */
    public boolean signedIn() {
        return userId().isPresent() && token.getClaim(CurrentTenant.CLAIM) != null;
    }

    public Optional<String> userId() {
        return Optional.ofNullable(token.getSubject()).filter(subject -> !subject.isBlank());
    }
}
