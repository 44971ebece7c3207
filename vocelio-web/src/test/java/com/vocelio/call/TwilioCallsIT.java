package com.vocelio.call;

import static com.vocelio.call.TwilioFixture.PUBLIC_URL;
import static com.vocelio.call.TwilioFixture.XML;
import static com.vocelio.call.TwilioFixture.assertStillTheSecondAgents;
import static com.vocelio.call.TwilioFixture.node;
import static com.vocelio.call.TwilioFixture.onNode;
import static com.vocelio.call.TwilioFixture.post;
import static com.vocelio.call.TwilioFixture.randomNumber;
import static com.vocelio.call.TwilioFixture.randomSid;
import static com.vocelio.call.TwilioFixture.routing;
import static com.vocelio.call.TwilioFixture.twilio;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.testing.Database;
import com.vocelio.testing.EventClient;
import com.vocelio.testing.Feeds;
import com.vocelio.testing.Http;
import com.vocelio.testing.Routing;
import io.restassured.response.Response;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue #15 against Twilio, played by a local fake that checks what the SDK sends: a node of the application with
 * Twilio credentials, its SDK routed to the fake, and Twilio's webhooks played back signed (or not) the way Twilio
 * signs them, directly and behind a proxy.
 */
@ExtendWith(TwilioFixture.class)
class TwilioCallsIT {

    /** A fresh number of the organization, whose flow's webhook is a fixed address unless {@code extra} says. */
    private static String ourNumber(Map<String, Object> extra) {
        var body = new java.util.HashMap<String, Object>(
                Map.of("webhook_url", "https://flows.example.com/webhook/execute"));
        body.putAll(extra);
        return TwilioFixture.ourNumber(body);
    }

    private static String make(String to, String from, String message, String voice) {
        return onNode().body(Map.of(
                        "to", to,
                        "from", from,
                        "message", message,
                        "voice_settings", Map.of("provider", "azure", "voice_id", voice)))
                .post("/api/calls/make")
                .then()
                .statusCode(201)
                .extract()
                .path("call_sid");
    }

    private static HttpResponse<String> status(String callSid, String status, Map<String, String> more) {
        var form = new java.util.HashMap<>(Map.of("CallSid", callSid, "CallStatus", status));
        form.putAll(more);
        return post("webhooks/twilio/status", form);
    }

    private static String statusOf(String callSid) {
        return onNode().get("/api/calls/" + callSid + "/status")
                .then()
                .statusCode(200)
                .extract()
                .path("status");
    }

    /** The query of the bridge's callbacks for the transfer's latest offer, as the application addresses them. */
    private static String bridgeQuery(String transferId) {
        return "?transfer_id=" + transferId + "&offer="
                + routing().transfer(transferId).getInt("transfer.offer_count");
    }

    /** Twilio's signed POST of a bridge callback ({@code webhooks/twilio/bridge…}, query included). */
    private static HttpResponse<String> bridge(String path, Map<String, String> form) {
        return FakeTwilio.callback(node().baseUri(), path, PUBLIC_URL + "/" + path, form, null);
    }

    /** A call of ours placed and answered; its sid. */
    private static String answeredCall() {
        String sid = make(randomNumber(), ourNumber(Map.of()), "Hello", "");
        status(sid, "in-progress", Map.of());
        return sid;
    }

    /** The answered call {@code sid} transferred cold to {@code department}; the transfer's id. */
    private static String coldTransfer(String sid, String department) {
        return onNode().body(Map.of("transfer_to", department, "type", "cold"))
                .post("/api/calls/" + sid + "/transfer")
                .then()
                .statusCode(201)
                .extract()
                .path("transfer_id");
    }

    @Test
    void aCallIsPlacedWithTheFormTwilioExpects() {
        String from = ourNumber(Map.of());
        String sid = make("(555) 765-4321", from, "Hi <there> & bye", "Polly.Joanna");
        var create = twilio().about("/Calls.json").stream()
                .filter(r -> from.equals(r.param("From")))
                .findFirst()
                .orElseThrow();
        assertTrue(create.authorized());
        assertEquals("POST", create.method());
        assertEquals("/2010-04-01/Accounts/" + FakeTwilio.ACCOUNT_SID + "/Calls.json", create.path());
        assertEquals("+15557654321", create.param("To"));
        assertEquals(
                XML
                        + "<Response><Say voice=\"Polly.Joanna\">Hi &lt;there&gt; &amp; bye</Say><Pause length=\"60\"/></Response>",
                create.param("Twiml"));
        assertEquals(PUBLIC_URL + "/webhooks/twilio/status", create.param("StatusCallback"));
        assertEquals("POST", create.param("StatusCallbackMethod"));
        assertEquals(
                List.of("initiated", "ringing", "answered", "completed"),
                create.form().get("StatusCallbackEvent"));
        assertEquals("queued", statusOf(sid));
        // a voice Twilio does not know (the portal's Azure ids) falls back to Twilio's default
        make("+15557654322", from, "Hello", "en-US-AriaNeural");
        assertTrue(twilio().received().stream()
                .anyMatch(r -> "+15557654322".equals(r.param("To"))
                        && (XML + "<Response><Say>Hello</Say><Pause length=\"60\"/></Response>")
                                .equals(r.param("Twiml"))));
    }

    /** Where Twilio was asked to place the call to {@code to}: the request's {@code From}. */
    private static String placedFrom(String to) {
        return twilio().about("/Calls.json").stream()
                .filter(r -> to.equals(r.param("To")))
                .map(r -> r.param("From"))
                .reduce((first, second) -> {
                    throw new AssertionError(to + " was called twice");
                })
                .orElseThrow();
    }

    private static Response makeFrom(String to, String from) {
        var body = new java.util.HashMap<String, Object>(Map.of("to", to, "message", "Hello"));
        if (from != null) {
            body.put("from", from);
        }
        return onNode().body(body).post("/api/calls/make");
    }

