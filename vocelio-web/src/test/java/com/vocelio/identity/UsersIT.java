package com.vocelio.identity;

import static com.vocelio.testing.Api.PASSWORD;
import static com.vocelio.testing.Api.anonymous;
import static com.vocelio.testing.Api.as;
import static com.vocelio.testing.Api.newOrganization;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import com.vocelio.testing.Api;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Admins manage their organization's users ({@code /api/users}) and the API keys of its service users. */
class UsersIT {

    private Api.Organization organization;

    @BeforeEach
    void newOrganizationPerTest() {
        organization = newOrganization();
    }

    private static String email(String role) {
        return role + "-" + UUID.randomUUID().toString().substring(0, 8) + "@users.example.com";
    }

    private ValidatableResponse create(Map<String, Object> user) {
        return organization.asAdmin().body(user).post("/api/users").then();
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin", "supervisor", "agent", "service"})
    void adminCreatesAUserOfEachRoleWhoCanSignIn(String role) {
        String email = email(role);
        var body = new HashMap<String, Object>(Map.of(
                "email",
                email.toUpperCase(),
                "password",
                PASSWORD,
                "role",
                role,
                "first_name",
                "Kim",
                "last_name",
                "Lee"));
        if (role.equals("agent")) {
            body.put("agent_id", "agent_007");
        }
        String id = create(body)
                .statusCode(201)
                .contentType(ContentType.JSON)
                .body("success", equalTo(true))
                .body("user.id", not(emptyOrNullString()))
                .body("user.email", equalTo(email))
                .body("user.role", equalTo(role))
                .body("user.user_metadata.first_name", equalTo("Kim"))
                .body("user.user_metadata.last_name", equalTo("Lee"))
                .body("user.organization_name", not(emptyOrNullString()))
                .body("user.subdomain", equalTo(organization.subdomain()))
                .body("user.tenant_id", equalTo(organization.id()))
                .body("user.organization_id", equalTo(organization.id()))
                .body("user.agent_id", equalTo(role.equals("agent") ? "agent_007" : ""))
                .body("user.active", equalTo(true))
                .body("user.two_factor_enabled", equalTo(false))
                .body("user.password", equalTo(null))
                .body("user.password_hash", equalTo(null))
                .body("user.totp_secret", equalTo(null))
                .extract()
                .path("user.id");

        String token = Api.login(email)
                .statusCode(200)
                .body("user_info.role", equalTo(role))
                .extract()
                .path("access_token");
        as(token).get("/auth/me").then().statusCode(200).body("user.id", equalTo(id));
    }

    @Test
    void listAndGetShowTheOrganizationsUsers() {
        var supervisor = Api.user(organization, "supervisor", null);
        var agent = Api.user(organization, "agent", "a1");
        organization
                .asAdmin()
                .get("/api/users")
                .then()
                .statusCode(200)
                .body("success", equalTo(true))
                .body("users.email", hasItems(organization.adminEmail(), supervisor.email(), agent.email()))
                .body("users.size()", equalTo(3));
        organization
                .asAdmin()
                .get("/api/users/" + agent.id())
                .then()
                .statusCode(200)
                .body("user.email", equalTo(agent.email()))
                .body("user.role", equalTo("agent"))
                .body("user.agent_id", equalTo("a1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"00000000-0000-4000-8000-000000000000", "not-a-uuid"})
    void anUnknownUserIs404(String id) {
        organization.asAdmin().get("/api/users/" + id).then().statusCode(404).body("success", equalTo(false));
        organization.asAdmin().delete("/api/users/" + id).then().statusCode(404);
    }

    @Test
    void adminChangesRoleAndNameAndANewSignInCarriesTheNewRole() {
        var user = Api.user(organization, "agent", null);
        organization
                .asAdmin()
                .body(Map.of("role", "supervisor", "first_name", "Sam", "last_name", "Super"))
                .put("/api/users/" + user.id())
                .then()
                .statusCode(200)
                .body("user.role", equalTo("supervisor"))
                .body("user.user_metadata.first_name", equalTo("Sam"))
                .body("user.user_metadata.last_name", equalTo("Super"))
                .body("user.email", equalTo(user.email()));
        String token = Api.login(user.email()).statusCode(200).extract().path("access_token");
        as(token).get("/auth/me").then().body("user_info.role", equalTo("supervisor"));
        // supervisors manage agents, which agents may not
        as(token)
                .body(Map.of("agent_id", UUID.randomUUID().toString(), "name", "X", "department", "none"))
                .post("/agents/register")
                .then()
                .statusCode(400); // past the role check: the department is unknown
    }

    @Test
    void aDeactivatedUserCanNoLongerSignInOrRefresh() {
        var user = Api.user(organization, "supervisor", null);
        String refreshToken = Api.login(user.email()).statusCode(200).extract().path("refresh_token");
        organization
                .asAdmin()
                .body(Map.of("active", false))
                .put("/api/users/" + user.id())
                .then()
                .statusCode(200)
                .body("user.active", equalTo(false));

        Api.login(user.email()).statusCode(401).body("code", equalTo("invalid_credentials"));
        anonymous()
                .body(Map.of("refresh_token", refreshToken))
                .post("/auth/refresh")
                .then()
                .statusCode(401);

        organization
                .asAdmin()
                .body(Map.of("active", true))
                .put("/api/users/" + user.id())
                .then()
                .statusCode(200);
        Api.login(user.email()).statusCode(200);
    }

    @Test
    void aDeletedUserIsGoneAndCanNoLongerSignIn() {
        var user = Api.user(organization, "agent", null);
        organization
                .asAdmin()
                .delete("/api/users/" + user.id())
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("success", equalTo(true))
                .body("id", equalTo(user.id()));
        organization.asAdmin().get("/api/users/" + user.id()).then().statusCode(404);
        organization.asAdmin().get("/api/users").then().body("users.email", not(hasItem(user.email())));
        Api.login(user.email()).statusCode(401);
    }

    @Test
    void theLastActiveAdminCannotBeRemovedDemotedOrDeactivated() {
        String admin = Api.userId(organization.accessToken());
        organization
                .asAdmin()
                .delete("/api/users/" + admin)
                .then()
                .statusCode(409)
                .body("success", equalTo(false))
                .body("code", equalTo("last_admin"));
        organization
                .asAdmin()
                .body(Map.of("role", "supervisor"))
                .put("/api/users/" + admin)
                .then()
                .statusCode(409)
                .body("code", equalTo("last_admin"));
        organization
                .asAdmin()
                .body(Map.of("active", false))
                .put("/api/users/" + admin)
                .then()
                .statusCode(409)
                .body("code", equalTo("last_admin"));

        // nothing of the refused changes stuck
        organization
                .asAdmin()
                .get("/api/users/" + admin)
                .then()
                .statusCode(200)
                .body("user.role", equalTo("admin"))
                .body("user.active", equalTo(true));
        Api.login(organization.adminEmail()).statusCode(200).body("user_info.role", equalTo("admin"));
    }

    @Test
    void aDeactivatedAdminDoesNotCountAsTheRemainingAdmin() {
        var second = Api.user(organization, "admin", null);
        organization
                .asAdmin()
                .body(Map.of("active", false))
                .put("/api/users/" + second.id())
                .then()
                .statusCode(200);
        organization
                .asAdmin()
                .body(Map.of("role", "agent"))
                .put("/api/users/" + Api.userId(organization.accessToken()))
                .then()
                .statusCode(409)
                .body("code", equalTo("last_admin"));
    }

    @Test
    void withASecondAdminTheFirstMayStepDown() {
        var second = Api.user(organization, "admin", null);
        organization
                .asAdmin()
                .body(Map.of("role", "supervisor"))
                .put("/api/users/" + Api.userId(organization.accessToken()))
                .then()
                .statusCode(200)
                .body("user.role", equalTo("supervisor"));
        String secondToken = Api.accessToken(second.email());
        as(secondToken).get("/api/users").then().statusCode(200);
    }

    @Test
    void aTakenEmailIs409EvenInAnotherOrganization() {
        var colleague = Api.user(organization, "agent", null);
        create(Map.of("email", colleague.email(), "password", PASSWORD, "role", "agent"))
                .statusCode(409)
                .body("code", equalTo("email_taken"));
        newOrganization()
                .asAdmin()
                .body(Map.of("email", colleague.email().toUpperCase(), "password", PASSWORD, "role", "agent"))
                .post("/api/users")
                .then()
                .statusCode(409)
                .body("code", equalTo("email_taken"));
    }

    @ParameterizedTest(name = "{0} = \"{1}\" is 400")
    @CsvSource({"role, owner", "role, ''", "password, short", "email, not-an-email"})
    void invalidUsersAre400NamingTheField(String field, String value) {
        var user = new HashMap<String, Object>(Map.of("email", email("x"), "password", PASSWORD, "role", "agent"));
        user.put(field, value);
        create(user).statusCode(400).body("success", equalTo(false)).body("details.field", hasItem(field));
    }

    @Test
    void theEmailCannotBeChanged() {
        var user = Api.user(organization, "agent", null);
        organization
                .asAdmin()
                .body(Map.of("email", email("other")))
                .put("/api/users/" + user.id())
                .then()
                .statusCode(400)
                .body("details.field", hasItem("email"));
    }

    @Test
    void aServiceUsersApiKeyBuysAServiceTokenThatReadsButDoesNotWrite() {
        var service = Api.user(organization, "service", null);
        String apiKey = organization
                .asAdmin()
                .body(Map.of("name", "voice bot"))
                .post("/api/users/" + service.id() + "/api-keys")
                .then()
                .statusCode(201)
                .body("success", equalTo(true))
                .body("api_key", startsWith("vak_"))
                .extract()
                .path("api_key");

        String token = anonymous()
                .body(Map.of("api_key", apiKey))
                .post("/auth/token")
                .then()
                .statusCode(200)
                .body("access_token", not(emptyOrNullString()))
                .body("token_type", equalTo("bearer"))
                .body("user_info.role", equalTo("service"))
                .body("user_info.email", equalTo(service.email()))
                .extract()
                .path("access_token");

        as(token).get("/api/departments").then().statusCode(200).body("success", equalTo(true));
        as(token)
                .body(Map.of("name", Api.unique("Bot"), "phone_number", "+15551230003"))
                .post("/api/departments")
                .then()
                .statusCode(403)
                .contentType(ContentType.JSON)
                .body("code", equalTo("forbidden"));

        // the key works again (it is the machine's credential, not a one-time token)
        anonymous().body(Map.of("api_key", apiKey)).post("/auth/token").then().statusCode(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin", "supervisor", "agent"})
    void apiKeysAreForServiceUsersOnly(String role) {
        var user = Api.user(organization, role, null);
        organization
                .asAdmin()
                .body(Map.of("name", "not for people"))
                .post("/api/users/" + user.id() + "/api-keys")
                .then()
                .statusCode(400)
                .body("success", equalTo(false))
                .body("details.field", hasItem("user"));
    }

    @Test
    void aDeactivatedServiceUsersKeyStopsWorking() {
        var service = Api.user(organization, "service", null);
        String apiKey = Api.apiKey(organization, service.id());
        organization
                .asAdmin()
                .body(Map.of("active", false))
                .put("/api/users/" + service.id())
                .then()
                .statusCode(200);
        anonymous()
                .body(Map.of("api_key", apiKey))
                .post("/auth/token")
                .then()
                .statusCode(401)
                .body("code", equalTo("invalid_api_key"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"vak_unknown", "garbage"})
    void anUnknownApiKeyIs401(String key) {
        anonymous()
                .body(Map.of("api_key", key))
                .post("/auth/token")
                .then()
                .statusCode(401)
                .contentType(ContentType.JSON)
                .body("success", equalTo(false))
                .body("code", equalTo("invalid_api_key"));
    }

    @Test
    void aMissingApiKeyIs400() {
        anonymous().body(Map.of()).post("/auth/token").then().statusCode(400).body("details.field", hasItem("api_key"));
    }
}
