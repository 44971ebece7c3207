package com.vocelio.console.departments;

import com.vocelio.console.ConsoleCaller;
import com.vocelio.console.Messages;
import com.vocelio.department.boundary.Departments;
import com.vocelio.platform.boundary.BusinessException;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/**
 * {@code console/departments/index.xhtml}: the departments, paged, sorted and filtered in the database; deleting one
 * (admins only, as the API says) after a confirmation, the boundary's 409 reasons shown as messages.
 */
@Named
@ViewScoped
public class DepartmentsBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Departments departments;

    @Inject
    ConsoleCaller caller;

    private DepartmentRows rows;

    @PostConstruct
    void init() {
        rows = new DepartmentRows(departments);
    }

    public void delete(DepartmentRow row) {
        if (!caller.isAdmin()) {
            Messages.error("departments.adminOnly");
            return;
        }
        try {
            departments.delete(row.id());
            Messages.info("departments.deleted", row.name());
        } catch (BusinessException refused) {
            Messages.refusal("departments", refused);
        }
    }

    public DepartmentRows getRows() {
        return rows;
    }
}
