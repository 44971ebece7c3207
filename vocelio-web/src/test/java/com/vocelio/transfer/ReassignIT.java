package com.vocelio.transfer;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.vocelio.testing.Api;
import com.vocelio.testing.Routing;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /transfer/{id}/reassign {agent_id}}: a supervisor hands a transfer to a chosen agent of its department.
 * An offer to someone else is withdrawn (that agent is free again), a waiting transfer is offered to the chosen one
 * even without the skills the queue asked for, and what cannot be done says why.
 */
class ReassignIT {

    private static final Routing routing = Routing.newOrganization();

    @Test
    void anOfferedTransferMovesToTheChosenAgentAndTheFirstIsFreeAgain() {
        String department = routing.department(Map.of("wrap_up_seconds", 0));
        String one = routing.agent(department);
        String two = routing.agent(department);
        String id = routing.request(department);
        String offered = routing.agentOf(id);
        String chosen = offered.equals(one) ? two : one;

        reassign(id, chosen)
                .then()
                .statusCode(200)
                .body("status", equalTo("offered"))
                .body("transfer.agent_id", equalTo(chosen));
        assertEquals(chosen, routing.agentOf(id));
        assertEquals("busy", routing.statusOf(chosen));
        assertEquals("available", routing.statusOf(offered));
        routing.handle(id); // the chosen agent's offer is a real one: it accepts and completes
    }

    @Test
    void aWaitingTransferNoFreeAgentCouldTakeIsOfferedToTheChosenOne() {
        String department = routing.department(Map.of("wrap_up_seconds", 0));
        String generalist = routing.agent(department); // no skills
        String id = routing.request(department, "medium", Map.of("required_skills", List.of("mandarin")))
                .getString("transfer_id");
        assertEquals("queued", routing.status(id));

        reassign(id, generalist)
                .then()
                .statusCode(200)
                .body("status", equalTo("offered"))
                .body("transfer.agent_id", equalTo(generalist));
    }

    @Test
    void refusalsSayWhy() {
        String department = routing.department(Map.of("wrap_up_seconds", 0));
        String busy = routing.agent(department);
        String id = routing.request(department); // offered to the only agent, who is now busy
        String elsewhere = routing.agent(routing.department(Map.of()));
        String waiting = routing.request(department);

        reassign(waiting, elsewhere).then().statusCode(409).body("code", equalTo("agent_of_another_department"));
        reassign(waiting, busy).then().statusCode(409).body("code", equalTo("agent_unavailable"));
        routing.admin()
                .body(Map.of())
                .post("/transfer/" + waiting + "/reassign")
                .then()
                .statusCode(400)
                .body("details.field", hasItem("agent_id"));
        reassign(waiting, "agent_nobody").then().statusCode(404);
        reassign("transfer_nothing", busy).then().statusCode(404);
        assertEquals("queued", routing.status(waiting), "nothing moved");
        assertEquals(busy, routing.agentOf(id));

        // an agent cannot reassign, not even to itself
        String agentsToken = Api.signedIn(routing.organization(), "agent", busy);
        Api.as(agentsToken)
                .body(Map.of("agent_id", busy))
                .post("/transfer/" + waiting + "/reassign")
                .then()
                .statusCode(403);
        assertNotEquals("offered", routing.status(waiting));
    }

    @Test
    void anotherOrganizationsTransferIsUnknown() {
        String department = routing.department(Map.of("wrap_up_seconds", 0));
        String agent = routing.agent(department);
        String id = routing.request(routing.unstaffedDepartment());
        var other = Routing.newOrganization();
        String theirs = other.agent(other.department(Map.of()));
        other.admin()
                .body(Map.of("agent_id", theirs))
                .post("/transfer/" + id + "/reassign")
                .then()
                .statusCode(404);
        assertEquals("queued", routing.status(id));
        assertEquals("available", routing.statusOf(agent));
    }

    private static io.restassured.response.Response reassign(String transferId, String agentId) {
        return routing.admin().body(Map.of("agent_id", agentId)).post("/transfer/" + transferId + "/reassign");
    }
}
