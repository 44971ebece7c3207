package com.vocelio.call;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.launcher.PayaraMicroProcess;
import com.vocelio.testing.Database;
import com.vocelio.testing.Routing;
import io.restassured.specification.RequestSpecification;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #15's AI leg on Twilio: a warm or conference transfer's conference gets the AI as a participant of its own
 * (dialled to the TwiML App, exactly as checked here), whose TwiML streams to {@code /ws/twilio/media}, where a real
 * WebSocket client speaking Twilio's media-stream protocol hears the configured line as 8 kHz mu-law frames. Warm:
 * the AI's leg is hung up when the agent answers; conference: it stays. A wrong, expired or borrowed token is
 * refused.
 */
class TwilioAiLegIT {

    static final String PUBLIC_URL = TwilioNode.PUBLIC_URL;
    static final String XML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
    static final Pattern STREAM_TWIML = Pattern.compile(Pattern.quote(
                    XML
                            + "<Response><Connect><Stream url=\"ws://voice.example.test/ws/twilio/media\"><Parameter name=\"token\" value=\"")
            + "([A-Za-z0-9_\\-]+\\.[A-Za-z0-9_\\-]+)" + Pattern.quote("\"/></Stream></Connect></Response>"));

    private static FakeTwilio twilio;
    private static PayaraMicroProcess node;
    private static Routing routing;

    @BeforeAll
    static void twilioNode() {
        twilio = TwilioNode.get().twilio;
        node = TwilioNode.get().node;
    }

    @BeforeEach
    void ownOrganization() {
        routing = Routing.newOrganization();
    }

    private static RequestSpecification onNode() {
        return routing.admin().baseUri(node.baseUri().toString());
    }

    private static String randomNumber() {
        return "+1555" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    }

    private static String randomSid(String prefix) {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }

    private static HttpResponse<String> post(String path, Map<String, String> form) {
        var signed = new HashMap<>(form);
        signed.put("AccountSid", FakeTwilio.ACCOUNT_SID);
        return FakeTwilio.callback(node.baseUri(), path, PUBLIC_URL + "/" + path, signed, null);
    }

    /** A call answered, transferred ({@code type}) to a new department's agent who accepted: the conference waits. */
    private record Bridged(String from, String sid, String transferId) {}

    private static Bridged accepted(String type) {
        String from = randomNumber();
        onNode().body(Map.of("flow_id", "flow-" + from.substring(5), "phone_numbers", List.of(from)))
                .post("/admin/register-flow")
                .then()
                .statusCode(200);
        String sid = onNode().body(Map.of("to", randomNumber(), "from", from, "message", "Hello"))
                .post("/api/calls/make")
                .then()
                .statusCode(201)
                .extract()
                .path("call_sid");
        assertEquals(
                200,
                post("webhooks/twilio/status", Map.of("CallSid", sid, "CallStatus", "in-progress"))
                        .statusCode());
        String department = routing.department(Map.of("wrap_up_seconds", 0));
        String transferId = onNode().body(Map.of("transfer_to", department, "type", type, "context", "Order 42"))
                .post("/api/calls/" + sid + "/transfer")
                .then()
                .statusCode(201)
                .extract()
                .path("transfer_id");
        routing.agent(department, Map.of("phone_number", randomNumber()));
        routing.awaitOffer(transferId);
        onNode().post("/transfer/" + transferId + "/accept")
                .then()
                .statusCode(200)
                .body("status", equalTo("connecting"));
        return new Bridged(from, sid, transferId);
    }

