package com.vocelio.speech.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import com.vocelio.speech.entity.Utterance;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Azure with a token URL: the key is traded for a bearer token once, and the token is what synthesis sends. */
class AzureTokenExchangeTest {

    private HttpServer server;
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private AzureSpeech azure;

    @BeforeEach
    void fakeAzure() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        server.createContext("/sts/v1.0/issueToken", exchange -> {
            seen.add("token " + exchange.getRequestHeaders().getFirst("Ocp-Apim-Subscription-Key"));
            byte[] token = "token-123".getBytes();
            exchange.sendResponseHeaders(200, token.length);
            exchange.getResponseBody().write(token);
            exchange.close();
        });
        server.createContext("/cognitiveservices/v1", exchange -> {
            seen.add("speak " + exchange.getRequestHeaders().getFirst("Authorization") + " key="
                    + exchange.getRequestHeaders().getFirst("Ocp-Apim-Subscription-Key"));
            byte[] audio = Wav.of(new byte[3200], 16000);
            exchange.sendResponseHeaders(200, audio.length);
            exchange.getResponseBody().write(audio);
            exchange.close();
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        var http = new ProviderHttp();
        http.timeout = Duration.ofSeconds(5);
        http.connectTimeout = Duration.ofSeconds(2);
        http.open();
        azure = new AzureSpeech();
        azure.key = Optional.of("the-key");
        azure.region = "westeurope";
        azure.url = Optional.of(base);
        azure.tokenUrl = Optional.of(base + "/sts/v1.0/issueToken");
        azure.http = http;
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static Utterance hello() {
        return new Utterance(
                "Hello", false, "en-US-AriaNeural", "", 1, 0, 100, com.vocelio.speech.entity.AudioFormat.WAV);
    }

    @Test
    void theKeyIsExchangedOnceAndTheTokenSentInsteadOfIt() {
        var audio = azure.synthesize(hello());
        azure.synthesize(hello());
        assertEquals(
                List.of("token the-key", "speak Bearer token-123 key=null", "speak Bearer token-123 key=null"), seen);
        assertEquals(0.1, audio.seconds(), 1e-9);
    }

    @Test
    void aRefusedExchangeIsAProviderFailure() {
        server.removeContext("/sts/v1.0/issueToken");
        var failure = assertThrows(ProviderFailure.class, () -> azure.synthesize(hello()));
        assertEquals("azure", failure.provider());
        assertTrue(failure.reason().contains("HTTP 404"), failure.reason());
    }
}
