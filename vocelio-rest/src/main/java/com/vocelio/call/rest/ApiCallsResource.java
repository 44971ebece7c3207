package com.vocelio.call.rest;

import com.vocelio.identity.entity.Role;
import com.vocelio.transfer.boundary.TransferRequest;
import com.vocelio.transfer.rest.TransfersResource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The portal's {@code /api/calls}: active calls (C5) and the Transfer Call button (C6). */
@Path("api/calls")
@RequestScoped
public class ApiCallsResource extends CallsResource {

    @Inject
    TransfersResource transfers;

    @POST
    @Path("transfer")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.AGENT_NAME, Role.SERVICE_NAME})
    public Response transfer(TransferRequest request, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        return transfers.request(request, idempotencyKey);
    }
}
