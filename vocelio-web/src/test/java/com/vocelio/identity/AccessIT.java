package com.vocelio.identity;

import static com.vocelio.testing.Api.PASSWORD;
import static com.vocelio.testing.Api.anonymous;
import static com.vocelio.testing.Api.as;
import static com.vocelio.testing.Api.newOrganization;
import static com.vocelio.testing.Api.signedIn;
import static com.vocelio.testing.Api.unique;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import com.vocelio.testing.Api;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The permission matrix (README): every endpoint answers 401 JSON without a token, and for each role either does its
 * work or answers 403 JSON. Each call gets fresh rows (a department, an agent, a user) so that an allowed DELETE or
 * PUT never disturbs another case.
 */
class AccessIT {

    private static final String ANONYMOUS = "anonymous";
    private static final List<String> ROLES = List.of("admin", "supervisor", "agent", "service");
    private static final Set<String> EVERYONE = Set.copyOf(ROLES);
    private static final Set<String> HUMANS = Set.of("admin", "supervisor", "agent");
    private static final Set<String> MANAGERS = Set.of("admin", "supervisor");
    private static final Set<String> ADMINS = Set.of("admin");

    private static Api.Organization organization;
    private static String departmentName;
    private static String ownAgentId;
    private static final Map<String, String> TOKENS = new HashMap<>();

    /** One endpoint: who may call it, what a successful call answers, and the body it is sent. */
    record Endpoint(String method, String path, Set<String> allowed, int success, Supplier<Object> body) {}

    private static Endpoint endpoint(String method, String path, Set<String> allowed) {
        return new Endpoint(method, path, allowed, 200, null);
    }

    private static Endpoint endpoint(
            String method, String path, Set<String> allowed, int success, Supplier<Object> body) {
        return new Endpoint(method, path, allowed, success, body);
    }

    static List<Endpoint> endpoints() {
        var all = new ArrayList<Endpoint>();
        for (String base : List.of("/api/departments", "/departments")) {
            all.add(endpoint("GET", base, EVERYONE));
            all.add(endpoint("GET", base + "/{department}", EVERYONE));
            all.add(endpoint(
                    "POST", base, ADMINS, 201, () -> Map.of("name", unique("Access"), "phone_number", "+15551230003")));
            all.add(endpoint("PUT", base + "/{department}", ADMINS, 200, () -> Map.of("description", "changed")));
            all.add(endpoint("DELETE", base + "/{department}", ADMINS));
        }
        for (String base : List.of("/agents", "/api/agents")) {
            all.add(endpoint("GET", base, EVERYONE));
            all.add(endpoint("GET", base + "?status=available", EVERYONE));
            all.add(endpoint("GET", base + "/{agent}", EVERYONE));
            all.add(endpoint("POST", base + "/register", MANAGERS, 201, AccessIT::newAgentBody));
            all.add(endpoint("POST", base, MANAGERS, 201, AccessIT::newAgentBody));
            all.add(endpoint("PUT", base + "/{agent}", MANAGERS, 200, () -> Map.of("name", "Renamed")));
            // for role agent, {agent} is someone else's agent: see agentChangesOnlyItsOwnStatus
            all.add(endpoint("PUT", base + "/{agent}/status", MANAGERS, 200, () -> Map.of("status", "busy")));
            all.add(endpoint("DELETE", base + "/{agent}", MANAGERS));
        }
        all.add(endpoint("GET", "/api/users", ADMINS));
        all.add(endpoint("GET", "/api/users/{user}", ADMINS));
        all.add(endpoint(
                "POST",
                "/api/users",
                ADMINS,
                201,
                () -> Map.of(
                        "email", "new-" + UUID.randomUUID() + "@example.com", "password", PASSWORD, "role", "agent")));
        all.add(endpoint("PUT", "/api/users/{user}", ADMINS, 200, () -> Map.of("first_name", "Renamed")));
        all.add(endpoint("DELETE", "/api/users/{user}", ADMINS));
        all.add(endpoint("POST", "/api/users/{service_user}/api-keys", ADMINS, 201, () -> Map.of("name", "bot")));
        all.add(endpoint("GET", "/auth/me", EVERYONE));
        all.add(endpoint("POST", "/auth/setup-2fa", HUMANS));
        all.add(endpoint("POST", "/auth/logout", EVERYONE));
        return all;
    }

    static Stream<Arguments> matrix() {
        return endpoints().stream().flatMap(endpoint -> Stream.concat(Stream.of(ANONYMOUS), ROLES.stream())
                .map(caller -> Arguments.of(
                        endpoint.method(), endpoint.path(), caller, expected(endpoint, caller), endpoint)));
    }

