package com.vocelio.call.rest;

import com.vocelio.call.boundary.Recordings;
import com.vocelio.call.boundary.TelephonyDirectory;
import com.vocelio.call.boundary.TwilioCallbacks;
import com.vocelio.call.control.TwilioTelephony;
import com.vocelio.call.control.Twiml;
import com.vocelio.call.entity.CallWaiting;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.control.CurrentTenant;
import com.vocelio.platform.control.PhoneNumbers;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
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
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Twilio's requests to us, signed rather than signed in: an inbound call to one of our numbers ({@code voice},
 * answered with the TwiML of the number's flow), the status callbacks of our calls ({@code status}) and of their
 * recordings ({@code recording}); an inbound call whose flow queues to a department waits on hold for a routed
 * agent ({@link CallWaiting}). A wrong or
 * missing signature is a 403 before anything is read; a call or number we do not know is answered politely (Twilio
 * must not retry it) and changes nothing.
 */
@Path("webhooks/twilio")
@ApplicationScoped
@PermitAll
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
@Produces(MediaType.APPLICATION_XML)
public class TwilioWebhooksResource {

    @Inject
    TwilioSignatures signatures;

    @Inject
    TelephonyDirectory directory;

    @Inject
    TwilioCallbacks callbacks;

    @Inject
    Recordings recordings;

    @Inject
    CurrentTenant tenant;

    @Inject
    Event<CallWaiting> waiting;

    @Inject
    @ConfigProperty(name = "vocelio.phone.default-region", defaultValue = "US")
    String region;

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uri;

    @POST
    @Path("voice")
    public String voice(MultivaluedMap<String, String> form) {
        signatures.verify(headers, uri, form);
        String to = PhoneNumbers.toE164(form.getFirst("To"), region).orElse("");
        String callSid = form.getFirst("CallSid");
        return directory
                .organizationOfNumber(to)
                .map(organization -> tenant.runAs(organization, () -> {
                    var answer = callbacks.answer(callSid, form.getFirst("From"), to);
                    if (answer.queueTo().isEmpty()) {
                        return answer.twiml();
                    }
                    try { // its own transaction: a department refusing the call leaves the call's record
                        waiting.fire(new CallWaiting(callSid, answer.queueTo(), answer.context()));
                        return answer.twiml();
                    } catch (BusinessException refused) {
                        return answer.unqueued();
                    }
                }))
                .orElseGet(TwilioCallbacks::notInService);
    }

    @POST
    @Path("status")
    public String status(MultivaluedMap<String, String> form) {
        signatures.verify(headers, uri, form);
        String callSid = form.getFirst("CallSid");
        directory
                .organizationOfCall(TwilioTelephony.NAME, callSid)
                .ifPresent(organization -> tenant.runAs(
                        organization,
                        () -> callbacks.status(
                                callSid,
                                form.getFirst("CallStatus"),
                                form.getFirst("CallDuration"),
                                form.getFirst("Price"))));
        return Twiml.response().toString();
    }

    /** A recording of one of our calls started, ended or turned out empty: its metadata is kept with the call. */
    @POST
    @Path("recording")
    public String recording(MultivaluedMap<String, String> form) {
        signatures.verify(headers, uri, form);
        String callSid = form.getFirst("CallSid");
        directory
                .organizationOfCall(TwilioTelephony.NAME, callSid)
                .ifPresent(organization -> tenant.runAs(
                        organization,
                        () -> recordings.reported(
                                TwilioTelephony.NAME,
                                callSid,
                                form.getFirst("RecordingSid"),
                                form.getFirst("RecordingStatus"),
                                TwilioTelephony.seconds(form.getFirst("RecordingDuration")),
                                TwilioTelephony.seconds(form.getFirst("RecordingChannels")),
                                form.getFirst("RecordingUrl"),
                                startTime(form.getFirst("RecordingStartTime")))));
        return Twiml.response().toString();
    }

    /** Twilio writes times the RFC 2822 way ({@code Mon, 22 Aug 2011 15:32:11 +0000}); anything else is unknown. */
    private static OffsetDateTime startTime(String told) {
        if (told == null || told.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(told.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
