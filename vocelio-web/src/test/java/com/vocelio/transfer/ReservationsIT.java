package com.vocelio.transfer;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.testing.Database;
import com.vocelio.testing.Routing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Offers and who gets them: an offer nobody answers in the department's reservation time, or that the agent rejects,
 * puts the transfer back in the queue at its old place and on to another free agent; three missed offers in a row
 * take an agent off the floor; each strategy picks its agent; skills, language, capacity and status are respected.
 * One organization for the class, one department per test.
 */
class ReservationsIT {

    /** A required skill no agent has: such a transfer waits in the queue for as long as the test needs. */
    private static final String NOBODY_HAS_IT = "klingon-opera";

    private static final Routing routing = Routing.newOrganization();

    private static int number(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).intValue();
    }

    @Test
    void anUnansweredOfferGoesBackToTheQueueAtItsOldPlace() {
        String department = routing.department(Map.of("reservation_timeout_seconds", 1, "wrap_up_seconds", 0));
        routing.agent(department, Map.of("skills", List.of("x")));
        var placed = routing.request(department, "medium", Map.of("required_skills", List.of("x")));
        String first = placed.getString("transfer_id");
        String queuedAt = placed.getString("transfer.queued_at");
        assertEquals("offered", placed.getString("status"));
        String second = routing.request(department, "medium", Map.of("required_skills", List.of(NOBODY_HAS_IT)))
                .getString("transfer_id");
        String third = routing.request(department, "medium", Map.of("required_skills", List.of(NOBODY_HAS_IT)))
                .getString("transfer_id");
        assertEquals(List.of(second, third), routing.queue(department));

        // unanswered for a second: back in the queue, ahead of the younger transfers of the same urgency
        var queue = Routing.await(
                "the unanswered offer to come back to the queue",
                () -> routing.queue(department),
                q -> q.contains(first));
        assertEquals(List.of(first, second, third), queue);
        var transfer = routing.transfer(first);
        assertEquals(queuedAt, transfer.getString("transfer.queued_at"), "its age never changes");
        assertTrue(transfer.getInt("transfer.offer_count") >= 1);

        for (String id : List.of(first, second, third)) {
            routing.move(id, "cancel").then().statusCode(200);
        }
    }

    @Test
    void anUnansweredOfferIsOfferedToAnotherFreeAgent() {
        String department = routing.department(
                Map.of("routing_strategy", "best_rated", "reservation_timeout_seconds", 1, "wrap_up_seconds", 0));
        String best = routing.agent(department, Map.of("performance_rating", 5.0));
        String other = routing.agent(department, Map.of("performance_rating", 1.0));
        var placed = routing.request(department, "high", Map.of());
        String id = placed.getString("transfer_id");
        assertEquals(best, placed.getString("transfer.agent_id"));

        var moved = Routing.await(
                "the offer to pass to the other agent",
                () -> routing.transfer(id),
                t -> other.equals(t.getString("transfer.agent_id")));
        assertEquals("offered", moved.getString("status"));
        assertEquals(2, moved.getInt("transfer.offer_count"));
        assertEquals(placed.getString("transfer.queued_at"), moved.getString("transfer.queued_at"));
        var row = routing.agentRow(best);
        assertEquals(1, number(row, "missed_offers"), row.toString());
        assertEquals(0, number(row, "active_calls"), row.toString());
        assertEquals("available", row.get("status"));

        routing.move(id, "accept").then().statusCode(200).body("transfer.agent_id", equalTo(other));
        routing.move(id, "complete").then().statusCode(200);
    }

    @Test
    void aRejectedOfferGoesBackToItsOldPlaceAndToAnotherFreeAgent() {
        String department = routing.department(Map.of("reservation_timeout_seconds", 30, "wrap_up_seconds", 0));
        String first = routing.agent(department);
        String second = routing.agent(department, Map.of("status", "on_break"));
        var placed = routing.request(department, "medium", Map.of());
        String rejected = placed.getString("transfer_id");
        String younger = routing.request(department);
        String youngest = routing.request(department);
        assertEquals(first, routing.agentOf(rejected));

        routing.move(rejected, "reject")
                .then()
                .statusCode(200)
                .body("status", equalTo("queued"))
                .body("queue_position", equalTo(1))
                .body("transfer.agent_id", equalTo(""))
                .body("transfer.queued_at", equalTo(placed.getString("transfer.queued_at")));
        // the agent who said no is free for the next caller, not for the same one again
        assertEquals(first, routing.agentOf(younger));
        assertEquals(List.of(rejected, youngest), routing.queue(department));
        var row = routing.agentRow(first);
        assertEquals(0, number(row, "missed_offers"), "a rejection is not a missed offer: " + row);

        // another agent comes: the rejected transfer, first in line, is theirs
        routing.setStatus(second, "available");
        assertEquals(second, routing.agentOf(rejected));
        assertEquals("offered", routing.status(rejected));
        assertEquals(List.of(youngest), routing.queue(department));
    }

    @Test
    void anAgentWhoMissesThreeOffersInARowGoesOnBreak() {
        String department = routing.department(Map.of("reservation_timeout_seconds", 1, "wrap_up_seconds", 0));
        String agent = routing.agent(department);
        var transfers = List.of(routing.request(department), routing.request(department), routing.request(department));
        assertEquals(agent, routing.agentOf(transfers.get(0)));

        Routing.await(
                "the agent to go on break after three missed offers",
                Duration.ofSeconds(20),
                () -> routing.statusOf(agent),
                "on_break"::equals);
        // exactly three offers were made, all to this agent, and nothing stays reserved to it
        long offers = Database.number(
                "select sum(offer_count) from transfers where tenant_id = cast(? as uuid) and transfer_id in (?, ?, ?)",
                routing.tenantId(),
                transfers.get(0),
                transfers.get(1),
                transfers.get(2));
        assertEquals(3, offers);
        var row = routing.agentRow(agent);
        assertEquals(0, number(row, "active_calls"), row.toString());
        for (String id : transfers) {
            assertEquals("queued", routing.status(id));
        }
        Routing.pause(Duration.ofMillis(1_500)); // a sweep or two later: still nobody offered to an agent on break
        assertEquals("on_break", routing.statusOf(agent));
        assertEquals(3, routing.queue(department).size());

        // back from the break, the agent is offered a call at once
        routing.setStatus(agent, "available");
        long offeredToAgent = transfers.stream()
                .filter(id -> agent.equals(routing.agentOf(id)))
                .count();
        assertEquals(1, offeredToAgent);
        for (String id : transfers) {
            routing.move(id, "cancel").then().statusCode(200);
        }
    }

    @Test
    void aCallerBehindTwentyRareSkillTransfersIsStillOfferedAFreeAgent() {
        String department = routing.department(Map.of("max_queue_length", 100));
        String generalist = routing.agent(department);
        for (int i = 0; i < 20; i++) {
            routing.request(department, "medium", Map.of("required_skills", List.of(NOBODY_HAS_IT)));
        }
        String plain = routing.request(department);
        assertEquals(generalist, routing.awaitOffer(plain));
    }

    @Test
    void bestRatedPicksTheHighestPerformanceRating() {
        String department = routing.department(Map.of("routing_strategy", "best_rated"));
        routing.agent(department, Map.of("performance_rating", 2.5));
        String best = routing.agent(department, Map.of("performance_rating", 4.8));
        String runnerUp = routing.agent(department, Map.of("performance_rating", 4.0));
        assertEquals(best, routing.agentOf(routing.request(department)));
        assertEquals(runnerUp, routing.agentOf(routing.request(department)));
    }

    @Test
    void longestIdleIsTheDefaultAndPicksTheAgentIdleLongest() {
        String department = routing.department(Map.of());
        routing.admin()
                .get("/api/departments/" + department)
                .then()
                .body("department.routing_strategy", equalTo("longest_idle"));
        String a = routing.agent(department);
        Routing.pause(Duration.ofMillis(30));
        String b = routing.agent(department);
        Routing.pause(Duration.ofMillis(30));
        String c = routing.agent(department);
        Routing.pause(Duration.ofMillis(30));
        routing.setStatus(a, "on_break"); // a was idle longest, but just came back from a break
        routing.setStatus(a, "available");
        assertEquals(b, routing.agentOf(routing.request(department)));
        assertEquals(c, routing.agentOf(routing.request(department)));
        assertEquals(a, routing.agentOf(routing.request(department)));
    }

    @Test
    void fewestCallsPicksTheAgentWhoTookFewestCallsToday() {
        String department = routing.department(Map.of("routing_strategy", "fewest_calls", "wrap_up_seconds", 0));
        String busy = routing.agent(department);
        String fresh = routing.agent(department, Map.of("status", "offline"));
        for (int i = 0; i < 2; i++) {
            String id = routing.request(department);
            assertEquals(busy, routing.agentOf(id));
            routing.handle(id);
        }
        // the fresh agent logs in last (so longest-idle would pick the other) yet took no call today
        routing.setStatus(fresh, "available");
        assertEquals(fresh, routing.agentOf(routing.request(department)));
    }

    @Test
    void roundRobinRotatesThroughTheAgents() {
        String department = routing.department(Map.of("routing_strategy", "round_robin", "wrap_up_seconds", 0));
        var agents = List.of(routing.agent(department), routing.agent(department), routing.agent(department));
        var served = new ArrayList<String>();
        for (int i = 0; i < 4; i++) {
            String id = routing.request(department);
            served.add(routing.agentOf(id));
            routing.handle(id); // each is free again at once: only the rotation decides
        }
        assertEquals(new HashSet<>(agents), new HashSet<>(served.subList(0, 3)), "each agent once: " + served);
        assertEquals(served.get(0), served.get(3), "then the first again: " + served);
    }

    @Test
    void aTransferNeedingSkillsGoesOnlyToAnAgentHavingThemAndDoesNotHoldUpOthers() {
        String department = routing.department(Map.of("wrap_up_seconds", 0));
        String generalist = routing.agent(department); // idle longest
        Routing.pause(Duration.ofMillis(30));
        String specialist = routing.agent(department, Map.of("skills", List.of("billing", "refunds")));
        String needsBilling = routing.request(department, "medium", Map.of("required_skills", List.of("Billing")))
                .getString("transfer_id");
        assertEquals(specialist, routing.agentOf(needsBilling));

        String needsBoth = routing.request(
                        department, "critical", Map.of("required_skills", List.of("billing", "refunds")))
                .getString("transfer_id");
        assertEquals("queued", routing.status(needsBoth), "the generalist lacks the skills");
        String plain = routing.request(department, "low", Map.of()).getString("transfer_id");
        assertEquals(generalist, routing.agentOf(plain), "a waiting specialist call does not block the queue");

        routing.handle(needsBilling);
        assertEquals(specialist, routing.agentOf(needsBoth));
        var rare = routing.request(department, "medium", Map.of("required_skills", List.of(NOBODY_HAS_IT)));
        assertEquals("queued", rare.getString("status"));
        routing.move(rare.getString("transfer_id"), "cancel").then().statusCode(200);
    }

    @Test
    void preferredSkillsAreWaitedForUntilTheDepartmentWidens() {
        String department = routing.department(Map.of("wrap_up_seconds", 0, "widen_after_seconds", 2));
        String spanishSpeaker = routing.agent(department, Map.of("skills", List.of("billing", "spanish")));
        var preferred = routing.request(
                department,
                "medium",
                Map.of("required_skills", List.of("billing"), "preferred_skills", List.of("spanish")));
        assertEquals(spanishSpeaker, preferred.getString("transfer.agent_id"), "the bullseye's centre first");
        assertEquals(List.of("spanish"), preferred.getList("transfer.preferred_skills"));

        String billingOnly = routing.agent(department, Map.of("skills", List.of("billing")));
        var waiting = routing.request(
                department,
                "medium",
                Map.of("required_skills", List.of("billing"), "preferred_skills", List.of("spanish")));
        assertEquals("queued", waiting.getString("status"), "the free agent lacks the preferred skill");
        String transferId = waiting.getString("transfer_id");
        Routing.await("the bullseye widens after 2 s", () -> routing.status(transferId), "offered"::equals);
        assertEquals(billingOnly, routing.agentOf(transferId));
    }

    @Test
    void aTransferNeedingALanguageGoesOnlyToAnAgentSpeakingIt() {
        String department = routing.department(Map.of("wrap_up_seconds", 0));
        String english = routing.agent(department, Map.of("languages", List.of("en")));
        Routing.pause(Duration.ofMillis(30));
        String bilingual = routing.agent(department, Map.of("languages", List.of("en", "es")));
        var spanish = routing.request(department, "medium", Map.of("language", "ES"));
        assertEquals(bilingual, spanish.getString("transfer.agent_id"));
        assertEquals("es", spanish.getString("transfer.language"));
        var french = routing.request(department, "medium", Map.of("language", "fr"));
        assertEquals("queued", french.getString("status"));
        assertNotEquals(english, french.getString("transfer.agent_id"));
        assertEquals(english, routing.agentOf(routing.request(department)));
        routing.move(french.getString("transfer_id"), "cancel").then().statusCode(200);
    }

    @Test
    void anAgentIsOfferedUpToItsCapacityAndAgentsOnBreakOrOfflineNothing() {
        String department = routing.department(Map.of("wrap_up_seconds", 0));
        String agent = routing.agent(department, Map.of("max_concurrent_calls", 2));
        routing.agent(department, Map.of("status", "on_break"));
        routing.agent(department, Map.of("status", "offline"));
        String one = routing.request(department);
        assertEquals("available", routing.statusOf(agent), "one of two slots taken");
        String two = routing.request(department);
        String three = routing.request(department);
        assertEquals(agent, routing.agentOf(one));
        assertEquals(agent, routing.agentOf(two));
        assertEquals("queued", routing.status(three));
        assertEquals("busy", routing.statusOf(agent));
        assertEquals(2, number(routing.agentRow(agent), "active_calls"));
        assertTrue(Database.rows(Routing.OVER_CAPACITY, routing.tenantId()).isEmpty());

        routing.handle(one);
        assertEquals(agent, routing.agentOf(three), "a freed slot takes the next caller");
    }
}
