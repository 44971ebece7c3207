package com.vocelio.identity.entity;

import static com.vocelio.platform.boundary.Refusals.assertInvalid;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrganizationTest {

    private static final OffsetDateTime NOW = OffsetDateTime.parse("2025-01-06T09:00:00Z");

    @Test
    void keepsNameAndSubdomain() {
        var acme = new Organization("  Acme Inc ", "acme", NOW);
        assertEquals("Acme Inc", acme.name());
        assertEquals("acme", acme.subdomain());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "Acme", "ac-me", "acme_1", "abcdefghijklmnopqrstu", ""})
    void subdomainsAreThreeToTwentyLowerCaseLettersOrDigits(String subdomain) {
        assertInvalid("subdomain", () -> new Organization("Acme", subdomain, NOW));
    }

    @Test
    void aNameIsRequired() {
        assertInvalid("organization_name", () -> new Organization(" ", "acme", NOW));
    }
}
