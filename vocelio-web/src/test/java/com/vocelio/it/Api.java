package com.vocelio.it;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;

/** The portal's side of the wire: JSON requests to the application under test. */
public final class Api {

    private Api() {}

    public static RequestSpecification json() {
        var server = TestServer.get();
        return given().baseUri(server.baseUri().toString())
                .contentType(ContentType.JSON)
                .accept(ContentType.JSON);
    }

    public static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a department through the portal's path and returns its id. */
    public static String department(String name) {
        return json().body(Map.of("name", name, "phone_number", "+15551230003"))
                .post("/api/departments")
                .then()
                .statusCode(201)
                .extract()
                .path("department.id");
    }

    public static String agent(String agentId, String department, Map<String, Object> extra) {
        var body = new java.util.HashMap<String, Object>(
                Map.of("agent_id", agentId, "name", "Agent " + agentId, "department", department));
        body.putAll(extra);
        return json().body(body)
                .post("/agents/register")
                .then()
                .statusCode(201)
                .extract()
                .path("agent.agent_id");
    }

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }
}
