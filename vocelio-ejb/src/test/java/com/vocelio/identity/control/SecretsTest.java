package com.vocelio.identity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void secretsAreRandomAndUrlSafe() {
        String secret = Secrets.newSecret("vrt_");
        assertTrue(secret.matches("vrt_[A-Za-z0-9_-]{43}"), secret);
        assertNotEquals(secret, Secrets.newSecret("vrt_"));
    }

    @Test
    void onlyTheSha256IsKept() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Secrets.sha256("abc"));
    }

    @Test
    void aDerivedSecretIsTheSameEveryTimeForOneKeyAndDiffersForAnother() {
        byte[] key = "k".repeat(32).getBytes();
        String secret = Secrets.derive("vrt_", key, "vrt_presented");
        assertTrue(secret.matches("vrt_[A-Za-z0-9_-]{43}"), secret);
        assertEquals(secret, Secrets.derive("vrt_", key, "vrt_presented"));
        assertNotEquals(secret, Secrets.derive("vrt_", "x".repeat(32).getBytes(), "vrt_presented"));
        assertNotEquals(secret, Secrets.derive("vrt_", key, "vrt_other"));
    }

    @Test
    void derivationIsHmacSha256() { // RFC 4231, test case 2
        assertEquals(
                "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM",
                Secrets.derive("", "Jefe".getBytes(), "what do ya want for nothing?"));
    }
}
