package com.vocelio.identity.boundary;

import com.vocelio.event.control.UnitOfWork;
import com.vocelio.event.entity.DomainEvents;
import com.vocelio.identity.control.AccessRevocations;
import com.vocelio.identity.control.Passwords;
import com.vocelio.identity.control.Secrets;
import com.vocelio.identity.control.TenantDirectory;
import com.vocelio.identity.control.Totp;
import com.vocelio.identity.entity.ApiKey;
import com.vocelio.identity.entity.Organization;
import com.vocelio.identity.entity.RefreshToken;
import com.vocelio.identity.entity.Role;
import com.vocelio.identity.entity.User;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.Checks;
import com.vocelio.platform.control.Constraints;
import com.vocelio.platform.control.CurrentTenant;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The users of the caller's organization: admins invite and change them; everyone manages their own second factor;
 * service users get API keys. An organization never loses its last active admin.
 */
@Stateless
@UnitOfWork
public class Users {

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Inject
    CurrentTenant tenant;

    @Inject
    TenantDirectory directory;

    @Inject
    Passwords passwords;

    public Organization organization() {
        return em.find(Organization.class, tenant.id());
    }

    public List<User> all() {
        return em.createNamedQuery(User.ALL, User.class).getResultList();
    }

    public User get(String id) {
        return get(id, LockModeType.NONE);
    }

    private User get(String id, LockModeType lock) {
        User user = Checks.isUuid(id) ? em.find(User.class, id, lock) : null;
        if (user == null) {
            throw new BusinessException(
                    BusinessException.Kind.NOT_FOUND, "user_not_found", "User '" + id + "' not found");
        }
        return user;
    }

    public User create(UserRequest request) {
        var user =
                new User(request.email(), passwords.hash(User.validPassword(request.password())), role(request.role()));
        if (directory.ofEmail(user.email()).isPresent()) {
            throw Registrations.emailTaken(user.email());
        }
        apply(user, request);
        em.persist(user);
        try {
            em.flush();
        } catch (PersistenceException e) {
            if (!Constraints.isUniqueViolation(e)) {
                throw e;
            }
            throw Registrations.emailTaken(user.email());
        }
        return user;
    }

    public User update(String id, UserRequest request) {
        var user = get(id);
        if (request.email() != null && !User.validEmail(request.email()).equals(user.email())) {
            throw BusinessException.invalid("email", "cannot be changed");
        }
        if (request.password() != null) {
            user.changePasswordHash(passwords.hash(User.validPassword(request.password())));
            revokeSessions(user);
            revokeAccess(user);
        }
        if (request.role() != null && role(request.role()) != user.role()) {
            user.changeRole(role(request.role()));
            revokeAccess(user); // the role travels in the token: the next refresh carries the new one
        }
        apply(user, request);
        requireAnActiveAdmin();
        return user;
    }

    public User remove(String id) {
        var user = get(id, LockModeType.PESSIMISTIC_WRITE); // of concurrent removals one removes, the others 404
        em.remove(user);
        em.flush();
        revokeAccess(user);
        requireAnActiveAdmin();
        return user;
    }

    /** Starts (or restarts) TOTP enrollment: the secret counts once a first code confirms it. */
    public String startTwoFactor(String userId) {
        var user = get(userId);
        String secret = Totp.newSecret();
        user.startTotpEnrollment(secret);
        return secret;
    }

    public User confirmTwoFactor(String userId, String code) {
        var user = get(userId);
        String secret = user.totpSecret()
                .orElseThrow(() -> BusinessException.invalid("code", "no two-factor setup is in progress"));
        if (!Totp.verify(secret, code, Instant.now())) {
            throw BusinessException.invalid("code", "is not the current code of the authenticator app");
        }
        user.confirmTotp();
        return user;
    }

    /** @return the key, shown this once */
    public String createApiKey(String userId, String name) {
        var user = get(userId);
        if (user.role() != Role.SERVICE) {
            throw BusinessException.invalid("user", "API keys are for users of role service");
        }
        String key = Secrets.newSecret("vak_");
        em.persist(new ApiKey(user.id(), Checks.requiredText("name", name, 100), key, Secrets.sha256(key)));
        return key;
    }

    /**
     * Ends every session of the user: their refresh tokens stop working. Their access tokens run out on their own (a
     * sign-out repeated with the same token, as the portal does, still answers 200); see {@link #revokeAccess}.
     */
    public void revokeSessions(User user) {
        em.createNamedQuery(RefreshToken.REVOKE_USER)
                .setParameter("now", OffsetDateTime.now(ZoneOffset.UTC))
                .setParameter("user", user.id())
                .executeUpdate();
    }

    /** The user's access tokens stop working too, on every node within a second: for who they are has changed. */
    private static void revokeAccess(User user) {
        DomainEvents.raise(AccessRevocations.revoke(user.id(), Instant.now()));
    }

    private void apply(User user, UserRequest request) {
        if (request.firstName() != null || request.lastName() != null) {
            user.name(
                    request.firstName() != null ? request.firstName() : user.firstName(),
                    request.lastName() != null ? request.lastName() : user.lastName());
        }
        if (request.agentId() != null) {
            user.linkAgent(request.agentId());
        }
        if (request.active() != null) {
            user.setActive(request.active());
            if (!request.active()) {
                revokeSessions(user);
                revokeAccess(user);
            }
        }
    }

    private void requireAnActiveAdmin() {
        boolean adminLeft = all().stream().anyMatch(u -> u.role() == Role.ADMIN && u.isActive());
        if (!adminLeft) {
            throw new BusinessException(
                    BusinessException.Kind.CONFLICT,
                    "last_admin",
                    "The organization must keep at least one active admin");
        }
    }

    private static Role role(String value) {
        return Role.fromWire(value)
                .orElseThrow(() -> BusinessException.invalid("role", "must be one of: " + Role.legalValues()));
    }
}
