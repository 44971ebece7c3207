package com.vocelio.identity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TotpTest {

    /** RFC 6238 appendix B: SHA-1, secret "12345678901234567890", T = 59 s → 94287082 (8 digits; 6 → 287082). */
    @Test
    void matchesTheRfc6238TestVector() {
        String secret = new org.apache.commons.codec.binary.Base32()
                .encodeToString("12345678901234567890".getBytes())
                .replace("=", "");
        assertEquals(287082, Totp.codeAt(secret, Instant.ofEpochSecond(59)));
    }

    @Test
    void theCurrentAndNeighbouringStepsAreAccepted() {
        String secret = Totp.newSecret();
        Instant now = Instant.parse("2026-01-01T12:00:00Z");
        for (int seconds : new int[] {-30, 0, 30}) {
            String code = "%06d".formatted(Totp.codeAt(secret, now.plusSeconds(seconds)));
            assertTrue(Totp.verify(secret, code, now), "drift " + seconds + " s");
        }
        String old = "%06d".formatted(Totp.codeAt(secret, now.minusSeconds(90)));
        assertFalse(Totp.verify(secret, old, now));
    }

    @Test
    void theMatchingStepIsTheCodesOwn() {
        String secret = Totp.newSecret();
        Instant now = Instant.parse("2026-01-01T12:00:10Z");
        String previous = "%06d".formatted(Totp.codeAt(secret, now.minusSeconds(30)));
        assertEquals(
                now.getEpochSecond() / 30 - 1,
                Totp.matchingStep(secret, previous, now).orElseThrow());
    }

    @Test
    void malformedCodesAreRefused() {
        String secret = Totp.newSecret();
        Instant now = Instant.now();
        assertFalse(Totp.verify(secret, null, now));
        assertFalse(Totp.verify(secret, "", now));
        assertFalse(Totp.verify(secret, "12345", now));
        assertFalse(Totp.verify(secret, "abcdef", now));
    }

    @Test
    void secretsAreFreshBase32OfTwentyBytes() {
        String secret = Totp.newSecret();
        assertTrue(secret.matches("[A-Z2-7]{32}"), secret);
        assertNotEquals(secret, Totp.newSecret());
    }

    @Test
    void theUriIsWhatAuthenticatorAppsRead() {
        assertEquals(
                "otpauth://totp/Vocelio%3Aann%40example.com?secret=ABC&issuer=Vocelio&algorithm=SHA1&digits=6&period=30",
                Totp.uri("Vocelio", "ann@example.com", "ABC"));
    }
}
