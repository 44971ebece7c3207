package com.vocelio.agent;

import static com.vocelio.testing.Api.agent;
import static com.vocelio.testing.Api.department;
import static com.vocelio.testing.Api.json;
import static com.vocelio.testing.Api.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The seed's agents surface ({@code /agents/register}, {@code /agents/{agent_id}/status}, ...) and its alias. */
class AgentsIT {

    private static String agentId() {
        return unique("agent").replace(' ', '_');
    }

    @Test
    void registerWithTheSeedsBodyNamingTheDepartmentByName() {
        String departmentName = unique("Sales");
        String departmentId = department(departmentName);
        String id = agentId();
        json().body(Map.of(
                        "agent_id",
                        id,
                        "name",
                        "Ann Agent",
                        "email",
                        "Ann@Example.com",
                        "department",
                        departmentName.toLowerCase(),
                        "skills",
                        List.of("Billing", "spanish", "billing"),
                        "status",
                        "available",
                        "languages",
                        List.of("en", "es"),
                        "performance_rating",
                        4.0,
                        "last_activity",
                        "2025-09-07T20:59:57Z"))
                .post("/agents/register")
                .then()
                .statusCode(201)
                .body("success", equalTo(true))
                .body("agent.agent_id", equalTo(id))
                .body("agent.department", equalTo(departmentName))
                .body("agent.department_id", equalTo(departmentId))
                .body("agent.email", equalTo("ann@example.com"))
                .body("agent.skills", contains("billing", "spanish"))
                .body("agent.languages", contains("en", "es"))
                .body("agent.status", equalTo("available"))
                .body("agent.performance_rating", equalTo(4.0f))
                .body("agent.max_concurrent_calls", equalTo(1))
                .body("agent.active_calls", equalTo(0));
        json().get("/agents/" + id).then().statusCode(200).body("agent.name", equalTo("Ann Agent"));
        json().get("/api/agents/" + id).then().statusCode(200).body("agent.agent_id", equalTo(id));
    }

    @Test
    void agentIdIsUniquePerOrganization() {
        String department = department(unique("Dup"));
        String id = agent(agentId(), department, Map.of());
        json().body(Map.of("agent_id", id, "name", "Again", "department", department))
                .post("/agents/register")
                .then()
                .statusCode(409)
                .body("code", equalTo("agent_exists"))
                .body("error", containsString(id));
    }

    @Test
    void listFiltersByDepartmentStatusSkillAndLanguage() {
        String departmentName = unique("Filters");
        String department = department(departmentName);
        String speaker = agent(agentId(), department, Map.of("skills", List.of("billing"), "languages", List.of("es")));
        String other = agent(agentId(), department, Map.of("skills", List.of("tech"), "status", "offline"));
        json().queryParam("department", departmentName)
                .get("/agents")
                .then()
                .statusCode(200)
                .body(
                        "agents.agent_id",
                        contains(List.of(speaker, other).stream().sorted().toArray()))
                .body("total", equalTo(2));
        json().queryParam("department", department)
                .queryParam("skill", "BILLING")
                .queryParam("language", "es")
                .get("/agents")
                .then()
                .body("agents.agent_id", contains(speaker));
        json().queryParam("department", department)
                .queryParam("status", "offline")
                .get("/api/agents")
                .then()
                .body("agents.agent_id", contains(other));
    }

    @Test
    void statusChangesAndIllegalStatusesListTheLegalOnes() {
        String id = agent(agentId(), department(unique("Status")), Map.of());
        json().body(Map.of("status", "on_break"))
                .put("/agents/" + id + "/status")
                .then()
                .statusCode(200)
                .body("agent.status", equalTo("on_break"));
        json().body(Map.of("status", "lunch"))
                .put("/agents/" + id + "/status")
                .then()
                .statusCode(400)
                .body("error", containsString("available, busy, wrap_up, on_break, offline"));
        json().body(Map.of()).put("/agents/" + id + "/status").then().statusCode(400);
        json().get("/agents/" + id).then().body("agent.status", equalTo("on_break"));
    }

    @Test
    void updateMovesAnAgentAndKeepsWhatIsAbsent() {
        String id = agent(agentId(), department(unique("From")), Map.of("skills", List.of("sales")));
        String target = unique("To");
        department(target);
        json().body(Map.of("department", target, "max_concurrent_calls", 3, "sip_uri", "sip:ann@pbx.example.com"))
                .put("/api/agents/" + id)
                .then()
                .statusCode(200)
                .body("agent.department", equalTo(target))
                .body("agent.max_concurrent_calls", equalTo(3))
                .body("agent.sip_uri", equalTo("sip:ann@pbx.example.com"))
                .body("agent.skills", contains("sales"));
    }

