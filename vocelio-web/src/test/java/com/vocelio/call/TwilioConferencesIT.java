package com.vocelio.call;

import static com.vocelio.call.TwilioFixture.PUBLIC_URL;
import static com.vocelio.call.TwilioFixture.XML;
import static com.vocelio.call.TwilioFixture.answeredCall;
import static com.vocelio.call.TwilioFixture.assertStillTheSecondAgents;
import static com.vocelio.call.TwilioFixture.onNode;
import static com.vocelio.call.TwilioFixture.ourNumber;
import static com.vocelio.call.TwilioFixture.post;
import static com.vocelio.call.TwilioFixture.randomNumber;
import static com.vocelio.call.TwilioFixture.randomSid;
import static com.vocelio.call.TwilioFixture.routing;
import static com.vocelio.call.TwilioFixture.twilio;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.testing.Database;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue #15's conferences and inbound queues against the fake Twilio: a warm transfer holds the caller in a
 * {@code <Conference>} with hold music while the agent's own leg is called, briefed and joined; a conference transfer
 * gives the caller back to the AI when the agent leaves; a caller in a conference is held and muted as its
 * participant; an agent at a Twilio Client is called on a leg to the client; an inbound call to a flow that queues to a department waits on hold as a routed transfer, recorded
 * when the flow records. Every TwiML and request is compared whole.
 */
@ExtendWith(TwilioFixture.class)
class TwilioConferencesIT {

    static final String MUSIC = "http://com.twilio.sounds.music.s3.amazonaws.com/MARKOVICHAMP-Borghestral.mp3";

    /** The query of the agent's leg's callbacks, for the transfer's latest offer, as the application addresses them. */
    private static String query(String transferId, String callSid) {
        return "?transfer_id=" + URLEncoder.encode(transferId, StandardCharsets.UTF_8) + "&offer="
                + routing().transfer(transferId).getInt("transfer.offer_count") + "&call_sid=" + callSid;
    }

    /** The AI's hand-off line to {@code agent} of {@code department}, as the node's configured line says it. */
    private static String handOff(String agent, String department) {
        return TwilioNode.AI_LEG_LINE
                .replace("{agent}", "Agent " + agent)
                .replace("{department}", routing().departmentName(department));
    }

    private static String aiLine(String sid) {
        return (String) Database.rows("select ai_leg_line from calls where call_id = ?", sid)
                .get(0)
                .get("ai_leg_line");
    }

    private static String transferOf(String sid, String department, String type, String context) {
        return onNode().body(Map.of("transfer_to", department, "type", type, "context", context))
                .post("/api/calls/" + sid + "/transfer")
                .then()
                .statusCode(201)
                .extract()
                .path("transfer_id");
    }

    private static String callerIntoConference(String transferId, String action) {
        return XML + "<Response><Dial" + (action == null ? "" : " action=\"" + action + "\" method=\"POST\"")
                + "><Conference waitUrl=\"" + MUSIC + "\" waitMethod=\"GET\" startConferenceOnEnter=\"false\""
                + " endConferenceOnExit=\"true\" beep=\"false\" statusCallback=\"" + PUBLIC_URL
                + "/webhooks/twilio/conference\" statusCallbackMethod=\"POST\" statusCallbackEvent=\"start join leave end\">"
                + "vocelio-" + transferId + "</Conference></Dial></Response>";
    }

    private static void assertAgentLegPlaced(FakeTwilio.Received leg, String from, String transferId, String sid) {
        String q = query(transferId, sid);
        assertTrue(leg.authorized());
        assertEquals(from, leg.param("From"));
        assertEquals(PUBLIC_URL + "/webhooks/twilio/bridge/answered" + q, leg.param("Url"));
        assertEquals("POST", leg.param("Method"));
        assertEquals("20", leg.param("Timeout"));
        assertEquals(PUBLIC_URL + "/webhooks/twilio/bridge/leg" + q, leg.param("StatusCallback"));
        assertEquals("completed", leg.param("StatusCallbackEvent"));
        assertEquals(null, leg.param("Twiml"));
    }

