import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Load generator for the routed transfer cycle (request → accept → complete) and GET /queue/status, over HTTP with
 * real tokens. Run against a started application:
 *
 * <pre>
 *   VOCELIO_RATELIMIT_REQUESTS_PER_MINUTE=0 ./vocelio run
 *   java bench/TransferBench.java [--url http://localhost:8080] [--clients 32] [--seconds 30] [--warmup 10]
 * </pre>
 *
 * It signs up its own organization, creates a department without wrap-up and one agent per client (capacity 1), so
 * every request finds a free agent and the measure is the routing path itself. Prints req/s and p50/p90/p99.
 */
public class TransferBench {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final Pattern FIELD = Pattern.compile("\"(access_token|id|transfer_id|status)\":\"([^\"]+)\"");

    static String base = "http://localhost:8080";
    static String token;

    public static void main(String[] args) throws Exception {
        int clients = 32;
        int seconds = 30;
        int warmup = 10;
        for (int i = 0; i < args.length - 1; i += 2) {
            switch (args[i]) {
                case "--url" -> base = args[i + 1];
                case "--clients" -> clients = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        setUp(clients);
        System.out.printf("machine: %d cores, %s %s; %d clients%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.version"), clients);

        run("warm-up", clients, warmup, TransferBench::cycle);
        var cycles = run("routed transfer cycle (3 requests each)", clients, seconds, TransferBench::cycle);
        report(cycles, seconds, "cycles");
        var status = run("GET /queue/status", clients, seconds, TransferBench::queueStatus);
        report(status, seconds, "requests");
    }

    static void setUp(int agents) throws Exception {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        token = field(send("POST", "/auth/register", """
                {"email":"bench@%s.example.com","password":"benchmark-password","organization_name":"Bench %s","subdomain":"b%s"}"""
                .formatted(suffix, suffix, suffix), 201), "access_token");
        send("POST", "/api/departments", """
                {"name":"Bench","phone_number":"+15551230003","wrap_up_seconds":0,"reservation_timeout_seconds":60,"max_queue_length":10000}""",
                201);
        for (int i = 0; i < agents; i++) {
            send("POST", "/agents/register", """
                    {"agent_id":"bench_%d","name":"Agent %d","department":"Bench","status":"available"}""".formatted(i, i),
                    201);
        }
    }

    /** One routed transfer: requested (offered at once to a free agent), accepted, completed. */
    static long[] cycle() throws Exception {
        long[] latencies = new long[3];
        long start = System.nanoTime();
        String body = send("POST", "/transfer/request", """
                {"call_id":"bench_%s","department":"Bench","urgency_level":"medium"}""".formatted(UUID.randomUUID()), 201);
        latencies[0] = System.nanoTime() - start;
        String transfer = field(body, "transfer_id");
        start = System.nanoTime();
        send("POST", "/transfer/" + transfer + "/accept", null, 200);
        latencies[1] = System.nanoTime() - start;
        start = System.nanoTime();
        send("POST", "/transfer/" + transfer + "/complete", null, 200);
        latencies[2] = System.nanoTime() - start;
        return latencies;
    }

    static long[] queueStatus() throws Exception {
        long start = System.nanoTime();
        send("GET", "/queue/status", null, 200);
        return new long[] {System.nanoTime() - start};
    }

    interface Work {
        long[] once() throws Exception;
    }

    record Result(long operations, long[] latencies, long errors) {}

    static Result run(String name, int clients, int seconds, Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        AtomicLong errors = new AtomicLong();
        List<Future<List<long[]>>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                var mine = new ArrayList<long[]>();
                while (System.nanoTime() < deadline) {
                    try {
                        mine.add(work.once());
                    } catch (Exception e) {
                        if (errors.incrementAndGet() <= 3) {
                            System.err.println(name + ": " + e.getMessage());
                        }
                    }
                }
                return mine;
            }));
        }
        var all = new ArrayList<long[]>();
        for (var future : futures) {
            all.addAll(future.get());
        }
        pool.shutdown();
        long[] latencies = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf("%s: %d done, %d errors%n", name, all.size(), errors.get());
        return new Result(all.size(), latencies, errors.get());
    }

    static void report(Result result, int seconds, String unit) {
        long[] l = result.latencies();
        System.out.printf("  %.0f %s/s, %.0f HTTP req/s; latency per HTTP request p50 %.1f ms, p90 %.1f ms, p99 %.1f ms%n",
                result.operations() / (double) seconds, unit, l.length / (double) seconds,
                percentile(l, 50), percentile(l, 90), percentile(l, 99));
    }

    static double percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    static String send(String method, String path, String body, int expected) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        var response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " → " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    static String field(String json, String name) {
        var matcher = FIELD.matcher(json);
        while (matcher.find()) {
            if (matcher.group(1).equals(name)) {
                return matcher.group(2);
            }
        }
        throw new IllegalStateException("no " + name + " in " + json);
    }
}
