package com.vocelio.speech.rest;

import com.vocelio.identity.entity.Role;
import com.vocelio.platform.control.CurrentTenant;
import com.vocelio.platform.rest.Bodies;
import com.vocelio.speech.boundary.Speech;
import com.vocelio.speech.boundary.Syntheses;
import com.vocelio.speech.boundary.SynthesisRequest;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.jersey.server.ChunkedOutput;

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

    private static final Logger LOG = Logger.getLogger(SynthesisResource.class.getName());

    @Inject
    Syntheses syntheses;

    @Inject
    CurrentTenant tenant;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    @POST
    public Response synthesize(@PathParam("stream") String stream, SynthesisRequest request) {
        if (stream.isEmpty()) {
            return AudioResponses.of(syntheses.synthesize(Bodies.required(request)));
        }
        return streamed(request);
    }

    /**
     * The provider's stream is opened before the answer is built, so {@code Provider} and {@code Voice-ID} name who
     * really speaks, also after {@code auto} fell back to the local engine. The audio is poured on another thread
     * into a {@link ChunkedOutput}: the one entity Jersey does not hold back in its 8 KB buffer, so the headers and
     * each chunk leave at once (a flush of a buffered entity sends nothing until 8 KB, two seconds of Azure's MP3).
     */
    private Response streamed(SynthesisRequest request) {
        var plan = syntheses.plan(Bodies.required(request)); // bad input and unknown voices answer 400 here
        var speech = syntheses.open(plan); // a provider that fails to start answers 502, or falls back, here
        var output = new ChunkedOutput<byte[]>(byte[].class);
        String organization = tenant.id();
        executor.execute(() -> pour(speech, output, organization));
        return Response.ok(output, speech.mediaType())
                .header(AudioResponses.PROVIDER, speech.provider())
                .header(AudioResponses.VOICE_ID, speech.voiceId())
                .header(AudioResponses.CACHE, speech.cached() ? "hit" : "miss")
                .build();
    }

    /** A failure after the headers can only end the audio early: the client has what came until then. */
    private void pour(Speech speech, ChunkedOutput<byte[]> output, String organization) {
        try (output) {
            tenant.runAs(
                    organization,
                    () -> syntheses.pour(speech, chunk -> {
                        try {
                            output.write(chunk);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "A speech stream ended early", e); // the client left, or the provider broke off
        }
    }
}
