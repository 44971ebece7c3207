package com.vocelio.transfer.rest;

import com.vocelio.call.boundary.CallControls;
import com.vocelio.call.boundary.Calls;
import com.vocelio.call.boundary.SimulatedCalls;
import com.vocelio.call.boundary.SimulatedInbound;
import com.vocelio.call.entity.CallWaiting;
import com.vocelio.call.rest.CallView;
import com.vocelio.identity.entity.Role;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.Clocks;
import com.vocelio.platform.rest.Bodies;
import com.vocelio.platform.rest.Envelope;
import com.vocelio.transfer.boundary.CallHandoffs;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;

/**
 * The offline simulator's side door for admins: {@code POST /admin/simulate/inbound {from, to}} makes the simulated
 * network receive a call to one of the organization's flow numbers, which its flow answers the way
 * {@code /webhooks/twilio/voice} answers Twilio's (greeting, a department's queue as a routed transfer, recording).
 * Answers 201 with the call, {@code twiml} (what the caller hears) and, when queued, the {@code transfer_id} to follow.
 * It lives with routing because queueing the call is routing's; on a Twilio node it answers 409
 * {@code simulator_disabled}.
 */
@Path("admin/simulate")
@ApplicationScoped
@RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME})
@Produces(MediaType.APPLICATION_JSON)
public class SimulatorResource {

    @Inject
    SimulatedCalls simulated;

    @Inject
    Calls calls;

    @Inject
    CallControls controls;

    @Inject
    CallHandoffs handoffs;

    @Inject
    Clock clock;

    @POST
    @Path("inbound")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response inbound(SimulatedInbound request) {
        simulated.refuseUnlessSimulated(); // before the body is read: a Twilio node refuses whatever was sent
        var received = simulated.receive(Bodies.required(request));
        var answer = received.answer();
        String sid = received.call().callId();
        String heard = answer.twiml();
        String queuedTo = "";
        String transferId = "";
        if (!answer.queueTo().isEmpty()) {
            try { // its own transaction, as for Twilio: a department refusing the call leaves the call's record
                transferId = handoffs.queue(new CallWaiting(sid, answer.queueTo(), answer.context()));
                queuedTo = answer.queueTo();
            } catch (BusinessException refused) {
                heard = answer.unqueued();
                if (answer.unqueuedHangsUp()) { // the apology ends the call, as Twilio's <Hangup/> would
                    controls.end(sid);
                }
            }
        }
        var call = calls.find(sid).orElse(received.call());
        return Response.status(Response.Status.CREATED)
                .entity(Envelope.of("success", true)
                        .with("call_sid", sid)
                        .with("call", CallView.of(call, Clocks.now(clock)))
                        .with("twiml", heard)
                        .with("queued_to", queuedTo)
                        .with("transfer_id", transferId))
                .build();
    }
}
