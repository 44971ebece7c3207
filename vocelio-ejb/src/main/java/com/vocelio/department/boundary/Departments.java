package com.vocelio.department.boundary;

import com.vocelio.agent.entity.Agent;
import com.vocelio.department.entity.Department;
import com.vocelio.department.entity.RoutingStrategy;
import com.vocelio.event.control.UnitOfWork;
import com.vocelio.event.entity.DomainEvent;
import com.vocelio.event.entity.DomainEvents;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.Checks;
import com.vocelio.platform.control.Constraints;
import com.vocelio.platform.control.Jsons;
import com.vocelio.platform.control.PhoneNumbers;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The departments of the caller's organization. Owns the rules that span rows: names are unique per organization,
 * and a department that still has agents cannot be deleted.
 */
@Stateless
@UnitOfWork
public class Departments {

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    @Inject
    @ConfigProperty(name = "vocelio.phone.default-region")
    String phoneRegion;

    public List<Department> all() {
        return em.createNamedQuery(Department.ALL, Department.class).getResultList();
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
                request.name(), request.phoneNumber(), PhoneNumbers.toE164(request.phoneNumber(), phoneRegion));
        apply(department, request);
        requireUniqueName(department);
        em.persist(department);
        return announced("created", flushed(department));
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
        apply(department, request);
        requireUniqueName(department);
        department.touch();
        return announced("updated", flushed(department));
    }

    public Department delete(String id) {
        // locked: of concurrent deletes one deletes, the others find nothing (404), none trips on a version
        var department = Optional.ofNullable(
                        Checks.isUuid(id) ? em.find(Department.class, id, LockModeType.PESSIMISTIC_WRITE) : null)
                .orElseThrow(() -> new UnknownDepartmentException(id));
        long agents = em.createNamedQuery(Agent.COUNT_IN_DEPARTMENT, Long.class)
                .setParameter("department", department)
                .getSingleResult();
        if (agents > 0) {
            throw DepartmentConflictException.inUse(department.name(), agents);
        }
        long transfers = em.createQuery(
                        "select count(t) from Transfer t where t.department = :d or t.requestedDepartment = :d",
                        Long.class)
                .setParameter("d", department)
                .getSingleResult();
        if (transfers > 0) {
            throw DepartmentConflictException.hasTransfers(department.name(), transfers);
        }
        em.remove(department);
        em.flush();
        return announced("deleted", department);
    }

    private static Department announced(String action, Department department) {
        DomainEvents.raise(DomainEvent.of(
                "department_changed",
                DomainEvent.DEPARTMENTS,
                Jsons.objectBuilder()
                        .add("action", action)
                        .add("id", department.id())
                        .add("department_id", department.id())
                        .add("name", department.name())
                        .add("department", department.name())
                        .add("phone_number", department.phoneNumber())
                        .add("is_active", department.isActive())
                        .build()));
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

    private void apply(Department department, DepartmentRequest request) {
        if (request.description() != null) {
            department.describe(request.description());
        }
        if (request.color() != null) {
            department.paint(request.color());
        }
        if (request.isActive() != null) {
            department.setActive(request.isActive());
        }
        if (request.businessHours() != null) {
            department.changeBusinessHours(request.businessHours());
        }
        if (request.routingStrategy() != null) {
            department.routeBy(RoutingStrategy.fromWire(request.routingStrategy())
                    .orElseThrow(() -> BusinessException.invalid(
                            "routing_strategy", "must be one of: " + RoutingStrategy.legalValues())));
        }
        if (request.reservationTimeoutSeconds() != null) {
            department.reserveOffersFor(request.reservationTimeoutSeconds());
        }
        if (request.wrapUpSeconds() != null) {
            department.wrapUpFor(request.wrapUpSeconds());
        }
        if (request.overflowAfterSeconds() != null) {
            department.overflowAfter(request.overflowAfterSeconds());
        }
        if (request.widenAfterSeconds() != null) {
            department.widenAfter(request.widenAfterSeconds());
        }
        if (request.maxQueueLength() != null) {
            department.limitQueueTo(request.maxQueueLength());
        }
        if (request.overflowDepartmentId() != null) {
            department.overflowTo(
                    request.overflowDepartmentId().isBlank()
                            ? null
                            : resolveReference("overflow_department_id", request.overflowDepartmentId()));
        }
    }
}