    @Test
    void aWarmTransferHoldsTheCallerInAConferenceBriefsTheAgentAndAnAgentWhoNeverAnswersSendsItBack() {
        String from = ourNumber(Map.of());
        String sid = answeredCall(from);
        String department = routing().department(Map.of("wrap_up_seconds", 60));
        String transferId = transferOf(sid, department, "warm", "Refund of order 42");
        String first = randomNumber();
        String agent = routing().agent(department, Map.of("phone_number", first));
        routing().awaitOffer(transferId);
        onNode().post("/transfer/" + transferId + "/accept")
                .then()
                .statusCode(200)
                .body("status", equalTo("connecting"));

        // the caller leaves the AI for the conference, where hold music plays until the agent starts it
        var caller = twilio().about(sid);
        assertEquals(1, caller.size(), caller.toString());
        assertEquals(callerIntoConference(transferId, null), caller.get(0).param("Twiml"));
        assertEquals(1, twilio().placedTo(first).size());
        assertAgentLegPlaced(twilio().placedTo(first).get(0), from, transferId, sid);
        // until Twilio tells the conference's sid the caller can be neither held nor muted (nor taken out of it)
        onNode().body(Map.of("on_hold", true))
                .post("/api/calls/" + sid + "/hold")
                .then()
                .statusCode(409)
                .body("code", equalTo("conference_joining"));
        onNode().body(Map.of("muted", true))
                .post("/api/calls/" + sid + "/mute")
                .then()
                .statusCode(409)
                .body("code", equalTo("conference_joining"));
        onNode().get("/api/calls/" + sid + "/status")
                .then()
                .body("on_hold", equalTo(false))
                .body("muted", equalTo(false));
        assertEquals(1, twilio().about(sid).size(), "nothing reached Twilio");

        // the first agent's phone rings out: back to the queue at its old place, the caller stays in the conference
        String firstLeg = query(transferId, sid);
        var rangOut = post(
                "webhooks/twilio/bridge/leg" + firstLeg, Map.of("CallSid", randomSid("CA"), "CallStatus", "no-answer"));
        assertEquals(200, rangOut.statusCode(), rangOut.body());
        assertEquals("queued", routing().status(transferId));
        assertEquals("available", routing().statusOf(agent));
        assertEquals(
                1,
                Database.number(
                        "select count(*) from events where type = 'transfer_bridge_failed' and payload->>'transfer_id' = ?",
                        transferId));
        onNode().get("/api/calls/" + sid + "/status").then().body("status", equalTo("in-progress"));

        // the next agent is called into the same conference; the caller is not moved again
        routing().setStatus(agent, "offline");
        String second = randomNumber();
        assertEquals(handOff(agent, department), aiLine(sid), "the AI is to hand the caller to the first agent");
        String bea = routing().agent(department, Map.of("sip_uri", "sip:bea@pbx.example.com", "phone_number", second));
        routing().awaitOffer(transferId);
        onNode().post("/transfer/" + transferId + "/accept").then().statusCode(200);
        assertEquals(handOff(bea, department), aiLine(sid), "the AI stays, and now hands the caller to the next");
        assertEquals(1, twilio().about(sid).size(), twilio().about(sid).toString());
        assertEquals(1, twilio().placedTo("sip:bea@pbx.example.com").size());
        assertAgentLegPlaced(twilio().placedTo("sip:bea@pbx.example.com").get(0), from, transferId, sid);

        // the caller's join tells the conference's sid; the agent's leg answers, hears the briefing, joins
        String conferenceSid = "CF" + "c".repeat(32);
        post(
                "webhooks/twilio/conference",
                Map.of(
                        "CallSid",
                        sid,
                        "ConferenceSid",
                        conferenceSid,
                        "FriendlyName",
                        "vocelio-" + transferId,
                        "StatusCallbackEvent",
                        "participant-join"));
        String agentLeg = randomSid("CA");
        var answered = post(
                "webhooks/twilio/bridge/answered" + query(transferId, sid),
                Map.of("CallSid", agentLeg, "CallStatus", "in-progress"));
        assertEquals(
                XML + "<Response><Say>Refund of order 42</Say><Dial><Conference startConferenceOnEnter=\"true\""
                        + " endConferenceOnExit=\"true\" beep=\"false\">vocelio-" + transferId
                        + "</Conference></Dial></Response>",
                answered.body());
        assertEquals("connected", routing().status(transferId));
        // a participant that is not our call (the agent's leg) changes nothing
        assertEquals(
                200,
                post(
                                "webhooks/twilio/conference",
                                Map.of(
                                        "CallSid",
                                        agentLeg,
                                        "ConferenceSid",
                                        conferenceSid,
                                        "FriendlyName",
                                        "vocelio-" + transferId,
                                        "StatusCallbackEvent",
                                        "participant-join"))
                        .statusCode());

        // in the conference, hold and mute update the caller as its participant
        onNode().body(Map.of("on_hold", true))
                .post("/api/calls/" + sid + "/hold")
                .then()
                .statusCode(200)
                .body("on_hold", equalTo(true));
        onNode().body(Map.of("muted", true))
                .post("/api/calls/" + sid + "/mute")
                .then()
                .statusCode(200)
                .body("muted", equalTo(true));
        String participant = "/2010-04-01/Accounts/" + FakeTwilio.ACCOUNT_SID + "/Conferences/" + conferenceSid
                + "/Participants/" + sid + ".json";
        var updates = twilio().about(sid).stream()
                .filter(r -> r.path().equals(participant))
                .toList();
        assertEquals(2, updates.size(), twilio().about(sid).toString());
        assertEquals(
                Map.of("Hold", List.of("true"), "HoldUrl", List.of(MUSIC), "HoldMethod", List.of("GET")),
                updates.get(0).form());
        assertEquals(Map.of("Muted", List.of("true")), updates.get(1).form());
        assertTrue(updates.stream().allMatch(FakeTwilio.Received::authorized));

        // the agent hangs up: the conference (and with it the warm-transferred call) is over, the transfer completes,
        // and the agent's wrap-up starts with their leg's end
        assertEquals("busy", routing().statusOf(bea));
        post(
                "webhooks/twilio/bridge/leg" + query(transferId, sid),
                Map.of("CallSid", agentLeg, "CallStatus", "completed"));
        assertEquals("completed", routing().status(transferId));
        assertEquals("wrap_up", routing().statusOf(bea));
    }

