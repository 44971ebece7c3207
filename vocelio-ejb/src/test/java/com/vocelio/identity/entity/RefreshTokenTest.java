package com.vocelio.identity.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class RefreshTokenTest {

    private static final OffsetDateTime NOW = OffsetDateTime.parse("2025-01-06T09:00:00Z");

    @Test
    void aFreshTokenIsUsable() {
        var token = RefreshToken.firstOf("user", "hash", Duration.ofDays(1), NOW);
        assertTrue(token.isUsable(NOW.plusSeconds(20)));
        assertFalse(token.isReplayed());
    }

    @Test
    void rotationUsesTheTokenUpAndKeepsTheFamily() {
        var first = RefreshToken.firstOf("user", "hash-1", Duration.ofDays(1), NOW);
        var second = first.rotate("hash-2", Duration.ofDays(1), NOW.plusSeconds(10));
        assertFalse(first.isUsable(NOW.plusSeconds(20)));
        assertTrue(first.isReplayed(), "presenting it again is a replay");
        assertTrue(second.isUsable(NOW.plusSeconds(20)));
        assertEquals(first.familyId(), second.familyId());
        assertEquals("user", second.userId());
    }

    @Test
    void anExpiredTokenIsNotUsableButNotAReplay() {
        var token = RefreshToken.firstOf("user", "hash", Duration.ofSeconds(-1), NOW);
        assertFalse(token.isUsable(NOW.plusSeconds(20)));
        assertFalse(token.isReplayed());
    }

    @Test
    void everyLoginStartsItsOwnFamily() {
        assertFalse(RefreshToken.firstOf("u", "a", Duration.ofDays(1), NOW)
                .familyId()
                .equals(RefreshToken.firstOf("u", "b", Duration.ofDays(1), NOW).familyId()));
    }

    @Test
    void aTokenJustUsedIsWithinTheGraceAndAnUnusedOneIsNot() {
        var first = RefreshToken.firstOf("user", "hash-1", Duration.ofDays(1), NOW);
        assertFalse(first.usedWithin(Duration.ofSeconds(30), NOW.plusSeconds(20)), "never used");
        first.rotate("hash-2", Duration.ofDays(1), NOW.plusSeconds(10));
        assertTrue(first.usedWithin(Duration.ofSeconds(30), NOW.plusSeconds(20)));
        assertFalse(first.usedWithin(Duration.ofSeconds(-1), NOW.plusSeconds(20)), "the grace is over");
    }
}
