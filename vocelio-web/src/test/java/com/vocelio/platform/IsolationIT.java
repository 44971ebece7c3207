package com.vocelio.platform;

import static com.vocelio.testing.Api.newOrganization;
import static com.vocelio.testing.Api.unique;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.vocelio.testing.Api;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tenant isolation on every endpoint: organization B never sees, changes or removes a row of organization A, and by
 * id A's rows are 404 to B, exactly like ids that do not exist (no existence leak). Names and agent ids are unique
 * per organization only.
 */
class IsolationIT {

    private Api.Organization a;
    private Api.Organization b;
    private String departmentName;
    private String departmentId;
    private String agentId;
    private Api.User user;

    @BeforeEach
    void twoOrganizationsAndRowsOfA() {
        a = newOrganization();
        b = newOrganization();
        departmentName = unique("Isolated");
        departmentId = a.asAdmin()
                .body(Map.of("name", departmentName, "phone_number", "+15551230003", "description", "A's"))
                .post("/api/departments")
                .then()
                .statusCode(201)
                .extract()
                .path("department.id");
        agentId = unique("agent").replace(' ', '_');
        a.asAdmin()
                .body(Map.of(
                        "agent_id",
                        agentId,
                        "name",
                        "A's Agent",
                        "department",
                        departmentId,
                        "skills",
                        List.of("billing"),
                        "languages",
                        List.of("fr"),
                        "status",
                        "available"))
                .post("/agents/register")
                .then()
                .statusCode(201);
        user = Api.user(a, "supervisor", null);
    }

