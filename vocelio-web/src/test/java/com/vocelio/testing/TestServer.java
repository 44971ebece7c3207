package com.vocelio.testing;

import com.vocelio.launcher.DatabaseSettings;
import com.vocelio.launcher.Directories;
import com.vocelio.launcher.EmbeddedDatabase;
import com.vocelio.launcher.Main;
import com.vocelio.launcher.PayaraMicroProcess;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The application under test, once for the whole suite: a fresh embedded PostgreSQL and Payara Micro running the
 * fat war the build just produced, exactly as {@code ./vocelio run} starts them. Stopped when the JVM exits.
 */
public final class TestServer {

    /** Short, so that RefreshIT can wait it out; the default (30 s) is what production runs. */
    public static final String REFRESH_REUSE_GRACE = "PT4S";

    public static final String HSTS = "max-age=31536000; includeSubDomains";

    /**
     * PBKDF2 iterations of the password hashes the suite's nodes make: the least Jakarta Security accepts. The suite
     * signs up and signs in thousands of times, and at the production default (210,000, which {@code RunCommandIT}'s
     * and {@code EarDeploymentIT}'s servers keep) each hash and each check costs a few hundred milliseconds of CPU:
     * minutes of the run, spent on a work factor no test asserts. Every check reads the iterations stored with its
     * hash, so hashes made at either count verify on every node.
     */
    public static final String PBKDF2_ITERATIONS = "1024";

    /** The bearer token of {@link #configuredNode()}'s {@code /metrics}, {@code /openapi} and {@code /mp-health}. */
    public static final String METRICS_TOKEN = "metrics-it-token";

    /**
     * The settings of {@link #configuredNode()}: the optional ones the suite checks, together because none changes
     * what a test of another on the same node sees.
     */
    private static final Map<String, String> CONFIGURED = Map.of(
            "VOCELIO_METRICS_ENABLED", "true",
            "VOCELIO_METRICS_TOKEN", METRICS_TOKEN,
            "VOCELIO_LOG_FORMAT", "json",
            "VOCELIO_CONSOLE_SESSION_TIMEOUT", "PT4S");

    /**
     * The JVM of every node the suite starts: production's heap, and the client compiler only. A node spends most of
     * its CPU in the suite starting and answering a few thousand short requests, and the server compiler (C2) costs
     * more than it repays there: measured with {@code ./vocelio run} on this 2-core machine, a start takes 52-57 s of
     * CPU and 31-34 s to ready with it, 25 s of CPU and 21 s without; on two cores that CPU is taken from the tests.
     * No test asserts speed (benchmarks do, under {@code bench/}, on production's JVM).
     */
    public static final List<String> NODE_JVM = List.of("-Xmx512m", "-XX:TieredStopAtLevel=1");

    private static TestServer instance;
    private static IllegalStateException startFailure;

    private EmbeddedDatabase database;
    private PayaraMicroProcess payara;
    private final Map<Map<String, String>, PayaraMicroProcess> sharedNodes = new HashMap<>();
    private final List<PayaraMicroProcess> otherNodes = new java.util.concurrent.CopyOnWriteArrayList<>();

    private TestServer(EmbeddedDatabase database, PayaraMicroProcess payara) {
        this.database = database;
        this.payara = payara;
    }

    /** Starts once; a failed start fails every later test at once instead of starting again for each. */
    public static synchronized TestServer get() {
        if (startFailure != null) {
            throw startFailure;
        }
        if (instance == null) {
            try {
                Path work = Path.of(System.getProperty("vocelio.it.work", "target/it"));
                Directories.deleteRecursively(work.resolve("postgres"));
                var database = EmbeddedDatabase.start(work.resolve("postgres"));
                instance = new TestServer(database, startPayara(database));
                Runtime.getRuntime().addShutdownHook(new Thread(instance::stop));
            } catch (Exception e) {
                startFailure =
                        new IllegalStateException("Cannot start the application under test: " + e.getMessage(), e);
                throw startFailure;
            }
        }
        return instance;
    }

    public URI baseUri() {
        return payara.baseUri();
    }

    /** The application's log file (Payara's output). */
    public java.nio.file.Path log() {
        return payara.log();
    }

    /** The operating system's id of the application's process. */
    public long pid() {
        return payara.pid();
    }

    public String jdbcUrl() {
        return database.settings().url();
    }

    /** Where the application's database is, with its credentials. */
    public DatabaseSettings databaseSettings() {
        return database.settings();
    }

    /** Stops PostgreSQL under the running application (fast shutdown: its sessions are ended), as an outage would. */
    public synchronized void stopDatabase() throws Exception {
        database.close();
    }

    /** Starts PostgreSQL again on the same data and port after {@link #stopDatabase()}. */
    public synchronized void startDatabase() throws Exception {
        int port = database.port();
        database = EmbeddedDatabase.start(workDirectory().resolve("postgres"), port, true);
    }

    private static Path workDirectory() {
        return Path.of(System.getProperty("vocelio.it.work", "target/it"));
    }

    /** Stops and starts Payara Micro on the same database, as an operator's restart would. */
    public synchronized void restartApplication() throws Exception {
        payara.close();
        payara = startPayara(database);
    }

    /**
     * Starts another node of the application: Payara Micro on {@code port} with its own runtime directory and log
     * ({@code <name>/} and {@code <name>.log} under the IT work directory), over the same database. The caller
     * closes it; should it not, it is stopped when the JVM exits.
     */
    public synchronized PayaraMicroProcess startAnotherNode(int port, String name) throws Exception {
        return startAnotherNode(port, name, Map.of());
    }

