package com.vocelio.transfer.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.vocelio.agent.entity.Agent;
import com.vocelio.agent.entity.AgentStatus;
import com.vocelio.call.entity.Call;
import com.vocelio.department.entity.Department;
import com.vocelio.platform.boundary.BusinessException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A supervisor's reassignment: over the routing's choice, within the department, never past an agent's capacity. */
class TransferReassignTest {

    static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final OffsetDateTime NOW = TransferTest.NOW;
    static final OffsetDateTime LATER = NOW.plusSeconds(5);

    Department sales;
    Agent ann;
    Agent bob;
    Transfer transfer;

    @BeforeEach
    void aQueuedTransferAndTwoFreeAgents() {
        sales = new Department("Sales", "+15551230003", Optional.of("+15551230003"), NOW);
        ann = available(new Agent("ann", "Ann", sales, NOW));
        bob = available(new Agent("bob", "Bob", sales, NOW));
        transfer = new Transfer(
                new Call("call_1", "+15557654321", NOW),
                sales,
                TransferType.WARM,
                Urgency.HIGH,
                TransferTest.details(),
                NOW);
    }

    static Agent available(Agent agent) {
        agent.changeStatus(AgentStatus.AVAILABLE, NOW);
        return agent;
    }

    @Test
    void aWaitingTransferIsOfferedToTheChosenAgent() {
        transfer.reassignTo(bob, TIMEOUT, LATER);
        assertEquals(TransferStatus.OFFERED, transfer.status());
        assertEquals("bob", transfer.agent().orElseThrow().agentId());
        assertEquals(1, bob.activeCalls());
        assertEquals(LATER.plus(TIMEOUT), transfer.offerExpiresAt().orElseThrow());
        assertEquals(NOW, transfer.queuedAt(), "the transfer keeps its age");
    }

    @Test
    void anOpenOfferIsWithdrawnWithoutAMissAndTheFirstAgentIsFreeAgain() {
        transfer.offerTo(ann, TIMEOUT, NOW);
        transfer.reassignTo(bob, TIMEOUT, LATER);
        assertEquals("bob", transfer.agent().orElseThrow().agentId());
        assertEquals(0, ann.activeCalls());
        assertEquals(AgentStatus.AVAILABLE, ann.status());
        assertEquals(Optional.empty(), transfer.declinedBy(TIMEOUT, LATER), "no decline is recorded");
        assertEquals(2, transfer.offerCount());
    }

    @Test
    void reassigningToTheOfferedAgentRenewsTheOffer() {
        transfer.offerTo(ann, TIMEOUT, NOW);
        transfer.reassignTo(ann, TIMEOUT, LATER);
        assertEquals(1, ann.activeCalls());
        assertEquals(LATER.plus(TIMEOUT), transfer.offerExpiresAt().orElseThrow());
    }

    @Test
    void anAgentWithoutFreeCapacityIsRefusedAndNothingChanges() {
        bob.changeStatus(AgentStatus.ON_BREAK, NOW);
        transfer.offerTo(ann, TIMEOUT, NOW);
        var refused = assertThrows(BusinessException.class, () -> transfer.reassignTo(bob, TIMEOUT, LATER));
        assertEquals("agent_unavailable", refused.code());
        assertEquals("ann", transfer.agent().orElseThrow().agentId());
        assertEquals(1, ann.activeCalls());
    }

    @Test
    void anAgentOfAnotherDepartmentIsRefused() {
        var support = new Department("Support", "+15551230004", Optional.of("+15551230004"), NOW);
        var carl = available(new Agent("carl", "Carl", support, NOW));
        var refused = assertThrows(BusinessException.class, () -> transfer.reassignTo(carl, TIMEOUT, LATER));
        assertEquals("agent_of_another_department", refused.code());
        assertEquals(TransferStatus.QUEUED, transfer.status());
    }

    @Test
    void aTransferWithItsAgentOnTheLineIsNotReassigned() {
        transfer.offerTo(ann, TIMEOUT, NOW);
        transfer.accept(NOW);
        assertThrows(IllegalTransferStateException.class, () -> transfer.reassignTo(bob, TIMEOUT, LATER));
    }
}
