package com.vocelio.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Payara Micro running the fat war in a child process. Ready means {@code GET /health} answers 200: Payara logs
 * "ready" even when the deployment failed, so its word is not taken.
 */
public final class PayaraMicroProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private final Process process;
    private final ProcessLog log;
    private final int port;

    private PayaraMicroProcess(Process process, ProcessLog log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * @param options the launch: runtime jar, war, port, pre-boot commands, JVM options, log file
     * @param environment added to this process's environment (the database settings)
     */
    public static PayaraMicroProcess start(Options options, Map<String, String> environment)
            throws IOException, InterruptedException {
        requireFile(options.payaraJar(), "Payara Micro runtime");
        requireFile(options.war(), "application war");
        Files.createDirectories(options.log().getParent());
        // A runtime directory from an earlier start already lists the application in its domain.xml: Payara would
        // deploy it twice and reload it without its context root. All state is in PostgreSQL; start clean.
        Directories.deleteRecursively(options.rootDirectory());
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options.jvmOptions());
        command.addAll(List.of(
                "-jar",
                options.payaraJar().toString(),
                "--deploy",
                options.war().toString(),
                "--contextroot",
                "/",
                "--port",
                Integer.toString(options.port()),
                "--nocluster",
                "--rootdir",
                options.rootDirectory().toString()));
        if (options.preBootCommands() != null && Files.isRegularFile(options.preBootCommands())) {
            command.addAll(
                    List.of("--prebootcommandfile", options.preBootCommands().toString()));
        }
        if (options.jsonLogs()) {
            command.addAll(List.of("--logproperties", jsonLogProperties(options).toString()));
        }
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        var log = ProcessLog.start(
                process.getInputStream(),
                options.log(),
                options.logMaxBytes(),
                options.logFiles(),
                "---- " + java.time.OffsetDateTime.now() + " starting Payara Micro on port " + options.port() + " ----",
                options.jsonLogs());
        var payara = new PayaraMicroProcess(process, log, options.port());
        try {
            payara.awaitReady();
        } catch (RuntimeException | InterruptedException e) {
            payara.close();
            throw e;
        }
        return payara;
    }

    /**
     * Payara's logging.properties for JSON lines from its first line on: its own {@code JSONLogFormatter} (the
     * application's formatter, which adds the request id, takes over once it is deployed and uses the same field
     * names). Payara Micro's other defaults are INFO levels, kept by {@code .level}.
     */
    private static Path jsonLogProperties(Options options) throws IOException {
        Path file =
                options.rootDirectory().resolveSibling(options.rootDirectory().getFileName() + "-logging.properties");
        Files.writeString(
                file,
                """
                # written by the Vocelio launcher for VOCELIO_LOG_FORMAT=json
                handlers=java.util.logging.ConsoleHandler
                java.util.logging.ConsoleHandler.formatter=fish.payara.enterprise.server.logging.JSONLogFormatter
                java.util.logging.ConsoleHandler.level=FINE
                .level=INFO
                org.hibernate.validator.internal.util.Version.level=WARNING
                """);
        return file;
    }

    private void awaitReady() throws InterruptedException {
        var client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        var health = HttpRequest.newBuilder(baseUri().resolve("/health"))
                .timeout(Duration.ofSeconds(5))
                .build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Payara Micro exited with " + process.exitValue() + ":\n" + problems());
            }
            try {
                int status = client.send(health, HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                if (status == 200) {
                    return;
                }
                if (startupFinished()) {
                    throw new IllegalStateException(
                            "Payara Micro started but the application did not deploy (GET /health → " + status + "):\n"
                                    + problems());
                }
            } catch (IOException notListeningYet) {
                // keep waiting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(
                "Payara Micro did not become ready within " + START_TIMEOUT + ":\n" + problems());
    }

    private boolean startupFinished() {
        return log.startupFinished();
    }

    /** This run's severe lines: what a person needs to see when the start failed. */
    private String problems() {
        var severe = log.problems();
        return (severe.isEmpty() ? "(no errors logged)" : String.join("\n", severe)) + "\nFull log: " + log.file();
    }

    public URI baseUri() {
        return URI.create("http://localhost:" + port + "/");
    }

    public int port() {
        return port;
    }

    /** The operating system's id of the Payara Micro process. */
    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log.file();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        log.awaitEnd(Duration.ofSeconds(5));
    }

    private static void requireFile(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("The " + what + " is missing: " + file + " (build it with ./mvnw package)");
        }
    }

    /**
     * How to launch Payara Micro. Its output is appended to {@code log}, which rotates past {@code logMaxBytes}
     * keeping {@code logFiles} older files; with {@code jsonLogs} every line of it is a JSON object.
     */
    public record Options(
            Path payaraJar,
            Path war,
            int port,
            Path preBootCommands,
            List<String> jvmOptions,
            Path rootDirectory,
            Path log,
            long logMaxBytes,
            int logFiles,
            boolean jsonLogs) {

        public static final long DEFAULT_LOG_MAX_BYTES = 20L * 1024 * 1024;
        public static final int DEFAULT_LOG_FILES = 5;

        public Options(
                Path payaraJar,
                Path war,
                int port,
                Path preBootCommands,
                List<String> jvmOptions,
                Path rootDirectory,
                Path log) {
            this(
                    payaraJar,
                    war,
                    port,
                    preBootCommands,
                    jvmOptions,
                    rootDirectory,
                    log,
                    DEFAULT_LOG_MAX_BYTES,
                    DEFAULT_LOG_FILES,
                    false);
        }

        public Options(
                Path payaraJar,
                Path war,
                int port,
                Path preBootCommands,
                List<String> jvmOptions,
                Path rootDirectory,
                Path log,
                long logMaxBytes,
                int logFiles) {
            this(payaraJar, war, port, preBootCommands, jvmOptions, rootDirectory, log, logMaxBytes, logFiles, false);
        }

        /** The same launch, logging JSON lines or not. */
        public Options withJsonLogs(boolean jsonLogs) {
            return new Options(
                    payaraJar,
                    war,
                    port,
                    preBootCommands,
                    jvmOptions,
                    rootDirectory,
                    log,
                    logMaxBytes,
                    logFiles,
                    jsonLogs);
        }
    }
}
