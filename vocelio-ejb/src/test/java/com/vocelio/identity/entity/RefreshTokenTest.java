package com.vocelio.identity.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RefreshTokenTest {

    @Test
    void aFreshTokenIsUsable() {
        var token = RefreshToken.firstOf("user", "hash", Duration.ofDays(1));
        assertTrue(token.isUsable());
        assertFalse(token.isReplayed());
    }

    @Test
    void rotationUsesTheTokenUpAndKeepsTheFamily() {
        var first = RefreshToken.firstOf("user", "hash-1", Duration.ofDays(1));
        var second = first.rotate("hash-2", Duration.ofDays(1));
        assertFalse(first.isUsable());
        assertTrue(first.isReplayed(), "presenting it again is a replay");
        assertTrue(second.isUsable());
        assertEquals(first.familyId(), second.familyId());
        assertEquals("user", second.userId());
    }

    @Test
    void anExpiredTokenIsNotUsableButNotAReplay() {
        var token = RefreshToken.firstOf("user", "hash", Duration.ofSeconds(-1));
        assertFalse(token.isUsable());
        assertFalse(token.isReplayed());
    }

    @Test
    void everyLoginStartsItsOwnFamily() {
        assertFalse(RefreshToken.firstOf("u", "a", Duration.ofDays(1))
                .familyId()
                .equals(RefreshToken.firstOf("u", "b", Duration.ofDays(1)).familyId()));
    }

    @Test
    void aTokenJustUsedIsWithinTheGraceAndAnUnusedOneIsNot() {
        var first = RefreshToken.firstOf("user", "hash-1", Duration.ofDays(1));
        assertFalse(first.usedWithin(Duration.ofSeconds(30)), "never used");
        first.rotate("hash-2", Duration.ofDays(1));
        assertTrue(first.usedWithin(Duration.ofSeconds(30)));
        assertFalse(first.usedWithin(Duration.ofSeconds(-1)), "the grace is over");
    }
}