    @Test
    void aLateOrRepeatedReportOfAnEarlierAgentsLegLeavesTheConferenceTransferWithTheAgentWhoHasItNow() {
        String from = ourNumber(Map.of());
        String sid = answeredCall(from);
        String department = routing().department(Map.of("wrap_up_seconds", 0));
        String transferId = transferOf(sid, department, "warm", "Refund of order 42");
        String first = routing().agent(department, Map.of("phone_number", randomNumber()));
        assertEquals(first, routing().awaitOffer(transferId));
        onNode().post("/transfer/" + transferId + "/accept").then().statusCode(200);
        String firstLeg = query(transferId, sid);
        var firstRangOut = Map.of("CallSid", randomSid("CA"), "CallStatus", "no-answer");

        // the first agent's leg rings out: back to the queue, a missed offer; the second agent accepts
        assertEquals(
                200, post("webhooks/twilio/bridge/leg" + firstLeg, firstRangOut).statusCode());
        assertEquals("queued", routing().status(transferId));
        routing().setStatus(first, "offline");
        String phone = randomNumber();
        String second = routing().agent(department, Map.of("phone_number", phone));
        assertEquals(second, routing().awaitOffer(transferId));
        onNode().post("/transfer/" + transferId + "/accept").then().statusCode(200);
        String secondLeg = query(transferId, sid);
        assertAgentLegPlaced(twilio().placedTo(phone).get(0), from, transferId, sid);
        assertTrue(!secondLeg.equals(firstLeg), secondLeg);

        // the first agent's leg reported again: its no-answer repeated, and a late answer, which is hung up
        assertEquals(
                200, post("webhooks/twilio/bridge/leg" + firstLeg, firstRangOut).statusCode());
        var late = post(
                "webhooks/twilio/bridge/answered" + firstLeg,
                Map.of("CallSid", randomSid("CA"), "CallStatus", "in-progress"));
        assertEquals(XML + "<Response><Hangup/></Response>", late.body(), "not into the caller's conference");
        assertStillTheSecondAgents(transferId, department, first, second, "connecting");

        // the second agent's leg answers and joins; the first agent's reports still change nothing
        var answered = post(
                "webhooks/twilio/bridge/answered" + secondLeg,
                Map.of("CallSid", randomSid("CA"), "CallStatus", "in-progress"));
        assertTrue(answered.body().contains("<Conference startConferenceOnEnter=\"true\""), answered.body());
        assertEquals(
                200, post("webhooks/twilio/bridge/leg" + firstLeg, firstRangOut).statusCode());
        assertEquals(
                200,
                post(
                                "webhooks/twilio/bridge/leg" + firstLeg,
                                Map.of("CallSid", randomSid("CA"), "CallStatus", "completed"))
                        .statusCode());
        assertStillTheSecondAgents(transferId, department, first, second, "connected");
        assertEquals(1, twilio().about(sid).size(), "the caller was moved into the conference once, and left there");
    }

