package com.vocelio.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ./vocelio backup FILE} and {@code ./vocelio restore FILE} against the database {@code ./vocelio run} uses:
 * {@code DATABASE_URL}, else the embedded one in {@code VOCELIO_DATA_DIR}. A backup reads a running embedded database
 * where it runs (its port is in PostgreSQL's own {@code postmaster.pid}); otherwise it starts it for the while. A
 * restore writes only into a database no application runs on.
 */
final class BackupCommand {

    private BackupCommand() {}

    static void run(String command, Path file, Path home, Map<String, String> env) throws Exception {
        Path dataDir = Main.dataDirectory(home, env);
        if (env.containsKey("DATABASE_URL") && !env.get("DATABASE_URL").isBlank()) {
            var database = DatabaseSettings.fromEnvironment(env);
            database.check();
            perform(command, file, home, database);
            return;
        }
        Path postgres = dataDir.resolve("postgres");
        Optional<Integer> running = runningPort(postgres);
        if (running.isPresent()) {
            if (command.equals("restore")) {
                throw new IllegalStateException("the embedded database in " + postgres
                        + " is running (./vocelio run?); stop it first, or restore into another VOCELIO_DATA_DIR");
            }
            perform(
                    command,
                    file,
                    home,
                    new DatabaseSettings(
                            "jdbc:postgresql://localhost:" + running.get() + "/" + EmbeddedDatabase.NAME,
                            EmbeddedDatabase.USER,
                            EmbeddedDatabase.PASSWORD));
            return;
        }
        if (command.equals("backup") && !Files.isDirectory(postgres)) {
            throw new IllegalStateException("no embedded database in " + postgres + " (set VOCELIO_DATA_DIR?)");
        }
        try (var embedded = EmbeddedDatabase.start(postgres, 0, true)) {
            perform(command, file, home, embedded.settings());
        }
    }

    private static void perform(String command, Path file, Path home, DatabaseSettings database) throws Exception {
        if (command.equals("backup")) {
            var summary = Backups.backup(database, file);
            System.out.printf(
                    "Backed up %d rows of %d tables (schema at changeset %d) to %s%n",
                    summary.rows(), summary.tables(), summary.changesets(), file);
        } else {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("no backup file " + file);
            }
            var summary = Backups.restore(database, file, home.resolve("src/main"));
            System.out.printf(
                    "Restored %d rows of %d tables from %s into %s%n",
                    summary.rows(), summary.tables(), file, database.url());
        }
    }

    /** The port of the PostgreSQL serving this data directory, when one does (its postmaster.pid names a live process). */
    static Optional<Integer> runningPort(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.size() < 4) {
            return Optional.empty();
        }
        boolean alive = ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
                .map(ProcessHandle::isAlive)
                .orElse(false);
        return alive ? Optional.of(Integer.parseInt(lines.get(3).strip())) : Optional.empty();
    }
}
