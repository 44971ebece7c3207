package com.vocelio.omnichannel.rest;

import com.vocelio.call.boundary.Telephony;
import com.vocelio.platform.rest.Envelope;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * The hub's {@code GET /capabilities} ({@code {channels, features}}): what this installation serves, the same for
 * every caller. Only what works is listed.
 */
@Path("capabilities")
@ApplicationScoped
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class CapabilitiesResource {

    static final List<String> FEATURES = List.of(
            "call_transfer",
            "skills_routing",
            "queues",
            "call_logs",
            "transfer_analytics",
            "live_events",
            "notifications");

    @Inject
    ChannelCatalog catalog;

    @Inject
    Telephony telephony;

    @GET
    public Envelope capabilities() {
        return Envelope.of("channels", catalog.enabledChannels())
                .with("features", FEATURES)
                .with("telephony", telephony.provider());
    }
}
