package com.vocelio.operations;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.vocelio.launcher.PayaraMicroProcess;
import com.vocelio.testing.Api;
import com.vocelio.testing.EventClient;
import com.vocelio.testing.Http;
import com.vocelio.testing.Routing;
import com.vocelio.testing.SseStream;
import com.vocelio.testing.TestServer;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each business metric moves when its cause happens, on a node with Metrics on ({@code VOCELIO_METRICS_ENABLED}): the
 * node's {@code /metrics} (Prometheus text, the metrics token as bearer) counts the transfers, offers, sign-in
 * refusals, events and connections this node handled, and reports every organization's queues. The moves are made on
 * that node; the suite's node shares the database (so both see the queues) but counts nothing of it.
 */
class MetricsIT {

    private static final String TOKEN = TestServer.METRICS_TOKEN;
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static PayaraMicroProcess node;
    private static URI base;
    private static final Routing routing = Routing.newOrganization();

    @BeforeAll
    static void start() throws Exception {
        node = TestServer.get().configuredNode();
        base = node.baseUri();
    }

    @Test
    void aTransferFromRequestToCompletionMovesItsMetrics() {
        String department = routing.department(Map.of("wrap_up_seconds", 0, "reservation_timeout_seconds", 60));
        routing.agent(department);
        var before = scrape();

        String transferId = request(department);
        assertEquals("offered", routing.status(transferId), "a free agent gets it at once");
        onNode().post("/transfer/" + transferId + "/accept").then().statusCode(200);
        onNode().post("/transfer/" + transferId + "/complete").then().statusCode(200);

        var after = awaitScrape(
                "the completed transfer to be counted",
                s -> s.value("vocelio_transfers_ended_total", "outcome", "completed")
                        > before.value("vocelio_transfers_ended_total", "outcome", "completed"));
        assertEquals(1, after.delta(before, "vocelio_transfers_requested_total"), after.text());
        assertEquals(1, after.delta(before, "vocelio_transfers_ended_total", "outcome", "completed"), after.text());
        assertEquals(0, after.delta(before, "vocelio_transfers_ended_total", "outcome", "abandoned"), after.text());
        // request → first offer, as a histogram with buckets
        assertEquals(1, after.delta(before, "vocelio_routing_latency_seconds_count"), after.text());
        assertTrue(after.value("vocelio_routing_latency_seconds_sum") >= 0, after.text());
        // in seconds, every figure of it: this offer took well under a minute (Payara scales by the declared unit:
        // a timer that declared seconds while it counts nanoseconds printed a mean of 174 days)
        for (String figure : List.of("_sum", "_max", "_mean")) {
            assertTrue(after.has("vocelio_routing_latency_seconds" + figure), figure + "\n" + after.text());
            assertTrue(after.value("vocelio_routing_latency_seconds" + figure) < 60, figure + "\n" + after.text());
        }
        // and no quantiles, which Payara would print in nanoseconds: the buckets give them
        assertFalse(after.has("vocelio_routing_latency_seconds", "quantile", "0.5"), after.text());
        assertFalse(after.has("vocelio_outbox_lag_seconds", "quantile", "0.5"), after.text());
        assertTrue(after.has("vocelio_routing_latency_seconds_bucket", "le", "+Inf"), after.text());
        assertEquals(
                after.value("vocelio_routing_latency_seconds_count"),
                after.value("vocelio_routing_latency_seconds_bucket", "le", "+Inf"),
                after.text());
        // queued, offered, accepted, connected, completed, agent events…: each relayed to this node's subscribers
        assertTrue(after.delta(before, "vocelio_events_relayed_total") >= 4, after.text());
        assertTrue(after.delta(before, "vocelio_outbox_lag_seconds_count") >= 4, after.text());
        assertTrue(after.has("vocelio_outbox_lag_seconds_bucket", "le", "0.1"), after.text());
    }

