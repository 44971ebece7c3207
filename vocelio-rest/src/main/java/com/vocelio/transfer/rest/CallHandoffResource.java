package com.vocelio.transfer.rest;

import com.vocelio.identity.entity.Role;
import com.vocelio.platform.rest.Bodies;
import com.vocelio.transfer.boundary.CallHandoffs;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The Call Center's Transfer button (T4), {@code POST /calls/transfer {call_sid, transfer_to}}: a cold transfer, done
 * at once (issue #15). A number is dialled; a department gets the call through the routing engine as a cold transfer
 * (the accepting agent is dialled straight through, no conference, no briefing) unless the body asks for another
 * {@code type} (or {@code transfer_type}), which the button never sends. The portal's {@code /api/calls/transfer}
 * (C6) keeps its own body and resource.
 */
@Path("calls/transfer")
@ApplicationScoped
@RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.AGENT_NAME, Role.SERVICE_NAME})
@Produces(MediaType.APPLICATION_JSON)
public class CallHandoffResource {

    private static final String COLD = "cold";

    @Inject
    CallHandoffs handoffs;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response transfer(HandoffRequest request, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        var asked = Bodies.required(request);
        return HandoffAnswers.of(handoffs.handOff(
                asked.callSid(), asked.transferTo(), asked.typeOr(COLD), asked.context(), idempotencyKey));
    }
}
