package com.vocelio.department;

import static com.vocelio.testing.Api.department;
import static com.vocelio.testing.Api.json;
import static com.vocelio.testing.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.vocelio.testing.Api;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Contract rows C1–C4 (portal, {@code /api/departments}) and the seed's {@code /departments}. */
class DepartmentsIT {

    @ParameterizedTest
    @ValueSource(strings = {"/api/departments", "/departments"})
    void listIsWrappedWithStringIdsAndNonNullStrings(String path) {
        department(unique("Listed"));
        json().get(path)
                .then()
                .log()
                .ifValidationFails()
                .statusCode(200)
                .body("success", equalTo(true))
                .body("departments", instanceOf(java.util.List.class))
                .body("departments.id", everyItem(instanceOf(String.class)))
                .body("departments.name", everyItem(instanceOf(String.class)))
                .body("departments.phone_number", everyItem(instanceOf(String.class)))
                .body("departments.description", everyItem(instanceOf(String.class)))
                .body("departments.is_active", everyItem(equalTo(true)));
    }

    @Test
    void portalCreateBodyGives201WithTheDepartment() {
        String name = unique("Billing");
        json().body(Map.of("name", name, "phone_number", "(555) 123-0003"))
                .post("/api/departments")
                .then()
                .statusCode(201)
                .header("Location", containsString("/api/departments/"))
                .body("success", equalTo(true))
                .body("department.id", instanceOf(String.class))
                .body("department.name", equalTo(name))
                .body("department.phone_number", equalTo("(555) 123-0003"))
                .body("department.phone_number_e164", equalTo("+15551230003"))
                .body("department.routing_strategy", equalTo("longest_idle"))
                .body("department.reservation_timeout_seconds", equalTo(20))
                .body("department.business_hours", equalTo(Map.of()))
                .body("department.created_at", notNullValue());
    }

    @Test
    void vanityNumbersAreStoredInE164() {
        String id = department(unique("Sales"));
        json().body(Map.of("phone_number", "+1-555-SALES-01"))
                .put("/api/departments/" + id)
                .then()
                .statusCode(200)
                .body("department.phone_number", equalTo("+1-555-SALES-01"))
                .body("department.phone_number_e164", equalTo("+15557253701"));
    }

    @Test
    void updateWithTheEditFormsBodyKeepsOtherFields() {
        String id = department(unique("Support"));
        json().body(Map.of("description", "Tier 1", "color", "green", "routing_strategy", "best_rated"))
                .put("/departments/" + id)
                .then()
                .statusCode(200);
        String renamed = unique("Support renamed");
        json().body(Map.of("name", renamed, "phone_number", "+15551230009"))
                .put("/api/departments/" + id)
                .then()
                .statusCode(200)
                .body("success", equalTo(true))
                .body("department.name", equalTo(renamed))
                .body("department.description", equalTo("Tier 1"))
                .body("department.routing_strategy", equalTo("best_rated"));
        json().get("/departments/" + id).then().statusCode(200).body("department.name", equalTo(renamed));
    }

    @Test
    void deleteAnswersWithAJsonBody() {
        String id = department(unique("Temporary"));
        json().delete("/api/departments/" + id)
                .then()
                .statusCode(200)
                .body("success", equalTo(true))
                .body("message", equalTo("Department deleted successfully"));
        json().get("/api/departments").then().body("departments.id", not(hasItem(id)));
        json().get("/api/departments/" + id).then().statusCode(404);
    }

    @Test
    void nameIsUniquePerOrganizationWhateverItsCase() {
        String name = unique("Management");
        department(name);
        json().body(Map.of("name", name.toUpperCase(), "phone_number", "+15551230003"))
                .post("/api/departments")
                .then()
                .statusCode(409)
                .body("success", equalTo(false))
                .body("code", equalTo("department_exists"))
                .body("error", containsString("already exists"));
    }