    @Test
    void aWarmTransfersAgentAtATwilioClientIsCalledOnALegToTheClientAndBriefed() {
        String from = ourNumber(Map.of());
        String sid = answeredCall(from);
        String department = routing().department(Map.of("wrap_up_seconds", 0));
        String transferId = transferOf(sid, department, "warm", "Refund of order 42");
        String identity = "ann_" + randomSid("").toLowerCase(java.util.Locale.ROOT);
        // the phone number is not dialled: the Twilio Client comes first
        routing().agent(department, Map.of("client_identity", "client:" + identity, "phone_number", randomNumber()));
        routing().awaitOffer(transferId);
        onNode().post("/transfer/" + transferId + "/accept")
                .then()
                .statusCode(200)
                .body("status", equalTo("connecting"));

        assertEquals(
                callerIntoConference(transferId, null),
                twilio().about(sid).get(0).param("Twiml"));
        var legs = twilio().placedTo("client:" + identity);
        assertEquals(1, legs.size(), twilio().received().toString());
        var leg = legs.get(0);
        assertTrue(leg.authorized());
        assertEquals("/2010-04-01/Accounts/" + FakeTwilio.ACCOUNT_SID + "/Calls.json", leg.path());
        String q = query(transferId, sid);
        assertEquals(
                Map.of(
                        "To", List.of("client:" + identity),
                        "From", List.of(from),
                        "Url", List.of(PUBLIC_URL + "/webhooks/twilio/bridge/answered" + q),
                        "Method", List.of("POST"),
                        "Timeout", List.of("20"),
                        "StatusCallback", List.of(PUBLIC_URL + "/webhooks/twilio/bridge/leg" + q),
                        "StatusCallbackMethod", List.of("POST"),
                        "StatusCallbackEvent", List.of("completed")),
                leg.form());

        var answered = post(
                "webhooks/twilio/bridge/answered" + q, Map.of("CallSid", randomSid("CA"), "CallStatus", "in-progress"));
        assertEquals(
                XML + "<Response><Say>Refund of order 42</Say><Dial><Conference startConferenceOnEnter=\"true\""
                        + " endConferenceOnExit=\"true\" beep=\"false\">vocelio-" + transferId
                        + "</Conference></Dial></Response>",
                answered.body());
        assertEquals("connected", routing().status(transferId));
    }

    @Test
    void aConferenceTransferHasNoBriefingAndGivesTheCallerBackToTheAiWhenTheAgentLeaves() {
        String from = ourNumber(Map.of());
        String sid = answeredCall(from);
        String department = routing().department(Map.of("wrap_up_seconds", 0));
        String transferId = transferOf(sid, department, "conference", "VIP caller");
        String phone = randomNumber();
        routing().agent(department, Map.of("phone_number", phone));
        routing().awaitOffer(transferId);
        onNode().post("/transfer/" + transferId + "/accept").then().statusCode(200);
        assertEquals(
                callerIntoConference(transferId, PUBLIC_URL + "/webhooks/twilio/conference/over"),
                twilio().about(sid).get(0).param("Twiml"));
        assertAgentLegPlaced(twilio().placedTo(phone).get(0), from, transferId, sid);
        var answered = post(
                "webhooks/twilio/bridge/answered" + query(transferId, sid),
                Map.of("CallSid", randomSid("CA"), "CallStatus", "in-progress"));
        assertEquals(
                XML + "<Response><Dial><Conference startConferenceOnEnter=\"true\" endConferenceOnExit=\"true\""
                        + " beep=\"false\">vocelio-" + transferId + "</Conference></Dial></Response>",
                answered.body());
        assertEquals("connected", routing().status(transferId));

        var back = post("webhooks/twilio/conference/over", Map.of("CallSid", sid, "DialCallStatus", "completed"));
        assertEquals(XML + "<Response><Say>Hello</Say><Pause length=\"60\"/></Response>", back.body());
        onNode().get("/api/calls/" + sid + "/status").then().body("status", equalTo("in-progress"));
        // out of the conference, hold goes back to replacing the call's TwiML
        onNode().body(Map.of("on_hold", true))
                .post("/api/calls/" + sid + "/hold")
                .then()
                .statusCode(200);
        var last = twilio().about(sid).get(twilio().about(sid).size() - 1);
        assertEquals(XML + "<Response><Play loop=\"0\">" + MUSIC + "</Play></Response>", last.param("Twiml"));
    }

