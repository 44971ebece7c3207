package com.vocelio.agent.control;

import com.vocelio.department.boundary.DepartmentConflictException;
import com.vocelio.department.entity.DepartmentRemoving;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * A department that still has agents is not deleted: they would lose their team. Asked before the transfer feature
 * (a lower priority runs first), so this is the refusal a client sees when both apply.
 */
@ApplicationScoped
public class StaffedDepartmentGuard {

    @Inject
    AgentFinder agents;

    void vetoRemoval(@Observes @Priority(1000) DepartmentRemoving removing) {
        long staff = agents.countIn(removing.department());
        if (staff > 0) {
            throw DepartmentConflictException.inUse(removing.department().name(), staff);
        }
    }
}
