package com.vocelio.platform;

import static com.vocelio.testing.Api.json;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.restassured.http.ContentType;
import java.io.ByteArrayInputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad input everywhere gets a 4xx in the one error shape; never a 500, never a stack trace; CORS as §1.4 says. */
class ErrorsIT {

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\":", "not json", "[]", "\"a string\"", "{\"name\":\"x\",}"})
    void malformedJsonIs400(String body) {
        json().body(body)
                .post("/api/departments")
                .then()
                .statusCode(400)
                .body("success", equalTo(false))
                .body("code", equalTo("malformed_json"))
                .body("error", not(containsString("Exception")));
    }

    @Test
    void wrongTypesAreNamed() {
        json().body("{\"agent_id\":\"x\",\"name\":\"x\",\"department\":\"x\",\"max_concurrent_calls\":\"many\"}")
                .post("/agents/register")
                .then()
                .statusCode(400)
                .body("details[0].field", equalTo("max_concurrent_calls"));
        json().body("{\"name\":\"x\",\"phone_number\":\"1\",\"business_hours\":[1,2]}")
                .post("/api/departments")
                .then()
                .statusCode(400)
                .body("code", equalTo("malformed_json"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "null"})
    void aMissingBodyIs400(String body) {
        json().body(body).post("/api/departments").then().statusCode(400).body("success", equalTo(false));
    }

    @Test
    void oversizedBodiesAre413WhetherDeclaredOrChunked() {
        String big = "{\"name\":\"" + "x".repeat(70_000) + "\",\"phone_number\":\"1\"}";
        json().body(big).post("/api/departments").then().statusCode(413).body("code", equalTo("payload_too_large"));
        json().body(new ByteArrayInputStream(big.getBytes())) // a stream: sent chunked, no Content-Length
                .post("/api/departments")
                .then()
                .statusCode(413)
                .body("code", equalTo("payload_too_large"));
    }

    @Test
    void unknownPathsWrongMethodsAndMediaTypesAnswerJson() {
        json().get("/api/nothing-here")
                .then()
                .statusCode(404)
                .contentType(ContentType.JSON)
                .body("code", equalTo("not_found"));
        json().patch("/api/departments").then().statusCode(405).body("code", equalTo("method_not_allowed"));
        json().contentType(ContentType.TEXT)
                .body("name=x")
                .post("/api/departments")
                .then()
                .statusCode(415)
                .body("code", equalTo("unsupported_media_type"));
    }

    @Test
    void preflightAllowsThePortalsHeaders() {
        json().header("Origin", "http://localhost:5173")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type, x-client-version")
                .options("/api/departments")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Allow-Methods", containsString("DELETE"))
                .header("Access-Control-Allow-Headers", containsString("x-client-version"));
    }

    @Test
    void responsesExposeProviderAndVoiceIdToOtherOrigins() {
        json().header("Origin", "http://localhost:5173")
                .get("/api/departments")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Expose-Headers", containsString("Voice-ID"))
                .header("Access-Control-Expose-Headers", containsString("Provider"));
        json().header("Origin", "http://localhost:5173")
                .get("/api/departments/nope")
                .then()
                .statusCode(404)
                .header("Access-Control-Allow-Origin", "*");
    }

    @Test
    void healthReportsTheDatabase() {
        json().get("/health")
                .then()
                .statusCode(200)
                .body("status", equalTo("healthy"))
                .body("services.database.status", equalTo("healthy"))
                .body("uptime", not(nullValue()));
    }

    @Test
    void noServerBannerIsSent() {
        json().get("/health").then().header("X-Powered-By", nullValue());
        json().body(Map.of()).post("/agents/register").then().statusCode(400);
    }
}
