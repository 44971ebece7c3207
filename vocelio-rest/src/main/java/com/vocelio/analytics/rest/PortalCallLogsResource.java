package com.vocelio.analytics.rest;

import com.vocelio.analytics.boundary.CallLogs;
import com.vocelio.identity.entity.Role;
import com.vocelio.platform.rest.Envelope;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The portal's {@code /api/calls/logs} (C7): the page {@link CallLogsResource} serves. A root path of its own, so it
 * outranks the calls resource's {@code api/calls} (JAX-RS tries the root with more literal characters first).
 */
@Path("api/calls/logs")
@ApplicationScoped
@RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.AGENT_NAME})
@Produces(MediaType.APPLICATION_JSON)
public class PortalCallLogsResource {

    @Inject
    CallLogs logs;

    @GET
    public Envelope list(@BeanParam CallLogParameters parameters) {
        return CallLogsResource.page(logs, parameters);
    }
}
