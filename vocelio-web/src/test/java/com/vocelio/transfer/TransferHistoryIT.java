package com.vocelio.transfer;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.vocelio.testing.Routing;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A call's transfer history ({@code /call/{id}/transfer-history} and its {@code /api} alias) lists its transfers with
 * department, reason and current status; an unknown call is 404 {@code call_not_found}.
 */
class TransferHistoryIT {

    private static final Routing routing = Routing.newOrganization();

    @Test
    void transferHistoryListsTheCallsTransfersOnBothPaths() {
        String department = routing.unstaffedDepartment();
        String name = routing.departmentName(department);
        String callId = Routing.callId();
        String id = routing.post(
                        Map.of("call_id", callId, "target_department", department, "transfer_reason", "needs_a_human"))
                .then()
                .statusCode(201)
                .extract()
                .path("transfer_id");
        for (String path : List.of("/call/", "/api/call/")) {
            routing.admin()
                    .get(path + callId + "/transfer-history")
                    .then()
                    .statusCode(200)
                    .body("success", equalTo(true))
                    .body("transfer_history.size()", equalTo(1))
                    .body("transfer_history[0].transfer_id", equalTo(id))
                    .body("transfer_history[0].department", equalTo(name))
                    .body("transfer_history[0].reason", equalTo("needs_a_human"))
                    .body("transfer_history[0].timestamp", notNullValue())
                    .body("transfer_history[0].status", equalTo("queued"));
        }
        routing.move(id, "cancel").then().statusCode(200);
        routing.admin()
                .get("/api/call/" + callId + "/transfer-history")
                .then()
                .statusCode(200)
                .body("transfer_history[0].status", equalTo("abandoned"));
    }

    @Test
    void theHistoryOfAnUnknownCallIs404() {
        for (String path : List.of("/call/", "/api/call/")) {
            routing.admin()
                    .get(path + "call_never_heard_of/transfer-history")
                    .then()
                    .statusCode(404)
                    .body("success", equalTo(false))
                    .body("code", equalTo("call_not_found"));
        }
    }
}
