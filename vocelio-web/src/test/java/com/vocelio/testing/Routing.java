package com.vocelio.testing;

import static org.junit.jupiter.api.Assertions.fail;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The routing ITs' side of the wire, bound to one organization of their own (so no other test's queue or agents can
 * interfere): departments with a routing policy, agents, transfer requests and their moves, bounded waits for what
 * the every-second sweeps do, and the organization's rows in the database ({@link Database}).
 */
public final class Routing {

    /** The longest any test waits for a sweep's effect (they run every second). */
    public static final Duration WAIT = Duration.ofSeconds(15);

    public static final List<String> URGENCIES = List.of("low", "medium", "high", "critical");

    private final Api.Organization organization;

    private Routing(Api.Organization organization) {
        this.organization = organization;
    }

    /** A freshly signed-up organization, its admin acting. */
    public static Routing newOrganization() {
        return new Routing(Api.newOrganization());
    }

    public Api.Organization organization() {
        return organization;
    }

    public String tenantId() {
        return organization.id();
    }

    /** The admin's access token, for the clients that sign in with one (sockets, streams). */
    public String token() {
        return organization.accessToken();
    }

    public RequestSpecification admin() {
        return organization.asAdmin();
    }

    public static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    public static String callId() {
        return unique("call");
    }

    public static int rank(String urgency) {
        return URGENCIES.indexOf(urgency) + 1;
    }

    /** Creates a department with the given routing policy fields (and a unique name unless given) and returns its id. */
    public String department(Map<String, ?> policy) {
        return department(unique("Dept"), policy);
    }

    public String department(String name, Map<String, ?> policy) {
        var body = new HashMap<String, Object>(policy);
        body.put("name", name);
        body.put("phone_number", "+15551230003");
        return admin().body(body)
                .post("/api/departments")
                .then()
                .statusCode(201)
                .extract()
                .path("department.id");
    }

    /** A department nobody staffs (and no wrap-up): whatever is sent there waits in its queue. */
    public String unstaffedDepartment() {
        return department(Map.of("wrap_up_seconds", 0));
    }

    public String departmentName(String departmentId) {
        return admin().get("/api/departments/" + departmentId)
                .then()
                .statusCode(200)
                .extract()
                .path("department.name");
    }

    /** Registers an available agent of capacity one (unless {@code extra} says otherwise) and returns its agent_id. */
    public String agent(String department, Map<String, ?> extra) {
        String agentId = unique("agent");
        var body = new HashMap<String, Object>(Map.of(
                "agent_id", agentId, "name", "Agent " + agentId, "department", department, "status", "available"));
        body.putAll(extra);
        admin().body(body).post("/agents/register").then().statusCode(201);
        return agentId;
    }

    public String agent(String department) {
        return agent(department, Map.of());
    }

    public void setStatus(String agentId, String status) {
        admin().body(Map.of("status", status))
                .put("/agents/" + agentId + "/status")
                .then()
                .statusCode(200);
    }

    public String statusOf(String agentId) {
        return admin().get("/agents/" + agentId)
                .then()
                .statusCode(200)
                .extract()
                .path("agent.status");
    }

    /** {@code POST /transfer/request} with the body as given; the response is for the caller to check. */
    public Response post(Map<String, ?> body) {
        return admin().body(body).post("/transfer/request");
    }

    /** A new transfer (201) of a new call to the department; returns the response body. */
    public JsonPath request(String department, String urgency, Map<String, ?> extra) {
        var body = new LinkedHashMap<String, Object>();
        body.put("call_id", callId());
        body.put("target_department", department);
        body.put("urgency_level", urgency);
        body.put("transfer_type", "warm");
        body.put("transfer_reason", "customer_request");
        body.put("context_summary", "Caller asks for a human");
        body.putAll(extra);
        return post(body).then().statusCode(201).extract().jsonPath();
    }

    /** A new medium-urgency transfer of a new call to the department; returns its transfer_id. */
    public String request(String department) {
        return request(department, "medium", Map.of()).getString("transfer_id");
    }