    @Test
    void callsFromNoneOfTheOrganizationsNumbersGoOutUnderItsDefaultCallerIdWhichMovesWhereItIsRegistered() {
        // no default (and the node has no TWILIO_PHONE_NUMBER): a number that is not ours is refused, naming it
        String notOurs = randomNumber();
        makeFrom(randomNumber(), notOurs).then().statusCode(400).body("details[0].field", equalTo("from"));
        String first = ourNumber(Map.of());
        String main = ourNumber(Map.of("default_caller_id", true));
        onNode().body(Map.of("flow_id", "main", "phone_numbers", List.of(main), "default_caller_id", true))
                .post("/admin/register-flow")
                .then()
                .statusCode(200)
                .body("flows[0].default_caller_id", equalTo(true));
        // our own number is kept; another's, or none, goes out under the default, and the call says so
        String to = randomNumber();
        makeFrom(to, first).then().statusCode(201).body("from", equalTo(first));
        assertEquals(first, placedFrom(to));
        to = randomNumber();
        makeFrom(to, notOurs).then().statusCode(201).body("from", equalTo(main));
        assertEquals(main, placedFrom(to));
        to = randomNumber();
        makeFrom(to, null).then().statusCode(201).body("from", equalTo(main));
        assertEquals(main, placedFrom(to));
        // another number registered as the default takes it over: one default per organization
        String other = ourNumber(Map.of("default_caller_id", true));
        to = randomNumber();
        makeFrom(to, null).then().statusCode(201).body("from", equalTo(other));
        assertEquals(other, placedFrom(to));
        assertEquals(
                1,
                Database.number(
                        "select count(*) from phone_flows where tenant_id = cast(? as uuid) and default_caller_id",
                        routing().tenantId()));
        // a registration that does not ask for it leaves the default where it is; unregistering it leaves none
        ourNumber(Map.of("default_caller_id", false));
        onNode().body(Map.of("phone_number", other))
                .post("/admin/unregister-flow")
                .then()
                .statusCode(200)
                .body("removed", equalTo(1));
        makeFrom(randomNumber(), notOurs).then().statusCode(400).body("details[0].field", equalTo("from"));
        // a default that is not a JSON boolean is refused, naming it
        onNode().body(Map.of("flow_id", "main", "phone_numbers", List.of(main), "default_caller_id", "yes"))
                .post("/admin/register-flow")
                .then()
                .statusCode(400)
                .body("details[0].field", equalTo("default_caller_id"));
        onNode().body(Map.of("flow_id", "main", "phone_numbers", List.of(main), "record", "yes"))
                .post("/admin/register-flow")
                .then()
                .statusCode(400)
                .body("details[0].field", equalTo("record"));
    }

    @Test
    void statusCallbacksMoveTheCallForwardOnly() {
        String sid = make(randomNumber(), ourNumber(Map.of()), "Hello", "");
        assertEquals(200, status(sid, "initiated", Map.of()).statusCode());
        assertEquals(200, status(sid, "ringing", Map.of()).statusCode());
        assertEquals("ringing", statusOf(sid));
        assertEquals(200, status(sid, "in-progress", Map.of()).statusCode());
        assertEquals("in-progress", statusOf(sid));
        assertEquals(200, status(sid, "completed", Map.of("CallDuration", "42")).statusCode());
        // late and repeated callbacks change nothing
        assertEquals(200, status(sid, "ringing", Map.of()).statusCode());
        assertEquals(200, status(sid, "in-progress", Map.of()).statusCode());
        assertEquals(
                200,
                status(sid, "completed", Map.of("CallDuration", "42", "Price", "-0.0130"))
                        .statusCode());
        onNode().get("/api/calls/" + sid + "/status")
                .then()
                .statusCode(200)
                .body("status", equalTo("completed"))
                .body("duration", equalTo(42))
                .body("price", equalTo(0.013f));
        assertEquals(
                1,
                Database.number(
                        "select count(*) from events where type = 'call_ended' and payload->>'call_sid' = ?", sid));
        // a callback about a call nobody has, or a status Twilio does not have, is acknowledged and ignored
        assertEquals(200, status("CA" + "f".repeat(32), "completed", Map.of()).statusCode());
        assertEquals(200, status(sid, "exploded", Map.of()).statusCode());
    }

    @Test
    void endingIsOneHangUpHoweverOftenItIsAskedAndCancelsACallNotAnswered() {
        String answered = make(randomNumber(), ourNumber(Map.of()), "Hello", "");
        status(answered, "in-progress", Map.of());
        Callable<Response> end = () -> onNode().post("/api/calls/" + answered + "/end");
        var ends = Http.atOnce(Collections.nCopies(3, end));
        for (var ended : ends) {
            ended.then().statusCode(200).body("status", equalTo("completed"));
        }
        var hangUps = twilio().about(answered);
        assertEquals(1, hangUps.size(), hangUps.toString());
        assertEquals("completed", hangUps.get(0).param("Status"));
        assertTrue(hangUps.get(0).authorized());

        String ringing = make(randomNumber(), ourNumber(Map.of()), "Hello", "");
        onNode().delete("/api/calls/" + ringing).then().statusCode(200).body("status", equalTo("canceled"));
        assertEquals("canceled", twilio().about(ringing).get(0).param("Status"));
    }

    @Test
    void holdPlaysMusicAndResumingSaysTheCallsScriptAgain() {
        String sid = make(randomNumber(), ourNumber(Map.of()), "Your order shipped", "alice");
        status(sid, "in-progress", Map.of());
        onNode().body(Map.of("on_hold", true))
                .post("/api/calls/" + sid + "/hold")
                .then()
                .statusCode(200);
        onNode().body(Map.of("on_hold", false))
                .post("/api/calls/" + sid + "/hold")
                .then()
                .statusCode(200);
        var updates = twilio().about(sid);
        assertEquals(2, updates.size(), updates.toString());
        assertTrue(updates.get(0).param("Twiml").startsWith(XML + "<Response><Play loop=\"0\">"), updates.toString());
        assertEquals(
                XML + "<Response><Say voice=\"alice\">Your order shipped</Say><Pause length=\"60\"/></Response>",
                updates.get(1).param("Twiml"));
        onNode().post("/api/calls/" + sid + "/end").then().statusCode(200);
    }

