package com.vocelio.call;

import static com.vocelio.call.TwilioFixture.PUBLIC_URL;
import static com.vocelio.call.TwilioFixture.XML;
import static com.vocelio.call.TwilioFixture.answeredCall;
import static com.vocelio.call.TwilioFixture.node;
import static com.vocelio.call.TwilioFixture.onNode;
import static com.vocelio.call.TwilioFixture.ourNumber;
import static com.vocelio.call.TwilioFixture.post;
import static com.vocelio.call.TwilioFixture.randomNumber;
import static com.vocelio.call.TwilioFixture.randomSid;
import static com.vocelio.call.TwilioFixture.routing;
import static com.vocelio.call.TwilioFixture.twilio;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.testing.Database;
import com.vocelio.testing.Routing;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue #15's AI leg on Twilio: a warm or conference transfer's conference gets the AI as a participant of its own
 * (dialled to the TwiML App, exactly as checked here) that does not start the conference, so the caller keeps hearing
 * the hold music; its TwiML streams to {@code /ws/twilio/media}, where a real WebSocket client speaking Twilio's
 * media-stream protocol (and echoing marks once their audio has played, as Twilio does) hears nothing until the
 * agent's leg starts the conference, then the configured line as 8 kHz mu-law frames and a mark. Warm: the AI's leg
 * is hung up after the mark's echo, or when its time is over without one, whichever node the stream and the callbacks
 * reach; conference: it stays. A wrong, expired or borrowed token is refused.
 */
@ExtendWith(TwilioFixture.class)
class TwilioAiLegIT {

    static final Pattern STREAM_TWIML = Pattern.compile(Pattern.quote(
                    XML
                            + "<Response><Connect><Stream url=\"ws://voice.example.test/ws/twilio/media\"><Parameter name=\"token\" value=\"")
            + "([A-Za-z0-9_\\-]+\\.[A-Za-z0-9_\\-]+)" + Pattern.quote("\"/></Stream></Connect></Response>"));

    /**
     * A call answered, transferred ({@code type}) to a new department's agent who accepted: the conference waits. The
     * AI's line hands the caller to that agent: {@code handOff}.
     */
    private record Bridged(String from, String sid, String transferId, String handOff) {}

    private static Bridged accepted(String type) {
        String from = ourNumber(Map.of());
        String sid = answeredCall(from);
        // short names: the line that names them is spoken within the leave timeout (each test has its organization)
        String department = routing().department("Billing", Map.of("wrap_up_seconds", 0));
        String transferId = onNode().body(Map.of("transfer_to", department, "type", type, "context", "Order 42"))
                .post("/api/calls/" + sid + "/transfer")
                .then()
                .statusCode(201)
                .extract()
                .path("transfer_id");
        routing().agent(department, Map.of("phone_number", randomNumber(), "name", "Dana"));
        routing().awaitOffer(transferId);
        onNode().post("/transfer/" + transferId + "/accept")
                .then()
                .statusCode(200)
                .body("status", equalTo("connecting"));
        String handOff = TwilioNode.AI_LEG_LINE.replace("{agent}", "Dana").replace("{department}", "Billing");
        return new Bridged(from, sid, transferId, handOff);
    }

    /** The AI's participant request, checked whole; returns the AI leg's call sid as we stored it. */
    private static String aiLegPlaced(Bridged bridged) {
        String conference = "vocelio-" + bridged.transferId();
        var dialled = twilio().dialledInto(conference);
        assertEquals(1, dialled.size(), dialled.toString());
        var request = dialled.get(0);
        assertTrue(request.authorized());
        assertEquals("POST", request.method());
        assertEquals(
                "/2010-04-01/Accounts/" + FakeTwilio.ACCOUNT_SID + "/Conferences/" + conference + "/Participants.json",
                request.path());
        // it joins without starting the conference (the caller keeps the hold music) and asks for the conference's
        // events as the caller's TwiML does, since Twilio keeps those of whoever joins first
        assertEquals(
                Map.of(
                        "From", List.of(bridged.from()),
                        "To", List.of("app:" + TwilioNode.AI_APP_SID + "?caller_sid=" + bridged.sid()),
                        "Label", List.of("ai"),
                        "Beep", List.of("false"),
                        "StartConferenceOnEnter", List.of("false"),
                        "EndConferenceOnExit", List.of("false"),
                        "ConferenceStatusCallback", List.of(PUBLIC_URL + "/webhooks/twilio/conference"),
                        "ConferenceStatusCallbackMethod", List.of("POST"),
                        "ConferenceStatusCallbackEvent", List.of("start", "join", "leave", "end"),
                        "Timeout", List.of("20")),
                request.form());
        String leg = aiLegOf(bridged.sid());
        assertTrue(leg.matches("CA[0-9a-f]{32}"), leg);
        return leg;
    }

