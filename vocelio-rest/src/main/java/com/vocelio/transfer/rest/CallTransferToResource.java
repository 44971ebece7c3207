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
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /api/calls/{call_sid}/transfer {transfer_to, type: cold|warm|conference, context}} (T9): a department
 * goes through the routing engine (warm unless the body says otherwise, as every transfer request), a number is
 * dialled at once. More literal than the per-call resource's path, so
 * it wins this one.
 */
@Path("{api: (?:api/)?}calls/{call_sid}/transfer")
@ApplicationScoped
@RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.AGENT_NAME, Role.SERVICE_NAME})
@Produces(MediaType.APPLICATION_JSON)
public class CallTransferToResource {

    @Inject
    CallHandoffs handoffs;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response transfer(
            @PathParam("call_sid") String callSid,
            HandoffRequest request,
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        var asked = Bodies.required(request);
        return HandoffAnswers.of(
                handoffs.handOff(callSid, asked.transferTo(), asked.typeOr(null), asked.context(), idempotencyKey));
    }
}
