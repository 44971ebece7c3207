import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The request path rung by rung, in one run, against a running application (and, given {@code --floor}, bare Payara
 * Micro serving {@code ../shared/bench/payara-hello} on the same payara-micro.jar, and, given {@code --express}, the
 * guide's Express service {@code ../shared/bench/seed-express} with a department named Sales). Each rung adds one
 * layer:
 *
 * <pre>
 *   floor            GET /hello on bare Payara                (the app server itself)
 *   express-…        GET /departments, POST /transfer/request on the Express service (no auth, one query each)
 *   health           GET /health                              (+ our filters, one pooled connection check)
 *   auth             GET /campaigns/active with a token       (+ token verification, no database)
 *   departments      GET /api/departments                     (+ tenant, one query)
 *   transfer         POST /transfer/request, queued           (+ routing, idempotency, outbox: one write transaction)
 *   transfer-sql     the same request's SQL, straight into its database with pgbench (given --database): what
 *                    PostgreSQL alone does with the statements the transfer rung sends (bench/transfer-request.sql)
 *   cycle            request → accept → complete, routed      (three writes, an agent offered each time)
 *   queue-status     GET /queue/status                        (live figures)
 *   call-logs        GET /api/calls/logs                      (the heaviest read)
 * </pre>
 *
 * Rungs alternate over {@code --rounds}, each warmed before it is measured, so every rung sees the same machine. The
 * load is closed-loop: {@code --connections} keep-alive sockets, each sending its next request when the last answer is
 * read, with a lean blocking client so that the generator's own CPU stays small and is the same for every rung.
 *
 * <pre>
 *   VOCELIO_RATELIMIT_REQUESTS_PER_MINUTE=0 ./vocelio run
 *   java bench/LadderBench.java [--url http://localhost:8080] [--floor http://localhost:19001/hello]
 *        [--express http://localhost:18098] [--connections 32] [--seconds 10] [--warmup 5] [--rounds 2] [--rungs health,auth,...] [--queue-depth 0]
 *        [--server-pid PID] [--db-pid PID] [--database postgresql://postgres@localhost:PORT/vocelio]
 * </pre>
 *
 * Given {@code --database} (the application's own database, as {@code ./vocelio run} prints it), the
 * {@code transfer-sql} rung runs {@code pgbench} (Debian's {@code postgresql-client}) with the same number of
 * connections on {@code bench/transfer-request.sql} for this run's organization, so the transfer rung has a floor of
 * its own: the ratio of the two is how much of PostgreSQL's capacity for this request's statements the application
 * reaches, and the ratio of the floor to the Express rung is what the statements themselves cost.
 *
 * Given {@code --server-pid} (the Payara Micro process; {@code ss -ltnp | grep :8080}), each measured window also
 * reports the CPU milliseconds per request spent by that process and, given {@code --db-pid} (the postmaster of its
 * database; {@code pgrep -f 'postgres -D'}), by the postmaster and its backends. Unlike
 * req/s, CPU per request hardly moves when something else loads the machine, so it compares two builds fairly; the
 * gap between two rungs is what the added layer costs.
 */
public class LadderBench {

    static final Pattern FIELD = Pattern.compile("\"(access_token|transfer_id|id)\":\"([^\"]+)\"");

    static URI base = URI.create("http://localhost:8080");
    static URI floor;
    static URI express;
    static String token;
    static int connections = 32;
    static int seconds = 10;
    static int warmup = 5;
    static int rounds = 2;
    static int queueDepth = 0;
    static ProcessHandle server;
    static ProcessHandle database;
    static String databaseUrl;
    static String tenantId;
    static String sqlDepartmentId;
    static List<String> rungs = List.of("floor", "health", "auth", "departments", "transfer", "cycle", "queue-status",
            "call-logs");

    public static void main(String[] args) throws Exception {
        for (int i = 0; i < args.length - 1; i += 2) {
            switch (args[i]) {
                case "--url" -> base = URI.create(args[i + 1]);
                case "--floor" -> floor = URI.create(args[i + 1]);
                case "--express" -> express = URI.create(args[i + 1]);
                case "--connections" -> connections = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--rungs" -> rungs = List.of(args[i + 1].split(","));
                case "--queue-depth" -> queueDepth = Integer.parseInt(args[i + 1]);
                case "--server-pid" -> server = ProcessHandle.of(Long.parseLong(args[i + 1])).orElseThrow();
                case "--db-pid" -> database = ProcessHandle.of(Long.parseLong(args[i + 1])).orElseThrow();
                case "--database" -> databaseUrl = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (floor == null) {
            rungs = rungs.stream().filter(r -> !r.equals("floor")).toList();
        }
        if (databaseUrl != null && !rungs.contains("transfer-sql")) {
            var withSql = new ArrayList<>(rungs);
            withSql.add(rungs.contains("transfer") ? rungs.indexOf("transfer") + 1 : withSql.size(), "transfer-sql");
            rungs = withSql;
        }
        if (databaseUrl == null) {
            rungs = rungs.stream().filter(r -> !r.equals("transfer-sql")).toList();
        }
        if (express != null && rungs.stream().noneMatch(r -> r.startsWith("express"))) {
            var withExpress = new ArrayList<>(rungs);
            withExpress.addAll(1, List.of("express-departments", "express-transfer"));
            rungs = withExpress;
        }
        setUp();
        System.out.printf("machine: %d cores, %s %s, java %s; %d connections, %d s per rung after %d s warm-up, %d rounds%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("java.version"), connections, seconds, warmup,
                rounds);
        Map<String, List<Result>> results = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (String rung : rungs) {
                run(rung, warmup);
                Result result = run(rung, seconds);
                results.computeIfAbsent(rung, r -> new ArrayList<>()).add(result);
                System.out.printf("round %d %-13s %8.0f req/s  p50 %6.1f ms  p99 %6.1f ms  errors %d%s%n", round, rung,
                        result.perSecond(), result.p(50), result.p(99), result.errors(), result.cpu());
            }
        }
        System.out.println();
        Result floorBest = results.containsKey("floor") ? best(results.get("floor")) : null;
        System.out.printf("%-13s %10s %9s %9s %12s   (best round of %d)%n", "rung", "req/s", "p50 ms", "p99 ms",
                "× floor", rounds);
        for (var entry : results.entrySet()) {
            Result r = best(entry.getValue());
            System.out.printf("%-13s %10.0f %9.1f %9.1f %12s%n", entry.getKey(), r.perSecond(), r.p(50), r.p(99),
                    floorBest == null ? "-" : String.format(Locale.ROOT, "%.3f", r.perSecond() / floorBest.perSecond()));
        }
        ratio(results, "transfer", "transfer-sql", "of what PostgreSQL alone does with the same statements");
        ratio(results, "transfer-sql", "express-transfer", "the statements alone against the Express service's request");
        ratio(results, "transfer", "express-transfer", "against the Express service's request");
    }

    static void ratio(Map<String, List<Result>> results, String rung, String to, String meaning) {
        if (results.containsKey(rung) && results.containsKey(to)) {
            System.out.printf(Locale.ROOT, "%s ÷ %s = %.3f (%s)%n", rung, to,
                    best(results.get(rung)).perSecond() / best(results.get(to)).perSecond(), meaning);
        }
    }

    static Result best(List<Result> results) {
        return results.stream().max((a, b) -> Double.compare(a.perSecond(), b.perSecond())).orElseThrow();
    }

    // ---- set-up: an organization of its own, a queue-only department, a routed department with an agent per socket

    static void setUp() throws Exception {
        try (var client = new Client(base)) {
            String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            token = field(client.expect("POST", "/auth/register", """
                    {"email":"ladder@%s.example.com","password":"benchmark-password","organization_name":"Ladder %s","subdomain":"l%s"}"""
                    .formatted(suffix, suffix, suffix), 201), "access_token");
            for (int d = 0; d < QUEUED_DEPARTMENTS; d++) { // a department's queue holds 10,000 at most
                client.expect("POST", "/api/departments", """
                        {"name":"Queued%d","phone_number":"+15551230001","max_queue_length":10000}""".formatted(d), 201);
            }
            client.expect("POST", "/api/departments", """
                    {"name":"Routed","phone_number":"+15551230002","wrap_up_seconds":0,"reservation_timeout_seconds":60,"max_queue_length":10000}""",
                    201);
            if (databaseUrl != null) {
                tenantId = claim(token, "tenant_id");
                sqlDepartmentId = field(client.expect("POST", "/api/departments", """
                        {"name":"QueuedSql","phone_number":"+15551230003","max_queue_length":10000}""", 201), "id");
            }
            for (int i = 0; i < connections; i++) {
                client.expect("POST", "/agents/register", """
                        {"agent_id":"ladder_%d","name":"Agent %d","department":"Routed","status":"available"}"""
                        .formatted(i, i), 201);
            }
            for (int i = 0; i < queueDepth; i++) {
                client.expect("POST", "/transfer/request", transferBody(queued()), 201);
            }
            if (queueDepth > 0) {
                System.out.printf("%d transfers already waiting%n", queueDepth);
            }
        }
    }

    static final int QUEUED_DEPARTMENTS = 20;
    static final AtomicLong QUEUED = new AtomicLong();

    /** The department the next queued transfer waits in: each takes 9,000, then the next one. */
    static String queued() {
        return "Queued" + Math.min(QUEUED_DEPARTMENTS - 1, QUEUED.getAndIncrement() / 9_000);
    }

    static String transferBody(String department) {
        return """
                {"call_id":"ladder_%s","department":"%s","urgency_level":"medium"}""".formatted(UUID.randomUUID(), department);
    }

    /** One unit of a rung on one socket; returns the latency of each HTTP request it made. */
    static long[] once(String rung, Client client) throws IOException {
        return switch (rung) {
            case "floor" -> client.timed("GET", floor.getPath(), null, 200);
            case "express-departments" -> client.timed("GET", "/departments", null, 200);
            case "express-transfer" -> client.timed("POST", "/transfer/request", transferBody("Sales"), 201);
            case "health" -> client.timed("GET", "/health", null, 200);
            case "auth" -> client.timed("GET", "/campaigns/active", null, 200);
            case "departments" -> client.timed("GET", "/api/departments", null, 200);
            case "transfer" -> client.timed("POST", "/transfer/request", transferBody(queued()), 201);
            case "queue-status" -> client.timed("GET", "/queue/status", null, 200);
            case "call-logs" -> client.timed("GET", "/api/calls/logs?page=1&limit=25&date_range=7days", null, 200);
            case "cycle" -> {
                long[] latencies = new long[3];
                long start = System.nanoTime();
                String body = client.expect("POST", "/transfer/request", transferBody("Routed"), 201);
                latencies[0] = System.nanoTime() - start;
                String transfer = field(body, "transfer_id");
                start = System.nanoTime();
                client.expect("POST", "/transfer/" + transfer + "/accept", null, 200);
                latencies[1] = System.nanoTime() - start;
                start = System.nanoTime();
                client.expect("POST", "/transfer/" + transfer + "/complete", null, 200);
                latencies[2] = System.nanoTime() - start;
                yield latencies;
            }
            default -> throw new IllegalArgumentException("unknown rung " + rung);
        };
    }

    record Result(long requests, long[] sorted, long errors, double elapsedSeconds, long serverCpuNanos, long dbCpuNanos) {
        double perSecond() {
            return requests / elapsedSeconds;
        }

        String cpu() {
            return server == null || requests == 0 ? "" : String.format(Locale.ROOT, "  cpu/req server %.3f ms, postgres %.3f ms",
                    serverCpuNanos / 1e6 / requests, dbCpuNanos / 1e6 / requests);
        }

        double p(int percentile) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)] / 1e6;
        }
    }

    static Result run(String rung, int forSeconds) throws Exception {
        if (rung.equals("transfer-sql")) {
            return pgbench(forSeconds);
        }
        URI target = rung.equals("floor") ? floor : rung.startsWith("express") ? express : base;
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        long serverCpu = cpuNanos(server);
        long dbCpu = postgresCpuNanos();
        long started = System.nanoTime();
        long deadline = started + forSeconds * 1_000_000_000L;
        AtomicLong errors = new AtomicLong();
        List<Future<long[]>> futures = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            futures.add(pool.submit(() -> {
                long[] mine = new long[1024];
                int count = 0;
                Client client = null;
                try {
                    while (System.nanoTime() < deadline) {
                        try {
                            if (client == null) {
                                client = new Client(target);
                            }
                            for (long latency : once(rung, client)) {
                                if (count == mine.length) {
                                    mine = Arrays.copyOf(mine, count * 2);
                                }
                                mine[count++] = latency;
                            }
                        } catch (IOException | RuntimeException e) {
                            if (errors.incrementAndGet() <= 3) {
                                System.err.println(rung + ": " + e.getMessage());
                            }
                            if (client != null) {
                                client.close();
                                client = null;
                            }
                        }
                    }
                } finally {
                    if (client != null) {
                        client.close();
                    }
                }
                return Arrays.copyOf(mine, count);
            }));
        }
        var all = new ArrayList<long[]>();
        for (var future : futures) {
            all.add(future.get());
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        serverCpu = cpuNanos(server) - serverCpu;
        dbCpu = postgresCpuNanos() - dbCpu;
        pool.shutdown();
        long[] sorted = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(sorted.length, sorted, errors.get(), elapsed, serverCpu, dbCpu);
    }

    /**
     * The transfer request's statements ({@code bench/transfer-request.sql}) run by pgbench for {@code forSeconds}
     * on {@code --connections} connections, each transaction's latency read from pgbench's per-transaction log.
     */
    static Result pgbench(int forSeconds) throws Exception {
        var script = java.nio.file.Path.of("bench", "transfer-request.sql");
        if (!java.nio.file.Files.isRegularFile(script)) {
            throw new IllegalStateException("run from the repository's root: " + script + " not found");
        }
        var logs = java.nio.file.Files.createTempDirectory("ladder-pgbench");
        long serverCpu = cpuNanos(server);
        long dbCpu = postgresCpuNanos();
        long started = System.nanoTime();
        Process process = new ProcessBuilder("pgbench", "-n", "-M", "prepared", "-c", String.valueOf(connections),
                        "-j", "2", "-T", String.valueOf(forSeconds), "-f", script.toAbsolutePath().toString(),
                        "-D", "tenant=" + tenantId, "-D", "department=" + sqlDepartmentId, "-D", "name=QueuedSql",
                        "-l", "--log-prefix", logs.resolve("tx").toString(), databaseUrl)
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        double elapsed = (System.nanoTime() - started) / 1e9;
        serverCpu = cpuNanos(server) - serverCpu;
        dbCpu = postgresCpuNanos() - dbCpu;
        var latencies = new ArrayList<Long>();
        try (var files = java.nio.file.Files.list(logs)) {
            for (var file : files.toList()) {
                for (String line : java.nio.file.Files.readAllLines(file)) {
                    String[] columns = line.split(" "); // client transaction latency-µs script epoch µs
                    if (columns.length > 2 && !columns[2].equals("failed") && !columns[2].equals("skipped")) {
                        latencies.add(Long.parseLong(columns[2]) * 1_000);
                    }
                }
                java.nio.file.Files.delete(file);
            }
        }
        java.nio.file.Files.delete(logs);
        long errors = exit == 0 ? 0 : 1;
        if (exit != 0) {
            System.err.println("transfer-sql: pgbench exited " + exit + ": " + output.lines().limit(5).toList());
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        // pgbench's -T window starts once its connections are open: the rate is over that window
        return new Result(sorted.length, sorted, errors, Math.min(elapsed, forSeconds), serverCpu, dbCpu);
    }

    /** A claim of a JWT's payload (not verified: the application issued it to this run a moment ago). */
    static String claim(String jwt, String name) {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        Matcher matcher = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(payload);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + name + " claim in the token");
        }
        return matcher.group(1);
    }

    /** CPU time a process has used so far (0 when not asked for or not visible). */
    static long cpuNanos(ProcessHandle process) {
        return process == null ? 0 : process.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    /**
     * CPU time of the postmaster and its backends: the live ones, and those that ended (pgbench's connections end with
     * its run), which the postmaster reaped into its children's time ({@code cutime}, {@code cstime} of
     * {@code /proc/PID/stat}, in clock ticks of 10 ms).
     */
    static long postgresCpuNanos() {
        if (database == null) {
            return 0;
        }
        long reaped = 0;
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", database.pid() + "", "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" "); // fields from the 3rd (state) on
            reaped = (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) * 10_000_000L; // cutime, cstime
        } catch (IOException | RuntimeException notLinux) {
            // only the live backends are counted
        }
        return cpuNanos(database) + reaped + database.children().mapToLong(LadderBench::cpuNanos).sum();
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

    /** A keep-alive HTTP/1.1 connection: one request at a time, Content-Length and chunked answers. */
    static final class Client implements AutoCloseable {

        private final URI target;
        private Socket socket;
        private OutputStream out;
        private InputStream in;

        Client(URI target) throws IOException {
            this.target = target;
            connect();
        }

        /** Payara ends a keep-alive connection after 250 requests ({@code Connection: close}): a client reconnects. */
        private void connect() throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(target.getHost(), target.getPort()), 5_000);
            socket.setSoTimeout(30_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 16_384);
        }

        long[] timed(String method, String path, String body, int expected) throws IOException {
            long start = System.nanoTime();
            expect(method, path, body, expected);
            return new long[] {System.nanoTime() - start};
        }

        String expect(String method, String path, String body, int expected) throws IOException {
            byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            var request = new StringBuilder(256)
                    .append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ")
                    .append(target.getHost()).append(':').append(target.getPort())
                    .append("\r\nAccept: application/json\r\n");
            if (token != null && target != floor && target != express) {
                request.append("Authorization: Bearer ").append(token).append("\r\n");
            }
            if (body != null || method.equals("POST")) {
                request.append("Content-Type: application/json\r\nContent-Length: ").append(payload.length).append("\r\n");
            }
            request.append("\r\n");
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(payload);
            out.flush();
            String statusLine = line();
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean closes = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                if (name.equals("content-length")) {
                    length = Long.parseLong(value);
                } else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                    chunked = true;
                } else if (name.equals("connection") && value.equalsIgnoreCase("close")) {
                    closes = true;
                }
            }
            var answer = new ByteArrayOutputStream();
            if (chunked) {
                for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                        size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                    answer.write(in.readNBytes(size));
                    line();
                }
                line();
            } else if (length > 0) {
                answer.write(in.readNBytes((int) length));
            }
            String text = answer.toString(StandardCharsets.UTF_8);
            if (closes) {
                close();
                connect();
            }
            if (status != expected) {
                throw new IllegalStateException(method + " " + path + " → " + status + " " + text);
            }
            return text;
        }

        private String line() throws IOException {
            var line = new StringBuilder(64);
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("connection closed");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