    @Test
    void whatTwilioRefusesIsAClientErrorAndLeavesNoCall() {
        String from = ourNumber(Map.of());
        long before = Database.number("select count(*) from calls where caller_number = ?", from);
        twilio().failNextWith(400);
        onNode().body(Map.of("to", "+15557654399", "from", from))
                .post("/api/calls/make")
                .then()
                .statusCode(409)
                .body("code", equalTo("telephony_refused"));
        assertEquals(before, Database.number("select count(*) from calls where caller_number = ?", from));
        // a caller id that is none of ours, without a default number, is refused before Twilio hears of it
        int requests = twilio().received().size();
        onNode().body(Map.of("to", "+15557654399", "from", "+15550009999"))
                .post("/api/calls/make")
                .then()
                .statusCode(400)
                .body("details[0].field", equalTo("from"));
        assertEquals(requests, twilio().received().size());
    }

    @Test
    void webhooksNeedTwilioSignatureForTheUrlTwilioCalled() {
        String sid = make(randomNumber(), ourNumber(Map.of()), "Hello", "");
        var form = Map.of("CallSid", sid, "CallStatus", "ringing", "AccountSid", FakeTwilio.ACCOUNT_SID);
        String path = "webhooks/twilio/status";
        assertEquals(
                403, FakeTwilio.callback(node().baseUri(), path, null, form, "").statusCode());
        assertEquals(
                403,
                FakeTwilio.callback(node().baseUri(), path, null, form, "bm90IGEgc2lnbmF0dXJl")
                        .statusCode());
        // signed by someone else's token
        var tampered = new java.util.HashMap<>(form);
        tampered.put("CallStatus", "completed");
        String signedForRinging = FakeTwilio.sign(PUBLIC_URL + "/" + path, form);
        assertEquals(
                403,
                FakeTwilio.callback(node().baseUri(), path, null, tampered, signedForRinging)
                        .statusCode());
        assertEquals("queued", statusOf(sid));
        // behind a proxy, Twilio signed the proxy's URL
        assertEquals(
                200,
                FakeTwilio.callback(
                                node().baseUri(),
                                path,
                                "https://proxy.example.org/" + path,
                                form,
                                null,
                                "X-Forwarded-Proto",
                                "https",
                                "X-Forwarded-Host",
                                "proxy.example.org")
                        .statusCode());
        assertEquals("ringing", statusOf(sid));
        var forOtherUrl = FakeTwilio.callback(
                node().baseUri(), path, PUBLIC_URL + "/" + path, form, null, "X-Forwarded-Host", "proxy.example.org");
        assertEquals(403, forOtherUrl.statusCode());
        assertTrue(forOtherUrl.body().contains("invalid_signature"), forOtherUrl.body());
    }

    @Test
    void anInboundCallIsGreetedAndHandedToItsNumbersFlowOnce() {
        String number = ourNumber(Map.of("greeting", "Welcome to Vocelio & co", "voice", "Polly.Joanna"));
        String sid = "CA" + java.util.HexFormat.of().formatHex(new byte[16]).substring(0, 24) + "0000beef";
        var form = Map.of(
                "CallSid",
                sid,
                "From",
                "+15557650000",
                "To",
                number,
                "CallStatus",
                "ringing",
                "Direction",
                "inbound",
                "AccountSid",
                FakeTwilio.ACCOUNT_SID);
        String expected = XML + "<Response><Say voice=\"Polly.Joanna\">Welcome to Vocelio &amp; co</Say>"
                + "<Redirect method=\"POST\">https://flows.example.com/webhook/execute</Redirect></Response>";
        for (int i = 0; i < 2; i++) {
            var answer = FakeTwilio.callback(
                    node().baseUri(), "webhooks/twilio/voice", PUBLIC_URL + "/webhooks/twilio/voice", form, null);
            assertEquals(200, answer.statusCode(), answer.body());
            assertEquals(expected, answer.body());
            assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/xml"));
        }
        onNode().get("/api/calls/" + sid + "/status")
                .then()
                .statusCode(200)
                .body("status", equalTo("in-progress"))
                .body("direction", equalTo("inbound"))
                .body("from", equalTo("+15557650000"))
                .body("to", equalTo(number));
        assertEquals(
                1,
                Database.number(
                        "select count(*) from events where type = 'call_started' and payload->>'call_sid' = ?", sid));
        status(sid, "completed", Map.of("CallDuration", "7"));
        assertEquals("completed", statusOf(sid));

        var unknown = new java.util.HashMap<>(form);
        unknown.put("To", randomNumber());
        unknown.put("CallSid", "CA" + "1".repeat(32));
        var notOurs = FakeTwilio.callback(
                node().baseUri(), "webhooks/twilio/voice", PUBLIC_URL + "/webhooks/twilio/voice", unknown, null);
        assertEquals(200, notOurs.statusCode());
        assertEquals(XML + "<Response><Say>This number is not in service.</Say><Hangup/></Response>", notOurs.body());
        assertEquals(0, Database.number("select count(*) from calls where call_id = ?", "CA" + "1".repeat(32)));
    }

