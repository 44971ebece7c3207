package com.vocelio.speech.rest;

import com.vocelio.identity.entity.Role;
import com.vocelio.platform.rest.Envelope;
import com.vocelio.speech.boundary.Syntheses;
import com.vocelio.speech.boundary.Voices;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * A provider's voices (contract S2: the {@code voices} array is what the Call Center reads) and a voice's sample.
 * {@code stale} is true when the provider is down and its last good list is served; an unconfigured provider lists
 * none ({@code configured:false}).
 */
@Path("voices")
@ApplicationScoped
@RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.AGENT_NAME, Role.SERVICE_NAME})
public class VoicesResource {

    @Inject
    Voices voices;

    @Inject
    Syntheses syntheses;

    @GET
    @Path("{provider}")
    @Produces(MediaType.APPLICATION_JSON)
    public Envelope voices(@PathParam("provider") String provider) {
        var listing = voices.voices(provider);
        var list = listing.voices();
        return Envelope.of("provider", listing.provider())
                .with("configured", listing.configured())
                .with("stale", list.stale())
                .with(
                        "fetched_at",
                        list.fetchedAt() == null ? "" : list.fetchedAt().toString())
                .with("voices", list.voices().stream().map(VoiceView::of).toList())
                .with("total", list.voices().size());
    }

    /** A short sample in the voice, from the cache after the first time; {@code provider} narrows the search. */
    @GET
    @Path("preview/{voice_id}")
    public Response preview(@PathParam("voice_id") String voiceId, @QueryParam("provider") String provider) {
        return AudioResponses.of(syntheses.preview(voiceId, provider));
    }
}
