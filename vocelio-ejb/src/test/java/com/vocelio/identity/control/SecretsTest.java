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
}
