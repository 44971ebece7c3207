package com.vocelio.launcher;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./vocelio run}: PostgreSQL (embedded, unless {@code DATABASE_URL} names one) and Payara Micro with the
 * application, ready when HTTP answers; Ctrl-C stops both.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws Exception {
        try {
            int nodes = nodes(args);
            boolean backup = args.length == 2 && ("backup".equals(args[0]) || "restore".equals(args[0]));
            if (nodes == 0 && !backup) {
                System.err.println("usage: vocelio run [--nodes N] | vocelio backup FILE | vocelio restore FILE");
                System.exit(2);
            }
            if (nodes > 0) {
                run(System.getenv(), nodes);
            } else {
                BackupCommand.run(args[0], Path.of(args[1]).toAbsolutePath(), home(), System.getenv());
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("vocelio: " + e.getMessage());
            System.exit(1);
        }
    }

    /** The most nodes {@code --nodes} starts: each is a JVM of its own (~500 MB). */
    static final int MAX_NODES = 8;

    /**
     * How many nodes {@code run} asks for: {@code run} is one, {@code run --nodes N} (or {@code --nodes=N}) is N;
     * 0 when the arguments are no run command. A count out of range is refused with a message.
     */
    static int nodes(String... args) {
        if (args.length == 0 || !"run".equals(args[0])) {
            return 0;
        }
        String count;
        if (args.length == 1) {
            return 1;
        } else if (args.length == 2 && args[1].startsWith("--nodes=")) {
            count = args[1].substring("--nodes=".length());
        } else if (args.length == 3 && "--nodes".equals(args[1])) {
            count = args[2];
        } else {
            return 0;
        }
        try {
            int nodes = Integer.parseInt(count.strip());
            if (nodes >= 1 && nodes <= MAX_NODES) {
                return nodes;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("--nodes must be a number from 1 to " + MAX_NODES + ", got: " + count);
    }

    static Path home() {
        return Path.of(System.getProperty("vocelio.home", ".")).toAbsolutePath().normalize();
    }

    /** {@code VOCELIO_DATA_DIR}, by default {@code .vocelio} in the repository. */
    static Path dataDirectory(Path home, Map<String, String> env) {
        return Path.of(env.getOrDefault(
                        "VOCELIO_DATA_DIR", home.resolve(".vocelio").toString()))
                .toAbsolutePath()
                .normalize();
    }

    /**
     * Starts the database and {@code nodes} Payara Micro nodes over it on consecutive ports from {@code PORT}: the
     * first alone (it migrates the schema, makes the signing key and the demo organization), then the others together.
     * Ready when every node answers {@code /health}; SIGTERM or Ctrl-C stops every node (each drains) and then the
     * database.
     */
    static void run(Map<String, String> env, int nodes) throws Exception {
        Path home = home();
        Path dataDir = dataDirectory(home, env);
        int port = port(env.getOrDefault("PORT", "8080"));
        for (int i = 1; i < nodes; i++) {
            free(port + i, nodes);
        }
        // before anything starts: a refused setting leaves nothing running
        Path preBoot = preBootCommands(home.resolve("payara-config/pre-boot-commands.asadmin"), dataDir, env);
        boolean jsonLogs = jsonLogs(env);

        EmbeddedDatabase embedded = null;
        DatabaseSettings database;
        if (env.containsKey("DATABASE_URL") && !env.get("DATABASE_URL").isBlank()) {
            database = DatabaseSettings.fromEnvironment(env);
            database.check();
            System.out.println("Using the database at " + database.url());
        } else {
            System.out.println("Starting embedded PostgreSQL (data in " + dataDir.resolve("postgres") + ")");
            embedded = EmbeddedDatabase.start(dataDir.resolve("postgres"), 0, durable(env));
            database = embedded.settings();
            System.out.println("Embedded PostgreSQL at " + database.url()); // local connections are trusted
        }

        var appEnvironment = new HashMap<>(database.asEnvironment());
        boolean demo = !"production".equalsIgnoreCase(env.getOrDefault("VOCELIO_MODE", "development"));
        appEnvironment.put("VOCELIO_DEMO_ENABLED", Boolean.toString(demo));
        var cluster = new Cluster();
        final EmbeddedDatabase postgres = embedded;
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Vocelio");
            cluster.close();
            closeQuietly(postgres);
            stopped.countDown();
        }));
        try {
            for (int node = 0; node < nodes; node++) {
                var options = new PayaraMicroProcess.Options(
                                home.resolve("vocelio-launcher/target/runtime/payara-micro.jar"),
                                home.resolve("vocelio-web/target/vocelio.war"),
                                port + node,
                                preBoot,
                                jvmOptions(env),
                                dataDir.resolve(node == 0 ? "payara" : "payara-" + (node + 1)),
                                dataDir.resolve(node == 0 ? "logs/payara.log" : "logs/payara-" + (node + 1) + ".log"),
                                megabytes(env.getOrDefault("VOCELIO_LOG_MAX_MB", "20")) * 1024 * 1024,
                                count(env.getOrDefault("VOCELIO_LOG_FILES", "5")))
                        .withJsonLogs(jsonLogs);
                System.out.println(
                        "Starting Payara Micro on port " + options.port() + " (log in " + options.log() + ")");
                cluster.start(options, appEnvironment);
                if (node == 0) {
                    cluster.awaitStarted(); // the first node alone builds the schema and the shared key
                }
            }
            cluster.awaitStarted();
        } catch (Exception e) {
            cluster.close();
            closeQuietly(embedded);
            throw e;
        }

        if (demo) {
            System.out.println("Demo sign-in (created on an empty database; VOCELIO_MODE=production turns it off):");
            System.out.println("  admin       " + env.getOrDefault("VOCELIO_DEMO_ADMIN_EMAIL", "admin@demo.vocelio.dev")
                    + " / " + env.getOrDefault("VOCELIO_DEMO_PASSWORD", "vocelio-demo"));
            System.out.println("  supervisor  "
                    + env.getOrDefault("VOCELIO_DEMO_SUPERVISOR_EMAIL", "supervisor@demo.vocelio.dev") + " / "
                    + env.getOrDefault("VOCELIO_DEMO_PASSWORD", "vocelio-demo"));
        }
        System.out.println("Vocelio ready at "
                + String.join(
                        " ",
                        cluster.nodes().stream()
                                .map(node -> "http://localhost:" + node.port())
                                .toList())
                + (nodes > 1 ? " (" + nodes + " nodes, one database)" : ""));
        while (cluster.allAlive()) {
            Thread.sleep(500);
        }
        if (stopped.getCount() > 0) {
            for (PayaraMicroProcess node : cluster.nodes()) {
                if (!node.isAlive()) {
                    System.err.println("vocelio: Payara Micro on port " + node.port() + " stopped unexpectedly; see "
                            + node.log());
                }
            }
            System.exit(1);
        }
    }

    /**
     * The pre-boot commands; with {@code VOCELIO_METRICS_ENABLED=true}, followed by the lines that turn MicroProfile
     * Metrics ({@code /metrics}), OpenAPI ({@code /openapi}) and Health ({@code /mp-health}) back on. They answer only
     * callers with {@code VOCELIO_METRICS_TOKEN} (the application checks it), so turning them on without one is a
     * mistake said at once rather than endpoints that refuse everyone.
     */
    public static Path preBootCommands(Path commands, Path dataDir, Map<String, String> env) throws IOException {
        if (!Boolean.parseBoolean(
                env.getOrDefault("VOCELIO_METRICS_ENABLED", "false").strip())) {
            return commands;
        }
        if (env.getOrDefault("VOCELIO_METRICS_TOKEN", "").isBlank()) {
            throw new IllegalArgumentException("VOCELIO_METRICS_ENABLED=true needs VOCELIO_METRICS_TOKEN, the bearer"
                    + " token /metrics, /openapi and /mp-health will require (e.g. openssl rand -hex 32)");
        }
        Path withMetrics = dataDir.resolve("pre-boot-commands.asadmin");
        Files.createDirectories(dataDir);
        Files.writeString(
                withMetrics,
                Files.readString(commands)
                        + "\n# VOCELIO_METRICS_ENABLED=true\n"
                        + "set configs.config.server-config.microprofile-metrics-configuration.enabled=true\n"
                        + "set-openapi-configuration --enabled=true\n"
                        + "set-microprofile-healthcheck-configuration --enabled=true --endpoint=mp-health\n");
        return withMetrics;
    }

    /** {@code VOCELIO_LOG_FORMAT}: whether the log is JSON lines ({@code json}) or Payara's plain text ({@code plain}). */
    public static boolean jsonLogs(Map<String, String> env) {
        String format = env.getOrDefault("VOCELIO_LOG_FORMAT", "plain").strip().toLowerCase(java.util.Locale.ROOT);
        return switch (format) {
            case "plain", "" -> false;
            case "json" -> true;
            default -> throw new IllegalArgumentException("VOCELIO_LOG_FORMAT must be plain or json, got: " + format);
        };
    }

    private static List<String> jvmOptions(Map<String, String> env) {
        String options = env.getOrDefault("VOCELIO_JAVA_OPTS", "-Xmx512m");
        return Arrays.stream(options.trim().split("\\s+"))
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** {@code VOCELIO_DB_SYNCHRONOUS_COMMIT}: on (the default, durable) or off (faster, may lose the last commits). */
    private static boolean durable(Map<String, String> env) {
        String value = env.getOrDefault("VOCELIO_DB_SYNCHRONOUS_COMMIT", "on").strip();
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "on", "true" -> true;
            case "off", "false" -> false;
            default ->
                throw new IllegalArgumentException("VOCELIO_DB_SYNCHRONOUS_COMMIT must be on or off, got: " + value);
        };
    }

    private static long megabytes(String value) {
        try {
            long mb = Long.parseLong(value.trim());
            if (mb < 1) {
                throw new NumberFormatException();
            }
            return mb;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("VOCELIO_LOG_MAX_MB must be a whole number of megabytes, got: " + value);
        }
    }

    private static int count(String value) {
        try {
            int files = Integer.parseInt(value.trim());
            if (files < 1) {
                throw new NumberFormatException();
            }
            return files;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("VOCELIO_LOG_FILES must be 1 or more, got: " + value);
        }
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            try (var probe = new ServerSocket(port)) {
                probe.setReuseAddress(true);
            } catch (IOException e) {
                throw new IllegalArgumentException("PORT " + port + " is already in use");
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PORT must be a number from 1 to 65535, got: " + value);
        }
    }

    private static void free(int port, int nodes) {
        if (port > 65535) {
            throw new IllegalArgumentException("--nodes " + nodes + " needs ports up to " + port + ", past 65535");
        }
        try (var probe = new ServerSocket(port)) {
            probe.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "port " + port + " is already in use (--nodes " + nodes + " takes consecutive ports from PORT)");
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception e) {
                System.err.println("vocelio: while stopping: " + e.getMessage());
            }
        }
    }
}