    private static String aiLegOf(String sid) {
        return (String) Database.rows("select ai_leg_sid from calls where call_id = ?", sid)
                .get(0)
                .get("ai_leg_sid");
    }

    /** Twilio fetches the leg's TwiML from the app's Voice URL: a stream to our socket; returns its token. */
    private static String streamToken(Bridged bridged, String leg) {
        var twiml = post(
                "webhooks/twilio/conference/ai-leg",
                Map.of(
                        "CallSid",
                        leg,
                        "caller_sid",
                        bridged.sid(),
                        "From",
                        bridged.from(),
                        "To",
                        "app:" + TwilioNode.AI_APP_SID));
        assertEquals(200, twiml.statusCode(), twiml.body());
        var matcher = STREAM_TWIML.matcher(twiml.body());
        assertTrue(matcher.matches(), twiml.body());
        return matcher.group(1);
    }

    /** Twilio opens the leg's stream {@code streamSid} on {@code stream} with a token fetched for it: it streams. */
    private static void streaming(MediaStream stream, Bridged bridged, String leg, String streamSid) {
        stream.send(connected());
        stream.send(start(streamSid, leg, streamToken(bridged, leg)));
        Routing.await("ai_leg_streaming", () -> events("ai_leg_streaming", bridged.sid(), leg), n -> n == 1);
    }

    /** The lines the AI's cues said to speak on the call {@code sid}, in order. */
    private static List<String> cuedLines(String sid) {
        return Database.rows(
                        "select payload->>'line' as line from events where type = 'ai_leg_cued'"
                                + " and payload->>'call_sid' = ? order by id",
                        sid)
                .stream()
                .map(row -> String.valueOf(row.get("line")))
                .toList();
    }

    private static long events(String type, String sid, String leg) {
        return Database.number(
                "select count(*) from events where type = ? and payload->>'call_sid' = ? and payload->>'ai_leg_sid' = ?",
                type,
                sid,
                leg);
    }

    /** The agent's leg answered (it hears the briefing now): the transfer is connected. */
    private static void agentAnswers(Bridged bridged) {
        var answered = post(
                "webhooks/twilio/bridge/answered?transfer_id=" + bridged.transferId() + "&offer=1&call_sid="
                        + bridged.sid(),
                Map.of("CallSid", randomSid("CA"), "CallStatus", "in-progress"));
        assertEquals(200, answered.statusCode(), answered.body());
        assertEquals("connected", routing().status(bridged.transferId()));
    }

    /**
     * Twilio's {@code conference-start}, to {@code on}: the agent's leg joined after its briefing and started the
     * conference. It names the conference, no call (the event is about no participant).
     */
    private static void conferenceStarts(URI on, Bridged bridged) {
        var started = post(
                on,
                "webhooks/twilio/conference",
                Map.of(
                        "ConferenceSid",
                        randomSid("CF"),
                        "FriendlyName",
                        "vocelio-" + bridged.transferId(),
                        "StatusCallbackEvent",
                        "conference-start",
                        "Timestamp",
                        "Fri, 04 Dec 2026 18:00:00 +0000"));
        assertEquals(200, started.statusCode(), started.body());
    }

    private static long left(String sid, String leg, String reason) {
        return Database.number(
                "select count(*) from events where type = 'ai_leg_left' and payload->>'call_sid' = ?"
                        + " and payload->>'ai_leg_sid' = ? and payload->>'reason' = ?",
                sid,
                leg,
                reason);
    }

