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
import java.util.List;
import java.util.Map;

/**
 * The seed's {@code /call-logs}; the portal's {@code /api/calls/logs} (C7) is {@link PortalCallLogsResource}, the same
 * page. The screen reads {@code call_logs} and the top-level {@code total}; the guide's {@code pagination.total} is
 * sent too.
 */
@Path("call-logs")
@ApplicationScoped
@RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.AGENT_NAME})
@Produces(MediaType.APPLICATION_JSON)
public class CallLogsResource {

    @Inject
    CallLogs logs;

    @GET
    public Envelope list(@BeanParam CallLogParameters parameters) {
        return page(logs, parameters);
    }

    static Envelope page(CallLogs logs, CallLogParameters parameters) {
        var query = parameters.query();
        var found = logs.find(query);
        var rows = found.calls().stream()
                .map(call -> CallLogView.of(
                        call, found.transfers().getOrDefault(call.id(), List.of()), logs::cost, found.at()))
                .toList();
        long pages = (found.total() + query.limit() - 1) / query.limit();
        return Envelope.of("call_logs", rows)
                .with("total", found.total())
                .with(
                        "pagination",
                        Map.of("page", query.page(), "limit", query.limit(), "total", found.total(), "pages", pages));
    }
}
