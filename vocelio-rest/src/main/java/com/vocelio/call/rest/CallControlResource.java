package com.vocelio.call.rest;

import com.vocelio.call.boundary.CallControls;
import com.vocelio.call.boundary.Recordings;
import com.vocelio.call.entity.Call;
import com.vocelio.identity.entity.Role;
import com.vocelio.platform.control.Clocks;
import com.vocelio.platform.rest.Envelope;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;

/**
 * One call of the organization by its sid (T2, T3, T11): its status, ending it ({@code POST …/end} and
 * {@code DELETE}, both idempotent, 200 JSON every time), muting and holding it (the body may say
 * {@code {"muted": true}} / {@code {"on_hold": true}}; without one the request toggles), its recordings. The sid's pattern leaves the
 * calls resource its own words ({@code active}, {@code live}) and the more literal roots theirs.
 */
@Path("{api: (?:api/)?}calls/{call_sid: (?!(?:active|live|make|transfer|logs)(?:/|$))[^/]+}")
@ApplicationScoped
@RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.AGENT_NAME, Role.SERVICE_NAME})
@Produces(MediaType.APPLICATION_JSON)
public class CallControlResource {

    @Inject
    CallControls controls;

    @Inject
    Recordings recordings;

    @Inject
    Clock clock;

    @GET
    @Path("status")
    public CallView status(@PathParam("call_sid") String callSid) {
        return view(controls.status(callSid));
    }

    @POST
    @Path("end")
    public CallView end(@PathParam("call_sid") String callSid) {
        return view(controls.end(callSid));
    }

    @DELETE
    public CallView delete(@PathParam("call_sid") String callSid) {
        return view(controls.end(callSid));
    }

    @POST
    @Path("mute")
    public CallView mute(@PathParam("call_sid") String callSid, String body) {
        return view(controls.mute(callSid, ToggleRequest.read(body, "muted", "mute")));
    }

    @POST
    @Path("hold")
    public CallView hold(@PathParam("call_sid") String callSid, String body) {
        return view(controls.hold(callSid, ToggleRequest.read(body, "on_hold", "hold")));
    }

    /** The call's recordings, oldest first (404 for a call the organization does not have). */
    @GET
    @Path("recordings")
    public Envelope recordings(@PathParam("call_sid") String callSid) {
        var list = recordings.ofCall(callSid).stream().map(RecordingView::of).toList();
        return Envelope.of("recordings", list).with("total", list.size());
    }

    private CallView view(Call call) {
        return CallView.of(call, Clocks.now(clock));
    }
}