    /** The fake's requests to hang the leg up ({@code POST /Calls/{leg}.json Status=completed}), checked whole. */
    private static List<FakeTwilio.Received> hangUpsOf(String leg) {
        var requests = twilio().about(leg);
        for (var request : requests) {
            assertTrue(request.authorized());
            assertEquals("/2010-04-01/Accounts/" + FakeTwilio.ACCOUNT_SID + "/Calls/" + leg + ".json", request.path());
            assertEquals(Map.of("Status", List.of("completed")), request.form());
        }
        return requests;
    }

    @Test
    void aWarmTransfersAiWaitsWithTheCallerSpeaksOnceTheAgentStartsTheConferenceAndLeavesAfterTheLineIsPlayed()
            throws Exception {
        var bridged = accepted("warm");
        String leg = aiLegPlaced(bridged);
        // the app's webhook is signed like every Twilio webhook, and only the AI's own leg gets a stream
        var unsigned = FakeTwilio.callback(
                node().baseUri(),
                "webhooks/twilio/conference/ai-leg",
                PUBLIC_URL + "/webhooks/twilio/conference/ai-leg",
                Map.of("CallSid", leg, "caller_sid", bridged.sid(), "AccountSid", FakeTwilio.ACCOUNT_SID),
                "");
        assertEquals(403, unsigned.statusCode());
        assertEquals(
                XML + "<Response><Hangup/></Response>",
                post(
                                "webhooks/twilio/conference/ai-leg",
                                Map.of("CallSid", randomSid("CA"), "caller_sid", bridged.sid()))
                        .body());
        String token = streamToken(bridged, leg);

        String streamSid = randomSid("MZ");
        try (var stream = MediaStream.open(node().baseUri())) {
            stream.send(connected());
            stream.send(start(streamSid, leg, token));
            Routing.await("ai_leg_streaming", () -> events("ai_leg_streaming", bridged.sid(), leg), n -> n == 1);
            // the conference has not started: the AI says nothing (nobody would hear it; the caller hears music)
            stream.send(media(streamSid, 1));
            stream.silentFor(Duration.ofMillis(1500));

            // the agent answers and hears the briefing: the AI stays, still silent
            agentAnswers(bridged);
            stream.silentFor(Duration.ofMillis(1000));
            assertEquals(List.of(), twilio().about(leg), "the AI's leg is not hung up when the agent answers");
            assertEquals(leg, aiLegOf(bridged.sid()));

            // the agent's leg starts the conference: the AI speaks its line, then a mark
            conferenceStarts(node().baseUri(), bridged);
            var frames = stream.untilMark(streamSid);
            // the configured line, handing the caller to this agent, spoken: well over a second of 20 ms mu-law
            // frames, not silence
            assertEquals(List.of(bridged.handOff()), cuedLines(bridged.sid()));
            assertTrue(frames.size() >= 50, frames.size() + " frames");
            assertTrue(frames.stream().allMatch(f -> f.length == 160));
            assertTrue(frames.stream().anyMatch(f -> !allSilence(f)), "the line is not silence");
            // the leg is hung up once Twilio has played the line and echoed the mark: not before
            long echoed = stream.echoedAt("ai_line_spoken");
            var hangUps = Routing.await("the AI's leg hung up", () -> hangUpsOf(leg), h -> !h.isEmpty());
            assertEquals(1, hangUps.size(), hangUps.toString());
            assertTrue(hangUps.get(0).nanos() > echoed, "hung up after the mark's echo");
            Routing.await("ai_leg_left", () -> left(bridged.sid(), leg, "line_spoken"), n -> n == 1);
            assertEquals("", aiLegOf(bridged.sid()));
            // a second cue (Twilio repeating its callback) speaks nothing again
            conferenceStarts(node().baseUri(), bridged);

            // Twilio stops the stream of the leg it hung up
            stream.send(stop(streamSid, leg));
            assertEquals(1000, stream.closed().get(10, TimeUnit.SECONDS));
            assertEquals(1, stream.marks(), "one line, one mark");
        }
        Routing.await("ai_leg_stream_stopped", () -> events("ai_leg_stream_stopped", bridged.sid(), leg), n -> n == 1);
        assertEquals(1, events("ai_leg_streaming", bridged.sid(), leg));
        assertEquals(0, left(bridged.sid(), leg, "timeout"));
        assertEquals(1, hangUpsOf(leg).size());
    }

