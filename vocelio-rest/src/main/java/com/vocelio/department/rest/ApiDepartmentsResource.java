package com.vocelio.department.rest;

import com.vocelio.identity.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Path;

/** The portal's path for the same resource (contract C1–C4). */
@Path("api/departments")
@ApplicationScoped
@RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.AGENT_NAME, Role.SERVICE_NAME
}) // class annotations are not inherited
public class ApiDepartmentsResource extends DepartmentsResource {}
