package com.vocelio.identity.boundary;

import com.vocelio.event.control.UnitOfWork;
import com.vocelio.identity.control.Secrets;
import com.vocelio.identity.control.Sessions;
import com.vocelio.identity.control.TenantDirectory;
import com.vocelio.identity.entity.Organization;
import com.vocelio.identity.entity.RefreshToken;
import com.vocelio.identity.entity.Session;
import com.vocelio.identity.entity.User;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.Clocks;
import com.vocelio.platform.control.CurrentTenant;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Renewing a session by refresh token, before the caller has an organization: the token is rotated; a replayed one
 * revokes its whole family, except within a short grace while its successor is unused, which gets that same
 * successor. The organization is learned from the token ({@link TenantDirectory}), then bound to this transaction.
 */
@Stateless
@UnitOfWork
@UnitOfWork.BeforeSignIn
public class SessionRenewals {

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Inject
    TenantDirectory directory;

    @Inject
    Sessions sessions;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "vocelio.auth.refresh-reuse-grace", defaultValue = "PT30S")
    Duration reuseGrace;

    public Session refresh(String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank()) {
            throw BusinessException.invalid("refresh_token", "is required");
        }
        String hash = Secrets.sha256(refreshToken.strip());
        // the portal refreshes from each failing request on its own: 2 to 4 at once with one token
        String tenant = directory.ofRefreshToken(hash).orElseThrow(AuthenticationException::invalidRefreshToken);
        CurrentTenant.bind(em, tenant);
        // the row lock makes two concurrent uses of one token a use and a replay, never two rotations
        RefreshToken current = em.createNamedQuery(RefreshToken.BY_HASH, RefreshToken.class)
                .setParameter("hash", hash)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getSingleResult();
        String presented = refreshToken.strip();
        var now = Clocks.now(clock);
        User user = em.find(User.class, current.userId());
        boolean userActive = user != null && user.isActive();
        if (current.isReplayed()) {
            if (userActive && current.usedWithin(reuseGrace, now)) {
                var again = sessions.again(current, presented, user, em.find(Organization.class, tenant));
                if (again.isPresent()) {
                    return again.get();
                }
            }
            em.createNamedQuery(RefreshToken.REVOKE_FAMILY)
                    .setParameter("now", now)
                    .setParameter("family", current.familyId())
                    .executeUpdate();
            throw new RefreshTokenReuseException();
        }
        if (!current.isUsable(now) || !userActive) {
            throw AuthenticationException.invalidRefreshToken();
        }
        return sessions.rotate(current, presented, user, em.find(Organization.class, tenant));
    }

    /**
     * Ends one sign-in (the console's sign-out, or a sign-in the console refuses for its role): the refresh token's
     * family stops working, the user's other sessions (the portal's) stay. An unknown or already ended token is
     * nothing to end.
     */
    public void end(String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank()) {
            return;
        }
        String hash = Secrets.sha256(refreshToken.strip());
        var tenant = directory.ofRefreshToken(hash);
        if (tenant.isEmpty()) {
            return;
        }
        CurrentTenant.bind(em, tenant.get());
        em.createNamedQuery(RefreshToken.BY_HASH, RefreshToken.class)
                .setParameter("hash", hash)
                .getResultStream()
                .findFirst()
                .ifPresent(token -> em.createNamedQuery(RefreshToken.REVOKE_FAMILY)
                        .setParameter("now", Clocks.now(clock))
                        .setParameter("family", token.familyId())
                        .executeUpdate());
    }
}
