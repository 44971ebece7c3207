package com.vocelio.transfer.control;

import com.vocelio.department.boundary.DepartmentConflictException;
import com.vocelio.department.entity.DepartmentRemoving;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Transfers keep their department for call logs and analytics: a department that any transfer went to (or asked for)
 * is deactivated, not deleted. Asked after the agent feature's own veto.
 */
@ApplicationScoped
public class RoutedDepartmentGuard {

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    void vetoRemoval(@Observes @Priority(2000) DepartmentRemoving removing) {
        var department = removing.department();
        long transfers = em.createQuery(
                        "select count(t) from Transfer t where t.department = :d or t.requestedDepartment = :d",
                        Long.class)
                .setParameter("d", department)
                .getSingleResult();
        if (transfers > 0) {
            throw DepartmentConflictException.hasTransfers(department.name(), transfers);
        }
    }
}
