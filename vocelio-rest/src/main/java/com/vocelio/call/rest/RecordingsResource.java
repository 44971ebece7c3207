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

/**
 * One recording of the organization by its id (the provider's sid): read it, or delete it, here and at the
 * provider. Deleting is for those who may delete what the organization keeps about its callers, not every agent.
 */
@Path("{api: (?:api/)?}recordings/{recording_id}")
@ApplicationScoped
@RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.AGENT_NAME, Role.SERVICE_NAME})
@Produces(MediaType.APPLICATION_JSON)
public class RecordingsResource {

    @Inject
    Recordings recordings;

    @GET
    public RecordingView get(@PathParam("recording_id") String recordingId) {
        return RecordingView.of(recordings.get(recordingId));
    }

    @DELETE
    @RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.SERVICE_NAME})
    public Envelope delete(@PathParam("recording_id") String recordingId) {
        var deleted = RecordingView.of(recordings.delete(recordingId));
        return Envelope.of("success", true).with("deleted", true).with("recording", deleted);
    }
}
