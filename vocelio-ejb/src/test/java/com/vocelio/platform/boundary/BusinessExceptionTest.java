package com.vocelio.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.platform.boundary.BusinessException.Detail;
import com.vocelio.platform.boundary.BusinessException.Kind;
import jakarta.ejb.ApplicationException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BusinessExceptionTest {

    @Test
    void invalidNamesTheFieldInMessageAndDetails() {
        var e = BusinessException.invalid("phone_number", "is required");

        assertEquals(Kind.INVALID, e.kind());
        assertEquals("invalid_input", e.code());
        assertEquals("phone_number is required", e.getMessage());
        assertEquals(List.of(new Detail("phone_number", "is required")), e.details());
    }

    @Test
    void withoutDetailsTheListIsEmptyNotNull() {
        var e = new BusinessException(Kind.NOT_FOUND, "not_found", "no such department");

        assertEquals(Kind.NOT_FOUND, e.kind());
        assertEquals("not_found", e.code());
        assertTrue(e.details().isEmpty());
    }

    @Test
    void detailsAreACopyThatCannotChange() {
        var details = new ArrayList<>(List.of(new Detail("name", "is required")));
        var e = new BusinessException(Kind.INVALID, "invalid_input", "bad", details);

        details.add(new Detail("color", "is too long"));

        assertEquals(1, e.details().size());
        assertThrows(UnsupportedOperationException.class, () -> e.details().add(new Detail("x", "y")));
    }

    @Test
    void crossesEjbBoundariesUnwrappedAndRollsBack() {
        var annotation = BusinessException.class.getAnnotation(ApplicationException.class);

        assertNotNull(annotation);
        assertTrue(annotation.rollback());
        assertTrue(RuntimeException.class.isAssignableFrom(BusinessException.class));
    }
}