    @Test
    void anInboundCallToAFlowThatQueuesWaitsOnHoldAsARoutedTransferAndIsRecorded() {
        String department = routing().department(Map.of("wrap_up_seconds", 0));
        String departmentName = routing().departmentName(department);
        String number = ourNumber(Map.of("greeting", "Welcome to Acme", "department", departmentName, "record", true));
        String sid = randomSid("CA");
        var form = Map.of("CallSid", sid, "From", "+15557651234", "To", number, "CallStatus", "ringing");
        String expected = XML + "<Response><Start><Recording recordingStatusCallback=\"" + PUBLIC_URL
                + "/webhooks/twilio/recording\" recordingStatusCallbackMethod=\"POST\""
                + " recordingStatusCallbackEvent=\"in-progress completed absent\"/></Start>"
                + "<Say>Welcome to Acme</Say><Play loop=\"0\">" + MUSIC + "</Play></Response>";
        for (int i = 0; i < 2; i++) { // Twilio asking again queues nothing twice
            var answer = post("webhooks/twilio/voice", form);
            assertEquals(200, answer.statusCode(), answer.body());
            assertEquals(expected, answer.body());
        }
        assertEquals(1, routing().transfersOfCall(sid));
        String transferId = (String) Database.rows(
                        "select t.transfer_id from transfers t join calls c on c.id = t.call_id where c.call_id = ?",
                        sid)
                .get(0)
                .get("transfer_id");
        assertEquals("queued", routing().status(transferId));
        onNode().get("/api/calls/" + sid + "/status")
                .then()
                .body("status", equalTo("in-progress"))
                .body("direction", equalTo("inbound"))
                .body("call_status", equalTo("transferring"));

        // an agent comes: the caller is dialled through to them from our number
        String phone = randomNumber();
        routing().agent(department, Map.of("phone_number", phone));
        routing().awaitOffer(transferId);
        onNode().post("/transfer/" + transferId + "/accept")
                .then()
                .statusCode(200)
                .body("status", equalTo("connecting"));
        String twiml = twilio().about(sid).get(0).param("Twiml");
        assertTrue(twiml.startsWith(XML + "<Response><Dial timeout=\"20\""), twiml);
        assertTrue(twiml.contains(">" + phone + "</Number></Dial>"), twiml);

        // the flow's recording reports in like any other
        var recording = post(
                "webhooks/twilio/recording",
                Map.of(
                        "CallSid",
                        sid,
                        "RecordingSid",
                        "RE" + sid.substring(2),
                        "RecordingStatus",
                        "completed",
                        "RecordingDuration",
                        "12"));
        assertEquals(200, recording.statusCode(), recording.body());
        onNode().get("/api/calls/" + sid + "/recordings")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("recordings[0].recording_id", equalTo("RE" + sid.substring(2)));
    }

    @Test
    void aFlowNamesAnExistingDepartmentAndAClosedQueueHandsTheCallerToTheFlowsWebhook() {
        onNode().body(Map.of("flow_id", "f", "phone_numbers", List.of(randomNumber()), "department", "no such"))
                .post("/admin/register-flow")
                .then()
                .statusCode(400)
                .body("details[0].field", equalTo("department"));

        String full = routing().department(Map.of("max_queue_length", 1));
        routing().request(full); // the one place in its line is taken
        String number = ourNumber(
                Map.of("department", full, "webhook_url", "https://flows.example.com/overflow", "greeting", "Hi"));
        String sid = randomSid("CA");
        var answer = post("webhooks/twilio/voice", Map.of("CallSid", sid, "From", "+15557651235", "To", number));
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(
                XML
                        + "<Response><Say>Hi</Say><Redirect method=\"POST\">https://flows.example.com/overflow</Redirect></Response>",
                answer.body());
        assertEquals(0, routing().transfersOfCall(sid));
        onNode().get("/api/calls/" + sid + "/status").then().statusCode(200).body("status", equalTo("in-progress"));
    }
}
