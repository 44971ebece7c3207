package com.vocelio.transfer.rest;

import com.vocelio.identity.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Path;

/** The department queue under the portal's /api family. */
@Path("api/departments/{department}/queue")
@ApplicationScoped
@RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.AGENT_NAME, Role.SERVICE_NAME
}) // class annotations are not inherited
public class ApiDepartmentQueueResource extends DepartmentQueueResource {}