    private static void isNotFound(RequestSpecification request, String method, String path) {
        request.request(method, path)
                .then()
                .statusCode(404)
                .contentType(ContentType.JSON)
                .body("success", equalTo(false))
                .body("code", not(emptyOrNullString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/departments", "/departments"})
    void departmentsOfAAreInvisibleToB(String base) {
        b.asAdmin()
                .get(base)
                .then()
                .statusCode(200)
                .body("departments.id", not(hasItem(departmentId)))
                .body("departments.name", not(hasItem(departmentName)));
        isNotFound(b.asAdmin(), "GET", base + "/" + departmentId);
        isNotFound(b.asAdmin().body(Map.of("description", "B was here")), "PUT", base + "/" + departmentId);
        isNotFound(b.asAdmin(), "DELETE", base + "/" + departmentId);

        a.asAdmin()
                .get(base + "/" + departmentId)
                .then()
                .statusCode(200)
                .body("department.name", equalTo(departmentName))
                .body("department.description", equalTo("A's"));
    }

    @Test
    void byIdARowOfAnotherOrganizationLooksExactlyLikeNoRow() {
        String missing = "00000000-0000-4000-8000-000000000000";
        var foreign = b.asAdmin().get("/api/departments/" + departmentId).then().extract();
        var absent = b.asAdmin().get("/api/departments/" + missing).then().extract();
        assertNotEquals(200, foreign.statusCode());
        assertEquals(absent.statusCode(), foreign.statusCode());
        assertEquals(absent.jsonPath().getString("code"), foreign.jsonPath().getString("code"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/agents", "/api/agents"})
    void agentsOfAAreInvisibleToB(String base) {
        for (String query : List.of("", "?status=available", "?skill=billing", "?language=fr")) {
            b.asAdmin().get(base + query).then().statusCode(200).body("agents.agent_id", not(hasItem(agentId)));
        }
        // A's department, named by id or by name, is no department of B's
        isNotFound(b.asAdmin(), "GET", base + "?department=" + departmentId);
        isNotFound(b.asAdmin(), "GET", base + "?department=" + departmentName);

        isNotFound(b.asAdmin(), "GET", base + "/" + agentId);
        isNotFound(b.asAdmin().body(Map.of("name", "B was here")), "PUT", base + "/" + agentId);
        isNotFound(b.asAdmin().body(Map.of("status", "offline")), "PUT", base + "/" + agentId + "/status");
        isNotFound(b.asAdmin(), "DELETE", base + "/" + agentId);

        a.asAdmin()
                .get(base + "/" + agentId)
                .then()
                .statusCode(200)
                .body("agent.name", equalTo("A's Agent"))
                .body("agent.status", equalTo("available"))
                .body("agent.department_id", equalTo(departmentId));
    }

    @Test
    void usersOfAAreInvisibleToB() {
        b.asAdmin()
                .get("/api/users")
                .then()
                .statusCode(200)
                .body("users.id", not(hasItem(user.id())))
                .body("users.email", not(hasItem(user.email())))
                .body("users.email", not(hasItem(a.adminEmail())))
                .body("users.tenant_id", everyItem(equalTo(b.id())));
        isNotFound(b.asAdmin(), "GET", "/api/users/" + user.id());
        isNotFound(b.asAdmin().body(Map.of("role", "agent", "active", false)), "PUT", "/api/users/" + user.id());
        isNotFound(b.asAdmin().body(Map.of("name", "B's key")), "POST", "/api/users/" + user.id() + "/api-keys");
        isNotFound(b.asAdmin(), "DELETE", "/api/users/" + user.id());

        a.asAdmin()
                .get("/api/users/" + user.id())
                .then()
                .statusCode(200)
                .body("user.role", equalTo("supervisor"))
                .body("user.active", equalTo(true));
    }

    @Test
    void bCreatesADepartmentWithTheNameOfAs() {
        String bDepartment = b.asAdmin()
                .body(Map.of("name", departmentName, "phone_number", "+15551230004"))
                .post("/api/departments")
                .then()
                .statusCode(201)
                .body("department.name", equalTo(departmentName))
                .extract()
                .path("department.id");
        assertNotEquals(departmentId, bDepartment);
        b.asAdmin().get("/api/departments").then().body("departments.id", hasItem(bDepartment));
        a.asAdmin()
                .get("/api/departments")
                .then()
                .body("departments.id", hasItem(departmentId))
                .body("departments.id", not(hasItem(bDepartment)));
    }

    @Test
    void bRegistersAnAgentWithTheAgentIdOfAs() {
        b.asAdmin()
                .body(Map.of("name", departmentName, "phone_number", "+15551230004"))
                .post("/api/departments")
                .then()
                .statusCode(201);
        b.asAdmin()
                .body(Map.of("agent_id", agentId, "name", "B's Agent", "department", departmentName))
                .post("/agents/register")
                .then()
                .statusCode(201)
                .body("agent.agent_id", equalTo(agentId));

        b.asAdmin().get("/agents/" + agentId).then().statusCode(200).body("agent.name", equalTo("B's Agent"));
        a.asAdmin().get("/agents/" + agentId).then().statusCode(200).body("agent.name", equalTo("A's Agent"));

        // each organization's filter by the shared department name finds its own agent only
        b.asAdmin()
                .get("/api/agents?department=" + departmentName)
                .then()
                .statusCode(200)
                .body("agents.name", equalTo(List.of("B's Agent")));
        a.asAdmin()
                .get("/api/agents?department=" + departmentName)
                .then()
                .statusCode(200)
                .body("agents.name", equalTo(List.of("A's Agent")));

        // B's changes to its agent leave A's alone
        b.asAdmin()
                .body(Map.of("status", "offline"))
                .put("/agents/" + agentId + "/status")
                .then()
                .statusCode(200);
        b.asAdmin().delete("/api/agents/" + agentId).then().statusCode(200);
        a.asAdmin().get("/agents/" + agentId).then().statusCode(200).body("agent.status", equalTo("available"));
    }

    @ParameterizedTest(name = "B referencing A''s department in {0}")
    @CsvSource({"agent registration", "agent move", "department overflow"})
    void bCannotReferenceADepartmentOfA(String where) {
        String bDepartment = b.asAdmin()
                .body(Map.of("name", unique("B"), "phone_number", "+15551230004"))
                .post("/api/departments")
                .then()
                .statusCode(201)
                .extract()
                .path("department.id");
        String bAgent = unique("agent").replace(' ', '_');
        b.asAdmin()
                .body(Map.of("agent_id", bAgent, "name", "B's Agent", "department", bDepartment))
                .post("/agents/register")
                .then()
                .statusCode(201);
        Supplier<RequestSpecification> asB = b::asAdmin;
        var refused =
                switch (where) {
                    case "agent registration" ->
                        asB.get()
                                .body(Map.of(
                                        "agent_id",
                                        unique("x").replace(' ', '_'),
                                        "name",
                                        "X",
                                        "department",
                                        departmentId))
                                .post("/agents/register");
                    case "agent move" ->
                        asB.get().body(Map.of("department", departmentId)).put("/agents/" + bAgent);
                    default ->
                        asB.get()
                                .body(Map.of("overflow_department_id", departmentId))
                                .put("/api/departments/" + bDepartment);
                };
        refused.then().statusCode(400).body("success", equalTo(false));
        a.asAdmin().get("/agents?department=" + departmentId).then().body("agents.agent_id", equalTo(List.of(agentId)));
    }
}
