package com.vocelio.transfer.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.agent.entity.Agent;
import com.vocelio.agent.entity.AgentStatus;
import com.vocelio.call.entity.Call;
import com.vocelio.call.entity.CallStatus;
import com.vocelio.department.entity.Department;
import com.vocelio.platform.boundary.BusinessException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The transfer state machine and what it does to the agent's capacity and the call. */
class TransferTest {

    static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** A fixed instant: the rules that depend on time are driven by the instant a test hands them. */
    static final OffsetDateTime NOW = OffsetDateTime.parse("2025-03-03T10:15:30.123456Z");

    Department sales;
    Agent ann;
    Call call;
    Transfer transfer;

    @BeforeEach
    void aQueuedTransferAndAFreeAgent() {
        sales = new Department("Sales", "+15551230003", Optional.of("+15551230003"), NOW);
        ann = new Agent("ann", "Ann", sales, NOW);
        ann.changeStatus(AgentStatus.AVAILABLE, NOW);
        call = new Call("call_1", "+15557654321", NOW);
        transfer = new Transfer(call, sales, TransferType.WARM, Urgency.HIGH, details(), NOW);
    }

    static Transfer.Details details() {
        return new Transfer.Details("billing", "wants a refund", "", "", List.of(), List.of(), null, null, null);
    }

    @Test
    void aNewTransferWaitsAndTheCallIsTransferring() {
        assertEquals(TransferStatus.QUEUED, transfer.status());
        assertEquals(CallStatus.TRANSFERRING, call.status());
        assertEquals(1, call.transferCount());
        assertEquals(Urgency.HIGH.rank(), transfer.urgencyRank());
        assertEquals(NOW, transfer.queuedAt());
    }

    @Test
    void anOfferReservesOneOfTheAgentsCallsAndAFullAgentIsBusy() {
        transfer.offerTo(ann, TIMEOUT, NOW);
        assertEquals(TransferStatus.OFFERED, transfer.status());
        assertEquals(1, ann.activeCalls());
        assertEquals(AgentStatus.BUSY, ann.status());
        assertEquals(NOW.plus(TIMEOUT), transfer.offerExpiresAt().orElseThrow());
    }

    @Test
    void theHappyPathEndsCompletedWithTheAgentWrappingUp() {
        transfer.offerTo(ann, TIMEOUT, NOW);
        transfer.accept(NOW);
        assertEquals(TransferStatus.CONNECTING, transfer.status());
        transfer.connect(NOW);
        assertEquals(TransferStatus.CONNECTED, transfer.status());
        assertEquals(CallStatus.CONNECTED, call.status());
        transfer.complete(30, NOW);
        assertEquals(TransferStatus.COMPLETED, transfer.status());
        assertEquals(CallStatus.COMPLETED, call.status());
        assertEquals(0, ann.activeCalls());
        assertEquals(AgentStatus.WRAP_UP, ann.status());
        assertTrue(ann.wrapUpUntil().isPresent());
        ann.endWrapUp(NOW);
        assertEquals(AgentStatus.AVAILABLE, ann.status());
    }

    @Test
    void withoutWrapUpTheAgentIsAvailableAtOnce() {
        transfer.offerTo(ann, TIMEOUT, NOW);
        transfer.accept(NOW);
        transfer.connect(NOW);
        transfer.complete(0, NOW);
        assertEquals(AgentStatus.AVAILABLE, ann.status());
    }

    @Test
    void aDeclinedOfferGoesBackToTheQueueAtItsOldPlace() {
        var queuedAt = transfer.queuedAt();
        transfer.offerTo(ann, TIMEOUT, NOW);
        transfer.reject(NOW.plusSeconds(5));
        assertEquals(TransferStatus.QUEUED, transfer.status());
        assertEquals(queuedAt, transfer.queuedAt(), "the age that orders the queue does not change");
        assertTrue(transfer.agent().isEmpty());
        assertEquals(0, ann.activeCalls());
        assertEquals(AgentStatus.AVAILABLE, ann.status());
        var coolDown = Duration.ofSeconds(10);
        assertTrue(
                transfer.declinedBy(coolDown, NOW.plusSeconds(15)).isPresent(),
                "the decliner is passed over during the cool-down");
        assertTrue(transfer.declinedBy(coolDown, NOW.plusSeconds(16)).isEmpty(), "and offered again after it");
    }

    @Test
    void threeMissedOffersInARowPutTheAgentOnBreak() {
        for (int missed = 1; missed <= 3; missed++) {
            var next = new Transfer(
                    new Call("call_m" + missed, "", NOW), sales, TransferType.COLD, Urgency.LOW, details(), NOW);
            next.offerTo(ann, TIMEOUT, NOW);
            next.expire(3, NOW);
        }
        assertEquals(AgentStatus.ON_BREAK, ann.status());
    }

