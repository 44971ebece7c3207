package com.vocelio.identity.boundary;

import com.vocelio.event.control.UnitOfWork;
import com.vocelio.identity.control.Passwords;
import com.vocelio.identity.control.Sessions;
import com.vocelio.identity.control.TenantDirectory;
import com.vocelio.identity.entity.Organization;
import com.vocelio.identity.entity.Role;
import com.vocelio.identity.entity.User;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.Constraints;
import com.vocelio.platform.control.CurrentTenant;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

/** Sign-up: a new organization (unique subdomain) with its first admin (unique email), signed in at once. */
@Stateless
@UnitOfWork
@UnitOfWork.BeforeSignIn
public class Registrations {

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Inject
    TenantDirectory directory;

    @Inject
    Passwords passwords;

    @Inject
    Sessions sessions;

    public Session register(RegistrationRequest request) {
        var organization = new Organization(request.organizationName(), request.subdomain());
        String password = User.validPassword(request.password());
        var admin = new User(request.email(), passwords.hash(password), Role.ADMIN);
        admin.name(request.firstName(), request.lastName());
        if (!em.createQuery("select o from Organization o where o.subdomain = :subdomain", Organization.class)
                .setParameter("subdomain", organization.subdomain())
                .getResultList()
                .isEmpty()) {
            throw conflict("subdomain_taken", "Subdomain '" + organization.subdomain() + "' is already taken");
        }
        if (directory.ofEmail(admin.email()).isPresent()) {
            throw emailTaken(admin.email());
        }
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

    static BusinessException emailTaken(String email) {
        return conflict("email_taken", "A user with email '" + email + "' already exists");
    }

    private static BusinessException conflict(String code, String message) {
        return new BusinessException(BusinessException.Kind.CONFLICT, code, message);
    }
}
