package com.vocelio.campaign.rest;

import com.vocelio.platform.rest.Envelope;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * {@code GET /campaigns/active}, polled by the hub and preloaded by the home dashboard (contract §7). Outbound
 * campaigns are not part of this backend yet, so no organization has an active one: the list is truly empty, for
 * everyone.
 */
@Path("campaigns")
@ApplicationScoped
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class CampaignsResource {

    @GET
    @Path("active")
    public Envelope active() {
        return Envelope.of("campaigns", List.of()).with("total", 0);
    }
}
