import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many simulated calls per second the call lifecycle sustains, with their live events: for each rate of a ladder
 * it places that many calls per second ({@code POST /api/calls/make}) for a while, and follows every call on the
 * live feed ({@code /ws}, channel {@code live_call}) through {@code call_started}, ringing, in-progress and
 * {@code call_ended}. A call is on time when its {@code call_ended} arrives within the simulator's schedule (1 s to
 * ringing, 2 s of ringing, the configured talk time) plus one sweep period and {@code --slack}. A rate is sustained
 * when every call placed at it ended, with all four events, and the 99th percentile of the lateness stays under
 * {@code --slack}.
 *
 * <pre>
 *   VOCELIO_RATELIMIT_REQUESTS_PER_MINUTE=0 VOCELIO_TELEPHONY_SIMULATOR_TALK_TIME=PT2S ./vocelio run
 *   java bench/CallBench.java [--url http://localhost:8080] [--rates 5,10,20,40,80] [--seconds 20] [--talk 2]
 *                             [--slack 2] [--workers 8]
 * </pre>
 *
 * {@code --talk} must say the talk time the application was started with (seconds). Numbers called never end in
 * 0000–0003 (those are the simulator's busy, no-answer, failed and short calls).
 */
public class CallBench {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final Pattern FIELD = Pattern.compile("\"(\\w+)\"\\s*:\\s*\"([^\"]*)\"");
    static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"(call_\\w+)\"");
    static final Pattern SID = Pattern.compile("\"call_sid\"\\s*:\\s*\"(CA[0-9a-f]{32})\"");
    static final Pattern TELEPHONY = Pattern.compile("\"telephony_status\"\\s*:\\s*\"([a-z-]+)\"");

    static String base = "http://localhost:8080";
    static String token;

    /** What the feed told of one call, in nanoseconds of this process's clock (0: not yet). */
    static final class Seen {
        volatile long placed;
        volatile long started;
        volatile long ringing;
        volatile long answered;
        volatile long ended;
    }

    static final Map<String, Seen> CALLS = new ConcurrentHashMap<>();
    static final AtomicInteger EVENTS = new AtomicInteger();

    public static void main(String[] args) throws Exception {
        List<Integer> rates = List.of(5, 10, 20, 40, 80);
        int seconds = 20;
        int talk = 2;
        int slack = 2;
        int workers = 8;
        for (int i = 0; i < args.length - 1; i += 2) {
            switch (args[i]) {
                case "--url" -> base = args[i + 1].replaceAll("/+$", "");
                case "--rates" -> rates = java.util.Arrays.stream(args[i + 1].split(","))
                        .map(String::strip)
                        .map(Integer::valueOf)
                        .toList();
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--talk" -> talk = Integer.parseInt(args[i + 1]);
                case "--slack" -> slack = Integer.parseInt(args[i + 1]);
                case "--workers" -> workers = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        token = field(post("/auth/register", """
                {"email":"bench@%s.example.com","password":"benchmark-password","organization_name":"Calls %s","subdomain":"c%s"}"""
                .formatted(suffix, suffix, suffix)), "access_token");
        listen();
        long lifecycle = TimeUnit.SECONDS.toNanos(1 + 2 + talk + 1); // to ringing, ringing, talk, one sweep
        Integer sustained = null;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        for (int rate : rates) {
            CALLS.clear();
            EVENTS.set(0);
            List<String> placed = place(pool, rate, seconds);
            // wait for the last calls' lifecycle, and the slack, before judging
            long deadline = System.nanoTime() + lifecycle + TimeUnit.SECONDS.toNanos(slack + 5L);
            while (System.nanoTime() < deadline && placed.stream().anyMatch(sid -> seen(sid).ended == 0)) {
                Thread.sleep(200);
            }
            boolean ok = report(rate, seconds, placed, lifecycle, slack);
            if (ok) {
                sustained = rate;
            } else {
                break; // a higher rate will not do better
            }
        }
        pool.shutdownNow();
        System.out.println(sustained == null
                ? "sustained: none of the rates tried"
                : "sustained: " + sustained + " calls/s (the highest rate tried whose every call ran its lifecycle on time)");
        System.exit(0);
    }

    static Seen seen(String sid) {
        return CALLS.computeIfAbsent(sid, key -> new Seen());
    }

    /** Places {@code rate} calls per second for {@code seconds}, spread evenly; returns their sids. */
    static List<String> place(ExecutorService pool, int rate, int seconds) throws Exception {
        List<CompletableFuture<String>> calls = new ArrayList<>();
        long start = System.nanoTime();
        long interval = 1_000_000_000L / rate;
        for (int i = 0; i < rate * seconds; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            calls.add(CompletableFuture.supplyAsync(CallBench::makeCall, pool));
        }
        List<String> sids = new ArrayList<>();
        for (var call : calls) {
            sids.add(call.get(60, TimeUnit.SECONDS));
        }
        return sids;
    }

    static String makeCall() {
        String to = "+1555" + ThreadLocalRandom.current().nextInt(100, 999)
                + ThreadLocalRandom.current().nextInt(1000, 9999);
        long now = System.nanoTime();
        try {
            String sid = field(send(HttpRequest.newBuilder(URI.create(base + "/api/calls/make"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"to\":\"" + to + "\",\"from\":\"+12025550100\",\"message\":\"Benchmark call\"}"))
                    .build()), "call_sid");
            seen(sid).placed = now;
            return sid;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean report(int rate, int seconds, List<String> placed, long lifecycle, int slack) {
        int complete = 0;
        int ended = 0;
        List<Long> late = new ArrayList<>();
        for (String sid : placed) {
            Seen s = seen(sid);
            if (s.ended != 0) {
                ended++;
                late.add(Math.max(0, s.ended - s.placed - lifecycle));
                if (s.started != 0 && s.ringing != 0 && s.answered != 0) {
                    complete++;
                }
            }
        }
        Collections.sort(late);
        double p50 = late.isEmpty() ? Double.NaN : late.get(late.size() / 2) / 1e9;
        double p99 = late.isEmpty() ? Double.NaN : late.get(Math.min(late.size() - 1, late.size() * 99 / 100)) / 1e9;
        boolean ok = ended == placed.size() && complete == placed.size() && p99 < slack;
        System.out.printf(
                "%4d calls/s for %d s: placed %d, ended %d, all four events for %d, live events %d (%.0f/s);"
                        + " lateness after the schedule p50 %.2f s p99 %.2f s -> %s%n",
                rate, seconds, placed.size(), ended, complete, EVENTS.get(),
                EVENTS.get() / (double) (seconds + lifecycle / 1e9), p50, p99, ok ? "sustained" : "NOT sustained");
        return ok;
    }

    /** One socket on the live feed, subscribed to the organization's calls. */
    static void listen() throws Exception {
        String ws = base.replaceFirst("^http", "ws") + "/ws?access_token=" + token;
        var subscribed = new CountDownLatch(1);
        WebSocket socket = HTTP.newWebSocketBuilder()
                .buildAsync(URI.create(ws), new WebSocket.Listener() {
                    final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            heard(text.toString());
                            text.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }
                })
                .get(10, TimeUnit.SECONDS);
        socket.sendText("{\"type\":\"subscribe\",\"channel\":\"live_call\"}", true).get(5, TimeUnit.SECONDS);
        Thread.sleep(500); // the feed registers the subscription
    }

    static void heard(String message) {
        long now = System.nanoTime();
        Matcher type = TYPE.matcher(message);
        Matcher sid = SID.matcher(message);
        if (!type.find() || !sid.find()) {
            return;
        }
        EVENTS.incrementAndGet();
        Seen s = seen(sid.group(1));
        switch (type.group(1)) {
            case "call_started" -> s.started = now;
            case "call_ended" -> s.ended = now;
            case "call_status_changed" -> {
                Matcher status = TELEPHONY.matcher(message);
                if (status.find()) {
                    if (status.group(1).equals("ringing")) {
                        s.ringing = now;
                    } else if (status.group(1).equals("in-progress")) {
                        s.answered = now;
                    }
                }
            }
            default -> {}
        }
    }

    static String post(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    static String send(HttpRequest request) throws Exception {
        var response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(request.uri() + " → " + response.statusCode() + " " + response.body());
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
