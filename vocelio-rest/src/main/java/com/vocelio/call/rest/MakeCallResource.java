package com.vocelio.call.rest;

import com.vocelio.call.boundary.MakeCall;
import com.vocelio.call.boundary.OutboundCalls;
import com.vocelio.identity.entity.Role;
import com.vocelio.platform.control.Clocks;
import com.vocelio.platform.rest.Bodies;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;

/**
 * The Call Center's Call button (T1), {@code POST /api/calls/make}: answers 201 with the call, {@code call_sid} on
 * top. A root path of its own, so it outranks the per-call resource's {@code calls/{call_sid}}.
 */
@Path("{api: (?:api/)?}calls/make")
@ApplicationScoped
@RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.AGENT_NAME, Role.SERVICE_NAME})
@Produces(MediaType.APPLICATION_JSON)
public class MakeCallResource {

    @Inject
    OutboundCalls calls;

    @Inject
    Clock clock;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response make(MakeCall request) {
        var call = calls.make(Bodies.required(request));
        return Response.status(Response.Status.CREATED)
                .entity(CallView.of(call, Clocks.now(clock)))
                .build();
    }
}
