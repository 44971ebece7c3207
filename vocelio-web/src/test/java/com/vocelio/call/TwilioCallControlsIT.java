package com.vocelio.call;

import static com.vocelio.call.TwilioFixture.XML;
import static com.vocelio.call.TwilioFixture.answeredCall;
import static com.vocelio.call.TwilioFixture.onNode;
import static com.vocelio.call.TwilioFixture.ourNumber;
import static com.vocelio.call.TwilioFixture.post;
import static com.vocelio.call.TwilioFixture.randomNumber;
import static com.vocelio.call.TwilioFixture.randomSid;
import static com.vocelio.call.TwilioFixture.twilio;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.testing.Database;
import com.vocelio.testing.Routing;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The call controls the simulator's ITs cover, on the Twilio node: the make answer whole, the live calls of an
 * organization, mute outside a conference, and a number that stops answering once its flow is unregistered.
 */
@ExtendWith(TwilioFixture.class)
class TwilioCallControlsIT {

    @Test
    void aPlacedCallIsAnsweredWholeAndIsLiveForItsOrganizationOnlyUntilTwilioSaysItIsOver() {
        String from = ourNumber(Map.of());
        String to = randomNumber();
        var placed = onNode().body(Map.of("to", to, "from", from, "message", "Hello"))
                .post("/api/calls/make")
                .then()
                .statusCode(201)
                .body("success", equalTo(true))
                .body("status", equalTo("queued"))
                .body("call_status", equalTo("ringing")) // the portal's word for a call not answered yet
                .body("to", equalTo(to))
                .body("from", equalTo(from))
                .body("direction", equalTo("outbound"))
                .body("provider", equalTo("twilio"))
                .body("answer_time", equalTo(""))
                .body("end_time", equalTo(""))
                .body("duration", equalTo(0))
                .body("muted", equalTo(false))
                .body("on_hold", equalTo(false))
                .extract();
        String sid = placed.path("call_sid");
        assertTrue(sid.matches("CA[0-9a-f]{32}"), sid);
        OffsetDateTime.parse(placed.<String>path("start_time"));

        assertEquals(
                200,
                post("webhooks/twilio/status", Map.of("CallSid", sid, "CallStatus", "in-progress"))
                        .statusCode());
        onNode().get("/admin/active-calls")
                .then()
                .statusCode(200)
                .body("active_calls.call_sid", hasItem(sid))
                .body("active_calls.find { it.call_sid == '" + sid + "' }.status", equalTo("in-progress"));
        // another organization's live calls are its own
        Routing.newOrganization()
                .admin()
                .baseUri(TwilioFixture.node().baseUri().toString())
                .get("/admin/active-calls")
                .then()
                .statusCode(200)
                .body("active_calls.call_sid", not(hasItem(sid)));

        assertEquals(
                200,
                post("webhooks/twilio/status", Map.of("CallSid", sid, "CallStatus", "completed", "CallDuration", "7"))
                        .statusCode());
        onNode().get("/admin/active-calls").then().statusCode(200).body("active_calls.call_sid", not(hasItem(sid)));
    }

    @Test
    void muteOutsideAConferenceIsRecordedAndSentOnTheFeedButAsksTwilioNothing() {
        String sid = answeredCall(ourNumber(Map.of()));
        int heard = twilio().about(sid).size();
        onNode().body(Map.of("muted", true))
                .post("/api/calls/" + sid + "/mute")
                .then()
                .statusCode(200)
                .body("muted", equalTo(true));
        onNode().post("/api/calls/" + sid + "/mute").then().statusCode(200).body("muted", equalTo(false));
        // on the live feed: the answer, then the mute, then the unmute
        var muted = Database.rows(
                        "select payload->>'muted' as muted from events where type = 'call_status_changed'"
                                + " and payload->>'call_sid' = ? order by id",
                        sid)
                .stream()
                .map(row -> String.valueOf(row.get("muted")))
                .toList();
        assertEquals(List.of("false", "true", "false"), muted);
        assertEquals(heard, twilio().about(sid).size(), "Twilio has no mute for a call outside a conference");
    }

    @Test
    void aNumberWhoseFlowIsUnregisteredByDeleteWithABodyIsNoLongerInService() {
        String number = ourNumber(Map.of("webhook_url", "https://flows.example.com/webhook/execute"));
        onNode().body(Map.of("phone_number", number))
                .delete("/admin/unregister-flow")
                .then()
                .statusCode(200)
                .body("removed", equalTo(1));
        String caller = randomSid("CA");
        var answer = post(
                "webhooks/twilio/voice",
                Map.of("CallSid", caller, "From", randomNumber(), "To", number, "CallStatus", "ringing"));
        assertEquals(200, answer.statusCode());
        assertEquals(XML + "<Response><Say>This number is not in service.</Say><Hangup/></Response>", answer.body());
        assertEquals(0, Database.number("select count(*) from calls where call_id = ?", caller));
    }
}
