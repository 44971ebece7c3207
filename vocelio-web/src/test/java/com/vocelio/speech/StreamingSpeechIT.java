package com.vocelio.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import com.vocelio.platform.control.Jsons;
import com.vocelio.testing.Api;
import com.vocelio.testing.TestServer;
import com.vocelio.testing.Tokens;
import jakarta.json.JsonObject;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.glassfish.tyrus.client.ClientManager;
import org.junit.jupiter.api.Test;

/**
 * Speech as it is produced, by the local engine: {@code POST /stream/synthesize} (chunked HTTP) and the
 * {@code /ws/tts} socket deliver the first audio before the whole text is spoken, and together a valid WAV.
 */
class StreamingSpeechIT {

    /** Eight sentences: FreeTTS hands over audio sentence by sentence. */
    private static String longText() {
        return "This is the first sentence of a long greeting. Thank you for calling the Vocelio demo line today. "
                + "Your call matters to us, and an agent will be with you shortly. Please have your account number "
                + "ready. You can also visit our website for answers to common questions. Calls may be recorded "
                + "for quality purposes. We appreciate your patience while we connect you. Goodbye for now, "
                + UUID.randomUUID() + ".";
    }

    @Test
    void theStreamSendsItsFirstChunkBeforeTheWholeTextIsSpoken() throws Exception {
        var request = HttpRequest.newBuilder(TestServer.get().baseUri().resolve("/stream/synthesize"))
                .header("Authorization", "Bearer " + Api.suiteOrganization().accessToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Jsons.objectBuilder()
                        .add("text", longText())
                        .add("provider", "local")
                        .build()
                        .toString()))
                .build();
        long sent = System.nanoTime();
        var response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        assertEquals("audio/wav", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("local", response.headers().firstValue("Provider").orElse(""));
        assertTrue(response.headers().firstValue("Content-Length").isEmpty(), "chunked, no length known ahead");
        var all = new ByteArrayOutputStream();
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        try (var body = response.body()) {
            byte[] buffer = new byte[65536];
            for (int read; (read = body.read(buffer)) >= 0; ) {
                arrivals.add(System.nanoTime());
                all.write(buffer, 0, read);
            }
        }
        var wav = WavFile.parse(all.toByteArray());
        assertEquals(16000, wav.sampleRate());
        assertTrue(wav.rms() > 0.01);
        assertTrue(wav.seconds() > 10, "the whole text: " + wav.seconds() + " s");
        // Streamed, the audio arrives over most of the time the engine takes to speak the text: the first sentence
        // comes when it is spoken, the last when it is. Held back until the whole text was spoken, it would all
        // arrive at the end, in a moment. A fast engine speaks the text in tens of milliseconds, so the test compares
        // the two times, not the spread with a fixed one.
        double spread = (arrivals.get(arrivals.size() - 1) - arrivals.get(0)) / 1e9;
        double whole = (arrivals.get(arrivals.size() - 1) - sent) / 1e9;
        assertTrue(
                spread > 0.3 * whole,
                "audio arrived over " + spread + " s of the " + whole + " s the answer took, in " + arrivals.size()
                        + " reads: streamed");
    }

