package com.vocelio.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class RepeatedWarningsTest {

    private static final String POOL = "javax.enterprise.resource.resourceadapter.com.sun.gjc.spi";

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final List<String> reports = new ArrayList<>();
    private final RepeatedWarnings limit = new RepeatedWarnings(
            List.of("javax.enterprise.resource"),
            Duration.ofMinutes(1),
            new Clock() {
                @Override
                public ZoneOffset getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return now;
                }
            },
            reports::add);

    @Test
    void anOutageIsLoggedOncePerKindAndMinuteWithTheCountOfWhatWasDropped() {
        assertTrue(limit.isLoggable(record(POOL, Level.WARNING, "RAR5114 : Error allocating connection")));
        for (int i = 0; i < 50; i++) {
            now = now.plusMillis(100);
            assertFalse(limit.isLoggable(record(POOL, Level.WARNING, "RAR5114 : Error allocating connection")));
        }
        // another kind from the same logger is not hidden behind the first
        assertTrue(limit.isLoggable(record(POOL, Level.WARNING, "RAR5117 : Failed to obtain connection")));
        assertTrue(reports.isEmpty());
        now = now.plus(Duration.ofMinutes(1));
        assertTrue(limit.isLoggable(record(POOL, Level.WARNING, "RAR5114 : Error allocating connection")));
        assertEquals(1, reports.size());
        assertTrue(reports.get(0).startsWith("50 more like the next warning from " + POOL), reports.get(0));
    }

    @Test
    void whatWasDroppedIsToldOnceTheWindowIsOverEvenIfNothingFollows() {
        assertTrue(limit.isLoggable(record(POOL, Level.WARNING, "RAR5114 : Error allocating connection")));
        assertFalse(limit.isLoggable(record(POOL, Level.WARNING, "RAR5114 : Error allocating connection")));
        limit.flush();
        assertTrue(reports.isEmpty(), "not before the window is over");
        now = now.plus(Duration.ofMinutes(1));
        limit.flush();
        limit.flush();
        assertEquals(List.of("1 more warnings like " + POOL + "'s of 2026-01-01T00:00:00Z were not logged"), reports);
    }

    @Test
    void everyHandlerGetsTheSameAnswerForOneRecord() {
        var first = record(POOL, Level.SEVERE, "RAR5031:System Exception");
        assertTrue(limit.isLoggable(first));
        assertTrue(limit.isLoggable(first));
        var repeat = record(POOL, Level.SEVERE, "RAR5031:System Exception");
        assertFalse(limit.isLoggable(repeat));
        assertFalse(limit.isLoggable(repeat));
    }

    @Test
    void otherLoggersAndLesserLevelsAreNotLimited() {
        for (int i = 0; i < 5; i++) {
            assertTrue(limit.isLoggable(record("com.vocelio.transfer.boundary.RoutingClock", Level.WARNING, "paused")));
            assertTrue(limit.isLoggable(record(POOL, Level.INFO, "RAR5114")));
        }
    }

    private static LogRecord record(String logger, Level level, String message) {
        var record = new LogRecord(level, message);
        record.setLoggerName(logger);
        return record;
    }
}
