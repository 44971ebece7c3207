package com.vocelio.platform.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void tokensThatProxiesAndTracersSendAreTaken() {
        assertTrue(RequestIds.acceptable("3f2c9a0e-1b7d-4c55-9e1a-0c6f5b2d7e11"));
        assertTrue(RequestIds.acceptable("Root=1-67891233-abcdef012345678912345678"));
        assertTrue(RequestIds.acceptable("a".repeat(RequestIds.MAX_LENGTH)));
    }

    @Test
    void anythingThatCouldForgeOrFloodALogLineIsNot() {
        assertFalse(RequestIds.acceptable(null));
        assertFalse(RequestIds.acceptable(""));
        assertFalse(RequestIds.acceptable("a".repeat(RequestIds.MAX_LENGTH + 1)));
        assertFalse(RequestIds.acceptable("id\nSEVERE forged line"));
        assertFalse(RequestIds.acceptable("id with spaces"));
        assertFalse(RequestIds.acceptable("] [organizationId: 1"));
        assertFalse(RequestIds.acceptable("id\"}"));
        assertFalse(RequestIds.acceptable("idé"));
    }

    @Test
    void madeIdsAre32HexDigitsAndDiffer() {
        String one = RequestIds.newId();
        assertEquals(32, one.length());
        assertTrue(one.matches("[0-9a-f]{32}"), one);
        assertTrue(RequestIds.acceptable(one));
        assertNotEquals(one, RequestIds.newId());
    }
}
