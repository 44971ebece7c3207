package com.vocelio.call.rest;

import com.vocelio.call.boundary.Calls;
import com.vocelio.identity.entity.Role;
import com.vocelio.platform.rest.Envelope;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The seed's {@code /calls/active}; {@link ApiCallsResource} is the portal's {@code /api/calls/active} (C5). */
@Path("calls")
@RequestScoped
@RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.AGENT_NAME, Role.SERVICE_NAME})
@Produces(MediaType.APPLICATION_JSON)
public class CallsResource {

    @Inject
    Calls calls;

    @GET
    @Path("active")
    public Envelope active() {
        var live = calls.live().stream().map(ActiveCallView::of).toList();
        return Envelope.of("active_calls", live).with("total", live.size());
    }
}
