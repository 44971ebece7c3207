import java.lang.management.ManagementFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Base64;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Pattern;

/**
 * Load generator for the live-event path: transfers created over HTTP, their stored events fanned out to many
 * WebSocket subscribers of {@code /ws/transfers}. Run against a started application with the rate limit off:
 *
 * <pre>
 *   VOCELIO_RATELIMIT_REQUESTS_PER_MINUTE=0 ./vocelio run
 *   java bench/EventBench.java --clients 1000
 *   java bench/EventBench.java [--base http://localhost:8080] [--clients 100] [--seconds 20] [--rate 50]
 *                              [--path /ws/transfers] [--warmup 5] [--drain 10] [--client lean|jdk]
 *                              [--database-url jdbc:postgresql://localhost:PORT/vocelio?user=postgres]
 * </pre>
 *
 * It signs up its own organization and creates a department without agents (transfers just queue; more than one
 * department when rate × seconds exceeds a queue's 10,000 limit), then opens N sockets with {@code ?access_token=}
 * in parallel batches and waits until each is subscribed (its first {@code transfer_status} message follows the
 * feed's registration). After an unmeasured warm-up of the same load ({@code --warmup} seconds, then everything is
 * reset), for S seconds it creates R transfers per second ({@code POST /api/calls/transfer}, 201, a few HTTP
 * workers), then waits until every client has every transfer's event or none came for {@code --drain} seconds.
 *
 * <p>Measures, per event per client: "event written → received" = receive time − the envelope's {@code timestamp}
 * (the row's {@code clock_timestamp()} inside the writing transaction, same machine clock: an upper bound of
 * commit → receive); and for each transfer's {@code transfer_queued}: "HTTP 201 → received" (negative when the event
 * beat the response). With {@code --database-url} (the embedded database's URL is printed by {@code ./vocelio run}):
 * "event commit → received", from PostgreSQL's commit time of each event's transaction, which the aim is
 * about and which lies between those two. Checks that every client got every {@code transfer_queued} exactly once.
 * The bench shares the machine with the server, so on few cores its own CPU use (printed) is part of the latency.
 */
public class EventBench {

    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    static final Pattern FIELD = Pattern.compile("\"(access_token|id|transfer_id|status)\":\"([^\"]+)\"");

    static String base = "http://localhost:8080";
    static String token;

    /** Wall clock in µs since the epoch from the monotonic clock: cheap, and as precise as the machine's. */
    static final long WALL_MICROS_AT_START = epochMicros(Instant.now());
    static final long NANO_AT_START = System.nanoTime();

    /** transfer_id → dense index, assigned by whichever side sees it first (the 201 or an event). */
    static final Map<String, Integer> TRANSFER_INDEX = new ConcurrentHashMap<>();
    static final AtomicInteger NEXT_INDEX = new AtomicInteger();
    /** An event this run saw: a dense ordinal, and its envelope timestamp in epoch µs (parsed once, not per client). */
    record Seen(int ordinal, long writtenMicros) {}

    /** Event id → what the first client to get it learned. */
    static final Map<String, Seen> EVENT_TIME = new ConcurrentHashMap<>();
    static final AtomicInteger NEXT_EVENT = new AtomicInteger();
    /** Where to read the events' commit times: a JDBC URL to the application's database, or null. */
    static String databaseUrl;
    /** Transfer index → nanoTime its 201 came back (0: not created by this run, or not yet). */
    static volatile AtomicLongArray created201;
    static volatile long loadStartNanos;

