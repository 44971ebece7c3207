package com.vocelio.event;

import static com.vocelio.testing.EventClient.event;
import static com.vocelio.testing.EventClient.id;
import static com.vocelio.testing.EventClient.stored;
import static com.vocelio.testing.EventClient.type;
import static com.vocelio.testing.Feeds.SECOND;
import static com.vocelio.testing.Feeds.WAIT;
import static com.vocelio.testing.Feeds.assertWithinASecond;
import static com.vocelio.testing.Feeds.transfersFeedOn;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.vocelio.launcher.PayaraMicroProcess;
import com.vocelio.testing.Api;
import com.vocelio.testing.EventClient;
import com.vocelio.testing.Routing;
import com.vocelio.testing.TestServer;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two nodes of the application over one database, as behind a load balancer: an event committed through either node
 * reaches clients of the other within one second (the bus is the database's outbox and NOTIFY), a token from one node
 * signs in on the other and stops working on both when its user is deactivated, and a client that moves to the other node resumes where it left off.
 */
class TwoNodesIT {

    private static PayaraMicroProcess nodeB;
    private static Routing routing;
    private static String department;

    @BeforeAll
    static void secondNode() throws Exception {
        nodeB = TestServer.get().secondNode();
        routing = Routing.newOrganization();
        department = routing.department(Map.of());
    }

    @Test
    void aClientOfNodeBReceivesWithinOneSecondAnEventCommittedOnNodeA() {
        try (var onB = transfersFeedOn(nodeB.baseUri(), routing.token())) {
            var placed = routing.request(department, "medium", Map.of()); // through node A
            long committed = System.nanoTime();
            String transferId = placed.getString("transfer_id");
            var arrived = onB.awaitReceived(
                    "the transfer on node B", SECOND, event("transfer_queued", "transfer_id", transferId));
            assertWithinASecond(committed, arrived);
            assertEquals(routing.tenantId(), arrived.json().getString("tenant_id"));
            assertEquals(
                    placed.getString("transfer.call_id"),
                    EventClient.payload(arrived.json()).getString("call_id"));
        }
    }

    @Test
    void aClientOfNodeAReceivesWithinOneSecondAnEventCommittedOnNodeB() {
        try (var onA = transfersFeedOn(TestServer.get().baseUri(), routing.token())) {
            String transferId = given().baseUri(nodeB.baseUri().toString())
                    .contentType(ContentType.JSON)
                    .accept(ContentType.JSON)
                    .header("Authorization", "Bearer " + routing.token())
                    .body(Map.of("call_id", Routing.callId(), "target_department", department))
                    .post("/transfer/request")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("transfer_id");
            long committed = System.nanoTime();
            var arrived = onA.awaitReceived(
                    "the transfer on node A", SECOND, event("transfer_queued", "transfer_id", transferId));
            assertWithinASecond(committed, arrived);
        }
    }

    @Test
    void aClientMovingFromNodeAToNodeBResumesWithoutLosingOrRepeatingAnything() {
        long lastId;
        try (var onA = transfersFeedOn(TestServer.get().baseUri(), routing.token())) {
            String seen = routing.request(department);
            lastId = id(onA.await("a transfer on node A", SECOND, event("transfer_queued", "transfer_id", seen)));
        }
        var missed = new ArrayList<String>();
        for (int i = 0; i < 3; i++) {
            missed.add(routing.request(department));
        }
        try (var onB = EventClient.open(
                nodeB.baseUri(), "ws/transfers?access_token=" + routing.token() + "&since=" + lastId)) {
            onB.await("authenticated on node B", WAIT, type("authenticated"));
            for (String transferId : missed) {
                onB.await("missed " + transferId, WAIT, event("transfer_queued", "transfer_id", transferId));
            }
            String live = routing.request(department);
            onB.await("the live transfer", SECOND, event("transfer_queued", "transfer_id", live));
            List<String> received = onB.messages(stored()).stream()
                    .map(m -> EventClient.payload(m).getString("transfer_id", "?"))
                    .toList();
            var expected = new ArrayList<>(missed);
            expected.add(live);
            assertEquals(expected, received, onB.describe());
        }
    }

    @Test
    void aUserDeactivatedThroughNodeAIsRefusedByNodeBWithinOneSecond() {
        var user = Api.user(routing.organization(), "supervisor", null);
        String token = Api.accessToken(user.email());
        var onB = given().baseUri(nodeB.baseUri().toString()).header("Authorization", "Bearer " + token);
        assertEquals(200, onB.get("/api/departments").statusCode());

        routing.organization()
                .asAdmin()
                .body(Map.of("active", false))
                .put("/api/users/" + user.id())
                .then()
                .statusCode(200); // through node A
        long deadline = System.nanoTime() + SECOND.toNanos();
        int status;
        do {
            status = onB.get("/api/departments").statusCode();
        } while (status != 401 && System.nanoTime() < deadline);
        assertEquals(401, status, "node B still accepted the token a second after node A revoked it");
    }
}
