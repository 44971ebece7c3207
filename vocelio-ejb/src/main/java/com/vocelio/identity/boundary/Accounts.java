package com.vocelio.identity.boundary;

import com.vocelio.event.control.UnitOfWork;
import com.vocelio.identity.entity.Organization;
import com.vocelio.platform.control.CurrentTenant;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

/**
 * The caller's organization as an account: its name and the settings that shape what its people see (the time zone
 * "today" is counted in, the language). Only admins change them (the resource says so); a change is one locked
 * read-modify-write, so two admins saving at once both land, one after the other.
 */
@Stateless
@UnitOfWork
public class Accounts {

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Inject
    CurrentTenant tenant;

    public Organization current() {
        return em.find(Organization.class, tenant.id());
    }

    public Organization change(AccountRequest request) {
        Organization organization = em.find(Organization.class, tenant.id(), LockModeType.PESSIMISTIC_WRITE);
        organization.changeSettings(request.organizationName(), request.timezone(), request.language());
        return organization;
    }

    /** What an admin may change; absent fields stay as they are. */
    public record AccountRequest(String organizationName, String timezone, String language) {}
}
