package com.vocelio.department.boundary;

import com.vocelio.platform.boundary.BusinessException;

/** A department change clashes with another department or with what still depends on it. */
public class DepartmentConflictException extends BusinessException {

    private static final long serialVersionUID = 1L;

    private DepartmentConflictException(String code, String message) {
        super(Kind.CONFLICT, code, message);
    }

    public static DepartmentConflictException duplicateName(String name) {
        return new DepartmentConflictException(
                "department_exists", "Department with name '" + name + "' already exists");
    }

    public static DepartmentConflictException inUse(String name, long agents) {
        return new DepartmentConflictException(
                "department_in_use",
                "Department '" + name + "' still has " + agents + (agents == 1 ? " agent" : " agents")
                        + "; move or remove them before deleting it");
    }

    /** Transfers keep their department for call logs and analytics: such a department is deactivated, not deleted. */
    public static DepartmentConflictException hasTransfers(String name, long transfers) {
        return new DepartmentConflictException(
                "department_in_use",
                "Department '" + name + "' has " + transfers + (transfers == 1 ? " transfer" : " transfers")
                        + " (waiting or in its history); set is_active to false instead of deleting it");
    }
}
