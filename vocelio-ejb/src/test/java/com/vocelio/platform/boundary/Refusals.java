package com.vocelio.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;

/** Asserts the shape every refused input shares: kind INVALID, one detail naming the field as the client sends it. */
public final class Refusals {

    private Refusals() {}

    public static BusinessException assertInvalid(String field, Executable action) {
        var e = assertThrows(BusinessException.class, action);
        assertEquals(BusinessException.Kind.INVALID, e.kind());
        assertEquals("invalid_input", e.code());
        assertEquals(1, e.details().size(), () -> "details: " + e.details());
        assertEquals(field, e.details().get(0).field());
        assertTrue(
                e.getMessage().startsWith(field + " "), () -> "message should name " + field + ": " + e.getMessage());
        return e;
    }
}
