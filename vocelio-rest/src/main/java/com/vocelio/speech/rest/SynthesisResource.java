package com.vocelio.speech.rest;

import com.vocelio.identity.entity.Role;
import com.vocelio.platform.rest.Bodies;
import com.vocelio.speech.boundary.Syntheses;
import com.vocelio.speech.boundary.SynthesisRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Synthesis (contract S3): the answer is the audio itself, not JSON, because the portal plays {@code res.blob()}.
 * No {@code @Produces}: the portal's fetch asks for JSON and must still get audio; errors are JSON as everywhere.
 * {@code /stream/synthesize} sends the audio chunk by chunk as the provider produces it (a WAV header with open
 * length first, for the local engine); its errors can only be JSON until the provider has started.
 */
@Path("{stream: (?:stream/)?}synthesize")
@ApplicationScoped
@RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.AGENT_NAME, Role.SERVICE_NAME})
@Consumes(MediaType.APPLICATION_JSON)
public class SynthesisResource {

    @Inject
    Syntheses syntheses;

    @POST
    public Response synthesize(@PathParam("stream") String stream, SynthesisRequest request) {
        if (stream.isEmpty()) {
            return AudioResponses.of(syntheses.synthesize(Bodies.required(request)));
        }
        return streamed(request);
    }

    /**
     * The provider's stream is opened before the answer is built, so {@code Provider} and {@code Voice-ID} name who
     * really speaks, also after {@code auto} fell back to the local engine.
     */
    private Response streamed(SynthesisRequest request) {
        var plan = syntheses.plan(Bodies.required(request)); // bad input and unknown voices answer 400 here
        var speech = syntheses.open(plan); // a provider that fails to start answers 502, or falls back, here
        StreamingOutput body = out -> syntheses.pour(speech, chunk -> {
            try {
                out.write(chunk);
                out.flush(); // each chunk leaves as it is produced
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return Response.ok(body, speech.mediaType())
                .header(AudioResponses.PROVIDER, speech.provider())
                .header(AudioResponses.VOICE_ID, speech.voiceId())
                .header(AudioResponses.CACHE, speech.cached() ? "hit" : "miss")
                .build();
    }
}
