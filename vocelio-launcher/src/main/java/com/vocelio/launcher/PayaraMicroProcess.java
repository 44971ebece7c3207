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
import java.util.stream.Stream;

/**
 * Payara Micro running the fat war in a child process. Ready means {@code GET /health} answers 200: Payara logs
 * "ready" even when the deployment failed, so its word is not taken.
 */
public final class PayaraMicroProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private final Process process;
    private final Path log;
    private final int port;

    private PayaraMicroProcess(Process process, Path log, int port) {
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
        var builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(options.log().toFile()));
        builder.environment().putAll(environment);
        var payara = new PayaraMicroProcess(builder.start(), options.log(), options.port());
        try {
            payara.awaitReady();
        } catch (IOException | RuntimeException | InterruptedException e) {
            payara.close();
            throw e;
        }
        return payara;
    }

    private void awaitReady() throws IOException, InterruptedException {
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

    private boolean startupFinished() throws IOException {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.anyMatch(line -> line.contains("Payara Micro") && line.contains("ready in"));
        }
    }

    /** The log's severe lines: what a person needs to see when the start failed. */
    private String problems() throws IOException {
        try (Stream<String> lines = Files.lines(log)) {
            var severe = lines.filter(
                            line -> line.contains("SEVERE") || line.contains("Exception") || line.contains("Caused by"))
                    .limit(40)
                    .toList();
            return (severe.isEmpty() ? "(no errors logged)" : String.join("\n", severe)) + "\nFull log: " + log;
        }
    }

    public URI baseUri() {
        return URI.create("http://localhost:" + port + "/");
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
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
    }

    private static void requireFile(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("The " + what + " is missing: " + file + " (build it with ./mvnw package)");
        }
    }

    /** How to launch Payara Micro. */
    public record Options(
            Path payaraJar,
            Path war,
            int port,
            Path preBootCommands,
            List<String> jvmOptions,
            Path rootDirectory,
            Path log) {}
}
