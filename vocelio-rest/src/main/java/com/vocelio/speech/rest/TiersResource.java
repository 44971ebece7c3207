package com.vocelio.speech.rest;

import com.vocelio.identity.entity.Role;
import com.vocelio.platform.rest.Envelope;
import com.vocelio.speech.boundary.Voices;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The voice tiers (contract S1): {@code {tiers:{regular:{tts_provider, price_per_minute, quality, voices}, premium,
 * local}, description:{…}}}. The portal fails with "Unknown tier" when regular or premium is missing, so both are
 * always configured. {@code tts_provider} is the tier's configured provider, keys or not (the portal asks
 * {@code /voices/{tts_provider}} next); {@code spoken_by} is who speaks it now: that provider when {@code configured},
 * else the local engine.
 */
@Path("tiers")
@ApplicationScoped
@RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME, Role.AGENT_NAME, Role.SERVICE_NAME})
@Produces(MediaType.APPLICATION_JSON)
public class TiersResource {

    @Inject
    Voices voices;

    /** One tier on the wire. */
    public record TierView(
            String ttsProvider,
            String spokenBy,
            boolean configured,
            java.math.BigDecimal pricePerMinute,
            String quality,
            String description,
            List<String> voices) {}

    @GET
    public Envelope tiers() {
        Map<String, TierView> tiers = new LinkedHashMap<>();
        Map<String, String> descriptions = new LinkedHashMap<>();
        for (Voices.Offer offer : voices.tiers()) {
            var tier = offer.tier();
            tiers.put(
                    tier.name(),
                    new TierView(
                            tier.provider(),
                            offer.spokenBy(),
                            offer.configured(),
                            tier.pricePerMinute(),
                            tier.quality(),
                            tier.description(),
                            tier.voices()));
            descriptions.put(tier.name(), tier.description());
        }
        return Envelope.of("tiers", tiers).with("description", descriptions);
    }
}