    @Test
    void waitingTransfersAreGaugedPerDepartmentOfEveryOrganization() {
        String name = Routing.unique("Waiting");
        String department = routing.department(name, Map.of("wrap_up_seconds", 0));
        String first = request(department);
        String second = request(department);

        var waiting = awaitScrape(
                "two transfers waiting in " + name, s -> s.value("vocelio_queue_waiting", "department", name) == 2);
        assertEquals(
                2,
                waiting.value(
                        "vocelio_queue_waiting",
                        "organization_id",
                        routing.tenantId(),
                        "department_id",
                        department,
                        "department",
                        name),
                waiting.text());
        assertTrue(waiting.value("vocelio_queue_longest_wait_seconds", "department", name) >= 0, waiting.text());
        // another organization's queue is reported as well, under its own organization
        var other = Routing.newOrganization();
        String otherName = Routing.unique("Elsewhere");
        String otherDepartment = other.department(otherName, Map.of("wrap_up_seconds", 0));
        other.request(otherDepartment);
        var both = awaitScrape(
                "the other organization's queue",
                s -> s.value("vocelio_queue_waiting", "organization_id", other.tenantId(), "department", otherName)
                        == 1);
        assertEquals(2, both.value("vocelio_queue_waiting", "department", name), both.text());

        var before = both;
        onNode().post("/transfer/" + first + "/cancel").then().statusCode(200);
        onNode().post("/transfer/" + second + "/cancel").then().statusCode(200);
        var after = awaitScrape(
                "the queue of " + name + " to empty", s -> s.value("vocelio_queue_waiting", "department", name) == 0);
        assertEquals(0, after.value("vocelio_queue_longest_wait_seconds", "department", name), after.text());
        assertEquals(2, after.delta(before, "vocelio_transfers_ended_total", "outcome", "abandoned"), after.text());
    }

    @Test
    void failedAndThrottledSignInsAreCounted() {
        var before = scrape();
        String address = Api.newAddress();
        String email = "nobody-" + UUID.randomUUID() + "@example.com";
        for (int i = 0; i < 5; i++) { // vocelio.auth.throttle.max-failures-per-email
            signIn(email, address).then().statusCode(401);
        }
        signIn(email, address).then().statusCode(429);

        var after = scrape();
        assertEquals(
                5,
                after.delta(
                        before, "vocelio_login_failures_total", "method", "password", "reason", "invalid_credentials"),
                after.text());
        assertEquals(1, after.delta(before, "vocelio_login_throttled_total", "method", "password"), after.text());
        assertEquals(0, after.delta(before, "vocelio_login_throttled_total", "method", "api_key"), after.text());
    }

    @Test
    void openSocketsAndStreamsAreGauged() {
        var before = scrape();
        var socket = EventClient.signedIn(base, "/ws/transfers", routing.token());
        var stream = SseStream.open(base, "api/calls/active/events", "Authorization", "Bearer " + routing.token());
        try {
            var open = awaitScrape(
                    "the socket and the stream to be gauged",
                    s -> s.value("vocelio_sockets_open", "path", "transfers")
                                    > before.value("vocelio_sockets_open", "path", "transfers")
                            && s.value("vocelio_sse_streams_open") > before.value("vocelio_sse_streams_open"));
            assertEquals(1, open.delta(before, "vocelio_sockets_open", "path", "transfers"), open.text());
            assertEquals(1, open.delta(before, "vocelio_sse_streams_open"), open.text());
        } finally {
            socket.close();
            stream.close();
        }
        awaitScrape(
                "the closed socket to be gone",
                s -> s.value("vocelio_sockets_open", "path", "transfers")
                        == before.value("vocelio_sockets_open", "path", "transfers"));
    }

    @Test
    void anOfferNobodyAnswersCountsAsAReservationExpiry() throws Exception {
        String department = routing.department(Map.of("wrap_up_seconds", 0, "reservation_timeout_seconds", 1));
        routing.agent(department);
        var before = scrape();
        String transferId = request(department);
        // every node sweeps every second, and whichever locks an expired offer first handles it: the others are
        // paused meanwhile, so this node's sweep is the one that finds the offer expired
        try (var ignored = TestServer.get().pauseAllBut(node)) {
            var expired = awaitScrape(
                    "the unanswered offer to expire on this node",
                    s -> s.value("vocelio_reservation_expiries_total")
                            > before.value("vocelio_reservation_expiries_total"));
            assertTrue(expired.delta(before, "vocelio_reservation_expiries_total") >= 1, expired.text());
        } finally {
            onNode().post("/transfer/" + transferId + "/cancel");
        }
    }

    @Test
    void theApplicationsDatabaseConnectionsAreGaugedByState() {
        var now = scrape();
        // the scrape's own query holds one of the pool's connections while it reads pg_stat_activity
        assertTrue(now.value("vocelio_db_connections", "state", "active") >= 1, now.text());
        assertTrue(now.has("vocelio_db_connections", "state", "idle"), now.text());
        assertTrue(now.has("vocelio_db_connections", "state", "idle_in_transaction"), now.text());
        assertEquals(48, now.value("vocelio_db_pool_max"), now.text());
    }

