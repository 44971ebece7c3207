package com.vocelio.transfer;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.vocelio.testing.Routing;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A call has one open transfer at a time, and none once it has ended (409); what a transfer waits in or is offered
 * to is not deleted from under it: a department with waiting transfers is 409, an agent holding an offer is refused
 * or the offer goes back to the queue.
 */
class TransferConflictsIT {

    private static final Routing routing = Routing.newOrganization();

    @Test
    void anotherDepartmentWhileTheCallHasAnOpenTransferIs409() {
        String first = routing.unstaffedDepartment();
        String second = routing.unstaffedDepartment();
        String callId = Routing.callId();
        String id = routing.post(Map.of("call_id", callId, "target_department", first))
                .then()
                .statusCode(201)
                .extract()
                .path("transfer_id");
        routing.post(Map.of("call_id", callId, "target_department", second))
                .then()
                .statusCode(409)
                .body("code", equalTo("transfer_in_progress"))
                .body("error", containsString(id));
        assertEquals(1, routing.transfersOfCall(callId));
    }

    @Test
    void aCallThatHasEndedCannotBeTransferredAgain() {
        String department = routing.department(Map.of("wrap_up_seconds", 0));
        routing.agent(department);
        var placed = routing.request(department, "medium", Map.of());
        String id = placed.getString("transfer_id");
        routing.handle(id);
        routing.post(Map.of(
                        "call_id",
                        placed.getString("transfer.call_id"),
                        "target_department",
                        routing.unstaffedDepartment()))
                .then()
                .statusCode(409)
                .body("code", equalTo("call_ended"));
    }

    @Test
    void deletingAnAgentWhoHoldsAnOfferIsRefusedOrReleasesTheOffer() {
        String department = routing.department(Map.of());
        String agent = routing.agent(department);
        String id = routing.request(department);
        int status = routing.admin().delete("/agents/" + agent).statusCode();
        if (status == 409) {
            assertEquals("offered", routing.status(id));
        } else {
            assertEquals(200, status);
            assertEquals("queued", routing.status(id));
            assertEquals("", routing.agentOf(id));
        }
    }

    @Test
    void deletingADepartmentWithWaitingTransfersIs409() {
        String department = routing.unstaffedDepartment();
        routing.request(department);
        routing.admin()
                .delete("/api/departments/" + department)
                .then()
                .statusCode(409)
                .body("success", equalTo(false));
    }
}