    /** A socket client that keeps texts and binary chunks with their arrival times. */
    static final class TtsClient extends Endpoint {
        final List<JsonObject> texts = new CopyOnWriteArrayList<>();
        final List<Long> textTimes = new CopyOnWriteArrayList<>();
        final List<byte[]> chunks = new CopyOnWriteArrayList<>();
        final List<Long> chunkTimes = new CopyOnWriteArrayList<>();
        final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
        Session session;

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
                textTimes.add(System.nanoTime());
                texts.add(Jsons.reader(text).readObject());
            });
            session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) bytes -> {
                chunkTimes.add(System.nanoTime());
                byte[] chunk = new byte[bytes.remaining()];
                bytes.get(chunk);
                chunks.add(chunk);
            });
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            closed.complete(reason);
        }

        static TtsClient open(String query) throws Exception {
            var client = new TtsClient();
            URI uri = URI.create(TestServer.get().baseUri().toString().replaceFirst("^http", "ws") + "ws/tts" + query);
            var manager = ClientManager.createClient();
            manager.getProperties().put("org.glassfish.tyrus.client.ClientManager.ContainerTimeout", 1000);
            client.session = manager.connectToServer(
                    client, ClientEndpointConfig.Builder.create().build(), uri);
            return client;
        }

        long count(String type) {
            return texts.stream()
                    .filter(text -> text.getString("type").equals(type))
                    .count();
        }

        JsonObject await(String type) throws InterruptedException {
            for (int i = 0; i < 300; i++) {
                for (JsonObject text : texts) {
                    if (text.getString("type").equals(type)) {
                        return text;
                    }
                }
                Thread.sleep(100);
            }
            throw new AssertionError("no " + type + " within 30 s; got " + texts);
        }

        void send(String json) throws Exception {
            session.getBasicRemote().sendText(json);
        }
    }

    @Test
    void theSocketSendsAudioChunksAsTheyAreProducedThenTheEnd() throws Exception {
        var client = TtsClient.open("?access_token=" + Api.suiteOrganization().accessToken());
        client.await("authenticated");
        client.send(Jsons.objectBuilder()
                .add("type", "synthesize")
                .add("request_id", "r1")
                .add("text", longText())
                .add("voice_id", "kevin16")
                .build()
                .toString());
        var end = client.await("audio_end");
        var start = client.await("audio_start");
        assertEquals("r1", start.getString("request_id"));
        assertEquals("local", start.getString("provider"));
        assertEquals("audio/wav", start.getString("content_type"));
        assertTrue(client.chunks.size() > 2, "several chunks: " + client.chunks.size());
        long endAt = client.textTimes.get(client.texts.indexOf(end));
        assertTrue((endAt - client.chunkTimes.get(0)) / 1e9 > 0.05, "the first chunk came before the end of synthesis");
        var all = new ByteArrayOutputStream();
        client.chunks.forEach(all::writeBytes);
        var wav = WavFile.parse(all.toByteArray());
        assertTrue(wav.rms() > 0.01);
        assertEquals(end.getJsonNumber("seconds").doubleValue(), wav.seconds(), 0.01);
        client.session.close();
    }

    @Test
    void theSocketSaysWhatIsWrongWithARequestAndStaysOpen() throws Exception {
        var client = TtsClient.open("");
        client.send("{\"type\":\"auth\",\"token\":\"" + Api.suiteOrganization().accessToken() + "\"}");
        client.await("authenticated");
        client.send("{\"type\":\"synthesize\",\"request_id\":\"bad\",\"text\":\"\"}");
        var error = client.await("error");
        assertEquals(400, error.getInt("status"));
        assertEquals("text", error.getJsonArray("details").getJsonObject(0).getString("field"));
        client.send("{\"type\":\"ping\"}");
        client.await("pong");
        assertTrue(client.session.isOpen());
        client.session.close();
    }

    @Test
    void aSocketWithoutAValidTokenIsClosedWith1008() throws Exception {
        var forged = TtsClient.open("?access_token=not-a-token");
        assertEquals(
                1008, forged.closed.get(10, TimeUnit.SECONDS).getCloseCode().getCode());
        var silent = TtsClient.open("");
        assertEquals(
                1008, silent.closed.get(15, TimeUnit.SECONDS).getCloseCode().getCode());
    }

    /**
     * An access token of the suite organization's admin, signed with the application's key, valid for that long from
     * when it is asked for: the socket is opened first (slow on a busy machine), then signed in with it.
     */
    private static Supplier<String> tokenValidFor(Duration lifetime) {
        var organization = Api.suiteOrganization();
        String userId = Api.userId(organization.accessToken());
        var key = Tokens.applicationKey();
        return () -> {
            Instant now = Instant.now();
            return Tokens.signed(
                    new JWTClaimsSet.Builder()
                            .issuer("vocelio")
                            .subject(userId)
                            .claim("upn", organization.adminEmail())
                            .claim("groups", List.of("admin"))
                            .claim("tenant_id", organization.id())
                            .claim("org", organization.subdomain())
                            .jwtID(UUID.randomUUID().toString())
                            .issueTime(Date.from(now))
                            .expirationTime(Date.from(now.plus(lifetime)))
                            .build(),
                    key);
        };
    }

    private static TtsClient signedInWith(Supplier<String> token) throws Exception {
        var client = TtsClient.open("");
        client.send("{\"type\":\"auth\",\"token\":\"" + token.get() + "\"}");
        client.await("authenticated");
        return client;
    }

    @Test
    void theSocketIsClosedWith1008WhenItsTokenExpiresLikeTheEventSockets() throws Exception {
        var client = signedInWith(tokenValidFor(Duration.ofSeconds(4)));
        long signedIn = System.nanoTime();
        client.send("{\"type\":\"ping\"}");
        client.await("pong"); // open and answering while the token lasts
        var reason = client.closed.get(30, TimeUnit.SECONDS);
        double after = (System.nanoTime() - signedIn) / 1e9;
        assertEquals(1008, reason.getCloseCode().getCode());
        assertTrue(reason.getReasonPhrase().startsWith("Access token expired"), reason.getReasonPhrase());
        assertTrue(after > 1, "closed " + after + " s after signing in with a 4 s token: at its expiry, not at once");
    }

    @Test
    void aFreshTokenOfTheSameOrganizationKeepsTheSocketPastTheFirstExpiry() throws Exception {
        var client = signedInWith(tokenValidFor(Duration.ofSeconds(4)));
        long signedIn = System.nanoTime();
        client.send("{\"type\":\"auth\",\"token\":\""
                + tokenValidFor(Duration.ofMinutes(5)).get() + "\"}");
        for (int i = 0; i < 100 && client.count("authenticated") < 2; i++) {
            Thread.sleep(100);
        }
        assertEquals(2, client.count("authenticated"), "the renewal was taken");
        Thread.sleep(Math.max(0, 6000 - (System.nanoTime() - signedIn) / 1_000_000)); // past the first expiry
        assertTrue(client.session.isOpen() && !client.closed.isDone(), "still open: " + client.closed);
        client.send("{\"type\":\"ping\"}");
        client.await("pong");
        var other = Api.newOrganization();
        client.send("{\"type\":\"auth\",\"token\":\"" + other.accessToken() + "\"}");
        assertEquals(
                1008, client.closed.get(10, TimeUnit.SECONDS).getCloseCode().getCode(), "another organization's token");
    }
}