    @Test
    void renamingOntoAnotherDepartmentsNameIs409() {
        String taken = unique("Taken");
        department(taken);
        String id = department(unique("Other"));
        json().body(Map.of("name", taken)).put("/api/departments/" + id).then().statusCode(409);
    }

    @Test
    void concurrentCreatesOfOneNameGiveExactlyOneDepartment() throws Exception {
        String name = unique("Race");
        var pool = Executors.newFixedThreadPool(8);
        try {
            var calls = new ArrayList<Callable<Integer>>();
            for (int i = 0; i < 16; i++) {
                calls.add(() -> json().body(Map.of("name", name, "phone_number", "+15551230003"))
                        .post("/api/departments")
                        .statusCode());
            }
            var statuses = new ArrayList<Integer>();
            for (var future : pool.invokeAll(calls)) {
                statuses.add(future.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertEquals(15, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        var names = json().get("/api/departments")
                .then()
                .extract()
                .<String>jsonPath()
                .getList("departments.name");
        assertEquals(1, names.stream().filter(name::equals).count());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"phone_number\":\"+15551230003\"}", "{\"name\":\"  \",\"phone_number\":\"1\"}"})
    void nameIsRequired(String body) {
        json().body(body)
                .post("/api/departments")
                .then()
                .statusCode(400)
                .body("code", equalTo("invalid_input"))
                .body("error", equalTo("name is required"))
                .body("details[0].field", equalTo("name"));
    }

    @Test
    void phoneNumberIsRequired() {
        json().body(Map.of("name", unique("No phone")))
                .post("/api/departments")
                .then()
                .statusCode(400)
                .body("details[0].field", equalTo("phone_number"));
    }

    @Test
    void routingPolicyIsChecked() {
        String id = department(unique("Policy"));
        json().body(Map.of("routing_strategy", "random"))
                .put("/api/departments/" + id)
                .then()
                .statusCode(400)
                .body("error", containsString("longest_idle, fewest_calls, best_rated, round_robin"));
        json().body(Map.of("reservation_timeout_seconds", 0))
                .put("/api/departments/" + id)
                .then()
                .statusCode(400)
                .body("details[0].field", equalTo("reservation_timeout_seconds"));
        json().body(Map.of("overflow_department_id", id))
                .put("/api/departments/" + id)
                .then()
                .statusCode(400)
                .body("error", containsString("cannot be the department itself"));
        json().body(Map.of("overflow_department_id", "no-such-department"))
                .put("/api/departments/" + id)
                .then()
                .statusCode(400)
                .body("details[0].field", equalTo("overflow_department_id"));
    }

    @Test
    void overflowTargetIsNamedByIdOrName() {
        String target = unique("Overflow");
        String targetId = department(target);
        String id = department(unique("Primary"));
        json().body(Map.of("overflow_department_id", target, "overflow_after_seconds", 90))
                .put("/api/departments/" + id)
                .then()
                .statusCode(200)
                .body("department.overflow_department_id", equalTo(targetId))
                .body("department.overflow_after_seconds", equalTo(90));
    }

    @ParameterizedTest
    @ValueSource(strings = {"00000000-0000-0000-0000-00000000dead", "dept_sales_001"})
    void unknownDepartmentIs404(String id) {
        json().get("/api/departments/" + id).then().statusCode(404).body("code", equalTo("department_not_found"));
        json().body(Map.of("name", "x")).put("/api/departments/" + id).then().statusCode(404);
        json().delete("/api/departments/" + id).then().statusCode(404).body("success", equalTo(false));
    }

    @Test
    void aDepartmentWithAgentsCannotBeDeleted() {
        String name = unique("Staffed");
        String id = department(name);
        Api.agent(unique("agent").replace(' ', '_'), id, Map.of());
        json().delete("/api/departments/" + id)
                .then()
                .statusCode(409)
                .body("code", equalTo("department_in_use"))
                .body("error", containsString("still has 1 agent"));
        json().get("/api/departments/" + id).then().statusCode(200);
    }
}
