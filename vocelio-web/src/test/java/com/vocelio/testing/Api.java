package com.vocelio.testing;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The portal's side of the wire: JSON requests to the application under test, signed in as the admin of the suite's
 * own organization unless a test says otherwise.
 */
public final class Api {

    /** An organization signed up through {@code POST /auth/register}, with its admin's tokens. */
    public record Organization(
            String id, String subdomain, String adminEmail, String accessToken, String refreshToken) {

        public RequestSpecification asAdmin() {
            return as(accessToken);
        }
    }

    public static final String PASSWORD = "correct horse battery";

    /** Where the portal is served from in development: the origin a browser puts on its requests. */
    public static final String ORIGIN = "http://localhost:4173";

    private static Organization suite;

    private Api() {}

    /** Signed in as the suite organization's admin. */
    public static RequestSpecification json() {
        return suiteOrganization().asAdmin();
    }

    public static RequestSpecification anonymous() {
        return given().baseUri(TestServer.get().baseUri().toString())
                .contentType(ContentType.JSON)
                .accept(ContentType.JSON);
    }

    public static RequestSpecification as(String accessToken) {
        return anonymous().header("Authorization", "Bearer " + accessToken);
    }

    /**
     * The suite organization, its admin signed in again once the access token is ten minutes old, as the portal
     * would renew it: tokens live fifteen minutes, and a suite on a busy machine runs longer than that.
     */
    public static synchronized Organization suiteOrganization() {
        if (suite == null) {
            suite = newOrganization();
            suiteSignedIn = System.nanoTime();
        } else if (System.nanoTime() - suiteSignedIn > java.util.concurrent.TimeUnit.MINUTES.toNanos(10)) {
            suite = new Organization(
                    suite.id(),
                    suite.subdomain(),
                    suite.adminEmail(),
                    accessToken(suite.adminEmail()),
                    suite.refreshToken());
            suiteSignedIn = System.nanoTime();
        }
        return suite;
    }

    private static long suiteSignedIn;

    public static Organization newOrganization() {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String email = "admin@" + suffix + ".example.com";
        JsonPath session = anonymous()
                .body(registration(email, "Ada", "Admin", "Org " + suffix, "o" + suffix))
                .post("/auth/register")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        return new Organization(
                session.getString("user.tenant_id"),
                "o" + suffix,
                email,
                session.getString("access_token"),
                session.getString("refresh_token"));
    }

    /** A {@code POST /auth/register} body with {@link #PASSWORD}. */
    public static Map<String, Object> registration(
            String email, String firstName, String lastName, String organizationName, String subdomain) {
        return Map.of(
                "email",
                email,
                "password",
                PASSWORD,
                "first_name",
                firstName,
                "last_name",
                lastName,
                "organization_name",
                organizationName,
                "subdomain",
                subdomain);
    }

    /** A user created by an organization's admin through {@code POST /api/users}, with password {@link #PASSWORD}. */
    public record User(String id, String email) {}

    /** Creates a user of the given role in the organization and returns its access token. */
    public static String signedIn(Organization organization, String role, String agentId) {
        return accessToken(user(organization, role, agentId).email());
    }

    /** Creates a user of the given role (linked to {@code agentId} unless null) in the organization. */
    public static User user(Organization organization, String role, String agentId) {
        String email = role + "-" + UUID.randomUUID().toString().substring(0, 8) + "@" + organization.subdomain()
                + ".example.com";
        var user = new HashMap<String, Object>(Map.of("email", email, "password", PASSWORD, "role", role));
        if (agentId != null) {
            user.put("agent_id", agentId);
        }
        String id = organization
                .asAdmin()
                .body(user)
                .post("/api/users")
                .then()
                .statusCode(201)
                .extract()
                .path("user.id");
        return new User(id, email);
    }

    /**
     * {@code POST /auth/login} with {@link #PASSWORD}, from an address of its own (so that no other test's failures
     * throttle it); the answer is the caller's to check.
     */
    public static ValidatableResponse login(String email) {
        return from(newAddress())
                .body(Map.of("email", email, "password", PASSWORD))
                .post("/auth/login")
                .then();
    }

    /** Signs in with {@link #PASSWORD} through {@code POST /auth/login} and returns the access token. */
    public static String accessToken(String email) {
        return login(email).statusCode(200).extract().path("access_token");
    }

    /** The id of the token's user, as {@code GET /auth/me} tells it. */
    public static String userId(String accessToken) {
        return as(accessToken).get("/auth/me").then().statusCode(200).extract().path("user.id");
    }

    /** A new API key of the organization's service user ({@code POST /api/users/{id}/api-keys}). */
    public static String apiKey(Organization organization, String serviceUserId) {
        return organization
                .asAdmin()
                .body(Map.of("name", "bot"))
                .post("/api/users/" + serviceUserId + "/api-keys")
                .then()
                .statusCode(201)
                .extract()
                .path("api_key");
    }

    /**
     * A client address no other test uses, for {@code X-Forwarded-For} (the suite's server trusts it): failed sign-ins
     * are throttled per address, and one test's failures must never lock another test out.
     */
    public static String newAddress() {
        var random = ThreadLocalRandom.current();
        return String.format(
                "2001:db8:%x:%x:%x:%x:%x:%x",
                random.nextInt(0x10000),
                random.nextInt(0x10000),
                random.nextInt(0x10000),
                random.nextInt(0x10000),
                random.nextInt(0x10000),
                random.nextInt(0x10000));
    }

    /** An anonymous request from the given client address. */
    public static RequestSpecification from(String address) {
        return anonymous().header("X-Forwarded-For", address);
    }

    public static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a department of the suite's organization through the portal's path and returns its id. */
    public static String department(String name) {
        return department(suiteOrganization(), name);
    }

    /** Creates a department of the organization through the portal's path and returns its id. */
    public static String department(Organization organization, String name) {
        return organization
                .asAdmin()
                .body(Map.of("name", name, "phone_number", "+15551230003"))
                .post("/api/departments")
                .then()
                .statusCode(201)
                .extract()
                .path("department.id");
    }

    public static String agent(String agentId, String department, Map<String, Object> extra) {
        var body = new HashMap<String, Object>(
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
