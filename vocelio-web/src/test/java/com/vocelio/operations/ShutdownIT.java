package com.vocelio.operations;

import static com.vocelio.testing.EventClient.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.launcher.PayaraMicroProcess;
import com.vocelio.testing.Api;
import com.vocelio.testing.Database;
import com.vocelio.testing.EventClient;
import com.vocelio.testing.Routing;
import com.vocelio.testing.SseStream;
import com.vocelio.testing.TestServer;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A node told to stop with SIGTERM while it is busy, beside a node that keeps running (as a rolling restart behind a
 * load balancer would do it): it refuses new requests with 503 and {@code Retry-After}, answers the ones in progress
 * (a synthesis that takes seconds finishes with its audio), closes its sockets with 1001 and ends its event streams,
 * and exits; no request ever gets another 5xx; the offer it had made is expired and offered again by the other node's
 * sweep, so no reservation is left dangling; and the other node serves on.
 */
class ShutdownIT {

    private static final Jsonb JSON = JsonbBuilder.create();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static PayaraMicroProcess nodeB;

    /** One request of the load: its status (0 when the connection failed), when it was sent and when answered. */
    record Outcome(String what, int status, String retryAfter, String body, long sent, long answered, String error) {}

    @AfterAll
    static void stopNode() throws InterruptedException {
        if (nodeB != null) {
            nodeB.close();
        }
    }

    @Test
    void aNodeStoppedUnderLoadRefusesWith503FinishesWhatItStartedAndLeavesNoReservationBehind() throws Exception {
        nodeB = TestServer.get()
                .startAnotherNode(freePort(), "payara-shutdown", Map.of("VOCELIO_SHUTDOWN_TIMEOUT", "PT40S"));
        URI b = nodeB.baseUri();
        var routing = Routing.newOrganization();
        String token = routing.token();
        String department = routing.department(Map.of("reservation_timeout_seconds", 15, "wrap_up_seconds", 0));
        String first = routing.agent(department);
        // an offer made by node B, which nobody will answer: node B's reservation at the moment it stops
        String offered = send(b, "POST", "/transfer/request", token, transferBody(department))
                .body
                .getString("transfer_id");
        assertEquals(first, routing.awaitOffer(offered));
        routing.agent(department); // free for the offer again, once it comes back
        String elsewhere = routing.unstaffedDepartment(); // the load's transfers wait there, never taking those agents

        try (var socket = EventClient.open(b, "ws/transfers?access_token=" + token);
                var stream = SseStream.open(b, "api/calls/active/events", "Authorization", "Bearer " + token)) {
            socket.await("authenticated on node B", Duration.ofSeconds(10), type("authenticated"));
            stream.await("the stream's opening", Duration.ofSeconds(10), e -> true);

            var outcomes = new ConcurrentLinkedQueue<Outcome>();
            var loading = new AtomicBoolean(true);
            ExecutorService load = Executors.newFixedThreadPool(5);
            for (int i = 0; i < 4; i++) {
                int worker = i;
                load.execute(() -> {
                    while (loading.get()) {
                        outcomes.add(
                                worker % 2 == 0
                                        ? attempt(b, "GET", "/api/departments", token, null)
                                        : attempt(b, "POST", "/transfer/request", token, transferBody(elsewhere)));
                    }
                });
            }
            // seconds of work for the offline engine: in progress when the signal comes, it must still be answered
            var slow = CompletableFuture.supplyAsync(
                    () -> attempt(b, "POST", "/synthesize", token, Map.of("text", longText(), "provider", "local")),
                    load);
            Thread.sleep(1500);
            long signalled = System.nanoTime();
            ProcessHandle.of(nodeB.pid()).orElseThrow().destroy(); // SIGTERM to node B's process only

            var close = socket.awaitClose(Duration.ofSeconds(20));
            assertEquals(1001, close.getCloseCode().getCode(), "the socket's close: " + close);
            assertTrue(stream.awaitEnd(Duration.ofSeconds(20)), "the event stream of node B did not end");
            Outcome synthesis = slow.get(90, TimeUnit.SECONDS);
            assertTrue(
                    ProcessHandle.of(nodeB.pid())
                            .map(p -> p.onExit()
                                    .completeOnTimeout(p, 90, TimeUnit.SECONDS)
                                    .join())
                            .map(p -> !p.isAlive())
                            .orElse(true),
                    "node B did not exit within 90 s of SIGTERM");
            loading.set(false);
            load.shutdown();
            assertTrue(load.awaitTermination(30, TimeUnit.SECONDS));

            assertEquals(200, synthesis.status(), "the synthesis in progress at SIGTERM: " + synthesis);
            assertTrue(synthesis.answered() > signalled, "the synthesis was not in progress at SIGTERM: " + synthesis);

            List<Outcome> all = new ArrayList<>(outcomes);
            String summary = all.stream()
                    .collect(Collectors.groupingBy(o -> o.status(), java.util.TreeMap::new, Collectors.counting()))
                    .toString();
            List<Outcome> failed = all.stream()
                    .filter(o -> o.status() >= 500 && o.status() != 503)
                    .toList();
            assertTrue(failed.isEmpty(), "5xx other than 503 " + summary + ": " + failed);
            List<Outcome> refused = all.stream().filter(o -> o.status() == 503).toList();
            assertFalse(refused.isEmpty(), "no request was refused with 503 while node B drained: " + summary);
            for (Outcome refusal : refused) {
                assertEquals("1", refusal.retryAfter(), refusal.toString());
                assertTrue(refusal.body().contains("\"code\":\"shutting_down\""), refusal.toString());
            }
            long firstRefusal =
                    refused.stream().mapToLong(Outcome::answered).min().orElseThrow();
            // a request cut off is one the node had accepted: only connections opened after it began refusing
            // (to a listener that is going away) may fail
            List<Outcome> cut = all.stream()
                    .filter(o -> o.status() == 0 && o.sent() < firstRefusal)
                    .toList();
            assertTrue(cut.isEmpty(), "requests sent before the drain failed " + summary + ": " + cut);
            assertTrue(all.stream().anyMatch(o -> o.status() == 200 || o.status() == 201), summary);
        }

        // the offer node B held when it exited (its first, or one its own sweep made while it drained): expired by
        // node A's sweep after its 15 s and offered again, nothing left reserved
        var atExit = routing.transfer(offered);
        assertEquals("offered", atExit.getString("status"), "node B's offer at its exit");
        String offerExpiry = atExit.getString("transfer.offer_expires_at");
        Routing.await(
                "node B's offer to be expired and made again by node A",
                Duration.ofSeconds(40),
                () -> routing.transfer(offered),
                t -> "offered".equals(t.getString("status"))
                        && !offerExpiry.equals(t.getString("transfer.offer_expires_at")));
        assertEquals(
                0,
                Database.number(
                        "select count(*) from transfers where tenant_id = cast(? as uuid) and status = 'offered'"
                                + " and offer_expires_at < now() - interval '5 seconds'",
                        routing.tenantId()),
                "offers past their reservation time are still held");
        // node A serves on
        assertEquals(200, Api.as(token).get("/api/departments").statusCode());
    }

