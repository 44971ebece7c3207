package com.vocelio.platform.control;

import static com.vocelio.platform.boundary.Refusals.assertInvalid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChecksTest {

    @Test
    void requiredTextIsTrimmed() {
        assertEquals("Sales", Checks.requiredText("name", "  Sales \t", 10));
    }

    @Test
    void requiredTextRefusesNullAndBlank() {
        assertInvalid("name", () -> Checks.requiredText("name", null, 10));
        var e = assertInvalid("name", () -> Checks.requiredText("name", " \t\n ", 10));
        assertEquals("is required", e.details().get(0).message());
    }

    @Test
    void lengthIsMeasuredAfterTrimming() {
        assertEquals("abc", Checks.requiredText("name", "  abc  ", 3));
        var e = assertInvalid("name", () -> Checks.requiredText("name", "abcd", 3));
        assertEquals("must be at most 3 characters", e.details().get(0).message());
    }

    @Test
    void optionalTextIsEmptyNotNullWhenAbsent() {
        assertEquals("", Checks.optionalText("description", null, 10));
        assertEquals("", Checks.optionalText("description", "   ", 10));
        assertEquals("hi", Checks.optionalText("description", " hi ", 10));
    }

    @Test
    void optionalTextStillHasAMaximum() {
        assertInvalid("color", () -> Checks.optionalText("color", "x".repeat(31), 30));
    }

    @Test
    void withinAcceptsItsBoundsAndRefusesBeyondThem() {
        assertEquals(1, Checks.within("max_queue_length", 1, 1, 10));
        assertEquals(10, Checks.within("max_queue_length", 10, 1, 10));
        assertInvalid("max_queue_length", () -> Checks.within("max_queue_length", 0, 1, 10));
        var e = assertInvalid("max_queue_length", () -> Checks.within("max_queue_length", 11, 1, 10));
        assertEquals("must be between 1 and 10", e.details().get(0).message());
    }

    @Test
    void uuidIsAnId() {
        String id = UUID.randomUUID().toString();

        assertTrue(Checks.isUuid(id));
        assertTrue(Checks.isUuid(id.toUpperCase()));
        assertTrue(Checks.isUuid("00000000-0000-0000-0000-000000000000"));
    }

    @Test
    void nonUuidIsNotAnId() {
        assertFalse(Checks.isUuid(null));
        assertFalse(Checks.isUuid(""));
        assertFalse(Checks.isUuid("sales"));
        assertFalse(Checks.isUuid("1-1-1-1-1"));
        assertFalse(Checks.isUuid("00000000-0000-0000-0000-00000000000g"));
        assertFalse(Checks.isUuid("+0000000-0000-0000-0000-000000000000"));
        assertFalse(Checks.isUuid("000000000-000-0000-0000-000000000000"));
        assertFalse(Checks.isUuid(" " + UUID.randomUUID()));
        assertFalse(Checks.isUuid(UUID.randomUUID().toString().replace("-", "")));
    }
}
