package com.vocelio.call.rest;

import com.vocelio.call.boundary.AiLegs;
import com.vocelio.call.boundary.TelephonyDirectory;
import com.vocelio.call.boundary.TwilioConferences;
import com.vocelio.call.control.TwilioTelephony;
import com.vocelio.call.control.Twiml;
import com.vocelio.platform.control.CurrentTenant;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

/**
 * Twilio's reports on a transfer's conference (signed like every Twilio webhook): who joined and left it (our caller
 * joining tells the conference's sid, which hold and mute need), its start (the agent's leg joined: the AI's cue to
 * speak its hand-off line), and a conference transfer's conference being over for the caller ({@code over}, the
 * caller's {@code <Dial>} action: the AI takes the caller back). Participants that are not our calls (the agents'
 * legs) change nothing. {@code ai-leg} is the Voice URL of the TwiML App the AI's own
 * conference leg dials: its TwiML streams the leg to {@code /ws/twilio/media}.
 */
@Path("webhooks/twilio/conference")
@ApplicationScoped
@PermitAll
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
@Produces(MediaType.APPLICATION_XML)
public class TwilioConferencesResource {

    @Inject
    TwilioSignatures signatures;

    @Inject
    TelephonyDirectory directory;

    @Inject
    TwilioConferences conferences;

    @Inject
    AiLegs legs;

    @Inject
    CurrentTenant tenant;

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uri;

    @POST
    public String participants(MultivaluedMap<String, String> form) {
        signatures.verify(headers, uri, form);
        if ("conference-start".equals(form.getFirst("StatusCallbackEvent"))) {
            started(form.getFirst("FriendlyName"));
            return Twiml.response().toString();
        }
        String callSid = form.getFirst("CallSid");
        directory
                .organizationOfCall(TwilioTelephony.NAME, callSid)
                .ifPresent(organization -> tenant.runAs(organization, () -> {
                    conferences.conference(
                            callSid,
                            form.getFirst("StatusCallbackEvent"),
                            form.getFirst("FriendlyName"),
                            form.getFirst("ConferenceSid"));
                    return null;
                }));
        return Twiml.response().toString();
    }

    /** The conference names no call of ours (it has no participant): the call in it is found by its name. */
    private void started(String conference) {
        directory
                .organizationOfConference(TwilioTelephony.NAME, conference)
                .ifPresent(organization -> tenant.runAs(organization, () -> {
                    legs.conferenceStarted(conference);
                    return null;
                }));
    }

    @POST
    @Path("over")
    public String over(MultivaluedMap<String, String> form) {
        signatures.verify(headers, uri, form);
        String callSid = form.getFirst("CallSid");
        return directory
                .organizationOfCall(TwilioTelephony.NAME, callSid)
                .map(organization -> tenant.runAs(organization, () -> conferences.afterConference(callSid)))
                .orElseGet(() -> Twiml.response().hangup().toString());
    }

    /** Twilio fetches the AI leg's TwiML: {@code CallSid} is the leg, {@code caller_sid} (our parameter) the caller. */
    @POST
    @Path("ai-leg")
    public String aiLeg(MultivaluedMap<String, String> form) {
        signatures.verify(headers, uri, form);
        String callerSid = form.getFirst(TwilioTelephony.AI_CALLER);
        return directory
                .organizationOfCall(TwilioTelephony.NAME, callerSid)
                .map(organization -> tenant.runAs(organization, () -> legs.twiml(callerSid, form.getFirst("CallSid"))))
                .orElseGet(() -> Twiml.response().hangup().toString());
    }
}