    @Test
    void aWarmTransfersAiLegWhoseMarkIsNeverEchoedIsHungUpWhenItsTimeIsOver() throws Exception {
        var bridged = accepted("warm");
        String leg = aiLegPlaced(bridged);
        String streamSid = randomSid("MZ");
        try (var stream = MediaStream.open(node().baseUri()).answeringNoMarks()) {
            streaming(stream, bridged, leg, streamSid);
            agentAnswers(bridged);
            long cued = System.nanoTime();
            conferenceStarts(node().baseUri(), bridged);
            assertFalse(stream.untilMark(streamSid).isEmpty());
            var hangUps = Routing.await("the AI's leg hung up", () -> hangUpsOf(leg), h -> !h.isEmpty());
            long after = hangUps.get(0).nanos() - cued;
            assertTrue(
                    after >= Duration.parse(TwilioNode.AI_LEG_LEAVE_TIMEOUT).toNanos(),
                    "hung up " + after / 1_000_000 + " ms after the cue");
            Routing.await("ai_leg_left", () -> left(bridged.sid(), leg, "timeout"), n -> n == 1);
            assertEquals("", aiLegOf(bridged.sid()));
            Routing.pause(Duration.ofMillis(1500));
            assertEquals(1, hangUpsOf(leg).size(), "hung up once");
        }
    }

    @Test
    void aConferenceStartThatNeverReachesUsStillCuesTheAiOnceTheBriefingHasSurelyBeenSpoken() throws Exception {
        var bridged = accepted("warm");
        String leg = aiLegPlaced(bridged);
        String streamSid = randomSid("MZ");
        try (var stream = MediaStream.open(node().baseUri())) {
            streaming(stream, bridged, leg, streamSid);
            long answered = System.nanoTime();
            agentAnswers(bridged);
            // Twilio's conference-start is lost: the AI is cued once the briefing ("Order 42": two words, a second)
            // and the cue timeout are over, not before, and hands over as if the callback had come
            var frames = stream.untilMark(streamSid);
            long spoke = System.nanoTime() - answered;
            long due =
                    Duration.parse(TwilioNode.AI_LEG_CUE_TIMEOUT).plusSeconds(1).toNanos();
            assertTrue(spoke >= due, "spoke " + spoke / 1_000_000 + " ms after the answer");
            assertTrue(frames.size() >= 50, frames.size() + " frames");
            long echoed = stream.echoedAt("ai_line_spoken");
            var hangUps = Routing.await("the AI's leg hung up", () -> hangUpsOf(leg), h -> !h.isEmpty());
            assertTrue(hangUps.get(0).nanos() > echoed, "hung up after the mark's echo");
            Routing.await("ai_leg_left", () -> left(bridged.sid(), leg, "line_spoken"), n -> n == 1);
            // the callback arriving late after all cues nothing twice
            conferenceStarts(node().baseUri(), bridged);
            stream.silentFor(Duration.ofMillis(1000));
            assertEquals(1, stream.marks(), "one line, one mark");
        }
        assertEquals(1, events("ai_leg_cued", bridged.sid(), leg));
        assertEquals(
                0,
                Database.number(
                        "select count(*) from calls where call_id = ? and ai_leg_cue_by is not null", bridged.sid()));
    }

