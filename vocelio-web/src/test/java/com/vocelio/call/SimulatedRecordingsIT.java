package com.vocelio.call;

import static com.vocelio.testing.EventClient.event;
import static com.vocelio.testing.EventClient.payload;
import static com.vocelio.testing.Feeds.liveFeed;
import static com.vocelio.testing.Feeds.subscribe;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.testing.Api;
import com.vocelio.testing.Database;
import com.vocelio.testing.Routing;
import io.restassured.path.json.JsonPath;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Issue #15's recordings on the offline simulator: a call placed with {@code record: true} leaves a completed
 * recording as long as its talk when it ends (by itself or by the portal's end), a call not recorded or never
 * answered leaves none; recordings are listed per call, read and deleted by id, only within their organization.
 */
class SimulatedRecordingsIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Routing routing = Routing.newOrganization();

    private static String number(String last4) {
        return "+1555" + ThreadLocalRandom.current().nextInt(100, 999) + last4;
    }

    private static String answering() {
        return number(Integer.toString(ThreadLocalRandom.current().nextInt(1004, 9999)));
    }

    private static String make(String to, Object record) {
        var body = new HashMap<String, Object>(Map.of("to", to, "from", "+1234567890", "message", "Hello"));
        if (record != null) {
            body.put("record", record);
        }
        return routing.admin()
                .body(body)
                .post("/api/calls/make")
                .then()
                .statusCode(201)
                .extract()
                .path("call_sid");
    }

    private static JsonPath status(String sid) {
        return routing.admin()
                .get("/api/calls/" + sid + "/status")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static void await(String sid, String wanted) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (status(sid).getString("status").equals(wanted)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(
                sid + " never became " + wanted + "; is " + status(sid).getString("status"));
    }

    private static JsonPath recordings(String sid) {
        return routing.admin()
                .get("/api/calls/" + sid + "/recordings")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void aRecordedCallLeavesOneCompletedRecordingAsLongAsItsTalkAndSaysSoOnTheLiveFeed() throws Exception {
        JsonObject ready;
        String sid;
        try (var live = liveFeed(routing)) {
            subscribe(live, "{\"type\":\"subscribe\",\"channel\":\"live_call\"}", "live_call");
            sid = make(number("0003"), true); // answers, hangs up after two seconds
            ready = payload(live.await("recording_ready", WAIT, event("recording_ready", "call_sid", sid)));
            await(sid, "completed");
            Routing.pause(Duration.ofMillis(300)); // a second announcement would have arrived by now
            assertEquals(
                    1, live.messages(event("recording_ready", "call_sid", sid)).size());
            assertEquals(
                    0, live.messages(event("recording_failed", "call_sid", sid)).size());
        }
        var list = recordings(sid);
        assertEquals(1, list.getInt("total"));
        String id = list.getString("recordings[0].recording_id");
        assertEquals(id, ready.getString("recording_id"));
        assertEquals(sid, ready.getString("call_id"));
        assertEquals("completed", ready.getString("status"));
        assertEquals("simulated", ready.getString("provider"));
        assertEquals(list.getInt("recordings[0].duration"), ready.getInt("duration"));
        assertTrue(id.matches("RE[0-9a-f]{32}"), id);
        assertEquals(sid, list.getString("recordings[0].call_sid"));
        assertEquals("simulated", list.getString("recordings[0].provider"));
        assertEquals("completed", list.getString("recordings[0].status"));
        int talk = status(sid).getInt("duration");
        assertTrue(talk >= 1, "talked " + talk);
        assertEquals(talk, list.getInt("recordings[0].duration"));
        assertTrue(list.getString("recordings[0].start_time").length() > 10);
        routing.admin()
                .get("/api/recordings/" + id)
                .then()
                .statusCode(200)
                .body("recording_id", equalTo(id))
                .body("call_sid", equalTo(sid))
                .body("duration", equalTo(talk));
        // the audio, through us: silence as long as the talk (8 kHz, 8-bit mono WAV), also as the recording in
        // audio/wav
        var audio = routing.admin().accept("audio/wav").get("/api/recordings/" + id + "/audio");
        audio.then().statusCode(200).contentType("audio/wav");
        byte[] wav = audio.asByteArray();
        assertEquals("RIFF", new String(wav, 0, 4, StandardCharsets.US_ASCII));
        assertEquals("WAVE", new String(wav, 8, 4, StandardCharsets.US_ASCII));
        assertEquals(44 + 8000 * talk, wav.length);
        byte[] negotiated = routing.admin()
                .accept("audio/wav")
                .get("/api/recordings/" + id)
                .then()
                .statusCode(200)
                .contentType("audio/wav")
                .extract()
                .asByteArray();
        assertEquals(wav.length, negotiated.length);
        Api.anonymous()
                .accept("audio/wav")
                .get("/api/recordings/" + id + "/audio")
                .then()
                .statusCode(401);
        // an agent may listen but not delete
        String agent = Api.signedIn(routing.organization(), "agent", null);
        Api.as(agent).get("/api/recordings/" + id).then().statusCode(200);
        Api.as(agent).delete("/api/recordings/" + id).then().statusCode(403);

        routing.admin()
                .delete("/api/recordings/" + id)
                .then()
                .statusCode(200)
                .body("deleted", equalTo(true))
                .body("recording.recording_id", equalTo(id));
        routing.admin()
                .get("/api/recordings/" + id)
                .then()
                .statusCode(404)
                .body("code", equalTo("recording_not_found"));
        routing.admin().delete("/api/recordings/" + id).then().statusCode(404);
        assertEquals(0, recordings(sid).getInt("total"));
        assertEquals(0, Database.number("select count(*) from call_recordings where recording_sid = ?", id));
    }

    @Test
    void endingARecordedCallFromThePortalLeavesItsRecordingAtOnce() throws Exception {
        String sid = make(answering(), true);
        await(sid, "in-progress");
        Thread.sleep(1100);
        routing.admin().post("/api/calls/" + sid + "/end").then().statusCode(200);
        routing.admin().post("/api/calls/" + sid + "/end").then().statusCode(200);
        var list = recordings(sid);
        assertEquals(1, list.getInt("total"), "ended twice, recorded once");
        assertEquals("completed", list.getString("recordings[0].status"));
        assertEquals(status(sid).getInt("duration"), list.getInt("recordings[0].duration"));
        assertTrue(list.getInt("recordings[0].duration") >= 1);
    }

    @Test
    void callsNotRecordedOrNeverAnsweredLeaveNoRecording() throws Exception {
        String unrecorded = make(number("0003"), null);
        String declined = make(number("0003"), false);
        String busy = make(number("0000"), true);
        await(unrecorded, "completed");
        await(declined, "completed");
        await(busy, "busy");
        assertEquals(0, recordings(unrecorded).getInt("total"));
        assertEquals(0, recordings(declined).getInt("total"));
        assertEquals(0, recordings(busy).getInt("total"));
    }

    @Test
    void badInputIsA400NamingTheFieldAndUnknownIdsA404() {
        routing.admin()
                .body(Map.of("to", answering(), "record", "yes"))
                .post("/api/calls/make")
                .then()
                .statusCode(400)
                .body("details.field", hasItem("record"));
        routing.admin()
                .get("/api/recordings/not-a-sid!")
                .then()
                .statusCode(400)
                .body("details.field", hasItem("recording_id"));
        routing.admin()
                .delete("/api/recordings/" + "x".repeat(65))
                .then()
                .statusCode(400)
                .body("details.field", hasItem("recording_id"));
        routing.admin()
                .get("/api/recordings/RE" + "0".repeat(32))
                .then()
                .statusCode(404)
                .body("code", equalTo("recording_not_found"));
        routing.admin()
                .get("/api/calls/CA" + "0".repeat(32) + "/recordings")
                .then()
                .statusCode(404)
                .body("code", equalTo("call_not_found"));
        Api.anonymous().get("/api/recordings/RE" + "0".repeat(32)).then().statusCode(401);
    }

    @Test
    void anotherOrganizationsRecordingsDoNotExistForIt() throws Exception {
        String sid = make(number("0003"), true);
        await(sid, "completed");
        String id = recordings(sid).getString("recordings[0].recording_id");
        var other = Routing.newOrganization();
        other.admin().get("/api/calls/" + sid + "/recordings").then().statusCode(404);
        other.admin().get("/api/recordings/" + id).then().statusCode(404).body("code", equalTo("recording_not_found"));
        other.admin().delete("/api/recordings/" + id).then().statusCode(404);
        other.admin()
                .accept("audio/wav")
                .get("/api/recordings/" + id + "/audio")
                .then()
                .statusCode(404)
                .body("code", equalTo("recording_not_found"));
        routing.admin().get("/api/recordings/" + id).then().statusCode(200);
    }
}
