package com.vocelio.agent.entity;

import static com.vocelio.platform.boundary.Refusals.assertInvalid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.vocelio.department.entity.Department;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AgentTest {

    private static final OffsetDateTime NOW = OffsetDateTime.parse("2025-01-06T09:00:00Z");
    private final Department sales = new Department("Sales", "+1 415 555 0100", Optional.of("+14155550100"), NOW);

    private Agent agent() {
        return new Agent("alice", "Alice Smith", sales, NOW);
    }

    @Test
    void newAgentIsOfflineWithDefaults() {
        var alice = agent();

        assertEquals("alice", alice.agentId());
        assertEquals("Alice Smith", alice.name());
        assertSame(sales, alice.department());
        assertEquals(AgentStatus.OFFLINE, alice.status());
        assertEquals(alice.createdAt(), alice.statusChangedAt());
        assertEquals(alice.createdAt(), alice.updatedAt());
        assertEquals(new BigDecimal("3.00"), alice.performanceRating());
        assertEquals(1, alice.maxConcurrentCalls());
        assertEquals(List.of(), alice.skills());
        assertEquals(List.of(), alice.languages());
        assertEquals("", alice.email());
        assertEquals("", alice.phoneNumber());
        assertEquals("", alice.sipUri());
    }

    @Test
    void agentIdIsTrimmedAndMayHoldSeparators() {
        assertEquals("a.b_c:d@e-f", new Agent("  a.b_c:d@e-f ", "A", sales, NOW).agentId());
        assertEquals("7", new Agent("7", "A", sales, NOW).agentId());
    }

    @Test
    void agentIdIsRequired() {
        assertInvalid("agent_id", () -> new Agent(null, "A", sales, NOW));
        assertInvalid("agent_id", () -> new Agent("  ", "A", sales, NOW));
    }

    @Test
    void agentIdStartsWithALetterOrDigitAndHasNoSpaces() {
        assertInvalid("agent_id", () -> new Agent("-alice", "A", sales, NOW));
        assertInvalid("agent_id", () -> new Agent("alice smith", "A", sales, NOW));
        assertInvalid("agent_id", () -> new Agent("alice/1", "A", sales, NOW));
    }

    @Test
    void agentIdIsAtMostOneHundredCharacters() {
        assertEquals(100, new Agent("a".repeat(100), "A", sales, NOW).agentId().length());
        assertInvalid("agent_id", () -> new Agent("a".repeat(101), "A", sales, NOW));
    }

    @Test
    void nameIsRequired() {
        assertInvalid("name", () -> new Agent("alice", null, sales, NOW));
        assertInvalid("name", () -> agent().rename(" "));
        assertInvalid("name", () -> agent().rename("n".repeat(201)));
    }

    @Test
    void departmentIsRequired() {
        assertInvalid("department", () -> new Agent("alice", "Alice", null, NOW));
        assertInvalid("department", () -> agent().moveTo(null));
    }

    @Test
    void agentMovesToAnotherDepartment() {
        var alice = agent();
        var support = new Department("Support", "+1 415 555 0199", Optional.empty(), NOW);

        alice.moveTo(support);

        assertSame(support, alice.department());
    }

    @Test
    void emailIsLowerCasedAndOptional() {
        var alice = agent();

        alice.changeEmail("  Alice.Smith@Example.COM ");
        assertEquals("alice.smith@example.com", alice.email());

        alice.changeEmail(null);
        assertEquals("", alice.email());
    }

    @Test
    void emailMustLookLikeOne() {
        var alice = agent();

        assertInvalid("email", () -> alice.changeEmail("alice"));
        assertInvalid("email", () -> alice.changeEmail("alice@example"));
        assertInvalid("email", () -> alice.changeEmail("alice smith@example.com"));
        assertInvalid("email", () -> alice.changeEmail("a@b@example.com"));
        assertInvalid("email", () -> alice.changeEmail("a".repeat(250) + "@x.io"));
    }

    @Test
    void skillsAreLowerCasedAndDeduplicated() {
        var alice = agent();

        alice.changeSkills(List.of(" Billing ", "SPANISH", "billing", "Refunds"));

        assertEquals(List.of("billing", "spanish", "refunds"), alice.skills());
    }

    @Test
    void languagesAreLowerCasedAndDeduplicated() {
        var alice = agent();

        alice.changeLanguages(List.of("EN", "de", "en"));

        assertEquals(List.of("en", "de"), alice.languages());
    }

    @Test
    void absentSkillsClearTheList() {
        var alice = agent();
        alice.changeSkills(List.of("billing"));

        alice.changeSkills(null);

        assertEquals(List.of(), alice.skills());
    }

    @Test
    void storedSkillsCannotBeChangedBehindTheAgentsBack() {
        var alice = agent();
        var given = new ArrayList<>(List.of("billing"));
        alice.changeSkills(given);

        given.add("refunds");

        assertEquals(List.of("billing"), alice.skills());
        assertThrows(UnsupportedOperationException.class, () -> alice.skills().add("x"));
    }

    @Test
    void blankOrOverlongSkillIsRefused() {
        var alice = agent();

        assertInvalid("skills[]", () -> alice.changeSkills(List.of("billing", " ")));
        assertInvalid("skills[]", () -> alice.changeSkills(Arrays.asList("billing", null)));
        assertInvalid("languages[]", () -> alice.changeLanguages(List.of("l".repeat(51))));
    }

    @Test
    void atMostFiftySkills() {
        var alice = agent();

        alice.changeSkills(tags(50));
        assertEquals(50, alice.skills().size());
        assertInvalid("skills", () -> alice.changeSkills(tags(51)));
        assertInvalid("languages", () -> alice.changeLanguages(tags(51)));
    }

    @Test
    void statusChangeTimeMovesOnlyOnRealChange() {
        var alice = agent();

        alice.changeStatus(AgentStatus.AVAILABLE, NOW.plusSeconds(1));
        assertEquals(AgentStatus.AVAILABLE, alice.status());
        assertEquals(NOW.plusSeconds(1), alice.statusChangedAt());

        alice.changeStatus(AgentStatus.AVAILABLE, NOW.plusSeconds(2));
        assertEquals(NOW.plusSeconds(1), alice.statusChangedAt());

        alice.changeStatus(AgentStatus.BUSY, NOW.plusSeconds(3));
        assertEquals(NOW.plusSeconds(3), alice.statusChangedAt());
    }

    @Test
    void ratingIsKeptWithTwoDecimals() {
        var alice = agent();

        alice.rate(new BigDecimal("4.5"));
        assertEquals(new BigDecimal("4.50"), alice.performanceRating());

        alice.rate(new BigDecimal("4.125"));
        assertEquals(new BigDecimal("4.13"), alice.performanceRating());
    }

    @Test
    void ratingMayBeZeroOrFive() {
        var alice = agent();

        alice.rate(BigDecimal.ZERO);
        assertEquals(new BigDecimal("0.00"), alice.performanceRating());
        alice.rate(new BigDecimal("5.000"));
        assertEquals(new BigDecimal("5.00"), alice.performanceRating());
    }

    @Test
    void ratingOutsideZeroToFiveIsRefused() {
        var alice = agent();

        assertInvalid("performance_rating", () -> alice.rate(new BigDecimal("-0.01")));
        assertInvalid("performance_rating", () -> alice.rate(new BigDecimal("5.001")));
        assertInvalid("performance_rating", () -> alice.rate(new BigDecimal("10")));
        assertEquals(new BigDecimal("3.00"), alice.performanceRating());
    }

    @Test
    void concurrentCallsFromOneToFifty() {
        var alice = agent();

        alice.allowConcurrentCalls(50);
        assertEquals(50, alice.maxConcurrentCalls());
        assertInvalid("max_concurrent_calls", () -> alice.allowConcurrentCalls(0));
        assertInvalid("max_concurrent_calls", () -> alice.allowConcurrentCalls(51));
    }

    @Test
    void reachableByPhoneSipAndTwilioClient() {
        var alice = agent();

        alice.reachAt(" +1 415 555 0101 ", " sip:alice@pbx.example.com ", " client:alice_smith ");

        assertEquals("+1 415 555 0101", alice.phoneNumber());
        assertEquals("sip:alice@pbx.example.com", alice.sipUri());
        assertEquals("alice_smith", alice.clientIdentity());
        alice.reachAt(null, null, "alice.smith@example.com"); // the prefix is optional
        assertEquals("alice.smith@example.com", alice.clientIdentity());
    }

    @Test
    void absentReachabilityKeepsWhatWasThereAndBlankClearsIt() {
        var alice = agent();
        alice.reachAt("+1 415 555 0101", "sips:alice@pbx.example.com", "client:alice");

        alice.reachAt(null, null, null);
        assertEquals("+1 415 555 0101", alice.phoneNumber());
        assertEquals("sips:alice@pbx.example.com", alice.sipUri());
        assertEquals("alice", alice.clientIdentity());

        alice.reachAt("", " ", "");
        assertEquals("", alice.phoneNumber());
        assertEquals("", alice.sipUri());
        assertEquals("", alice.clientIdentity());
    }

    @Test
    void aBridgeDialsTheSipUriElseTheTwilioClientElseThePhoneNumber() {
        var alice = agent();
        assertEquals(Optional.empty(), alice.dialTarget());

        alice.reachAt("+14155550101", null, null);
        assertEquals(Optional.of("+14155550101"), alice.dialTarget());
        alice.reachAt(null, null, "alice");
        assertEquals(Optional.of("client:alice"), alice.dialTarget());
        alice.reachAt(null, "sips:alice@pbx.example.com", null);
        assertEquals(Optional.of("sips:alice@pbx.example.com"), alice.dialTarget());
    }

    @Test
    void sipUriMustBeSipOrSips() {
        var alice = agent();

        assertInvalid("sip_uri", () -> alice.reachAt(null, "alice@pbx.example.com", null));
        assertInvalid("sip_uri", () -> alice.reachAt(null, "tel:+14155550101", null));
        assertInvalid("sip_uri", () -> alice.reachAt(null, "client:alice", null));
        assertInvalid("sip_uri", () -> alice.reachAt(null, "sip:" + "a".repeat(252), null));
        assertInvalid("phone_number", () -> alice.reachAt("1".repeat(41), null, null));
    }

    @Test
    void aTwilioClientIdentityIsOneTwilioCanDial() {
        var alice = agent();

        assertInvalid("client_identity", () -> alice.reachAt(null, null, "client:"));
        assertInvalid("client_identity", () -> alice.reachAt(null, null, "alice smith"));
        assertInvalid("client_identity", () -> alice.reachAt(null, null, "alice<1>"));
        assertInvalid("client_identity", () -> alice.reachAt(null, null, "alice?role=agent"));
        assertInvalid("client_identity", () -> alice.reachAt(null, null, "ali\u0000ce"));
        assertInvalid("client_identity", () -> alice.reachAt(null, null, "al\u00efce"));
        assertInvalid("client_identity", () -> alice.reachAt(null, null, "a".repeat(257)));
        alice.reachAt(null, null, "client:" + "a".repeat(256));
        assertEquals(256, alice.clientIdentity().length());
    }

    @Test
    void touchMovesOnlyTheUpdateTime() {
        var alice = agent();

        alice.touch(NOW.plusSeconds(1));

        assertEquals(NOW.plusSeconds(1), alice.updatedAt());
        assertEquals(NOW, alice.createdAt());
        assertEquals(NOW, alice.statusChangedAt());
    }

    private static List<String> tags(int count) {
        var tags = new ArrayList<String>();
        for (int i = 0; i < count; i++) {
            tags.add("skill" + i);
        }
        return tags;
    }
}