    @Test
    void anAgentReachedAtATwilioClientKeepsTheBareIdentityBesideItsOtherAddresses() {
        String department = department(unique("Softphones"));
        String id = agentId();
        json().body(Map.of(
                        "agent_id", id,
                        "name", "Ann Agent",
                        "department", department,
                        "phone_number", "+15553334444",
                        "client_identity", "client:ann.agent@example.com"))
                .post("/agents/register")
                .then()
                .statusCode(201)
                .body("agent.client_identity", equalTo("ann.agent@example.com"))
                .body("agent.phone_number", equalTo("+15553334444"))
                .body("agent.sip_uri", equalTo(""));
        json().body(Map.of("name", "Ann A. Agent"))
                .put("/agents/" + id)
                .then()
                .statusCode(200)
                .body("agent.client_identity", equalTo("ann.agent@example.com"));
        json().body(Map.of("client_identity", "ann_2"))
                .put("/api/agents/" + id)
                .then()
                .statusCode(200)
                .body("agent.client_identity", equalTo("ann_2"));
        json().body(Map.of("client_identity", "ann smith"))
                .put("/agents/" + id)
                .then()
                .statusCode(400)
                .body("details[0].field", equalTo("client_identity"));
        json().get("/agents/" + id).then().body("agent.client_identity", equalTo("ann_2"));
        json().body(Map.of("client_identity", ""))
                .put("/agents/" + id)
                .then()
                .statusCode(200)
                .body("agent.client_identity", equalTo(""));
    }

    @Test
    void deleteAnswersWithJsonAndTheAgentIsGone() {
        String id = agent(agentId(), department(unique("Leaving")), Map.of());
        json().delete("/agents/" + id).then().statusCode(200).body("success", equalTo(true));
        json().get("/agents/" + id).then().statusCode(404).body("code", equalTo("agent_not_found"));
        json().get("/agents").then().body("agents.agent_id", not(hasItem(id)));
    }

    @Test
    void unknownDepartmentInTheBodyIsABadRequest() {
        json().body(Map.of("agent_id", agentId(), "name", "Nobody", "department", "no such department"))
                .post("/agents/register")
                .then()
                .statusCode(400)
                .body("details[0].field", equalTo("department"));
        json().queryParam("department", "no such department")
                .get("/agents")
                .then()
                .statusCode(404);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"name\":\"No id\",\"department\":\"%s\"}",
                "{\"agent_id\":\"has space\",\"name\":\"x\",\"department\":\"%s\"}",
                "{\"agent_id\":\"a_%s\",\"department\":\"%1$s\"}",
                "{\"agent_id\":\"b_%s\",\"name\":\"x\",\"department\":\"%1$s\",\"performance_rating\":5.5}",
                "{\"agent_id\":\"c_%s\",\"name\":\"x\",\"department\":\"%1$s\",\"max_concurrent_calls\":0}",
                "{\"agent_id\":\"d_%s\",\"name\":\"x\",\"department\":\"%1$s\",\"email\":\"not-an-email\"}",
                "{\"agent_id\":\"e_%s\",\"name\":\"x\",\"department\":\"%1$s\",\"status\":\"asleep\"}",
                "{\"agent_id\":\"f_%s\",\"name\":\"x\",\"department\":\"%1$s\",\"skills\":[\"\"]}",
                "{\"agent_id\":\"g_%s\",\"name\":\"x\",\"department\":\"%1$s\",\"sip_uri\":\"http://x\"}",
                "{\"agent_id\":\"h_%s\",\"name\":\"x\",\"department\":\"%1$s\",\"sip_uri\":\"client:ann\"}",
                "{\"agent_id\":\"i_%s\",\"name\":\"x\",\"department\":\"%1$s\",\"client_identity\":\"client:\"}",
                "{\"agent_id\":\"j_%s\",\"name\":\"x\",\"department\":\"%1$s\",\"client_identity\":\"a<b>\"}"
            })
    void invalidRegistrationsAreRefusedAndNothingIsWritten(String template) {
        String department = department(unique("Invalid"));
        json().body(template.formatted(department))
                .post("/agents/register")
                .then()
                .statusCode(400)
                .body("success", equalTo(false))
                .body("code", equalTo("invalid_input"));
        json().queryParam("department", department).get("/agents").then().body("total", equalTo(0));
    }

    @Test
    void unknownAgentIs404Everywhere() {
        json().get("/agents/nobody").then().statusCode(404);
        json().body(Map.of("status", "available"))
                .put("/agents/nobody/status")
                .then()
                .statusCode(404);
        json().body(Map.of("name", "x")).put("/api/agents/nobody").then().statusCode(404);
        json().delete("/agents/nobody").then().statusCode(404);
    }
}