    @Test
    void theCueReachesTheStreamOnAnotherNodeAndTheEchoThereHangsTheLegUp() throws Exception {
        var other = TwilioNode.secondNode().baseUri();
        var bridged = accepted("warm");
        String leg = aiLegPlaced(bridged);
        String streamSid = randomSid("MZ");
        // Twilio's stream reaches the first node, its conference callback the other
        try (var stream = MediaStream.open(node().baseUri())) {
            streaming(stream, bridged, leg, streamSid);
            agentAnswers(bridged);
            conferenceStarts(other, bridged);
            assertFalse(stream.untilMark(streamSid).isEmpty());
            long echoed = stream.echoedAt("ai_line_spoken");
            var hangUps = Routing.await("the AI's leg hung up", () -> hangUpsOf(leg), h -> !h.isEmpty());
            assertTrue(hangUps.get(0).nanos() > echoed, "hung up after the mark's echo");
            Routing.await("ai_leg_left", () -> left(bridged.sid(), leg, "line_spoken"), n -> n == 1);
        }
    }

    @Test
    void aConferenceTransfersAiSpeaksWhenTheConferenceStartsEvenBeforeItsStreamAndStaysForTheThreeWay()
            throws Exception {
        var bridged = accepted("conference");
        String leg = aiLegPlaced(bridged);
        String token = streamToken(bridged, leg);
        // the agent's leg starts the conference before the AI's stream is up: the line is due as soon as it is
        agentAnswers(bridged);
        conferenceStarts(node().baseUri(), bridged);
        String streamSid = randomSid("MZ");
        try (var stream = MediaStream.open(node().baseUri())) {
            stream.send(connected());
            stream.send(start(streamSid, leg, token));
            assertFalse(stream.untilMark(streamSid).isEmpty());
            stream.echoedAt("ai_line_spoken");
            Routing.pause(Duration.ofMillis(1500));
            assertEquals(List.of(), twilio().about(leg), "the AI's leg is not hung up");
            assertEquals(leg, aiLegOf(bridged.sid()));
            assertEquals(0, left(bridged.sid(), leg, "line_spoken"));
            // a repeated offer of the transfer would find the AI there: still one participant request
            assertEquals(
                    1, twilio().dialledInto("vocelio-" + bridged.transferId()).size());
        }
        // the socket going away without a stop still ends the stream, once
        Routing.await("ai_leg_stream_stopped", () -> events("ai_leg_stream_stopped", bridged.sid(), leg), n -> n == 1);
        assertEquals("", aiLegOf(bridged.sid()));
    }

