package com.vocelio.console.departments;

import com.vocelio.department.entity.Department;
import java.io.Serializable;

/** A department as its table row shows it. */
public record DepartmentRow(
        String id, String name, String phoneNumber, boolean active, String routingStrategy, int maxQueueLength)
        implements Serializable {

    static DepartmentRow of(Department d) {
        return new DepartmentRow(
                d.id(),
                d.name(),
                d.phoneNumber(),
                d.isActive(),
                d.policy().strategy().wireName(),
                d.policy().maxQueueLength());
    }
}