    public JsonPath transfer(String transferId) {
        return admin().get("/transfer/" + transferId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    public String status(String transferId) {
        return transfer(transferId).getString("status");
    }

    /** The agent_id the transfer is offered to or connected with, "" for none. */
    public String agentOf(String transferId) {
        return transfer(transferId).getString("transfer.agent_id");
    }

    /** {@code POST /transfer/{id}/{move}} as the admin; the response is for the caller to check. */
    public Response move(String transferId, String move) {
        return admin().post("/transfer/" + transferId + "/" + move);
    }

    /** Accepts then completes the transfer, both 200. */
    public void handle(String transferId) {
        move(transferId, "accept").then().statusCode(200);
        move(transferId, "complete").then().statusCode(200);
    }

    /** Waits for the transfer to be offered and returns the agent it is offered to. */
    public String awaitOffer(String transferId) {
        return await("transfer " + transferId + " to be offered", () -> transfer(transferId), t -> "offered"
                        .equals(t.getString("status")))
                .getString("transfer.agent_id");
    }

    /** The department's queue ({@code GET /departments/{dept}/queue}), transfer_ids in queue order. */
    public List<String> queue(String department) {
        return admin().get("/departments/" + department + "/queue")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("queue_details.transfer_id", String.class);
    }

    // ---- many requests at once: the JDK's client (keep-alive, little CPU) where REST Assured's cost would dominate

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private static final Jsonb JSON = JsonbBuilder.create();

    public record Reply(int status, JsonPath body) {}

    /** {@code POST path} with the map as JSON (or no body for null) and extra headers as name/value pairs. */
    public Reply send(String path, Map<String, ?> body, String... headers) {
        var request = HttpRequest.newBuilder(TestServer.get().baseUri().resolve(path.replaceFirst("^/", "")))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + organization.accessToken())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(JSON.toJson(body)));
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            var response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), JsonPath.from(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException("POST " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- the organization's rows, as the application left them

    /**
     * Writes {@code count} events of type {@code test_filler} to one of the organization's channels, each with a
     * {@code filler} of {@code size} characters, as the outbox would (and wakes the relays).
     */
    public void fillEvents(String channel, int count, int size) {
        try (var connection = Database.connect()) {
            Database.rows(
                    connection,
                    "with written as (insert into events (tenant_id, type, channel, payload)"
                            + " select cast(? as uuid), 'test_filler', ?,"
                            + " json_build_object('n', n, 'filler', repeat('f', ?)) from generate_series(1, ?) n"
                            + " returning id) select count(*) from written, pg_notify('vocelio_events', '')",
                    tenantId(),
                    channel,
                    size,
                    count);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many transfers the organization's call has, whatever their state. */
    public long transfersOfCall(String callId) {
        return Database.number(
                "select count(*) from transfers t join calls c on c.id = t.call_id"
                        + " where c.tenant_id = cast(? as uuid) and c.call_id = ?",
                tenantId(),
                callId);
    }

    /** An agent's routing columns: status, active_calls, max_concurrent_calls, missed_offers. */
    public Map<String, Object> agentRow(String agentId) {
        var rows = Database.rows(
                "select status, active_calls, max_concurrent_calls, missed_offers from agents"
                        + " where tenant_id = cast(? as uuid) and agent_id = ?",
                tenantId(),
                agentId);
        if (rows.isEmpty()) {
            throw new IllegalStateException("No agent " + agentId);
        }
        return rows.get(0);
    }

    /**
     * Agents of the organization holding more calls than they may (by their {@code active_calls} counter, or by the
     * offered/connecting/connected transfers pointing at them), or whose counter disagrees with those transfers. One
     * statement, so one snapshot: empty is the only right answer, at any moment.
     */
    public static final String OVER_CAPACITY =
            """
            select a.agent_id, a.active_calls, a.max_concurrent_calls, count(t.id) as holding
            from agents a left join transfers t
              on t.agent_id = a.id and t.status in ('offered', 'connecting', 'connected')
            where a.tenant_id = cast(? as uuid)
            group by a.id, a.agent_id, a.active_calls, a.max_concurrent_calls
            having a.active_calls > a.max_concurrent_calls or count(t.id) > a.max_concurrent_calls
                or count(t.id) <> a.active_calls""";

    // ---- bounded waits

    public static <T> T await(String what, Supplier<T> probe, Predicate<? super T> done) {
        return await(what, WAIT, probe, done);
    }

    /** Polls {@code probe} every 100 ms until {@code done}, failing with the last value seen after {@code limit}. */
    public static <T> T await(String what, Duration limit, Supplier<T> probe, Predicate<? super T> done) {
        long deadline = System.nanoTime() + limit.toNanos();
        T last = probe.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                fail("Waited " + limit.toSeconds() + " s for " + what + "; last seen: " + describe(last));
            }
            pause(Duration.ofMillis(100));
            last = probe.get();
        }
        return last;
    }

    private static String describe(Object value) {
        return value instanceof JsonPath json ? json.prettify() : String.valueOf(value);
    }

    public static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
