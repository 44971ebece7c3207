package com.vocelio.transfer.rest;

import com.vocelio.identity.entity.Role;
import com.vocelio.platform.rest.Envelope;
import com.vocelio.transfer.boundary.Queues;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The seed's {@code /departments/{dept}/queue} (an id or a name, polled every 5 s by the guide's client), also under
 * the portal's /api: who waits, in order, with waits and estimates in seconds. The optional prefix is part of the
 * template, so both paths are this one class, and its literal {@code /queue} keeps it ahead of the departments root.
 */
@Path("{api: (?:api/)?}departments/{department}/queue")
@ApplicationScoped
@RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.AGENT_NAME, Role.SERVICE_NAME})
@Produces(MediaType.APPLICATION_JSON)
public class DepartmentQueueResource {

    @Inject
    Queues queues;

    @Inject
    Clock clock;

    @GET
    public Envelope queue(@PathParam("department") String department) {
        var waiting = queues.queueOf(department);
        OffsetDateTime now = OffsetDateTime.now(clock);
        var details = waiting.stream()
                .map(w -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("transfer_id", w.transfer().transferId());
                    row.put("call_id", w.transfer().call().callId());
                    row.put("context_summary", w.transfer().contextSummary());
                    row.put("urgency_level", w.transfer().urgency().wireName());
                    row.put(
                            "wait_time",
                            Duration.between(w.transfer().queuedAt(), now).toSeconds());
                    row.put("position", w.spot().position());
                    row.put("estimated_wait_time", w.spot().estimatedWaitSeconds());
                    return row;
                })
                .toList();
        return Envelope.of("department", department)
                .with("queue_length", details.size())
                .with("queue_details", details);
    }
}
