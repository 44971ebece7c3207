package com.vocelio.call.rest;

import com.vocelio.call.boundary.CallReport;
import com.vocelio.call.boundary.Calls;
import com.vocelio.call.entity.Call;
import com.vocelio.identity.entity.Role;
import com.vocelio.platform.rest.Bodies;
import com.vocelio.platform.rest.Caller;
import com.vocelio.platform.rest.Envelope;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The seed's {@code /calls/active}; {@link ApiCallsResource} is the portal's {@code /api/calls/active} (C5). AI
 * agents report the calls they handle with {@code POST}; the home dashboard polls {@code /calls/live}, often
 * without a token.
 */
@Path("calls")
@ApplicationScoped
@RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.AGENT_NAME, Role.SERVICE_NAME})
@Produces(MediaType.APPLICATION_JSON)
public class CallsResource {

    @Inject
    Calls calls;

    @Inject
    Caller caller;

    @GET
    @Path("active")
    public Envelope active() {
        var live = calls.live().stream().map(ActiveCallView::of).toList();
        return Envelope.of("active_calls", live).with("total", live.size());
    }

    /** The home dashboard's live list (§7.2): the live feed's shape, {@code {id, contact, phone, status, …}}. */
    @GET
    @Path("live")
    @PermitAll
    public Envelope live() {
        var live = caller.signedIn() ? calls.live().stream().map(Call::snapshot).toList() : List.of();
        return Envelope.of("calls", live).with("total", live.size());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.SERVICE_NAME})
    public Response report(CallReport report) {
        var reported = calls.report(Bodies.required(report));
        return Response.status(reported.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(Envelope.of("call", ActiveCallView.of(reported.call())))
                .build();
    }
}
