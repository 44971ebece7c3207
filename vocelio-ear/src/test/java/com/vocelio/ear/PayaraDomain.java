package com.vocelio.ear;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A fresh domain of the full Payara Server the build unpacked, driven with asadmin exactly as an operator would.
 * asadmin runs on this JVM's own java (no reliance on the scripts' exec bits or on PATH), and every command is bounded
 * so that a stuck server can never hang the build.
 */
final class PayaraDomain implements AutoCloseable {

    private static final String NAME = "vocelio-it";
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(3);

    /** Client compiler only, for the server and for each asadmin command (a JVM that lives a few seconds). */
    private static final String CLIENT_COMPILER = "-XX:TieredStopAtLevel=1";

    private final Path home;
    private final Path work;
    private final int adminPort;

    private PayaraDomain(Path home, Path work, int adminPort) {
        this.home = home;
        this.work = work;
        this.adminPort = adminPort;
    }

    /** @param domainProperties {@code create-domain --domainproperties}: every port the domain opens */
    static PayaraDomain create(Path home, Path work, int adminPort, String domainProperties) throws Exception {
        var domain = new PayaraDomain(home, work, adminPort);
        Files.createDirectories(work);
        if (Files.exists(domain.directory())) { // the previous run's, kept until now for its server.log
            domain.asadmin(Map.of(), "delete-domain", NAME);
        }
        domain.asadmin(Map.of(), "create-domain", "--nopassword", "--domainproperties", domainProperties, NAME);
        domain.clientCompilerOnly();
        return domain;
    }

    /**
     * The server's JVM with the client compiler only, as the suite's Payara Micro nodes run: a server started for
     * one test class spends its CPU starting, where the server compiler (C2) costs more than it repays, and on two
     * cores that CPU is taken from the test. Written into the new domain's {@code domain.xml} next to Payara's own
     * {@code -server}, before the first start.
     */
    private void clientCompilerOnly() throws IOException {
        var config = directory().resolve("config/domain.xml");
        String xml = Files.readString(config);
        String server = "<jvm-options>-server</jvm-options>";
        if (!xml.contains(server)) {
            throw new IllegalStateException("no " + server + " in " + config + " to add the compiler option next to");
        }
        Files.writeString(config, xml.replace(server, server + "<jvm-options>" + CLIENT_COMPILER + "</jvm-options>"));
    }

    /** Starts the domain; the server process inherits {@code environment} (verified: MicroProfile Config reads it). */
    void start(Map<String, String> environment) throws Exception {
        // What payara-config/pre-boot-commands.asadmin does on Payara Micro, in full Server's words (its listener
        // names differ): Payara's MicroProfile Health would shadow the application's /health, and MicroProfile
        // Config must not cache the token verification key read before the application published it.
        var preBoot = Files.writeString(
                work.resolve("pre-boot-commands.asadmin"),
                "set-microprofile-healthcheck-configuration --endpoint=mp-health\n");
        asadmin(environment, "start-domain", "--timeout", "120", "--prebootcommandfile", preBoot.toString(), NAME);
    }

    void deploy(Path archive) throws Exception {
        asadmin(Map.of("AS_ADMIN_PORT", String.valueOf(adminPort)), "deploy", archive.toString());
    }

    /** The last lines of server.log, where Payara says why a deployment failed. */
    String serverLogTail(int lines) {
        try {
            var all = Files.readAllLines(directory().resolve("logs/server.log"));
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no server.log: " + e + ")";
        }
    }

    /** Stops the server gracefully, and kills it if that does not work. */
    @Override
    public void close() throws Exception {
        var pidFile = directory().resolve("config/pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        try {
            asadmin(Map.of(), "stop-domain", NAME);
        } finally {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private Path directory() {
        return home.resolve("glassfish/domains").resolve(NAME);
    }

    private void asadmin(Map<String, String> environment, String subcommand, String... arguments) throws Exception {
        var command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                CLIENT_COMPILER,
                "-jar",
                home.resolve("glassfish/lib/client/appserver-cli.jar").toString(),
                "--interactive=false",
                subcommand));
        command.addAll(List.of(arguments));
        // a file, not a pipe: the server started by start-domain inherits asadmin's output and would hold a pipe open
        var output = work.resolve("asadmin-" + subcommand + ".log");
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        long started = System.nanoTime();
        var process = builder.start();
        if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("asadmin " + subcommand + " timed out after " + COMMAND_TIMEOUT);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("asadmin " + subcommand + " failed:\n" + Files.readString(output));
        }
        System.out.printf("asadmin %s: %d ms%n", subcommand, (System.nanoTime() - started) / 1_000_000);
    }
}
