package com.vocelio.transfer;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import com.vocelio.testing.Routing;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad transfer requests and moves are refused with a 4xx naming what is wrong, never a 500: an unknown or missing
 * department, a missing call id, an urgency or transfer type outside the legal values (listed in the answer),
 * malformed JSON or no body, overlong text; an unknown transfer is 404.
 */
class TransferValidationIT {

    private static final Routing routing = Routing.newOrganization();

    @Test
    void anUnknownDepartmentIs400() {
        for (String path : List.of("/transfer/request", "/api/calls/transfer")) {
            routing.admin()
                    .body(Map.of("call_id", Routing.callId(), "target_department", "no-such-department"))
                    .post(path)
                    .then()
                    .statusCode(400)
                    .body("success", equalTo(false))
                    .body("code", equalTo("invalid_input"))
                    .body("details[0].field", equalTo("target_department"))
                    .body("error", containsString("no-such-department"));
        }
        routing.admin()
                .body(Map.of("call_id", Routing.callId(), "department_id", "00000000-0000-0000-0000-000000000000"))
                .post("/api/calls/transfer")
                .then()
                .statusCode(400);
        // no department at all (the body may spell it target_department, department_id or department)
        routing.admin()
                .body(Map.of("call_id", Routing.callId()))
                .post("/transfer/request")
                .then()
                .statusCode(400)
                .body("code", equalTo("invalid_input"))
                .body("error", containsString("department"));
        routing.admin().get("/departments/no-such-department/queue").then().statusCode(404);
        routing.admin().get("/api/departments/no-such-department/queue").then().statusCode(404);
    }

    @Test
    void aMissingCallIdIs400() {
        String department = routing.unstaffedDepartment();
        for (var body : List.<Map<String, Object>>of(
                Map.of("target_department", department), Map.of("call_id", "  ", "target_department", department))) {
            routing.post(body)
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("invalid_input"))
                    .body("details[0].field", equalTo("call_id"));
        }
    }

    @Test
    void aBadUrgencyOrTransferTypeIs400ListingTheLegalValues() {
        String department = routing.unstaffedDepartment();
        routing.post(Map.of("call_id", Routing.callId(), "target_department", department, "urgency_level", "asap"))
                .then()
                .statusCode(400)
                .body("details[0].field", equalTo("urgency_level"))
                .body("error", containsString("low, medium, high, critical"))
                .body("error", containsString("asap"));
        routing.admin()
                .body(Map.of("call_id", Routing.callId(), "target_department", department, "transfer_type", "hot"))
                .post("/api/calls/transfer")
                .then()
                .statusCode(400)
                .body("details[0].field", equalTo("transfer_type"))
                .body("error", containsString("warm, cold, conference, blind"));
        // each legal value passes
        for (String type : List.of("warm", "cold", "conference", "blind")) {
            routing.post(Map.of("call_id", Routing.callId(), "target_department", department, "transfer_type", type))
                    .then()
                    .statusCode(201)
                    .body("transfer.transfer_type", equalTo(type));
        }
    }

    @Test
    void anUnknownTransferIs404() {
        String unknown = "transfer_doesnotexist";
        routing.admin()
                .get("/transfer/" + unknown)
                .then()
                .statusCode(404)
                .body("success", equalTo(false))
                .body("code", equalTo("transfer_not_found"));
        for (String move : List.of("accept", "reject", "complete", "cancel")) {
            routing.move(unknown, move).then().statusCode(404).body("code", equalTo("transfer_not_found"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"call_id\":", "not json", "[]", "{\"call_id\":\"x\",}", "{\"call_id\":[1]}"})
    void malformedJsonIs400(String body) {
        for (String path : List.of("/transfer/request", "/api/calls/transfer")) {
            routing.admin()
                    .body(body)
                    .post(path)
                    .then()
                    .statusCode(400)
                    .body("success", equalTo(false))
                    .body("error", not(containsString("Exception")));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "null"})
    void aMissingBodyIs400(String body) {
        routing.admin()
                .body(body)
                .post("/transfer/request")
                .then()
                .statusCode(400)
                .body("success", equalTo(false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"caller_number", "language", "Idempotency-Key", "reason"})
    void overlongTextIs400NotA500(String field) {
        String department = routing.unstaffedDepartment();
        var body =
                new LinkedHashMap<String, Object>(Map.of("call_id", Routing.callId(), "target_department", department));
        var response =
                switch (field) {
                    case "caller_number" -> routing.post(with(body, "caller_number", "1".repeat(41)));
                    case "language" -> routing.post(with(body, "language", "l".repeat(21)));
                    case "Idempotency-Key" ->
                        routing.admin()
                                .header("Idempotency-Key", "k".repeat(201))
                                .body(body)
                                .post("/transfer/request");
                    default ->
                        routing.admin()
                                .post("/transfer/" + routing.request(department) + "/cancel?reason=" + "r".repeat(201));
                };
        response.then().statusCode(400).body("code", equalTo("invalid_input"));
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        body.put(field, value);
        return body;
    }
}
