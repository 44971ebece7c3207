import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local engine's speed through the whole application: syntheses per second ({@code POST /synthesize}, every text
 * different so the cache never answers), and time to first byte and to the last, whole and streamed
 * ({@code POST /stream/synthesize}), for a one-sentence and a six-sentence text ("first byte" is the first byte of
 * audio, past the WAV header a stream sends at once). Then the same requests again, now
 * cache hits. It signs up an organization of its own, so it runs against a fresh {@code ./vocelio run} as it is.
 *
 * <pre>
 *   ./vocelio run
 *   java bench/SpeechBench.java [--url http://localhost:8080] [--clients 2] [--seconds 20] [--samples 20]
 * </pre>
 */
public class SpeechBench {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final Pattern FIELD = Pattern.compile("\"(\\w+)\"\\s*:\\s*\"([^\"]*)\"");
    static final String SHORT = "Thank you for calling, how can I help you today?";
    static final String LONG = "Thank you for calling the Vocelio demo line. Your call matters to us. An agent will be"
            + " with you shortly. Please have your account number ready. Calls may be recorded for quality purposes."
            + " We appreciate your patience.";

    static final int WAV_HEADER = 44;
    static String base = "http://localhost:8080";
    static String token;

    public static void main(String[] args) throws Exception {
        int clients = 2;
        int seconds = 20;
        int samples = 20;
        for (int i = 0; i < args.length - 1; i += 2) {
            switch (args[i]) {
                case "--url" -> base = args[i + 1].replaceAll("/+$", "");
                case "--clients" -> clients = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--samples" -> samples = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        token = field(post("/auth/register", """
                {"email":"bench@%s.example.com","password":"benchmark-password","organization_name":"Bench %s","subdomain":"b%s"}"""
                .formatted(suffix, suffix, suffix)), "access_token");
        timed("/synthesize", SHORT + " warm-up " + UUID.randomUUID(), false); // loads the voice
        throughput(clients, seconds);
        List<String> summary = new ArrayList<>();
        for (String text : List.of(SHORT, LONG)) {
            String label = text == SHORT ? "1 sentence" : "6 sentences";
            for (String path : List.of("/synthesize", "/stream/synthesize")) {
                List<long[]> fresh = new ArrayList<>();
                List<long[]> cached = new ArrayList<>();
                for (int i = 0; i < samples; i++) {
                    String unique = text + " Reference " + i + " " + suffix + path.length() + ".";
                    fresh.add(timed(path, unique, false));
                    cached.add(timed(path, unique, true));
                }
                report(label + ", " + path + ", synthesized", fresh);
                report(label + ", " + path + ", cache hit", cached);
                summary.add(String.format("time to first audio byte, %s, %s (synthesized): p50 %.1f ms, p95 %.1f ms",
                        label, path.startsWith("/stream") ? "streamed" : "whole   ",
                        percentile(firsts(fresh), 50), percentile(firsts(fresh), 95)));
            }
        }
        System.out.println();
        summary.forEach(System.out::println);
    }

    static List<Long> firsts(List<long[]> timings) {
        return timings.stream().map(t -> t[0]).toList();
    }

    static void throughput(int clients, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger done = new AtomicInteger();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            running.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    timed("/synthesize", SHORT + " " + UUID.randomUUID(), false);
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> future : running) {
            future.get();
        }
        pool.shutdown();
        System.out.printf("local syntheses per second (1 sentence, never cached), %d clients: %.1f/s%n", clients,
                done.get() / (double) seconds);
    }

    /** @return nanoseconds to the first byte of audio and to the last */
    static long[] timed(String path, String text, boolean expectHit) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"text\":\"" + text + "\",\"provider\":\"local\",\"voice_id\":\"kevin16\"}"))
                .build();
        long started = System.nanoTime();
        var response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " → " + response.statusCode()
                    + " " + new String(response.body().readAllBytes()));
        }
        if (!response.headers().firstValue("Provider").orElse("").equals("local")) {
            throw new IllegalStateException("not spoken by the local engine: " + response.headers().map());
        }
        if (expectHit && !response.headers().firstValue("X-Speech-Cache").orElse("").equals("hit")) {
            throw new IllegalStateException("expected a cache hit for " + text);
        }
        long first = 0;
        long received = 0;
        try (InputStream body = response.body()) {
            byte[] buffer = new byte[16384];
            for (int read; (read = body.read(buffer)) >= 0; ) {
                received += read;
                // the first byte of audio: a stream sends its 44-byte WAV header before FreeTTS has any samples
                if (received > WAV_HEADER && first == 0) {
                    first = System.nanoTime() - started;
                }
            }
        }
        return new long[] {first, System.nanoTime() - started};
    }

    static void report(String label, List<long[]> timings) {
        List<Long> first = new ArrayList<>();
        List<Long> last = new ArrayList<>();
        timings.forEach(t -> {
            first.add(t[0]);
            last.add(t[1]);
        });
        System.out.printf("%-45s first byte p50 %6.1f ms p95 %6.1f ms | last byte p50 %6.1f ms p95 %6.1f ms%n", label,
                percentile(first, 50), percentile(first, 95), percentile(last, 50), percentile(last, 95));
    }

    static double percentile(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        // nearest rank: the smallest value with at least p % of the samples at or below it
        int rank = (int) Math.ceil(sorted.size() * p / 100.0);
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1))) / 1e6;
    }

    static String post(String path, String body) throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(path + " → " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    static String field(String json, String name) {
        Matcher matcher = FIELD.matcher(json);
        while (matcher.find()) {
            if (matcher.group(1).equals(name)) {
                return matcher.group(2);
            }
        }
        throw new IllegalStateException("no " + name + " in " + json);
    }
}
