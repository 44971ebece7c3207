package com.vocelio.speech;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * Azure, ElevenLabs and Piper as one local HTTP server (under {@code /azure}, {@code /eleven}, {@code /piper}) that
 * records every request and answers as the real services do, with real audio: a WAV tone, raw PCM, MPEG frames.
 * A path can be made to fail (HTTP 500), to stall (answer nothing for a long time), to drip (its answer in three
 * pieces 300 ms apart; {@link #finishedAt} says when the last left) or to stall midway (a first piece, then nothing).
 */
final class FakeSpeechProviders implements AutoCloseable {

    static final String AZURE_KEY = "azure-test-key";
    static final String ELEVEN_KEY = "eleven-test-key";

    /** A request as the fake saw it. */
    record Seen(String method, String path, String query, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(), "");
        }
    }

    private final HttpServer server;
    final List<Seen> seen = new CopyOnWriteArrayList<>();
    final Set<String> failing = ConcurrentHashMap.newKeySet();
    final Set<String> stalling = ConcurrentHashMap.newKeySet();
    final Set<String> dripping = ConcurrentHashMap.newKeySet();
    final Set<String> stallingMidway = ConcurrentHashMap.newKeySet();
    /** path → {@link System#nanoTime()} when the fake had sent the whole answer */
    final Map<String, Long> finishedAt = new ConcurrentHashMap<>();

    FakeSpeechProviders() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::answer);
        server.start();
    }

    String url(String prefix) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + prefix;
    }

    void reset() {
        seen.clear();
        failing.clear();
        stalling.clear();
        dripping.clear();
        stallingMidway.clear();
        finishedAt.clear();
    }

    List<Seen> seen(String pathPrefix) {
        return seen.stream().filter(s -> s.path().startsWith(pathPrefix)).toList();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Map<String, String> headers = exchange.getRequestHeaders().entrySet().stream()
                    .collect(Collectors.toMap(e -> e.getKey().toLowerCase(), e -> String.join(",", e.getValue())));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.add(new Seen(
                    exchange.getRequestMethod(), path, exchange.getRequestURI().getQuery(), headers, body));
            if (stalling.contains(path)) {
                sleep(20_000);
                return;
            }
            if (failing.contains(path)) {
                send(exchange, 500, "application/json", "{\"error\":\"upstream exploded\"}".getBytes());
                return;
            }
            if (path.startsWith("/azure/")) {
                azure(exchange, path, headers);
            } else if (path.startsWith("/eleven/")) {
                eleven(exchange, path, headers);
            } else if (path.startsWith("/piper")) {
                piper(exchange, path);
            } else {
                send(exchange, 404, "text/plain", new byte[0]);
            }
        }
    }

    private void azure(HttpExchange exchange, String path, Map<String, String> headers) throws IOException {
        if (!AZURE_KEY.equals(headers.get("ocp-apim-subscription-key"))) {
            send(exchange, 401, "application/json", "{\"error\":\"bad key\"}".getBytes());
        } else if (path.equals("/azure/cognitiveservices/voices/list")) {
            send(
                    exchange,
                    200,
                    "application/json",
                    """
                    [{"Name":"Microsoft Server Speech Text to Speech Voice (en-US, AriaNeural)","DisplayName":"Aria",
                      "LocalName":"Aria","ShortName":"en-US-AriaNeural","Gender":"Female","Locale":"en-US",
                      "LocaleName":"English (United States)","StyleList":["cheerful","chat"],
                      "SampleRateHertz":"24000","VoiceType":"Neural","Status":"GA"},
                     {"Name":"Microsoft Server Speech Text to Speech Voice (de-DE, KatjaNeural)","DisplayName":"Katja",
                      "ShortName":"de-DE-KatjaNeural","Gender":"Female","Locale":"de-DE","SampleRateHertz":"48000",
                      "VoiceType":"Neural"}]"""
                            .getBytes(StandardCharsets.UTF_8));
        } else if (path.equals("/azure/cognitiveservices/v1")) {
            String format = headers.getOrDefault("x-microsoft-outputformat", "");
            if (format.equals("riff-16khz-16bit-mono-pcm")) {
                send(exchange, 200, "audio/wav", tone(16000, 1.0));
            } else {
                send(exchange, 200, "audio/mpeg", mpegFrames(40));
            }
        } else {
            send(exchange, 404, "text/plain", new byte[0]);
        }
    }

    private void eleven(HttpExchange exchange, String path, Map<String, String> headers) throws IOException {
        if (!ELEVEN_KEY.equals(headers.get("xi-api-key"))) {
            send(exchange, 401, "application/json", "{\"detail\":\"invalid_api_key\"}".getBytes());
        } else if (path.equals("/eleven/v1/voices")) {
            send(
                    exchange,
                    200,
                    "application/json",
                    """
                    {"voices":[{"voice_id":"pNInz6obpgDQGcFmaJgB","name":"Adam","category":"premade",
                      "labels":{"accent":"american","gender":"male","age":"middle aged","use_case":"narration"},
                      "preview_url":"https://storage.example/adam.mp3"},
                     {"voice_id":"EXAVITQu4vr4xnSDxMaL","name":"Sarah","labels":{"gender":"female"}}]}"""
                            .getBytes(StandardCharsets.UTF_8));
        } else if (path.startsWith("/eleven/v1/text-to-speech/")) {
            String query = exchange.getRequestURI().getQuery();
            if (query != null && query.contains("output_format=pcm_16000")) {
                byte[] wav = tone(16000, 1.0);
                send(exchange, 200, "audio/pcm", java.util.Arrays.copyOfRange(wav, 44, wav.length));
            } else if (path.endsWith("/stream")) {
                exchange.getResponseHeaders().set("Content-Type", "audio/mpeg");
                exchange.sendResponseHeaders(200, 0); // chunked
                for (int i = 0; i < 3; i++) {
                    exchange.getResponseBody().write(mpegFrames(10));
                    exchange.getResponseBody().flush();
                    sleep(300);
                }
            } else {
                send(exchange, 200, "audio/mpeg", mpegFrames(30));
            }
        } else {
            send(exchange, 404, "text/plain", new byte[0]);
        }
    }

    private void piper(HttpExchange exchange, String path) throws IOException {
        if (path.equals("/piper/voices")) {
            send(
                    exchange,
                    200,
                    "application/json",
                    """
                    {"en_US-lessac-medium":{"language":{"code":"en_US","country_english":"United States"},
                     "audio":{"sample_rate":22050}}}"""
                            .getBytes(StandardCharsets.UTF_8));
        } else if (path.equals("/piper/") && exchange.getRequestMethod().equals("POST")) {
            send(exchange, 200, "audio/wav", tone(22050, 1.5));
        } else {
            send(exchange, 404, "text/plain", new byte[0]);
        }
    }

    private void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        String path = exchange.getRequestURI().getPath();
        exchange.getResponseHeaders().set("Content-Type", type);
        if (dripping.contains(path) || stallingMidway.contains(path)) {
            exchange.sendResponseHeaders(status, 0); // chunked, as the real services stream
            int third = body.length / 3;
            for (int piece = 0; piece < 3; piece++) {
                int end = piece == 2 ? body.length : (piece + 1) * third;
                exchange.getResponseBody().write(body, piece * third, end - piece * third);
                exchange.getResponseBody().flush();
                if (piece < 2) {
                    sleep(stallingMidway.contains(path) ? 20_000 : 300);
                }
            }
        } else {
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        }
        finishedAt.put(path, System.nanoTime());
    }

    /** A 440 Hz tone as 16-bit mono WAV: real, audible audio. */
    static byte[] tone(int rate, double seconds) {
        int samples = (int) (rate * seconds);
        var buffer = ByteBuffer.allocate(44 + 2 * samples).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put("RIFF".getBytes())
                .putInt(36 + 2 * samples)
                .put("WAVEfmt ".getBytes())
                .putInt(16);
        buffer.putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2);
        buffer.putShort((short) 2).putShort((short) 16).put("data".getBytes()).putInt(2 * samples);
        for (int i = 0; i < samples; i++) {
            buffer.putShort((short) (8000 * Math.sin(2 * Math.PI * 440 * i / rate)));
        }
        return buffer.array();
    }

    /**
     * MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz) with empty side information: what a decoder plays as
     * silence, 26 ms a frame.
     */
    static byte[] mpegFrames(int count) {
        int frame = 417;
        byte[] bytes = new byte[frame * count];
        for (int i = 0; i < count; i++) {
            bytes[i * frame] = (byte) 0xFF;
            bytes[i * frame + 1] = (byte) 0xFB;
            bytes[i * frame + 2] = (byte) 0x90;
            bytes[i * frame + 3] = (byte) 0x64;
        }
        return bytes;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
