package com.vocelio.identity.control;

import com.vocelio.identity.entity.Organization;
import com.vocelio.identity.entity.RefreshToken;
import com.vocelio.identity.entity.Session;
import com.vocelio.identity.entity.User;
import com.vocelio.platform.control.Clocks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Opens and renews sessions inside the caller's transaction (already bound to the user's organization). */
@ApplicationScoped
public class Sessions {

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Inject
    AccessTokens accessTokens;

    @Inject
    SigningKeys keys;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "vocelio.auth.refresh-token-ttl", defaultValue = "P14D")
    Duration refreshTtl;

    public Session open(User user, Organization organization) {
        String refresh = Secrets.newSecret("vrt_");
        em.persist(RefreshToken.firstOf(user.id(), Secrets.sha256(refresh), refreshTtl, Clocks.now(clock)));
        return session(user, organization, refresh);
    }

    /**
     * Uses {@code current} (presented as {@code presented}) and issues its successor. The successor is derived from
     * the presented token with a key only the nodes hold, so {@link #again} can hand out the very same pair.
     */
    public Session rotate(RefreshToken current, String presented, User user, Organization organization) {
        String refresh = successorOf(presented);
        RefreshToken next = current.rotate(Secrets.sha256(refresh), refreshTtl, Clocks.now(clock));
        em.persist(next);
        return renewal(next, refresh, user, organization);
    }

    /**
     * The pair an earlier rotation of {@code used} issued, while its successor is still unused: several requests of
     * one client that refresh at once with the same token all get what the first got.
     */
    public Optional<Session> again(RefreshToken used, String presented, User user, Organization organization) {
        String refresh = successorOf(presented);
        return em.createNamedQuery(RefreshToken.BY_HASH, RefreshToken.class)
                .setParameter("hash", Secrets.sha256(refresh))
                .getResultStream()
                .filter(next ->
                        next.isUsable(Clocks.now(clock)) && next.familyId().equals(used.familyId()))
                .findFirst()
                .map(next -> renewal(next, refresh, user, organization));
    }

    /** An access token alone (API keys): nothing to refresh, the key is presented again. */
    public Session accessOnly(User user, Organization organization) {
        return session(user, organization, null);
    }

    private String successorOf(String presented) {
        return Secrets.derive("vrt_", keys.derivationKey(), presented);
    }

    private Session renewal(RefreshToken token, String refresh, User user, Organization organization) {
        String access = accessTokens.issue(
                user,
                organization,
                token.createdAt().toInstant(),
                UUID.nameUUIDFromBytes(token.id().getBytes(StandardCharsets.UTF_8))
                        .toString());
        return new Session(access, refresh, accessTokens.lifetimeSeconds(), user, organization);
    }

    private Session session(User user, Organization organization, String refresh) {
        return new Session(
                accessTokens.issue(user, organization), refresh, accessTokens.lifetimeSeconds(), user, organization);
    }
}