    @Test
    void metricsStayBehindTheMetricsToken() {
        assertEquals(401, Http.raw(base, "GET", "/metrics", null).status());
        assertEquals(
                401,
                Http.raw(base, "GET", "/metrics", null, "Authorization: Bearer " + routing.token())
                        .status());
    }

    private static RequestSpecification onNode() {
        return given().baseUri(base.toString())
                .contentType(ContentType.JSON)
                .accept(ContentType.JSON)
                .header("Authorization", "Bearer " + routing.token());
    }

    /** A new transfer requested on the metrics node; its transfer_id. */
    private static String request(String department) {
        var body = new LinkedHashMap<String, Object>();
        body.put("call_id", Routing.callId());
        body.put("target_department", department);
        body.put("urgency_level", "medium");
        body.put("transfer_type", "warm");
        body.put("transfer_reason", "customer_request");
        body.put("context_summary", "Caller asks for a human");
        return onNode().body(body)
                .post("/transfer/request")
                .then()
                .statusCode(201)
                .extract()
                .path("transfer_id");
    }

    private static io.restassured.response.Response signIn(String email, String address) {
        return given().baseUri(base.toString())
                .contentType(ContentType.JSON)
                .header("X-Forwarded-For", address)
                .body(Map.of("email", email, "password", "wrong password"))
                .post("/auth/login");
    }

    private static Scrape scrape() {
        var reply = Http.raw(base, "GET", "/metrics", null, "Authorization: Bearer " + TOKEN, "Accept: text/plain");
        assertEquals(200, reply.status(), reply.toString());
        return Scrape.parse(reply.body());
    }

    private static Scrape awaitScrape(String what, java.util.function.Predicate<Scrape> done) {
        return awaitScrape(what, WAIT, done);
    }

    private static Scrape awaitScrape(String what, Duration within, java.util.function.Predicate<Scrape> done) {
        long end = System.nanoTime() + within.toNanos();
        Scrape last;
        do {
            last = scrape();
            if (done.test(last)) {
                return last;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        } while (System.nanoTime() < end);
        return fail("Waited " + within + " for " + what + "; last scrape:\n" + last.text());
    }

    /** One Prometheus text answer: samples by name and labels. */
    record Scrape(String text, List<Sample> samples) {

        record Sample(String name, Map<String, String> labels, double value) {}

        static Scrape parse(String text) {
            var samples = new ArrayList<Sample>();
            for (String line : text.split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int brace = line.indexOf('{');
                int space = line.lastIndexOf(' ');
                String name = brace >= 0 && brace < space ? line.substring(0, brace) : line.substring(0, space);
                var labels = new LinkedHashMap<String, String>();
                if (brace >= 0 && brace < space) {
                    String inside = line.substring(brace + 1, line.lastIndexOf('}'));
                    var matcher = java.util.regex.Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"")
                            .matcher(inside);
                    while (matcher.find()) {
                        labels.put(
                                matcher.group(1),
                                matcher.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
                    }
                }
                samples.add(new Sample(
                        name,
                        labels,
                        Double.parseDouble(line.substring(space + 1).strip())));
            }
            return new Scrape(text, samples);
        }

        boolean has(String name, String... labels) {
            return samples.stream().anyMatch(s -> matches(s, name, labels));
        }

        /** The one sample of that name whose labels include these (name, value pairs); 0 when there is none. */
        double value(String name, String... labels) {
            var found = samples.stream().filter(s -> matches(s, name, labels)).toList();
            if (found.size() > 1) {
                fail(found.size() + " samples " + name + " " + List.of(labels) + ":\n" + text);
            }
            return found.isEmpty() ? 0 : found.get(0).value();
        }

        double delta(Scrape before, String name, String... labels) {
            return value(name, labels) - before.value(name, labels);
        }

        private static boolean matches(Sample sample, String name, String... labels) {
            if (!sample.name().equals(name)) {
                return false;
            }
            for (int i = 0; i < labels.length; i += 2) {
                if (!labels[i + 1].equals(sample.labels().get(labels[i]))) {
                    return false;
                }
            }
            return true;
        }
    }
}
