package com.vocelio.call.rest;

import com.vocelio.call.boundary.TelephonyDirectory;
import com.vocelio.call.boundary.TwilioCallbacks;
import com.vocelio.call.control.TwilioTelephony;
import com.vocelio.call.control.Twiml;
import com.vocelio.platform.control.CurrentTenant;
import com.vocelio.platform.control.PhoneNumbers;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Twilio's requests to us, signed rather than signed in: an inbound call to one of our numbers ({@code voice},
 * answered with the TwiML of the number's flow) and the status callbacks of our calls ({@code status}). A wrong or
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
    CurrentTenant tenant;

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
        return directory
                .organizationOfNumber(to)
                .map(organization -> tenant.runAs(
                        organization, () -> callbacks.answer(form.getFirst("CallSid"), form.getFirst("From"), to)))
                .orElseGet(() -> Twiml.response()
                        .say("This number is not in service.", null)
                        .hangup()
                        .toString());
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
}
