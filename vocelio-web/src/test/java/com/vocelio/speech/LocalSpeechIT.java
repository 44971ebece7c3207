package com.vocelio.speech;

import static com.vocelio.testing.Api.json;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.testing.Api;
import com.vocelio.testing.TestServer;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Speech on a machine with no keys (the suite's node): the tiers and voice lists the portal reads, and synthesis by
 * the offline engine (FreeTTS inside Payara) as audio a browser plays.
 */
class LocalSpeechIT {

    static Map<String, Object> body(Object... pairs) {
        Map<String, Object> body = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }

    /** A GET as a bare {@code <audio src>} makes it: no Authorization, no Origin. */
    static HttpResponse<byte[]> play(String url) {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(url))
                                    .header("Accept", "audio/*,*/*;q=0.5")
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    static Response synthesize(Map<String, Object> body) {
        return json().header("Origin", Api.ORIGIN).body(body).post("/synthesize");
    }

    @Test
    void tiersNameTheirConfiguredProvidersAsThePortalExpectsAndWithoutKeysTheLocalEngineSpeaksThem() {
        json().get("/tiers")
                .then()
                .statusCode(200)
                .body("tiers.regular.tts_provider", equalTo("azure")) // contract S1: azure | elevenlabs
                .body("tiers.regular.spoken_by", equalTo("local"))
                .body("tiers.regular.configured", equalTo(false))
                .body("tiers.regular.price_per_minute", equalTo(0.08f))
                .body("tiers.regular.quality", instanceOf(String.class))
                .body("tiers.regular.voices", hasItem("en-US-AriaNeural"))
                .body("tiers.premium.tts_provider", equalTo("elevenlabs"))
                .body("tiers.premium.spoken_by", equalTo("local"))
                .body("tiers.premium.price_per_minute", equalTo(0.25f))
                .body("tiers.local.tts_provider", equalTo("local"))
                .body("tiers.local.spoken_by", equalTo("local"))
                .body("tiers.local.configured", equalTo(true))
                .body("tiers.local.price_per_minute", equalTo(0))
                .body("description.premium", instanceOf(String.class));
    }

    @Test
    void localVoicesHaveEveryFieldOfAVoiceCard() {
        json().get("/voices/local")
                .then()
                .statusCode(200)
                .body("configured", equalTo(true))
                .body("stale", equalTo(false))
                .body("voices[0].id", equalTo("kevin16"))
                .body("voices.id", hasItems("kevin16", "kevin"))
                .body("voices.name", everyItem(instanceOf(String.class)))
                .body("voices.language", everyItem(instanceOf(String.class)))
                .body("voices.gender", everyItem(instanceOf(String.class)))
                .body("voices.style", everyItem(instanceOf(String.class)))
                .body("voices.neural", everyItem(equalTo(false)))
                .body("voices.sample_rate", everyItem(instanceOf(Integer.class)))
                .body("voices.accent", everyItem(instanceOf(String.class)))
                .body("voices.preview_url", everyItem(instanceOf(String.class)))
                .body("voices.find { it.id == 'kevin16' }.language", equalTo("en-US"))
                .body("voices.find { it.id == 'kevin16' }.gender", equalTo("male"))
                .body("voices.find { it.id == 'kevin16' }.sample_rate", equalTo(16000))
                .body("voices.find { it.id == 'kevin' }.sample_rate", equalTo(8000))
                .body(
                        "voices.find { it.id == 'kevin16' }.preview_url",
                        startsWith(TestServer.get()
                                .baseUri()
                                .resolve("/voices/preview/kevin16?")
                                .toString()));
    }

    /**
     * The portal reads a tier's tts_provider, lists /voices/{tts_provider}, previews a card and synthesizes with the
     * card's id: without keys all of it works, spoken by the local engine, and says so.
     */
    @Test
    void aProviderWithoutKeysListsItsTiersVoicesWhichTheLocalEngineSpeaks() {
        json().get("/voices/azure")
                .then()
                .statusCode(200)
                .body("configured", equalTo(false))
                .body("spoken_by", equalTo("local"))
                .body("voices.id", hasItems("en-US-AriaNeural", "en-US-JennyNeural", "en-US-GuyNeural"))
                .body("voices.find { it.id == 'en-US-AriaNeural' }.name", equalTo("Aria"))
                .body("voices.find { it.id == 'en-US-AriaNeural' }.language", equalTo("en-US"))
                .body("voices.gender", everyItem(instanceOf(String.class)))
                .body("voices.accent", everyItem(instanceOf(String.class)));
        json().get("/voices/elevenlabs")
                .then()
                .statusCode(200)
                .body("voices.id", hasItems("pNInz6obpgDQGcFmaJgB", "EXAVITQu4vr4xnSDxMaL"));
        json().get("/voices/piper").then().statusCode(200).body("voices", equalTo(List.of()));
        String preview = json().get("/voices/azure").path("voices.find { it.id == 'en-US-GuyNeural' }.preview_url");
        var played = play(preview);
        assertEquals(200, played.statusCode());
        assertEquals("local", played.headers().firstValue("Provider").orElse(""));
        assertTrue(WavFile.parse(played.body()).rms() > 0.01);
        synthesize(body("text", "Guy " + UUID.randomUUID(), "voice_id", "en-US-GuyNeural", "provider", "azure"))
                .then()
                .statusCode(200)
                .contentType("audio/wav")
                .header("Provider", "local");
    }

    @Test
    void anUnknownProviderIs404() {
        json().get("/voices/polly")
                .then()
                .statusCode(404)
                .body("success", equalTo(false))
                .body("code", equalTo("unknown_provider"));
    }

    @Test
    void localSynthesisIsAPlayableWavThatIsNotSilentAndLastsAsLongAsTheText() {
        String text =
                "Hello, this is an AI assistant calling from Vocelio. How can I help you today? " + UUID.randomUUID();
        var response = synthesize(body("text", text, "voice_id", "kevin16", "provider", "local"));
        response.then()
                .statusCode(200)
                .contentType("audio/wav")
                .header("Provider", "local")
                .header("Voice-ID", "kevin16")
                .header("Access-Control-Expose-Headers", org.hamcrest.Matchers.containsString("Voice-ID"));
        var wav = WavFile.parse(response.asByteArray());
        assertEquals(1, wav.channels());
        assertEquals(16000, wav.sampleRate());
        assertEquals(16, wav.bitsPerSample());
        assertTrue(wav.rms() > 0.01, "speech, not silence: rms " + wav.rms());
        // about 2.5 words a second at FreeTTS's 150 words a minute; 20 words (the uuid reads as several)
        assertTrue(wav.seconds() > 3 && wav.seconds() < 30, "a plausible length: " + wav.seconds() + " s");
    }

    @Test
    void thePortalsPreviewBodyGetsAudioEvenForAnAzureVoiceWithoutAzureKeys() {
        var response = synthesize(body(
                "text", "Testing the Aria voice " + UUID.randomUUID(),
                "voice_id", "en-US-AriaNeural",
                "provider", "azure",
                "speed", 1,
                "pitch", 0,
                "volume", 100,
                "customer_id", "voice_preview",
                "call_id", "preview_1",
                "language", "en-US"));
        response.then().statusCode(200).contentType("audio/wav").header("Provider", "local");
        assertTrue(WavFile.parse(response.asByteArray()).rms() > 0.01);
    }

    @Test
    void fasterSpeechIsShorter() {
        String text = "The quick brown fox jumps over the lazy dog. " + UUID.randomUUID();
        double normal = WavFile.parse(
                        synthesize(body("text", text, "provider", "local")).asByteArray())
                .seconds();
        double fast = WavFile.parse(synthesize(body("text", text, "provider", "local", "speed", 2))
                        .asByteArray())
                .seconds();
        assertTrue(fast < normal * 0.8, "speed 2: " + fast + " s against " + normal + " s");
    }

    @ParameterizedTest
    @CsvSource({
        "text,     '',           kevin16, local, 1,   0",
        "text,     '   ',        kevin16, local, 1,   0",
        "voice_id, Hello,        nobody,  local, 1,   0",
        "voice_id, Hello,        nobody,  auto,  1,   0",
        "provider, Hello,        kevin16, polly, 1,   0",
        "speed,    Hello,        kevin16, local, 0.1, 0",
        "speed,    Hello,        kevin16, local, 3,   0",
        "pitch,    Hello,        kevin16, local, 1,   80",
        "pitch,    Hello,        kevin16, local, 1,   -51",
    })
    void badRequestsAre400NamingTheField(
            String field, String text, String voice, String provider, double speed, double pitch) {
        synthesize(body("text", text, "voice_id", voice, "provider", provider, "speed", speed, "pitch", pitch))
                .then()
                .statusCode(400)
                .contentType("application/json")
                .body("success", equalTo(false))
                .body("details[0].field", equalTo(field));
    }

    @Test
    void textLongerThanTheLimitAndMalformedSsmlAre400() {
        synthesize(body("text", "a".repeat(5001), "provider", "local"))
                .then()
                .statusCode(400)
                .body("details[0].field", equalTo("text"));
        synthesize(body("text", "<speak>unclosed", "provider", "local"))
                .then()
                .statusCode(400)
                .body("details[0].field", equalTo("text"));
        synthesize(body("text", "Hello", "format", "ogg"))
                .then()
                .statusCode(400)
                .body("details[0].field", equalTo("format"));
        synthesize(body("text", "Hello", "speed", "fast"))
                .then()
                .statusCode(400)
                .body("details[0].field", equalTo("speed"));
    }

    @Test
    void ssmlIsSpokenAsItsText() {
        var response = synthesize(body(
                "text",
                "<speak version='1.0' xml:lang='en-US'>Hello <break time='200ms'/> from SSML " + UUID.randomUUID()
                        + "</speak>",
                "provider",
                "local"));
        response.then().statusCode(200).contentType("audio/wav");
        assertTrue(WavFile.parse(response.asByteArray()).rms() > 0.01);
    }

    @Test
    void autoWithoutKeysIsTheLocalEngine() {
        synthesize(body("text", "Auto picks " + UUID.randomUUID(), "provider", "auto"))
                .then()
                .statusCode(200)
                .header("Provider", "local")
                .header("Voice-ID", "kevin16");
    }

    @Test
    void withoutATokenSynthesisIs401() {
        Api.anonymous().body(body("text", "Hello")).post("/synthesize").then().statusCode(401);
        Api.anonymous().get("/tiers").then().statusCode(401);
    }

    @Test
    void anIdenticalRequestIsServedFromTheCache() {
        var request = body("text", "Cached once " + UUID.randomUUID(), "provider", "local", "voice_id", "kevin");
        var first = synthesize(request);
        first.then().statusCode(200).header("X-Speech-Cache", "miss");
        var second = synthesize(request);
        second.then().statusCode(200).header("X-Speech-Cache", "hit").header("Voice-ID", "kevin");
        assertTrue(java.util.Arrays.equals(first.asByteArray(), second.asByteArray()), "the same bytes");
        assertEquals(8000, WavFile.parse(second.asByteArray()).sampleRate());
        json().get("/speech/cache").then().statusCode(200).body("hits", org.hamcrest.Matchers.greaterThan(0));
    }

    @Test
    void usageIsRecordedPerOrganizationAndTierAndNotSeenByAnother() {
        var mine = Api.newOrganization();
        var other = Api.newOrganization();
        String text = "Metered " + UUID.randomUUID();
        mine.asAdmin()
                .body(body("text", text, "provider", "local"))
                .post("/synthesize")
                .then()
                .statusCode(200);
        mine.asAdmin()
                .body(body("text", text, "provider", "local"))
                .post("/synthesize")
                .then()
                .statusCode(200);
        mine.asAdmin()
                .get("/speech/usage")
                .then()
                .statusCode(200)
                .body("usage.size()", equalTo(1))
                .body("usage[0].tier", equalTo("local"))
                .body("usage[0].syntheses", equalTo(2))
                .body("usage[0].cached", equalTo(1))
                .body("usage[0].characters", equalTo(2 * text.length()))
                .body("usage[0].seconds", notNullValue());
        other.asAdmin().get("/speech/usage").then().statusCode(200).body("usage", equalTo(List.of()));
    }

    @Test
    void aVoicePreviewIsAShortSampleServedFromTheCacheTheSecondTime() {
        var first = json().get("/voices/preview/kevin");
        first.then()
                .statusCode(200)
                .contentType("audio/wav")
                .header("Provider", "local")
                .header("Voice-ID", "kevin");
        var wav = WavFile.parse(first.asByteArray());
        assertTrue(wav.rms() > 0.01 && wav.seconds() > 1 && wav.seconds() < 15, "a sample: " + wav.seconds() + " s");
        json().get("/voices/preview/kevin").then().statusCode(200).header("X-Speech-Cache", "hit");
        json().get("/voices/preview/nobody-at-all")
                .then()
                .statusCode(400)
                .body("details[0].field", equalTo("voice_id"));
    }

    @Test
    void concurrentSynthesesAllGetTheirOwnAudio() {
        var requests = new java.util.ArrayList<java.util.concurrent.Callable<byte[]>>();
        for (int i = 0; i < 8; i++) {
            String text = "Caller number " + i + " is being greeted. " + UUID.randomUUID();
            requests.add(() -> synthesize(body("text", text, "provider", "local"))
                    .then()
                    .statusCode(200)
                    .extract()
                    .asByteArray());
        }
        for (byte[] audio : com.vocelio.testing.Http.atOnce(requests)) {
            assertTrue(WavFile.parse(audio).rms() > 0.01);
        }
    }

    /** eSpeak NG is optional (a Debian package): where this machine has it, the local engine speaks its languages. */
    @Test
    void whereEspeakIsInstalledItsLanguagesAreLocalVoicesToo() {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/espeak-ng")), "espeak-ng installed");
        json().get("/voices/local")
                .then()
                .statusCode(200)
                .body("voices.find { it.id == 'espeak-de' }.language", equalTo("de"))
                .body("voices.find { it.id == 'espeak-en-us' }.language", equalTo("en-US"));
        var response = synthesize(body(
                "text",
                "Guten Tag, wie kann ich Ihnen helfen? " + UUID.randomUUID(),
                "voice_id",
                "espeak-de",
                "provider",
                "local"));
        response.then().statusCode(200).contentType("audio/wav").header("Voice-ID", "espeak-de");
        var wav = WavFile.parse(response.asByteArray());
        assertEquals(22050, wav.sampleRate());
        assertTrue(wav.rms() > 0.01 && wav.seconds() > 1, "speech: " + wav.seconds() + " s, rms " + wav.rms());
        var ssml = synthesize(body(
                "text",
                "<speak>Hallo <break time='500ms'/> Welt " + UUID.randomUUID() + "</speak>",
                "voice_id",
                "espeak-de",
                "provider",
                "local"));
        ssml.then().statusCode(200);
        assertTrue(WavFile.parse(ssml.asByteArray()).rms() > 0.01);
    }

    @Test
    void usageIsForManagersAndCacheFiguresForAdmins() {
        var organization = Api.newOrganization();
        String supervisor = Api.signedIn(organization, "supervisor", null);
        String service = Api.signedIn(organization, "service", null);
        Api.as(service)
                .body(body("text", "A bot speaks " + UUID.randomUUID(), "provider", "local"))
                .post("/synthesize")
                .then()
                .statusCode(200);
        Api.as(service).get("/speech/usage").then().statusCode(403).contentType("application/json");
        Api.as(supervisor).get("/speech/usage").then().statusCode(200).body("usage[0].syntheses", equalTo(1));
        Api.as(supervisor).get("/speech/cache").then().statusCode(403);
        organization.asAdmin().get("/speech/cache").then().statusCode(200).body("hit_rate", instanceOf(Float.class));
    }

    private static String previewUrlOf(String voiceId) {
        return json().get("/voices/local").path("voices.find { it.id == '" + voiceId + "' }.preview_url");
    }

    @Test
    void aVoiceCardsPreviewUrlPlaysWithoutABearerToken() {
        String url = previewUrlOf("kevin");
        assertTrue(url.contains("signature="), url);
        var played = play(url);
        assertEquals(200, played.statusCode(), new String(played.body()));
        assertEquals("audio/wav", played.headers().firstValue("Content-Type").orElse(""));
        assertEquals("kevin", played.headers().firstValue("Voice-ID").orElse(""));
        var wav = WavFile.parse(played.body());
        assertTrue(wav.rms() > 0.01 && wav.seconds() > 1, "a sample: " + wav.seconds() + " s");
        assertEquals(url, previewUrlOf("kevin"), "the same link while it is valid: the browser's cache serves it");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "another voice,          /voices/preview/kevin16?",
        "a changed signature,    signature=x",
        "a later expiry,         expires=9",
        "another organization,   org=x",
        "no expiry,              expires=",
    })
    void anAlteredPreviewLinkIs401Json(String change, String marker) {
        String url = previewUrlOf("kevin");
        String altered =
                switch (change) {
                    case "another voice" -> url.replace("/voices/preview/kevin?", marker);
                    case "a changed signature" -> url.replaceFirst("signature=[^&]*", "signature=AAAA" + url.length());
                    case "a later expiry" -> url.replaceFirst("expires=(\\d+)", "expires=$1" + "9");
                    case "another organization" -> url.replaceFirst("org=[^&]*", "org=" + UUID.randomUUID());
                    default -> url.replaceFirst("expires=\\d+", "expires=");
                };
        assertTrue(!altered.equals(url), change);
        var played = play(altered);
        assertEquals(401, played.statusCode(), change);
        assertTrue(played.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(new String(played.body()).contains("\"invalid_preview_link\""), new String(played.body()));
    }

    @Test
    void aPreviewWithNeitherLinkNorTokenIs401Json() {
        var bare =
                play(TestServer.get().baseUri().resolve("/voices/preview/kevin").toString());
        assertEquals(401, bare.statusCode());
        assertTrue(new String(bare.body()).contains("\"unauthenticated\""), new String(bare.body()));
    }
}
