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
        boolean run = args.length == 1 && "run".equals(args[0]);
        boolean backup = args.length == 2 && ("backup".equals(args[0]) || "restore".equals(args[0]));
        if (!run && !backup) {
            System.err.println("usage: vocelio run | vocelio backup FILE | vocelio restore FILE");
            System.exit(2);
        }
        try {
            if (run) {
                run(System.getenv());
            } else {
                BackupCommand.run(args[0], Path.of(args[1]).toAbsolutePath(), home(), System.getenv());
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("vocelio: " + e.getMessage());
            System.exit(1);
        }
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

    static void run(Map<String, String> env) throws Exception {
        Path home = home();
        Path dataDir = dataDirectory(home, env);
        int port = port(env.getOrDefault("PORT", "8080"));
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

        var options = new PayaraMicroProcess.Options(
                        home.resolve("vocelio-launcher/target/runtime/payara-micro.jar"),
                        home.resolve("vocelio-web/target/vocelio.war"),
                        port,
                        preBoot,
                        jvmOptions(env),
                        dataDir.resolve("payara"),
                        dataDir.resolve("logs/payara.log"),
                        megabytes(env.getOrDefault("VOCELIO_LOG_MAX_MB", "20")) * 1024 * 1024,
                        count(env.getOrDefault("VOCELIO_LOG_FILES", "5")))
                .withJsonLogs(jsonLogs);
        System.out.println("Starting Payara Micro on port " + port + " (log in " + options.log() + ")");
        var appEnvironment = new HashMap<>(database.asEnvironment());
        boolean demo = !"production".equalsIgnoreCase(env.getOrDefault("VOCELIO_MODE", "development"));
        appEnvironment.put("VOCELIO_DEMO_ENABLED", Boolean.toString(demo));
        PayaraMicroProcess payara;
        try {
            payara = PayaraMicroProcess.start(options, appEnvironment);
        } catch (Exception e) {
            closeQuietly(embedded);
            throw e;
        }

        var stopped = new CountDownLatch(1);
        final EmbeddedDatabase postgres = embedded;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Vocelio");
            try {
                payara.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closeQuietly(postgres);
            stopped.countDown();
        }));
        if (demo) {
            System.out.println("Demo sign-in (created on an empty database; VOCELIO_MODE=production turns it off):");
            System.out.println("  admin       " + env.getOrDefault("VOCELIO_DEMO_ADMIN_EMAIL", "admin@demo.vocelio.dev")
                    + " / " + env.getOrDefault("VOCELIO_DEMO_PASSWORD", "vocelio-demo"));
            System.out.println("  supervisor  "
                    + env.getOrDefault("VOCELIO_DEMO_SUPERVISOR_EMAIL", "supervisor@demo.vocelio.dev") + " / "
                    + env.getOrDefault("VOCELIO_DEMO_PASSWORD", "vocelio-demo"));
        }
        System.out.println("Vocelio ready at http://localhost:" + port);
        while (payara.isAlive()) {
            Thread.sleep(500);
        }
        if (stopped.getCount() > 0) {
            System.err.println("vocelio: Payara Micro stopped unexpectedly; see " + payara.log());
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
