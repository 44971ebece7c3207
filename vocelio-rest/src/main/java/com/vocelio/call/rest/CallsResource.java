package com.vocelio.call.rest;

import com.vocelio.call.boundary.CallReport;
import com.vocelio.call.boundary.Calls;
import com.vocelio.identity.entity.Role;
import com.vocelio.platform.control.Clocks;
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
import java.time.Clock;
import java.util.List;

/**
 * The seed's {@code /calls} and the portal's {@code /api/calls} (C5), one resource under both paths: the active
 * calls, the calls AI agents report with {@code POST}, and {@code /calls/live}, which the home dashboard polls, often
 * without a token. The portal's call logs and transfer button have root paths of their own (analytics, transfer),
 * which outrank this template's because they have more literal characters.
 */
@Path("{api: (?:api/)?}calls")
@ApplicationScoped
@RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.AGENT_NAME, Role.SERVICE_NAME})
@Produces(MediaType.APPLICATION_JSON)
public class CallsResource {

    @Inject
    Calls calls;

    @Inject
    Caller caller;

    @Inject
    Clock clock;

    @GET
    @Path("active")
    public Envelope active() {
        var now = Clocks.now(clock);
        var live =
                calls.live().stream().map(call -> ActiveCallView.of(call, now)).toList();
        return Envelope.of("active_calls", live).with("total", live.size());
    }

    /** The home dashboard's live list (§7.2): the live feed's shape, {@code {id, contact, phone, status, …}}. */
    @GET
    @Path("live")
    @PermitAll
    public Envelope live() {
        var now = Clocks.now(clock);
        var live = caller.signedIn()
                ? calls.live().stream().map(call -> call.snapshot(now)).toList()
                : List.of();
        return Envelope.of("calls", live).with("total", live.size());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.SERVICE_NAME})
    public Response report(CallReport report) {
        var reported = calls.report(Bodies.required(report));
        return Response.status(reported.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(Envelope.of("call", ActiveCallView.of(reported.call(), Clocks.now(clock))))
                .build();
    }
}
