package com.vocelio.platform.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The hub's {@code GET /status} (contract §7.2, a fallback of the home dashboard): the health report. */
@Path("status")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {

    @Inject
    HealthResource health;

    @GET
    public Response status() {
        return health.health();
    }
}