    /**
     * {@link #startAnotherNode(int, String)} with these settings added to its environment, and the pre-boot commands
     * {@code ./vocelio run} makes of them ({@code VOCELIO_METRICS_ENABLED}).
     */
    public synchronized PayaraMicroProcess startAnotherNode(int port, String name, Map<String, String> settings)
            throws Exception {
        var node = startPayara(database, port, name, settings);
        otherNodes.add(node);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (InterruptedException ignored) {
                // exiting anyway
            }
        }));
        return node;
    }

    /**
     * A second node with default settings, shared by the test classes that need one that is simply another node
     * (events, sessions and offers across nodes). Nobody closes it; it stops when the JVM exits.
     */
    public PayaraMicroProcess secondNode() throws Exception {
        return sharedNode("payara-b", Map.of());
    }

    /**
     * A node with Metrics, OpenAPI and Health on ({@link #METRICS_TOKEN}), JSON logs and a 4 s console session
     * timeout, shared by the test classes of those settings. Nobody closes it; it stops when the JVM exits.
     */
    public PayaraMicroProcess configuredNode() throws Exception {
        return sharedNode("payara-configured", CONFIGURED);
    }

    /**
     * A node with these settings, started the first time they are asked for and shared from then on: a Payara start
     * costs the suite about 20 s, so test classes that can share one do. The callers never close it.
     */
    public synchronized PayaraMicroProcess sharedNode(String name, Map<String, String> settings) throws Exception {
        var node = sharedNodes.get(settings);
        if (node == null || !node.isAlive()) {
            node = startAnotherNode(name, settings);
            sharedNodes.put(Map.copyOf(settings), node);
        }
        return node;
    }

    /**
     * {@link #startAnotherNode(int, String, Map)} on a free port, started a second time should the first boot fail:
     * Payara Micro 6.2025.10 with Metrics on sometimes fails its own boot (a ConcurrentModificationException in HK2
     * while MetricsServiceImpl is created, before the application deploys), and a second start succeeds.
     */
    public synchronized PayaraMicroProcess startAnotherNode(String name, Map<String, String> settings)
            throws Exception {
        try {
            return startAnotherNode(freePort(), name, settings);
        } catch (IllegalStateException failedToBoot) {
            System.err.println("Node " + name + " did not boot, starting it again: " + failedToBoot.getMessage());
            return startAnotherNode(freePort(), name, settings);
        }
    }

    /**
     * Pauses (SIGSTOP) every running node of the suite but {@code node}, until the returned handle is closed
     * (SIGCONT): for a test that needs {@code node}'s own sweep to be the one that handles something, because every
     * node sweeps the same database and whichever locks a row first handles it.
     */
    public synchronized AutoCloseable pauseAllBut(PayaraMicroProcess node) throws Exception {
        var paused = new java.util.ArrayList<Long>();
        for (var other : otherNodes) {
            if (other != node && other.isAlive()) {
                paused.add(other.pid());
            }
        }
        if (payara != node) {
            paused.add(payara.pid());
        }
        for (long pid : paused) {
            signal("STOP", pid);
        }
        return () -> {
            for (long pid : paused) {
                signal("CONT", pid);
            }
        };
    }

    private static void signal(String signal, long pid) throws Exception {
        var kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                .inheritIO()
                .start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
        }
    }

    private static int freePort() throws java.io.IOException {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static PayaraMicroProcess startPayara(EmbeddedDatabase database) throws Exception {
        return startPayara(database, Integer.getInteger("vocelio.it.http.port", 18080), "payara", Map.of());
    }

    private static PayaraMicroProcess startPayara(
            EmbeddedDatabase database, int port, String name, Map<String, String> settings) throws Exception {
        Path work = Path.of(System.getProperty("vocelio.it.work", "target/it"));
        Path home = Path.of(System.getProperty("vocelio.it.home", ".."));
        var options = new PayaraMicroProcess.Options(
                        Path.of(System.getProperty("vocelio.it.payara-jar")),
                        Path.of(System.getProperty("vocelio.it.war")),
                        port,
                        Main.preBootCommands(
                                home.resolve("payara-config/pre-boot-commands.asadmin"),
                                work.resolve(name + "-config"),
                                settings),
                        NODE_JVM,
                        work.resolve(name),
                        work.resolve(name + ".log"))
                .withJsonLogs(Main.jsonLogs(settings));
        var environment = new HashMap<>(database.settings().asEnvironment());
        // the suite tells throttled sign-ins apart by X-Forwarded-For, so one test's lockout is not another's
        environment.put("VOCELIO_HTTP_TRUST_FORWARDED_FOR", "true");
        environment.put("VOCELIO_AUTH_REFRESH_REUSE_GRACE", REFRESH_REUSE_GRACE);
        environment.put("VOCELIO_HTTP_HSTS", HSTS);
        environment.put("VOCELIO_AUTH_PBKDF2_ITERATIONS", PBKDF2_ITERATIONS);
        environment.putAll(settings);
        return PayaraMicroProcess.start(options, environment);
    }

    private void stop() {
        try {
            payara.close();
            database.close();
        } catch (Exception e) {
            System.err.println("While stopping the application under test: " + e);
        }
    }
}
