package com.vocelio.speech.rest;

import com.vocelio.identity.entity.Role;
import com.vocelio.platform.boundary.BusinessException;
import com.vocelio.platform.rest.Envelope;
import com.vocelio.speech.boundary.Syntheses;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The organization's speech usage per tier ({@code since} a date, by default the first of this month, UTC), for the
 * wallet and billing; and the synthesis cache's figures (hit rate on this node since it started).
 */
@Path("speech")
@ApplicationScoped
@RolesAllowed({Role.ADMIN_NAME, Role.SUPERVISOR_NAME})
@Produces(MediaType.APPLICATION_JSON)
public class SpeechUsageResource {

    @Inject
    Syntheses syntheses;

    /** One tier's totals on the wire. */
    public record UsageView(
            String tier, long syntheses, long characters, double seconds, double minutes, long cached) {}

    @GET
    @Path("usage")
    public Envelope usage(@QueryParam("since") String since) {
        LocalDate from;
        try {
            from = since == null || since.isBlank()
                    ? LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1)
                    : LocalDate.parse(since.strip());
        } catch (DateTimeParseException e) {
            throw BusinessException.invalid("since", "must be a date like 2026-01-31");
        }
        var totals = syntheses.usageSince(from.atStartOfDay().atOffset(ZoneOffset.UTC)).stream()
                .map(total -> new UsageView(
                        total.tier(),
                        total.syntheses(),
                        total.characters(),
                        total.seconds(),
                        Math.round(total.seconds() / 60 * 1000) / 1000.0,
                        total.cached()))
                .toList();
        return Envelope.of("usage", totals).with("since", from.toString());
    }

    @GET
    @Path("cache")
    @RolesAllowed(Role.ADMIN_NAME)
    public Envelope cache() {
        var statistics = syntheses.cacheStatistics();
        return Envelope.of("hits", statistics.hits())
                .with("misses", statistics.misses())
                .with("hit_rate", Math.round(statistics.hitRate() * 10000) / 10000.0)
                .with("entries", statistics.entries())
                .with("bytes", statistics.bytes());
    }
}