    @Test
    void anotherOrganizationCannotEndMuteHoldOrReadTheCallAndNothingChanges() {
        String sid = make(randomNumber(), ourNumber(Map.of("record", true)), "Hello", "");
        status(sid, "in-progress", Map.of());
        int heardBefore = twilio().about(sid).size();
        var before = Database.rows(
                "select status, telephony_status, muted, on_hold, ended_at, transfer_count from calls where call_id = ?",
                sid);
        var other = Routing.newOrganization();
        String base = node().baseUri().toString();
        List<Response> answers = List.of(
                other.admin().baseUri(base).get("/api/calls/" + sid + "/status"),
                other.admin().baseUri(base).get("/api/calls/" + sid + "/recordings"),
                other.admin().baseUri(base).post("/api/calls/" + sid + "/end"),
                other.admin().baseUri(base).body(Map.of("muted", true)).post("/api/calls/" + sid + "/mute"),
                other.admin().baseUri(base).post("/api/calls/" + sid + "/mute"),
                other.admin().baseUri(base).body(Map.of("on_hold", true)).post("/api/calls/" + sid + "/hold"),
                other.admin().baseUri(base).post("/api/calls/" + sid + "/hold"),
                other.admin().baseUri(base).delete("/api/calls/" + sid),
                other.admin()
                        .baseUri(base)
                        .body(Map.of("call_sid", sid, "transfer_to", "+15552223333"))
                        .post("/calls/transfer"));
        for (Response answer : answers) {
            assertEquals(404, answer.statusCode(), answer.asString());
            assertTrue(answer.contentType().startsWith("application/json"), answer.contentType());
            assertEquals(false, answer.jsonPath().getBoolean("success"), answer.asString());
            assertTrue(!answer.jsonPath().getString("code").isBlank(), answer.asString());
            assertTrue(!answer.asString().contains(sid + "\",\"status"), "says nothing of the call");
        }
        assertEquals("in-progress", statusOf(sid));
        assertEquals(
                before,
                Database.rows(
                        "select status, telephony_status, muted, on_hold, ended_at, transfer_count from calls where call_id = ?",
                        sid));
        assertEquals(
                heardBefore, twilio().about(sid).size(), "Twilio heard nothing of the other organization's requests");
        onNode().get("/api/calls/" + sid + "/recordings").then().statusCode(200);
    }

    @Test
    void anAgentLegThatFailsRequeuesTheTransferAheadOfLaterOnesAsAMissedOffer() {
        String department = routing().department(Map.of("wrap_up_seconds", 0));
        String first = routing().agent(department, Map.of("phone_number", "+15553337777"));
        String sid = answeredCall();
        String early = coldTransfer(sid, department);
        assertEquals(first, routing().awaitOffer(early));
        onNode().post("/transfer/" + early + "/accept").then().statusCode(200).body("status", equalTo("connecting"));
        // while the agent's phone rings, later callers queue (needing a skill the ringing agent lacks, so the agent
        // freed by the failure cannot take them and the line stays to read)
        Routing.pause(java.time.Duration.ofMillis(20));
        String later = routing()
                .request(department, "medium", Map.of("required_skills", List.of("spanish")))
                .getString("transfer_id");
        String latest = routing()
                .request(department, "medium", Map.of("required_skills", List.of("spanish")))
                .getString("transfer_id");
        assertEquals(List.of(later, latest), routing().queue(department));

        var failed = bridge(
                "webhooks/twilio/bridge" + bridgeQuery(early), Map.of("CallSid", sid, "DialCallStatus", "failed"));
        assertEquals(200, failed.statusCode(), failed.body());
        assertTrue(failed.body().contains("<Play loop=\"0\">"), "the caller holds: " + failed.body());
        assertEquals("queued", routing().status(early));
        assertEquals(List.of(early, later, latest), routing().queue(department), "back at its old place, first");
        assertEquals(1, routing().transfer(early).getInt("queue_position"));
        var agentRow = routing().agentRow(first);
        assertEquals(1, ((Number) agentRow.get("missed_offers")).intValue(), agentRow.toString());
        assertEquals(0, ((Number) agentRow.get("active_calls")).intValue(), agentRow.toString());
        assertEquals("available", agentRow.get("status"));
        onNode().get("/api/calls/" + sid + "/status").then().body("status", equalTo("in-progress"));

        // the next agent who can take any of them gets the re-queued transfer, not a later one
        String next = routing().agent(department, Map.of("phone_number", "+15553338888"));
        assertEquals(next, routing().awaitOffer(early));
        assertEquals(List.of(later, latest), routing().queue(department));
    }

    @Test
    void aColdTransferDialsTheNumberAndARoutedAgentIsBridgedByTheirSipAddress() {
        String sid = answeredCall();
        onNode().body(Map.of("call_sid", sid, "transfer_to", "555-222-3333"))
                .post("/calls/transfer")
                .then()
                .statusCode(200)
                .body("transfer_to", equalTo("+15552223333"));
        var dialled = twilio().about(sid);
        assertEquals(1, dialled.size(), dialled.toString());
        assertEquals(
                XML + "<Response><Dial>+15552223333</Dial></Response>",
                dialled.get(0).param("Twiml"));
        assertEquals(
                "/2010-04-01/Accounts/" + FakeTwilio.ACCOUNT_SID + "/Calls/" + sid + ".json",
                dialled.get(0).path());

        String routed = make(randomNumber(), ourNumber(Map.of()), "Hello", "");
        status(routed, "in-progress", Map.of());
        String department = routing().department(Map.of("wrap_up_seconds", 0));
        String transferId = coldTransfer(routed, department);
        routing().agent(department, Map.of("sip_uri", "sip:ann@pbx.example.com", "phone_number", "+15553334444"));
        routing().awaitOffer(transferId);
        onNode().post("/transfer/" + transferId + "/accept")
                .then()
                .statusCode(200)
                .body("status", equalTo("connecting"));
        var bridged = twilio().about(routed);
        assertEquals(1, bridged.size(), bridged.toString());
        String query = "?transfer_id=" + transferId + "&offer=1";
        String inXml = query.replace("&", "&amp;");
        assertEquals(
                XML + "<Response><Dial timeout=\"20\" action=\"" + PUBLIC_URL + "/webhooks/twilio/bridge" + inXml
                        + "\" method=\"POST\"><Sip url=\"" + PUBLIC_URL + "/webhooks/twilio/bridge/answered" + inXml
                        + "\" method=\"POST\">sip:ann@pbx.example.com</Sip></Dial></Response>",
                bridged.get(0).param("Twiml"));
        // connecting until the agent's leg answers
        assertEquals("connecting", routing().status(transferId));
        var answered = bridge(
                "webhooks/twilio/bridge/answered" + query,
                Map.of("CallSid", "CA" + "a".repeat(32), "ParentCallSid", routed, "CallStatus", "in-progress"));
        assertEquals(200, answered.statusCode(), answered.body());
        assertEquals(XML + "<Response></Response>", answered.body()); // cold: no briefing
        assertEquals("connected", routing().status(transferId));
        onNode().get("/api/calls/" + routed + "/status").then().body("call_status", equalTo("connected"));
        // the conversation is over when the dial ends after an answer
        var over = bridge(
                "webhooks/twilio/bridge" + query,
                Map.of("CallSid", routed, "DialCallStatus", "completed", "DialCallDuration", "30"));
        assertEquals(XML + "<Response><Hangup/></Response>", over.body());
        assertEquals("completed", routing().status(transferId));
    }

