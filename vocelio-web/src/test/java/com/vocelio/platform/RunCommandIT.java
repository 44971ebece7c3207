package com.vocelio.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vocelio.launcher.Directories;
import com.vocelio.testing.TestServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * {@code ./vocelio run} as a newcomer uses it: ready line once HTTP answers, the demo sign-in works, data kept across
 * a stop (SIGTERM, as Ctrl-C) and a start on the same data directory, and a clear, immediate failure for a database
 * it cannot reach.
 *
 * Runs beside the suite's sequence (junit-platform.properties): its server, database and data directory are its own.
 */
@Execution(ExecutionMode.CONCURRENT)
class RunCommandIT {

    private static final Path HOME =
            Path.of(System.getProperty("vocelio.it.home", "..")).toAbsolutePath();
    private static final Path DATA = Path.of(System.getProperty("vocelio.it.work", "target/it"))
            .toAbsolutePath()
            .resolve("run-command");

    @Test
    void dataSurvivesAStopAndAStartOnTheSameDataDirectory() throws Exception {
        Directories.deleteRecursively(DATA);
        int port = freePort();
        var http = HttpClient.newHttpClient();
        var base = URI.create("http://localhost:" + port);

        var first = start(Map.of("PORT", Integer.toString(port), "VOCELIO_DATA_DIR", DATA.toString()));
        awaitLine(first, "Vocelio ready at http://localhost:" + port);
        var created = http.send(
                HttpRequest.newBuilder(base.resolve("/api/departments"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + signInAsDemoAdmin(http, base))
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"name\":\"Kept\",\"phone_number\":\"+15551230003\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        stop(first);

        var second = start(Map.of("PORT", Integer.toString(port), "VOCELIO_DATA_DIR", DATA.toString()));
        awaitLine(second, "Vocelio ready at");
        var listed = http.send(
                HttpRequest.newBuilder(base.resolve("/api/departments"))
                        .header("Authorization", "Bearer " + signInAsDemoAdmin(http, base))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        stop(second);
        assertTrue(listed.body().contains("\"name\":\"Kept\""), listed.body());
    }

    @Test
    void anUnreachableDatabaseFailsAtOnceSayingWhatIsWrong() throws Exception {
        var run = start(Map.of(
                "PORT", Integer.toString(freePort()),
                "VOCELIO_DATA_DIR", DATA.resolve("unused").toString(),
                "DATABASE_URL", "jdbc:postgresql://localhost:" + freePort() + "/vocelio"));
        var output = CompletableFuture.supplyAsync(() -> readAll(run));
        assertTrue(run.waitFor(30, TimeUnit.SECONDS), "the run command should give up at once");
        assertNotEquals(0, run.exitValue());
        assertTrue(output.get(5, TimeUnit.SECONDS).contains("Cannot connect to DATABASE_URL"), output.get());
    }

    /** The demo organization the run command creates on an empty database (outside production mode). */
    private static String signInAsDemoAdmin(HttpClient http, URI base) throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(base.resolve("/auth/login"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"email\":\"admin@demo.vocelio.dev\",\"password\":\"vocelio-demo\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        var matcher = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(response.body());
        assertTrue(matcher.find(), response.body());
        return matcher.group(1);
    }

    private static Process start(Map<String, String> env) throws IOException {
        var builder = new ProcessBuilder(HOME.resolve("vocelio").toString(), "run")
                .directory(HOME.toFile())
                .redirectErrorStream(true);
        builder.environment().remove("DATABASE_URL");
        // the suite's JVM for Payara (TestServer.NODE_JVM), through the variable an operator would set
        builder.environment().put("VOCELIO_JAVA_OPTS", String.join(" ", TestServer.NODE_JVM));
        builder.environment().putAll(env);
        return builder.start();
    }

    private static void awaitLine(Process process, String expected) throws Exception {
        var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        var seen = new StringBuilder();
        var found = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line; (line = reader.readLine()) != null; ) {
                    seen.append(line).append('\n');
                    if (line.contains(expected)) {
                        return true;
                    }
                }
                return false;
            } catch (IOException e) {
                return false;
            }
        });
        try {
            assertTrue(found.get(240, TimeUnit.SECONDS), "no '" + expected + "' in:\n" + seen);
        } catch (java.util.concurrent.TimeoutException e) {
            process.destroyForcibly();
            throw new AssertionError("timed out waiting for '" + expected + "' in:\n" + seen, e);
        }
        // keep draining so the child never blocks on a full pipe
        CompletableFuture.runAsync(() -> readAll(process));
    }

    private static void stop(Process process) throws InterruptedException {
        var children = process.descendants().toList();
        process.destroy(); // SIGTERM, like Ctrl-C: the shutdown hook stops Payara Micro and PostgreSQL
        boolean stopped = process.waitFor(60, TimeUnit.SECONDS);
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly); // never leave any
        assertTrue(stopped, "the run command should stop within a minute");
    }

    private static String readAll(Process process) {
        try {
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
