package com.vocelio.transfer.rest;

import com.vocelio.identity.entity.Role;
import com.vocelio.platform.rest.Bodies;
import com.vocelio.transfer.boundary.TransferRequest;
import com.vocelio.transfer.boundary.Transfers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The portal's Transfer Call button (C6), {@code POST /api/calls/transfer}: the seed's {@code POST /transfer/request}
 * under the portal's path. A root path of its own, so it outranks the calls resource's {@code api/calls}.
 */
@Path("api/calls/transfer")
@ApplicationScoped
@RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.AGENT_NAME, Role.SERVICE_NAME})
public class CallTransferResource {

    @Inject
    Transfers transfers;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response transfer(TransferRequest request, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        return TransferView.answer(transfers.request(Bodies.required(request), idempotencyKey));
    }
}