    /**
     * The Call Center's button ({@code POST /calls/transfer}, no type) sends a call to a department cold: the agent who
     * accepts is dialled straight from the caller's leg with the noun of their address (no conference, no leg of
     * their own), a {@code sips:} URI as {@code <Sip>} and a Twilio Client as {@code <Client>} by its bare identity.
     */
    @ParameterizedTest
    @CsvSource({
        "phone_number,   +15553331212,                 Number, +15553331212",
        "sip_uri,        sips:ann@pbx.example.com,     Sip,    sips:ann@pbx.example.com",
        "client_identity, client:ann_smith,            Client, ann_smith"
    })
    void theTransferButtonSendsADepartmentsCallColdAndTheAgentIsDialledAtTheirAddress(
            String field, String address, String noun, String dialled) {
        String sid = answeredCall();
        String department = routing().department(Map.of("wrap_up_seconds", 0));
        String transferId = onNode().body(
                        Map.of("call_sid", sid, "transfer_to", routing().departmentName(department)))
                .post("/calls/transfer")
                .then()
                .statusCode(201)
                .body("transfer.transfer_type", equalTo("cold"))
                .extract()
                .path("transfer_id");
        routing().agent(department, Map.of(field, address));
        routing().awaitOffer(transferId);
        onNode().post("/transfer/" + transferId + "/accept")
                .then()
                .statusCode(200)
                .body("status", equalTo("connecting"));

        var bridged = twilio().about(sid);
        assertEquals(1, bridged.size(), bridged.toString());
        String query = "?transfer_id=" + transferId + "&offer=1";
        String inXml = query.replace("&", "&amp;");
        assertEquals(
                "/2010-04-01/Accounts/" + FakeTwilio.ACCOUNT_SID + "/Calls/" + sid + ".json",
                bridged.get(0).path());
        assertEquals(
                XML + "<Response><Dial timeout=\"20\" action=\"" + PUBLIC_URL + "/webhooks/twilio/bridge" + inXml
                        + "\" method=\"POST\"><" + noun + " url=\"" + PUBLIC_URL + "/webhooks/twilio/bridge/answered"
                        + inXml + "\" method=\"POST\">" + dialled + "</" + noun + "></Dial></Response>",
                bridged.get(0).param("Twiml"));
        assertEquals(List.of(), twilio().placedTo(address), "no leg of the agent's own");
        assertEquals(List.of(), twilio().dialledInto("vocelio-" + transferId), "no conference");

        var answered = FakeTwilio.callback(
                node().baseUri(),
                "webhooks/twilio/bridge/answered" + query,
                PUBLIC_URL + "/webhooks/twilio/bridge/answered" + query,
                Map.of("CallSid", randomSid("CA"), "ParentCallSid", sid, "CallStatus", "in-progress"),
                null);
        assertEquals(XML + "<Response></Response>", answered.body()); // cold: no briefing
        assertEquals("connected", routing().status(transferId));
    }

    @Test
    void aDialThatEndsAnsweredCompletesTheTransferEvenWhenTheAnswerItselfNeverReachedUs() {
        String sid = answeredCall();
        String department = routing().department(Map.of("wrap_up_seconds", 60));
        String transferId = coldTransfer(sid, department);
        String agent = routing().agent(department, Map.of("phone_number", "+15553337777"));
        routing().awaitOffer(transferId);
        onNode().post("/transfer/" + transferId + "/accept").then().statusCode(200);
        assertEquals("connecting", routing().status(transferId));
        // Twilio's request for the agent leg's answer TwiML is lost; the dial ends answered (they talked)
        var over = bridge(
                "webhooks/twilio/bridge" + bridgeQuery(transferId),
                Map.of("CallSid", sid, "DialCallStatus", "completed", "DialCallDuration", "95"));
        assertEquals(XML + "<Response><Hangup/></Response>", over.body());
        assertEquals("completed", routing().status(transferId));
        assertEquals("wrap_up", routing().statusOf(agent));
        assertEquals(
                0,
                Database.number(
                        "select count(*) from events where type = 'transfer_bridge_failed' and payload->>'transfer_id' = ?",
                        transferId));
    }

