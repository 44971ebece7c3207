package com.vocelio.call.rest;

import com.vocelio.identity.entity.Role;
import com.vocelio.platform.rest.Envelope;
import com.vocelio.transfer.boundary.TransferRequest;
import com.vocelio.transfer.rest.TransfersResource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The portal's {@code /api/calls}: active calls (C5), the Transfer Call button (C6) and Call Logs (C7). */
@Path("api/calls")
@ApplicationScoped
@RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.AGENT_NAME, Role.SERVICE_NAME
}) // class annotations are not inherited
public class ApiCallsResource extends CallsResource {

    @Inject
    TransfersResource transfers;

    @Inject
    CallLogsResource callLogs;

    @GET
    @Path("logs")
    @RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.AGENT_NAME})
    public Envelope logs(
            @QueryParam("page") Integer page,
            @QueryParam("limit") Integer limit,
            @QueryParam("date_range") String dateRange,
            @QueryParam("status") String status,
            @QueryParam("has_transfer") String hasTransfer,
            @QueryParam("search") String search) {
        return callLogs.list(page, limit, dateRange, status, hasTransfer, search);
    }

    @POST
    @Path("transfer")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.AGENT_NAME, Role.SERVICE_NAME})
    public Response transfer(TransferRequest request, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        return transfers.request(request, idempotencyKey);
    }
}
