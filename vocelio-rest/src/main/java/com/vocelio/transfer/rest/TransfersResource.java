package com.vocelio.transfer.rest;

import com.vocelio.identity.control.AccessTokens;
import com.vocelio.identity.entity.Role;
import com.vocelio.platform.control.Checks;
import com.vocelio.platform.rest.Bodies;
import com.vocelio.platform.rest.Envelope;
import com.vocelio.transfer.boundary.Queues;
import com.vocelio.transfer.boundary.TransferMoves;
import com.vocelio.transfer.boundary.TransferMoves.Move;
import com.vocelio.transfer.boundary.TransferRequest;
import com.vocelio.transfer.boundary.Transfers;
import com.vocelio.transfer.entity.Transfer;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The seed's transfer surface ({@code /transfer/request}, {@code /transfer/{id}} and its moves); the portal's
 * {@code POST /api/calls/transfer} (C6) is the same request. AI voice agents (service), agents and supervisors
 * request; the offered agent (or a supervisor) accepts, rejects, completes; a supervisor reassigns or cancels.
 */
@Path("transfer")
@ApplicationScoped
@RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.AGENT_NAME, Role.SERVICE_NAME})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TransfersResource {

    @Inject
    Transfers transfers;

    @Inject
    TransferMoves moves;

    @Inject
    Queues queues;

    @Inject
    JsonWebToken caller;

    @Context
    SecurityContext security;

    /** 201 for a new transfer; 200 with the same transfer for a repeat (same Idempotency-Key, or same call). */
    @POST
    @Path("request")
    public Response request(TransferRequest request, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        return TransferView.answer(transfers.request(Bodies.required(request), idempotencyKey));
    }

    @GET
    @Path("{transfer_id}")
    public Envelope get(@PathParam("transfer_id") String transferId) {
        return summary(transfers.get(transferId));
    }

    /** The offered agent (or a supervisor for them) accepts, rejects or completes: one move, one answer shape. */
    @POST
    @Path("{transfer_id}/{move: accept|reject|complete}")
    @RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.AGENT_NAME})
    public Envelope move(@PathParam("transfer_id") String transferId, @PathParam("move") String move) {
        return summary(moves.make(Move.valueOf(move.toUpperCase(Locale.ROOT)), transferId, actingAgent()));
    }

    /** The caller hung up ({@code ?reason=} optional): the transfer is abandoned. */
    @POST
    @Path("{transfer_id}/cancel")
    @RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.SERVICE_NAME})
    public Envelope cancel(@PathParam("transfer_id") String transferId, @QueryParam("reason") String reason) {
        return summary(moves.cancel(transferId, reason));
    }

    /**
     * A supervisor hands a waiting or offered transfer to a chosen available agent of its department (the console's
     * live queue does the same through {@link TransferMoves#reassign}); an offer to someone else is withdrawn.
     */
    @POST
    @Path("{transfer_id}/reassign")
    @RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME})
    public Envelope reassign(@PathParam("transfer_id") String transferId, Reassignment body) {
        String agentId = Checks.requiredText("agent_id", Bodies.required(body).agentId(), 100);
        return summary(moves.reassign(transferId, agentId));
    }

    /** {@code {agent_id}}. */
    public record Reassignment(String agentId) {}

    /** The guides read {@code transfer_id}, {@code status}, {@code target_department}, the wait and position on top. */
    private Envelope summary(Transfer transfer) {
        return TransferView.summary(transfer, queues.spotOf(transfer));
    }

    /** Agents act only on their own offers; supervisors and admins act for anyone. */
    private Optional<String> actingAgent() {
        if (security.isUserInRole(Role.ADMIN_NAME) || security.isUserInRole(Role.SUPERVISOR_NAME)) {
            return Optional.empty();
        }
        Object agentId = caller.getClaim(AccessTokens.AGENT_CLAIM);
        return Optional.of(agentId == null ? "" : agentId.toString().replace("\"", ""));
    }
}