    @Test
    void aColdTransfersAgentWhoNeverAnswersSendsItBackToTheQueueAndTheNextAgentIsDialled() {
        String sid = answeredCall();
        String department = routing().department(Map.of("wrap_up_seconds", 0));
        String transferId = onNode().body(
                        Map.of("transfer_to", department, "type", "cold", "context", "Refund of order 42"))
                .post("/api/calls/" + sid + "/transfer")
                .then()
                .statusCode(201)
                .extract()
                .path("transfer_id");
        String agent = routing().agent(department, Map.of("phone_number", "+15553335555"));
        routing().awaitOffer(transferId);
        onNode().post("/transfer/" + transferId + "/accept").then().statusCode(200);
        assertTrue(
                twilio().about(sid).get(0).param("Twiml").contains("<Number url=\""),
                twilio().about(sid).toString());
        String query = bridgeQuery(transferId);
        assertTrue(
                twilio().about(sid).get(0).param("Twiml").contains(query.replace("&", "&amp;")),
                twilio().about(sid).toString());

        // the agent's phone rang out: the caller holds, the transfer waits again, the agent missed an offer
        var rangOut = bridge("webhooks/twilio/bridge" + query, Map.of("CallSid", sid, "DialCallStatus", "no-answer"));
        assertEquals(200, rangOut.statusCode(), rangOut.body());
        assertTrue(rangOut.body().contains("<Play loop=\"0\">"), rangOut.body());
        assertEquals("queued", routing().status(transferId));
        assertEquals(
                1,
                Database.number(
                        "select count(*) from events where type = 'transfer_bridge_failed' and payload->>'transfer_id' = ?",
                        transferId));
        assertEquals("available", routing().statusOf(agent));
        onNode().get("/api/calls/" + sid + "/status").then().body("status", equalTo("in-progress"));

        // the next agent is dialled from the caller's leg again, and answers (a cold transfer: no briefing)
        routing().setStatus(agent, "offline");
        routing().agent(department, Map.of("phone_number", "+15553336666"));
        routing().awaitOffer(transferId);
        onNode().post("/transfer/" + transferId + "/accept").then().statusCode(200);
        query = bridgeQuery(transferId);
        var answered = bridge(
                "webhooks/twilio/bridge/answered" + query,
                Map.of("CallSid", "CA" + "b".repeat(32), "ParentCallSid", sid));
        assertEquals(XML + "<Response></Response>", answered.body());
        var redialled = twilio().about(sid);
        assertEquals(2, redialled.size(), redialled.toString());
        assertTrue(
                redialled.get(1).param("Twiml").contains("<Number url=\"")
                        && redialled.get(1).param("Twiml").contains("+15553336666</Number>"),
                redialled.toString());
        assertEquals("connected", routing().status(transferId));
        // a bridge report for another call's transfer changes nothing
        var forged = bridge(
                "webhooks/twilio/bridge" + query,
                Map.of("CallSid", make(randomNumber(), ourNumber(Map.of()), "Hi", ""), "DialCallStatus", "failed"));
        assertEquals(200, forged.statusCode());
        assertEquals("connected", routing().status(transferId));
    }

    @Test
    void aLateOrRepeatedReportOfAnEarlierAgentsLegLeavesTheTransferWithTheAgentWhoHasItNow() {
        String sid = answeredCall();
        String department = routing().department(Map.of("wrap_up_seconds", 0));
        String transferId = coldTransfer(sid, department);
        String first = routing().agent(department, Map.of("phone_number", randomNumber()));
        assertEquals(first, routing().awaitOffer(transferId));
        onNode().post("/transfer/" + transferId + "/accept").then().statusCode(200);
        String firstLeg = bridgeQuery(transferId);
        var noAnswer = Map.of("CallSid", sid, "DialCallStatus", "no-answer");
        var firstAnswers = Map.of("CallSid", randomSid("CA"), "ParentCallSid", sid, "CallStatus", "in-progress");

        // the first agent's phone rings out: back to the queue, a missed offer; the second agent accepts
        assertTrue(bridge("webhooks/twilio/bridge" + firstLeg, noAnswer).body().contains("<Play loop=\"0\">"));
        assertEquals("queued", routing().status(transferId));
        routing().setStatus(first, "offline");
        String second = routing().agent(department, Map.of("phone_number", randomNumber()));
        assertEquals(second, routing().awaitOffer(transferId));
        onNode().post("/transfer/" + transferId + "/accept").then().statusCode(200);
        String secondLeg = bridgeQuery(transferId);
        assertTrue(!secondLeg.equals(firstLeg), secondLeg);
        String dialled = twilio().about(sid).get(1).param("Twiml");
        assertTrue(dialled.contains(secondLeg.replace("&", "&amp;")), dialled);

        // Twilio's word about the first agent's leg again, and late: its no-answer repeated and a late answer
        var repeated = bridge("webhooks/twilio/bridge" + firstLeg, noAnswer);
        assertEquals(200, repeated.statusCode(), repeated.body());
        assertTrue(!repeated.body().contains("<Hangup/>"), "the caller is never hung up on: " + repeated.body());
        var late = bridge("webhooks/twilio/bridge/answered" + firstLeg, firstAnswers);
        assertEquals(XML + "<Response><Hangup/></Response>", late.body(), "the old leg is hung up, not put through");
        assertStillTheSecondAgents(transferId, department, first, second, "connecting");

        // the second agent's own leg answers and connects; the first agent's leg reported again changes nothing
        var answered = bridge(
                "webhooks/twilio/bridge/answered" + secondLeg,
                Map.of("CallSid", randomSid("CA"), "ParentCallSid", sid, "CallStatus", "in-progress"));
        assertEquals(XML + "<Response></Response>", answered.body());
        assertEquals("connected", routing().status(transferId));
        assertTrue(!bridge("webhooks/twilio/bridge" + firstLeg, noAnswer).body().contains("<Hangup/>"));
        assertEquals(
                XML + "<Response><Hangup/></Response>",
                bridge("webhooks/twilio/bridge/answered" + firstLeg, firstAnswers)
                        .body());
        assertStillTheSecondAgents(transferId, department, first, second, "connected");
        onNode().get("/api/calls/" + sid + "/status").then().body("status", equalTo("in-progress"));
    }

    private static HttpResponse<String> recording(String callSid, String recordingSid, Map<String, String> more) {
        var form = new java.util.HashMap<>(
                Map.of("CallSid", callSid, "RecordingSid", recordingSid, "AccountSid", FakeTwilio.ACCOUNT_SID));
        form.putAll(more);
        return FakeTwilio.callback(
                node().baseUri(), "webhooks/twilio/recording", PUBLIC_URL + "/webhooks/twilio/recording", form, null);
    }

