package com.vocelio.department.boundary;

import com.vocelio.platform.boundary.BusinessException;

public class UnknownDepartmentException extends BusinessException {

    private static final long serialVersionUID = 1L;

    public UnknownDepartmentException(String idOrName) {
        super(Kind.NOT_FOUND, "department_not_found", "Department '" + idOrName + "' not found");
    }
}
