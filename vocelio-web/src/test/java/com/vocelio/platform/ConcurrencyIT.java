package com.vocelio.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.testing.Api;
import com.vocelio.testing.Database;
import com.vocelio.testing.Http;
import com.vocelio.testing.Http.Reply;
import com.vocelio.testing.Routing;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every mutating endpoint fired {@value #AT_ONCE} times at the same instant: never a 5xx, always JSON in the one
 * shape; a lost race is a 409 {@code concurrent_update} that says it may be retried, and where the outcome is
 * already decided the losers hear what an idempotent repeat would (the same agent's second accept is 200, another
 * agent's is 409). What the database holds afterwards is one of the states a winner wrote, and each decided move
 * wrote its event once.
 */
class ConcurrencyIT {

    static final int AT_ONCE = 8;

    private static final Routing routing = Routing.newOrganization();
    private static final String admin = routing.token();

    @Test
    void acceptsOfOneOfferByItsAgentAreOneAcceptanceAndAnotherAgentsAre409() {
        String department = routing.department(Map.of("wrap_up_seconds", 0));
        String agent = routing.agent(department);
        String id = routing.request(department);
        assertEquals(agent, routing.agentOf(id));
        String agentsToken = Api.signedIn(routing.organization(), "agent", agent);
        String other = routing.agent(department);
        String othersToken = Api.signedIn(routing.organization(), "agent", other);

        var accepts = fire("accept by the offered agent", () -> post("/transfer/" + id + "/accept", agentsToken));
        assertEquals(AT_ONCE, count(accepts, 200), statuses(accepts));
        accepts.forEach(reply -> assertEquals("connected", reply.json().getString("status")));
        assertEquals(1, events(id, "transfer_accepted"), "one acceptance, one event");

        var late = fire("accept by another agent", () -> post("/transfer/" + id + "/accept", othersToken));
        assertEquals(AT_ONCE, count(late, 409), statuses(late));
        late.forEach(reply -> assertEquals("transfer_taken", reply.json().getString("code")));

        var mixed = fire(
                "accept and complete by the agent at once",
                () -> post("/transfer/" + id + (Math.random() < 0.5 ? "/accept" : "/complete"), agentsToken));
        assertTrue(mixed.stream().allMatch(reply -> reply.status() == 200 || reply.status() == 409), statuses(mixed));
        assertTrue(Database.rows(Routing.OVER_CAPACITY, routing.tenantId()).isEmpty());
    }

    @Test
    void eachMoveOfOneTransferFiredAtOnceIsMadeOnce() {
        String department = routing.department(Map.of("wrap_up_seconds", 0));
        routing.agent(department);
        String rejected = routing.request(department);
        var rejects = fire("reject", () -> post("/transfer/" + rejected + "/reject", admin));
        assertEquals(1, count(rejects, 200), statuses(rejects));
        assertEquals(1, events(rejected, "transfer_rejected"));

        String staffed = routing.department(Map.of("wrap_up_seconds", 0));
        routing.agent(staffed);
        String completed = routing.request(staffed);
        routing.move(completed, "accept").then().statusCode(200);
        var completes = fire("complete", () -> post("/transfer/" + completed + "/complete", admin));
        assertEquals(AT_ONCE, count(completes, 200), statuses(completes));
        assertEquals(1, events(completed, "transfer_completed"));

        String canceled = routing.request(routing.department(Map.of()));
        var cancels = fire("cancel", () -> post("/transfer/" + canceled + "/cancel", admin));
        assertEquals(AT_ONCE, count(cancels, 200), statuses(cancels));
        assertEquals(1, events(canceled, "transfer_abandoned"));
        assertTrue(Database.rows(Routing.OVER_CAPACITY, routing.tenantId()).isEmpty());
    }

    @Test
    void requestsForOneCallAreOneTransfer() {
        String department = routing.department(Map.of());
        String call = Routing.callId();
        var body = Map.of("call_id", call, "target_department", department);
        var requests = fire("transfer request", () -> Http.send("POST", "/transfer/request", admin, body));
        assertEquals(1, count(requests, 201), statuses(requests));
        assertEquals(AT_ONCE - 1, count(requests, 200), statuses(requests));
        assertEquals(1, ids(requests, "transfer_id").size());

        String key = UUID.randomUUID().toString();
        var keyedBody = Map.of("call_id", Routing.callId(), "target_department", department);
        var keyed = fire(
                "keyed transfer request",
                () -> Http.send("POST", "/transfer/request", admin, keyedBody, "Idempotency-Key", key));
        assertEquals(1, count(keyed, 201), statuses(keyed));
        assertEquals(AT_ONCE - 1, count(keyed, 200), statuses(keyed));
        assertEquals(1, ids(keyed, "transfer_id").size());

        String reusedKey = UUID.randomUUID().toString();
        var reused = fire(
                "one key for different requests",
                () -> Http.send(
                        "POST",
                        "/transfer/request",
                        admin,
                        Map.of("call_id", Routing.callId(), "target_department", department),
                        "Idempotency-Key",
                        reusedKey));
        assertEquals(1, count(reused, 201), statuses(reused));
        assertEquals(AT_ONCE - 1, count(reused, 422), statuses(reused));

        var reports = fire("call report", () -> Http.send("POST", "/api/calls", admin, Map.of("call_id", call + "x")));
        assertEquals(1, count(reports, 201), statuses(reports));
        assertEquals(AT_ONCE - 1, count(reports, 200), statuses(reports));
    }

    @Test
    void rowsChangedAtOnceEndInAStateOneWinnerWrote() {
        String department = routing.department(Map.of());
        for (String base : List.of("/api/departments/", "/departments/")) {
            var n = new AtomicInteger();
            var puts = fire("PUT " + base, () -> {
                String description = "take " + n.incrementAndGet();
                return Http.send("PUT", base + department, admin, Map.of("description", description));
            });
            wonOrToRetry(puts);
            var written = puts.stream()
                    .filter(reply -> reply.status() == 200)
                    .map(reply -> reply.json().getString("department.description"))
                    .collect(Collectors.toSet());
            String now = Http.send("GET", "/api/departments/" + department, admin, null)
                    .json()
                    .getString("department.description");
            assertTrue(written.contains(now), now + " is none of " + written);
        }

        String agent = routing.agent(department);
        var names = fire(
                "PUT /agents/{id}",
                () -> Http.send("PUT", "/agents/" + agent, admin, Map.of("name", "Name " + UUID.randomUUID())));
        wonOrToRetry(names);
        var statuses = List.of("available", "busy", "on_break", "offline");
        var n = new AtomicInteger();
        var changes = fire(
                "PUT /agents/{id}/status",
                () -> Http.send(
                        "PUT",
                        "/agents/" + agent + "/status",
                        admin,
                        Map.of("status", statuses.get(n.incrementAndGet() % statuses.size()))));
        wonOrToRetry(changes);
        var both = fire(
                "agent and its status at once",
                () -> n.incrementAndGet() % 2 == 0
                        ? Http.send("PUT", "/agents/" + agent, admin, Map.of("max_concurrent_calls", 2))
                        : Http.send("PUT", "/agents/" + agent + "/status", admin, Map.of("status", "available")));
        wonOrToRetry(both);

        String user = Api.user(routing.organization(), "supervisor", null).id();
        var users = fire(
                "PUT /api/users/{id}",
                () -> Http.send("PUT", "/api/users/" + user, admin, Map.of("first_name", "N" + n.incrementAndGet())));
        wonOrToRetry(users);

        var settings = fire(
                "PUT /settings/account",
                () -> Http.send(
                        "PUT", "/settings/account", admin, Map.of("organization_name", "Org " + n.incrementAndGet())));
        wonOrToRetry(settings);
    }

    @Test
    void creationsOfOneNameAtOnceCreateOne() {
        String name = Routing.unique("Same");
        var departments = fire(
                "POST /api/departments",
                () -> Http.send(
                        "POST", "/api/departments", admin, Map.of("name", name, "phone_number", "+15551230003")));
        assertEquals(1, count(departments, 201), statuses(departments));
        assertEquals(AT_ONCE - 1, count(departments, 409), statuses(departments));

        String department = routing.department(Map.of());
        String agentId = Routing.unique("agent");
        var agents = fire(
                "POST /agents/register",
                () -> Http.send(
                        "POST",
                        "/agents/register",
                        admin,
                        Map.of("agent_id", agentId, "name", "Same", "department", department)));
        assertEquals(1, count(agents, 201), statuses(agents));
        assertEquals(AT_ONCE - 1, count(agents, 409), statuses(agents));

        String email = "same-" + UUID.randomUUID() + "@example.com";
        var users = fire(
                "POST /api/users",
                () -> Http.send(
                        "POST",
                        "/api/users",
                        admin,
                        Map.of("email", email, "password", Api.PASSWORD, "role", "agent")));
        assertEquals(1, count(users, 201), statuses(users));
        assertEquals(AT_ONCE - 1, count(users, 409), statuses(users));

        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        var signUps = fire(
                "POST /auth/register",
                () -> Http.send(
                        "POST",
                        "/auth/register",
                        null,
                        Api.registration(
                                "a" + UUID.randomUUID() + "@example.com",
                                "Ada",
                                "Admin",
                                "Org " + suffix,
                                "s" + suffix)));
        assertEquals(1, count(signUps, 201), statuses(signUps));
        assertEquals(AT_ONCE - 1, count(signUps, 409), statuses(signUps));
    }

    @Test
    void deletionsAtOnceDeleteOnce() {
        String department = routing.department(Map.of());
        var departments = fire(
                "DELETE /api/departments/{id}",
                () -> Http.send("DELETE", "/api/departments/" + department, admin, null));
        assertEquals(1, count(departments, 200), statuses(departments));
        assertEquals(AT_ONCE - 1, count(departments, 404), statuses(departments));

        String agent = routing.agent(routing.department(Map.of()));
        var agents = fire("DELETE /agents/{id}", () -> Http.send("DELETE", "/agents/" + agent, admin, null));
        assertEquals(1, count(agents, 200), statuses(agents));
        assertEquals(AT_ONCE - 1, count(agents, 404), statuses(agents));

        String user = Api.user(routing.organization(), "agent", null).id();
        var users = fire("DELETE /api/users/{id}", () -> Http.send("DELETE", "/api/users/" + user, admin, null));
        assertEquals(1, count(users, 200), statuses(users));
        assertEquals(AT_ONCE - 1, count(users, 404), statuses(users));
    }

    @Test
    void signInsKeysAndReadMarksAtOnce() {
        var user = Api.user(routing.organization(), "supervisor", null);
        var logins = fire(
                "POST /auth/login",
                () -> Http.send("POST", "/auth/login", null, Map.of("email", user.email(), "password", Api.PASSWORD)));
        assertEquals(AT_ONCE, count(logins, 200), statuses(logins));

        String refresh = logins.get(0).json().getString("refresh_token");
        var refreshes = fire(
                "POST /auth/refresh", () -> Http.send("POST", "/auth/refresh", null, Map.of("refresh_token", refresh)));
        assertEquals(AT_ONCE, count(refreshes, 200), statuses(refreshes));
        assertEquals(1, ids(refreshes, "refresh_token").size(), "one successor for one refresh token");

        String access = logins.get(1).json().getString("access_token");
        var setups = fire("POST /auth/setup-2fa", () -> Http.send("POST", "/auth/setup-2fa", access, null));
        wonOrToRetry(setups); // each start draws a new secret: one is kept, the others must not claim theirs was
        var logouts = fire("POST /auth/logout", () -> Http.send("POST", "/auth/logout", access, null));
        assertEquals(AT_ONCE, count(logouts, 200), statuses(logouts));

        String service = Api.user(routing.organization(), "service", null).id();
        var keys = fire(
                "POST /api/users/{id}/api-keys",
                () -> Http.send("POST", "/api/users/" + service + "/api-keys", admin, Map.of("name", "bot")));
        assertEquals(AT_ONCE, count(keys, 201), statuses(keys));
        String key = keys.get(0).json().getString("api_key");
        var tokens = fire("POST /auth/token", () -> Http.send("POST", "/auth/token", null, Map.of("api_key", key)));
        assertEquals(AT_ONCE, count(tokens, 200), statuses(tokens));

        long alert = Database.number(
                "insert into events (tenant_id, type, channel, payload) values (cast(? as uuid), 'system_alert',"
                        + " 'system_alert', json_build_object('type', 'warning', 'title', 'Race')) returning id",
                routing.tenantId());
        var reads = fire(
                "PUT /notifications/{id}/read",
                () -> Http.send("PUT", "/notifications/" + alert + "/read", admin, null));
        assertEquals(AT_ONCE, count(reads, 200), statuses(reads));
    }

    // ---- helpers

    /** Fires the request {@value #AT_ONCE} times at once; no answer is a 5xx, every one is JSON of the one shape. */
    private static List<Reply> fire(String what, Callable<Reply> request) {
        var replies = Http.burst(AT_ONCE, request);
        for (var reply : replies) {
            assertTrue(reply.status() < 500, what + " answered " + reply);
            assertTrue(reply.isJson(), what + " answered " + reply);
            if (reply.status() >= 400) {
                assertTrue(reply.isErrorBody(), what + " answered " + reply);
            }
            if (reply.status() == 409 && "concurrent_update".equals(reply.json().getString("code"))) {
                assertTrue(reply.json().getString("error").contains("retried"), reply.toString());
            }
        }
        return replies;
    }

    /** At least one request won; every other lost a race and was told to retry. */
    private static void wonOrToRetry(List<Reply> replies) {
        assertTrue(count(replies, 200) >= 1, statuses(replies));
        for (var reply : replies) {
            if (reply.status() != 200) {
                assertEquals(409, reply.status(), statuses(replies));
                assertEquals("concurrent_update", reply.json().getString("code"), statuses(replies));
            }
        }
    }

    private static Reply post(String path, String token) {
        return Http.send("POST", path, token, null);
    }

    private static long count(List<Reply> replies, int status) {
        return replies.stream().filter(reply -> reply.status() == status).count();
    }

    private static String statuses(List<Reply> replies) {
        var counts = new HashMap<String, Integer>();
        for (var reply : replies) {
            String code = reply.status() >= 400 ? " " + reply.json().getString("code") : "";
            counts.merge(reply.status() + code, 1, Integer::sum);
        }
        return counts.toString();
    }

    private static Set<String> ids(List<Reply> replies, String path) {
        return replies.stream().map(reply -> reply.json().getString(path)).collect(Collectors.toSet());
    }

    /** How many events of the type the outbox holds for the transfer. */
    private static long events(String transferId, String type) {
        return Database.number(
                "select count(*) from events where type = ? and payload->>'transfer_id' = ?", type, transferId);
    }
}