    private static int expected(Endpoint endpoint, String caller) {
        if (caller.equals(ANONYMOUS)) {
            return 401;
        }
        return endpoint.allowed().contains(caller) ? endpoint.success() : 403;
    }

    @BeforeAll
    static void organizationWithOneUserOfEachRole() {
        organization = newOrganization();
        departmentName = unique("Access");
        organization
                .asAdmin()
                .body(Map.of("name", departmentName, "phone_number", "+15551230003"))
                .post("/api/departments")
                .then()
                .statusCode(201);
        ownAgentId = newAgent();
        TOKENS.put("admin", organization.accessToken());
        TOKENS.put("supervisor", signedIn(organization, "supervisor", null));
        TOKENS.put("agent", signedIn(organization, "agent", ownAgentId));
        TOKENS.put("service", signedIn(organization, "service", null));
    }

    @ParameterizedTest(name = "{0} {1} as {2} → {3}")
    @MethodSource("matrix")
    void answersPerRole(String method, String path, String caller, int expected, Endpoint endpoint) {
        RequestSpecification request = caller.equals(ANONYMOUS) ? anonymous() : as(TOKENS.get(caller));
        if (endpoint.body() != null) {
            request.body(endpoint.body().get());
        }
        var response = request.request(method, withFreshRows(path)).then();
        response.statusCode(expected).contentType(ContentType.JSON);
        switch (expected) {
            case 401 ->
                response.body("success", equalTo(false))
                        .body("code", equalTo("unauthenticated"))
                        .body("message", not(emptyOrNullString()));
            case 403 ->
                response.body("success", equalTo(false))
                        .body("code", equalTo("forbidden"))
                        .body("message", not(emptyOrNullString()));
            default -> response.body("success", equalTo(true));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/agents", "/api/agents"})
    void agentChangesOnlyItsOwnStatus(String base) {
        String agentToken = TOKENS.get("agent");
        as(agentToken)
                .body(Map.of("status", "on_break"))
                .put(base + "/" + ownAgentId + "/status")
                .then()
                .statusCode(200)
                .body("agent.agent_id", equalTo(ownAgentId))
                .body("agent.status", equalTo("on_break"));

        String colleague = newAgent();
        as(agentToken)
                .body(Map.of("status", "offline"))
                .put(base + "/" + colleague + "/status")
                .then()
                .statusCode(403)
                .contentType(ContentType.JSON)
                .body("success", equalTo(false))
                .body("code", equalTo("forbidden"));
        organization.asAdmin().get(base + "/" + colleague).then().body("agent.status", equalTo("available"));
    }

    @Test
    void anAgentMayNotChangeItsOwnProfileOrRemoveItself() {
        String agentToken = TOKENS.get("agent");
        as(agentToken)
                .body(Map.of("name", "Promoted"))
                .put("/agents/" + ownAgentId)
                .then()
                .statusCode(403);
        as(agentToken).delete("/api/agents/" + ownAgentId).then().statusCode(403);
        organization.asAdmin().get("/agents/" + ownAgentId).then().statusCode(200);
    }

    @Test
    void anAgentUserWithoutALinkedAgentChangesNoStatus() {
        String unlinked = signedIn(organization, "agent", null);
        as(unlinked)
                .body(Map.of("status", "busy"))
                .put("/agents/" + ownAgentId + "/status")
                .then()
                .statusCode(403)
                .body("code", equalTo("forbidden"));
    }

    /** Replaces each placeholder with a row created for this call alone. */
    private static String withFreshRows(String path) {
        if (path.contains("{department}")) {
            path = path.replace("{department}", newDepartment());
        }
        if (path.contains("{agent}")) {
            path = path.replace("{agent}", newAgent());
        }
        if (path.contains("{user}")) {
            path = path.replace("{user}", Api.user(organization, "agent", null).id());
        }
        if (path.contains("{service_user}")) {
            path = path.replace(
                    "{service_user}", Api.user(organization, "service", null).id());
        }
        return path;
    }

    private static String newDepartment() {
        return Api.department(organization, unique("Access"));
    }

    private static Map<String, Object> newAgentBody() {
        return Map.of(
                "agent_id", unique("agent").replace(' ', '_'), "name", "Access Agent", "department", departmentName);
    }

    private static String newAgent() {
        return organization
                .asAdmin()
                .body(newAgentBody())
                .post("/agents/register")
                .then()
                .statusCode(201)
                .extract()
                .path("agent.agent_id");
    }
}
