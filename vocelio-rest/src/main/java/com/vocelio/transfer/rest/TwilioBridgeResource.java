package com.vocelio.transfer.rest;

import com.vocelio.call.boundary.TelephonyDirectory;
import com.vocelio.call.control.TwilioSettings;
import com.vocelio.call.control.TwilioTelephony;
import com.vocelio.call.control.Twiml;
import com.vocelio.call.rest.TwilioSignatures;
import com.vocelio.platform.control.CurrentTenant;
import com.vocelio.transfer.boundary.TransferMoves;
import com.vocelio.transfer.entity.TransferType;
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
import java.util.Set;

/**
 * Twilio's reports on the bridge to a routed agent (signed like every Twilio webhook): the agent's leg answered
 * ({@code answered}: the transfer is connected, and a warm transfer's agent hears the briefing before the caller is
 * put through), and the dial is over ({@code /webhooks/twilio/bridge}: an agent who never answered sends the
 * transfer back to the queue while the caller hears hold music; a finished conversation completes it).
 */
@Path("webhooks/twilio/bridge")
@ApplicationScoped
@PermitAll
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
@Produces(MediaType.APPLICATION_XML)
public class TwilioBridgeResource {

    /** Dial outcomes in which the agent's leg was answered. */
    static final Set<String> ANSWERED = Set.of("completed", "answered");

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

    @POST
    @Path("answered")
    public String answered(@QueryParam("transfer_id") String transferId, MultivaluedMap<String, String> form) {
        signatures.verify(headers, uri, form);
        String callerSid = form.getFirst("ParentCallSid");
        return directory
                .organizationOfCall(TwilioTelephony.NAME, callerSid)
                .map(organization -> tenant.runAs(organization, () -> {
                    var transfer = moves.bridgeAnswered(transferId, callerSid);
                    return transfer.type() == TransferType.WARM
                            ? Twiml.response()
                                    .say(transfer.contextSummary(), null)
                                    .toString()
                            : Twiml.response().toString();
                }))
                .orElseGet(() -> Twiml.response().hangup().toString());
    }

    @POST
    public String ended(@QueryParam("transfer_id") String transferId, MultivaluedMap<String, String> form) {
        signatures.verify(headers, uri, form);
        String callerSid = form.getFirst("CallSid");
        boolean agentAnswered = ANSWERED.contains(String.valueOf(form.getFirst("DialCallStatus")));
        boolean waiting = directory
                .organizationOfCall(TwilioTelephony.NAME, callerSid)
                .map(organization ->
                        tenant.runAs(organization, () -> moves.bridgeEnded(transferId, callerSid, agentAnswered)))
                .orElse(false);
        return waiting
                ? Twiml.response()
                        .say("Please hold while we connect you to the next available agent.", null)
                        .playForever(settings.holdMusicUrl())
                        .toString()
                : Twiml.response().hangup().toString();
    }
}
