package com.vocelio.transfer.rest;

import com.vocelio.identity.entity.Role;
import com.vocelio.platform.rest.Envelope;
import com.vocelio.transfer.boundary.Transfers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;

/**
 * {@code GET /call/{call_id}/transfer-history} (seed) and the portal's {@code /api/call/{call_id}/transfer-history}
 * (singular {@code call}): one class, the optional prefix being part of the template.
 */
@Path("{api: (?:api/)?}call/{call_id}/transfer-history")
@ApplicationScoped
@RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.AGENT_NAME, Role.SERVICE_NAME})
@Produces(MediaType.APPLICATION_JSON)
public class TransferHistoryResource {

    @Inject
    Transfers transfers;

    @GET
    public Envelope history(@PathParam("call_id") String callId) {
        var history = transfers.history(callId).stream()
                .map(t -> {
                    var entry = new LinkedHashMap<String, Object>();
                    entry.put("transfer_id", t.transferId());
                    entry.put("department", t.department().name());
                    entry.put("reason", t.reason());
                    entry.put("timestamp", t.createdAt());
                    entry.put("status", t.status().wireName());
                    return entry;
                })
                .toList();
        return Envelope.of("call_id", callId).with("transfer_history", history);
    }
}