    @Test
    void aRecordedCallAsksTwilioToRecordKeepsWhatTheRecordingCallbackSaysAndDeletesItAtTwilio() {
        String from = ourNumber(Map.of());
        String to = randomNumber();
        String sid = onNode().body(Map.of("to", to, "from", from, "message", "Hello", "record", true))
                .post("/api/calls/make")
                .then()
                .statusCode(201)
                .extract()
                .path("call_sid");
        var create = twilio().received().stream()
                .filter(r -> to.equals(r.param("To")))
                .findFirst()
                .orElseThrow();
        assertEquals("true", create.param("Record"));
        assertEquals(PUBLIC_URL + "/webhooks/twilio/recording", create.param("RecordingStatusCallback"));
        assertEquals("POST", create.param("RecordingStatusCallbackMethod"));
        assertEquals(
                List.of("in-progress", "completed", "absent"), create.form().get("RecordingStatusCallbackEvent"));
        String unrecordedTo = randomNumber();
        make(unrecordedTo, from, "Hello", "");
        var unrecorded = twilio().received().stream()
                .filter(r -> unrecordedTo.equals(r.param("To")))
                .findFirst()
                .orElseThrow();
        assertEquals(null, unrecorded.param("Record"));
        assertEquals(null, unrecorded.param("RecordingStatusCallback"));

        String rec = "RE" + java.util.HexFormat.of().formatHex(new byte[16]).replace('0', 'a');
        var completed = Map.of(
                "RecordingStatus", "completed",
                "RecordingDuration", "37",
                "RecordingChannels", "1",
                "RecordingUrl",
                        "https://api.twilio.com/2010-04-01/Accounts/" + FakeTwilio.ACCOUNT_SID + "/Recordings/" + rec,
                "RecordingStartTime", "Mon, 22 Aug 2011 15:32:11 +0000");
        // unsigned, wrongly signed: refused, nothing kept
        var form = new java.util.HashMap<>(completed);
        form.putAll(Map.of("CallSid", sid, "RecordingSid", rec));
        String url = PUBLIC_URL + "/webhooks/twilio/recording";
        assertEquals(
                403,
                FakeTwilio.callback(node().baseUri(), "webhooks/twilio/recording", url, form, "")
                        .statusCode());
        assertEquals(
                403,
                FakeTwilio.callback(node().baseUri(), "webhooks/twilio/recording", url, form, "bm90IGl0")
                        .statusCode());
        onNode().get("/api/calls/" + sid + "/recordings").then().statusCode(200).body("total", equalTo(0));

        assertEquals(
                200,
                recording(sid, rec, Map.of("RecordingStatus", "in-progress")).statusCode());
        onNode().get("/api/recordings/" + rec).then().statusCode(200).body("status", equalTo("in-progress"));
        onNode().accept("audio/wav")
                .get("/api/recordings/" + rec + "/audio")
                .then()
                .statusCode(409)
                .body("code", equalTo("recording_not_ready"));
        assertEquals(200, recording(sid, rec, completed).statusCode());
        // a repeat and a late in-progress change nothing; a callback about a call nobody has is acknowledged
        assertEquals(200, recording(sid, rec, completed).statusCode());
        assertEquals(
                200,
                recording(sid, rec, Map.of("RecordingStatus", "in-progress")).statusCode());
        assertEquals(200, recording("CA" + "e".repeat(32), rec, completed).statusCode());
        onNode().get("/api/calls/" + sid + "/recordings")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("recordings[0].recording_id", equalTo(rec))
                .body("recordings[0].call_sid", equalTo(sid))
                .body("recordings[0].provider", equalTo("twilio"))
                .body("recordings[0].status", equalTo("completed"))
                .body("recordings[0].duration", equalTo(37))
                .body("recordings[0].start_time", equalTo("2011-08-22T15:32:11Z"));
        assertEquals(1, Database.number("select count(*) from call_recordings where recording_sid = ?", rec));

        // the audio comes through us, fetched from Twilio with the account's credentials
        byte[] audio = onNode().accept("audio/wav")
                .get("/api/recordings/" + rec + "/audio")
                .then()
                .statusCode(200)
                .contentType("audio/wav")
                .extract()
                .asByteArray();
        assertEquals(FakeTwilio.AUDIO_PREFIX + rec, new String(audio, java.nio.charset.StandardCharsets.ISO_8859_1));
        String audioPath = "/2010-04-01/Accounts/" + FakeTwilio.ACCOUNT_SID + "/Recordings/" + rec + ".wav";
        assertTrue(twilio().received().stream()
                .anyMatch(r -> r.path().equals(audioPath) && r.method().equals("GET") && r.authorized()));
        twilio().failNextWith(404, "/Recordings/" + rec + ".wav");
        onNode().accept("audio/wav")
                .get("/api/recordings/" + rec + "/audio")
                .then()
                .statusCode(404)
                .body("code", equalTo("recording_audio_not_found"));

        // another organization sees nothing and deletes nothing (and Twilio hears of no deletion)
        var other = Routing.newOrganization();
        other.admin()
                .baseUri(node().baseUri().toString())
                .get("/api/recordings/" + rec)
                .then()
                .statusCode(404);
        other.admin()
                .baseUri(node().baseUri().toString())
                .delete("/api/recordings/" + rec)
                .then()
                .statusCode(404);
        other.admin()
                .baseUri(node().baseUri().toString())
                .get("/api/calls/" + sid + "/recordings")
                .then()
                .statusCode(404);
        String deletePath = "/2010-04-01/Accounts/" + FakeTwilio.ACCOUNT_SID + "/Recordings/" + rec + ".json";
        assertTrue(twilio().received().stream().noneMatch(r -> r.path().equals(deletePath)));

        // Twilio refusing keeps our row (its 5xx the SDK retries itself); then the deletion goes through
        twilio().failNextWith(400, "/Recordings/" + rec);
        onNode().delete("/api/recordings/" + rec).then().statusCode(409).body("code", equalTo("telephony_refused"));
        onNode().get("/api/recordings/" + rec).then().statusCode(200);
        onNode().delete("/api/recordings/" + rec)
                .then()
                .statusCode(200)
                .body("deleted", equalTo(true))
                .body("recording.recording_id", equalTo(rec));
        var deletes = twilio().received().stream()
                .filter(r -> r.path().equals(deletePath))
                .toList();
        assertEquals(2, deletes.size(), "the refused attempt and the deletion");
        assertTrue(deletes.stream().allMatch(r -> r.method().equals("DELETE") && r.authorized()));
        onNode().get("/api/recordings/" + rec).then().statusCode(404);
        onNode().delete("/api/recordings/" + rec).then().statusCode(404);
        assertEquals(
                2,
                twilio().received().stream()
                        .filter(r -> r.path().equals(deletePath))
                        .count());
        // one Twilio no longer has is deleted here all the same
        String gone = "RE" + "b".repeat(32);
        assertEquals(200, recording(sid, gone, completed).statusCode());
        twilio().failNextWith(404, "/Recordings/" + gone);
        onNode().delete("/api/recordings/" + gone).then().statusCode(200);
        onNode().get("/api/calls/" + sid + "/recordings").then().statusCode(200).body("total", equalTo(0));
        assertEquals(0, Database.number("select count(*) from call_recordings where recording_sid = ?", rec));
    }

