package com.vocelio.speech;

import static com.vocelio.speech.LocalSpeechIT.body;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.launcher.PayaraMicroProcess;
import com.vocelio.testing.Api;
import com.vocelio.testing.TestServer;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Azure, ElevenLabs and Piper as configured providers, faked by a local HTTP server that checks what we send: one
 * application node with their keys and URLs for all these tests (same database as the suite's node).
 */
class CloudSpeechIT {

    private static final String METRICS_TOKEN = "metrics-" + UUID.randomUUID();
    private static FakeSpeechProviders fake;
    private static PayaraMicroProcess node;
    private static Api.Organization organization;

    @BeforeAll
    static void nodeWithProviders() throws Exception {
        fake = new FakeSpeechProviders();
        organization = Api.newOrganization();
        node = startNode(settings(
                "AZURE_SPEECH_KEY",
                FakeSpeechProviders.AZURE_KEY,
                "VOCELIO_SPEECH_AZURE_URL",
                fake.url("/azure"),
                "ELEVENLABS_API_KEY",
                FakeSpeechProviders.ELEVEN_KEY,
                "VOCELIO_SPEECH_ELEVENLABS_URL",
                fake.url("/eleven"),
                "VOCELIO_SPEECH_PIPER_URL",
                fake.url("/piper"),
                "VOCELIO_SPEECH_TIMEOUT",
                "PT2S",
                "VOCELIO_SPEECH_VOICES_TTL",
                "PT1S",
                "VOCELIO_SPEECH_VOICES_RETRY",
                "PT0.5S",
                "VOCELIO_SPEECH_PREVIEW_LINK_TTL",
                "PT10S",
                "VOCELIO_METRICS_ENABLED",
                "true",
                "VOCELIO_METRICS_TOKEN",
                METRICS_TOKEN));
    }

    private static Map<String, String> settings(String... pairs) {
        Map<String, String> settings = new java.util.HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            settings.put(pairs[i], pairs[i + 1]);
        }
        return settings;
    }

    private static PayaraMicroProcess startNode(Map<String, String> settings) throws Exception {
        return TestServer.get().startAnotherNode("speech-node", settings);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (node != null) {
            node.close();
        }
        if (fake != null) {
            fake.close();
        }
    }

    @AfterEach
    void resetFake() {
        fake.reset();
    }

    private static RequestSpecification onNode() {
        return given().baseUri(node.baseUri().toString())
                .contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + organization.accessToken())
                .header("Origin", Api.ORIGIN);
    }

    private static Response synthesize(Map<String, Object> body) {
        return onNode().body(body).post("/synthesize");
    }

    private static String unique(String text) {
        return text + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void tiersNameTheirOwnProvidersOnceKeysAreConfigured() {
        onNode().get("/tiers")
                .then()
                .statusCode(200)
                .body("tiers.regular.tts_provider", equalTo("azure"))
                .body("tiers.regular.spoken_by", equalTo("azure"))
                .body("tiers.regular.configured", equalTo(true))
                .body("tiers.regular.voices[0]", equalTo("en-US-AriaNeural"))
                .body("tiers.premium.tts_provider", equalTo("elevenlabs"))
                .body("tiers.local.tts_provider", equalTo("local"));
    }

    @Test
    void azureVoicesComeFromItsListWithTheKey() {
        onNode().get("/voices/azure")
                .then()
                .statusCode(200)
                .body("stale", equalTo(false))
                .body("voices.id", hasItems("en-US-AriaNeural", "de-DE-KatjaNeural"))
                .body("voices.find { it.id == 'en-US-AriaNeural' }.name", equalTo("Aria"))
                .body("voices.find { it.id == 'en-US-AriaNeural' }.language", equalTo("en-US"))
                .body("voices.find { it.id == 'en-US-AriaNeural' }.gender", equalTo("female"))
                .body("voices.find { it.id == 'en-US-AriaNeural' }.style", equalTo("cheerful,chat"))
                .body("voices.find { it.id == 'en-US-AriaNeural' }.neural", equalTo(true))
                .body("voices.find { it.id == 'en-US-AriaNeural' }.sample_rate", equalTo(24000))
                .body(
                        "voices.find { it.id == 'en-US-AriaNeural' }.preview_url",
                        org.hamcrest.Matchers.startsWith(node.baseUri()
                                .resolve("/voices/preview/en-US-AriaNeural?provider=azure&")
                                .toString()));
    }

    @Test
    void azureGetsSsmlWithTheVoiceAndProsodyAndItsOutputFormat() {
        String text = unique("Fish & chips <today>");
        var response = synthesize(body(
                "text",
                text,
                "voice_id",
                "en-US-AriaNeural",
                "provider",
                "azure",
                "speed",
                1.5,
                "pitch",
                -10,
                "format",
                "wav",
                "language",
                "en-US"));
        response.then()
                .statusCode(200)
                .contentType("audio/wav")
                .header("Provider", "azure")
                .header("Voice-ID", "en-US-AriaNeural");
        assertEquals(16000, WavFile.parse(response.asByteArray()).sampleRate());
        var request = fake.seen("/azure/cognitiveservices/v1").get(0);
        assertEquals("POST", request.method());
        assertEquals(FakeSpeechProviders.AZURE_KEY, request.header("Ocp-Apim-Subscription-Key"));
        assertEquals("application/ssml+xml", request.header("Content-Type"));
        assertEquals("riff-16khz-16bit-mono-pcm", request.header("X-Microsoft-OutputFormat"));
        assertTrue(request.body().contains("<voice name='en-US-AriaNeural'>"), request.body());
        assertTrue(request.body().contains("xml:lang='en-US'"), request.body());
        assertTrue(request.body().contains("rate='+50%' pitch='-10%' volume='100'"), request.body());
        assertTrue(request.body().contains("Fish &amp; chips &lt;today&gt;"), request.body());
    }

    @Test
    void azureAnswersMp3UnlessWavIsAskedAndTakesTheClientsSsmlAsItIs() {
        String ssml = "<speak version='1.0' xmlns='http://www.w3.org/2001/10/synthesis' xml:lang='en-US'>"
                + "<voice name='en-US-AriaNeural'><emphasis>" + unique("Hi") + "</emphasis></voice></speak>";
        var response = synthesize(body("text", ssml, "voice_id", "en-US-AriaNeural", "provider", "azure"));
        response.then().statusCode(200).contentType("audio/mpeg");
        assertArrayEquals(FakeSpeechProviders.mpegFrames(40), response.asByteArray());
        var request = fake.seen("/azure/cognitiveservices/v1").get(0);
        assertEquals("audio-16khz-32kbitrate-mono-mp3", request.header("X-Microsoft-OutputFormat"));
        assertEquals(ssml, request.body());
    }

    @Test
    void elevenLabsVoicesAndSynthesisWithItsKeyModelAndSettings() {
        onNode().get("/voices/elevenlabs")
                .then()
                .statusCode(200)
                .body("voices.find { it.id == 'pNInz6obpgDQGcFmaJgB' }.name", equalTo("Adam"))
                .body("voices.find { it.id == 'pNInz6obpgDQGcFmaJgB' }.gender", equalTo("male"))
                .body("voices.find { it.id == 'pNInz6obpgDQGcFmaJgB' }.accent", equalTo("american"))
                .body(
                        "voices.find { it.id == 'pNInz6obpgDQGcFmaJgB' }.preview_url",
                        equalTo("https://storage.example/adam.mp3"));
        String text = unique("Premium hello");
        var response = synthesize(body("text", text, "voice_id", "pNInz6obpgDQGcFmaJgB", "provider", "elevenlabs"));
        response.then().statusCode(200).contentType("audio/mpeg").header("Provider", "elevenlabs");
        assertArrayEquals(FakeSpeechProviders.mpegFrames(30), response.asByteArray());
        var request = fake.seen("/eleven/v1/text-to-speech/").get(0);
        assertEquals("/eleven/v1/text-to-speech/pNInz6obpgDQGcFmaJgB", request.path());
        assertEquals("output_format=mp3_44100_128", request.query());
        assertEquals(FakeSpeechProviders.ELEVEN_KEY, request.header("xi-api-key"));
        var sent = com.vocelio.platform.control.Jsons.reader(request.body()).readObject();
        assertEquals(text, sent.getString("text"));
        assertEquals("eleven_multilingual_v2", sent.getString("model_id"));
        assertEquals(
                1.0, sent.getJsonObject("voice_settings").getJsonNumber("speed").doubleValue());
    }

    @Test
    void elevenLabsWavIsItsPcmWithAHeader() {
        var response = synthesize(body(
                "text",
                unique("As wav"),
                "voice_id",
                "EXAVITQu4vr4xnSDxMaL",
                "provider",
                "elevenlabs",
                "format",
                "wav"));
        response.then().statusCode(200).contentType("audio/wav");
        var wav = WavFile.parse(response.asByteArray());
        assertEquals(16000, wav.sampleRate());
        assertEquals(1.0, wav.seconds(), 0.01);
        assertTrue(wav.rms() > 0.1);
        assertEquals(
                "output_format=pcm_16000",
                fake.seen("/eleven/v1/text-to-speech/").get(0).query());
    }

    @Test
    void piperVoicesAndSynthesis() {
        onNode().get("/voices/piper")
                .then()
                .statusCode(200)
                .body("voices[0].id", equalTo("en_US-lessac-medium"))
                .body("voices[0].language", equalTo("en-US"))
                .body("voices[0].sample_rate", equalTo(22050));
        var response = synthesize(
                body("text", unique("Piper"), "voice_id", "en_US-lessac-medium", "provider", "piper", "speed", 2));
        response.then().statusCode(200).contentType("audio/wav").header("Provider", "piper");
        assertEquals(22050, WavFile.parse(response.asByteArray()).sampleRate());
        var sent = com.vocelio.platform.control.Jsons.reader(fake.seen("/piper/").stream()
                        .filter(s -> s.method().equals("POST"))
                        .findFirst()
                        .orElseThrow()
                        .body())
                .readObject();
        assertEquals("en_US-lessac-medium", sent.getString("voice"));
        assertEquals(0.5, sent.getJsonNumber("length_scale").doubleValue());
    }

    @Test
    void anUnknownVoiceOfAConfiguredProviderIs400() {
        synthesize(body("text", "Hello", "voice_id", "en-US-NobodyNeural", "provider", "azure"))
                .then()
                .statusCode(400)
                .body("details[0].field", equalTo("voice_id"));
        assertEquals(0, fake.seen("/azure/cognitiveservices/v1").size(), "never sent to the provider");
    }

    @Test
    void aFailingProviderIs502NamingIt() {
        fake.failing.add("/azure/cognitiveservices/v1");
        synthesize(body("text", unique("Fails"), "voice_id", "en-US-AriaNeural", "provider", "azure"))
                .then()
                .statusCode(502)
                .contentType("application/json")
                .body("success", equalTo(false))
                .body("code", equalTo("provider_failed"))
                .body("error", containsString("azure"))
                .body("details[0].message", equalTo("azure"));
    }

    @Test
    void aStallingProviderIs502WithinItsTimeoutNotAHang() {
        fake.stalling.add("/eleven/v1/text-to-speech/pNInz6obpgDQGcFmaJgB");
        long started = System.nanoTime();
        synthesize(body("text", unique("Stalls"), "voice_id", "pNInz6obpgDQGcFmaJgB", "provider", "elevenlabs"))
                .then()
                .statusCode(502)
                .body("error", containsString("elevenlabs"))
                .body("error", containsString("2000 ms"));
        double seconds = (System.nanoTime() - started) / 1e9;
        assertTrue(seconds < 8, "answered after " + seconds + " s");
    }

    @Test
    void autoFallsBackToTheLocalEngineWhenTheProviderFails() {
        fake.failing.add("/eleven/v1/text-to-speech/pNInz6obpgDQGcFmaJgB");
        var response =
                synthesize(body("text", unique("Falls back"), "voice_id", "pNInz6obpgDQGcFmaJgB", "provider", "auto"));
        response.then()
                .statusCode(200)
                .contentType("audio/wav")
                .header("Provider", "local")
                .header("Voice-ID", "kevin16");
        assertTrue(WavFile.parse(response.asByteArray()).rms() > 0.01);
        assertEquals(1, fake.seen("/eleven/v1/text-to-speech/").size(), "the provider was tried first");
    }

    @Test
    void autoPicksTheProviderOfTheVoicesTier() {
        synthesize(body("text", unique("Auto"), "voice_id", "en-US-AriaNeural", "provider", "auto"))
                .then()
                .statusCode(200)
                .header("Provider", "azure");
    }

    @Test
    void aCacheHitNeverReachesTheProvider() {
        var request = body("text", unique("Once"), "voice_id", "pNInz6obpgDQGcFmaJgB", "provider", "elevenlabs");
        var first = synthesize(request);
        first.then().statusCode(200).header("X-Speech-Cache", "miss");
        var second = synthesize(request);
        second.then().statusCode(200).header("X-Speech-Cache", "hit").header("Provider", "elevenlabs");
        assertArrayEquals(first.asByteArray(), second.asByteArray());
        assertEquals(1, fake.seen("/eleven/v1/text-to-speech/").size(), "one synthesis at the provider");
        var metrics = com.vocelio.testing.Http.raw(
                node.baseUri(),
                "GET",
                "/metrics",
                null,
                "Authorization: Bearer " + METRICS_TOKEN,
                "Accept: text/plain");
        assertEquals(200, metrics.status(), metrics.toString());
        var hits = java.util.regex.Pattern.compile("(?m)^speech_cache_hits\\{[^}]*} ([0-9.]+)$")
                .matcher(metrics.body());
        assertTrue(hits.find(), metrics.body());
        assertTrue(Double.parseDouble(hits.group(1)) >= 1, hits.group());
        assertTrue(metrics.body().contains("speech_cache_hit_ratio{"), "the hit rate is in metrics");
    }

    @Test
    void aProviderThatIsDownServesItsLastGoodListMarkedStale() throws InterruptedException {
        onNode().get("/voices/azure").then().statusCode(200).body("stale", equalTo(false));
        fake.failing.add("/azure/cognitiveservices/voices/list");
        Thread.sleep(1500); // past the list's TTL
        onNode().get("/voices/azure")
                .then()
                .statusCode(200)
                .body("stale", equalTo(true))
                .body("voices.id", hasItems("en-US-AriaNeural", "de-DE-KatjaNeural"));
        assertTrue(fake.seen("/azure/cognitiveservices/voices/list").size() >= 1, "it was asked again");
    }

    @Test
    void aStreamedSynthesisPassesTheProvidersChunksOnAsTheyCome() throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        var request = java.net.http.HttpRequest.newBuilder(node.baseUri().resolve("/stream/synthesize"))
                .header("Authorization", "Bearer " + organization.accessToken())
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"text\":\"" + unique("Streamed")
                        + "\",\"voice_id\":\"pNInz6obpgDQGcFmaJgB\"," + "\"provider\":\"elevenlabs\"}"))
                .build();
        long started = System.nanoTime();
        var response = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        assertEquals("audio/mpeg", response.headers().firstValue("Content-Type").orElse(""));
        try (var body = response.body()) {
            byte[] first = body.readNBytes(417);
            double firstAt = (System.nanoTime() - started) / 1e9;
            byte[] rest = body.readAllBytes();
            double endAt = (System.nanoTime() - started) / 1e9;
            assertEquals((byte) 0xFF, first[0]);
            assertEquals(30 * 417, first.length + rest.length);
            assertTrue(endAt - firstAt > 0.4, "the first chunk came " + (endAt - firstAt) + " s before the end");
        }
        assertTrue(fake.seen("/eleven/v1/text-to-speech/pNInz6obpgDQGcFmaJgB/stream")
                        .size()
                == 1);
    }

    @Test
    void theCacheIsSharedByTheNodes() {
        var request = body("text", unique("Said on the first node"), "provider", "local");
        organization
                .asAdmin()
                .body(request)
                .post("/synthesize")
                .then()
                .statusCode(200)
                .header("X-Speech-Cache", "miss");
        synthesize(request)
                .then()
                .statusCode(200)
                .header("X-Speech-Cache", "hit")
                .header("Provider", "local");
    }

    private static java.net.http.HttpResponse<java.io.InputStream> streamed(String json) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(node.baseUri().resolve("/stream/synthesize"))
                .header("Authorization", "Bearer " + organization.accessToken())
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json))
                .build();
        return java.net.http.HttpClient.newHttpClient()
                .send(request, java.net.http.HttpResponse.BodyHandlers.ofInputStream());
    }

    @Test
    void aStreamThatFellBackNamesTheLocalEngineInItsHeaders() throws Exception {
        fake.failing.add("/eleven/v1/text-to-speech/pNInz6obpgDQGcFmaJgB/stream");
        var response = streamed("{\"text\":\"" + unique("Streamed, then fell back")
                + "\",\"voice_id\":\"pNInz6obpgDQGcFmaJgB\",\"provider\":\"auto\"}");
        assertEquals(200, response.statusCode());
        assertEquals("local", response.headers().firstValue("Provider").orElse(""), "who really speaks");
        assertEquals("kevin16", response.headers().firstValue("Voice-ID").orElse(""));
        assertEquals("audio/wav", response.headers().firstValue("Content-Type").orElse(""));
        byte[] audio;
        try (var body = response.body()) {
            audio = body.readAllBytes();
        }
        assertTrue(WavFile.parse(audio).rms() > 0.01, "the local engine's speech");
        assertEquals(1, fake.seen("/eleven/v1/text-to-speech/").size(), "ElevenLabs was tried first");
    }

    /** The provider's body drips in three pieces 300 ms apart: the first must be ours before the fake has finished. */
    private void assertStreamedAsItArrives(String path, String json, String contentType, int length) throws Exception {
        fake.dripping.add(path);
        var response = streamed(json);
        assertEquals(200, response.statusCode());
        assertEquals(contentType, response.headers().firstValue("Content-Type").orElse(""));
        try (var body = response.body()) {
            byte[] first = body.readNBytes(4);
            long firstAt = System.nanoTime();
            byte[] rest = body.readAllBytes();
            assertEquals(length, first.length + rest.length, "all of it");
            Long finished = fake.finishedAt.get(path);
            assertTrue(
                    finished != null && firstAt < finished,
                    "the first bytes arrived " + (finished == null ? "?" : (finished - firstAt) / 1e6)
                            + " ms before the provider finished");
        }
    }

    @Test
    void azureStreamsArePassedOnAsTheirBodyArrives() throws Exception {
        assertStreamedAsItArrives(
                "/azure/cognitiveservices/v1",
                "{\"text\":\"" + unique("Azure drips") + "\",\"voice_id\":\"en-US-AriaNeural\",\"provider\":\"azure\"}",
                "audio/mpeg",
                40 * 417);
    }

    @Test
    void piperStreamsArePassedOnAsTheirBodyArrives() throws Exception {
        assertStreamedAsItArrives(
                "/piper/",
                "{\"text\":\"" + unique("Piper drips")
                        + "\",\"voice_id\":\"en_US-lessac-medium\",\"provider\":\"piper\"}",
                "audio/wav",
                FakeSpeechProviders.tone(22050, 1.5).length);
    }

    @Test
    void aStreamThatStallsMidwayIsCutOffWithinTheTimeoutNotHeld() throws Exception {
        fake.stallingMidway.add("/azure/cognitiveservices/v1");
        long started = System.nanoTime();
        var response = streamed("{\"text\":\"" + unique("Azure stalls midway")
                + "\",\"voice_id\":\"en-US-AriaNeural\",\"provider\":\"azure\"}");
        assertEquals(200, response.statusCode());
        int received = 0;
        try (var body = response.body()) {
            received = body.readAllBytes().length;
        } catch (java.io.IOException brokenOff) {
            // a chunked answer that ends without its last chunk: what a client sees of an aborted stream
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        assertTrue(received < 40 * 417, "not the whole audio: " + received);
        assertTrue(seconds < 8, "ended after " + seconds + " s (timeout 2 s)");
    }

    @Test
    void aPreviewLinkPlaysOnEveryNodeUntilItExpires() throws Exception {
        long listed = System.currentTimeMillis();
        String url = onNode().get("/voices/local").path("voices.find { it.id == 'kevin' }.preview_url");
        assertTrue(url.startsWith(node.baseUri().toString()), url);
        String onSuiteNode = TestServer.get().baseUri().toString().replaceAll("/$", "")
                + url.substring(node.baseUri().toString().replaceAll("/$", "").length());
        assertEquals(200, LocalSpeechIT.play(onSuiteNode).statusCode(), "signed by one node, checked by another");
        // the link lives 10 s here, its expiry (in the link, epoch seconds) rounded up to the next 3 s window: refused
        // from that second on, at the latest 15 s after it was listed
        var expires = java.util.regex.Pattern.compile("[?&]expires=(\\d+)").matcher(url);
        assertTrue(expires.find(), url);
        long expiresAt = Long.parseLong(expires.group(1)) * 1000;
        assertTrue(expiresAt <= listed + 15_000, "the link expires " + (expiresAt - listed) + " ms after listing");
        Thread.sleep(Math.max(0, expiresAt + 250 - System.currentTimeMillis()));
        var expired = LocalSpeechIT.play(url);
        assertEquals(401, expired.statusCode());
        assertTrue(new String(expired.body()).contains("invalid_preview_link"), new String(expired.body()));
    }
}
