package com.vocelio.transfer;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.isA;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.vocelio.testing.Routing;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A transfer request is taken in every spelling the clients send: the portal's {@code POST /api/calls/transfer} (C6,
 * and its older body naming {@code department_id}), the seed guide's and the seed server's {@code /transfer/request}
 * (the department by id or by name, {@code reason}, a context object); the answer, and {@code GET /transfer/{id}},
 * show the transfer, its place in the queue and its wait, with no null text field. One organization for the class,
 * one department per test.
 */
class TransferRequestIT {

    private static final Routing routing = Routing.newOrganization();

    @Test
    void portalBodyC6Gives201WithTheTransferAndItsPlaceInTheQueue() {
        String department = routing.unstaffedDepartment();
        String name = routing.departmentName(department);
        String callId = Routing.callId();
        var body = new LinkedHashMap<String, Object>();
        body.put("call_id", callId);
        body.put("target_department", department);
        body.put("transfer_type", "warm");
        body.put("transfer_reason", "dashboard_transfer");
        body.put("urgency_level", "medium");
        body.put("context_summary", "Live monitor transfer for call " + callId + " from +15557654321");
        routing.admin()
                .body(body)
                .post("/api/calls/transfer")
                .then()
                .statusCode(201)
                .body("success", equalTo(true))
                .body("transfer_id", isA(String.class))
                .body("transfer_id", startsWith("transfer_"))
                .body("status", equalTo("queued"))
                .body("target_department", equalTo(name))
                .body("estimated_wait_time", isA(Integer.class))
                .body("estimated_wait_time", greaterThan(0))
                .body("queue_position", equalTo(1))
                .body("transfer.transfer_id", isA(String.class))
                .body("transfer.call_id", equalTo(callId))
                .body("transfer.status", equalTo("queued"))
                .body("transfer.transfer_type", equalTo("warm"))
                .body("transfer.transfer_reason", equalTo("dashboard_transfer"))
                .body("transfer.urgency_level", equalTo("medium"))
                .body("transfer.context_summary", startsWith("Live monitor transfer"))
                .body("transfer.target_department", equalTo(name))
                .body("transfer.department_id", equalTo(department))
                .body("transfer.queue_position", equalTo(1))
                .body("transfer.agent_id", equalTo(""));
    }

    @Test
    void portalBodyToAStaffedDepartmentIsOfferedAtOnce() {
        String department = routing.department(Map.of());
        String agent = routing.agent(department);
        routing.admin()
                .body(Map.of("call_id", Routing.callId(), "target_department", department))
                .post("/api/calls/transfer")
                .then()
                .statusCode(201)
                .body("status", equalTo("offered"))
                .body("queue_position", equalTo(0))
                .body("estimated_wait_time", equalTo(0))
                .body("transfer.agent_id", equalTo(agent))
                .body("transfer.offer_count", equalTo(1))
                .body("transfer.offer_expires_at", notNullValue())
                // the helper's defaults when the portal sends no options
                .body("transfer.transfer_type", equalTo("warm"))
                .body("transfer.urgency_level", equalTo("medium"));
    }

    @Test
    void seedGuideBodyNamesTheDepartmentByName() {
        // the guide sends target_department:"sales"; names match whatever their case
        String department = routing.department("Sales", Map.of());
        String callId = Routing.callId();
        var body = new LinkedHashMap<String, Object>();
        body.put("call_id", callId);
        body.put("session_id", "session_42");
        body.put("transfer_type", "cold");
        body.put("transfer_reason", "billing_question");
        body.put("target_department", "sales");
        body.put("urgency_level", "high");
        body.put("context_summary", "Wants a refund");
        body.put("customer_notes", "Premium customer");
        routing.post(body)
                .then()
                .statusCode(201)
                .body("transfer_id", isA(String.class))
                .body("target_department", equalTo("Sales"))
                .body("estimated_wait_time", isA(Integer.class))
                .body("queue_position", equalTo(1))
                .body("transfer.department_id", equalTo(department))
                .body("transfer.session_id", equalTo("session_42"))
                .body("transfer.transfer_type", equalTo("cold"))
                .body("transfer.transfer_reason", equalTo("billing_question"))
                .body("transfer.urgency_level", equalTo("high"))
                .body("transfer.context_summary", equalTo("Wants a refund"))
                .body("transfer.customer_notes", equalTo("Premium customer"));
    }

    @Test
    void seedServerBodyWithDepartmentReasonAndAnObjectContextIsAccepted() {
        String department = routing.unstaffedDepartment();
        String name = routing.departmentName(department);
        routing.post(Map.of(
                        "call_id",
                        Routing.callId(),
                        "department",
                        name,
                        "reason",
                        "angry_customer",
                        "context",
                        Map.of("intent", "cancel_subscription", "sentiment", "negative")))
                .then()
                .statusCode(201)
                .body("target_department", equalTo(name))
                .body("transfer.transfer_reason", equalTo("angry_customer"))
                .body("transfer.context_summary", containsString("cancel_subscription"))
                .body("transfer.context_summary", containsString("sentiment"));
        routing.post(Map.of("call_id", Routing.callId(), "department", department, "context", "Plain text context"))
                .then()
                .statusCode(201)
                .body("transfer.context_summary", equalTo("Plain text context"));
    }

    @Test
    void olderPortalBodyWithDepartmentIdIsAccepted() {
        String department = routing.unstaffedDepartment();
        routing.admin()
                .body(Map.of("call_id", Routing.callId(), "department_id", department))
                .post("/api/calls/transfer")
                .then()
                .statusCode(201)
                .body("transfer.department_id", equalTo(department))
                .body("status", equalTo("queued"));
    }

    @Test
    void getTransferShowsItsCurrentState() {
        String department = routing.unstaffedDepartment();
        var placed = routing.request(department, "critical", Map.of("customer_notes", "VIP"));
        String id = placed.getString("transfer_id");
        routing.admin()
                .get("/transfer/" + id)
                .then()
                .statusCode(200)
                .body("success", equalTo(true))
                .body("transfer_id", equalTo(id))
                .body("status", equalTo("queued"))
                .body("target_department", equalTo(routing.departmentName(department)))
                .body("queue_position", equalTo(1))
                .body("estimated_wait_time", greaterThan(0))
                .body("transfer.call_id", equalTo(placed.getString("transfer.call_id")))
                .body("transfer.urgency_level", equalTo("critical"))
                .body("transfer.customer_notes", equalTo("VIP"))
                .body("transfer.queued_at", notNullValue());
    }

    @Test
    void aTransferAnswersWithoutNullTextFields() {
        var transfer =
                routing.request(routing.unstaffedDepartment(), "low", Map.of()).getMap("transfer");
        for (String field : List.of(
                "transfer_id",
                "call_id",
                "status",
                "transfer_type",
                "urgency_level",
                "transfer_reason",
                "context_summary",
                "customer_notes",
                "session_id",
                "target_department",
                "agent_id",
                "agent_name")) {
            assertNotNull(transfer.get(field), field + " must not be null: " + transfer);
        }
        assertNull(transfer.get("connected_at"));
        assertFalse((Boolean) transfer.get("overflowed"));
        assertThat((String) transfer.get("transfer_id"), not(emptyString()));
    }
}
