package com.vocelio.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

    @Test
    void anIdIsAVersion7UuidCarryingItsMillisecond() {
        var time = Instant.parse("2026-12-04T14:20:00.123Z");
        var id = UUID.fromString(TimeOrderedIds.at(time));
        assertEquals(7, id.version());
        assertEquals(2, id.variant());
        assertEquals(time.toEpochMilli(), id.getMostSignificantBits() >>> 16);
        assertNotEquals(TimeOrderedIds.at(time), TimeOrderedIds.at(time));
    }

    @Test
    void laterIdsSortAfterEarlierOnesAsTextAndAsPostgresUuids() {
        var time = Instant.parse("2026-12-04T14:20:00Z");
        String previous = TimeOrderedIds.at(time);
        for (int i = 1; i < 1000; i++) {
            String next = TimeOrderedIds.at(time.plusMillis(i));
            assertTrue(next.compareTo(previous) > 0, previous + " then " + next);
            previous = next;
        }
    }
}
