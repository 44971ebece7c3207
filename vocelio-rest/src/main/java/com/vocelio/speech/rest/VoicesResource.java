package com.vocelio.speech.rest;

import com.vocelio.identity.entity.Role;
import com.vocelio.platform.control.CurrentTenant;
import com.vocelio.platform.rest.Envelope;
import com.vocelio.platform.rest.ErrorBody;
import com.vocelio.speech.boundary.Syntheses;
import com.vocelio.speech.boundary.Voices;
import com.vocelio.speech.control.PreviewLinks;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A provider's voices (contract S2: the {@code voices} array is what the Call Center reads) and a voice's sample.
 * {@code stale} is true when the provider is down and its last good list is served; a provider without keys lists its
 * tiers' voices ({@code configured:false}, {@code spoken_by:"local"}). A preview plays with a bearer token or through
 * the signed {@code preview_url} of a voice card (a bare {@code <audio src>} sends no token).
 */
@Path("voices")
@ApplicationScoped
@RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.AGENT_NAME, Role.SERVICE_NAME})
public class VoicesResource {

    private static final String[] LISTENERS = {Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.AGENT_NAME, Role.SERVICE_NAME
    };

    @Inject
    Voices voices;

    @Inject
    Syntheses syntheses;

    @Inject
    PreviewLinks links;

    @Inject
    CurrentTenant tenant;

    @Inject
    @ConfigProperty(name = "vocelio.public-url")
    Optional<String> publicUrl;

    @GET
    @Path("{provider}")
    @Produces(MediaType.APPLICATION_JSON)
    public Envelope voices(@PathParam("provider") String provider, @Context UriInfo uri) {
        var listing = voices.voices(provider);
        var list = listing.voices();
        String base = publicUrl
                        .filter(url -> !url.isBlank())
                        .orElse(uri.getBaseUri().toString())
                        .replaceAll("/+$", "") + "/voices/preview/";
        String organization = tenant.id();
        return Envelope.of("provider", listing.provider())
                .with("configured", listing.configured())
                .with("spoken_by", listing.spokenBy())
                .with("stale", list.stale())
                .with(
                        "fetched_at",
                        list.fetchedAt() == null ? "" : list.fetchedAt().toString())
                .with(
                        "voices",
                        list.voices().stream()
                                .map(voice -> VoiceView.of(
                                        voice,
                                        base
                                                + URLEncoder.encode(voice.id(), StandardCharsets.UTF_8)
                                                        .replace("+", "%20")
                                                + "?" + links.query(organization, voice.id(), voice.provider())))
                                .toList())
                .with("total", list.voices().size());
    }

    /** A short sample in the voice, from the cache after the first time; {@code provider} narrows the search. */
    @GET
    @Path("preview/{voice_id}")
    @PermitAll // a bearer token with a listener's role, or a signed link: checked here
    public Response preview(
            @PathParam("voice_id") String voiceId,
            @QueryParam("provider") String provider,
            @QueryParam("org") String organization,
            @QueryParam("expires") String expires,
            @QueryParam("signature") String signature,
            @Context SecurityContext caller) {
        if (signature != null) {
            return links.tenantOf(voiceId, provider, organization, expires, signature)
                    .map(signedFor ->
                            tenant.runAs(signedFor, () -> AudioResponses.of(syntheses.preview(voiceId, provider))))
                    .orElseGet(() -> ErrorBody.response(
                            401,
                            "invalid_preview_link",
                            "This preview link is altered or expired: list the voices again"));
        }
        if (caller.getUserPrincipal() == null) {
            return ErrorBody.response(401, "unauthenticated", "Sign in, or play the voice card's preview_url");
        }
        if (Stream.of(LISTENERS).noneMatch(caller::isUserInRole)) {
            return ErrorBody.response(403, "forbidden", "Your role may not listen to previews");
        }
        return AudioResponses.of(syntheses.preview(voiceId, provider));
    }
}
