package com.vocelio.call.rest;

import com.vocelio.call.boundary.Recordings;
import com.vocelio.identity.entity.Role;
import com.vocelio.platform.rest.Envelope;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * One recording of the organization by its id (the provider's sid): read it, listen to it, or delete it, here and
 * at the provider. Deleting is for those who may delete what the organization keeps about its callers, not every agent.
 */
@Path("{api: (?:api/)?}recordings/{recording_id}")
@ApplicationScoped
@RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.AGENT_NAME, Role.SERVICE_NAME})
@Produces(MediaType.APPLICATION_JSON)
public class RecordingsResource {

    static final String WAV = "audio/wav";

    @Inject
    Recordings recordings;

    @GET
    public RecordingView get(@PathParam("recording_id") String recordingId) {
        return RecordingView.of(recordings.get(recordingId));
    }

    /**
     * The audio, through us and signed in (the provider's copy needs our credentials): {@code …/audio}, or the
     * recording itself asked for as {@code audio/wav} (JSON stays the answer to a client that takes anything).
     */
    @GET
    @Path("audio")
    @Produces(WAV)
    public Response audio(@PathParam("recording_id") String recordingId) {
        return Response.ok(recordings.audio(recordingId), WAV)
                .header("Content-Disposition", "inline; filename=\"" + recordingId.strip() + ".wav\"")
                .build();
    }

    @GET
    @Produces(WAV + ";qs=0.5")
    public Response audioAsked(@PathParam("recording_id") String recordingId) {
        return audio(recordingId);
    }

    @DELETE
    @RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.SERVICE_NAME})
    public Envelope delete(@PathParam("recording_id") String recordingId) {
        var deleted = RecordingView.of(recordings.delete(recordingId));
        return Envelope.of("success", true).with("deleted", true).with("recording", deleted);
    }
}