    /** The AI's participant request, checked whole; returns the AI leg's call sid as we stored it. */
    private static String aiLegPlaced(Bridged bridged) {
        String conference = "vocelio-" + bridged.transferId();
        var dialled = twilio.dialledInto(conference);
        assertEquals(1, dialled.size(), dialled.toString());
        var request = dialled.get(0);
        assertTrue(request.authorized());
        assertEquals("POST", request.method());
        assertEquals(
                "/2010-04-01/Accounts/" + FakeTwilio.ACCOUNT_SID + "/Conferences/" + conference + "/Participants.json",
                request.path());
        assertEquals(
                Map.of(
                        "From", List.of(bridged.from()),
                        "To", List.of("app:" + TwilioNode.AI_APP_SID + "?caller_sid=" + bridged.sid()),
                        "Label", List.of("ai"),
                        "Beep", List.of("false"),
                        "StartConferenceOnEnter", List.of("true"),
                        "EndConferenceOnExit", List.of("false"),
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

    private static long events(String type, String sid, String leg) {
        return Database.number(
                "select count(*) from events where type = ? and payload->>'call_sid' = ? and payload->>'ai_leg_sid' = ?",
                type,
                sid,
                leg);
    }

    @Test
    void aWarmTransfersAiJoinsTheConferenceSpeaksItsLineAndLeavesWhenTheAgentAnswers() throws Exception {
        var bridged = accepted("warm");
        String leg = aiLegPlaced(bridged);
        // the app's webhook is signed like every Twilio webhook, and only the AI's own leg gets a stream
        var unsigned = FakeTwilio.callback(
                node.baseUri(),
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
        try (var stream = MediaStream.open()) {
            stream.send(connected());
            stream.send(start(streamSid, leg, token));
            var frames = stream.untilMark(streamSid);
            // the configured line, spoken: well over a second of 20 ms mu-law frames, not silence
            assertTrue(frames.size() >= 50, frames.size() + " frames");
            assertTrue(frames.stream().allMatch(f -> f.length == 160));
            assertTrue(frames.stream().anyMatch(f -> !allSilence(f)), "the line is not silence");
            Routing.await("ai_leg_streaming", () -> events("ai_leg_streaming", bridged.sid(), leg), n -> n == 1);

            // the agent answers: the hand-off hangs the AI's leg up at Twilio
            var answered = post(
                    "webhooks/twilio/bridge/answered?transfer_id=" + bridged.transferId() + "&call_sid="
                            + bridged.sid(),
                    Map.of("CallSid", randomSid("CA"), "CallStatus", "in-progress"));
            assertEquals(200, answered.statusCode(), answered.body());
            assertEquals("connected", routing.status(bridged.transferId()));
            var hangUp = twilio.about(leg);
            assertEquals(1, hangUp.size(), hangUp.toString());
            assertEquals(
                    "/2010-04-01/Accounts/" + FakeTwilio.ACCOUNT_SID + "/Calls/" + leg + ".json",
                    hangUp.get(0).path());
            assertEquals(Map.of("Status", List.of("completed")), hangUp.get(0).form());
            assertEquals("", aiLegOf(bridged.sid()));

            // Twilio stops the stream of the leg it hung up
            stream.send(media(streamSid, 1));
            stream.send(stop(streamSid, leg));
            assertEquals(1000, stream.closed().get(10, TimeUnit.SECONDS));
        }
        Routing.await("ai_leg_stream_stopped", () -> events("ai_leg_stream_stopped", bridged.sid(), leg), n -> n == 1);
        assertEquals(1, events("ai_leg_streaming", bridged.sid(), leg));
    }

    @Test
    void aConferenceTransfersAiLegStaysForTheThreeWay() throws Exception {
        var bridged = accepted("conference");
        String leg = aiLegPlaced(bridged);
        String token = streamToken(bridged, leg);
        String streamSid = randomSid("MZ");
        try (var stream = MediaStream.open()) {
            stream.send(connected());
            stream.send(start(streamSid, leg, token));
            assertFalse(stream.untilMark(streamSid).isEmpty());
            var answered = post(
                    "webhooks/twilio/bridge/answered?transfer_id=" + bridged.transferId() + "&call_sid="
                            + bridged.sid(),
                    Map.of("CallSid", randomSid("CA"), "CallStatus", "in-progress"));
            assertEquals(200, answered.statusCode(), answered.body());
            assertEquals("connected", routing.status(bridged.transferId()));
            assertEquals(List.of(), twilio.about(leg), "the AI's leg is not hung up");
            assertEquals(leg, aiLegOf(bridged.sid()));
            // a repeated offer of the transfer would find the AI there: still one participant request
            assertEquals(
                    1, twilio.dialledInto("vocelio-" + bridged.transferId()).size());
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
            try (var stream = MediaStream.open()) {
                stream.send(connected());
                stream.send(start(randomSid("MZ"), leg, wrong));
                assertEquals(1008, stream.closed().get(10, TimeUnit.SECONDS), wrong);
                assertEquals(List.of(), stream.received(), "no audio for " + wrong);
            }
        }
        // a good token for another leg, and media before any start, are refused too
        try (var stream = MediaStream.open()) {
            stream.send(start(randomSid("MZ"), randomSid("CA"), token));
            assertEquals(1008, stream.closed().get(10, TimeUnit.SECONDS));
        }
        try (var stream = MediaStream.open()) {
            stream.send(connected());
            stream.send(media(randomSid("MZ"), 1));
            assertEquals(1008, stream.closed().get(10, TimeUnit.SECONDS));
        }
        assertEquals(0, events("ai_leg_streaming", bridged.sid(), leg));
        // and the right token still works: the refusals were about the tokens
        try (var stream = MediaStream.open()) {
            String streamSid = randomSid("MZ");
            stream.send(connected());
            stream.send(start(streamSid, leg, token));
            assertFalse(stream.untilMark(streamSid).isEmpty());
        }
    }

    @Test
    void twilioRefusingTheAiLegLeavesTheTransferGoingWithoutIt() {
        twilio.failNextWith(400, "/Participants.json");
        var bridged = accepted("warm");
        assertEquals(1, twilio.dialledInto("vocelio-" + bridged.transferId()).size(), "the AI's leg was asked for");
        assertEquals("", aiLegOf(bridged.sid()));
        // the agent is called all the same, and answering connects the transfer with no AI leg to hang up
        String agentLegUrl = PUBLIC_URL + "/webhooks/twilio/bridge/answered?transfer_id=" + bridged.transferId()
                + "&call_sid=" + bridged.sid();
        assertEquals(
                1,
                twilio.received().stream()
                        .filter(r -> agentLegUrl.equals(r.param("Url")))
                        .count());
        var answered = post(
                "webhooks/twilio/bridge/answered?transfer_id=" + bridged.transferId() + "&call_sid=" + bridged.sid(),
                Map.of("CallSid", randomSid("CA"), "CallStatus", "in-progress"));
        assertEquals(200, answered.statusCode(), answered.body());
        assertEquals("connected", routing.status(bridged.transferId()));
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

    /** Twilio's side of the media socket: what it sends, and what it receives from us. */
    private static final class MediaStream implements WebSocket.Listener, AutoCloseable {

        private final LinkedBlockingQueue<JsonObject> inbox = new LinkedBlockingQueue<>();
        private final List<JsonObject> all = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        static MediaStream open() {
            var stream = new MediaStream();
            URI uri = URI.create(node.baseUri().toString().replaceFirst("^http", "ws") + "ws/twilio/media");
            stream.socket = HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(uri, stream)
                    .join();
            return stream;
        }

        void send(String text) {
            socket.sendText(text, true).join();
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
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
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
