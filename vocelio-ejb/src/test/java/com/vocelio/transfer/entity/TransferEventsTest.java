package com.vocelio.transfer.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.vocelio.agent.entity.Agent;
import com.vocelio.agent.entity.AgentStatus;
import com.vocelio.call.entity.Call;
import com.vocelio.department.entity.Department;
import com.vocelio.event.entity.DomainEvent;
import com.vocelio.event.entity.DomainEvents;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every move of a transfer, and what it does to its agent and call, is announced with a snapshot. */
class TransferEventsTest {

    Department sales;
    Agent ann;
    Transfer transfer;

    @BeforeEach
    void aQueuedTransferAndAFreeAgent() {
        sales = new Department("Sales", "+15551230003", Optional.of("+15551230003"), TransferTest.NOW);
        ann = new Agent("ann", "Ann", sales, TransferTest.NOW);
        ann.changeStatus(AgentStatus.AVAILABLE, TransferTest.NOW);
        DomainEvents.begin();
        transfer = new Transfer(
                new Call("call_1", "+15557654321", TransferTest.NOW),
                sales,
                TransferType.WARM,
                Urgency.HIGH,
                TransferTest.details(),
                TransferTest.NOW);
    }

    @AfterEach
    void closeTheUnitOfWork() {
        DomainEvents.end();
    }

    @Test
    void aRequestAnnouncesTheCallTransferringAndTheTransferQueued() {
        var events = DomainEvents.end();
        assertEquals(List.of("call_started", "call_status_changed", "transfer_queued"), types(events));
        var queued = events.get(2).payload();
        assertEquals(transfer.transferId(), queued.getString("transfer_id"));
        assertEquals("call_1", queued.getString("call_id"));
        assertEquals("Sales", queued.getString("target_department"));
        assertEquals("queued", queued.getString("status"));
        assertEquals("+15557654321", events.get(0).payload().getString("phone"));
        DomainEvents.begin();
    }

    @Test
    void anOfferAnnouncesTheAgentBusyAndTheOffer() {
        DomainEvents.end();
        DomainEvents.begin();
        transfer.offerTo(ann, Duration.ofSeconds(20), TransferTest.NOW);
        var events = DomainEvents.end();
        assertEquals(List.of("agent_status_changed", "transfer_offered"), types(events));
        assertEquals("busy", events.get(0).payload().getString("status"));
        assertEquals("available", events.get(0).payload().getString("previous_status"));
        assertEquals("ann", events.get(1).payload().getString("agent_id"));
        DomainEvents.begin();
    }

    @Test
    void aMissedOfferNamesWhoMissedItAndTheThirdMissTakesTheAgentOffTheFloor() {
        for (int miss = 1; miss <= 3; miss++) {
            DomainEvents.end();
            DomainEvents.begin();
            ann.changeStatus(AgentStatus.AVAILABLE, TransferTest.NOW);
            transfer.offerTo(ann, Duration.ofSeconds(20), TransferTest.NOW);
            transfer.expire(3, TransferTest.NOW);
        }
        var events = DomainEvents.end();
        var types = types(events);
        assertEquals("transfer_timed_out", types.get(types.size() - 1));
        assertEquals(
                List.of("agent_status_changed", "agent_status_changed", "system_alert"),
                types.subList(types.size() - 4, types.size() - 1));
        var timedOut = events.stream()
                .filter(e -> e.type().equals("transfer_timed_out"))
                .findFirst()
                .orElseThrow();
        assertEquals("ann", timedOut.payload().getString("declined_by"));
        assertEquals("queued", timedOut.payload().getString("status"));
        var alert = events.stream()
                .filter(e -> e.channel().equals(DomainEvent.SYSTEM_ALERT))
                .findFirst()
                .orElseThrow();
        assertEquals("ann", alert.payload().getString("agent_id"));
        assertEquals(AgentStatus.ON_BREAK, ann.status());
        DomainEvents.begin();
    }

    @Test
    void completionAnnouncesTheTransferTheCallAndTheAgentsWrapUp() {
        transfer.offerTo(ann, Duration.ofSeconds(20), TransferTest.NOW);
        transfer.accept(TransferTest.NOW);
        transfer.connect(TransferTest.NOW);
        DomainEvents.end();
        DomainEvents.begin();
        transfer.complete(30, TransferTest.NOW);
        var events = DomainEvents.end();
        assertEquals(List.of("agent_status_changed", "call_ended", "transfer_completed"), types(events));
        assertEquals("wrap_up", events.get(0).payload().getString("status"));
        DomainEvents.begin();
    }

    private static List<String> types(List<DomainEvent> events) {
        return events.stream().map(DomainEvent::type).toList();
    }
}
