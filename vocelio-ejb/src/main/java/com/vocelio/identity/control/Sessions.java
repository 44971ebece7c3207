package com.vocelio.identity.control;

import com.vocelio.identity.boundary.Session;
import com.vocelio.identity.entity.Organization;
import com.vocelio.identity.entity.RefreshToken;
import com.vocelio.identity.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Opens and renews sessions inside the caller's transaction (already bound to the user's organization). */
@ApplicationScoped
public class Sessions {

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Inject
    AccessTokens accessTokens;

    @Inject
    @ConfigProperty(name = "vocelio.auth.refresh-token-ttl", defaultValue = "P14D")
    Duration refreshTtl;

    public Session open(User user, Organization organization) {
        String refresh = Secrets.newSecret("vrt_");
        em.persist(RefreshToken.firstOf(user.id(), Secrets.sha256(refresh), refreshTtl));
        return session(user, organization, refresh);
    }

    public Session rotate(RefreshToken current, User user, Organization organization) {
        String refresh = Secrets.newSecret("vrt_");
        em.persist(current.rotate(Secrets.sha256(refresh), refreshTtl));
        return session(user, organization, refresh);
    }

    /** An access token alone (API keys): nothing to refresh, the key is presented again. */
    public Session accessOnly(User user, Organization organization) {
        return session(user, organization, null);
    }

    private Session session(User user, Organization organization, String refresh) {
        return new Session(
                accessTokens.issue(user, organization), refresh, accessTokens.lifetimeSeconds(), user, organization);
    }
}
