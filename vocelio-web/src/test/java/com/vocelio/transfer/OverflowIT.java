package com.vocelio.transfer;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.testing.Database;
import com.vocelio.testing.Routing;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A transfer that waits longer than its department's {@code overflow_after_seconds} moves to the department's
 * {@code overflow_department_id} (a database-driven sweep, every second), keeps its age there, and is offered to a free
 * agent of that department; before the threshold, or without an overflow department, it stays where it is.
 */
class OverflowIT {

    private static final Routing routing = Routing.newOrganization();

    private static double secondsFromQueuedToOverflowed(String transferId) {
        var rows = Database.rows(
                "select extract(epoch from overflowed_at - queued_at) as waited from transfers"
                        + " where tenant_id = cast(? as uuid) and transfer_id = ?",
                routing.tenantId(),
                transferId);
        return ((Number) rows.get(0).get("waited")).doubleValue();
    }

    @Test
    void aWaitingTransferOverflowsToTheOverflowDepartmentAfterTheThreshold() {
        String overflow = routing.department(Map.of("wrap_up_seconds", 0));
        String overflowName = routing.departmentName(overflow);
        String helper = routing.agent(overflow);
        String home = routing.department(Map.of("overflow_department_id", overflow, "overflow_after_seconds", 1));
        String homeName = routing.departmentName(home);
        routing.agent(home, Map.of("status", "on_break")); // staffed, but nobody free

        var placed = routing.request(home, "medium", Map.of());
        String id = placed.getString("transfer_id");
        assertEquals("queued", placed.getString("status"));
        assertEquals(homeName, placed.getString("target_department"));
        assertFalse(placed.getBoolean("transfer.overflowed"));

        var moved = Routing.await("the transfer to overflow and be offered", () -> routing.transfer(id), t -> "offered"
                .equals(t.getString("status")));
        assertEquals(overflowName, moved.getString("target_department"));
        assertTrue(moved.getBoolean("transfer.overflowed"));
        assertEquals(overflow, moved.getString("transfer.department_id"));
        assertEquals(homeName, moved.getString("transfer.requested_department"));
        assertEquals(helper, moved.getString("transfer.agent_id"));
        assertEquals(placed.getString("transfer.queued_at"), moved.getString("transfer.queued_at"));
        double waited = secondsFromQueuedToOverflowed(id);
        assertTrue(waited >= 1.0, "overflowed after " + waited + " s, before the 1 s threshold");
        assertEquals(List.of(), routing.queue(home));
        routing.admin()
                .get("/call/" + moved.getString("transfer.call_id") + "/transfer-history")
                .then()
                .statusCode(200)
                .body("transfer_history[0].department", equalTo(overflowName));

        routing.handle(id);
        assertEquals("completed", routing.status(id));
    }

    @Test
    void anOverflowedTransferKeepsItsAgeInTheOverflowQueue() {
        String overflow = routing.department(Map.of("reservation_timeout_seconds", 3600));
        routing.agent(overflow);
        String occupying = routing.request(overflow); // the overflow department's only agent is taken
        assertEquals("offered", routing.status(occupying));
        String home = routing.department(Map.of("overflow_department_id", overflow, "overflow_after_seconds", 1));

        String older = routing.request(home);
        Routing.pause(Duration.ofMillis(20));
        String younger = routing.request(overflow);
        assertEquals(List.of(younger), routing.queue(overflow));

        Routing.await(
                "the older transfer to overflow",
                () -> routing.transfer(older),
                t -> t.getBoolean("transfer.overflowed"));
        assertEquals(List.of(older, younger), routing.queue(overflow));
        assertEquals(1, routing.transfer(older).getInt("queue_position"));
        assertEquals(2, routing.transfer(younger).getInt("queue_position"));
        assertEquals(List.of(), routing.queue(home));
    }

    @Test
    void aTransferStaysInItsDepartmentBeforeTheThresholdOrWithoutAnOverflowDepartment() {
        String overflow = routing.department(Map.of("wrap_up_seconds", 0));
        routing.agent(overflow); // free all along
        String home = routing.department(Map.of("overflow_department_id", overflow, "overflow_after_seconds", 3));
        String alone = routing.department(Map.of("overflow_after_seconds", 1)); // no overflow department
        String waiting = routing.request(home);
        String stays = routing.request(alone);

        long began = System.nanoTime();
        while (System.nanoTime() - began < Duration.ofMillis(1_800).toNanos()) {
            var transfer = routing.transfer(waiting);
            assertFalse(transfer.getBoolean("transfer.overflowed"), "overflowed before its threshold");
            assertEquals("queued", transfer.getString("status"));
            Routing.pause(Duration.ofMillis(200));
        }
        Routing.await(
                "the overflow after 3 s", () -> routing.transfer(waiting), t -> t.getBoolean("transfer.overflowed"));
        double waited = secondsFromQueuedToOverflowed(waiting);
        assertTrue(waited >= 3.0, "overflowed after " + waited + " s, before the 3 s threshold");

        var lonely = routing.transfer(stays);
        assertEquals("queued", lonely.getString("status"));
        assertFalse(lonely.getBoolean("transfer.overflowed"));
        assertEquals(List.of(stays), routing.queue(alone));
    }
}
