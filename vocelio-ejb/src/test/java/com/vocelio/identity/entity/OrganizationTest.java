package com.vocelio.identity.entity;

import static com.vocelio.platform.boundary.Refusals.assertInvalid;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrganizationTest {

    @Test
    void keepsNameAndSubdomain() {
        var acme = new Organization("  Acme Inc ", "acme");
        assertEquals("Acme Inc", acme.name());
        assertEquals("acme", acme.subdomain());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "Acme", "ac-me", "acme_1", "abcdefghijklmnopqrstu", ""})
    void subdomainsAreThreeToTwentyLowerCaseLettersOrDigits(String subdomain) {
        assertInvalid("subdomain", () -> new Organization("Acme", subdomain));
    }

    @Test
    void aNameIsRequired() {
        assertInvalid("organization_name", () -> new Organization(" ", "acme"));
    }
}
