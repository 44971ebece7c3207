package com.vocelio.call;

import static com.vocelio.testing.EventClient.event;
import static com.vocelio.testing.EventClient.payload;
import static com.vocelio.testing.Feeds.liveFeed;
import static com.vocelio.testing.Feeds.subscribe;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.testing.Database;
import com.vocelio.testing.Http;
import com.vocelio.testing.Routing;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Issue #15 on the offline simulator (the suite's server has no Twilio keys): a call placed from the Call Center's
 * body rings, is answered and ends like a real one, with every outcome reachable through the number called, the
 * statuses Twilio would give, events on the live feed, and end idempotent under the portal's repeated requests.
 */
class SimulatedCallsIT {

    static final Duration LIFECYCLE = Duration.ofSeconds(15);

    private static final Routing routing = Routing.newOrganization();

    /** A US test number (555) whose last four digits are {@code last4}: they choose the simulated outcome. */
    static String number(String last4) {
        return "+1555" + ThreadLocalRandom.current().nextInt(100, 999) + last4;
    }

    static String answeringNumber() {
        return number(Integer.toString(ThreadLocalRandom.current().nextInt(1000, 9999)));
    }

    private static JsonPath make(String to) {
        return routing.admin()
                .body(Map.of(
                        "to",
                        to,
                        "from",
                        "+1234567890",
                        "message",
                        "Hello, this is an AI assistant calling from Vocilio.",
                        "voice_settings",
                        Map.of("provider", "azure", "voice_id", "en-US-AriaNeural")))
                .post("/api/calls/make")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    private static JsonPath status(String callSid) {
        return routing.admin()
                .get("/api/calls/" + callSid + "/status")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** Polls the status until it is {@code wanted}; the statuses seen on the way, in order, without repeats. */
    static List<String> awaitStatus(String callSid, String wanted) throws InterruptedException {
        var seen = new java.util.ArrayList<String>();
        long deadline = System.nanoTime() + LIFECYCLE.toNanos();
        while (System.nanoTime() < deadline) {
            String now = status(callSid).getString("status");
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(now)) {
                seen.add(now);
            }
            if (now.equals(wanted)) {
                return seen;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(callSid + " never became " + wanted + "; seen " + seen);
    }

    private long events(String callSid, String type) {
        return Database.number(
                "select count(*) from events where tenant_id = cast(? as uuid) and type = ? and payload->>'call_sid' = ?",
                routing.tenantId(),
                type,
                callSid);
    }

    @Test
    void aCallPlacedFromThePortalRingsIsAnsweredAndEndsOnceHoweverOftenTheEndIsSent() throws Exception {
        String to = answeringNumber();
        try (var live = liveFeed(routing)) {
            subscribe(live, "{\"type\":\"subscribe\",\"channel\":\"live_call\"}", "live_call");
            var placed = make(to);
            String sid = placed.getString("call_sid");
            assertTrue(sid.matches("CA[0-9a-f]{32}"), sid);
            assertEquals("queued", placed.getString("status"));
            assertEquals(to, placed.getString("to"));
            assertEquals("+1234567890", placed.getString("from"));
            assertTrue(placed.getString("start_time").length() > 10);
            live.await("call_started", LIFECYCLE, event("call_started", "call_sid", sid));

            assertEquals(
                    List.of("queued", "ringing", "in-progress"),
                    awaitStatus(sid, "in-progress").subList(0, 3));
            var answered = live.await(
                    "answered",
                    LIFECYCLE,
                    event("call_status_changed", "call_sid", sid)
                            .and(m -> "in-progress".equals(payload(m).getString("telephony_status"))));
            assertEquals("active", payload(answered).getString("status"));
            routing.admin()
                    .get("/admin/active-calls")
                    .then()
                    .statusCode(200)
                    .body("active_calls.call_sid", hasItem(sid))
                    .body("active_calls.find { it.call_sid == '" + sid + "' }.status", equalTo("in-progress"));

            // the portal's button plus its effect cleanup, at once, and one more later
            Callable<Http.Reply> end = () -> Http.send("POST", "/api/calls/" + sid + "/end", routing.token(), null);
            var ends = Http.atOnce(Collections.nCopies(3, end));
            for (var ended : ends) {
                assertEquals(200, ended.status(), ended.toString());
                assertEquals("completed", ended.json().getString("status"));
            }
            routing.admin()
                    .post("/api/calls/" + sid + "/end")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("completed"))
                    .body("call_status", equalTo("completed"))
                    .body("end_time", not(equalTo("")));
            routing.admin().delete("/api/calls/" + sid).then().statusCode(200).body("status", equalTo("completed"));
            live.await("call_ended", LIFECYCLE, event("call_ended", "call_sid", sid));
            assertEquals(1, events(sid, "call_ended"));
            routing.admin().get("/admin/active-calls").then().body("active_calls.call_sid", not(hasItem(sid)));
            // ended by hand: the simulator's timer is gone, the status stays
            Thread.sleep(1500);
            assertEquals("completed", status(sid).getString("status"));
        }
    }

    @Test
    void theNumberCalledChoosesBusyNoAnswerAndFailed() throws Exception {
        String busy = make(number("0000")).getString("call_sid");
        String noAnswer = make(number("0001")).getString("call_sid");
        String failed = make(number("0002")).getString("call_sid");
        // what polling sees depends on the machine's load (the busy call may ring before its first poll); the events
        // say what it went through
        var seen = awaitStatus(busy, "busy");
        assertTrue(
                List.of(List.of("queued", "ringing", "busy"), List.of("ringing", "busy"))
                        .contains(seen),
                seen.toString());
        assertEquals(
                1,
                Database.rows(
                                "select 1 from events where type = 'call_status_changed' and payload->>'call_sid' = ?"
                                        + " and payload->>'telephony_status' = 'ringing'",
                                busy)
                        .size(),
                "a busy number rings first");
        assertTrue(awaitStatus(noAnswer, "no-answer").contains("no-answer"));
        assertTrue(awaitStatus(failed, "failed").contains("failed"));
        assertTrue(
                Database.rows(
                                "select 1 from events where type = 'call_status_changed' and payload->>'call_sid' = ?"
                                        + " and payload->>'telephony_status' = 'ringing'",
                                failed)
                        .isEmpty(),
                "a failing number never rings");
        for (String sid : List.of(busy, noAnswer, failed)) {
            var over = status(sid);
            assertEquals(0, over.getInt("duration"), sid);
            assertEquals(0.0, over.getDouble("price"), 1e-9);
            assertEquals(1, events(sid, "call_ended"), sid);
        }
        assertEquals("missed", status(busy).getString("call_status"));
        assertEquals("failed", status(failed).getString("call_status"));
        // a call that never rang is not answered: ending it changes nothing and says so with 200
        routing.admin()
                .post("/api/calls/" + failed + "/end")
                .then()
                .statusCode(200)
                .body("status", equalTo("failed"));
    }

    @Test
    void anAnsweredCallHangsUpByItselfWithItsTalkTimeAndPrice() throws Exception {
        String sid = make(number("0003")).getString("call_sid");
        assertEquals(List.of("queued", "ringing", "in-progress", "completed"), awaitStatus(sid, "completed"));
        var over = status(sid);
        assertTrue(over.getInt("duration") >= 1 && over.getInt("duration") <= 4, over.prettify());
        assertEquals(0.014, over.getDouble("price"), 1e-9);
        assertEquals("USD", over.getString("price_unit"));
    }

    @Test
    void endingACallThatStillRingsCancelsIt() throws Exception {
        String sid = make(number("0001")).getString("call_sid");
        awaitStatus(sid, "ringing");
        routing.admin()
                .post("/api/calls/" + sid + "/end")
                .then()
                .statusCode(200)
                .body("status", equalTo("canceled"))
                .body("call_status", equalTo("abandoned"));
        Thread.sleep(5000); // past the no-answer timer
        assertEquals("canceled", status(sid).getString("status"));
    }

    @Test
    void muteAndHoldNeedAnAnsweredCallAndTakeTheBodyOrToggle() throws Exception {
        String sid = make(answeringNumber()).getString("call_sid");
        routing.admin()
                .post("/api/calls/" + sid + "/mute")
                .then()
                .statusCode(409)
                .body("code", equalTo("call_not_answered"));
        awaitStatus(sid, "in-progress");
        routing.admin()
                .post("/api/calls/" + sid + "/mute")
                .then()
                .statusCode(200)
                .body("muted", equalTo(true));
        routing.admin()
                .post("/api/calls/" + sid + "/mute")
                .then()
                .statusCode(200)
                .body("muted", equalTo(false));
        routing.admin()
                .body(Map.of("muted", true))
                .post("/api/calls/" + sid + "/mute")
                .then()
                .statusCode(200)
                .body("muted", equalTo(true));
        routing.admin()
                .body(Map.of("on_hold", true))
                .post("/api/calls/" + sid + "/hold")
                .then()
                .statusCode(200)
                .body("on_hold", equalTo(true))
                .body("call_status", equalTo("on_hold"));
        routing.admin()
                .get("/api/calls/active")
                .then()
                .body("active_calls.find { it.call_id == '" + sid + "' }.status", equalTo("on_hold"));
        routing.admin()
                .body(Map.of("hold", false))
                .post("/api/calls/" + sid + "/hold")
                .then()
                .statusCode(200)
                .body("on_hold", equalTo(false))
                .body("call_status", equalTo("active"));
        routing.admin()
                .body(Map.of("muted", "yes"))
                .post("/api/calls/" + sid + "/mute")
                .then()
                .statusCode(400)
                .body("details[0].field", equalTo("muted"));
        routing.admin().post("/api/calls/" + sid + "/end").then().statusCode(200);
        routing.admin()
                .post("/api/calls/" + sid + "/hold")
                .then()
                .statusCode(409)
                .body("code", equalTo("call_ended"));
    }

    @Test
    void theApiReferenceSpellingAndTypedNumbersAreAccepted() {
        routing.admin()
                .body(Map.of("to_number", "(555) 765-4321", "from_number", "555.123.4567"))
                .post("/calls/make")
                .then()
                .statusCode(201)
                .body("to", equalTo("+15557654321"))
                .body("from", equalTo("+15551234567"))
                .body("call_sid", matchesPattern("CA[0-9a-f]{32}"));
    }

    @Test
    void badInputNamesTheField() {
        record Case(Object body, String field) {}
        for (var bad : List.of(
                new Case(Map.of("from", "+15551234567"), "to"),
                new Case(Map.of("to", "not a number"), "to"),
                new Case(Map.of("to_number", "12"), "to_number"),
                new Case(Map.of("to", "+15557654321", "from_number", "5".repeat(41)), "from_number"),
                new Case(Map.of("to", "+15557654321", "message", "x".repeat(2001)), "message"),
                new Case(
                        Map.of("to", "+15557654321", "voice_settings", Map.of("voice_id", "v".repeat(101))),
                        "voice_settings.voice_id"))) {
            routing.admin()
                    .body(bad.body())
                    .post("/api/calls/make")
                    .then()
                    .statusCode(400)
                    .body("success", equalTo(false))
                    .body("details[0].field", equalTo(bad.field()));
        }
        var empty = Http.send("POST", "/api/calls/make", routing.token(), null, "Content-Type", "application/json");
        assertEquals(400, empty.status(), empty.toString());
        var array = Http.send("POST", "/api/calls/make", routing.token(), "[]");
        assertEquals(400, array.status(), array.toString());
    }

    @Test
    void anotherOrganizationsCallsDoNotExistForIt() throws Exception {
        String sid = make(answeringNumber()).getString("call_sid");
        var other = Routing.newOrganization();
        for (var request : List.of(
                other.admin().get("/api/calls/" + sid + "/status"),
                other.admin().post("/api/calls/" + sid + "/end"),
                other.admin().delete("/api/calls/" + sid),
                other.admin().post("/api/calls/" + sid + "/mute"),
                other.admin().post("/api/calls/" + sid + "/hold"),
                routing.admin().get("/api/calls/CA" + "0".repeat(32) + "/status"))) {
            request.then().statusCode(404).body("code", equalTo("call_not_found"));
        }
        other.admin()
                .get("/admin/active-calls")
                .then()
                .statusCode(200)
                .body("active_calls.call_sid", not(hasItem(sid)));
        assertTrue(
                List.of("queued", "ringing", "in-progress").contains(status(sid).getString("status")));
        routing.admin().post("/api/calls/" + sid + "/end").then().statusCode(200);
    }

    @Test
    void activeCallsNeedASignedInCaller() {
        Http.Reply reply = Http.send("GET", "/admin/active-calls", null, null);
        assertEquals(401, reply.status(), reply.toString());
        var made = Http.send("POST", "/api/calls/make", null, Map.of("to", "+15557654321"));
        assertEquals(401, made.status(), made.toString());
        routing.admin().get("/admin/active-calls").then().statusCode(200).body("total", greaterThanOrEqualTo(0));
    }
}
