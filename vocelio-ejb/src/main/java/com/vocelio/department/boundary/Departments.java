package com.vocelio.department.boundary;

import com.vocelio.department.control.DepartmentChanges;
import com.vocelio.department.control.DepartmentPage;
import com.vocelio.department.control.DepartmentPages;
import com.vocelio.department.entity.Department;
import com.vocelio.department.entity.DepartmentRemoving;
import com.vocelio.event.control.UnitOfWork;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.Checks;
import com.vocelio.platform.control.Clocks;
import com.vocelio.platform.control.Constraints;
import com.vocelio.platform.control.CurrentTenant;
import com.vocelio.platform.control.PhoneNumbers;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The departments of the caller's organization. Owns the rule that spans rows: names are unique per organization.
 * Whether a department may be deleted is for the features that point at it (agents, transfers): they observe
 * {@link DepartmentRemoving} and veto with a {@link DepartmentConflictException}.
 */
@Stateless
@UnitOfWork
public class Departments {

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Inject
    @ConfigProperty(name = "vocelio.phone.default-region")
    String phoneRegion;

    @Inject
    Clock clock;

    @Inject
    DepartmentPages pages;

    @Inject
    Event<DepartmentRemoving> removing;

    @Inject
    DepartmentChanges changes;

    @Inject
    CurrentTenant tenant;

    /** Overflow targets are named inside the request body: an unknown one is a 400. */
    private final Function<String, Department> overflowTarget =
            idOrName -> resolveReference("overflow_department_id", idOrName);

    public List<Department> all() {
        return em.createNamedQuery(Department.ALL, Department.class).getResultList();
    }

    /** One page of the listing, filtered, ordered and cut in the database. */
    public List<Department> page(DepartmentPage page) {
        return pages.page(page);
    }

    /** How many departments the page's filters let through, all pages together. */
    public long count(DepartmentPage page) {
        return pages.count(page);
    }

    public Optional<Department> find(String id) {
        return Checks.isUuid(id) ? Optional.ofNullable(em.find(Department.class, id)) : Optional.empty();
    }

    public Department get(String id) {
        return find(id).orElseThrow(() -> new UnknownDepartmentException(id));
    }

    /** Clients name departments by id or, as the seed's clients do ({@code "sales"}), by name. */
    public Department resolve(String idOrName) {
        if (idOrName == null || idOrName.isBlank()) {
            throw BusinessException.invalid("department", "is required");
        }
        return find(idOrName)
                .or(() -> findByName(idOrName))
                .orElseThrow(() -> new UnknownDepartmentException(idOrName));
    }

    /** A department named inside a request body: an unknown one makes the request invalid, not "not found". */
    public Department resolveReference(String field, String idOrName) {
        try {
            return resolve(idOrName);
        } catch (UnknownDepartmentException e) {
            throw BusinessException.invalid(field, "names no department: '" + idOrName + "'");
        }
    }

    public Department create(DepartmentRequest request) {
        var department = new Department(
                request.name(),
                request.phoneNumber(),
                PhoneNumbers.toE164(request.phoneNumber(), phoneRegion),
                Clocks.now(clock));
        request.applyTo(department, overflowTarget);
        requireUniqueName(department);
        em.persist(department);
        flushed(department).announce("created");
        changes.changing(tenant.id());
        return department;
    }

    public Department update(String id, DepartmentRequest request) {
        var department = get(id);
        if (request.name() != null) {
            department.rename(request.name());
        }
        if (request.phoneNumber() != null) {
            department.changePhoneNumber(
                    request.phoneNumber(), PhoneNumbers.toE164(request.phoneNumber(), phoneRegion));
        }
        request.applyTo(department, overflowTarget);
        requireUniqueName(department);
        department.touch(Clocks.now(clock));
        flushed(department).announce("updated");
        changes.changing(tenant.id());
        return department;
    }

    public Department delete(String id) {
        // locked: of concurrent deletes one deletes, the others find nothing (404), none trips on a version
        var department = Optional.ofNullable(
                        Checks.isUuid(id) ? em.find(Department.class, id, LockModeType.PESSIMISTIC_WRITE) : null)
                .orElseThrow(() -> new UnknownDepartmentException(id));
        removing.fire(new DepartmentRemoving(department)); // agents and transfers veto with a 409
        em.remove(department);
        em.flush();
        department.announce("deleted");
        changes.changing(tenant.id());
        return department;
    }

    /**
     * Reads what is committed, without flushing this transaction's pending changes first: a pending rename that
     * clashes must reach {@link #flushed} (409), not fail inside this query (500).
     */
    private Optional<Department> findByName(String name) {
        return em.createNamedQuery(Department.BY_NAME, Department.class)
                .setFlushMode(FlushModeType.COMMIT)
                .setParameter("name", name.strip())
                .getResultStream()
                .findFirst();
    }

    private void requireUniqueName(Department department) {
        findByName(department.name())
                .filter(other -> !other.id().equals(department.id()))
                .ifPresent(other -> {
                    throw DepartmentConflictException.duplicateName(department.name());
                });
    }

    /** Two concurrent creates with one name both pass the check; the unique index decides, and we say so. */
    private Department flushed(Department department) {
        try {
            em.flush();
        } catch (PersistenceException e) {
            if (!Constraints.isUniqueViolation(e)) {
                throw e;
            }
            throw DepartmentConflictException.duplicateName(department.name());
        }
        return department;
    }
}