    @Test
    void aRecordingThatIsOverIsAnnouncedOnceOnTheLiveFeedReadyOrFailed() {
        String sid = onNode().body(Map.of("to", randomNumber(), "from", ourNumber(Map.of()), "record", true))
                .post("/api/calls/make")
                .then()
                .statusCode(201)
                .extract()
                .path("call_sid");
        status(sid, "in-progress", Map.of());
        String ready = "RE" + "c".repeat(32);
        String empty = "RE" + "d".repeat(32);
        long latest = Database.number(
                "select max(id) from events where tenant_id = cast(? as uuid)",
                routing().tenantId());
        try (var live = EventClient.signedIn(
                node().baseUri(), "ws?since=" + latest, routing().token())) {
            Feeds.subscribe(live, "{\"type\":\"subscribe\",\"channel\":\"live_call\"}", "live_call");
            assertEquals(
                    200,
                    recording(sid, ready, Map.of("RecordingStatus", "in-progress"))
                            .statusCode());
            var completed = Map.of(
                    "RecordingStatus", "completed",
                    "RecordingDuration", "37",
                    "RecordingChannels", "2",
                    "RecordingStartTime", "Mon, 22 Aug 2011 15:32:11 +0000");
            assertEquals(200, recording(sid, ready, completed).statusCode());
            assertEquals(200, recording(sid, ready, completed).statusCode()); // Twilio's repeat
            assertEquals(
                    200,
                    recording(sid, empty, Map.of("RecordingStatus", "absent")).statusCode());

            var announced = EventClient.payload(live.await(
                    "recording_ready", Feeds.WAIT, EventClient.event("recording_ready", "recording_id", ready)));
            assertEquals(sid, announced.getString("call_sid"));
            assertEquals(sid, announced.getString("call_id"));
            assertEquals("twilio", announced.getString("provider"));
            assertEquals("completed", announced.getString("status"));
            assertEquals(37, announced.getInt("duration"));
            assertEquals(2, announced.getInt("channels"));
            assertEquals("2011-08-22T15:32:11Z", announced.getString("start_time"));
            var failed = EventClient.payload(live.await(
                    "recording_failed", Feeds.WAIT, EventClient.event("recording_failed", "recording_id", empty)));
            assertEquals(sid, failed.getString("call_sid"));
            assertEquals("absent", failed.getString("status"));
            assertEquals(0, failed.getInt("duration"));
            // the repeat and the in-progress said nothing (events arrive in commit order: the absent one came last)
            assertEquals(
                    1,
                    live.messages(m -> EventClient.text(m, "type").startsWith("recording_")).stream()
                            .filter(m -> ready.equals(EventClient.text(EventClient.payload(m), "recording_id")))
                            .count());
        }
    }
    /** Waits out {@link TwilioNode#STATUS_STALE_AFTER}, after which our record of a silent call may be stale. */
    private static void staleness() {
        Routing.pause(java.time.Duration.parse(TwilioNode.STATUS_STALE_AFTER).plusMillis(300));
    }

    @Test
    void aStatusReadAsksTwilioOnlyWhenTheRecordMayBeStaleAndNeverMovesTheCallBack() {
        String sid = make(randomNumber(), ourNumber(Map.of()), "Hello", "");
        // fresh: our record answers, Twilio is not asked
        assertEquals("queued", statusOf(sid));
        assertEquals(0, twilio().fetchesOf(sid).size());

        // the ringing and answered callbacks went missing: the read after the quiet interval asks Twilio, once
        twilio().callIs(sid, "in-progress", null, null);
        staleness();
        Callable<Response> read = () -> onNode().get("/api/calls/" + sid + "/status");
        var reads = Http.atOnce(Collections.nCopies(3, read));
        for (var answered : reads) {
            answered.then().statusCode(200).body("status", equalTo("in-progress"));
        }
        assertEquals(1, twilio().fetchesOf(sid).size(), twilio().fetchesOf(sid).toString());
        var fetch = twilio().fetchesOf(sid).get(0);
        assertTrue(fetch.authorized());
        assertEquals("/2010-04-01/Accounts/" + FakeTwilio.ACCOUNT_SID + "/Calls/" + sid + ".json", fetch.path());
        assertEquals("in-progress", statusOf(sid)); // polled again at once: not asked again
        assertEquals(1, twilio().fetchesOf(sid).size());

        // Twilio saying less than we know changes nothing; Twilio failing is no failure of the read
        twilio().callIs(sid, "ringing", null, null);
        staleness();
        assertEquals("in-progress", statusOf(sid));
        assertEquals(2, twilio().fetchesOf(sid).size());
        twilio().failNextWith(404, "/Calls/" + sid);
        staleness();
        assertEquals("in-progress", statusOf(sid));
        assertEquals(3, twilio().fetchesOf(sid).size());

        // the completed callback went missing too: the read ends the call with Twilio's duration and price, once
        twilio().callIs(sid, "completed", "12", "-0.0200");
        staleness();
        onNode().get("/api/calls/" + sid + "/status")
                .then()
                .statusCode(200)
                .body("status", equalTo("completed"))
                .body("duration", equalTo(12))
                .body("price", equalTo(0.02f));
        assertEquals(
                1,
                Database.number(
                        "select count(*) from events where type = 'call_ended' and payload->>'call_sid' = ?", sid));
        // over: never asked again
        staleness();
        assertEquals("completed", statusOf(sid));
        assertEquals(4, twilio().fetchesOf(sid).size());
    }
}