    private static Map<String, Object> transferBody(String department) {
        return Map.of("call_id", Routing.callId(), "target_department", department, "urgency_level", "medium");
    }

    private static String longText() {
        var random = ThreadLocalRandom.current();
        var text = new StringBuilder();
        while (text.length() < 4000) {
            text.append("Caller number ").append(random.nextInt(1_000_000)).append(" is waiting. ");
        }
        return text.toString();
    }

    private record Reply(int status, io.restassured.path.json.JsonPath body) {}

    private static Reply send(URI base, String method, String path, String token, Object body) {
        Outcome outcome = attempt(base, method, path, token, body);
        assertTrue(outcome.status() > 0 && outcome.status() < 300, outcome.toString());
        return new Reply(outcome.status(), new io.restassured.path.json.JsonPath(outcome.body()));
    }

    private static Outcome attempt(URI base, String method, String path, String token, Object body) {
        var request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(JSON.toJson(body)));
        long sent = System.nanoTime();
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            String text = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
            return new Outcome(
                    method + " " + path,
                    response.statusCode(),
                    response.headers().firstValue("Retry-After").orElse(null),
                    path.equals("/synthesize") ? response.body().length + " bytes" : text,
                    sent,
                    System.nanoTime(),
                    null);
        } catch (IOException e) {
            return new Outcome(method + " " + path, 0, null, "", sent, System.nanoTime(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(method + " " + path, 0, null, "", sent, System.nanoTime(), e.toString());
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
