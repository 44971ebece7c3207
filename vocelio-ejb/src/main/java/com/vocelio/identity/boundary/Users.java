package com.vocelio.identity.boundary;

import com.vocelio.event.control.UnitOfWork;
import com.vocelio.event.entity.DomainEvents;
import com.vocelio.identity.control.AccessRevocations;
import com.vocelio.identity.control.Enroller;
import com.vocelio.identity.entity.RefreshToken;
import com.vocelio.identity.entity.Role;
import com.vocelio.identity.entity.User;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.Checks;
import com.vocelio.platform.control.Clocks;
import com.vocelio.platform.control.Constraints;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The users of the caller's organization: admins invite and change them (their own second factor is
 * {@link SecondFactors}, service users' keys {@link ApiKeys}). An organization never loses its last active admin.
 */
@Stateless
@UnitOfWork
public class Users {

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Inject
    Enroller enroller;

    @Inject
    Clock clock;

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
        var now = Clocks.now(clock);
        var user = new User(request.email(), enroller.passwordHash(request.password()), role(request.role()), now);
        enroller.requireUnknownEmail(user.email());
        apply(user, request, now);
        em.persist(user);
        try {
            em.flush();
        } catch (PersistenceException e) {
            if (!Constraints.isUniqueViolation(e)) {
                throw e;
            }
            throw Enroller.emailTaken(user.email());
        }
        return user;
    }

    public User update(String id, UserRequest request) {
        var user = get(id);
        var now = Clocks.now(clock);
        if (request.email() != null && !User.validEmail(request.email()).equals(user.email())) {
            throw BusinessException.invalid("email", "cannot be changed");
        }
        if (request.password() != null) {
            user.changePasswordHash(enroller.passwordHash(request.password()), now);
            revokeSessions(user);
            revokeAccess(user);
        }
        if (request.role() != null && role(request.role()) != user.role()) {
            user.changeRole(role(request.role()), now);
            revokeAccess(user); // the role travels in the token: the next refresh carries the new one
        }
        apply(user, request, now);
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

    /**
     * Ends every session of the user: their refresh tokens stop working. Their access tokens run out on their own (a
     * sign-out repeated with the same token, as the portal does, still answers 200); see {@link #revokeAccess}.
     */
    public void revokeSessions(User user) {
        em.createNamedQuery(RefreshToken.REVOKE_USER)
                .setParameter("now", Clocks.now(clock))
                .setParameter("user", user.id())
                .executeUpdate();
    }

    /** The user's access tokens stop working too, on every node within a second: for who they are has changed. */
    private void revokeAccess(User user) {
        DomainEvents.raise(AccessRevocations.revoke(user.id(), clock.instant()));
    }

    private void apply(User user, UserRequest request, OffsetDateTime now) {
        if (request.firstName() != null || request.lastName() != null) {
            user.name(
                    request.firstName() != null ? request.firstName() : user.firstName(),
                    request.lastName() != null ? request.lastName() : user.lastName(),
                    now);
        }
        if (request.agentId() != null) {
            user.linkAgent(request.agentId(), now);
        }
        if (request.active() != null) {
            user.setActive(request.active(), now);
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