    @Test
    void answeringAnOfferForgivesEarlierMisses() {
        for (int missed = 1; missed <= 2; missed++) {
            var next = new Transfer(
                    new Call("call_m" + missed, "", NOW), sales, TransferType.COLD, Urgency.LOW, details(), NOW);
            next.offerTo(ann, TIMEOUT, NOW);
            next.expire(3, NOW);
        }
        transfer.offerTo(ann, TIMEOUT, NOW);
        transfer.accept(NOW);
        transfer.connect(NOW);
        transfer.complete(0, NOW);
        var another = new Transfer(new Call("call_x", "", NOW), sales, TransferType.COLD, Urgency.LOW, details(), NOW);
        another.offerTo(ann, TIMEOUT, NOW);
        another.expire(3, NOW);
        assertEquals(AgentStatus.AVAILABLE, ann.status(), "one miss after an answered offer is the first in a row");
    }

    @Test
    void onlyTheLatestOffersLegIsReportedOn() {
        var bea = new Agent("bea", "Bea", sales, NOW);
        bea.changeStatus(AgentStatus.AVAILABLE, NOW);
        transfer.offerTo(ann, TIMEOUT, NOW);
        transfer.accept(NOW);
        assertTrue(transfer.latestOffer(OptionalInt.of(1)));
        transfer.bridgeFailed(3, NOW);
        assertTrue(transfer.latestOffer(OptionalInt.of(1)), "a repeat while it waits moves nothing either way");
        transfer.offerTo(bea, TIMEOUT, NOW);
        transfer.accept(NOW);
        assertFalse(transfer.latestOffer(OptionalInt.of(1)), "Ann's leg, reported late");
        assertTrue(transfer.latestOffer(OptionalInt.of(2)));
        assertTrue(transfer.latestOffer(OptionalInt.empty()), "a leg placed before legs were numbered");
    }

    @Test
    void anAgentWithoutFreeCapacityCannotBeOffered() {
        transfer.offerTo(ann, TIMEOUT, NOW);
        var second = new Transfer(new Call("call_2", "", NOW), sales, TransferType.WARM, Urgency.LOW, details(), NOW);
        assertThrows(IllegalStateException.class, () -> second.offerTo(ann, TIMEOUT, NOW));
        assertEquals(1, ann.activeCalls());
    }

    @Test
    void anAgentOfCapacityTwoTakesTwoOffers() {
        ann.allowConcurrentCalls(2);
        transfer.offerTo(ann, TIMEOUT, NOW);
        assertEquals(AgentStatus.AVAILABLE, ann.status());
        new Transfer(new Call("call_2", "", NOW), sales, TransferType.WARM, Urgency.LOW, details(), NOW)
                .offerTo(ann, TIMEOUT, NOW);
        assertEquals(AgentStatus.BUSY, ann.status());
        assertThrows(BusinessException.class, () -> ann.allowConcurrentCalls(1));
    }

    @Test
    void abandoningFreesTheAgentAndEndsTheCall() {
        transfer.offerTo(ann, TIMEOUT, NOW);
        transfer.abandon("caller_hung_up", NOW);
        assertEquals(TransferStatus.ABANDONED, transfer.status());
        assertEquals(CallStatus.ABANDONED, call.status());
        assertEquals(0, ann.activeCalls());
        assertFalse(transfer.status().isOpen());
    }

    @Test
    void overflowKeepsTheAgeAndMovesTheDepartment() {
        var support = new Department("Support", "+15551230004", Optional.empty(), NOW);
        var queuedAt = transfer.queuedAt();
        transfer.overflowTo(support, NOW);
        assertEquals(support, transfer.department());
        assertEquals(sales, transfer.requestedDepartment());
        assertEquals(queuedAt, transfer.queuedAt());
        assertEquals(NOW, transfer.overflowedAt().orElseThrow());
    }

    @Test
    void preferredSkillsCountUntilTheDepartmentWidens() {
        var picky = new Transfer(
                new Call("call_p", "", NOW),
                sales,
                TransferType.WARM,
                Urgency.MEDIUM,
                new Transfer.Details("", "", "", "", List.of("billing"), List.of("spanish"), null, null, null),
                NOW);
        var widenAfter = Duration.ofMinutes(1);
        assertEquals(List.of("billing", "spanish"), picky.skillsWanted(widenAfter, NOW.plusSeconds(59)));
        assertEquals(
                List.of("billing"),
                picky.skillsWanted(widenAfter, NOW.plusSeconds(60)),
                "from the widening time only required");
        assertEquals(List.of(), transfer.skillsWanted(widenAfter, NOW), "nothing preferred, nothing wanted");
    }

    @Test
    void illegalMovesAreRefused() {
        assertThrows(IllegalTransferStateException.class, () -> transfer.accept(NOW));
        assertThrows(IllegalTransferStateException.class, () -> transfer.complete(0, NOW));
        assertThrows(IllegalTransferStateException.class, () -> transfer.reject(NOW));
        transfer.offerTo(ann, TIMEOUT, NOW);
        assertThrows(IllegalTransferStateException.class, () -> transfer.offerTo(ann, TIMEOUT, NOW));
        assertThrows(IllegalTransferStateException.class, () -> transfer.overflowTo(sales, NOW));
        transfer.accept(NOW);
        transfer.connect(NOW);
        transfer.complete(0, NOW);
        var done = assertThrows(IllegalTransferStateException.class, () -> transfer.abandon("late", NOW));
        assertEquals("illegal_transfer_state", done.code());
        assertTrue(done.getMessage().contains("completed"), done.getMessage());
    }
}
