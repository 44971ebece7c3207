package com.vocelio.agent.control;

import com.vocelio.agent.entity.Agent;
import com.vocelio.department.boundary.DepartmentConflictException;
import com.vocelio.department.entity.DepartmentRemoving;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** A department that still has agents is not deleted: they would lose their team. Asked before the transfer
 * feature (a lower priority runs first), so this is the refusal a client sees when both apply. */
@ApplicationScoped
public class StaffedDepartmentGuard {

    @PersistenceContext(unitName = "vocelio")
    EntityManager em;

    void vetoRemoval(@Observes @Priority(1000) DepartmentRemoving removing) {
        var department = removing.department();
        long agents = em.createNamedQuery(Agent.COUNT_IN_DEPARTMENT, Long.class)
                .setParameter("department", department)
                .getSingleResult();
        if (agents > 0) {
            throw DepartmentConflictException.inUse(department.name(), agents);
        }
    }
}