    @Test
    void aStreamWithAWrongExpiredOrBorrowedTokenIsRefused() throws Exception {
        var bridged = accepted("conference");
        String leg = aiLegPlaced(bridged);
        String token = streamToken(bridged, leg);
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
        String expired = mint(bridged.sid() + ":" + leg + ":" + (Instant.now().getEpochSecond() - 1));
        String forged = mint(bridged.sid() + ":" + leg + ":" + (Instant.now().getEpochSecond() + 60))
                .replaceFirst(
                        "\\..*", "." + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]));
        for (String wrong : List.of(tampered, expired, forged, "")) {
            try (var stream = MediaStream.open(node().baseUri())) {
                stream.send(connected());
                stream.send(start(randomSid("MZ"), leg, wrong));
                assertEquals(1008, stream.closed().get(10, TimeUnit.SECONDS), wrong);
                assertEquals(List.of(), stream.received(), "no audio for " + wrong);
            }
        }
        // a good token for another leg, and media before any start, are refused too
        try (var stream = MediaStream.open(node().baseUri())) {
            stream.send(start(randomSid("MZ"), randomSid("CA"), token));
            assertEquals(1008, stream.closed().get(10, TimeUnit.SECONDS));
        }
        try (var stream = MediaStream.open(node().baseUri())) {
            stream.send(connected());
            stream.send(media(randomSid("MZ"), 1));
            assertEquals(1008, stream.closed().get(10, TimeUnit.SECONDS));
        }
        assertEquals(0, events("ai_leg_streaming", bridged.sid(), leg));
        // and the right token still works: the refusals were about the tokens
        try (var stream = MediaStream.open(node().baseUri())) {
            String streamSid = randomSid("MZ");
            stream.send(connected());
            stream.send(start(streamSid, leg, token));
            Routing.await("ai_leg_streaming", () -> events("ai_leg_streaming", bridged.sid(), leg), n -> n == 1);
            stream.silentFor(Duration.ofMillis(500));
            assertFalse(stream.closed().isDone(), "the stream stays open");
        }
    }

    @Test
    void twilioRefusingTheAiLegLeavesTheTransferGoingWithoutIt() {
        twilio().failNextWith(400, "/Participants.json");
        var bridged = accepted("warm");
        assertEquals(1, twilio().dialledInto("vocelio-" + bridged.transferId()).size(), "the AI's leg was asked for");
        assertEquals("", aiLegOf(bridged.sid()));
        // the agent is called all the same, and answering connects the transfer with no AI leg to hang up
        String agentLegUrl = PUBLIC_URL + "/webhooks/twilio/bridge/answered?transfer_id=" + bridged.transferId()
                + "&offer=1&call_sid=" + bridged.sid();
        assertEquals(
                1,
                twilio().received().stream()
                        .filter(r -> agentLegUrl.equals(r.param("Url")))
                        .count());
        var answered = post(
                "webhooks/twilio/bridge/answered?transfer_id=" + bridged.transferId() + "&offer=1&call_sid="
                        + bridged.sid(),
                Map.of("CallSid", randomSid("CA"), "CallStatus", "in-progress"));
        assertEquals(200, answered.statusCode(), answered.body());
        assertEquals("connected", routing().status(bridged.transferId()));
    }

    /** A token signed as the application signs them (the test knows the account's auth token, as every node does). */
    private static String mint(String payload) throws Exception {
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(
                ("vocelio-ai-leg:" + FakeTwilio.AUTH_TOKEN).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        var b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    }

    private static boolean allSilence(byte[] frame) {
        for (byte b : frame) {
            if (b != (byte) 0xFF) {
                return false;
            }
        }
        return true;
    }

    // ---- Twilio's media-stream messages

    private static String connected() {
        return "{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}";
    }

    private static String start(String streamSid, String callSid, String token) {
        return Json.createObjectBuilder()
                .add("event", "start")
                .add("sequenceNumber", "1")
                .add(
                        "start",
                        Json.createObjectBuilder()
                                .add("accountSid", FakeTwilio.ACCOUNT_SID)
                                .add("streamSid", streamSid)
                                .add("callSid", callSid)
                                .add("tracks", Json.createArrayBuilder().add("inbound"))
                                .add(
                                        "mediaFormat",
                                        Json.createObjectBuilder()
                                                .add("encoding", "audio/x-mulaw")
                                                .add("sampleRate", 8000)
                                                .add("channels", 1))
                                .add(
                                        "customParameters",
                                        Json.createObjectBuilder().add("token", token)))
                .add("streamSid", streamSid)
                .build()
                .toString();
    }

    private static String media(String streamSid, int chunk) {
        byte[] silence = new byte[160];
        java.util.Arrays.fill(silence, (byte) 0xFF);
        return Json.createObjectBuilder()
                .add("event", "media")
                .add("sequenceNumber", Integer.toString(chunk + 2))
                .add(
                        "media",
                        Json.createObjectBuilder()
                                .add("track", "inbound")
                                .add("chunk", Integer.toString(chunk))
                                .add("timestamp", Integer.toString(chunk * 20))
                                .add("payload", Base64.getEncoder().encodeToString(silence)))
                .add("streamSid", streamSid)
                .build()
                .toString();
    }

    private static String stop(String streamSid, String callSid) {
        return Json.createObjectBuilder()
                .add("event", "stop")
                .add("sequenceNumber", "99")
                .add(
                        "stop",
                        Json.createObjectBuilder()
                                .add("accountSid", FakeTwilio.ACCOUNT_SID)
                                .add("callSid", callSid))
                .add("streamSid", streamSid)
                .build()
                .toString();
    }

    /**
     * Twilio's side of the media socket: what it sends, and what it receives from us. Like Twilio it plays the audio
     * we send in real time (20 ms a frame) and echoes each mark we send once the audio before it has been played,
     * unless told to answer no marks.
     */
    private static final class MediaStream implements WebSocket.Listener, AutoCloseable {

        private static final java.util.concurrent.ScheduledExecutorService PLAYER =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(runnable -> {
                    var thread = new Thread(runnable, "fake-twilio-player");
                    thread.setDaemon(true);
                    return thread;
                });

        private final LinkedBlockingQueue<JsonObject> inbox = new LinkedBlockingQueue<>();
        private final List<JsonObject> all = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        private final Map<String, CompletableFuture<Long>> echoes = new java.util.concurrent.ConcurrentHashMap<>();
        private final java.util.concurrent.atomic.AtomicInteger marks = new java.util.concurrent.atomic.AtomicInteger();
        private volatile boolean answersMarks = true;
        private long playedUntil; // System.nanoTime() when the audio received so far will have been played
        private int sequence = 100;
        private WebSocket socket;

        static MediaStream open(URI node) {
            var stream = new MediaStream();
            URI uri = URI.create(node.toString().replaceFirst("^http", "ws") + "ws/twilio/media");
            stream.socket = HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(uri, stream)
                    .join();
            return stream;
        }

        /** From now on marks are not echoed (as if Twilio never got to play the audio before them). */
        MediaStream answeringNoMarks() {
            answersMarks = false;
            return this;
        }

        synchronized void send(String text) {
            socket.sendText(text, true).join();
        }

        /** Nothing comes from us for {@code quiet}. */
        void silentFor(Duration quiet) throws InterruptedException {
            var message = inbox.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
            assertEquals(null, message, "the AI said something before its cue");
        }

        /** The media frames we sent on {@code streamSid}, up to the mark that says the line is over. */
        List<byte[]> untilMark(String streamSid) throws InterruptedException {
            var frames = new ArrayList<byte[]>();
            while (true) {
                var message = inbox.poll(20, TimeUnit.SECONDS);
                if (message == null) {
                    throw new AssertionError("No mark after " + frames.size() + " frames");
                }
                assertEquals(streamSid, message.getString("streamSid"), message.toString());
                switch (message.getString("event")) {
                    case "media" ->
                        frames.add(Base64.getDecoder()
                                .decode(message.getJsonObject("media").getString("payload")));
                    case "mark" -> {
                        assertEquals(
                                "ai_line_spoken", message.getJsonObject("mark").getString("name"));
                        assertEquals(Set.of("event", "streamSid", "mark"), message.keySet());
                        return frames;
                    }
                    default -> throw new AssertionError("Unexpected " + message);
                }
            }
        }

        /** Waits until the mark {@code name} has been played and echoed; when it was echoed (nano time). */
        long echoedAt(String name) throws Exception {
            return echoes.computeIfAbsent(name, n -> new CompletableFuture<>()).get(30, TimeUnit.SECONDS);
        }

        int marks() {
            return marks.get();
        }

        List<JsonObject> received() {
            return List.copyOf(all);
        }

        CompletableFuture<Integer> closed() {
            return closed;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try (var reader = Json.createReader(new StringReader(partial.toString()))) {
                    var message = reader.readObject();
                    all.add(message);
                    inbox.add(message);
                    play(message);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        /** Audio plays in real time after what came before it; a mark is echoed when everything before it played. */
        private void play(JsonObject message) {
            long now = System.nanoTime();
            switch (message.getString("event", "")) {
                case "media" -> playedUntil = Math.max(now, playedUntil) + 20_000_000L;
                case "mark" -> {
                    marks.incrementAndGet();
                    if (!answersMarks) {
                        return;
                    }
                    String name = message.getJsonObject("mark").getString("name");
                    String echo = Json.createObjectBuilder()
                            .add("event", "mark")
                            .add("sequenceNumber", Integer.toString(++sequence))
                            .add("streamSid", message.getString("streamSid"))
                            .add("mark", Json.createObjectBuilder().add("name", name))
                            .build()
                            .toString();
                    PLAYER.schedule(
                            () -> {
                                long at = System.nanoTime(); // before it leaves: what it causes comes after
                                send(echo);
                                echoes.computeIfAbsent(name, n -> new CompletableFuture<>())
                                        .complete(at);
                            },
                            Math.max(0, playedUntil - now),
                            TimeUnit.NANOSECONDS);
                }
                default -> {}
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }

        @Override
        public void close() {
            if (!socket.isOutputClosed()) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(e -> null);
            }
        }
    }
}
