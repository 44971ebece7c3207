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
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The transfer state machine and what it does to the agent's capacity and the call. */
class TransferTest {

    static final Duration TIMEOUT = Duration.ofSeconds(20);

    Department sales;
    Agent ann;
    Call call;
    Transfer transfer;

    @BeforeEach
    void aQueuedTransferAndAFreeAgent() {
        sales = new Department("Sales", "+15551230003", Optional.of("+15551230003"));
        ann = new Agent("ann", "Ann", sales);
        ann.changeStatus(AgentStatus.AVAILABLE);
        call = new Call("call_1", "+15557654321");
        transfer = new Transfer(call, sales, TransferType.WARM, Urgency.HIGH, details());
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
    }

    @Test
    void anOfferReservesOneOfTheAgentsCallsAndAFullAgentIsBusy() {
        transfer.offerTo(ann, TIMEOUT);
        assertEquals(TransferStatus.OFFERED, transfer.status());
        assertEquals(1, ann.activeCalls());
        assertEquals(AgentStatus.BUSY, ann.status());
        assertTrue(transfer.offerExpiresAt().isPresent());
    }

    @Test
    void theHappyPathEndsCompletedWithTheAgentWrappingUp() {
        transfer.offerTo(ann, TIMEOUT);
        transfer.accept();
        assertEquals(TransferStatus.CONNECTING, transfer.status());
        transfer.connect();
        assertEquals(TransferStatus.CONNECTED, transfer.status());
        assertEquals(CallStatus.CONNECTED, call.status());
        transfer.complete(30);
        assertEquals(TransferStatus.COMPLETED, transfer.status());
        assertEquals(CallStatus.COMPLETED, call.status());
        assertEquals(0, ann.activeCalls());
        assertEquals(AgentStatus.WRAP_UP, ann.status());
        assertTrue(ann.wrapUpUntil().isPresent());
        ann.endWrapUp();
        assertEquals(AgentStatus.AVAILABLE, ann.status());
    }

    @Test
    void withoutWrapUpTheAgentIsAvailableAtOnce() {
        transfer.offerTo(ann, TIMEOUT);
        transfer.accept();
        transfer.connect();
        transfer.complete(0);
        assertEquals(AgentStatus.AVAILABLE, ann.status());
    }

    @Test
    void aDeclinedOfferGoesBackToTheQueueAtItsOldPlace() {
        var queuedAt = transfer.queuedAt();
        transfer.offerTo(ann, TIMEOUT);
        transfer.decline(false, 3);
        assertEquals(TransferStatus.QUEUED, transfer.status());
        assertEquals(queuedAt, transfer.queuedAt(), "the age that orders the queue does not change");
        assertTrue(transfer.agent().isEmpty());
        assertEquals(0, ann.activeCalls());
        assertEquals(AgentStatus.AVAILABLE, ann.status());
        assertTrue(transfer.declinedBy(TIMEOUT).isPresent(), "the decliner is passed over during the cool-down");
        assertTrue(transfer.declinedBy(Duration.ofSeconds(-1)).isEmpty(), "and offered again after it");
    }

    @Test
    void threeMissedOffersInARowPutTheAgentOnBreak() {
        for (int missed = 1; missed <= 3; missed++) {
            var next = new Transfer(new Call("call_m" + missed, ""), sales, TransferType.COLD, Urgency.LOW, details());
            next.offerTo(ann, TIMEOUT);
            next.decline(true, 3);
        }
        assertEquals(AgentStatus.ON_BREAK, ann.status());
    }

    @Test
    void answeringAnOfferForgivesEarlierMisses() {
        for (int missed = 1; missed <= 2; missed++) {
            var next = new Transfer(new Call("call_m" + missed, ""), sales, TransferType.COLD, Urgency.LOW, details());
            next.offerTo(ann, TIMEOUT);
            next.decline(true, 3);
        }
        transfer.offerTo(ann, TIMEOUT);
        transfer.accept();
        transfer.connect();
        transfer.complete(0);
        var another = new Transfer(new Call("call_x", ""), sales, TransferType.COLD, Urgency.LOW, details());
        another.offerTo(ann, TIMEOUT);
        another.decline(true, 3);
        assertEquals(AgentStatus.AVAILABLE, ann.status(), "one miss after an answered offer is the first in a row");
    }

    @Test
    void anAgentWithoutFreeCapacityCannotBeOffered() {
        transfer.offerTo(ann, TIMEOUT);
        var second = new Transfer(new Call("call_2", ""), sales, TransferType.WARM, Urgency.LOW, details());
        assertThrows(IllegalStateException.class, () -> second.offerTo(ann, TIMEOUT));
        assertEquals(1, ann.activeCalls());
    }

    @Test
    void anAgentOfCapacityTwoTakesTwoOffers() {
        ann.allowConcurrentCalls(2);
        transfer.offerTo(ann, TIMEOUT);
        assertEquals(AgentStatus.AVAILABLE, ann.status());
        new Transfer(new Call("call_2", ""), sales, TransferType.WARM, Urgency.LOW, details()).offerTo(ann, TIMEOUT);
        assertEquals(AgentStatus.BUSY, ann.status());
        assertThrows(BusinessException.class, () -> ann.allowConcurrentCalls(1));
    }

    @Test
    void abandoningFreesTheAgentAndEndsTheCall() {
        transfer.offerTo(ann, TIMEOUT);
        transfer.abandon("caller_hung_up");
        assertEquals(TransferStatus.ABANDONED, transfer.status());
        assertEquals(CallStatus.ABANDONED, call.status());
        assertEquals(0, ann.activeCalls());
        assertFalse(transfer.status().isOpen());
    }

    @Test
    void overflowKeepsTheAgeAndMovesTheDepartment() {
        var support = new Department("Support", "+15551230004", Optional.empty());
        var queuedAt = transfer.queuedAt();
        transfer.overflowTo(support);
        assertEquals(support, transfer.department());
        assertEquals(sales, transfer.requestedDepartment());
        assertEquals(queuedAt, transfer.queuedAt());
        assertTrue(transfer.overflowedAt().isPresent());
    }

    @Test
    void preferredSkillsCountUntilTheDepartmentWidens() {
        var picky = new Transfer(
                new Call("call_p", ""),
                sales,
                TransferType.WARM,
                Urgency.MEDIUM,
                new Transfer.Details("", "", "", "", List.of("billing"), List.of("spanish"), null, null, null));
        assertEquals(List.of("billing", "spanish"), picky.skillsWanted(Duration.ofMinutes(1)));
        assertEquals(List.of("billing"), picky.skillsWanted(Duration.ZERO), "after the widening time only required");
        assertEquals(List.of(), transfer.skillsWanted(Duration.ofMinutes(1)), "nothing preferred, nothing wanted");
    }

    @Test
    void illegalMovesAreRefused() {
        assertThrows(IllegalTransferStateException.class, () -> transfer.accept());
        assertThrows(IllegalTransferStateException.class, () -> transfer.complete(0));
        assertThrows(IllegalTransferStateException.class, () -> transfer.decline(false, 3));
        transfer.offerTo(ann, TIMEOUT);
        assertThrows(IllegalTransferStateException.class, () -> transfer.offerTo(ann, TIMEOUT));
        assertThrows(IllegalTransferStateException.class, () -> transfer.overflowTo(sales));
        transfer.accept();
        transfer.connect();
        transfer.complete(0);
        var done = assertThrows(IllegalTransferStateException.class, () -> transfer.abandon("late"));
        assertEquals("illegal_transfer_state", done.code());
        assertTrue(done.getMessage().contains("completed"), done.getMessage());
    }
}
