package com.vocelio.transfer.rest;

import com.vocelio.identity.entity.Role;
import com.vocelio.platform.rest.Envelope;
import com.vocelio.transfer.boundary.Queues;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;

/** The seed's {@code /queue/status}: per department and in total, who waits, how long, who is free, service level. */
@Path("queue/status")
@ApplicationScoped
@RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.AGENT_NAME, Role.SERVICE_NAME})
@Produces(MediaType.APPLICATION_JSON)
public class QueueStatusResource {

    @Inject
    Queues queues;

    @GET
    public Envelope status() {
        var perDepartment = queues.status();
        var departments = perDepartment.stream()
                .map(s -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("department_id", s.departmentId());
                    row.put("department", s.department());
                    row.put("waiting", s.waiting());
                    row.put("longest_wait", s.longestWaitSeconds());
                    row.put("available_agents", s.availableAgents());
                    row.put("busy_agents", s.busyAgents());
                    row.put("service_level", Math.round(s.serviceLevelPercent() * 10) / 10.0);
                    return row;
                })
                .toList();
        Map<String, Object> total = new LinkedHashMap<>();
        total.put(
                "waiting",
                perDepartment.stream().mapToLong(Queues.Status::waiting).sum());
        total.put(
                "longest_wait",
                perDepartment.stream()
                        .mapToLong(Queues.Status::longestWaitSeconds)
                        .max()
                        .orElse(0));
        total.put(
                "available_agents",
                perDepartment.stream().mapToLong(Queues.Status::availableAgents).sum());
        total.put(
                "busy_agents",
                perDepartment.stream().mapToLong(Queues.Status::busyAgents).sum());
        return Envelope.of("departments", departments).with("total", total);
    }
}
