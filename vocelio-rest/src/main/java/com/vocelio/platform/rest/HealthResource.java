package com.vocelio.platform.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.lang.management.ManagementFactory;
import java.util.Map;

/**
 * {@code GET /health}: polled by the portal on every page (merged over {@code {status, services, uptime}}; each
 * service an object with a {@code status}) and by the run command and load balancers for readiness. 503 when the
 * database does not answer. {@link StatusResource} answers the hub's {@code GET /status} with the same.
 */
@Path("health")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

    @Inject
    DatabaseProbe database;

    @GET
    public Response health() {
        boolean up = database.answers();
        String status = up ? "healthy" : "unhealthy";
        var body = Map.of(
                "status",
                status,
                "services",
                Map.of("database", Map.of("status", status)),
                "uptime",
                ManagementFactory.getRuntimeMXBean().getUptime() / 1000);
        return Response.status(up ? 200 : 503).entity(body).build();
    }
}
