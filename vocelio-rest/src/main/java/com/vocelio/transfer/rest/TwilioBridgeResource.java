package com.vocelio.transfer.rest;

import com.vocelio.call.boundary.TelephonyDirectory;
import com.vocelio.call.control.TwilioSettings;
import com.vocelio.call.control.TwilioTelephony;
import com.vocelio.call.control.Twiml;
import com.vocelio.call.rest.TwilioSignatures;
import com.vocelio.platform.control.CurrentTenant;
import com.vocelio.transfer.boundary.TransferMoves;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Twilio's reports on the bridge to a routed agent (signed like every Twilio webhook): the agent's leg answered
 * ({@code answered}: the transfer is connected, and a warm transfer's agent hears the briefing before the caller is
 * put through), and the dial is over ({@code /webhooks/twilio/bridge}: an agent who never answered sends the
 * transfer back to the queue while the caller hears hold music; a finished conversation completes it). Each names
 * the transfer and the offer its leg was placed for ({@code transfer_id}, {@code offer}): a report about an earlier
 * agent's leg, late or repeated after the transfer went on to another agent, moves nothing and is answered so as to
 * leave the caller where they are (the old leg is hung up, the caller is never).
 */
@Path("webhooks/twilio/bridge")
@ApplicationScoped
@PermitAll
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
@Produces(MediaType.APPLICATION_XML)
public class TwilioBridgeResource {

    /** Dial outcomes in which the agent's leg was answered. */
    static final Set<String> ANSWERED = Set.of("completed", "answered");

    /** The final statuses of a leg: only {@code completed} was answered. */
    static final Set<String> LEG_OVER = Set.of("completed", "busy", "no-answer", "failed", "canceled");

    @Inject
    TwilioSignatures signatures;

    @Inject
    TelephonyDirectory directory;

    @Inject
    TransferMoves moves;

    @Inject
    CurrentTenant tenant;

    @Inject
    TwilioSettings settings;

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uri;

    /**
     * The agent's leg answered; what it is answered runs on that leg only (a dialled agent's before they are put
     * through, a conference agent's own call). The latest offer's agent is briefed and put through; any other leg (an
     * earlier agent's answering late) is hung up, which the caller does not hear.
     */
    @POST
    @Path("answered")
    public String answered(
            @QueryParam("transfer_id") String transferId,
            @QueryParam("offer") Integer offer,
            @QueryParam("call_sid") String callSid,
            MultivaluedMap<String, String> form) {
        signatures.verify(headers, uri, form);
        // a dialled agent's leg is the caller's child; an agent called into a conference has a leg of their own
        String callerSid = form.getFirst("ParentCallSid") != null ? form.getFirst("ParentCallSid") : callSid;
        return directory
                .organizationOfCall(TwilioTelephony.NAME, callerSid)
                .flatMap(organization -> tenant.runAs(organization, () -> moves.bridgeAnswered(
                                transferId, callerSid, offered(offer))
                        .map(transfer -> {
                            String briefing = transfer.briefing();
                            String conference = TwilioTelephony.conferenceName(transfer.transferId());
                            return conference.equals(transfer.call().conferenceName())
                                    ? TwilioTelephony.agentIntoConference(conference, briefing)
                                    : Twiml.response().say(briefing, null).toString();
                        })))
                .orElseGet(() -> Twiml.response().hangup().toString());
    }

    /**
     * The status of an agent's own leg into a conference: one that ended without an answer sends the transfer back
     * to the queue (the caller keeps hearing the conference's hold music); one that ended after an answer completes
     * it. Progress on the way (ringing, answered) changes nothing, nor does an earlier offer's leg. A status callback:
     * Twilio reads nothing of the answer.
     */
    @POST
    @Path("leg")
    public String leg(
            @QueryParam("transfer_id") String transferId,
            @QueryParam("offer") Integer offer,
            @QueryParam("call_sid") String callerSid,
            MultivaluedMap<String, String> form) {
        signatures.verify(headers, uri, form);
        String status = String.valueOf(form.getFirst("CallStatus"));
        if (LEG_OVER.contains(status)) {
            directory
                    .organizationOfCall(TwilioTelephony.NAME, callerSid)
                    .ifPresent(organization -> tenant.runAs(
                            organization,
                            () -> moves.bridgeEnded(
                                    transferId, callerSid, offered(offer), status.equals("completed"))));
        }
        return Twiml.response().toString();
    }

    /**
     * The caller's {@code <Dial>} of the agent is over, and Twilio goes on with the caller's call as answered here: on
     * hold while the transfer still has them, else hung up. An earlier offer's dial is never answered with a hang-up
     * while the transfer is open: Twilio runs an action's answer only on a call still in that dial (a caller since
     * moved on to the next agent's dial by our update has left it, and Twilio drops it), and should a replay or a
     * retry be answered all the same, hold music at worst keeps a caller who would otherwise be cut off.
     */
    @POST
    public String ended(
            @QueryParam("transfer_id") String transferId,
            @QueryParam("offer") Integer offer,
            MultivaluedMap<String, String> form) {
        signatures.verify(headers, uri, form);
        String callerSid = form.getFirst("CallSid");
        boolean agentAnswered = ANSWERED.contains(String.valueOf(form.getFirst("DialCallStatus")));
        boolean waiting = directory
                .organizationOfCall(TwilioTelephony.NAME, callerSid)
                .map(organization -> tenant.runAs(
                        organization, () -> moves.bridgeEnded(transferId, callerSid, offered(offer), agentAnswered)))
                .orElse(false);
        return waiting
                ? Twiml.response()
                        .say("Please hold while we connect you to the next available agent.", null)
                        .playForever(settings.holdMusicUrl())
                        .toString()
                : Twiml.response().hangup().toString();
    }

    /** The offer a leg was placed for; none for a leg placed before the addresses named it. */
    private static OptionalInt offered(Integer offer) {
        return offer == null ? OptionalInt.empty() : OptionalInt.of(offer);
    }
}
