package com.vocelio.transfer;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.testing.Api;
import com.vocelio.testing.Database;
import com.vocelio.testing.Routing;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The transfer's state machine over HTTP ({@code /transfer/{id}/accept|reject|complete|cancel}): accept connects,
 * complete ends and starts the agent's wrap-up, cancel abandons and gives the agent's capacity back; a move the state
 * does not allow is 409 {@code illegal_transfer_state}, a repeat of the deciding move answers as it did, and an agent
 * may act only on the offers made to it. One organization for the class, one department per test.
 */
class TransferMovesIT {

    private static final Routing routing = Routing.newOrganization();

    @Test
    void acceptConnectsCompleteCompletesThenTheAgentWrapsUpAndIsAvailableAgain() {
        String department = routing.department(Map.of("wrap_up_seconds", 2));
        String agent = routing.agent(department);
        String id = routing.request(department);
        assertEquals("offered", routing.status(id));
        assertEquals(agent, routing.agentOf(id));
        assertEquals("busy", routing.statusOf(agent));

        routing.move(id, "accept")
                .then()
                .statusCode(200)
                .body("status", equalTo("connected"))
                .body("transfer.agent_id", equalTo(agent))
                .body("transfer.connected_at", notNullValue());
        long before = System.nanoTime();
        routing.move(id, "complete")
                .then()
                .statusCode(200)
                .body("status", equalTo("completed"))
                .body("transfer.ended_at", notNullValue());
        assertEquals("completed", routing.status(id));
        assertEquals("wrap_up", routing.statusOf(agent));

        // no offer during wrap-up: a new caller waits until it is over, then gets this agent
        String next = routing.request(department);
        assertEquals("queued", routing.status(next));
        Routing.await("the agent to finish wrap-up", () -> routing.statusOf(agent), s -> !"wrap_up".equals(s));
        long wrapUpMillis = (System.nanoTime() - before) / 1_000_000;
        assertTrue(wrapUpMillis >= 1_900, "wrap-up lasted only " + wrapUpMillis + " ms of 2 s");
        assertEquals(agent, routing.awaitOffer(next));
        routing.handle(next);

        String third = routing.department(Map.of("wrap_up_seconds", 1));
        String other = routing.agent(third);
        String call = routing.request(third);
        routing.handle(call);
        Routing.await("wrap-up of 1 s to end", () -> routing.statusOf(other), "available"::equals);
        assertEquals(0, ((Number) routing.agentRow(other).get("active_calls")).intValue());
    }

    @Test
    void illegalMovesAre409IllegalTransferState() {
        String staffed = routing.department(Map.of("wrap_up_seconds", 0));
        routing.agent(staffed);
        String id = routing.request(staffed);
        String queued = routing.request(staffed); // the only agent holds the first

        assertEquals("queued", routing.status(queued));
        for (String move : List.of("accept", "reject", "complete")) {
            routing.move(queued, move)
                    .then()
                    .statusCode(409)
                    .body("success", equalTo(false))
                    .body("code", equalTo("illegal_transfer_state"))
                    .body("error", containsString("queued"));
        }
        routing.move(id, "complete").then().statusCode(409).body("code", equalTo("illegal_transfer_state"));
        routing.move(id, "accept").then().statusCode(200).body("status", equalTo("connected"));
        // a repeat of the move that decided the state answers as the first did (a retry, a double click)
        routing.move(id, "accept").then().statusCode(200).body("status", equalTo("connected"));
        routing.move(id, "reject").then().statusCode(409).body("code", equalTo("illegal_transfer_state"));
        routing.move(id, "complete").then().statusCode(200).body("status", equalTo("completed"));
        routing.move(id, "complete").then().statusCode(200).body("status", equalTo("completed"));
        for (String move : List.of("reject", "accept", "cancel")) {
            routing.move(id, move)
                    .then()
                    .statusCode(409)
                    .body("code", equalTo("illegal_transfer_state"))
                    .body("error", containsString("completed"));
        }
        assertEquals("completed", routing.status(id));
        routing.move(queued, "cancel").then().statusCode(200);
        routing.move(queued, "cancel").then().statusCode(200).body("status", equalTo("abandoned"));
        routing.move(queued, "accept").then().statusCode(409).body("code", equalTo("illegal_transfer_state"));
    }

    @Test
    void cancelAbandonsTheTransferAndGivesTheAgentsCapacityBack() {
        String department = routing.department(Map.of("wrap_up_seconds", 0));
        String agent = routing.agent(department);
        String offered = routing.request(department);
        String waiting = routing.request(department);
        assertEquals(agent, routing.agentOf(offered));
        assertEquals(1, ((Number) routing.agentRow(agent).get("active_calls")).intValue());

        routing.move(offered, "cancel")
                .then()
                .statusCode(200)
                .body("status", equalTo("abandoned"))
                .body("transfer.ended_at", notNullValue());
        // the freed agent takes the next caller in the same breath
        assertEquals(agent, routing.agentOf(waiting));
        assertEquals("offered", routing.status(waiting));

        routing.move(waiting, "accept").then().statusCode(200);
        routing.admin()
                .post("/transfer/" + waiting + "/cancel?reason=caller_hung_up")
                .then()
                .statusCode(200)
                .body("status", equalTo("abandoned"));
        var row = routing.agentRow(agent);
        assertEquals(0, ((Number) row.get("active_calls")).intValue(), row.toString());
        assertEquals("available", row.get("status"));
        assertEquals("available", routing.statusOf(agent));
        assertTrue(Database.rows(Routing.OVER_CAPACITY, routing.tenantId()).isEmpty());

        // a queued transfer may be abandoned too; it never held anyone
        String lonely = routing.request(routing.unstaffedDepartment());
        routing.move(lonely, "cancel").then().statusCode(200).body("status", equalTo("abandoned"));
    }

    @Test
    void anAgentMayActOnlyOnOffersMadeToThem() {
        String department = routing.department(Map.of("wrap_up_seconds", 0));
        String first = routing.agent(department);
        String id = routing.request(department);
        String second = routing.agent(department); // registered after the offer: the offer is the first's
        assertEquals(first, routing.agentOf(id));
        String secondsToken = Api.signedIn(routing.organization(), "agent", second);
        String firstsToken = Api.signedIn(routing.organization(), "agent", first);
        for (String move : List.of("accept", "reject", "complete")) {
            Api.as(secondsToken)
                    .post("/transfer/" + id + "/" + move)
                    .then()
                    .statusCode(403)
                    .body("code", equalTo("not_your_transfer"));
        }
        Api.as(firstsToken)
                .post("/transfer/" + id + "/accept")
                .then()
                .statusCode(200)
                .body("status", equalTo("connected"));
        // decided: the same agent's second accept is a repeat, another agent's is too late
        Api.as(firstsToken)
                .post("/transfer/" + id + "/accept")
                .then()
                .statusCode(200)
                .body("status", equalTo("connected"));
        Api.as(secondsToken)
                .post("/transfer/" + id + "/accept")
                .then()
                .statusCode(409)
                .body("success", equalTo(false))
                .body("code", equalTo("transfer_taken"));
        Api.as(firstsToken)
                .post("/transfer/" + id + "/complete")
                .then()
                .statusCode(200)
                .body("status", equalTo("completed"));
    }
}
