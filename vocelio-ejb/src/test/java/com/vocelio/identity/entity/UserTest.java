package com.vocelio.identity.entity;

import static com.vocelio.platform.boundary.Refusals.assertInvalid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UserTest {

    private static final OffsetDateTime NOW = OffsetDateTime.parse("2025-01-06T09:00:00Z");

    @Test
    void emailIsStoredLowerCaseAndTrimmed() {
        assertEquals("ann@example.com", new User("  Ann@Example.COM ", "hash", Role.ADMIN, NOW).email());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ann", "ann@", "@example.com", "ann@example", "a b@example.com"})
    void anEmailMustLookLikeOne(String email) {
        assertInvalid("email", () -> new User(email, "hash", Role.AGENT, NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "short", "1234567"})
    void passwordsHaveAtLeastEightCharacters(String password) {
        assertInvalid("password", () -> User.validPassword(password));
    }

    @Test
    void aNullPasswordIsRefusedNotANullPointer() {
        assertInvalid("password", () -> User.validPassword(null));
    }

    @Test
    void twoFactorCountsOnlyOnceConfirmed() {
        var user = new User("ann@example.com", "hash", Role.SUPERVISOR, NOW);
        user.startTotpEnrollment("SECRET", NOW);
        assertFalse(user.totpEnabled());
        user.confirmTotp(NOW);
        assertTrue(user.totpEnabled());
        user.startTotpEnrollment("OTHER", NOW);
        assertFalse(user.totpEnabled(), "a new enrollment needs a new confirmation");
    }

    @Test
    void aTotpStepIsSpentOnce() {
        var user = new User("ann@example.com", "hash", Role.ADMIN, NOW);
        assertTrue(user.spendTotpStep(1000));
        assertFalse(user.spendTotpStep(1000), "the same code again");
        assertFalse(user.spendTotpStep(999), "an older code");
        assertTrue(user.spendTotpStep(1001), "the next code");
    }

    @Test
    void confirmingWithoutEnrollmentIsRefused() {
        assertInvalid("code", () -> new User("ann@example.com", "hash", Role.AGENT, NOW).confirmTotp(NOW));
    }

    @Test
    void aBlankAgentLinkUnlinks() {
        var user = new User("ann@example.com", "hash", Role.AGENT, NOW);
        user.linkAgent("agent_7", NOW);
        assertEquals("agent_7", user.agentId().orElseThrow());
        user.linkAgent(" ", NOW);
        assertTrue(user.agentId().isEmpty());
    }

    @Test
    void rolesReadTheirWireNamesInAnyCase() {
        assertEquals(Role.SERVICE, Role.fromWire(" Service ").orElseThrow());
        assertTrue(Role.fromWire("owner").isEmpty());
        assertTrue(Role.fromWire(null).isEmpty());
        assertEquals("admin, supervisor, agent, service", Role.legalValues());
    }
}
