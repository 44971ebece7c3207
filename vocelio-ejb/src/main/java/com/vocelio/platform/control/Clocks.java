package com.vocelio.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The one source of "now". Boundaries and controls inject the {@link Clock} and hand the instant to entities, which
 * take it as a parameter: a unit test then drives an entity through time with a fixed clock instead of sleeping.
 */
@ApplicationScoped
public class Clocks {

    @Produces
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Microseconds in UTC: what PostgreSQL keeps, so a response shows the same instant a later read does. */
    public static OffsetDateTime now(Clock clock) {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
