package com.vocelio.agent.rest;

import com.vocelio.identity.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Path;

/** The same agents surface under the portal's {@code /api} family. */
@Path("api/agents")
@ApplicationScoped
@RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.AGENT_NAME, Role.SERVICE_NAME
}) // class annotations are not inherited
public class ApiAgentsResource extends AgentsResource {}
