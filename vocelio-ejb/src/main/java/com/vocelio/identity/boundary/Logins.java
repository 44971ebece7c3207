package com.vocelio.identity.boundary;

import com.vocelio.event.control.UnitOfWork;
import com.vocelio.identity.control.LoginThrottle;
import com.vocelio.identity.control.Passwords;
import com.vocelio.identity.control.Secrets;
import com.vocelio.identity.control.Sessions;
import com.vocelio.identity.control.TenantDirectory;
import com.vocelio.identity.control.Totp;
import com.vocelio.identity.entity.ApiKey;
import com.vocelio.identity.entity.Organization;
import com.vocelio.identity.entity.Session;
import com.vocelio.identity.entity.User;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.Clocks;
import com.vocelio.platform.control.CurrentTenant;
import com.vocelio.platform.control.LogContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.logging.Logger;

/**
 * Signing in before the caller has an organization: by password (and TOTP when enabled) and by API key, both
 * throttled ({@link SessionRenewals} renews a session by refresh token). Each first learns the organization from
 * what was presented ({@link TenantDirectory}), then binds this transaction to it; from there EclipseLink filters as
 * everywhere else.
 */
@Stateless
@UnitOfWork
@UnitOfWork.BeforeSignIn
public class Logins {

    private static final Logger LOG = Logger.getLogger(Logins.class.getName());

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Inject
    TenantDirectory directory;

    @Inject
    Passwords passwords;

    @Inject
    LoginThrottle throttle;

    @Inject
    Sessions sessions;

    @Inject
    Clock clock;

    /**
     * @param secondFactorStep whether a missing TOTP code may be answered with {@link LoginOutcome.SecondFactorRequired}
     *     ({@code /auth/login-2fa}) or is simply a failed sign-in ({@code /auth/login})
     */
    public LoginOutcome login(Credentials credentials, String address, boolean secondFactorStep) {
        if (credentials.email() == null || credentials.email().isBlank()) {
            throw BusinessException.invalid("email", "is required");
        }
        String email = credentials.email().strip();
        throttle.requireNotLocked(email, address);
        var tenant = directory.ofEmail(email);
        if (tenant.isEmpty()) {
            passwords.spendTimeOfACheck(credentials.password());
            throw failed(email, address, AuthenticationException.invalidCredentials());
        }
        CurrentTenant.bind(em, tenant.get());
        LogContext.organization(tenant.get());
        User user = em.createNamedQuery(User.BY_EMAIL, User.class)
                .setParameter("email", email)
                .getSingleResult();
        if (!user.isActive() || !passwords.matches(credentials.password(), user.passwordHash())) {
            throw failed(email, address, AuthenticationException.invalidCredentials());
        }
        // concurrent sign-ins of one user take turns from here, each on the row as the one before left it: two
        // sign-ins with one TOTP code are a success and a refusal, and recording the sign-in never clashes
        em.refresh(user, LockModeType.PESSIMISTIC_WRITE);
        if (user.totpEnabled()) {
            String code = credentials.twoFactorCode();
            if (code == null || code.isBlank()) {
                if (secondFactorStep) {
                    return new LoginOutcome.SecondFactorRequired();
                }
                throw new AuthenticationException("two_factor_required", "Two-factor code required");
            }
            var step = Totp.matchingStep(user.totpSecret().orElseThrow(), code, clock.instant());
            if (step.isEmpty() || !user.spendTotpStep(step.getAsLong())) {
                throw failed(
                        email,
                        address,
                        new AuthenticationException("invalid_two_factor_code", "Invalid two-factor code"));
            }
        }
        throttle.clear(email);
        user.recordLogin(Clocks.now(clock));
        LOG.info(() -> "Signed in: user " + user.id() + (user.totpEnabled() ? " with a two-factor code" : ""));
        return new LoginOutcome.SignedIn(sessions.open(user, em.find(Organization.class, tenant.get())));
    }

    /**
     * A machine (role service) trades its API key for an access token. Failures are throttled per client address,
     * as password sign-ins are.
     */
    public Session exchangeApiKey(String key, String address) {
        if (key == null || key.isBlank()) {
            throw BusinessException.invalid("api_key", "is required");
        }
        throttle.requireAddressNotLocked(address);
        String hash = Secrets.sha256(key.strip());
        var invalid = new AuthenticationException("invalid_api_key", "The API key is invalid or revoked");
        String tenant = directory.ofApiKey(hash).orElseThrow(() -> invalidKey(address, invalid));
        CurrentTenant.bind(em, tenant);
        LogContext.organization(tenant);
        ApiKey apiKey = em.createNamedQuery(ApiKey.BY_HASH, ApiKey.class)
                .setParameter("hash", hash)
                .getResultStream()
                .findFirst()
                .orElseThrow(() -> invalidKey(address, invalid));
        User user = em.find(User.class, apiKey.userId());
        if (user == null || !user.isActive()) {
            throw invalidKey(address, invalid);
        }
        LOG.info(() -> "Signed in: user " + user.id() + " with API key " + apiKey.id());
        return sessions.accessOnly(user, em.find(Organization.class, tenant));
    }

    private BusinessException invalidKey(String address, BusinessException refusal) {
        LOG.info(() -> "API key sign-in refused (" + refusal.code() + ") from " + address);
        throttle.recordAddressFailure(address);
        return refusal;
    }

    private BusinessException failed(String email, String address, BusinessException refusal) {
        // not the email: people type their password into it by mistake
        LOG.info(() -> "Sign-in refused (" + refusal.code() + ") from " + address);
        throttle.recordFailure(email, address);
        return refusal;
    }
}