    public static void main(String[] args) throws Exception {
        int clients = 100;
        int seconds = 20;
        int rate = 50;
        String path = "/ws/transfers";
        int drain = 10;
        int warmup = 5;
        String client = "lean";
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("options come in pairs: --name value");
        }
        for (int i = 0; i < args.length - 1; i += 2) {
            switch (args[i]) {
                case "--base", "--url" -> base = args[i + 1].replaceAll("/+$", "");
                case "--clients" -> clients = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--rate" -> rate = Integer.parseInt(args[i + 1]);
                case "--path" -> path = args[i + 1];
                case "--drain" -> drain = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--client" -> client = args[i + 1];
                case "--database-url" -> databaseUrl = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        int planned = rate * (seconds + warmup);
        created201 = new AtomicLongArray(planned * 2 + 1000);
        System.out.printf("machine: %d cores, %s %s, JVM %s %s; server %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("java.vm.name"),
                Runtime.version(), base);

        List<String> departments = setUp((planned + 9_000) / 9_000);
        String wsBase = base.replaceFirst("^http", "ws");
        URI socketUri = URI.create(wsBase + path + "?access_token=" + token);

        // ---- connect
        var subscribers = switch (client) {
            case "lean" -> LeanSockets.connect(clients, socketUri);
            case "jdk" -> connect(clients, socketUri);
            default -> throw new IllegalArgumentException("--client is lean or jdk");
        };
        List<Subscriber> ready = subscribers.stream().filter(s -> s.ready.getCount() == 0).toList();
        if (ready.isEmpty()) {
            System.out.println("no subscriber is ready; nothing to measure");
            System.exit(1);
        }

        int workers = Math.max(4, Math.min(32, rate / 10));
        if (warmup > 0) {
            // the same load, unmeasured: the server's (and this program's) JIT warms up; then everything is reset
            var warm = load(rate, warmup, workers, departments);
            long warmDrain = drain(ready, warm.created(), drain);
            System.out.printf("warm-up: %d transfers in %d s, drained in %.1f s (not measured)%n", warm.created(),
                    warmup, warmDrain / 1e9);
            TRANSFER_INDEX.clear();
            NEXT_INDEX.set(0);
            EVENT_TIME.clear();
            NEXT_EVENT.set(0);
            created201 = new AtomicLongArray(planned * 2 + 1000);
            ready.forEach(Subscriber::reset);
        }

        // ---- load
        long cpuBefore = processCpuNanos();
        var load = load(rate, seconds, workers, departments);
        System.out.printf("load: %d transfers created in %.1f s by %d HTTP workers → %.1f/s (target %d/s); %d errors; "
                        + "POST p50 %.1f ms, p99 %.1f ms%n",
                load.created, load.elapsedNanos / 1e9, workers, load.created / (load.elapsedNanos / 1e9), rate,
                load.errors, percentile(load.postMicros, 50) / 1e3, percentile(load.postMicros, 99) / 1e3);

        // ---- drain: until every ready client has every created transfer_queued, or nothing new arrives for a while
        long drainNanos = drain(ready, load.created(), drain);
        long cpuAfter = processCpuNanos();

        // ---- report
        long stillOpen = ready.stream().filter(s -> !s.closed).count();
        report(clients, subscribers, ready, load, drainNanos, cpuAfter - cpuBefore, stillOpen);
        missingDetail(ready, load);

        for (Subscriber s : subscribers) {
            if (s.closer != null && !s.closed) {
                s.closer.run();
            }
        }
        Thread.sleep(500);
        System.exit(0);
    }

    /** Waits until every client has every created transfer_queued, or none came for {@code quiet} seconds. */
    static long drain(List<Subscriber> ready, int created, int quiet) throws InterruptedException {
        long start = System.nanoTime();
        long expected = (long) created * ready.size();
        long lastTotal = -1;
        long lastChange = start;
        while (true) {
            long got = ready.stream().mapToLong(s -> s.queuedSeen.get()).sum();
            if (got >= expected) {
                break;
            }
            if (got != lastTotal) {
                lastTotal = got;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > TimeUnit.SECONDS.toNanos(quiet)) {
                break;
            }
            Thread.sleep(20);
        }
        return System.nanoTime() - start;
    }

    // ------------------------------------------------------------------------------------------------ set-up

    static List<String> setUp(int departmentCount) throws Exception {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        token = field(send("POST", "/auth/register", """
                {"email":"bench@%s.example.com","password":"benchmark-password","organization_name":"Bench %s","subdomain":"b%s"}"""
                .formatted(suffix, suffix, suffix), 201), "access_token");
        var ids = new ArrayList<String>();
        for (int i = 0; i < departmentCount; i++) {
            ids.add(field(send("POST", "/api/departments", """
                    {"name":"Events %d","phone_number":"+1555123%04d","wrap_up_seconds":0,"reservation_timeout_seconds":60,"max_queue_length":10000}"""
                    .formatted(i, 4000 + i), 201), "id"));
        }
        return ids;
    }

    // ------------------------------------------------------------------------------------------------ sockets

    /** One WebSocket client; its listener's calls are sequential, and it locks itself only for the reporting thread. */
    static final class Subscriber implements WebSocket.Listener {
        final int number;
        final CountDownLatch authenticated = new CountDownLatch(1);
        final CountDownLatch ready = new CountDownLatch(1);
        /** Sends a normal close; null until the socket is open. */
        volatile Runnable closer;
        volatile boolean closed;
        volatile String closeReason;
        volatile String error;
        final AtomicLong queuedSeen = new AtomicLong(); // distinct transfer_queued (read by the main thread)
        private final StringBuilder partial = new StringBuilder();

        // written by the listener only; read after the run
        int[] writtenToReceivedMicros = new int[1024];
        int[] eventOrdinals = new int[1024]; // which event each of those was (EVENT_TIME's ordinal)
        int latencyCount;
        long[] receivedAt = new long[1024]; // transfer index → nanoTime of its transfer_queued
        byte[] queuedCount = new byte[1024];
        long events; // stored events (with an id)
        long statusMessages;
        long otherMessages;
        long firstEventNanos;
        long lastEventNanos;

        Subscriber(int number) {
            this.number = number;
        }

        /** Forgets the warm-up. */
        synchronized void reset() {
            writtenToReceivedMicros = new int[1024];
            eventOrdinals = new int[1024];
            latencyCount = 0;
            receivedAt = new long[1024];
            queuedCount = new byte[1024];
            events = 0;
            statusMessages = 0;
            otherMessages = 0;
            firstEventNanos = 0;
            lastEventNanos = 0;
            queuedSeen.set(0);
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            long nanos = System.nanoTime();
            if (!last || partial.length() > 0) {
                partial.append(data);
                if (!last) {
                    webSocket.request(1);
                    return null;
                }
                data = partial.toString();
                partial.setLength(0);
            }
            try {
                handle(data.toString(), nanos);
            } catch (RuntimeException e) {
                if (error == null) {
                    error = e + " on " + data;
                }
            }
            webSocket.request(1);
            return null;
        }

        /** Synchronized: publishes the arrays to the reporting thread, and keeps {@link #reset} atomic. */
        synchronized void handle(String text, long nanos) {
            String type = stringAfter(text, "\"type\":\"", 0);
            if (text.startsWith("{\"id\":\"")) {
                events++;
                if (firstEventNanos == 0) {
                    firstEventNanos = nanos;
                }
                lastEventNanos = nanos;
                String id = stringAfter(text, "{\"id\":\"", 0);
                Seen seen = EVENT_TIME.get(id);
                if (seen == null) {
                    seen = EVENT_TIME.computeIfAbsent(id, k -> new Seen(NEXT_EVENT.getAndIncrement(),
                            epochMicros(OffsetDateTime.parse(stringAfter(text, "\"timestamp\":\"", 0)).toInstant())));
                }
                long micros = wallMicros(nanos) - seen.writtenMicros();
                if (latencyCount == writtenToReceivedMicros.length) {
                    writtenToReceivedMicros = Arrays.copyOf(writtenToReceivedMicros, latencyCount * 2);
                    eventOrdinals = Arrays.copyOf(eventOrdinals, latencyCount * 2);
                }
                eventOrdinals[latencyCount] = seen.ordinal();
                writtenToReceivedMicros[latencyCount++] = (int) Math.min(Integer.MAX_VALUE, micros);
                if ("transfer_queued".equals(type)) {
                    String transferId = stringAfter(text, "\"transfer_id\":", 0);
                    if (transferId.isEmpty()) {
                        throw new IllegalStateException("transfer_queued without a transfer_id");
                    }
                    int index = TRANSFER_INDEX.computeIfAbsent(transferId, k -> NEXT_INDEX.getAndIncrement());
                    if (index >= queuedCount.length) {
                        int size = Math.max(index + 1, queuedCount.length * 2);
                        queuedCount = Arrays.copyOf(queuedCount, size);
                        receivedAt = Arrays.copyOf(receivedAt, size);
                    }
                    if (queuedCount[index] == 0) {
                        receivedAt[index] = nanos;
                        queuedSeen.incrementAndGet();
                    }
                    if (queuedCount[index] < Byte.MAX_VALUE) {
                        queuedCount[index]++;
                    }
                }
            } else if ("authenticated".equals(type)) {
                authenticated.countDown();
            } else if ("transfer_status".equals(type)) {
                statusMessages++;
                ready.countDown(); // the first one is sent after the feed is registered
            } else {
                otherMessages++;
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed = true;
            closeReason = statusCode + " " + reason;
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable cause) {
            closed = true;
            if (error == null) {
                error = String.valueOf(cause);
            }
        }
    }

    static List<Subscriber> connect(int clients, URI uri) throws Exception {
        // a few clients, so the sockets' reading is spread over several selector threads
        int clientCount = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors() * 2, (clients + 99) / 100));
        var socketClients = new ArrayList<HttpClient>();
        for (int i = 0; i < clientCount; i++) {
            socketClients.add(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
        }
        var subscribers = new ArrayList<Subscriber>();
        int batch = 100;
        long start = System.nanoTime();
        int failed = 0;
        var failures = new ConcurrentHashMap<String, AtomicInteger>();
        for (int from = 0; from < clients; from += batch) {
            var opening = new ArrayList<CompletableFuture<WebSocket>>();
            var those = new ArrayList<Subscriber>();
            for (int i = from; i < Math.min(clients, from + batch); i++) {
                var subscriber = new Subscriber(i);
                those.add(subscriber);
                opening.add(socketClients.get(i % clientCount).newWebSocketBuilder()
                        .connectTimeout(Duration.ofSeconds(10))
                        .buildAsync(uri, subscriber));
            }
            for (int i = 0; i < opening.size(); i++) {
                try {
                    WebSocket socket = opening.get(i).get(30, TimeUnit.SECONDS);
                    those.get(i).closer = () -> socket.sendClose(WebSocket.NORMAL_CLOSURE, "bench done");
                } catch (Exception e) {
                    failed++;
                    Throwable cause = e.getCause() == null ? e : e.getCause();
                    failures.computeIfAbsent(String.valueOf(cause), k -> new AtomicInteger()).incrementAndGet();
                }
            }
            subscribers.addAll(those);
        }
        long opened = System.nanoTime() - start;
        awaitSubscribed(subscribers, uri, batch, clientCount + " HTTP clients", clients - failed, failed, opened, start);
        failures.forEach((cause, count) -> System.out.printf("  connect failure ×%d: %s%n", count.get(), cause));
        return subscribers;
    }

    static void awaitSubscribed(List<Subscriber> subscribers, URI uri, int batch, String over, int opened, int failed,
            long openNanos, long start) throws InterruptedException {
        long authenticated = awaitAll(subscribers, s -> s.authenticated, 30);
        long authNanos = System.nanoTime() - start;
        long ready = awaitAll(subscribers, s -> s.ready, 30);
        long readyNanos = System.nanoTime() - start;
        System.out.printf("connect: %d sockets to %s in batches of %d over %s: %d opened in %.2f s "
                        + "(%d failed), %d authenticated by %.2f s, %d subscribed (first transfer_status) by %.2f s%n",
                subscribers.size(), uri.getPath(), batch, over, opened, openNanos / 1e9, failed, authenticated,
                authNanos / 1e9, ready, readyNanos / 1e9);
        subscribers.stream().filter(s -> s.closer != null && s.ready.getCount() > 0).limit(3).forEach(s ->
                System.out.printf("  not subscribed: client %d closed=%s reason=%s error=%s%n", s.number, s.closed,
                        s.closeReason, s.error));
    }

    interface LatchOf {
        CountDownLatch of(Subscriber s);
    }

    static long awaitAll(List<Subscriber> subscribers, LatchOf latch, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long count = 0;
        for (Subscriber s : subscribers) {
            if (s.closer == null) {
                continue;
            }
            long left = deadline - System.nanoTime();
            if (latch.of(s).await(Math.max(0, left), TimeUnit.NANOSECONDS)) {
                count++;
            }
        }
        return count;
    }

    // ------------------------------------------------------------------------------------------------ load

    record Load(int created, long errors, long elapsedNanos, long[] postMicros) {}

    static Load load(int rate, int seconds, int workers, List<String> departments) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        long start = System.nanoTime();
        loadStartNanos = start;
        long total = (long) rate * seconds;
        AtomicLong sequence = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicInteger created = new AtomicInteger();
        AtomicLong lastDone = new AtomicLong(start);
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Future<long[]>> futures = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            futures.add(pool.submit(() -> {
                long[] mine = new long[(int) (total / workers + 16)];
                int count = 0;
                long n;
                while ((n = sequence.getAndIncrement()) < total) {
                    long due = start + n * 1_000_000_000L / rate;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    try {
                        long sent = System.nanoTime();
                        String body = send("POST", "/api/calls/transfer", """
                                {"call_id":"ev_%s_%d","target_department":"%s"}"""
                                .formatted(run, n, departments.get((int) (n % departments.size()))), 201);
                        long done = System.nanoTime();
                        int index = TRANSFER_INDEX.computeIfAbsent(field(body, "transfer_id"),
                                k -> NEXT_INDEX.getAndIncrement());
                        if (index < created201.length()) {
                            created201.set(index, done);
                        }
                        created.incrementAndGet();
                        lastDone.accumulateAndGet(done, Math::max);
                        if (count == mine.length) {
                            mine = Arrays.copyOf(mine, count * 2);
                        }
                        mine[count++] = (done - sent) / 1_000; // µs
                    } catch (Exception e) {
                        if (errors.incrementAndGet() <= 3) {
                            System.err.println("POST /api/calls/transfer: " + e.getMessage());
                        }
                    }
                }
                return Arrays.copyOf(mine, count);
            }));
        }
        var all = new ArrayList<long[]>();
        for (var future : futures) {
            all.add(future.get());
        }
        pool.shutdown();
        long[] posts = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Load(created.get(), errors.get(), lastDone.get() - start, posts);
    }

    // ------------------------------------------------------------------------------------------------ report

    static void report(int clients, List<Subscriber> all, List<Subscriber> ready, Load load, long drainNanos,
            long benchCpuNanos, long stillOpen) {
        int transfers = NEXT_INDEX.get();
        long events = 0;
        long statusMessages = 0;
        long otherMessages = 0;
        long first = Long.MAX_VALUE;
        long last = 0;
        int latencies = 0;
        long missing = 0;
        long duplicates = 0;
        long clientsMissing = 0;
        long foreign = 0; // transfer_queued whose 201 we never saw (timed out / failed request)
        long httpSamples = 0;
        long before201 = 0;
        for (Subscriber s : ready) {
            synchronized (s) {
                events += s.events;
                statusMessages += s.statusMessages;
                otherMessages += s.otherMessages;
                if (s.firstEventNanos != 0) {
                    first = Math.min(first, s.firstEventNanos);
                    last = Math.max(last, s.lastEventNanos);
                }
                latencies += s.latencyCount;
            }
        }
        int[] written = new int[latencies];
        int[] ordinals = new int[latencies];
        long[] http = new long[load.created() * ready.size()];
        int w = 0;
        for (Subscriber s : ready) {
            synchronized (s) {
                System.arraycopy(s.writtenToReceivedMicros, 0, written, w, s.latencyCount);
                System.arraycopy(s.eventOrdinals, 0, ordinals, w, s.latencyCount);
                w += s.latencyCount;
                boolean lacks = false;
                for (int i = 0; i < transfers; i++) {
                    long ok = i < created201.length() ? created201.get(i) : 0;
                    int seen = i < s.queuedCount.length ? s.queuedCount[i] : 0;
                    if (ok == 0) {
                        if (seen > 0) {
                            foreign++;
                        }
                        continue;
                    }
                    if (seen == 0) {
                        missing++;
                        lacks = true;
                    } else {
                        if (seen > 1) {
                            duplicates += seen - 1;
                        }
                        long delta = s.receivedAt[i] - ok;
                        if (delta < 0) {
                            before201++;
                        }
                        if (httpSamples < http.length) {
                            http[(int) httpSamples++] = delta / 1_000; // µs
                        }
                    }
                }
                if (lacks) {
                    clientsMissing++;
                }
            }
        }
        // how long one event takes to reach every client: its first client's receipt to its last one's
        long[] firstAt = new long[transfers];
        long[] lastAt = new long[transfers];
        Arrays.fill(firstAt, Long.MAX_VALUE);
        for (Subscriber s : ready) {
            synchronized (s) {
                for (int i = 0; i < Math.min(transfers, s.queuedCount.length); i++) {
                    if (s.queuedCount[i] > 0) {
                        firstAt[i] = Math.min(firstAt[i], s.receivedAt[i]);
                        lastAt[i] = Math.max(lastAt[i], s.receivedAt[i]);
                    }
                }
            }
        }
        long[] spread = java.util.stream.IntStream.range(0, transfers)
                .filter(i -> firstAt[i] != Long.MAX_VALUE && i < created201.length() && created201.get(i) != 0)
                .mapToLong(i -> (lastAt[i] - firstAt[i]) / 1_000)
                .sorted()
                .toArray();
        String commitLine = commitToReceived(written, ordinals);
        Arrays.sort(written);
        long[] httpSorted = Arrays.copyOf(http, (int) httpSamples);
        Arrays.sort(httpSorted);
        double span = last > first ? (last - first) / 1e9 : Double.NaN;
        System.out.printf("clients: %d requested, %d subscribed and measured, %d still open at the end%n", clients,
                ready.size(), stillOpen);
        System.out.printf("delivered: %d stored events to clients (%d transfer_status, %d other messages) over %.1f s "
                        + "→ %.0f events/s across clients; drain after the last 201: %.2f s%n",
                events, statusMessages, otherMessages, span, events / span, drainNanos / 1e9);
        System.out.printf("event written → received (all %d event deliveries): p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, "
                        + "max %.1f ms%n",
                written.length, percentile(written, 50) / 1e3, percentile(written, 90) / 1e3,
                percentile(written, 99) / 1e3, written.length == 0 ? Double.NaN : written[written.length - 1] / 1e3);
        System.out.println(commitLine);
        System.out.printf("HTTP 201 → transfer_queued received (%d deliveries; %d arrived before the 201): p50 %.1f ms, "
                        + "p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                httpSorted.length, before201, percentile(httpSorted, 50) / 1e3, percentile(httpSorted, 90) / 1e3,
                percentile(httpSorted, 99) / 1e3,
                httpSorted.length == 0 ? Double.NaN : httpSorted[httpSorted.length - 1] / 1e3);
        System.out.println(bySlice(ready, load));
        System.out.printf("fan-out (first client → last client of one transfer_queued, %d events): p50 %.1f ms, "
                        + "p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                spread.length, percentile(spread, 50) / 1e3, percentile(spread, 90) / 1e3, percentile(spread, 99) / 1e3,
                spread.length == 0 ? Double.NaN : spread[spread.length - 1] / 1e3);
        System.out.printf("completeness: %d transfers × %d clients = %d expected transfer_queued deliveries; "
                        + "missing %d (on %d clients), duplicates %d; %d received for transfers without a 201%n",
                load.created(), ready.size(), (long) load.created() * ready.size(), missing, clientsMissing,
                duplicates, foreign);
        System.out.printf("bench process CPU during load + drain: %.1f s (%.0f%% of one core)%n", benchCpuNanos / 1e9,
                100.0 * benchCpuNanos / (load.elapsedNanos() + drainNanos));
        all.stream().filter(s -> s.closed || s.error != null).limit(5).forEach(s -> System.out.printf(
                "  client %d: closed=%s reason=%s error=%s%n", s.number, s.closed, s.closeReason, s.error));
    }

    /**
     * "Commit → received" for every delivery, from PostgreSQL's own commit time of each event's transaction
     * ({@code pg_xact_commit_timestamp}, which needs {@code track_commit_timestamp = on}; the embedded database of
     * {@code ./vocelio run} has it): received − commit = (received − written) − (commit − written). Read once, after
     * the run, over JDBC ({@code --database-url}); the driver comes from the class path or the launcher's build
     * output. The commit time is taken as the commit record is written, before it is flushed to disk.
     */
    static String commitToReceived(int[] writtenToReceived, int[] ordinals) {
        String label = "event commit → received";
        if (databaseUrl == null) {
            return label + ": not measured (give --database-url, see the header of this file)";
        }
        var commitMinusWritten = new long[NEXT_EVENT.get()];
        Arrays.fill(commitMinusWritten, Long.MIN_VALUE);
        try (var connection = postgres().connect(databaseUrl, new java.util.Properties())) {
            if (connection == null) {
                return label + ": not measured (not a PostgreSQL JDBC URL: " + databaseUrl + ")";
            }
            try (var setting = connection.createStatement();
                    var on = setting.executeQuery("show track_commit_timestamp")) {
                if (!on.next() || !"on".equals(on.getString(1))) {
                    return label + ": not measured (the database has track_commit_timestamp = off)";
                }
            }
            try (var query = connection.prepareStatement("""
                    select id::text, (extract(epoch from pg_xact_commit_timestamp(xmin)) * 1000000)::bigint
                    from events where id = any(?)""")) {
                query.setArray(1, connection.createArrayOf("bigint",
                        EVENT_TIME.keySet().stream().map(Long::valueOf).toArray()));
                try (var rows = query.executeQuery()) {
                    while (rows.next()) {
                        long commit = rows.getLong(2);
                        if (rows.wasNull()) {
                            continue; // committed before track_commit_timestamp was on
                        }
                        Seen seen = EVENT_TIME.get(rows.getString(1));
                        if (seen.ordinal() < commitMinusWritten.length) {
                            commitMinusWritten[seen.ordinal()] = commit - seen.writtenMicros();
                        }
                    }
                }
            }
        } catch (Exception e) {
            return label + ": not measured (" + e + ")";
        }
        var micros = new int[writtenToReceived.length];
        var firstClient = new long[commitMinusWritten.length]; // per event: commit → its first client's receipt
        Arrays.fill(firstClient, Long.MAX_VALUE);
        int n = 0;
        for (int i = 0; i < writtenToReceived.length; i++) {
            long offset = commitMinusWritten[ordinals[i]];
            if (offset != Long.MIN_VALUE) {
                micros[n] = (int) (writtenToReceived[i] - offset);
                firstClient[ordinals[i]] = Math.min(firstClient[ordinals[i]], micros[n]);
                n++;
            }
        }
        micros = Arrays.copyOf(micros, n);
        Arrays.sort(micros);
        long[] commitAfterWrite = Arrays.stream(commitMinusWritten).filter(v -> v != Long.MIN_VALUE).sorted()
                .toArray();
        long[] first = Arrays.stream(firstClient).filter(v -> v != Long.MAX_VALUE).sorted().toArray();
        return String.format("%s (%d deliveries of %d events with a commit time): p50 %.1f ms, p90 %.1f ms, "
                        + "p99 %.1f ms, max %.1f ms%n  commit → the event's first client: p50 %.1f ms, p99 %.1f ms; "
                        + "the event's write → its commit: p50 %.1f ms, p99 %.1f ms",
                label, n, commitAfterWrite.length, percentile(micros, 50) / 1e3, percentile(micros, 90) / 1e3,
                percentile(micros, 99) / 1e3, n == 0 ? Double.NaN : micros[n - 1] / 1e3, percentile(first, 50) / 1e3,
                percentile(first, 99) / 1e3, percentile(commitAfterWrite, 50) / 1e3,
                percentile(commitAfterWrite, 99) / 1e3);
    }

    /** PostgreSQL's JDBC driver: from the class path, or from the launcher's build output next to this file. */
    static java.sql.Driver postgres() throws Exception {
        ClassLoader loader = EventBench.class.getClassLoader();
        try {
            Class.forName("org.postgresql.Driver", false, loader);
        } catch (ClassNotFoundException e) {
            var lib = java.nio.file.Path.of("vocelio-launcher", "target", "lib");
            try (var jars = java.nio.file.Files.newDirectoryStream(lib, "postgresql-*.jar")) {
                var urls = new ArrayList<java.net.URL>();
                jars.forEach(jar -> {
                    try {
                        urls.add(jar.toUri().toURL());
                    } catch (java.net.MalformedURLException bad) {
                        throw new IllegalStateException(bad);
                    }
                });
                if (urls.isEmpty()) {
                    throw new ClassNotFoundException("org.postgresql.Driver: not on the class path nor in " + lib
                            + " (build the project first)");
                }
                loader = new java.net.URLClassLoader(urls.toArray(java.net.URL[]::new), loader);
            }
        }
        return (java.sql.Driver) Class.forName("org.postgresql.Driver", true, loader).getDeclaredConstructor()
                .newInstance();
    }

    /** The median of "HTTP 201 → received" by when the transfer was created: a growing one means a backlog. */
    static String bySlice(List<Subscriber> ready, Load load) {
        int slices = 5;
        long span = Math.max(1, load.elapsedNanos());
        var samples = new ArrayList<List<Long>>();
        for (int i = 0; i < slices; i++) {
            samples.add(new ArrayList<>());
        }
        for (Subscriber s : ready) {
            synchronized (s) {
                for (int i = 0; i < Math.min(NEXT_INDEX.get(), s.queuedCount.length); i++) {
                    long ok = i < created201.length() ? created201.get(i) : 0;
                    if (ok != 0 && s.queuedCount[i] > 0) {
                        int slice = (int) Math.min(slices - 1, Math.max(0, (ok - loadStartNanos) * slices / span));
                        samples.get(slice).add((s.receivedAt[i] - ok) / 1_000);
                    }
                }
            }
        }
        var line = new StringBuilder("  p50 of HTTP 201 → received by creation time:");
        for (int i = 0; i < slices; i++) {
            long[] sorted = samples.get(i).stream().mapToLong(Long::longValue).sorted().toArray();
            line.append(String.format(" %.1f–%.1f s: %.1f ms%s", span / 1e9 * i / slices, span / 1e9 * (i + 1) / slices,
                    percentile(sorted, 50) / 1e3, i < slices - 1 ? "," : ""));
        }
        return line.toString();
    }

    /** Which transfers went missing, and when they were created: the evidence for a delivery bug. */
    static void missingDetail(List<Subscriber> ready, Load load) {
        var lacking = new int[NEXT_INDEX.get()];
        for (Subscriber s : ready) {
            synchronized (s) {
                for (int i = 0; i < lacking.length; i++) {
                    if (i < created201.length() && created201.get(i) != 0
                            && (i >= s.queuedCount.length || s.queuedCount[i] == 0)) {
                        lacking[i]++;
                    }
                }
            }
        }
        var ids = new String[lacking.length];
        TRANSFER_INDEX.forEach((id, index) -> ids[index] = id);
        int onAll = 0;
        int onSome = 0;
        var lines = new ArrayList<String>();
        for (int i = 0; i < lacking.length; i++) {
            if (lacking[i] == 0) {
                continue;
            }
            if (lacking[i] == ready.size()) {
                onAll++;
            } else {
                onSome++;
            }
            lines.add(String.format("    %s: 201 at +%.3f s, missing on %d clients", ids[i],
                    (created201.get(i) - loadStartNanos) / 1e9, lacking[i]));
        }
        if (onAll + onSome == 0) {
            return;
        }
        System.out.printf("missing detail: %d transfers missing on every client, %d on some; by creation time:%n",
                onAll, onSome);
        lines.sort((a, b) -> Double.compare(startOf(a), startOf(b)));
        int shown = 0;
        for (String line : lines) {
            if (shown++ < 10 || shown > lines.size() - 3) {
                System.out.println(line);
            } else if (shown == 11) {
                System.out.println("    …");
            }
        }
    }

    private static double startOf(String line) {
        int at = line.indexOf("at +") + 4;
        return Double.parseDouble(line.substring(at, line.indexOf(' ', at)));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    static double percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1))];
    }

    static double percentile(int[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1))];
    }

    static long epochMicros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }

    static long wallMicros(long nanoTime) {
        return WALL_MICROS_AT_START + (nanoTime - NANO_AT_START) / 1_000;
    }

    static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    /**
     * The string value that follows {@code key} — {@code "name":"} or {@code "name":} — or "" when absent. Spaces before
     * the value are skipped: payloads come from PostgreSQL's jsonb text, which writes {@code "name": "value"}.
     */
    static String stringAfter(String text, String key, int from) {
        int at = text.indexOf(key, from);
        if (at < 0) {
            return "";
        }
        int start = at + key.length();
        if (!key.endsWith("\"")) {
            while (start < text.length() && text.charAt(start) == ' ') {
                start++;
            }
            if (start >= text.length() || text.charAt(start) != '"') {
                return "";
            }
            start++;
        }
        int end = text.indexOf('"', start);
        return end < 0 ? "" : text.substring(start, end);
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

    // ------------------------------------------------------------------------------------------------ lean client

    /**
     * A WebSocket client made for many sockets on few cores (the default, {@code --client lean}): a couple of selector
     * threads read every socket, parse the frames in place (RFC 6455: the server's are unmasked text, close and ping
     * frames; a ping is answered) and hand each text message to its {@link Subscriber} on the reading thread. The
     * JDK's client ({@code --client jdk}) hops threads and decodes through a CharBuffer per message, which on a
     * shared 2-core machine costs the server more than its own sending does.
     */
    static final class LeanSockets implements Runnable {
        final Selector selector;
        final Queue<Runnable> registrations = new ConcurrentLinkedQueue<>();

        LeanSockets() throws IOException {
            selector = Selector.open();
        }

        static List<Subscriber> connect(int clients, URI uri) throws Exception {
            int readers = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), (clients + 99) / 100));
            var groups = new ArrayList<LeanSockets>();
            for (int i = 0; i < readers; i++) {
                var group = new LeanSockets();
                groups.add(group);
                var thread = new Thread(group, "lean-socket-reader-" + i);
                thread.setDaemon(true);
                thread.start();
            }
            var subscribers = new ArrayList<Subscriber>();
            for (int i = 0; i < clients; i++) {
                subscribers.add(new Subscriber(i));
            }
            var failures = new ConcurrentHashMap<String, AtomicInteger>();
            AtomicInteger failed = new AtomicInteger();
            long start = System.nanoTime();
            ExecutorService opening = Executors.newFixedThreadPool(16);
            var opened = new ArrayList<Future<?>>();
            for (Subscriber subscriber : subscribers) {
                opened.add(opening.submit(() -> {
                    try {
                        groups.get(subscriber.number % readers).open(uri, subscriber);
                    } catch (Exception e) {
                        failed.incrementAndGet();
                        failures.computeIfAbsent(String.valueOf(e), k -> new AtomicInteger()).incrementAndGet();
                    }
                }));
            }
            for (var future : opened) {
                future.get();
            }
            opening.shutdown();
            long openNanos = System.nanoTime() - start;
            awaitSubscribed(subscribers, uri, 16, readers + " selector threads", clients - failed.get(), failed.get(),
                    openNanos, start);
            failures.forEach((cause, count) -> System.out.printf("  connect failure ×%d: %s%n", count.get(), cause));
            return subscribers;
        }

        /** The opening handshake, blocking; then the socket is read by this group's selector. */
        void open(URI uri, Subscriber subscriber) throws IOException {
            var channel = SocketChannel.open(new InetSocketAddress(uri.getHost(), uri.getPort()));
            channel.socket().setTcpNoDelay(true);
            byte[] nonce = new byte[16];
            java.util.concurrent.ThreadLocalRandom.current().nextBytes(nonce);
            String request = "GET " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\n"
                    + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n";
            writeFully(channel, ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
            var in = ByteBuffer.allocate(64 * 1024);
            int headEnd;
            while ((headEnd = headEnd(in)) < 0) {
                if (channel.read(in) < 0) {
                    throw new IOException("closed during the handshake");
                }
            }
            String head = new String(in.array(), 0, headEnd, StandardCharsets.US_ASCII);
            if (!head.startsWith("HTTP/1.1 101")) {
                throw new IOException("handshake answered " + head.lines().findFirst().orElse(""));
            }
            in.flip().position(headEnd + 4);
            in.compact(); // what followed the head: the first frames
            channel.configureBlocking(false);
            var connection = new Connection(channel, subscriber, in);
            subscriber.closer = connection::close;
            registrations.add(() -> {
                try {
                    channel.register(selector, SelectionKey.OP_READ, connection);
                    connection.frames(System.nanoTime());
                } catch (IOException e) {
                    connection.failed(e);
                }
            });
            selector.wakeup();
        }

        private static int headEnd(ByteBuffer in) {
            byte[] bytes = in.array();
            for (int i = 3; i < in.position(); i++) {
                if (bytes[i - 3] == '\r' && bytes[i - 2] == '\n' && bytes[i - 1] == '\r' && bytes[i] == '\n') {
                    return i - 3;
                }
            }
            return -1;
        }

        @Override
        public void run() {
            while (true) {
                try {
                    selector.select();
                    Runnable registration;
                    while ((registration = registrations.poll()) != null) {
                        registration.run();
                    }
                    var keys = selector.selectedKeys();
                    for (SelectionKey key : keys) {
                        var connection = (Connection) key.attachment();
                        try {
                            connection.read();
                        } catch (IOException | RuntimeException e) {
                            connection.failed(e);
                            key.cancel();
                        }
                    }
                    keys.clear();
                } catch (IOException e) {
                    System.err.println("selector: " + e);
                    return;
                }
            }
        }

        static void writeFully(SocketChannel channel, ByteBuffer bytes) throws IOException {
            while (bytes.hasRemaining()) {
                channel.write(bytes); // tiny control frames only once the socket is non-blocking
            }
        }
    }

    /** One lean socket: its bytes in, parsed into frames where they lie. */
    static final class Connection {
        final SocketChannel channel;
        final Subscriber subscriber;
        ByteBuffer in; // in write mode
        byte[] partial; // a fragmented text message so far
        boolean closeSent;

        Connection(SocketChannel channel, Subscriber subscriber, ByteBuffer in) {
            this.channel = channel;
            this.subscriber = subscriber;
            this.in = in;
        }

        void read() throws IOException {
            while (true) {
                int read = channel.read(in);
                if (read < 0) {
                    subscriber.closed = true;
                    channel.close();
                    return;
                }
                frames(System.nanoTime()); // per read, not per select round: a round may read hundreds of sockets
                if (read == 0 || in.hasRemaining()) {
                    return;
                }
            }
        }

        /** Handles every whole frame in the buffer; keeps the rest for the next read. */
        void frames(long nanos) throws IOException {
            in.flip();
            byte[] bytes = in.array();
            while (in.remaining() >= 2) {
                int at = in.position();
                int b0 = bytes[at] & 0xFF;
                int b1 = bytes[at + 1] & 0xFF;
                if ((b1 & 0x80) != 0) {
                    throw new IOException("a masked frame from the server");
                }
                long length = b1 & 0x7F;
                int header = 2;
                if (length == 126) {
                    header = 4;
                    if (in.remaining() < header) {
                        break;
                    }
                    length = ((bytes[at + 2] & 0xFF) << 8) | (bytes[at + 3] & 0xFF);
                } else if (length == 127) {
                    header = 10;
                    if (in.remaining() < header) {
                        break;
                    }
                    length = in.getLong(at + 2);
                }
                if (in.remaining() < header + length) {
                    if (header + length > in.capacity()) { // a frame bigger than the buffer: grow it
                        var bigger = ByteBuffer.allocate((int) (header + length) * 2);
                        bigger.put(in);
                        in = bigger;
                        return; // in write mode, holding the frame's start
                    }
                    break;
                }
                int payload = at + header;
                int size = (int) length;
                boolean fin = (b0 & 0x80) != 0;
                switch (b0 & 0x0F) {
                    case 0x1 -> {
                        if (fin) {
                            subscriber.handle(new String(bytes, payload, size, StandardCharsets.UTF_8), nanos);
                        } else {
                            partial = Arrays.copyOfRange(bytes, payload, payload + size);
                        }
                    }
                    case 0x0 -> {
                        if (partial == null) {
                            throw new IOException("a continuation frame without a start");
                        }
                        int had = partial.length;
                        partial = Arrays.copyOf(partial, had + size);
                        System.arraycopy(bytes, payload, partial, had, size);
                        if (fin) {
                            subscriber.handle(new String(partial, StandardCharsets.UTF_8), nanos);
                            partial = null;
                        }
                    }
                    case 0x8 -> {
                        int code = size >= 2 ? ((bytes[payload] & 0xFF) << 8) | (bytes[payload + 1] & 0xFF) : 1005;
                        subscriber.closeReason = code + " "
                                + new String(bytes, payload + Math.min(2, size), Math.max(0, size - 2),
                                        StandardCharsets.UTF_8);
                        subscriber.closed = true;
                        close();
                        channel.close();
                    }
                    case 0x9 -> control(0x8A, Arrays.copyOfRange(bytes, payload, payload + size)); // pong
                    case 0xA -> {}
                    default -> throw new IOException("unexpected opcode " + (b0 & 0x0F));
                }
                in.position(payload + size);
            }
            in.compact();
        }

        synchronized void close() {
            if (!closeSent && channel.isOpen()) {
                closeSent = true;
                try {
                    control(0x88, new byte[] {0x03, (byte) 0xE8}); // 1000
                } catch (IOException ignored) {
                    // gone already
                }
            }
        }

        /** A masked control frame (clients must mask); the key is zero, so the payload goes as it is. */
        synchronized void control(int first, byte[] payload) throws IOException {
            var frame = ByteBuffer.allocate(6 + payload.length);
            frame.put((byte) first).put((byte) (0x80 | payload.length)).putInt(0).put(payload).flip();
            LeanSockets.writeFully(channel, frame);
        }

        void failed(Exception e) {
            subscriber.closed = true;
            if (subscriber.error == null) {
                subscriber.error = String.valueOf(e);
            }
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
