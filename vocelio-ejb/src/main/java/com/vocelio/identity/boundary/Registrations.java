package com.vocelio.identity.boundary;

import com.vocelio.event.control.UnitOfWork;
import com.vocelio.identity.control.Enroller;
import com.vocelio.identity.control.Sessions;
import com.vocelio.identity.entity.Organization;
import com.vocelio.identity.entity.Role;
import com.vocelio.identity.entity.Session;
import com.vocelio.identity.entity.User;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.Clocks;
import com.vocelio.platform.control.Constraints;
import com.vocelio.platform.control.CurrentTenant;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Clock;

/** Sign-up: a new organization (unique subdomain) with its first admin (unique email), signed in at once. */
@Stateless
@UnitOfWork
@UnitOfWork.BeforeSignIn
public class Registrations {

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Inject
    Enroller enroller;

    @Inject
    Sessions sessions;

    @Inject
    Clock clock;

    public Session register(RegistrationRequest request) {
        var now = Clocks.now(clock);
        var organization = new Organization(request.organizationName(), request.subdomain(), now);
        var admin = new User(request.email(), enroller.passwordHash(request.password()), Role.ADMIN, now);
        admin.name(request.firstName(), request.lastName(), now);
        if (!em.createQuery("select o from Organization o where o.subdomain = :subdomain", Organization.class)
                .setParameter("subdomain", organization.subdomain())
                .getResultList()
                .isEmpty()) {
            throw conflict("subdomain_taken", "Subdomain '" + organization.subdomain() + "' is already taken");
        }
        enroller.requireUnknownEmail(admin.email());
        em.persist(organization);
        CurrentTenant.bind(em, organization.id());
        em.persist(admin);
        try {
            em.flush();
        } catch (PersistenceException e) {
            if (!Constraints.isUniqueViolation(e)) {
                throw e;
            }
            // a concurrent sign-up took the subdomain or the email between the checks and here
            throw conflict("already_registered", "That subdomain or email was registered a moment ago");
        }
        return sessions.open(admin, organization);
    }

    private static BusinessException conflict(String code, String message) {
        return new BusinessException(BusinessException.Kind.CONFLICT, code, message);
    }
}
